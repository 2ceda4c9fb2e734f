"""``convert`` and ``stack`` by layer: answers from typed inputs at the core, views from hand-made answers."""

from __future__ import annotations

import msgspec
import pytest

from magref import amounts, dataset, dosing, intake
from magref.intake import (
    Basis,
    ConvertAnswer,
    ConvertDocument,
    FormConversion,
    Intake,
    Line,
    Mass,
    Stack,
    StackAnswer,
)
from magref.model import Form
from magref.region import Region
from magref.render import plain
from magref.render.intake_views import convert_document, stack_document

DATA = dataset.load(use_cache=False)
GLYCINATE = DATA.by_id("forms", "glycinate", Form)
assert GLYCINATE is not None


def text(document: object) -> str:
    return plain.paint(document, 200)  # type: ignore[arg-type]


def grams(mg: float, basis: Basis = Basis.COMPOUND, times: int = 1, stated: bool = True) -> Intake:
    return Intake(f"{mg} mg glycinate", "glycinate", times, Mass(mg, basis), basis_stated=stated)


# -- the core ------------------------------------------------------------------------------------------


def test_milligrams_of_a_form_convert_both_ways_against_the_limit() -> None:
    answer = intake.convert(DATA, grams(500, times=2))
    document = answer.json
    assert isinstance(document, FormConversion) and answer.conversion is not None
    assert (document.form, document.times, document.compound_mg) == ("glycinate", 2, 500.0)
    assert document.per_day_elemental_mg == round(2 * document.elemental_mg, 1)
    assert document.mmol == round(document.elemental_mg / 24.305, 2) and document.meq == round(
        2 * document.mmol, 2
    )
    assert answer.share_of_ul == answer.conversion.per_day_elemental_mg / 350
    assert answer.over_by_mg is None and answer.if_elemental_mg is None


def test_an_amount_that_does_not_say_its_basis_carries_its_elemental_reading() -> None:
    answer = intake.convert(DATA, grams(500, stated=False), region=Region.EU)
    assert isinstance(answer.json, FormConversion) and answer.json.basis_stated is False
    assert answer.if_elemental_mg == 500
    assert answer.if_elemental_share == 500 / 250 and answer.json.region == "eu"


def test_over_the_limit_says_by_how_much() -> None:
    answer = intake.convert(DATA, grams(400, Basis.ELEMENTAL), elemental=True)
    assert isinstance(answer.json, FormConversion) and answer.json.over_ul
    assert answer.over_by_mg == 50 and answer.json.status == "over"


def test_asking_for_mmol_changes_neither_the_reading_nor_the_document() -> None:
    plain = intake.convert(DATA, grams(500))
    answer = intake.convert(DATA, grams(500), show_units=True)
    assert isinstance(answer.json, FormConversion) and answer.conversion == plain.conversion
    assert answer.json == plain.json and answer.share_of_ul == plain.share_of_ul
    assert answer.json.mmol == round(answer.json.elemental_mg / 24.305, 2)
    product = intake.convert(DATA, amounts.parse_item("milk of magnesia 30 mL"), show_units=True)
    assert isinstance(product.json, ConvertDocument) and product.conversion is None
    keys = list(msgspec.to_builtins(product.json))
    assert keys[0] == "item" and keys[-3:] == ["ul_supplemental_mg", "status", "over_ul"]


def test_a_stack_answer_adds_up_every_item_with_its_share() -> None:
    answer = intake.stack_answer(DATA, [grams(200, Basis.ELEMENTAL, times=2), grams(100, Basis.ELEMENTAL)])
    assert answer.json.total_elemental_mg == 500 and answer.json.status == "over"
    assert answer.share_of_ul == 500 / 350
    assert answer.shares == [400 / 350, 100 / 350]
    assert [i.share_of_ul for i in answer.json.items] == [round(400 / 350, 3), round(100 / 350, 3)]
    assert answer.json.unit == "mg elemental magnesium per day"


# -- the views -----------------------------------------------------------------------------------------

