"""One report for one person: intake, interactions, timing, cautions, unknowns and flags.

It composes the other core modules; it adds only the flags that sum the findings up.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal

import msgspec

from magref import amounts, doses, dosing, intake, interactions, lookup, plan, status
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.interactions import MatchDocument
from magref.model import About, Caution, FlagLevel, Source
from magref.plan import Medicine, PlanAnswer, PlanDocument
from magref.regimen import Regimen
from magref.region import DEFAULT_REGION, Region
from magref.status import StatusDocument

#: From this age the dataset's caution for older adults applies.
OLDER_ADULT_AGE = 65
FLAG_ORDER: tuple[FlagLevel, ...] = ("stop", "ask", "note")
STAGE_CAUTIONS = {"pregnancy": "pregnancy", "lactation": "breastfeeding"}
#: What a flag is about: the daily total against the upper limit (``upper-limit-per-kg``,
#: ``no-upper-limit``, ``over-upper-limit``), one product over its label's maximum, a class of
#: medicines, no time of day keeping every gap, a caution, a medicine or condition not listed, or
#: a medicine checked with no interaction found in the sources read (``medicine-checked-none``: not
#: proof that none exists), an item taken that is not listed and so is left out of the total
#: (``item-not-counted``), or a
#: medicine named with a route other than by mouth, for which the gut rules may not hold (``route-named``).
#: For a child taking a product whose label gives doses by age: more than the label's dose at that
#: age (``over-age-dose``), the label says to ask a doctor (``age-ask-a-doctor``) or not to give it
#: (``age-do-not-use``), or magref holds no label dose for that age (``age-dose-not-given``). A use
#: asked about (``check --for``) whose studied doses pass the upper limit: ``studied-dose-over-limit``.
#: A blood result read with kidney function (``lab-*``, see ``LAB_FLAGS``): low with kidneys not
#: known to be weak, low with weak kidneys, within range or high with weak kidneys, high, or within.
#: A medicine given (``--drug``) that names magnesium, a form or product, and no medicine: read as
#: magnesium taken and counted (``drug-read-as-magnesium``), or, when its amount or how often
#: cannot be read, left out of the total and asked about (``drug-magnesium-not-read``); at a time
#: that breaks a medicine's gap, asked about (``drug-magnesium-breaks-gap``: the time in ``figures``).
FlagCode = Literal[
    "upper-limit-per-kg",
    "no-upper-limit",
    "over-upper-limit",
    "over-label-maximum",
    "interaction",
    "no-window",
    "caution",
    "medicine-not-listed",
    "medicine-not-checked",
    "medicine-checked-none",
    "condition-not-listed",
    "item-not-counted",
    "item-read-as-medicine",
    "drug-read-as-magnesium",
    "drug-magnesium-not-read",
    "drug-magnesium-breaks-gap",
    "route-named",
    "medicine-not-timed",
    "times-assumed",
    "basis-not-stated",
    "over-age-dose",
    "age-ask-a-doctor",
    "age-do-not-use",
    "age-dose-not-given",
    "studied-dose-over-limit",
    "lab-low",
    "lab-low-weak-kidneys",
    "lab-weak-kidneys",
    "lab-high",
    "lab-within",
]
#: The flag code for each finding of a blood result read with kidney function.
LAB_FLAGS: dict[status.Finding, FlagCode] = {
    "low": "lab-low",
    "low-weak-kidneys": "lab-low-weak-kidneys",
    "weak-kidneys": "lab-weak-kidneys",
    "high": "lab-high",
    "within": "lab-within",
}
#: The caution a low blood result calls for.
LOW_RESULT_CAUTION = "low-blood-magnesium"
KIDNEY_CAUTIONS = ("kidney-severe", "kidney")


class Person(msgspec.Struct, frozen=True):
    age: float
    sex: dosing.Sex | None = None
    stage: dosing.LifeStage | None = None
    region: Region = DEFAULT_REGION


class Inputs(msgspec.Struct, frozen=True):
    """What the check was asked about, as given: each item taken, each medicine and each condition."""

    items: list[str]
    drugs: list[str]
    conditions: list[str]


class Flag(msgspec.Struct, frozen=True, kw_only=True):
    """One finding summed up: how loud (``level``), what kind (``code``) and the facts it rests on.

    ``subject`` is what it is about (an item as typed, a class id, a condition, a medicine name);
    ``detail`` a second name (the product of an item); ``figures`` the numbers, in mg elemental;
    ``match`` the interaction behind an ``interaction`` flag; ``checked`` the medicine behind a
    ``medicine-checked-none`` flag; ``label_dose`` the label's row behind an age flag;
    ``studied`` the use behind a ``studied-dose-over-limit`` flag.
    """

    level: FlagLevel
    code: FlagCode
    subject: str = ""
    detail: str = ""
    figures: dict[str, float] = {}
    match: interactions.Match | None = None
    checked: interactions.Checked | None = None
    label_dose: doses.LabelDose | None = None
    studied: doses.UseDoses | None = None


class Relevance(msgspec.Struct, frozen=True):
    """Whether one interaction class (by id) concerns one item the person takes.

    ``item`` is the item's place in ``intake.lines``, ``text`` the item as typed.
    """

    class_id: str
    item: int
    text: str
    relevance: interactions.Relevance


class Slot(msgspec.Struct, frozen=True):
    """One suggested time for magnesium and the doses of the items taken to take then: ``items``
    holds each dose's item, as its place in ``intake.lines`` (an item twice for two doses)."""

    minute: int
    items: list[int]


