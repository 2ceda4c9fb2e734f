"""Times of day at which a magnesium dose keeps every required gap from a person's medicines.

The day is a circle of 1,440 minutes that repeats. A magnesium dose at minute ``m`` keeps a
medicine dose at ``t`` with spacing (before N h, after M h) when it comes at least N hours after
that dose and at least M hours before the next one. A side with no gap known to be enough
(``None``) cannot be kept on a daily schedule.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from magref.catalog import Catalog
from magref.interactions import NOT_LISTED, Found, effective_spacing, resolve_medicine
from magref.model import Spacing

DAY = 24 * 60


class DoseRequest(msgspec.Struct, frozen=True):
    """A medicine and the minute of the day it is taken, as given on the command line."""

    drug: str
    minute: int


class Dose(msgspec.Struct, frozen=True):
    """A medicine dose that magref knows, with the spacing it needs from magnesium."""

    drug: str
    minute: int
    class_name: str
    spacing: Spacing | None
    class_id: str = ""


class Suggestion(msgspec.Struct, frozen=True):
    """A time for magnesium: the middle minute of one window, the time furthest from both its ends.

    ``opened_by`` are the doses whose gap sets the window's start (magnesium comes after them),
    ``closed_by`` those whose gap sets its end (magnesium comes before them).
    """

    minute: int
    window: tuple[int, int]
    opened_by: list[Dose]
    closed_by: list[Dose]


class Plan(msgspec.Struct, frozen=True):
    """Windows are (start, end) minutes, both included; a window may run past midnight.

    ``suggestions`` has one time for each window; none when any time of day will do.
    """

    doses: list[Dose]
    windows: list[tuple[int, int]]
    notes: list[str]
    unmatched: list[DoseRequest]
    suggestions: list[Suggestion] = msgspec.field(default_factory=list)


def clock(minute: int) -> str:
    """Minute of the day as HH:MM."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def make_plan(data: Catalog, requests: Sequence[DoseRequest], found: Sequence[Found] | None = None) -> Plan:
    """The windows for magnesium around the given doses, with notes on what was not applied.

    ``found`` holds each request's medicine already resolved (as ``check`` does once for all).
    """
    resolved = found if found is not None else [resolve_medicine(data, r.drug) for r in requests]
    doses: list[Dose] = []
    unmatched: list[DoseRequest] = []
    notes: list[str] = []
    for request, item in zip(requests, resolved, strict=True):
        named_drugs = [hit for hit in item.hits if hit.drug is not None]
        chosen = named_drugs or (item.hits if len(item.hits) == 1 else [])
        if not chosen:
            unmatched.append(request)
            if item.hits:
                classes = ", ".join(hit.group.name for hit in item.hits)
                notes.append(f"'{request.drug}' covers several classes ({classes}): name the medicine.")
            else:
                notes.append(f"'{request.drug}': {NOT_LISTED}. No gap was applied for it.")
            continue
        for hit in chosen:
            spacing = effective_spacing(hit.group, hit.drug)
            doses.append(Dose(hit.label, request.minute, hit.group.name, spacing, hit.group.id))
        notes += [f"'{name}': {NOT_LISTED}. No gap was applied for it." for name in item.unknown]
    notes += _spacing_notes(doses)
    open_windows = windows(doses)
    return Plan(doses, open_windows, notes, unmatched, suggestions(open_windows, doses))


def _spacing_notes(doses: Sequence[Dose]) -> list[str]:
    notes: list[str] = []
    for dose in dict((d.drug, d) for d in doses).values():
        spacing = dose.spacing
        if spacing is None:
            notes.append(f"{dose.drug}: timing does not help ({dose.class_name}); see magref interactions.")
        elif spacing.hours_before is None or spacing.hours_after is None:
            notes.append(
                f"{dose.drug}: no gap is known to be enough on one side, so no daily window can keep it. "
                + (spacing.note or "")
            )
    return notes


def allowed(minute: int, doses: Sequence[Dose]) -> bool:
    """Whether magnesium at ``minute`` keeps the spacing of every dose."""
    return all(_keeps(minute, dose) for dose in doses)


def _keeps(minute: int, dose: Dose) -> bool:
    if dose.spacing is None:
        return True
    after_drug = (minute - dose.minute) % DAY
    before_next = (dose.minute - minute) % DAY
    before, after = dose.spacing.hours_before, dose.spacing.hours_after
    if before is None or after is None:
        return False
    return after_drug >= round(before * 60) and before_next >= round(after * 60)


def windows(doses: Sequence[Dose]) -> list[tuple[int, int]]:
    """Runs of minutes in which magnesium keeps every spacing, as (start, end), both included."""
    ok = [allowed(minute, doses) for minute in range(DAY)]
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


def suggestions(runs: Sequence[tuple[int, int]], doses: Sequence[Dose]) -> list[Suggestion]:
    """The middle of each window, with the doses that bound it; none when the whole day is open."""
    found: list[Suggestion] = []
    for start, end in runs:
        length = (end - start) % DAY + 1
        if length >= DAY:
            return []
        opened_by = [d for d in doses if not _keeps((start - 1) % DAY, d)]
        closed_by = [d for d in doses if not _keeps((end + 1) % DAY, d)]
        found.append(Suggestion((start + (length - 1) // 2) % DAY, (start, end), opened_by, closed_by))
    return found
