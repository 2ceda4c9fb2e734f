"""Views of intake targets and milligram conversions: a document and a JSON payload each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from magref.dosing import (
    CompareAnswer,
    DoseAnswer,
    RegionsAnswer,
    Target,
    TargetDocument,
    UpperLimit,
    UpperLimitDocument,
)
from magref.model import ReferenceValues
from magref.render import phrases
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

__all__ = ["bar", "mg", "share_text", "ul_text", "upper_text"]

BAR_WIDTH = 30
RDA_MEANING = "the daily target from food, drinks and supplements together"
UL_MEANING = (
    "the most to take a day from supplements and medicines; magnesium in food and water does not count"
)
#: What each kind of upper level counts, in full and in a table cell.
COUNTS: dict[str, tuple[str, str]] = {
    "supplements-and-medicines": (UL_MEANING, "supplements and medicines"),
    "supplements": (
        "the most to take a day from supplements; magnesium in food does not count",
        "supplements",
    ),
    "food-supplements": (
        "the most magnesium to take a day in food supplements; magnesium in food does not count",
        "food supplements",
    ),
    "added-and-supplements": (
        "the most to take a day as supplements, in water, or added to foods and drinks; magnesium "
        "naturally in food does not count",
        "supplements, water, added",
    ),
    "non-food": (
        "the most to take a day from sources other than ordinary food, such as supplements",
        "non-food sources",
    ),
    "soluble-in-food-and-water": (
        "a suggested limit for soluble magnesium in foods and drinking water",
        "soluble Mg in food, water",
    ),
}

if TYPE_CHECKING:
    from magref.intake import ConvertAnswer


def who(target: Target | TargetDocument) -> str:
    text = phrases.age(target.age_years)
    return f"{text}, {target.life_stage}" if target.life_stage else f"{text}, {target.sex}"


def ul_text(ul: int | None) -> str:
    return (
        "not set at this age: supplements only on a doctor's advice" if ul is None else f"{ul} mg elemental"
    )


def upper_text(upper: UpperLimit | UpperLimitDocument) -> str:
    """The upper level as a figure, a figure per kg, or why there is none."""
    if upper.mg is not None:
        return f"{upper.mg} mg elemental"
    if upper.mg_per_kg is not None:
        return f"{upper.mg_per_kg:g} mg elemental per kg of body weight"
    why = f" ({upper.reason})" if upper.reason else ""
    return f"not set at this age{why}; supplements only on a doctor's advice"


def figure_text(target: Target | TargetDocument) -> str:
    if target.rda_mg is not None:
        return f"{target.rda_mg} mg elemental"
    return f"not given: {target.reason}" if target.reason else "not given at this age"


def counts_text(counts: str, short: bool = False) -> str:
    """What an upper level counts (``UpperLevel.counts``), in full or for a table cell."""
    full, brief = COUNTS.get(counts, (counts, counts))
    return brief if short else full


def _authority(values: ReferenceValues) -> str:
    return f"{values.name}: {values.authority}, {values.publication} ({values.year})"


def _terms(values: ReferenceValues) -> str:
    terms = [f"{t.abbr} = {t.name}" for t in values.terms if t.abbr != t.name]
    upper = values.upper
    terms.append(f"{upper.term} = {upper.name}, set by {upper.authority}")
    return "; ".join(terms)


def dose_document(answer: DoseAnswer) -> Document:
    targets = answer.json.targets
    first = targets[0]
    kind = first.rda_kind
    upper = first.upper_limit
    limit = upper_text(upper)
    if upper.mg is not None or upper.mg_per_kg is not None:
        limit += f": {counts_text(upper.counts)}"
    if len(targets) == 1:
        title = f"Magnesium for {who(first)}"
        figure = figure_text(first)
        if first.rda_mg is not None:
            figure += f" a day: {RDA_MEANING}"
        rows = [(kind, Cell(figure)), ("Upper limit", Cell(limit))]
        if first.note:
            rows.append(("Note", Cell(first.note)))
        body: Document = [Fields(rows)]
    else:
        title = f"Magnesium at {phrases.age(first.age_years)}"
        table = [[Cell(t.sex), Cell(figure_text(t)), Cell(upper_text(t.upper_limit))] for t in targets]
        body = [
            Table(["Sex", kind, "Upper limit"], table),
            Paragraph(f"{kind}: {RDA_MEANING}. Upper limit: {counts_text(upper.counts)}."),
        ]
    values = answer.values
    body.append(Fields([("Region", Cell(_authority(values))), ("Terms", Cell(_terms(values)))]))
    notes_doc: Document = [
        Heading("Good to know", 2),
        Bullets([Cell(f"{n.text} {cite(n.sources)}") for n in answer.notes]),
    ]
    sources_doc: Document = [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in answer.sources])]
    return [Heading(title), *body, *notes_doc, *sources_doc, Paragraph(DISCLAIMER, "muted")]


def compare_document(answer: CompareAnswer) -> Document:
    rows = [region.targets for region in answer.json.regions]
    first = rows[0][0]
    names = {str(values.id): values.name for values in answer.regions}
    stage = f", {first.life_stage}" if first.life_stage else ""
    columns = ["Region", "Term", *(f"{t.sex.capitalize()}{stage}" for t in rows[0]), "Upper limit", "Counts"]
    table = [
        [
            Cell(f"{names[r[0].region]} ({r[0].region})"),
            Cell(r[0].rda_kind),
            *(Cell(f"{t.rda_mg} mg" if t.rda_mg is not None else "-") for t in r),
            Cell(_per(r[0].upper_limit)),
            Cell(counts_text(r[0].upper_limit.counts, short=True)),
        ]
        for r in rows
    ]
    legend = (
        "mg of elemental magnesium a day, in each authority's own terms; - means it gives no figure "
        "at this age. Details: magref regions ID"
    )
    doc: Document = [
        Heading(f"Magnesium at {phrases.age(first.age_years)}{stage}, by region"),
        Table(columns, table, legend),
    ]
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in answer.sources])]
    return [*doc, Paragraph(DISCLAIMER, "muted")]


def bar(share: float, over: bool) -> Line:
    """A day's elemental total against the upper limit (``share`` of it), as a bar."""
    filled = min(BAR_WIDTH, round(BAR_WIDTH * share))
    style = "over" if over else "ok"
    return Line([("[", ""), ("#" * filled, style), ("." * (BAR_WIDTH - filled), "muted"), ("]", "")])


