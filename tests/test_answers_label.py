"""``label`` by layer: the answer from a typed line at the core, the view from a hand-made answer."""

from __future__ import annotations

from magref import dataset, labels
from magref.intake import Basis
from magref.labels import LabelAnswer, LabelReading, MmolCheck, Reading
from magref.region import Region
from magref.render import plain
from magref.render.intake_views import label_document

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


def test_an_ambiguous_line_is_answered_both_ways_with_the_region_its_percent_names() -> None:
    answer = labels.label(DATA, "Magnesium glycinate 500 mg (20% NRV)")
    document = answer.json
    assert document.ambiguous and [r.basis for r in document.readings] == ["compound", "elemental"]
    compound, elemental = document.readings
    assert (compound.compound_mg, elemental.elemental_mg) == (500.0, 500.0)
    assert compound.status == "at_or_under" and elemental.status == "over"
    assert (document.region, document.region_from, document.ul_supplemental_mg) == ("eu", "line", 250)
    assert document.percent is not None and document.percent.matches == []
    assert compound.elemental_mg == round(answer.reading.readings[0].elemental_mg or 0, 1)


def test_an_mmol_line_checks_the_milligrams_printed_beside_it() -> None:
    answer = labels.label(DATA, "Magnesium 4 mmol (97 mg)", region=Region.UK)
    mmol = answer.json.mmol
    assert mmol is not None and mmol.mmol == 4 and mmol.stated_mg == 97
    assert mmol.computed_mg == round(4 * 24.305, 2) and mmol.check == "consistent"
    assert answer.json.region == "uk" and answer.json.region_from == "given"


def test_the_label_view_words_the_answer() -> None:
    reading = LabelReading(
        text="Mg 4 mmol (90 mg)", compounds=[], blend=False, ambiguous=False,
        readings=[Reading(Basis.ELEMENTAL, 97.22, None, "at_or_under")], portion="tablet",
        mmol=MmolCheck(4, 90, 97.22, "inconsistent"), percent=None, other_nutrients=[("zinc", 5)],
        ul_supplemental_mg=250, region=Region.EU, region_from="given",
    )  # fmt: skip
    answer = LabelAnswer(json=labels.label_document(reading), reading=reading)
    shown = text(label_document(answer))
    assert "Label: Mg 4 mmol (90 mg)" in shown and "Compound: not named" in shown
    assert "Reads as: 97 mg of elemental magnesium per tablet; at or under the upper limit" in shown
    assert "4 mmol x 24.305 = 97.2 mg elemental; the label prints 90 mg, which does not match" in shown
    assert "Also on the line: zinc 5 mg" in shown and "Region: eu (as given)" in shown
