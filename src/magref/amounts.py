"""Read amounts as people type them: "200 mg elemental x2", "milk of magnesia 30 mL", "4 mmol".

This is command-line syntax: it turns text into typed values (``Mass``, ``Measure``, ``Intake``)
for the core, and refuses what it cannot read with an InputError that shows what it can.
"""

from __future__ import annotations

import math
import re

import msgspec

from magref.errors import InputError
from magref.intake import (
    MAX_TIMES,
    Basis,
    Intake,
    Mass,
    Measure,
    MeasureUnit,
    check_mass,
    check_measure,
)
from magref.model import SerumUnit
from magref.names import COMPOUND_WORDS, FILLER_WORDS
from magref.patterns import lazy
from magref.reader import canonical

#: 1 mmol of magnesium is 24.305 mg (the conventional atomic weight) and 2 mEq (it is divalent).
MG_PER_MMOL = 24.305
MEQ_PER_MMOL = 2.0
ML_PER_TSP = 5.0
ML_PER_TBSP = 15.0
ML_PER_FL_OZ = 29.5735

_MASS_MG = {
    "mg": 1.0, "mgs": 1.0, "milligram": 1.0, "milligrams": 1.0, "g": 1000.0, "gram": 1000.0,
    "grams": 1000.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001,
}  # fmt: skip
_CHARGE = {"mmol": MG_PER_MMOL, "meq": MG_PER_MMOL / MEQ_PER_MMOL}
ML_PER_LITRE = 1000.0
_VOLUME_ML = {
    "ml": 1.0, "fl oz": ML_PER_FL_OZ, "floz": ML_PER_FL_OZ, "fluid ounce": ML_PER_FL_OZ,
    "fluid ounces": ML_PER_FL_OZ, "l": ML_PER_LITRE, "litre": ML_PER_LITRE, "litres": ML_PER_LITRE,
    "liter": ML_PER_LITRE, "liters": ML_PER_LITRE,
}  # fmt: skip
#: Ounces with no "fl": a fluid ounce where the words name a liquid or its bottle ("10 ounce
#: bottle", "drink 10oz"), otherwise a weight or a volume, and asked about.
_OUNCES = frozenset({"oz", "ounce", "ounces"})
_LIQUID = lazy(
    r"(?<![\w])(?:bottles?|liquid|solution|suspension|drink|juice|water|syrup|ml|fl|mixture)(?![\w])", re.I
)
#: A label's own portions: a scoop of powder, a serving as the label defines it, a whole bottle.
_PORTIONS: dict[str, MeasureUnit] = {
    "scoop": "scoop", "scoops": "scoop", "messlöffel": "scoop", "serving": "serving", "servings": "serving",
    "bottle": "bottle", "bottles": "bottle",
}  # fmt: skip
_SPOONS: dict[str, MeasureUnit] = {
    "tsp": "teaspoon", "teaspoon": "teaspoon", "teaspoons": "teaspoon", "teaspoonful": "teaspoon",
    "teaspoonfuls": "teaspoon", "tbsp": "tablespoon", "tablespoon": "tablespoon",
    "tablespoons": "tablespoon", "tablespoonful": "tablespoon", "tablespoonfuls": "tablespoon",
}  # fmt: skip
_COUNTS = {
    "tablet", "tablets", "tab", "tabs", "caplet", "caplets", "capsule", "capsules", "cap", "caps",
    "softgel", "softgels", "chew", "chews", "chewable", "chewables", "gummy", "gummies", "sachet",
    "sachets", "packet", "packets", "dose", "doses", "lozenge", "lozenges", "pill", "pills",
    "kapsel", "kapseln", "tablette", "tabletten",
}  # fmt: skip
_UNIT_WORDS = sorted(
    [*_MASS_MG, *_CHARGE, *_VOLUME_ML, *_SPOONS, *_PORTIONS, *_COUNTS, *_OUNCES, "fl. oz", "fl oz"],
    key=len,
    reverse=True,
)
#: A number: "2", "1.5", ".5", or a fraction "3/4"; never the "5" of "per 5 mL" written "/5mL",
#: nor one that a hyphen joins to the word before ("MAG-4", "oxide-400-tablets": part of a name).
_NUMBER = r"(?<![\w./])(?<![^\W\d_]-)(?P<number>\d+/\d+|\d+(?:[.,]\d+)?|\.\d+)"
#: Words for how full a spoon is, read between a number and its unit ("1 level teaspoon").
_FULLNESS = r"(?:(?:level|rounded|heaped|heaping)\s+)?"
_QUANTITY = lazy(
    _NUMBER
    + r"(?:-|\s*)"
    + _FULLNESS
    + r"(?P<unit>"
    + "|".join(re.escape(u) for u in _UNIT_WORDS)
    + r")?(?![a-zµ\d])",
    re.I,
)
_NUMBER_THEN_WORD = lazy(r"(?P<number>\d+(?:[.,]\d+)?)\s*(?P<word>[a-zµ/%]+)", re.I)
_TIMES_X = lazy(r"(?<![a-z0-9])(?:x\s*(?P<a>\d+)|(?P<b>\d+)\s*x)(?![a-z0-9])", re.I)
#: How many times a day, in English or as German labels say it ("zweimal täglich": twice daily).
_TIMES_DAY = lazy(
    r"(?:(?<![\w.])(?P<n>\d+|once|twice|thrice|one|two|three|four|five|six|einmal|zweimal|dreimal)"
    r"\s*(?:times?\s+)?)?"
    r"(?:(?<!\w)(?:a|per|each|every)\s+day|/\s*day|(?<!\w)daily|(?<!\w)t[äa]glich)\b",
    re.I,
)
#: Prescription shorthand for doses a day: "bid", "b.i.d.", "tds", "qhs".
_TIMES_SHORTHAND = {
    "qd": 1, "od": 1, "qhs": 1, "hs": 1, "nocte": 1, "mane": 1,
    "bid": 2, "bd": 2, "tid": 3, "tds": 3, "qid": 4, "qds": 4,
}  # fmt: skip
_SHORTHAND = lazy(
    r"(?<![\w.])(" + "|".join(r"\.?".join(word) + r"\.?" for word in _TIMES_SHORTHAND) + r")(?![\w])", re.I
)
#: A minus sign touching its number ("-200", or U+2212 before a digit); a dash with a space
#: after it ("120mg - 180 Capsules") separates the parts of a title and is no sign.
_NEGATIVE = lazy(r"(?<![\w.])[-\u2212]\.?\d")
_WORD_COUNT = {
    "once": 1,
    "one": 1,
    "twice": 2,
    "two": 2,
    "thrice": 3,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "einmal": 1,
    "zweimal": 2,
    "dreimal": 3,
}
#: A bare number followed by one of these is a time ("for 8 weeks", "4 hours before"), not an amount.
_TIME_WORDS = frozenset({
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "hr", "hrs",
    "minute", "minutes", "min", "mins", "night", "nights",
})  # fmt: skip
#: Words that look like units but are not ones magref can count.
_NOT_UNITS = frozenset({
    "drop", "drops", "lb", "lbs", "kg", "iu", "dl", "cup", "cups", "spoon",
    "spoons", "%",
})  # fmt: skip
#: Words that say a mass is each unit's: "each", "per capsule", and German "je".
_EACH = lazy(r"(?<![a-z])(?:each|je|per\s+(?:" + "|".join(sorted(_COUNTS)) + r"))(?![a-z])", re.I)
_BASIS_WORDS = {"elemental": Basis.ELEMENTAL, "compound": Basis.COMPOUND}
_NAME_WORDS = lazy(r"[^\s,;]+")


