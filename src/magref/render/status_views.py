"""A person's blood result and kidney function as the check shows them: "read as" lines and JSON."""

from __future__ import annotations

import msgspec

from magref.render.document import Cell
from magref.serum import PRINTED
from magref.status import KidneyStatus, LabReading, Status, StatusDocument

STATUS_WORDS = {"low": "low", "within": "within the range", "high": "high"}
CAUTION_WORDS = {"kidney": "kidney caution (ask)", "kidney-severe": "severe kidney caution (stop)"}


def lab_read_as(lab: LabReading) -> str:
    """How a lab line was read: the value in mmol/L, the range, low or high, and the report's mark."""
    parts = [f"lab {lab.text}"]
    result = lab.result
    if result is not None:
        found = result.range
        others = {"mg/dL": f"{result.mmol_per_l:.2f} mmol/L", "mmol/L": f"{result.mg_per_dl:.2f} mg/dL"}
        other = others.get(str(lab.unit), f"{result.mmol_per_l:.2f} mmol/L, {result.mg_per_dl:.2f} mg/dL")
        parts.append(f"{lab.value:g} {lab.unit} = {other}")
        whose = "printed on the report" if found.id == PRINTED else found.id
        parts.append(f"range {found.low:g} to {found.high:g} {found.unit} ({whose})")
    elif lab.printed is not None:
        low, high = lab.printed
        parts.append(
            f"{lab.value:g}, no unit given: against the printed range {low:g} to {high:g} in the same unit"
        )
    else:
        parts.append(f"{lab.value:g}, no unit given and no range: the report's own mark is used")
    parts.append(STATUS_WORDS[lab.status])
    if lab.mark is not None:
        parts.append(
            f"marked {lab.mark} on the report" + (", unlike magref's reading" if lab.mark_differs else "")
        )
    return " · ".join(parts)


def kidney_read_as(kidneys: KidneyStatus) -> str:
    """How kidney function was read, and the caution it calls for."""
    reading = kidneys.reading
    parts = [f"kidney {kidneys.text}"]
    if reading is not None and reading.dialysis:
        parts.append("dialysis")
    elif reading is not None and reading.stage is not None:
        parts.append(f"CKD stage {reading.stage}")
    elif reading is not None and reading.value is not None:
        measure = "eGFR" if reading.measure == "egfr" else "creatinine clearance"
        parts.append(f"{measure} {reading.value:g} mL/min")
    caution = CAUTION_WORDS.get(kidneys.caution or "", "not reduced by this figure alone")
    parts.append(caution)
    return " · ".join(parts)


def read_as_rows(found: Status | None) -> list[tuple[str, Cell]]:
    """One "Read as" line for the lab result and one for kidney function, when given."""
    if found is None:
        return []
    rows: list[tuple[str, Cell]] = []
    if found.lab is not None:
        rows.append(
            ("Read as", Cell(lab_read_as(found.lab), "" if found.lab.status == "within" else "warning"))
        )
    if found.kidney is not None:
        rows.append(
            ("Read as", Cell(kidney_read_as(found.kidney), "warning" if found.kidney.caution else ""))
        )
    return rows


def worded(document: StatusDocument | None, found: Status | None) -> StatusDocument | None:
    """The core's document of the blood result and kidneys, with how each was read in words."""
    if document is None or found is None:
        return document
    lab, kidneys = document.lab, document.kidney
    if lab is not None and found.lab is not None:
        lab = msgspec.structs.replace(lab, read_as=lab_read_as(found.lab))
    if kidneys is not None and found.kidney is not None:
        kidneys = msgspec.structs.replace(kidneys, read_as=kidney_read_as(found.kidney))
    return msgspec.structs.replace(document, lab=lab, kidney=kidneys)
