"""The search answer: worked out by one core call from typed inputs (the question, the number of
hits to show, the region), and worded by its view from a hand-made answer."""

from __future__ import annotations

import msgspec
import pytest

from magref import dataset, search
from magref.catalog import Catalog
from magref.dosing import Sex, TargetDocument, UpperLimitDocument
from magref.render import plain, views
from magref.search import LabRead, SearchAnswer, SearchDocument, SearchHit
from magref.serum import MG_PER_DL_PER_MMOL, LabDocument, RangeDocument, ThresholdDocument

from .conftest import Run


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


# -- the core: typed inputs in, the whole answer out ------------------------------------------------


def test_the_answer_shows_the_best_hits_and_counts_them_all(data: Catalog) -> None:
    every = search.answer(data, "how much for a 70 year old woman").json
    best = search.answer(data, "how much for a 70 year old woman", limit=2).json
    assert best.total == every.total == len(every.hits) > 2
    assert best.hits == every.hits[:2]
    assert best.intents[0] == "how-much"


def test_each_hit_carries_the_command_that_shows_it(data: Catalog) -> None:
    answer = search.answer(data, "glycinate and oxide for sleep")
    commands = [(hit.kind, hit.command) for hit in answer.json.hits]
    assert ("compare", "magref compare glycinate oxide") in commands
    assert ("form", "magref info glycinate") in commands and ("form", "magref info oxide") in commands
    assert all(hit.command.startswith("magref ") for hit in answer.json.hits)


def test_a_person_the_question_names_gets_their_figures_and_their_hit(data: Catalog) -> None:
    answer = search.answer(data, "how much for a 70 year old woman", limit=1)
    (target,) = answer.json.targets
    assert (target.sex, target.rda_mg, target.upper_limit.mg) == ("female", 320, 350)
    assert answer.person is not None
    assert (answer.person.id, answer.person.command) == ("70 female", "magref dose 70 female")


def test_a_result_without_a_unit_is_read_in_each_unit_with_its_level_unrounded(data: Catalog) -> None:
    answer = search.answer(data, "my magnesium is 1.3")
    (lab,) = answer.json.labs
    assert lab.unit is None
    assert [r.unit for r in lab.readings] == ["mg/dL", "mmol/L", "mEq/L"]
    assert answer.json.hits[0].command == "magref lab 1.3 UNIT"
    (levels,) = answer.levels
    assert levels[0] == pytest.approx(1.3 / MG_PER_DL_PER_MMOL)
    assert lab.readings[0].mmol_per_l == round(levels[0], 3)  # the JSON's figure is rounded
    assert answer.person is None and answer.json.targets == []


def test_the_json_keys_are_in_the_documented_order(data: Catalog) -> None:
    document = search.answer(data, "sleep", limit=1).json
    keys = list(msgspec.to_builtins(document))
    assert keys == ["query", "total", "intents", "not_found", "hits", "targets", "labs"]
    assert list(msgspec.to_builtins(document.hits[0])) == ["kind", "id", "title", "score", "named", "command"]


def test_search_json_is_the_answer_encoded(magref: Run, data: Catalog) -> None:
    printed = magref("search", "my", "magnesium", "is", "1.3", "--limit", "1", "--json").json
    answer = search.answer(data, "my magnesium is 1.3", limit=1)
    assert printed == msgspec.to_builtins(answer.json)


# -- the view: a hand-made answer in, words out ---------------------------------------------------


def _upper(mg: int | None) -> UpperLimitDocument:
    return UpperLimitDocument(
        term="UL", name="Tolerable Upper Intake Level", authority="Made-up board", counts="supplements",
        mg=mg, mg_per_kg=None, reason=None, sources=["x"],
    )  # fmt: skip


def _target(sex: Sex, rda: int | None, upper: int | None) -> TargetDocument:
    return TargetDocument(
        region="uk", authority="Made-up board", age_years=40, sex=sex, life_stage=None,
        rda_mg=rda, rda_kind="RNI", term_name="Reference Nutrient Intake", reason=None, note=None,
        ul_supplemental_mg=upper, upper_limit=_upper(upper), unit="mg elemental magnesium per day",
        notes=[], sources=["x"],
    )  # fmt: skip


