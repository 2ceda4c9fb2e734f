"""Audit corrections: each figure held to the source it was read in, through the core and the CLI."""

from __future__ import annotations

from typing import Any

import pytest

from magref import dataset, foods, serum
from magref.region import Region

from .conftest import Run

DATA = dataset.load(use_cache=False)


def run_json(magref: Run, *args: str, env: dict[str, str] | None = None) -> Any:
    result = magref(*args, "--json", env=env)
    assert result.code == 0, result
    return result.json


def _range(range_id: str) -> Any:
    return next(r for r in DATA.serum.ranges if r.id == range_id)


# -- serum ranges by region -------------------------------------------------------------------------


def test_the_regional_ranges_are_the_laboratories_figures() -> None:
    uk, australia = _range("uk-laboratories"), _range("australia-rcpa")
    assert (uk.low, uk.high, uk.unit, uk.regions) == (0.70, 1.00, "mmol/L", [Region.UK])
    assert (australia.low, australia.high, australia.unit, australia.regions) == (
        0.70,
        1.10,
        "mmol/L",
        [Region.AU_NZ],
    )
    assert {"lab-york-magnesium", "lab-newcastle-magnesium"} <= set(uk.sources)
    assert australia.sources == ["lab-alfred-magnesium"]


def test_a_region_picks_its_own_range_at_the_core() -> None:
    uk = serum.interpret(DATA, 0.98, "mmol/L", region=Region.UK)
    assert (uk.range.id, uk.status, uk.region, uk.region_choice) == ("uk-laboratories", "within", "uk", "own")
    # The same result is high against the default (IOM) range.
    assert serum.interpret(DATA, 0.98, "mmol/L").status == "high"
    australia = serum.interpret(DATA, 1.05, "mmol/L", region=Region.AU_NZ)
    assert (australia.range.id, australia.status) == ("australia-rcpa", "within")
    assert serum.interpret(DATA, 1.05, "mmol/L", region=Region.UK).status == "high"


def test_the_us_region_reads_as_before() -> None:
    found = serum.interpret(DATA, 0.8, "mmol/L", region=Region.US)
    assert (found.range.id, found.region, found.region_choice) == ("iom-1997", None, None)


def test_a_named_or_printed_range_comes_before_the_region() -> None:
    named = serum.interpret(DATA, 0.98, "mmol/L", "iom-1997", region=Region.UK)
    assert (named.range.id, named.status, named.region) == ("iom-1997", "high", None)
    printed = serum.interpret(
        DATA, 0.98, "mmol/L", printed=serum.printed_range(0.6, 0.9, "mmol/L"), region=Region.UK
    )
    assert (printed.range.id, printed.status) == (serum.PRINTED, "high")


def test_lab_reads_against_the_uk_range(magref: Run) -> None:
    report = run_json(magref, "lab", "0.68", "mmol/L", "--region", "uk")
    assert (report["range"]["id"], report["range"]["low"], report["range"]["high"]) == (
        "uk-laboratories",
        0.7,
        1.0,
    )
    assert (report["status"], report["region"], report["region_range"]) == ("low", "uk", "own")
    text = magref("lab", "0.68", "mmol/L", "--region", "uk").stdout
    assert "UK NHS laboratories" in text and "usual range for region uk" in text


def test_lab_takes_the_region_from_the_environment(magref: Run) -> None:
    report = run_json(magref, "lab", "1.05", "mmol/L", env={"MAGREF_REGION": "au-nz"})
    assert (report["range"]["id"], report["status"]) == ("australia-rcpa", "within")
    assert run_json(magref, "lab", "1.05", "mmol/L", env={"MAGREF_REGION": "uk"})["status"] == "high"


def test_lab_says_when_a_region_has_no_range_of_its_own(magref: Run) -> None:
    report = run_json(magref, "lab", "0.8", "mmol/L", "--region", "eu")
    assert (report["range"]["id"], report["region"], report["region_range"]) == ("iom-1997", "eu", "default")
    assert "no laboratory range for region eu" in magref("lab", "0.8", "mmol/L", "--region", "eu").stdout


def test_lab_range_option_overrides_the_region(magref: Run) -> None:
    report = run_json(magref, "lab", "0.98", "mmol/L", "--region", "uk", "--range", "iom-1997")
    assert (report["range"]["id"], report["status"], report["region"]) == ("iom-1997", "high", None)


# -- signs of too much, as the NIH fact sheet gives them ---------------------------------------------


def _threshold(value: float, unit: str) -> Any:
    return next(t for t in DATA.serum.thresholds if (t.value, t.unit) == (value, unit))


def test_the_overdose_levels_are_the_fact_sheets() -> None:
    ods = _threshold(1.74, "mmol/L")
    assert (ods.direction, ods.sources) == ("above", ["ods-hp"])
    assert "1.74 to 2.61 mmol/L" in ods.text
    first = ods.text.index("low blood pressure")
    assert (
        first
        < ods.text.index("nausea")
        < ods.text.index("muscle weakness")
        < ods.text.index("cardiac arrest")
    )
    # The Institute of Medicine's 2 to 3.5 mmol/L is for the more serious effects, not the first signs.
    iom = _threshold(2, "mmol/L")
    assert iom.sources == ["iom-1997"] and "3.5 mmol/L" in iom.text and "nausea" not in iom.text