UPPER = dosing.UpperLimit(Region.US, "Board", "UL", "Upper Level", "supplements", 200, None, None, ["s1"])


def line(mg: float, times: int = 1) -> Line:
    return Line(grams(mg, Basis.ELEMENTAL, times), "form", mg, form=GLYCINATE, compound_mg=mg * 7)


def test_the_stack_view_words_each_item_and_the_share_from_the_answer() -> None:
    stack = Stack([line(100, 3)], UPPER)
    answer = StackAnswer(
        json=intake.stack_document(stack), stack=stack, share_of_ul=1.5, shares=[0.25]
    )  # shares made up: the view must say the answer's, not work its own
    shown = text(stack_document(answer))
    assert "x3 = 300 mg elemental a day, 25% of the upper limit" in shown
    assert "300 mg of 200 mg elemental a day: 150% of the upper limit" in shown
    assert "Over the upper limit for supplements by 100 mg elemental a day" in shown


def test_the_convert_view_words_a_form_conversion_from_the_answer() -> None:
    conversion = dosing.Conversion(GLYCINATE, 700, 100, 1, UPPER, basis_stated=False)
    stack = Stack([line(100)], UPPER)
    answer = ConvertAnswer(
        json=intake.form_conversion(conversion), stack=stack, conversion=conversion, show_units=False,
        share_of_ul=0.5, over_by_mg=None, if_elemental_mg=700, if_elemental_share=3.5,
    )  # fmt: skip
    shown = text(convert_document(answer))
    assert "700 mg of magnesium glycinate (compound weight)" in shown
    assert (
        "If 700 mg is elemental magnesium, that is 700 mg elemental a day, 350% of the upper limit" in shown
    )
    assert "100 mg of 200 mg elemental a day: 50% of the upper limit" in shown
    assert "At or under the upper limit for supplements (200 mg elemental a day)." in shown


def test_the_convert_view_of_a_form_with_mmol_shows_the_answers_units() -> None:
    conversion = dosing.Conversion(GLYCINATE, 700, 100, 1, UPPER, basis_stated=True)
    document = msgspec.structs.replace(intake.form_conversion(conversion), mmol=9.99, meq=19.98)
    answer = ConvertAnswer(
        json=document, stack=Stack([line(100)], UPPER), conversion=conversion, show_units=True,
        share_of_ul=0.5, over_by_mg=None, if_elemental_mg=None, if_elemental_share=None,
    )  # fmt: skip
    shown = text(convert_document(answer))  # made-up units: the view must say the answer's
    assert "In mmol and mEq: 9.99 mmol = 19.98 mEq" in shown
    assert "700 mg of magnesium glycinate (compound weight)" in shown
    without = text(convert_document(msgspec.structs.replace(answer, show_units=False)))
    assert "mmol" not in without


def test_the_convert_view_with_mmol_shows_the_answers_units() -> None:
    stack = Stack([line(48.61)], UPPER)
    document = intake.convert_line_document(stack.lines[0], stack)
    answer = ConvertAnswer(
        json=document, stack=stack, conversion=None, show_units=True, share_of_ul=0.24,
        over_by_mg=None, if_elemental_mg=None, if_elemental_share=None,
    )  # fmt: skip
    shown = text(convert_document(answer))
    assert "In mmol and mEq: 2.00 mmol = 4.00 mEq" in shown
    assert "49 mg of 200 mg elemental a day: 24% of the upper limit" in shown


def test_magnesium_given_in_mmol_or_meq_is_said_back_in_its_unit() -> None:
    stack = intake.stack(
        DATA, [amounts.parse_item("magnesium 4 mmol"), amounts.parse_item("magnesium 10 mEq")]
    )
    mmol_line, meq_line = stack.lines
    assert mmol_line.stated_amount == pytest.approx(4) and meq_line.stated_amount == pytest.approx(10)
    assert line(100).stated_amount is None
    shown = text(stack_document(intake.stack_answer(DATA, [mmol_line.intake, meq_line.intake])))
    assert "(4 mmol)" in shown and "(10 mEq)" in shown
