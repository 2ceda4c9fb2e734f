"""Find forms, uses, FAQ answers and sources by the names people type, and rank search hits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import msgspec

from magref import names
from magref.errors import InputError, NotFound
from magref.model import GRADES, Caution, Dataset, FaqItem, Form, Source, Use

T = TypeVar("T")

#: Better first; a rating not listed (``uncertain``) is not ranked.
ABSORPTION_ORDER = ("higher", "moderate", "lower")
TOLERANCE_ORDER = ("gentle", "moderate", "harsh")
#: The compound weight used to show what a capsule gives.
EXAMPLE_COMPOUND_MG = 500
SORT_KEYS: dict[str, Callable[[Form], tuple[float | int | str, ...]]] = {
    "id": lambda f: (f.id,),
    "name": lambda f: (f.name.casefold(),),
    "elemental": lambda f: (-f.elemental_percent, f.id),
    "absorption": lambda f: (_rank(ABSORPTION_ORDER, f.absorption.rating), f.id),
    "tolerance": lambda f: (_rank(TOLERANCE_ORDER, f.gi_tolerance.rating), f.id),
}


def _rank(order: Sequence[str], value: str) -> int:
    return order.index(value) if value in order else len(order)


def _find(entries: Iterable[T], query: str, kind: str, labels: Callable[[T], Iterable[str]]) -> T:
    """The entry one of whose labels has the same key as ``query``."""
    wanted = names.key(query)
    every: list[str] = []
    for entry in entries:
        entry_labels = list(labels(entry))
        if wanted and any(names.key(label) == wanted for label in entry_labels):
            return entry
        every += entry_labels
    raise NotFound(kind, query, names.suggest(query, every))


def find_form(data: Dataset, query: str) -> Form:
    """The form named ``query`` by id, name or alias."""
    return _find(data.forms, query, "form", lambda f: [f.id, f.name, *f.aliases])


def find_forms(data: Dataset, queries: Sequence[str]) -> list[Form]:
    """Several forms, in the order asked, each once."""
    found: list[Form] = []
    for query in queries:
        form = find_form(data, query)
        if form not in found:
            found.append(form)
    return found


def sorted_forms(data: Dataset, column: str = "id") -> list[Form]:
    """Every form, sorted by ``column`` (one of SORT_KEYS), best first for ratings."""
    if column not in SORT_KEYS:
        raise InputError(f"cannot sort by '{column}'", f"choose one of: {', '.join(SORT_KEYS)}")
    return sorted(data.forms, key=SORT_KEYS[column])


def elemental_mg(form: Form, compound_mg: float) -> float:
    """Milligrams of elemental magnesium in ``compound_mg`` of the form's compound."""
    return compound_mg * form.elemental_percent / 100


def best_in_rows(forms: Sequence[Form]) -> dict[str, set[str]]:
    """For each comparable attribute, the ids of the forms with the best value (ties share it).

    A row is marked only where at least two forms have a ranked value and they differ;
    an ``uncertain`` absorption is never ranked.
    """
    best: dict[str, set[str]] = {}
    rows: dict[str, Callable[[Form], float]] = {
        "elemental_percent": lambda f: -f.elemental_percent,
        "absorption": lambda f: _rank(ABSORPTION_ORDER, f.absorption.rating),
        "gi_tolerance": lambda f: _rank(TOLERANCE_ORDER, f.gi_tolerance.rating),
    }
    for row, score in rows.items():
        scores = {form.id: score(form) for form in forms}
        if row != "elemental_percent":
            scores = {form_id: value for form_id, value in scores.items() if value < len(ABSORPTION_ORDER)}
        if len(scores) < 2 or len(set(scores.values())) < 2:
            continue
        top = min(scores.values())
        best[row] = {form_id for form_id, value in scores.items() if value == top}
    return best


def find_use(data: Dataset, query: str) -> Use:
    """The use named ``query`` ("back pain", "back-pain" and "Back Pain" are the same)."""
    return _find(data.uses, query, "use", lambda u: [u.id, u.name, *u.aliases])


def uses_by_grade(data: Dataset) -> list[Use]:
    """Every use, strongest evidence first."""
    return sorted(data.uses, key=lambda u: (GRADES.index(u.grade), u.name.casefold()))


def find_caution(data: Dataset, query: str) -> Caution:
    """The caution for a condition, by id, name or alias ("CKD" finds kidney disease)."""
    return _find(data.cautions, query, "condition", lambda c: [c.id, c.condition, *c.aliases])


def find_source(data: Dataset, source_id: str) -> Source:
    """The source with this id."""
    return _find(data.sources, source_id, "source", lambda s: [s.id])


