"""Build the knowledge index: one SQLite database of a validated dataset's entries, names and text.

Four tables hold everything a lookup needs:

- ``entries``: each entry of each section, msgpack-encoded, by section and position (and id);
- ``names``: every name a person may type (ids, names, aliases, drugs, brands, class words and
  synonyms) as a folded key pointing at its entry, and for a medicine at its place in the class;
- ``links``: the entries that name another by a field of theirs (``LINKS``: a product's form), so
  that finding them reads no others;
- ``documents``: an FTS5 table of search documents, one per entry, in three weighted columns
  (names, title, text), ranked with ``bm25()``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgspec

from magref import names
from magref.errors import MagrefError
from magref.model import POINTER_KINDS, SECTIONS, Dataset

#: Bumped when the layout of the tables changes; the cache key also hashes this module's source.
FORMAT = "magref-index-8"

#: Search column weights: a word in an entry's names counts more than one in its title, and that
#: more than one in its text.
NAMES_WEIGHT, TITLE_WEIGHT, TEXT_WEIGHT = 8.0, 3.0, 1.0

#: Sections that are lists of entries, with the kind of entry each holds (as search calls it).
LIST_SECTIONS: dict[str, str] = {name: section.kind for name, section in SECTIONS.items() if section.kind}
#: Sections that are one record each.
SINGLE_SECTIONS = tuple(name for name, section in SECTIONS.items() if section.kind is None)
#: The section each kind of entry lives in.
KIND_SECTIONS = {kind: section for section, kind in LIST_SECTIONS.items()}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    section TEXT NOT NULL, position INTEGER NOT NULL, id TEXT, body BLOB NOT NULL,
    PRIMARY KEY (section, position)
) WITHOUT ROWID;
CREATE INDEX entries_by_id ON entries (section, id);
CREATE TABLE names (
    key TEXT NOT NULL, section TEXT NOT NULL, position INTEGER NOT NULL, item INTEGER NOT NULL,
    label TEXT NOT NULL, how TEXT NOT NULL
);
CREATE INDEX names_by_key ON names (key, section);
CREATE INDEX names_by_section ON names (section);
CREATE INDEX names_by_length ON names (section, length(key), key);
CREATE TABLE links (
    section TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE INDEX links_by_value ON links (section, field, value);
CREATE TABLE answers (
    intent TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, rank INTEGER NOT NULL
);
CREATE INDEX answers_by_intent ON answers (intent, rank);
CREATE TABLE terms (term TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX terms_by_length ON terms (length(term), term);
CREATE VIRTUAL TABLE documents USING fts5 (
    kind UNINDEXED, id UNINDEXED, title UNINDEXED, names, heading, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


class IndexUnavailable(MagrefError):
    """This Python's SQLite cannot build the index (FTS5 is missing)."""

    exit_code = 3


#: The fields by which entries of a section are found from the entry they name (``links``).
LINKS: dict[str, tuple[str, ...]] = {"products": ("form",)}

#: A name row: (label, item, how). ``item`` is a medicine's place in its class, else -1.
NameRow = tuple[str, int, str]


def _form_names(form: Any) -> Iterator[NameRow]:
    yield form.id, -1, "id"
    yield form.name, -1, "name"
    for alias in form.aliases:
        yield alias, -1, "alias"


def _class_names(group: Any) -> Iterator[NameRow]:
    for word in (group.id, group.name, *group.keywords):
        yield word, -1, "class"
    for item, drug in enumerate(group.drugs):
        yield drug.name, item, "generic"
        for alias in drug.aliases:
            yield alias, item, "generic"
        for brand in drug.brands:
            yield brand, item, "brand"
        for product in drug.combinations:
            yield product, item, "combination"


def _medicine_names(medicine: Any) -> Iterator[NameRow]:
    yield medicine.id, -1, "id"
    yield medicine.name, -1, "generic"
    for alias in medicine.aliases:
        yield alias, -1, "generic"
    for brand in medicine.brands:
        yield brand, -1, "brand"


def _family_names(family: Any) -> Iterator[NameRow]:
    for word in (family.id, family.name, *family.keywords):
        yield word, -1, "class"


def _titled_names(title: str) -> Callable[[Any], Iterator[NameRow]]:
    def rows(entry: Any) -> Iterator[NameRow]:
        yield entry.id, -1, "id"
        yield getattr(entry, title), -1, "name"
        for alias in getattr(entry, "aliases", []):
            yield alias, -1, "alias"

    return rows