def test_the_excess_summary_attributes_the_levels_to_the_fact_sheet() -> None:
    summary = DATA.excess.summary
    assert (
        "NIH Office of Dietary Supplements" in summary and "1.74 to 2.61 mmol/L (4.2 to 6.3 mg/dL)" in summary
    )
    assert DATA.excess.sources[0] == "ods-hp"
    assert DATA.excess.signs[:4] == ["low blood pressure", "nausea", "vomiting", "flushing of the face"]


def test_lab_marks_the_fact_sheet_level_reached(magref: Run) -> None:
    report = run_json(magref, "lab", "1.8", "mmol/L")
    reached = {(t["value"], t["unit"]) for t in report["thresholds"] if t["reached"]}
    assert (1.74, "mmol/L") in reached and (2, "mmol/L") not in reached
    below = run_json(magref, "lab", "1.7", "mmol/L")
    assert not any(t["reached"] for t in below["thresholds"] if t["direction"] == "above")


def test_cautions_show_the_fact_sheet_levels(magref: Run) -> None:
    text = magref("cautions").stdout
    assert "1.74 to 2.61 mmol/L" in " ".join(text.split())


# -- foods: the serving figure against the USDA record ----------------------------------------------

#: Read in the SR28 abbreviated file: NDB number, mg of magnesium per 100 g, and the grams of the
#: food's serving (the record's own household weight, or an ounce of 28.35 g).
SR28 = {
    "pumpkin-seeds": ("12016", 550, 28.35),
    "chia-seeds": ("12006", 335, 28.35),
    "almonds": ("12063", 279, 28.35),
    "spinach": ("11458", 87, 90),
    "cashews": ("12085", 260, 28.35),
    "shredded-wheat": ("08147", 130, 47),
    "soymilk": ("16120", 25, 243),
    "black-beans": ("16015", 70, 86),
    "edamame": ("11212", 64, 77.5),
    "peanut-butter": ("16098", 168, 32),
    "potato": ("11674", 28, 99.2),
    "brown-rice": ("20037", 39, 101),
    "yogurt": ("01117", 17, 227),
    "salmon": ("15237", 30, 85),
    "milk": ("01079", 11, 244),
    "halibut": ("15037", 28, 85),
    "wholewheat-bread": ("18075", 75, 32),
    "avocado": ("09037", 29, 75),
    "white-rice": ("20445", 12, 79),
}
DIFFERING = {"chia-seeds": 95, "peanut-butter": 54, "potato": 28, "brown-rice": 39, "yogurt": 39}


def _food(food_id: str) -> Any:
    return next(f for f in DATA.foods if f.id == food_id)


@pytest.mark.parametrize("food_id", sorted(SR28))
def test_each_food_holds_its_usda_record(food_id: str) -> None:
    record = _food(food_id).per_100g
    assert (record.code, record.mg, record.serving_g) == SR28[food_id]
    assert record.sources == ["usda-sr28"] and record.serving_weight


def test_only_the_foods_that_disagree_with_their_record_are_flagged() -> None:
    flagged = {f.id: foods.by_record(f) for f in DATA.foods if foods.differs_from_record(f)}
    assert flagged == DIFFERING
    # Within rounding: almonds 79 by the record against 80, bread 24 against 23, milk 27 in 24-27.
    assert (foods.by_record(_food("almonds")), foods.by_record(_food("milk"))) == (79, 27)


def test_foods_say_which_record_a_differing_serving_follows(magref: Run) -> None:
    text = " ".join(magref("foods", "potato").stdout.split())
    assert "43 mg in 3.5 ounces is the figure of the serving table [ods-hp]" in text
    assert "record 11674" in text and "gives 28 mg for the same serving" in text
    agreeing = magref("foods", "spinach").stdout
    assert "differ from the USDA record" not in agreeing


def test_foods_json_gives_the_record_serving(magref: Run) -> None:
    item = run_json(magref, "foods", "chia")["items"][0]
    assert (item["mg"], item["mg_by_record"], item["serving_follows"]) == (111, 95, ["ods-hp"])
    spinach = run_json(magref, "foods", "spinach")["items"][0]
    assert (spinach["mg_by_record"], spinach["serving_follows"]) == (78, None)


# -- reference values: Japan 2025 -------------------------------------------------------------------


def _region(region_id: str) -> Any:
    return next(r for r in DATA.regions if r.id == region_id)


def test_japan_keeps_the_2020_amounts_until_the_2025_table_is_read() -> None:
    japan = _region("japan")
    adults = next(b for b in japan.intake if b.min_age == 30)
    assert (adults.male, adults.female, adults.sources) == (370, 290, ["japan-dri-2020"])
    assert any("2020 edition's" in n.text and "japan-dri-2025" in n.sources for n in japan.notes)


def test_japan_upper_level_is_the_2025_editions() -> None:
    upper = _region("japan").upper
    assert [(b.min_age, b.mg, b.mg_per_kg) for b in upper.bands] == [
        (0, None, None),
        (1, None, 5),
        (18, 350, None),
    ]
    assert upper.sources == ["japan-dri-2025"]


def test_the_faq_on_too_much_gives_the_fact_sheet_level(magref: Run) -> None:
    text = " ".join(magref("faq", "signs-of-too-much").stdout.split())
    assert "1.74 to 2.61 mmol/L" in text and "[ods-hp" in text
