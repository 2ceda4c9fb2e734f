"""``foods`` by layer: the answer from typed inputs at the core, the view from a hand-made answer."""

from __future__ import annotations

import msgspec

from magref import dataset, foods
from magref.foods import (
    DailyValue,
    FoodDocument,
    FoodsAnswer,
    FoodsDocument,
    PlanStep,
    ServingPlan,
)
from magref.model import Claim, Food, PerHundredGrams, Source
from magref.render import plain
from magref.render.food_views import foods_document

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


def test_the_foods_answer_ranks_limits_and_has_no_plan_without_a_target() -> None:
    answer = foods.foods(DATA, "", limit=3)
    document = answer.json
    assert len(document.items) == 3 and document.total == len(DATA.foods)
    figures = [item.mg or 0 for item in document.items]
    assert figures == sorted(figures, reverse=True)
    assert document.daily_value.mg == 420 and document.unit == "mg elemental magnesium"
    assert answer.plan is None and answer.plan_percent is None
    encoded = msgspec.to_builtins(document)
    assert "plan" not in encoded and all("servings_for_target" not in item for item in encoded["items"])


def test_with_a_target_the_answer_plans_the_day_and_counts_servings() -> None:
    answer = foods.foods(DATA, "", target_mg=400, limit=5)
    plan = answer.json.plan
    assert isinstance(plan, foods.FoodPlan) and plan.target_mg == 400
    assert plan.total_mg == sum(step.mg for step in plan.steps)
    assert answer.plan_percent == round(100 * plan.total_mg / 400)
    first = answer.json.items[0]
    assert first.mg and first.servings_for_target == round(400 / first.mg, 1)
    assert {s.id for s in answer.sources} >= set(answer.json.daily_value.sources)


def test_a_food_whose_serving_differs_from_its_record_names_what_it_follows() -> None:
    reference = foods.label_reference(DATA)
    record = PerHundredGrams(mg=100, record="Raw", code="123", serving_g=50, sources=["usda"])
    food = Food(id="x", name="X", group="nuts", serving="1 cup", mg=80, per_100g=record, sources=["nih"])
    document = foods.food_document(food, reference)
    assert (document.mg_by_record, document.serving_follows) == (50, ["nih"])
    assert document.percent_dv == round(100 * 80 / 420)


# -- the view ------------------------------------------------------------------------------------------

RECORD = PerHundredGrams(mg=100, record="Raw seeds", code="12345", serving_g=28, sources=["usda"])
SEEDS = FoodDocument(
    id="seeds", name="Seeds", aliases=[], group="nuts-seeds", serving="1 oz", mg=150, mg_high=None,
    per_100g=RECORD, note=None, sources=["nih"], percent_dv=36, mg_by_record=28,
    serving_follows=["nih"], servings_for_target=2.0,
)  # fmt: skip


def test_the_foods_view_words_the_answer() -> None:
    answer = FoodsAnswer(
        json=FoodsDocument(
            query="seed", total=4, unit="mg elemental magnesium",
            daily_value=DailyValue(abbr="DV", name="Daily Value", mg=420, sources=["fda"]), items=[SEEDS],
        ),
        plan=None, plan_percent=None, notes=[Claim(text="Food counts.", sources=["nih"])],
        sources=[Source(id="nih", title="Fact sheet")],
    )  # fmt: skip
    shown = text(foods_document(answer))
    assert "Magnesium in foods matching 'seed' (best 1 of 4; --limit 0 for all)" in shown
    assert "Seeds 1 oz 150 mg 36% 100 mg" in shown
    assert "%DV: percent of the US Daily Value of 420 mg of elemental magnesium" in shown
    assert "record 12345 (Raw seeds) gives 28 mg for the same serving (28 g)" in shown
    assert "Food counts. [nih]" in shown and "[nih] Fact sheet" in shown


def test_the_foods_view_words_a_plan_with_the_answers_share() -> None:
    food = Food(id="seeds", name="Seeds", group="nuts-seeds", serving="1 oz", mg=150, per_100g=None)
    plan = ServingPlan(400, [PlanStep(food, 150, 150)], reached=False)
    answer = FoodsAnswer(
        json=FoodsDocument(
            query="", total=1, unit="mg elemental magnesium",
            daily_value=DailyValue(abbr="DV", name="Daily Value", mg=420, sources=[]), items=[SEEDS],
        ),
        plan=plan, plan_percent=38, notes=[], sources=[],
    )  # fmt: skip
    shown = text(foods_document(answer))
    assert "400 mg of elemental magnesium a day from food" in shown
    assert (
        "One serving of each gives 150 mg of elemental magnesium, 38% of 400 mg: short of the target" in shown
    )
    assert "Servings of one food alone for 400 mg (1)" in shown and "2.0" in shown
