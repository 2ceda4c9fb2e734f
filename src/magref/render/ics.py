"""A timing plan as daily recurring calendar events (RFC 5545).

Each medicine time and each suggested magnesium time becomes one event that repeats every day,
at floating local time, so a calendar shows it at that clock time wherever it is. Each event's
description names the rule that sets its time.

The file is written here, not through the icalendar library: importing icalendar cost more than
all the rest ``plan`` does above importing Typer and rich (its package loads its time-zone
support whatever is written), and magref writes only a handful of property types.
tests/test_ics.py holds this writer to RFC 5545 (content lines, folding, CRLF, TEXT escaping)
and parses every file it writes with icalendar, property by property, against the same calendar
built through icalendar.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from magref import __version__
from magref.plan import Dose, Plan
from magref.regimen import Regimen
from magref.render.document import DISCLAIMER
from magref.render.interaction_views import spacing_text, suggestion_reason
from magref.render.phrases import NOT_LISTED, capital, dose_name, hhmm
from magref.render.safe import clean

PRODID = f"-//magref//magref {__version__}//EN"
#: How long each event lasts in the calendar.
EVENT_MINUTES = 10
#: A property value: TEXT, DATE-TIME (naive: floating local time; aware: UTC) or RECUR (a dict).
Value = str | datetime | dict[str, object]
#: The calendar's own properties, in the order written.
CALENDAR: dict[str, Value] = {
    "VERSION": "2.0",
    "PRODID": PRODID,
    "CALSCALE": "GREGORIAN",
    "X-WR-CALNAME": "Magnesium and medicines",
}


def calendar(plan: Plan, start: date, stamp: datetime | None = None) -> bytes:
    """The plan's medicine and magnesium times as daily events from ``start``, as .ics bytes."""
    return write(CALENDAR, events(plan, start, stamp))


def events(plan: Plan, start: date, stamp: datetime | None = None) -> list[dict[str, Value]]:
    """The plan's events from ``start``, each as its properties in the order written."""
    found: list[dict[str, Value]] = []
    stamp = stamp or datetime.now(timezone.utc)
    for dose in plan.doses:
        if dose.assumed:
            summary = f"{dose_name(dose)} (assumed time)"
            entered = f"at {hhmm(dose.minute)}, a usual time assumed from how often you take it"
        else:
            summary, entered = f"{dose_name(dose)} (your time)", f"at {hhmm(dose.minute)}, as you entered it"
        description = f"{dose_name(dose)} {entered}. {_rule(dose)}"
        uid = f"dose-{dose.drug}-{dose.minute}"
        event = _event(uid, summary, dose.minute, start, stamp, description, recurrence(dose.regimen, start))
        found.append(event)
    for request in plan.unmatched:
        which = "assumed time" if request.assumed else "your time"
        summary = f"{request.drug} ({which}; not checked)"
        description = (
            f"{request.drug} at {hhmm(request.minute)}, as you entered it. {capital(NOT_LISTED)} "
            "No gap was applied for it."
        )
        uid = f"unchecked-{request.drug}-{request.minute}"
        repeat = recurrence(request.regimen, start)
        found.append(_event(uid, summary, request.minute, start, stamp, description, repeat))
    for suggestion in plan.suggestions:
        bounding: list[Dose] = []
        for dose in (*suggestion.opened_by, *suggestion.closed_by):
            if dose.drug not in [b.drug for b in bounding]:
                bounding.append(dose)
        rules = " ".join(f"{dose_name(d)}: {spacing_text(d.spacing)}" for d in bounding)
        description = f"Suggested time for magnesium. {suggestion_reason(suggestion)} {rules}"
        uid = f"magnesium-{suggestion.minute}"
        found.append(_event(uid, "Magnesium", suggestion.minute, start, stamp, description))
    return found


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
) -> dict[str, Value]:
    days = (repeat or {}).get("byday")
    if isinstance(days, list):  # the first event falls on one of its days
        start = min(start + timedelta(days=(ICS_DAYS.index(d) - start.weekday()) % 7) for d in days)
    begins = datetime.combine(start, time(minute // 60, minute % 60))
    return {
        "SUMMARY": clean(summary),  # typed names are shown escaped, as everywhere else
        "DTSTART": begins,
        "DTEND": begins + timedelta(minutes=EVENT_MINUTES),
        "DTSTAMP": stamp,
        "UID": f"{_slug(key)}-{start:%Y%m%d}@magref",
        "RRULE": repeat or {"freq": "daily"},
        "DESCRIPTION": clean(f"{description} {DISCLAIMER}"),
        "TRANSP": "TRANSPARENT",
    }


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "event"


# -- writing RFC 5545 ------------------------------------------------------------------------------


def write(properties: dict[str, Value], events: list[dict[str, Value]]) -> bytes:
    """A VCALENDAR with ``properties`` and one VEVENT for each of ``events``, as UTF-8 bytes with
    CRLF line ends and lines folded at 75 octets."""
    lines = ["BEGIN:VCALENDAR", *_properties(properties)]
    for event in events:
        lines += ["BEGIN:VEVENT", *_properties(event), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) for line in lines).encode("utf-8")


def _properties(properties: dict[str, Value]) -> list[str]:
    return [f"{name}:{_value(value)}" for name, value in properties.items()]


def _value(value: Value) -> str:
    if isinstance(value, datetime):
        return _date_time(value)
    if isinstance(value, dict):
        return _rule_text(value)
    return _text(value)


#: The parts of a recurrence rule in the order RFC 5545 section 3.3.10 lists them.
RULE_PARTS = ("freq", "until", "count", "interval", "byday")


def _rule_text(rule: dict[str, object]) -> str:
    """A RECUR value: FREQ=WEEKLY;COUNT=2;BYDAY=MO,TH."""
    parts = []
    for part in sorted(rule, key=lambda p: (RULE_PARTS.index(p) if p in RULE_PARTS else len(RULE_PARTS), p)):
        value = rule[part]
        if isinstance(value, datetime):
            text = _date_time(value)
        elif isinstance(value, list):
            text = ",".join(str(v).upper() for v in value)
        else:
            text = str(value).upper()
        parts.append(f"{part.upper()}={text}")
    return ";".join(parts)


def _date_time(moment: datetime) -> str:
    """A DATE-TIME value: floating local time, or UTC (with Z) for an aware one."""
    if moment.tzinfo is None:
        return f"{moment:%Y%m%dT%H%M%S}"
    return f"{moment.astimezone(timezone.utc):%Y%m%dT%H%M%S}Z"


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 section 3.3.11): backslash, semicolon, comma and line breaks."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


#: Longest physical line, in octets without its CRLF (RFC 5545 section 3.1).
FOLD_OCTETS = 75
#: What a line is folded into: an escape pair (never split from its backslash) or one character.
_UNIT = re.compile(r"\\.|.", re.DOTALL)


def _fold(line: str) -> str:
    """One content line as CRLF-ended physical lines of at most 75 octets: a longer one goes on
    after a CRLF and a space, never inside a character's UTF-8 bytes or an escape pair."""
    if len(line.encode("utf-8")) <= FOLD_OCTETS:
        return line + "\r\n"
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for unit in _UNIT.findall(line):
        octets = len(unit.encode("utf-8"))
        if current and size + octets > FOLD_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(unit)
        size += octets
    pieces.append("".join(current))
    return "\r\n".join(pieces) + "\r\n"
