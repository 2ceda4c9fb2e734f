"""A timing plan as daily recurring calendar events (RFC 5545), through the icalendar library.

Each medicine time and each suggested magnesium time becomes one event that repeats every day,
at floating local time, so a calendar shows it at that clock time wherever it is. Each event's
description names the rule that sets its time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from magref import __version__
from magref.plan import Dose, Plan, clock
from magref.regimen import Regimen
from magref.render.document import DISCLAIMER
from magref.render.interaction_views import spacing_text
from magref.render.phrases import NOT_LISTED, capital, dose_name
from magref.render.report import suggestion_reason
from magref.text import clean

if TYPE_CHECKING:
    from icalendar import Event

PRODID = f"-//magref//magref {__version__}//EN"
#: How long each event lasts in the calendar.
EVENT_MINUTES = 10


def calendar(plan: Plan, start: date, stamp: datetime | None = None) -> bytes:
    """The plan's medicine and magnesium times as daily events from ``start``, as .ics bytes."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Magnesium and medicines")
    stamp = stamp or datetime.now(timezone.utc)
    for dose in plan.doses:
        if dose.assumed:
            summary = f"{dose_name(dose)} (assumed time)"
            entered = f"at {clock(dose.minute)}, a usual time assumed from how often you take it"
        else:
            summary, entered = f"{dose_name(dose)} (your time)", f"at {clock(dose.minute)}, as you entered it"
        description = f"{dose_name(dose)} {entered}. {_rule(dose)}"
        uid = f"dose-{dose.drug}-{dose.minute}"
        event = _event(uid, summary, dose.minute, start, stamp, description, recurrence(dose.regimen, start))
        cal.add_component(event)
    for request in plan.unmatched:
        which = "assumed time" if request.assumed else "your time"
        summary = f"{request.drug} ({which}; not checked)"
        description = (
            f"{request.drug} at {clock(request.minute)}, as you entered it. {capital(NOT_LISTED)} "
            "No gap was applied for it."
        )
        uid = f"unchecked-{request.drug}-{request.minute}"
        repeat = recurrence(request.regimen, start)
        cal.add_component(_event(uid, summary, request.minute, start, stamp, description, repeat))
    for suggestion in plan.suggestions:
        bounding: list[Dose] = []
        for dose in (*suggestion.opened_by, *suggestion.closed_by):
            if dose.drug not in [b.drug for b in bounding]:
                bounding.append(dose)
        rules = " ".join(f"{dose_name(d)}: {spacing_text(d.spacing)}" for d in bounding)
        description = f"Suggested time for magnesium. {suggestion_reason(suggestion)} {rules}"
        uid = f"magnesium-{suggestion.minute}"
        cal.add_component(_event(uid, "Magnesium", suggestion.minute, start, stamp, description))
    return bytes(cal.to_ical())


def _rule(dose: Dose) -> str:
    return f"{dose.class_name}: {spacing_text(dose.spacing)}"


def recurrence(regimen: Regimen | None, start: date) -> dict[str, object]:
    """How a medicine's event repeats: daily, every N days, weekly on its days, and for how long
    (COUNT for a course of N days, UNTIL for a last day)."""
    rule: dict[str, object] = {"freq": "daily"}
    if regimen is None:
        return rule
    if regimen.weekdays:
        rule = {"freq": "weekly", "byday": [ICS_DAYS[d] for d in regimen.weekdays]}
    elif regimen.every_days % 7 == 0:
        rule = {"freq": "weekly", "interval": regimen.every_days // 7}
    elif regimen.every_days > 1:
        rule = {"freq": "daily", "interval": regimen.every_days}
    if regimen.days:
        per_week = max(len(regimen.weekdays), 1)
        if regimen.weekdays:
            rule["count"] = max(1, regimen.days * per_week // 7)
        else:
            rule["count"] = max(1, -(-regimen.days // regimen.every_days))
    elif regimen.until:
        rule["until"] = _last_day(regimen.until, start)
    return rule


ICS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _last_day(until: str, start: date) -> datetime:
    """The end of the day ``until`` names ("2026-12-20", or "--12-20": the next such day from ``start``)."""
    if until.startswith("--"):
        month, day = int(until[2:4]), int(until[5:7])
        year = start.year if (month, day) >= (start.month, start.day) else start.year + 1
    else:
        year, month, day = int(until[:4]), int(until[5:7]), int(until[8:10])
    return datetime.combine(date(year, month, day), time(23, 59, 59))


def _event(
    key: str,
    summary: str,
    minute: int,
    start: date,
    stamp: datetime,
    description: str,
    repeat: dict[str, object] | None = None,
) -> Event:
    from icalendar import Event

    event = Event()
    days = (repeat or {}).get("byday")
    if isinstance(days, list):  # the first event falls on one of its days
        start = min(start + timedelta(days=(ICS_DAYS.index(d) - start.weekday()) % 7) for d in days)
    begins = datetime.combine(start, time(minute // 60, minute % 60))
    event.add("uid", f"{_slug(key)}-{start:%Y%m%d}@magref")
    event.add("dtstamp", stamp)
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", repeat or {"freq": "daily"})
    event.add("summary", clean(summary))  # typed names are shown escaped, as everywhere else
    event.add("description", clean(f"{description} {DISCLAIMER}"))
    event.add("transp", "TRANSPARENT")
    return event


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "event"
