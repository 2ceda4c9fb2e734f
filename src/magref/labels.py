"""Read one line of a magnesium label as printed in the US, EU, UK, Canada or Australia.

The rules follow the labelling regulations: a nutrient name with its source in brackets ("(as",
"(...)", "from", "equivalent to") or directly before the amount gives elemental magnesium; a
compound name with an amount in a medicine's active-ingredient line gives compound weight; an
mmol figure is elemental and should match any mg beside it; a product title that names a
compound and an amount could mean either, so both readings are given.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import msgspec

from magref import dosing
from magref.catalog import Catalog
from magref.errors import InputError
from magref.intake import MG_PER_MMOL, Basis
from magref.model import Form
from magref.reader import canonical
from magref.region import DEFAULT_REGION, Region

#: Label reference amounts of magnesium (mg a day) that a printed percentage may be of:
#: the US Daily Value since the 2016 rule, the US Daily Value before it, and the EU/UK NRV.
REFERENCES: dict[str, int] = {"us-dv": 420, "us-dv-before-2016": 400, "eu-nrv": 375}
#: How far a printed mg may be from its mmol figure times 24.305 (labels round to 0.1 mg).
MMOL_TOLERANCE_MG = 0.6
EXAMPLES = (
    "for example: 'Magnesium (as magnesium glycinate) 200 mg', 'Magnesium (magnesium bisglycinate) 250 mg', "
    "'each (15 mL) contains: magnesium 500 mg', 'Magnesium hydroxide 1200 mg', "
    "'equivalent to 4 mmol (97.2 mg) of magnesium', 'Magnesium 375 mg (100% NRV)'"
)
#: Compound words on labels (English and French, accents removed) and the form they name.
COMPOUND_WORDS: dict[str, str] = {
    "oxide": "oxide", "oxyde": "oxide", "hydroxide": "hydroxide", "hydroxyde": "hydroxide",
    "citrate": "citrate", "glycinate": "glycinate", "bisglycinate": "glycinate", "diglycinate": "glycinate",
    "malate": "malate", "chloride": "chloride", "chlorure": "chloride", "sulfate": "sulfate",
    "sulphate": "sulfate", "carbonate": "carbonate", "lactate": "lactate", "aspartate": "aspartate",
    "gluconate": "gluconate", "threonate": "threonate", "taurate": "taurate", "taurinate": "taurate",
    "orotate": "orotate", "glycerophosphate": "glycerophosphate", "pidolate": "pidolate",
    "trisilicate": "trisilicate", "chelate": "chelate", "chelated": "chelate", "picolinate": "picolinate",
}  # fmt: skip
_COMPOUND_NAMES = r"(?:l-|di|tri|bis)?(?:" + "|".join(COMPOUND_WORDS) + r")\b"
#: Forms sold only as medicines, whose labels always give the compound's weight.
MEDICINE_FORMS = frozenset({"hydroxide", "trisilicate"})
OTHER_NUTRIENTS = (
    "calcium", "sodium", "potassium", "zinc", "aluminium", "aluminum", "simethicone", "melatonin",
    "phosphorus", "phosphorous",
)  # fmt: skip

_NUM = r"(\d+(?:[.,]\d+)?)"
#: Milligrams and grams as labels write them: "mg", "mgs", "milligrams", "g", "gm", "grams".
_MASS_UNIT = r"(mg|g)(?:s\b|\b)|(milligram|gram|gm)s?\b"
_MASS = re.compile(_NUM + r"\s*(?:" + _MASS_UNIT + ")")
#: An mmol figure, or an mEq one (magnesium is divalent: 2 mEq are 1 mmol).
_MMOL = re.compile(_NUM + r"\s*(mmol|meq)\b")
#: The mg beside it, after it in brackets ("4mmol (97mg)", "7mEq (84 Mg)") or before it
#: ("240mg [20mEq]").
_MMOL_MG = re.compile(_NUM + r"\s*(mmol|meq)\s*\(\s*" + _NUM + r"\s*mg\s*\)")
_MG_MMOL = re.compile(_NUM + r"\s*mg\s*[(\[]\s*" + _NUM + r"\s*(mmol|meq)\s*[)\]]")
_PERCENT = re.compile(_NUM + r"\s*%\s*(dv|daily value|nrv|ri|rda|vnr)?")
#: Another nutrient and its amount, past one bracketed aside: "calcium 175 mg", "melatonin
#: (non-animal source) 10 mg".
_OTHER = re.compile(
    r"\b(" + "|".join(OTHER_NUTRIENTS) + r")\b\s*(?:\([^()]{0,60}\)\s*)?:?\s*" + _NUM + r"\s*(mg|g)\b"
)
_PORTION = re.compile(
    r"(?:each|per|in each|/)\s*\(?\s*(\d+(?:[.,]\d+)?\s*ml|tablet|capsule|caplet|sachet|softgel|"
    r"teaspoon(?:ful)?|tablespoon(?:ful)?|serving|dose|chewable tablet|tsp|tbsp)"
)
_ELEMENTAL_MARKERS = re.compile(
    r"magnesium\s*\(|\bas\b|\bfrom\b|elemental|equivalent to|magnesium\s*:?\s*\d|magnesium content|"
    r"\d\s*(?:mg|g)\s+of\s+magnesium\b(?!\s*(?:\(\s*)?" + _COMPOUND_NAMES + r")|"
    r"contains\s*:?\s*(?:[a-z]+\s+\d[^,]*,\s*)*magnesium"
)
_DRUG_FACTS = re.compile(r"active ingredient|in each|each \d|each \(|per \d+\s*ml|/\s*\d+\s*ml")
_TITLE = re.compile(r"\b(capsules|tablets|caplets|softgels|gummies|count|ct)\b|\d+\s*(capsules|tablets)")

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


#: "Mg" as the nutrient's name, at the start of the line or of a bracket ("Mg 100 mg (24% DV)"),
#: or after "elemental" ("54mg elemental Mg/5mL"): there it is magnesium's symbol, not milligrams.
_MG_AS_NAME = re.compile(r"(^|\(|elemental )(\s*(?:elemental\s+|total\s+)?)mg\b(?!\s*/)|(elemental )()mg\b")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("·", " ")
    return _MG_AS_NAME.sub(lambda m: (m[1] or m[3] or "") + (m[2] or m[4] or "") + "magnesium", plain)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _mass_mg(found: re.Match[str]) -> float:
    grams = found[2] == "g" or found[3] in ("gram", "gm")
    return _number(found[1]) * (1000 if grams else 1)


def read(
    data: Catalog, text: str, age: float = dosing.ADULT_AGE, region: Region | None = None
) -> LabelReading:
    """The compound, elemental and compound milligrams, and the checks, for one label line.

    The upper limit is the ``region``'s; with none given, a line printing ``% NRV`` is held to the
    EU's and one printing ``% DV`` to the US's, else the default region's.
    """
    plain = _plain(canonical(text))
    if "magnes" not in plain and not _MMOL.search(plain):
        raise InputError(
            f"cannot read '{text}' as a magnesium label line: it does not name magnesium", EXAMPLES
        )
    other = [(m[1], _number(m[2]) * (1000 if m[3] == "g" else 1)) for m in _OTHER.finditer(plain)]
    rest = _OTHER.sub(" ", plain)
    compounds = _compounds(data, rest)
    mmol = _mmol(rest)
    pair = _pair(rest, compounds) if len(compounds) <= 1 else None
    if pair is None and mmol is not None:
        pair = _mmol_pair(rest, mmol, compounds)
    mg = pair.stated_elemental_mg if pair else _magnesium_mg(rest, mmol, text)
    region, region_from = _region(rest, region)
    ul = dosing.upper_limit(data, age, region).mg
    elemental_marked = bool(_ELEMENTAL_MARKERS.search(rest)) or mmol is not None or not compounds
    form = compounds[0].form if len(compounds) == 1 else None
    readings: list[Reading] = []
    if pair is not None:
        readings.append(Reading(Basis.ELEMENTAL, mg, pair.compound_mg, dosing.limit_status(mg, ul)))
        ambiguous = False
    elif elemental_marked or len(compounds) > 1:
        compound = mg / (form.elemental_percent / 100) if form else None
        readings.append(Reading(Basis.ELEMENTAL, mg, compound, dosing.limit_status(mg, ul)))
        ambiguous = False
    else:
        medicine = compounds[0].form is not None and compounds[0].form.id in MEDICINE_FORMS
        drug_facts = bool(_DRUG_FACTS.search(rest)) and not _TITLE.search(rest)
        elemental = mg * form.elemental_percent / 100 if form else None
        status = dosing.limit_status(elemental, ul) if elemental is not None else None
        readings.append(Reading(Basis.COMPOUND, elemental, mg, status))
        ambiguous = not (medicine or drug_facts)
        if ambiguous:
            compound = mg / (form.elemental_percent / 100) if form else None
            readings.append(Reading(Basis.ELEMENTAL, mg, compound, dosing.limit_status(mg, ul)))
    percent = _percent(rest, mg) if readings[-1].basis is Basis.ELEMENTAL or ambiguous else None
    portion = _PORTION.search(rest)
    if portion is None and "sachet" in rest:
        portion_text: str | None = "sachet"
    else:
        portion_text = portion[1].replace("ml", " mL").replace("  ", " ") if portion else None
    return LabelReading(
        text,
        compounds,
        len(compounds) > 1,
        ambiguous,
        readings,
        portion_text,
        mmol,
        percent,
        other,
        ul,
        pair,
        region,
        region_from,
    )


def _region(plain: str, given: Region | None) -> tuple[Region, Literal["given", "line", "default"]]:
    if given is not None:
        return given, "given"
    found = _PERCENT.search(plain)
    word = found[2] if found else None
    if word in ("dv", "daily value"):
        return Region.US, "line"
    if word in ("nrv", "vnr"):
        return Region.EU, "line"
    return DEFAULT_REGION, "default"


#: How far a printed elemental figure may be from the printed compound weight times the form's %.
PAIR_TOLERANCE = 0.02


def _pair(plain: str, compounds: list[Compound]) -> PairCheck | None:
    """Two amounts, one of them marked as magnesium itself: the other is the compound's weight.

    "Magnesium Oxide 400 mg (241.3 mg elemental magnesium)"; "Magnesium hydroxide 1200 mg,
    magnesium 595 mg".
    """
    masses = [(m, _mass_mg(m)) for m in _MASS.finditer(plain)]
    if len(masses) != 2 or masses[0][1] == masses[1][1]:
        return None
    marked = [
        value
        for match, value in masses
        if re.match(
            r"\.?\s*(?:\[[^\]]{0,20}\]\s*)?(?:of\s+)?(?:elemental|magnesium\b(?!\s+"
            + _COMPOUND_NAMES
            + r"))",
            plain[match.end() :],
        )
        or re.search(r"magnesium\s*:?\s*$", plain[: match.start()])
    ]
    if len(marked) != 1:
        return None
    stated = marked[0]
    if not compounds and "elemental" not in plain:
        return None  # with no compound named, only "elemental" says the other amount is a compound's
    compound = next(value for _, value in masses if value != stated)
    form = compounds[0].form if compounds else None
    if form is None:
        return PairCheck(compound, stated, None, None)
    computed = compound * form.elemental_percent / 100
    good = abs(stated - computed) <= PAIR_TOLERANCE * computed
    return PairCheck(compound, stated, computed, "consistent" if good else "inconsistent")


def _compounds(data: Catalog, plain: str) -> list[Compound]:
    found: list[Compound] = []
    for word in re.findall(r"[a-z][a-z-]*", plain):
        base = word.removeprefix("l-").removeprefix("di").removeprefix("tri")
        form_id = COMPOUND_WORDS.get(word) or COMPOUND_WORDS.get(base)
        if form_id is None or any(c.word == form_id for c in found):
            continue
        found.append(Compound(form_id, data.find("forms", form_id, Form)))
    named = [c for c in found if c.word != "chelate"]
    return named or found  # "bisglycinate chelate" is glycinate; "amino acid chelate" is a chelate


def _mmol(plain: str) -> MmolCheck | None:
    """The mmol (or mEq) figure and the mg printed with it, checked against each other.

    An mEq figure is held to the rounding it is printed with ("7mEq" is 6.5 to 7.5 mEq): labels
    round it to whole units, so 84 mg beside 7 mEq agrees.
    """
    printed: tuple[str, str, str] | None = None  # the figure, its unit, and the mg beside it
    if paired := _MMOL_MG.search(plain):
        printed = (paired[1], paired[2], paired[3])
    elif reverse := _MG_MMOL.search(plain):
        printed = (reverse[2], reverse[3], reverse[1])
    if printed is not None:
        figure, unit, stated = printed
        mmol = _number(figure) / (2 if unit == "meq" else 1)
        computed = mmol * MG_PER_MMOL
        tolerance = MMOL_TOLERANCE_MG
        if unit == "meq":
            decimals = len(figure.partition(".")[2])
            tolerance = max(tolerance, 0.5 * 10**-decimals * MG_PER_MMOL / 2)
        good = abs(_number(stated) - computed) <= tolerance
        return MmolCheck(mmol, _number(stated), computed, "consistent" if good else "inconsistent")
    alone = _MMOL.search(plain)
    if alone:
        mmol = _number(alone[1]) / (2 if alone[2] == "meq" else 1)
        return MmolCheck(mmol, None, mmol * MG_PER_MMOL, None)
    return None


def _mmol_pair(plain: str, mmol: MmolCheck, compounds: list[Compound]) -> PairCheck | None:
    """An mg figure given with its mmol or mEq is magnesium itself; one other mg figure on a line
    that names a compound is then the compound's weight ("7mEq (84 Mg) magnesium as magnesium
    L-lactate dihydrate (835 Mg ...)")."""
    if mmol.stated_mg is None or len(compounds) != 1:
        return None
    stated = mmol.stated_mg
    others = {value for value in (_mass_mg(m) for m in _MASS.finditer(plain)) if abs(value - stated) > 0.01}
    if len(others) != 1:
        return None
    compound = others.pop()
    form = compounds[0].form
    if form is None:
        return PairCheck(compound, stated, None, None)
    computed = compound * form.elemental_percent / 100
    good = abs(stated - computed) <= PAIR_TOLERANCE * computed
    return PairCheck(compound, stated, computed, "consistent" if good else "inconsistent")


