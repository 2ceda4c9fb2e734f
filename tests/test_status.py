"""A blood result and kidney function in the check: read, joined, flagged and cited; risk groups
as conditions."""

from __future__ import annotations

from typing import Any

import pytest

from magref import check, dataset, lookup, status
from magref.catalog import Catalog
from magref.errors import InputError

from .conftest import Run


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(dataset.bundled_location())


def codes(report: check.Report) -> list[str]:
    return [flag.code for flag in report.flags]


# -- the core, from typed inputs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "state", "basis", "mark"),
    [
        ("1.4 mg/dL (1.6-2.6)", 1.4, "mg/dL", "low", "range", None),
        ("0.62 mmol/L", 0.62, "mmol/L", "low", "range", None),
        ("Mg 1.4 L", 1.4, None, "low", "report-mark", "low"),
        ("Mg 1.4 mg/dL (1.6-2.6) L", 1.4, "mg/dL", "low", "range", "low"),
        ("Mg 1.4 (1.6-2.6)", 1.4, None, "low", "printed-range", None),
        ("0.85 mmol/L", 0.85, "mmol/L", "within", "range", None),
        ("2.6 mg/dL H", 2.6, "mg/dL", "high", "range", "high"),
    ],
)
def test_a_lab_line_is_read_as_reports_print_it(
    data: Catalog, text: str, value: float, unit: str | None, state: str, basis: str, mark: str | None
) -> None:
    found = status.read_lab(data, text, "us")
    assert (found.value, found.unit, found.status, found.basis, found.mark) == (
        value,
        unit,
        state,
        basis,
        mark,
    )


def test_a_printed_range_comes_before_the_regions(data: Catalog) -> None:
    # 1.7 mg/dL is within 1.6-2.6 but low against the US range (0.75 mmol/L is 1.82 mg/dL)
    assert status.read_lab(data, "1.7 mg/dL (1.6-2.6)", "us").status == "within"
    assert status.read_lab(data, "1.7 mg/dL", "us").status == "low"


def test_a_mark_that_disagrees_with_the_range_is_kept_and_said(data: Catalog) -> None:
    found = status.read_lab(data, "0.9 mmol/L H", "us")
    assert found.status == "within" and found.mark == "high" and found.mark_differs


@pytest.mark.parametrize("text", ["1.4", "Mg 1.4 foo", "mmol/L"])
def test_a_line_without_a_unit_range_or_mark_is_refused(data: Catalog, text: str) -> None:
    with pytest.raises(InputError):
        status.read_lab(data, text, "us")


@pytest.mark.parametrize(
    ("given", "caution"),
    [
        (status.Given(ckd="3a"), "kidney"),
        (status.Given(ckd="stage 4"), "kidney-severe"),
        (status.Given(egfr=45), "kidney"),
        (status.Given(egfr=25), "kidney-severe"),
        (status.Given(egfr=95), None),
        (status.Given(crcl=20), "kidney-severe"),
        (status.Given(dialysis=True, egfr=50), "kidney-severe"),
    ],
)
def test_kidney_function_is_read_by_the_kidney_reader(given: status.Given, caution: str | None) -> None:
    found = status.read_kidney(given, [])
    assert found is not None and found.caution == caution


def test_an_unreadable_stage_is_refused() -> None:
    with pytest.raises(InputError):
        status.read_kidney(status.Given(ckd="9"), [])


def test_the_case_of_the_issue_answers_in_one_check(data: Catalog) -> None:
    """65, type 2 diabetes, CKD 3 and 'Mg 1.4 mg/dL (1.6-2.6) L': a low result with weak kidneys."""
    report = check.check(
        data,
        check.Person(65),
        conditions=["type 2 diabetes"],
        given=status.Given(ckd="3", lab="Mg 1.4 mg/dL (1.6-2.6) L"),
    )
    assert report.status is not None and report.status.finding == "low-weak-kidneys"
    assert codes(report)[0] == "lab-low-weak-kidneys"
    ids = {c.id for c in report.cautions}
    assert {"type-2-diabetes", "kidney", "older-adults", "low-blood-magnesium"} <= ids
    assert report.unknown_conditions == []
    cited = {s.id for s in report.sources}
    assert {"schwalfenberg-genuis-2017", "emc-magnesium-4mmol-chewable", "iom-1997"} <= cited
    flag = report.flags[0]
    assert flag.level == "ask" and flag.detail == "kidney"
    assert flag.figures["range_low"] == 1.6 and flag.figures["mmol_per_l"] == pytest.approx(0.576)


@pytest.mark.parametrize(
    ("given", "finding", "code", "level"),
    [
        (status.Given(lab="0.6 mmol/L"), "low", "lab-low", "ask"),
        (status.Given(lab="0.6 mmol/L", egfr=90), "low", "lab-low", "ask"),
        (status.Given(lab="0.6 mmol/L", dialysis=True), "low-weak-kidneys", "lab-low-weak-kidneys", "stop"),
        (status.Given(lab="0.85 mmol/L", egfr=45), "weak-kidneys", "lab-weak-kidneys", "ask"),
        (status.Given(lab="1.2 mmol/L", ckd="5"), "weak-kidneys", "lab-weak-kidneys", "stop"),
        (status.Given(lab="1.2 mmol/L"), "high", "lab-high", "ask"),
        (status.Given(lab="0.85 mmol/L"), "within", "lab-within", "note"),
    ],
)
def test_the_result_and_the_kidneys_are_joined(
    data: Catalog, given: status.Given, finding: str, code: str, level: str
) -> None:
    report = check.check(data, check.Person(40), given=given)
    assert report.status is not None and report.status.finding == finding
    (flag,) = [f for f in report.flags if f.code.startswith("lab-")]
    assert (flag.code, flag.level) == (code, level)
    low = "low-blood-magnesium" in {c.id for c in report.cautions}
    assert low == finding.startswith("low")


