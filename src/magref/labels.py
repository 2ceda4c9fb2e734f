"""Read one line of a magnesium label as printed in the US, EU, UK, Canada or Australia.

The rules follow the labelling regulations: a nutrient name with its source in brackets ("(as",
"(...)", "from", "equivalent to") or directly before the amount gives elemental magnesium; a
compound name with an amount in a medicine's active-ingredient line gives compound weight; an
mmol figure is elemental and should match any mg beside it; a product title that names a
compound and an amount could mean either, so both readings are given.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

import msgspec

from magref import dosing
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError
from magref.intake import MG_PER_MMOL, Basis
from magref.model import Form
from magref.names import COMPOUND_WORDS
from magref.reader import Token, read_tokens
from magref.region import DEFAULT_REGION, Region

#: Label reference amounts of magnesium (mg a day) that a printed percentage may be of:
#: the US Daily Value since the 2016 rule, the US Daily Value before it, and the EU/UK NRV.
REFERENCES: dict[str, int] = {"us-dv": 420, "us-dv-before-2016": 400, "eu-nrv": 375}
#: How far a printed mg may be from its mmol figure times 24.305 (labels round to 0.1 mg).
MMOL_TOLERANCE_MG = 0.6
#: German and French words read as the English word a label rule looks for: "121,5 mg elementarem
#: Magnesium" is elemental magnesium, as "84.5 mg. Elemental Magnesium" is.
_SAME_WORDS = {
    "elementarem": "elemental", "elementares": "elemental", "elementar": "elemental",
    "elementaire": "elemental", "elementaires": "elemental",
}  # fmt: skip
_COMPOUND_NAMES = r"(?:l-|di|tri|bis)?(?:" + "|".join(COMPOUND_WORDS) + r")\b"
#: Forms sold only as medicines, whose labels always give the compound's weight.
MEDICINE_FORMS = frozenset({"hydroxide", "trisilicate"})
OTHER_NUTRIENTS = (
    "calcium", "sodium", "potassium", "zinc", "aluminium", "aluminum", "simethicone", "melatonin",
    "phosphorus", "phosphorous",
)  # fmt: skip

#: Units of mass as labels spell them, in milligrams.
MASS_UNITS: dict[str, float] = {
    "mg": 1, "mgs": 1, "milligram": 1, "milligrams": 1, "g": 1000, "gs": 1000, "gm": 1000, "gms": 1000,
    "gram": 1000, "grams": 1000,
}  # fmt: skip
#: mmol, and mEq (magnesium is divalent: 2 mEq are 1 mmol), as a count of mmol each.
CHARGE_UNITS: dict[str, float] = {"mmol": 1, "meq": 0.5}
#: The words a printed percentage names its reference by, and which: the US Daily Value, or the
#: EU's (and UK's) nutrient reference value ("VNR" in French).
PERCENT_WORDS: dict[str, Literal["DV", "NRV"]] = {
    "dv": "DV",
    "nrv": "NRV",
    "ri": "NRV",
    "rda": "NRV",
    "vnr": "NRV",
}
#: Words that name the portion a line is per ("each tablet", "per 15 mL", "/5mL").
PORTION_WORDS = (
    "chewable tablet", "tablet", "capsule", "caplet", "sachet", "softgel", "teaspoonful", "teaspoon",
    "tablespoonful", "tablespoon", "serving", "dose", "tsp", "tbsp",
)  # fmt: skip
_TITLE_WORDS = frozenset({"capsules", "tablets", "caplets", "softgels", "gummies", "count", "ct"})
#: Of the tokens that stand between an amount and the words naming what it is, those skipped.
_BRACKETS = {"(": ")", "[": "]"}
#: The most mass figures compared with one another for an amount said again per serving.
_MOST_AMOUNTS = 6
#: The most tokens read after "contains" in search of magnesium among the nutrients listed.
_LIST_TOKENS = 40


Check = Literal["consistent", "inconsistent"]


class Compound(msgspec.Struct, frozen=True):
    """A compound the label names, and the dataset's form for it when there is one."""

    word: str
    form: Form | None


class Reading(msgspec.Struct, frozen=True):
    """One way to read the amount: of magnesium itself, or of the whole compound."""

    basis: Basis
    elemental_mg: float | None
    compound_mg: float | None
    status: dosing.LimitStatus | None