class Report(msgspec.Struct, frozen=True):
    person: Person
    targets: list[dosing.Target]
    intake: intake.Stack | None
    interactions: interactions.Report
    plan: plan.Plan | None
    cautions: list[Caution]
    unknown_conditions: list[str]
    flags: list[Flag]
    #: Every source the findings above cite, in the order first cited.
    sources: list[Source] = msgspec.field(default_factory=list)
    #: The version and review date of the dataset the findings come from.
    about: About | None = None
    inputs: Inputs | None = None
    #: For each interaction and each item taken, whether the interaction concerns that item.
    relevance: list[Relevance] = msgspec.field(default_factory=list)
    #: Items taken that name no form or product the dataset holds: left out of ``intake``.
    uncounted: list[str] = msgspec.field(default_factory=list)
    #: The doses studied for each use asked about (``check --for``), against the person's limit.
    uses: list[doses.UseDoses] = msgspec.field(default_factory=list)
    #: The blood result and kidney function given, as read, and what they say together.
    status: status.Status | None = None
    #: Each suggested time and the doses of the items taken that go then.
    slots: list[Slot] = msgspec.field(default_factory=list)
    #: The medicines given without a time, by name as typed: they are not on the timeline.
    untimed: list[str] = msgspec.field(default_factory=list)
    #: What the dataset does not hold: each item taken (left out of the total), medicine and condition.
    unknown: list[Unknown] = msgspec.field(default_factory=list)


