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
    "mane": 1, "bd": 2, "bid": 2, "tds": 3, "tid": 3, "qds": 4, "qid": 4,
}  # fmt: skip
_WHEN_CODES: dict[str, str] = {
    "qam": "morning", "mane": "morning", "qpm": "evening", "qhs": "bedtime", "hs": "bedtime",
    "nocte": "night",
}  # fmt: skip
_WHEN_WORDS: dict[str, str] = {
    "morning": "morning", "mornings": "morning", "breakfast": "breakfast", "lunch": "lunch",
    "lunchtime": "lunch", "evening": "evening", "evenings": "evening", "dinner": "dinner",
    "supper": "dinner", "tea": "dinner", "bedtime": "bedtime", "bed": "bedtime", "night": "night",
    "nightly": "night", "nighttime": "night", "meals": "meals", "meal": "meals",
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
#: Words for who a label's directions are for: never a medicine's name.
_WHO_WORDS = {
    "adult", "adults", "child", "children", "kids", "teens", "teenagers", "adolescents", "infants",
    "babies", "toddlers", "elderly", "seniors",
}  # fmt: skip
_PRN = {"prn", "sos"}
_MAXIMUM = {"max", "maximum", "mdd", "exceed"}
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
    "infuse", "administer", "swallow", "add", "start", "drinking", "starting",
}  # fmt: skip
_FILLER = {"of", "the", "my", "on", "in", "each", "per", "every", "a", "an", "at", "to", "with", "by",
           "preferably", "ideally", "usually", "up", "least",
           "mouth", "and", "then", "also", "plus", "times", "time", "x", "day", "days", "week", "am",
           "pm", "for", "until", "till", "as", "when", "if", "needed", "required", "before", "after",
           "other", "alternate", "food", "empty", "stomach", "about", "around", "approximately",
           "approx"}  # fmt: skip
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


