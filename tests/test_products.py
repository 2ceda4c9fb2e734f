"""Products, units, the daily stack, label lines and blood results, through the CLI and at the core."""

from __future__ import annotations

from typing import Any

import pytest

from magref import amounts, dataset, dosing, intake, labels, serum
from magref.errors import InputError

from .conftest import Run
from .refusals import refused

DATA = dataset.load(use_cache=False)


def run_json(magref: Run, *args: str) -> Any:
    result = magref(*args, "--json")
    assert result.code == 0, result
    return result.json


# -- every product -----------------------------------------------------------------------------


@pytest.mark.parametrize("product", DATA.products, ids=lambda p: p.id)
def test_every_product_converts_through_its_label_figure(magref: Run, product: Any) -> None:
    measure = f"{product.per:g} mL" if product.unit == "mL" else f"{product.per:g} {product.unit}s"
    if product.unit == "teaspoon":
        measure = f"{product.per:g} tsp"
    report = run_json(magref, "convert", measure, product.id)
    assert report["product"] == product.id
    assert report["elemental_mg"] == pytest.approx(product.elemental_mg, abs=0.05)
    assert product.sources


@pytest.mark.parametrize("product", DATA.products, ids=lambda p: p.id)
def test_every_product_is_shown_with_its_sources(magref: Run, product: Any) -> None:
    result = magref("products", product.id)
    assert result.code == 0, result
    for source_id in product.sources:
        assert f"[{source_id}]" in result.stdout


def test_products_list_and_unknown_product(magref: Run) -> None:
    listed = run_json(magref, "products")
    assert {p["id"] for p in listed["items"]} >= {
        "milk-of-magnesia",
        "rolaids-regular",
        "magnesium-citrate-solution",
    }
    missing = magref("products", "unobtainium antacid")
    assert missing.code == 1
    assert "no product named" in missing.stderr


def test_label_maximum_in_elemental_milligrams(magref: Run) -> None:
    mom = run_json(magref, "products", "milk of magnesia")
    assert mom["max_daily_elemental_mg"] == pytest.approx(2000)
    rolaids = run_json(magref, "products", "rolaids regular")
    assert rolaids["max_daily_elemental_mg"] == pytest.approx(540)


# -- label figures of named products ----------------------------------------------------------


@pytest.mark.parametrize(
    ("product_id", "unit", "per", "elemental_mg", "source"),
    [
        ("slow-mag-za", "tablet", 1, 64, "label-slow-mag-za"),
        ("natural-calm", "teaspoon", 1, 205, "naturalcalm-kids-ca"),
    ],
)
def test_product_label_figures(
    product_id: str, unit: str, per: float, elemental_mg: float, source: str
) -> None:
    product = next(p for p in DATA.products if p.id == product_id)
    assert (product.unit, product.per) == (unit, per)
    assert product.elemental_mg == pytest.approx(elemental_mg)
    assert source in product.sources


def test_a_product_whose_label_was_not_read_is_not_counted_as_another(magref: Run) -> None:
    result = magref("stack", "Natural Vitality Calm 1 tsp")
    assert result.code == 1, result
    assert "no product named" in result.stderr


@pytest.mark.parametrize(
    ("text", "product_id", "per_day"),
    [
        ("Slow-Mag 2 tablets x2", "slow-mag-us", 286),
        ("slow mag 2 tablets", "slow-mag-us", 143),
        ("slowmag 2 tablets", "slow-mag-us", 143),
        ("Natural Calm 2 tsp", "natural-calm", 410),
        ("natural calm magnesium 1 teaspoon x2", "natural-calm", 410),
    ],
)
def test_brand_names_people_type_reach_the_product(
    magref: Run, text: str, product_id: str, per_day: float
) -> None:
    report = run_json(magref, "stack", text)
    assert report["items"][0]["product"] == product_id
    assert report["total_elemental_mg"] == pytest.approx(per_day)


