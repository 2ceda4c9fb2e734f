"""Magnesium listed among the medicines (a form or a product, by name or brand) is read as magnesium:
never "not in magref's dataset", counted by check, and placed against the gaps by plan."""

from __future__ import annotations

import pytest

from magref import amounts, check, dataset, interactions, plan
from magref.catalog import Catalog
from magref.errors import NotFound
from magref.model import Form, Product
from magref.syntax import parse_medicine

from .conftest import Run

NOT_LISTED = "not in magref's dataset"


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load()


def _every_name(data: Catalog) -> list[str]:
    """Every name and alias of every magnesium form and product the dataset holds."""
    found: list[str] = []
    for product in data.section("products"):
        assert isinstance(product, Product)
        found += [product.name, *product.aliases, *product.ambiguous_aliases]
    for form in data.forms:
        assert isinstance(form, Form)
        found += [form.name, *form.aliases]
    return list(dict.fromkeys(found))


# -- the resolver ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "product_id"),
    [
        ("Maalox", "maalox-regular-strength"),
        ("Mag-Ox 400", "mag-ox-400"),
        ("Slow-Mag", "slow-mag-za"),
        ("Pepcid Complete", "pepcid-complete"),
        ("Phillips' milk of magnesia", "milk-of-magnesia"),
    ],
)
def test_a_product_named_as_a_medicine_is_found_as_that_product(
    data: Catalog, typed: str, product_id: str
) -> None:
    found = interactions.resolve_medicine(data, typed)
    assert [product.id for product in found.products][:1] == [product_id]
    assert found.unknown == []
    assert found.names_magnesium
    assert found.magnesium_names[0] == data.by_id("products", product_id, Product).name  # type: ignore[union-attr]


def test_a_form_named_as_a_medicine_names_magnesium(data: Catalog) -> None:
    found = interactions.resolve_medicine(data, "magnesium oxide")
    assert [form.id for form in found.forms] == ["oxide"]
    assert found.names_magnesium and not found.unknown


def test_a_medicine_named_with_a_product_is_not_read_as_magnesium_only(data: Catalog) -> None:
    found = interactions.resolve_medicine(data, "Maalox with ciprofloxacin")
    assert found.products and found.hits
    assert not found.names_magnesium


def test_every_product_and_form_name_given_as_a_medicine_is_never_not_listed(data: Catalog) -> None:
    """A table test over the whole dataset: each name or alias, given as a medicine with a time, is
    never a ``not-listed`` note nor an unmatched dose, and is read as magnesium when it names no
    medicine."""
    every = _every_name(data)
    assert len(every) > 100
    for name in every:
        found = interactions.resolve_medicine(data, name)
        assert found.products or found.forms, name
        assert found.unknown == [], name
        result = plan.make_plan(data, [plan.DoseRequest(name, 9 * 60)])
        assert "not-listed" not in [note.code for note in result.notes], name
        if found.names_magnesium:
            assert [note.code for note in result.notes] == ["magnesium-named"], name
            assert result.unmatched == [], name


def test_interactions_with_a_product_only_says_it_names_magnesium_with_its_name(data: Catalog) -> None:
    with pytest.raises(NotFound) as raised:
        interactions.find(data, ["Maalox"])
    assert raised.value.reason == "magnesium-only"
    assert raised.value.names == ["Maalox Antacid liquid, regular strength (Maalox-type)"]


def test_a_product_named_with_a_medicine_says_whether_each_class_concerns_it(data: Catalog) -> None:
    report = interactions.find(data, ["Maalox", "cipro"])
    assert [product.id for product in report.products] == ["maalox-regular-strength"]
    assert report.relevance["fluoroquinolones"]["maalox-regular-strength"] == "applies"


# -- plan -----------------------------------------------------------------------------------------


def test_plan_reads_magnesium_among_the_medicines_at_its_time(data: Catalog) -> None:
    requests = [
        plan.DoseRequest("levothyroxine", 8 * 60),
        plan.DoseRequest("Maalox", 9 * 60),
        plan.DoseRequest("Maalox", 17 * 60),
    ]
    result = plan.make_plan(data, requests)
    assert [dose.drug for dose in result.doses] == ["levothyroxine"]
    assert result.unmatched == []
    (note,) = [note for note in result.notes if note.code == "magnesium-named"]
    assert note.drug == "Maalox"
    assert note.magnesium == ["Maalox Antacid liquid, regular strength (Maalox-type)"]
    assert note.times == [
        plan.MagnesiumAt(9 * 60, False, ["levothyroxine"]),
        plan.MagnesiumAt(17 * 60, False, []),
    ]
    assert not result.is_open(9 * 60) and result.is_open(17 * 60)