def check(
    data: Catalog,
    person: Person,
    items: Sequence[intake.Intake] = (),
    drugs: Sequence[Medicine] = (),
    conditions: Sequence[str] = (),
    for_uses: Sequence[str] = (),
    given: status.Given | None = None,
) -> Report:
    """Everything the dataset says about this person's situation.

    ``for_uses`` names uses the person takes magnesium for: their studied doses are held against
    the person's upper limit; ``given`` is a blood result and kidney function, as typed.
    """
    targets = dosing.targets(data, person.age, person.sex, person.stage, person.region)
    intake.check_count(items)
    entered_found = [interactions.resolve_medicine(data, medicine.drug) for medicine in drugs]
    from_drugs, not_read = _drugs_as_magnesium(drugs, entered_found)
    counted, uncounted = _countable(data, [*items, *(item for item, _ in from_drugs)])
    taken = intake.stack_of(counted, data, person.age, person.region) if counted else None
    as_medicines = _read_as_medicines(data, items, uncounted)
    uncounted = [text for text in uncounted if text not in as_medicines]
    entered, drugs = drugs, [*drugs, *(Medicine(name) for name in as_medicines.values())]
    names = [medicine.drug for medicine in drugs]
    resolved = [
        *entered_found,
        *(interactions.resolve_medicine(data, name) for name in names[len(entered_found) :]),
    ]
    found = interactions.report(resolved, names, data)
    timed = [
        (plan.DoseRequest(medicine.drug, medicine.minute, medicine.assumed, medicine.regimen), item)
        for medicine, item in zip(drugs, resolved, strict=True)
        if medicine.minute is not None
    ]
    untimed = [
        medicine.regimen or Regimen(medicine=medicine.drug) for medicine in drugs if medicine.minute is None
    ]
    schedule = (
        plan.make_plan(data, [request for request, _ in timed], [item for _, item in timed], untimed)
        if timed
        else None
    )
    measured = _measure(data, person, conditions, given)
    cautions, unknown_conditions = _cautions(data, person, conditions, _status_cautions(measured))
    measured = _join(data, measured, cautions)
    flags = _lab_flags(measured, cautions) + _flags(taken, found, schedule, cautions, unknown_conditions)
    flags += [Flag(level="ask", code="item-not-counted", subject=text) for text in uncounted]
    flags += [
        Flag(level="note", code="item-read-as-medicine", subject=text, detail=name)
        for text, name in as_medicines.items()
    ]
    flags += [
        Flag(level="note", code="drug-read-as-magnesium", subject=item.text, detail=", ".join(named))
        for item, named in from_drugs
        if item.text not in uncounted
    ]
    flags += [
        Flag(level="ask", code="drug-magnesium-not-read", subject=text, detail=", ".join(named))
        for text, named in not_read
    ]
    flags += [
        Flag(
            level="ask",
            code="drug-magnesium-breaks-gap",
            subject=note.drug,
            detail=", ".join(at.breaks),
            figures={"minute": at.minute},
        )
        for note in (schedule.notes if schedule is not None else [])
        if note.code == "magnesium-named"
        for at in note.times
        if at.breaks
    ]
    flags += _timing_flags(drugs, resolved)
    flags += [
        Flag(level="note", code="route-named", subject=item.query, detail=" ".join(item.route))  # "eye drops"
        for item in resolved
        if interactions.route_matters(item)
    ]
    studied = doses.uses_doses(data, for_uses, person.age, person.region) if for_uses else []
    flags += _age_flags(person, taken)
    flags += _studied_flags(studied)
    flags.sort(key=lambda f: FLAG_ORDER.index(f.level))
    cited_ids = [*_cited_ids(targets, taken, found, cautions), *_status_sources(measured)]
    cited = lookup.cited(data, [*cited_ids, *(source for use in studied for source in use.source_ids)])
    return Report(
        person,
        targets,
        taken,
        found,
        schedule,
        cautions,
        unknown_conditions,
        flags,
        cited,
        data.about,
        Inputs(
            [item.text for item in items],
            list(dict.fromkeys(_as_entered(medicine) for medicine in entered)),
            list(conditions),
        ),
        _relevance(found, taken),
        uncounted,
        studied,
        measured,
        _slots(taken, schedule),
        list(dict.fromkeys(medicine.drug for medicine in drugs if medicine.minute is None)),
        _unknowns(uncounted, found.unmatched, unknown_conditions),
    )


AGE_FLAG_LEVELS: dict[doses.AgeAdvice, tuple[FlagLevel, FlagCode]] = {
    "ask-a-doctor": ("ask", "age-ask-a-doctor"),
    "do-not-use": ("stop", "age-do-not-use"),
    "none-given": ("note", "age-dose-not-given"),
}


def _age_flags(person: Person, taken: intake.Stack | None) -> list[Flag]:
    """For a child, each product held to its label's row for the child's age.

    More a day (or in one dose) than the row allows is ``over-age-dose``; a row that gives no dose
    says why. The child's upper-limit comparison is made as for anyone, elsewhere.
    """
    if person.age >= doses.CHILD_AGE or taken is None:
        return []
    flags: list[Flag] = []
    for line in taken.lines:
        if line.product is None:
            continue
        label = doses.label_dose(line.product, person.age)
        if label.advice != "dose":
            level, code = AGE_FLAG_LEVELS[label.advice]
            flags.append(_age_flag(level, code, line, label))
        elif _over_band(line, label):
            flags.append(_age_flag("ask", "over-age-dose", line, label))
    return flags


