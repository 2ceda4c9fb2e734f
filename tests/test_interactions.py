"""Interactions by class word, generic name and brand; unknown drugs are never presented as safe."""

from __future__ import annotations

import pytest

from .conftest import Run


def matches(magref: Run, *queries: str) -> dict[str, object]:
    result = magref("interactions", *queries, "--json")
    assert result.code == 0, result
    report: dict[str, object] = result.json
    return report


def class_ids(report: dict[str, object]) -> set[str]:
    found = report["matches"]
    assert isinstance(found, list)
    return {m["class_id"] for m in found}


def test_a_broad_word_matches_every_class_it_covers(magref: Run) -> None:
    ids = class_ids(matches(magref, "diuretic"))
    assert {"loop-diuretics", "thiazide-diuretics", "potassium-sparing-diuretics"} <= ids


def test_generic_brand_case_and_small_typo_find_the_same_class(magref: Run) -> None:
    for query in ("furosemide", "Lasix", "LASIX", "furosemid"):
        assert class_ids(matches(magref, query)) == {"loop-diuretics"}, query


def test_doxycycline_keeps_the_tetracycline_class_spacing(magref: Run) -> None:
    report = matches(magref, "doxycycline")
    match = report["matches"][0]  # type: ignore[index]
    assert match["class_id"] == "tetracyclines"
    assert match["spacing"]["hours_before"] == 2
    assert match["spacing"]["hours_after"] >= 4


def test_timing_does_not_help_for_diuretics(magref: Run) -> None:
    report = matches(magref, "furosemide")
    assert report["matches"][0]["spacing"] is None  # type: ignore[index]


def test_ciprofloxacin_uses_its_own_label_spacing(magref: Run) -> None:
    spacing = matches(magref, "ciprofloxacin")["matches"][0]["spacing"]  # type: ignore[index]
    assert (spacing["hours_before"], spacing["hours_after"]) == (2, 6)


def test_unknown_drug_exits_1_and_says_absence_is_not_safety(magref: Run) -> None:
    result = magref("interactions", "unobtainol")
    assert result.code == 1
    assert result.stdout == ""
    assert "not in magref's dataset" in result.stderr
    assert "not evidence of safety" in result.stderr


def test_unknown_drug_suggests_close_names(magref: Run) -> None:
    result = magref("interactions", "doxycyc")
    assert result.code == 1
    assert "doxycycline" in result.stderr


def test_some_matched_some_not_exits_0_and_names_the_rest(magref: Run) -> None:
    report = matches(magref, "furosemide", "unobtainol")
    assert report["unmatched"] == ["unobtainol"]
    plain = magref("interactions", "furosemide", "unobtainol")
    assert plain.code == 0
    text = " ".join(plain.stdout.split())
    assert "Not listed: unobtainol" in text
    assert "not evidence of safety" in text