def _number(text: str) -> float:
    if "/" in text:  # "3/4 tsp", "1/2 to 1 teaspoon"
        top, bottom = (float(part) for part in text.split("/"))
        if not 0 < bottom <= 16 or top >= bottom:
            raise InputError("not-a-fraction", text=text)
        return top / bottom
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise InputError("not-a-number", text=text)
    return value


def parse_mass(text: str) -> Mass:
    """A mass alone: ``500``, ``500mg``, ``0.5 g``, ``4 mmol``, ``8 mEq`` (mmol and mEq are elemental)."""
    plain = canonical(text)
    if plain.isascii() and plain.isdigit():  # figures alone are milligrams: no pattern to compile
        return _mass(_number(plain), "mg", text)
    found = _QUANTITY.fullmatch(plain)
    unit = (found["unit"] or "mg").lower() if found else ""
    if not found or not (unit in _MASS_MG or unit in _CHARGE):
        raise InputError("amount-unread", text=text)
    return _mass(_number(found["number"]), unit, text)


def _mass(number: float, unit: str, text: str) -> Mass:
    if unit in _CHARGE:
        return check_mass(Mass(number * _CHARGE[unit], Basis.ELEMENTAL, stated=unit), text)
    return check_mass(Mass(number * _MASS_MG[unit], Basis.COMPOUND), text)


