"""``dose`` and ``regions`` by layer: answers from typed inputs at the core, views from hand-made answers."""

from __future__ import annotations

import msgspec

from magref import dataset, dosing
from magref.dosing import (
    CompareAnswer,
    DoseAnswer,
    DoseDocument,
    RegionsAnswer,
    RegionsCompared,
    RegionsDocument,
    RegionTargets,
    TargetDocument,
    UpperLimitDocument,
)
from magref.model import Claim, IntakeBand, ReferenceValues, Source, Term, UpperLevel, UpperLimitBand
from magref.region import Region
from magref.render import plain
from magref.render.dosing_views import compare_document, dose_document, region_document, regions_document

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    return plain.paint(document, 200)  # type: ignore[arg-type]


# -- the core ------------------------------------------------------------------------------------------


def test_a_dose_answer_holds_both_sexes_the_notes_and_every_cited_source() -> None:
    answer = dosing.dose(DATA, 30)
    assert [t.sex for t in answer.json.targets] == ["female", "male"]
    female, male = answer.json.targets
    assert (female.rda_mg, male.rda_mg, female.ul_supplemental_mg) == (310, 400, 350)
    assert female.upper_limit.mg == 350 and female.unit == "mg elemental magnesium per day"
    assert female.notes == [note.text for note in answer.notes] and answer.notes
    cited = {s for n in answer.notes for s in n.sources} | set(female.sources)
    assert {s.id for s in answer.sources} == cited
    assert answer.values.id == Region.US


def test_a_dose_answer_for_pregnancy_is_one_female_target() -> None:
    answer = dosing.dose(DATA, 30, stage="pregnancy", region=Region.EU)
    [target] = answer.json.targets
    assert (target.sex, target.life_stage, target.region) == ("female", "pregnancy", "eu")
    assert target.rda_kind == "AI"


def test_the_json_of_a_dose_is_the_answer_encoded_in_the_contracts_order() -> None:
    answer = dosing.dose(DATA, 30, "female")
    keys = list(msgspec.to_builtins(answer.json)["targets"][0])
    assert keys[:4] == ["region", "authority", "age_years", "sex"]
    assert keys[-3:] == ["unit", "notes", "sources"]


def test_comparing_regions_gives_every_region_in_order_with_no_notes() -> None:
    answer = dosing.compare(DATA, 30, "male")
    assert [r.region for r in answer.json.regions] == [str(region) for region in Region]
    assert all(len(r.targets) == 1 and r.targets[0].notes == [] for r in answer.json.regions)
    assert {s.id for s in answer.sources} == {s for r in answer.json.regions for s in r.targets[0].sources}
    both = dosing.compare(DATA, 30)
    assert [t.sex for t in both.json.regions[0].targets] == ["female", "male"]


def test_the_regions_answer_has_each_regions_adult_upper_level() -> None:
    answer = dosing.regions(DATA)
    assert len(answer.adults) == len(answer.json.items) == len(Region)
    us = [a for v, a in zip(answer.json.items, answer.adults, strict=True) if v.id == Region.US]
    assert us[0].mg == 350
    one = dosing.region(DATA, "efsa")
    assert [v.id for v in one.json.items] == [Region.EU] and one.adults == []
    assert {s.id for s in one.sources} >= set(one.json.items[0].sources)


# -- the views -----------------------------------------------------------------------------------------

UPPER = UpperLimitDocument(
    term="UL", name="Upper Level", authority="Board", counts="supplements", mg=250, mg_per_kg=None,
    reason=None, sources=["s1"],
)  # fmt: skip


def target(sex: str, rda: int | None, reason: str | None = None) -> TargetDocument:
    return TargetDocument(
        region="us", authority="Board", age_years=40, sex=sex, life_stage=None,  # type: ignore[arg-type]
        rda_mg=rda, rda_kind="RDA", term_name="Daily Amount", reason=reason, note=None,
        ul_supplemental_mg=250, upper_limit=UPPER, unit="mg elemental magnesium per day", notes=[],
        sources=["s1"],
    )  # fmt: skip


VALUES = ReferenceValues(
    id=Region.US, name="Testland", authority="Board", publication="The Tables", year=2001,
    terms=[Term(abbr="RDA", name="Daily Amount")],
    intake=[IntakeBand(min_age=0, max_age=None, term="RDA", male=400, female=300, sources=["s1"])],
    upper=UpperLevel(
        term="UL", name="Upper Level", authority="Board", counts="supplements",
        bands=[UpperLimitBand(min_age=0, max_age=None, mg=250, sources=["s1"])], sources=["s1"],
    ),
    notes=[Claim(text="Eat greens.", sources=["s1"])], sources=["s1"],
)  # fmt: skip
SOURCE = Source(id="s1", title="The Tables", year=2001)


def test_the_dose_view_words_one_target_from_the_answer() -> None:
    answer = DoseAnswer(
        json=DoseDocument(targets=[target("female", 300)]),
        values=VALUES,
        notes=[Claim(text="Eat greens.", sources=["s1"])],
        sources=[SOURCE],
    )
    shown = text(dose_document(answer))
    assert "Magnesium for age 40, female" in shown
    assert "300 mg elemental a day: the daily target" in shown
    assert "250 mg elemental: the most to take a day from supplements;" in shown
    assert "Testland: Board, The Tables (2001)" in shown and "RDA = Daily Amount" in shown
    assert "Eat greens. [s1]" in shown and "[s1] The Tables (2001)" in shown


def test_the_dose_view_lays_out_two_sexes_as_a_table_and_says_why_a_figure_is_missing() -> None:
    answer = DoseAnswer(
        json=DoseDocument(targets=[target("female", None, "no figure set"), target("male", 400)]),
        values=VALUES,
        notes=[],
        sources=[],
    )
    shown = text(dose_document(answer))
    assert "Magnesium at age 40" in shown
    assert "not given: no figure set" in shown and "400 mg elemental" in shown


def test_the_compare_view_names_each_region_from_the_answer() -> None:
    answer = CompareAnswer(
        json=RegionsCompared(
            age_years=40,
            life_stage=None,
            regions=[RegionTargets(region="us", targets=[target("male", None)])],
        ),
        regions=[VALUES],
        sources=[SOURCE],
    )
    shown = text(compare_document(answer))
    assert "Magnesium at age 40, by region" in shown
    assert "Testland (us)" in shown and "250 mg" in shown and "supplements" in shown


def test_the_regions_views_word_the_answers() -> None:
    listing = RegionsAnswer(json=RegionsDocument(items=[VALUES]), adults=[UPPER], sources=[])
    shown = text(regions_document(listing))
    assert "Reference values by region (1)" in shown and "250 mg (UL)" in shown
    one = RegionsAnswer(json=RegionsDocument(items=[VALUES]), adults=[], sources=[SOURCE])
    shown = text(region_document(one))
    assert "Testland (us)" in shown and "Set by: Board, The Tables (2001)" in shown
    assert "Eat greens. [s1]" in shown and "[s1] The Tables (2001)" in shown
