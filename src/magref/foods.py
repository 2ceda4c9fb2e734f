"""Magnesium in foods: find them, rank them, and plan a day's target from food."""

from __future__ import annotations

import math
from collections.abc import Sequence

import msgspec

from magref import names
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import Claim, Food, LabelReference, PerHundredGrams, Source
from magref.region import Region

#: The region whose label reference the percentages use (the US Daily Value).
LABEL_REGION = Region.US
MAX_TARGET_MG = 2000


class PlanStep(msgspec.Struct, frozen=True):
    """One serving of a food in a plan, and the running total after it."""

    food: Food
    mg: int
    total_mg: int


class ServingPlan(msgspec.Struct, frozen=True):
    """Servings of different foods, one each, that add up to a day's target (if ``reached``)."""

    target_mg: int
    steps: list[PlanStep]
    reached: bool
    #: True when the cap on the number of foods stopped the plan short of the target.
    capped: bool = False

    @property
    def total_mg(self) -> int:
        return self.steps[-1].total_mg if self.steps else 0


def label_reference(data: Catalog) -> LabelReference:
    """The US Daily Value the percentages are of."""
    for values in data.regions:
        if values.id == LABEL_REGION and values.label_reference is not None:
            return values.label_reference
    raise InputError("no-daily-value")


def percent_of(mg: int, reference: LabelReference) -> int:
    """``mg`` as a whole percentage of the reference, rounded half up as labels are."""
    return math.floor(100 * mg / reference.mg + 0.5)


def ranked(foods: Sequence[Food]) -> list[Food]:
    """Most magnesium per serving first; foods known only per 100 g after, most first."""
    return sorted(
        foods,
        key=lambda f: (f.mg is None, -(f.mg or 0), -(f.per_100g.mg if f.per_100g else 0), f.id),
    )


def find(data: Catalog, query: str = "") -> list[Food]:
    """Every food (no query), or those whose names hold every word of ``query``, ranked.

    The names are matched as the index holds them, so only the foods found are read.
    """
    wanted = [w for w in names.words(query) if not names.is_noise(w, _ASKING_FOR_FOOD)]
    if not wanted:
        return ranked(list(data.foods))
    named: dict[int, list[str]] = {}
    for position, label, how in data.names_of("foods"):
        if how in _OWN_NAMES:
            named.setdefault(position, []).append(label.replace("-", " ") if how == "id" else label)
    folded = {position: [names.fold(label) for label in labels] for position, labels in named.items()}
    found = [
        data.entry("foods", position)
        for position, labels in folded.items()
        if all(any(w in label for label in labels) for w in wanted)
    ]
    if not found:
        labels = [label for each in named.values() for label in each]
        raise NotFound("food", query, names.suggest(query, labels), reason="unknown-food")
    return ranked(found)


#: How the index names a food by its own names (not by a synonym): its id, name and aliases.
_OWN_NAMES = frozenset({"id", "name", "alias"})


#: Words that ask for foods without naming one: "foods high in magnesium", "good sources".
_ASKING_FOR_FOOD = frozenset({
    "food", "foods", "high", "highest", "rich", "richest", "source", "sources", "top", "most",
    "lots", "eat", "eating", "contain", "contains", "containing", "list", "full", "plenty",
})  # fmt: skip


def check_target(target_mg: int) -> int:
    if not 1 <= target_mg <= MAX_TARGET_MG:
        raise InputError("target-impossible", target_mg=target_mg, max_mg=MAX_TARGET_MG)
    return target_mg


def plan(foods: Sequence[Food], target_mg: int, limit: int = 0) -> ServingPlan:
    """One serving each of the richest foods, one food group at a time, until ``target_mg``.

    The best food of each group comes first, so the plan mixes seeds, nuts, vegetables and so on;
    then the next best foods. ``limit`` caps the number of foods (0: no cap).
    """
    check_target(target_mg)
    candidates = [f for f in ranked(foods) if f.mg]
    first: list[Food] = []
    rest: list[Food] = []
    groups: set[str] = set()
    for food in candidates:
        (rest if food.group in groups else first).append(food)
        groups.add(food.group)
    steps: list[PlanStep] = []
    total = 0
    capped = False
    for food in first + rest:
        if total >= target_mg:
            break
        if limit and len(steps) >= limit:
            capped = True
            break
        amount = food.mg or 0
        total += amount
        steps.append(PlanStep(food, amount, total))
    return ServingPlan(target_mg, steps, total >= target_mg, capped)


def by_record(food: Food) -> int | None:
    """The magnesium in the food's serving by its per-100 g record, or None if it cannot be worked out."""
    record = food.per_100g
    if record is None or record.serving_g is None or food.mg is None:
        return None
    return math.floor(record.mg * record.serving_g / 100 + 0.5)