def _times(text: str) -> tuple[int, str]:
    """The doses a day written in ``text`` ("x2", "3 times a day", "daily"), and the rest of it."""
    counts: list[int] = []

    def take_x(match: re.Match[str]) -> str:
        counts.append(int(match["a"] or match["b"]))
        return " "

    def take_day(match: re.Match[str]) -> str:
        word = (match.group("n") or "").lower()
        if word:
            counts.append(int(word) if word.isdigit() else _WORD_COUNT[word])
        return " "

    def take_shorthand(match: re.Match[str]) -> str:
        counts.append(_TIMES_SHORTHAND[match[1].replace(".", "").lower()])
        return " "

    rest = _TIMES_X.sub(take_x, text)
    rest = _TIMES_DAY.sub(take_day, rest)
    rest = _SHORTHAND.sub(take_shorthand, rest)
    if len(counts) > 1:
        raise InputError("count-twice-in-item", text=text)
    times = counts[0] if counts else 1
    if not 1 <= times <= MAX_TIMES:
        raise InputError("doses-a-day-in-item", times=times, text=text, max_times=MAX_TIMES)
    return times, rest


#: When in the day, as people write it after an item ("at bedtime", "in the morning", "with food").
_WHEN = lazy(
    r"(?<![\w])(?:at (?:bedtime|night)|before (?:bed|bedtime|sleep)|in the (?:morning|evening)"
    r"|with (?:food|meals?|breakfast|lunch|dinner)|(?:every|each) (?:morning|evening|night)"
    r"|at bed|bedtime|nightly|mornings?|evenings?)(?![\w])",
    re.I,
)


def _when(text: str) -> tuple[list[str], str]:
    """The words that say when in the day, and the text without them."""
    found = [match.group() for match in _WHEN.finditer(text)]
    return found, _WHEN.sub(" ", text) if found else text


def parse_item(text: str) -> Intake:
    """One thing taken, read from what was typed (numbers as written: "1,000 mg" is a thousand)."""
    written = canonical(text)
    when, rest = _when(written)
    taken_with, rest = _taken_with(rest)
    item = _parse_item(_number_words(rest))
    return msgspec.structs.replace(item, text=text.strip(), when=when + taken_with)


#: The water or other drink a dose is taken in or with ("in 8 ounces of water", "into at least
#: 240mL (1 cup) of water", "mit 200 ml Wasser"): how it is taken, shown back, never the dose.
_TAKEN_WITH = lazy(
    r"(?<![\w])(?:(?:in|into|with|mit|dans|avec)\s+(?:at\s+least\s+|a\s+(?:full\s+)?(?:glass\s+(?:of\s+)?)?)?)?"
    r"\(?\d+(?:[.,]\d+)?\s*(?:ml|mls|oz|ounces?|fl\.?\s*oz|fluid\s+ounces?|litres?|liters?|l|cups?)\.?\)?\s*"
    r"(?:\(\s*\d+\s*cups?\s*\)\s*)?(?:glass\s+)?(?:of\s+|de\s+|d['\u2019]\s*)?"
    r"(?:(?:warm|hot|cold|clear|very\s+hot)\s+)?"
    r"(?:water|liquid|juice|fluid|flüssigkeit|wasser|eau)(?![\w])",
    re.I,
)


#: The same without a volume: "in water", "with a glass of water", "dissolved in warm water".
_TAKEN_IN = lazy(
    r"(?<![\w])(?:dissolved\s+)?(?:in|into|with|mit)\s+(?:(?:a|some)\s+(?:little\s+)?)?(?:(?:full|large|small)\s+)?"
    r"(?:(?:glass|cup)\s+of\s+)?(?:(?:warm|hot|cold|clear)\s+)?(?:water|juice|liquid|milk|wasser)(?![\w])",
    re.I,
)


def _taken_with(text: str) -> tuple[list[str], str]:
    """The drink a dose is taken with, and the text without it."""
    found: list[str] = []
    for pattern in (_TAKEN_WITH, _TAKEN_IN):
        found += [match.group().strip() for match in pattern.finditer(text)]
        text = pattern.sub(" ", text)
    return found, text


