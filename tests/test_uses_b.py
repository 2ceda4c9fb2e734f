"""Uses people ask about, part B: found by the words people type, sourced, and honest about doses.

Fibromyalgia, tinnitus, hangover, exercise and ADHD are new; leg cramps in pregnancy gained its
trials and their doses; back pain and sleep gained the doses their papers give.
"""

from __future__ import annotations

import pytest

from magref import dataset, lookup
from magref.catalog import Catalog
from magref.model import GRADES, Use

from .conftest import Run

DATA = dataset.load(use_cache=False).to_dataset()
USES = {use.id: use for use in DATA.uses}
SOURCES = {source.id for source in DATA.sources}
FAQ = {item.id: item for item in DATA.faq}

#: The uses this part adds, and words people type for each.
NEW_USES: dict[str, tuple[str, ...]] = {
    "fibromyalgia": ("fibromyalgia", "fibro", "Fibromyalgia pain"),
    "tinnitus": ("tinnitus", "ringing in the ears", "noise induced hearing loss"),
    "hangover": ("hangover", "hungover", "does magnesium help a hangover"),
    "athletic-performance": ("athletes", "gym", "muscle recovery", "magnesium for sports performance"),
    "adhd": ("ADHD", "attention deficit hyperactivity disorder", "magnesium for adhd"),
}
#: The existing uses whose findings now carry the doses their papers give.
DOSED = ("back-pain", "sleep", "muscle-cramps")


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


@pytest.mark.parametrize(("use_id", "words"), [(u, w) for u, ws in NEW_USES.items() for w in ws])
def test_a_new_use_is_found_by_the_words_people_type(data: Catalog, use_id: str, words: str) -> None:
    assert lookup.find_use(data, words).id == use_id


@pytest.mark.parametrize(("use_id", "words"), [(u, ws[1]) for u, ws in NEW_USES.items()])
def test_evidence_names_the_use_and_its_grade(magref: Run, use_id: str, words: str) -> None:
    result = magref("evidence", *words.split(), env={"COLUMNS": "100"})
    assert result.code == 0, result
    use = USES[use_id]
    assert result.stdout.startswith(f"{use.name}: evidence {use.grade}")
    assert "Who was studied" in result.stdout and "Not studied" in result.stdout


@pytest.mark.parametrize("use_id", NEW_USES)
def test_a_new_use_is_sourced_finding_by_finding(use_id: str) -> None:
    use = USES[use_id]
    assert use.findings, "a graded use says what the studies found"
    cited = set(use.sources)
    for finding in use.findings:
        assert finding.sources and set(finding.sources) <= SOURCES
        assert set(finding.sources) <= cited, f"{finding.context}: the use lists every source"
        for dose in finding.doses:
            assert set(dose.sources) <= set(finding.sources), finding.context


@pytest.mark.parametrize("use_id", NEW_USES)
def test_not_enough_evidence_is_said_plainly(use_id: str) -> None:
    use = USES[use_id]
    assert use.grade == "insufficient"
    assert "not enough evidence" in use.summary.lower()
    best = min(GRADES.index(f.grade) for f in use.findings if f.grade != "against")
    assert GRADES.index(use.grade) >= best, "the grade is no higher than the best finding"


def every_dose(use: Use) -> list[tuple[str, object]]:
    return [(finding.context, dose) for finding in use.findings for dose in finding.doses]


@pytest.mark.parametrize("use_id", [*NEW_USES, *DOSED])
def test_every_dose_states_its_basis_and_reads_as_a_range(use_id: str) -> None:
    from magref.model import StudiedDose

    for context, dose in every_dose(USES[use_id]):
        assert isinstance(dose, StudiedDose)
        assert dose.basis in ("elemental", "compound", "not-stated"), context
        assert 0 < dose.low_mg <= dose.high_mg, context
        assert dose.duration and dose.who and dose.sources, context


@pytest.mark.parametrize("use_id", DOSED)
def test_existing_uses_now_carry_the_doses_their_papers_give(use_id: str) -> None:
    assert every_dose(USES[use_id]), f"{use_id} has findings whose papers give doses"


def test_a_dose_the_paper_leaves_unclear_is_not_called_elemental() -> None:
    """A figure written "365 mg of magnesium" is not promoted to elemental weight."""
    back = next(f for f in USES["back-pain"].findings if "Acute" in f.context)
    assert [d.basis for d in back.doses] == ["not-stated"]
    assert "does not say whether elemental or compound" in back.text


def test_a_dose_in_millimoles_is_elemental() -> None:
    noise = next(f for f in USES["tinnitus"].findings if "noise" in f.context)
    (dose,) = noise.doses
    assert (dose.basis, dose.low_mg, dose.form) == ("elemental", 163, "aspartate")
    assert "6.7 mmol" in noise.text


def test_pregnancy_cramps_is_a_finding_of_its_own_with_the_cochrane_reviews_and_doses() -> None:
    cramps = USES["muscle-cramps"]
    pregnancy = next(f for f in cramps.findings if "pregnancy" in f.context.lower())
    assert {"garrison-2020", "cochrane-pregnancy-cramps"} <= set(pregnancy.sources)
    assert pregnancy.grade == "insufficient", "two Cochrane reviews call it uncertain"
    assert {d.basis for d in pregnancy.doses} == {"elemental", "not-stated"}
    assert len(pregnancy.doses) == 3
    older = next(f for f in cramps.findings if "Older" in f.context)
    assert older.grade == cramps.grade == "against"


@pytest.mark.parametrize("words", ["leg cramps in pregnancy", "exercise cramps", "cramps during sport"])
def test_cramp_questions_still_find_cramps_not_exercise(data: Catalog, words: str) -> None:
    assert lookup.find_use(data, words).id == "muscle-cramps"


def test_adhd_says_who_was_studied_and_that_adults_were_not() -> None:
    adhd = USES["adhd"]
    assert any("children" in who for who in adhd.studied)
    assert any(who.startswith("adults with ADHD") for who in adhd.not_studied)
    assert "doctor" in adhd.summary


def test_the_faq_answers_with_food_and_the_combinations_with_sources() -> None:
    timing = FAQ["best-time-of-day"]
    assert "With food or without" in timing.answer
    assert "drugs-com-magnesium-with-food" in timing.sources
    assert {"with food", "empty stomach"} <= set(timing.keywords)
    combos = FAQ["other-supplements"].answer
    for name in ("Vitamin D (D3 or D2):", "Melatonin:", "Creatine:"):
        assert name in combos
    creatine = combos[combos.index("Creatine:") :]
    assert "not enough evidence" in creatine.split("Multivitamins:")[0]
    minerals = FAQ["calcium-zinc-iron"].answer
    assert all(f"{name}:" in minerals for name in ("Iron", "Zinc", "Calcium"))


def test_evidence_json_carries_the_doses_with_their_basis(magref: Run) -> None:
    items = {item["id"]: item for item in magref("evidence", "--json").json["items"]}
    doses = [dose for finding in items["sleep"]["findings"] for dose in finding.get("doses", [])]
    assert {(d["low_mg"], d["basis"]) for d in doses} >= {(500, "elemental"), (250, "elemental")}
