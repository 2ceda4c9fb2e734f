"""One report for one person: intake, interactions, timing, cautions, unknowns and flags.

It composes the other core modules; it adds only the flags that sum the findings up.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from magref import dosing, interactions, lookup, plan
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import About, Caution, FlagLevel, Source

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


class Product(msgspec.Struct, frozen=True):
    """The supplement in hand: a form, the compound amount per dose, and doses a day."""

    form: str
    amount: str
    times: int = 1


class Inputs(msgspec.Struct, frozen=True):
    """What the check was asked about, as given: the product, each medicine and each condition."""

    product: Product | None
    drugs: list[str]
    conditions: list[str]


class Flag(msgspec.Struct, frozen=True):
    level: FlagLevel
    message: str


class Report(msgspec.Struct, frozen=True):
    person: Person
    targets: list[dosing.Target]
    product: dosing.Conversion | None
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
    flags = _flags(conversion, found, schedule, cautions, unknown_conditions)
    cited = lookup.cited(data, _cited_ids(targets, conversion, found, cautions))
    return Report(
        person,
        targets,
        conversion,
        found,
        schedule,
        cautions,
        unknown_conditions,
        flags,
        cited,
        data.about,
        Inputs(product, list(drugs), list(conditions)),
    )


def _cited_ids(
    targets: Sequence[dosing.Target],
    product: dosing.Conversion | None,
    found: interactions.Report,
    cautions: Sequence[Caution],
) -> list[str]:
    ids = [source for target in targets for source in target.sources]
    if product is not None:
        ids += product.form.sources
    for match in found.matches:
        ids += match.group.sources
        if match.spacing is not None:
            ids += match.spacing.sources
        ids += [source for drug in match.drugs if drug.note for source in drug.sources]
    ids += [source for caution in cautions for source in caution.sources]
    return list(dict.fromkeys(ids))


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


def _flags(
    product: dosing.Conversion | None,
    found: interactions.Report,
    schedule: plan.Plan | None,
    cautions: Sequence[Caution],
    unknown_conditions: Sequence[str],
) -> list[Flag]:
    """The findings summed up, most serious first."""
    flags: list[Flag] = []
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