def _over_band(line: intake.Line, label: doses.LabelDose) -> bool:
    most, high = label.most_units, label.high_units
    if line.units_per_day is None or line.units_per_dose is None or most is None or high is None:
        return False
    return round(line.units_per_day, 6) > most or round(line.units_per_dose, 6) > high


def _age_flag(level: FlagLevel, code: FlagCode, line: intake.Line, label: doses.LabelDose) -> Flag:
    figures = {"age": label.age}
    if line.units_per_day is not None:
        figures["units_per_day"] = round(line.units_per_day, 2)
    figures["per_day_elemental_mg"] = round(line.per_day_elemental_mg, 1)
    name = line.product.name if line.product is not None else ""
    return Flag(
        level=level, code=code, subject=line.intake.text, detail=name, figures=figures, label_dose=label
    )


def _studied_flags(studied: Sequence[doses.UseDoses]) -> list[Flag]:
    """A use whose studied doses pass the person's upper limit: only with a doctor's advice."""
    flags: list[Flag] = []
    for use in studied:
        highest = use.highest_over_mg
        if use.needs_clinician and highest is not None and use.upper.mg is not None:
            figures = {"highest_elemental_mg": highest, "upper_limit_mg": float(use.upper.mg)}
            flags.append(
                Flag(
                    level="ask",
                    code="studied-dose-over-limit",
                    subject=use.use_name,
                    detail=use.use_id,
                    figures=figures,
                    studied=use,
                )
            )
    return flags


def _slots(taken: intake.Stack | None, schedule: plan.Plan | None) -> list[Slot]:
    """The doses of each item spread over the suggested times, in order: an item taken as many
    times a day as there are suggestions gets one dose at each; one taken less often gets its doses
    at suggestions spread across the day. An item taken more often than there are suggestions gets
    times of its own spread evenly over the open waking hours ("Mag-Ox bid" in one long window:
    two times in it, not two doses at once); where they do not fit far enough apart, its extra
    doses share the suggested times."""
    if taken is None or schedule is None or not schedule.suggestions:
        return []
    times = sorted(suggestion.minute for suggestion in schedule.suggestions)
    most = max(max(1, line.times) for line in taken.lines)
    if most > len(times):
        times = _spread(schedule, most) or times
    doses: list[list[int]] = [[] for _ in times]
    for index, line in enumerate(taken.lines):
        count = max(1, line.times)
        for dose in range(count):
            place = dose * len(times) // count if count <= len(times) else dose % len(times)
            doses[place].append(index)
    return [Slot(minute, sorted(items)) for minute, items in zip(times, doses, strict=True) if items]


#: Minutes between the open waking times looked at when spreading doses.
SPREAD_STEP = 15
#: Doses of one item spread over the day are at least this far apart, or they share a time.
SPREAD_APART = 3 * 60


def _spread(schedule: plan.Plan, count: int) -> list[int]:
    """``count`` times evenly over the minutes of the waking day that keep every gap, at least
    SPREAD_APART apart; none where they do not fit."""
    start, end = plan.AWAKE
    open_minutes = [m for m in range(start, end + 1, SPREAD_STEP) if schedule.is_open(m)]
    if len(open_minutes) < count:
        return []
    times = [open_minutes[int((k + 0.5) * len(open_minutes) / count)] for k in range(count)]
    return times if all(b - a >= SPREAD_APART for a, b in itertools.pairwise(times)) else []


def _measure(
    data: Catalog, person: Person, conditions: Sequence[str], given: status.Given | None
) -> status.Status | None:
    """The blood result and kidney function read; None when neither was given nor named."""
    if given is None or given.empty:
        return None
    return status.measure(data, given, list(conditions), person.region)


