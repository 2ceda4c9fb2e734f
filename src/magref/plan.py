"""Times of day at which a magnesium dose keeps every required gap from a person's medicines.

The day is a circle of 1,440 minutes that repeats. A magnesium dose at minute ``m`` keeps a
medicine dose at ``t`` with spacing (before N h, after M h) when it comes at least N hours after
that dose and at least M hours before the next one. A side with no gap known to be enough
(``None``) cannot be kept on a daily schedule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import msgspec

from magref.answers import Shape
from magref.catalog import Catalog
from magref.interactions import (
    Found,
    MatchedName,
    effective_spacing,
    needs_gap,
    resolve_medicine,
    route_matters,
)
from magref.model import Concerns, MechanismKind, Source, Spacing
from magref.regimen import Regimen

#: Why a plan could not apply a medicine fully: ``not-listed`` (the dataset does not hold it),
#: ``not-checked`` (the dataset holds it, in its family, but it has not been checked against
#: magnesium: no gap is known), ``checked-none`` (checked: the sources read name no interaction, so
#: there is no gap to keep; not proof that none exists),
#: ``several-classes`` (a class word that spans classes: name the medicine), ``timing-does-not-help``
#: (its class has no spacing), ``no-enough-gap`` (no gap on one side is enough, so no daily window),
#: ``several-medicines`` (a short name such as "levo" fits several medicines: all their gaps are kept),
#: ``route-named`` (a route other than by mouth, such as "eye drops": the gut rule may not hold),
#: ``magnesium-named`` (the item names magnesium, a form or product, and no medicine: it is read as
#: the magnesium dose, at its time, which keeps every gap or breaks the gaps of ``breaks``).
NoteCode = Literal[
    "not-listed",
    "magnesium-named",
    "not-checked",
    "checked-none",
    "several-classes",
    "several-medicines",
    "timing-does-not-help",
    "no-enough-gap",
    "route-named",
    "not-timed",
    "not-daily",
]

DAY = 24 * 60


class DoseRequest(msgspec.Struct, frozen=True):
    """A medicine and the minute of the day it is taken, as given on the command line.

    ``assumed`` marks a time that was not given but taken from how often the medicine is taken
    ("bd": 08:00 and 20:00); ``regimen`` is the whole reading of what was typed, when there is one.
    """

    drug: str
    minute: int
    assumed: bool = False
    regimen: Regimen | None = None


class Dose(msgspec.Struct, frozen=True):
    """A medicine dose that magref knows, with the spacing it needs from magnesium.

    ``drug`` is the name as matched (see ``name`` for how it was reached).
    """

    drug: str
    minute: int
    class_name: str
    spacing: Spacing | None
    class_id: str = ""
    name: MatchedName | None = None
    mechanism_kind: MechanismKind | None = None
    concerns: Concerns | None = None
    assumed: bool = False
    regimen: Regimen | None = None


class MagnesiumAt(msgspec.Struct, frozen=True):
    """One time magnesium named among the medicines is taken: ``breaks`` the medicines whose gap
    it breaks then (none: it keeps every gap, inside a window)."""

    minute: int
    assumed: bool = False
    breaks: list[str] = []


class Note(msgspec.Struct, frozen=True, kw_only=True):
    """Something the plan could not apply as asked: a code, the medicine it is about, and facts.

    ``classes`` names the classes a class word spans; ``medicines`` the medicines a short name fits;
    ``spacing`` is the rule that cannot be kept; ``sources`` what was read for a ``checked-none``;
    ``reason`` why a medicine is not on the timeline (``as-needed``, ``no-time``) for ``not-timed``;
    ``every_days`` and ``weekdays`` how seldom a medicine is taken for ``not-daily`` (its gaps are
    kept every day all the same). For ``magnesium-named``: ``magnesium`` the entries named (products,
    then forms), and ``times`` each time it is taken (none when no time was given).
    """

    code: NoteCode
    drug: str
    classes: list[str] = []
    medicines: list[str] = []
    route: list[str] = []
    spacing: Spacing | None = None
    sources: list[Source] = []
    reason: str = ""
    every_days: int = 1
    weekdays: list[int] = []
    magnesium: list[str] = []
    times: list[MagnesiumAt] = []


#: Waking hours, 07:00 to 22:00: a suggested time falls in them when its window allows.
AWAKE = (7 * 60, 22 * 60)
#: How far inside a window a time at its end is put, so a dose a little late still keeps the gap.
MARGIN = 30
#: How a suggested time was chosen: the middle of the window (``middle``), the middle of the part of
#: it in waking hours (``middle-awake``), or, for a window (nearly) wholly outside them, its end
#: nearest to them, MARGIN minutes in (``nearest-awake``).
Choice = Literal["middle", "middle-awake", "nearest-awake"]


class Suggestion(msgspec.Struct, frozen=True):
    """A time for magnesium in one window, as far from both its ends as waking hours allow.

    ``opened_by`` are the doses whose gap sets the window's start (magnesium comes after them),
    ``closed_by`` those whose gap sets its end (magnesium comes before them).
    """

    minute: int
    window: tuple[int, int]
    opened_by: list[Dose]
    closed_by: list[Dose]
    choice: Choice = "middle"


class Medicine(msgspec.Struct, frozen=True):
    """A medicine the person takes, and the minute of the day they take it if known.

    ``assumed`` marks a minute taken from how often it is taken rather than given; ``regimen``
    is how what was typed was read, when it was read from words.
    """

    drug: str
    minute: int | None = None
    assumed: bool = False
    regimen: Regimen | None = None


class Plan(msgspec.Struct, frozen=True):
    """Windows are (start, end) minutes, both included; a window may run past midnight.

    ``suggestions`` has one time for each window; none when any time of day will do. ``unmatched``
    holds the requests not placed with gaps: medicines the dataset does not hold, or holds but has
    not checked against magnesium (each has a note saying which).
    """

    doses: list[Dose]
    windows: list[tuple[int, int]]
    notes: list[Note]
    unmatched: list[DoseRequest]
    suggestions: list[Suggestion] = msgspec.field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Whether any medicine named is one the dataset holds: with its gaps, or checked or not."""
        held = any(note.code in ("not-checked", "checked-none") for note in self.notes)
        return bool(self.doses) or not self.unmatched or held

    def is_open(self, minute: int) -> bool:
        """Whether ``minute`` falls in one of the plan's windows."""
        return any(_within(minute, start, end) for start, end in self.windows)


