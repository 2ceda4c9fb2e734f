"""Medicines as prescriptions and boxes write them: a name, a strength, a dose, and when.

``read_regimens`` reads "cipro 500mg bd", "alendronate 70mg weekly sunday 6am", "levo@7am",
"doxycycline 100 8am", "Lasix 40 mg b.i.d. x 7 days" or "metformin 500 mg with breakfast and
evening meal" into ``Regimen`` values: the medicine's name as typed, the strength (never a time),
how many doses a day, the days it is taken on, clock times as given, and for how long. A regimen
with no clock times gets conventional times, each marked assumed; one taken only as needed, or
with no frequency at all, gets none and says so. Each token is read into the regimen, or kept in
``unread`` and shown back: nothing is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import msgspec

from magref.errors import InputError
from magref.reader import Token, check_numbers, tokens

DAY = 24 * 60

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: The clock times a regimen with no times of its own is shown at, marked assumed: the usual
#: medicine-round times (morning 08:00, midday, evening, bedtime 22:00), evenly spread for "every N hours".
CONVENTIONAL: dict[int, tuple[int, ...]] = {
    1: (8 * 60,),
    2: (8 * 60, 20 * 60),
    3: (8 * 60, 14 * 60, 20 * 60),
    4: (8 * 60, 12 * 60, 16 * 60, 20 * 60),
}
INTERVAL_START = {4: 2 * 60, 6: 0, 8: 6 * 60, 12: 8 * 60, 24: 8 * 60}
WHEN_MINUTE: dict[str, int] = {
    "before-breakfast": 7 * 60,
    "morning": 8 * 60,
    "breakfast": 8 * 60,
    "lunch": 13 * 60,
    "evening": 18 * 60,
    "dinner": 18 * 60,
    "night": 22 * 60,
    "bedtime": 22 * 60,
}
#: Words for the same time of day, the most exact first: "every morning 30 minutes before
#: breakfast" is one dose, at the time before breakfast.
OCCASIONS = (("before-breakfast", "breakfast", "morning"), ("dinner", "evening"), ("bedtime", "night"))


class Piece(msgspec.Struct, frozen=True):
    """One part of what was typed and what it was read as (``name``, ``strength``, ``dose``,
    ``how-often``, ``time``, ``when``, ``days``, ``course``, ``until``, ``as-needed``, ``route``,
    ``word`` for words that join or carry no meaning, ``unread`` for what was not read)."""

    text: str
    role: str


class Regimen(msgspec.Struct, frozen=True, kw_only=True):
    """One medicine as written, read.

    ``medicine`` is the name as typed, ``text`` all its words as typed; ``strength`` its strength
    as written ("500 mg"); ``dose`` the units a dose ("1 tablet"); ``per_day`` doses a day;
    ``per_week`` doses a week; ``every_days`` 1 for daily, 2 for every other day, 7 for weekly;
    ``weekdays`` the days it is taken (0 Monday); ``times`` the minutes of the day given; ``when``
    words such as bedtime; ``days`` a course's length; ``until`` its last day as written;
    ``as_needed`` for "prn"; ``route`` how it is given when the words say (``oral``, ``eye``,
    ``inhaled``...); ``pieces`` how each part was read.
    """

    medicine: str
    text: str = ""
    strength: str | None = None
    dose: str | None = None
    per_day: int | None = None
    per_week: int | None = None
    every_days: int = 1
    weekdays: list[int] = []
    times: list[int] = []
    when: list[str] = []
    days: int | None = None
    until: str | None = None
    as_needed: bool = False
    route: str | None = None
    pieces: list[Piece] = []

    @property
    def unread(self) -> list[str]:
        return [piece.text for piece in self.pieces if piece.role == "unread"]

    @property
    def query(self) -> str:
        """The name with the device words typed after it ("Ventolin Inhaler", "MgSO4 IV"), for
        finding the medicine: a route other than by mouth is part of what it is checked as."""
        devices = [p.text for p in self.pieces if p.role == "form" and p.text.casefold() in _DEVICE_WORDS]
        return " ".join([self.medicine, *devices]) if self.medicine else ""


class Timed(msgspec.Struct, frozen=True):
    """One dose time of a regimen: the minute of the day, and whether it was assumed rather than given."""

    minute: int
    assumed: bool


def dose_times(regimen: Regimen) -> list[Timed]:
    """Each dose's minute of the day: as given, or the conventional ones, marked assumed; none for
    a medicine taken only as needed, or whose words say neither a time nor how often.

    One time given for a medicine taken several times a day ("cipro 9am bd") sets the first dose,
    and the rest follow at even gaps, marked assumed. More or fewer times than doses is refused.
    """
    given = [Timed(minute, False) for minute in regimen.times]
    per_day = regimen.per_day
    if given and per_day is not None and per_day != len(given):
        if len(given) != 1 or DAY % per_day:
            raise InputError(
                "times-count-mismatch", medicine=regimen.medicine, per_day=per_day, given=len(given)
            )
        step = DAY // per_day
        return given + [Timed((regimen.times[0] + step * n) % DAY, True) for n in range(1, per_day)]
    if given or regimen.as_needed:
        return given
    return [Timed(minute, True) for minute in _conventional(regimen)]


def _conventional(regimen: Regimen) -> list[int]:
    when = sorted({WHEN_MINUTE[w] for w in _one_word_an_occasion(regimen.when) if w in WHEN_MINUTE})
    per_day = regimen.per_day
    if "meals" in regimen.when and not when:
        meals = [8 * 60, 13 * 60, 18 * 60]
        return meals if per_day in (None, 3) else list(CONVENTIONAL.get(per_day or 1, ()))
    if when and (per_day is None or per_day == len(when)):
        return when
    if per_day in CONVENTIONAL:
        return list(CONVENTIONAL[per_day])
    if per_day is not None and DAY % per_day == 0:
        step = DAY // per_day
        start = INTERVAL_START.get(24 // per_day, 0) if 24 % per_day == 0 else 0
        return sorted((start + step * n) % DAY for n in range(per_day))
    if regimen.every_days > 1 or regimen.weekdays:
        return [8 * 60]
    return []


def _one_word_an_occasion(when: Sequence[str]) -> list[str]:
    """The when-words with, for each time of day said more than one way, only its most exact."""
    kept = list(when)
    for words in OCCASIONS:
        said = [word for word in words if word in kept]
        kept = [word for word in kept if word not in said[1:]]
    return kept


# Words and what they say. Keys are folded: lower case, no dots ("b.i.d." is "bid").
_PER_DAY = {
    "od": 1, "qd": 1, "daily": 1, "qday": 1, "qam": 1, "qpm": 1, "qhs": 1, "hs": 1, "nocte": 1,
    "mane": 1, "bd": 2, "bid": 2, "tds": 3, "tid": 3, "qds": 4, "qid": 4, "everyday": 1,
}  # fmt: skip
_WHEN_CODES: dict[str, str] = {
    "qam": "morning", "mane": "morning", "qpm": "evening", "qhs": "bedtime", "hs": "bedtime",
    "nocte": "night",
}  # fmt: skip
_WHEN_WORDS: dict[str, str] = {
    "morning": "morning", "mornings": "morning", "breakfast": "breakfast", "lunch": "lunch",
    "lunchtime": "lunch", "evening": "evening", "evenings": "evening", "dinner": "dinner",
    "supper": "dinner", "tea": "dinner", "bedtime": "bedtime", "bed": "bedtime", "night": "night",
    "nightly": "night", "nighttime": "night", "meals": "meals", "meal": "meals", "wm": "meals",
}  # fmt: skip
_COUNTS = {
    "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4, "five": 5, "six": 6,
    "a": 1, "an": 1, "half": 0.5,
}  # fmt: skip
_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_MASS = {
    "mg", "mgs", "milligram", "milligrams", "mcg", "microgram", "micrograms", "ug", "µg", "g", "gm",
    "gram", "grams", "iu", "unit", "units", "mmol", "meq", "%",
}  # fmt: skip
_DOSE_UNITS = {
    "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "caplet", "caplets",
    "pill", "pills", "puff", "puffs", "drop", "drops", "spray", "sprays", "sachet", "sachets", "ml",
    "tsp", "teaspoon", "teaspoons", "teaspoonful", "tbsp", "tablespoon", "tablespoons", "patch",
    "patches", "softgel", "softgels", "lozenge", "lozenges", "injection", "vial", "ampoule",
    "suppository", "suppositories", "scoop", "scoops", "chew", "chews", "gummy", "gummies", "dose", "doses",
    "mls", "milliliter", "milliliters", "millilitre", "millilitres", "bottle", "bottles", "teaspoonsful",
    "tablespoonsful", "tablespoonfuls", "inhalation", "inhalations", "enema", "enemas", "application",
    "applications", "oz", "ounce", "ounces", "floz",
    # German units, as leaflets print them
    "tablette", "tabletten", "filmtablette", "filmtabletten", "kapsel", "kapseln", "brausetablette",
    "brausetabletten", "kautablette", "kautabletten", "beutel",
}  # fmt: skip
_DAY_UNITS = {
    "day": 1,
    "days": 1,
    "d": 1,
    "week": 7,
    "weeks": 7,
    "wk": 7,
    "wks": 7,
    "month": 30,
    "months": 30,
}
_HOUR_UNITS = {"h", "hr", "hrs", "hour", "hours", "hourly", "hrly"}
#: Days of a course counted by the time of day the dose is taken: "for 3 nights", "for three evenings".
_NIGHTS = {"nights", "evenings", "mornings"}
_GLUE_STEMS = {
    *_PER_DAY,
    "daily",
    "day",
    "days",
    "bedtime",
    "night",
    "weekly",
    "prn",
    "week",
    "morning",
    "h",
    "hr",
    "hrs",
}
_COUNT_WORDS = {"two": 2.0, "three": 3.0, "four": 4.0, "six": 6.0, "eight": 8.0, "twelve": 12.0, "other": 2.0}
_WEEKDAY_WORDS = {
    **{name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                          "sunday"))},
    **{name: n for n, name in enumerate(WEEKDAYS)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
}  # fmt: skip
#: Words that say what kind of unit it is: "2 chewable tablets", "3 veg capsules", "4 study
#: capsules". They belong to the dose or the form, never to the medicine's name.
_UNIT_DESCRIPTIONS = {
    "chewable", "chewables", "veg", "vegetarian", "vegan", "soft", "study", "effervescent", "dispersible",
    "enteric", "coated",
}  # fmt: skip
#: Words for who a label's directions are for: never a medicine's name.
_WHO_WORDS = {
    "adult", "adults", "child", "children", "kids", "teens", "teenagers", "adolescents", "infants",
    "babies", "toddlers", "elderly", "seniors", "participants", "volunteers", "patients", "subjects",
}  # fmt: skip
_PRN = {"prn", "sos"}
_MAXIMUM = {"max", "maximum", "mdd", "exceed"}
#: A field a prescriber's system prints before free instructions ("instrdo not crush or chew"):
#: the words after it, to the end of the line, are a note shown back.
_NOTE_FIELDS = {"instr"}
_FORM_WORDS = {"tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule", "capsules", "caplet", "caplets",
               "pen", "pens", "softgel", "softgels"}  # fmt: skip
_Q_WORDS = {
    "am": "morning",
    "pm": "evening",
    "d": "",
    "day": "",
    "hs": "bedtime",
    "daily": "",
    "morning": "morning",
}
_ORAL = {"po", "oral", "orally", "swallow", "swallowed"}
_VERBS = {
    "take", "takes", "taking", "taken", "give", "given", "use", "used", "using", "i", "im", "i'm", "inhale",
    "instill", "instil", "inject", "apply", "insert", "chew", "dissolve", "place", "sip", "drink", "mix",
    "infuse", "administer", "swallow", "add", "start", "drinking", "starting", "will", "allow", "let",
    "applied", "inserted", "instilled", "swish", "spit", "rinse", "gargle",
}  # fmt: skip
_FILLER = {"of", "the", "my", "on", "in", "each", "per", "every", "a", "an", "at", "to", "with", "by",
           "preferably", "ideally", "usually", "up", "least",
           "mouth", "and", "then", "also", "plus", "times", "time", "x", "day", "days", "week", "am",
           "pm", "for", "until", "till", "as", "when", "if", "needed", "required", "before", "after",
           "other", "alternate", "food", "empty", "stomach", "about", "around", "approximately",
           "approx", "or", "via", "under", "into", "onto", "total", "be", "whole", "suggested",
           "recommended", "seconds"}  # fmt: skip
_CLOCK_WORDS = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}


class _Reading:
    """The state of one medicine being read, in ``text``."""

    def __init__(self, text: str = "", found: Sequence[Token] = ()) -> None:
        self.text = text
        self.found = found
        #: Where each name word stands in ``found``.
        self.name_at: list[int] = []
        #: Whether the token being read stands inside brackets, and whether the name began there.
        self.in_brackets = False
        self.name_in_brackets = False
        #: Whether a strength, dose, time or how often was read after the name began.
        self.after_name = False
        #: The routes its words name ("po", "eye", "inhaled"), in order.
        self.routes: list[str] = []
        #: Where in ``text`` this medicine's words begin and end.
        self.span = (len(text), 0)
        self.name: list[Token] = []
        self.pieces: list[Piece] = []
        self.facts: dict[str, object] = {}
        self.times: list[int] = []
        self.when: list[str] = []
        self.weekdays: list[int] = []
        #: Whether an interval in hours was read ("q8h", "every 12 hours").
        self.hourly = False

    @property
    def has_timing(self) -> bool:
        """Whether how often or when was read (a strength or dose alone is not timing)."""
        return bool(set(self.facts) - {"strength", "dose"} or self.times or self.when or self.weekdays)

    @property
    def has_regimen(self) -> bool:
        return bool(self.facts or self.times or self.when or self.weekdays)

    def add(self, found: Sequence[Token], role: str) -> None:
        if found:
            if self.name and role not in ("name", "word", "also-called"):
                self.after_name = True
            self.pieces.append(Piece(_text(found), role))
            self.span = (min(self.span[0], found[0].start), max(self.span[1], found[-1].end))
            self.routes += [ROUTES[token.key] for token in found if token.key in ROUTES]

    def fact(self, key: str, value: object, found: Sequence[Token], role: str) -> None:
        if key in self.facts and self.facts[key] != value:
            if self.in_brackets:  # "30 mL (2 TBSP)": the same dose said again in brackets
                self.add(found, "also")
                return
            if key == "dose" and _same_amount(str(self.facts[key]), str(value)):
                self.add(found, "also")  # "3 tablets ... 3 tabs", "15 ml ... swish 15ml": said again
                return
            if key == "per_day" and value == 1 and self.hourly and {t.key for t in found} <= _EVERY_DAY:
                self.add(found, "also")  # "every 12 hours daily": every day, not once a day
                return
            raise InputError("fact-twice", text=_text(found), fact=key, said=self._said(key))
        self.facts[key] = value
        self.add(found, role)

    def _said(self, key: str) -> str:
        roles = {"per_day": "how-often", "every_days": "how-often", "days": "course"}
        earlier = [p.text for p in self.pieces if p.role == roles.get(key, key)]
        return earlier[0] if earlier else key

    def name_text(self) -> str:
        """The name as typed: from its first word to its last, with signs stuck to either end."""
        if not self.name_at:
            return ""
        start_at, end_at = self.name_at[0], self.name_at[-1]
        found = self.found
        while start_at > 0 and found[start_at].joined and _sticks(found[start_at - 1], ("@", ",")):
            start_at -= 1
        while end_at + 1 < len(found) and found[end_at + 1].joined and _sticks(found[end_at + 1], _ENDS):
            end_at += 1
        name = self.text[found[start_at].start : found[end_at].end]
        return name[:-1] if name.endswith(".") and not found[end_at].key.endswith(".") else name

    def regimen(self) -> Regimen:
        name = self.name_text()
        if len(set(self.weekdays)) == 7 and "every_days" not in self.facts:
            self.weekdays = []  # "M-F" and "Sat-Sun": every day, once a day unless it says more
            self.facts.setdefault("per_day", 1)
        every = int(str(self.facts.get("every_days", 7 if self.weekdays else 1)))
        per_day = self.facts.get("per_day")
        slots = {_SLOTS.get(word.rsplit("-", 1)[-1]) for word in self.when}
        slots |= {"noon" if minute == 12 * 60 else str(minute) for minute in self.times} if slots else set()
        if per_day is None and every == 1 and len(slots) > 1 and None not in slots:
            per_day = len(slots)  # "in the morning ... at noon ... in the evening": three a day
        start, end = self.span
        return Regimen(
            text=self.text[start:end] if start < end else name,
            medicine=name,
            strength=_opt(self.facts.get("strength")),
            dose=_opt(self.facts.get("dose")),
            per_day=int(str(per_day)) if per_day is not None else None,
            per_week=int(str(self.facts["per_week"])) if "per_week" in self.facts else None,
            every_days=every,
            weekdays=sorted(set(self.weekdays)),
            times=list(dict.fromkeys(self.times)),
            when=list(dict.fromkeys(self.when)),
            days=int(str(self.facts["days"])) if "days" in self.facts else None,
            until=_opt(self.facts.get("until")),
            as_needed=bool(self.facts.get("as_needed")),
            route=_route(self.routes),
            pieces=self.pieces,
        )


#: Words that say "every day" after an interval in hours, adding nothing to it.
_EVERY_DAY = {"daily", "everyday", "every", "day", "qd", "a", "per", "each"}
#: Each unit as one word, for comparing a dose said twice ("tabs" and "tablets" are one unit).
_SAME_UNITS = {
    "tab": "tablet", "tabs": "tablet", "tablets": "tablet", "cap": "capsule", "caps": "capsule",
    "capsules": "capsule", "mls": "ml", "milliliter": "ml", "milliliters": "ml", "millilitre": "ml",
    "millilitres": "ml", "puffs": "puff", "drops": "drop", "caplets": "caplet", "softgels": "softgel",
}  # fmt: skip


def _same_amount(first: str, second: str) -> bool:
    """Whether two doses are one amount said twice: the same numbers and the same unit, however
    they were spelt or spaced ("3 tablets" and "3 tabs", "15 ml" and "15ml")."""

    def word(token: Token) -> str:
        if token.kind == "number" and token.value is not None:
            return f"{token.value:g}"
        return _SAME_UNITS.get(token.key, token.key)

    def parts(text: str) -> list[str]:
        return [word(token) for token in tokens(text) if token.kind != "sign"]

    return parts(first) == parts(second)


#: The part of the day each occasion word falls in: "every morning 30 minutes before breakfast"
#: is one occasion, "before breakfast ... before lunch ... at bedtime" three.
_SLOTS = {
    "morning": "morning", "breakfast": "morning", "noon": "noon", "lunch": "noon", "evening": "evening",
    "dinner": "evening", "night": "night", "bedtime": "night",
}  # fmt: skip
_ENDS = ("@", ",", ";", ".", ":")
#: Words that say how a medicine is given; a route other than by mouth wins over "po" beside it.
ROUTES: dict[str, str] = {
    **dict.fromkeys(("po", "oral", "orally", "swallow", "swallowed", "mouth"), "oral"),
    **dict.fromkeys(("sl", "sublingual", "sublingually", "tongue"), "sublingual"),
    **dict.fromkeys(("inhale", "inhaled", "inhalation", "inhalations", "inhaler", "inh", "nebulizer",
                     "nebuliser", "nebulization", "nebulisation", "neb", "nebs"), "inhaled"),
    **dict.fromkeys(("inject", "injection", "injections", "injected", "subq", "sq", "sc", "subcut",
                     "subcutaneous", "subcutaneously", "iv", "ivtt", "ivpb", "im", "intramuscular",
                     "intramuscularly", "intravenous", "intravenously", "infusion", "infuse", "drip"),
                    "injection"),
    **dict.fromkeys(("eye", "eyes", "ophthalmic", "eyedrops"), "eye"),
    **dict.fromkeys(("ear", "ears", "otic"), "ear"),
    **dict.fromkeys(("nostril", "nostrils", "nasal", "intranasal", "intranasally", "nose"), "nasal"),
    **dict.fromkeys(("pr", "rectal", "rectally", "rectum", "suppository", "suppositories", "enema", "enemas"),
                    "rectal"),
    **dict.fromkeys(("pv", "vaginal", "vaginally"), "vaginal"),
    **dict.fromkeys(("topical", "topically", "skin", "cream", "ointment", "lotion", "gel"), "topical"),
    **dict.fromkeys(("transdermal", "transdermally"), "transdermal"),
}  # fmt: skip


def _route(named: Sequence[str]) -> str | None:
    """How a medicine is given, from the routes its words name: one other than by mouth, else oral."""
    other = [route for route in named if route != "oral"]
    return other[0] if other else ("oral" if named else None)


def _sticks(token: Token, not_these: tuple[str, ...]) -> bool:
    """Whether a sign touching a name belongs to it ("<b>" around a name), not to what follows;
    brackets never do: "(Mag-Ox)" names Mag-Ox."""
    return token.kind == "sign" and token.key not in not_these and token.key not in _BRACKETS


_BRACKETS = ("(", ")", "[", "]")


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _text(found: Sequence[Token]) -> str:
    parts: list[str] = []
    for token in found:
        if parts and not token.joined:
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts)


def segments(words: Sequence[str]) -> list[str]:
    """A command line's words grouped into the texts to read: a word with a space in it (quoted)
    stands alone; words typed without quotes are read together."""
    found: list[str] = []
    loose: list[str] = []
    for word in words:
        if any(c.isspace() for c in word.strip()):
            if loose:
                found.append(" ".join(loose))
                loose = []
            found.append(word)
        else:
            loose.append(word)
    if loose:
        found.append(" ".join(loose))
    return found


def read_regimens(words: Sequence[str]) -> list[Regimen]:
    """Every medicine in a command line's words, each read as a regimen."""
    found: list[Regimen] = []
    for text in segments(words):
        found += read_text(text)
    return [regimen for regimen in found if regimen.medicine or regimen.pieces]