# -- units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mg", "basis"),
    [
        ("500 mg glycinate", 500, intake.Basis.COMPOUND),
        ("0.5 g glycinate", 500, intake.Basis.COMPOUND),
        ("500000 mcg glycinate", 500, intake.Basis.COMPOUND),
        ("375 mg magnesium", 375, intake.Basis.ELEMENTAL),
        ("200 mg elemental glycinate", 200, intake.Basis.ELEMENTAL),
        ("4 mmol", 4 * 24.305, intake.Basis.ELEMENTAL),
        ("8 mEq", 4 * 24.305, intake.Basis.ELEMENTAL),
        ("Magnesium (as magnesium citrate) 200 mg", 200, intake.Basis.ELEMENTAL),
    ],
)
def test_masses(text: str, mg: float, basis: intake.Basis) -> None:
    item = amounts.parse_item(text)
    assert item.mass is not None
    assert item.mass.mg == pytest.approx(mg)
    assert item.mass.basis is basis


@pytest.mark.parametrize(
    ("text", "amount", "unit", "times"),
    [
        ("milk of magnesia 30 mL", 30, "mL", 1),
        ("milk of magnesia 2 tsp", 2, "teaspoon", 1),
        ("milk of magnesia 1 tbsp x2", 1, "tablespoon", 2),
        ("citrate of magnesia 10 fl oz", 295.735, "mL", 1),
        ("rolaids 2 tablets x3", 2, "count", 3),
        ("rolaids 2 caplets 3 times a day", 2, "count", 3),
        ("mag tab sr 1 capsule twice daily", 1, "count", 2),
        ("magnaspartate 1 sachet per day", 1, "count", 1),
    ],
)
def test_measures_and_counts(text: str, amount: float, unit: str, times: int) -> None:
    item = amounts.parse_item(text)
    assert item.measure is not None
    assert item.measure.amount == pytest.approx(amount)
    assert item.measure.unit == unit
    assert item.times == times


def test_spoons_go_through_the_products_own_unit() -> None:
    mom = intake.resolve(DATA, amounts.parse_item("milk of magnesia 1 tbsp"))
    assert mom.elemental_mg == pytest.approx(500)
    epsom = intake.resolve(DATA, amounts.parse_item("epsom salt by mouth 1 tbsp"))
    assert epsom.elemental_mg == pytest.approx(3 * 495)


@pytest.mark.parametrize(
    "text",
    [
        "-5 glycinate",
        "0 glycinate",
        "200g glycinate",
        "5 drops glycinate",
        "500kg glycinate",
        "1e309 glycinate",
        "375 mg",
        "x2",
        "",
        "glycinate 200 mg x2 x3",
        "glycinate 200 mg x0",
        "rolaids 500 tablets",
        "milk of magnesia 9000 mL",
        "200 mg compound magnesium",
    ],
)
def test_malformed_items_are_usage_errors(magref: Run, text: str) -> None:
    result = magref("stack", "--", text)
    assert result.code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith("magref:")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("unobtainium 2 tablets", 1),
        ("unobtainium 200 mg", 1),
        ("rolaids 200 mg", 2),
        ("milk of magnesia 2 tablets", 2),
        ("epsom salt by mouth 30 mL", 2),
        ("glycinate 30 mL", 1),
    ],
)
def test_wrong_names_and_units(magref: Run, text: str, code: int) -> None:
    result = magref("stack", text)
    assert result.code == code, result
    assert result.stdout == ""


# -- convert ------------------------------------------------------------------------------------


def test_convert_magnesium_alone_with_mmol_and_meq(magref: Run) -> None:
    report = run_json(magref, "convert", "375", "mg", "magnesium")
    assert report["kind"] == "magnesium"
    assert report["mmol"] == pytest.approx(15.43, abs=0.01)
    assert report["meq"] == pytest.approx(30.86, abs=0.01)
    assert report["over_ul"] is True
    plain = magref("convert", "375", "mg", "magnesium", "--mmol")
    assert "15.43 mmol = 30.86 mEq" in plain.stdout


