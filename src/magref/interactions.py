"""Find how medicines interact with magnesium, by drug, brand or class word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

import msgspec

from magref import names, resolve
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import NotFound
from magref.model import (
    CONCERNS,
    SEVERITIES,
    Brand,
    Concerns,
    Drug,
    Family,
    FlagLevel,
    Form,
    InteractionClass,
    MechanismKind,
    Medicine,
    MedicineStatus,
    Product,
    Severity,
    Source,
    Spacing,
)

#: Whether an interaction concerns one magnesium product: it does (``applies``); it may, for a
#: form also sold as a laxative or magnesium of no named form (``may-apply``); or the class's
#: labels name other magnesium products (``not-named``: antacids, or magnesium into a vein).
Relevance = Literal["applies", "may-apply", "not-named"]

#: How a check raises a class of each severity.
SEVERITY_FLAG: dict[str, FlagLevel] = {"major": "ask", "moderate": "note", "minor": "note"}


class MatchedName(msgspec.Struct, frozen=True):
    """How one typed name reached a class: the drug (None for a class word), the name row and how.

    ``via`` is the kind of name that matched (``name``, ``alias``, ``brand``, ``combination``,
    ``class``, ``synonym``); ``label`` is that name as the dataset spells it; ``corrected`` is True
    when the typed words were read as a close name.
    """

    drug: str | None
    typed: str
    via: str
    label: str
    corrected: bool = False


class Match(msgspec.Struct, frozen=True):
    """An interaction class that one or more queries fell into."""

    group: InteractionClass
    matched: list[MatchedName] = msgspec.field(default_factory=list)
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
    def flag_level(self) -> FlagLevel:
        """How loudly a check raises this match: major asks first, the rest are worth knowing."""
        return SEVERITY_FLAG[self.group.severity]

    @property
    def concerns(self) -> Concerns:
        """The widest set of magnesium products that any matched drug (or the class) concerns."""
        found = [d.concerns or self.group.concerns for d in self.drugs] or [self.group.concerns]
        return min(found, key=CONCERNS.index)


class Checked(msgspec.Struct, frozen=True):
    """A medicine in no interaction class that a query named: its entry, status sources and name.

    ``sources`` are the entries of ``medicine.sources``: for ``checked-none``, what was read.
    """

    medicine: Medicine
    name: MatchedName
    sources: list[Source] = msgspec.field(default_factory=list)
    family_name: str = ""

    @property
    def status(self) -> MedicineStatus:
        return self.medicine.status


class FamilyMember(msgspec.Struct, frozen=True):
    """One member of a family as the dataset holds it: its name, status, and class if it has one."""

    name: str
    status: MedicineStatus
    class_id: str | None = None
    class_name: str | None = None
    severity: str | None = None


class FamilyMembers(msgspec.Struct, frozen=True):
    """A family a query named ("blood thinner"), with every member the dataset holds, by status."""

    family: Family
    typed: str
    members: list[FamilyMember]


class Status(msgspec.Struct, frozen=True):
    """What the dataset knows of one medicine a query named.

    ``name`` is the medicine as the dataset spells it (None for words it does not hold, which are
    ``not-checked``); ``class_ids`` the interaction classes it is in.
    """

    typed: str
    name: str | None
    status: MedicineStatus
    class_ids: list[str] = msgspec.field(default_factory=list)


class Report(msgspec.Struct, frozen=True):
    """What a set of queries matched, and what it did not."""

    queries: list[str]
    matches: list[Match]
    unmatched: list[str]
    suggestions: dict[str, list[str]]
    #: Magnesium forms named among the queries ("milk of magnesia").
    forms: list[Form] = msgspec.field(default_factory=list)
    #: For each match (by class id), whether it concerns each form named, by form id.
    relevance: dict[str, dict[str, Relevance]] = msgspec.field(default_factory=dict)
    #: Words saying a medicine is used other than by mouth ("eye drops"), from the queries whose
    #: medicine interacts in the gut (see ``route_matters``), where the route can matter.
    route: list[str] = msgspec.field(default_factory=list)
    #: Medicines named that are in no class: checked with no interaction found, or not checked.
    medicines: list[Checked] = msgspec.field(default_factory=list)
    #: Families named by the words people use ("statin"), with what the dataset holds of each.
    families: list[FamilyMembers] = msgspec.field(default_factory=list)
    #: Each medicine named, once, with its status: ``interaction``, ``checked-none``, ``not-checked``.
    statuses: list[Status] = msgspec.field(default_factory=list)
    #: Brand records named (a combination such as Paxlovid), each with the words that named it.
    brands: list[tuple[Brand, str]] = msgspec.field(default_factory=list)
    #: Magnesium products named among the queries by name or brand ("Maalox", "Mag-Ox 400").
    products: list[Product] = msgspec.field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Whether the queries named anything the dataset holds of medicines."""
        return bool(self.matches or self.medicines or self.families)