def read_text(text: str) -> list[Regimen]:
    """The medicines in one text. A new medicine starts at a name word that follows another
    medicine's regimen ("cipro 500mg bd alendronate 70mg weekly"), or a separator (",", ";",
    "and", "&", "+", "then"). Words such as "of" between two name words belong to the name
    ("milk of magnesia")."""
    found = _said_once(text, _unglued(tokens(text)))
    check_numbers(text, found)
    read: list[Regimen] = []
    current = _Reading(text, found)
    pending: list[tuple[int, Token]] = []  # filler words read since the last name word, and their pieces
    separated = False
    position = 0
    depth = 0
    while position < len(found):
        token = found[position]
        depth = max(0, depth + (token.key in ("(", "[")) - (token.key in (")", "]")))
        current.in_brackets = depth > 0
        pieces_before = len(current.pieces)
        step = _step(found, position, current)
        if step is not None:
            if token.key in _SEPARATORS and current.name:
                separated = True
            elif len(current.pieces) > pieces_before and current.pieces[-1].role == "word" and step == 1:
                pending.append((len(current.pieces) - 1, token))
            position += step
            continue
        if current.name and (current.after_name or separated):
            read.append(current.regimen())
            current, pending = _Reading(text, found), []
        elif current.name:
            for index, filler in pending:  # "of" in "milk of magnesia"
                current.pieces[index] = Piece(filler.text, "name")
                current.name.append(filler)
        pending, separated = [], False
        current.name_in_brackets = current.name_in_brackets or (current.in_brackets and not current.name)
        current.name.append(token)
        current.name_at.append(position)
        current.add([token], "name")
        position += 1
    read.append(current.regimen())
    return [_merged(r) for r in read if r.medicine or r.pieces]


