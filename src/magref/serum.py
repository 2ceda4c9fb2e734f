"""A blood (serum) magnesium result read against a named reference range."""

from __future__ import annotations

import math
from typing import Literal

import msgspec

from magref import names
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import SerumRange, SerumThreshold, SerumUnit, Source
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
    ids = [r.id for r in serum.ranges]
    raise NotFound("reference-range", wanted, ids, reason="unknown-range", ranges=ids)


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
        raise InputError("level-not-positive", value=value, unit=unit)
    level = to_mmol(value, unit)
    if level > MAX_MMOL_PER_L:
        limit = from_mmol(MAX_MMOL_PER_L, unit)
        raise InputError("level-impossible", value=value, unit=unit, limit=limit)
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


# -- the answer: what ``lab`` prints -------------------------------------------------------------------


class RangeDocument(Shape):
    id: str
    name: str
    low: float
    high: float
    unit: str
    note: str | None
    sources: list[str]


class ThresholdDocument(Shape):
    value: float
    unit: str
    direction: str
    reached: bool
    text: str
    sources: list[str]


class LabDocument(Shape):
    """``lab``: a blood magnesium level in every unit, against the named range.

    ``region`` is set when the region changed the reading: ``region_range`` is ``own`` when its
    laboratories' range was used, ``default`` when the dataset holds none for it. ``mark`` is the
    report's own ``low`` or ``high`` mark beside the result, as printed (null when none).
    """

    value: float
    unit: str
    mmol_per_l: float
    mg_per_dl: float
    meq_per_l: float
    status: str
    range: RangeDocument
    region: str | None
    region_range: str | None
    mark: Literal["low", "high"] | None
    thresholds: list[ThresholdDocument]
    sources: list[str]


class Level(msgspec.Struct, frozen=True):
    """A blood level in one unit."""

    value: float
    unit: SerumUnit


class LabAnswer(msgspec.Struct, kw_only=True):
    """``lab``: the document ``--json`` prints; for the text, the result in every unit (unrounded),
    whether the report's own mark says otherwise than the range used, and the records of the
    sources cited."""

    json: LabDocument
    levels: list[Level]
    mark_differs: bool
    sources: list[Source]


def lab_document(result: Result, sources: list[str]) -> LabDocument:
    """A result as ``--json`` prints it, citing ``sources``."""
    found = result.range
    return LabDocument(
        value=result.value,
        unit=result.unit,
        mmol_per_l=round(result.mmol_per_l, 3),
        mg_per_dl=round(result.mg_per_dl, 2),
        meq_per_l=round(result.meq_per_l, 2),
        status=result.status,
        range=RangeDocument(
            id=found.id,
            name=found.name,
            low=found.low,
            high=found.high,
            unit=found.unit,
            note=found.note,
            sources=found.sources,
        ),
        region=str(result.region) if result.region else None,
        region_range=result.region_choice,
        mark=result.mark,
        thresholds=[
            ThresholdDocument(
                value=t.value,
                unit=t.unit,
                direction=t.direction,
                reached=t in result.reached,
                text=t.text,
                sources=t.sources,
            )
            for t in result.thresholds
        ],
        sources=sources,
    )


def lab(
    data: Catalog,
    value: float,
    unit: SerumUnit,
    range_id: str | None = None,
    printed: tuple[float, float, SerumUnit] | None = None,
    region: Region | None = None,
    mark: Literal["low", "high"] | None = None,
) -> LabAnswer:
    """``lab``: a result read as ``interpret`` reads it (``printed`` is the low, high and unit of
    the range on the person's own report), in every unit, with the sources cited."""
    own = printed_range(*printed) if printed else None
    result = interpret(data, value, unit, range_id, own, region, mark)
    ids = [*result.range.sources, *(s for t in result.thresholds for s in t.sources)]
    cited = data.sources_by_id(ids)
    return LabAnswer(
        json=lab_document(result, [s.id for s in cited]),
        levels=[Level(from_mmol(result.mmol_per_l, each), each) for each in UNITS],
        mark_differs=result.mark_differs,
        sources=cited,
    )
