"""One report for one person: intake, interactions, timing, cautions, unknowns and flags.

It composes the other core modules; it adds only the flags that sum the findings up.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from magref import dosing, intake, interactions, lookup, plan
from magref.catalog import Catalog
from magref.errors import NotFound
from magref.model import About, Caution, FlagLevel, Source
from magref.region import DEFAULT_REGION, Region

#: From this age the dataset's caution for older adults applies.
OLDER_ADULT_AGE = 65
FLAG_ORDER: tuple[FlagLevel, ...] = ("stop", "ask", "note")
SEVERITY_FLAG: dict[str, FlagLevel] = {"major": "ask", "moderate": "note", "minor": "note"}
STAGE_CAUTIONS = {"pregnancy": "pregnancy", "lactation": "breastfeeding"}
CAUTION_ADVICE: dict[FlagLevel, str] = {
    "stop": "do not take magnesium without a doctor's advice (see Cautions).",
    "ask": "ask a doctor before taking magnesium (see Cautions).",
    "note": "worth knowing (see Cautions).",
}


class Person(msgspec.Struct, frozen=True):
    age: float
    sex: dosing.Sex | None = None
    stage: dosing.LifeStage | None = None
    region: Region = DEFAULT_REGION


class Medicine(msgspec.Struct, frozen=True):
    """A medicine the person takes, and the minute of the day they take it if known."""

    drug: str
    minute: int | None = None


class Inputs(msgspec.Struct, frozen=True):
    """What the check was asked about, as given: each item taken, each medicine and each condition."""

    items: list[str]
    drugs: list[str]
    conditions: list[str]


class Flag(msgspec.Struct, frozen=True):
    level: FlagLevel
    message: str


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

    @property
    def unknown(self) -> list[str]:
        """What the dataset does not know: unlisted medicines and conditions."""
        medicines = [f"medicine: {name}" for name in self.interactions.unmatched]
        return medicines + [f"condition: {name}" for name in self.unknown_conditions]


def check(
    data: Catalog,
    person: Person,
    items: Sequence[intake.Intake] = (),
    drugs: Sequence[Medicine] = (),
    conditions: Sequence[str] = (),
) -> Report:
    """Everything the dataset says about this person's situation."""
    targets = dosing.targets(data, person.age, person.sex, person.stage, person.region)
    taken = intake.stack(data, items, person.age, person.region) if items else None
    names = [medicine.drug for medicine in drugs]
    resolved = [interactions.resolve_medicine(data, name) for name in names]
    found = interactions.report(resolved, names, data)
    timed = [
        (plan.DoseRequest(medicine.drug, medicine.minute), item)
        for medicine, item in zip(drugs, resolved, strict=True)
        if medicine.minute is not None
    ]
    schedule = (
        plan.make_plan(data, [request for request, _ in timed], [item for _, item in timed])
        if timed
        else None
    )
    cautions, unknown_conditions = _cautions(data, person, conditions)
    flags = _flags(taken, found, schedule, cautions, unknown_conditions)
    cited = lookup.cited(data, _cited_ids(targets, taken, found, cautions))
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
            [item.text for item in items], [_as_entered(medicine) for medicine in drugs], list(conditions)
        ),
    )


def _as_entered(medicine: Medicine) -> str:
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
    ids += [source for caution in cautions for source in caution.sources]
    return list(dict.fromkeys(ids))


def _cautions(data: Catalog, person: Person, conditions: Sequence[str]) -> tuple[list[Caution], list[str]]:
    found: list[Caution] = []
    unknown: list[str] = []
    wanted = list(conditions)
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
        per_kg = f"{taken.upper.mg_per_kg:g} mg of elemental magnesium per kg of body weight"
        flags.append(Flag("ask", f"The upper limit at this age is {per_kg}: check the dose against it."))
    elif taken is not None and taken.ul_supplemental_mg is None:
        flags.append(
            Flag("ask", "No upper limit for supplements is set at this age: only on a doctor's advice.")
        )
    elif taken is not None and taken.over_ul:
        source = "this product" if len(taken.lines) == 1 else f"these {len(taken.lines)} items"
        flags.append(
            Flag(
                "ask",
                f"{taken.total_elemental_mg:.0f} mg of elemental magnesium a day from {source} "
                f"is over the upper limit for supplements ({taken.ul_supplemental_mg} mg).",
            )
        )
    for line in taken.lines if taken is not None else []:
        if line.over_label_maximum and line.product is not None:
            flags.append(
                Flag(
                    "ask",
                    f"'{line.intake.text}' is more than the label's daily maximum for {line.product.name}.",
                )
            )
    for match in found.matches:
        group = match.group
        flags.append(
            Flag(
                SEVERITY_FLAG[group.severity],
                f"{', '.join(match.matched)}: {group.name} ({group.severity}). "
                + interactions.spacing_rule(match.spacing),
            )
        )
    if schedule is not None and not schedule.windows:
        flags.append(Flag("ask", "No time of day keeps every gap from your medicines."))
    flags += [Flag(c.level, f"{c.condition}: {CAUTION_ADVICE[c.level]}") for c in cautions]
    for name in found.unmatched:
        flags.append(Flag("note", f"'{name}': {interactions.NOT_LISTED}."))
    for name in unknown_conditions:
        flags.append(
            Flag(
                "note",
                f"'{name}' is not a condition in magref's dataset; not being listed is not "
                "evidence of safety.",
            )
        )
    return sorted(flags, key=lambda f: FLAG_ORDER.index(f.level))