_SEPARATORS = {",", ";", "and", "&", "+", "then", "also", "plus"}


def _unglued(found: list[Token]) -> list[Token]:
    """Words glued to an "x" before a number, as pharmacy systems print them ("bidx9 days",
    "dailyx90 days"), split into the word and the "x"; and the fields such a system glues to
    "prn" and "instr" ("tidprnas needed", "daysprnanxiety", "dailyinstrdo not crush") split
    where they meet."""
    out: list[Token] = []
    for position, token in enumerate(found):
        following = found[position + 1] if position + 1 < len(found) else None
        stem = token.key[:-1]
        glued = following is not None and following.kind == "number" and following.joined
        if token.kind == "word" and token.key.endswith("x") and stem in _GLUE_STEMS and glued:
            cut = token.end - 1
            out += _split_fields(Token("word", token.text[:-1], stem, token.start, cut, token.joined))
            out.append(Token("word", token.text[-1], "x", cut, token.end, True))
        else:
            out += _split_fields(token)
    return out


#: Fields a prescriber's system prints with no space around them: "prn" (as needed) and "instr"
#: (the instructions that follow): "1 tabs po tidprnas needed", "bidprnfor anxiety".
_GLUED_FIELDS = ("prn", "instr", "wm")


def _split_fields(token: Token) -> list[Token]:
    """A word with "prn" or "instr" glued inside it, split into its pieces ("tidprnas" is "tid",
    "prn", "as"; "daysprnanxiety" is "days", "prn", "anxiety"), each piece joined to the one before.
    A word is split only where what stands before the field is a known code or a word of three
    letters or more, and never at "instruct..." ("instructions" stays one word). One pass along
    the word: each field found is cut off, and the search goes on from after it."""
    key = token.key
    if token.kind != "word" or len(key) != len(token.text) or key in _GLUED_FIELDS or not key.isalpha():
        return [token]
    cuts: list[tuple[int, int]] = []  # where each field starts and ends
    at, piece_start = 0, 0
    while at < len(key):
        field = next((f for f in _GLUED_FIELDS if key.startswith(f, at)), None)
        if field is None or key.startswith("instruct", at):
            at += 1
            continue
        left, end = key[piece_start:at], at + len(field)
        right_size = len(key) - end
        if (left and len(left) < 3 and left not in _GLUE_STEMS) or 0 < right_size < 2:
            at += 1
            continue
        if field == "wm" and left not in _PER_DAY:  # "tidwm": "wm" (with meals) only after a code
            at += 1
            continue
        cuts.append((at, end))
        at = piece_start = end
    if not cuts:
        return [token]
    pieces: list[Token] = []
    bounds = [0, *(edge for cut in cuts for edge in cut), len(key)]
    for start, stop in itertools.pairwise(bounds):
        if start < stop:
            text = token.text[start:stop]
            joined = token.joined if not pieces else True
            pieces.append(
                Token("word", text, key[start:stop], token.start + start, token.start + stop, joined)
            )
    return pieces


#: Counts written as words, for a number said twice ("one (1)").
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "thirty": 30,
}  # fmt: skip


def _said_once(text: str, found: list[Token]) -> list[Token]:
    """A count said in words and again in figures, as prescriptions write it ("one (1) tablet",
    "three (3) days", "every 6 six hours"), as one count that keeps both in its text."""
    out: list[Token] = []
    position = 0
    while position < len(found):
        token = found[position]
        end = _repeat_end(found, position)
        if end > position + 1:
            last = found[end - 1]
            out.append(msgspec.structs.replace(token, text=text[token.start : last.end], end=last.end))
            position = end
        else:
            out.append(token)
            position += 1
    return out


def _repeat_end(found: Sequence[Token], at: int) -> int:
    """Where the count at ``at`` ends, past the same count said again the other way."""
    if found[at].key == "half" and [_key(found, at + n) for n in (1, 2, 3)] == ["1", "/", "2"]:
        return at + 4  # "half 1/2 a tablet"
    value = _said_value(found[at])
    if value is None:
        return at + 1
    other = "number" if found[at].kind == "word" else "word"
    inner = at + 2 if _key(found, at + 1) == "(" else at + 1
    said = found[inner] if inner < len(found) else None
    if said is None or said.kind != other or _said_value(said) != value:
        return at + 1
    if inner == at + 2:
        return inner + 2 if _key(found, inner + 1) == ")" else at + 1
    if other == "word" and _key(found, inner + 1) in ("times", "time", "x"):
        return at + 1  # "take 2 two times a day" may be a dose of 2 taken twice: not one count
    return inner + 1


def _said_value(token: Token) -> float | None:
    if token.kind == "number":
        return token.value if token.other is None else None
    return float(_NUMBER_WORDS[token.key]) if token.key in _NUMBER_WORDS else None


def _merged(regimen: Regimen) -> Regimen:
    """Adjacent pieces of one role shown as one: "eye drops", not "eye" and "drops"."""
    merged: list[Piece] = []
    for piece in regimen.pieces:
        if merged and merged[-1].role == piece.role and piece.role in ("name", "unread"):
            merged[-1] = Piece(f"{merged[-1].text} {piece.text}", piece.role)
        else:
            merged.append(piece)
    return msgspec.structs.replace(regimen, pieces=merged)


def _key(found: Sequence[Token], position: int) -> str:
    return found[position].key if 0 <= position < len(found) else ""


