"""Intake and upper levels by region, age, sex and life stage; compound to elemental milligrams."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import msgspec

from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import Fact, InputError, NotFound
from magref.lookup import elemental_mg
from magref.model import Claim, Form, IntakeBand, ReferenceValues, Source, UpperLimitBand
from magref.region import DEFAULT_REGION, Region

Sex = Literal["female", "male"]
#: Against the upper limit: "over" it, "at_or_under" it, or "no_limit" where none is set.
LimitStatus = Literal["over", "at_or_under", "no_limit"]
LifeStage = Literal["pregnancy", "lactation"]
SEXES: tuple[Sex, ...] = ("female", "male")
MAX_AGE = 125.0
#: The most compound magref will convert in one amount: 100 g.
MAX_AMOUNT_MG = 100_000.0
MAX_TIMES = 24
ADULT_AGE = 19.0


class UpperLimit(msgspec.Struct, frozen=True):
    """A region's upper level at one age: the figure (or why there is none), its name and what it counts."""

    region: Region
    authority: str
    term: str
    name: str
    counts: str
    mg: int | None
    mg_per_kg: float | None
    reason: str | None
    sources: list[str]


class Target(msgspec.Struct, frozen=True):
    """The intake figure and the upper level for one person in one region, in mg elemental a day.

    ``rda_mg`` is the region's intake figure whatever its authority calls it (``rda_kind``:
    RDA, AI, RNI...); it is ``None`` where the authority gives none, and ``reason`` says why.
    """

    age_years: float
    sex: Sex
    life_stage: LifeStage | None
    rda_mg: int | None
    rda_kind: str
    upper: UpperLimit
    sources: list[str]
    region: Region = DEFAULT_REGION
    authority: str = ""
    term_name: str = ""
    reason: str | None = None
    note: str | None = None

    @property
    def ul_supplemental_mg(self) -> int | None:
        return self.upper.mg


def limit_status(elemental_mg_a_day: float, ul: int | None) -> LimitStatus:
    """Over the upper limit only when more than it: the limit itself is "at or under".

    Compared at a thousandth of a milligram, so that arithmetic noise (350.0000001) is not "over".
    """
    if ul is None:
        return "no_limit"
    return "over" if round(elemental_mg_a_day, 3) > ul else "at_or_under"


class Conversion(msgspec.Struct, frozen=True):
    """Compound and elemental milligrams of one amount, and the daily total against the limit."""

    form: Form
    compound_mg: float
    elemental_mg: float
    times: int
    upper: UpperLimit
    #: False when the amount said neither elemental nor compound and was read as the compound's weight.
    basis_stated: bool = True

    @property
    def ul_supplemental_mg(self) -> int | None:
        return self.upper.mg

    @property
    def per_day_elemental_mg(self) -> float:
        return self.elemental_mg * self.times

    @property
    def status(self) -> LimitStatus:
        return limit_status(self.per_day_elemental_mg, self.ul_supplemental_mg)

    @property
    def over_ul(self) -> bool:
        return self.status == "over"


def check_age(age: float) -> float:
    """The age if it is a possible one, else an InputError naming it."""
    if math.isnan(age) or not 0 <= age <= MAX_AGE:
        raise InputError("age-impossible", age=age, max_age=MAX_AGE)
    return age


def reference_values(data: Catalog, region: Region = DEFAULT_REGION) -> ReferenceValues:
    """The dataset's reference values for ``region``."""
    for values in data.regions:
        if values.id == region:
            return values
    raise InputError("region-no-values", region=str(region))


def find_region(data: Catalog, name: str) -> ReferenceValues:
    """The region named ``name`` by id, name or alias (``efsa``, ``germany``)."""
    from magref import resolve

    try:
        found: ReferenceValues = data.entry("regions", resolve.one(data, name, "regions", "region"))
    except NotFound as missing:
        missing.facts["regions"] = [str(values.id) for values in data.regions]
        raise
    return found


def _band(bands: Sequence[IntakeBand] | Sequence[UpperLimitBand], age: float) -> IntakeBand | UpperLimitBand:
    for band in bands:
        if band.min_age <= age and (band.max_age is None or age < band.max_age):
            return band
    raise InputError("age-no-value", age=age)


def _upper(values: ReferenceValues, age: float) -> UpperLimit:
    band = _band(values.upper.bands, age)
    assert isinstance(band, UpperLimitBand)
    level = values.upper
    sources = list(dict.fromkeys([*band.sources, *level.sources]))
    return UpperLimit(
        values.id, level.authority, level.term, level.name, level.counts,
        band.mg, band.mg_per_kg, band.reason, sources,
    )  # fmt: skip


def upper_limit(data: Catalog, age: float = ADULT_AGE, region: Region = DEFAULT_REGION) -> UpperLimit:
    """The region's upper level at this age: mg elemental a day, or None with the reason."""
    return _upper(reference_values(data, region), check_age(age))