def _status_cautions(measured: status.Status | None) -> list[str]:
    """The kidney caution the kidney function given calls for."""
    if measured is None or measured.kidney is None or measured.kidney.caution is None:
        return []
    return [measured.kidney.caution]


def _join(data: Catalog, measured: status.Status | None, cautions: list[Caution]) -> status.Status | None:
    """The finding of the result and the kidneys together; a low result adds its caution."""
    if measured is None:
        return None
    weak = next((c.id for c in cautions if c.id in KIDNEY_CAUTIONS), None)
    finding = status.join(measured.lab, measured.kidney, weak)
    if finding in ("low", "low-weak-kidneys"):
        low = lookup.find_caution(data, LOW_RESULT_CAUTION)
        if low not in cautions:
            cautions.append(low)
    return msgspec.structs.replace(measured, finding=finding)


def _lab_flags(measured: status.Status | None, cautions: Sequence[Caution]) -> list[Flag]:
    """One flag for what the blood result and kidney function say together.

    ``detail`` is the kidney caution in force (``kidney``, ``kidney-severe``), or empty when kidney
    function was not given; ``figures`` the result in mmol/L and the range's ends when the unit is known.
    """
    if measured is None or measured.finding is None or measured.lab is None:
        return []
    lab = measured.lab
    weak = next((c for c in cautions if c.id in KIDNEY_CAUTIONS), None)
    finding = measured.finding
    level: FlagLevel = "ask"
    if finding in ("low-weak-kidneys", "weak-kidneys") and weak is not None:
        level = weak.level
    elif finding == "within":
        level = "note"
    figures: dict[str, float] = {"value": lab.value}
    if lab.result is not None:
        figures |= {
            "mmol_per_l": round(lab.result.mmol_per_l, 3),
            "range_low": lab.result.range.low,
            "range_high": lab.result.range.high,
        }
    elif lab.printed is not None:
        figures |= {"range_low": lab.printed[0], "range_high": lab.printed[1]}
    detail = weak.id if weak is not None else ("" if measured.kidney is None else "not-reduced")
    return [Flag(level=level, code=LAB_FLAGS[finding], subject=lab.text, detail=detail, figures=figures)]


def _status_sources(measured: status.Status | None) -> list[str]:
    """The sources of the range a result was read against."""
    if measured is None or measured.lab is None or measured.lab.result is None:
        return []
    return list(measured.lab.result.range.sources)


def _timing_flags(drugs: Sequence[Medicine], resolved: Sequence[interactions.Found]) -> list[Flag]:
    """A medicine with a gap from magnesium but no time is not on the timeline: say so and why;
    times taken from how often a medicine is taken are marked assumed."""
    flags: list[Flag] = []
    for medicine, item in zip(drugs, resolved, strict=True):
        spaced = any(
            interactions.needs_gap(interactions.effective_spacing(hit.group, hit.drug)) for hit in item.hits
        )
        if medicine.minute is None and spaced:
            regimen = medicine.regimen or Regimen(medicine=medicine.drug)
            flags.append(
                Flag(
                    level="ask",
                    code="medicine-not-timed",
                    subject=medicine.drug,
                    detail=plan.untimed_reason(regimen),
                )
            )
    assumed = list(dict.fromkeys(medicine.drug for medicine in drugs if medicine.assumed))
    if assumed:
        flags.append(Flag(level="note", code="times-assumed", subject=", ".join(assumed)))
    return flags


def _countable(data: Catalog, items: Sequence[intake.Intake]) -> tuple[list[intake.Line], list[str]]:
    """Each item the dataset can count, resolved, and the text of those naming nothing it holds.

    A report goes on without an unknown product rather than failing, and flags that the total
    leaves it out; an item that cannot be read at all still raises.
    """
    counted: list[intake.Line] = []
    uncounted: list[str] = []
    for item in items:
        try:
            counted.append(intake.resolve(data, item))
        except NotFound:
            uncounted.append(item.text)
    return counted, uncounted


