"""Turn names and sentences as people type them into lookup keys, and suggest close names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Words that do not change which entry is meant ("magnesium glycinate" is "glycinate").
FILLER_WORDS = frozenset({"magnesium", "mag", "mg"})

#: Compound words on labels (English, French and German, accents removed) and the form they name (the
#: label reader and the amount reader both read them).
COMPOUND_WORDS: dict[str, str] = {
    "oxide": "oxide", "oxyde": "oxide", "hydroxide": "hydroxide", "hydroxyde": "hydroxide",
    "citrate": "citrate", "glycinate": "glycinate", "bisglycinate": "glycinate", "diglycinate": "glycinate",
    "malate": "malate", "chloride": "chloride", "chlorure": "chloride", "sulfate": "sulfate",
    "sulphate": "sulfate", "carbonate": "carbonate", "lactate": "lactate", "aspartate": "aspartate",
    "gluconate": "gluconate", "threonate": "threonate", "taurate": "taurate", "taurinate": "taurate",
    "orotate": "orotate", "glycerophosphate": "glycerophosphate", "pidolate": "pidolate",
    "trisilicate": "trisilicate", "chelate": "chelate", "chelated": "chelate", "picolinate": "picolinate",
    # German spellings, also the end of one word ("Magnesiumcitrat", "Magnesiumbis(hydrogenaspartat)")
    "oxid": "oxide", "hydroxid": "hydroxide", "citrat": "citrate", "glycinat": "glycinate",
    "bisglycinat": "glycinate", "malat": "malate", "chlorid": "chloride", "sulfat": "sulfate",
    "carbonat": "carbonate", "lactat": "lactate", "aspartat": "aspartate", "hydrogenaspartat": "aspartate",
    "gluconat": "gluconate", "orotat": "orotate", "glycerophosphat": "glycerophosphate",
}  # fmt: skip

#: Words that carry no name: dropped from questions before names are resolved or searched for.
STOP_WORDS = frozenset({
    "a", "about", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "best", "better", "between", "both", "but", "by", "can", "could", "daily", "day",
    "did", "do", "does", "doing", "during", "each", "every", "for", "from", "get", "give", "good",
    "had", "has", "have", "help", "helps", "how", "i", "if", "im", "in", "into", "is", "it",
    "its", "just", "like", "may", "me", "might", "mine", "much", "my", "need", "no", "not",
    "of", "ok", "okay", "on", "one", "or", "other", "our", "safe", "same", "should", "so",
    "some", "take", "takes", "taking", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "time", "to", "together", "too", "use", "using", "very",
    "versus", "vs", "was", "we", "what", "when", "where", "which", "while", "who", "why", "will",
    "with", "without", "would", "you", "your", "feel", "feels", "feeling", "everyone", "everybody",
    "anyone", "anybody",
    # what a product or medicine comes as: "glycinate capsules", "my thyroid medication"
    "capsule", "capsules", "caps", "drug", "drugs", "form", "forms", "kind", "medication",
    "medications", "medicine", "medicines", "meds", "pill", "pills", "prescription", "product",
    "supplement", "supplements", "tablet", "tablets", "type",
    # who it is for, and the pieces of contractions: "my elderly parent", "shouldn't"
    "aged", "dad", "daughter", "father", "friend", "husband", "mother", "old", "parent",
    "parents", "s", "son", "t", "m", "re", "ve", "ll", "wife", "year", "years", "arent", "cant",
    "didnt", "doesnt",
    "dont", "isnt", "shouldnt", "wont", "taken", "took", "really", "actually", "worth",
    # what a question asks a word to mean, and verbs that say nothing of the subject: "what does
    # elemental magnesium mean", "does magnesium make you sleepy"
    "mean", "means", "meaning", "make", "makes", "made", "till", "until", "happen", "happens",
})  # fmt: skip

#: Words for a way a medicine is used other than by mouth: read as the route, not as a medicine.
ROUTE_WORDS = frozenset({
    "eye", "eyes", "ear", "ears", "drops", "drop", "eyedrops", "cream", "ointment", "gel", "lotion",
    "shampoo", "nasal", "spray", "inhaler", "inhaled", "patch", "injection", "injections",
    "injected", "infusion", "intravenous", "iv", "topical", "skin", "vaginal", "rectal",
    "suppository", "suppositories", "drip", "ophthalmic", "otic",
})  # fmt: skip

#: Words about a dose of a medicine (its unit, or prescription shorthand for how often):
#: "levothyroxine 100 mcg qam" names levothyroxine.
DOSE_WORDS = frozenset({
    "mcg", "ug", "µg", "g", "ml", "iu", "unit", "units", "mmol", "meq", "dose", "doses", "qam",
    "qpm", "qd", "od", "bid", "bd", "tid", "tds", "qid", "qds", "qhs", "hs", "prn", "nocte", "mane",
})  # fmt: skip

#: Words that follow a medicine's name on a prescription or a box to name its salt or how it is
#: released ("doxycycline hyclate", "metoprolol succinate ER", "bupropion XL"): read as part of the
#: name just before them, never as another medicine. A word that names an entry itself is read as
#: that entry first.
SALT_AND_RELEASE_WORDS = frozenset({
    # salts, esters and hydrates
    "hyclate", "monohydrate", "dihydrate", "trihydrate", "hemihydrate", "sesquihydrate",
    "anhydrous", "hydrochloride", "dihydrochloride", "hcl", "hydrobromide", "hbr", "sodium",
    "disodium", "potassium", "calcium", "besylate", "besilate", "maleate", "mesylate", "mesilate",
    "succinate", "tartrate", "bitartrate", "fumarate", "hemifumarate", "oxalate", "acetate",
    "phosphate", "sulfate", "sulphate", "bromide", "mononitrate", "dinitrate", "propionate",
    "dipropionate", "furoate", "valerate", "xinafoate", "disoproxil", "alafenamide", "embonate",
    "pamoate", "lactate", "gluconate", "trometamol", "tromethamine", "arginine", "erbumine",
    "medoxomil", "cilexetil", "axetil", "etexilate", "decanoate", "enanthate",
    # how the tablet or capsule releases the medicine
    "er", "xr", "xl", "sr", "cr", "la", "dr", "ec", "ir", "odt", "mr", "xt", "cd", "retard",
    "extended", "delayed", "modified", "prolonged", "sustained", "controlled", "immediate",
    "release", "released", "continus", "depot", "chewable", "dispersible", "orodispersible",
    "effervescent", "film", "coated", "enteric",
})  # fmt: skip

#: Words about when a medicine is taken: not medicine names, so never reported as unknown ones.
TIMING_WORDS = frozenset({
    "after", "am", "apart", "bed", "bedtime", "before", "breakfast", "dinner", "earlier",
    "evening", "first", "hour", "hours", "later", "lunch", "meal", "meals", "morning", "night",
    "pm", "space", "spaced", "spacing", "thing", "wait", "once", "twice", "week", "weekly",
    "month", "monthly", "fortnightly",
})  # fmt: skip

#: Words that join two names to be weighed against each other ("glycinate vs citrate").
COMPARE_WORDS = frozenset({"vs", "versus", "or", "compared", "against"})

_SEPARATORS = re.compile(r"[\s\x00-\x1f\x7f\-_/.,;:!?'\"()\[\]{}+&*^<>=|\\`~#$%@]+")


def fold(text: str) -> str:
    """Text with case, width and accent differences removed, for comparing."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return [word for word in _SEPARATORS.split(fold(text)) if word]