_ENDS = ("@", ",", ";", ".", ":")
#: Words that say how a medicine is given; a route other than by mouth wins over "po" beside it.
ROUTES: dict[str, str] = {
    **dict.fromkeys(("po", "oral", "orally", "swallow", "swallowed", "mouth"), "oral"),
    **dict.fromkeys(("sl", "sublingual", "sublingually", "tongue"), "sublingual"),
    **dict.fromkeys(("inhale", "inhaled", "inhalation", "inhaler", "nebulizer", "nebuliser",
                     "nebulization", "nebulisation", "neb", "nebs"), "inhaled"),
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
    "dailyx90 days"), split into the word and the "x"."""
    out: list[Token] = []
    for position, token in enumerate(found):
        following = found[position + 1] if position + 1 < len(found) else None
        stem = token.key[:-1]
        glued = following is not None and following.kind == "number" and following.joined
        if token.kind == "word" and token.key.endswith("x") and stem in _GLUE_STEMS and glued:
            cut = token.end - 1
            out.append(Token("word", token.text[:-1], stem, token.start, cut, token.joined))
            out.append(Token("word", token.text[-1], "x", cut, token.end, True))
        else:
            out.append(token)
    return out


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
    for reader in (_clock, _amount, _how_often, _course, _weekday, _when, _as_needed):
        taken = reader(found, at, current)
        if taken:
            return taken
    if token.kind == "sign":
        current.add([token], "word")
        return 1
    if token.kind == "number":
        current.add([token], "unread")
        return 1
    if key in _MAXIMUM:
        end = at + 1
        while end < len(found) and found[end].key not in (".", ";"):
            end += 1
        current.add(found[at:end], "maximum")  # "max daily dose 8 tablets": a ceiling, not the dose
        return end - at
    if current.name and (key in _FORM_WORDS or (key in ROUTES and current.after_name)):
        # "Laxsol tabs", "1 PO QD SQ"; a route word right after the name stays in it ("ciprofloxacin
        # eye drops"), where the resolver reads it as the route
        current.add([token], "form" if key in _FORM_WORDS else "route")
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


def _stuck_to_name(found: Sequence[Token], last_name: int, at: int) -> bool:
    """Whether every token from the last name word to ``at`` touches the one before it (no space),
    with only signs between them. Walks back over the signs alone, so a long line costs no more."""
    position = at
    while position > last_name + 1 and found[position - 1].kind == "sign" and found[position].joined:
        position -= 1
    return position == last_name + 1 and found[position].joined


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
    if minute is None:
        # "at 9": an hour that may be morning or evening; never a dose or a strength
        at_hour = marked and problem == "needs-half" and _key(found, at + size) not in _NOT_AN_HOUR_AFTER
        if sign or at_hour:
            raise InputError(_clock_problem(problem), text=_text(found[at : at + max(size, 1)]))
        return 0
    current.times.append(minute)
    current.add(found[start : at + size], "time")
    return at + size - start


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
    count = _count_value(found, at)
    if count is None:
        return 0
    value, size = count
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
        current.facts["strength"] = f"{strength} + {text}" if strength else text
        current.add(found[at:end], "strength")
        return end - at
    if unit in _AGE_UNITS:  # "children 12 years and older": who, not a dose
        end = at + size + 1
        while _key(found, end) in ("of", "age", "and", "older", "over", "old", "above", "&", "plus", "+"):
            end += 1
        current.add(found[at:end], "who")
        return end - at
    if unit in _ORDINALS and found[at + size].joined and _key(found, at + size + 1) in _DOSE_UNITS:
        end = at + size + 2  # "2nd bottle": one bottle
        current.fact("dose", f"1 {found[end - 1].text}", found[at:end], "dose")
        return end - at
    between = found[at + size] if at + size < len(found) else None
    if (
        between is not None
        and between.kind == "word"
        and unit not in _DOSE_UNITS | _MASS | _ORDINALS
        and between.key not in _FILLER | _VERBS | set(ROUTES) | _MASS
        and _key(found, at + size + 1) in _DOSE_UNITS
        and not current.name
    ):
        # "take 4 Dulcolax tablets": the word between the count and its unit names the medicine
        current.name.append(between)
        current.name_at.append(at + size)
        current.add([between], "name")
        dose = [*found[at : at + size], found[at + size + 1]]
        current.fact("dose", _text(dose), dose, "dose")
        return size + 2
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
        upper = _count_value(found, end + 1) if _key(found, end) in ("-", "to") else None
        if upper is not None and _key(found, end + 1 + upper[1]) == unit:  # "30 mL to 60 mL"
            end += 2 + upper[1]
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


_ORDINALS = {"st", "nd", "rd", "th"}
_OUNCES = {"oz", "ounce", "ounces", "floz"}
_DRINKS = {"water", "liquid", "liquids", "juice", "fluid", "fluids", "milk"}
_VESSELS = {"glass", "glasses", "cup", "cups", "bottle", "bottles", "container", "containers", "can", "jar"}
_UNIT_ADJECTIVES = {"level", "rounded", "heaped", "heaping", "full", "whole", "fl", "fluid"}
_AGE_UNITS = {"year", "years", "yrs", "yr", "yo", "months"}
#: Words after a bare number that make it something other than a dose.
_NOT_DOSE_AFTER = {
    "x", "times", "time", "hrly", "hourly", ":", "h", "am", "pm", "a", "p", "/", "-", "to", "or", *_ORDINALS,
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
    token = found[at]
    if token.key in ("a", "an"):
        return (1.0, 1) if _key(found, at + 1) in _DOSE_UNITS else None
    first = _one_count(found, at)
    if first is None:
        return None
    value, size = first
    if _key(found, at + size) in ("-", "to", "or"):
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
    if count is None and key in _COUNTS and _key(found, at + 1) in ("times", "time", "x"):
        count, size = int(_COUNTS[key]), 2  # "three times a day"
    if count is None and found[at].kind == "number" and found[at].value is not None:
        if _key(found, at + 1) in ("x", "times", "time"):
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
    if period in ("daily", "day", "days", "qd"):
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
        current.fact("as_needed", _key(found, at + 1) != "directed", found[at : at + 2], "as-needed")
        size = 2
    if size and _key(found, at + size) == "for":
        end = at + size + 1
        while end < len(found) and _reason_word(found[end]):
            end += 1
        if end > at + size + 1:
            current.add(found[at + size : end], "reason")  # "for wheezing", "for pain or fever"
            return end - at
    return size


_NEEDED = ("needed", "required", "necessary", "directed")


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
        and key not in ("every", "q", "at", "until", "up", "max", "maximum", "then", "take")
    )
