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
        summary = f"{dose_name(dose)} (your time)"
        description = f"{dose_name(dose)} at {clock(dose.minute)}, as you entered it. {_rule(dose)}"
        uid = f"dose-{dose.drug}-{dose.minute}"
        cal.add_component(_event(uid, summary, dose.minute, start, stamp, description))
    for request in plan.unmatched:
        summary = f"{request.drug} (your time; not checked)"
        description = (
            f"{request.drug} at {clock(request.minute)}, as you entered it. {capital(NOT_LISTED)} "
            "No gap was applied for it."
        )
        uid = f"unchecked-{request.drug}-{request.minute}"
        cal.add_component(_event(uid, summary, request.minute, start, stamp, description))
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


def _event(key: str, summary: str, minute: int, start: date, stamp: datetime, description: str) -> Event:
    from icalendar import Event

    event = Event()
    begins = datetime.combine(start, time(minute // 60, minute % 60))
    event.add("uid", f"{_slug(key)}-{start:%Y%m%d}@magref")
    event.add("dtstamp", stamp)
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", {"freq": "daily"})
    event.add("summary", clean(summary))  # typed names are shown escaped, as everywhere else
    event.add("description", clean(f"{description} {DISCLAIMER}"))
    event.add("transp", "TRANSPARENT")
    return event


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "event"