class PercentCheck(msgspec.Struct, frozen=True):
    """A printed percentage and the label references it fits."""

    percent: float
    stated_reference: Literal["DV", "NRV"] | None
    matches: list[str]


class MmolCheck(msgspec.Struct, frozen=True):
    """An mmol figure, the mg printed beside it, and what 24.305 mg/mmol gives."""

    mmol: float
    stated_mg: float | None
    computed_mg: float
    check: Check | None


class PairCheck(msgspec.Struct, frozen=True):
    """A line that prints both the compound's weight and the magnesium in it, and whether they agree."""

    compound_mg: float
    stated_elemental_mg: float
    computed_mg: float | None
    check: Check | None


class LabelReading(msgspec.Struct, frozen=True):
    """What one label line says about magnesium."""

    text: str
    compounds: list[Compound]
    blend: bool
    ambiguous: bool
    readings: list[Reading]
    portion: str | None
    mmol: MmolCheck | None
    percent: PercentCheck | None
    other_nutrients: list[tuple[str, float]]
    ul_supplemental_mg: int | None
    pair: PairCheck | None = None
    #: Whose upper limit the line is held to, and whether it was ``given``, read from the line's
    #: ``% NRV`` (EU) or ``% DV`` (US) (``line``), or the ``default``.
    region: Region = DEFAULT_REGION
    region_from: Literal["given", "line", "default"] = "default"
    #: The serving a serving-size line sets ("3g (1 level teaspoon)"), for the lines after it: such
    #: a line names no magnesium, and has no readings.
    serving: str | None = None


class Amount(msgspec.Struct, frozen=True):
    """A figure on the line: its value, its unit's kind (``mass`` in mg, ``charge`` in mmol), and
    where its number and unit stand among the line's tokens."""

    value: float
    kind: Literal["mass", "charge"]
    unit: str
    at: int
    end: int