def _step(found: Sequence[Token], at: int, current: _Reading) -> int | None:
    """Read the token at ``at`` (and any that go with it) into ``current``; the number of tokens
    read, or None when it is a name word."""
    token = found[at]
    key = token.key
    if (
        token.kind == "number"
        and token.joined
        and current.name_at
        and _stuck_to_name(found, current.name_at[-1], at)
    ):
        return None  # part of the name: "vitamin D3", "B12", "MgSO4", "alert(1)"
    for reader in _READERS:
        taken = reader(found, at, current)
        if taken:
            return taken
    if key == "*" and not current.name:
        end = _starred_end(found, at)
        if end:
            current.add(found[at:end], "note")  # "*DAILY DISPENSE*": a pharmacy's note, not the directions
            return end - at
    if token.kind == "sign":
        current.add([token], "word")
        return 1
    if token.kind == "number":
        current.add([token], "unread")
        return 1
    if key in _HEADINGS and _key(found, at + 1) == ":":
        current.add(found[at : at + 2], "word")  # "Dosage:", "Directions:": a heading
        return 2
    if (
        key in _DEVICE_WORDS
        and current.name_at
        and current.name_at[-1] == at - 1
        and not current.after_name
        and not current.in_brackets
    ):
        current.add([token], "form")  # "Ventolin Inhaler", "MgSO4 IV": how it is given, not its name
        return 1
    if key in ("divided", "split") and _key(found, at + 1) in ("doses", "dose"):
        current.add(found[at : at + 2], "note")  # "or in divided doses": how the day's amount is split
        return 2
    if key == "avoid" or (key == "if" and at + 1 < len(found) and found[at + 1].kind == "word"):
        end = at + 1
        while end < len(found) and found[end].key not in (".", ";") and found[end].kind != "number":
            if found[end].text.endswith("."):
                break
            end += 1  # to the end of the sentence, or a number (which is read, never hidden in a note)
        end = min(len(found), end + 1) if end < len(found) and found[end].kind != "number" else end
        current.add(found[at:end], "note")  # "if sleepy do not drive", "avoid alcohol.": a caution
        return end - at
    if key == "do" and _key(found, at + 1) == "not":
        end = at + 2
        while end < len(found) and found[end].key not in (".", ";") and not found[end].text.endswith("."):
            end += 1  # to the end of the sentence
        end = min(len(found), end + 1)
        current.add(found[at:end], "note")  # "Do not chew or crush.": a caution, never a medicine
        return end - at
    if key in _NOTE_FIELDS:
        current.add(found[at:], "note")  # "instrdo not crush or chew": the instructions, as a note
        return len(found) - at
    if key in _MAXIMUM or (
        key in ("no", "not") and [_key(found, at + 1), _key(found, at + 2)] == ["more", "than"]
    ):
        end = at + 1
        while end < len(found) and found[end].key not in (".", ";"):
            end += 1
        current.add(found[at:end], "maximum")  # "max daily dose 8 tablets": a ceiling, not the dose
        return end - at
    if current.name and key in _LIQUID_FORMS and _key(found, at - 1) in ROUTES and not current.has_regimen:
        current.add([token], "form")  # "Tilray FS oral solution 1 ml BD": the form, not a second medicine
        return 1
    if current.name and (key in _FORM_WORDS or (key in ROUTES and current.after_name)):
        # "Laxsol tabs", "1 PO QD SQ"; a route word right after the name stays in it ("ciprofloxacin
        # eye drops"), where the resolver reads it as the route
        current.add([token], "form" if key in _FORM_WORDS else "route")
        return 1
    total = (
        key == "total"
        and _key(found, at + 1) == "of"
        and at + 2 < len(found)
        and found[at + 2].kind == "number"
    )
    if total and _key(found, at + 3) in _MASS:
        current.add(found[at : at + 4], "total")  # "for a total of 20 milligrams": all the dose's units
        return 4
    if current.in_brackets and key in _MASS and _key(found, at - 1) == "(" and _key(found, at - 2) in _MASS:
        current.add([token], "also")  # "20 milligrams (mg.)": the unit said again
        return 1
    if current.in_brackets and key in _DOSE_UNITS and "dose" in current.facts:
        current.add([token], "also")  # "2 to 4 tablespoonfuls (TBSP)": the unit said again
        return 1
    if not current.name and key in _WHO_WORDS:
        end = at + 1
        while _key(found, end) in ("and", "&", "or", "/") and _key(found, end + 1) in _WHO_WORDS:
            end += 2
        current.add(found[at:end], "who")  # "Adults and children 12 years and older: ..."
        return end - at
    if key in _UNIT_DESCRIPTIONS and _key(found, at + 1) in _FORM_WORDS and not current.in_brackets:
        current.add(found[at : at + 2], "form")  # "Chewable tablet: 8 tablets/day": the form, no name
        return 2
    if not current.name and key in _FORM_WORDS and not current.in_brackets:
        current.add([token], "form")  # "Tablet (Mag-Ox): 1-2 tablets": the form, then the name
        return 1
    if (
        current.name
        and current.in_brackets
        and not current.name_in_brackets
        and not current.after_name
        and token.kind == "word"
    ):
        current.add([token], "also-called")  # "Senna (senokot)": a second name for the same medicine
        return 1
    if key in _ORAL or (key == "by" and _key(found, at + 1) in ("mouth", *ROUTES)):
        size = 2 if key == "by" else 1
        current.add(found[at : at + size], "route")  # "by mouth", "by nebulization"
        return size
    if key in ROUTES and not current.name and not current.in_brackets:
        current.add([token], "route")  # "3 ml inhalation every 6 hrs": how, before any name
        return 1
    if key in _VERBS or key in _FILLER or key in _SEPARATORS:
        current.add([token], "word")
        return 1
    return None


#: Liquid and other forms named after a route ("oral solution", "oral suspension").
_LIQUID_FORMS = {"solution", "suspension", "syrup", "liquid", "elixir", "drops", "powder", "granules"}
#: Devices and forms that follow a medicine's name and say how it is given, not what it is.
_DEVICE_WORDS = {
    "inhaler", "inhalers", "suppository", "suppositories", "iv", "ivpb", "injection", "injections",
    "nebuliser", "nebulizer", "infusion",
}  # fmt: skip
#: Headings before a colon on a label or a handout: "Dosage:", "Directions:", "Adult Dosage:".
_HEADINGS = {"dosage", "directions", "direction", "usage", "instructions", "sig", "dose", "dosing"}
#: The most tokens a pharmacy note between asterisks may hold ("*DAILY DISPENSE*").
_NOTE_TOKENS = 8


def _starred_end(found: Sequence[Token], at: int) -> int:
    """Where a note between asterisks that starts at ``at`` ends (after its closing "*"), or 0."""
    for end in range(at + 1, min(len(found), at + _NOTE_TOKENS + 2)):
        if found[end].key == "*":
            words = [t for t in found[at + 1 : end] if t.kind == "word"]
            return end + 1 if words and all(t.kind == "word" for t in found[at + 1 : end]) else 0
    return 0


def _stuck_to_name(found: Sequence[Token], last_name: int, at: int) -> bool:
    """Whether every token from the last name word to ``at`` touches the one before it (no space),
    with only signs between them. Walks back over the signs alone, so a long line costs no more."""
    position = at
    while position > last_name + 1 and found[position - 1].kind == "sign" and found[position].joined:
        position -= 1
    return position == last_name + 1 and found[position].joined


#: Words for mixing a dose into a drink.
_MIXING = {"mixed", "mix", "dissolved", "dissolve", "stirred", "stir", "diluted", "dilute", "followed"}
#: Words between "in"/"with" and the drink: "with a full glass of", "into at least 240mL of".
_DRINK_FILL = {"at", "least", "a", "full", "large", "small", "some", "little", "plenty", "an"}
_DRINK_ADJECTIVES = {"warm", "hot", "cold", "clear", "very", "cool", "room", "temperature", "plain", "still"}
_GLASSES = {"glass", "glasses", "glassful", "cup", "cups", "cupful"}


def _drink(found: Sequence[Token], at: int, current: _Reading) -> int:
    """The drink a dose is taken in or with: "mixed into at least 240mL (1 cup) of water", "with a
    full glass of water", "a full 8 oz,glass of liquid", "in 8 ounces of water". It says how the
    dose is taken, never a second dose or another medicine."""
    end = at + (_key(found, at) in _MIXING)
    preposition = _key(found, end) in ("in", "into", "with") or (end > at and _key(found, end) == "by")
    end += preposition  # "followed by plenty of liquids"
    filled = end
    while _key(found, end) in _DRINK_FILL and end - filled < 4:
        end += 1
    measured = end < len(found) and found[end].kind == "number"
    said = end  # where the drink itself is said: its amount, glass, or name
    if measured:
        unit = end + 1 + (_key(found, end + 1) == "-")  # "an 8-oz. glass"
        unit += _key(found, unit) in ("fl", "fluid")
        if _key(found, unit) not in _VOLUMES:
            return 0
        end = unit + 1
        end = (_closing(found, end) or end) if _key(found, end) == "(" else end  # "(1 cup)"
        end += _key(found, end) == ","
    vessel = _key(found, end) in _GLASSES
    end += vessel
    if vessel and _key(found, end) == "(":
        end = _closing(found, end) or end  # "a full glass (8 oz.) of liquid"
    of = _key(found, end) == "of"
    end += of
    while _key(found, end) in _DRINK_ADJECTIVES and end - at < 14:
        end += 1
    if _key(found, end) not in _DRINKS or _key(found, end + 1) == "of":  # never "milk of magnesia"
        return 0
    if not (preposition or vessel or (measured and of)):
        return 0
    current.add(found[at:said], "word")
    current.add(found[said : end + 1], "vessel")
    return end + 1 - at


#: What an infusion is given in: "in 5% dextrose or normal saline", "in 100 mL NS".
_DILUENTS = {"dextrose", "saline", "d5w", "ns", "nss", "glucose", "nacl", "lr"}
_DILUENT_WORDS = {
    *_DILUENTS, "normal", "half", "or", "and", "/", "%", "ml", "mls", "sodium", "chloride", "water", "for",
    "injection", "lactated", "ringer's", "ringers",
}  # fmt: skip


def _diluent(found: Sequence[Token], at: int, current: _Reading) -> int:
    """What an infusion is given in ("in 5% dextrose or normal saline", "in 100 mL NS"): the
    diluent, never a strength or another medicine."""
    if _key(found, at) != "in":
        return 0
    end, named = at + 1, False
    while end < len(found) and end - at <= 10:
        if [_key(found, end), _key(found, end + 2)] == ["d", "w"] and found[end + 1].kind == "number":
            named, end = True, end + 3  # "D5W", "D10W": dextrose in water
            continue
        if found[end].kind != "number" and found[end].key not in _DILUENT_WORDS:
            break
        named = named or found[end].key in _DILUENTS
        end += 1
    if not named:
        return 0
    current.add(found[at:end], "diluent")
    return end - at


#: Events a dose is timed by, as preparation handouts write them: "the night before your procedure".
_EVENTS = {
    "procedure", "colonoscopy", "exam", "examination", "test", "surgery", "operation", "appointment",
    "endoscopy", "scan", "sigmoidoscopy",
}  # fmt: skip