_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
_UNIT_ALTERNATION = "|".join(re.escape(u) for u in _UNIT_WORDS)
#: A number written as a word before a unit, or before "to"/"or" and another such number that
#: is: "one teaspoon", "two to four level teaspoons", "one bottle".
_WORD_NUMBER = lazy(
    r"(?<![\w-])("
    + "|".join(_NUMBER_WORDS)
    + r")(?=(?:\s+(?:to|or)\s+(?:"
    + "|".join(_NUMBER_WORDS)
    + r"))?\s+"
    + _FULLNESS
    + r"(?:"
    + _UNIT_ALTERNATION
    + r")(?![\w]))",
    re.I,
)


def _number_words(text: str) -> str:
    """Number words before a unit written as digits: "one teaspoon" is "1 teaspoon"."""
    return _WORD_NUMBER.sub(lambda match: _NUMBER_WORDS[match[1].lower()], text)


def _parse_item(text: str) -> Intake:
    """One thing taken: a name, one amount with its unit, and how many times a day.

    ``glycinate 200 mg elemental x2``, ``375 mg magnesium``, ``milk of magnesia 30 mL``,
    ``rolaids 2 tablets 3 times a day``. A bare number is milligrams. "magnesium" alone, or
    "elemental", means elemental magnesium; otherwise milligrams are the compound's weight.
    """
    if not text.strip():
        raise InputError("empty-item")
    if _NEGATIVE.search(text):
        raise InputError("item-not-positive", text=text)
    times, rest = _times(text.replace("·", " "))
    quantities = [
        q
        for q in _without_pack(list(_QUANTITY.finditer(rest)), rest)
        if not _a_time(q, rest) and not _reference(q, rest)
    ]
    for quantity in quantities:
        if quantity["unit"] and re.match(r"\s*/\s*kg\b", rest[quantity.end() :], re.I):
            raise InputError("amount-per-kg", text=text)
    if not quantities:
        unknown = _NUMBER_THEN_WORD.search(rest)
        if unknown and unknown["word"].lower() not in _TIME_WORDS:
            raise InputError("unknown-unit", word=unknown["word"], text=text)
        raise InputError("no-amount", text=text)
    with_unit = [q for q in quantities if q["unit"]]
    counted = _counted_total(text, rest, times, with_unit)
    if counted is not None:
        return counted
    each = _units_of_a_mass(with_unit, rest)
    if each is not None:
        return _units_of(text, rest, times, *each)
    last = with_unit[-1] if with_unit else quantities[-1]
    restated = _restated(with_unit, last)
    if restated is not None:  # "Neomag 4mmol (97mg)": the mg is the mmol said again
        last = restated
    unit = (last["unit"] or "").lower()
    after = rest[last.end() :]
    if not unit and (word := re.match(r"\s*([a-zµ/%]+)", after, re.I)) and word[1].lower() in _NOT_UNITS:
        raise InputError("unknown-unit", word=word[1], text=text)
    before = _RANGE_START.sub(" ", rest[: last.start()])  # "2 to 4 teaspoons": the higher is counted
    itself = _MAGNESIUM_AFTER.match(after) if unit in _MASS_MG or not unit else None
    if itself is not None:  # the words that led to it are read with it: "equivalent to 300 mg magnesium"
        after = after[itself.end() :]
        before = _LEADS_TO_MAGNESIUM.sub(" ", before)
    if unit not in _MASS_MG and unit not in _CHARGE and unit and not before.strip():
        after = _OF_AFTER_A_MEASURE.sub(" ", after)  # "1 bottle of magnesium citrate": 'of' joins them
    basis, name = _name_and_basis(before + " " + after, text)
    if basis is None and (itself is not None or _magnesium_before(rest, last, unit)):
        basis = Basis.ELEMENTAL
    number = _number(last["number"])
    earlier = [q.group(0).strip() for q in with_unit if q is not last and not _same_amount(q, last)]
    if unit in _MASS_MG or unit in _CHARGE or not unit:
        mass = _mass(number, unit or "mg", text)
        if mass.basis is Basis.ELEMENTAL and basis is Basis.COMPOUND:
            raise InputError("charge-not-compound", text=text, unit=unit)
        if basis is Basis.ELEMENTAL:
            mass = Mass(mass.mg, Basis.ELEMENTAL, stated=mass.stated)
        if not name and mass.basis is Basis.COMPOUND:
            raise InputError("mg-of-what", text=text)
        stated = basis is not None or mass.basis is Basis.ELEMENTAL
        return Intake(
            text=text.strip(), name=name, mass=mass, times=times, other_amounts=earlier, basis_stated=stated
        )
    if basis is not None:
        raise InputError("basis-needs-mass", text=text, unit=unit)
    if not name:
        raise InputError("product-unnamed", text=text)
    measure = _measure(number, unit, text)
    return Intake(text=text.strip(), name=name, measure=measure, times=times, other_amounts=earlier)