def _within(minute: int, start: int, end: int) -> bool:
    return start <= minute <= end if start <= end else minute >= start or minute <= end


def clock(minute: int) -> str:
    """Minute of the day as HH:MM."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def make_plan(
    data: Catalog,
    requests: Sequence[DoseRequest],
    found: Sequence[Found] | None = None,
    untimed: Sequence[Regimen] = (),
) -> Plan:
    """The windows for magnesium around the given doses, with notes on what was not applied.

    ``found`` holds each request's medicine already resolved (as ``check`` does once for all);
    ``untimed`` the medicines read with no time to place them at, each named in a note.
    """
    resolved = found if found is not None else [resolve_medicine(data, r.drug) for r in requests]
    doses: list[Dose] = []
    unmatched: list[DoseRequest] = []
    notes: list[Note] = []
    taken: list[tuple[DoseRequest, Found]] = []  # magnesium named as a medicine: placed once doses are known
    for request, item in zip(requests, resolved, strict=True):
        if item.names_magnesium:
            taken.append((request, item))
            notes += [Note(code="not-listed", drug=name) for name in item.unknown]
            continue
        named_drugs = [hit for hit in item.hits if hit.drug is not None]
        chosen = named_drugs or (item.hits if len(item.hits) == 1 else [])
        checked = _checked_notes(request.drug, item) if not chosen else None
        if checked is not None:
            notes += checked
            if any(note.code == "not-checked" for note in checked):
                unmatched.append(request)  # held, but with no gap known: off the timeline's gaps
            continue
        if not chosen:
            unmatched.append(request)
            if item.hits:
                classes = [hit.group.name for hit in item.hits]
                notes.append(Note(code="several-classes", drug=request.drug, classes=classes))
            else:
                notes.append(Note(code="not-listed", drug=request.drug))
            continue
        alternatives = [hit for hit in named_drugs if hit.name and hit.name.via != "combination"]
        meant = list(dict.fromkeys(hit.drug.name for hit in alternatives if hit.drug is not None))
        if len(meant) > 1 and len({hit.name.typed for hit in alternatives if hit.name}) == 1:
            notes.append(Note(code="several-medicines", drug=request.drug, medicines=meant))
        for hit in chosen:
            spacing = effective_spacing(hit.group, hit.drug)
            shown = hit.drug.name if hit.drug is not None else request.drug
            drug, group = hit.drug, hit.group
            kind = hit.mechanism_kind
            concerns = drug.concerns if drug and drug.concerns else group.concerns
            doses.append(
                Dose(
                    shown,
                    request.minute,
                    group.name,
                    spacing,
                    group.id,
                    hit.name,
                    kind,
                    concerns,
                    request.assumed,
                    request.regimen,
                )
            )
        notes += [Note(code="not-listed", drug=name) for name in item.unknown]
        if route_matters(item):
            notes.append(Note(code="route-named", drug=request.drug, route=item.route))
    notes += [
        Note(code="not-daily", drug=request.drug, every_days=regimen.every_days, weekdays=regimen.weekdays)
        for request in requests
        if (regimen := request.regimen) is not None
        and (regimen.every_days > 1 or regimen.weekdays)
        and any(dose.regimen is regimen for dose in doses)  # only a medicine on the timeline has gaps
    ]
    notes += [note for regimen in untimed for note in _untimed_notes(data, regimen)]
    by_item: dict[str, list[tuple[DoseRequest, Found]]] = {}
    for request, item in taken:
        by_item.setdefault(request.drug, []).append((request, item))
    notes += [
        _magnesium_note(drug, same[0][1], [(r.minute, r.assumed) for r, _ in same], doses)
        for drug, same in by_item.items()
    ]
    notes = [note for position, note in enumerate(notes) if note not in notes[:position]]
    notes += _spacing_notes(doses)
    open_windows = windows(doses)
    return Plan(doses, open_windows, notes, unmatched, suggestions(open_windows, doses))


def _magnesium_note(drug: str, item: Found, times: Sequence[tuple[int, bool]], doses: Sequence[Dose]) -> Note:
    """The note for an item that names magnesium, not a medicine: the magnesium dose at each of
    ``times`` (minute, assumed), with the medicines whose gap it breaks then."""
    at = [
        MagnesiumAt(minute, assumed, list(dict.fromkeys(d.drug for d in doses if not _keeps(minute, d))))
        for minute, assumed in sorted(dict.fromkeys(times))
    ]
    return Note(code="magnesium-named", drug=drug, magnesium=item.magnesium_names, times=at)


def _checked_notes(drug: str, item: Found) -> list[Note] | None:
    """The notes for a name that reaches only medicines the dataset holds outside every interaction
    class (checked with none found, or not checked against magnesium), else None."""
    notes = [
        Note(code=m.status, drug=drug, medicines=[m.medicine.name], sources=m.sources)
        for m in item.medicines
        if m.status != "interaction"
    ]
    if not notes:
        return None
    return notes + [Note(code="not-listed", drug=name) for name in item.unknown]


def _untimed_notes(data: Catalog, regimen: Regimen) -> list[Note]:
    """A medicine with no time: checked, not listed, or off the timeline when it needs a gap."""
    item = resolve_medicine(data, regimen.medicine)
    if item.names_magnesium:
        unknown = [Note(code="not-listed", drug=name) for name in item.unknown]
        return [*unknown, _magnesium_note(regimen.medicine, item, [], [])]
    checked = None if item.hits else _checked_notes(regimen.medicine, item)
    if checked is not None:
        return checked
    if not item.hits:
        return [Note(code="not-listed", drug=regimen.medicine)]
    if any(needs_gap(effective_spacing(hit.group, hit.drug)) for hit in item.hits):
        return [Note(code="not-timed", drug=regimen.medicine, reason=untimed_reason(regimen))]
    return []


def untimed_reason(regimen: Regimen) -> str:
    """Why a medicine has no time on the timeline: taken only as needed, or no time nor how often given."""
    return "as-needed" if regimen.as_needed else "no-time"


def _spacing_notes(doses: Sequence[Dose]) -> list[Note]:
    notes: list[Note] = []
    for dose in dict((d.drug, d) for d in doses).values():
        spacing = dose.spacing
        if spacing is None:
            notes.append(Note(code="timing-does-not-help", drug=dose.drug, classes=[dose.class_name]))
        elif spacing.hours_before is None or spacing.hours_after is None:
            notes.append(Note(code="no-enough-gap", drug=dose.drug, spacing=spacing))
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


def _allowed_minutes(doses: Sequence[Dose]) -> bytearray:
    """``allowed`` for each minute of the day (1 or 0), found from each dose's two gaps at once
    rather than by asking every dose about every minute."""
    ok = bytearray(b"\x01") * DAY
    for dose in doses:
        if dose.spacing is None:
            continue
        before, after = dose.spacing.hours_before, dose.spacing.hours_after
        if before is None or after is None:
            return bytearray(DAY)
        # Blocked: the minutes less than `before` hours after the dose, and those less than
        # `after` hours before it (the dose's own minute is in both).
        for first, count in (
            (dose.minute, round(before * 60)),
            (dose.minute - round(after * 60) + 1, round(after * 60)),
        ):
            if count >= DAY:
                return bytearray(DAY)
            first %= DAY
            if count > 0:
                tail = min(count, DAY - first)
                ok[first : first + tail] = bytes(tail)
                ok[: count - tail] = bytes(count - tail)
    return ok


def windows(doses: Sequence[Dose]) -> list[tuple[int, int]]:
    """Runs of minutes in which magnesium keeps every spacing, as (start, end), both included."""
    return runs(_allowed_minutes(doses))


def runs(ok: Sequence[int | bool]) -> list[tuple[int, int]]:
    """The runs of allowed minutes in a day of ``ok`` (one per minute), as (start, end), both
    included; a run may go past midnight."""
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
    """A time in each window, with the doses that bound it; none when the whole day is open."""
    found: list[Suggestion] = []
    for start, end in runs:
        length = (end - start) % DAY + 1
        if length >= DAY:
            return []
        opened_by = [d for d in doses if not _keeps((start - 1) % DAY, d)]
        closed_by = [d for d in doses if not _keeps((end + 1) % DAY, d)]
        minute, choice = _chosen_time(start, length)
        found.append(Suggestion(minute, (start, end), opened_by, closed_by, choice))
    return found


def _chosen_time(start: int, length: int) -> tuple[int, Choice]:
    """The middle of the window's waking minutes; for a window with none, its end nearest to them."""
    minutes = [(start + step) % DAY for step in range(length)]
    awake = [m for m in minutes if AWAKE[0] <= m <= AWAKE[1]]
    if len(awake) == length:
        return minutes[(length - 1) // 2], "middle"
    run = _longest_run(awake) if awake else []
    if len(run) > 2 * MARGIN:
        return run[(len(run) - 1) // 2], "middle-awake"
    inside = min(MARGIN, (length - 1) // 2)
    nearest = min((inside, length - 1 - inside), key=lambda step: _from_waking_hours(minutes[step]))
    return minutes[nearest], "nearest-awake"


def _longest_run(minutes: list[int]) -> list[int]:
    """The longest stretch of consecutive minutes in ``minutes`` (in the order given)."""
    runs: list[list[int]] = [[minutes[0]]]
    for minute in minutes[1:]:
        if minute == runs[-1][-1] + 1:
            runs[-1].append(minute)
        else:
            runs.append([minute])
    return max(runs, key=len)


def _from_waking_hours(minute: int) -> int:
    """Minutes from ``minute`` to the nearest waking minute, round the clock (0 when awake)."""
    if AWAKE[0] <= minute <= AWAKE[1]:
        return 0
    return min((AWAKE[0] - minute) % DAY, (minute - AWAKE[1]) % DAY)


# -- answers: plan --------------------------------------------------------------------------------


class DoseRow(Shape):
    """A medicine dose in a plan: the drug, how the name reached it, its time and its spacing."""

    drug: str
    matched: MatchedName | None
    time: str
    #: Whether the time was assumed from how often the medicine is taken, rather than given.
    assumed: bool
    #: How the medicine's words were read: strength, dose, how often, days, and each part's role.
    regimen: Regimen | None
    class_id: str
    class_name: str
    spacing: Spacing | None
    mechanism_kind: MechanismKind | None
    concerns: Concerns | None


class Window(Shape):
    """A time range (HH:MM, both included) in which magnesium keeps every gap; it may pass midnight.

    ``suggested`` is a time in it for magnesium, in waking hours (07:00 to 22:00) when the window
    allows; null when any time of day will do.
    """

    start: str
    end: str
    suggested: str | None


class PlanNote(Shape):
    """Something the plan could not apply as asked, as a code and in words."""

    code: NoteCode
    drug: str
    classes: list[str]
    medicines: list[str]
    route: list[str]
    spacing: Spacing | None
    #: For ``not-timed``: ``as-needed`` or ``no-time``; empty for other codes.
    reason: str
    #: For ``not-daily``: how many days apart it is taken (7: weekly) and on which days (0: Monday).
    every_days: int
    weekdays: list[int]
    #: For ``magnesium-named``: the magnesium entries the item names (products, then forms), and
    #: each time it is taken (none when no time was given).
    magnesium: list[str] = msgspec.field(default_factory=list)
    times: list[MagnesiumTime] = msgspec.field(default_factory=list)
    message: str = ""


class MagnesiumTime(Shape):
    """One time magnesium named among the medicines is taken: ``breaks`` the medicines whose gap
    it breaks then (empty: it keeps every gap, inside a window)."""

    time: str
    assumed: bool
    breaks: list[str]


class TimedName(Shape):
    drug: str
    time: str
    assumed: bool
    regimen: Regimen | None


class PlanDocument(Shape):
    """``plan``: the doses it knows, the windows for magnesium, notes, and doses it does not know."""

    doses: list[DoseRow]
    windows: list[Window]
    notes: list[PlanNote]
    unmatched: list[TimedName]


class PlanAnswer(msgspec.Struct, kw_only=True):
    """``plan``'s answer: ``document`` is what ``--json`` prints once its notes are worded; ``plan``
    the plan as worked out (in minutes, with the notes' facts and the doses that open and close each
    window, for the words and the calendar); ``open_hours`` the hours of the day wholly inside a
    window, ``dose_hours`` those with a dose; ``any_time`` whether any time of day keeps every gap;
    ``answered`` whether any medicine named is one the dataset holds."""

    document: PlanDocument
    plan: Plan
    open_hours: list[int]
    dose_hours: list[int]
    any_time: bool
    answered: bool


def planned(data: Catalog, requests: Sequence[DoseRequest], untimed: Sequence[Regimen] = ()) -> PlanAnswer:
    """``plan``: the windows for magnesium around the doses given (see ``make_plan``), as the answer."""
    return plan_answer(make_plan(data, requests, untimed=untimed))


def plan_answer(plan: Plan) -> PlanAnswer:
    """A plan as ``plan``'s answer: its document, and the hours its timeline shows."""
    suggested = {s.window: clock(s.minute) for s in reversed(plan.suggestions)}
    document = PlanDocument(
        doses=[
            DoseRow(
                drug=d.drug,
                matched=d.name,
                time=clock(d.minute),
                assumed=d.assumed,
                regimen=d.regimen,
                class_id=d.class_id,
                class_name=d.class_name,
                spacing=d.spacing,
                mechanism_kind=d.mechanism_kind,
                concerns=d.concerns,
            )
            for d in plan.doses
        ],
        windows=[
            Window(start=clock(start), end=clock(end), suggested=suggested.get((start, end)))
            for start, end in plan.windows
        ],
        notes=[
            PlanNote(
                code=note.code,
                drug=note.drug,
                classes=note.classes,
                medicines=note.medicines,
                route=note.route,
                spacing=note.spacing,
                reason=note.reason,
                every_days=note.every_days,
                weekdays=note.weekdays,
                magnesium=note.magnesium,
                times=[
                    MagnesiumTime(time=clock(t.minute), assumed=t.assumed, breaks=t.breaks)
                    for t in note.times
                ],
            )
            for note in plan.notes
        ],
        unmatched=[
            TimedName(drug=r.drug, time=clock(r.minute), assumed=r.assumed, regimen=r.regimen)
            for r in plan.unmatched
        ],
    )
    hour = 60
    return PlanAnswer(
        document=document,
        plan=plan,
        open_hours=[h for h in range(DAY // hour) if _open_from(plan, h * hour, (h + 1) * hour - 1)],
        dose_hours=sorted({d.minute // hour for d in plan.doses}),
        any_time=plan.windows == [(0, DAY - 1)],
        answered=plan.answered,
    )


def _open_from(plan: Plan, first: int, last: int) -> bool:
    """Whether every minute from ``first`` to ``last`` (within one day) is in one window: windows
    are separated by blocked minutes, so a span wholly open lies in one of them."""
    return any(
        start <= first and last <= end if start <= end else first >= start or last <= end
        for start, end in plan.windows
    )