def _occasion(found: Sequence[Token], at: int, current: _Reading) -> int:
    """ "night before your procedure", "the day before your colonoscopy", "after your exam": when,
    by the event; never a medicine's name."""
    end = at + (_key(found, at) in ("night", "day", "evening", "morning", "afternoon"))
    if _key(found, end) not in ("before", "after", "of", "prior"):
        return 0
    end += 1 + (_key(found, end) == "prior" and _key(found, end + 1) == "to")
    end += _key(found, end) in ("your", "the", "my")
    if _key(found, end) not in _EVENTS:
        return 0
    current.add(found[at : end + 1], "when")
    return end + 1 - at


def _clock(found: Sequence[Token], at: int, current: _Reading) -> int:
    """A time of day: 7am, 7 am, 7:30, 19:30, 7.30pm, noon, and 0730 after @ or at."""
    start = at
    sign = found[at].key == "@"
    marked = sign or found[at].key == "at"
    if marked:
        at += 1
        if at >= len(found):
            if sign:
                raise InputError("nothing-after-at", text=_text(found))
            return 0
    token = found[at]
    if token.key in _CLOCK_WORDS:
        current.times.append(_CLOCK_WORDS[token.key])
        current.add(found[start : at + 1], "time")
        return at + 1 - start
    minute, size, problem = clock_at(found, at, marked)
    if minute is None and marked and problem == "needs-half":
        minute, size = _hour_of_the_day(found, at, size)
    if minute is None:
        # "at 9": an hour that may be morning or evening; never a dose or a strength
        at_hour = marked and problem == "needs-half" and _key(found, at + size) not in _NOT_AN_HOUR_AFTER
        if sign or at_hour:
            raise InputError(_clock_problem(problem), text=_text(found[at : at + max(size, 1)]))
        return 0
    current.times.append(minute)
    current.add(found[start : at + size], "time")
    return at + size - start


#: The part of the day that sets an hour said without am or pm ("at 5 in the evening" is 17:00):
#: the hours it can hold and how many hours to add to them.
_PARTS_OF_DAY = {
    "morning": (1, 11, 0), "afternoon": (1, 11, 12), "evening": (1, 11, 12), "night": (6, 11, 12),
}  # fmt: skip


def _hour_of_the_day(found: Sequence[Token], at: int, size: int) -> tuple[int | None, int]:
    """An hour said with the part of the day after it, "5 in the evening", "9 at night", "7 in the
    morning": its minute and size in tokens, or None when no part of the day follows it."""
    hour = found[at].value
    after = at + size
    if _key(found, after) == "in" and _key(found, after + 1) == "the":
        part, taken = _key(found, after + 2), size + 3
    elif _key(found, after) == "at" and _key(found, after + 1) == "night":
        part, taken = "night", size + 2
    else:
        return None, size
    if part not in _PARTS_OF_DAY or hour is None or hour != int(hour):
        return None, size
    low, high, add = _PARTS_OF_DAY[part]
    if part == "afternoon" and hour == 12:
        return 12 * 60, taken
    if not low <= hour <= high:
        return None, size
    return (int(hour) % 12 + add) * 60, taken


#: Words after "at" and a number that make it something other than an hour: "at 2 tablets".
_NOT_AN_HOUR_AFTER = {
    *_DOSE_UNITS, *_MASS, *_DAY_UNITS, *_HOUR_UNITS, "min", "mins", "minute", "minutes", "weeks",
    "x", "times", "time", "years", "year", "months", "%", "-", "to", "or", "/", ".",
}  # fmt: skip


def _clock_problem(problem: str) -> str:
    """The error code for what is wrong with a time of day."""
    return _CLOCK_PROBLEMS.get(problem, "time-unread")


_CLOCK_PROBLEMS = {
    "needs-half": "time-needs-am-pm",
    "half-hour": "time-hour-over-12",
    "range": "time-out-of-range",
}


def read_clock(text: str) -> int:
    """The minute of the day in a time written alone: "19:30", "0730", "7am", "7:30 pm", "noon"."""
    found = tokens(text)
    check_numbers(text, found)
    if len(found) == 1 and found[0].key in _CLOCK_WORDS:
        return _CLOCK_WORDS[found[0].key]
    if not found:
        raise InputError("empty-time")
    minute, size, problem = clock_at(found, 0, True)
    if minute is None or size != len(found):
        raise InputError(_clock_problem(problem if minute is None else ""), text=text.strip())
    return minute


def clock_at(found: Sequence[Token], at: int, marked: bool) -> tuple[int | None, int, str]:
    """A clock time starting at token ``at``: its minute (or None), the tokens it takes, and what is
    wrong when it is not one (``needs-half``, ``half-hour``, ``range``, or ``not-a-time``).
    Digits alone ("0730") are a time only when ``marked`` (after "@" or "at")."""
    token = found[at]
    if token.kind != "number" or token.value is None or token.other is not None:
        return None, 1, "not-a-time"
    hour_text, _, minute_text = token.text.partition(".")
    if "," in token.text:
        return None, 1, "not-a-time"
    size = 1
    if not minute_text and _key(found, at + 1) in (":", "h") and found[at + 1].joined:
        following = found[at + 2] if at + 2 < len(found) else None
        if following is not None and following.kind == "number" and following.joined:
            minute_text, size = following.text, 3
    half = _key(found, at + size)
    if half in ("am", "pm") or (half in ("a", "p") and found[at + size].joined):
        size += 1
    else:
        half = ""
    if not hour_text.isdigit() or (minute_text and not (minute_text.isdigit() and len(minute_text) == 2)):
        return None, size, "not-a-time"
    if not minute_text and not half:
        if marked and len(hour_text) <= 2 and 13 <= int(hour_text) <= 23:
            return int(hour_text) * 60, size, ""  # "at 21": only a 24-hour clock reads it
        if not (marked and len(hour_text) in (3, 4)):  # "@0730", "at 2100"
            return None, size, "needs-half" if marked else "not-a-time"
        hour_text, minute_text = hour_text[:-2], hour_text[-2:]
    elif "." in token.text and not half and not marked:
        return None, size, "not-a-time"  # "7.30" alone may be a strength
    hour, minute = int(hour_text), int(minute_text or 0)
    if half:
        if not 1 <= hour <= 12:
            return None, size, "half-hour"
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None, size, "range"
    return hour * 60 + minute, size, ""


def _amount(found: Sequence[Token], at: int, current: _Reading) -> int:
    """A strength ("500mg", "500 mg/5 mL", "100" right after the name) or a dose ("1 tablet",
    "1-2 tabs", "half a tablet", "2.5 mL")."""
    token = found[at]
    ordinal = token.key in _ORDINAL_WORDS and _key(found, at - 1) in ("the", "your")
    if ordinal and _key(found, at + 1) in _DOSE_UNITS:
        unit_text = found[at + 1].text.rstrip(".")
        current.fact("dose", f"1 {unit_text}", found[at : at + 2], "dose")  # "the second bottle"
        return 2
    count = _count_value(found, at)
    if count is None:
        return 0
    value, size = count
    spoons = _spoons(found, at + size)
    if spoons and value is not None:
        # "2x5ml spoon", "1 x 5 ml spoon", "three 5ml spoonsful": that many spoons of that size
        inner, end = spoons
        number = found[inner]
        spooned = f"{value * (number.value or 0):g} {found[inner + 1].text}"
        current.fact("dose", spooned, found[at:end], "dose")
        return end - at
    if _key(found, at + size) == "to" and _key(found, at + size + 1) == "be" and not current.name:
        current.fact("dose", _text(found[at : at + size]), found[at : at + size], "dose")
        return size  # "one to be taken twice a day": one, as UK pharmacy labels say it
    sized = _sized_vessel(found, at + size)
    if sized:  # "One (1) 10 ounce bottle": one bottle, of 10 ounces
        dose = [*found[at : at + size], found[at + size + sized - 1]]
        current.fact("dose", _text(dose), found[at : at + size + sized], "dose")
        return size + sized
    aside = _mass_aside(found, at + size)
    if aside and not current.name and _key(found, aside + 1) in _DOSE_UNITS and found[aside].kind == "word":
        # "Take 4 (5 mg.) bisacodyl tablets": the count, each one's strength, the name, the unit
        each = _text(found[at + size + 1 : aside - 1])
        current.fact("strength", each, found[at + size : aside], "strength")
        current.name.append(found[aside])
        current.name_at.append(aside)
        current.add([found[aside]], "name")
        dose = [*found[at : at + size], found[aside + 1]]
        current.fact("dose", _text(dose), dose, "dose")
        return aside + 2 - at
    while _key(found, at + size) in _UNIT_ADJECTIVES and _key(found, at + size + 1) in _DOSE_UNITS:
        size += 1  # "2 to 4 level teaspoons"
    unit = _key(found, at + size)
    if unit == "a" and _key(found, at + size + 1) in _DOSE_UNITS:  # "half a tablet"
        size += 1
        unit = _key(found, at + size)
    if unit in _MASS:
        end = at + size + 1
        if _key(found, end) == "/" and end + 1 < len(found) and found[end + 1].kind == "number":
            end += 2 + (1 if _key(found, end + 2) in _MASS | _DOSE_UNITS else 0)  # "250mg/5ml"
        elif _key(found, end) == "/" and _key(found, end + 1) in _DOSE_UNITS:
            end += 2  # "5 mg/mL"
        text = _text(found[at:end])
        strength = current.facts.get("strength")
        if current.in_brackets and strength:
            current.add(found[at:end], "also")  # "40 mEq (4 g magnesium chloride)": the amount said again
            return end - at
        current.facts["strength"] = f"{strength} + {text}" if strength else text
        current.add(found[at:end], "strength")
        return end - at
    if unit in _AGE_UNITS:  # "children 12 years and older": who, not a dose
        end = at + size + 1
        while _key(found, end) in ("of", "age", "and", "older", "over", "old", "above", "&", "plus", "+"):
            end += 1
        current.add(found[at:end], "who")
        return end - at
    ordinal = unit in _ORDINALS and found[at + size].joined
    if ordinal and (_key(found, at + size + 1) in _DOSE_UNITS or _sized_vessel(found, at + size + 1)):
        end = at + size + 1 + (_sized_vessel(found, at + size + 1) or 1)  # "2nd bottle": one bottle
        current.fact("dose", f"1 {found[end - 1].text.rstrip('.')}", found[at:end], "dose")
        return end - at
    names = _names_before_unit(found, at + size) if unit not in _DOSE_UNITS | _MASS | _ORDINALS else 0
    if names and not current.name:
        # "take 4 Dulcolax tablets", "4 Dulcolax laxative tablets": the words between the count and
        # its unit name the medicine; "2 Dulcolax (bisacodyl) tablets": an aside may stand before the
        # unit, and is read after the name
        unit_at = at + size + names
        if _key(found, unit_at) not in _DOSE_UNITS:  # the dose first, so the aside reads as of the name
            counted = f"{_text(found[at : at + size])} {found[_closing(found, unit_at)].text}"
            current.fact("dose", counted, found[at : at + size], "dose")
        for position in range(at + size, unit_at):
            current.name.append(found[position])
            current.name_at.append(position)
        current.add(found[at + size : unit_at], "name")
        if _key(found, unit_at) in _DOSE_UNITS:
            dose = [*found[at : at + size], found[unit_at]]
            current.fact("dose", _text(dose), dose, "dose")
            return size + names + 1
        return size + names
    if unit in _OUNCES and _key(found, at + size + 1) in _VESSELS:
        end = at + size + 2  # "an 8 ounce glass of water", "a 10 oz bottle": the vessel's size
        if _key(found, end) == "of" and _key(found, end + 1) in _DRINKS:
            end += 2
        current.add(found[at:end], "vessel")
        return end - at
    if unit in _DOSE_UNITS:
        if value is not None and value <= 0:
            raise InputError("dose-not-positive", text=_text(found[at : at + size + 1]))
        end = at + size + 1
        said = end
        if _key(found, end) == "(":  # "30 mL (2 TBSP) to 60 mL": the lower end said again in brackets
            said = _closing(found, end)
        upper = _count_value(found, said + 1) if said and _key(found, said) in ("-", "to") else None
        if upper is not None and _key(found, said + 1 + upper[1]) == unit:  # "30 mL to 60 mL"
            upper_end = said + 2 + upper[1]
            value_text = f"{_text(found[at:end])} to {_text(found[said + 1 : upper_end])}"
            current.fact("dose", value_text, found[at:upper_end], "dose")
            return upper_end - at
        current.fact("dose", _text(found[at:end]), found[at:end], "dose")
        return end - at
    bare = not current.name or ("strength" in current.facts and not current.has_timing)
    if bare and "dose" not in current.facts and unit not in _NOT_DOSE_AFTER and unit not in _DAY_UNITS:
        # "1 po qd", "take one twice daily", "Candesartan 4 mg 1 PO QD"
        current.fact("dose", _text(found[at : at + size]), found[at : at + size], "dose")
        return size
    if (
        token.kind == "number"
        and current.name
        and not current.has_regimen
        and "strength" not in current.facts
        and unit not in ("x", "times", "time")
        and unit not in _DAY_UNITS
        and unit not in _HOUR_UNITS
        and size == 1
        and not token.joined
    ):
        current.facts["strength"] = token.text
        current.add([token], "strength")
        return 1
    return 0