#: The lower end of a range just before the amount counted: "2 to", "1/2 to", "1 or", "2-".
_RANGE_START = lazy(r"(?<![\w./])(?:\d+/\d+|\d+(?:[.,]\d+)?)\s*(?:to|or|-|\u2013)\s*$", re.I)
_COMPOUND_NAMES = "|".join(sorted(COMPOUND_WORDS, key=len, reverse=True))
#: "magnesium" right after an amount, not followed by a compound's name: "375 mg magnesium",
#: "70 milligrams of magnesium", "300 mg elemental magnesium", "90mg reines Magnesium".
_MAGNESIUM_AFTER = lazy(
    r"\s*(?:of\s+)?(?:(?:elemental|pure|reines|elementares)\s+)?magnesium(?![\w-])"
    r"(?!\s*(?:\(\s*)?(?:l-|di|tri|bis)?(?:" + _COMPOUND_NAMES + r"))",
    re.I,
)
_LEADS_TO_MAGNESIUM = lazy(
    r"(?<![\w])(?:equivalent\s+to|equiv\.?|providing|provides|supplying|supplies|containing|contains)\s*$",
    re.I,
)
#: "magnesium" as a word of its own just before the amount: "Nature Made magnesium 250 mg".
_MAGNESIUM_BEFORE = lazy(r"(?:^|[\s,;:(])magnesium\s*:?\s*$", re.I)
#: "magnesium" said as what the amount is of: "the total daily dose of magnesium was 350 mg".
_MAGNESIUM_WAS = lazy(r"(?:^|[\s,;:(])(?:dose|intake|amount)\s+of\s+magnesium\s+(?:was|is|were)\s*$", re.I)
_COMPOUND_WORD = lazy(r"(?<![a-z])(?:l-|di|tri|bis)?(?:" + _COMPOUND_NAMES + r")(?![a-z])", re.I)


def _magnesium_before(rest: str, last: re.Match[str], unit: str) -> bool:
    """Whether "magnesium" stands alone just before a mass, in an item that names no compound."""
    if unit not in _MASS_MG and unit:
        return False
    before = rest[: last.start()]
    if _MAGNESIUM_WAS.search(before):  # a compound in brackets after it is its source: "(Magnesium Citrate)"
        after = rest[last.end() :]
        return not _COMPOUND_WORD.search(before + ("" if after.lstrip().startswith("(") else after))
    return bool(_MAGNESIUM_BEFORE.search(before)) and not _COMPOUND_WORD.search(rest)


#: The words before a reference amount: "the daily requirement of 420 mg", "an RDA of 400 mg".
_REFERENCE_BEFORE = lazy(
    r"(?<![\w])(?:requirement|requirements|value|allowance|rda|rdi|nrv|dv|reference\s+intake)\s+(?:of|is)?\s*$",
    re.I,
)


def _reference(quantity: re.Match[str], rest: str) -> bool:
    """Whether an amount is a reference the dose is measured against ("provides 100% of the daily
    requirement of 420 mg"), not the dose: it stays in the item's words, shown back."""
    return bool(_REFERENCE_BEFORE.search(rest, max(0, quantity.start() - 40), quantity.start()))


def _a_time(quantity: re.Match[str], rest: str) -> bool:
    """Whether a bare number is a length of time: "for 8 weeks", "4 hours before"."""
    following = re.match(r"\s*([^\W\d_]+)", rest[quantity.end() :])
    return not quantity["unit"] and following is not None and following[1].lower() in _TIME_WORDS


def _without_pack(quantities: list[re.Match[str]], rest: str) -> list[re.Match[str]]:
    """The quantities less a pack size: a count of units after a spaced dash that follows the
    strength, as shops title a product ("Bio-Magnesium 200mg - 60 tabs"). Its words stay in the name."""
    kept: list[re.Match[str]] = []
    for quantity in quantities:
        unit = (quantity["unit"] or "").lower()
        dashed = re.search(r"\s[-\u2013\u2014]\s*$", rest[: quantity.start()])
        strength = any((q["unit"] or "").lower() in (*_MASS_MG, *_CHARGE) for q in kept)
        if unit in _COUNTS and dashed and strength:
            continue
        kept.append(quantity)
    return kept


