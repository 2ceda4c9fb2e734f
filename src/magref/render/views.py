"""Views of forms, evidence, FAQ, search hits and sources: a document and a JSON payload each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magref.errors import Problem
from magref.lookup import EXAMPLE_COMPOUND_MG, elemental_mg, form_sources
from magref.model import FaqItem, Form, Source, Use
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
    from magref import serum
    from magref.render import contract
    from magref.search import Hit, LabAnswer, Results


def cite(ids: Sequence[str]) -> str:
    """An inline citation such as ``[ods-hp, firoz-2001]``."""
    return f"[{', '.join(ids)}]"


def percent(value: float) -> str:
    return f"{value:.1f}%"


def mg(value: float) -> str:
    """A milligram figure, rounded sensibly."""
    return f"{value:,.0f} mg" if value >= 10 else f"{value:.1f} mg"


def example_text(form: Form) -> str:
    amount = elemental_mg(form, EXAMPLE_COMPOUND_MG)
    return (
        f"{EXAMPLE_COMPOUND_MG} mg of {form.name.lower()} (compound weight) holds about "
        f"{mg(amount)} of elemental magnesium"
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


def form_json(
    form: Form, evidence: Sequence[Use] = (), sources: Sequence[Source] = ()
) -> contract.FormDocument:
    """A form as JSON: the dataset entry plus the example, graded evidence and cited sources."""
    return {
        "id": form.id,
        "name": form.name,
        "aliases": form.aliases,
        "formula": form.formula,
        "formula_note": form.formula_note,
        "molar_mass": form.molar_mass,
        "elemental_percent": form.elemental_percent,
        "absorption": form.absorption,
        "gi_tolerance": form.gi_tolerance,
        "uses": form.uses,
        "acts_as": form.acts_as,
        "cautions": form.cautions,
        "evidence": [{"id": u.id, "name": u.name, "grade": u.grade} for u in evidence],
        "sources": form_sources(form),
        "example": {
            "compound_mg": EXAMPLE_COMPOUND_MG,
            "elemental_mg": round(elemental_mg(form, EXAMPLE_COMPOUND_MG), 1),
        },
        "source_details": list(sources),
    }


def form_document(form: Form, evidence: Sequence[Use], sources: Sequence[Source]) -> Document:
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
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in sources])]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


# -- compare and list ---------------------------------------------------------------------------


def compare_json(forms: Sequence[Form], best: dict[str, set[str]]) -> contract.CompareDocument:
    return {
        "forms": [form_json(f) for f in forms],
        "best": {row: sorted(ids) for row, ids in best.items()},
    }


def compare_document(forms: Sequence[Form], best: dict[str, set[str]]) -> Document:
    def mark(row: str, form: Form, text: str) -> Cell:
        won = form.id in best.get(row, set())
        return Cell(text + BEST_MARK, "best") if won else Cell(text)

    rows: list[list[Cell]] = [
        [Cell("Formula"), *(Cell(f.formula) for f in forms)],
        [Cell("Elemental Mg"), *(mark("elemental_percent", f, percent(f.elemental_percent)) for f in forms)],
        [
            Cell(f"Mg in {EXAMPLE_COMPOUND_MG} mg compound"),
            *(Cell(mg(elemental_mg(f, EXAMPLE_COMPOUND_MG)) + " elemental") for f in forms),
        ],
        [Cell("Absorption"), *(mark("absorption", f, f.absorption.rating) for f in forms)],
        [Cell("Stomach"), *(mark("gi_tolerance", f, f.gi_tolerance.rating) for f in forms)],
        [Cell("Laxative effect"), *(Cell(f.gi_tolerance.laxative) for f in forms)],
        [Cell("Typical use"), *(Cell(f.uses[0].text if f.uses else "") for f in forms)],
    ]
    table = Table(["", *(f.name for f in forms)], rows, BEST_LEGEND if best else "")
    title = "Compared: " + ", ".join(f.id for f in forms)
    return [Heading(title), table, Paragraph(DISCLAIMER, "muted")]


def list_json(forms: Sequence[Form]) -> contract.FormsDocument:
    return {
        "items": [
            {
                "id": f.id,
                "name": f.name,
                "elemental_percent": f.elemental_percent,
                "absorption": f.absorption.rating,
                "gi_tolerance": f.gi_tolerance.rating,
                "laxative": f.gi_tolerance.laxative,
            }
            for f in forms
        ]
    }


def list_document(forms: Sequence[Form]) -> Document:
    rows = [
        [
            Cell(f.id),
            Cell(f.name),
            Cell(percent(f.elemental_percent)),
            Cell(f.absorption.rating),
            Cell(f.gi_tolerance.rating),
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


#: The command that shows each kind of search hit.
COMMANDS = {
    "form": "magref info {}",
    "interaction": "magref interactions {}",
    "caution": "magref cautions {}",
    "use": "magref evidence {}",
    "faq": "magref faq {}",
    "source": "magref sources {}",
    "compare": "magref compare {}",
    "product": "magref products {}",
    "region": "magref regions {}",
    "food": "magref foods {}",
    "medicine": "magref interactions {}",
    "family": "magref interactions {}",
    "dose": "magref dose {}",
}


def command_for(hit: Hit) -> str:
    """The command that shows a search hit."""
    if hit.kind == "lab":
        unit = hit.id.partition(" ")[2]
        return f'magref lab "{hit.id}"' if unit else f"magref lab {hit.id} UNIT"
    return COMMANDS.get(hit.kind, "magref search {}").format(hit.id)


def search_title(hit: Hit) -> str:
    if hit.kind == "compare":
        return f"Compare {hit.title}"
    if hit.kind == "dose":
        return f"Daily magnesium for {hit.title}"
    if hit.kind == "lab":
        return f"Blood magnesium {hit.title}"
    return hit.title


def search_json(results: Results, hits: Sequence[Hit]) -> contract.SearchDocument:
    from magref.render.dosing_views import target_json
    from magref.render.intake_views import lab_json

    return {
        "query": results.query,
        "total": len(results.hits),
        "intents": results.intents,
        "not_found": results.not_found,
        "hits": [
            {
                "kind": h.kind,
                "id": h.id,
                "title": h.title,
                "score": h.score,
                "named": h.named,
                "command": command_for(h),
            }
            for h in hits
        ],
        "targets": [target_json(t, []) for t in results.targets],
        "labs": [
            {"text": lab.text, "unit": lab.unit, "readings": [lab_json(r, []) for r in lab.readings]}
            for lab in results.labs
        ],
    }


def search_document(results: Results, hits: Sequence[Hit]) -> Document:
    total = len(results.hits)
    rows = [[Cell(h.kind), Cell(search_title(h)), Cell(command_for(h))] for h in hits]
    shown = f"{total} found" if len(hits) == total else f"best {len(hits)} of {total}; --limit 0 for all"
    doc: Document = [Heading(f"Search: {results.query} ({shown})")]
    if results.not_found:
        doc.append(Paragraph(nothing_on(results.not_found), "warning"))
    doc += [Paragraph(line) for line in _person_lines(results)]
    for lab in results.labs:
        doc += [Paragraph(line, "warning" if warn else "") for line, warn in _lab_lines(lab)]
    doc.append(Table(["Kind", "Entry", "Show with"], rows))
    return doc


def _person_lines(results: Results) -> list[str]:
    """The daily figures of the person the question names, one line for each sex given."""
    from magref.render.dosing_views import counts_text

    person = next((h for h in results.hits if h.kind == "dose"), None)
    lines = []
    for target in results.targets:
        who = f"{target.sex}, {target.life_stage}" if target.life_stage else target.sex
        need = (
            f"{target.rda_kind} {target.rda_mg} mg of elemental magnesium a day from food and "
            "supplements together"
            if target.rda_mg is not None
            else f"no {target.rda_kind} given"
        )
        upper = target.upper
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


def _lab_lines(lab: LabAnswer) -> list[tuple[str, bool]]:
    """A result against its range; without a unit, each reading, and a request for the unit."""
    words = {"low": "low", "within": "within the range", "high": "high"}

    from magref.serum import from_mmol

    def reading(r: serum.Result) -> str:
        own = from_mmol(r.mmol_per_l, r.range.unit)
        value = f"{r.value:g} {r.unit}" + (f" = {own:.2f} {r.range.unit}" if r.unit != r.range.unit else "")
        span = f"{r.range.low:g} to {r.range.high:g} {r.range.unit}"
        reached = (
            f"; it reaches {len(r.reached)} of the levels where symptoms are reported" if r.reached else ""
        )
        return f"{value}: {words[r.status]} against {span}{reached}"

    if lab.unit:
        r = lab.readings[0]
        return [(f"Blood magnesium {reading(r)}.", r.status != "within")]
    head = f"'{lab.text}' has no unit, and the same number means a different level in each unit:"
    lines = [(head, True), *((f"as {reading(r)};", False) for r in lab.readings)]
    lines.append((f"give the unit on your report: magref lab {lab.text} mg/dL (or mmol/L, mEq/L)", False))
    return lines


def faq_json(items: Sequence[FaqItem]) -> contract.FaqDocument:
    return {"items": list(items)}


def faq_document(items: Sequence[FaqItem], full: bool) -> Document:
    if not full:
        doc: Document = [Heading(f"Questions ({len(items)})")]
        doc.append(Bullets([Cell(f"{i.question} (magref faq {i.id})") for i in items]))
        return doc
    doc = []
    for item in items:
        doc += [Heading(item.question, 2), Paragraph(f"{item.answer} {cite(item.sources)}")]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def evidence_json(uses: Sequence[Use]) -> contract.EvidenceDocument:
    return {"items": list(uses)}


def evidence_list_document(uses: Sequence[Use]) -> Document:
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


def sources_json(sources: Sequence[Source]) -> contract.SourcesDocument:
    return {"items": list(sources)}


def sources_document(sources: Sequence[Source]) -> Document:
    return [Heading(f"Sources ({len(sources)})"), Bullets([Cell(source_line(s)) for s in sources])]


def validation_json(location: object, problems: Sequence[Problem]) -> contract.ValidationDocument:
    """The result of ``validate``: every problem with its place."""
    return {
        "path": str(location),
        "valid": not problems,
        "problem_count": getattr(problems, "total", len(problems)),
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "path": p.path, "message": p.message}
            for p in problems
        ],
    }
