"""Uses people ask about: each answers to the words people type, cites its sources, and says how
the trials' doses were weighed (elemental, compound, or not said) and given (by mouth or by drip).
"""

from __future__ import annotations

import re

import pytest

from magref import dataset, lookup
from magref.model import StudiedDose, Use

from .conftest import Run

CATALOG = dataset.load(use_cache=False)
DATA = CATALOG.to_dataset()
USES = {use.id: use for use in DATA.uses}
SOURCE_IDS = {source.id for source in DATA.sources}

#: Each use added or extended for the questions people bring, and words they type for it.
ALIASES: dict[str, list[str]] = {
    "restless-legs": ["restless legs", "RLS", "restless leg syndrome", "Willis-Ekbom disease"],
    "pms": ["PMS", "PMT", "premenstrual syndrome", "period cramps", "period pain", "PMDD"],
    "heart-rhythm": ["afib", "a fib", "AFib", "atrial fibrillation", "palpitations", "arrhythmia"],
    "depression": ["depression", "depressed", "depressive symptoms"],
    "asthma": ["asthma", "asthma attack"],
    "type-2-diabetes": ["prediabetes", "insulin resistance", "blood sugar", "borderline diabetes"],
    "blood-pressure": ["hypertension", "high blood pressure", "high bp"],
    "bone-health": ["osteoporosis", "bone density", "osteopenia", "brittle bones"],
}
CASES = [(use_id, alias) for use_id, aliases in ALIASES.items() for alias in aliases]

#: Words in a finding that say the paper gave no basis for its milligrams.
NOT_SAID = re.compile(r"not (say|said|stated|given)|without saying", re.IGNORECASE)


def doses_of(use: Use) -> list[tuple[str, StudiedDose]]:
    return [(finding.context, dose) for finding in use.findings for dose in finding.doses]


@pytest.mark.parametrize(("use_id", "alias"), CASES)
def test_each_use_is_found_by_the_words_people_type(use_id: str, alias: str) -> None:
    assert lookup.find_use(CATALOG, alias).id == use_id


@pytest.mark.parametrize(("use_id", "alias"), CASES)
def test_evidence_answers_each_alias_on_the_command_line(magref: Run, use_id: str, alias: str) -> None:
    result = magref("evidence", *alias.split(), "--json")
    assert result.code == 0, result.stderr
    assert [item["id"] for item in result.json["items"]] == [use_id]


@pytest.mark.parametrize("use_id", ALIASES)
def test_every_finding_cites_known_sources_that_the_use_lists(use_id: str) -> None:
    use = USES[use_id]
    assert use.findings, f"{use_id} has no findings"
    for finding in use.findings:
        assert finding.sources and set(finding.sources) <= SOURCE_IDS, finding.context
        assert set(finding.sources) <= set(use.sources), f"{use_id}: {finding.context}"
        for dose in finding.doses:
            assert set(dose.sources) <= set(finding.sources), f"{use_id}: {finding.context}"


@pytest.mark.parametrize("use_id", ALIASES)
def test_a_dose_without_a_stated_basis_is_said_to_be_so(use_id: str) -> None:
    """A "not-stated" dose is flagged in the finding's words, so no reader takes it as elemental."""
    for finding in USES[use_id].findings:
        for dose in finding.doses:
            assert dose.basis in ("elemental", "compound", "not-stated")
            assert dose.low_mg <= dose.high_mg, finding.context
            if dose.basis == "not-stated":
                assert NOT_SAID.search(f"{finding.text} {dose.who}"), f"{use_id}: {finding.context}"


def test_the_new_uses_carry_the_doses_the_trials_gave() -> None:
    with_doses = {use_id for use_id in ALIASES if doses_of(USES[use_id])}
    assert with_doses == set(ALIASES), f"no doses for {set(ALIASES) - with_doses}"


@pytest.mark.parametrize(
    ("use_id", "mg", "basis", "form"),
    [
        ("depression", 248, "elemental", "chloride"),
        ("type-2-diabetes", 382, "elemental", "chloride"),
        ("blood-pressure", 368, "elemental", None),
        ("bone-health", 300, "elemental", "oxide"),
        ("pms", 200, "elemental", "oxide"),
        ("restless-legs", 250, "not-stated", "oxide"),
        ("heart-rhythm", 400, "not-stated", "oxide"),
    ],
)
def test_doses_read_from_the_papers(use_id: str, mg: float, basis: str, form: str | None) -> None:
    found = [(d.low_mg, d.basis, d.form) for _, d in doses_of(USES[use_id])]
    assert (mg, basis, form) in found


def test_hospital_treatments_are_never_given_as_supplement_doses() -> None:
    """A drip or nebuliser in hospital is not a supplement: no oral dose under it, and it says so."""
    drips = [
        (u.id, f)
        for u in DATA.uses
        for f in u.findings
        if re.search(r"into a vein|intravenous", f"{f.context} {f.text}", re.IGNORECASE)
    ]
    assert len(drips) >= 4
    for use_id, finding in drips:
        assert "hospital" in f"{finding.context} {finding.text}", f"{use_id}: {finding.context}"
        assert all(dose.route != "oral" for dose in finding.doses), f"{use_id}: {finding.context}"


def test_oral_magnesium_for_heart_rhythm_and_asthma_is_not_graded_on_hospital_drips() -> None:
    for use_id in ("heart-rhythm", "asthma"):
        use = USES[use_id]
        assert use.grade == "insufficient"
        oral = [f for f in use.findings if "by mouth" in f.context.lower()]
        assert oral and all(f.grade == "insufficient" for f in oral), use_id


def test_insufficient_evidence_is_said_plainly() -> None:
    for use in DATA.uses:
        if use.grade == "insufficient":
            assert "not enough evidence" in use.summary.lower(), use.id


def test_period_pain_is_not_graded_on_the_premenstrual_trials() -> None:
    pms = USES["pms"]
    pain = next(f for f in pms.findings if "period pain" in f.context.lower())
    assert pain.grade == "insufficient"
    assert "not enough evidence" in pms.summary.lower()


def test_evidence_afib_prints_the_answer_and_its_sources(magref: Run) -> None:
    result = magref("evidence", "afib", env={"COLUMNS": "100"})
    assert result.code == 0
    text = " ".join(result.stdout.split())
    assert "Heart rhythm (atrial fibrillation and palpitations): evidence insufficient" in text
    assert "not a supplement" in text
    assert "[ho-2007]" in text and "[lutsey-2018]" in text


def test_evidence_json_carries_the_doses(magref: Run) -> None:
    items = magref("evidence", "restless", "legs", "--json").json["items"]
    doses = [dose for finding in items[0]["findings"] for dose in finding["doses"]]
    assert {dose["basis"] for dose in doses} == {"elemental", "not-stated"}
    assert all(dose["route"] == "oral" and dose["sources"] for dose in doses)


def test_search_finds_restless_legs(magref: Run) -> None:
    result = magref("search", "does", "magnesium", "help", "restless", "legs", "--json")
    assert result.code == 0
    assert ("use", "restless-legs") in [(hit["kind"], hit["id"]) for hit in result.json["hits"]]
