"""Find forms, uses, cautions, FAQ answers and sources by the names people type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import msgspec

from magref import resolve
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import (
    GRADES,
    Absorption,
    ActsAs,
    Caution,
    Claim,
    FaqItem,
    Form,
    GiTolerance,
    Source,
    Use,
)

T = TypeVar("T")

#: Better first; a rating not listed (``uncertain``) is not ranked.
ABSORPTION_ORDER = ("higher", "moderate", "lower")
TOLERANCE_ORDER = ("gentle", "moderate", "harsh")
#: An FAQ answer is shown beside the best one when it scores at least this share of the best.
CLOSE_ANSWER = 0.8
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
    """Position in ``order``, best first; an unranked value comes last."""
    return order.index(value) if value in order else len(order)


def _ranked(order: Sequence[str], value: str) -> int | None:
    """Position in ``order``, or None for a value that is not ranked."""
    return order.index(value) if value in order else None


def _find(data: Catalog, section: str, query: str, kind: str, entry_type: type[T]) -> T:
    """The entry of ``section`` that ``query`` names, alone or in a sentence."""
    found: T = data.entry(section, resolve.one(data, query, section, kind))
    return found


def find_form(data: Catalog, query: str) -> Form:
    """The form named ``query`` by id, name or alias."""
    return _find(data, "forms", query, "form", Form)


def find_forms(data: Catalog, queries: Sequence[str]) -> list[Form]:
    """The forms the queries name ("glycinate vs citrate" too), in the order named, each once."""
    positions = resolve.every(data, " ".join(queries), "forms", "form")
    return [data.entry("forms", position) for position in positions]


def sorted_forms(data: Catalog, column: str = "id") -> list[Form]:
    """Every form, sorted by ``column`` (one of SORT_KEYS), best first for ratings."""
    if column not in SORT_KEYS:
        raise InputError("sort-key", column=column, keys=list(SORT_KEYS))
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
    rows: dict[str, Callable[[Form], float | None]] = {
        "elemental_percent": lambda f: -f.elemental_percent,
        "absorption": lambda f: _ranked(ABSORPTION_ORDER, f.absorption.rating),
        "gi_tolerance": lambda f: _ranked(TOLERANCE_ORDER, f.gi_tolerance.rating),
    }
    for row, score in rows.items():
        scores = {form.id: value for form in forms if (value := score(form)) is not None}
        if len(scores) < 2 or len(set(scores.values())) < 2:
            continue
        top = min(scores.values())
        best[row] = {form_id for form_id, value in scores.items() if value == top}
    return best


def find_use(data: Catalog, query: str) -> Use:
    """The use named ``query`` ("back pain", "back-pain" and "Back Pain" are the same)."""
    return _find(data, "uses", query, "use", Use)


def uses_by_grade(data: Catalog) -> list[Use]:
    """Every use, strongest evidence first."""
    return sorted(data.uses, key=lambda u: (GRADES.index(u.grade), u.name.casefold()))


def find_caution(data: Catalog, query: str) -> Caution:
    """The caution for a condition, by id, name or alias ("CKD" finds kidney disease).

    A condition not found is ``condition-not-listed``: not being listed says nothing of safety.
    """
    from magref import kidney

    reading = kidney.read(query)
    if reading is not None:
        return _find(data, "cautions", reading.caution, "condition", Caution)
    try:
        return _find(data, "cautions", query, "condition", Caution)
    except NotFound as missing:
        if missing.reason is None:
            missing.reason = "condition-not-listed"
        raise


def find_source(data: Catalog, source_id: str) -> Source:
    """The source with this id."""
    return _find(data, "sources", source_id, "source", Source)


def cited(data: Catalog, source_ids: Iterable[str]) -> list[Source]:
    """The sources with these ids, in the order first cited."""
    return data.sources_by_id(source_ids)


def form_sources(form: Form) -> list[str]:
    """Every source id a form's entry cites, in order."""
    ids = [*form.sources, *form.absorption.sources, *form.gi_tolerance.sources]
    for claim in (*form.uses, *form.cautions):
        ids += claim.sources
    return list(dict.fromkeys(ids))


def evidence_for(data: Catalog, form: Form) -> list[Use]:
    """The uses the form's entry points to, with their grades."""
    found = (data.by_id("uses", use_id, Use) for use_id in form.evidence)
    return [use for use in found if use is not None]


# -- FAQ -----------------------------------------------------------------------------------------


def faq_answers(data: Catalog, query: str | None = None, limit: int = 3) -> list[FaqItem]:
    """Every FAQ item, or the best answers to ``query`` (an id, or a question in any words)."""
    if not query:
        return list(data.faq)
    exact = data.by_id("faq", query.strip().casefold(), FaqItem)
    if exact is not None:
        return [exact]
    from magref import search  # search reads people's figures through dosing, which needs lookup

    try:
        hits = search.search(data, query, ["faq"]).hits
    except NotFound:
        raise NotFound("question", query, [], reason="unknown-question") from None
    close = [hit for hit in hits[:limit] if hit.score >= hits[0].score * CLOSE_ANSWER]
    found = (data.by_id("faq", hit.id, FaqItem) for hit in close)
    return [item for item in found if item is not None]


