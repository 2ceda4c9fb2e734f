"""The timing plan: window arithmetic on its own (properties), and through the command line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref import plan, syntax
from magref.errors import InputError
from magref.model import Spacing

from .conftest import Run

HALF_HOURS = st.integers(min_value=0, max_value=16).map(lambda n: n / 2)
SPACINGS = st.one_of(
    st.none(),
    st.builds(
        lambda before, after: Spacing(hours_before=before, hours_after=after, sources=["x"]),
        st.one_of(st.none(), HALF_HOURS),
        st.one_of(st.none(), HALF_HOURS),
    ),
)
DOSES = st.lists(
    st.builds(
        lambda minute, spacing: plan.Dose("drug", minute, "class", spacing),
        st.integers(min_value=0, max_value=plan.DAY - 1),
        SPACINGS,
    ),
    max_size=5,
)


def keeps_every_gap(minute: int, doses: list[plan.Dose]) -> bool:
    """The rule in words: at least N hours after each dose, at least M hours before the next one."""
    for dose in doses:
        if dose.spacing is None:
            continue
        before, after = dose.spacing.hours_before, dose.spacing.hours_after
        if before is None or after is None:
            return False
        since = (minute - dose.minute) % plan.DAY
        until = (dose.minute - minute) % plan.DAY
        if since < before * 60 or until < after * 60:
            return False
    return True


def inside(minute: int, window: tuple[int, int]) -> bool:
    start, end = window
    return start <= minute <= end if start <= end else minute >= start or minute <= end


@settings(max_examples=150, deadline=None)
@given(doses=DOSES, minute=st.integers(min_value=0, max_value=plan.DAY - 1))
def test_a_time_is_in_a_window_exactly_when_it_keeps_every_gap(doses: list[plan.Dose], minute: int) -> None:
    windows = plan.windows(doses)
    assert any(inside(minute, w) for w in windows) == keeps_every_gap(minute, doses)


@settings(max_examples=100, deadline=None)
@given(doses=DOSES)
def test_windows_do_not_overlap_and_are_sorted(doses: list[plan.Dose]) -> None:
    windows = plan.windows(doses)
    assert windows == sorted(windows)
    covered = [m for m in range(plan.DAY) if any(inside(m, w) for w in windows)]
    assert len(covered) == sum(((end - start) % plan.DAY) + 1 for start, end in windows) or windows == [
        (0, plan.DAY - 1)
    ]


def _stretches(minutes: list[int], awake: list[int]) -> list[list[int]]:
    """The runs of consecutive waking minutes, in the window's order."""
    runs: list[list[int]] = []
    for minute in minutes:
        if minute not in awake:
            continue
        if runs and minute == runs[-1][-1] + 1:
            runs[-1].append(minute)
        else:
            runs.append([minute])
    return runs