def _amount_mg(quantity: re.Match[str]) -> float | None:
    unit = (quantity["unit"] or "").lower()
    if unit in _CHARGE:
        return _number(quantity["number"]) * _CHARGE[unit]
    if unit in _MASS_MG:
        return _number(quantity["number"]) * _MASS_MG[unit]
    return None


def _same_amount(one: re.Match[str], other: re.Match[str]) -> bool:
    """Whether an mg figure and an mmol (or mEq) figure are one amount of magnesium said twice:
    4 mmol is 97.2 mg, and labels round it to 97 mg."""
    units = {(one["unit"] or "").lower() in _CHARGE, (other["unit"] or "").lower() in _CHARGE}
    first, second = _amount_mg(one), _amount_mg(other)
    if units != {True, False} or first is None or second is None:
        return False
    return abs(first - second) <= max(1.0, 0.01 * first)


def _restated(with_unit: list[re.Match[str]], last: re.Match[str]) -> re.Match[str] | None:
    """The mmol (or mEq) figure a last mg figure restates, which then is the amount read."""
    if (last["unit"] or "").lower() not in _MASS_MG:
        return None
    return next((q for q in with_unit if q is not last and _same_amount(q, last)), None)


#: The 'of' between a measure and what it measures: "1 bottle of magnesium citrate".
_OF_AFTER_A_MEASURE = lazy(r"^\s*of\s+", re.I)


def _units_of_a_mass(
    quantities: list[re.Match[str]], rest: str
) -> tuple[re.Match[str], re.Match[str]] | None:
    """A count of units and the mass in each, or None.

    The words must say the mass is each unit's: "2 capsules of 400 mg", "500 mg each",
    "500 mg per capsule". Without them "glycinate 400 mg 2 capsules" may be 400 mg in all (a
    label's serving), so it is not read this way.
    """
    if len(quantities) != 2:
        return None
    units = [q["unit"].lower() for q in quantities]
    counts = [unit in _COUNTS for unit in units]
    if counts.count(True) != 1 or not all(u in _COUNTS or u in _MASS_MG or u in _CHARGE for u in units):
        return None
    count, mass = quantities if counts[0] else quantities[::-1]
    between = rest[count.end() : mass.start()].strip().lower()
    if between == "of" or _EACH.search(rest):
        return count, mass
    return None


#: The words before a total: "for a total of 248 mg", "caplets daily contain 336 mg".
_TOTAL_BEFORE = lazy(r"(?:total\s+of|contains?|provides?|supply|supplies)\s*$", re.I)
#: A count just before each unit's mass: "Four 84 mg ...".
_COUNT_BEFORE = lazy(r"(?:^|\s)(?P<n>\d+|" + "|".join(_WORD_COUNT) + r")\s*$", re.I)
#: A count of something that is no unit magref knows: "take two supplement".
_COUNT_OF = lazy(r"(?<![\w.])(?P<n>\d+|" + "|".join(_WORD_COUNT) + r")\s+(?P<what>[^\W\d_]+)", re.I)
#: A total said to be the day's: "... daily", "a day", "per day".
_A_DAY = lazy(r"(?<![\w])(?:daily|a\s+day|per\s+day|each\s+day)(?![\w])", re.I)


