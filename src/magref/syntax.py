"""Command-line syntax: medicine doses with a time of day (``doxycycline@7am``), read into core values.

Only the command line uses this module; the core takes the values it returns.
"""

from __future__ import annotations

import re

from magref.errors import InputError
from magref.plan import DoseRequest

_CLOCK = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.h]?(?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?)?$", re.IGNORECASE
)
_WORDS = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}
TIME_EXAMPLES = "07:30, 7:30, 0730, 7am, 7:30pm, noon"


def parse_time(text: str) -> int:
    """The minute of the day in a time as people write it: ``19:30``, ``0730``, ``7am``, ``7:30 pm``."""
    cleaned = text.strip().casefold()
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    found = _CLOCK.match(cleaned)
    if not found:
        raise InputError(f"cannot read '{text}' as a time of day", f"write it like {TIME_EXAMPLES}")
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    half = (found["half"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise InputError(f"'{text}' is not a time of day", "with am or pm, the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif found["minute"] is None and len(found["hour"]) <= 2 and not half:
        raise InputError(f"'{text}' needs minutes or am/pm", f"write it like {TIME_EXAMPLES}")
    if hour > 23 or minute > 59:
        raise InputError(f"'{text}' is not a time of day", "use 00:00 to 23:59")
    return hour * 60 + minute


def parse_dose(text: str) -> DoseRequest:
    """``DRUG@TIME`` as one medicine and the minute of the day it is taken."""
    drug, at, when = text.rpartition("@")
    if not at or not drug.strip() or not when.strip():
        raise InputError(
            f"cannot read '{text}' as MEDICINE@TIME", "for example: doxycycline@08:00 or levo@7am"
        )
    return DoseRequest(drug.strip(), parse_time(when))


def _at_to_sign(words: list[str]) -> list[str]:
    """``levo at 7am`` and ``levo at 7 am`` written as ``levo@7am``: "at" before a time marks it."""
    flat = [part for word in words for part in word.split()]
    joined: list[str] = []
    position = 0
    while position < len(flat):
        word = flat[position]
        if word.casefold() == "at" and joined and position + 1 < len(flat):
            for size in (2, 1):
                when = "".join(flat[position + 1 : position + 1 + size])
                if position + size < len(flat) and _is_time(when) and "@" not in joined[-1]:
                    joined[-1] += "@" + when
                    position += 1 + size
                    break
            else:
                joined.append(word)
                position += 1
            continue
        joined.append(word)
        position += 1
    return joined


def _is_time(text: str) -> bool:
    try:
        parse_time(text)
    except InputError:
        return False
    return True


def parse_medicine(text: str) -> tuple[str, int | None]:
    """``NAME``, ``NAME@TIME`` or ``NAME at TIME``: a medicine, and the minute of the day if given."""
    if "@" not in text:
        text = " ".join(_at_to_sign([text]))
    if "@" not in text:
        return text.strip(), None
    dose = parse_dose(text)
    return dose.drug, dose.minute


def parse_doses(words: list[str]) -> list[DoseRequest]:
    """Doses from a command line's words: each ``@TIME`` (or ``at TIME``) ends one.

    "my doxy@8am and levo@6:30am", "levothyroxine at 7am and cipro at 9 pm".
    """
    doses: list[DoseRequest] = []
    pending: list[str] = []
    for word in _at_to_sign(words):
        if "@" in word:
            head, _, when = word.rpartition("@")
            doses.append(parse_dose(" ".join([*pending, head]) + "@" + when))
            pending = []
        else:
            pending.append(word)
    if pending or not doses:
        text = " ".join(pending) or " ".join(words)
        raise InputError(f"'{text}' has no time", "give each medicine its time: doxycycline@08:00")
    return doses