def _drugs_as_magnesium(
    drugs: Sequence[Medicine], found: Sequence[interactions.Found]
) -> tuple[list[tuple[intake.Intake, list[str]]], list[tuple[str, list[str]]]]:
    """The medicines given that name magnesium (a form or product) and no medicine, each read from
    its text as typed with the reader of an item taken, with the magnesium entries it names; and the
    texts whose amount or how often could not be read, which are asked about rather than dropped."""
    read: list[tuple[intake.Intake, list[str]]] = []
    not_read: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for medicine, item in zip(drugs, found, strict=True):
        text = (
            medicine.regimen.text if medicine.regimen is not None and medicine.regimen.text else medicine.drug
        )
        if not item.names_magnesium or text in seen:
            continue
        seen.add(text)
        try:
            read.append((_as_taken(text, medicine.regimen), item.magnesium_names))
        except InputError:
            not_read.append((text, item.magnesium_names))
    return read, not_read


#: Words that join the times of day a medicine is taken at ("@8am and 8pm").
_TIME_JOINS = frozenset({"and", "&", ",", "then"})


def _as_taken(text: str, regimen: Regimen | None) -> intake.Intake:
    """A medicine's text as typed, read as an item taken: its times of day ("@9am", "8am and
    8pm") are left to the plan, and two or more of them, with no how often said, are its doses a day."""
    pieces = regimen.pieces if regimen is not None else []
    if not any(piece.role == "time" for piece in pieces):
        return amounts.parse_item(text)
    kept = [p.text for p in pieces if p.role != "time" and not (p.role == "word" and p.text in _TIME_JOINS)]
    item = amounts.parse_item(" ".join(kept))
    given = len(regimen.times) if regimen is not None else 0
    if item.times == 1 and given > 1:
        item = msgspec.structs.replace(item, times=given)
    return msgspec.structs.replace(item, text=text)


def _read_as_medicines(data: Catalog, items: Sequence[intake.Intake], uncounted: list[str]) -> dict[str, str]:
    """The items taken that hold no magnesium magref counts but whose name is a medicine or
    supplement it holds ("ferrous sulfate 325 mg", "zinc 50 mg"), by text: checked with the medicines.
    A name with any word left unread stays an item not counted."""
    read: dict[str, str] = {}
    for item in items:
        if item.text not in uncounted or not item.name.strip():
            continue
        found = interactions.resolve_medicine(data, item.name)
        if (found.hits or found.medicines) and not found.unknown and not (found.forms or found.products):
            read[item.text] = item.name
    return read


def _relevance(found: interactions.Report, taken: intake.Stack | None) -> list[Relevance]:
    lines = taken.lines if taken is not None else []
    return [
        Relevance(match.group.id, index, line.intake.text, _line_relevance(match, line))
        for match in found.matches
        for index, line in enumerate(lines)
    ]


def _line_relevance(match: interactions.Match, line: intake.Line) -> interactions.Relevance:
    if line.product is not None:
        return interactions.relevance(match.concerns, line.product.purposes, product=True)
    return interactions.relevance(match.concerns, line.form.acts_as if line.form is not None else None)


def _as_entered(medicine: Medicine) -> str:
    if medicine.regimen is not None and medicine.regimen.text:
        return medicine.regimen.text
    return medicine.drug if medicine.minute is None else f"{medicine.drug}@{plan.clock(medicine.minute)}"


def _cited_ids(
    targets: Sequence[dosing.Target],
    taken: intake.Stack | None,
    found: interactions.Report,
    cautions: Sequence[Caution],
) -> list[str]:
    ids = [source for target in targets for source in target.sources]
    if taken is not None:
        ids += taken.upper.sources
        for line in taken.lines:
            if line.form is not None:
                ids += line.form.sources
            if line.product is not None:
                ids += line.product.sources
    for match in found.matches:
        ids += match.group.sources
        if match.spacing is not None:
            ids += match.spacing.sources
        ids += [source for drug in match.drugs if drug.note for source in drug.sources]
    ids += [source for item in found.medicines for source in item.medicine.sources]
    ids += [source for caution in cautions for source in caution.sources]
    return list(dict.fromkeys(ids))