_SPOONS = {"spoon", "spoons", "spoonful", "spoonfuls", "spoonsful"}


def _spoons(found: Sequence[Token], at: int) -> tuple[int, int] | None:
    """A spoon's size after a count ("x 5ml spoon", "5ml spoonsful"): where its number stands and
    where the words end; a count of spoons is that many times the spoon's size."""
    inner = at + 1 if _key(found, at) == "x" else at
    if inner >= len(found) or found[inner].kind != "number" or _key(found, inner + 1) not in ("ml", "mls"):
        return None
    if _key(found, inner + 2) in _SPOONS:
        return inner, inner + 3
    return (inner, inner + 2) if inner > at else None


_ORDINALS = {"st", "nd", "rd", "th"}
#: Ordinal words before a unit: "the second bottle" is one bottle.
_ORDINAL_WORDS = {"first", "second", "third", "fourth", "last", "next", "final"}
_VOLUMES = {"oz", "ounce", "ounces", "floz", "ml", "mls", "cup", "cups", "l", "litre", "liter"}
#: The most tokens between brackets that a reading looks past: an aside is short.
_ASIDE_TOKENS = 6


def _closing(found: Sequence[Token], at: int) -> int:
    """The token after the bracket closing the one at ``at`` (within a short aside), or 0."""
    for end in range(at + 1, min(len(found), at + _ASIDE_TOKENS + 2)):
        if found[end].key in ("(", "["):
            return 0
        if found[end].key in (")", "]"):
            return end + 1
    return 0


def _mass_aside(found: Sequence[Token], at: int) -> int:
    """The token after a bracketed mass at ``at`` ("(5 mg.)", "(5 mg)"), or 0."""
    if _key(found, at) != "(" or at + 1 >= len(found) or found[at + 1].kind != "number":
        return 0
    if _key(found, at + 2) not in _MASS:
        return 0
    close = at + 3 + (_key(found, at + 3) == ".")
    return close + 1 if _key(found, close) == ")" else 0


def _names_before_unit(found: Sequence[Token], at: int) -> int:
    """How many name words (one or two) stand at ``at`` between a count and its unit, with an
    aside in brackets allowed before a tablet or capsule ("2 Dulcolax (bisacodyl) tablets"); 0
    when the words there are no name."""
    for names in (1, 2):
        words = found[at : at + names]
        if len(words) < names or any(
            t.kind != "word" or t.key in _FILLER | _VERBS | set(ROUTES) | _MASS | _DOSE_UNITS for t in words
        ):
            return 0
        after = at + names
        if _key(found, after) in _DOSE_UNITS:
            return names
        close = _closing(found, after) if _key(found, after) == "(" else 0
        if close and _key(found, close) in _FORM_WORDS:
            return names
    return 0


def _sized_vessel(found: Sequence[Token], at: int) -> int:
    """The size of "10 ounce bottle" after a count (a number, a volume unit, a vessel), or 0."""
    token = found[at] if at < len(found) else None
    if token is None or token.kind != "number":
        return 0
    unit = at + 1 + (_key(found, at + 1) in ("fl", "fluid"))
    if _key(found, unit) in _VOLUMES and _key(found, unit + 1) in ("bottle", "bottles"):
        return unit + 2 - at
    return 0


_OUNCES = {"oz", "ounce", "ounces", "floz"}
_DRINKS = {"water", "liquid", "liquids", "juice", "fluid", "fluids", "milk"}
_VESSELS = {"glass", "glasses", "cup", "cups", "bottle", "bottles", "container", "containers", "can", "jar"}
_UNIT_ADJECTIVES = {
    "level", "rounded", "heaped", "heaping", "full", "whole", "fl", "fluid", *_UNIT_DESCRIPTIONS,
}  # fmt: skip
_AGE_UNITS = {"year", "years", "yrs", "yr", "yo", "months"}
#: Words after a bare number that make it something other than a dose.
_NOT_DOSE_AFTER = {
    "x", "times", "time", "hrly", "hourly", ":", "h", "am", "pm", "a", "p", "/", "-", "to", "or", "mal",
    *_ORDINALS,
}  # fmt: skip


def _one_count(found: Sequence[Token], at: int) -> tuple[float, int] | None:
    """One count at ``at``: "2", "1/2", "half", "one", "one and a half"; its value and size."""
    token = found[at] if at < len(found) else None
    if token is None:
        return None
    if (
        token.kind == "word"
        and token.key in _COUNTS
        and token.key not in ("once", "twice", "thrice", "a", "an")
    ):
        value = float(_COUNTS[token.key])
        if _key(found, at + 1) == "and" and _key(found, at + 2) == "a" and _key(found, at + 3) == "half":
            return value + 0.5, 4
        return value, 1
    if token.kind != "number" or token.value is None:
        return None
    if _key(found, at + 1) == "/" and found[at + 1].joined and at + 2 < len(found):
        bottom = found[at + 2]
        if bottom.kind == "number" and bottom.joined and bottom.value and token.value < bottom.value <= 16:
            return token.value / bottom.value, 3  # "1/2"
    return token.value, 1


def _count_value(found: Sequence[Token], at: int) -> tuple[float | None, int] | None:
    """A number of units: "2", "1-2", "1 or 2", "1/2 to 1", "half", "one or two"; its (highest)
    value and size in tokens."""
    if at >= len(found):
        return None  # "8 tabs to" at the end: no upper end
    token = found[at]
    if token.key in ("a", "an"):
        return (1.0, 1) if _key(found, at + 1) in _DOSE_UNITS else None
    first = _one_count(found, at)
    if first is None:
        return None
    value, size = first
    if _key(found, at + size) in ("-", "\u2013", "to", "or"):  # "1 \u2013 2 Filmtabletten": an en dash too
        second = _one_count(found, at + size + 1)
        if second is not None and second[0] > value:
            return second[0], size + 1 + second[1]
    return value, size


