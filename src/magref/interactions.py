"""Find how medicines interact with magnesium, by drug, brand or class word."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import msgspec

from magref import names
from magref.catalog import Catalog
from magref.errors import NotFound
from magref.model import CONCERNS, SEVERITIES, Concerns, Drug, InteractionClass, MechanismKind, Spacing

#: How alike a mistyped name must be to a listed one to be read as it (difflib ratio).
TYPO_CUTOFF = 0.85
#: Names shorter than this are never guessed at: a short name is too easily another one.
TYPO_MIN_LENGTH = 5
NOT_LISTED = (
    "it is not in magref's dataset. Not being listed is not evidence of safety with magnesium: "
    "ask a pharmacist"
)
NOT_LISTED_SENTENCE = NOT_LISTED[0].upper() + NOT_LISTED[1:] + "."


class Match(msgspec.Struct, frozen=True):
    """An interaction class that one or more queries fell into."""

    group: InteractionClass
    matched: list[str] = msgspec.field(default_factory=list)
    drugs: list[Drug] = msgspec.field(default_factory=list)

    @property
    def spacing(self) -> Spacing | None:
        """The spacing to keep: the class's, or the strictest of the matched drugs' own."""
        spacings = [effective_spacing(self.group, drug) for drug in self.drugs] or [self.group.spacing]
        return strictest(spacings)

    @property
    def mechanism_kinds(self) -> list[MechanismKind]:
        """How the matched drugs (or the class) interact, each way once."""
        kinds = [d.mechanism_kind or self.group.mechanism_kind for d in self.drugs]
        return list(dict.fromkeys(kinds or [self.group.mechanism_kind]))

    @property
    def concerns(self) -> Concerns:
        """The widest set of magnesium products that any matched drug (or the class) concerns."""
        found = [d.concerns or self.group.concerns for d in self.drugs] or [self.group.concerns]
        return min(found, key=CONCERNS.index)


class Report(msgspec.Struct, frozen=True):
    """What a set of queries matched, and what it did not."""

    queries: list[str]
    matches: list[Match]
    unmatched: list[str]
    suggestions: dict[str, list[str]]


class Resolved(msgspec.Struct, frozen=True):
    """What one query names: a drug in a class, or a whole class, and how to show the match."""

    group: InteractionClass
    drug: Drug | None
    label: str


def effective_spacing(group: InteractionClass, drug: Drug | None) -> Spacing | None:
    """A drug's own spacing if it has one, else its class's."""
    return drug.spacing if drug is not None and drug.spacing is not None else group.spacing


def strictest(spacings: Sequence[Spacing | None]) -> Spacing | None:
    """One spacing that keeps all of them (a side with no enough gap stays so)."""
    real = [s for s in spacings if s is not None]
    if not real:
        return None
    if len(real) == 1:
        return real[0]

    def widest(values: list[float | None]) -> float | None:
        return None if None in values else max(v for v in values if v is not None)

    before = widest([s.hours_before for s in real])
    after = widest([s.hours_after for s in real])
    sources = list(dict.fromkeys(source for s in real for source in s.sources))
    notes = [s.note for s in real if s.note]
    return Spacing(hours_before=before, hours_after=after, note=" ".join(notes) or None, sources=sources)


def spacing_rule(spacing: Spacing | None) -> str:
    """The spacing as one sentence of advice (without its note)."""
    if spacing is None:
        return "Timing does not help: taking them at different times does not avoid this."
    before, after = spacing.hours_before, spacing.hours_after
    if before is None and after is None:
        return "No gap is known to be enough: do not combine them without advice."
    if after is None:
        return f"Take the medicine at least {before:g} h before magnesium, not after it."
    if before is None:
        return f"Take the medicine at least {after:g} h after magnesium, not before it."
    return f"Take the medicine at least {before:g} h before magnesium, or at least {after:g} h after it."


class DrugIndex:
    """Drug, brand and class-word lookup keys of one dataset."""

    def __init__(self, data: Catalog) -> None:
        self.drugs: dict[str, tuple[InteractionClass, Drug, str]] = {}
        self.classes: dict[str, list[InteractionClass]] = {}
        #: A combination product's brand, to each listed drug it holds.
        self.combinations: dict[str, list[tuple[InteractionClass, Drug, str]]] = {}
        #: Every drug name, other name, brand and class word, for suggestions.
        self.labels: list[str] = []
        for group in data.interactions:
            self.labels += group.keywords
            for drug in group.drugs:
                self.labels += [drug.name, *drug.aliases, *drug.brands, *drug.combinations]
                for name in (drug.name, *drug.aliases):
                    self.drugs.setdefault(names.key(name), (group, drug, drug.name))
                for brand in drug.brands:
                    self.drugs.setdefault(names.key(brand), (group, drug, f"{drug.name} ({brand})"))
                for brand in drug.combinations:
                    entry = (group, drug, f"{drug.name} (in {brand})")
                    self.combinations.setdefault(names.key(brand), []).append(entry)
            for word in (group.id, group.name, *group.keywords):
                members = self.classes.setdefault(names.key(word), [])
                if group not in members:
                    members.append(group)

    def resolve(self, query: str) -> list[Resolved]:
        wanted = names.key(query)
        if not wanted:
            return []
        found = self._exact(wanted, query)
        if found:
            return found
        if len(wanted) >= TYPO_MIN_LENGTH:
            keys = [*self.drugs, *self.combinations, *self.classes]
            close = difflib.get_close_matches(wanted, keys, n=1, cutoff=TYPO_CUTOFF)
            if close:
                return [
                    Resolved(r.group, r.drug, f"{r.label}, read from '{query}'")
                    for r in self._exact(close[0], close[0])
                ]
        return []

    def _exact(self, wanted: str, shown: str) -> list[Resolved]:
        for candidate in (wanted, wanted[:-1] if wanted.endswith("s") else None):
            if candidate and candidate in self.drugs:
                group, drug, label = self.drugs[candidate]
                return [Resolved(group, drug, label)]
            if candidate and candidate in self.combinations:
                return [Resolved(group, drug, label) for group, drug, label in self.combinations[candidate]]
            if candidate and candidate in self.classes:
                return [Resolved(group, None, shown) for group in self.classes[candidate]]
        return []


def match(data: Catalog, queries: Sequence[str]) -> Report:
    """Every class the queries fall into, most severe first, and the queries that matched nothing."""
    index = DrugIndex(data)
    by_class: dict[str, Match] = {}
    unmatched: list[str] = []
    for query in queries:
        resolved = index.resolve(query)
        if not resolved:
            unmatched.append(query)
        for item in resolved:
            found = by_class.setdefault(item.group.id, Match(item.group))
            if item.label not in found.matched:
                found.matched.append(item.label)
            if item.drug is not None and item.drug not in found.drugs:
                found.drugs.append(item.drug)
    suggestions = {query: names.suggest(query, index.labels) for query in unmatched}
    return Report(list(queries), by_severity(by_class.values()), unmatched, suggestions)


def find(data: Catalog, queries: Sequence[str]) -> Report:
    """Like ``match``, but NotFound when no query matches anything."""
    report = match(data, queries)
    if queries and not report.matches:
        query = report.unmatched[0]
        raise NotFound("medicine or class", query, report.suggestions[query], NOT_LISTED_SENTENCE)
    return report


def every_class(data: Catalog) -> list[Match]:
    """Every listed class, most severe first."""
    return by_severity(Match(group) for group in data.interactions)


def by_severity(matches: Iterable[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (SEVERITIES.index(m.group.severity), m.group.name.casefold()))
