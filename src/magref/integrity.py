"""Checks across dataset entries that a schema alone cannot express."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import msgspec

from magref import chemistry, names
from magref.model import POINTER_KINDS, SECTIONS, Dataset, Food, IntakeBand, ReferenceValues, UpperLimitBand
from magref.region import Region

Finding = tuple[tuple[str | int, ...], str]

#: How far a form's stated % elemental magnesium may be from its formula's.
PERCENT_TOLERANCE = 0.3
MOLAR_MASS_TOLERANCE = 0.5
#: How far a product's elemental figure may be from its compound figure times the form's %:
#: a derived figure is our own arithmetic; a printed one may count other magnesium salts too.
DERIVED_TOLERANCE = 0.015
LABEL_TOLERANCE = 0.10


def cross_references(dataset: Dataset) -> Iterator[Finding]:
    """Every reference problem in ``dataset``, as (field path, message)."""
    known = {source.id for source in dataset.sources}
    yield from _unknown_sources(dataset, (), known)
    for name, section in SECTIONS.items():
        if section.kind is None or section.kind in POINTER_KINDS:
            continue
        entries = getattr(dataset, name)
        yield from _unique(name, [(i, "id", e.id) for i, e in enumerate(entries)], exact=True)
        if section.title:
            yield from _unique(name, _aliases(entries, section.title))
    yield from _unique("forms", _form_names(dataset))
    yield from _unique("interactions", _drug_names(dataset))
    yield from _combinations(dataset)
    yield from _drug_notes(dataset)
    use_ids = {use.id for use in dataset.uses}
    for i, form in enumerate(dataset.forms):
        for j, use_id in enumerate(form.evidence):
            if use_id not in use_ids:
                yield ("forms", i, "evidence", j), f"no use with id '{use_id}' in uses"
        yield from _formula(i, form.formula, form.molar_mass, form.elemental_percent)
    yield from _synonyms(dataset)
    yield from _brands(dataset)
    yield from _products(dataset)
    yield from _serum(dataset)
    yield from _regions(dataset.regions)
    for i, food in enumerate(dataset.foods):
        yield from _food(i, food)
    yield from _medicines(dataset)


def _medicines(dataset: Dataset) -> Iterator[Finding]:
    """Each medicine has one status: it is in no class, names its family, and a checked one its sources.

    A family's ``drugs`` are medicines in the interaction classes, and a family keyword is not
    already a medicine's name.
    """
    in_classes = {names.key(name): i for i, _, name in _drug_names(dataset)}
    families = {family.id for family in dataset.families}
    yield from _unique("medicines", _medicine_names(dataset))
    for i, medicine in enumerate(dataset.medicines):
        path: tuple[str | int, ...] = ("medicines", i)
        for field, name in (("name", medicine.name), *(("aliases", a) for a in medicine.aliases)):
            if names.key(name) in in_classes:
                where = in_classes[names.key(name)]
                yield (*path, field), f"'{name}' is already a medicine in interactions[{where}]"
        for j, brand in enumerate(medicine.brands):
            if names.key(brand) in in_classes:
                where = in_classes[names.key(brand)]
                yield (*path, "brands", j), f"'{brand}' is already a medicine's name in interactions[{where}]"
        if medicine.family not in families:
            yield (*path, "family"), f"no family with id '{medicine.family}' in families"
        if medicine.status == "checked-none":
            if not medicine.sources:
                yield (*path, "sources"), "a checked medicine needs the sources that were read"
            if medicine.checked is None:
                yield (*path, "checked"), "a checked medicine needs the date it was checked"
        elif medicine.checked is not None:
            yield (*path, "checked"), "a medicine not checked has no date checked"
        if medicine.note and not medicine.sources:
            yield (*path, "sources"), "a medicine's note needs sources"
    medicine_keys = {names.key(n) for _, _, n in _medicine_names(dataset)}
    yield from _unique("families", _aliases_of(dataset.families, "keywords"))
    for i, family in enumerate(dataset.families):
        for j, drug in enumerate(family.drugs):
            if names.key(drug) not in in_classes:
                yield ("families", i, "drugs", j), f"'{drug}' is not a medicine in interactions"
        for j, within in enumerate(family.includes):
            if within not in families or within == family.id:
                yield ("families", i, "includes", j), f"no other family with id '{within}' in families"
        for j, word in enumerate(family.keywords):
            if names.key(word) in medicine_keys:
                yield ("families", i, "keywords", j), f"'{word}' is already a medicine's name"


def _medicine_names(dataset: Dataset) -> Iterator[tuple[int, str, str]]:
    for i, medicine in enumerate(dataset.medicines):
        for name in (medicine.id, medicine.name, *medicine.aliases, *medicine.brands):
            yield i, "name", name


def _aliases_of(entries: Sequence[Any], field: str) -> Iterator[tuple[int, str, str]]:
    for i, entry in enumerate(entries):
        yield i, "id", entry.id
        yield i, "name", entry.name
        for word in getattr(entry, field):
            yield i, field, word


def _synonyms(dataset: Dataset) -> Iterator[Finding]:
    """Every synonym points at entries that exist, and is not already a name of what it points at."""
    from magref import index

    places = index.target_places(dataset)
    for i, synonym in enumerate(dataset.synonyms):
        if not names.key(synonym.phrase):
            yield ("synonyms", i, "phrase"), "has no letters or digits to look up"
        for j, target in enumerate(synonym.means):
            if index.synonym_target(target) not in places:
                yield ("synonyms", i, "means", j), f"'{target}' is not an entry in the dataset"


def _brands(dataset: Dataset) -> Iterator[Finding]:
    """Each brand record names medicines the dataset holds, each once, under a name no other entry
    has; a record of one medicine is only for one checked with no interaction found (any other
    medicine carries its brands and their sources on its own entry)."""
    from magref import index

    places = index.target_places(dataset)
    taken = {names.key(name) for _, _, name in _drug_names(dataset)}
    taken |= {names.key(name) for _, _, name in _medicine_names(dataset)}
    taken |= {names.key(c) for g in dataset.interactions for d in g.drugs for c in d.combinations}
    medicines = {medicine.id: medicine for medicine in dataset.medicines}
    yield from _unique(
        "brands", [(i, "id", record.id) for i, record in enumerate(dataset.brands)], exact=True
    )
    yield from _unique(
        "brands", [(i, "brands", b) for i, record in enumerate(dataset.brands) for b in record.brands]
    )
    for i, record in enumerate(dataset.brands):
        path: tuple[str | int, ...] = ("brands", i)
        for j, target in enumerate(record.components):
            if index.synonym_target(target) not in places:
                yield (*path, "components", j), f"'{target}' is not a medicine in the dataset"
        if len({index.synonym_target(t) for t in record.components}) != len(record.components):
            yield (*path, "components"), "a medicine is listed twice"
        for j, brand in enumerate(record.brands):
            if not names.key(brand):
                yield (*path, "brands", j), "has no letters or digits to look up"
            elif names.key(brand) in taken:
                yield (*path, "brands", j), f"'{brand}' is already a name of a medicine in the dataset"
        if len(record.components) == 1:
            kind, _, wanted = record.components[0].partition(":")
            medicine = medicines.get(wanted) if kind == "medicine" else None
            if medicine is None or medicine.status != "checked-none":
                yield (
                    (*path, "components"),
                    (
                        "a brand of one medicine is held here only for a medicine checked with no "
                        "interaction found; put it in that medicine's own brands"
                    ),
                )


def _products(dataset: Dataset) -> Iterator[Finding]:
    forms = {form.id: form for form in dataset.forms}
    ids = {product.id for product in dataset.products}
    for i, product in enumerate(dataset.products):
        path: tuple[str | int, ...] = ("products", i)
        form = forms.get(product.form) if product.form else None
        if product.form and form is None:
            yield (*path, "form"), f"no form with id '{product.form}' in forms"
        keys = {names.key(alias) for alias in product.aliases}
        for j, alias in enumerate(product.ambiguous_aliases):
            if names.key(alias) not in keys:
                yield (*path, "ambiguous_aliases", j), f"'{alias}' is not one of the product's aliases"
        for j, other in enumerate(product.other_strengths):
            if other not in ids or other == product.id:
                yield (*path, "other_strengths", j), f"'{other}' is not another product's id"
        if product.other_strengths and not product.ambiguous_aliases:
            yield (*path, "other_strengths"), "other strengths go with ambiguous aliases"
        if product.basis == "derived" and not product.note:
            yield (*path, "note"), "a derived figure needs a note that shows the arithmetic"
        if form is not None and product.compound_mg is not None:
            expected = product.compound_mg * form.elemental_percent / 100
            tolerance = DERIVED_TOLERANCE if product.basis == "derived" else LABEL_TOLERANCE
            if abs(product.elemental_mg - expected) > tolerance * expected:
                message = (
                    f"{product.elemental_mg:g} mg elemental, but {product.compound_mg:g} mg of "
                    f"{form.id} ({form.elemental_percent}%) gives {expected:.1f} mg"
                )
                yield (*path, "elemental_mg"), message


def _serum(dataset: Dataset) -> Iterator[Finding]:
    serum = dataset.serum
    ids = [r.id for r in serum.ranges]
    for i, range_id in enumerate(ids):
        if range_id in ids[:i]:
            first = ids.index(range_id)
            yield ("serum", "ranges", i, "id"), f"'{range_id}' is already used by serum.ranges[{first}]"
    if serum.default_range not in ids:
        yield ("serum", "default_range"), f"no range with id '{serum.default_range}' in serum.ranges"
    owner: dict[str, str] = {}
    for i, found in enumerate(serum.ranges):
        if found.low >= found.high:
            yield ("serum", "ranges", i, "high"), "must be greater than low"
        for j, region in enumerate(found.regions):
            if region in owner:
                message = f"region '{region}' already reads against '{owner[region]}': one range a region"
                yield ("serum", "ranges", i, "regions", j), message
            owner.setdefault(region, found.id)


def _unknown_sources(value: Any, path: tuple[str | int, ...], known: set[str]) -> Iterator[Finding]:
    if isinstance(value, msgspec.Struct):
        for field in value.__struct_fields__:
            item = getattr(value, field)
            if field == "sources" and path and isinstance(item, list):
                for j, source_id in enumerate(item):
                    if source_id not in known:
                        yield (*path, field, j), f"cites '{source_id}', which is not in the sources"
            else:
                yield from _unknown_sources(item, (*path, field), known)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unknown_sources(item, (*path, index), known)


def _unique(section: str, entries: Iterable[tuple[int, str, str]], exact: bool = False) -> Iterator[Finding]:
    """Report any name that two entries claim; ``entries`` are (index, field, name)."""
    owner: dict[str, tuple[int, str]] = {}
    for index, field, name in entries:
        lookup = name if exact else names.key(name)
        if lookup in owner and owner[lookup][0] != index:
            first = owner[lookup]
            message = f"'{name}' is already used by {section}[{first[0]}] ({first[1]})"
            yield (section, index, field), message
        owner.setdefault(lookup, (index, name))


def _form_names(dataset: Dataset) -> Iterator[tuple[int, str, str]]:
    for i, form in enumerate(dataset.forms):
        yield i, "id", form.id
        yield i, "name", form.name
        for alias in form.aliases:
            yield i, "aliases", alias


def _drug_names(dataset: Dataset) -> Iterator[tuple[int, str, str]]:
    for i, group in enumerate(dataset.interactions):
        for drug in group.drugs:
            for name in (drug.name, *drug.aliases, *drug.brands):
                yield i, "drugs", name


def _combinations(dataset: Dataset) -> Iterator[Finding]:
    """A combination's brand may be named under each drug it holds, but never as a single medicine."""
    single = {names.key(name): i for i, _, name in _drug_names(dataset)}
    for i, group in enumerate(dataset.interactions):
        for j, drug in enumerate(group.drugs):
            seen: set[str] = set()
            for k, brand in enumerate(drug.combinations):
                key = names.key(brand)
                path = ("interactions", i, "drugs", j, "combinations", k)
                if key in single:
                    yield path, f"'{brand}' is already a medicine's own name in interactions[{single[key]}]"
                if key in seen:
                    yield path, f"'{brand}' is listed twice for {drug.name}"
                seen.add(key)


