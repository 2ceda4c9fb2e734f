"""The calendar writer against RFC 5545 and against the icalendar library.

magref writes its .ics files itself (render/ics.py) so that ``plan --ics`` does not import
icalendar. Here every file it writes is held to RFC 5545 section 3.1 (CRLF line ends, physical
lines of at most 75 octets, folding with a CRLF and one space, never inside a UTF-8 character),
3.3.11 (TEXT escaping) and 3.3.10 (RECUR), and compared with the same calendar built through
icalendar, the library magref used before: the same content lines once unfolded, and the same
value for every property of every component once parsed back by icalendar.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref import dataset, syntax
from magref import plan as core
from magref.render import ics

from .conftest import Run

START = date(2026, 12, 3)  # a Thursday
STAMP = datetime(2026, 12, 3, 13, 27, 52, tzinfo=timezone.utc)
#: Plans of every kind of recurrence magref writes, with unchecked medicines and assumed times.
PLANS = {
    "daily": ["synthroid@06:30", "cipro@09:00", "cipro@21:00"],
    "weekly and a course": ["alendronate 70mg weekly sunday 6am", "doxycycline 100mg bd for 7 days"],
    "weekly on two days for 4 weeks": ["methotrexate weekly monday thursday 8am for 28 days", "cipro@9:00"],
    "until a date": ["doxycycline 100mg bd until 2026-12-20", "levothyroxine@6:30"],
    "until a day of the year": ["doxycycline 100mg bd until 20 december", "levothyroxine@6:30"],
    "every other day": ["levothyroxine every other day 7am", "doxycycline@20:00"],
    "every 3 days": ["doxycycline 100mg daily every 3 days 9am", "levothyroxine@6:30"],
    "every 2 weeks": ["alendronate every 2 weeks 6am", "levothyroxine@6:30"],
    "unchecked and odd names": [
        "levothyroxine@6:30",
        "a,b\\c@11:00",
        "zzmagnésium漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字@12:00",
    ],
}


def make_plan(doses: list[str]) -> core.Plan:
    requests, untimed = syntax.parse_doses(doses)
    return core.make_plan(dataset.load(), requests, untimed=untimed)


def through_icalendar(properties: dict[str, ics.Value], events: list[dict[str, ics.Value]]) -> bytes:
    """The same calendar built and written by the icalendar library."""
    calendar = icalendar.Calendar()
    for name, value in properties.items():
        calendar.add(name, value)
    for found in events:
        event = icalendar.Event()
        for name, value in found.items():
            event.add(name, value)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def content_lines(written: bytes) -> list[str]:
    """The content lines of a calendar file, unfolded (RFC 5545 section 3.1)."""
    return written.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def assert_well_formed(written: bytes) -> None:
    """RFC 5545 section 3.1: CRLF after every line, at most 75 octets a line, folded with CRLF and
    one space, no character split; every content line NAME:VALUE; BEGIN and END paired."""
    assert written.endswith(b"\r\n")
    physical = written.split(b"\r\n")[:-1]
    assert b"\n" not in written.replace(b"\r\n", b"") and b"\r" not in written.replace(b"\r\n", b"")
    for line in physical:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character's bytes
    for first, second in itertools.pairwise(physical):
        if second.startswith(b" "):
            # an escape pair stays on one line: no line ends with the lone backslash of one
            trailing = len(first) - len(first.rstrip(b"\\"))
            assert trailing % 2 == 0, (first, second)
    stack = []
    for line in content_lines(written):
        name, colon, _ = line.partition(":")
        assert colon and name and name.replace("-", "").isalnum() and name.isupper(), line
        for control in range(32):
            assert chr(control) not in line, line
        if name == "BEGIN":
            stack.append(line[6:])
        elif name == "END":
            assert stack.pop() == line[4:]
    assert stack == []
    assert content_lines(written)[0] == "BEGIN:VCALENDAR"


def decoded(component: icalendar.cal.component.Component, name: str) -> Any:
    value = component.decoded(name)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if name == "RRULE":
        return {key.lower(): value[key] for key in value}
    return value


def expected_rule(rule: dict[str, object]) -> dict[str, object]:
    """A recurrence as icalendar reads it back: every part a list, FREQ in capitals."""
    found: dict[str, object] = {}
    for key, value in rule.items():
        values = value if isinstance(value, list) else [value]
        found[key] = [v.upper() if isinstance(v, str) else v for v in values]
    return found


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_calendar_is_what_icalendar_writes_and_reads(name: str) -> None:
    events = ics.events(make_plan(PLANS[name]), START, STAMP)
    written = ics.calendar(make_plan(PLANS[name]), START, STAMP)
    assert written == ics.write(ics.CALENDAR, events)
    assert_well_formed(written)
    reference = through_icalendar(ics.CALENDAR, events)
    assert content_lines(written) == content_lines(reference)
    parsed = icalendar.Calendar.from_ical(written)
    assert [(k, str(v)) for k, v in parsed.items()] == [(k, str(v)) for k, v in ics.CALENDAR.items()]
    found = parsed.walk("VEVENT")
    assert len(found) == len(events) >= 2
    for event, wanted in zip(found, events, strict=True):
        assert list(event) == list(wanted)  # every property, in the order written, and no other
        for key, value in wanted.items():
            if isinstance(value, dict):
                assert decoded(event, key) == expected_rule(value), key
            else:
                assert decoded(event, key) == value, key
        assert event.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
        assert event.decoded("DTSTART").tzinfo is None  # floating: that clock time anywhere
        assert "DTSTAMP:20261203T132752Z" in content_lines(written)


def test_recurrence_rules_are_written_as_rfc_5545_lists_them() -> None:
    written = content_lines(ics.calendar(make_plan(PLANS["weekly on two days for 4 weeks"]), START, STAMP))
    assert "RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=MO,TH" in written
    written = content_lines(ics.calendar(make_plan(PLANS["until a date"]), START, STAMP))
    assert "RRULE:FREQ=DAILY;UNTIL=20261220T235959" in written
    written = content_lines(ics.calendar(make_plan(PLANS["every 2 weeks"]), START, STAMP))
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2" in written
    written = content_lines(ics.calendar(make_plan(PLANS["weekly and a course"]), START, STAMP))
    assert written.count("RRULE:FREQ=DAILY;COUNT=7") == 2
    assert "RRULE:FREQ=WEEKLY;BYDAY=SU" in written
    # a weekly event starts on its first day on or after the start (Sunday 6 December)
    assert "DTSTART:20261206T060000" in written


def test_text_is_escaped_and_folded_by_the_rfc() -> None:
    text = "a;b,c\\d\ne " + "é漢" * 40
    written = ics.write({"VERSION": "2.0"}, [{"SUMMARY": text, "UID": "x"}])
    assert_well_formed(written)
    line = content_lines(written)[3]
    assert line.startswith("SUMMARY:a\\;b\\,c\\\\d\\ne é漢")
    assert len(written.split(b"\r\n")) > 5  # folded
    assert str(icalendar.Calendar.from_ical(written).walk("VEVENT")[0]["SUMMARY"]) == text


def test_a_fold_keeps_an_escape_pair_together() -> None:
    for length in range(60, 80):
        text = "x" * length + ",;\\" * 30
        written = ics.write({"VERSION": "2.0"}, [{"DESCRIPTION": text}])
        assert_well_formed(written)
        assert str(icalendar.Calendar.from_ical(written).walk("VEVENT")[0]["DESCRIPTION"]) == text


#: Text magref may write: any printable character, the characters TEXT escapes, and line breaks
#: (magref's own text passes clean() first, which shows control characters as escapes).
TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\\;,:\"'\n"), max_size=300
).filter(lambda t: "\\N" not in t)  # icalendar reads the letters \N as a line break


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS)
def test_any_text_survives_a_round_trip_through_icalendar(summary: str, description: str) -> None:
    # in the order icalendar writes them (its canonical order, then by name)
    event: dict[str, ics.Value] = {"SUMMARY": summary, "UID": "u@magref", "DESCRIPTION": description}
    written = ics.write(ics.CALENDAR, [event])
    assert_well_formed(written)
    assert content_lines(written) == content_lines(through_icalendar(ics.CALENDAR, [event]))
    parsed = icalendar.Calendar.from_ical(written).walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == summary
    assert str(parsed["DESCRIPTION"]) == description


def test_plan_ics_through_the_command_line_is_well_formed(magref: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = magref("plan", *PLANS["unchecked and odd names"], "--ics", str(target))
    assert result.code == 0, result.stderr
    written = target.read_bytes()
    assert_well_formed(written)
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(written).walk("VEVENT")]
    assert "b\\c (your time; not checked)" in summaries
    assert any("漢字" in summary for summary in summaries)
    # on standard output, as a new process (the test runner would turn CRLF into LF)
    command = [sys.executable, "-m", "magref", "plan", *PLANS["daily"], "--ics", "-"]
    done = subprocess.run(command, capture_output=True, check=True, timeout=60)
    assert_well_formed(done.stdout)


def test_plan_ics_does_not_import_icalendar(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from magref.cli import app\n"
        f"result = CliRunner().invoke(app, ['plan', 'cipro@09:00', '--ics', {str(tmp_path / 'p.ics')!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('icalendar', 'dateutil', 'zoneinfo') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
