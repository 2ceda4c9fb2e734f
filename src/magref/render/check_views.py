"""Views of cautions and of a person's check: a document and a JSON payload each."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from magref.check import CheckAnswer, CheckDocument, Report
from magref.dosing import Target
from magref.interactions import Match
from magref.model import ExcessSigns
from magref.render import dose_views, dosing_views, intake_views, interaction_views, phrases, status_views
from magref.render.document import DISCLAIMER, Bullets, Cell, Document, Fields, Heading, Paragraph, Table
from magref.render.views import cite, mg, source_line

REPORT_FOOTER = (
    "This report lists what magref's dataset says; it cannot tell you that anything is right for you."
)

if TYPE_CHECKING:
    from magref.cautions import CautionsAnswer


def _excess(excess: ExcessSigns) -> Document:
    return [
        Heading("Signs of too much magnesium", 2),
        Paragraph(f"{excess.summary} {cite(excess.sources)}"),
        Bullets([Cell(sign) for sign in excess.signs]),
    ]


def cautions_document(answer: CautionsAnswer) -> Document:
    """Every condition that calls for care, and the signs of too much magnesium."""
    cautions, excess = answer.json.items, answer.json.signs_of_excess
    rows = [[Cell(c.condition), Cell(c.level, c.level), Cell(f"magref cautions {c.id}")] for c in cautions]
    legend = "Levels: stop (do not take it without a doctor), ask (ask first), note (worth knowing)."
    doc: Document = [
        Heading("When to take care with magnesium"),
        Table(["Condition", "Level", "Details"], rows, legend),
    ]
    return [*doc, *_excess(excess), Paragraph(DISCLAIMER, "muted")]


def caution_document(answer: CautionsAnswer) -> Document:
    """One condition: its level, what to do, the signs of too much magnesium, and the sources."""
    [caution], excess, sources = answer.json.items, answer.json.signs_of_excess, answer.sources
    return [
        Heading(caution.condition),
        Fields([("Level", Cell(caution.level, caution.level)), ("What to do", Cell(caution.advice))]),
        *_excess(excess),
        Heading("Sources", 2),
        Bullets([Cell(source_line(s)) for s in sources]),
        Paragraph(DISCLAIMER, "muted"),
    ]


def worded(answer: CheckAnswer) -> CheckDocument:
    """The answer's document with its flags, plan notes, studied doses and blood status in words:
    what ``check --json`` prints."""
    document, report = answer.json, answer.report
    return msgspec.structs.replace(
        document,
        flags=[
            msgspec.structs.replace(row, message=phrases.flag(found))
            for row, found in zip(document.flags, report.flags, strict=True)
        ],
        plan=interaction_views.worded_plan(answer.plan) if answer.plan is not None else None,
        uses=[dose_views.worded_uses(row, use) for row, use in zip(document.uses, report.uses, strict=True)],
        status=status_views.worded(document.status, report.status),
    )


def check_document(answer: CheckAnswer) -> Document:
    report = answer.report
    person = report.person
    who = (
        phrases.age(person.age)
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
    taken = report.intake
    if taken is not None and len(taken.lines) == 1:
        line = taken.lines[0]
        text = (
            f"{intake_views.describe(line)} x{line.times} = {mg(line.per_day_elemental_mg)} elemental a day"
        )
        notes = intake_views.line_notes(line)
        if notes:
            text += f" ({'; '.join(notes)})"
        rows.append(("Your product", Cell(text, "over" if taken.over_ul else "")))
    elif taken is not None:
        for n, (line, share) in enumerate(zip(taken.lines, answer.shares, strict=True), 1):
            rows.append((f"Item {n}", Cell(intake_views.item_text(line, share))))
        summed = f"{mg(taken.total_elemental_mg)} elemental a day"
        rows.append(("Total", Cell(summed, "over" if taken.over_ul else "")))
    doc.append(Fields(rows))
    if taken is not None and taken.ul_supplemental_mg and answer.total_share is not None:
        total, ul = taken.total_elemental_mg, taken.ul_supplemental_mg
        doc += [
            intake_views.share_bar(answer.total_share, taken.status),
            Paragraph(dosing_views.share_text(total, ul, answer.total_share)),
        ]
    doc += _status(report)
    doc += _interactions(answer)
    doc += _studied(report)
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
    unknown = [f"{u.kind}: {u.name}" for u in answer.json.unknown]
    if unknown:
        doc += [Heading("Not in the dataset", 2), Bullets([Cell(u, "warning") for u in unknown])]
        doc.append(Paragraph(phrases.NOT_EVIDENCE, "warning"))
    doc.append(Heading("Flags", 2))
    if report.flags:
        doc.append(Bullets([Cell(f"{f.level.upper()}: {phrases.flag(f)}", f.level) for f in report.flags]))
    else:
        doc.append(Paragraph("None raised by the dataset."))
    doc += [Paragraph(REPORT_FOOTER, "muted"), Paragraph(DISCLAIMER, "muted")]
    return doc


def _studied(report: Report) -> Document:
    """The doses studied for each use asked about (``--for``), against the person's limit."""
    doc: Document = []
    for use in report.uses:
        doc += dose_views.use_doses_section(use, f"Doses studied for {use.use_name}")
    return doc


def _status(report: Report) -> Document:
    """The blood result and kidney function given, as read."""
    rows = status_views.read_as_rows(report.status)
    return [Heading("Blood magnesium and kidneys", 2), Fields(rows)] if rows else []


def _intake(target: Target) -> str:
    figure = dosing_views.figure_text(target)
    return f"{figure} a day from food, drinks and supplements" if target.rda_mg is not None else figure


def _applies(report: Report, match: Match) -> str:
    """Which magnesium products the match concerns: the person's own items when they gave any."""
    mine = [r for r in report.relevance if r.class_id == match.group.id]
    if not mine:
        return phrases.capital("applies to " + interaction_views.CONCERNS_WORDS[match.concerns])
    lines = report.intake.lines if report.intake is not None else []
    each = "; ".join(
        f"{intake_views.describe(lines[r.item])} {phrases.relevance(r.relevance, match.concerns)}"
        for r in mine
    )
    return f"For what you take: {each}."


def _interactions(answer: CheckAnswer) -> Document:
    report, planned = answer.report, answer.plan
    matches = report.interactions.matches
    if not matches and planned is None:
        return []
    doc: Document = [Heading("Interactions", 2)]
    items = []
    for found in matches:
        spacing = interaction_views.spacing_text(found.spacing)
        group = found.group
        applies = _applies(report, found)
        names = interaction_views.matched_names(found)
        text = f"{names}: {group.name} ({group.severity}). {group.effect} {applies} {spacing}"
        items.append(Cell(text, group.severity))
    if items:
        doc.append(Bullets(items))
    if planned is not None:
        readings = interaction_views.read_as_rows(planned)
        if readings:
            doc.append(Fields(readings))
        doc += interaction_views.plan_body(planned)
    return doc
