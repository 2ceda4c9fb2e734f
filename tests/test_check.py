"""Cautions and the personal check, for realistic people, with their flags."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import Run


def check(magref: Run, *args: str) -> dict[str, Any]:
    result = magref("check", *args, "--json")
    assert result.code == 0, result
    report: dict[str, Any] = result.json
    return report


def flags(report: dict[str, Any], level: str) -> list[str]:
    return [f["message"] for f in report["flags"] if f["level"] == level]


def test_older_woman_on_furosemide_and_omeprazole_taking_oxide_twice_a_day(magref: Run) -> None:
    report = check(
        magref, "--age", "70", "--sex", "female", "--drug", "furosemide", "--drug", "omeprazole",
        "--form", "oxide", "--amount", "500mg", "--times", "2",
    )  # fmt: skip
    assert report["intake"]["product"]["over_ul"] is True
    assert any("over the upper limit" in m for m in flags(report, "ask"))
    classes = {m["class_id"] for m in report["interactions"]}
    assert {"loop-diuretics", "proton-pump-inhibitors"} <= classes
    assert "older-adults" in {c["id"] for c in report["cautions"]}
    assert report["plan"] is None
    for key in ("person", "intake", "interactions", "plan", "cautions", "unknown", "flags"):
        assert key in report


def test_young_man_on_doxycycline_twice_a_day_taking_glycinate(magref: Run) -> None:
    report = check(
        magref, "--age", "30", "--sex", "male", "--drug", "doxycycline@08:00", "--drug", "doxycycline@20:00",
        "--form", "glycinate", "--amount", "500", "--times", "2",
    )  # fmt: skip
    assert report["intake"]["product"]["over_ul"] is False
    windows = [
        {"start": "10:00", "end": "14:00", "suggested": "12:00"},
        {"start": "22:00", "end": "02:00", "suggested": "22:30"},
    ]
    assert report["plan"]["windows"] == windows
    assert any("doxycycline" in m for m in flags(report, "ask"))


def test_pregnant_25_year_old_with_no_medicines(magref: Run) -> None:
    report = check(magref, "--age", "25", "--pregnant")
    assert report["intake"]["targets"][0]["rda_mg"] == 350
    assert "pregnancy" in {c["id"] for c in report["cautions"]}
    assert report["interactions"] == []
    assert flags(report, "stop") == []


def test_kidney_disease_is_flagged_ask(magref: Run) -> None:
    report = check(magref, "--age", "60", "--condition", "CKD")
    assert any(m.lower().startswith("kidney") or "kidney" in m.lower() for m in flags(report, "ask"))


def test_unlisted_drug_and_condition_are_notes_and_unknown(magref: Run) -> None:
    report = check(magref, "--age", "40", "--drug", "unobtainol", "--condition", "dragon pox")
    assert report["unknown"] == [
        {"kind": "medicine", "name": "unobtainol"},
        {"kind": "condition", "name": "dragon pox"},
    ]
    codes = {(f["code"], f["subject"]) for f in report["flags"] if f["level"] == "note"}
    assert {("medicine-not-listed", "unobtainol"), ("condition-not-listed", "dragon pox")} <= codes


def test_the_report_never_says_safe(magref: Run) -> None:
    result = magref(
        "check", "--age", "70", "--sex", "female", "--drug", "furosemide", "--drug", "unobtainol",
        "--condition", "kidney", "--pregnant",
    )  # fmt: skip
    text = result.stdout + result.stderr
    assert not re.search(r"\bsafe\b", text, re.IGNORECASE)


@pytest.mark.parametrize(
    "args",
    [
        ["--age", "30", "--form", "oxide"],
        ["--age", "30", "--amount", "500"],
        ["--age", "30", "--sex", "male", "--lactating"],
        ["--age", "30", "--drug", "doxycycline@30:00"],
        ["--age", "-3"],
    ],
)
def test_malformed_input_exits_2(magref: Run, args: list[str]) -> None:
    result = magref("check", *args)
    assert result.code == 2, result
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["kidney", "kidney disease", "CKD", "renal"])
def test_cautions_finds_kidney_by_any_name(magref: Run, name: str) -> None:
    result = magref("cautions", name, "--json")
    assert result.code == 0
    assert result.json["items"][0]["id"] == "kidney"


def test_unknown_condition_exits_1_and_says_so(magref: Run) -> None:
    result = magref("cautions", "dragon pox")
    assert result.code == 1
    assert "not evidence of safety" in result.stderr


def test_the_check_carries_its_sources_inputs_and_dataset_version() -> None:
    from magref import amounts, dataset
    from magref import check as core

    data = dataset.load()
    items = [amounts.parse_item("400mg citrate")]
    drugs = [
        core.Medicine("levothyroxine", 7 * 60),
        core.Medicine("furosemide", 8 * 60),
        core.Medicine("unobtainol"),
    ]
    report = core.check(data, core.Person(68, "female"), items, drugs, ["kidney"])
    ids = [s.id for s in report.sources]
    assert len(ids) == len(set(ids))
    cited = {*report.targets[0].sources, *product_sources(report)}
    for match in report.interactions.matches:
        cited |= {*match.group.sources}
    cited |= {s for c in report.cautions for s in c.sources}
    assert cited <= set(ids)
    assert "label-levothyroxine" in ids
    assert report.inputs == core.Inputs(
        ["400mg citrate"], ["levothyroxine@07:00", "furosemide@08:00", "unobtainol"], ["kidney"]
    )
    assert (
        report.about is not None and report.about.version and re.match(r"\d{4}-\d\d-\d\d$", report.about.date)
    )


def product_sources(report: Any) -> list[str]:
    lines = report.intake.lines if report.intake else []
    return [source for line in lines if line.form for source in line.form.sources]


def test_who_in_words_for_check_and_report(magref: Run) -> None:
    person = magref("check", "70", "female", "uk", "--take", "400 mg magnesium", "--json").json["person"]
    assert (person["age_years"], person["sex"], person["region"]) == (70, "female", "uk")
    report = magref("report", "30", "pregnant", "--format", "md")
    assert report.code == 0, report
    assert "pregnancy" in report.stdout


def test_an_unknown_product_is_left_out_of_the_total_and_flagged_not_fatal(magref: Run) -> None:
    report = magref(
        "check", "50", "--take", "Natural Vitality Calm 2 tsp", "--take", "400 mg oxide", "--json"
    ).json
    assert [line["item"] for line in report["intake"]["stack"]["items"]] == ["400 mg oxide"]
    assert {"kind": "item", "name": "Natural Vitality Calm 2 tsp"} in report["unknown"]
    flagged = [f for f in report["flags"] if f["code"] == "item-not-counted"]
    assert [(f["level"], f["subject"]) for f in flagged] == [("ask", "Natural Vitality Calm 2 tsp")]
    assert "leaves it out" in flagged[0]["message"]


def test_an_item_that_cannot_be_read_still_stops_the_check(magref: Run) -> None:
    result = magref("check", "50", "--take", "Slow-Mag 2 tsp")  # a tablet, measured by the spoon
    assert result.code == 2, result


def test_a_supplement_with_no_magnesium_is_checked_with_the_medicines_not_dropped() -> None:
    """'ferrous sulfate 325 mg' given as something taken holds no magnesium to count, but iron is
    in an interaction class: it must reach the interactions, not only 'not in the dataset'."""
    from magref import amounts, dataset
    from magref import check as core

    data = dataset.load(dataset.bundled_location())
    items = [
        amounts.parse_item(text)
        for text in ("glycinate 200 mg elemental", "ferrous sulfate 325 mg", "calcium 600 mg")
    ]
    report = core.check(data, core.Person(40), items)
    assert [match.group.id for match in report.interactions.matches] == ["other-absorption-lowered"]
    read = [(f.code, f.subject, f.detail) for f in report.flags if f.code == "item-read-as-medicine"]
    assert read == [("item-read-as-medicine", "ferrous sulfate 325 mg", "ferrous sulfate")]
    assert report.uncounted == ["calcium 600 mg"]  # calcium is not a medicine magref holds
    assert report.untimed == ["ferrous sulfate"]
    assert report.intake is not None and round(report.intake.total_elemental_mg) == 200


def test_a_supplement_read_as_a_medicine_is_said_so_in_json_and_text(magref: Run) -> None:
    report = check(magref, "--age", "40", "--take", "glycinate 200 mg elemental", "--take", "zinc 50 mg")
    assert any(f["code"] == "item-read-as-medicine" and f["subject"] == "zinc 50 mg" for f in report["flags"])
    assert [m["class_id"] for m in report["interactions"]] == ["high-dose-zinc"]
    text = magref("check", "--age", "40", "--take", "zinc 50 mg", "--take", "glycinate 200 mg elemental")
    assert "'zinc 50 mg' holds no magnesium magref counts" in text.stdout


def test_a_vitamin_in_international_units_says_how_to_check_it(magref: Run) -> None:
    """'vitamin D3 2000 IU' holds no magnesium and IU is no unit of it: the refusal says so and
    how to have the vitamin checked; given that way, its interaction is found."""
    refused = magref("check", "--age", "40", "--take", "vitamin D3 2000 IU")
    assert refused.code == 2
    assert "IU measures vitamins, not magnesium" in refused.stderr and "--drug" in refused.stderr
    report = check(magref, "--age", "40", "--take", "glycinate 200 mg elemental", "--drug", "vitamin D3")
    assert [m["class_id"] for m in report["interactions"]] == ["vitamin-d-supplements"]
