"""Intake targets at every age-band boundary, conversions, and each refused input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magref import dataset, dosing, lookup

from .conftest import Run

DATA = dataset.load(use_cache=False)

# (age, sex, stage) -> (RDA or AI mg, kind, supplemental UL mg), from the IOM 1997 tables.
EXPECTED = [
    (0, "female", None, 30, "AI", None),
    (0.49, "male", None, 30, "AI", None),
    (0.5, "male", None, 75, "AI", None),
    (0.99, "female", None, 75, "AI", None),
    (1, "male", None, 80, "RDA", 65),
    (3.99, "female", None, 80, "RDA", 65),
    (4, "male", None, 130, "RDA", 110),
    (8.99, "male", None, 130, "RDA", 110),
    (9, "female", None, 240, "RDA", 350),
    (13.99, "male", None, 240, "RDA", 350),
    (14, "male", None, 410, "RDA", 350),
    (14, "female", None, 360, "RDA", 350),
    (18.99, "female", "pregnancy", 400, "RDA", 350),
    (18, "female", "lactation", 360, "RDA", 350),
    (19, "male", None, 400, "RDA", 350),
    (19, "female", None, 310, "RDA", 350),
    (19, "female", "pregnancy", 350, "RDA", 350),
    (30.99, "female", "lactation", 310, "RDA", 350),
    (31, "male", None, 420, "RDA", 350),
    (31, "female", None, 320, "RDA", 350),
    (31, "female", "pregnancy", 360, "RDA", 350),
    (50.99, "female", "lactation", 320, "RDA", 350),
    (51, "male", None, 420, "RDA", 350),
    (51, "female", None, 320, "RDA", 350),
    (120, "female", None, 320, "RDA", 350),
]


@pytest.mark.parametrize(("age", "sex", "stage", "rda", "kind", "ul"), EXPECTED)
def test_every_band_boundary(
    age: float, sex: str, stage: str | None, rda: int, kind: str, ul: int | None
) -> None:
    (target,) = dosing.targets(DATA, age, sex, stage)  # type: ignore[arg-type]
    assert (target.rda_mg, target.rda_kind, target.ul_supplemental_mg) == (rda, kind, ul)


def test_no_sex_gives_both(magref: Run) -> None:
    result = magref("dose", "--age", "30", "--json")
    both = result.json["targets"]
    assert [t["sex"] for t in both] == ["female", "male"]
    assert [t["rda_mg"] for t in both] == [310, 400]
    for key in ("age_years", "sex", "life_stage", "rda_mg", "rda_kind", "ul_supplemental_mg", "notes"):
        assert key in both[0]


def test_months_for_infants(magref: Run) -> None:
    result = magref("dose", "--months", "3", "--sex", "female", "--json")
    (target,) = result.json["targets"]
    assert (target["rda_mg"], target["rda_kind"], target["ul_supplemental_mg"]) == (30, "AI", None)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["35", "female"], [("female", None, 320, "us")]),
        (["I am a 35-year-old woman"], [("female", None, 320, "us")]),
        (["30", "pregnant"], [("female", "pregnancy", 350, "us")]),
        (["breastfeeding", "28"], [("female", "lactation", 310, "us")]),
        (["60 male australia"], [("male", None, 420, "au-nz")]),
        (["14", "boy", "in", "the", "united", "kingdom"], [("male", None, 280, "uk")]),
        (["8", "months"], [("female", None, 75, "us"), ("male", None, 75, "us")]),
        (["35F"], [("female", None, 320, "us")]),
        (["60m", "uk"], [("male", None, 300, "uk")]),
        (["a 70 year old man from germany"], [("male", None, 350, "dach")]),
        (["my", "6", "month", "old", "baby"], [("female", None, 75, "us"), ("male", None, 75, "us")]),
        (["teenage girl 15"], [("female", None, 360, "us")]),
        (["elderly woman 82"], [("female", None, 320, "us")]),
        (["two", "year", "old"], [("female", None, 80, "us"), ("male", None, 80, "us")]),
    ],
)
def test_who_in_words_as_people_say_it(
    magref: Run, words: list[str], expected: list[tuple[str, str | None, int, str]]
) -> None:
    targets = magref("dose", *words, "--json").json["targets"]
    assert [(t["sex"], t["life_stage"], t["rda_mg"], t["region"]) for t in targets] == expected


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["35", "cat"], "'cat'"),
        (["35", "40"], "more than one age"),
        (["35", "--age", "40"], "--age"),
        (["35", "uk", "--region", "eu"], "--region"),
        (["35", "female", "male"], "more than one sex"),
    ],
)
def test_words_that_are_not_a_person_or_say_it_twice_are_refused(
    magref: Run, args: list[str], named: str
) -> None:
    result = magref("dose", *args)
    assert result.code == 2, result
    assert named in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--age", "-1"], "-1"),
        (["--age", "200"], "200"),
        (["--age", "abc"], "abc"),
        (["--age", "nan"], "nan"),
        (["--age", "30", "--sex", "male", "--pregnant"], "male"),
        (["--age", "30", "--pregnant", "--lactating"], "--lactating"),
        (["--age", "30", "--sex", "other"], "other"),
        (["--age", "5", "--pregnant"], "pregnancy"),
        ([], "--age"),
    ],
)
def test_impossible_input_is_a_usage_error_naming_the_value(magref: Run, args: list[str], named: str) -> None:
    result = magref("dose", *args)
    assert result.code == 2, result
    assert named in result.stderr
    assert result.stdout == ""


def test_convert_glycinate_and_oxide(magref: Run) -> None:
    glycinate = magref("convert", "500mg", "glycinate", "--json").json
    oxide = magref("convert", "0.5g", "oxide", "--json").json
    assert glycinate["elemental_mg"] == pytest.approx(70.5, abs=0.5)
    assert oxide["elemental_mg"] == pytest.approx(301.5, abs=0.5)
    for key in ("form", "compound_mg", "elemental_mg", "elemental_percent", "times", "per_day_elemental_mg",
                "ul_supplemental_mg", "over_ul"):  # fmt: skip
        assert key in glycinate


def test_convert_times_flags_the_upper_limit(magref: Run) -> None:
    report = magref("convert", "500", "oxide", "--times", "2", "--json").json
    assert report["per_day_elemental_mg"] == pytest.approx(603, abs=1)
    assert report["over_ul"] is True
    plain = magref("convert", "500", "oxide", "--times", "2")
    assert "Over the upper limit" in plain.stdout


def test_convert_elemental_turns_it_round(magref: Run) -> None:
    report = magref("convert", "100", "glycinate", "--elemental", "--json").json
    assert report["elemental_mg"] == pytest.approx(100)
    assert report["compound_mg"] == pytest.approx(709.2, abs=0.5)


@pytest.mark.parametrize("amount", ["-5", "0", "nan", "inf", "1e309", "abc", "500kg", "200g", ""])
def test_refused_amounts(magref: Run, amount: str) -> None:
    result = magref("convert", "--", amount, "glycinate")
    assert result.code == 2, result
    assert result.stdout == ""


def test_refused_times(magref: Run) -> None:
    assert magref("convert", "500", "oxide", "--times", "0").code == 2
    assert magref("convert", "500", "oxide", "--times", "100").code == 2


@given(st.floats(min_value=1, max_value=dosing.MAX_AMOUNT_MG, allow_nan=False))
def test_compound_and_elemental_round_trip(amount: float) -> None:
    form = lookup.find_form(DATA, "citrate")
    there = dosing.convert(DATA, form, amount)
    back = dosing.convert(DATA, form, there.elemental_mg, elemental=True)
    assert back.compound_mg == pytest.approx(amount)
    assert there.elemental_mg < amount


@pytest.mark.parametrize(
    ("item", "compound_mg", "elemental_mg"),
    [
        ("2 capsules of 400mg oxide compound", 800.0, 482.4),
        ("glycinate 500 mg compound each, 2 caps", 1000.0, 141.0),
        ("2 capsules glycinate 500 mg compound per capsule", 1000.0, 141.0),
        ("3 tablets of 100 mg elemental citrate", 1851.9, 300.0),
    ],
)
def test_a_count_of_capsules_each_holding_a_mass_is_multiplied(
    magref: Run, item: str, compound_mg: float, elemental_mg: float
) -> None:
    for command in ("stack", "convert"):
        found = magref(command, item, "--json").json
        line = found["items"][0] if command == "stack" else found
        assert (line["compound_mg"], line["elemental_mg"]) == (compound_mg, elemental_mg), command


def test_units_whose_mass_says_neither_elemental_nor_compound_count_the_safer_reading(magref: Run) -> None:
    line = magref("stack", "2 capsules of 400mg oxide", "--json").json["items"][0]
    assert (line["basis_stated"], line["elemental_mg"], line["other_elemental_mg"]) == (False, 800.0, 482.4)


def test_a_product_named_with_its_strength_is_still_counted_by_the_tablet(magref: Run) -> None:
    line = magref("stack", "Neomag 4 mmol 2 tablets", "--json").json["items"][0]
    assert (line["kind"], line["quantity"]) == ("product", 2.0)
    assert line["elemental_mg"] == pytest.approx(2 * 4 * 24.305, abs=0.5)


@pytest.mark.parametrize(
    ("item", "times"),
    [("glycinate 200 mg elemental bid", 2), ("oxide 400 mg t.i.d.", 3), ("citrate 150 mg elemental qhs", 1)],
)
def test_prescription_shorthand_gives_the_doses_a_day(magref: Run, item: str, times: int) -> None:
    assert magref("stack", item, "--json").json["items"][0]["times"] == times
