"""Commands about how much: one person's figures, each region's table, magnesium in foods."""

from __future__ import annotations

from typing import Annotated

import typer

from magref.cli.context import emit, given, load, names_in
from magref.cli.options import (
    AgeOption,
    JsonOption,
    LactatingOption,
    MonthsOption,
    PregnantOption,
    RegionOption,
    SexOption,
    WhoArgument,
    not_blank,
    who,
)
from magref.region import DEFAULT_REGION


def dose(
    ctx: typer.Context,
    words: WhoArgument = None,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    region: RegionOption = DEFAULT_REGION,
    compare_regions: Annotated[
        bool, typer.Option("--compare-regions", help="One table of every region's figures.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """How much magnesium a day, and the upper limit from supplements, for one person.

    Examples: magref dose 30 female | magref dose --age 30 --sex female --region eu
    """
    from magref import dosing, lookup
    from magref.render import dosing_views as views

    person = who(ctx, words, age, months, sex, pregnant, lactating, region)
    data = load(ctx)
    if compare_regions:
        if given(ctx, "region"):
            raise typer.BadParameter(
                "--compare-regions shows every region; leave out --region", param_hint="--region"
            )
        sexes: list[dosing.Sex] = (
            [person.sex] if person.sex else ["female"] if person.stage else list(dosing.SEXES)
        )
        by_sex = [dosing.compare_regions(data, person.years, each, person.stage) for each in sexes]
        rows = [list(row) for row in zip(*by_sex, strict=True)]
        cited = lookup.cited(data, [s for row in rows for t in row for s in t.sources])
        regions = list(data.regions)
        emit(
            ctx, json, lambda: views.compare_json(rows), lambda: views.compare_document(rows, regions, cited)
        )
        return
    targets = dosing.targets(data, person.years, person.sex, person.stage, person.region)
    values = dosing.reference_values(data, person.region)
    notes = [*values.notes, *data.dosing.notes]
    sources = lookup.cited(data, [*targets[0].sources, *(s for n in notes for s in n.sources)])
    emit(
        ctx,
        json,
        lambda: views.dose_json(targets, notes),
        lambda: views.dose_document(targets, notes, sources, values),
    )


def regions(
    ctx: typer.Context,
    region: Annotated[
        list[str] | None,
        typer.Argument(
            help="A region: eu, uk, japan, efsa, germany...",
            autocompletion=names_in("regions"),
            callback=not_blank,
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Reference values by region: every region, or one region's whole table with its sources.

    Example: magref regions eu
    """
    from magref import dosing, lookup
    from magref.render import dosing_views as views

    data = load(ctx)
    if not region:
        every = list(data.regions)
        adults = [dosing.upper_limit(data, dosing.ADULT_AGE, values.id) for values in every]
        emit(ctx, json, lambda: views.regions_json(every), lambda: views.regions_document(every, adults))
        return
    values = dosing.find_region(data, " ".join(region))
    cited = [*values.sources, *(s for n in values.notes for s in n.sources)]
    sources = lookup.cited(data, cited)
    emit(
        ctx,
        json,
        lambda: views.regions_json([values]),
        lambda: views.region_document(values, values.notes, sources),
    )


def foods(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(help="Words in a food's name: spinach, seeds...", autocompletion=names_in("foods")),
    ] = None,
    target: Annotated[
        int | None,
        typer.Option(
            "--target", metavar="MG", help="A day's target in mg: which foods reach it, and how much."
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="Show the best N foods; 0 for all.")
    ] = 10,
    json: JsonOption = False,
) -> None:
    """Magnesium in common foods, per serving and per 100 g, with % of the US Daily Value.

    Example: magref foods --target 310
    """
    from magref import foods as core
    from magref import lookup
    from magref.render import food_views as views

    if limit < 0:
        raise typer.BadParameter(f"{limit} is not a number of foods", param_hint="--limit")
    data = load(ctx)
    text = " ".join(query or [])
    found = core.find(data, text)
    plan = core.plan(found, core.check_target(target), limit) if target is not None else None
    shown = found[:limit] if limit else found
    reference = core.label_reference(data)
    notes = data.dosing.notes
    cited = [
        *reference.sources,
        *(s for f in shown for s in [*f.sources, *(f.per_100g.sources if f.per_100g else [])]),
        *(s for n in notes for s in n.sources),
    ]
    sources = lookup.cited(data, cited)
    emit(
        ctx,
        json,
        lambda: views.foods_json(text, shown, len(found), reference, plan),
        lambda: views.foods_document(text, shown, len(found), reference, plan, notes, sources),
    )