def test_plan_magnesium_with_no_time_is_said_to_be_off_the_timeline(data: Catalog) -> None:
    regimen = parse_medicine("Mag-Ox 400")[0].regimen
    assert regimen is not None
    result = plan.make_plan(data, [plan.DoseRequest("levothyroxine", 8 * 60)], untimed=[regimen])
    (note,) = [note for note in result.notes if note.code == "magnesium-named"]
    assert regimen.medicine == "Mag-Ox"
    assert note.drug == "Mag-Ox" and note.times == []
    assert "Magnesium oxide" in note.magnesium


def test_plan_command_reads_magnesium_oxide_as_magnesium(magref: Run) -> None:
    result = magref("plan", "levothyroxine 50 mcg daily", "magnesium oxide 400 mg at night")
    assert result.exit_code == 0
    assert NOT_LISTED not in result.stdout
    text = " ".join(result.stdout.split())
    assert "'magnesium oxide' names magnesium (Magnesium oxide), not a medicine" in text
    assert "at 22:00 (assumed) it keeps every gap (inside a window)" in text


def test_plan_command_reads_a_spoonful_of_maalox_as_magnesium(magref: Run) -> None:
    result = magref("plan", "lisinopril 20mg qd", "1 x 5 ml spoon 4 / day Maalox")
    assert result.exit_code == 0
    assert "'Maalox': it is" not in result.stdout
    text = " ".join(result.stdout.split())
    assert "'Maalox' names magnesium (Maalox Antacid liquid, regular strength (Maalox-type))" in text
    assert "08:00 (assumed), 12:00 (assumed), 16:00 (assumed) and 20:00 (assumed) it keeps every gap" in text


def test_plan_json_gives_the_magnesium_note_facts(magref: Run) -> None:
    result = magref("plan", "levothyroxine@8am", "Maalox bd", "--json")
    assert result.exit_code == 0
    notes = [note for note in result.json["notes"] if note["code"] == "magnesium-named"]
    assert len(notes) == 1
    note = notes[0]
    assert note["drug"] == "Maalox"
    assert note["magnesium"] == ["Maalox Antacid liquid, regular strength (Maalox-type)"]
    assert note["times"] == [
        {"time": "08:00", "assumed": True, "breaks": ["levothyroxine"]},
        {"time": "20:00", "assumed": True, "breaks": []},
    ]
    assert "breaks the gap of levothyroxine" in note["message"]
    assert result.json["unmatched"] == []


# -- check ----------------------------------------------------------------------------------------


def _check(data: Catalog, takes: list[str], drugs: list[str]) -> check.Report:
    return check.check(
        data,
        check.Person(40),
        [amounts.parse_item(text) for text in takes],
        [medicine for text in drugs for medicine in parse_medicine(text)],
    )


def test_check_counts_magnesium_given_as_medicines_in_the_total(data: Catalog) -> None:
    report = _check(
        data, ["magnesium citrate 200 mg"], ["magnesium oxide 400 mg at night", "Maalox 10 mL qid"]
    )
    assert report.intake is not None
    texts = [line.intake.text for line in report.intake.lines]
    assert texts == ["magnesium citrate 200 mg", "magnesium oxide 400 mg at night", "Maalox 10 mL qid"]
    maalox = report.intake.lines[2]
    assert maalox.intake.times == 4 and maalox.product is not None
    assert maalox.product.id == "mylanta-maximum-strength"  # plain "Maalox": the strongest it may mean
    assert report.intake.total_elemental_mg == pytest.approx(200 + 400 + 4 * 350)
    codes = [flag.code for flag in report.flags]
    assert "over-upper-limit" in codes
    assert codes.count("drug-read-as-magnesium") == 2
    assert "medicine-not-listed" not in codes and "condition-not-listed" not in codes
    assert report.interactions.unmatched == [] and report.unknown == []
    read = [flag for flag in report.flags if flag.code == "drug-read-as-magnesium"]
    assert [(flag.subject, flag.detail) for flag in read] == [
        ("magnesium oxide 400 mg at night", "Magnesium oxide"),
        ("Maalox 10 mL qid", "Maalox Antacid liquid, regular strength (Maalox-type)"),
    ]