def _stage_ages(values: ReferenceValues, stage: LifeStage) -> str | None:
    """The ages a table gives figures for at a life stage, as a target's reason."""
    ranges = [b for b in values.intake if getattr(b, stage) is not None]
    if not ranges:
        return values.stage_reason
    last = ranges[-1].max_age
    span = f"{ranges[0].min_age:g} to {last:g}" if last is not None else f"{ranges[0].min_age:g} and over"
    return f"it gives {stage} figures for ages {span}"


def _stage_error(values: ReferenceValues, stage: LifeStage, age: float) -> InputError:
    ranges = [b for b in values.intake if getattr(b, stage) is not None]
    facts: dict[str, Fact] = {"table": values.name, "stage": stage, "age": age, "reason": values.stage_reason}
    if not ranges:
        return InputError("stage-no-figure", **facts)
    return InputError("stage-no-figure", **facts, min_age=ranges[0].min_age, max_age=ranges[-1].max_age)


def targets(
    data: Catalog,
    age: float,
    sex: Sex | None = None,
    stage: LifeStage | None = None,
    region: Region = DEFAULT_REGION,
) -> list[Target]:
    """The targets for this person in ``region``: one, or one for each sex when sex is not given."""
    check_age(age)
    if stage is not None:
        if sex == "male":
            raise InputError("sex-with-stage", stage=stage)
        sex = "female"
    values = reference_values(data, region)
    intake = _band(values.intake, age)
    assert isinstance(intake, IntakeBand)
    found = [_target(values, intake, age, each, stage) for each in ([sex] if sex else list(SEXES))]
    if stage is not None and getattr(intake, stage) is None:
        if any(getattr(band, stage) is not None for band in values.intake) or not values.stage_reason:
            raise _stage_error(values, stage, age)  # an age the table's figures do not reach
        # The region gives no figure for pregnancy or breastfeeding: said so, with why; its upper
        # limit still answers.
        found = [msgspec.structs.replace(t, reason=t.reason or values.stage_reason) for t in found]
    return found


def _target(
    values: ReferenceValues, intake: IntakeBand, age: float, sex: Sex, stage: LifeStage | None
) -> Target:
    upper = _upper(values, age)
    figure: int | None = getattr(intake, stage) if stage else getattr(intake, sex)
    names = {term.abbr: term.name for term in values.terms}
    return Target(
        age_years=age,
        sex=sex,
        life_stage=stage,
        rda_mg=figure,
        rda_kind=intake.term,
        upper=upper,
        sources=list(dict.fromkeys([*intake.sources, *upper.sources])),
        region=values.id,
        authority=values.authority,
        term_name=names.get(intake.term, intake.term),
        reason=intake.reason if figure is None else None,
        note=intake.note,
    )


def compare_regions(data: Catalog, age: float, sex: Sex, stage: LifeStage | None = None) -> list[Target]:
    """One target per region for the same person, in the order of ``Region``.

    A region with no figure for the life stage gives a target whose ``rda_mg`` is None.
    """
    check_age(age)
    found: list[Target] = []
    for region in Region:
        values = reference_values(data, region)
        intake = _band(values.intake, age)
        assert isinstance(intake, IntakeBand)
        target = _target(values, intake, age, sex, stage)
        if stage is not None and target.rda_mg is None and target.reason is None:
            reason = values.stage_reason or _stage_ages(values, stage)
            target = msgspec.structs.replace(target, reason=reason)
        found.append(target)
    return found


def convert(
    data: Catalog,
    form: Form,
    amount_mg: float,
    *,
    elemental: bool = False,
    times: int = 1,
    age: float = ADULT_AGE,
    region: Region = DEFAULT_REGION,
    basis_stated: bool = True,
) -> Conversion:
    """Elemental mg in ``amount_mg`` of compound, or (``elemental``) the compound that gives it.

    ``basis_stated`` False records that the amount did not say which it was."""
    if not 1 <= times <= MAX_TIMES:
        raise InputError("doses-a-day", times=times, max_times=MAX_TIMES)
    if elemental:
        compound, magnesium = amount_mg / (form.elemental_percent / 100), amount_mg
    else:
        compound, magnesium = amount_mg, elemental_mg(form, amount_mg)
    return Conversion(form, compound, magnesium, times, upper_limit(data, age, region), basis_stated)


# -- answers: what ``dose`` and ``regions`` print ------------------------------------------------------

#: The unit of every intake figure in a target.
TARGET_UNIT = "mg elemental magnesium per day"


class UpperLimitDocument(Shape):
    """The upper level at this age: its term and name, what it counts, and the figure or why none."""

    term: str
    name: str
    authority: str
    counts: str
    mg: int | None
    mg_per_kg: float | None
    reason: str | None
    sources: list[str]


class TargetDocument(Shape):
    """The intake figure (``rda_mg``, of kind ``rda_kind``) and upper level for one person in one region."""

    region: str
    authority: str
    age_years: float
    sex: Sex
    life_stage: LifeStage | None
    rda_mg: int | None
    rda_kind: str
    term_name: str
    reason: str | None
    note: str | None
    ul_supplemental_mg: int | None
    upper_limit: UpperLimitDocument
    unit: str
    notes: list[str]
    sources: list[str]