def _cautions(
    data: Catalog, person: Person, conditions: Sequence[str], extra: Sequence[str] = ()
) -> tuple[list[Caution], list[str]]:
    found: list[Caution] = []
    unknown: list[str] = []
    wanted = [*conditions, *extra]
    if person.stage:
        wanted.append(STAGE_CAUTIONS[person.stage])
    if person.age >= OLDER_ADULT_AGE:
        wanted.append("older-adults")
    for name in wanted:
        try:
            caution = lookup.find_caution(data, name)
        except NotFound:
            if name in conditions:
                unknown.append(name)
            continue
        if caution not in found:
            found.append(caution)
    return found, unknown


def _flags(
    taken: intake.Stack | None,
    found: interactions.Report,
    schedule: plan.Plan | None,
    cautions: Sequence[Caution],
    unknown_conditions: Sequence[str],
) -> list[Flag]:
    """The findings summed up, most serious first."""
    flags: list[Flag] = []
    if taken is not None and taken.upper.mg_per_kg is not None:
        flags.append(
            Flag(level="ask", code="upper-limit-per-kg", figures={"mg_per_kg": taken.upper.mg_per_kg})
        )
    elif taken is not None and taken.ul_supplemental_mg is None:
        flags.append(Flag(level="ask", code="no-upper-limit"))
    elif taken is not None and taken.over_ul and taken.ul_supplemental_mg is not None:
        figures = {
            "total_elemental_mg": taken.total_elemental_mg,
            "upper_limit_mg": taken.ul_supplemental_mg,
            "items": len(taken.lines),
        }
        flags.append(Flag(level="ask", code="over-upper-limit", figures=figures))
    for line in taken.lines if taken is not None else []:
        if line.ambiguous:
            flags.append(Flag(level="ask", code="basis-not-stated", subject=line.intake.text))
        if line.over_label_maximum and line.product is not None:
            flags.append(
                Flag(
                    level="ask", code="over-label-maximum", subject=line.intake.text, detail=line.product.name
                )
            )
    for match in found.matches:
        flags.append(Flag(level=match.flag_level, code="interaction", subject=match.group.id, match=match))
    if schedule is not None and not schedule.windows:
        flags.append(Flag(level="ask", code="no-window"))
    flags += [Flag(level=c.level, code="caution", subject=c.condition, detail=c.id) for c in cautions]
    for item in found.medicines:
        if item.status == "checked-none":
            flags.append(
                Flag(level="note", code="medicine-checked-none", subject=item.medicine.name, checked=item)
            )
        else:
            known = item.medicine.name  # held only for its family: not checked against magnesium
            flags.append(
                Flag(level="note", code="medicine-not-checked", subject=item.name.typed, detail=known)
            )
    flags += [Flag(level="note", code="medicine-not-listed", subject=name) for name in found.unmatched]
    flags += [Flag(level="note", code="condition-not-listed", subject=name) for name in unknown_conditions]
    return sorted(flags, key=lambda f: FLAG_ORDER.index(f.level))


# -- the answer: what ``check --json`` prints, and what the text and the page show beside it --------


class Unknown(Shape):
    """Something entered that the dataset does not hold; an ``item`` is left out of the total."""

    kind: Literal["item", "medicine", "condition"]
    name: str


class RelevanceDocument(Shape):
    """Whether an interaction class concerns one item taken (``item`` is its place in ``stack.items``)."""

    class_id: str
    item: int
    text: str
    relevance: interactions.Relevance


class CheckIntake(Shape):
    """The targets, and what is taken: ``product`` for one item, ``stack`` for any number."""

    targets: list[dosing.TargetDocument]
    product: intake.ConvertDocument | None
    stack: intake.StackDocument | None


class SlotDocument(Shape):
    """A suggested time (HH:MM) and the items taken to take then, each a place in ``stack.items``
    (an item twice for two doses)."""

    time: str
    items: list[int]