def test_kidney_disease_named_as_a_condition_counts_as_weak_kidneys(data: Catalog) -> None:
    report = check.check(
        data, check.Person(50), conditions=["kidney disease"], given=status.Given(lab="0.85 mmol/L")
    )
    assert report.status is not None and report.status.finding == "weak-kidneys"
    stated = check.check(data, check.Person(50), conditions=["CKD 4"], given=status.Given(lab="0.85 mmol/L"))
    assert stated.status is not None and stated.status.kidney is not None
    assert stated.status.kidney.caution == "kidney-severe"


def test_kidney_function_alone_adds_its_caution_without_a_finding(data: Catalog) -> None:
    report = check.check(data, check.Person(50), given=status.Given(egfr=20))
    assert report.status is not None and report.status.finding is None
    assert [c.id for c in report.cautions] == ["kidney-severe"]


def test_no_status_given_leaves_the_report_as_before(data: Catalog) -> None:
    report = check.check(data, check.Person(50), given=status.Given())
    assert report.status is None and report.flags == []


# -- risk groups as conditions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "caution_id"),
    [
        ("type 2 diabetes", "type-2-diabetes"),
        ("diabetes", "type-2-diabetes"),
        ("heart failure", "heart-failure"),
        ("CHF", "heart-failure"),
        ("alcohol use", "alcohol-use"),
        ("alcohol dependence", "alcohol-use"),
        ("older age", "older-adults"),
        ("pregnancy", "pregnancy"),
        ("low magnesium", "low-blood-magnesium"),
    ],
)
def test_risk_groups_resolve_to_their_caution(data: Catalog, name: str, caution_id: str) -> None:
    found = lookup.find_caution(data, name)
    assert found.id == caution_id
    assert found.sources
    assert "magnesium" in found.advice


def test_a_condition_and_a_use_share_a_name_without_colliding(data: Catalog) -> None:
    assert lookup.find_caution(data, "type 2 diabetes").id == "type-2-diabetes"
    assert lookup.find_use(data, "type 2 diabetes").id == "type-2-diabetes"
    report = check.check(data, check.Person(50), conditions=["type 2 diabetes"])
    assert [c.id for c in report.cautions] == ["type-2-diabetes"]


def test_older_age_is_implied_by_age(data: Catalog) -> None:
    report = check.check(data, check.Person(70))
    assert "older-adults" in {c.id for c in report.cautions}


# -- through the command line -------------------------------------------------------------------------


def run_check(magref: Run, *args: str) -> dict[str, Any]:
    result = magref("check", *args, "--json")
    assert result.code == 0, result
    report: dict[str, Any] = result.json
    return report


def test_check_takes_the_issues_case_in_one_command(magref: Run) -> None:
    args = ["65", "--condition", "type 2 diabetes", "--ckd", "3", "--lab", "Mg 1.4 mg/dL (1.6-2.6) L"]
    report = run_check(magref, *args)
    found = report["status"]
    assert found["finding"] == "low-weak-kidneys"
    assert found["lab"]["unit"] == "mg/dL" and found["lab"]["range"]["id"] == "printed"
    assert found["kidney"]["stage"] == "3" and found["kidney"]["caution"] == "kidney"
    assert report["flags"][0]["code"] == "lab-low-weak-kidneys"
    assert "kidney doctor" in report["flags"][0]["message"]
    assert report["unknown"] == []
    text = magref("check", *args).stdout
    assert "Read as: lab Mg 1.4 mg/dL (1.6-2.6) L" in text
    assert "Read as: kidney ckd 3 · CKD stage 3 · kidney caution (ask)" in text
    assert "Low blood magnesium (hypomagnesaemia)" in text


def test_check_with_a_low_result_and_no_kidney_function_says_to_see_a_doctor(magref: Run) -> None:
    report = run_check(magref, "40", "--lab", "0.62 mmol/L")
    (flag,) = [f for f in report["flags"] if f["code"] == "lab-low"]
    assert "see a doctor" in flag["message"] and "Kidney function was not given" in flag["message"]


def test_check_with_dialysis_and_a_normal_result_says_stop(magref: Run) -> None:
    report = run_check(magref, "40", "--lab", "2.0 mg/dL (1.7-2.2)", "--dialysis")
    assert report["flags"][0]["level"] == "stop"
    assert {f["code"] for f in report["flags"]} >= {"lab-weak-kidneys", "caution"}


def test_check_without_status_has_it_null(magref: Run) -> None:
    assert run_check(magref, "40")["status"] is None


def test_check_refuses_a_lab_line_it_cannot_read(magref: Run) -> None:
    result = magref("check", "40", "--lab", "1.4")
    assert result.code == 2
    assert "no unit" in result.stderr


def test_report_shows_the_readings(magref: Run) -> None:
    result = magref("report", "65", "--ckd", "3b", "--lab", "1.4 mg/dL (1.6-2.6)", "--format", "md")
    assert result.code == 0, result
    assert "CKD stage 3b" in result.stdout
    assert "1.4 mg/dL" in result.stdout
