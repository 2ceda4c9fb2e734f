"""``evidence USE`` by layer: the answer from typed inputs at the core, the words from a hand-made answer."""

from __future__ import annotations

import msgspec
import pytest

from magref import dataset, doses
from magref.dosing import ADULT_AGE, UpperLimit
from magref.model import Finding, StudiedDose, Use
from magref.region import Region
from magref.render import dose_views, plain

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


# -- the core ------------------------------------------------------------------------------------------


def test_the_answer_is_the_use_and_its_doses_as_json_prints_them() -> None:
    answer = doses.evidence(DATA, "constipation")
    document = answer.json
    assert [use.id for use in document.items] == ["constipation"]
    studied = document.doses
    assert (studied.id, studied.age_years, studied.region) == ("constipation", ADULT_AGE, "us")
    assert studied.upper_limit.mg == 350 and studied.needs_clinician
    oxide = studied.doses[0]
    assert (oxide.basis, oxide.form, oxide.elemental_derived, oxide.status) == (
        "compound",
        "oxide",
        True,
        "over",
    )
    assert oxide.elemental_high_mg == pytest.approx(1500 * 0.603, abs=1)
    assert [row.status for row in studied.doses] == [check.status for check in answer.doses.doses]
    # the words are the render layer's: the core leaves them empty
    assert studied.message == "" and all(row.message == "" for row in studied.doses)
    assert "mori-2019" in [source.id for source in answer.sources]


def test_the_region_sets_the_limit_the_doses_are_held_against() -> None:
    answer = doses.evidence(DATA, "migraine", Region("uk"))
    studied = answer.json.doses
    assert studied.region == "uk" and studied.upper_limit.mg == answer.doses.upper.mg
    assert studied.needs_clinician is (studied.upper_limit.mg is not None and studied.upper_limit.mg < 600)


def test_a_dose_whose_basis_is_not_stated_is_read_both_ways() -> None:
    dose = StudiedDose(
        low_mg=500, high_mg=500, basis="not-stated", form="oxide", duration="8 weeks", who="adults",
        sources=["ods-hp"],
    )  # fmt: skip
    finding = Finding(
        context="A setting", grade="limited", text="A finding.", studied=["adults"], not_studied=[],
        doses=[dose], sources=["ods-hp"],
    )  # fmt: skip
    use = Use(
        id="made", name="Made use", grade="limited", summary="Made.", studied=["adults"], not_studied=[],
        findings=[finding], sources=["ods-hp"],
    )  # fmt: skip
    [row] = doses.use_doses_document(doses.use_doses(DATA, use)).doses
    assert (row.status, row.over_if_elemental, row.elemental_high_mg) == ("basis-not-stated", True, None)
    assert row.compound_reading_high_mg == pytest.approx(500 * 0.603, abs=1)
    assert (row.finding, row.duration, row.who) == ("A setting", "8 weeks", "adults")


# -- the view ------------------------------------------------------------------------------------------


def made_answer() -> doses.EvidenceAnswer:
    """An answer built by hand: one use with one elemental dose over a 300 mg limit."""
    dose = StudiedDose(
        low_mg=400, high_mg=400, basis="elemental", duration="12 weeks", who="adults with cramps",
        sources=["ods-hp"],
    )  # fmt: skip
    finding = Finding(
        context="Night cramps", grade="limited", text="Made.", studied=["adults"], not_studied=[],
        doses=[dose], sources=["ods-hp"],
    )  # fmt: skip
    use = Use(
        id="made", name="Made use", grade="limited", summary="Made.", studied=["adults"], not_studied=[],
        findings=[finding], sources=["ods-hp"],
    )  # fmt: skip
    upper = UpperLimit(
        region=Region("us"), authority="Made board", term="UL", name="Made level",
        counts="supplements", mg=300, mg_per_kg=None, reason=None, sources=["ods-hp"],
    )  # fmt: skip
    check = doses.DoseCheck(
        finding="Night cramps", grade="limited", dose=dose, status="over", elemental_low_mg=400,
        elemental_high_mg=400,
    )  # fmt: skip
    # the use's own figures, then the limit and the dose set by hand
    used = msgspec.structs.replace(doses.use_doses(DATA, use), upper=upper, doses=[check])
    return doses.EvidenceAnswer(
        json=doses.UseEvidenceDocument(items=[use], doses=doses.use_doses_document(used)), doses=used
    )


def test_the_json_is_the_answer_with_its_doses_worded() -> None:
    answer = made_answer()
    worded = msgspec.to_builtins(dose_views.worded_evidence(answer))
    assert worded["items"][0]["id"] == "made"
    studied = worded["doses"]
    assert studied["message"] == (
        "Doses studied for Made use pass the upper limit for adults (us: 300 mg elemental a day from "
        "supplements, Made board): take doses like these only with a doctor's advice."
    )
    [row] = studied["doses"]
    assert row["message"].startswith("400 mg of elemental magnesium a day (12 weeks): adults with cramps.")
    assert "Over the upper limit for supplements (300 mg elemental a day)" in row["message"]
    # every other key is the answer's own
    assert {**row, "message": ""} == msgspec.to_builtins(answer.json.doses.doses[0])


def test_the_page_words_the_doses_from_the_answer() -> None:
    shown = text(dose_views.evidence_document(made_answer()))
    assert "Doses studied" in shown
    assert "Night cramps: 400 mg of elemental magnesium a day (12 weeks)" in shown