class FlagDocument(Shape):
    """A finding summed up: level, code, what it is about, its figures, and in words."""

    level: FlagLevel
    code: str
    subject: str
    detail: str
    figures: dict[str, float]
    #: The finding in words: the core leaves it empty and the render layer words it.
    message: str


class CheckDocument(Shape):
    """``check``: one person's intake, interactions, timing, cautions, unknowns and flags; ``status``
    the blood result and kidney function given (null when neither was); ``slots`` each suggested
    time with the items to take then; ``untimed`` the medicines given without a time."""

    person: dosing.Person
    intake: CheckIntake
    interactions: list[MatchDocument]
    plan: PlanDocument | None
    cautions: list[Caution]
    unknown: list[Unknown]
    flags: list[FlagDocument]
    relevance: list[RelevanceDocument]
    uses: list[doses.UseDosesDocument]
    status: StatusDocument | None
    slots: list[SlotDocument]
    untimed: list[str]


class CheckAnswer(msgspec.Struct, kw_only=True):
    """``check`` and ``report``: ``json`` is the document ``check --json`` prints, the words of its
    flags, plan notes, studied doses and blood status left for the render layer; ``report`` the
    check as worked out (the facts behind those words, and what the text and the page show);
    ``plan`` the plan's own answer (its timeline's hours), None when no medicine had a time; for
    the text, each item's day as a share of the upper limit (unrounded, in the order of
    ``report.intake.lines``) and the day's total as one."""

    json: CheckDocument
    report: Report
    plan: PlanAnswer | None
    shares: list[float | None]
    total_share: float | None


def _unknowns(items: Sequence[str], medicines: Sequence[str], conditions: Sequence[str]) -> list[Unknown]:
    """What the dataset does not hold: each item taken (left out of the total), medicine and condition."""
    found = [Unknown(kind="item", name=text) for text in items]
    found += [Unknown(kind="medicine", name=name) for name in medicines]
    return found + [Unknown(kind="condition", name=name) for name in conditions]


def answer(report: Report) -> CheckAnswer:
    """The check's answer from its report."""
    taken = report.intake
    single = taken is not None and len(taken.lines) == 1
    limit = taken.ul_supplemental_mg if taken is not None else None
    person = report.person
    planned = plan.plan_answer(report.plan) if report.plan is not None else None
    document = CheckDocument(
        person=dosing.Person(
            age_years=person.age, sex=person.sex, life_stage=person.stage, region=str(person.region)
        ),
        intake=CheckIntake(
            targets=[dosing.target_document(t) for t in report.targets],
            product=intake.convert_line_document(taken.lines[0], taken)
            if taken is not None and single
            else None,
            stack=intake.stack_document(taken) if taken is not None else None,
        ),
        interactions=[interactions.match_document(m) for m in report.interactions.matches],
        plan=planned.document if planned is not None else None,
        cautions=report.cautions,
        unknown=report.unknown,
        flags=[
            FlagDocument(
                level=f.level, code=f.code, subject=f.subject, detail=f.detail, figures=f.figures, message=""
            )
            for f in report.flags
        ],
        relevance=[
            RelevanceDocument(class_id=r.class_id, item=r.item, text=r.text, relevance=r.relevance)
            for r in report.relevance
        ],
        uses=[doses.use_doses_document(use) for use in report.uses],
        status=status.status_document(report.status),
        slots=[SlotDocument(time=plan.clock(slot.minute), items=slot.items) for slot in report.slots],
        untimed=report.untimed,
    )
    return CheckAnswer(
        json=document,
        report=report,
        plan=planned,
        shares=[taken.share(line) for line in taken.lines] if taken is not None else [],
        total_share=taken.total_elemental_mg / limit if taken is not None and limit else None,
    )


def check_answer(
    data: Catalog,
    person: Person,
    items: Sequence[intake.Intake] = (),
    drugs: Sequence[Medicine] = (),
    conditions: Sequence[str] = (),
    for_uses: Sequence[str] = (),
    given: status.Given | None = None,
) -> CheckAnswer:
    """``check`` and ``report``: the check of this person (see ``check``) as its answer."""
    return answer(check(data, person, items, drugs, conditions, for_uses, given))
