"""Command-line syntax: medicine doses with a time of day (``doxycycline@7am``), read into core values.

Only the command line uses this module; the core takes the values it returns.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import msgspec

from magref import names
from magref.errors import InputError
from magref.plan import DoseRequest
from magref.region import Region

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


#: Words that join one medicine's times ("cipro@9am and 9pm") or two medicines.
_JOINERS = frozenset({"and", "&", ",", ";", "+", "then", "also"})
_SPLIT = re.compile(r"([,;&+@])")


def _tokens(words: list[str]) -> list[str]:
    """The words of a command line, with "@", commas and ampersands as words of their own."""
    return [part for word in words for piece in _SPLIT.split(word) for part in piece.split() if part]


def _clock_at(tokens: list[str], position: int, digits: bool = False) -> tuple[str, int] | None:
    """A time of day at ``position`` ("7am", "7 am", "19:30", "noon") and how many words it takes.

    Digits alone ("0730") count only after "@": without it they may be a dose ("levothyroxine 100").
    """
    for size in (2, 1):
        text = "".join(tokens[position : position + size])
        if position + size <= len(tokens) and _is_time(text) and (digits or not text.isdigit()):
            return text, size
    return None


def _at_to_sign(words: list[str]) -> list[str]:
    """Doses marked one way: ``levo at 7am``, ``levo 7 am`` and ``levo @ 7am`` all become ``levo@7am``.

    A time after another time ("cipro@9am and 9pm", "cipro 9am, 9pm") is the same medicine again.
    Words with no time after them are returned last, as they are.
    """
    tokens = _tokens(words)
    marked: list[str] = []
    pending: list[str] = []
    last = ""
    position = 0
    while position < len(tokens):
        word = tokens[position]
        folded = word.casefold()
        start = position + 1 if folded in ("at", "@") else position
        clock = _clock_at(tokens, start, digits=folded == "@") if (pending or last) else None
        if clock is None and folded == "@":
            name, when = " ".join(pending) or last, " ".join(tokens[start : start + 1])
            if name and when:
                parse_time(when)  # says what is wrong with the time
            raise InputError(
                f"cannot read '{name}@{when}' as MEDICINE@TIME",
                "for example: doxycycline@08:00 or levo@7am",
            )
        if clock is not None:
            last = " ".join(pending) or last
            marked.append(f"{last}@{clock[0]}")
            pending, position = [], start + clock[1]
            continue
        if not (folded in _JOINERS and not pending):
            pending.append(word)
        position += 1
    return marked + pending


def _is_time(text: str) -> bool:
    try:
        parse_time(text)
    except InputError:
        return False
    return True


def parse_medicine(text: str) -> list[tuple[str, int | None]]:
    """``NAME``, ``NAME@TIME``, ``NAME at TIME`` or ``NAME@9am and 9pm``: the medicine at each time.

    A name with no time is one medicine at no known time.
    """
    marked = _at_to_sign([text])
    if not any("@" in word for word in marked):
        return [(text.strip(), None)]
    return [(dose.drug, dose.minute) for dose in _doses(marked, [text])]


def parse_doses(words: list[str]) -> list[DoseRequest]:
    """Doses from a command line's words: each time ends one.

    "my doxy@8am and levo@6:30am", "levothyroxine at 7am and cipro at 9 pm", "cipro 9am, 9pm".
    """
    return _doses(_at_to_sign(words), words)


def _doses(marked: list[str], words: list[str]) -> list[DoseRequest]:
    """The doses in words already marked ``NAME@TIME``; words left after the last time are refused,
    unless they only say how often ("cipro@9am daily", "fosamax@6am once a week", "bid")."""
    doses = [parse_dose(word) for word in marked if "@" in word]
    rest = [word for word in marked if "@" not in word]
    if all(names.is_noise(word.casefold(), names.TIMING_WORDS | names.DOSE_WORDS) for word in rest):
        rest = []
    if rest or not doses:
        text = " ".join(rest) or " ".join(words)
        raise InputError(f"'{text}' has no time", "give each medicine its time: doxycycline@08:00")
    return doses


class Person(msgspec.Struct, frozen=True):
    """Who a dose is for, as read from words: each field None when the words do not say."""

    age: float | None = None
    months: float | None = None
    sex: Literal["female", "male"] | None = None
    stage: Literal["pregnancy", "lactation"] | None = None
    region: Region | None = None


_SEX_WORDS: dict[str, Literal["female", "male"]] = {
    **dict.fromkeys(("female", "f", "woman", "women", "girl", "lady", "mother", "mom", "mum"), "female"),
    **dict.fromkeys(("male", "m", "man", "men", "boy", "guy", "father", "dad"), "male"),
}
_STAGE_WORDS: dict[str, Literal["pregnancy", "lactation"]] = {
    **dict.fromkeys(("pregnant", "pregnancy", "expecting"), "pregnancy"),
    **dict.fromkeys(("breastfeeding", "breast-feeding", "lactating", "lactation", "nursing"), "lactation"),
}
_REGION_WORDS: dict[str, Region] = {
    **{region.value: region for region in Region if region is not Region.WHO},
    **dict.fromkeys(("usa", "america", "canada", "american", "canadian"), Region.US),
    **dict.fromkeys(("britain", "england", "scotland", "wales", "british"), Region.UK),
    **dict.fromkeys(("europe", "european"), Region.EU),
    **dict.fromkeys(("australia", "australian", "nz", "zealand", "aus"), Region.AU_NZ),
    **dict.fromkeys(("germany", "austria", "switzerland", "german"), Region.DACH),
    **dict.fromkeys(("norway", "sweden", "denmark", "finland", "iceland"), Region.NORDIC),
    "japanese": Region.JAPAN,
}
_PERSON_FILLER = frozenset({
    "a", "an", "i", "im", "i'm", "am", "is", "who", "aged", "age", "of", "and", "for", "my", "in",
    "the", "old", "year", "years", "yr", "yrs", "yo", "y/o", "y",
})  # fmt: skip
_PLACES = {"united kingdom": "uk", "united states": "us", "new zealand": "nz"}
_AGE = re.compile(
    r"^(?P<number>\d+(?:[.,]\d+)?)(?:-?(?P<unit>years?|yrs?|yo|y|months?|mos?|mths?))?(?:-year-old|-years-old)?$"
)
_AGE_AND_SEX = re.compile(r"(\d{1,3})([fm])")
_MONTH_WORDS = frozenset({"month", "months", "mo", "mos", "mth", "mths"})
PERSON_EXAMPLES = "for example: magref dose 35 female, magref dose 8 months, magref dose 30 pregnant uk"


def parse_person(words: list[str]) -> Person:
    """An age, sex, pregnancy or breastfeeding, and region from words: "35 female", "8 months old".

    A word that is none of these is refused, never dropped.
    """
    text = " ".join(words)
    folded = " ".join(text.casefold().replace("-year-old", " ").split())
    for place, short in _PLACES.items():
        folded = folded.replace(place, short)
    tokens = [t for t in re.split(r"[\s,]+", folded) if t]
    found: dict[str, Any] = {}

    def keep(field: str, value: object) -> None:
        if field in found and found[field] != value:
            raise InputError(f"'{text}' gives more than one {field}", PERSON_EXAMPLES)
        found[field] = value

    for position, word in enumerate(tokens):
        age = _AGE.match(word)
        compact = _AGE_AND_SEX.fullmatch(word)  # "35f", "60m", as forms and charts write it
        if compact:
            keep("age", ("age", float(compact[1])))
            keep("sex", _SEX_WORDS[compact[2]])
        elif age:
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            unit = age["unit"] or ("months" if following in _MONTH_WORDS else "years")
            field = "months" if unit.startswith("m") else "age"
            keep("age", (field, float(age["number"].replace(",", "."))))
        elif word in _SEX_WORDS:
            keep("sex", _SEX_WORDS[word])
        elif word in _STAGE_WORDS:
            keep("stage", _STAGE_WORDS[word])
        elif word in _REGION_WORDS:
            keep("region", _REGION_WORDS[word])
        elif word not in _PERSON_FILLER and word not in _MONTH_WORDS:
            raise InputError(f"'{word}' in '{text}' is not an age, sex, pregnancy or region", PERSON_EXAMPLES)
    field, number = found.pop("age", (None, None))
    return Person(
        age=number if field == "age" else None, months=number if field == "months" else None, **found
    )
