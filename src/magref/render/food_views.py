"""Views of magnesium in foods and of a day's plan from food: a document and a JSON payload each."""

from __future__ import annotations

from collections.abc import Sequence

from magref.foods import DailyValue, FoodDocument, FoodsAnswer, ServingPlan
from magref.render.document import DISCLAIMER, Bullets, Cell, Document, Heading, Paragraph, Table
from magref.render.views import cite, source_line

BAR_WIDTH = 20
SERVING_NOTE = (
    "mg: elemental magnesium in one serving; per 100 g: the USDA food-table record named in --json. "
    "The two come from different releases and need not agree exactly."
)


def _mg(food: FoodDocument) -> str:
    if food.mg is None:
        return "-"
    return f"{food.mg}-{food.mg_high} mg" if food.mg_high else f"{food.mg} mg"


def _dv(food: FoodDocument) -> str:
    return f"{food.percent_dv:g}%" if food.percent_dv is not None else "-"


def bar(part: int, whole: int, width: int = BAR_WIDTH) -> str:
    """``part`` of ``whole`` as a bar of ``#`` on ``.``."""
    filled = min(width, round(width * part / whole)) if whole else 0
    return "[" + "#" * filled + "." * (width - filled) + "]"


def _dv_legend(reference: DailyValue) -> str:
    return (
        f"%{reference.abbr}: percent of the US {reference.name} of {reference.mg:g} mg of elemental "
        f"magnesium (adults and children aged 4 and over) {cite(reference.sources)}."
    )


def foods_document(answer: FoodsAnswer) -> Document:
    document = answer.json
    query, foods, total, reference = document.query, document.items, document.total, document.daily_value
    plan = answer.plan
    shown = f"{total}" if len(foods) == total else f"best {len(foods)} of {total}; --limit 0 for all"
    about = f" matching '{query}'" if query else ""
    doc: Document = []
    if plan is not None:
        doc += _plan(plan, answer.plan_percent or 0)
        doc.append(Heading(f"Servings of one food alone for {plan.target_mg} mg ({shown})", 2))
        rows = [[Cell(f.name), Cell(f.serving or "-"), Cell(_mg(f)), Cell(_servings(f))] for f in foods]
        doc.append(Table(["Food", "Serving", "Mg", "Servings"], rows, SERVING_NOTE))
    else:
        doc.append(Heading(f"Magnesium in foods{about} ({shown})"))
        rows = [
            [Cell(f.name), Cell(f.serving or "-"), Cell(_mg(f)), Cell(_dv(f)), Cell(_per_100g(f))]
            for f in foods
        ]
        columns = ["Food", "Serving", "Mg", f"%{reference.abbr}", "Per 100 g"]
        doc.append(Table(columns, rows, SERVING_NOTE))
        doc.append(Paragraph(_dv_legend(reference)))
    doc += _records(foods)
    doc += [Heading("Good to know", 2), Bullets([Cell(f"{n.text} {cite(n.sources)}") for n in answer.notes])]
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in answer.sources])]
    return [*doc, Paragraph(DISCLAIMER, "muted")]


def _records(foods: Sequence[FoodDocument]) -> Document:
    """For each food whose serving figure and USDA record disagree: which one the serving follows."""
    items = []
    for food in foods:
        record = food.per_100g
        if record is None or food.serving_follows is None:
            continue
        weight = (
            f"{record.serving_g:g} g; {record.serving_weight}"
            if record.serving_weight
            else f"{record.serving_g:g} g"
        )
        items.append(
            Cell(
                f"{food.name}: {_mg(food)} in {food.serving} is the figure of the serving table "
                f"{cite(food.sources)}, not of the USDA record: record {record.code} ({record.record}) "
                f"gives {food.mg_by_record} mg for the same serving ({weight}) {cite(record.sources)}."
            )
        )
    if not items:
        return []
    return [Heading("Serving figures that differ from the USDA record", 2), Bullets(items)]


def _per_100g(food: FoodDocument) -> str:
    return f"{food.per_100g.mg} mg" if food.per_100g else "-"


def _servings(food: FoodDocument) -> str:
    servings = food.servings_for_target
    return f"{servings:.1f}" if isinstance(servings, (int, float)) else "-"


def _plan(plan: ServingPlan, share: int) -> Document:
    rows = [
        [
            Cell(step.food.name),
            Cell(step.food.serving or "-"),
            Cell(f"{step.mg} mg"),
            Cell(f"{step.total_mg} mg"),
            Cell(bar(step.total_mg, plan.target_mg), "ok" if step.total_mg >= plan.target_mg else "muted"),
        ]
        for step in plan.steps
    ]
    if plan.reached:
        summary = (
            f"One serving of each gives {plan.total_mg} mg of elemental magnesium, {share}% of "
            f"{plan.target_mg} mg. Foods from different groups come first."
        )
    else:
        more = "raise --limit for more foods" if plan.capped else "take more than one serving of some"
        summary = (
            f"One serving of each gives {plan.total_mg} mg of elemental magnesium, {share}% of "
            f"{plan.target_mg} mg: short of the target; {more}."
        )
    return [
        Heading(f"{plan.target_mg} mg of elemental magnesium a day from food"),
        Table(["Food", "Serving", "Mg", "Total", "Progress"], rows),
        Paragraph(summary, "ok" if plan.reached else "warning"),
    ]