def test_convert_form_json_has_mmol(magref: Run) -> None:
    report = run_json(magref, "convert", "500mg", "oxide")
    assert report["mmol"] == pytest.approx(301.5 / 24.305, abs=0.02)


def test_convert_milk_of_magnesia_by_volume(magref: Run) -> None:
    report = run_json(magref, "convert", "30ml", "milk of magnesia")
    assert report["elemental_mg"] == pytest.approx(1000)
    assert report["compound_mg"] == pytest.approx(2400)


@pytest.mark.parametrize(
    ("amount", "over", "words"),
    [("349", False, "At or under"), ("350", False, "At or under"), ("351", True, "Over the upper limit")],
)
def test_at_the_limit_is_not_over_it(magref: Run, amount: str, over: bool, words: str) -> None:
    report = run_json(magref, "convert", amount, "glycinate", "--elemental")
    assert report["over_ul"] is over
    assert report["status"] == ("over" if over else "at_or_under")
    assert words in magref("convert", amount, "glycinate", "--elemental").stdout


@pytest.mark.parametrize(("total", "status"), [(349, "at_or_under"), (350, "at_or_under"), (351, "over")])
def test_stack_at_the_limit(magref: Run, total: int, status: str) -> None:
    half = total / 2
    report = run_json(magref, "stack", f"{half:g} mg magnesium", f"{half:g} mg magnesium")
    assert report["status"] == status
    assert report["over_ul"] is (status == "over")


def test_limit_status_ignores_arithmetic_noise() -> None:
    assert dosing.limit_status(350.0000001, 350) == "at_or_under"
    assert dosing.limit_status(350.01, 350) == "over"
    assert dosing.limit_status(1000, None) == "no_limit"


def test_times_in_the_item_and_the_option_must_agree(magref: Run) -> None:
    assert magref("convert", "500mg oxide x2", "--times", "3").code == 2
    report = run_json(magref, "convert", "500mg oxide x2", "--times", "2")
    assert report["per_day_elemental_mg"] == pytest.approx(603, abs=1)


# -- stack --------------------------------------------------------------------------------------


def test_the_issue_example(magref: Run) -> None:
    report = run_json(
        magref, "stack", "glycinate 200 mg elemental x2", "milk of magnesia 30 mL", "rolaids 2 tablets x3"
    )
    items = report["items"]
    # plain "rolaids" counts the strongest tablet it may mean (Maximum Strength 1500), the safer reading
    assert [i["per_day_elemental_mg"] for i in items] == pytest.approx([400, 1000, 625.8])
    assert report["total_elemental_mg"] == pytest.approx(2025.8)
    assert report["over_ul"] is True
    assert items[1]["share_of_ul"] == pytest.approx(1000 / 350, abs=0.001)
    assert items[2]["assumed_strength"] is True
    plain = magref("stack", "glycinate 200 mg elemental x2", "milk of magnesia 30 mL")
    assert "Over the upper limit" in plain.stdout
    assert "114% of the upper limit" in plain.stdout


def test_stack_flags_more_than_the_label_allows(magref: Run) -> None:
    report = run_json(magref, "stack", "rolaids regular 4 tablets x4")
    assert report["items"][0]["over_label_maximum"] is True
    report = run_json(magref, "stack", "rolaids regular 4 tablets x3")
    assert report["items"][0]["over_label_maximum"] is False


def test_stack_for_a_child_uses_the_childs_limit(magref: Run) -> None:
    report = run_json(magref, "stack", "100 mg magnesium", "--age", "5")
    assert report["ul_supplemental_mg"] == 110
    baby = run_json(magref, "stack", "10 mg magnesium", "--age", "0.5")
    assert baby["status"] == "no_limit"


