"""The magref command line: parse arguments, call the core, hand the result to a view.

Only Typer and the standard library are imported at start-up; each command imports what it needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import msgspec
import typer
from typer.core import TyperGroup

from magref import __version__
from magref.errors import EXIT_DATA, DatasetError, InputError, MagrefError, NotFound

if TYPE_CHECKING:
    from magref.catalog import Catalog
    from magref.check import Report
    from magref.plan import Plan
    from magref.render.document import Document
    from magref.render.output import Mode

EXIT_INTERNAL = 4


class _Group(TyperGroup):
    """Turns every error into a plain message on stderr and an exit code; never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MagrefError as error:
            _report(error)

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            sys.stderr.write("magref: aborted\n")
            sys.exit(1)
        except Exception as error:
            if not hasattr(error, "exit_code") or not hasattr(error, "format_message"):
                raise
            _report_usage(error)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def _report_usage(error: Any) -> None:
    """A usage error as plain text, with the user's input made harmless."""
    from magref.text import clean

    lines = []
    context = getattr(error, "ctx", None)
    if context is not None:
        lines += [context.get_usage(), f"Try '{context.command_path} -h' for help."]
    lines.append(f"magref: {clean(error.format_message())}")
    sys.stderr.write("\n".join(lines) + "\n")


def _report(error: MagrefError) -> NoReturn:
    from magref.render.output import error as show_error

    if isinstance(error, DatasetError):
        from magref.render.output import report_problems

        report_problems(error.problems)
    suggestions = error.suggestions if isinstance(error, NotFound) else None
    show_error(error.message, error.hint, suggestions)
    raise typer.Exit(error.exit_code)


app = typer.Typer(
    cls=_Group,
    name="magref",
    help="An offline reference for magnesium supplements: forms, doses, interactions and evidence.\n\n"
    "Examples: magref info glycinate | magref compare glycinate oxide | magref interactions Lasix",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Settings(msgspec.Struct, frozen=True):
    """Options given before the command."""

    data: str | None = None
    no_color: bool = False


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"magref {__version__}\n")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option("--data", metavar="PATH", help="Read another dataset (a YAML file or folder)."),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text even on a terminal.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """An offline reference for magnesium supplements. Not medical advice."""
    ctx.obj = Settings(data=data, no_color=no_color)


JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
IcsOption = Annotated[
    str | None,
    typer.Option("--ics", metavar="FILE", help="Also write the times as daily calendar events (.ics)."),
]


def _settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Settings) else Settings()


def _load(ctx: typer.Context) -> Catalog:
    from magref import dataset

    return dataset.load(dataset.resolve_location(_settings(ctx).data))


def _mode(ctx: typer.Context, json: bool) -> Mode:
    from magref.render import output

    return output.detect(json=json, no_color=_settings(ctx).no_color)


def _emit(
    ctx: typer.Context, json: bool, payload: Callable[[], Any], document: Callable[[], Document]
) -> None:
    from magref.render import output

    output.emit(_mode(ctx, json), payload, document)


def _complete_form(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        data = _load(ctx)
    except MagrefError:
        return []
    return [form.id for form in data.forms if form.id.startswith(incomplete.lower())]


FormArgument = Annotated[
    str,
    typer.Argument(
        metavar="FORM", help="A form: glycinate, oxide, citrate...", autocompletion=_complete_form
    ),
]


# -- lookups ------------------------------------------------------------------------------------


@app.command()
def info(ctx: typer.Context, form: FormArgument, json: JsonOption = False) -> None:
    """One form: % elemental magnesium, absorption, stomach, uses, cautions, evidence, sources.

    Example: magref info glycinate
    """
    from magref import lookup
    from magref.render import views

    data = _load(ctx)
    found = lookup.find_form(data, form)
    evidence = lookup.evidence_for(data, found)
    sources = lookup.cited(data, lookup.form_sources(found))
    _emit(
        ctx,
        json,
        lambda: views.form_json(found, evidence, sources),
        lambda: views.form_document(found, evidence, sources),
    )


@app.command()
def compare(
    ctx: typer.Context,
    forms: Annotated[
        list[str],
        typer.Argument(metavar="FORM...", help="Two or more forms.", autocompletion=_complete_form),
    ],
    json: JsonOption = False,
) -> None:
    """Forms side by side; the best value in each row is marked.

    Example: magref compare glycinate oxide citrate
    """
    from magref import lookup
    from magref.render import views

    if len(forms) < 2:
        raise typer.BadParameter("give at least two forms to compare", param_hint="FORM")
    data = _load(ctx)
    found = lookup.find_forms(data, forms)
    best = lookup.best_in_rows(found)
    _emit(ctx, json, lambda: views.compare_json(found, best), lambda: views.compare_document(found, best))


@app.command(name="list")
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

    forms = lookup.sorted_forms(_load(ctx), sort)
    _emit(ctx, json, lambda: views.list_json(forms), lambda: views.list_document(forms))


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="Show the best N hits; 0 for all.")] = 20,
    json: JsonOption = False,
) -> None:
    """Search forms, interactions, cautions, uses, FAQ and sources, best first.

    Example: magref search sleep
    """
    from magref import search as core
    from magref.render import views

    if limit < 0:
        raise typer.BadParameter(f"{limit} is not a number of hits", param_hint="--limit")
    query = " ".join(text)
    hits = core.rank(_load(ctx).search_documents(), query)
    shown = hits[:limit] if limit else hits
    _emit(
        ctx,
        json,
        lambda: views.search_json(query, shown, len(hits)),
        lambda: views.search_document(query, shown, len(hits)),
    )