@settings(max_examples=150, deadline=None)
@given(doses=DOSES)
def test_each_window_has_one_suggestion_inside_it_bounded_by_the_doses_named(doses: list[plan.Dose]) -> None:
    windows = plan.windows(doses)
    found = plan.suggestions(windows, doses)
    if windows == [(0, plan.DAY - 1)]:
        assert found == []
        return
    assert [s.window for s in found] == windows
    for suggestion in found:
        start, end = suggestion.window
        assert inside(suggestion.minute, suggestion.window)
        assert keeps_every_gap(suggestion.minute, doses)
        length = (end - start) % plan.DAY + 1
        offset = (suggestion.minute - start) % plan.DAY
        minutes = [(start + step) % plan.DAY for step in range(length)]
        awake = [m for m in minutes if plan.AWAKE[0] <= m <= plan.AWAKE[1]]
        # A window past midnight can hold waking minutes at both ends: the longest stretch counts.
        stretch = max(_stretches(minutes, awake), key=len, default=[])
        if suggestion.choice == "middle":
            assert len(awake) == length and offset == (length - 1) // 2
        elif suggestion.choice == "middle-awake":
            assert len(stretch) > 2 * plan.MARGIN and len(awake) < length and suggestion.minute in stretch
        else:
            assert len(stretch) <= 2 * plan.MARGIN
            assert min(offset, length - 1 - offset) == min(plan.MARGIN, (length - 1) // 2)
        assert suggestion.opened_by and suggestion.closed_by
        for dose in suggestion.opened_by:
            assert not keeps_every_gap((start - 1) % plan.DAY, [dose])
        for dose in suggestion.closed_by:
            assert not keeps_every_gap((end + 1) % plan.DAY, [dose])
        others = [d for d in doses if d not in suggestion.opened_by]
        assert keeps_every_gap((start - 1) % plan.DAY, others)


def test_a_night_window_with_waking_minutes_at_both_ends_takes_its_nearest_end() -> None:
    """21:01 to 07:31 holds 60 waking minutes in the evening and 32 in the morning: neither stretch
    is long enough to take its middle, so the time is 30 minutes in from the evening end."""
    dose = plan.Dose("drug", 781, "class", Spacing(hours_before=8.0, hours_after=5.5, sources=["x"]))
    (found,) = plan.suggestions(plan.windows([dose]), [dose])
    assert found.window == (21 * 60 + 1, 7 * 60 + 31)
    assert (found.minute, found.choice) == (21 * 60 + 31, "nearest-awake")


def test_twice_daily_doxycycline_example() -> None:
    spacing = Spacing(hours_before=2, hours_after=6, sources=["x"])
    doses = [plan.Dose("doxycycline", 8 * 60, "t", spacing), plan.Dose("doxycycline", 20 * 60, "t", spacing)]
    assert plan.windows(doses) == [(10 * 60, 14 * 60), (22 * 60, 2 * 60)]
    found = plan.suggestions(plan.windows(doses), doses)
    assert [s.minute for s in found] == [12 * 60, 22 * 60 + 30]  # awake, and 30 min inside the window
    assert [(s.opened_by[0].minute, s.closed_by[0].minute) for s in found] == [
        (8 * 60, 20 * 60),
        (20 * 60, 8 * 60),
    ]


@pytest.mark.parametrize(
    "text",
    ["doxycycline", "doxycycline@25:00", "doxycycline@8", "@08:00", "x@12:60", "x@13pm", "x@0am", "x@7xm"],
)
def test_malformed_doses_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        syntax.parse_dose(text)


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("19:30", 19 * 60 + 30),
        ("7:05", 7 * 60 + 5),
        ("0730", 7 * 60 + 30),
        ("7am", 7 * 60),
        ("7 AM", 7 * 60),
        ("7:30pm", 19 * 60 + 30),
        ("12am", 0),
        ("12pm", 12 * 60),
        ("12:15 a.m.", 15),
        ("noon", 12 * 60),
        ("midnight", 0),
    ],
)
def test_times_as_people_write_them(text: str, minute: int) -> None:
    assert syntax.parse_time(text) == minute


def test_plan_reads_words_around_each_dose(magref: Run) -> None:
    report = magref("plan", "my", "doxy@8am", "and", "levothyroxine@6:30am", "--json").json
    assert [(d["drug"], d["time"]) for d in report["doses"]] == [
        ("doxycycline", "08:00"),
        ("levothyroxine", "06:30"),
    ]
    assert magref("plan", "doxycycline@8am", "and", "lasix").code == 2


def test_plan_command(magref: Run) -> None:
    result = magref("plan", "doxycycline@08:00", "doxycycline@20:00", "--json")
    report = result.json
    assert result.code == 0
    assert len(report["doses"]) == 2
    assert {"start": "22:00", "end": "02:00", "suggested": "22:30"} in report["windows"]
    assert {"start": "10:00", "end": "14:00", "suggested": "12:00"} in report["windows"]


def test_plan_command_refuses_a_bad_time_with_exit_2(magref: Run) -> None:
    result = magref("plan", "doxycycline@8")
    assert result.code == 2
    assert "needs minutes or am/pm" in result.stderr
    assert result.stdout == ""


def test_plan_with_an_unknown_drug_only_exits_1(magref: Run) -> None:
    result = magref("plan", "unobtainol@08:00")
    assert result.code == 1
    assert "not evidence of safety" in result.stderr


def test_timing_that_does_not_help_leaves_the_day_open(magref: Run) -> None:
    result = magref("plan", "furosemide@08:00", "--json")
    report = result.json
    assert report["windows"] == [{"start": "00:00", "end": "23:59", "suggested": None}]
    assert [(note["code"], note["drug"]) for note in report["notes"]] == [
        ("timing-does-not-help", "furosemide")
    ]
    assert "timing does not help" in report["notes"][0]["message"]


def test_a_short_name_that_fits_two_medicines_keeps_both_and_says_so(magref: Run) -> None:
    report = magref("plan", "levo@7am", "--json").json
    assert {d["drug"] for d in report["doses"]} == {"levothyroxine", "levofloxacin"}
    (note,) = report["notes"]
    assert (note["code"], note["medicines"]) == ("several-medicines", ["levothyroxine", "levofloxacin"])
    combination = magref("plan", "Juluca@8am", "--json").json
    assert combination["notes"] == []
