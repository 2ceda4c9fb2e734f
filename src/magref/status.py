"""A person's magnesium status: a blood result and kidney function, read from what a report
prints and joined into one finding.

The blood result is read by the ``lab`` command's own reader (``amounts.parse_serum``) and
judged by ``serum.interpret``; kidney function by ``kidney.read``. A report's own low or high
mark ("1.4 L", "(1.6-2.6) L") is kept, and stands in for the reading when the result gives no
unit. The join looks only at the two readings: a low result with kidneys that are not known to
be weak, a low result with weak kidneys, a normal or high result with weak kidneys, and a high
result on its own.
"""

from __future__ import annotations

import re
from typing import Literal

import msgspec

from magref import amounts, kidney, serum
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError
from magref.model import SerumUnit
from magref.patterns import lazy
from magref.region import Region

#: From this eGFR or creatinine clearance (mL/min) up, a figure alone does not show reduced
#: kidney function: the stages of chronic kidney disease from 3 on begin below it.
NOT_REDUCED_FROM = 60

#: How the low, within or high of a result was found: against a range in a known unit
#: (``range``: the report's own or the dataset's), against the report's printed range when no unit
#: is given (``printed-range``: the same unit is assumed for both), or from the report's own mark
#: alone (``report-mark``: no unit and no range).
LabBasis = Literal["range", "printed-range", "report-mark"]
Mark = Literal["low", "high"]

#: What the result and the kidney function say together.
#: ``low``: a low result, kidneys not known to be weak; ``low-weak-kidneys``: a low result with
#: weak kidneys; ``weak-kidneys``: a result within range or high with weak kidneys; ``high``: a high
#: result, kidneys not known to be weak; ``within``: a result within range, kidneys not known to be weak.
Finding = Literal["low", "low-weak-kidneys", "weak-kidneys", "high", "within"]

_MARK = lazy(r"(?<![/\s])\s+(?P<mark>[lh]|low|high)\s*$", re.IGNORECASE)
_NUMBER = lazy(r"\d+(?:[.,]\d+)?|\.\d+")
_RANGE = lazy(r"[(\[]\s*(?P<low>\d+(?:[.,]\d+)?)\s*(?:-|\u2013|to)\s*(?P<high>\d+(?:[.,]\d+)?)\s*[)\]]")


class Given(msgspec.Struct, frozen=True, kw_only=True):
    """What was typed about the person's blood and kidneys, as typed: a lab line, an eGFR, a
    creatinine clearance, a CKD stage, dialysis."""

    lab: str | None = None
    egfr: float | None = None
    crcl: float | None = None
    ckd: str | None = None
    dialysis: bool = False

    @property
    def empty(self) -> bool:
        return self.lab is None and not self.kidney_words

    @property
    def kidney_words(self) -> list[str]:
        """Each kidney figure as ``kidney.read`` reads it, most severe first."""
        words = ["dialysis"] if self.dialysis else []
        if self.egfr is not None:
            words.append(f"egfr {self.egfr:g}")
        if self.crcl is not None:
            words.append(f"creatinine clearance {self.crcl:g}")
        if self.ckd is not None:
            stage = self.ckd.strip()
            words.append(stage if "ckd" in stage.casefold() else f"ckd {stage}")
        return words


class LabReading(msgspec.Struct, frozen=True, kw_only=True):
    """A blood magnesium result as read: the value and unit given (``unit`` is None when the line
    gives none), low, within or high and how that was found, the result in every unit against its
    range (``result``, when the unit is known), the range printed without a unit (``printed``), and
    the report's own low or high mark (``mark``)."""

    text: str
    value: float
    unit: SerumUnit | None
    status: serum.Status
    basis: LabBasis
    result: serum.Result | None = None
    printed: tuple[float, float] | None = None
    mark: Mark | None = None

    @property
    def mark_differs(self) -> bool:
        """Whether the report's own mark says other than magref's reading against the range."""
        return self.mark is not None and self.basis != "report-mark" and self.mark != self.status