def test_a_product_name_with_a_number_in_it() -> None:
    line = intake.resolve(DATA, amounts.parse_item("Neomag 4 mmol 2 tablets"))
    assert line.product is not None and line.product.id == "neomag"
    assert line.elemental_mg == pytest.approx(194.4)
    with refused(InputError, "more than one amount"):  # 200 mg each, or in all?
        intake.resolve(DATA, amounts.parse_item("glycinate 200 mg 2 tablets"))


# -- check --------------------------------------------------------------------------------------


def test_check_counts_every_form_and_amount_pair(magref: Run) -> None:
    report = run_json(
        magref,
        "check",
        "--age",
        "40",
        "--form",
        "hydroxide",
        "--amount",
        "2400mg",
        "--form",
        "glycinate",
        "--amount",
        "500mg",
    )
    stack = report["intake"]["stack"]
    assert stack["total_elemental_mg"] == pytest.approx(1071, abs=1)
    assert stack["over_ul"] is True
    assert any("over the upper limit" in f["message"] for f in report["flags"])


@pytest.mark.parametrize(
    "args",
    [
        ["--form", "hydroxide", "--amount", "2400mg", "--form", "glycinate"],
        ["--form", "oxide", "--amount", "500", "--form", "glycinate", "--amount", "500", "--times", "2"],
        ["--times", "2"],
        ["--age", "50"],
    ],
)
def test_check_refuses_what_does_not_pair(magref: Run, args: list[str]) -> None:
    result = magref("check", "--age", "40", *args)
    assert result.code == 2, result
    assert result.stdout == ""


def test_check_takes_stack_items(magref: Run) -> None:
    report = run_json(
        magref, "check", "--age", "40", "--take", "milk of magnesia 30 mL", "--take", "100 mg magnesium"
    )
    assert report["intake"]["stack"]["total_elemental_mg"] == pytest.approx(1100)
    assert report["intake"]["product"] is None


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "--age", "30", "--age", "40"],
        ["dose", "--sex", "male", "--sex", "female", "--age", "30"],
        ["convert", "500", "oxide", "--age", "30", "--age=40"],
        ["list", "--sort", "id", "--sort", "name"],
        ["search", "sleep", "--limit", "1", "--limit", "2"],
        ["lab", "1", "mmol/L", "--range", "medlineplus", "--range", "iom-1997"],
        ["--data", "x", "--data", "y", "list"],
    ],
)
def test_repeated_single_value_options_are_refused(magref: Run, args: list[str]) -> None:
    result = magref(*args)
    assert result.code == 2, result
    assert "only one value is kept" in result.stderr


# -- labels -------------------------------------------------------------------------------------


def read(text: str) -> labels.LabelReading:
    return labels.read(DATA, text)


def test_us_supplement_facts_as() -> None:
    found = read("Magnesium (as magnesium glycinate) 200 mg")
    assert not found.ambiguous
    assert found.readings[0].basis is intake.Basis.ELEMENTAL
    assert found.readings[0].elemental_mg == 200
    assert found.readings[0].compound_mg == pytest.approx(200 / 0.141, rel=0.01)


def test_us_elemental_from() -> None:
    found = read("Magnesium (elemental) from magnesium citrate 400 mg")
    assert found.readings[0].elemental_mg == 400
    assert [c.word for c in found.compounds] == ["citrate"]


def test_us_blend() -> None:
    found = read("Magnesium (as magnesium oxide, magnesium glycinate) 200 mg")
    assert found.blend
    assert found.readings[0].elemental_mg == 200
    assert found.readings[0].compound_mg is None


def test_canada_bare_parenthesis() -> None:
    found = read("Magnesium (magnesium bisglycinate) 250 mg")
    assert found.readings[0].basis is intake.Basis.ELEMENTAL
    assert found.compounds[0].form is not None and found.compounds[0].form.id == "glycinate"


def test_drug_facts_other_information() -> None:
    found = read("each (15 mL) contains: magnesium 500 mg")
    assert found.readings[0].elemental_mg == 500
    assert found.portion == "15 mL"
    other = read("each tablet contains: calcium 220 mg, magnesium 45 mg")
    assert other.readings[0].elemental_mg == 45
    assert other.other_nutrients == [("calcium", 220)]


