"""The plan's timeline line: each slot of the day marked from the plan's windows, as before it
was found for the whole day at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from magref import plan
from magref.model import Spacing
from magref.plan import DAY, Dose, Plan
from magref.render.document import Line
from magref.render.interaction_views import SLOT, timeline

MINUTES = st.integers(min_value=-30, max_value=DAY + 30)


def marked_minute_by_minute(plan: Plan) -> list[tuple[str, str]]:
    """The timeline's spans as they were found: every minute of a slot asked of ``plan.is_open``."""
    dose_slots = {d.minute // SLOT for d in plan.doses}
    spans: list[tuple[str, str]] = [("Mg  ", "")]
    for slot in range(DAY // SLOT):
        if slot in dose_slots:
            spans.append(("D", "dose"))
        elif all(plan.is_open(m) for m in range(slot * SLOT, (slot + 1) * SLOT)):
            spans.append(("=", "window"))
        else:
            spans.append((".", "blocked"))
    return spans


def a_plan(windows: list[tuple[int, int]], dose_minutes: list[int] | None = None) -> Plan:
    doses = [Dose(drug="x", minute=m, class_name="c", spacing=None) for m in dose_minutes or []]
    return Plan(doses=doses, windows=windows, notes=[], unmatched=[])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(MINUTES, MINUTES), max_size=4),
    st.lists(st.integers(min_value=0, max_value=DAY - 1), max_size=3),
)
def test_each_slot_is_marked_as_the_plan_says_minute_by_minute(
    windows: list[tuple[int, int]], doses: list[int]
) -> None:
    plan = a_plan(windows, doses)
    ruler, line = timeline(plan)
    assert isinstance(line, Line) and isinstance(ruler, Line)
    assert line.spans == marked_minute_by_minute(plan)


def test_the_edges_of_windows_and_midnight() -> None:
    cases = [
        [],
        [(0, DAY - 1)],
        [(60, 119)],  # exactly one slot
        [(60, 118)],  # one minute short of it
        [(61, 119)],
        [(22 * 60, 2 * 60 - 1)],  # past midnight
        [(22 * 60, 2 * 60)],
        [(DAY - 1, 0)],
        [(0, 59), (60, 119)],  # two windows that meet
        [(500, 400)],  # past midnight, almost the whole day
    ]
    for windows in cases:
        plan = a_plan(windows)
        assert timeline(plan)[1].spans == marked_minute_by_minute(plan), windows
    whole = timeline(a_plan([(0, DAY - 1)]))[1].spans
    assert whole[1:] == [("=", "window")] * (DAY // SLOT)
    one = timeline(a_plan([(60, 119)]))[1].spans
    assert [i for i, span in enumerate(one[1:]) if span[0] == "="] == [1]


HOURS = st.one_of(
    st.none(),
    st.sampled_from([0.0, 0.5, 1.0, 2.0, 4.0, 6.0, 23.99, 24.0, 30.0]),
    st.floats(min_value=0, max_value=26, allow_nan=False),
)


@st.composite
def doses(draw: st.DrawFn) -> list[Dose]:
    found = []
    for minute in draw(st.lists(st.integers(min_value=-60, max_value=DAY + 60), max_size=4)):
        spacing = (
            None
            if draw(st.booleans()) and draw(st.booleans())
            else Spacing(hours_before=draw(HOURS), hours_after=draw(HOURS), sources=["s"])
        )
        found.append(Dose(drug="x", minute=minute, class_name="c", spacing=spacing))
    return found


def windows_minute_by_minute(found: list[Dose]) -> list[tuple[int, int]]:
    """``plan.windows`` as it was: every minute of the day asked of ``plan.allowed``."""
    ok = [plan.allowed(minute, found) for minute in range(DAY)]
    if all(ok):
        return [(0, DAY - 1)]
    if not any(ok):
        return []
    first_blocked = ok.index(False)
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for step in range(1, DAY + 1):
        minute = (first_blocked + step) % DAY
        if ok[minute] and start is None:
            start = minute
        if not ok[minute] and start is not None:
            runs.append((start, (minute - 1) % DAY))
            start = None
    return sorted(runs)


@settings(max_examples=400, deadline=None)
@given(doses())
def test_the_windows_are_the_minutes_every_dose_allows(found: list[Dose]) -> None:
    ok = plan._allowed_minutes(found)
    assert [bool(m) for m in ok] == [plan.allowed(minute, found) for minute in range(DAY)]
    assert plan.windows(found) == windows_minute_by_minute(found)


def test_the_windows_of_a_real_plan_are_unchanged() -> None:
    """levothyroxine at 07:00: magnesium 4 hours after it at the earliest, 4 hours before at the
    latest (the bundled data's figures), as the minute-by-minute reading gave them."""
    four = Spacing(hours_before=4.0, hours_after=4.0, sources=["s"])
    found = [Dose(drug="levothyroxine", minute=7 * 60, class_name="thyroid", spacing=four)]
    assert plan.windows(found) == windows_minute_by_minute(found) == [(11 * 60, 3 * 60)]