class Resolved(msgspec.Struct, frozen=True):
    """What one query names: a drug in a class, or a whole class, and the name that reached it."""

    group: InteractionClass
    drug: Drug | None
    name: MatchedName

    @property
    def mechanism_kind(self) -> MechanismKind:
        """How it interacts: the drug's own way if the data gives one, else its class's."""
        return (
            self.drug.mechanism_kind if self.drug and self.drug.mechanism_kind else self.group.mechanism_kind
        )


_LIST_MARKS = re.compile(r"[,;\n]+")
_DOTTED = re.compile(r"(?<![\w.])(?:[a-z]\.){2,4}", re.IGNORECASE)
#: Ways of interacting that happen in the gut, so only when the medicine is taken by mouth.
GUT_MECHANISMS: frozenset[MechanismKind] = frozenset({"binding", "stomach-ph", "absorption", "early-release"})


def route_matters(found: Found) -> bool:
    """Whether a query names a route other than by mouth for a medicine whose rule works in the gut."""
    return bool(found.route) and any(hit.mechanism_kind in GUT_MECHANISMS for hit in found.hits)


class Found(msgspec.Struct, frozen=True):
    """What one medicine query resolved to: its hits, the words naming nothing, and the
    magnesium named: ``forms`` ("milk of magnesia") and ``products`` ("Maalox", "Mag-Ox 400").

    ``route`` holds the words that say the medicine is not taken by mouth ("eye drops"): the
    dataset's rules are for medicines by mouth, so they may not apply.
    """

    query: str
    hits: list[Resolved]
    unknown: list[str]
    forms: list[Form]
    route: list[str] = []
    medicines: list[Checked] = []
    families: list[tuple[Family, str]] = []
    brands: list[tuple[Brand, str]] = []
    products: list[Product] = []

    @property
    def names_magnesium(self) -> bool:
        """Whether the query names magnesium (a form or product) and no medicine, class or family."""
        return bool(self.forms or self.products) and not (self.hits or self.medicines or self.families)

    @property
    def magnesium_names(self) -> list[str]:
        """The name of each magnesium entry the query names: its products, then its forms."""
        return [product.name for product in self.products] + [form.name for form in self.forms]


def effective_spacing(group: InteractionClass, drug: Drug | None) -> Spacing | None:
    """A drug's own spacing if it has one, else its class's."""
    return drug.spacing if drug is not None and drug.spacing is not None else group.spacing


def needs_gap(spacing: Spacing | None) -> bool:
    """Whether a spacing asks for any gap: not when timing does not help (None), nor when the
    sources give 0 hours on both sides (no gap named)."""
    return spacing is not None and not (spacing.hours_before == 0 and spacing.hours_after == 0)


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


