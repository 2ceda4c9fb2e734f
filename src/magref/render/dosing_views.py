"""Views of intake targets and milligram conversions: a document and a JSON payload each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from magref.dosing import Conversion, Target
from magref.model import Claim, Source
from magref.render.document import (
    DISCLAIMER,
    Bullets,
    Cell,
    Document,
    Fields,
    Heading,
    Line,
    Paragraph,
    Table,
)
from magref.render.views import cite, mg, percent, source_line

__all__ = ["bar", "mg", "share_text", "ul_text"]

BAR_WIDTH = 30
RDA_MEANING = "the daily target from food, drinks and supplements together"
UL_MEANING = (
    "the most to take a day from supplements and medicines; magnesium in food and water does not count"
)


def who(target: Target) -> str:
    text = f"age {target.age_years:g}"
    return f"{text}, {target.life_stage}" if target.life_stage else f"{text}, {target.sex}"


def ul_text(ul: int | None) -> str:
    return (
        "not set at this age: supplements only on a doctor's advice" if ul is None else f"{ul} mg elemental"
    )


def target_json(target: Target, notes: Sequence[Claim]) -> dict[str, Any]:
    return {
        "age_years": target.age_years,
        "sex": target.sex,
        "life_stage": target.life_stage,
        "rda_mg": target.rda_mg,
        "rda_kind": target.rda_kind,
        "ul_supplemental_mg": target.ul_supplemental_mg,
        "unit": "mg elemental magnesium per day",
        "notes": [note.text for note in notes],
        "sources": target.sources,
    }


def dose_json(targets: Sequence[Target], notes: Sequence[Claim]) -> Any:
    items = [target_json(t, notes) for t in targets]
    return items[0] if len(items) == 1 else items


def dose_document(targets: Sequence[Target], notes: Sequence[Claim], sources: Sequence[Source]) -> Document:
    first = targets[0]
    kind = "RDA" if first.rda_kind == "RDA" else "AI (adequate intake)"
    if len(targets) == 1:
        title = f"Magnesium for {who(first)}"
        body: Document = [
            Fields(
                [
                    (kind, Cell(f"{first.rda_mg} mg elemental a day: {RDA_MEANING}")),
                    ("Upper limit", Cell(f"{ul_text(first.ul_supplemental_mg)}: {UL_MEANING}")),
                ]
            )
        ]
    else:
        title = f"Magnesium at age {first.age_years:g}"
        rows = [
            [Cell(t.sex), Cell(f"{t.rda_mg} mg elemental"), Cell(ul_text(t.ul_supplemental_mg))]
            for t in targets
        ]
        body = [
            Table(["Sex", kind, "Upper limit from supplements"], rows),
            Paragraph(f"{kind}: {RDA_MEANING}. Upper limit: {UL_MEANING}."),
        ]
    notes_doc: Document = [
        Heading("Good to know", 2),
        Bullets([Cell(f"{n.text} {cite(n.sources)}") for n in notes]),
    ]
    sources_doc: Document = [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in sources])]
    return [Heading(title), *body, *notes_doc, *sources_doc, Paragraph(DISCLAIMER, "muted")]


def convert_json(conversion: Conversion) -> dict[str, Any]:
    return {
        "form": conversion.form.id,
        "compound_mg": round(conversion.compound_mg, 1),
        "elemental_mg": round(conversion.elemental_mg, 1),
        "elemental_percent": conversion.form.elemental_percent,
        "times": conversion.times,
        "per_day_elemental_mg": round(conversion.per_day_elemental_mg, 1),
        "ul_supplemental_mg": conversion.ul_supplemental_mg,
        "over_ul": conversion.over_ul,
    }


def bar(conversion: Conversion) -> Line:
    """The daily elemental total against the upper limit, as a bar."""
    limit = conversion.ul_supplemental_mg or 1
    filled = min(BAR_WIDTH, round(BAR_WIDTH * conversion.per_day_elemental_mg / limit))
    style = "over" if conversion.over_ul else "ok"
    return Line([("[", ""), ("#" * filled, style), ("." * (BAR_WIDTH - filled), "muted"), ("]", "")])


def share_text(conversion: Conversion) -> str:
    """The daily elemental total as a share of the upper limit."""
    limit = conversion.ul_supplemental_mg or 1
    total = conversion.per_day_elemental_mg
    return f"{mg(total)} of {limit} mg elemental a day: {100 * total / limit:.0f}% of the upper limit"


def convert_document(conversion: Conversion) -> Document:
    form = conversion.form
    compound = f"{mg(conversion.compound_mg)} of {form.name.lower()}"
    elemental = f"{mg(conversion.elemental_mg)} of elemental magnesium ({percent(form.elemental_percent)})"
    rows = [("Compound", Cell(f"{compound} (compound weight)")), ("Elemental", Cell(elemental))]
    if conversion.times > 1:
        daily = f"{mg(conversion.per_day_elemental_mg)} elemental"
        rows.append((f"Per day (x{conversion.times})", Cell(daily)))
    rows.append(("Upper limit", Cell(f"{ul_text(conversion.ul_supplemental_mg)} a day: {UL_MEANING}")))
    doc: Document = [Heading(compound), Fields(rows)]
    if conversion.ul_supplemental_mg:
        style = "over" if conversion.over_ul else "ok"
        doc += [bar(conversion), Paragraph(share_text(conversion), style)]
    if conversion.over_ul:
        excess = conversion.per_day_elemental_mg - (conversion.ul_supplemental_mg or 0)
        text = f"Over the upper limit for supplements by {mg(excess)} elemental a day: ask a doctor first."
        doc.append(Paragraph(text, "over"))
    elif conversion.ul_supplemental_mg:
        limit = conversion.ul_supplemental_mg
        doc.append(
            Paragraph(f"At or under the upper limit for supplements ({limit} mg elemental a day).", "ok")
        )
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc
