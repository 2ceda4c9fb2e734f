"""Products people buy: each new product through `products` and `stack`, the capsule, scoop,
serving, bottle and litre units, plain names that fit several strengths, and bowel preparations
counted as whole courses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from magref import amounts, dataset, intake
from magref.errors import InputError, NotFound
from magref.model import Product

from .conftest import Run
from .refusals import refused

DATA = dataset.load(use_cache=False)
PRODUCTS = {p.id: p for p in DATA.products}


def run_json(magref: Run, *args: str) -> Any:
    result = magref(*args, "--json")
    assert result.code == 0, result
    return result.json


# product id, what a person types, the unit shown, elemental mg in that one unit, label maximum
NEW = [
    ("pepcid-complete", "Pepcid Complete 1 tablet", "tablet", 68.8, None),
    ("gaviscon-regular-strength-liquid", "Gaviscon Regular Strength liquid 15 mL", "mL", 89.5, 120),
    ("gaviscon-extra-strength-liquid", "Gaviscon Extra Strength liquid 5 mL", "mL", 59.4, 80),
    ("mag-ox-400", "Mag-Ox 400 1 tablet", "tablet", 240, 2),
    ("uro-mag", "Uro-Mag 1 capsule", "capsule", 84.5, None),
    ("glycerophosphate-tablets-uk", "MagnaPhate 1 tablet", "tablet", 97.2, 6),
    ("picolax", "Picolax 1 sachet", "sachet", 2110.5, 2),
    ("citrafleet", "CitraFleet 1 sachet", "sachet", 2110.5, 2),
    ("clenpiq", "Clenpiq 1 bottle", "bottle", 2110.5, 2),
    ("suprep", "Suprep 1 bottle", "bottle", 323, 2),
    ("lmnt", "LMNT 1 sachet", "sachet", 60, None),
    ("magonate-liquid", "Magonate liquid 5 mL", "mL", 54, 15),
    ("slow-mag-us", "Slow-Mag US 1 tablet", "tablet", 71.5, None),
    ("rolaids-soft-chews", "Rolaids Soft Chews 1 tablet", "tablet", 98.0, None),
    ("rolaids-max-strength-1500", "Rolaids Max Strength 1500 1 tablet", "tablet", 104.3, None),
]


@pytest.mark.parametrize(("product_id", "typed", "unit", "each", "most"), NEW, ids=[n[0] for n in NEW])
def test_each_new_product_is_shown_with_its_figure_and_sources(
    magref: Run, product_id: str, typed: str, unit: str, each: float, most: float | None
) -> None:
    name = typed.rsplit(" ", 2)[0]
    report = run_json(magref, "products", name)
    assert report["id"] == product_id
    assert report["unit"] == unit
    typed_amount = float(typed.split()[-2])
    assert report["elemental_mg"] / report["per"] * typed_amount == pytest.approx(each, abs=0.1)
    assert report["max_daily"] == most
    assert report["sources"]
    plain = magref("products", name)
    assert plain.code == 0, plain
    for source in report["sources"]:
        assert f"[{source}]" in plain.stdout


@pytest.mark.parametrize(("product_id", "typed", "unit", "each", "most"), NEW, ids=[n[0] for n in NEW])
def test_each_new_product_counts_in_a_stack(
    magref: Run, product_id: str, typed: str, unit: str, each: float, most: float | None
) -> None:
    report = run_json(magref, "stack", typed)
    item = report["items"][0]
    assert item["product"] == product_id
    assert item["quantity_unit"] == unit
    assert item["elemental_mg"] == pytest.approx(each, abs=0.1)
    assert report["total_elemental_mg"] == pytest.approx(each, abs=0.1)
    plain = magref("stack", typed)
    assert plain.code == 0, plain
    assert PRODUCTS[product_id].name.split(" (")[0] in " ".join(plain.stdout.split())


# -- units -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("uro-mag 2 capsules", 2, "count"),
        ("powder 2 scoops", 2, "scoop"),
        ("powder 1 scoop x2", 1, "scoop"),
        ("drink 1 serving", 1, "serving"),
        ("drink 2 servings", 2, "serving"),
        ("suprep 1 bottle", 1, "bottle"),
        ("clenpiq 2 bottles", 2, "bottle"),
        ("water 1.5 l", 1500, "mL"),
        ("water 1 litre", 1000, "mL"),
        ("water 0.5 liters", 500, "mL"),
    ],
)
def test_new_units_are_read(text: str, amount: float, unit: str) -> None:
    item = amounts.parse_item(text)
    assert item.measure is not None
    assert item.measure.amount == pytest.approx(amount)
    assert item.measure.unit == unit


def test_litres_are_a_thousand_millilitres_of_a_liquid() -> None:
    line = intake.resolve(DATA, amounts.parse_item("magonate liquid 0.015 l"))
    assert line.units_per_dose == pytest.approx(15)
    assert line.elemental_mg == pytest.approx(162)
    with refused(InputError, "more than 5000 mL"):
        amounts.parse_item("magonate liquid 6 l")


def test_a_count_of_capsules_fits_a_product_sold_by_the_capsule_or_tablet() -> None:
    capsules = intake.resolve(DATA, amounts.parse_item("uro-mag 3 capsules"))
    assert capsules.units_per_dose == 3
    assert capsules.elemental_mg == pytest.approx(3 * 84.5)
    tablets = intake.resolve(DATA, amounts.parse_item("uro-mag 3 tablets"))
    assert tablets.elemental_mg == capsules.elemental_mg


def _product(unit: str) -> Product:
    return Product(
        id="test-powder",
        name="Test powder",
        region="US",
        purposes=["supplement"],
        unit=unit,  # type: ignore[arg-type]
        per=1,
        elemental_mg=100,
        basis="label",
        max_daily=None,
        use="A test product.",
        sources=["ods-hp"],
    )


@pytest.mark.parametrize(
    ("unit", "typed", "units"),
    [
        ("scoop", intake.Measure(2, "scoop"), 2),
        ("serving", intake.Measure(3, "serving"), 3),
        ("capsule", intake.Measure(2, "count"), 2),
        ("bottle", intake.Measure(1, "bottle"), 1),
        ("mL", intake.Measure(1000, "mL"), 1000),
    ],
)
def test_a_measure_fits_a_product_of_its_own_unit(unit: str, typed: intake.Measure, units: float) -> None:
    assert intake._units(_product(unit), typed, "x") == units


@pytest.mark.parametrize(
    ("unit", "typed"),
    [
        ("scoop", intake.Measure(2, "count")),
        ("scoop", intake.Measure(2, "serving")),
        ("serving", intake.Measure(2, "count")),
        ("serving", intake.Measure(2, "scoop")),
        ("capsule", intake.Measure(2, "scoop")),
        ("capsule", intake.Measure(2, "serving")),
        ("bottle", intake.Measure(100, "mL")),
        ("bottle", intake.Measure(1, "count")),
        ("capsule", intake.Measure(1, "bottle")),
        ("mL", intake.Measure(1, "serving")),
    ],
)
def test_a_measure_of_another_kind_is_refused(unit: str, typed: intake.Measure) -> None:
    with refused(InputError, "is measured in"):
        intake._units(_product(unit), typed, "x")


SCOOP_PRODUCT = """
  - id: test-scoop-powder
    name: "Test scoop powder"
    aliases: [test scoop powder]
    region: US
    purposes: [supplement]
    unit: scoop
    per: 1
    elemental_mg: 150
    basis: label
    max_daily: 2
    use: "A test powder measured by the scoop."
    sources: [ods-hp]

  - id: test-serving-drink
    name: "Test serving drink"
    aliases: [test serving drink]
    region: US
    purposes: [drink]
    unit: serving
    per: 1
    elemental_mg: 40
    basis: label
    max_daily: null
    use: "A test drink measured by the serving."
    sources: [ods-hp]

  - id: test-mineral-water
    name: "Test mineral water"
    aliases: [test mineral water]
    region: DE
    purposes: [drink]
    unit: mL
    per: 1000
    elemental_mg: 100
    basis: label
    max_daily: null
    use: "A test water whose label gives magnesium per litre."
    sources: [ods-hp]