def resolve_medicine(data: Catalog, query: str) -> Found:
    """What one medicine query names: drugs, brands, class words, synonyms or a close name.

    Magnesium named in it (a form such as "milk of magnesia", a product such as "Maalox") is kept
    apart, and words that name nothing are returned as unknown, never dropped.
    """
    whole = _product_by_name(data, query)
    if whole is not None:  # a product's full name, as magref shows it, is that product
        return Found(query, [], [], [], products=[whole])
    undotted = _DOTTED.sub(lambda m: m[0].replace(".", ""), query)  # "b.i.d." is "bid"
    reading = resolve.read(
        data,
        undotted,
        MEDICINE_SECTIONS,
        correct_typos=True,
        ignore=names.TIMING_WORDS | names.ROUTE_WORDS | names.DOSE_WORDS,
        attached=names.SALT_AND_RELEASE_WORDS,
    )
    route = [word for word in dict.fromkeys(names.words(query)) if word in names.ROUTE_WORDS]
    hits: list[Resolved] = []
    forms: list[Form] = []
    products: list[Product] = []
    medicines: list[Checked] = []
    families: list[tuple[Family, str]] = []
    brands: list[tuple[Brand, str]] = []
    for named in reading.named:
        # words that name a form and a product too ("milk of magnesia") name the form: the generic
        generic = any(row.section == "forms" for row in named.rows)
        for row in named.rows:
            record = brand_record(data, row.label) if row.how in ("brand", "combination") else None
            if record is not None and all(seen != record for seen, _ in brands):
                brands.append((record, named.typed))
            if row.section == "medicines":
                medicine: Medicine = data.entry("medicines", row.position)
                if all(item.medicine != medicine for item in medicines):
                    via = MatchedName(medicine.name, named.typed, row.how, row.label, corrected=named.typo)
                    family_of = data.by_id("families", medicine.family, Family)
                    shown = family_of.name if family_of is not None else medicine.family
                    medicines.append(Checked(medicine, via, data.sources_by_id(medicine.sources), shown))
                continue
            if row.section == "families":
                family: Family = data.entry("families", row.position)
                if all(seen != family for seen, _ in families):
                    families.append((family, named.typed))
                continue
            if row.section == "forms":
                form: Form = data.entry("forms", row.position)
                if form not in forms:
                    forms.append(form)
                continue
            if row.section == "products":
                product: Product = data.entry("products", row.position)
                if not generic and product not in products:
                    products.append(product)
                continue
            group: InteractionClass = data.entry("interactions", row.position)
            drug = group.drugs[row.item] if row.item >= 0 else None
            name = MatchedName(
                drug.name if drug else None, named.typed, row.how, row.label, corrected=named.typo
            )
            if not any(h.group.id == group.id and h.drug == drug for h in hits):
                hits.append(Resolved(group, drug, name))
    # A name that is both a class and one of its drugs ("levothyroxine") reads as the drug.
    drugs_named = {(h.group.id, h.name.typed) for h in hits if h.drug is not None}
    hits = [h for h in hits if h.drug is not None or (h.group.id, h.name.typed) not in drugs_named]
    if not hits and not forms and not products and not medicines and not families:
        # the words as typed; a list ("metformin, lisinopril") item by item
        items = [item.strip() for item in _LIST_MARKS.split(query) if item.strip()]
        return Found(query, [], items if reading.unknown or route else [], [])
    return Found(query, hits, reading.unknown, forms, route, medicines, families, brands, products)


def _product_by_name(data: Catalog, query: str) -> Product | None:
    """The product whose full name (as magref shows it, "Maalox maux d'estomac chewable tablets
    400/400 (France)") is ``query``, if any: looked up in the index, not by reading every product."""
    rows = sorted(
        (row for row in data.names([names.key(query)], ["products"]) if row.how == "name"),
        key=lambda row: row.position,
    )
    found: Product | None = data.entry("products", rows[0].position) if rows else None
    return found


def brand_record(data: Catalog, name: str) -> Brand | None:
    """The brand record (data/brands.yaml) one of whose brands is ``name``, if any."""
    key = names.key(name)
    return next((record for record in data.brands if any(names.key(b) == key for b in record.brands)), None)


def components(data: Catalog, record: Brand) -> list[str]:
    """The generic names of the medicines a brand record holds, in its order."""
    found: list[str] = []
    for target in record.components:
        kind, _, wanted = target.partition(":")
        medicine = data.by_id("medicines", wanted, Medicine) if kind == "medicine" else None
        found.append(medicine.name if medicine is not None else wanted)
    return found


#: The sections a medicine query is read against.
MEDICINE_SECTIONS = ["interactions", "forms", "products", "medicines", "families"]