def test_drug_facts_active_ingredient_is_compound_weight() -> None:
    found = read("Magnesium hydroxide 1200 mg")
    assert not found.ambiguous
    assert found.readings[0].basis is intake.Basis.COMPOUND
    assert found.readings[0].elemental_mg == pytest.approx(500, abs=1)


def test_uk_mmol_with_mg_in_brackets() -> None:
    found = read("magnesium glycerophosphate equivalent to 4 mmol (97.2 mg) of magnesium")
    assert found.mmol is not None and found.mmol.check == "consistent"
    assert found.readings[0].elemental_mg == pytest.approx(97.2)
    wrong = read("equivalent to 4 mmol (120 mg) of magnesium")
    assert wrong.mmol is not None and wrong.mmol.check == "inconsistent"


def test_uk_mmol_only() -> None:
    found = read("Oral powder: 6.5g (10 mmol/sachet)")
    assert found.readings[0].elemental_mg == pytest.approx(243.05)
    assert found.portion == "sachet"


def test_french_compound_weight() -> None:
    found = read("Magnésium hydroxyde 400 mg")
    assert found.readings[0].basis is intake.Basis.COMPOUND
    assert found.readings[0].elemental_mg == pytest.approx(166.8, abs=0.5)


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("Magnesium Citrate 500mg 120 capsules", 81),
        ("Magnesium Glycinate 500 mg", 70),
        ("Magnesium Glycinate 500 mg capsules", 70),
    ],
)
def test_titles_are_ambiguous_with_both_readings(text: str, compound: float) -> None:
    found = read(text)
    assert found.ambiguous
    by_basis = {r.basis: r for r in found.readings}
    assert by_basis[intake.Basis.COMPOUND].elemental_mg == pytest.approx(compound, abs=1)
    assert by_basis[intake.Basis.ELEMENTAL].elemental_mg == 500
    assert by_basis[intake.Basis.ELEMENTAL].status == "over"


def test_a_chelate_of_a_named_compound_is_that_compound() -> None:
    title = read("Magnesium Glycinate Chelate 2000mg")
    assert [c.word for c in title.compounds] == ["glycinate"] and title.ambiguous and not title.blend
    panel = read("Amount per serving: Magnesium (as magnesium bisglycinate chelate) 200 mg 48%")
    assert [c.word for c in panel.compounds] == ["glycinate"]
    assert panel.readings[0].elemental_mg == 200
    assert [c.word for c in read("Magnesium amino acid chelate 500 mg").compounds] == ["chelate"]


@pytest.mark.parametrize(
    ("text", "elemental"),
    [("Mg 100 mg (24% DV)", 100), ("Elemental Mg 120 mg", 120), ("Magnesium oxide 400 mg (Mg 241 mg)", 241)],
)
def test_mg_as_the_nutrient_name(text: str, elemental: float) -> None:
    found = read(text)
    assert not found.ambiguous
    assert found.readings[0].basis is intake.Basis.ELEMENTAL
    assert found.readings[0].elemental_mg == elemental


def test_a_compound_named_after_its_weight_is_not_the_magnesium() -> None:
    found = read("Magnesium Citrate 200mg elemental (as 1333mg magnesium citrate)")
    assert found.pair is not None
    assert (found.pair.stated_elemental_mg, found.pair.compound_mg) == (200, 1333)


def test_eu_nrv_and_us_dv_checks() -> None:
    nrv = read("Magnesium 375 mg (100% NRV)")
    assert nrv.percent is not None and nrv.percent.matches == ["eu-nrv"]
    dv = read("Magnesium (as magnesium bisglycinate) 200 mg 48%")
    assert dv.percent is not None and dv.percent.matches == ["us-dv"]
    old = read("Magnesium (as magnesium bisglycinate) 200 mg 50% DV")
    assert old.percent is not None and old.percent.matches == ["us-dv-before-2016"]


