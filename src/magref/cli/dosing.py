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
    from magref import dosing
    from magref.render import dosing_views as views

    person = who(ctx, words, age, months, sex, pregnant, lactating, region)
    data = load(ctx)
    if compare_regions:
        if given(ctx, "region"):
            from magref.render.problems import usage

            raise typer.BadParameter(usage("compare-regions-with-region"), param_hint="--region")
        compared = dosing.compare(data, person.years, person.sex, person.stage)
        emit(ctx, json, lambda: compared.json, lambda: views.compare_document(compared))
        return
    answer = dosing.dose(data, person.years, person.sex, person.stage, person.region)
    emit(ctx, json, lambda: answer.json, lambda: views.dose_document(answer))


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
    from magref import dosing
    from magref.render import dosing_views as views

    data = load(ctx)
    if not region:
        every = dosing.regions(data)
        emit(ctx, json, lambda: every.json, lambda: views.regions_document(every))
        return
    answer = dosing.region(data, " ".join(region))
    emit(ctx, json, lambda: answer.json, lambda: views.region_document(answer))


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
    from magref.render import food_views as views

    if limit < 0:
        from magref.render.problems import usage

        raise typer.BadParameter(usage("foods-limit", limit=limit), param_hint="--limit")
    answer = core.foods(load(ctx), " ".join(query or []), target, limit)
    emit(ctx, json, lambda: answer.json, lambda: views.foods_document(answer))