def status_of(data: Catalog, text: str) -> MedicineStatus:
    """The one status of the medicine ``text`` names (a combination by its parts).

    ``interaction`` when a medicine in it is in an interaction class (by its own name: a class
    word alone, such as "thyroid" in "thyroid desiccated", names no medicine), unless a route other
    than by mouth is named for a medicine whose rule works in the gut; ``checked-none`` when every
    medicine in it was checked with no interaction found and no word is left unknown; else
    ``not-checked``.
    """
    found = resolve_medicine(data, text)
    if any(hit.drug is not None for hit in found.hits) and not route_matters(found):
        return "interaction"
    checked = [item.status == "checked-none" for item in found.medicines]
    if checked and all(checked) and not found.unknown:
        return "checked-none"
    return "not-checked"


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
    products: list[Product] = []
    route: list[str] = []
    medicines: list[Checked] = []
    named_families: list[tuple[Family, str]] = []
    brands: list[tuple[Brand, str]] = []
    for item in found:
        brands += [b for b in item.brands if all(b[0] != seen[0] for seen in brands)]
        medicines += [m for m in item.medicines if all(m.medicine != seen.medicine for seen in medicines)]
        named_families += [f for f in item.families if all(f[0] != seen[0] for seen in named_families)]
        unmatched += [name for name in item.unknown if name not in unmatched]
        route += [word for word in item.route if word not in route] if route_matters(item) else []
        forms += [form for form in item.forms if form not in forms]
        products += [product for product in item.products if product not in products]
        for hit in item.hits:
            entry = by_class.setdefault(hit.group.id, Match(hit.group))
            if not any(_same_name(hit.name, seen) for seen in entry.matched):
                entry.matched.append(hit.name)
            if hit.drug is not None and hit.drug not in entry.drugs:
                entry.drugs.append(hit.drug)
    suggestions = {name: resolve.suggestions(data, name, ["interactions"]) for name in unmatched}
    matches = by_severity(by_class.values())
    relevant = {
        m.group.id: {
            **{f.id: relevance(m.concerns, f.acts_as) for f in forms},
            **{p.id: relevance(m.concerns, p.purposes, product=True) for p in products},
        }
        for m in matches
    }
    families = [members(data, family, typed) for family, typed in named_families]
    statuses = _statuses(matches, medicines, unmatched)
    return Report(
        queries,
        matches,
        unmatched,
        suggestions,
        forms,
        relevant if forms or products else {},
        route,
        medicines,
        families,
        statuses,
        brands,
        products,
    )


def _statuses(
    matches: Sequence[Match], medicines: Sequence[Checked], unmatched: Sequence[str]
) -> list[Status]:
    """Each medicine named, once, with its status; class words name no one medicine."""
    found: dict[str, Status] = {}
    for match in matches:
        for name in match.matched:
            if name.drug is None:
                continue
            seen = found.get(name.drug)
            ids = [*(seen.class_ids if seen else []), match.group.id]
            found[name.drug] = Status(name.typed, name.drug, "interaction", list(dict.fromkeys(ids)))
    for item in medicines:
        found.setdefault(item.medicine.name, Status(item.name.typed, item.medicine.name, item.status))
    statuses = list(found.values())
    statuses += [Status(words, None, "not-checked") for words in unmatched]
    return statuses


def members(data: Catalog, family: Family, typed: str) -> FamilyMembers:
    """Every member of ``family`` (and of the families it includes) the dataset holds: those in
    interaction classes first, then those checked with no interaction found, then the rest."""
    within = family_ids(data, family)
    every = [f for f in data.families if f.id in within]
    wanted = {names.key(drug) for f in every for drug in f.drugs}
    found: list[FamilyMember] = []
    for group in data.interactions:
        for drug in group.drugs:
            if names.key(drug.name) in wanted and all(m.name != drug.name for m in found):
                found.append(FamilyMember(drug.name, "interaction", group.id, group.name, group.severity))
    for status in ("checked-none", "not-checked"):
        found += [
            FamilyMember(m.name, m.status)
            for m in data.medicines
            if m.family in within and m.status == status
        ]
    return FamilyMembers(family, typed, found)


def family_ids(data: Catalog, family: Family) -> set[str]:
    """The ids of ``family`` and of every family within it."""
    found = {family.id}
    todo = list(family.includes)
    while todo:
        wanted = todo.pop()
        if wanted not in found:
            found.add(wanted)
            todo += next((f.includes for f in data.families if f.id == wanted), [])
    return found


def _same_name(one: MatchedName, other: MatchedName) -> bool:
    """The same drug reached by the same name, however it was typed."""
    return (one.drug, one.via, one.label, one.corrected) == (
        other.drug,
        other.via,
        other.label,
        other.corrected,
    )


def relevance(concerns: Concerns, acts_as: Sequence[str] | None, *, product: bool = False) -> Relevance:
    """Whether an interaction that ``concerns`` these products concerns one taken by mouth.

    ``acts_as`` is what it is used as (``antacid``, ``laxative``), None for magnesium of no named
    form or product. A ``product`` sold as a laxative is one; a form also sold as one may be.
    """
    if concerns == "any-magnesium":
        return "applies"
    if concerns == "intravenous":
        return "not-named"
    if acts_as is None:
        return "may-apply"
    if "antacid" in acts_as or (product and "laxative" in acts_as):
        return "applies"
    return "may-apply" if "laxative" in acts_as else "not-named"


