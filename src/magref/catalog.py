"""The loaded dataset as the core sees it: read access to the knowledge index, one entry at a time.

A catalog wraps one SQLite connection to an index built by ``index.build``. A whole section is
decoded the first time it is read as an attribute; a lookup by name or id decodes only the
entries it finds, so it costs about the same however large the dataset grows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

import msgspec

from magref import index
from magref.errors import MagrefError
from magref.model import (
    SECTIONS,
    About,
    Brand,
    Caution,
    Dataset,
    Dosing,
    ExcessSigns,
    Family,
    FaqItem,
    Food,
    Form,
    InteractionClass,
    Medicine,
    Product,
    ReferenceValues,
    Serum,
    Source,
    Synonym,
    Use,
)

T = TypeVar("T")

#: No name in a dataset is longer than this many characters: a longer key or word typed by
#: someone cannot match one, and is never sent to SQLite (whose LIKE refuses long patterns).
MAX_KEY_CHARS = 1000
#: Keys looked up in one statement (SQLite limits the parameters of a statement).
KEYS_PER_QUERY = 500

#: The type of the entries in each section, and of each section that is one record.
ENTRY_TYPES: dict[str, type[Any]] = {
    name: section.entry for name, section in SECTIONS.items() if section.kind
}
SINGLE_TYPES: dict[str, type[Any]] = {
    name: section.entry for name, section in SECTIONS.items() if section.kind is None
}


class IndexDamaged(MagrefError):
    """The index file could not be read as it should be; it is rebuilt."""

    exit_code = 3


class NameRow(msgspec.Struct, frozen=True):
    """A name found in the index: the entry it points at and how it names it.

    ``item`` is a medicine's place within its interaction class (-1 for the class or another
    kind of entry); ``how`` is ``id``, ``name``, ``alias``, ``class``, ``generic``, ``brand``,
    ``combination`` or ``synonym``.
    """

    key: str
    section: str
    position: int
    item: int
    label: str
    how: str


class SearchRow(msgspec.Struct, frozen=True):
    kind: str
    id: str
    title: str
    rank: float


class _Section(Generic[T]):
    """A catalog attribute that decodes its section the first time it is read."""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    def __get__(self, catalog: Catalog, owner: type[Any]) -> T:
        value: T = catalog.section(self.name)
        return value


class Catalog:
    """Read access to every section of a dataset, with lookups by name and full-text search."""

    sources: _Section[list[Source]] = _Section()
    forms: _Section[list[Form]] = _Section()
    interactions: _Section[list[InteractionClass]] = _Section()
    cautions: _Section[list[Caution]] = _Section()
    uses: _Section[list[Use]] = _Section()
    faq: _Section[list[FaqItem]] = _Section()
    synonyms: _Section[list[Synonym]] = _Section()
    products: _Section[list[Product]] = _Section()
    serum: _Section[Serum] = _Section()
    about: _Section[About] = _Section()
    regions: _Section[list[ReferenceValues]] = _Section()
    foods: _Section[list[Food]] = _Section()
    medicines: _Section[list[Medicine]] = _Section()
    families: _Section[list[Family]] = _Section()
    brands: _Section[list[Brand]] = _Section()
    dosing: _Section[Dosing] = _Section()
    excess: _Section[ExcessSigns] = _Section()

    def __init__(self, connection: sqlite3.Connection, note: str | None = None) -> None:
        self._db = connection
        self._sections: dict[str, Any] = {}
        self._entries: dict[tuple[str, int], Any] = {}
        #: Why the index is not cached on disk this run (``None`` when it is): a code for the view.
        self.cache_note = note

    @classmethod
    def build(cls, data: Dataset, note: str | None = None) -> Catalog:
        """A catalog of a validated dataset, indexed in memory."""
        connection = sqlite3.connect(":memory:")
        index.build(data, connection, {})
        catalog = cls(connection, note)
        catalog._sections = {name: getattr(data, name) for name in (*ENTRY_TYPES, *SINGLE_TYPES)}
        return catalog

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise IndexDamaged("index-unreadable", reason=str(error)) from None

    def _decode(self, body: bytes, kind: type[T]) -> T:
        try:
            return msgspec.msgpack.decode(body, type=kind)
        except (msgspec.DecodeError, msgspec.ValidationError) as error:
            raise IndexDamaged("index-entry-damaged", reason=str(error)) from None

    def section(self, name: str) -> Any:
        """Every entry of a section (or the one record of a single section), decoded once."""
        if name not in self._sections:
            if name in SINGLE_TYPES:
                (body,) = self._rows("SELECT body FROM entries WHERE section = ?", (name,))[0]
                self._sections[name] = self._decode(body, SINGLE_TYPES[name])
            else:
                rows = self._rows("SELECT body FROM entries WHERE section = ? ORDER BY position", (name,))
                kind = ENTRY_TYPES[name]
                self._sections[name] = [self._decode(body, kind) for (body,) in rows]
        return self._sections[name]

    def entry(self, section: str, position: int) -> Any:
        """One entry by its place in its section."""
        if section in self._sections:
            return self._sections[section][position]
        if (section, position) not in self._entries:
            rows = self._rows(
                "SELECT body FROM entries WHERE section = ? AND position = ?", (section, position)
            )
            if not rows:
                raise IndexDamaged("index-entry-missing", section=section, position=position)
            self._entries[section, position] = self._decode(rows[0][0], ENTRY_TYPES[section])
        return self._entries[section, position]

    def by_id(self, section: str, entry_id: str, kind: type[T]) -> T | None:
        """The entry of ``section`` with exactly this id, or None."""
        rows = self._rows("SELECT position FROM entries WHERE section = ? AND id = ?", (section, entry_id))
        if not rows:
            return None
        found: T = self.entry(section, rows[0][0])
        return found

    def linked(self, section: str, field: str, value: str) -> list[Any]:
        """The entries of ``section`` whose ``field`` is ``value`` (a field in ``index.LINKS``), in order."""
        sql = "SELECT position FROM links WHERE section = ? AND field = ? AND value = ? ORDER BY position"
        return [self.entry(section, position) for (position,) in self._rows(sql, (section, field, value))]

    def names_of(self, section: str) -> list[tuple[int, str, str]]:
        """Every name of the entries of ``section`` as (position, label, how), without reading them."""
        sql = "SELECT position, label, how FROM names WHERE section = ? AND item < 0 ORDER BY position, rowid"
        return [(position, label, how) for position, label, how in self._rows(sql, (section,))]

    def names(self, keys: Iterable[str], sections: Iterable[str] | None = None) -> list[NameRow]:
        """Every name row whose key is one of ``keys``, in the given sections (all when None)."""
        wanted = list(dict.fromkeys(k for k in keys if k and len(k) <= MAX_KEY_CHARS))
        chosen = list(sections) if sections is not None else None
        found: list[NameRow] = []
        for start in range(0, len(wanted), KEYS_PER_QUERY):
            batch = wanted[start : start + KEYS_PER_QUERY]
            marks = ",".join("?" * len(batch))
            sql = f"SELECT key, section, position, item, label, how FROM names WHERE key IN ({marks})"
            parameters: list[Any] = list(batch)
            if chosen is not None:
                sql += f" AND section IN ({','.join('?' * len(chosen))})"
                parameters += chosen
            found += [NameRow(*row) for row in self._rows(sql, parameters)]
        return found

    def name_keys(
        self, sections: Iterable[str], lengths: tuple[int, int], like: str | None = None
    ) -> list[str]:
        """Every distinct key in ``sections`` with a length in ``lengths`` (inclusive), for typo matching.

        With ``like``, only keys that share its first letter or its second to fourth letters: a
        mistyped name nearly always keeps one of the two, and the rest need not be compared.
        """
        chosen = list(sections)
        sql = (
            f"SELECT DISTINCT key FROM names WHERE section IN ({','.join('?' * len(chosen))}) "
            "AND length(key) BETWEEN ? AND ?"
        )
        parameters: list[Any] = [*chosen, *lengths]
        if like:
            sql += " AND (substr(key, 1, 1) = ? OR substr(key, 2, 3) = ?)"
            parameters += [like[:1], like[1:4]]
        return [key for (key,) in self._rows(sql, parameters)]

    def keys_with_a_word_starting(self, sections: Iterable[str], prefix: str, limit: int) -> list[str]:
        """Keys in ``sections`` with a word that starts with ``prefix``, shortest first."""
        if len(prefix) > MAX_KEY_CHARS:
            return []
        chosen = list(sections)
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = (
            f"SELECT DISTINCT key FROM names WHERE section IN ({','.join('?' * len(chosen))}) "
            "AND (key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\') AND key != ? "
            "ORDER BY length(key), key LIMIT ?"
        )
        return [key for (key,) in self._rows(sql, [*chosen, f"{escaped}%", f"% {escaped}%", prefix, limit])]

    def labels(self, section: str) -> list[str]:
        """Every name entries of ``section`` can be looked up by, for suggestions."""
        rows = self._rows("SELECT DISTINCT label FROM names WHERE section = ? AND how != 'id'", (section,))
        return [label for (label,) in rows] or [
            label for (label,) in self._rows("SELECT label FROM names WHERE section = ?", (section,))
        ]

    def completions(self, sections: Sequence[str], prefix: str, limit: int = 200) -> list[str]:
        """Names in ``sections`` that start with ``prefix`` (case ignored), for shell completion."""
        if len(prefix) > MAX_KEY_CHARS:
            return []
        marks = ",".join("?" * len(sections))
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = (
            f"SELECT DISTINCT label FROM names WHERE section IN ({marks}) AND how != 'id' "
            "AND label LIKE ? ESCAPE '\\' ORDER BY label COLLATE NOCASE LIMIT ?"
        )
        return [label for (label,) in self._rows(sql, [*sections, pattern, limit])]

    def longest_name(self) -> int:
        """How many words the longest name has."""
        rows = self._rows("SELECT value FROM meta WHERE key = 'longest_name'")
        return int(rows[0][0]) if rows else 1

    def search(self, match: str, kinds: Sequence[str] | None = None, limit: int = 200) -> list[SearchRow]:
        """Documents matching an FTS5 query, best first (``rank`` is bm25: lower is better)."""
        weights = f"0, 0, 0, {index.NAMES_WEIGHT}, {index.TITLE_WEIGHT}, {index.TEXT_WEIGHT}"
        sql = (
            f"SELECT kind, id, title, bm25(documents, {weights}) AS score "
            "FROM documents WHERE documents MATCH ?"
        )
        parameters: list[Any] = [match]
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            parameters += list(kinds)
        sql += " ORDER BY score LIMIT ?"
        parameters.append(limit)
        return [SearchRow(*row) for row in self._rows(sql, parameters)]

    def by_names(self, words: Sequence[str], kinds: Sequence[str] | None = None) -> list[SearchRow]:
        """The documents other than sources that hold one of ``words`` (or its stem) in their names
        or keywords, best first."""
        wanted = [w for w in words if w and len(w) <= MAX_KEY_CHARS]
        if not wanted:
            return []
        match = "{{names}} : ({})".format(" OR ".join('"{}"'.format(w.replace('"', '""')) for w in wanted))
        return [row for row in self.search(match, kinds) if row.kind != "source"]

    def answering(self, intent: str) -> list[SearchRow]:
        """The entries that answer questions of ``intent`` in general, those it suits best first
        (``rank`` 0 where it is the entry's first intent)."""
        sql = "SELECT kind, id, title, rank FROM answers WHERE intent = ? ORDER BY rank, rowid"
        return [SearchRow(*row) for row in self._rows(sql, (intent,))]

    def strongly_mentions(self, word: str) -> bool:
        """Whether ``word`` (or its stem) is in the names or title of some entry other than a
        source (a paper's title is not what an entry is about), not only in its text."""
        if len(word) > MAX_KEY_CHARS:
            return False
        quoted = '{{names heading}} : "{}"'.format(word.replace('"', '""'))
        sql = "SELECT 1 FROM documents WHERE documents MATCH ? AND kind != 'source' LIMIT 1"
        return bool(self._rows(sql, (quoted,)))

    def about_together(self, words: Sequence[str]) -> bool:
        """Whether one entry other than a source holds every word of ``words`` (or their stems) in
        its names or title: what a phrase such as "weight loss" would have to be about."""
        if not words or any(len(word) > MAX_KEY_CHARS for word in words):
            return False
        every = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in words)
        sql = "SELECT 1 FROM documents WHERE documents MATCH ? AND kind != 'source' LIMIT 1"
        return bool(self._rows(sql, (f"{{names heading}} : ({every})",)))

    def document_share(self, word: str) -> float:
        """The share of search documents that hold ``word`` (or a word with its stem)."""
        if len(word) > MAX_KEY_CHARS:
            return 0.0
        quoted = '"{}"'.format(word.replace('"', '""'))
        held = self._rows("SELECT count(*) FROM documents WHERE documents MATCH ?", (quoted,))[0][0]
        total = self._rows("SELECT count(*) FROM entries")[0][0]
        return float(held) / max(1, int(total))

    def mentions(self, word: str) -> bool:
        """Whether any search document holds ``word`` (or a word with the same stem)."""
        if len(word) > MAX_KEY_CHARS:
            return False
        quoted = '"{}"'.format(word.replace('"', '""'))
        return bool(self._rows("SELECT 1 FROM documents WHERE documents MATCH ? LIMIT 1", (quoted,)))

    def vocabulary(self, near: str) -> dict[str, int]:
        """The (stemmed) words the search documents hold that could be a typo of ``near`` (a length
        within 3, and its first letter or its second to fourth letters), with how many documents
        hold each."""
        sql = (
            "SELECT term, documents FROM terms WHERE length(term) BETWEEN ? AND ? "
            "AND (substr(term, 1, 1) = ? OR substr(term, 2, 3) = ?)"
        )
        return dict(self._rows(sql, (len(near) - 3, len(near) + 3, near[:1], near[1:4])))

    def find(self, section: str, name: str, kind: type[T]) -> T | None:
        """The entry of ``section`` that ``name`` names exactly (by id, name or alias), or None."""
        from magref import names

        wanted = names.key(name)
        for variant in names.variants(wanted):
            rows = [row for row in self.names([variant], [section]) if row.item < 0]
            if rows:
                found: T = self.entry(section, rows[0].position)
                return found
        return None

    def sources_by_id(self, ids: Iterable[str]) -> list[Source]:
        """The sources with these ids, in order, each once; unknown ids are left out."""
        found = (self.by_id("sources", source_id, Source) for source_id in dict.fromkeys(ids))
        return [source for source in found if source is not None]

    def to_dataset(self) -> Dataset:
        """Every section decoded, as one Dataset."""
        return Dataset(**{name: self.section(name) for name in (*ENTRY_TYPES, *SINGLE_TYPES)})
