"""The loaded dataset as the core sees it: entries decoded when first used, names found by index.

A catalog comes either from a freshly validated ``Dataset`` or from a cache entry that holds each
entry as its own msgpack blob beside an index of lookup keys. A lookup by name then decodes one
entry instead of the whole dataset, so it costs about the same however large the dataset grows.
"""

from __future__ import annotations

import array
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import msgspec

from magref import names, search
from magref.model import (
    About,
    Caution,
    Dataset,
    Dosing,
    ExcessSigns,
    FaqItem,
    Form,
    InteractionClass,
    Source,
    Use,
)

T = TypeVar("T")

#: Sections that are lists of entries, and the type of their entries.
ENTRY_TYPES: dict[str, type[Any]] = {
    "sources": Source,
    "forms": Form,
    "interactions": InteractionClass,
    "cautions": Caution,
    "uses": Use,
    "faq": FaqItem,
}
SINGLE_TYPES: dict[str, type[Any]] = {"dosing": Dosing, "excess": ExcessSigns, "about": About}

#: The names each kind of entry can be looked up by.
LABELS: dict[str, Callable[[Any], list[str]]] = {
    "forms": lambda f: [f.id, f.name, *f.aliases],
    "uses": lambda u: [u.id, u.name, *u.aliases],
    "cautions": lambda c: [c.id, c.condition, *c.aliases],
    "sources": lambda s: [s.id],
    "faq": lambda q: [q.id],
}


class CacheBlob(msgspec.Struct, frozen=True):
    """What a cache entry holds, each part still encoded so that only what is used gets decoded.

    Every part is ``msgspec.Raw``: decoding the blob copies nothing, and each part points into
    the bytes read from the cache. ``entries[section]`` is one msgpack array whose elements start
    at the offsets in ``offsets[section]`` (native uint32; the cache key includes the byte order),
    so a whole section decodes in one call and a single entry from its slice. ``index`` and
    ``labels`` hold an encoded map and list per section.
    """

    entries: dict[str, msgspec.Raw]
    offsets: dict[str, msgspec.Raw]
    singles: dict[str, msgspec.Raw]
    index: dict[str, msgspec.Raw]
    labels: dict[str, msgspec.Raw]


def _packed_section(encoded: list[bytes]) -> tuple[msgspec.Raw, msgspec.Raw]:
    """One msgpack array made of already encoded elements, and where each element starts."""
    count = len(encoded)
    header = msgspec.msgpack.encode([None] * count)[: -count or None]
    starts = array.array("I")
    position = len(header)
    for element in encoded:
        starts.append(position)
        position += len(element)
    starts.append(position)
    return msgspec.Raw(header + b"".join(encoded)), msgspec.Raw(msgspec.msgpack.encode(starts.tobytes()))


class _Section(Generic[T]):
    """A catalog attribute that decodes its section the first time it is read."""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    def __get__(self, catalog: Catalog, owner: type[Any]) -> T:
        value: T = catalog._section(self.name)
        return value


