"""Commands about medicines: how they interact with magnesium, and a day's times around them."""

from __future__ import annotations

from typing import Annotated

import typer

from magref.cli.context import complete_medicine, emit, load, one_stdout, write_ics
from magref.cli.options import IcsOption, JsonOption, not_blank
from magref.errors import EXIT_NO_MATCH, NotFound


def interactions(
    ctx: typer.Context,
    queries: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUERY...",
            help="A medicine, brand or class word, or a sentence around them.",
            autocompletion=complete_medicine,
            callback=not_blank,
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """How medicines interact with magnesium, and how many hours apart to take them.

    A QUERY is a class word (diuretic, antibiotic, ppi), a generic name or a brand (Lasix).

    With none, every listed class.

    Example: magref interactions furosemide doxycycline
    """
    from magref import interactions as core
    from magref.render import interaction_views as views

    data = load(ctx)
    if not queries:
        matches = core.every_class(data)
        emit(ctx, json, lambda: views.classes_json(matches), lambda: views.classes_document(matches))
        return
    if not json:
        report = core.find(data, queries)
        emit(ctx, json, lambda: views.report_json(report), lambda: views.report_document(report))
        return
    # Several queries: the JSON document is printed even when nothing matched, with exit 1.
    report = core.match(data, queries)
    emit(ctx, json, lambda: views.report_json(report), lambda: views.report_document(report))
    if not report.answered:
        raise typer.Exit(EXIT_NO_MATCH)


def plan(
    ctx: typer.Context,
    doses: Annotated[
        list[str],
        typer.Argument(
            metavar="DRUG@TIME...",
            help="Each medicine dose and its time: doxycycline@8am.",
            autocompletion=complete_medicine,
        ),
    ],
    ics: IcsOption = None,
    json: JsonOption = False,
) -> None:
    """The times of day when magnesium keeps every gap from your medicines.

    Example: magref plan doxycycline@08:00 doxycycline@20:00 levothyroxine@06:30
    """
    from magref import plan as core
    from magref.render import interaction_views as views
    from magref.syntax import parse_doses

    requests, untimed = parse_doses(doses)
    result = core.make_plan(load(ctx), requests, untimed=untimed)
    if not result.answered and json:
        # Several queries: the JSON document is printed even when nothing matched, with exit 1.
        emit(ctx, json, lambda: views.plan_json(result), lambda: views.plan_document(result))
        raise typer.Exit(EXIT_NO_MATCH)
    if not result.answered:
        first = result.unmatched[0].drug
        raise NotFound("medicine", first, [], reason="plan-unmatched", notes=list(result.notes))
    if ics is not None:
        one_stdout(("--ics -", ics == "-"), ("--json", json))
        write_ics(ics, result)
        if ics == "-":  # the calendar is the output
            return
    emit(ctx, json, lambda: views.plan_json(result), lambda: views.plan_document(result))