def _magnesium_mg(plain: str, mmol: MmolCheck | None, text: str) -> float:
    if mmol is not None:
        value = mmol.stated_mg if mmol.stated_mg is not None else mmol.computed_mg
    else:
        masses = [_mass_mg(m) for m in _MASS.finditer(plain)]
        if not masses:
            raise InputError(f"cannot read '{text}': no amount in mg, g or mmol", EXAMPLES)
        if len(set(masses)) > 1:
            shown = ", ".join(f"{m:g} mg" for m in masses)
            raise InputError(
                f"'{text}' has more than one amount for magnesium ({shown})",
                "give the one line that names magnesium and its amount",
            )
        value = masses[0]
    if not 0 < value <= 100_000:
        raise InputError(f"'{text}': {value:g} mg is not a possible amount on a label")
    return value


def _percent(plain: str, mg: float) -> PercentCheck | None:
    found = _PERCENT.search(plain)
    if not found:
        return None
    percent = _number(found[1])
    word = found[2]
    stated: Literal["DV", "NRV"] | None = None
    if word in ("dv", "daily value"):
        stated = "DV"
    elif word:
        stated = "NRV"
    matches = [
        name
        for name, reference in REFERENCES.items()
        if abs(100 * mg / reference - percent) <= 1
        and (stated is None or (stated == "NRV") == (name == "eu-nrv"))
    ]
    return PercentCheck(percent, stated, matches)
