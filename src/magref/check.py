"""One report for one person: intake, interactions, timing, cautions, unknowns and flags.

It composes the other core modules; it adds only the flags that sum the findings up.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from magref import dosing, interactions, lookup, plan
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import Caution, FlagLevel

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


def spacing_advice(found: interactions.Match) -> str:
    """What the spacing asks, in a few words."""
    spacing = found.spacing
    if spacing is None:
        return "timing does not help; ask about checking magnesium levels."
    before, after = spacing.hours_before, spacing.hours_after
    if before is None or after is None:
        return "no daily spacing is known to be enough; ask before combining them."
    return f"take the medicine at least {before:g} h before or {after:g} h after magnesium."


class Person(msgspec.Struct, frozen=True):
    age: float
    sex: dosing.Sex | None = None
    stage: dosing.LifeStage | None = None


class Product(msgspec.Struct, frozen=True):
    """The supplement in hand: a form, the compound amount per dose, and doses a day."""

    form: str
    amount: str
    times: int = 1


class Flag(msgspec.Struct, frozen=True):
    level: FlagLevel
    message: str


class Report(msgspec.Struct):
    person: Person
    targets: list[dosing.Target]
    product: dosing.Conversion | None
    interactions: interactions.Report
    plan: plan.Plan | None
    cautions: list[Caution]
    unknown: list[str] = msgspec.field(default_factory=list)
    flags: list[Flag] = msgspec.field(default_factory=list)


def check(
    data: Catalog,
    person: Person,
    product: Product | None = None,
    drugs: Sequence[str] = (),
    conditions: Sequence[str] = (),
) -> Report:
    """Everything the dataset says about this person's situation."""
    targets = dosing.targets(data, person.age, person.sex, person.stage)
    conversion = _conversion(data, person, product) if product else None
    names = [text.split("@", 1)[0].strip() for text in drugs]
    timed = [plan.parse_dose(text) for text in drugs if "@" in text]
    found = interactions.match(data, names)
    schedule = plan.make_plan(data, timed) if timed else None
    cautions, unknown_conditions = _cautions(data, person, conditions)
    report = Report(person, targets, conversion, found, schedule, cautions)
    report.unknown = [f"medicine: {name}" for name in found.unmatched]
    report.unknown += [f"condition: {name}" for name in unknown_conditions]
    report.flags = _flags(report, unknown_conditions)
    return report


def _conversion(data: Catalog, person: Person, product: Product) -> dosing.Conversion:
    form = lookup.find_form(data, product.form)
    amount = dosing.parse_amount(product.amount)
    return dosing.convert(data, form, amount, times=product.times, age=person.age)


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


def _flags(report: Report, unknown_conditions: Sequence[str]) -> list[Flag]:
    flags: list[Flag] = []
    product = report.product
    if product is not None and product.ul_supplemental_mg is None:
        flags.append(
            Flag("ask", "No upper limit for supplements is set at this age: only on a doctor's advice.")
        )
    elif product is not None and product.over_ul:
        flags.append(
            Flag(
                "ask",
                f"{product.per_day_elemental_mg:.0f} mg of elemental magnesium a day from this product "
                f"is over the upper limit for supplements ({product.ul_supplemental_mg} mg).",
            )
        )
    for found in report.interactions.matches:
        level = SEVERITY_FLAG[found.group.severity]
        group = found.group
        flags.append(
            Flag(
                level, f"{', '.join(found.matched)}: {group.name} ({group.severity}): {spacing_advice(found)}"
            )
        )
    if report.plan is not None and not report.plan.windows:
        flags.append(Flag("ask", "No time of day keeps every gap from your medicines."))
    flags += [Flag(c.level, f"{c.condition}: {CAUTION_ADVICE[c.level]}") for c in report.cautions]
    for name in report.interactions.unmatched:
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


def product_from_options(form: str | None, amount: str | None, times: int) -> Product | None:
    """A product when both --form and --amount are given; neither is fine; one alone is an error."""
    if form is None and amount is None:
        return None
    if form is None or amount is None:
        missing = "--form" if form is None else "--amount"
        raise InputError(
            f"{missing} is needed too", "give --form and --amount together, e.g. --form oxide --amount 500"
        )
    return Product(form, amount, times)