def _drug_notes(dataset: Dataset) -> Iterator[Finding]:
    for i, group in enumerate(dataset.interactions):
        for j, drug in enumerate(group.drugs):
            if drug.note and not drug.sources:
                yield ("interactions", i, "drugs", j, "sources"), "a drug's note needs sources"


def _aliases(entries: Sequence[Any], name_field: str) -> Iterator[tuple[int, str, str]]:
    for i, entry in enumerate(entries):
        yield i, "id", entry.id
        yield i, name_field, getattr(entry, name_field)
        for alias in entry.aliases:
            yield i, "aliases", alias


def _formula(index: int, formula: str, mass: float, percent: float) -> Iterator[Finding]:
    path: tuple[str | int, ...] = ("forms", index)
    try:
        computed_mass = chemistry.molar_mass(formula)
        computed_percent = chemistry.elemental_percent(formula)
    except chemistry.FormulaError as error:
        yield (*path, "formula"), f"cannot read the formula: {error}"
        return
    if abs(computed_mass - mass) > MOLAR_MASS_TOLERANCE:
        yield (*path, "molar_mass"), f"{mass} g/mol, but {formula} gives {computed_mass:.2f}"
    if abs(computed_percent - percent) > PERCENT_TOLERANCE:
        message = f"{percent}% magnesium, but {formula} gives {computed_percent:.1f}%"
        yield (*path, "elemental_percent"), message


