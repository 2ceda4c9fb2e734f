"""The plan's windows: found from each dose's gaps for the whole day at once, the same minutes as
asking every minute of the day."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from magref import plan
from magref.model import Spacing
from magref.plan import DAY, Dose

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
    return plan.runs([plan.allowed(minute, found) for minute in range(DAY)])


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
