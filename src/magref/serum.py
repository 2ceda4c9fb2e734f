"""A blood (serum) magnesium result read against a named reference range."""

from __future__ import annotations

import math
from typing import Literal

import msgspec

from magref import names
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import SerumRange, SerumThreshold, SerumUnit
from magref.region import Region

#: mg/dL in 1 mmol/L (24.305 mg/mmol over 10 dL/L), and mEq/L in 1 mmol/L (magnesium is divalent).
MG_PER_DL_PER_MMOL = 2.4305
MEQ_PER_MMOL = 2.0
#: The highest result magref will read, in mmol/L: well beyond any level a person survives.
MAX_MMOL_PER_L = 20.0
UNITS: tuple[SerumUnit, ...] = ("mg/dL", "mmol/L", "mEq/L")

Status = Literal["low", "within", "high"]
#: How the range came to be chosen for a person's region: it is the region's own laboratory
#: range, or the region has none in the dataset and the default range stands in for it.
RegionChoice = Literal["own", "default"]


class Result(msgspec.Struct, frozen=True):
    """A result in every unit, where it falls in the range, and which symptom levels it reaches."""

    value: float
    unit: SerumUnit
    mmol_per_l: float
    range: SerumRange
    status: Status
    reached: list[SerumThreshold]
    thresholds: list[SerumThreshold]
    #: The region asked for, when it changed the reading: its own range was used instead of the
    #: default, or it has none and the default stood in. ``None`` otherwise.
    region: Region | None = None
    region_choice: RegionChoice | None = None
    #: The report's own low or high mark beside the result ("1.4 mg/dL L"), as printed; None if none.
    mark: Literal["low", "high"] | None = None

    @property
    def mark_differs(self) -> bool:
        """Whether the report's mark says otherwise than the range used here."""
        return self.mark is not None and self.mark != self.status

    @property
    def mg_per_dl(self) -> float:
        return self.mmol_per_l * MG_PER_DL_PER_MMOL

    @property
    def meq_per_l(self) -> float:
        return self.mmol_per_l * MEQ_PER_MMOL


def to_mmol(value: float, unit: SerumUnit) -> float:
    """A blood level in mmol/L."""
    if unit == "mg/dL":
        return value / MG_PER_DL_PER_MMOL
    if unit == "mEq/L":
        return value / MEQ_PER_MMOL
    return value


def from_mmol(value: float, unit: SerumUnit) -> float:
    """A blood level given in mmol/L, in ``unit``."""
    if unit == "mg/dL":
        return value * MG_PER_DL_PER_MMOL
    if unit == "mEq/L":
        return value * MEQ_PER_MMOL
    return value


def regional_range(data: Catalog, region: Region) -> SerumRange | None:
    """The range the region's laboratories use, if the dataset holds one."""
    return next((found for found in data.serum.ranges if region in found.regions), None)


def find_range(data: Catalog, range_id: str | None = None) -> SerumRange:
    """The named range, or the dataset's default one."""
    serum = data.serum
    wanted = range_id or serum.default_range
    for found in serum.ranges:
        if names.key(found.id) == names.key(wanted):
            return found
    raise NotFound(
        "reference range",
        wanted,
        [r.id for r in serum.ranges],
        "ranges: " + ", ".join(r.id for r in serum.ranges),
    )


#: The id of a range read from the person's own report rather than the dataset.
PRINTED = "printed"


def printed_range(low: float, high: float, unit: SerumUnit) -> SerumRange:
    """The range printed on a person's report, which comes before any named one."""
    return SerumRange(id=PRINTED, name=PRINTED, low=low, high=high, unit=unit, sources=[])


def interpret(
    data: Catalog,
    value: float,
    unit: SerumUnit,
    range_id: str | None = None,
    printed: SerumRange | None = None,
    region: Region | None = None,
    mark: Literal["low", "high"] | None = None,
) -> Result:
    """Low, within or high against the range (its ends count as within), and the levels reached.

    ``printed`` is the range on the person's own report; it is used instead of a named one, and
    ``mark`` the report's own low or high mark, kept to be shown beside the reading.
    Without either, ``region`` picks its own laboratories' range, or the default where the
    dataset holds none for it.
    """
    if not math.isfinite(value) or value <= 0:
        raise InputError(
            f"{value:g} {unit} is not a blood magnesium level", "give a number greater than zero"
        )
    level = to_mmol(value, unit)
    if level > MAX_MMOL_PER_L:
        limit = from_mmol(MAX_MMOL_PER_L, unit)
        raise InputError(
            f"{value:g} {unit} is not a possible blood magnesium level", f"give at most {limit:g} {unit}"
        )
    chosen: SerumRange | None = printed
    choice: RegionChoice | None = None
    if printed is None and range_id is None and region is not None:
        regional = regional_range(data, region)
        if regional is None:
            choice = "default"
        elif regional.id != data.serum.default_range:
            chosen, choice = regional, "own"
    chosen = chosen or find_range(data, range_id)
    # Compared in the range's own unit, rounded, so that 1.7 mg/dL is not "low" against 1.7.
    own = round(from_mmol(level, chosen.unit), 6)
    status: Status = "low" if own < chosen.low else "high" if own > chosen.high else "within"
    thresholds = sorted(data.serum.thresholds, key=lambda t: to_mmol(t.value, t.unit))
    reached = [t for t in thresholds if _reaches(level, t)]
    shown_region = region if choice else None
    return Result(value, unit, level, chosen, status, reached, thresholds, shown_region, choice, mark)


def _reaches(level: float, threshold: SerumThreshold) -> bool:
    mark = round(from_mmol(level, threshold.unit), 6)
    return mark < threshold.value if threshold.direction == "below" else mark >= threshold.value