def _id_only(entry: Any) -> Iterator[NameRow]:
    yield entry.id, -1, "id"


#: Sections whose entries are named in their own way (a form's formula, a class's medicines).
_OWN_NAMES: dict[str, Callable[[Any], Iterator[NameRow]]] = {
    "forms": _form_names,
    "interactions": _class_names,
    "medicines": _medicine_names,
    "families": _family_names,
}
#: The names each section's entries can be looked up by: their own, or the registry's title field
#: with the aliases, or the id alone. Synonyms and brand records are not looked up: each is a name
#: of other entries (``pointer_names``).
NAMES: dict[str, Callable[[Any], Iterator[NameRow]]] = {
    name: _OWN_NAMES.get(name) or (_titled_names(section.title) if section.title else _id_only)
    for name, section in SECTIONS.items()
    if section.kind is not None and section.kind not in POINTER_KINDS
}


Document = tuple[str, str, str, str, str, str]


def _documents(data: Dataset) -> Iterator[Document]:
    """(kind, id, title, names, heading, body) for every entry that search should find: from the
    registry where a section says which fields are its text, else from the section's own maker."""
    for name, section in SECTIONS.items():
        own = _OWN_DOCUMENTS.get(name)
        if own is not None:
            yield from own(data)
        elif section.kind and section.title and section.body:
            yield from _registered(getattr(data, name), section.kind, section.title, section.body)


def _registered(entries: Iterable[Any], kind: str, title: str, body: tuple[str, ...]) -> Iterator[Document]:
    for entry in entries:
        heading = getattr(entry, title)
        names = " ".join([entry.id, *getattr(entry, "aliases", ())])
        text = " ".join(filter(None, (getattr(entry, field) for field in body)))
        yield kind, entry.id, heading, names, heading, text


def _forms(data: Dataset) -> Iterator[Document]:
    for f in data.forms:
        text = [
            f.formula_note,
            f.absorption.text,
            f.gi_tolerance.text,
            *(c.text for c in (*f.uses, *f.cautions)),
        ]
        yield "form", f.id, f.name, " ".join([f.id, f.name, *f.aliases]), f.name, " ".join(text)


def _interactions(data: Dataset) -> Iterator[Document]:
    for g in data.interactions:
        drugs = " ".join(" ".join([d.name, *d.aliases, *d.brands, *d.combinations]) for d in g.drugs)
        body = " ".join([g.effect, g.mechanism, g.management])
        yield "interaction", g.id, g.name, " ".join([g.id, *g.keywords, drugs]), g.name, body


def _uses(data: Dataset) -> Iterator[Document]:
    for u in data.uses:
        body = " ".join([u.summary, *(f"{finding.context} {finding.text}" for finding in u.findings)])
        yield "use", u.id, u.name, " ".join([u.id, *u.aliases]), u.name, body


def _faq(data: Dataset) -> Iterator[Document]:
    for q in data.faq:
        yield "faq", q.id, q.question, " ".join([q.id, *q.keywords]), q.question, q.answer


def _regions(data: Dataset) -> Iterator[Document]:
    for r in data.regions:
        words = [r.id, *r.aliases, *r.keywords, *(f"{t.abbr} {t.name}" for t in r.terms), r.upper.term]
        body = " ".join(
            [r.authority, r.upper.authority, r.upper.name, r.publication, *(n.text for n in r.notes)]
        )
        yield "region", r.id, f"{r.name}: {r.authority}", " ".join(words), r.name, body


def _foods(data: Dataset) -> Iterator[Document]:
    for food in data.foods:
        body = " ".join([food.group, food.per_100g.record if food.per_100g else ""])
        yield "food", food.id, food.name, " ".join([food.id, *food.aliases]), food.name, body


def _medicines(data: Dataset) -> Iterator[Document]:
    for m in data.medicines:
        called = " ".join([m.id, m.name, *m.aliases, *m.brands])
        yield "medicine", m.id, m.name, called, m.name, " ".join(filter(None, [m.family, m.note]))


def _families(data: Dataset) -> Iterator[Document]:
    for fam in data.families:
        called = " ".join([fam.id, fam.name, *fam.keywords])
        yield "family", fam.id, fam.name, called, fam.name, " ".join(fam.drugs)


def _sources(data: Dataset) -> Iterator[Document]:
    for s in data.sources:
        who = " ".join(filter(None, [s.authors, s.organisation, s.publication, s.note]))
        yield "source", s.id, s.title, s.id, s.title, who


