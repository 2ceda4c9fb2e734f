"""The report as one page: products named at each suggested time, untimed medicines shown, a long
report made short to fit a sheet (every detail with --full), and only the sources the page cites."""

from __future__ import annotations

import re

import pytest

from magref import amounts, check, dataset
from magref.catalog import Catalog
from magref.render import report as page
from magref.syntax import parse_medicine

from .conftest import Run
from .test_browser import EIGHT_AND_FOUR


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(dataset.bundled_location())


def checked(data: Catalog, items: list[str], drugs: list[str]) -> check.Report:
    return check.check(
        data,
        check.Person(50),
        [amounts.parse_item(text) for text in items],
        [medicine for text in drugs for medicine in parse_medicine(text)],
    )


def test_each_items_doses_are_spread_over_the_suggested_times(data: Catalog) -> None:
    report = checked(
        data,
        ["citrate 200 mg x2", "glycinate 100 mg elemental", "oxide 400 mg x3"],
        ["levothyroxine@07:00", "cipro 500mg bd"],
    )
    assert report.plan is not None and len(report.plan.suggestions) == 2
    first, second = report.slots
    assert first.minute < second.minute
    # twice a day: one dose at each; once: the first time; three times: two share the first
    assert first.items == [0, 1, 2, 2] and second.items == [0, 2]


def test_no_suggested_time_means_no_slots(data: Catalog) -> None:
    assert checked(data, ["citrate 200 mg"], ["amlodipine"]).slots == []
    assert checked(data, [], ["levothyroxine@07:00"]).slots == []


def test_medicines_without_a_time_are_listed(data: Catalog) -> None:
    report = checked(data, [], ["levothyroxine@07:00", "amlodipine", "doxycycline"])
    assert report.untimed == ["amlodipine", "doxycycline"]


def test_the_suggested_time_names_its_products(data: Catalog) -> None:
    report = checked(
        data, ["citrate 200 mg x2", "milk of magnesia 15 mL"], ["levothyroxine@07:00", "cipro bd"]
    )
    html = page.render(report)
    assert re.search(
        r"Suggested magnesium time \d\d:\d\d: <span class=\"take\">take Magnesium citrate, Milk", html
    )
    assert "take Magnesium citrate</span>" in html  # the second dose alone at the second time


def test_a_long_report_is_made_short_and_full_keeps_every_detail(magref: Run) -> None:
    short = magref("report", *EIGHT_AND_FOUR).stdout
    full = magref("report", *EIGHT_AND_FOUR, "--full").stdout
    assert '<body class="short">' in short and '<body class="short">' not in full
    assert "Mechanism:" in full and "Mechanism:" not in short
    assert "only real way of getting rid of extra magnesium" in full
    assert "only real way of getting rid of extra magnesium" not in short
    assert "this report with --full" in short


def test_a_short_page_lists_only_the_sources_it_cites(magref: Run) -> None:
    short = magref("report", *EIGHT_AND_FOUR).stdout
    full = magref("report", *EIGHT_AND_FOUR, "--full").stdout
    listed = short.count('<li id="source-')
    assert 0 < listed < full.count('<li id="source-')
    cited = {int(n) for group in re.findall(r'class="cite">\[([\d, ]+)\]', short) for n in group.split(", ")}
    assert cited == set(range(1, listed + 1))


def test_a_short_report_still_answers_in_markdown_in_full(magref: Run) -> None:
    text = magref("report", *EIGHT_AND_FOUR, "--format", "md").stdout
    assert "Mechanism:" in text
    assert "take Magnesium citrate" in text
    assert "Not on the timeline, no time given: amlodipine." in text
    assert "| Blood magnesium |" in text and "| Kidneys |" in text


def test_check_json_has_the_slots_and_the_untimed_medicines(magref: Run) -> None:
    args = ["check", "50", "--drug", "levo@7am", "--drug", "cipro bd", "--drug", "amlodipine"]
    result = magref(*args, "--take", "citrate 200 mg x2", "--take", "oxide 100 mg elemental", "--json")
    assert result.code == 0, result
    found = result.json
    assert [slot["items"] for slot in found["slots"]] == [[0, 1], [0]]
    assert all(re.fullmatch(r"\d\d:\d\d", slot["time"]) for slot in found["slots"])
    assert found["untimed"] == ["amlodipine"]


def test_a_suggested_time_with_nothing_placed_says_so(data: Catalog) -> None:
    report = checked(data, ["citrate 200 mg"], ["levothyroxine@07:00", "cipro bd"])
    text = page.render(report, "md")
    assert "take Magnesium citrate.**" in text
    assert "none of your items is placed here.**" in text


def test_a_twice_daily_item_in_one_long_window_gets_two_times_in_it(data: Catalog) -> None:
    """Not both doses at once: levothyroxine early leaves one window for the rest of the day."""
    report = checked(data, ["oxide 400 mg x2"], ["levothyroxine@07:00"])
    assert report.plan is not None and len(report.plan.suggestions) == 1
    first, second = report.slots
    assert (first.items, second.items) == ([0], [0])
    assert second.minute - first.minute >= 3 * 60
    assert report.plan.is_open(first.minute) and report.plan.is_open(second.minute)


def test_timeline_labels_near_midnight_end_at_their_mark_inside_the_picture(magref: Run) -> None:
    """A dose late in the evening is labelled to the left of its mark: printed, a label that ran
    past the right edge was cut ('22:00 (assum')."""
    result = magref(
        "report", "--age", "60", "--drug", "doxycycline@23:30", "--drug", "atorvastatin 40 mg at night"
    )
    assert result.code == 0
    labels = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(start|end)"[^>]*>([^<]+)<', result.stdout
    )
    by_text = {text: (float(at), anchor) for at, anchor, text in labels}
    assert by_text["23:30"][1] == "end"
    late = [text for text in by_text if text.startswith("22:00 (assumed) (not checked)")]
    assert late and by_text[late[0]][1] == "end"
    for text, (at, anchor) in by_text.items():
        right = at + len(text) * page.CHARACTER if anchor == "start" else at
        assert right <= page.WIDTH, text
