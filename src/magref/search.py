"""Search every kind of entry: documents of folded text with weights, ranked by the terms they hold.

Documents are built once, when a dataset is validated, and kept in the cache, so a search costs
one decode and a scan of plain strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import msgspec

from magref import names
from magref.errors import InputError, NotFound
from magref.model import Dataset

#: Weights: a term in an entry's names counts more than one in its text.
NAMES, TITLE, TEXT = 3.0, 2.0, 1.0


class Document(msgspec.Struct, frozen=True, array_like=True):
    """One searchable entry: what it is, how to show it, and its folded text with weights."""

    kind: str
    id: str
    title: str
    command: str
    fields: list[tuple[str, float]]


class Hit(msgspec.Struct, frozen=True):
    """One search result: what kind of entry, which one, and the command that shows it."""

    kind: str
    id: str
    title: str
    score: float
    command: str


def documents(data: Dataset) -> list[Document]:
    """A search document for every entry of the dataset."""
    return list(_documents(data))


def _document(
    kind: str, entry_id: str, title: str, command: str, fields: list[tuple[str, float]]
) -> Document:
    return Document(kind, entry_id, title, command, [(names.fold(text), weight) for text, weight in fields])


def _documents(data: Dataset) -> Iterator[Document]:
    for f in data.forms:
        text = " ".join([f.absorption.text, f.gi_tolerance.text, *(c.text for c in (*f.uses, *f.cautions))])
        labels = " ".join([f.id, f.name, *f.aliases])
        yield _document("form", f.id, f.name, f"magref info {f.id}", [(labels, NAMES), (text, TEXT)])
    for g in data.interactions:
        drugs = " ".join(" ".join([d.name, *d.aliases, *d.brands]) for d in g.drugs)
        labels = " ".join([g.id, g.name, *g.keywords, drugs])
        body = " ".join([g.effect, g.mechanism, g.management])
        command = f"magref interactions {g.id}"
        yield _document("interaction", g.id, g.name, command, [(labels, NAMES), (body, TEXT)])
    for c in data.cautions:
        labels = " ".join([c.id, c.condition, *c.aliases])
        yield _document(
            "caution", c.id, c.condition, f"magref cautions {c.id}", [(labels, NAMES), (c.advice, TEXT)]
        )
    for u in data.uses:
        body = " ".join([u.summary, *(finding.text for finding in u.findings)])
        labels = " ".join([u.id, u.name, *u.aliases])
        yield _document("use", u.id, u.name, f"magref evidence {u.id}", [(labels, NAMES), (body, TEXT)])
    for q in data.faq:
        fields = [(q.question, NAMES), (" ".join(q.keywords), NAMES), (q.answer, TEXT)]
        yield _document("faq", q.id, q.question, f"magref faq {q.id}", fields)
    for r in data.regions:
        labels = " ".join([r.id, r.name, *r.aliases, r.authority, r.upper.authority])
        terms = " ".join([*r.keywords, *(f"{t.abbr} {t.name}" for t in r.terms), r.upper.term, r.upper.name])
        body = " ".join([r.publication, *(n.text for n in r.notes)])
        fields = [(labels, NAMES), (terms, NAMES), (body, TEXT)]
        yield _document("region", r.id, f"{r.name}: {r.authority}", f"magref regions {r.id}", fields)
    for food in data.foods:
        labels = " ".join([food.id, food.name, *food.aliases])
        body = " ".join([food.group, food.per_100g.record if food.per_100g else ""])
        command = f"magref foods {food.id}"
        yield _document("food", food.id, food.name, command, [(labels, NAMES), (body, TEXT)])
    for s in data.sources:
        who = " ".join(filter(None, [s.authors, s.organisation, s.publication, s.note]))
        fields = [(f"{s.id} {s.title}", TITLE), (who, TEXT)]
        yield _document("source", s.id, s.title, f"magref sources {s.id}", fields)


#: Words too common to tell entries apart.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "at", "be", "can", "do", "does", "for", "how", "i", "in", "is", "it",
    "my", "of", "on", "or", "should", "the", "to", "what", "when", "which", "with",
})  # fmt: skip


def terms(text: str) -> list[str]:
    """The words to look for: folded, without filler and stop words unless nothing else is left."""
    every = names.words(text)
    return [word for word in every if word not in names.FILLER_WORDS and word not in STOP_WORDS] or every


def score(wanted: Sequence[str], fields: Sequence[tuple[str, float]]) -> float:
    """Sum over the terms of the heaviest folded field holding each; 0 unless every term is found."""
    total = 0.0
    for term in wanted:
        found = [weight for text, weight in fields if term in text]
        if not found:
            return 0.0
        total += max(found)
    phrase = " ".join(wanted)
    if len(wanted) > 1 and any(phrase in text for text, _ in fields):
        total += 1.0
    return total


def rank(found: Sequence[Document], text: str) -> list[Hit]:
    """The documents that mention ``text``, best first."""
    wanted = terms(text)
    if not wanted:
        raise InputError("search needs a word to look for", "for example: magref search sleep")
    hits = [
        Hit(d.kind, d.id, d.title, round(points, 2), d.command)
        for d in found
        if (points := score(wanted, d.fields)) > 0
    ]
    if not hits:
        raise NotFound("entry", text, [], "no form, drug, condition, use, question or source mentions it")
    return sorted(hits, key=lambda h: (-h.score, h.kind, h.id))
