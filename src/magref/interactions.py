"""Find how medicines interact with magnesium, by drug, brand or class word."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec

from magref import names, resolve
from magref.catalog import Catalog, NameRow
from magref.errors import NotFound
from magref.model import CONCERNS, SEVERITIES, Concerns, Drug, Form, InteractionClass, MechanismKind, Spacing

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
    #: Magnesium forms named among the queries ("milk of magnesia").
    forms: list[Form] = msgspec.field(default_factory=list)


class Resolved(msgspec.Struct, frozen=True):
    """What one query names: a drug in a class, or a whole class, and how to show the match."""

    group: InteractionClass
    drug: Drug | None
    label: str


class Found(msgspec.Struct, frozen=True):
    """What one medicine query resolved to: its hits, the words naming nothing, and forms named."""

    query: str
    hits: list[Resolved]
    unknown: list[str]
    forms: list[Form]


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


def resolve_medicine(data: Catalog, query: str) -> Found:
    """What one medicine query names: drugs, brands, class words, synonyms or a close name.

    Magnesium products named in it (a form such as "milk of magnesia") are kept apart, and words
    that name nothing are returned as unknown, never dropped.
    """
    reading = resolve.read(
        data, query, ["interactions", "forms"], correct_typos=True, ignore=names.TIMING_WORDS
    )
    hits: list[Resolved] = []
    forms: list[Form] = []
    for named in reading.named:
        for row in named.rows:
            if row.section == "forms":
                form: Form = data.entry("forms", row.position)
                if form not in forms:
                    forms.append(form)
                continue
            group: InteractionClass = data.entry("interactions", row.position)
            drug = group.drugs[row.item] if row.item >= 0 else None
            label = _label(named, row, drug)
            if not any(h.group.id == group.id and h.drug == drug for h in hits):
                hits.append(Resolved(group, drug, label))
    unknown = reading.unknown if hits or forms else [query.strip()] if reading.unknown else []
    return Found(query, hits, unknown, forms)


def _label(named: resolve.Named, row: NameRow, drug: Drug | None) -> str:
    if drug is None:
        shown = row.label if row.how == "synonym" else named.typed
    elif row.how == "brand":
        shown = f"{drug.name} ({row.label})"
    elif row.how == "combination":
        shown = f"{drug.name} (in {row.label})"
    else:
        shown = drug.name
    return f"{shown}, read from '{named.typed}'" if named.typo else shown


def match(data: Catalog, queries: Sequence[str]) -> Report:
    """Every class the queries fall into, most severe first, and the words that matched nothing.

    The queries are read together as one sentence ("can I take magnesium with Lasix").
    """
    return report([resolve_medicine(data, " ".join(queries))], list(queries), data)


def report(found: Sequence[Found], queries: list[str], data: Catalog) -> Report:
    """The classes several resolved medicine queries fall into, most severe first."""
    by_class: dict[str, Match] = {}
    unmatched: list[str] = []
    forms: list[Form] = []
    for item in found:
        unmatched += [name for name in item.unknown if name not in unmatched]
        forms += [form for form in item.forms if form not in forms]
        for hit in item.hits:
            entry = by_class.setdefault(hit.group.id, Match(hit.group))
            if hit.label not in entry.matched:
                entry.matched.append(hit.label)
            if hit.drug is not None and hit.drug not in entry.drugs:
                entry.drugs.append(hit.drug)
    suggestions = {name: resolve.suggestions(data, name, ["interactions"]) for name in unmatched}
    return Report(queries, by_severity(by_class.values()), unmatched, suggestions, forms)


def find(data: Catalog, queries: Sequence[str]) -> Report:
    """Like ``match``, but NotFound when the queries name no medicine and no class."""
    found = match(data, queries)
    if queries and not found.matches and not found.unmatched and found.forms:
        named = ", ".join(form.name for form in found.forms)
        raise NotFound(
            "medicine or class",
            " ".join(queries),
            [],
            f"it names magnesium ({named}), not a medicine: add the medicine to check, "
            "e.g. magref interactions milk of magnesia with cipro",
        )
    if queries and not found.matches:
        query = found.unmatched[0] if found.unmatched else " ".join(queries)
        raise NotFound("medicine or class", query, found.suggestions.get(query, []), NOT_LISTED_SENTENCE)
    return found


def every_class(data: Catalog) -> list[Match]:
    """Every listed class, most severe first."""
    return by_severity(Match(group) for group in data.interactions)


def by_severity(matches: Iterable[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (SEVERITIES.index(m.group.severity), m.group.name.casefold()))