def _how_often(found: Sequence[Token], at: int, current: _Reading) -> int:
    """bd, b.i.d., twice daily, 3 times a day, x2, q8h, every 8 hours, every other day, weekly..."""
    key = _key(found, at)
    if key in _PER_DAY and found[at].kind == "word":
        current.fact("per_day", _PER_DAY[key], found[at : at + 1], "how-often")
        if key in _WHEN_CODES:
            current.when.append(_WHEN_CODES[key])
        return 1
    if key == "q" and _key(found, at + 1) in _Q_WORDS:  # "q am", "q d", "q hs"
        code = _Q_WORDS[_key(found, at + 1)]
        current.fact("per_day", 1, found[at : at + 2], "how-often")
        if code:
            current.when.append(code)
        return 2
    if key in ("qod", "eod"):
        current.fact("every_days", 2, found[at : at + 1], "how-often")
        return 1
    if key in ("weekly", "qw", "qwk", "qweek", "qweekly", "fortnightly", "monthly"):
        every = {"fortnightly": 14, "monthly": 30}.get(key, 7)
        current.fact("every_days", every, found[at : at + 1], "how-often")
        return 1
    if key == "q" and at + 2 < len(found) and found[at + 1].kind == "number" and found[at + 1].joined:
        return _interval(found, at, at + 1, current)
    if found[at].kind == "number" and _key(found, at + 1) in ("hrly", "hourly"):
        return _interval(found, at, at, current)
    if key in ("every", "each", "q") and at + 1 < len(found):
        nxt = _key(found, at + 1)
        if found[at + 1].kind == "number" or _key(found, at + 1) in _COUNT_WORDS:
            return _interval(found, at, at + 1, current)
        if nxt in ("other", "alternate", "second") and _key(found, at + 2) in ("day", "days"):
            current.fact("every_days", 2, found[at : at + 3], "how-often")
            return 3
        if nxt in ("day", "days"):
            current.fact("per_day", 1, found[at : at + 2], "how-often")
            return 2
        if nxt in ("week", "weeks"):
            current.fact("every_days", 7, found[at : at + 2], "how-often")
            return 2
    if key in ("per", "a", "each", "/") and _key(found, at + 1) == "day" and "per_day" not in current.facts:
        current.fact("per_day", 1, found[at : at + 2], "how-often")  # "1 capsule per day"
        return 2
    if key in ("alternate", "alternating") and _key(found, at + 1) in ("day", "days"):
        current.fact("every_days", 2, found[at : at + 2], "how-often")
        return 2
    count = _TIMES_WORDS.get(key)
    size = 1
    higher = _higher_count(found, at)
    if higher is not None:
        count, size = higher  # "once or twice a day", "1-2 times daily": the higher is counted
    if count is None and key in _COUNTS and _key(found, at + 1) in ("times", "time", "x", "mal"):
        count, size = int(_COUNTS[key]), 2  # "three times a day"
    if count is None and found[at].kind == "number" and found[at].value is not None:
        if _key(found, at + 1) == "/" and _key(found, at + 2) == "day" and not found[at].joined:
            count, size = int(found[at].value or 0), 1  # "4 / day": four times a day
            if found[at].value != count:
                return 0
        elif _key(found, at + 1) in ("x", "times", "time", "mal"):
            count, size = int(found[at].value or 0), 2
            if found[at].value != count:
                return 0
    elif count is None and key == "x" and at + 1 < len(found) and found[at + 1].kind == "number":
        after = _key(found, at + 2)
        if after in _DAY_UNITS:
            return 0  # "x 7 days": a course
        count, size = int(found[at + 1].value or 0), 2
        if after in ("a", "per", "daily", "day", "/"):
            pass
        else:
            current.fact(
                "per_day", _checked(count, found[at : at + size]), found[at : at + size], "how-often"
            )
            return size
    if count is None:
        return 0
    end = at + size
    if _key(found, end) in ("times", "time", "x"):
        end += 1
    period = _key(found, end)
    if period in ("a", "per", "each", "every", "/") and _key(found, end + 1) in ("day", "week", "month"):
        period, end = _key(found, end + 1), end + 1
    if period in ("daily", "day", "days", "qd", "taglich"):
        current.fact("per_day", _checked(count, found[at : end + 1]), found[at : end + 1], "how-often")
        return end + 1 - at
    if period in ("weekly", "week"):
        current.fact("per_week", count, found[at : end + 1], "how-often")
        current.facts["every_days"] = 7 if count == 1 else 1
        return end + 1 - at
    if key in _TIMES_WORDS:  # "once" alone, "twice" alone
        current.fact("per_day", _checked(count, found[at:end]), found[at:end], "how-often")
        return end - at
    return 0


def _higher_count(found: Sequence[Token], at: int) -> tuple[int, int] | None:
    """A range of how many times ("once or twice", "1 or 2 times", "2-3 times", "one to two
    times"): the higher count, which is the one held to any limit, and the tokens it takes."""

    def count_at(position: int) -> int | None:
        token = found[position] if position < len(found) else None
        if token is None:
            return None
        if token.kind == "number":
            return int(token.value) if token.value is not None and token.value == int(token.value) else None
        if token.key in _TIMES_WORDS:
            return _TIMES_WORDS[token.key]
        counted = token.key in _COUNTS and token.key not in ("a", "an", "half")
        return int(_COUNTS[token.key]) if counted else None

    low = count_at(at)
    if low is None or _key(found, at + 1) not in ("or", "to", "-"):
        return None
    high = count_at(at + 2)
    if high is None or high <= low:
        return None
    words = found[at].key in _TIMES_WORDS and found[at + 2].key in _TIMES_WORDS  # "once or twice"
    if not words and _key(found, at + 3) not in ("times", "time", "x"):
        return None
    return high, 3


def _checked(count: int, found: Sequence[Token]) -> int:
    if not 1 <= count <= 24:
        raise InputError("doses-a-day-unread", text=_text(found))
    return count


def _interval(found: Sequence[Token], at: int, number_at: int, current: _Reading) -> int:
    """ "q8h", "q 8 h", "every 8 hours", "every 2 days", "q12hr"."""
    number = found[number_at]
    low = number.value if number.kind == "number" else _COUNT_WORDS.get(number.key)
    end = number_at + 1
    if _key(found, end) in ("-", "to") and end + 1 < len(found) and found[end + 1].kind == "number":
        low = min(low or 0, found[end + 1].value or 0)  # "every 4-6 hours": the shorter gap
        end += 2
    unit = _key(found, end)
    if low is None or low <= 0 or low != int(low):
        return 0
    if found[at].key == "q" and unit not in _HOUR_UNITS and unit not in _DAY_UNITS:
        unit, end = "h", end - 1  # "Q12": every 12 hours, as hospital orders write it
    hours = int(low)
    if unit in _HOUR_UNITS and hours % 24 == 0:  # "q 72 hrs": every 3 days
        current.fact("every_days", hours // 24, found[at : end + 1], "how-often")
        return end + 1 - at
    if unit in _HOUR_UNITS:
        if 24 % hours:
            raise InputError("interval-uneven", text=_text(found[at : end + 1]))
        current.fact("per_day", 24 // hours, found[at : end + 1], "how-often")
        current.hourly = True
        return end + 1 - at
    if unit in _DAY_UNITS:
        current.fact("every_days", hours * _DAY_UNITS[unit], found[at : end + 1], "how-often")
        return end + 1 - at
    return 0


def _course(found: Sequence[Token], at: int, current: _Reading) -> int:
    """ "for 7 days", "x 10 days", "x10d", "for 2 weeks", "until 20 December", "until 2026-12-20"."""
    key = _key(found, at)
    if found[at].kind == "number" and current.has_regimen and _key(found, at + 1) in (*_DAY_UNITS, "nights"):
        value = found[at].value
        if value is not None and value == int(value) and value > 0 and found[at].other is None:
            unit = _key(found, at + 1)
            current.fact("days", int(value) * _DAY_UNITS.get(unit, 1), found[at : at + 2], "course")
            return 2
    if (
        key == "for"
        and _key(found, at + 1) == "a"
        and _key(found, at + 2) == "period"
        and _key(found, at + 3) == "of"
    ):
        taken = _course(found, at + 3, current)  # "for a period of 4 weeks"
        return taken + 3 if taken else 0
    if key in ("for", "x", "of") and at + 2 < len(found) and found[at + 1].key in _NUMBER_WORDS:
        unit = _key(found, at + 2)
        value = float(_NUMBER_WORDS[found[at + 1].key])  # "for seven days", "for three (3) evenings"
        if unit in _DAY_UNITS or unit in _NIGHTS:
            current.fact("days", int(value) * _DAY_UNITS.get(unit, 1), found[at : at + 3], "course")
            return 3
    over = key == "over" and at + 2 < len(found) and found[at + 1].kind == "number"
    if over and _key(found, at + 2) in (*_HOUR_UNITS, "min", "mins", "minute", "minutes"):
        current.add(found[at : at + 3], "over")  # "infuse over 3 hours": how long one dose runs
        return 3
    if key in ("for", "x", "of") and at + 2 < len(found) and found[at + 1].kind == "number":
        unit = _key(found, at + 2)
        value = found[at + 1].value
        counted = value is not None and value == int(value) and value > 0
        if (unit in _DAY_UNITS or unit in _NIGHTS) and counted and value is not None:
            current.fact("days", int(value) * _DAY_UNITS.get(unit, 1), found[at : at + 3], "course")
            return 3
    if key in ("until", "till", "through", "thru") and at + 1 < len(found):
        end = at + 1
        while end < len(found) and end - at <= 6 and _date_part(found[end]):
            end += 1
        if end > at + 1:
            current.fact("until", read_date(found[at + 1 : end]), found[at:end], "until")
            return end - at
    return 0


def read_date(found: Sequence[Token]) -> str:
    """A date as written, as ISO text: "2026-12-20", or "--12-20" when no year is given.

    "20 December", "Dec 20", "20/12", "12/20/2026" and "2026-12-20" are read; "05/06" could be
    either day first or month first, so it is refused with both readings.
    """
    text = _text(found)
    numbers = [int(t.value or 0) for t in found if t.kind == "number" and t.value is not None]
    months = [_MONTH_NUMBER[t.key[:3]] for t in found if t.key[:3] in _MONTH_NUMBER and t.kind == "word"]
    year: int | None = None
    if months and len(numbers) in (1, 2):
        day, month = numbers[0], months[0]
        year = numbers[1] if len(numbers) == 2 else None
    elif len(numbers) == 3 and numbers[0] > 31:
        year, month, day = numbers
    elif len(numbers) in (2, 3):
        first, second = numbers[0], numbers[1]
        year = numbers[2] if len(numbers) == 3 else None
        if first <= 12 and second <= 12 and first != second:
            raise InputError("date-two-ways", text=text, first=first, second=second)
        day, month = (first, second) if first > 12 or first == second else (second, first)
    else:
        raise InputError("date-unread", text=text)
    if year is not None and year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31) or (year is not None and not 2000 <= year <= 2100):
        raise InputError("date-impossible", text=text)
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "january", "february", "march", "april", "june", "july", "august", "september", "october",
           "november", "december"}  # fmt: skip