def _counted_total(text: str, rest: str, times: int, with_unit: list[re.Match[str]]) -> Intake | None:
    """A total given for a count of units: it is the count times each unit's amount.

    "Four 84 mg Mag-Tab SR caplets daily contain 336 mg of elemental magnesium" is 4 caplets of 84 mg
    (4 x 84 is 336, so the 84 mg is elemental too); "two supplement two times a day for a total of
    248 mg elemental magnesium daily" is 2 units of 62 mg twice a day. None when the line says
    no such thing, or its figures do not agree.
    """
    masses = [q for q in with_unit if (q["unit"] or "").lower() in _MASS_MG]
    if len(masses) not in (1, 2) or len(with_unit) != len(masses):
        return None
    total = masses[-1]
    if not _TOTAL_BEFORE.search(rest, max(0, total.start() - 16), total.start()):
        return None
    total_mg = _number(total["number"]) * _MASS_MG[total["unit"].lower()]
    itself = _MAGNESIUM_AFTER.match(rest, total.end())
    basis = Basis.ELEMENTAL if itself is not None else None
    if len(masses) == 2:
        each, head = masses[0], rest[: masses[0].start()]
        count = _COUNT_BEFORE.search(head)
        if count is None:
            return None
        units = _word_count(count["n"])
        each_mg = _number(each["number"]) * _MASS_MG[each["unit"].lower()]
        if abs(units * each_mg * times - total_mg) > max(1.0, 0.01 * total_mg):
            return None
        words = rest[each.end() : total.start()]
        units_word = (m for m in re.finditer(r"\S+", words) if m.group().lower().strip(",.;:") in _COUNTS)
        name_end = next((m.start() for m in units_word), None)
        if name_end is None:
            return None
        name_text = words[:name_end]
    else:
        count = _COUNT_OF.search(rest, 0, total.start())
        after = text.lower().partition("total of")[2]
        if count is None or count["what"].lower() in _TIME_WORDS or not _A_DAY.search(after):
            return None
        units = _word_count(count["n"])
        each_mg = total_mg / (units * times)  # the day's total, shared among the units taken
        name_text = rest[itself.end() if itself else total.end() :]
    basis_said, name = _name_and_basis(re.sub(r"(?i)\bin\s+the\s+form\s+of\b", " ", name_text), text)
    basis = basis or basis_said
    mass = _mass(each_mg, "mg", text)
    if basis is Basis.ELEMENTAL:
        mass = Mass(mass.mg, Basis.ELEMENTAL)
    return Intake(
        text=text.strip(),
        name=name.strip(" ,.;:"),
        mass=mass,
        measure=check_measure(Measure(units, "count"), text),
        times=times,
        other_amounts=[total.group(0).strip()],
        basis_stated=basis is not None,
    )


def _word_count(said: str) -> float:
    return float(said) if said.isdigit() else float(_WORD_COUNT[said.lower()])


def _units_of(text: str, rest: str, times: int, count: re.Match[str], mass: re.Match[str]) -> Intake:
    """An item of several units that each hold a mass: a form counted by the capsule, or a product
    whose name carries its strength ("Neomag 4 mmol 2 tablets"); the core decides which."""
    first, second = sorted((count, mass), key=lambda q: q.start())
    itself = _MAGNESIUM_AFTER.match(rest, mass.end())  # "je 90mg reines Magnesium": magnesium itself
    cut = itself.end() if itself is not None and mass is first else first.end()
    words = rest[: first.start()] + " " + rest[cut : second.start()] + " " + rest[second.end() :]
    if itself is not None and mass is second:
        words = rest[: first.start()] + " " + rest[first.end() : second.start()] + " " + rest[itself.end() :]
    words = _EACH.sub(" ", re.sub(r"^\s*of\b", " ", words, flags=re.I))
    basis, name = _name_and_basis(words, text)
    if basis is None and itself is not None:
        basis = Basis.ELEMENTAL
    each = _mass(_number(mass["number"]), mass["unit"].lower(), text)
    if basis is Basis.ELEMENTAL:
        each = Mass(each.mg, Basis.ELEMENTAL, stated=each.stated)
    if not name:
        raise InputError("form-unnamed", text=text)
    units = _measure(_number(count["number"]), count["unit"].lower(), text)
    return Intake(
        text=text.strip(),
        name=name,
        mass=each,
        measure=units,
        times=times,
        other_amounts=[mass.group(0).strip()],
        basis_stated=basis is not None or each.basis is Basis.ELEMENTAL,
    )


def _name_and_basis(words_text: str, text: str) -> tuple[Basis | None, str]:
    """The name left after the amount is taken out, and elemental/compound if the words say so."""
    basis: Basis | None = None
    kept: list[str] = []
    for word in _NAME_WORDS.findall(words_text.replace("(", " ").replace(")", " ")):
        folded = word.lower()
        if folded in _BASIS_WORDS:
            if basis is not None and basis is not _BASIS_WORDS[folded]:
                raise InputError("both-bases", text=text)
            basis = _BASIS_WORDS[folded]
        elif folded in ("as", "from") and kept and kept[-1].lower() == "magnesium":
            kept.pop()
            basis = basis or Basis.ELEMENTAL
        else:
            kept.append(word)
    name = " ".join(kept)
    if kept and all(word.lower() in FILLER_WORDS for word in kept):  # "magnesium", "mag"
        if basis is Basis.COMPOUND:
            raise InputError("magnesium-not-compound", text=text)
        return Basis.ELEMENTAL, ""
    return basis, name