@app.command()
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
    items = lookup.faq_answers(_load(ctx), text)
    _emit(ctx, json, lambda: views.faq_json(items), lambda: views.faq_document(items, full=bool(text)))


@app.command()
def evidence(
    ctx: typer.Context,
    use: Annotated[list[str] | None, typer.Argument(help="A use: 'back pain', sleep, migraine...")] = None,
    json: JsonOption = False,
) -> None:
    """How strong the evidence is for each use, or for one.

    Example: magref evidence back pain
    """
    from magref import lookup
    from magref.render import views

    data = _load(ctx)
    if not use:
        uses = lookup.uses_by_grade(data)
        _emit(ctx, json, lambda: views.evidence_json(uses), lambda: views.evidence_list_document(uses))
        return
    found = lookup.find_use(data, " ".join(use))
    sources = lookup.cited(data, [*found.sources, *(s for f in found.findings for s in f.sources)])
    _emit(ctx, json, lambda: views.evidence_json([found]), lambda: views.evidence_document(found, sources))


@app.command()
def sources(
    ctx: typer.Context,
    source_id: Annotated[str | None, typer.Argument(help="One source id.")] = None,
    json: JsonOption = False,
) -> None:
    """The bibliography, or one source.

    Example: magref sources ods-hp
    """
    from magref import lookup
    from magref.render import views

    data = _load(ctx)
    found = [lookup.find_source(data, source_id)] if source_id else list(data.sources)
    _emit(ctx, json, lambda: views.sources_json(found), lambda: views.sources_document(found))


@app.command()
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

    location = Path(path) if path else dataset.resolve_location(_settings(ctx).data)
    problems = dataset.validate(location)
    if json:
        sys.stdout.write(output.to_json(views.validation_json(location, problems)))
    else:
        output.report_problems(problems)
        if not problems:
            sys.stdout.write(f"{location}: valid\n")
    if problems:
        if not json:
            output.error(f"{len(problems)} problem(s) in {location}")
        raise typer.Exit(EXIT_DATA)


