"""Label lines as they are printed: one general rule per test, each shown on real lines.

The lines are quoted from the reading corpus and its check set (tests/data), where their sources
are recorded.
"""

from __future__ import annotations

import pytest

from magref import dataset, labels
from magref.errors import InputError
from magref.intake import Basis

from .conftest import Run

DATA = dataset.load(use_cache=False)


def read(text: str) -> labels.LabelReading:
    return labels.read(DATA, text)


# Rule: milligrams and grams are read however the label spells them (mg, mgs, milligrams, gm).
@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("Biozest supply magnesium        36 milligrams per 500 ml ready to drink", 36),
        ("Each 5 mL of MAGONATE® liquid contains magnesium (elemental) 54 mgs.", 54),
    ],
)
def test_mass_units_as_spelled(text: str, mg: float) -> None:
    found = read(text)
    assert found.readings[0].basis is Basis.ELEMENTAL and found.readings[0].elemental_mg == mg


# Rule: "Mg" after "elemental" is magnesium's symbol, even before "/5mL"; after a number it is mg.
@pytest.mark.parametrize(
    ("text", "elemental", "compound"),
    [
        ("1000mg/5mL as gluconate dihydrate (54mg elemental Mg/5mL)", 54, 1000),
        ("500mg (27mg elemental Mg)", 27, 500),
    ],
)
def test_mg_after_elemental_names_magnesium(text: str, elemental: float, compound: float) -> None:
    found = read(text)
    assert found.pair is not None
    assert found.pair.stated_elemental_mg == elemental and found.pair.compound_mg == compound


# Rule: an mEq figure is half as many mmol, checked to the rounding it is printed with; the mg
# given with an mmol or mEq figure is magnesium itself, and one other mg figure on a line naming
# a compound is the compound's weight.
def test_mEq_beside_mg_and_a_compound_weight() -> None:
    found = read(
        "Each pale yellow caplets contain 7mEq (84 Mg) magnesium as magnesium L-lactate dihydrate "
        "(835 Mg in a patented, sustained release wax matrix formulation)"
    )
    assert found.mmol is not None and found.mmol.mmol == 3.5 and found.mmol.check == "consistent"
    assert found.pair is not None and found.pair.stated_elemental_mg == 84 and found.pair.compound_mg == 835


@pytest.mark.parametrize(
    ("text", "mmol", "elemental", "compound"),
    [
        ("400mg (equivalent to 240mg [20mEq] elemental magnesium)", 10, 240, 400),
        ("140mg (equivalent to 84.5mg [6.93mEq] elemental magnesium)", 3.465, 84.5, 140),
    ],
)
def test_mg_then_mEq_in_brackets(text: str, mmol: float, elemental: float, compound: float) -> None:
    found = read(text)
    assert found.mmol is not None and found.mmol.mmol == pytest.approx(mmol)
    assert found.mmol.stated_mg == elemental and found.mmol.check == "consistent"
    assert found.pair is not None and found.pair.compound_mg == compound


# Rule: an amount followed by "of magnesium" (no compound named after it) is magnesium itself.
@pytest.mark.parametrize(
    "text",
    [
        "This product contains 100 mg of magnesium in the easily absorbable, organic form of"
        " magnesium citrate.",
        "Nutrient Value, per 1 teaspoon: 205mg of magnesium",
    ],
)
def test_mg_of_magnesium_is_elemental(text: str) -> None:
    found = read(text)
    assert not found.ambiguous and found.readings[0].basis is Basis.ELEMENTAL


def test_mg_of_a_compound_stays_ambiguous() -> None:
    assert read("1500 mg of magnesium oxide").ambiguous


# Rule: an amount after another named nutrient (past one bracketed aside) is that nutrient's.
@pytest.mark.parametrize(
    ("text", "mg", "other"),
    [
        (
            "each tablet contains: magnesium (citrate, fumarate, oxide, succinate, malate) 150 mg "
            "melatonin (non-animal source) 10 mg",
            150,
            ("melatonin", 10),
        ),
        ("Generic: Elemental magnesium 64 mg (plus calcium 112 mg)", 64, ("calcium", 112)),
    ],
)
def test_other_nutrients_keep_their_amounts(text: str, mg: float, other: tuple[str, float]) -> None:
    found = read(text)
    assert found.readings[0].elemental_mg == mg
    assert other in found.other_nutrients


# Rule: "chelated" names the chelate form, as "chelate" does.
@pytest.mark.parametrize(
    "text",
    [
        "100 mg of Chelated Magnesium per serving, bound to amino acids to aid in absorption.",
        "Magnesium Chelate 400mg",
    ],
)
def test_chelated_is_a_chelate(text: str) -> None:
    assert [c.word for c in read(text).compounds] == ["chelate"]


# Rule (unchanged, now with the corpus agreeing): a magnesium hydroxide active-ingredient line
# gives the compound's weight; the same panels print the magnesium in it, 41.7% of it.
@pytest.mark.parametrize(
    ("compound_line", "magnesium_line"),
    [
        (
            "Active ingredient (in each 15 mL)Magnesium hydroxide USP 1200 mg",
            "each 15 mL contains: magnesium 500 mg, sodium 6 mg",
        ),
        (
            "MAGNESIUM HYDROXIDE 1200 mg in 15 mL",
            "each 15 mL tablespoonful contains: magnesium 500 mg, sodium 6 mg",
        ),
    ],
)
def test_hydroxide_lines_give_the_compound(compound_line: str, magnesium_line: str) -> None:
    compound = read(compound_line)
    assert not compound.ambiguous and compound.readings[0].basis is Basis.COMPOUND
    magnesium = read(magnesium_line)
    assert compound.readings[0].elemental_mg == pytest.approx(magnesium.readings[0].elemental_mg, abs=1)


def test_label_command_reads_an_mEq_line(magref: Run) -> None:
    report = magref(
        "label", "7mEq (84 Mg) magnesium as magnesium L-lactate dihydrate (835 Mg)", "--json"
    ).json
    assert report["mmol"]["check"] == "consistent"
    assert report["compound_check"]["compound_mg"] == 835


# Rule: an amount in brackets that open with "as" or "from" is the compound the magnesium comes
# from, and the amount after those brackets, which follow "magnesium", is magnesium itself: the
# same pair as "Magnesium 100mg (from Magnesium Citrate 625mg)", with the brackets first. It was
# refused as two amounts for magnesium.
@pytest.mark.parametrize(
    ("text", "elemental", "compound", "agrees"),
    [
        ("Magnesium (as citrate 1250 mg) 200 mg", 200, 1250, "consistent"),
        ("Magnesium (from 1,250 mg magnesium bisglycinate) 250 mg", 250, 1250, "inconsistent"),
        ("Magnesium (as magnesium oxide 500 mg) 300 mg", 300, 500, "consistent"),
        ("Magnesium 100mg (from Magnesium Citrate 625mg)", 100, 625, "consistent"),
    ],
)
def test_a_compound_in_brackets_before_the_magnesium_figure(
    text: str, elemental: float, compound: float, agrees: str
) -> None:
    found = read(text)
    assert found.pair is not None
    assert found.pair.stated_elemental_mg == elemental and found.pair.compound_mg == compound
    assert found.pair.check == agrees  # 1,250 mg of bisglycinate is about 176 mg, not 250


def test_a_bracket_that_names_no_source_is_not_read_as_the_compound() -> None:
    with pytest.raises(InputError):
        read("Magnesium (2 capsules 500 mg) 200 mg")