class DoseDocument(Shape):
    """``dose``: one target for each sex asked about (both when none was given)."""

    targets: list[TargetDocument]


class RegionTargets(Shape):
    region: str
    targets: list[TargetDocument]


class RegionsCompared(Shape):
    """``dose --compare-regions``: the same person's targets in every region."""

    age_years: float
    life_stage: LifeStage | None
    regions: list[RegionTargets]


class RegionsDocument(Shape):
    """``regions``: each region's reference values as the dataset holds them."""

    items: list[ReferenceValues]


#: The person a check is for, as ``check --json`` prints them (no docstring: docs/json.md gives
#: this shape no description).
class Person(Shape):
    age_years: float
    sex: Sex | None
    life_stage: LifeStage | None
    region: str


class DoseAnswer(msgspec.Struct, kw_only=True):
    """``dose``: the document ``--json`` prints, and what the text adds to it: the region's
    reference values (its name, publication and terms), the notes with their sources, and the
    records of every source cited."""

    json: DoseDocument
    values: ReferenceValues
    notes: list[Claim]
    sources: list[Source]


class CompareAnswer(msgspec.Struct, kw_only=True):
    """``dose --compare-regions``: the document ``--json`` prints, every region's reference
    values (for their names) and the records of every source cited."""

    json: RegionsCompared
    regions: list[ReferenceValues]
    sources: list[Source]


class RegionsAnswer(msgspec.Struct, kw_only=True):
    """``regions``: the document ``--json`` prints; listing every region, each one's upper level
    for an adult (``adults``, in the same order); for one region, the records of its sources."""

    json: RegionsDocument
    adults: list[UpperLimitDocument]
    sources: list[Source]


def upper_document(upper: UpperLimit) -> UpperLimitDocument:
    """The upper level as ``--json`` prints it."""
    return UpperLimitDocument(
        term=upper.term,
        name=upper.name,
        authority=upper.authority,
        counts=upper.counts,
        mg=upper.mg,
        mg_per_kg=upper.mg_per_kg,
        reason=upper.reason,
        sources=upper.sources,
    )


def target_document(target: Target, notes: Sequence[Claim] = ()) -> TargetDocument:
    """One target as ``--json`` prints it, with the texts of the notes that go with it."""
    return TargetDocument(
        region=str(target.region),
        authority=target.authority,
        age_years=target.age_years,
        sex=target.sex,
        life_stage=target.life_stage,
        rda_mg=target.rda_mg,
        rda_kind=target.rda_kind,
        term_name=target.term_name,
        reason=target.reason,
        note=target.note,
        ul_supplemental_mg=target.ul_supplemental_mg,
        upper_limit=upper_document(target.upper),
        unit=TARGET_UNIT,
        notes=[note.text for note in notes],
        sources=target.sources,
    )


def dose(
    data: Catalog,
    age: float,
    sex: Sex | None = None,
    stage: LifeStage | None = None,
    region: Region = DEFAULT_REGION,
) -> DoseAnswer:
    """``dose``: this person's targets in ``region`` (one for each sex when sex is not given),
    with the region's notes and the dataset's dosing notes, and the sources they cite."""
    found = targets(data, age, sex, stage, region)
    values = reference_values(data, region)
    notes = [*values.notes, *data.dosing.notes]
    sources = data.sources_by_id([*found[0].sources, *(s for n in notes for s in n.sources)])
    document = DoseDocument(targets=[target_document(t, notes) for t in found])
    return DoseAnswer(json=document, values=values, notes=notes, sources=sources)


def compare(
    data: Catalog, age: float, sex: Sex | None = None, stage: LifeStage | None = None
) -> CompareAnswer:
    """``dose --compare-regions``: the same person in every region, one target for each sex asked
    for (both when none is given; female for a life stage)."""
    sexes: list[Sex] = [sex] if sex else ["female"] if stage else list(SEXES)
    by_sex = [compare_regions(data, age, each, stage) for each in sexes]
    rows = [list(row) for row in zip(*by_sex, strict=True)]
    first = rows[0][0]
    document = RegionsCompared(
        age_years=first.age_years,
        life_stage=first.life_stage,
        regions=[
            RegionTargets(region=str(row[0].region), targets=[target_document(t) for t in row])
            for row in rows
        ],
    )
    sources = data.sources_by_id([s for row in rows for t in row for s in t.sources])
    return CompareAnswer(json=document, regions=list(data.regions), sources=sources)


def regions(data: Catalog) -> RegionsAnswer:
    """``regions``: every region's reference values, each with its upper level for an adult."""
    every = list(data.regions)
    adults = [upper_document(upper_limit(data, ADULT_AGE, values.id)) for values in every]
    return RegionsAnswer(json=RegionsDocument(items=every), adults=adults, sources=[])


def region(data: Catalog, name: str) -> RegionsAnswer:
    """``regions NAME``: one region's reference values, and the sources it and its notes cite."""
    values = find_region(data, name)
    sources = data.sources_by_id([*values.sources, *(s for n in values.notes for s in n.sources)])
    return RegionsAnswer(json=RegionsDocument(items=[values]), adults=[], sources=sources)
