"""Who a person is, read from the words they type: an age, sex, pregnancy or breastfeeding, and a
region ("35 female", "8 months old", "a 70 year old man from germany").

Kept apart from the medicine syntax so that a lookup which only needs a person imports nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

import msgspec

from magref.errors import InputError
from magref.patterns import lazy
from magref.region import Region


class Person(msgspec.Struct, frozen=True):
    """Who a dose is for, as read from words: each field None when the words do not say."""

    age: float | None = None
    months: float | None = None
    sex: Literal["female", "male"] | None = None
    stage: Literal["pregnancy", "lactation"] | None = None
    region: Region | None = None


SEX_WORDS: dict[str, Literal["female", "male"]] = {
    **dict.fromkeys(("female", "f", "woman", "women", "girl", "lady", "mother", "mom", "mum"), "female"),
    **dict.fromkeys(("male", "m", "man", "men", "boy", "guy", "father", "dad"), "male"),
}
STAGE_WORDS: dict[str, Literal["pregnancy", "lactation"]] = {
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
    "the", "old", "year", "years", "yr", "yrs", "yo", "y/o", "y", "from", "living", "lives", "our",
    "her", "his", "their",
    # words for a person that say no more than the age and sex given with them
    "person", "patient", "adult", "baby", "infant", "newborn", "toddler", "child", "kid", "teen",
    "teenage", "teenager", "adolescent", "elderly", "senior", "pensioner", "older",
})  # fmt: skip
#: Ages written as words ("two year old").
_AGE_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_PLACES = {"united kingdom": "uk", "united states": "us", "new zealand": "nz"}
_AGE = lazy(
    r"^(?P<number>\d+(?:[.,]\d+)?)(?:-?(?P<unit>years?|yrs?|yo|y|months?|mos?|mths?))?(?:-year-old|-years-old)?$"
)
_AGE_AND_SEX = lazy(r"(\d{1,3})([fm])")
_MONTH_WORDS = frozenset({"month", "months", "mo", "mos", "mth", "mths"})


def parse_person(words: list[str], region_named: Callable[[str], Region | None] | None = None) -> Person:
    """An age, sex, pregnancy or breastfeeding, and region from words: "35 female", "8 months old".

    ``region_named`` reads a word as a region by the dataset's names for it ("efsa"). A word that
    is none of these is refused, never dropped.
    """
    text = " ".join(words)
    folded = " ".join(text.casefold().replace("-year-old", " ").split())
    for place, short in _PLACES.items():
        folded = folded.replace(place, short)
    tokens = [t for t in re.split(r"[\s,]+", folded) if t]
    found: dict[str, Any] = {}

    def keep(field: str, value: object) -> None:
        if field in found and found[field] != value:
            raise InputError("person-twice", text=text, field=field)
        found[field] = value

    for position, word in enumerate(tokens):
        age = _AGE.match(word)
        compact = _AGE_AND_SEX.fullmatch(word)  # "35f", "60m", as forms and charts write it
        if compact:
            keep("age", ("age", float(compact[1])))
            keep("sex", SEX_WORDS[compact[2]])
        elif age or word in _AGE_WORDS:
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            unit = (age["unit"] if age else None) or ("months" if following in _MONTH_WORDS else "years")
            field = "months" if unit.startswith("m") else "age"
            number = float(age["number"].replace(",", ".")) if age else float(_AGE_WORDS[word])
            keep("age", (field, number))
        elif word in SEX_WORDS:
            keep("sex", SEX_WORDS[word])
        elif word in STAGE_WORDS:
            keep("stage", STAGE_WORDS[word])
        elif word in _REGION_WORDS:
            keep("region", _REGION_WORDS[word])
        elif region_named is not None and (named := region_named(word)) is not None:
            keep("region", named)
        elif word not in _PERSON_FILLER and word not in _MONTH_WORDS:
            raise InputError("person-word-unread", word=word, text=text)
    field, number = found.pop("age", (None, None))
    return Person(
        age=number if field == "age" else None, months=number if field == "months" else None, **found
    )
