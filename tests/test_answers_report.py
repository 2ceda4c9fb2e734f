"""``report`` and ``plan --ics`` from hand-made answers: the page and the calendar word only what
the answer holds (what the dataset does not hold, times as HH:MM)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import msgspec

from magref import check, dataset
from magref.check import Person, Unknown
from magref.model import Spacing
from magref.plan import Dose, DoseRequest, Plan, Suggestion
from magref.render import ics
from magref.render import report as page

DATA = dataset.load(use_cache=False)
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def made_plan() -> Plan:
    """Levothyroxine at 07:05 with a 4 h gap after it, and a medicine the dataset does not hold."""
    spacing = Spacing(hours_before=4, hours_after=4, sources=["ods-hp"])
    dose = Dose(drug="levothyroxine", minute=7 * 60 + 5, class_name="Thyroid hormones", spacing=spacing)
    return Plan(
        doses=[dose],
        windows=[(11 * 60 + 5, 3 * 60 + 5)],
        notes=[],
        unmatched=[DoseRequest(drug="zzqxmab", minute=21 * 60 + 50)],
        suggestions=[Suggestion(13 * 60 + 30, (11 * 60 + 5, 3 * 60 + 5), [dose], [dose], "middle")],
    )


def test_the_page_lists_what_the_report_says_the_dataset_does_not_hold() -> None:
    report = msgspec.structs.replace(
        check.check(DATA, Person(40)),
        unknown=[Unknown(kind="medicine", name="zzqxmab"), Unknown(kind="condition", name="made-up")],
    )
    text = page.render(report, "md")
    assert "**zzqxmab** (medicine): not in magref's dataset" in text
    assert "**made-up** (condition): not in magref's dataset" in text
    # nothing unknown in the report: nothing listed
    assert "not in magref's dataset" not in page.render(check.check(DATA, Person(40)), "md")


def test_the_page_gives_the_plans_times_as_clock_times() -> None:
    report = msgspec.structs.replace(check.check(DATA, Person(40)), plan=made_plan())
    text = page.render(report, "md")
    assert "07:05" in text and "13:30" in text and "11:05" in text


def test_the_calendar_gives_each_time_as_entered() -> None:
    written = ics.calendar(made_plan(), date(2026, 1, 5), STAMP).decode()
    unfolded = written.replace("\r\n ", "")
    assert "DESCRIPTION:levothyroxine at 07:05\\, as you entered it." in unfolded
    assert "DESCRIPTION:zzqxmab at 21:50\\, as you entered it." in unfolded
    assert "DTSTART:20260105T070500" in unfolded
    assert "DTSTART:20260105T133000" in unfolded