def find(data: Catalog, queries: Sequence[str]) -> Report:
    """Like ``match``, but NotFound when the queries name no medicine and no class."""
    found = match(data, queries)
    if queries and not found.answered and not found.unmatched and (found.forms or found.products):
        named = [product.name for product in found.products] + [form.name for form in found.forms]
        raise NotFound("medicine-or-class", " ".join(queries), [], reason="magnesium-only", names=named)
    if queries and not found.answered:
        missing = found.unmatched or [" ".join(queries)]
        close = [name for query in missing for name in found.suggestions.get(query, [])]
        each = "', '".join(missing)  # each one, as NotFound quotes the whole: 'a', 'b'
        raise NotFound("medicine-or-class", each, close, reason="not-listed", names=missing)
    return found


def every_class(data: Catalog) -> list[Match]:
    """Every listed class, most severe first."""
    return by_severity(Match(group) for group in data.interactions)


def by_severity(matches: Iterable[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (SEVERITIES.index(m.group.severity), m.group.name.casefold()))


# -- answers: interactions ------------------------------------------------------------------------


class MatchDocument(Shape):
    """A class of medicines that the query fell into, with the spacing to keep."""

    class_id: str
    class_name: str
    severity: Severity
    matched: list[MatchedName]
    effect: str
    mechanism: str
    mechanism_kinds: list[MechanismKind]
    concerns: Concerns
    management: str
    spacing: Spacing | None
    drugs: list[Drug]
    sources: list[str]


class FormNamed(Shape):
    id: str
    name: str


class StatusRow(Shape):
    """What the dataset knows of one medicine named: ``interaction`` (it is in the classes
    ``class_ids``), ``checked-none`` (checked: the sources read name no interaction with magnesium,
    which does not prove none exists) or ``not-checked`` (``name`` is null for words the dataset
    does not hold). ``message`` says so in words."""

    query: str
    name: str | None
    status: MedicineStatus
    class_ids: list[str]
    message: str = ""


class CheckedMedicine(Shape):
    """A medicine named that is in no interaction class: its family, its status, the date it was
    checked and the sources read (for ``checked-none``), and ``message``, the status in words."""

    name: str
    brands: list[str]
    matched: MatchedName
    family: str
    family_name: str
    status: MedicineStatus
    checked: str | None
    note: str | None
    sources: list[str]
    message: str = ""


class BrandDocument(Shape):
    """A brand named that its record holds apart from its medicines (a combination such as Paxlovid):
    ``matched`` is the words that named it and ``label`` the brand as the dataset spells it;
    ``components`` are the generic names of the medicines it holds, each answered on its own in
    ``statuses`` and ``medicines`` or ``matches``; ``sources`` name the brand with its components."""

    id: str
    name: str
    brands: list[str]
    matched: str
    label: str
    components: list[str]
    note: str | None
    sources: list[str]


class FamilyMemberRow(Shape):
    """One member of a family as the dataset holds it; ``class_id`` for one in an interaction class."""

    name: str
    status: MedicineStatus
    class_id: str | None
    class_name: str | None
    severity: str | None


class FamilyDocument(Shape):
    """A family named by the words people use ("blood thinner"): every member the dataset holds,
    those in interaction classes first, then by status. ``note``: members not listed are not checked."""

    id: str
    name: str
    matched: str
    members: list[FamilyMemberRow]
    note: str = ""


class InteractionsDocument(Shape):
    """``interactions``: each class the words fell into, most severe first, and the words that named nothing.

    ``relevance`` says, for each class id and each magnesium form named in the query, whether the
    class concerns that form. ``unmatched_note`` is set when some words named nothing.
    ``route`` holds words saying a medicine is not taken by mouth ("eye drops"), with ``route_note``.
    ``statuses`` has each medicine named, once, with its status; ``medicines`` the medicines named
    that are in no class; ``families`` the families named by class words; ``brands`` the brands
    named that hold several medicines (or one checked with no interaction found), with what each holds.
    """

    queries: list[str]
    matches: list[MatchDocument]
    unmatched: list[str]
    suggestions: dict[str, list[str]]
    unmatched_note: str | None
    forms: list[FormNamed]
    relevance: dict[str, dict[str, Relevance]]
    route: list[str]
    route_note: str | None
    statuses: list[StatusRow]
    medicines: list[CheckedMedicine]
    families: list[FamilyDocument]
    brands: list[BrandDocument] = msgspec.field(default_factory=list)
    #: Magnesium products named by name or brand ("Maalox"); ``relevance`` holds them by id too.
    products: list[FormNamed] = msgspec.field(default_factory=list)


class ClassesDocument(Shape):
    """``interactions`` with no words: every class."""

    queries: list[str]
    matches: list[MatchDocument]
    unmatched: list[str]


class ClassDrugs(msgspec.Struct, kw_only=True):
    """A matched class's drugs: ``every`` drug it holds, and those ``named`` in the query (none for
    a class word)."""

    every: list[Drug]
    named: list[Drug]


class InteractionsAnswer(msgspec.Struct, kw_only=True):
    """``interactions``' answer: ``document`` is what ``--json`` prints once its messages are worded;
    ``classes`` each match's drugs and ``checked_sources`` the records each medicine in
    ``document.medicines`` cites, which the words and the page use; ``answered`` whether the words
    named anything the dataset holds of medicines."""

    document: InteractionsDocument
    classes: list[ClassDrugs]
    checked_sources: list[list[Source]]
    answered: bool


def match_document(match: Match) -> MatchDocument:
    """One matched class as the answer gives it: the class, the names that reached it, and the
    spacing, ways and products of the drugs named (the class's own when none was)."""
    group = match.group
    return MatchDocument(
        class_id=group.id,
        class_name=group.name,
        severity=group.severity,
        matched=match.matched,
        effect=group.effect,
        mechanism=group.mechanism,
        mechanism_kinds=match.mechanism_kinds,
        concerns=match.concerns,
        management=group.management,
        spacing=match.spacing,
        drugs=match.drugs or group.drugs,
        sources=group.sources,
    )


def classes(data: Catalog) -> ClassesDocument:
    """``interactions`` with no words: every listed class, most severe first."""
    return ClassesDocument(queries=[], matches=[match_document(m) for m in every_class(data)], unmatched=[])


def interactions(data: Catalog, queries: Sequence[str], *, must_name: bool = True) -> InteractionsAnswer:
    """``interactions``: what the queries (read as one sentence) name, as ``find`` reads them, or
    with ``must_name`` false as ``match`` does (no NotFound when they name nothing)."""
    found = find(data, queries) if must_name else match(data, queries)
    return interactions_answer(found, data)


def interactions_answer(found: Report, data: Catalog) -> InteractionsAnswer:
    """A report of matched queries as ``interactions``' answer."""
    document = InteractionsDocument(
        queries=found.queries,
        matches=[match_document(m) for m in found.matches],
        unmatched=found.unmatched,
        suggestions=found.suggestions,
        unmatched_note=None,
        forms=[FormNamed(id=form.id, name=form.name) for form in found.forms],
        products=[FormNamed(id=product.id, name=product.name) for product in found.products],
        relevance=found.relevance,
        route=found.route,
        route_note=None,
        statuses=[
            StatusRow(query=row.typed, name=row.name, status=row.status, class_ids=row.class_ids)
            for row in found.statuses
        ],
        medicines=[
            CheckedMedicine(
                name=item.medicine.name,
                brands=item.medicine.brands,
                matched=item.name,
                family=item.medicine.family,
                family_name=item.family_name,
                status=item.medicine.status,
                checked=item.medicine.checked,
                note=item.medicine.note,
                sources=item.medicine.sources,
            )
            for item in found.medicines
        ],
        families=[
            FamilyDocument(
                id=item.family.id,
                name=item.family.name,
                matched=item.typed,
                members=[
                    FamilyMemberRow(
                        name=m.name,
                        status=m.status,
                        class_id=m.class_id,
                        class_name=m.class_name,
                        severity=m.severity,
                    )
                    for m in item.members
                ],
            )
            for item in found.families
        ],
        brands=[
            BrandDocument(
                id=record.id,
                name=record.name,
                brands=record.brands,
                matched=typed,
                label=next((b for b in record.brands if names.key(b) == names.key(typed)), record.brands[0]),
                components=components(data, record),
                note=record.note,
                sources=record.sources,
            )
            for record, typed in found.brands
        ],
    )
    return InteractionsAnswer(
        document=document,
        classes=[ClassDrugs(every=m.group.drugs, named=m.drugs) for m in found.matches],
        checked_sources=[item.sources for item in found.medicines],
        answered=found.answered,
    )