def _measure(number: float, unit: str, text: str) -> Measure:
    if unit in _OUNCES:
        if not _LIQUID.search(text):
            raise InputError("ounce-unclear", unit=unit, text=text)
        return check_measure(Measure(number * ML_PER_FL_OZ, "mL"), text)
    if unit in _VOLUME_ML or unit == "fl. oz":
        return check_measure(Measure(number * _VOLUME_ML.get(unit, ML_PER_FL_OZ), "mL"), text)
    if unit in _SPOONS:
        return check_measure(Measure(number, _SPOONS[unit]), text)
    if unit in _PORTIONS:
        return check_measure(Measure(number, _PORTIONS[unit]), text)
    return check_measure(Measure(number, "count"), text)


_SERUM_UNITS: dict[str, SerumUnit] = {
    "mg/dl": "mg/dL", "mg/100ml": "mg/dL", "mg%": "mg/dL", "mmol/l": "mmol/L", "mm/l": "mmol/L",
    "meq/l": "mEq/L",
}  # fmt: skip


_SERUM = lazy(
    r"(?:(?:serum|blood|plasma|total|magnesium|mg|levels?|results?|s-mg|p-mg|of|was|is|were|only|at|had|has"
    r"|risen|rose|to|dropped|fell|plateaued|initial|measurement|measured|hypomagnesa?emia|hypermagnesa?emia"
    r"|ionized|ionised|[hl]|low|high)\b[\s:,=-]*)*"
    r"(?P<number>\d+(?:[.,]\d+)?|\.\d+)\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_SERUM_UNIT = lazy(r"(mg\s*/\s*dl|mg\s*/\s*100\s*ml|mg\s*%|mmol\s*/\s*l|mm\s*/\s*l|meq\s*/\s*l)\b", re.I)
#: A range as a report prints it: low, high and their unit.
PrintedRange = tuple[float, float, SerumUnit]
#: A reference range printed after the result: "(1.7-2.2)", "[0.70 - 1.00]", "ref 0.7 to 1.0 mmol/L".
_PRINTED_RANGE = lazy(
    r"(?:\b[lh]\b|low|high)?\s*[(\[]?\s*(?:(?:ref(?:erence)?|normal)\s*(?:range|interval)?|range)?\s*[:=]?\s*"
    r"(?P<low>\d+(?:[.,]\d+)?)\s*(?:-|\u2013|to)\s*(?P<high>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z%/\s\d]*?)\s*[)\]]?",
    re.IGNORECASE,
)


_UNIT_IN_RANGE = lazy(r"[(\[]?[^()\[\]]*?(?P<unit>mg ?/ ?dl|mmol ?/ ?l|meq ?/ ?l)\s*[)\]]?", re.IGNORECASE)


def parse_serum(text: str) -> tuple[float, SerumUnit, PrintedRange | None]:
    """A blood level as a report prints it, and the report's own range if it prints one.

    ``1.9 mg/dL``, ``0.7mmol/l``, ``Magnesium: 0.8 mmol/L``, ``1.5 mg/dL L (1.7-2.2)``.
    """
    found = _SERUM.fullmatch(canonical(text))
    if not found:
        raise InputError("serum-unread", text=text)
    rest = found["rest"].strip()
    range_unit_only = None if _SERUM_UNIT.match(rest) else _UNIT_IN_RANGE.fullmatch(rest)
    if range_unit_only:  # "0.99 (0.7-1.0 mmol/L)": the range's unit is the result's
        rest = f"{range_unit_only['unit']} {rest}"
    if not rest:
        raise InputError("serum-no-unit", text=text)
    unit = _SERUM_UNIT.match(rest)
    if unit is None:
        raise InputError("serum-unit-unknown", unit=rest)
    serum_unit = _SERUM_UNITS[re.sub(r"\s+", "", unit[1]).lower()]
    after = rest[unit.end() :].strip()
    if not after:
        return _number(found["number"]), serum_unit, None
    printed = _PRINTED_RANGE.fullmatch(after)
    if printed is None:
        raise InputError("serum-after-unread", text=after)
    range_unit = serum_unit
    if printed["unit"].strip():
        own = _SERUM_UNIT.fullmatch(printed["unit"].strip())
        if own is None:
            raise InputError("range-unit-unknown", unit=printed["unit"].strip())
        range_unit = _SERUM_UNITS[re.sub(r"\s+", "", own[1]).lower()]
    low, high = _number(printed["low"]), _number(printed["high"])
    if not 0 < low < high:
        raise InputError("range-not-low-to-high", text=after)
    return _number(found["number"]), serum_unit, (low, high, range_unit)