def differs_from_record(food: Food) -> bool:
    """True when the serving figure and the per-100 g record disagree by more than rounding.

    The serving figure then follows another record (the NIH table's), which the food must say.
    """
    worked = by_record(food)
    if worked is None or food.mg is None:
        return False
    top = food.mg_high if food.mg_high is not None else food.mg
    return worked < food.mg - ROUNDING_MG or worked > top + ROUNDING_MG


#: How far apart, in mg, two roundings of the same figure can land.
ROUNDING_MG = 1


def servings_for(food: Food, target_mg: int) -> float | None:
    """How many servings of this one food give ``target_mg`` (None without a serving figure)."""
    return target_mg / food.mg if food.mg else None


# -- the answer: what ``foods`` prints -----------------------------------------------------------------


class DailyValue(Shape):
    abbr: str
    name: str
    mg: float
    sources: list[str]


class FoodDocument(Shape):
    """A food and the magnesium in a serving; ``servings_for_target`` only with ``--target``.

    ``mg_by_record``: the serving worked out from the per-100 g record; where it differs from ``mg``
    by more than rounding, ``serving_follows`` names the sources the serving figure follows.
    """

    id: str
    name: str
    aliases: list[str]
    group: str
    serving: str | None
    mg: float | None
    mg_high: float | None
    per_100g: PerHundredGrams | None
    note: str | None
    sources: list[str]
    percent_dv: float | None
    mg_by_record: float | None
    serving_follows: list[str] | None
    servings_for_target: float | msgspec.UnsetType | None = msgspec.UNSET


class FoodStep(Shape):
    food: str
    mg: float
    total_mg: float


class FoodPlan(Shape):
    """One serving each of the richest foods until the target is ``reached``."""

    target_mg: int
    reached: bool
    total_mg: float
    capped_by_limit: bool
    steps: list[FoodStep]


class FoodsDocument(Shape):
    """``foods``: foods by magnesium per serving; ``plan`` only with ``--target``."""

    query: str
    total: int
    unit: str
    daily_value: DailyValue
    items: list[FoodDocument]
    plan: FoodPlan | msgspec.UnsetType = msgspec.UNSET


class FoodsAnswer(msgspec.Struct, kw_only=True):
    """``foods``: the document ``--json`` prints; for the text, the plan with its foods, the
    plan's total as a whole percentage of its target, the notes and the records of the sources."""

    json: FoodsDocument
    plan: ServingPlan | None
    plan_percent: int | None
    notes: list[Claim]
    sources: list[Source]


def food_document(food: Food, reference: LabelReference, target_mg: int | None = None) -> FoodDocument:
    """One food as ``--json`` prints it; with a target, how many servings of it alone reach it."""
    document = FoodDocument(
        id=food.id,
        name=food.name,
        aliases=food.aliases,
        group=food.group,
        serving=food.serving,
        mg=food.mg,
        mg_high=food.mg_high,
        per_100g=food.per_100g,
        note=food.note,
        sources=food.sources,
        percent_dv=percent_of(food.mg, reference) if food.mg is not None else None,
        mg_by_record=by_record(food),
        serving_follows=food.sources if differs_from_record(food) else None,
    )
    if target_mg is not None:
        servings = servings_for(food, target_mg)
        document.servings_for_target = round(servings, 1) if servings is not None else None
    return document


def foods(data: Catalog, query: str = "", target_mg: int | None = None, limit: int = 10) -> FoodsAnswer:
    """``foods``: the foods whose names hold ``query`` (every food for none), richest first, the
    best ``limit`` shown (0 for all); with ``target_mg``, a day's plan from one serving of each."""
    found = find(data, query)
    planned = plan(found, check_target(target_mg), limit) if target_mg is not None else None
    shown = found[:limit] if limit else found
    reference = label_reference(data)
    notes = data.dosing.notes
    cited = [
        *reference.sources,
        *(s for f in shown for s in [*f.sources, *(f.per_100g.sources if f.per_100g else [])]),
        *(s for n in notes for s in n.sources),
    ]
    document = FoodsDocument(
        query=query,
        total=len(found),
        unit="mg elemental magnesium",
        daily_value=DailyValue(
            abbr=reference.abbr, name=reference.name, mg=reference.mg, sources=reference.sources
        ),
        items=[food_document(f, reference, planned.target_mg if planned else None) for f in shown],
    )
    percent = None
    if planned is not None:
        document.plan = FoodPlan(
            target_mg=planned.target_mg,
            reached=planned.reached,
            total_mg=planned.total_mg,
            capped_by_limit=planned.capped,
            steps=[FoodStep(food=s.food.id, mg=s.mg, total_mg=s.total_mg) for s in planned.steps],
        )
        percent = round(100 * planned.total_mg / planned.target_mg)
    return FoodsAnswer(
        json=document, plan=planned, plan_percent=percent, notes=notes, sources=data.sources_by_id(cited)
    )