def test_label_against_the_limit(magref: Run) -> None:
    report = run_json(magref, "label", "Magnesium (as magnesium citrate) 400 mg")
    assert report["readings"][0]["status"] == "over"
    report = run_json(magref, "label", "Magnesium (as magnesium citrate) 350 mg")
    assert report["readings"][0]["status"] == "at_or_under"


@pytest.mark.parametrize(
    "text", ["vitamin C 500 mg", "magnesium glycinate", "", "Magnesium 100 mg 200 mg", "Magnesium 0 mg"]
)
def test_unreadable_labels_exit_2_with_an_example(magref: Run, text: str) -> None:
    result = magref("label", "--", text)
    assert result.code == 2, result
    assert result.stdout == ""


def test_unreadable_label_names_what_it_understands(magref: Run) -> None:
    result = magref("label", "vitamin C 500 mg")
    assert "Magnesium (as magnesium glycinate) 200 mg" in result.stderr


# -- blood results ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "status"),
    [
        ("0.74", "mmol/L", "low"),
        ("0.75", "mmol/L", "within"),
        ("0.95", "mmol/L", "within"),
        ("0.96", "mmol/L", "high"),
        ("2.0", "mg/dL", "within"),
        ("1.5", "mEq/L", "within"),
        ("1.4", "meq/l", "low"),
    ],
)
def test_lab_against_the_default_range(magref: Run, value: str, unit: str, status: str) -> None:
    report = run_json(magref, "lab", value, unit)
    assert report["status"] == status
    assert report["range"]["id"] == "iom-1997"
    assert report["range"]["sources"]


@pytest.mark.parametrize(
    ("words", "mmol_per_l"),
    [
        (["1.5 mg/dL"], 0.62),
        (["1.5mg/dl"], 0.62),
        (["Magnesium: 0.8 mmol/L"], 0.8),
        (["serum", "magnesium", "0.7", "mmol", "/", "l"], 0.7),
        (["1.6", "mEq/L"], 0.8),
    ],
)
def test_lab_reads_a_result_as_a_report_prints_it(magref: Run, words: list[str], mmol_per_l: float) -> None:
    assert run_json(magref, "lab", *words)["mmol_per_l"] == pytest.approx(mmol_per_l, abs=0.01)


@pytest.mark.parametrize(
    ("words", "status", "low", "unit"),
    [
        (["1.5 mg/dL L (1.7-2.2)"], "low", 1.7, "mg/dL"),
        (["0.62 mmol/L [0.70 - 1.00]"], "low", 0.7, "mmol/L"),
        (["1.9", "mg/dL", "(0.7-1.0 mmol/L)"], "within", 0.7, "mmol/L"),
        (["0.9 mmol/L ref 0.6 to 0.85"], "high", 0.6, "mmol/L"),
    ],
)
def test_lab_uses_the_range_printed_on_the_report(
    magref: Run, words: list[str], status: str, low: float, unit: str
) -> None:
    found = run_json(magref, "lab", *words)
    assert (found["status"], found["range"]["id"], found["range"]["low"], found["range"]["unit"]) == (
        status,
        "printed",
        low,
        unit,
    )
    assert "printed on your report" in magref("lab", *words).stdout


@pytest.mark.parametrize(
    "args", [["1.9 mg/dL (2.2-1.7)"], ["1.9 mg/dL blah"], ["0.8 mmol/L (0.7-1.0)", "--range", "iom-1997"]]
)
def test_lab_refuses_what_follows_a_result_unless_it_is_a_range(magref: Run, args: list[str]) -> None:
    result = magref("lab", *args)
    assert result.code == 2, result
    assert result.stdout == ""


def test_lab_without_a_unit_asks_for_one(magref: Run) -> None:
    result = magref("lab", "2")
    assert result.code == 2, result
    assert "no unit" in result.stderr and "mmol/L" in result.stderr


