"""Read a question for what it asks and what it is about, before any entry is looked up.

A question is read once, left to right, from the reader's tokens: the phrases that say what is
asked ("too much", "what time", "side effects") become intents; a number with a unit becomes an
amount ("500 mg") or a blood result ("1.4 mg/dL", "a level of 2.6"); an age ("70 year old",
"8 months") with the words for sex, pregnancy and country becomes a person; every other word is
what the question is about. Each word ends up in exactly one of these, so nothing is dropped.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from magref import reader
from magref.model import Intent
from magref.region import Region
from magref.who import SEX_WORDS, STAGE_WORDS

#: The phrases that say what a question asks, as folded words. The longest phrase starting at a
#: word is taken first, so "with food" is a question of when, and "food" alone one of food.
CUES: dict[Intent, tuple[str, ...]] = {
    "too-much": (
        "too much", "too many", "overdose", "overdosed", "overdosing", "maximum", "max",
        "upper limit", "upper level", "upper intake", "limit", "limits", "ul", "toxic", "toxicity",
        "excess", "excessive", "safe amount", "safe dose", "safe daily", "most i can take",
        "how much is too much", "over the limit", "exceed", "exceeding", "too high",
        "high magnesium", "high level", "high levels", "elevated", "hypermagnesemia",
        "hypermagnesaemia", "high result", "high results", "high reading", "high readings",
    ),
    "how-much": (
        "how much", "how many", "dose", "dosage", "doses", "dosing", "amount", "recommended",
        "rda", "daily allowance", "daily intake", "intake", "requirement", "requirements",
        "what dose", "mg a day", "mg per day", "mg daily", "how many mg", "how much should",
    ),
    "when": (
        "when", "what time", "time of day", "morning", "mornings", "night", "at night",
        "nighttime", "bedtime", "before bed", "before sleep", "evening", "with food",
        "without food", "empty stomach", "on an empty stomach", "with meals", "with a meal",
        "after meals", "after a meal", "before meals", "after food", "after eating", "timing",
        "best time", "am or pm", "morning or night", "night or morning", "time to take",
        "before or after", "how long before", "how long after", "with or without food",
        "with breakfast", "with lunch", "with dinner", "with supper", "after breakfast",
        "after lunch", "after dinner", "after supper", "before breakfast", "before lunch",
        "before dinner", "before supper", "at breakfast", "at lunch", "at dinner",
    ),
    "which-form": (
        "which form", "which type", "what form", "what type", "what kind", "which kind",
        "best form", "best type", "best kind", "which magnesium", "what magnesium",
        "best magnesium", "difference between", "types of magnesium", "forms of magnesium",
        "kinds of magnesium", "which one", "which is better",
        "best one", "best brand", "most absorbable", "better absorbed", "absorption", "absorbed",
        "bioavailable", "bioavailability",
    ),
    "side-effects": (
        "side effects", "side effect", "sideeffects", "diarrhea", "diarrhoea", "loose stools",
        "stomach upset", "upset stomach", "stomach ache", "stomachache", "nausea",
        "bad for you", "risk", "risks", "health risk", "adverse", "bloating", "cause", "causes",
        "what happens", "what can happen", "what will happen", "safety issues",
        "safety issue", "safety concerns", "safety concern", "safety risks", "safety problems",
    ),
    "food": (
        "foods", "food sources", "eat", "eating", "diet", "dietary", "rich in", "high in",
        "natural sources", "naturally", "from food", "in food", "food", "get magnesium from",
        "where do you get", "sources of magnesium", "natural source",
        "raise my magnesium", "raise magnesium", "increase my magnesium", "increase magnesium",
        "improve my magnesium", "improve magnesium", "boost my magnesium", "boost magnesium",
        "how do you get enough", "how do i get enough", "how can i get enough",
        "how can you get enough", "how to get enough", "source of intake", "source of magnesium",
        "best source", "best sources", "good source", "good sources", "main source",
        "main sources", "optimum source", "optimal source",
    ),
    "result": (
        "level", "levels", "blood test", "blood tests", "blood level", "blood levels", "test",
        "tests", "tested", "testing",
        "result", "results", "serum", "lab", "labs", "bloodwork", "blood work",
    ),
    "elemental": (
        "elemental", "how much magnesium is in", "how much magnesium in", "how much mg in",
        "actual magnesium", "real magnesium", "per capsule", "per tablet",
        "per serving", "compound weight", "supplement facts",
    ),
    "how-long": (
        "how long", "how soon", "how quickly", "take to work", "start working", "kick in",
        "kicks in", "to work",
    ),
    "combine": (
        "together", "combine", "combined", "combining", "combination", "stack", "stacking",
        "at the same time", "mix", "mixing", "along with", "alongside",
    ),
    "safe": (
        "safe", "is it safe", "ok to take", "okay to take", "dangerous", "harmful", "risky",
        "bad", "hurt", "harm", "ok", "okay", "alright", "every day", "everyday", "long term",
        "safely", "how long can you", "how long can i", "how long is it safe",
        "should not take", "shouldnt take", "should avoid", "avoid", "not take", "cannot take",
        "cant take", "contraindications", "contraindicated", "not safe", "not good for",
        "not supposed to", "not suitable", "not recommended",
    ),
    "helps": (
        "help", "helps", "helpful", "helping", "good for", "work for", "works for", "benefit",
        "benefits", "treat", "treats", "cure", "cures", "effective", "relieve", "relief",
        "improve", "prevent", "worth it", "does it work", "do they work",
        "does magnesium work", "does magnesium really work", "will magnesium work", "try",
        "trying", "reduce", "reduces", "ease", "eases",
    ),
    "deficiency": (
        "deficiency", "deficient", "low magnesium", "lack of magnesium", "signs of low",
        "symptoms of low", "not enough magnesium", "hypomagnesemia", "hypomagnesaemia", "enough",
        "who needs", "should i be taking", "do i need magnesium", "too low", "low level",
        "low levels", "low result", "low results", "low reading", "low readings",
        "who may benefit", "who might benefit", "who would benefit", "who can benefit",
        "who benefits", "who should take", "who should be taking",
    ),
    "source": (
        "source", "sources", "reference", "references", "citation", "citations", "cite",
        "paper", "papers", "bibliography", "journal", "studies say", "what studies", "fact sheet",
    ),
    "interactions": (
        "interact", "interacts", "interaction", "interactions", "interacting", "interfere",
        "meds", "medications", "medicines", "drug interactions", "drugs",
        "prescriptions", "contraindications", "contraindicated",
    ),
}  # fmt: skip

#: Words that frame a question or a page's title and say nothing of what it is about: a lead-in
#: ("have you ever wondered if", "I heard"), a headline's subtitle ("understanding key risks", "a
#: comprehensive guide"), and a word that only says the subject before it is a trouble ("sleep
#: issues" is about sleep). They are read as framing, like the question words.
FRAMING_WORDS = frozenset({
    "ever", "wonder", "wondered", "wondering", "curious", "heard", "understanding", "understand",
    "guide", "comprehensive", "complete", "ultimate", "key", "explained", "overview", "essentials",
    "insights", "tips", "issue", "issues", "whats", "hes", "shes",
})  # fmt: skip
#: Words for what a supplement comes as, beside "capsule" and "tablet" (which the name reader already
#: passes over): "a magnesium gummy" is about magnesium, taken as a gummy.
PRESENTATION_WORDS = frozenset({
    "gummy", "gummies", "chewable", "chewables", "softgel", "softgels", "lozenge", "lozenges",
})  # fmt: skip
#: Phrases that ask where or how magnesium is bought: the amount in such a question is the strength
#: of what is bought ("can you buy magnesium oxide 400 mg over the counter"), not a dose whose limit
#: is asked. They ask nothing search answers on its own, so they are cues with no intent: what the
#: question names answers it.
BUYING = frozenset({
    "buy", "buying", "bought", "purchase", "over the counter", "otc", "without a prescription",
    "where to get", "where can i get", "in stores", "in store", "in pharmacies",
})  # fmt: skip
_BUYING = frozenset(tuple(phrase.split()) for phrase in BUYING)
#: Phrases that ask from what age magnesium may be taken ("what is the minimum age for magnesium
#: citrate", "how old do you have to be"): cues with no intent, answered by what magref holds on
#: children, when the question gives no age of its own.
AGE_ASKED = frozenset({
    "what age", "which age", "minimum age", "age limit", "how old", "too young", "old enough",
})  # fmt: skip
#: The cues that ask nothing search answers on its own, as words.
_NO_INTENT = _BUYING | frozenset(tuple(phrase.split()) for phrase in AGE_ASKED)
#: Cues that say a blood level or result is high or low: they ask about the result as well ("what
#: might a high result mean" asks what a high blood level means, not how much is too much to take).
RESULT_TOO = frozenset({
    "high level", "high levels", "high result", "high results", "high reading", "high readings",
    "low level", "low levels", "low result", "low results", "low reading", "low readings",
})  # fmt: skip
#: Cues that only hint at what is asked: an intent read from these alone comes after any other
#: the question asks ("when is a level low" asks about the level, "which magnesium should I be
#: taking" about the form).
WEAK_CUES = frozenset({
    "when", "should i be taking", "who needs", "do i need magnesium", "who may benefit",
    "who might benefit", "who would benefit", "who can benefit", "who benefits", "who should take",
    "who should be taking",
})  # fmt: skip
#: When a question asks several things, these come first, in this order ("is 500 mg of elemental
#: magnesium too much" asks about the limit, "what happens if I don't get enough" about too little);
#: the others keep the order they were asked in.
FIRST: tuple[Intent, ...] = ("result", "too-much", "deficiency", "elemental")

MASS_UNITS = {"mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "g": 1000.0, "gram": 1000.0, "grams": 1000.0}
LAB_UNITS: dict[tuple[str, ...], Literal["mg/dL", "mmol/L", "mEq/L"]] = {
    ("mg", "/", "dl"): "mg/dL",
    ("mg", "dl"): "mg/dL",
    ("mgdl",): "mg/dL",
    ("mmol", "/", "l"): "mmol/L",
    ("mmol", "l"): "mmol/L",
    ("mmol",): "mmol/L",
    ("meq", "/", "l"): "mEq/L",
    ("meq", "l"): "mEq/L",
    ("meq",): "mEq/L",
}
#: A bare number read as a blood level must be below this: levels are about 0.5 to 3 in mmol/L,
#: mg/dL and mEq/L alike, and a larger bare number after "magnesium" is a strength.
MAX_BARE_LEVEL = 10.0
#: What else people have levels of: "level" after one of these is not a magnesium result.
OTHER_LEVELS = frozenset({
    "sugar", "glucose", "insulin", "iron", "potassium", "calcium", "sodium", "zinc", "cholesterol",
    "energy", "stress", "anxiety", "testosterone", "hormone", "hormones", "d", "b12", "thyroid",
})  # fmt: skip
#: Words that ask whether a figure is a low, high or normal level.
LEVEL_WORDS = frozenset({"low", "high", "normal", "deficient"})
#: The letter or word a laboratory prints after a result out of range.
FLAG_WORDS = frozenset({"l", "h", "lo", "hi", "low", "high"})
AGE_WORDS = frozenset({"year", "years", "yr", "yrs", "yo", "y", "yearold", "yearsold"})
MONTH_WORDS = frozenset({"month", "months", "mo", "mos", "mth", "mths", "monthold"})
#: Countries said in a question; "us" is left out, being the word "us" far more often.
REGION_WORDS: dict[str, Region] = {
    "usa": Region.US, "america": Region.US, "canada": Region.US, "uk": Region.UK,
    "britain": Region.UK, "england": Region.UK, "scotland": Region.UK, "wales": Region.UK,
    "eu": Region.EU, "europe": Region.EU, "australia": Region.AU_NZ, "nz": Region.AU_NZ,
    "zealand": Region.AU_NZ, "germany": Region.DACH, "austria": Region.DACH,
    "switzerland": Region.DACH, "japan": Region.JAPAN, "norway": Region.NORDIC,
    "sweden": Region.NORDIC, "denmark": Region.NORDIC, "finland": Region.NORDIC,
}  # fmt: skip
_LONGEST_CUE = max(
    len(cue.split()) for cue in [*(c for cues in CUES.values() for c in cues), *BUYING, *AGE_ASKED]
)
_CUE_INTENTS: dict[tuple[str, ...], Intent] = {
    tuple(cue.split()): intent for intent, cues in CUES.items() for cue in cues
}


class Amount(msgspec.Struct, frozen=True):
    """A mass in the question, in mg as written (elemental or compound is not said)."""

    mg: float
    text: str


class Result(msgspec.Struct, frozen=True):
    """A blood magnesium figure in the question; ``unit`` None when none was given; ``low`` and
    ``high`` the range printed after it ("1.4 mg/dL (1.6-2.6)"), when given."""

    value: float
    unit: Literal["mg/dL", "mmol/L", "mEq/L"] | None
    text: str
    low: float | None = None
    high: float | None = None


class Person(msgspec.Struct, frozen=True):
    """Who the question is about, where it says: an age in years, sex, pregnancy, country."""

    age: float | None = None
    sex: Literal["female", "male"] | None = None
    stage: Literal["pregnancy", "lactation"] | None = None
    region: Region | None = None
    text: str = ""


class Question(msgspec.Struct, frozen=True):
    """A question as read: what it asks (see ``FIRST``), the figures it gives, who it is
    about, and the words left for finding entries. ``cues`` are the phrases read as intents."""

    text: str
    intents: list[Intent]
    cues: list[str]
    amounts: list[Amount]
    results: list[Result]
    person: Person | None
    words: list[str]


def read(text: str) -> Question:
    """The question ``text`` read; linear in its length."""
    return _Reading(text).question()


class _Reading:
    """One pass over a question's tokens, keeping what each one was read as."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = [t for t in reader.tokens(text) if t.kind != "sign" or t.key == "/"]
        self.keys = [t.key.replace("'", "") if t.kind == "word" else t.key for t in self.found]
        self.intents: list[Intent] = []
        self.cues: list[str] = []
        self.amounts: list[Amount] = []
        self.results: list[Result] = []
        self.who: dict[str, object] = {}
        self.who_text: list[str] = []
        self.words: list[str] = []

    def question(self) -> Question:
        position = 0
        while position < len(self.found):
            position += self._number(position) or self._cue(position) or self._word(position)
        intents = self.intents
        if "result" in intents and not self.results:  # "what if my level is high": what high means
            said: tuple[tuple[str, Intent], ...] = (("high", "too-much"), ("low", "deficiency"))
            for word, intent in said:
                if word in self.words and intent not in intents:
                    self.words.remove(word)
                    self.cues.append(word)
                    intents.append(intent)
        if self.results and "result" not in intents:
            intents.append("result")
        if len(self.amounts) > 1 and not intents:
            intents.append("elemental")  # "is a 500 mg glycinate capsule 500 mg of magnesium"
        buying = any(cue in BUYING for cue in self.cues)
        if self.amounts and "too-much" not in intents and (not intents or "safe" in intents) and not buying:
            intents.append("too-much")  # "is 350 mg safe", "can you have 400 mg": the limit
        if "when" in intents and "food" in intents:
            intents.remove("food")  # "do you eat before or after taking it": a question of when
        ordered = sorted(intents, key=lambda i: FIRST.index(i) if i in FIRST else len(FIRST))
        if "result" in ordered and not self.results and {"too-much", "deficiency"} & set(ordered):
            # "what does a high magnesium level mean": no figure to read, so what too high (or too
            # low) means answers first
            ordered.remove("result")
            ordered.append("result")
        for intent in list(ordered):  # "when is a level low", "which one should I be taking"
            cues = [cue for cue in self.cues if _CUE_INTENTS.get(tuple(cue.split())) == intent]
            if len(ordered) > 1 and cues and set(cues) <= WEAK_CUES:
                ordered.remove(intent)
                ordered.append(intent)
        person = Person(**self.who, text=" ".join(self.who_text)) if self.who else None  # type: ignore[arg-type]
        return Question(self.text, ordered, self.cues, self.amounts, self.results, person, self.words)

    def _span(self, start: int, end: int) -> str:
        """The tokens from ``start`` to ``end`` as typed, spaces kept."""
        return self.text[self.found[start].start : self.found[end - 1].end]

    def _cue(self, position: int) -> int:
        """How many words from ``position`` say what is asked ("too much"), or 0."""
        keys = self.keys
        if keys[position] in {"level", "levels"} and position and keys[position - 1] in OTHER_LEVELS:
            return 0  # "blood sugar levels", "energy levels": the level of something else
        for length in range(min(_LONGEST_CUE, len(keys) - position), 0, -1):
            if tuple(keys[position : position + length]) in _NO_INTENT:
                self.cues.append(" ".join(keys[position : position + length]))
                return length
            intent = _CUE_INTENTS.get(tuple(keys[position : position + length]))
            if intent is not None:
                cue = " ".join(keys[position : position + length])
                also: list[Intent] = ["result"] if cue in RESULT_TOO else []
                self.intents += [i for i in (intent, *also) if i not in self.intents]
                self.cues.append(cue)
                return length
        return 0

    def _word(self, position: int) -> int:
        """One word: part of who the question is about, or what it is about (or both)."""
        token, key = self.found[position], self.keys[position]
        for field, table in (("sex", SEX_WORDS), ("stage", STAGE_WORDS), ("region", REGION_WORDS)):
            if key in table and field not in self.who:
                self.who[field] = table[key]
                self.who_text.append(token.text)
                if field != "sex":  # pregnancy and countries have entries of their own
                    self.words.append(key)
                return 1
        if token.kind == "word":
            self.words.append(key)
        return 1

    def _number(self, position: int) -> int:
        """How many tokens from ``position`` make one figure: a result, an amount, an age; or 0."""
        token = self.found[position]
        if token.kind != "number" or token.value is None:
            return 0
        taken = self._result(position, token.value) or self._amount(position, token.value)
        taken = taken or self._age(position, token.value)
        if taken:
            return taken
        if (
            "result" in self.intents
            or "deficiency" in self.intents
            or self._after_magnesium(position)
            or self._before_magnesium(position)
        ):
            self.results.append(Result(token.value, None, token.text))
        else:
            self.words.append(token.key)
        return 1

    def _result(self, position: int, value: float) -> int:
        after = self.keys[position + 1 : position + 4]
        for unit_words, unit in LAB_UNITS.items():
            if tuple(after[: len(unit_words)]) == unit_words:
                end = position + 1 + len(unit_words)
                low, high = _printed_range(self.found, end)
                end += 2 if low is not None else 0
                end += 1 if end < len(self.keys) and self.keys[end] in FLAG_WORDS else 0  # "(1.6-2.6) L"
                self.results.append(Result(value, unit, self._span(position, end), low, high))
                return end - position
        return 0

    def _amount(self, position: int, value: float) -> int:
        unit = self.keys[position + 1] if position + 1 < len(self.keys) else ""
        if unit not in MASS_UNITS:
            return 0
        self.amounts.append(Amount(value * MASS_UNITS[unit], self._span(position, position + 2)))
        return 2

    def _age(self, position: int, value: float) -> int:
        if "age" in self.who:
            return 0
        after = self.keys[position + 1 : position + 3]
        if after and (after[0] in AGE_WORDS or after[0] in MONTH_WORDS):
            end = position + 2 + (1 if after[1:2] == ["old"] else 0)
            self.who["age"] = value / 12 if after[0] in MONTH_WORDS else value
            self.who_text.append(self._span(position, end))
            return end - position
        if position and self.keys[position - 1] in {"age", "aged"}:
            self.who["age"] = value
            self.who_text.append(self._span(position - 1, position + 1))
            return 1
        return 0

    def _after_magnesium(self, position: int) -> bool:
        """A bare last number soon after "magnesium" that can be a blood level in some unit ("my
        magnesium is 1.6"); "magnesium glycinate 400" is a strength, not a result."""
        value = self.found[position].value
        window = self.keys[max(0, position - 3) : position]
        last = position == len(self.keys) - 1
        return (
            last
            and value is not None
            and value < MAX_BARE_LEVEL
            and any(w in {"magnesium", "serum", "mg"} for w in window)
        )

    def _before_magnesium(self, position: int) -> bool:
        """A bare number that can be a level right before "magnesium", in a question that asks
        whether it is low, high or normal ("is 2 magnesium low?"); "2 magnesium tablets" is not."""
        value = self.found[position].value
        return (
            value is not None
            and value < MAX_BARE_LEVEL
            and self.keys[position + 1 : position + 2] == ["magnesium"]
            and any(key in LEVEL_WORDS for key in self.keys[position + 2 :])
        )


def _printed_range(found: list[reader.Token], start: int) -> tuple[float | None, float | None]:
    """The two numbers right after a result, if they are a range: low first."""
    pair = found[start : start + 2]
    if len(pair) == 2 and all(t.kind == "number" and t.value is not None for t in pair):
        low, high = pair[0].value, pair[1].value
        assert low is not None and high is not None
        if low < high:
            return low, high
    return None, None