def _bands(path: tuple[str | int, ...], bands: Sequence[IntakeBand | UpperLimitBand]) -> Iterator[Finding]:
    """Age bands must start at 0, follow on without gaps or overlaps, and end open."""
    expected_start = 0.0
    for i, band in enumerate(bands):
        here = (*path, i)
        if band.min_age != expected_start:
            gap = "overlaps the band before" if band.min_age < expected_start else "leaves a gap"
            yield (*here, "min_age"), f"starts at {band.min_age}, expected {expected_start}: {gap}"
        if band.max_age is None:
            if i != len(bands) - 1:
                yield (*here, "max_age"), "only the last band may be open-ended"
            return
        if band.max_age <= band.min_age:
            yield (*here, "max_age"), "must be greater than min_age"
        expected_start = band.max_age
    if bands:
        yield (*path, len(bands) - 1, "max_age"), "the last band must be open-ended (null)"
    else:
        yield path, "no age bands"


def _regions(regions: Sequence[ReferenceValues]) -> Iterator[Finding]:
    """Every region once, each band sourced from the region's own authorities, every gap explained."""
    owner: dict[str, int] = {}
    for i, values in enumerate(regions):
        path: tuple[str | int, ...] = ("regions", i)
        if values.id in {r.id for r in regions[:i]}:
            yield (*path, "id"), f"region '{values.id}' is already defined"
        for j, source_id in enumerate(values.sources):
            if source_id in owner and owner[source_id] != i:
                other = regions[owner[source_id]].id
                message = f"'{source_id}' is already a source of region '{other}': cite only your own"
                yield (*path, "sources", j), message
            owner.setdefault(source_id, i)
        yield from _region(path, values)
    defined = {values.id for values in regions}
    for region in Region:
        if region not in defined:
            yield ("regions",), f"no reference values for region '{region}'"


