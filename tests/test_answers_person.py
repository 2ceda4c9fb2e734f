"""``cautions`` and ``lab`` by layer: answers from typed inputs at the core, views from hand-made answers."""

from __future__ import annotations

import pytest

from magref import cautions, dataset, serum
from magref.cautions import CautionsAnswer, CautionsDocument
from magref.errors import NotFound
from magref.model import Caution, ExcessSigns, Source
from magref.region import Region
from magref.render import plain
from magref.render.check_views import caution_document, cautions_document
from magref.render.intake_views import lab_document
from magref.serum import LabAnswer, LabDocument, Level, RangeDocument, ThresholdDocument

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    """The document painted, its runs of spaces made one (fields are aligned with spaces)."""
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


# -- the core ------------------------------------------------------------------------------------------


def test_the_cautions_answer_lists_every_condition_with_the_signs_of_excess() -> None:
    answer = cautions.cautions(DATA)
    assert answer.json.items == list(DATA.cautions) and answer.sources == []
    assert answer.json.signs_of_excess == DATA.excess


def test_one_caution_is_found_by_what_people_call_it_and_cites_its_sources() -> None:
    answer = cautions.cautions(DATA, "CKD")
    [found] = answer.json.items
    assert "kidney" in found.id
    assert [s.id for s in answer.sources] == list(dict.fromkeys([*found.sources, *DATA.excess.sources]))
    with pytest.raises(NotFound):
        cautions.cautions(DATA, "no such condition at all")


def test_a_lab_answer_reads_the_result_in_every_unit_against_the_printed_range() -> None:
    answer = serum.lab(DATA, 1.4, "mg/dL", printed=(1.6, 2.6, "mg/dL"), mark="low")
    document = answer.json
    assert (document.status, document.range.id, document.mark) == ("low", "printed", "low")
    assert document.mmol_per_l == round(1.4 / 2.4305, 3) and document.meq_per_l == round(2 * 1.4 / 2.4305, 2)
    assert [level.unit for level in answer.levels] == ["mg/dL", "mmol/L", "mEq/L"]
    assert answer.levels[1].value == pytest.approx(1.4 / 2.4305)
    assert answer.mark_differs is False
    assert document.sources == [s.id for s in answer.sources]
    assert any(t.reached for t in document.thresholds)


def test_a_lab_answer_says_when_the_reports_mark_differs_and_which_region_range_was_used() -> None:
    answer = serum.lab(DATA, 0.69, "mmol/L", region=Region.UK, mark="high")
    assert answer.mark_differs is True and answer.json.mark == "high"
    assert answer.json.region in ("uk", None) and answer.json.region_range in ("own", "default", None)


# -- the views -----------------------------------------------------------------------------------------

CAUTION = Caution(id="bones", condition="Brittle bones", level="ask", advice="Ask first.", sources=["s1"])
EXCESS = ExcessSigns(summary="Too much shows.", signs=["flushing"], sources=["s1"])


def test_the_cautions_views_word_the_answers() -> None:
    every = CautionsAnswer(json=CautionsDocument(items=[CAUTION], signs_of_excess=EXCESS), sources=[])
    shown = text(cautions_document(every))
    assert "Brittle bones" in shown and "magref cautions bones" in shown and "Too much shows. [s1]" in shown
    one = CautionsAnswer(
        json=CautionsDocument(items=[CAUTION], signs_of_excess=EXCESS),
        sources=[Source(id="s1", title="Bones")],
    )
    shown = text(caution_document(one))
    assert "What to do: Ask first." in shown and "- flushing" in shown and "[s1] Bones" in shown


def test_the_lab_view_words_the_answer() -> None:
    answer = LabAnswer(
        json=LabDocument(
            value=1.4, unit="mg/dL", mmol_per_l=0.576, mg_per_dl=1.4, meq_per_l=1.15, status="low",
            range=RangeDocument(
                id="lab-x", name="Lab X", low=1.6, high=2.6, unit="mg/dL", note=None, sources=["s1"]
            ),
            region="uk", region_range="own", mark="high",
            thresholds=[
                ThresholdDocument(
                    value=1.0, unit="mg/dL", direction="below", reached=True, text="Cramps.", sources=["s1"]
                )
            ],
            sources=["s1"],
        ),
        levels=[Level(1.4, "mg/dL"), Level(0.5761, "mmol/L")],
        mark_differs=True,
        sources=[Source(id="s1", title="Ranges")],
    )  # fmt: skip
    shown = text(lab_document(answer))
    assert "Result: 1.4 mg/dL = 1.40 mg/dL, 0.58 mmol/L" in shown
    assert "Range: 1.6 to 2.6 mg/dL: Lab X [s1], the usual range for region uk" in shown
    assert "high: it differs from the reading above" in shown
    assert "REACHED: below 1 mg/dL: Cramps. [s1]" in shown and "[s1] Ranges" in shown