# -- answers: info, compare, list, faq, evidence, sources ---------------------------------------


class Example(Shape):
    """How much elemental magnesium a fixed amount of the compound gives."""

    compound_mg: float
    elemental_mg: float


class GradedUse(Shape):
    """A use the form is taken for, with its evidence grade (see ``magref evidence ID``)."""

    id: str
    name: str
    grade: str


class FormDocument(Shape):
    """``info``: one form as the dataset holds it, with a worked example, its evidence and sources."""

    id: str
    name: str
    aliases: list[str]
    formula: str
    formula_note: str
    molar_mass: float
    elemental_percent: float
    absorption: Absorption
    gi_tolerance: GiTolerance
    uses: list[Claim]
    acts_as: list[ActsAs]
    cautions: list[Claim]
    evidence: list[GradedUse]
    sources: list[str]
    example: Example
    source_details: list[Source]


class FormAnswer(msgspec.Struct, kw_only=True):
    """``info``'s answer: ``document`` is what ``--json`` prints; ``evidence`` the uses it grades,
    whose summaries the page shows beside the grades."""

    document: FormDocument
    evidence: list[Use]


class CompareDocument(Shape):
    """``compare``: the forms side by side; ``best`` names, for each attribute, the forms best at it."""

    forms: list[FormDocument]
    best: dict[str, list[str]]


class FormRow(Shape):
    id: str
    name: str
    elemental_percent: float
    absorption: str
    gi_tolerance: str
    laxative: str


class FormsDocument(Shape):
    """``list``: every form, in the order asked for."""

    items: list[FormRow]


class FaqDocument(Shape):
    """``faq``: questions and answers."""

    items: list[FaqItem]


class EvidenceDocument(Shape):
    """``evidence``: uses with their grades, who was studied, and each finding."""

    items: list[Use]


class SourcesDocument(Shape):
    """``sources``: source records."""

    items: list[Source]


def form_document(
    form: Form,
    evidence: Sequence[Use] = (),
    sources: Sequence[Source] = (),
    compound_mg: float = EXAMPLE_COMPOUND_MG,
) -> FormDocument:
    """A form as the dataset holds it, with the example worked out for ``compound_mg`` of the
    compound, its graded uses and cited sources."""
    return FormDocument(
        id=form.id,
        name=form.name,
        aliases=form.aliases,
        formula=form.formula,
        formula_note=form.formula_note,
        molar_mass=form.molar_mass,
        elemental_percent=form.elemental_percent,
        absorption=form.absorption,
        gi_tolerance=form.gi_tolerance,
        uses=form.uses,
        acts_as=form.acts_as,
        cautions=form.cautions,
        evidence=[GradedUse(id=u.id, name=u.name, grade=u.grade) for u in evidence],
        sources=form_sources(form),
        example=Example(
            compound_mg=compound_mg,
            elemental_mg=round(elemental_mg(form, compound_mg), 1),
        ),
        source_details=list(sources),
    )


def info(data: Catalog, query: str) -> FormAnswer:
    """``info``: the form ``query`` names, with its evidence and the sources its entry cites.

    An amount given with the name ("magnesium oxide 400 mg", as a label prints it) is the
    compound weight the example is worked out for, rather than a word left unread.
    """
    from magref import question

    form = find_form(data, query)
    evidence = evidence_for(data, form)
    sources = cited(data, form_sources(form))
    amounts = [amount.mg for amount in question.read(query).amounts if amount.mg > 0]
    compound_mg = amounts[0] if len(amounts) == 1 else EXAMPLE_COMPOUND_MG
    return FormAnswer(document=form_document(form, evidence, sources, compound_mg), evidence=evidence)


def compare(data: Catalog, queries: Sequence[str]) -> CompareDocument:
    """``compare``: the forms the queries name side by side, and for each comparable attribute the
    best of them (see ``best_in_rows``)."""
    forms = find_forms(data, queries)
    best = best_in_rows(forms)
    return CompareDocument(
        forms=[form_document(form) for form in forms],
        best={row: sorted(ids) for row, ids in best.items()},
    )


def forms_table(data: Catalog, column: str = "id") -> FormsDocument:
    """``list``: every form's row, sorted by ``column`` (see ``sorted_forms``)."""
    return FormsDocument(
        items=[
            FormRow(
                id=f.id,
                name=f.name,
                elemental_percent=f.elemental_percent,
                absorption=f.absorption.rating,
                gi_tolerance=f.gi_tolerance.rating,
                laxative=f.gi_tolerance.laxative,
            )
            for f in sorted_forms(data, column)
        ]
    )


def faq(data: Catalog, query: str | None = None) -> FaqDocument:
    """``faq``: every question, or the best answers to ``query``."""
    return FaqDocument(items=faq_answers(data, query))


def evidence_table(data: Catalog) -> EvidenceDocument:
    """``evidence`` with no use named: every use, strongest evidence first."""
    return EvidenceDocument(items=uses_by_grade(data))


def sources(data: Catalog, source_id: str | None = None) -> SourcesDocument:
    """``sources``: the whole bibliography, or the one source ``source_id`` names."""
    return SourcesDocument(items=[find_source(data, source_id)] if source_id else list(data.sources))