def test_check_magnesium_given_as_a_medicine_counts_toward_the_relevance_and_times(data: Catalog) -> None:
    report = _check(data, [], ["cipro 500 mg@8am", "Maalox 10 mL@9am"])
    assert report.intake is not None and len(report.intake.lines) == 1
    assert [(r.class_id, r.text, r.relevance) for r in report.relevance] == [
        ("fluoroquinolones", "Maalox 10 mL@9am", "applies")
    ]
    assert report.plan is not None
    (note,) = [note for note in report.plan.notes if note.code == "magnesium-named"]
    assert note.times == [plan.MagnesiumAt(9 * 60, False, ["ciprofloxacin"])]


def test_check_asks_about_magnesium_given_as_a_medicine_whose_amount_is_not_read(data: Catalog) -> None:
    report = _check(data, [], ["levothyroxine@7am", "Slow-Mag bd"])
    assert report.intake is None
    (flag,) = [flag for flag in report.flags if flag.code == "drug-magnesium-not-read"]
    assert flag.level == "ask" and flag.subject == "Slow-Mag bd"
    assert flag.detail.startswith("Slow-Mag")


def test_check_command_counts_magnesium_given_as_medicines(magref: Run) -> None:
    args = ["check", "40", "--take", "magnesium citrate 200 mg", "--drug", "magnesium oxide 400 mg at night"]
    result = magref(*args, "--drug", "Maalox 10 mL qid")
    assert result.exit_code == 0
    assert NOT_LISTED not in result.stdout
    text = " ".join(result.stdout.split())
    assert "Total: 2,000 mg elemental a day" in text
    assert (
        "'Maalox 10 mL qid' names magnesium (Maalox Antacid liquid, regular strength (Maalox-type))" in text
    )
    assert "it is counted in the daily total above" in text
    document = magref(*args, "--drug", "Maalox 10 mL qid", "--json").json
    assert document["intake"]["stack"]["total_elemental_mg"] == pytest.approx(2000)
    codes = [flag["code"] for flag in document["flags"]]
    assert codes.count("drug-read-as-magnesium") == 2 and "over-upper-limit" in codes
    assert all(flag["message"] for flag in document["flags"])


def test_check_command_asks_about_an_amount_it_cannot_read(magref: Run) -> None:
    result = magref("check", "40", "--drug", "Slow-Mag bd", "--json")
    flags = [flag for flag in result.json["flags"] if flag["code"] == "drug-magnesium-not-read"]
    assert len(flags) == 1 and flags[0]["level"] == "ask"
    assert "could not be read" in flags[0]["message"]


# -- interactions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "entry"),
    [
        ("Maalox", "Maalox Antacid liquid, regular strength (Maalox-type)"),
        ("Mag-Ox 400", "Mag-Ox 400 tablets (magnesium oxide)"),
        ("Slow-Mag", "Slow-Mag enteric-coated tablets (magnesium chloride, South Africa)"),
        ("Pepcid Complete", "Pepcid Complete chewable tablets"),
        ("Phillips' milk of magnesia", "Milk of magnesia (Phillips' Original)"),
    ],
)
def test_interactions_with_a_product_answers_as_milk_of_magnesia_does(
    magref: Run, typed: str, entry: str
) -> None:
    result = magref("interactions", typed)
    form = magref("interactions", "milk of magnesia")
    assert result.exit_code == form.exit_code == 1
    err = " ".join(result.stderr.split())
    assert NOT_LISTED not in err
    assert f"it names magnesium ({entry}" in err
    assert "not a medicine: add the medicine to check" in err


def test_check_asks_about_magnesium_given_as_a_medicine_at_a_time_that_breaks_a_gap(data: Catalog) -> None:
    report = _check(data, [], ["levothyroxine@7am", "Maalox 10 mL@9am and 5pm"])
    assert report.intake is not None
    (line,) = report.intake.lines
    assert line.intake.times == 2  # two times given, no how often: two doses a day
    breaking = [flag for flag in report.flags if flag.code == "drug-magnesium-breaks-gap"]
    assert [(f.level, f.subject, f.detail, f.figures) for f in breaking] == [
        ("ask", "Maalox", "levothyroxine", {"minute": 9 * 60})
    ]


def test_check_command_words_a_magnesium_time_that_breaks_a_gap(magref: Run) -> None:
    result = magref("check", "40", "--drug", "levothyroxine@7am", "--drug", "Maalox 10 mL@9am and 5pm")
    text = " ".join(result.stdout.split())
    assert "ASK: 'Maalox' (magnesium) at 09:00 breaks the gap of levothyroxine" in text
    assert "at 17:00 breaks" not in text
