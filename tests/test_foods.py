"""Foods: figures against the NIH table, %DV of 420 mg, a day's plan from food, search."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magref import dataset, foods

from .conftest import Run

DATA = dataset.load(use_cache=False)

# food id -> (mg per serving, %DV) as in the NIH ODS table (DV 420 mg), and mg per 100 g from USDA SR28.
EXPECTED = [
    ("pumpkin-seeds", 156, 37, 550),
    ("chia-seeds", 111, 26, 335),
    ("almonds", 80, 19, 279),
    ("spinach", 78, 19, 87),
    ("cashews", 74, 18, 260),
    ("peanuts", 63, 15, None),
    ("soymilk", 61, 15, 25),
    ("black-beans", 60, 14, 70),
    ("edamame", 50, 12, 64),
    ("peanut-butter", 49, 12, 168),
    ("potato", 43, 10, 28),
    ("brown-rice", 42, 10, 39),
    ("instant-oatmeal", 36, 9, None),
    ("kidney-beans", 35, 8, None),
    ("banana", 32, 8, 27),
    ("salmon", 26, 6, 30),
    ("milk", 24, 6, 11),
    ("raisins", 23, 5, None),
]


@pytest.mark.parametrize(("food_id", "mg", "percent", "per_100g"), EXPECTED)
def test_foods_match_the_nih_and_usda_tables(
    food_id: str, mg: int, percent: int, per_100g: int | None
) -> None:
    (food,) = [f for f in DATA.foods if f.id == food_id]
    reference = foods.label_reference(DATA)
    assert reference.mg == 420
    assert food.mg == mg
    assert foods.percent_of(mg, reference) == percent
    assert (food.per_100g.mg if food.per_100g else None) == per_100g


def test_every_food_figure_is_sourced() -> None:
    for food in DATA.foods:
        if food.mg is not None:
            assert food.sources == ["ods-hp"], food.id
        if food.per_100g is not None:
            assert food.per_100g.sources == ["usda-sr28"], food.id


@pytest.mark.parametrize(
    ("query", "first"),
    [("pumpkin seeds", "pumpkin-seeds"), ("spinach", "spinach"), ("Pepitas", "pumpkin-seeds")],
)
def test_foods_are_found_by_name(magref: Run, query: str, first: str) -> None:
    result = magref("foods", *query.split(), "--json").json
    assert result["items"][0]["id"] == first
    assert result["daily_value"]["mg"] == 420


def test_an_unknown_food_exits_1(magref: Run) -> None:
    result = magref("foods", "unobtainium")
    assert result.code == 1 and "unobtainium" in result.stderr


def test_a_target_plan_reaches_it_from_different_groups(magref: Run) -> None:
    data = magref("foods", "--target", "310", "--json").json
    plan = data["plan"]
    assert plan["reached"] and plan["total_mg"] >= 310
    assert [s["food"] for s in plan["steps"]] == ["pumpkin-seeds", "almonds", "spinach"]
    assert data["items"][0]["servings_for_target"] == pytest.approx(2.0, abs=0.05)


def test_the_plan_shows_bars(magref: Run) -> None:
    result = magref("foods", "--target", "310", env={"COLUMNS": "100"})
    assert "[####################]" in result.stdout


def test_a_target_out_of_reach_of_the_foods_says_so(magref: Run) -> None:
    data = magref("foods", "--target", "1000", "--limit", "2", "--json").json
    assert not data["plan"]["reached"] and data["plan"]["capped_by_limit"]
    assert len(data["plan"]["steps"]) == 2
    one = magref("foods", "spinach", "--target", "310", "--json").json["plan"]
    assert not one["reached"] and not one["capped_by_limit"]


@pytest.mark.parametrize(
    "args", [["--target", "0"], ["--target", "-5"], ["--target", "99999"], ["--limit", "-1"]]
)
def test_impossible_targets_and_limits_are_usage_errors(magref: Run, args: list[str]) -> None:
    result = magref("foods", *args)
    assert result.code == 2, result
    assert result.stdout == ""


@given(st.integers(min_value=1, max_value=foods.MAX_TARGET_MG))
def test_a_plan_stops_as_soon_as_it_reaches_the_target(target: int) -> None:
    plan = foods.plan(DATA.foods, target)
    totals = [step.total_mg for step in plan.steps]
    assert totals == sorted(totals)
    if plan.reached:
        assert totals[-1] >= target and (len(totals) == 1 or totals[-2] < target)
    assert len({step.food.id for step in plan.steps}) == len(plan.steps)


def test_search_finds_foods(magref: Run) -> None:
    hits = magref("search", "pumpkin", "seeds", "--json").json["hits"]
    assert (hits[0]["kind"], hits[0]["id"], hits[0]["command"]) == (
        "food",
        "pumpkin-seeds",
        "magref foods pumpkin-seeds",
    )
    assert magref("foods", "pumpkin-seeds").code == 0


@pytest.mark.parametrize("query", ["foods high in magnesium", "what foods are rich in magnesium"])
def test_asking_for_foods_without_naming_one_lists_them_all(magref: Run, query: str) -> None:
    asked = magref("foods", query, "--limit", "0", "--json").json
    every = magref("foods", "--limit", "0", "--json").json
    assert [f["id"] for f in asked["items"]] == [f["id"] for f in every["items"]]
    assert len(every["items"]) > 10
