"""Commands that look something up: forms, search, the FAQ, evidence, the bibliography, validate."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from magref.cli.context import complete_form, emit, load, names_in, settings
from magref.cli.options import FormWords, JsonOption, RegionOption, not_blank
from magref.cli.words import INSTEAD_OF_A_COMMAND
from magref.errors import EXIT_DATA, NotFound
from magref.region import DEFAULT_REGION


def info(ctx: typer.Context, form: FormWords, json: JsonOption = False) -> None:
    """One form: % elemental magnesium, absorption, stomach, uses, cautions, evidence, sources.

    Example: magref info glycinate
    """
    from magref import lookup
    from magref.render import views

    answer = lookup.info(load(ctx), " ".join(form))
    emit(ctx, json, lambda: answer.document, lambda: views.form_document(answer))


def compare(
    ctx: typer.Context,
    forms: Annotated[
        list[str],
        typer.Argument(
            metavar="FORM...", help="Two or more forms.", autocompletion=complete_form, callback=not_blank
        ),
    ],
    json: JsonOption = False,
) -> None:
    """Forms side by side; the best value in each row is marked.

    Example: magref compare glycinate oxide citrate
    """
    from magref import lookup
    from magref.render import views

    answer = lookup.compare(load(ctx), forms)
    found = answer.forms
    if len(found) < 2:
        from magref.render.problems import usage

        named = found[0].name if found else None
        raise typer.BadParameter(usage("compare-needs-two", forms=forms, found=named), param_hint="FORM")
    emit(ctx, json, lambda: answer, lambda: views.compare_document(answer))


def list_forms(
    ctx: typer.Context,
    sort: Annotated[str, typer.Option("--sort", help="id, name, elemental, absorption or tolerance.")] = "id",
    json: JsonOption = False,
) -> None:
    """Every form in one table.

    Example: magref list --sort elemental
    """
    from magref import lookup
    from magref.render import views

    answer = lookup.forms_table(load(ctx), sort)
    emit(ctx, json, lambda: answer, lambda: views.list_document(answer))


def search(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="Show the best N hits; 0 for all.")] = 20,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """Search forms, interactions, cautions, uses, FAQ, regions, foods and sources, best first.

    Example: magref search sleep
    """
    from magref import search as core
    from magref.render import views

    if limit < 0:
        from magref.render.problems import usage

        raise typer.BadParameter(usage("hits-limit", limit=limit), param_hint="--limit")
    instead = bool(text) and text[0] == INSTEAD_OF_A_COMMAND
    words = text[1:] if instead else text
    try:
        answer = core.answer(load(ctx), " ".join(words), limit, region=region)
    except NotFound as error:
        if instead and error.reason == "nothing-on":
            error.reason = "nothing-on-not-a-command"
        raise
    if instead:
        from magref.render.output import error as show_error
        from magref.render.phrases import searching_instead

        show_error(searching_instead(words[0]))  # escaped and shortened, as every echo
    emit(ctx, json, lambda: answer.json, lambda: views.search_document(answer))


def faq(
    ctx: typer.Context,
    query: Annotated[list[str] | None, typer.Argument(help="A question id or words.")] = None,
    json: JsonOption = False,
) -> None:
    """Frequently asked questions: all of them, or the best answers for QUERY.

    Example: magref faq pregnancy
    """
    from magref import lookup
    from magref.render import views

    text = " ".join(query or [])
    answer = lookup.faq(load(ctx), text)
    emit(ctx, json, lambda: answer, lambda: views.faq_document(answer, full=bool(text)))


def evidence(
    ctx: typer.Context,
    use: Annotated[
        list[str] | None,
        typer.Argument(
            help="A use: 'back pain', sleep, migraine...", autocompletion=names_in("uses"), callback=not_blank
        ),
    ] = None,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """How strong the evidence is for each use, or for one with the doses studied.

    A use's studied doses are held against the region's adult upper limit for supplements.
    Example: magref evidence migraine --region uk
    """
    from magref import doses, lookup
    from magref.render import dose_views, views

    data = load(ctx)
    if not use:
        table = lookup.evidence_table(data)
        emit(ctx, json, lambda: table, lambda: views.evidence_list_document(table))
        return
    answer = doses.evidence(data, " ".join(use), region)
    emit(ctx, json, lambda: dose_views.worded_evidence(answer), lambda: dose_views.evidence_document(answer))


def sources(
    ctx: typer.Context,
    source_id: Annotated[list[str] | None, typer.Argument(metavar="ID", help="One source id.")] = None,
    json: JsonOption = False,
) -> None:
    """The bibliography, or one source.

    Example: magref sources ods-hp
    """
    from magref import lookup
    from magref.render import views

    answer = lookup.sources(load(ctx), " ".join(source_id) if source_id else None)
    emit(ctx, json, lambda: answer, lambda: views.sources_document(answer))


def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None, typer.Argument(help="A dataset file or folder (default: the one in use).")
    ] = None,
    json: JsonOption = False,
) -> None:
    """Check a dataset; list every problem as FILE:LINE:COLUMN: field: message. Exits 0 or 3.

    Example: magref validate my-data/
    """
    from pathlib import Path

    from magref import dataset
    from magref.render import output, views

    location = Path(path) if path else dataset.resolve_location(settings(ctx).data)
    answer = dataset.validation(location)
    if json:
        sys.stdout.write(output.to_json(answer))
    else:
        output.report_problems([views.problem_text(p) for p in answer.problems], answer.problem_count)
        if answer.valid:
            from magref.render.safe import clean

            sys.stdout.write(f"{clean(answer.path)}: valid\n")
    if not answer.valid:
        if not json:
            output.error(f"{answer.problem_count:,} problem(s) in {answer.path}")
        raise typer.Exit(EXIT_DATA)
