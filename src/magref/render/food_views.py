"""Views of magnesium in foods and of a day's plan from food: a document and a JSON payload each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magref.foods import FoodPlan, by_record, differs_from_record, percent_of, servings_for
from magref.model import Claim, Food, LabelReference, Source
from magref.render.document import DISCLAIMER, Bullets, Cell, Document, Heading, Paragraph, Table
from magref.render.views import cite, source_line

BAR_WIDTH = 20
SERVING_NOTE = (
    "mg: elemental magnesium in one serving; per 100 g: the USDA food-table record named in --json. "
    "The two come from different releases and need not agree exactly."
)

if TYPE_CHECKING:
    from magref.render import contract


def _mg(food: Food) -> str:
    if food.mg is None:
        return "-"
    return f"{food.mg}-{food.mg_high} mg" if food.mg_high else f"{food.mg} mg"


def _dv(food: Food, reference: LabelReference) -> str:
    return f"{percent_of(food.mg, reference)}%" if food.mg is not None else "-"


def bar(part: int, whole: int, width: int = BAR_WIDTH) -> str:
    """``part`` of ``whole`` as a bar of ``#`` on ``.``."""
    filled = min(width, round(width * part / whole)) if whole else 0
    return "[" + "#" * filled + "." * (width - filled) + "]"


def food_json(food: Food, reference: LabelReference, target_mg: int | None = None) -> contract.FoodDocument:
    data: contract.FoodDocument = {
        "id": food.id,
        "name": food.name,
        "aliases": food.aliases,
        "group": food.group,
        "serving": food.serving,
        "mg": food.mg,
        "mg_high": food.mg_high,
        "per_100g": food.per_100g,
        "note": food.note,
        "sources": food.sources,
        "percent_dv": percent_of(food.mg, reference) if food.mg is not None else None,
        "mg_by_record": by_record(food),
        "serving_follows": food.sources if differs_from_record(food) else None,
    }
    if target_mg is not None:
        servings = servings_for(food, target_mg)
        data["servings_for_target"] = round(servings, 1) if servings is not None else None
    return data


def _reference_json(reference: LabelReference) -> contract.DailyValue:
    return {"abbr": reference.abbr, "name": reference.name, "mg": reference.mg, "sources": reference.sources}


def foods_json(
    query: str, foods: Sequence[Food], total: int, reference: LabelReference, plan: FoodPlan | None
) -> contract.FoodsDocument:
    target = plan.target_mg if plan else None
    payload: contract.FoodsDocument = {
        "query": query,
        "total": total,
        "unit": "mg elemental magnesium",
        "daily_value": _reference_json(reference),
        "items": [food_json(f, reference, target) for f in foods],
    }
    if plan is not None:
        payload["plan"] = {
            "target_mg": plan.target_mg,
            "reached": plan.reached,
            "total_mg": plan.total_mg,
            "capped_by_limit": plan.capped,
            "steps": [{"food": s.food.id, "mg": s.mg, "total_mg": s.total_mg} for s in plan.steps],
        }
    return payload


def _dv_legend(reference: LabelReference) -> str:
    return (
        f"%{reference.abbr}: percent of the US {reference.name} of {reference.mg} mg of elemental "
        f"magnesium (adults and children aged 4 and over) {cite(reference.sources)}."
    )


def foods_document(
    query: str,
    foods: Sequence[Food],
    total: int,
    reference: LabelReference,
    plan: FoodPlan | None,
    notes: Sequence[Claim],
    sources: Sequence[Source],
) -> Document:
    shown = f"{total}" if len(foods) == total else f"best {len(foods)} of {total}; --limit 0 for all"
    about = f" matching '{query}'" if query else ""
    doc: Document = []
    if plan is not None:
        doc += _plan(plan)
        doc.append(Heading(f"Servings of one food alone for {plan.target_mg} mg ({shown})", 2))
        rows = [
            [Cell(f.name), Cell(f.serving or "-"), Cell(_mg(f)), Cell(_servings(f, plan.target_mg))]
            for f in foods
        ]
        doc.append(Table(["Food", "Serving", "Mg", "Servings"], rows, SERVING_NOTE))
    else:
        doc.append(Heading(f"Magnesium in foods{about} ({shown})"))
        rows = [
            [Cell(f.name), Cell(f.serving or "-"), Cell(_mg(f)), Cell(_dv(f, reference)), Cell(_per_100g(f))]
            for f in foods
        ]
        columns = ["Food", "Serving", "Mg", f"%{reference.abbr}", "Per 100 g"]
        doc.append(Table(columns, rows, SERVING_NOTE))
        doc.append(Paragraph(_dv_legend(reference)))
    doc += _records(foods)
    doc += [Heading("Good to know", 2), Bullets([Cell(f"{n.text} {cite(n.sources)}") for n in notes])]
    doc += [Heading("Sources", 2), Bullets([Cell(source_line(s)) for s in sources])]
    return [*doc, Paragraph(DISCLAIMER, "muted")]


def _records(foods: Sequence[Food]) -> Document:
    """For each food whose serving figure and USDA record disagree: which one the serving follows."""
    items = []
    for food in foods:
        record = food.per_100g
        if record is None or not differs_from_record(food):
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
                f"gives {by_record(food)} mg for the same serving ({weight}) {cite(record.sources)}."
            )
        )
    if not items:
        return []
    return [Heading("Serving figures that differ from the USDA record", 2), Bullets(items)]


def _per_100g(food: Food) -> str:
    return f"{food.per_100g.mg} mg" if food.per_100g else "-"


def _servings(food: Food, target_mg: int) -> str:
    servings = servings_for(food, target_mg)
    return "-" if servings is None else f"{servings:.1f}"


def _plan(plan: FoodPlan) -> Document:
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
    share = round(100 * plan.total_mg / plan.target_mg)
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