def cited(data: Dataset, source_ids: Iterable[str]) -> list[Source]:
    """The sources with these ids, in the order first cited."""
    by_id = {source.id: source for source in data.sources}
    seen = dict.fromkeys(source_ids)
    return [by_id[source_id] for source_id in seen if source_id in by_id]


def form_sources(form: Form) -> list[str]:
    """Every source id a form's entry cites, in order."""
    ids = [*form.sources, *form.absorption.sources, *form.gi_tolerance.sources]
    for claim in (*form.uses, *form.cautions):
        ids += claim.sources
    return list(dict.fromkeys(ids))


def evidence_for(data: Dataset, form: Form) -> list[Use]:
    """The uses the form's entry points to, with their grades."""
    by_id = {use.id: use for use in data.uses}
    return [by_id[use_id] for use_id in form.evidence if use_id in by_id]


# -- FAQ and search -----------------------------------------------------------------------------


class Hit(msgspec.Struct, frozen=True):
    """One search result: what kind of entry, which one, and the command that shows it."""

    kind: str
    id: str
    title: str
    score: float
    command: str


def faq_answers(data: Dataset, query: str | None = None, limit: int = 3) -> list[FaqItem]:
    """Every FAQ item, or the best matches for ``query`` (an id, or words)."""
    if not query:
        return list(data.faq)
    for item in data.faq:
        if names.key(item.id) == names.key(query):
            return [item]
    scored = [(_score(_terms(query), _faq_fields(item)), item) for item in data.faq]
    ranked = [item for score, item in sorted(scored, key=lambda s: -s[0]) if score > 0]
    if not ranked:
        raise NotFound("question", query, [], "try 'magref faq' for every question")
    return ranked[:limit]


def _faq_fields(item: FaqItem) -> list[tuple[str, float]]:
    return [(item.question, 3.0), (" ".join(item.keywords), 3.0), (item.answer, 1.0)]


def search(data: Dataset, text: str) -> list[Hit]:
    """Entries of every kind that mention ``text``, best first."""
    terms = _terms(text)
    if not terms:
        raise InputError("search needs a word to look for", "for example: magref search sleep")
    hits = [
        Hit(kind, entry_id, title, round(score, 2), command)
        for kind, entry_id, title, command, fields in _searchable(data)
        if (score := _score(terms, fields)) > 0
    ]
    if not hits:
        raise NotFound("entry", text, [], "no form, drug, condition, use, question or source mentions it")
    return sorted(hits, key=lambda h: (-h.score, h.kind, h.id))


Fields = list[tuple[str, float]]


def _searchable(data: Dataset) -> Iterable[tuple[str, str, str, str, Fields]]:
    for f in data.forms:
        text = " ".join([f.absorption.text, f.gi_tolerance.text, *(c.text for c in (*f.uses, *f.cautions))])
        names_text = " ".join([f.id, f.name, *f.aliases])
        yield "form", f.id, f.name, f"magref info {f.id}", [(names_text, 3.0), (text, 1.0)]
    for g in data.interactions:
        drugs = " ".join(f"{d.name} {' '.join(d.brands)}" for d in g.drugs)
        title_text = " ".join([g.id, g.name, *g.keywords, drugs])
        body = " ".join([g.effect, g.mechanism, g.management])
        yield "interaction", g.id, g.name, f"magref interactions {g.id}", [(title_text, 3.0), (body, 1.0)]
    for c in data.cautions:
        title_text = " ".join([c.id, c.condition, *c.aliases])
        yield "caution", c.id, c.condition, f"magref cautions {c.id}", [(title_text, 3.0), (c.advice, 1.0)]
    for u in data.uses:
        body = " ".join([u.summary, *(finding.text for finding in u.findings)])
        title_text = " ".join([u.id, u.name, *u.aliases])
        yield "use", u.id, u.name, f"magref evidence {u.id}", [(title_text, 3.0), (body, 1.0)]
    for q in data.faq:
        yield "faq", q.id, q.question, f"magref faq {q.id}", _faq_fields(q)
    for s in data.sources:
        who = " ".join(filter(None, [s.authors, s.organisation, s.publication, s.note]))
        yield "source", s.id, s.title, f"magref sources {s.id}", [(f"{s.id} {s.title}", 2.0), (who, 1.0)]


def _terms(text: str) -> list[str]:
    return [word for word in names.words(text) if word not in names.FILLER_WORDS] or names.words(text)


def _score(terms: Sequence[str], fields: Fields) -> float:
    """Sum of field weights over the terms each field contains; every term must appear somewhere."""
    folded = [(names.fold(text), weight) for text, weight in fields]
    total = 0.0
    for term in terms:
        found = [weight for text, weight in folded if term in text]
        if not found:
            return 0.0
        total += max(found)
    phrase = " ".join(terms)
    if len(terms) > 1 and any(phrase in text for text, _ in folded):
        total += 1.0
    return total