def share_text(total: float, limit: int, share: float) -> str:
    """A day's elemental total as a share of the upper limit."""
    return f"{mg(total)} of {limit} mg elemental a day: {100 * share:.0f}% of the upper limit"


def conversion_document(answer: ConvertAnswer) -> Document:
    """Milligrams of a form, compound and elemental, and the day's total against the limit."""
    conversion = answer.conversion
    assert conversion is not None
    form = conversion.form
    compound = f"{mg(conversion.compound_mg)} of {form.name.lower()}"
    elemental = f"{mg(conversion.elemental_mg)} of elemental magnesium ({percent(form.elemental_percent)})"
    rows = [("Compound", Cell(f"{compound} (compound weight)")), ("Elemental", Cell(elemental))]
    if answer.show_units:
        rows.append(("In mmol and mEq", Cell(f"{answer.json.mmol:.2f} mmol = {answer.json.meq:.2f} mEq")))
    if conversion.times > 1:
        daily = f"{mg(conversion.per_day_elemental_mg)} elemental"
        rows.append((f"Per day (x{conversion.times})", Cell(daily)))
    upper = conversion.upper
    limit = upper_text(upper)
    if upper.mg is not None or upper.mg_per_kg is not None:
        limit += f" a day: {counts_text(upper.counts)}"
    rows.append(("Upper limit", Cell(limit)))
    rows.append(("Set by", Cell(f"{upper.authority} ({upper.term}, region {upper.region})")))
    doc: Document = [Heading(compound), Fields(rows)]
    if answer.if_elemental_mg is not None:
        amount = mg(conversion.compound_mg)
        as_elemental = mg(answer.if_elemental_mg)
        share = answer.if_elemental_share
        of_limit = f", {100 * share:.0f}% of the upper limit" if share is not None else ""
        doc.append(
            Paragraph(
                f"{amount} does not say whether it is the compound's weight or magnesium itself: read here "
                f"as the compound's. If {amount} is elemental magnesium, that is {as_elemental} "
                f"elemental a day{of_limit}: add --elemental to see it.",
                "over",
            )
        )
    ceiling = upper.mg
    if ceiling and answer.share_of_ul is not None:
        style = "over" if answer.over_by_mg is not None else "ok"
        doc += [
            bar(answer.share_of_ul, answer.over_by_mg is not None),
            Paragraph(share_text(conversion.per_day_elemental_mg, ceiling, answer.share_of_ul), style),
        ]
    if answer.over_by_mg is not None:
        doc.append(Paragraph(phrases.over_limit_by(mg(answer.over_by_mg)), "over"))
    elif ceiling:
        doc.append(Paragraph(phrases.within_limit(ceiling), "ok"))
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def ages(min_age: float, max_age: float | None) -> str:
    """An age band as people read it: ``0 to <6 months``, ``1 to <4 years``, ``51+ years``."""
    if max_age is None:
        return f"{min_age:g}+ years"
    if max_age <= 1:
        return f"{round(min_age * 12)} to <{round(max_age * 12)} months"
    low = f"{round(min_age * 12)} months" if 0 < min_age < 1 else f"{min_age:g}"
    return f"{low} to <{max_age:g} years"


