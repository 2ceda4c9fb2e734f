"""Amounts as people and labels write them: one general rule per test, each shown on real lines.

The lines are quoted from the reading corpus and its check set (tests/data), where their sources
are recorded.
"""

from __future__ import annotations

import pytest

from magref import amounts
from magref.errors import InputError
from magref.intake import Basis

from .conftest import Run
from .refusals import refused

OUNCE_ML = amounts.ML_PER_FL_OZ


# Rule: a dash with a space after it separates the parts of a title; only a sign touching its
# number is a minus. A count of units after such a dash, following the strength, is the pack size.
@pytest.mark.parametrize(
    ("text", "mg"),
    [("Magnesium Citrate 120mg - 180 Capsules", 120), ("Bio-Magnesium 200mg - 60 tabs", 200)],
)
def test_a_pack_size_after_a_title_dash_is_not_the_dose(text: str, mg: float) -> None:
    item = amounts.parse_item(text)
    assert item.mass is not None and item.mass.mg == mg
    assert item.measure is None
    assert not item.basis_stated  # a form's milligrams alone: elemental or compound is asked
    with refused(InputError, "greater than zero"):
        amounts.parse_item("-5 glycinate")


# Rule: "magnesium" standing next to the amount, with no compound named on that side, is
# magnesium itself: elemental.
@pytest.mark.parametrize(
    "text",
    [
        "375 mg magnesium (daily for 3 months)",
        "600 mg magnesium daily over 12 weeks",
        "400 mg/day magnesium orally",
        "Cramp Defense, a supplement that has 70 milligrams of magnesium per capsule",
        "Magnesium citrate equivalent to 300 mg magnesium",
        "Nature Made magnesium 250 mg tablets",
    ],
)
def test_magnesium_beside_the_amount_is_elemental(text: str) -> None:
    item = amounts.parse_item(text)
    assert item.mass is not None and item.mass.basis is Basis.ELEMENTAL and item.basis_stated


@pytest.mark.parametrize(
    "text",
    [
        "Magnesium Glycinate 500 mg capsules",
        "400 mg magnesium oxide daily",
        "Bio-Magnesium 200mg - 60 tabs",
        "1500 mg of magnesium oxide",
    ],
)
def test_a_compound_beside_the_amount_still_leaves_it_asked(text: str) -> None:
    item = amounts.parse_item(text)
    assert item.mass is not None and not item.basis_stated


def test_the_form_is_kept_when_the_amount_is_said_to_be_magnesium(magref: Run) -> None:
    report = magref("stack", "Magnesium citrate equivalent to 300 mg magnesium", "--json").json
    assert report["items"][0]["form"] == "citrate"
    assert report["items"][0]["elemental_mg"] == 300


# Rule: a fraction is read as one ("3/4 tsp"), and a range counts its higher end, the safer.
@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("3/4 tsp per dosage (once per day), or as directed by your physician.", 0.75, "teaspoon"),
        ("1/2 to 1 teaspoon daily or as directed by a physician.", 1, "teaspoon"),
        ("children 6 to 11 years of age 1/3 to 1/2 bottle with a full 8 oz. glass of liquid", 0.5, "bottle"),
        ("adults and children 2-4 tablespoons (30-60 mL)", 60, "mL"),
    ],
)
def test_fractions_and_ranges(text: str, amount: float, unit: str) -> None:
    item = amounts.parse_item(text)
    assert item.measure is not None
    assert item.measure.amount == pytest.approx(amount) and item.measure.unit == unit


def test_the_lower_end_of_a_range_is_not_part_of_the_name() -> None:
    item = amounts.parse_item("dissolve 2 to 4 teaspoons of Epsom salt in 8 ounces of water")
    assert "2" not in item.name.split()


# Rule: a number written as a word before a unit is that number.
@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Dissolve one teaspoon of the Epsom salt into the water by mixing thoroughly.", 1, "teaspoon"),
        (
            "Add two to four level teaspoons of Epsom salt to the warm water mixture"
            " if the mixture is for an adult.",
            4,
            "teaspoon",
        ),
        ("At noon — Drink one bottle of Magnesium Citrate.", 1, "bottle"),
    ],
)
def test_number_words(text: str, amount: float, unit: str) -> None:
    item = amounts.parse_item(text)
    assert item.measure is not None
    assert item.measure.amount == amount and item.measure.unit == unit


# Rule: ounces are fluid ounces where the words name a liquid or its bottle; otherwise they may
# be a weight, and are asked about.
@pytest.mark.parametrize(
    "text",
    [
        "Drink 1st 10 ounce bottle of Magnesium Citrate",
        "Please buy a 10 oz. bottle of Magnesium Citrate (over the counter). NO RED",
        "Drink 10oz Magnesium Citrate 4 hours before your scheduled appointment time.",
        "One 10-fluid ounce bottle of magnesium citrate solution",
    ],
)
def test_ounces_of_a_liquid(text: str) -> None:
    item = amounts.parse_item(text)
    assert item.measure is not None
    assert item.measure.unit == "mL" and item.measure.amount == pytest.approx(10 * OUNCE_ML)