def key(text: str) -> str:
    """The lookup key for a name: case, spaces, hyphens and filler words do not matter."""
    return key_of_words(words(text))


def key_of_words(parts: list[str]) -> str:
    """The key of a name already split into folded words."""
    kept = [word for word in parts if word not in FILLER_WORDS]
    return "".join(kept or parts)


#: The words for a medicine that people end a name with ("acid reflux meds", "heartburn tablets"),
#: longest first: each may be read as any of the others, as the names and phrases held use only some.
MEDICINE_ENDINGS = (
    "medications", "medication", "medicines", "medicine", "tablets", "tablet", "pills", "pill",
    "drugs", "drug", "meds",
)  # fmt: skip


def variants(name_key: str) -> list[str]:
    """A key and its singular readings: ``cramps`` is also ``cramp``, ``therapies`` ``therapy``;
    a key ending in a word for a medicine is also one ending in each other such word
    (``acidrefluxmeds`` is also ``acidrefluxmedicine``)."""
    found = [name_key]
    ending = next((e for e in MEDICINE_ENDINGS if name_key.endswith(e) and len(name_key) > len(e)), None)
    if ending is not None:
        stem = name_key[: -len(ending)]
        found += [stem + other for other in MEDICINE_ENDINGS if other != ending]
    if len(name_key) > 3 and name_key.endswith("s") and not name_key.endswith("ss"):
        found.append(name_key[:-1])
        if name_key.endswith("ies"):
            found.append(name_key[:-3] + "y")
        elif name_key.endswith("es"):
            found.append(name_key[:-2])
    return found


def is_noise(word: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether a word names nothing on its own: a stop word, a filler word, a number or an amount
    ("100mcg"), or in ``also``."""
    return (
        word in STOP_WORDS
        or word in FILLER_WORDS
        or word.isdigit()
        or word in also
        or _AMOUNT_WORD.fullmatch(word) is not None
    )


_AMOUNT_WORD = re.compile(r"\d+(?:[.,]\d+)?(?:mg|mcg|µg|ug|g|ml|iu|mmol|meq|units?)")


def suggest(query: str, labels: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``labels`` that look like ``query``, closest first."""
    import difflib

    by_key: dict[str, str] = {}
    for label in labels:
        by_key.setdefault(key(label), label)
    wanted = key(query)
    if not wanted:
        return []
    close = difflib.get_close_matches(wanted, list(by_key), n=limit, cutoff=0.6)
    if len(close) < limit and len(wanted) >= 3:
        close += [k for k in by_key if wanted in k and k not in close][: limit - len(close)]
    return [by_key[k] for k in close]
