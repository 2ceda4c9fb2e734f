"""Views of forms, evidence, FAQ, search hits and sources: each lays out the core's answer as a
document (``--json`` prints the answer itself)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magref.model import Source, Use
from magref.render.document import (
    DISCLAIMER,
    Bullets,
    Cell,
    Document,
    Fields,
    Heading,
    Paragraph,
    Table,
)
from magref.render.phrases import nothing_on

BEST_MARK = " *"
BEST_LEGEND = "* best in its row among the forms shown"

if TYPE_CHECKING:
    from magref.dataset import ProblemRow
    from magref.dosing import TargetDocument
    from magref.lookup import (
        CompareDocument,
        EvidenceDocument,
        FaqDocument,
        FormAnswer,
        FormDocument,
        FormsDocument,
        SourcesDocument,
    )
    from magref.search import LabRead, SearchAnswer, SearchHit
    from magref.serum import LabDocument


def cite(ids: Sequence[str]) -> str:
    """An inline citation such as ``[ods-hp, firoz-2001]``."""
    return f"[{', '.join(ids)}]"


def percent(value: float) -> str:
    return f"{value:.1f}%"


def mg(value: float) -> str:
    """A milligram figure, rounded sensibly."""
    return f"{value:,.0f} mg" if value >= 10 else f"{value:.1f} mg"


def example_text(form: FormDocument) -> str:
    example = form.example
    return (
        f"{example.compound_mg:g} mg of {form.name.lower()} (compound weight) holds about "
        f"{mg(example.elemental_mg)} of elemental magnesium"
    )


def source_line(source: Source) -> str:
    parts = [source.authors, source.organisation, source.title, source.publication]
    text = ". ".join(p.rstrip(".") for p in parts if p)
    if source.year and str(source.year) not in text:
        text += f" ({source.year})"
    if source.url:
        text += f". {source.url}"
    return f"[{source.id}] {text}"


# -- info ---------------------------------------------------------------------------------------


def form_document(answer: FormAnswer) -> Document:
    form, evidence = answer.document, answer.evidence
    rows: list[tuple[str, Cell]] = []
    if form.aliases:
        rows.append(("Also called", Cell(", ".join(form.aliases))))
    rows += [
        ("Formula", Cell(f"{form.formula} ({form.molar_mass:g} g/mol). {form.formula_note}")),
        (
            "Elemental Mg",
            Cell(f"{percent(form.elemental_percent)} of the compound's weight: {example_text(form)}"),
        ),
        (
            "Absorption",
            Cell(f"{form.absorption.rating}. {form.absorption.text} {cite(form.absorption.sources)}"),
        ),
        (
            "Stomach",
            Cell(
                f"{form.gi_tolerance.rating}; laxative effect {form.gi_tolerance.laxative}. "
                f"{form.gi_tolerance.text} {cite(form.gi_tolerance.sources)}"
            ),
        ),
    ]
    doc: Document = [Heading(f"{form.name} ({form.id})"), Fields(rows)]
    doc += [Heading("Uses", 2), Bullets([Cell(f"{c.text} {cite(c.sources)}") for c in form.uses])]
    if form.cautions:
        items = [Cell(f"{c.text} {cite(c.sources)}", "warning") for c in form.cautions]
        doc += [Heading("Cautions", 2), Bullets(items)]
    if evidence:
        items = [Cell(f"{u.name}: {u.grade}. {u.summary}", u.grade) for u in evidence]
        doc += [Heading("Evidence in brief", 2), Bullets(items)]
        doc.append(Paragraph(f"More: magref evidence {evidence[0].id}", "muted"))
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in form.source_details])]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


# -- compare and list ---------------------------------------------------------------------------


def compare_document(answer: CompareDocument) -> Document:
    forms, best = answer.forms, answer.best

    def mark(row: str, form: FormDocument, text: str) -> Cell:
        won = form.id in best.get(row, [])
        return Cell(text + BEST_MARK, "best") if won else Cell(text)

    compound = f"{forms[0].example.compound_mg:g}" if forms else ""
    rows: list[list[Cell]] = [
        [Cell("Formula"), *(Cell(f.formula) for f in forms)],
        [Cell("Elemental Mg"), *(mark("elemental_percent", f, percent(f.elemental_percent)) for f in forms)],
        [
            Cell(f"Mg in {compound} mg compound"),
            *(Cell(mg(f.example.elemental_mg) + " elemental") for f in forms),
        ],
        [Cell("Absorption"), *(mark("absorption", f, f.absorption.rating) for f in forms)],
        [Cell("Stomach"), *(mark("gi_tolerance", f, f.gi_tolerance.rating) for f in forms)],
        [Cell("Laxative effect"), *(Cell(f.gi_tolerance.laxative) for f in forms)],
        [Cell("Typical use"), *(Cell(f.uses[0].text if f.uses else "") for f in forms)],
    ]
    table = Table(["", *(f.name for f in forms)], rows, BEST_LEGEND if best else "")
    title = "Compared: " + ", ".join(f.id for f in forms)
    return [Heading(title), table, Paragraph(DISCLAIMER, "muted")]


def list_document(answer: FormsDocument) -> Document:
    forms = answer.items
    rows = [
        [
            Cell(f.id),
            Cell(f.name),
            Cell(percent(f.elemental_percent)),
            Cell(f.absorption),
            Cell(f.gi_tolerance),
        ]
        for f in forms
    ]
    columns = ["Id", "Name", "Elemental Mg", "Absorption", "Stomach"]
    legend = "Elemental Mg: percent of the compound's weight that is magnesium. More: magref info ID"
    return [Heading(f"Magnesium forms ({len(forms)})"), Table(columns, rows, legend)]


# -- search, FAQ, evidence, sources -------------------------------------------------------------


def cache_warning(code: str) -> tuple[str, str | None]:
    """What happened to the knowledge index cache this run, and what to do about it (if anything)."""
    code, _, where = code.partition(":")
    if code == "cache-busy":
        return (
            "another magref is still building the index; answering from one built in memory",
            "this run is slower; later runs use the cached index",
        )
    if code == "cache-damaged":
        return "the cached knowledge index was damaged; it was rebuilt from the dataset", None
    if code == "cache-journal":
        return "removed a leftover SQLite journal beside the knowledge index cache (not needed)", None
    if code == "cache-lock-removed":
        return "removed something that was in the place of the index cache's lock file", None
    if code == "cache-lock-blocked":
        return (
            f"cannot use the index cache: {where} is in the place of its lock file; answering from "
            "an index built in memory",
            "remove it, or set MAGREF_CACHE_DIR to another folder",
        )
    if code == "cache-untrusted":
        return (
            "the cache folder is not private (another user owns it or may write to it); answering "
            "from an index built in memory",
            "make it yours with mode 0700, or set MAGREF_CACHE_DIR to a folder that is",
        )
    return (
        "cannot write the index cache; answering from one built in memory",
        "make the cache folder writable, or set MAGREF_CACHE_DIR to a folder that is",
    )


def search_title(hit: SearchHit) -> str:
    if hit.kind == "compare":
        return f"Compare {hit.title}"
    if hit.kind == "dose":
        return f"Daily magnesium for {hit.title}"
    if hit.kind == "lab":
        return f"Blood magnesium {hit.title}"
    return hit.title


def search_document(answer: SearchAnswer) -> Document:
    results = answer.json
    hits, total = results.hits, results.total
    rows = [[Cell(h.kind), Cell(search_title(h)), Cell(h.command)] for h in hits]
    shown = f"{total} found" if len(hits) == total else f"best {len(hits)} of {total}; --limit 0 for all"
    doc: Document = [Heading(f"Search: {results.query} ({shown})")]
    if results.not_found:
        doc.append(Paragraph(nothing_on(results.not_found), "warning"))
    doc += [Paragraph(line) for line in _person_lines(results.targets, answer.person)]
    for lab, levels in zip(results.labs, answer.levels, strict=True):
        doc += [Paragraph(line, "warning" if warn else "") for line, warn in _lab_lines(lab, levels)]
    doc.append(Table(["Kind", "Entry", "Show with"], rows))
    return doc


def _person_lines(targets: Sequence[TargetDocument], person: SearchHit | None) -> list[str]:
    """The daily figures of the person the question names, one line for each sex given."""
    from magref.render.dosing_views import counts_text

    lines = []
    for target in targets:
        who = f"{target.sex}, {target.life_stage}" if target.life_stage else target.sex
        need = (
            f"{target.rda_kind} {target.rda_mg} mg of elemental magnesium a day from food and "
            "supplements together"
            if target.rda_mg is not None
            else f"no {target.rda_kind} given"
        )
        upper = target.upper_limit
        limit = (
            f"upper limit {upper.mg} mg of elemental magnesium a day from "
            f"{counts_text(upper.counts, short=True)}"
            if upper.mg is not None
            else "no upper limit set"
        )
        lines.append(f"{person.title if person else ''} ({who}, {target.region}): {need}; {limit}.")
    if person:
        lines.append(f"More: magref dose {person.id}")
    return lines


def _lab_lines(lab: LabRead, levels: Sequence[float]) -> list[tuple[str, bool]]:
    """A result against its range; without a unit, each reading, and a request for the unit.

    ``levels``: each reading's value in its range's unit."""
    words = {"low": "low", "within": "within the range", "high": "high"}

    def reading(r: LabDocument, own: float) -> str:
        value = f"{r.value:g} {r.unit}" + (f" = {own:.2f} {r.range.unit}" if r.unit != r.range.unit else "")
        span = f"{r.range.low:g} to {r.range.high:g} {r.range.unit}"
        reached = sum(1 for t in r.thresholds if t.reached)
        said = f"; it reaches {reached} of the levels where symptoms are reported" if reached else ""
        return f"{value}: {words[r.status]} against {span}{said}"

    read = list(zip(lab.readings, levels, strict=True))
    if lab.unit:
        r, own = read[0]
        return [(f"Blood magnesium {reading(r, own)}.", r.status != "within")]
    head = f"'{lab.text}' has no unit, and the same number means a different level in each unit:"
    lines = [(head, True), *((f"as {reading(r, own)};", False) for r, own in read)]
    lines.append((f"give the unit on your report: magref lab {lab.text} mg/dL (or mmol/L, mEq/L)", False))
    return lines


def faq_document(answer: FaqDocument, full: bool) -> Document:
    """The questions as a list, or (``full``, when a question was asked) each with its answer."""
    items = answer.items
    if not full:
        doc: Document = [Heading(f"Questions ({len(items)})")]
        doc.append(Bullets([Cell(f"{i.question} (magref faq {i.id})") for i in items]))
        return doc
    doc = []
    for item in items:
        doc += [Heading(item.question, 2), Paragraph(f"{item.answer} {cite(item.sources)}")]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def evidence_list_document(answer: EvidenceDocument) -> Document:
    uses = answer.items
    rows = [[Cell(u.name), Cell(u.grade, u.grade), Cell(f"magref evidence {u.id}")] for u in uses]
    legend = "Grades: strong, moderate, limited, insufficient, against (evidence that it does not help)."
    return [Heading("Evidence by use"), Table(["Use", "Grade", "Details"], rows, legend)]


def who(studied: Sequence[str], not_studied: Sequence[str]) -> str:
    """Who a study enrolled and whom it says nothing about, as one sentence each."""
    return f"Studied: {'; '.join(studied)}. Not studied: {'; '.join(not_studied)}."


def evidence_document(use: Use, sources: Sequence[Source], studied: Document | None = None) -> Document:
    """One use's evidence; ``studied`` is the section of its studied doses, when shown."""
    doc: Document = [
        Heading(f"{use.name}: evidence {use.grade}"),
        Paragraph(f"{use.summary} {cite(use.sources)}"),
        Heading("Who was studied", 2),
        Bullets([Cell(group) for group in use.studied]),
        Heading("Not studied", 2),
        Bullets([Cell(group, "warning") for group in use.not_studied]),
    ]
    if use.findings:
        doc.append(Heading("What the studies found", 2))
        items = [
            Cell(
                f"{f.context} ({f.grade}): {f.text} {who(f.studied, f.not_studied)} {cite(f.sources)}",
                f.grade,
            )
            for f in use.findings
        ]
        doc.append(Bullets(items))
    doc += studied or []
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in sources])]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def sources_document(answer: SourcesDocument) -> Document:
    sources = answer.items
    return [Heading(f"Sources ({len(sources)})"), Bullets([Cell(source_line(s)) for s in sources])]


def problem_text(problem: ProblemRow) -> str:
    """One dataset problem as FILE:LINE:COLUMN: field: message."""
    where = f"{problem.file}:{problem.line}:{problem.column}"
    return f"{where}: {problem.path}: {problem.message}" if problem.path else f"{where}: {problem.message}"
