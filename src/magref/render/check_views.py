"""Views of cautions and of a person's check: a document and a JSON payload each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from magref.check import Report
from magref.dosing import Target
from magref.model import Caution, ExcessSigns, Source
from magref.render import dosing_views, interaction_views
from magref.render.document import DISCLAIMER, Bullets, Cell, Document, Fields, Heading, Paragraph, Table
from magref.render.views import cite, mg, source_line

REPORT_FOOTER = (
    "This report lists what magref's dataset says; it cannot tell you that anything is right for you."
)


def caution_json(caution: Caution) -> dict[str, Any]:
    data: dict[str, Any] = msgspec.to_builtins(caution)
    return data


def cautions_json(cautions: Sequence[Caution], excess: ExcessSigns) -> dict[str, Any]:
    return {"items": [caution_json(c) for c in cautions], "signs_of_excess": msgspec.to_builtins(excess)}


def _excess(excess: ExcessSigns) -> Document:
    return [
        Heading("Signs of too much magnesium", 2),
        Paragraph(f"{excess.summary} {cite(excess.sources)}"),
        Bullets([Cell(sign) for sign in excess.signs]),
    ]


def cautions_document(cautions: Sequence[Caution], excess: ExcessSigns) -> Document:
    rows = [[Cell(c.condition), Cell(c.level, c.level), Cell(f"magref cautions {c.id}")] for c in cautions]
    legend = "Levels: stop (do not take it without a doctor), ask (ask first), note (worth knowing)."
    doc: Document = [
        Heading("When to take care with magnesium"),
        Table(["Condition", "Level", "Details"], rows, legend),
    ]
    return [*doc, *_excess(excess), Paragraph(DISCLAIMER, "muted")]


def caution_document(caution: Caution, excess: ExcessSigns, sources: Sequence[Source]) -> Document:
    return [
        Heading(caution.condition),
        Fields([("Level", Cell(caution.level, caution.level)), ("What to do", Cell(caution.advice))]),
        *_excess(excess),
        Heading("Sources", 2),
        Bullets([Cell(source_line(s)) for s in sources]),
        Paragraph(DISCLAIMER, "muted"),
    ]


def check_json(report: Report) -> dict[str, Any]:
    person = report.person
    return {
        "person": {
            "age_years": person.age,
            "sex": person.sex,
            "life_stage": person.stage,
            "region": str(person.region),
        },
        "intake": {
            "targets": [dosing_views.target_json(t, []) for t in report.targets],
            "product": dosing_views.convert_json(report.product) if report.product else None,
        },
        "interactions": [interaction_views.match_json(m) for m in report.interactions.matches],
        "plan": interaction_views.plan_json(report.plan) if report.plan else None,
        "cautions": [caution_json(c) for c in report.cautions],
        "unknown": report.unknown,
        "flags": [{"level": f.level, "message": f.message} for f in report.flags],
    }


def check_document(report: Report) -> Document:
    person = report.person
    who = (
        f"age {person.age:g}"
        + (f", {person.sex}" if person.sex else "")
        + (f", {person.stage}" if person.stage else "")
    )
    doc: Document = [Heading(f"Magnesium check: {who}"), Heading("Daily intake (elemental magnesium)", 2)]
    first = report.targets[0]
    rows = [("Region", Cell(f"{first.region}: {first.authority}, in its own terms"))]
    rows += [(f"{t.rda_kind} ({t.sex})", Cell(_intake(t))) for t in report.targets]
    upper = first.upper
    limit = dosing_views.upper_text(upper)
    if upper.mg is not None or upper.mg_per_kg is not None:
        limit += f" a day: {dosing_views.counts_text(upper.counts)}"
    rows.append((f"Upper limit ({upper.term})", Cell(limit)))
    product = report.product
    if product is not None:
        compound = f"{mg(product.compound_mg)} of {product.form.name.lower()} (compound)"
        text = f"{compound} x{product.times} = {mg(product.per_day_elemental_mg)} elemental a day"
        rows.append(("Your product", Cell(text, "over" if product.over_ul else "")))
    doc.append(Fields(rows))
    if product is not None and product.ul_supplemental_mg:
        doc += [dosing_views.bar(product), Paragraph(dosing_views.share_text(product))]
    doc += _interactions(report)
    if report.cautions:
        doc.append(Heading("Cautions", 2))
        doc.append(
            Bullets(
                [
                    Cell(f"{c.condition} ({c.level}): {c.advice} {cite(c.sources)}", c.level)
                    for c in report.cautions
                ]
            )
        )
    if report.unknown:
        doc += [Heading("Not in the dataset", 2), Bullets([Cell(u, "warning") for u in report.unknown])]
        doc.append(Paragraph("Not being listed is not evidence of safety: ask a pharmacist.", "warning"))
    doc.append(Heading("Flags", 2))
    if report.flags:
        doc.append(Bullets([Cell(f"{f.level.upper()}: {f.message}", f.level) for f in report.flags]))
    else:
        doc.append(Paragraph("None raised by the dataset."))
    doc += [Paragraph(REPORT_FOOTER, "muted"), Paragraph(DISCLAIMER, "muted")]
    return doc


def _intake(target: Target) -> str:
    figure = dosing_views.figure_text(target)
    return f"{figure} a day from food, drinks and supplements" if target.rda_mg is not None else figure


def _interactions(report: Report) -> Document:
    matches = report.interactions.matches
    if not matches and report.plan is None:
        return []
    doc: Document = [Heading("Interactions", 2)]
    items = []
    for found in matches:
        spacing = interaction_views.spacing_text(found.spacing)
        group = found.group
        text = f"{', '.join(found.matched)}: {group.name} ({group.severity}). {group.effect} {spacing}"
        items.append(Cell(text, group.severity))
    if items:
        doc.append(Bullets(items))
    if report.plan is not None:
        doc += interaction_views.plan_body(report.plan)
    return doc
