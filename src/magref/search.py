"""Search every kind of entry with a question as people type it, best answers first.

Entries the question names outright ("lasix", "milk of magnesia", "back pain") come first, in the
order named; then the full-text index ranks the rest with bm25 over the question's words, where
any word may match (OR), stems match ("cramping" finds "cramps") and rare words count most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import msgspec

from magref import index, names, resolve
from magref.catalog import Catalog
from magref.errors import InputError, NotFound

#: A word this long or longer also matches words that share its beginning ("pregnant" and
#: "pregnancy"), keeping at least PREFIX_KEEP letters.
PREFIX_FROM, PREFIX_KEEP = 6, 5
#: Common words that do not find an entry but say what the question is about ("take it at
#: night", "too much", "safe together"): they rank the entries that also hold them higher.
CONTEXT_WORDS = frozenset({
    "take", "takes", "taking", "time", "much", "too", "safe", "same", "together", "daily", "day",
    "without", "during", "best", "better", "good", "help", "helps", "need", "while", "use", "using",
    "capsule", "capsules", "tablet", "tablets", "pill", "pills", "medicine", "medicines",
    "medication", "medications", "drug", "drugs",
})  # fmt: skip
#: How alike a mistyped word must be to an indexed one to be searched for instead.
WORD_TYPO_CUTOFF = 0.8


class Hit(msgspec.Struct, frozen=True):
    """One result: the kind of entry, which one, its title, and how well it matched.

    ``named`` is True when the question names the entry; ``score`` is larger for better hits.
    For kind ``compare`` the id is the compared forms' ids joined by spaces.
    """

    kind: str
    id: str
    title: str
    score: float
    named: bool = False


class Results(msgspec.Struct, frozen=True):
    """The hits for a question, best first, and the words it was searched by."""

    query: str
    terms: list[str]
    hits: list[Hit]


def terms(text: str) -> list[str]:
    """The words to search for: folded, without filler and question words unless nothing is left.

    An amount ("500mg") finds nothing by its digits, so it counts as a common word here.
    """
    every = names.words(text)
    return [w for w in every if not names.is_noise(w) and not _AMOUNT.fullmatch(w)] or every


_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?[a-zµ]{0,4}")


def _match_expression(words: Sequence[str]) -> str:
    """An FTS5 query where any word may match; only question words left: all must match."""
    if all(names.is_noise(word) for word in words):
        return " AND ".join('"{}"'.format(word.replace('"', '""')) for word in dict.fromkeys(words))
    parts: list[str] = []
    for word in dict.fromkeys(words):
        quoted = word.replace('"', '""')
        parts.append(f'"{quoted}"')
        if len(word) >= PREFIX_FROM and word.isalpha():
            parts.append(f'"{quoted[: max(PREFIX_KEEP, len(word) - 3)]}"*')
    return " OR ".join(parts)


def _with_context(expression: str, text: str, wanted: Sequence[str]) -> str:
    """The match, ranked higher where an entry also has the question's common words ("take", "too").

    Common words only rank: an entry must still match ``expression``, so a question about
    something the dataset does not hold finds nothing rather than every entry with "take" in it.
    """
    extra = [w for w in dict.fromkeys(names.words(text)) if w in CONTEXT_WORDS and w not in wanted]
    if not extra or not expression:
        return expression
    context = " OR ".join('"{}"'.format(word.replace('"', '""')) for word in extra)
    return f"({expression}) OR (({expression}) AND ({context}))"


def search(data: Catalog, text: str, kinds: Sequence[str] | None = None) -> Results:
    """Every entry (of ``kinds``, or all) that ``text`` names or mentions, best first."""
    wanted = terms(text)
    sections = [index.KIND_SECTIONS[k] for k in kinds] if kinds else list(index.NAMES)
    reading = resolve.read(data, text, sections)
    if not wanted and not reading.named:
        raise InputError("search needs a word to look for", "for example: magref search sleep")
    hits = _named_hits(data, reading, kinds)
    wanted = _typos_mended(data, wanted) if not hits else wanted
    rows = data.search(_with_context(_match_expression(wanted), text, wanted), kinds) if wanted else []
    if not rows and not hits and wanted and all(names.is_noise(w) or _AMOUNT.fullmatch(w) for w in wanted):
        # Only common words ("how much should a 10 year old take"): any of them may match.
        words = [word for word in wanted if word not in names.FILLER_WORDS]
        rows = (
            data.search(" OR ".join('"{}"'.format(w.replace('"', '""')) for w in words), kinds)
            if words
            else []
        )
    if not rows and not hits:  # the words were mended above; a name may still be a close one
        reading = resolve.read(data, text, sections, correct_typos=True)
        hits = _named_hits(data, reading, kinds)
    best = max((-row.rank for row in rows), default=0.0)
    hits = [msgspec.structs.replace(hit, score=round(best + len(hits) - i, 3)) for i, hit in enumerate(hits)]
    seen = {(hit.kind, hit.id) for hit in hits}
    hits += [
        Hit(row.kind, row.id, row.title, round(-row.rank, 3))
        for row in rows
        if (row.kind, row.id) not in seen and row.kind in index.KIND_SECTIONS
    ]
    if not hits:
        raise NotFound("entry", text, [], "no form, medicine, condition, use, question or source mentions it")
    return Results(text, wanted, hits)


def _named_hits(data: Catalog, reading: resolve.Reading, kinds: Sequence[str] | None) -> list[Hit]:
    """The entries the question names, in the order named; two forms or more add a comparison."""
    hits: list[Hit] = []
    forms: list[tuple[str, str]] = []
    for named in reading.named:
        for row in named.rows:
            kind = index.LIST_SECTIONS[row.section]
            entry = data.entry(row.section, row.position)
            title = _title(entry)
            hit = Hit(kind, entry.id, title, 0.0, named=True)
            if hit not in hits and (kinds is None or kind in kinds):
                hits.append(hit)
            if kind == "form" and (entry.id, title) not in forms:
                forms.append((entry.id, title))
    if len(forms) >= 2 and (kinds is None or "compare" in kinds):
        ids = " ".join(form_id for form_id, _ in forms)
        hits.insert(0, Hit("compare", ids, ", ".join(title for _, title in forms), 0.0, named=True))
    return hits


def _title(entry: object) -> str:
    for field in ("name", "question", "condition", "title"):
        value = getattr(entry, field, None)
        if isinstance(value, str):
            return value
    return str(getattr(entry, "id", ""))


def _typos_mended(data: Catalog, wanted: list[str]) -> list[str]:
    """The words, each one no document mentions replaced by its closest indexed word if any.

    Done before searching: a mistyped word would otherwise match by its beginning alone
    ("magnesum" finds every "magne..." entry) and hide what was meant. A word mended into a
    filler word ("magnesium") is dropped, as the filler word itself would have been.
    """
    fixed: list[str] = []
    for word in wanted:
        closest = None
        if len(word) >= 4 and not names.is_noise(word) and not data.mentions(word):
            closest = _closest_term(data, word)
        if closest is None or closest not in names.FILLER_WORDS:
            fixed.append(closest or word)
    return fixed or wanted


def _closest_term(data: Catalog, word: str) -> str | None:
    """The indexed word closest to ``word`` (of equals, the one more documents hold), or None."""
    import difflib

    scored = []
    for term, documents in data.vocabulary(word).items():
        ratio = difflib.SequenceMatcher(None, word, term).ratio()
        if ratio >= WORD_TYPO_CUTOFF:
            scored.append((round(ratio, 2), documents, term))
    return max(scored)[2] if scored else None