"""


def test_scoops_and_servings_through_the_cli(magref: Run, data_copy: Path) -> None:
    products = data_copy / "products.yaml"
    products.write_text(products.read_text(encoding="utf-8") + SCOOP_PRODUCT, encoding="utf-8")
    data = ("--data", str(data_copy))
    report = run_json(magref, *data, "stack", "test scoop powder 2 scoops", "test serving drink 3 servings")
    assert [i["quantity_unit"] for i in report["items"]] == ["scoop", "serving"]
    assert report["total_elemental_mg"] == pytest.approx(300 + 120)
    over = run_json(magref, *data, "stack", "test scoop powder 2 scoops x2")
    assert over["items"][0]["over_label_maximum"] is True
    text = magref(*data, "stack", "test scoop powder 1 scoop")
    assert "1 scoop of Test scoop powder" in text.stdout
    wrong = magref(*data, "stack", "test scoop powder 2 tablets")
    assert wrong.code == 2
    assert "measured in scoops" in wrong.stderr
    listing = magref(*data, "products", "test serving drink")
    assert "40 mg elemental per 1 serving" in listing.stdout
    water = run_json(magref, *data, "stack", "test mineral water 1.5 l")
    assert water["items"][0]["quantity"] == 1500
    assert water["total_elemental_mg"] == pytest.approx(150)
    assert "100 mg elemental per 1 litre" in magref(*data, "products", "test mineral water").stdout
    assert "500 mL of Test mineral water" in magref(*data, "stack", "test mineral water 0.5 litres").stdout


def test_the_unit_hint_names_the_new_units(magref: Run) -> None:
    result = magref("stack", "glycinate 5 drops")
    assert result.code == 2
    for word in ("litres", "capsules", "bottles", "scoops", "servings"):
        assert word in result.stderr


# -- names that fit several strengths ----------------------------------------------------------


def test_plain_maalox_counts_the_strongest_it_may_mean_and_offers_the_others(magref: Run) -> None:
    # The safer reading: plain "Maalox" may be the regular or a maximum-strength liquid, and the one
    # with the most magnesium is counted against the upper limit, with the others named.
    report = run_json(magref, "stack", "maalox 10 mL")
    item = report["items"][0]
    assert item["product"] == "mylanta-maximum-strength"
    assert item["elemental_mg"] == pytest.approx(350)
    assert item["assumed_strength"] is True
    assert item["other_strengths"] == ["maalox-regular-strength", "maalox-tablets-france"]
    text = " ".join(magref("stack", "maalox 10 mL").stdout.split())
    assert "counted as Aluminium and magnesium hydroxide antacid, maximum strength" in text
    assert "the one with the most magnesium" in text and "yours may hold more" not in text
    assert "Also sold: Maalox Antacid liquid, regular strength (Maalox-type), 85 mg elemental" in text
    assert "Name yours to count it" in text
    named = run_json(magref, "stack", "maalox regular strength 10 mL")["items"][0]
    assert named["product"] == "maalox-regular-strength" and named["assumed_strength"] is False
    shown = " ".join(magref("products", "maalox").stdout.split())
    assert "Other strengths: 'Maalox' may also mean" in shown
    assert "(mylanta-maximum-strength)" in shown


def test_plain_slow_mag_counts_the_us_tablet_which_holds_more_and_offers_the_other(magref: Run) -> None:
    report = run_json(magref, "stack", "Slow-Mag 2 tablets")
    item = report["items"][0]
    assert item["product"] == "slow-mag-us"
    assert item["elemental_mg"] == pytest.approx(143)
    assert item["assumed_strength"] is True
    assert item["other_strengths"] == ["slow-mag-za"]
    text = " ".join(magref("stack", "slow mag 2 tablets").stdout.split())
    assert "counted as Slow-Mag tablets with calcium (US), 72 mg elemental per 1 tablet" in text
    assert "the one with the most magnesium" in text
    assert "Slow-Mag enteric-coated tablets (magnesium chloride, South Africa), 64 mg elemental" in text
    us = run_json(magref, "stack", "Slow-Mag US 2 tablets")["items"][0]
    assert us["product"] == "slow-mag-us"
    assert us["assumed_strength"] is False
    assert us["other_strengths"] == []


def test_plain_rolaids_counts_the_strongest_tablet_and_offers_the_others(magref: Run) -> None:
    item = run_json(magref, "stack", "rolaids 2 tablets")["items"][0]
    assert item["product"] == "rolaids-max-strength-1500"
    assert item["other_strengths"] == [
        "rolaids-ultra",
        "rolaids-regular",
        "rolaids-extra",
        "rolaids-soft-chews",
    ]
    text = " ".join(magref("stack", "rolaids 2 tablets").stdout.split())
    assert "the one with the most magnesium" in text
    assert "Rolaids Regular Strength" in text
    assert "Soft Chews, 98 mg elemental per 1 tablet" in text
    chews = run_json(magref, "stack", "rolaids soft chews 2 chews")["items"][0]
    assert chews["product"] == "rolaids-soft-chews"
    assert chews["elemental_mg"] == pytest.approx(196)
    named = run_json(magref, "stack", "rolaids regular 2 tablets")["items"][0]
    assert named["assumed_strength"] is False
    assert named["other_strengths"] == []


def test_convert_shows_the_strength_note_too(magref: Run) -> None:
    text = " ".join(magref("convert", "10 mL", "maalox").stdout.split())
    assert "Note: the name fits several strengths" in text


def test_other_strengths_must_be_products_and_go_with_ambiguous_names(magref: Run, data_copy: Path) -> None:
    products = data_copy / "products.yaml"
    text = products.read_text(encoding="utf-8")
    text = text.replace("other_strengths: [slow-mag-us]", "other_strengths: [no-such-product]")
    text = text.replace("    ambiguous_aliases: [Rolaids]\n", "")
    products.write_text(text, encoding="utf-8")
    result = magref("validate", str(data_copy))
    assert result.code != 0
    assert "'no-such-product' is not another product's id" in result.stdout + result.stderr
    assert "other strengths go with ambiguous aliases" in result.stdout + result.stderr


# -- bowel preparations and label maxima -------------------------------------------------------


def test_a_bowel_preparation_is_a_whole_course_and_all_its_magnesium_counts(magref: Run) -> None:
    report = run_json(magref, "stack", "picolax 1 sachet x2")
    item = report["items"][0]
    assert item["course"] is True
    assert item["per_day_elemental_mg"] == pytest.approx(4221)
    assert item["over_label_maximum"] is False
    assert report["over_ul"] is True
    text = " ".join(magref("stack", "picolax 1 sachet x2").stdout.split())
    assert "a bowel preparation: the label's dose is one whole course" in text
    more = run_json(magref, "stack", "picolax 1 sachet x3")["items"][0]
    assert more["over_label_maximum"] is True
    assert "more than the label's whole course (2 sachets)" in " ".join(
        magref("stack", "picolax 1 sachet x3").stdout.split()
    )
    shown = " ".join(magref("products", "clenpiq").stdout.split())
    assert "Label course: 2 bottles in the whole course = 4,221 mg elemental" in shown
    assert run_json(magref, "products", "suprep")["course"] is True
    assert run_json(magref, "stack", "mag-ox 400 1 tablet")["items"][0]["course"] is False


def test_check_counts_a_bowel_preparation_as_a_laxative(magref: Run) -> None:
    args = ("check", "--age", "40", "--take", "clenpiq 1 bottle", "--drug", "ciprofloxacin")
    report = run_json(magref, *args)
    assert [(r["class_id"], r["relevance"]) for r in report["relevance"]] == [("fluoroquinolones", "applies")]
    text = " ".join(magref(*args).stdout.split())
    assert "1 bottle of Clenpiq oral solution" in text
    assert "= 2,110 mg elemental a day (a bowel preparation: the label's dose is one whole course" in text


@pytest.mark.parametrize(
    ("product_id", "most", "per_day_mg"),
    [("magnaspartate", 2, 486), ("mag-tab-sr", 4, 336), ("magonate", 6, 162), ("magonate-liquid", 15, 162)],
)
def test_point_five_daily_maxima(magref: Run, product_id: str, most: float, per_day_mg: float) -> None:
    report = run_json(magref, "products", product_id)
    assert report["max_daily"] == most
    assert report["max_daily_elemental_mg"] == pytest.approx(per_day_mg)


def test_magonate_names_its_calcium_and_phosphorus(magref: Run) -> None:
    note = run_json(magref, "products", "magonate")["note"]
    assert "175 mg of calcium" in note
    assert "182 mg of phosphorus" in note
    over = run_json(magref, "stack", "magonate 2 tablets x4")["items"][0]
    assert over["over_label_maximum"] is True


def test_new_products_are_in_the_list(magref: Run) -> None:
    listed = {p["id"] for p in run_json(magref, "products")["items"]}
    assert listed >= {n[0] for n in NEW}
    text = magref("products", env={"COLUMNS": "200"}).stdout
    assert "2 sachets in the whole course = 4,221 mg elemental" in text


@pytest.mark.parametrize(
    ("text", "product_id"),
    [
        ("oxide 2 tablets", "magnesium-oxide-400-tablets"),
        ("epsom salt 1 tsp", "epsom-salt-oral"),
        ("gluconate 2 tablets", "magonate"),
        ("magnesium carbonate 1 tablet", "gaviscon-extra-strength-tablets"),
    ],
)
def test_a_form_measured_by_the_unit_still_means_its_own_product(text: str, product_id: str) -> None:
    line = intake.resolve(DATA, amounts.parse_item(text))
    assert line.product is not None and line.product.id == product_id


def test_a_form_name_never_means_a_bowel_preparation() -> None:
    with refused(NotFound, "no product named"):
        intake.resolve(DATA, amounts.parse_item("magnesium oxide 1 bottle"))
    with pytest.raises(NotFound):
        intake.resolve(DATA, amounts.parse_item("oxide 1 bottle x2"))


def test_a_product_magref_does_not_hold_counts_by_the_elemental_magnesium_given(magref: Run) -> None:
    item = magref("stack", "ZMA 450 mg elemental", "--json").json["items"][0]
    assert (item["kind"], item["unlisted"], item["per_day_elemental_mg"]) == ("magnesium", "ZMA", 450)
    assert "ZMA" in magref("stack", "ZMA 450 mg elemental").stdout


def test_a_product_magref_does_not_hold_without_a_basis_is_still_refused(magref: Run) -> None:
    result = magref("stack", "ZMA 450 mg")
    assert result.code == 1
    assert "ZMA" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "1 bottle of magnesium citrate",
        "magnesium citrate oral solution 1 bottle",
        "citrate of magnesia 1 bottle",
    ],
)
def test_a_bottle_of_a_liquid_sold_by_the_bottle_is_the_bottle_the_label_gives(text: str) -> None:
    """A US bottle of magnesium citrate oral solution holds 10 fl oz (296 mL): '1 bottle' is that,
    counted in full; before, 'of' was read as part of the name and the bottle refused."""
    line = intake.resolve(DATA, amounts.parse_item(text))
    assert line.product is not None and line.product.id == "magnesium-citrate-solution"
    assert line.units_per_dose == 296
    assert round(line.per_day_elemental_mg) == round(296 * 290 / 30)


def test_a_bottle_whose_size_no_label_gives_is_still_asked_in_ml() -> None:
    with refused(InputError, "is measured in mL"):
        intake.resolve(DATA, amounts.parse_item("1 bottle of milk of magnesia"))


def test_the_bottle_is_said_back_with_its_millilitres(magref: Run) -> None:
    result = magref("stack", "1 bottle of magnesium citrate")
    assert result.code == 0
    assert "1 bottle (296 mL) of Magnesium citrate oral solution" in " ".join(result.stdout.split())
