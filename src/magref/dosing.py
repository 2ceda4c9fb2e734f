"""Intake targets by age, sex and life stage, and compound to elemental milligrams."""

from __future__ import annotations

import math
import re
from typing import Literal

import msgspec

from magref.catalog import Catalog
from magref.errors import InputError
from magref.lookup import elemental_mg
from magref.model import Form, IntakeBand, UpperLimitBand

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
_AMOUNT = re.compile(r"^\s*(?P<number>[0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(?P<unit>mg|g|mcg|µg|ug)?\s*$", re.I)
_UNIT_MG = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001}


class Target(msgspec.Struct, frozen=True):
    """The intake target and the upper limit for supplements, for one person, in mg elemental a day."""

    age_years: float
    sex: Sex
    life_stage: LifeStage | None
    rda_mg: int
    rda_kind: str
    ul_supplemental_mg: int | None
    sources: list[str]


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
    ul_supplemental_mg: int | None

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
        raise InputError(f"age {age:g} is not possible", f"give an age from 0 to {MAX_AGE:g} years")
    return age


def _band(bands: list[IntakeBand] | list[UpperLimitBand], age: float) -> IntakeBand | UpperLimitBand:
    for band in bands:
        if band.min_age <= age and (band.max_age is None or age < band.max_age):
            return band
    raise InputError(f"the dataset has no value for age {age:g}")


def targets(
    data: Catalog, age: float, sex: Sex | None = None, stage: LifeStage | None = None
) -> list[Target]:
    """The targets for this person: one, or one for each sex when sex is not given."""
    check_age(age)
    if stage is not None:
        if sex == "male":
            raise InputError(f"--sex male cannot go with {stage}", "leave out --sex, or give --sex female")
        sex = "female"
    intake = _band(data.dosing.intake, age)
    upper = _band(data.dosing.upper_limit, age)
    assert isinstance(intake, IntakeBand) and isinstance(upper, UpperLimitBand)
    if stage is not None and getattr(intake, stage) is None:
        ranges = [b for b in data.dosing.intake if getattr(b, stage) is not None]
        span = f"{ranges[0].min_age:g} to {ranges[-1].max_age:g}" if ranges else "no age"
        raise InputError(
            f"the table has no {stage} value at age {age:g}", f"it gives {stage} values for ages {span}"
        )
    sexes = [sex] if sex else list(SEXES)
    return [
        Target(
            age_years=age,
            sex=each,
            life_stage=stage,
            rda_mg=(getattr(intake, stage) if stage else getattr(intake, each)),
            rda_kind=intake.kind,
            ul_supplemental_mg=upper.supplemental_mg,
            sources=list(dict.fromkeys([*intake.sources, *upper.sources])),
        )
        for each in sexes
    ]


def upper_limit(data: Catalog, age: float = ADULT_AGE) -> int | None:
    """The supplemental upper limit at this age, mg elemental a day (None: not set)."""
    band = _band(data.dosing.upper_limit, check_age(age))
    assert isinstance(band, UpperLimitBand)
    return band.supplemental_mg


def parse_amount(text: str) -> float:
    """Milligrams in ``500``, ``500mg``, ``0.5g`` or ``500 mcg``; refuses impossible amounts."""
    found = _AMOUNT.match(text)
    if not found:
        raise InputError(f"cannot read '{text}' as an amount", "for example: 500, 500mg or 0.5g")
    amount = float(found["number"]) * _UNIT_MG[(found["unit"] or "mg").lower()]
    if not math.isfinite(amount) or amount <= 0:
        raise InputError(f"'{text}' is not an amount greater than zero")
    if amount > MAX_AMOUNT_MG:
        raise InputError(f"'{text}' is more than {MAX_AMOUNT_MG / 1000:g} g", "give the amount in one dose")
    return amount


def convert(
    data: Catalog,
    form: Form,
    amount_mg: float,
    *,
    elemental: bool = False,
    times: int = 1,
    age: float = ADULT_AGE,
) -> Conversion:
    """Elemental mg in ``amount_mg`` of compound, or (``elemental``) the compound that gives it."""
    if not 1 <= times <= MAX_TIMES:
        raise InputError(f"--times {times} is not a number of doses a day", f"give 1 to {MAX_TIMES}")
    if elemental:
        compound, magnesium = amount_mg / (form.elemental_percent / 100), amount_mg
    else:
        compound, magnesium = amount_mg, elemental_mg(form, amount_mg)
    return Conversion(form, compound, magnesium, times, upper_limit(data, age))