def _per(upper: UpperLimit | UpperLimitDocument) -> str:
    if upper.mg is not None:
        return f"{upper.mg} mg"
    return f"{upper.mg_per_kg:g} mg/kg" if upper.mg_per_kg is not None else "not set"


def regions_document(answer: RegionsAnswer) -> Document:
    """Every region, with its upper level for an adult."""
    regions = answer.json.items
    rows = [
        [
            Cell(str(v.id)),
            Cell(v.name),
            Cell(", ".join(t.abbr for t in v.terms)),
            Cell(f"{_per(adult)} ({adult.term})"),
            Cell(counts_text(adult.counts, short=True)),
        ]
        for v, adult in zip(regions, answer.adults, strict=True)
    ]
    legend = (
        "Adult upper limit in mg of elemental magnesium a day, and what it counts. "
        "Details: magref regions ID. One person in every region: magref dose --age 30 --compare-regions"
    )
    columns = ["Id", "Region", "Intake term", "Adult upper limit", "Counts"]
    return [Heading(f"Reference values by region ({len(regions)})"), Table(columns, rows, legend)]


def region_document(answer: RegionsAnswer) -> Document:
    """One region's whole table, its notes and its sources."""
    values = answer.json.items[0]
    notes = values.notes

    def figure(value: int | None) -> str:
        return "-" if value is None else f"{value} mg"

    intake = [
        [
            Cell(ages(b.min_age, b.max_age)),
            Cell(b.term),
            Cell(figure(b.female)),
            Cell(figure(b.male)),
            Cell(figure(b.pregnancy)),
            Cell(figure(b.lactation)),
            Cell(cite(b.sources)),
        ]
        for b in values.intake
    ]
    level = values.upper
    upper = [
        [
            Cell(ages(b.min_age, b.max_age)),
            Cell(figure(b.mg) if b.mg_per_kg is None else f"{b.mg_per_kg:g} mg per kg"),
            Cell(cite(b.sources)),
        ]
        for b in level.bands
    ]
    gaps = [f"{ages(b.min_age, b.max_age)}: {b.reason}" for b in values.intake if b.reason]
    gaps += [f"{b.note} ({ages(b.min_age, b.max_age)})" for b in values.intake if b.note]
    if values.stage_reason:
        gaps.append(values.stage_reason)
    upper_gaps = [f"{ages(b.min_age, b.max_age)}: {b.reason}" for b in level.bands if b.reason]
    doc: Document = [
        Heading(f"{values.name} ({values.id})"),
        Fields(
            [
                ("Set by", Cell(f"{values.authority}, {values.publication} ({values.year})")),
                ("Terms", Cell(_terms(values))),
            ]
        ),
        Heading("Daily intake, mg of elemental magnesium", 2),
        Table(["Ages", "Term", "Female", "Male", "Pregnancy", "Lactation", "Sources"], intake),
    ]
    if gaps:
        doc.append(Bullets([Cell(gap, "muted") for gap in gaps]))
    doc += [
        Heading(f"{level.name} ({level.term}), mg of elemental magnesium a day", 2),
        Paragraph(f"Set by {level.authority}: {counts_text(level.counts)}."),
        Table(["Ages", level.term, "Sources"], upper),
    ]
    if upper_gaps:
        doc.append(Bullets([Cell(gap, "muted") for gap in upper_gaps]))
    if values.label_reference is not None:
        ref = values.label_reference
        text = f"{ref.mg} mg of elemental magnesium: the {ref.name} ({ref.abbr}) that label percentages use"
        doc += [Paragraph(f"{text} {cite(ref.sources)}.")]
    if notes:
        doc += [Heading("Good to know", 2), Bullets([Cell(f"{n.text} {cite(n.sources)}") for n in notes])]
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in answer.sources])]
    return [*doc, Paragraph(DISCLAIMER, "muted")]