def _reading(value: float, unit: str, status: str, reached: int) -> LabDocument:
    span = RangeDocument(
        id="made-up", name="Made-up", low=0.7, high=1.0, unit="mmol/L", note=None, sources=[]
    )
    thresholds = [
        ThresholdDocument(
            value=v, unit="mmol/L", direction="below", reached=i < reached, text="t", sources=[]
        )
        for i, v in enumerate((0.5, 0.4))
    ]
    return LabDocument(
        value=value, unit=unit, mmol_per_l=0.0, mg_per_dl=0.0, meq_per_l=0.0, status=status, range=span,
        region=None, region_range=None, mark=None, thresholds=thresholds, sources=[],
    )  # fmt: skip


def paint(answer: SearchAnswer) -> str:
    return plain.paint(views.search_document(answer), 1000)


def _hit(kind: str, hit_id: str, title: str, command: str) -> SearchHit:
    return SearchHit(kind=kind, id=hit_id, title=title, score=1.0, named=True, command=command)


def test_the_view_words_the_person_and_says_how_many_hits_are_shown() -> None:
    person = _hit("dose", "40 male uk", "a man of 40", "magref dose 40 male uk")
    document = SearchDocument(
        query="how much for a man of 40", total=7, intents=["how-much"], not_found=["zzz"],
        hits=[person, _hit("faq", "upper-limit", "Too much?", "magref faq upper-limit")],
        targets=[_target("male", 300, None)], labs=[],
    )  # fmt: skip
    text = paint(SearchAnswer(json=document, person=person, levels=[]))
    assert "Search: how much for a man of 40 (best 2 of 7; --limit 0 for all)" in text
    assert "no entry is about 'zzz'" in text
    assert (
        "a man of 40 (male, uk): RNI 300 mg of elemental magnesium a day from food and supplements "
        "together; no upper limit set." in text
    )
    assert "More: magref dose 40 male uk" in text
    assert "Daily magnesium for a man of 40" in text and "magref faq upper-limit" in text


def test_the_view_words_a_result_in_its_unit_with_the_level_it_is_given() -> None:
    lab = LabRead(text="1.3 mg/dL", unit="mg/dL", readings=[_reading(1.3, "mg/dL", "low", 2)])
    hit = _hit("lab", "1.3 mg/dL", "1.3 mg/dL", 'magref lab "1.3 mg/dL"')
    document = SearchDocument(
        query="1.3 mg/dL", total=1, intents=["result"], not_found=[], hits=[hit], targets=[], labs=[lab]
    )
    text = plain.paint(
        views.search_document(SearchAnswer(json=document, person=None, levels=[[0.5349]])), 1000
    )
    assert (
        "Blood magnesium 1.3 mg/dL = 0.53 mmol/L: low against 0.7 to 1 mmol/L; it reaches 2 of the "
        "levels where symptoms are reported." in text
    )
    assert "Search: 1.3 mg/dL (1 found)" in text
    assert 'magref lab "1.3 mg/dL"' in text


def test_the_view_words_a_result_without_a_unit_each_way_and_asks_for_the_unit() -> None:
    readings = [_reading(0.8, "mmol/L", "within", 0), _reading(0.8, "mEq/L", "low", 1)]
    lab = LabRead(text="0.8", unit=None, readings=readings)
    document = SearchDocument(query="0.8", total=0, intents=[], not_found=[], hits=[], targets=[], labs=[lab])
    text = plain.paint(
        views.search_document(SearchAnswer(json=document, person=None, levels=[[0.8, 0.4]])), 1000
    )
    assert "'0.8' has no unit, and the same number means a different level in each unit:" in text
    assert "as 0.8 mmol/L: within the range against 0.7 to 1 mmol/L;" in text
    assert "as 0.8 mEq/L = 0.40 mmol/L: low against 0.7 to 1 mmol/L; it reaches 1 of the levels" in text
    assert "give the unit on your report: magref lab 0.8 mg/dL (or mmol/L, mEq/L)" in text