class KidneyStatus(msgspec.Struct, frozen=True, kw_only=True):
    """Kidney function as read (``reading``), where it came from (``source``: an option such as
    ``--egfr``, or a condition as typed), and whether it shows weak kidneys: the caution id it
    calls for (``caution``: ``kidney`` or ``kidney-severe``), or None when it does not."""

    reading: kidney.KidneyReading | None
    text: str
    caution: str | None


class Status(msgspec.Struct, frozen=True, kw_only=True):
    """The blood result and kidney function, and what they say together (``finding``)."""

    lab: LabReading | None = None
    kidney: KidneyStatus | None = None
    finding: Finding | None = None


def read_lab(data: Catalog, text: str, region: Region | None = None) -> LabReading:
    """A lab line as a report prints it: "1.4 mg/dL (1.6-2.6)", "0.62 mmol/L", "Mg 1.4 L",
    "Mg 1.4 mg/dL (1.6-2.6) L". A printed range comes before the region's own."""
    body, mark = split_mark(text)
    try:
        value, unit, printed = amounts.parse_serum(body)
    except InputError as unread:
        found = _without_unit(text, body, mark)
        if found is None:
            raise unread from None
        return found
    own = serum.printed_range(*printed) if printed else None
    result = serum.interpret(data, value, unit, None, own, region)
    return LabReading(
        text=text, value=value, unit=unit, status=result.status, basis="range", result=result, mark=mark
    )


def split_mark(text: str) -> tuple[str, Mark | None]:
    """The line without a trailing low or high mark, and the mark."""
    found = _MARK.search(text.strip())
    if found is None:
        return text, None
    word = found["mark"].lower()
    return text.strip()[: found.start()], "low" if word in ("l", "low") else "high"


def _without_unit(text: str, body: str, mark: Mark | None) -> LabReading | None:
    """A result with no unit: judged against the range printed beside it in the same unit, or by
    the report's own mark; with neither, it cannot be read (the same number means different levels
    in each unit)."""
    printed = _RANGE.search(body)
    head = body[: printed.start()] if printed else body
    numbers = list(_NUMBER.finditer(head))
    if len(numbers) != 1:
        return None
    rest = head[numbers[0].end() :] + (body[printed.end() :] if printed else "")
    if rest.strip() or (printed is None and mark is None):
        return None
    value = float(numbers[0][0].replace(",", "."))
    if value <= 0:
        return None
    if printed is not None:
        low, high = (float(printed[k].replace(",", ".")) for k in ("low", "high"))
        if not 0 < low < high:
            raise InputError("range-not-low-to-high", text=printed[0])
        status: serum.Status = "low" if value < low else "high" if value > high else "within"
        return LabReading(
            text=text,
            value=value,
            unit=None,
            status=status,
            basis="printed-range",
            printed=(low, high),
            mark=mark,
        )
    assert mark is not None
    return LabReading(text=text, value=value, unit=None, status=mark, basis="report-mark", mark=mark)


def read_kidney(given: Given, conditions: list[str]) -> KidneyStatus | None:
    """Kidney function from the options given, else from a condition that states it ("CKD 3"),
    else from a condition naming kidney disease; None when nothing speaks of the kidneys."""
    for words in given.kidney_words:
        reading = kidney.read(words)
        if reading is None:
            raise InputError("kidney-unread", text=words)
        return KidneyStatus(reading=reading, text=words, caution=_caution(reading))
    for condition in conditions:
        reading = kidney.read(condition)
        if reading is not None:
            return KidneyStatus(reading=reading, text=condition, caution=_caution(reading))
    return None


def _caution(reading: kidney.KidneyReading) -> str | None:
    """The kidney caution a reading calls for; None for a figure of 60 mL/min or more alone."""
    if reading.value is not None and reading.value >= NOT_REDUCED_FROM:
        return None
    return reading.caution