def test_ounces_of_a_powder_are_asked_about() -> None:
    with refused(InputError, "ounce by weight or a fluid ounce"):
        amounts.parse_item("Natural Calm Magnesium Citrate Powder - SWEET LEMON - 16oz Larger Container")


# Rule: the water or drink a dose is taken in is how it is taken, shown back, never the dose.
@pytest.mark.parametrize(
    ("text", "taken_with"),
    [
        (
            "dissolve 2 to 4 teaspoons of Epsom salt in 8 ounces of water and drink it once daily",
            "in 8 ounces of water",
        ),
        (
            "Adult Dosage: Take 1 level teaspoon daily mixed into at least 240mL (1 cup) of water,"
            " with meals.",
            "into at least 240mL (1 cup) of water",
        ),
        (
            "Täglich 2 Kapseln (je 90mg reines Magnesium / Kapsel) mit 200ml Flüssigkeit einnehmen.",
            "mit 200ml Flüssigkeit",
        ),
    ],
)
def test_the_drink_it_is_taken_with_is_not_the_dose(text: str, taken_with: str) -> None:
    item = amounts.parse_item(text)
    assert taken_with in item.when
    assert item.measure is None or item.measure.unit != "mL"


# Rule: a count of units with a mass said to be each unit's ("je", "each", "per capsule") is
# units of that mass; with more to it than magref can count, it is asked about, never read as one
# unit's mass (the German label's 2 capsules of 90 mg each are 180 mg, not 90 mg).
@pytest.mark.parametrize(
    "text",
    [
        "Täglich 2 Kapseln (je 90mg reines Magnesium / Kapsel) mit 200ml Flüssigkeit einnehmen.",
        "Zweimal täglich 1 Messlöffel (ca. 1 g Magnesiumcitrat, davon 109 mg Magnesium) mit 200 ml"
        " Wasser einnehmen.",
    ],
)
def test_units_each_holding_a_mass_are_not_one_mass(magref: Run, text: str) -> None:
    item = amounts.parse_item(text)
    assert item.other_amounts  # the count and the mass are both read, and shown
    result = magref("stack", text, "--json")
    assert result.code == 2 and "more than one amount" in result.stderr


# Rule: an mg figure that restates the mmol figure beside it is the same elemental amount, not a
# second one.
@pytest.mark.parametrize(
    "text",
    [
        "Neomag 4mmol (97mg) Magnesium Glycerophosphate Chewable Tablets",
        "MAG-4 97.2mg (4mmol) chewable tablet",
        "MAGNAPHATE 97.2mg (4mmol) tablets",
    ],
)
def test_mg_restating_mmol_is_one_amount(text: str) -> None:
    item = amounts.parse_item(text)
    assert item.mass is not None and item.mass.basis is Basis.ELEMENTAL
    assert item.mass.mg == pytest.approx(4 * amounts.MG_PER_MMOL)
    assert item.other_amounts == []


# Rule: an amount per kilogram of body weight is no dose until the weight is known: asked.
@pytest.mark.parametrize(
    "text",
    [
        "Magnesium chloride: 10 to 20 mg/kg elemental magnesium per dose up to 4 times/day",
        "Children aged 1 month to 12 years: 0.2mmol/kg three times a day (unlicensed).",
    ],
)
def test_an_amount_per_kilogram_is_asked_about(text: str) -> None:
    with refused(InputError, "per kilogram of body weight"):
        amounts.parse_item(text)


# Rule: a number joined by a hyphen to the word before it is part of a name.
def test_a_number_hyphened_to_a_word_is_part_of_the_name(magref: Run) -> None:
    item = amounts.parse_item("MAG-4 97.2mg (4mmol) chewable tablet")
    assert "MAG-4" in item.name
    report = magref("convert", "1 tablets", "magnesium-oxide-400-tablets", "--json")
    assert report.code == 0


# Rule: a bare number followed by a unit of time is a length of time, not an amount.
def test_a_time_is_not_an_amount() -> None:
    with refused(InputError, "no amount"):
        amounts.parse_item("Participants will take a magnesium capsule once daily for 8 weeks")
    for text, mg in (
        ("600 mg magnesium daily over 12 weeks", 600),
        ("480 mg/day magnesium glycinate supplementation for 12 weeks", 480),
    ):
        item = amounts.parse_item(text)
        assert item.mass is not None and item.mass.mg == mg and item.other_amounts == []


# Rule: German labels' "täglich" is daily, and "einmal/zweimal/dreimal täglich" once, twice,
# three times a day.
@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("Täglich 2 Kapseln (je 90mg reines Magnesium / Kapsel) mit 200ml Flüssigkeit einnehmen.", 1),
        (
            "Zweimal täglich 1 Messlöffel (ca. 1 g Magnesiumcitrat, davon 109 mg Magnesium) mit 200 ml"
            " Wasser einnehmen.",
            2,
        ),
    ],
)
def test_german_doses_a_day(text: str, times: int) -> None:
    assert amounts.parse_item(text).times == times