@app.command()
def interactions(
    ctx: typer.Context,
    queries: Annotated[
        list[str] | None, typer.Argument(metavar="QUERY...", help="A medicine, brand or class word.")
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

    data = _load(ctx)
    if not queries:
        matches = core.every_class(data)
        _emit(ctx, json, lambda: views.classes_json(matches), lambda: views.classes_document(matches))
        return
    report = core.find(data, queries)
    _emit(ctx, json, lambda: views.report_json(report), lambda: views.report_document(report))


@app.command()
def plan(
    ctx: typer.Context,
    doses: Annotated[
        list[str], typer.Argument(metavar="DRUG@HH:MM...", help="Each medicine dose and its time.")
    ],
    ics: IcsOption = None,
    json: JsonOption = False,
) -> None:
    """The times of day when magnesium keeps every gap from your medicines.

    Example: magref plan doxycycline@08:00 doxycycline@20:00 levothyroxine@06:30
    """
    from magref import plan as core
    from magref.render import interaction_views as views

    requests = [core.parse_dose(text) for text in doses]
    result = core.make_plan(_load(ctx), requests)
    if not result.doses:
        first = result.unmatched[0].drug
        raise NotFound("medicine", first, [], "; ".join(result.notes))
    if ics is not None:
        _write_ics(ics, result)
    _emit(ctx, json, lambda: views.plan_json(result), lambda: views.plan_document(result))


SexOption = Annotated[str | None, typer.Option("--sex", metavar="female|male", help="female or male.")]
AgeOption = Annotated[
    float | None, typer.Option("--age", metavar="YEARS", help="Age in years; decimals for babies (0.25).")
]


MonthsOption = Annotated[float | None, typer.Option("--months", help="Age in months, for babies.")]
PregnantOption = Annotated[bool, typer.Option("--pregnant")]
LactatingOption = Annotated[bool, typer.Option("--lactating", help="Breastfeeding.")]


def _sex(value: str | None) -> Any:
    if value is None:
        return None
    folded = value.strip().lower()
    if folded in ("female", "f", "woman"):
        return "female"
    if folded in ("male", "m", "man"):
        return "male"
    raise typer.BadParameter(f"'{value}' is not female or male", param_hint="--sex")


def _age(age: float | None, months: float | None) -> float:
    if age is not None and months is not None:
        raise typer.BadParameter("give --age or --months, not both", param_hint="--months")
    if months is not None:
        return months / 12
    if age is None:
        raise typer.BadParameter("give an age, for example --age 30 or --months 4", param_hint="--age")
    return age


def _stage(pregnant: bool, lactating: bool) -> Any:
    if pregnant and lactating:
        raise typer.BadParameter("give --pregnant or --lactating, not both", param_hint="--lactating")
    return "pregnancy" if pregnant else "lactation" if lactating else None


@app.command()
def dose(
    ctx: typer.Context,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    json: JsonOption = False,
) -> None:
    """How much magnesium a day, and the upper limit from supplements, for one person.

    Example: magref dose --age 30 --sex female
    """
    from magref import dosing, lookup
    from magref.render import dosing_views as views

    data = _load(ctx)
    targets = dosing.targets(
        data, dosing.check_age(_age(age, months)), _sex(sex), _stage(pregnant, lactating)
    )
    notes = data.dosing.notes
    sources = lookup.cited(data, [*targets[0].sources, *(s for n in notes for s in n.sources)])
    _emit(
        ctx,
        json,
        lambda: views.dose_json(targets, notes),
        lambda: views.dose_document(targets, notes, sources),
    )


@app.command()
def convert(
    ctx: typer.Context,
    amount: Annotated[str, typer.Argument(help="An amount: 500, 500mg or 0.5g.")],
    form: FormArgument,
    elemental: Annotated[
        bool, typer.Option("--elemental", help="AMOUNT is elemental magnesium: how much compound gives it?")
    ] = False,
    times: Annotated[int, typer.Option("--times", metavar="N", help="Doses a day, for the daily total.")] = 1,
    age: AgeOption = None,
    json: JsonOption = False,
) -> None:
    """Compound milligrams to elemental magnesium, and the daily total against the upper limit.

    Example: magref convert 500mg glycinate --times 2
    """
    from magref import dosing, lookup
    from magref.render import dosing_views as views

    amount_mg = dosing.parse_amount(amount)
    data = _load(ctx)
    found = lookup.find_form(data, form)
    who = dosing.ADULT_AGE if age is None else age
    result = dosing.convert(data, found, amount_mg, elemental=elemental, times=times, age=who)
    _emit(ctx, json, lambda: views.convert_json(result), lambda: views.convert_document(result))


@app.command()
def cautions(
    ctx: typer.Context,
    condition: Annotated[
        list[str] | None, typer.Argument(help="A condition: kidney, CKD, pregnancy...")
    ] = None,
    json: JsonOption = False,
) -> None:
    """Conditions that call for care with magnesium, and the signs of too much.

    Example: magref cautions kidney disease
    """
    from magref import lookup
    from magref.errors import NotFound as Missing
    from magref.render import check_views as views

    data = _load(ctx)
    if not condition:
        items = list(data.cautions)
        _emit(
            ctx,
            json,
            lambda: views.cautions_json(items, data.excess),
            lambda: views.cautions_document(items, data.excess),
        )
        return
    try:
        found = lookup.find_caution(data, " ".join(condition))
    except Missing as missing:
        missing.hint = "Not being listed is not evidence of safety: ask a doctor or pharmacist."
        raise
    sources = lookup.cited(data, [*found.sources, *data.excess.sources])
    _emit(
        ctx,
        json,
        lambda: views.cautions_json([found], data.excess),
        lambda: views.caution_document(found, data.excess, sources),
    )


FormOption = Annotated[str | None, typer.Option("--form", help="The form in your product.")]
AmountOption = Annotated[str | None, typer.Option("--amount", help="Compound weight per dose: 500mg.")]
TimesOption = Annotated[int, typer.Option("--times", metavar="N", help="Doses a day.")]
DrugOption = Annotated[
    list[str] | None, typer.Option("--drug", metavar="NAME[@HH:MM]", help="A medicine you take; repeat.")
]
ConditionOption = Annotated[
    list[str] | None, typer.Option("--condition", help="A condition you have; repeat.")
]


def _check_report(
    ctx: typer.Context,
    age: float | None,
    months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    form: str | None,
    amount: str | None,
    times: int,
    drug: list[str] | None,
    condition: list[str] | None,
) -> Report:
    """The core's check for the options that ``check`` and ``report`` share."""
    from magref import check as core
    from magref import dosing

    person = core.Person(dosing.check_age(_age(age, months)), _sex(sex), _stage(pregnant, lactating))
    product = core.product_from_options(form, amount, times)
    return core.check(_load(ctx), person, product, drug or [], condition or [])


def _write_ics(path: str, plan: Plan) -> None:
    from datetime import date

    from magref.render import ics

    _write_file(path, ics.calendar(plan, date.today()))


def _write_file(path: str, content: bytes | str) -> None:
    from pathlib import Path

    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise InputError(
            f"cannot write {path}: {error.strerror or error}", "give a file in a folder you can write to"
        ) from None


@app.command()
def check(
    ctx: typer.Context,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    form: FormOption = None,
    amount: AmountOption = None,
    times: TimesOption = 1,
    drug: DrugOption = None,
    condition: ConditionOption = None,
    json: JsonOption = False,
) -> None:
    """One report for one person: intake, interactions, timing, cautions and flags.

    Example: magref check --age 70 --sex female --drug furosemide --form oxide --amount 500 --times 2
    """
    from magref.render import check_views as views

    report = _check_report(ctx, age, months, sex, pregnant, lactating, form, amount, times, drug, condition)
    _emit(ctx, json, lambda: views.check_json(report), lambda: views.check_document(report))


@app.command()
def report(
    ctx: typer.Context,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    form: FormOption = None,
    amount: AmountOption = None,
    times: TimesOption = 1,
    drug: DrugOption = None,
    condition: ConditionOption = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, not stdout.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="html|md", help="html (default) or md.")] = "html",
    ics: IcsOption = None,
    json: JsonOption = False,
) -> None:
    """The check as one printable page to hand to a pharmacist or doctor: HTML or Markdown.

    Takes the same options as check. Example:
    magref report --age 68 --sex female --drug levothyroxine@07:00 --form citrate --amount 400 -o report.html
    """
    if fmt not in ("html", "md"):
        raise typer.BadParameter(f"'{fmt}' is not html or md", param_hint="--format")
    result = _check_report(ctx, age, months, sex, pregnant, lactating, form, amount, times, drug, condition)
    if ics is not None and result.plan is None:
        raise InputError("--ics needs at least one medicine with a time", "give --drug NAME@HH:MM")
    if json:
        from magref.render import check_views as views
        from magref.render import output as out

        text = out.to_json(views.check_json(result))
    else:
        from magref.render import report as page

        text = page.render(result, "md" if fmt == "md" else "html")
    if ics is not None and result.plan is not None:
        _write_ics(ics, result.plan)
    if output is None or output == "-" or json:
        sys.stdout.write(text)
    else:
        _write_file(output, text)


def main() -> None:
    """Entry point of the ``magref`` command: never a traceback, even for a bug."""
    _register_only(_requested_command(sys.argv[1:]))
    try:
        app()
    except Exception as error:
        from magref.render.output import error as show_error

        show_error(f"internal error: {type(error).__name__}: {error}", "please report this as a bug")
        sys.exit(EXIT_INTERNAL)


def _requested_command(args: list[str]) -> str | None:
    """The command named on the command line, skipping the options that come before it."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--data":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _register_only(name: str | None) -> None:
    """Typer builds every command before it runs one; keep only the one asked for.

    This saves about 15 ms a run. Help, completion and unknown names keep every command.
    """
    if name is None or any(key.startswith("_MAGREF_COMPLETE") for key in os.environ):
        return
    wanted = [
        info
        for info in app.registered_commands
        if (info.name or getattr(info.callback, "__name__", "").replace("_", "-")) == name
    ]
    if wanted:
        app.registered_commands[:] = wanted