_MONTH_NUMBER = {
    name: n + 1
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


def _date_part(token: Token) -> bool:
    return (
        token.kind == "number"
        or token.key in _MONTHS
        or token.key in ("-", "/", ".", ",", "st", "nd", "rd", "th")
    )


def _weekday(found: Sequence[Token], at: int, current: _Reading) -> int:
    """A day ("sunday", "Mon"), a range of days ("Mon-Fri", "M-F", "Sat to Sun"), or a set of days
    ("weekdays", "weekends", "MWF")."""
    key = _key(found, at)
    if key in _DAY_SETS:
        current.weekdays += _DAY_SETS[key]
        current.add(found[at : at + 1], "days")
        return 1
    first = _day(key) if _key(found, at + 1) not in _RANGE_WORDS else _RANGE_ENDS.get(key, _day(key))
    if first is None:
        return 0
    last = _RANGE_ENDS.get(_key(found, at + 2), _day(_key(found, at + 2)))
    if _key(found, at + 1) in _RANGE_WORDS and last is not None:
        current.weekdays += [(first + step) % 7 for step in range((last - first) % 7 + 1)]
        current.add(found[at : at + 3], "days")
        return 3
    if key not in _WEEKDAY_WORDS and key[:-1] not in _WEEKDAY_WORDS:
        return 0  # a lone letter ("M", "F") is a day only as the end of a range
    current.weekdays.append(first)
    current.add(found[at : at + 1], "days")
    return 1


def _day(key: str) -> int | None:
    folded = key[:-1] if key.endswith("s") and key[:-1] in _WEEKDAY_WORDS else key
    return _WEEKDAY_WORDS.get(folded)


#: Words between the two ends of a range of days.
_RANGE_WORDS = frozenset({"-", "to", "through", "thru", "till", "until", "\u2013"})
#: Letters that stand for a day only at either end of a range ("M-F").
_RANGE_ENDS = {"m": 0, "t": 1, "tu": 1, "w": 2, "th": 3, "r": 3, "f": 4, "sa": 5, "su": 6}
#: Words for a set of days.
_DAY_SETS = {
    "weekdays": [0, 1, 2, 3, 4], "weekday": [0, 1, 2, 3, 4], "weekends": [5, 6], "weekend": [5, 6],
    "mwf": [0, 2, 4], "tth": [1, 3], "tuth": [1, 3],
}  # fmt: skip


def _when(found: Sequence[Token], at: int, current: _Reading) -> int:
    """at bedtime, with breakfast, before breakfast, in the morning, at night, with meals; and how
    long before or after a meal ("30 minutes before breakfast", "30-60 min before food")."""
    key = _key(found, at)
    lead = _lead_time(found, at)
    if lead:
        size, when = lead
        current.when.append(when)
        current.add(found[at : at + size], "when")
        return size
    if key == "before" and _key(found, at + 1) in ("breakfast", "bed", "bedtime"):
        when = "before-breakfast" if _key(found, at + 1) == "breakfast" else "bedtime"
        current.when.append(when)
        current.add(found[at : at + 2], "when")
        return 2
    if key in ("pc", "ac") or (
        key in ("after", "with") and _key(found, at + 1) in ("meals", "meal", "food", "a")
    ):
        size = 1 if key in ("pc", "ac") else 2
        if _key(found, at + 1) == "a" and _key(found, at + 2) in ("meal", "meals"):
            size = 3
        if key == "with" and _key(found, at + 1) == "a" and size == 2:
            return 0
        word = {"pc": "after-meals", "ac": "before-meals", "after": "after-meals"}.get(key)
        word = word or ("food" if _key(found, at + 1) == "food" else "meals")
        current.when.append(word)
        current.add(found[at : at + size], "when")
        return size
    if key in ("empty",) and _key(found, at + 1) == "stomach":
        current.add(found[at : at + 2], "when")
        return 2
    if key in ("morning", "midday", "evening") and _key(found, at + 1) == "meal":
        current.when.append({"morning": "breakfast", "midday": "lunch"}.get(key, "dinner"))
        current.add(found[at : at + 2], "when")
        return 2
    if key in _WHEN_WORDS and found[at].kind == "word":
        if key == "tea" and not current.has_regimen:
            return 0
        current.when.append(_WHEN_WORDS[key])
        current.add(found[at : at + 1], "when")
        return 1
    return 0


_LEAD_UNITS = {"min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours"}
_MEALS = {"breakfast": "breakfast", "food": "meals", "eating": "meals", "meal": "meals", "meals": "meals"}


def _lead_time(found: Sequence[Token], at: int) -> tuple[int, str] | None:
    """ "30 minutes before breakfast", "30-60 min before food", "1 hour after a meal": its size in
    tokens and when it places the dose."""
    if found[at].kind != "number":
        return None
    end = at + 1
    if _key(found, end) in ("-", "to", "or") and end + 1 < len(found) and found[end + 1].kind == "number":
        end += 2
    if _key(found, end) not in _LEAD_UNITS:
        return None
    side = _key(found, end + 1)
    end += 2
    if side == "prior" and _key(found, end) == "to":
        side, end = "before", end + 1
    if side not in ("before", "after"):
        return None
    while _key(found, end) in ("the", "your", "a", "first", "any", "eating"):
        if _key(found, end) == "eating" and _key(found, end + 1) not in _MEALS:
            break
        end += 1
    meal = _MEALS.get(_key(found, end))
    if meal is None:
        return None
    if side == "after":
        return end + 1 - at, "after-meals"
    return end + 1 - at, "before-breakfast" if meal == "breakfast" else "before-meals"


def _as_needed(found: Sequence[Token], at: int, current: _Reading) -> int:
    """ "prn", "as needed", "as directed"; and what it is taken for ("as needed for wheezing")."""
    key = _key(found, at)
    size = 0
    if key in _PRN:
        current.fact("as_needed", True, found[at : at + 1], "as-needed")
        size = 1
    elif key in ("as", "when", "if") and _key(found, at + 1) in _NEEDED:
        size = 2
        directed = _key(found, at + 1) in ("directed", "prescribed")
        if directed and _key(found, at + 2) == "by":
            start = at + 3 + (_key(found, at + 3) in ("your", "a", "the"))
            end = start
            while _key(found, end) in _DIRECTORS or (
                _key(found, end) == "-" and found[end].joined and end > start
            ):
                end += 1  # "as directed by your health-care practitioner": who directs it
            size = end - at if end > start else 2
        current.fact("as_needed", not directed, found[at : at + size], "as-needed")
    if size and _key(found, at + size) == "for":
        end = at + size + 1
        while end < len(found) and _reason_word(found[end]):
            end += 1
        if end > at + size + 1:
            current.add(found[at + size : end], "reason")  # "for wheezing", "for pain or fever"
            return end - at
    glued = found[at + size] if size and at + size < len(found) else None
    if glued is not None and glued.joined and glued.kind == "word" and _reason_word(glued):
        end = at + size  # "prnanxiety severe": what a system glues to "prn" is what it is for
        while end < len(found) and _reason_word(found[end]) and found[end].key not in _NEEDED_WORDS:
            end += 1
        if end > at + size:
            current.add(found[at + size : end], "reason")
            return end - at
    return size


_NEEDED = ("needed", "required", "necessary", "directed", "prescribed")
#: The people who direct a medicine's use: "as directed by your doctor".
_DIRECTORS = {
    "doctor", "physician", "healthcare", "health", "care", "professional", "provider", "pharmacist",
    "prescriber", "nurse", "dentist", "gp", "practitioner", "clinician",
}  # fmt: skip
#: Words that go on to say "as needed" rather than what for.
_NEEDED_WORDS = {"as", "when", "if", "for", *_NEEDED}


def _reason_word(token: Token) -> bool:
    """A word of what a medicine is taken for ("sob/wheezing"): up to a separator, a time or how often."""
    key = token.key
    if token.kind != "word":
        return key in ("/", "-") and token.joined
    return (
        key not in _SEPARATORS
        and key not in _PER_DAY
        and key not in _HOUR_UNITS
        and key not in _DAY_UNITS
        and key not in _WHEN_WORDS
        and key not in ("every", "q", "at", "until", "up", "then", "take", "instr")
        and key not in _MAXIMUM
    )


def _split(found: Sequence[Token], at: int, current: _Reading) -> int:
    """A day's total followed by its split in brackets: "4 study capsules per day (2 capsules in the
    morning and 2 capsules in the evening)" is 2 capsules twice a day, morning and evening; the 4 a
    day is shown as the day's total. The closing bracket is left to be read."""
    said = current.facts.get("dose")
    if _key(found, at) != "(" or current.facts.get("per_day") != 1 or not isinstance(said, str):
        return 0
    total = said.split()[0]
    if not total.replace(".", "", 1).isdigit():
        return 0
    parts: list[tuple[float, str, str]] = []
    end = at + 1
    while len(parts) < 4:
        count = _count_value(found, end) if end < len(found) else None
        if count is None or count[0] is None or _key(found, end + count[1]) not in _DOSE_UNITS:
            return 0
        unit_at = end + count[1]
        end = unit_at + 1
        whens: list[str] = []
        start = end
        while _key(found, end) in ("in", "the", "at", "with") or _key(found, end) in _WHEN_WORDS:
            if _key(found, end) in _WHEN_WORDS:
                whens.append(_WHEN_WORDS[_key(found, end)])
            end += 1
            if len(whens) > 1 or end - start > 4:  # "in the morning": a when is a few words
                return 0
        if len(whens) != 1:
            return 0
        parts.append((count[0], found[unit_at].text, whens[0]))
        if _key(found, end) in ("and", ","):
            end += 1
            continue
        break
    values = {value for value, _, _ in parts}
    if (
        _key(found, end) != ")"
        or len(parts) < 2
        or len(values) != 1
        or values.pop() * len(parts) != float(total)
    ):
        return 0
    value, unit, _ = parts[0]
    current.pieces = [
        Piece(p.text, "total") if p.role in ("dose", "how-often") else p for p in current.pieces
    ]
    current.facts["dose"] = f"{value:g} {unit}"
    current.facts["per_day"] = len(parts)
    current.when += [when for _, _, when in parts]
    current.add(found[at:end], "dose")
    return end - at


#: The readers each token is offered to, in order; the first that reads it takes it.
_READERS = (
    _split,
    _drink,
    _diluent,
    _occasion,
    _clock,
    _amount,
    _how_often,
    _course,
    _weekday,
    _when,
    _as_needed,
)