def test_lab_range_ends_count_as_within() -> None:
    assert serum.interpret(DATA, 1.7, "mg/dL", "medlineplus").status == "within"
    assert serum.interpret(DATA, 2.2, "mg/dL", "medlineplus").status == "within"
    assert serum.interpret(DATA, 2.21, "mg/dL", "medlineplus").status == "high"


def test_lab_symptom_thresholds(magref: Run) -> None:
    report = run_json(magref, "lab", "5", "mEq/L")
    reached = {(t["value"], t["unit"]) for t in report["thresholds"] if t["reached"]}
    assert (4, "mEq/L") in reached and (10, "mEq/L") not in reached
    assert report["mmol_per_l"] == pytest.approx(2.5)
    assert report["mg_per_dl"] == pytest.approx(6.08, abs=0.01)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["0", "mmol/L"], 2),
        (["-1", "mmol/L"], 2),
        (["abc", "mg/dL"], 2),
        (["1", "g/L"], 2),
        (["500", "mmol/L"], 2),
        (["1", "mmol/L", "--range", "nope"], 1),
    ],
)
def test_lab_bad_input(magref: Run, args: list[str], code: int) -> None:
    result = magref("lab", "--", *args) if args[0].startswith("-") else magref("lab", *args)
    assert result.code == code, result
    assert result.stdout == ""


# -- the dataset ---------------------------------------------------------------------------------


def test_products_are_found_by_search(magref: Run) -> None:
    hits = run_json(magref, "search", "rolaids")
    assert any(h["kind"] == "product" for h in hits["hits"])


def test_a_derived_figure_needs_its_arithmetic_and_must_match_the_form(data_copy: Any) -> None:
    path = data_copy / "products.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("elemental_mg: 1000\n", "elemental_mg: 900\n", 1)
    text = text.replace("  - id: neomag\n", "  - id: neomag\n    form: nosuchform\n", 1)
    path.write_text(text, encoding="utf-8")
    messages = [str(p) for p in dataset.validate(data_copy)]
    assert any("elemental_mg" in m and "gives" in m for m in messages), messages
    assert any("nosuchform" in m for m in messages), messages


def test_compound_and_elemental_on_one_line_are_cross_checked() -> None:
    found = read("Magnesium Oxide 400mg (241.3mg elemental magnesium)")
    assert found.pair is not None and found.pair.check == "consistent"
    assert found.readings[0].elemental_mg == pytest.approx(241.3)
    assert found.readings[0].compound_mg == 400
    wrong = read("Magnesium hydroxide 1200 mg, magnesium 595 mg")
    assert wrong.pair is not None and wrong.pair.check == "inconsistent"
    assert wrong.pair.computed_mg == pytest.approx(500.4, abs=0.1)


@pytest.mark.parametrize(
    ("item", "elemental_mg"),
    [
        ("glycinate capsules 200 mg elemental", 200),
        ("200 mg of magnesium glycinate elemental", 200),
        ("2 tablespoons of milk of magnesia", 1000),
    ],
)
def test_stack_items_read_with_words_around_the_name(magref: Run, item: str, elemental_mg: float) -> None:
    result = magref("stack", item, "--json")
    assert result.code == 0, result
    assert round(result.json["total_elemental_mg"]) == elemental_mg


@pytest.mark.parametrize(
    ("item", "product"),
    [("1 tsp epsom salt", "epsom-salt-oral"), ("30 ml citrate", "magnesium-citrate-solution")],
)
def test_a_form_measured_by_the_spoon_is_its_one_product(magref: Run, item: str, product: str) -> None:
    line = run_json(magref, "stack", item)["items"][0]
    assert (line["kind"], line["product"]) == ("product", product)


def test_a_form_with_several_products_measured_so_is_refused(magref: Run) -> None:
    result = magref("stack", "30 mL hydroxide")
    assert result.code == 1, result
    assert "give it in mg or g" in result.stderr