def _region(path: tuple[str | int, ...], values: ReferenceValues) -> Iterator[Finding]:
    own = set(values.sources)
    terms = {term.abbr for term in values.terms}
    yield from _bands((*path, "intake"), values.intake)
    yield from _bands((*path, "upper", "bands"), values.upper.bands)
    for j, band in enumerate(values.intake):
        here = (*path, "intake", j)
        if band.term not in terms:
            known = ", ".join(sorted(terms))
            yield (*here, "term"), f"'{band.term}' is not one of the region's terms ({known})"
        if (band.male is None or band.female is None) and band.reason is None:
            yield here, "a figure that is not given needs a reason"
        yield from _own_sources(here, band.sources, own)
    for j, upper in enumerate(values.upper.bands):
        here = (*path, "upper", "bands", j)
        if upper.mg is not None and upper.mg_per_kg is not None:
            yield here, "give mg or mg_per_kg, not both"
        if upper.mg is None and upper.mg_per_kg is None and upper.reason is None:
            yield here, "a level that is not given needs a reason"
        yield from _own_sources(here, upper.sources, own)
    yield from _own_sources((*path, "upper"), values.upper.sources, own)
    for j, note in enumerate(values.notes):
        yield from _own_sources((*path, "notes", j), note.sources, own)
    if values.label_reference is not None:
        yield from _own_sources((*path, "label_reference"), values.label_reference.sources, own)


def _own_sources(path: tuple[str | int, ...], cited: Sequence[str], own: set[str]) -> Iterator[Finding]:
    for j, source_id in enumerate(cited):
        if source_id not in own:
            yield (*path, "sources", j), f"cites '{source_id}', which is not one of the region's own sources"


def _food(index: int, food: Food) -> Iterator[Finding]:
    path: tuple[str | int, ...] = ("foods", index)
    if food.mg is None and food.per_100g is None:
        yield path, "a food needs mg per serving, per_100g, or both"
    if (food.mg is None) != (food.serving is None):
        yield path, "mg and serving go together: give both or neither"
    if food.mg is not None and not food.sources:
        yield (*path, "sources"), "the mg per serving needs sources"
    if food.mg_high is not None and (food.mg is None or food.mg_high <= food.mg):
        yield (*path, "mg_high"), "must be greater than mg"
    record = food.per_100g
    if record is not None and record.serving_g is not None and food.serving is None:
        yield (*path, "per_100g", "serving_g"), "a serving weight needs the food's serving"