def test_no_query_lists_every_class_most_severe_first(magref: Run) -> None:
    report = matches(magref)
    severities = [m["severity"] for m in report["matches"]]  # type: ignore[union-attr]
    order = {"major": 0, "moderate": 1, "minor": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert len(severities) >= 10


def test_other_generic_names_find_the_drug(magref: Run) -> None:
    report = matches(magref, "rifampin")
    assert report["matches"][0]["class_id"] == "other-anti-infectives"  # type: ignore[index]
    matched = report["matches"][0]["matched"][0]  # type: ignore[index]
    assert (matched["drug"], matched["typed"], matched["via"]) == ("rifampicin", "rifampin", "generic")


def test_a_drug_note_shows_its_sources(magref: Run) -> None:
    result = magref("interactions", "alendronate", env={"COLUMNS": "200"})
    assert "About alendronate:" in result.stdout
    assert "[label-alendronate]" in result.stdout


@pytest.mark.parametrize(("typed", "suggested"), [("lasiks", "Lasix"), ("humira", None), ("riluzole", None)])
def test_suggestions_are_close_names_only(magref: Run, typed: str, suggested: str | None) -> None:
    result = magref("interactions", typed)
    assert result.code == 1, result
    if suggested is None:
        assert "Did you mean" not in result.stderr
    else:
        assert f"Did you mean: {suggested}" in result.stderr
    assert "not evidence of safety" in result.stderr


def test_a_list_of_medicines_reports_each_unknown_one_on_its_own(magref: Run) -> None:
    # Tylenol and Ambien were the unheld brands here until their medicines gained them.
    found = magref("interactions", "I'm on Dupixent, Humira and Synthroid", "--json").json
    assert found["unmatched"] == ["dupixent", "humira"]
    assert [m["class_id"] for m in found["matches"]] == ["levothyroxine"]


def test_how_often_a_medicine_is_taken_is_not_a_medicine(magref: Run) -> None:
    plan = magref("plan", "Synthroid 6:30am, Fosamax 6am weekly, Cipro 8am and 8pm", "--json").json
    assert [(note["code"], note["drug"]) for note in plan["notes"]] == [("not-daily", "Fosamax")]
    assert [d["drug"] for d in plan["doses"]] == [
        "levothyroxine",
        "alendronate",
        "ciprofloxacin",
        "ciprofloxacin",
    ]


def test_a_route_other_than_by_mouth_is_read_as_a_route_not_a_medicine(magref: Run) -> None:
    found = magref("interactions", "ciprofloxacin eye drops", "--json").json
    assert [m["class_id"] for m in found["matches"]] == ["fluoroquinolones"]
    assert found["unmatched"] == [] and found["route"] == ["eye", "drops"]
    assert "by mouth" in found["route_note"]
    kidney = magref("interactions", "amphotericin b infusion", "--json").json
    assert kidney["route"] == [] and kidney["route_note"] is None  # not a gut rule: route does not matter
    alone = magref("interactions", "eye drops")
    assert alone.code == 1 and "not evidence of safety" in alone.stderr


def test_check_and_plan_say_the_route_may_change_the_rule(magref: Run) -> None:
    check = magref("check", "50", "--drug", "ciprofloxacin eye drops", "--json").json
    assert [f["code"] for f in check["flags"] if f["level"] == "note"] == ["route-named"]
    plan = magref("plan", "cipro eye drops@8am", "--json").json
    # the regimen reader reads "drops" as the form, and the medicine's name keeps the route word
    assert [(n["code"], n["route"]) for n in plan["notes"]] == [("route-named", ["eye"])]
    assert [piece["role"] for piece in plan["doses"][0]["regimen"]["pieces"]][:2] == ["name", "form"]


@pytest.mark.parametrize(
    ("query", "class_id"),
    [
        ("magnesium injection", "intravenous-magnesium-only"),
        ("magnesium infusion", "intravenous-magnesium-only"),
        ("iv magnesium", "intravenous-magnesium-only"),
        ("octreotide injection", None),
        ("morphine drip", None),
    ],
)
def test_a_route_word_alone_names_no_class(magref: Run, query: str, class_id: str | None) -> None:
    found = magref("interactions", query, "--json").json
    assert [m["class_id"] for m in found["matches"]] == ([class_id] if class_id else [])


@pytest.mark.parametrize(
    "query",
    ["levothyroxine 100mcg qam", "levothyroxine 100 mcg", "Lasix 40 mg bid", "doxycycline 100mg b.i.d."],
)
def test_a_dose_and_how_often_are_not_read_as_medicines(magref: Run, query: str) -> None:
    found = magref("interactions", query, "--json").json
    assert found["matches"] and found["unmatched"] == []


def test_a_list_that_names_nothing_names_each_item(magref: Run) -> None:
    # medicines magref does not hold (the examples before them are held now)
    result = magref("interactions", "riluzole 50 mg bid, pirfenidone 267mg, tafamidis 61mg")
    assert result.code == 1
    assert "'riluzole 50 mg bid', 'pirfenidone 267mg', 'tafamidis 61mg'" in result.stderr
    assert "not evidence of safety" in result.stderr
