"""Kidney function as people and reports write it: "CKD 3a", "stage 4 kidney disease", "G5",
"eGFR 45", "creatinine clearance 25 mL/min", "on dialysis".

Each reading names the kidney caution that fits its severity: the severe one (do not take
magnesium unless prescribed) for stage 4 or 5, an eGFR or creatinine clearance under 30, and
dialysis, as the cited product information draws the line at a creatinine clearance of 30 mL/min
and at severe kidney failure; the general kidney caution (ask first) for the other stages and values.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from magref.reader import Token, tokens

SEVERE = "kidney-severe"
REDUCED = "kidney"
#: Below this eGFR or creatinine clearance (mL/min), kidney function is severely reduced.
SEVERE_BELOW = 30

_FUNCTION_WORDS = {"egfr", "gfr", "crcl", "clcr"}
_DIALYSIS = {"dialysis", "haemodialysis", "hemodialysis", "capd", "haemodiafiltration", "hemodiafiltration"}


class KidneyReading(msgspec.Struct, frozen=True):
    """How kidney words were read: a CKD stage ("3a"), an eGFR or clearance in mL/min, or dialysis,
    and the caution id that fits."""

    caution: str
    stage: str | None = None
    value: float | None = None
    measure: Literal["egfr", "creatinine-clearance"] | None = None
    dialysis: bool = False


def read(text: str) -> KidneyReading | None:
    """The kidney function ``text`` states, or None when it states none (plain "kidney disease"
    is left to the caution's own names)."""
    found = [t for t in tokens(text) if t.kind != "sign" or t.key in ("<", "≤")]
    keys = [t.key for t in found]
    if any(key in _DIALYSIS for key in keys):
        return KidneyReading(SEVERE, dialysis=True)
    value = _function_value(found)
    if value is not None:
        measure: Literal["egfr", "creatinine-clearance"] = (
            "egfr" if any(k in ("egfr", "gfr") for k in keys) else "creatinine-clearance"
        )
        severity = SEVERE if value < SEVERE_BELOW else REDUCED
        return KidneyReading(severity, value=value, measure=measure)
    stage = _stage(found)
    if stage is not None:
        return KidneyReading(SEVERE if stage[0] in "45" else REDUCED, stage=stage)
    return None


def _function_value(found: list[Token]) -> float | None:
    keys = [t.key for t in found]
    named = any(k in _FUNCTION_WORDS for k in keys) or ("creatinine" in keys and "clearance" in keys)
    if not named:
        return None
    values = [t.value for t in found if t.kind == "number" and t.value is not None]
    if not values:
        return None
    below = "<" in keys or "≤" in keys
    low = min(values)
    return low - 0.5 if below else low


def _stage(found: list[Token]) -> str | None:
    """A CKD stage: "ckd 3a", "ckd3b", "stage 4", "G5", "stage IV kidney disease"."""
    keys = [t.key for t in found]
    kidney_named = any(k in ("ckd", "kidney", "renal", "g") for k in keys)
    roman = {"i": "1", "ii": "2", "iii": "3", "iiia": "3a", "iiib": "3b", "iv": "4", "v": "5"}
    for position, token in enumerate(found):
        digit: str | None = None
        if token.kind == "number" and token.value in (1, 2, 3, 4, 5):
            digit = str(int(token.value))
        elif token.key in roman and position > 0 and keys[position - 1] in ("stage", "ckd", "g"):
            digit = roman[token.key]
        if digit is None:
            continue
        after = keys[position + 1] if position + 1 < len(keys) else ""
        if digit == "3" and after in ("a", "b") and found[position + 1].joined:
            digit += after
        before = keys[position - 1] if position else ""
        if before in ("stage", "ckd", "g") and kidney_named:
            return digit
    return None