class Catalog:
    """Read access to every section of a dataset, with lookups by name.

    ``documents`` gives the search documents when they are first needed (they are kept apart
    from the rest because only ``search`` uses them).
    """

    sources: _Section[list[Source]] = _Section()
    forms: _Section[list[Form]] = _Section()
    interactions: _Section[list[InteractionClass]] = _Section()
    cautions: _Section[list[Caution]] = _Section()
    uses: _Section[list[Use]] = _Section()
    faq: _Section[list[FaqItem]] = _Section()
    dosing: _Section[Dosing] = _Section()
    excess: _Section[ExcessSigns] = _Section()
    about: _Section[About] = _Section()

    def __init__(
        self,
        blob: CacheBlob,
        dataset: Dataset | None = None,
        documents: Callable[[], list[search.Document] | None] | None = None,
    ) -> None:
        self._blob = blob
        self._decoded: dict[str, Any] = {}
        self._index: dict[str, dict[str, int]] = {}
        self._load_documents = documents
        self._documents: list[search.Document] | None = None
        if dataset is not None:
            self._decoded = {name: getattr(dataset, name) for name in (*ENTRY_TYPES, *SINGLE_TYPES)}

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Catalog:
        """A catalog of a validated dataset, with its indexes and search documents built."""
        encoder = msgspec.msgpack.Encoder()
        entries: dict[str, msgspec.Raw] = {}
        offsets: dict[str, msgspec.Raw] = {}
        for name in ENTRY_TYPES:
            entries[name], offsets[name] = _packed_section(
                [encoder.encode(e) for e in getattr(dataset, name)]
            )
        singles = {name: msgspec.Raw(encoder.encode(getattr(dataset, name))) for name in SINGLE_TYPES}
        index: dict[str, msgspec.Raw] = {}
        labels: dict[str, msgspec.Raw] = {}
        for section, labels_of in LABELS.items():
            keys: dict[str, int] = {}
            every: list[str] = []
            for position, entry in enumerate(getattr(dataset, section)):
                for label in labels_of(entry):
                    keys.setdefault(names.key(label), position)
                    every.append(label)
            index[section] = msgspec.Raw(encoder.encode(keys))
            labels[section] = msgspec.Raw(encoder.encode(every))
        catalog = cls(CacheBlob(entries, offsets, singles, index, labels), dataset)
        catalog._documents = search.documents(dataset)
        return catalog

    def encode(self) -> bytes:
        """The catalog, without its search documents, as bytes for the cache."""
        return msgspec.msgpack.encode(self._blob)

    def encode_documents(self) -> bytes:
        """The search documents as bytes for the cache."""
        return msgspec.msgpack.encode(self.search_documents())

    @classmethod
    def decode(
        cls, data: bytes | memoryview, documents: Callable[[], list[search.Document] | None] | None = None
    ) -> Catalog:
        """A catalog from bytes written by ``encode``; raises msgspec errors if they are damaged."""
        return cls(msgspec.msgpack.decode(data, type=CacheBlob), documents=documents)

    @staticmethod
    def decode_documents(data: bytes | memoryview) -> list[search.Document]:
        """Search documents from bytes written by ``encode_documents``."""
        return msgspec.msgpack.decode(data, type=list[search.Document])

    def _section(self, name: str) -> Any:
        if name not in self._decoded:
            if name in SINGLE_TYPES:
                blob = self._blob.singles[name]
                self._decoded[name] = msgspec.msgpack.decode(blob, type=SINGLE_TYPES[name])
            else:
                section = self._blob.entries[name]
                self._decoded[name] = msgspec.msgpack.decode(section, type=list[ENTRY_TYPES[name]])  # type: ignore[valid-type]
        return self._decoded[name]

    def find(self, section: str, name: str, kind: type[T]) -> T | None:
        """The entry of ``section`` that ``name`` names (by id, name or alias), or None."""
        if section not in self._index:
            self._index[section] = msgspec.msgpack.decode(self._blob.index[section], type=dict[str, int])
        position = self._index[section].get(names.key(name))
        if position is None:
            return None
        if section in self._decoded:
            found: T = self._decoded[section][position]
            return found
        starts = memoryview(self._offsets(section)).cast("I")
        element = memoryview(self._blob.entries[section])[starts[position] : starts[position + 1]]
        return msgspec.msgpack.decode(element, type=kind)

    def search_documents(self) -> list[search.Document]:
        """A search document for every entry, from the cache if it has them, else built anew."""
        if self._documents is None:
            loaded = self._load_documents() if self._load_documents else None
            self._documents = loaded if loaded is not None else search.documents(self.to_dataset())
        return self._documents

    def _offsets(self, section: str) -> bytes:
        return msgspec.msgpack.decode(self._blob.offsets[section], type=bytes)

    def labels(self, section: str) -> list[str]:
        """Every name entries of ``section`` can be looked up by, for suggestions."""
        return msgspec.msgpack.decode(self._blob.labels[section], type=list[str])

    def sources_by_id(self, ids: Iterable[str]) -> list[Source]:
        """The sources with these ids, in order, each once; unknown ids are left out."""
        found = (self.find("sources", source_id, Source) for source_id in dict.fromkeys(ids))
        return [source for source in found if source is not None]

    def to_dataset(self) -> Dataset:
        """Every section decoded, as one Dataset."""
        return Dataset(**{name: self._section(name) for name in (*ENTRY_TYPES, *SINGLE_TYPES)})