class _Line:
    """One label line as the reader's tokens, with what a label reader asks of them.

    "Mg" that does not follow a number is magnesium's symbol ("Mg 100 mg", "54mg elemental
    Mg/5mL"), so it reads as the word magnesium; after a number it is milligrams.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        found = read_tokens(text)
        self.tokens = [self._named(found, n) for n in range(len(found))]
        self.keys = [_SAME_WORDS.get(token.key, token.key) for token in self.tokens]
        self.amounts = self._amounts()
        #: Tokens read as another nutrient's name and amount: left out of magnesium's reading.
        self.other: list[tuple[str, float]] = []
        self.skip: set[int] = set()
        self._other_nutrients()
        self._restated_per_serving()

    @staticmethod
    def _named(found: list[Token], at: int) -> Token:
        token = found[at]
        after_number = at > 0 and found[at - 1].kind == "number"
        if token.kind == "word" and token.key == "mg" and not after_number:
            return msgspec.structs.replace(token, key="magnesium")
        return token

    def key(self, at: int) -> str:
        return self.keys[at] if 0 <= at < len(self.keys) else ""

    def _amounts(self) -> list[Amount]:
        amounts: list[Amount] = []
        for at, token in enumerate(self.tokens):
            if token.kind != "number" or token.value is None:
                continue
            unit = self.key(at + 1)
            if unit in MASS_UNITS and self.tokens[at + 1].kind == "word":
                amounts.append(Amount(token.value * MASS_UNITS[unit], "mass", unit, at, at + 2))
            elif unit in CHARGE_UNITS:
                amounts.append(Amount(token.value * CHARGE_UNITS[unit], "charge", unit, at, at + 2))
        return amounts

    def _other_nutrients(self) -> None:
        """Another nutrient's name and the mass after it, past one bracketed aside and a colon:
        "calcium 175 mg", "melatonin (non-animal source) 10 mg"."""
        starts = {amount.at: amount for amount in self.amounts if amount.kind == "mass"}
        found: list[tuple[int, str, Amount]] = []
        for at, key in enumerate(self.keys):
            if key not in OTHER_NUTRIENTS:
                continue
            after = self._past_aside(at + 1)
            after += self.key(after) == ":"
            amount = starts.get(after)
            if amount is not None:
                found.append((at, key, amount))
        times = Counter(key for _, key, _ in found)
        # "Mag-SR Plus Calcium: 535 mg (elemental magnesium 64 mg, plus calcium 106 mg)": a nutrient
        # named twice with amounts, first after "plus", is first the product's name, whose amount
        # is the product's
        first = {key: at for at, key, _ in reversed(found)}
        found = [
            (at, key, amount)
            for at, key, amount in found
            if not (times[key] == 2 and first[key] == at and self.key(at - 1) in ("plus", "with", "+", "&"))
        ]
        for at, key, amount in found:
            self.other.append((key, amount.value))
            # "phosphorous 182 mg (from 752 mgs dibasic calcium phosphate)": its source is its own,
            # unless the aside names magnesium
            end = self._past_aside(amount.end)
            if any("magnes" in word for word in self.keys[amount.end : end]):
                end = amount.end
            self.skip.update(range(at, end))
        self.amounts = [amount for amount in self.amounts if amount.at not in self.skip]

    def _restated_per_serving(self) -> None:
        """An amount said again for a serving of several units ("133 mg ... or 400 mg per 3 tablet
        serving": 3 x 133 is 399): the same magnesium per another portion, left out of the reading."""
        masses = [amount for amount in self.amounts if amount.kind == "mass"]
        if len(masses) > _MOST_AMOUNTS:
            return  # a line of so many amounts is refused as unclear anyway: the comparison stays short
        for amount in masses:
            at = amount.end
            count = self.tokens[at + 1] if self.key(at) == "per" and at + 1 < len(self.tokens) else None
            if count is None or count.kind != "number" or not count.value or count.value < 2:
                continue
            each = [m.value for m in masses if m is not amount]
            if any(
                abs(amount.value - count.value * value) <= max(1.0, 0.01 * amount.value) for value in each
            ):
                self.skip.update(range(amount.at, at + 2))
                self.amounts = [a for a in self.amounts if a is not amount]

    def _past_aside(self, at: int, most: int = 12) -> int:
        """The token after a bracketed aside that starts at ``at`` (if one does, of at most
        ``most`` tokens), else ``at``."""
        close = _BRACKETS.get(self.key(at))
        if close is None:
            return at
        for end in range(at + 1, min(at + most + 1, len(self.keys))):
            if self.keys[end] in _BRACKETS:
                return at
            if self.keys[end] == close:
                return end + 1
        return at

    def serving(self) -> str | None:
        """The serving a serving-size line sets, as printed: "Serving Size: 3g (1 level teaspoon)",
        "Each level teaspoon (3 g) contains:", "Serving size: 3 veg capsules | Amount per serving"."""
        keys = self.keys
        if keys[:2] == ["serving", "size"]:
            start = 2 + (self.key(2) == ":")
            end = next((at for at in range(start, len(keys)) if keys[at] in ("|", "amount")), len(keys))
        elif keys[:1] == ["each"] and keys[-1:] in (["contains"], ["contain"], [":"]):
            start, end = 1, len(keys) - 1 - (keys[-1] == ":")
            if self.key(end) not in ("contains", "contain"):
                return None
        else:
            return None
        if end <= start:
            return None
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def magnesium_share(self) -> bool:
        """Whether the line prints the share of magnesium in its compound ("consists of 57-60.6%
        Magnesium", "(Mg 16%)"): its mg figure is then the compound's weight."""
        for at, token in enumerate(self.tokens):
            if token.kind != "number" or self.key(at + 1) != "%":
                continue
            if self.key(at + 2) == "magnesium" or self.key(at - 1) == "magnesium":
                return True
        return False

    def bare_numbers(self) -> list[Token]:
        """Numbers printed with no unit and no % after them ("241.3 Elemental Magnesium")."""
        return [
            token
            for at, token in enumerate(self.tokens)
            if token.kind == "number"
            and at not in self.skip
            and self.key(at + 1) not in (*MASS_UNITS, *CHARGE_UNITS, "%", "-", "/", "x")
            and self.key(at - 1) not in ("-", "/")
        ]

    def words(self) -> list[tuple[int, str]]:
        return [(at, key) for at, key in enumerate(self.keys) if at not in self.skip]

    def has(self, *keys: str) -> bool:
        """Whether the words ``keys`` stand in a row on the line (other nutrients left out)."""
        count = len(keys)
        return any(
            tuple(self.keys[at : at + count]) == keys and not self.skip & set(range(at, at + count))
            for at in range(len(self.keys) - count + 1)
        )

    def masses(self) -> list[Amount]:
        return [amount for amount in self.amounts if amount.kind == "mass"]

    def names_magnesium(self) -> bool:
        return any("magnes" in key for key in self.keys) or any(a.kind == "charge" for a in self.amounts)

    def is_compound(self, at: int) -> bool:
        return _compound_word(self.key(at)) is not None

    def magnesium_itself_after(self, amount: Amount) -> bool:
        """Whether the words after an amount say it is magnesium itself: "(241.3mg elemental
        magnesium)", "117 mg of magnesium", "84.5 mg. Elemental Magnesium", "240mg [20mEq] elemental"."""
        at = amount.end
        at += self.key(at) == "."
        at = self._past_aside(at, 4)
        at += self.key(at) == "of"
        if self.key(at) == "elemental":
            return True
        if self.key(at) != "magnesium":
            return False
        following = at + 1 + (self.key(at + 1) == "(")
        return not self.is_compound(following)

    def in_source_bracket(self, amount: Amount) -> bool:
        """Whether an amount stands in brackets that open with "as" or "from": the compound the
        magnesium comes from ("Magnesium (as citrate 1250 mg) 200 mg")."""
        closing = set(_BRACKETS.values())
        for at in range(amount.at - 1, max(amount.at - 7, -1), -1):
            key = self.key(at)
            if key in closing:
                return False
            if key in _BRACKETS:
                if self.key(at + 1) not in ("as", "from"):
                    return False
                return any(self.key(after) in closing for after in range(amount.end, amount.end + 6))
        return False

    def after_magnesium_bracket(self, amount: Amount) -> bool:
        """Whether an amount follows brackets that follow "magnesium": "Magnesium (...) 200 mg"."""
        closing = set(_BRACKETS.values())
        at = amount.at - 1
        if self.key(at) not in closing:
            return False
        for back in range(at - 1, max(at - 10, -1), -1):
            if self.key(back) in _BRACKETS:
                return self.key(back - 1) == "magnesium"
        return False

    def magnesium_before(self, amount: Amount) -> bool:
        """Whether "magnesium" (or "magnesium:") stands just before an amount."""
        at = amount.at - 1
        at -= self.key(at) == ":"
        return self.key(at) == "magnesium"

    def elemental_marked(self) -> bool:
        """Whether the line says its magnesium figure is magnesium itself: a source in brackets or
        after "as" or "from", "elemental", "equivalent to", "magnesium 200 mg", "magnesium
        content", "contains: ... magnesium", "100 mg of magnesium"."""
        keys = {key for _, key in self.words()}
        if (
            keys & {"as", "from", "elemental"}
            or self.has("equivalent", "to")
            or self.has("magnesium", "content")
        ):
            return True
        for at, key in self.words():
            if key == "magnesium" and (self.key(at + 1) == "(" or self._number_after(at + 1)):
                return True
            if key in ("contains", "contain") and self._lists_magnesium(at + 1):
                return True
        return any(
            self.key(amount.end) == "of" and self.magnesium_itself_after(amount) for amount in self.masses()
        )

    def _number_after(self, at: int) -> bool:
        at += self.key(at) == ":"
        return 0 <= at < len(self.tokens) and self.tokens[at].kind == "number"

    def _lists_magnesium(self, at: int) -> bool:
        """ "contains: magnesium 500 mg", "contains: calcium 20 mg, magnesium 595 mg"."""
        at += self.key(at) == ":"
        end = min(len(self.keys), at + _LIST_TOKENS)  # a panel's list is short: the scan is bounded
        while at < end:
            if self.keys[at] == "magnesium":
                return True
            if self.tokens[at].kind != "word" or not self._number_after(at + 1):
                return False
            while at < end and self.keys[at] != ",":
                at += 1
            at += 1
        return False

    def drug_facts(self) -> bool:
        """Whether the line is a Drug Facts active-ingredient line or says its portion so:
        "Active ingredient", "in each", "each 15 mL", "each (", "per 5 mL", "/5 mL"."""
        if self.has("active", "ingredient") or self.has("active", "ingredients") or self.has("in", "each"):
            return True
        for at, key in self.words():
            next_is_number = self._number_after(at + 1) and self.key(at + 1) != ":"
            if key == "each" and (next_is_number or self.key(at + 1) == "("):
                return True
            if key in ("per", "/") and next_is_number and self.key(at + 2) == "ml":
                return True
        return False

    def title(self) -> bool:
        """Whether the line reads as a product's title: "... 500 mg capsules", "60 ct"."""
        return any(key in _TITLE_WORDS for _, key in self.words())

    def portion(self) -> str | None:
        """What the line's figures are per: "15 mL", "tablet", "teaspoon", "sachet"."""
        for at, key in self.words():
            if key not in ("each", "per", "/"):
                continue
            at += 1 + (self.key(at + 1) == "(")
            token = self.tokens[at] if at < len(self.tokens) else None
            if token is not None and token.kind == "number" and self.key(at + 1) == "ml":
                return f"{_plain_number(token.value or 0)} mL"
            following = f"{self.key(at)} {self.key(at + 1)}"
            for word in PORTION_WORDS:
                if following.startswith(word):
                    return word
        if any("sachet" in key for _, key in self.words()):
            return "sachet"
        return None

    def percent(self) -> tuple[float, Literal["DV", "NRV"] | None] | None:
        """The first printed percentage and the reference it names: "5%DV", "(100% NRV)", "48%"."""
        for at, token in enumerate(self.tokens):
            if token.kind == "number" and self.key(at + 1) == "%" and at not in self.skip:
                word = self.key(at + 2)
                if word == "daily" and self.key(at + 3) == "value":
                    word = "dv"
                return token.value or 0, PERCENT_WORDS.get(word)
        return None


def _plain_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _compound_word(key: str) -> str | None:
    base = key.removeprefix("di").removeprefix("tri")
    joined = key.removeprefix("magnesium")  # "magnesiumcitrat": the German salt written as one word
    return (
        COMPOUND_WORDS.get(key)
        or COMPOUND_WORDS.get(base)
        or (COMPOUND_WORDS.get(joined) if joined else None)
    )


def read(
    data: Catalog, text: str, age: float = dosing.ADULT_AGE, region: Region | None = None
) -> LabelReading:
    """The compound, elemental and compound milligrams, and the checks, for one label line.

    The line is read from the reader's tokens: each figure is a number with its unit, each
    marker a run of words. The upper limit is the ``region``'s; with none given, a line printing
    ``% NRV`` is held to the EU's and one printing ``% DV`` to the US's, else the default region's.
    """
    line = _Line(text)
    serving = line.serving() if not line.names_magnesium() else None
    if serving is not None:  # "Serving Size: 3g (1 level teaspoon)": the serving the next lines are per
        region, region_from = _region(None, region)
        ul = dosing.upper_limit(data, age, region).mg
        return LabelReading(
            text, [], False, False, [], serving, None, None, [], ul, None, region, region_from, serving
        )
    if not line.names_magnesium():
        raise InputError("label-no-magnesium", text=text)
    compounds = _compounds(data, line)
    mmol = _mmol(line)
    _no_unit(line, mmol, text)
    pair = _pair(line, compounds) if len(compounds) <= 1 else None
    if pair is None and mmol is not None:
        pair = _mmol_pair(line, mmol, compounds)
    by_mmol = _compound_by_mmol(line, mmol, compounds) if pair is None else None
    if pair is not None:
        mg = pair.stated_elemental_mg
    else:
        mg = by_mmol if by_mmol is not None else _magnesium_mg(line, mmol, text)
    printed = line.percent()
    region, region_from = _region(printed, region)
    ul = dosing.upper_limit(data, age, region).mg
    share = line.magnesium_share() and len(compounds) == 1 and mmol is None
    elemental_marked = (line.elemental_marked() or mmol is not None or not compounds) and not share
    form = compounds[0].form if len(compounds) == 1 else None
    readings: list[Reading] = []
    if by_mmol is not None and mmol is not None:
        # "Magnesium oxide 400 mg capsules = 10 mmol per capsule": 10 mmol is 243 mg of magnesium,
        # so the 400 mg is the compound's weight
        of_mmol = mmol.computed_mg
        readings.append(Reading(Basis.COMPOUND, of_mmol, by_mmol, dosing.limit_status(of_mmol, ul)))
        ambiguous = False
    elif pair is not None:
        readings.append(Reading(Basis.ELEMENTAL, mg, pair.compound_mg, dosing.limit_status(mg, ul)))
        ambiguous = False
    elif elemental_marked or len(compounds) > 1:
        compound = mg / (form.elemental_percent / 100) if form else None
        readings.append(Reading(Basis.ELEMENTAL, mg, compound, dosing.limit_status(mg, ul)))
        ambiguous = False
    else:
        medicine = compounds[0].form is not None and compounds[0].form.id in MEDICINE_FORMS
        drug_facts = (line.drug_facts() and not line.title()) or share
        elemental = mg * form.elemental_percent / 100 if form else None
        status = dosing.limit_status(elemental, ul) if elemental is not None else None
        readings.append(Reading(Basis.COMPOUND, elemental, mg, status))
        ambiguous = not (medicine or drug_facts)
        if ambiguous:
            compound = mg / (form.elemental_percent / 100) if form else None
            readings.append(Reading(Basis.ELEMENTAL, mg, compound, dosing.limit_status(mg, ul)))
    percent = _percent(printed, mg) if readings[-1].basis is Basis.ELEMENTAL or ambiguous else None
    return LabelReading(
        text,
        compounds,
        len(compounds) > 1,
        ambiguous,
        readings,
        line.portion(),
        mmol,
        percent,
        line.other,
        ul,
        pair,
        region,
        region_from,
    )


def _region(
    printed: tuple[float, Literal["DV", "NRV"] | None] | None, given: Region | None
) -> tuple[Region, Literal["given", "line", "default"]]:
    if given is not None:
        return given, "given"
    stated = printed[1] if printed else None
    if stated == "DV":
        return Region.US, "line"
    if stated == "NRV":
        return Region.EU, "line"
    return DEFAULT_REGION, "default"


def _no_unit(line: _Line, mmol: MmolCheck | None, text: str) -> None:
    """Ask which unit a figure is in when the line prints one with none: "241.3 Elemental Magnesium"."""
    if mmol is not None or line.masses():
        return
    bare = line.bare_numbers()
    if len(bare) == 1:
        figure = bare[0].text
        raise InputError("label-figure-no-unit", text=text, figure=figure)


def _compound_by_mmol(line: _Line, mmol: MmolCheck | None, compounds: list[Compound]) -> float | None:
    """The compound's weight on a line that names one compound and prints one mg figure beside an
    mmol figure it is not ("Magnesium oxide 400 mg capsules = 10 mmol": 10 mmol is 243 mg): the mg
    is then the compound's; None when the line says otherwise."""
    if mmol is None or mmol.stated_mg is not None or len(compounds) != 1:
        return None
    masses = {m.value for m in line.masses() if MASS_UNITS[m.unit] == 1}
    if len(masses) != 1:
        return None
    mass = masses.pop()
    return mass if mass > mmol.computed_mg + MMOL_TOLERANCE_MG else None


#: How far a printed elemental figure may be from the printed compound weight times the form's %.
PAIR_TOLERANCE = 0.02


def _pair(line: _Line, compounds: list[Compound]) -> PairCheck | None:
    """Two amounts, one of them marked as magnesium itself: the other is the compound's weight.

    "Magnesium Oxide 400 mg (241.3 mg elemental magnesium)"; "Magnesium hydroxide 1200 mg,
    magnesium 595 mg".
    """
    masses = line.masses()
    if len(masses) != 2 or masses[0].value == masses[1].value:
        return None
    sourced = [m for m in masses if line.in_source_bracket(m)]
    if len(sourced) == 1:  # "Magnesium (from 1,250 mg magnesium bisglycinate) 250 mg"
        other = next(m for m in masses if m is not sourced[0])
        if line.after_magnesium_bracket(other):
            return _checked_pair(sourced[0].value, other.value, compounds)
    marked = [m.value for m in masses if line.magnesium_itself_after(m) or line.magnesium_before(m)]
    if len(marked) != 1:
        return None
    stated = marked[0]
    if not compounds and not line.has("elemental"):
        return None  # with no compound named, only "elemental" says the other amount is a compound's
    compound = next(m.value for m in masses if m.value != stated)
    return _checked_pair(compound, stated, compounds)


def _checked_pair(compound: float, stated: float, compounds: list[Compound]) -> PairCheck:
    form = compounds[0].form if compounds else None
    if form is None:
        return PairCheck(compound, stated, None, None)
    computed = compound * form.elemental_percent / 100
    good = abs(stated - computed) <= PAIR_TOLERANCE * computed
    return PairCheck(compound, stated, computed, "consistent" if good else "inconsistent")


def _compounds(data: Catalog, line: _Line) -> list[Compound]:
    found: list[Compound] = []
    for _, key in line.words():
        form_id = _compound_word(key)
        if form_id is None or any(c.word == form_id for c in found):
            continue
        found.append(Compound(form_id, data.find("forms", form_id, Form)))
    named = [c for c in found if c.word != "chelate"]
    return named or found  # "bisglycinate chelate" is glycinate; "amino acid chelate" is a chelate


def _mmol(line: _Line) -> MmolCheck | None:
    """The mmol (or mEq) figure and the mg printed with it in brackets, checked against each other.

    The mg may follow it ("4mmol (97mg)", "7mEq (84 Mg)") or come first ("240mg [20mEq]"). An mEq
    figure is held to the rounding it is printed with ("7mEq" is 6.5 to 7.5 mEq): labels round it
    to whole units, so 84 mg beside 7 mEq agrees.
    """
    charges = [amount for amount in line.amounts if amount.kind == "charge"]
    if not charges:
        return None
    closing = set(_BRACKETS.values())
    masses = {m.at: m for m in line.masses() if MASS_UNITS[m.unit] == 1}  # milligrams only
    ends = {m.end: m for m in masses.values()}  # each mass by the token after its unit
    for charge in charges:
        after = masses.get(charge.end + 1) if line.key(charge.end) in _BRACKETS else None
        if after is not None and line.key(after.end) not in closing:
            after = None
        before = ends.get(charge.at - 1) if line.key(charge.end) in closing else None
        if before is not None and line.key(before.end) not in _BRACKETS:
            before = None
        stated = after or before
        if stated is None:
            continue
        computed = charge.value * MG_PER_MMOL
        tolerance = MMOL_TOLERANCE_MG
        if charge.unit == "meq":
            figure = line.tokens[charge.at].text
            decimals = len(figure.replace(",", ".").partition(".")[2])
            tolerance = max(tolerance, 0.5 * 10**-decimals * MG_PER_MMOL / 2)
        good = abs(stated.value - computed) <= tolerance
        return MmolCheck(charge.value, stated.value, computed, "consistent" if good else "inconsistent")
    first = charges[0]
    return MmolCheck(first.value, None, first.value * MG_PER_MMOL, None)


def _mmol_pair(line: _Line, mmol: MmolCheck, compounds: list[Compound]) -> PairCheck | None:
    """An mg figure given with its mmol or mEq is magnesium itself; one other mg figure on a line
    that names a compound is then the compound's weight ("7mEq (84 Mg) magnesium as magnesium
    L-lactate dihydrate (835 Mg ...)")."""
    if mmol.stated_mg is None or len(compounds) != 1:
        return None
    stated = mmol.stated_mg
    others = {m.value for m in line.masses() if abs(m.value - stated) > 0.01}
    if len(others) != 1:
        return None
    return _checked_pair(others.pop(), stated, compounds)


def _magnesium_mg(line: _Line, mmol: MmolCheck | None, text: str) -> float:
    if mmol is not None:
        value = mmol.stated_mg if mmol.stated_mg is not None else mmol.computed_mg
    else:
        masses = [m.value for m in line.masses()]
        if not masses:
            raise InputError("label-no-amount", text=text)
        if len(set(masses)) > 1:
            raise InputError("label-several-amounts", text=text, amounts_mg=masses)
        value = masses[0]
    if not 0 < value <= 100_000:
        raise InputError("label-amount-impossible", text=text, mg=value)
    return value


def _percent(printed: tuple[float, Literal["DV", "NRV"] | None] | None, mg: float) -> PercentCheck | None:
    if printed is None:
        return None
    percent, stated = printed
    matches = [
        name
        for name, reference in REFERENCES.items()
        if abs(100 * mg / reference - percent) <= 1
        and (stated is None or (stated == "NRV") == (name == "eu-nrv"))
    ]
    return PercentCheck(percent, stated, matches)


# -- the answer: what ``label`` prints -----------------------------------------------------------------


class CompoundNamed(Shape):
    word: str
    form: str | None


class ReadingDocument(Shape):
    """One way to read a label's amount: of magnesium itself, or of the whole compound."""

    basis: Literal["elemental", "compound"]
    elemental_mg: float | None
    compound_mg: float | None
    status: dosing.LimitStatus | None


class MmolDocument(Shape):
    mmol: float
    stated_mg: float | None
    computed_mg: float
    check: Check | None


class ReferenceFigure(Shape):
    id: str
    mg: float


class PercentDocument(Shape):
    percent: float
    stated_reference: Literal["DV", "NRV"] | None
    matches: list[ReferenceFigure]


class Nutrient(Shape):
    name: str
    mg: float


class CompoundCheck(Shape):
    compound_mg: float
    stated_elemental_mg: float
    computed_mg: float | None
    check: Check | None


class LabelDocument(Shape):
    """``label``: what one label line says about magnesium, and each way to read it."""

    text: str
    compounds: list[CompoundNamed]
    blend: bool
    ambiguous: bool
    readings: list[ReadingDocument]
    portion: str | None
    mmol: MmolDocument | None
    percent: PercentDocument | None
    other_nutrients: list[Nutrient]
    ul_supplemental_mg: int | None
    #: Whose upper limit: the region, and whether it was given, read from the line (% NRV: eu,
    #: % DV: us) or the default.
    region: str
    region_from: Literal["given", "line", "default"]
    #: A serving-size line ("Serving Size: 3g (1 level teaspoon)") gives the serving it sets here;
    #: it names no magnesium, so ``readings`` is empty. Null for every other line.
    serving: str | None
    compound_check: CompoundCheck | None


class LabelAnswer(msgspec.Struct, kw_only=True):
    """``label``: the document ``--json`` prints, and the line as read (unrounded) for the text."""

    json: LabelDocument
    reading: LabelReading


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def label_document(found: LabelReading) -> LabelDocument:
    """A label line as ``--json`` prints it."""
    mmol, percent, pair = found.mmol, found.percent, found.pair
    return LabelDocument(
        text=found.text,
        compounds=[CompoundNamed(word=c.word, form=c.form.id if c.form else None) for c in found.compounds],
        blend=found.blend,
        ambiguous=found.ambiguous,
        readings=[
            ReadingDocument(
                basis=r.basis.value,
                elemental_mg=_round(r.elemental_mg, 1),
                compound_mg=_round(r.compound_mg, 1),
                status=r.status,
            )
            for r in found.readings
        ],
        portion=found.portion,
        mmol=None
        if mmol is None
        else MmolDocument(
            mmol=mmol.mmol, stated_mg=mmol.stated_mg, computed_mg=round(mmol.computed_mg, 2), check=mmol.check
        ),
        percent=None
        if percent is None
        else PercentDocument(
            percent=percent.percent,
            stated_reference=percent.stated_reference,
            matches=[ReferenceFigure(id=m, mg=REFERENCES[m]) for m in percent.matches],
        ),
        other_nutrients=[Nutrient(name=n, mg=v) for n, v in found.other_nutrients],
        ul_supplemental_mg=found.ul_supplemental_mg,
        region=found.region.value,
        region_from=found.region_from,
        serving=found.serving,
        compound_check=None
        if pair is None
        else CompoundCheck(
            compound_mg=pair.compound_mg,
            stated_elemental_mg=pair.stated_elemental_mg,
            computed_mg=_round(pair.computed_mg, 1),
            check=pair.check,
        ),
    )


def label(
    data: Catalog, text: str, age: float = dosing.ADULT_AGE, region: Region | None = None
) -> LabelAnswer:
    """``label``: one label line read (see ``read``)."""
    found = read(data, text, age, region)
    return LabelAnswer(json=label_document(found), reading=found)