#: The sections whose search document has a shape of its own; the others with a ``body`` in the
#: registry are made by ``_registered``.
_OWN_DOCUMENTS: dict[str, Callable[[Dataset], Iterator[Document]]] = {
    "sources": _sources,
    "forms": _forms,
    "interactions": _interactions,
    "uses": _uses,
    "faq": _faq,
    "regions": _regions,
    "foods": _foods,
    "medicines": _medicines,
    "families": _families,
}


def target_places(data: Dataset) -> dict[str, tuple[str, int, int]]:
    """Where each synonym target (``kind:id``, or ``drug:generic name``) lives."""
    places: dict[str, tuple[str, int, int]] = {}
    for section, kind in LIST_SECTIONS.items():
        if kind in POINTER_KINDS:
            continue
        for position, entry in enumerate(getattr(data, section)):
            places[f"{kind}:{entry.id}"] = (section, position, -1)
    for position, group in enumerate(data.interactions):
        for item, drug in enumerate(group.drugs):
            places[f"drug:{names.key(drug.name)}"] = ("interactions", position, item)
    return places


def synonym_target(target: str) -> str:
    """A synonym target as ``target_places`` keys it (drug names folded)."""
    kind, _, name = target.partition(":")
    return f"drug:{names.key(name)}" if kind == "drug" else target


def build(data: Dataset, connection: sqlite3.Connection, meta: dict[str, str]) -> None:
    """Write the index of ``data`` into an empty database."""
    try:
        connection.executescript(SCHEMA)
    except sqlite3.OperationalError as error:
        if "fts5" in str(error):
            raise IndexUnavailable("no-fts5") from None
        raise
    encode = msgspec.msgpack.Encoder().encode
    rows: list[tuple[Any, ...]] = []
    for section in LIST_SECTIONS:
        for position, entry in enumerate(getattr(data, section)):
            rows.append((section, position, getattr(entry, "id", None), encode(entry)))
    rows += [(section, 0, None, encode(getattr(data, section))) for section in SINGLE_SECTIONS]
    connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?)", rows)
    connection.executemany(
        "INSERT INTO links VALUES (?, ?, ?, ?)",
        [
            (section, field, value, position)
            for section, fields in LINKS.items()
            for position, entry in enumerate(getattr(data, section))
            for field in fields
            if (value := getattr(entry, field, None))
        ],
    )
    name_rows: list[tuple[Any, ...]] = []
    longest = 1
    for section, rows_of in NAMES.items():
        for position, entry in enumerate(getattr(data, section)):
            for label, item, how in rows_of(entry):
                parts = names.words(label)
                name_rows.append((names.key_of_words(parts), section, position, item, label, how))
                longest = max(longest, len(parts))
    places = target_places(data)
    for synonym in data.synonyms:
        longest = max(longest, len(names.words(synonym.phrase)))
        for target in synonym.means:
            section, position, item = places[synonym_target(target)]
            name_rows.append((names.key(synonym.phrase), section, position, item, synonym.phrase, "synonym"))
    for record in data.brands:
        # a brand names each medicine it holds: one as its brand, several as a combination
        how = "brand" if len(record.components) == 1 else "combination"
        for brand in record.brands:
            parts = names.words(brand)
            longest = max(longest, len(parts))
            for target in record.components:
                section, position, item = places[synonym_target(target)]
                name_rows.append((names.key_of_words(parts), section, position, item, brand, how))
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)", name_rows)
    connection.executemany(
        "INSERT INTO documents (kind, id, title, names, heading, body) VALUES (?, ?, ?, ?, ?, ?)",
        _documents(data),
    )
    connection.executemany(
        "INSERT INTO answers VALUES (?, ?, ?, ?, ?)",
        [
            (intent, "faq", item.id, item.question, rank)
            for item in data.faq
            for rank, intent in enumerate(item.answers)
        ],
    )
    connection.execute("INSERT INTO documents (documents) VALUES ('optimize')")
    # Every word the documents hold, once, for typo correction: reading them from the full-text
    # index itself means scanning all of it on every question.
    connection.execute("CREATE VIRTUAL TABLE temp.document_terms USING fts5vocab(main, documents, 'row')")
    connection.execute("INSERT INTO terms SELECT term, doc FROM temp.document_terms")
    connection.execute("DROP TABLE temp.document_terms")
    meta = {**meta, "format": FORMAT, "longest_name": str(longest)}
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