def join(lab: LabReading | None, kidneys: KidneyStatus | None, kidney_caution: str | None) -> Finding | None:
    """What the result and kidney function say together. ``kidney_caution`` is the kidney caution
    in force from any source (an option, a stage or plain "kidney disease" among the conditions)."""
    if lab is None:
        return None
    weak = kidney_caution is not None or (kidneys is not None and kidneys.caution is not None)
    if lab.status == "low":
        return "low-weak-kidneys" if weak else "low"
    if weak:
        return "weak-kidneys"
    return "high" if lab.status == "high" else "within"


def measure(data: Catalog, given: Given, conditions: list[str], region: Region | None) -> Status:
    """The lab line and kidney function read; ``finding`` is left for ``join``, once every kidney
    caution (from conditions too) is known."""
    lab = read_lab(data, given.lab, region) if given.lab is not None else None
    return Status(lab=lab, kidney=read_kidney(given, conditions))


# -- the answer's part: the blood result and kidneys as ``check`` prints them --------------------------


class LabRange(Shape):
    """The range a result was read against (``id`` ``printed`` for the report's own; every field
    null when the report's mark alone was used)."""

    id: str | None
    low: float | None
    high: float | None
    unit: str | None


class LabReadingDocument(Shape):
    """A lab line as read: ``unit`` null when the line gives none; ``basis`` how low, within or high
    was found (``range``, ``printed-range`` in the same unstated unit, ``report-mark``); ``mark`` the
    report's own low or high mark, and ``mark_differs`` whether it says other than the range."""

    text: str
    value: float
    unit: str | None
    mmol_per_l: float | None
    status: Literal["low", "within", "high"]
    basis: Literal["range", "printed-range", "report-mark"]
    range: LabRange
    mark: Literal["low", "high"] | None
    mark_differs: bool
    #: The line as read, in words: the core leaves it empty and the render layer words it.
    read_as: str


class KidneyDocument(Shape):
    """Kidney function as read, from an option or a condition (``text``), and the kidney caution it
    calls for (null for a figure of 60 mL/min or more alone)."""

    text: str
    stage: str | None
    value: float | None
    measure: Literal["egfr", "creatinine-clearance"] | None
    dialysis: bool
    caution: str | None
    #: Kidney function as read, in words: the core leaves it empty and the render layer words it.
    read_as: str


class StatusDocument(Shape):
    """A blood result and kidney function, and what they say together: ``finding`` is ``low``,
    ``low-weak-kidneys``, ``weak-kidneys``, ``high`` or ``within`` (null without a result)."""

    lab: LabReadingDocument | None
    kidney: KidneyDocument | None
    finding: Literal["low", "low-weak-kidneys", "weak-kidneys", "high", "within"] | None


def _lab_document(lab: LabReading) -> LabReadingDocument:
    result = lab.result
    span = LabRange(id=None, low=None, high=None, unit=None)
    if result is not None:
        found = result.range
        span = LabRange(id=found.id, low=found.low, high=found.high, unit=found.unit)
    elif lab.printed is not None:
        span = LabRange(id=serum.PRINTED, low=lab.printed[0], high=lab.printed[1], unit=None)
    return LabReadingDocument(
        text=lab.text,
        value=lab.value,
        unit=lab.unit,
        mmol_per_l=round(result.mmol_per_l, 3) if result is not None else None,
        status=lab.status,
        basis=lab.basis,
        range=span,
        mark=lab.mark,
        mark_differs=lab.mark_differs,
        read_as="",
    )


def _kidney_document(kidneys: KidneyStatus) -> KidneyDocument:
    reading = kidneys.reading
    return KidneyDocument(
        text=kidneys.text,
        stage=reading.stage if reading else None,
        value=reading.value if reading else None,
        measure=reading.measure if reading else None,
        dialysis=reading.dialysis if reading else False,
        caution=kidneys.caution,
        read_as="",
    )


def status_document(found: Status | None) -> StatusDocument | None:
    """The blood result and kidneys as ``check --json`` prints them, their ``read_as`` left for the words."""
    if found is None:
        return None
    return StatusDocument(
        lab=_lab_document(found.lab) if found.lab is not None else None,
        kidney=_kidney_document(found.kidney) if found.kidney is not None else None,
        finding=found.finding,
    )
