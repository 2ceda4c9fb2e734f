"""The magref command line: parse arguments, call the core, hand the result to a view.

Only Typer and the standard library are imported at start-up; each command imports what it needs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import msgspec
import typer
from typer.core import TyperGroup

from magref import __version__
from magref.errors import (
    EXIT_DATA,
    EXIT_NO_MATCH,
    BrokenPipe,
    DatasetError,
    Exit,
    InputError,
    MagrefError,
    NotFound,
    UnknownCommand,
)
from magref.region import DEFAULT_REGION, ENV_REGION, Region

if TYPE_CHECKING:
    from magref.catalog import Catalog
    from magref.check import Report
    from magref.plan import Plan
    from magref.render.document import Document
    from magref.render.output import Mode

EXIT_INTERNAL = Exit.INTERNAL


#: Each command's own one-command Typer app, made into a Click command only when it is asked for.
_COMMANDS: dict[str, typer.Typer] = {}
_Function = TypeVar("_Function", bound=Callable[..., None])
HELP_WORDS = ("-h", "--help")


def command(name: str | None = None) -> Callable[[_Function], _Function]:
    """Register a command; Typer builds it (its parameters, its help) only when it runs."""

    def register(function: _Function) -> _Function:
        one = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
        one.command(name=name)(function)
        _COMMANDS[name or function.__name__.replace("_", "-")] = one
        return function

    return register


class _Group(TyperGroup):
    """Loads each command when it is asked for, puts help where it was meant, and turns every
    error into a plain message on stderr and an exit code; never a traceback."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            self.commands[cmd_name] = typer.main.get_command(_COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            args = _help_after_command(args)
            _refuse_repeats(self, ctx, args)
        except MagrefError as error:
            _report(error)
        return list(super().parse_args(ctx, args))

    def invoke(self, ctx: Any) -> Any:
        from magref.catalog import IndexDamaged

        # The command's own arguments, to run it again (Click empties them as it starts it).
        protected = "_protected_args" if hasattr(ctx, "_protected_args") else "protected_args"
        arguments = (list(getattr(ctx, protected)), list(ctx.args))
        try:
            try:
                return super().invoke(ctx)
            except IndexDamaged:
                # The index file went bad under this run: answer again from an index built in
                # memory. The file is removed only if it fails its checksum.
                global _index_in_memory
                if _index_in_memory:
                    raise
                from magref import cache, dataset

                cache.discard_if_damaged(dataset.resolve_location(_settings(ctx).data))
                _index_in_memory = True
                setattr(ctx, protected, arguments[0])
                ctx.args = arguments[1]
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
        except typer.Abort as abort:
            if isinstance(abort.__cause__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            _stderr("magref: aborted\n")
            sys.exit(1)
        except Exception as error:
            if not hasattr(error, "exit_code") or not hasattr(error, "format_message"):
                raise
            _report_usage(error)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def _command_position(args: list[str]) -> int | None:
    """Where the command's name is among the arguments, past the options before it."""
    skip = False
    for position, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--data":
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return position
    return None


#: Put before the words when what was typed after magref was not a command and is searched for.
INSTEAD_OF_A_COMMAND = "\x00not-a-command"


def _help_after_command(args: list[str]) -> list[str]:
    """``magref -h info`` and ``magref info help`` as ``magref info -h``; ``-help`` as ``--help``.

    A name close to a command is refused here, with the commands it is close to; other words
    ("magref glycinate for sleep") are searched for.
    """
    args = ["--help" if arg == "-help" else arg for arg in args]
    position = _command_position(args)
    if position is None:
        return args
    name, before, after = args[position], args[:position], args[position + 1 :]
    if name == "version" and not after:
        return [*before, "--version"]
    if name not in _COMMANDS:
        from magref.names import is_noise, suggest

        close = suggest(name, list(_COMMANDS))
        if close and not is_noise(name.casefold()):  # "is", "can", "what": a question, not a typo
            raise UnknownCommand(name, close)
        # Not a command nor close to one: a question typed straight after magref, so search it,
        # saying so once the search has found something (a miss says it all in one line).
        return [*before, "search", INSTEAD_OF_A_COMMAND, name, *after]
    if name == "help":
        return args
    if any(arg in HELP_WORDS for arg in before):
        return [*(arg for arg in before if arg not in HELP_WORDS), name, "--help"]
    if [arg for arg in after if not arg.startswith("-")] == ["help"]:
        return [*before, name, "--help"]
    return args


def _refuse_repeats(group: Any, ctx: Any, args: list[str]) -> None:
    """Refuse an option that takes one value given twice: the parser would keep only the last one.

    Options that may repeat (--drug, --take...) and on/off flags are left alone.
    """
    single = _single_value_options(group)
    seen: dict[str, int] = {}
    position = 0
    while position < len(args):
        arg = args[position]
        name = arg.split("=", 1)[0]
        if arg == "--":
            return
        if name in single:
            seen[name] = seen.get(name, 0) + 1
            position += 1 if "=" in arg else 2
            continue
        if not arg.startswith("-"):
            command = group.get_command(ctx, arg)
            if command is not None and seen == {} and not hasattr(command, "commands"):
                _refuse_in_command(command, args[position + 1 :])
            break
        position += 1
    _raise_repeats(seen, single, take=False)


def _refuse_in_command(command: Any, args: list[str]) -> None:
    single = _single_value_options(command)
    seen: dict[str, int] = {}
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--":
            break
        name = arg.split("=", 1)[0]
        if name in single:
            seen[name] = seen.get(name, 0) + 1
            position += 1 if "=" in arg else 2
            continue
        position += 1
    take = any("--take" in getattr(param, "opts", []) for param in command.params)
    _raise_repeats(seen, single, take)


def _single_value_options(command: Any) -> dict[str, str]:
    """Each spelling of every option that keeps one value, mapped to its main spelling."""
    found: dict[str, str] = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or param.multiple or param.is_flag:
            continue
        for spelling in [*param.opts, *param.secondary_opts]:
            found[spelling] = param.opts[0]
    return found


def _raise_repeats(seen: dict[str, int], single: dict[str, str], take: bool) -> None:
    counts: dict[str, int] = {}
    for spelling, count in seen.items():
        counts[single[spelling]] = counts.get(single[spelling], 0) + count
    repeated = [f"{name} ({count} times)" for name, count in counts.items() if count > 1]
    if repeated:
        hint = "give each once"
        if take:
            hint = "for several products give --take once for each, e.g. --take '500 mg oxide x2'"
        raise InputError(f"only one value is kept for {', '.join(repeated)}", hint)


def _report_usage(error: Any) -> None:
    """A usage error as plain text, with the user's input made harmless."""
    from magref.render.output import shorten
    from magref.text import clean

    lines = []
    context = getattr(error, "ctx", None)
    if context is not None:
        lines += [context.get_usage(), f"Try '{context.command_path} -h' for help."]
    lines.append(f"magref: {shorten(clean(error.format_message()))}")
    _stderr("\n".join(lines) + "\n")


def _stderr(text: str) -> None:
    from magref.render.output import to_stderr

    to_stderr(text)


def _report(error: MagrefError) -> NoReturn:
    from magref.render.output import error as show_error
    from magref.render.output import silence

    if isinstance(error, BrokenPipe):
        silence()
        raise typer.Exit(error.exit_code)
    if isinstance(error, DatasetError):
        from magref.render.output import report_problems

        report_problems(error.problems, error.total)
    message, suggestions, hint = error.message, None, error.hint
    if isinstance(error, NotFound) and error.reason in ("nothing-on", "nothing-on-not-a-command"):
        from magref.render.phrases import nothing_found

        message, hint = nothing_found(error), None
    elif isinstance(error, NotFound):
        from magref.render.phrases import not_found_hint

        suggestions, hint = error.suggestions, not_found_hint(error)
    show_error(message, hint, suggestions)
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


#: Set when the cached index turned out damaged during this run.
_index_in_memory = False


def _load(ctx: typer.Context) -> Catalog:
    from magref import dataset

    catalog = dataset.load(dataset.resolve_location(_settings(ctx).data), use_cache=not _index_in_memory)
    if catalog.cache_note:
        from magref.render.output import error as show_error
        from magref.render.views import cache_warning

        show_error(*cache_warning(catalog.cache_note))
    return catalog


def _mode(ctx: typer.Context, json: bool) -> Mode:
    from magref.render import output

    return output.detect(json=json, no_color=_settings(ctx).no_color)


def _emit(
    ctx: typer.Context, json: bool, payload: Callable[[], Any], document: Callable[[], Document]
) -> None:
    from magref.render import output

    output.emit(_mode(ctx, json), payload, document)


def _complete_medicine(ctx: typer.Context, incomplete: str) -> list[str]:
    """Medicine names, brands and class words that start with what was typed (after any ``NAME@``)."""
    try:
        data = _load(ctx)
    except MagrefError:
        return []
    return _as_typed(data.completions(["interactions", "medicines", "families"], incomplete), incomplete)


def _as_typed(labels: list[str], incomplete: str) -> list[str]:
    """Completions that start exactly as typed: the shell drops any whose case differs ("jap": "japan")."""
    return list(dict.fromkeys(incomplete + label[len(incomplete) :] for label in labels))


def _names_in(*sections: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion from the names of entries in ``sections`` (products, cautions...)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            data = _load(ctx)
        except MagrefError:
            return []
        return _as_typed(data.completions(list(sections), incomplete), incomplete)

    return complete


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
FormWords = Annotated[
    list[str],
    typer.Argument(
        metavar="FORM",
        help="A form: glycinate, oxide, 'milk of magnesia'...",
        autocompletion=_complete_form,
    ),
]


# -- lookups ------------------------------------------------------------------------------------


@command()
def info(ctx: typer.Context, form: FormWords, json: JsonOption = False) -> None:
    """One form: % elemental magnesium, absorption, stomach, uses, cautions, evidence, sources.

    Example: magref info glycinate
    """
    from magref import lookup
    from magref.render import views

    data = _load(ctx)
    found = lookup.find_form(data, " ".join(form))
    evidence = lookup.evidence_for(data, found)
    sources = lookup.cited(data, lookup.form_sources(found))
    _emit(
        ctx,
        json,
        lambda: views.form_json(found, evidence, sources),
        lambda: views.form_document(found, evidence, sources),
    )


@command()
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

    data = _load(ctx)
    found = lookup.find_forms(data, forms)
    if len(found) < 2:
        named = f"'{' '.join(forms)}' names only {found[0].name.lower()}" if found else "one form"
        raise typer.BadParameter(f"give at least two forms to compare; {named}", param_hint="FORM")
    best = lookup.best_in_rows(found)
    _emit(ctx, json, lambda: views.compare_json(found, best), lambda: views.compare_document(found, best))


@command(name="list")
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


@command()
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
        raise typer.BadParameter(f"{limit} is not a number of hits", param_hint="--limit")
    instead = bool(text) and text[0] == INSTEAD_OF_A_COMMAND
    words = text[1:] if instead else text
    try:
        results = core.search(_load(ctx), " ".join(words), region=region)
    except NotFound as error:
        if instead and error.reason == "nothing-on":
            error.reason = "nothing-on-not-a-command"
        raise
    if instead:
        from magref.render.output import error as show_error
        from magref.render.phrases import searching_instead

        show_error(searching_instead(words[0]))  # escaped and shortened, as every echo
    shown = results.hits[:limit] if limit else results.hits
    _emit(ctx, json, lambda: views.search_json(results, shown), lambda: views.search_document(results, shown))


@command()
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


@command()
def evidence(
    ctx: typer.Context,
    use: Annotated[
        list[str] | None,
        typer.Argument(help="A use: 'back pain', sleep, migraine...", autocompletion=_names_in("uses")),
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

    data = _load(ctx)
    if not use:
        uses = lookup.uses_by_grade(data)
        _emit(ctx, json, lambda: views.evidence_json(uses), lambda: views.evidence_list_document(uses))
        return
    answer = doses.evidence(data, " ".join(use), region)
    _emit(ctx, json, lambda: dose_views.evidence_json(answer), lambda: dose_views.evidence_document(answer))


@command()
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

    data = _load(ctx)
    found = [lookup.find_source(data, " ".join(source_id))] if source_id else list(data.sources)
    _emit(ctx, json, lambda: views.sources_json(found), lambda: views.sources_document(found))


@command()
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
    problems = dataset.validate(location, use_cache=True)
    if json:
        sys.stdout.write(output.to_json(views.validation_json(location, problems)))
    else:
        output.report_problems(problems)
        if not problems:
            from magref.text import clean

            sys.stdout.write(f"{clean(str(location))}: valid\n")
    if problems:
        if not json:
            output.error(f"{problems.total:,} problem(s) in {location}")
        raise typer.Exit(EXIT_DATA)


@command()
def interactions(
    ctx: typer.Context,
    queries: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="QUERY...",
            help="A medicine, brand or class word, or a sentence around them.",
            autocompletion=_complete_medicine,
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

    data = _load(ctx)
    if not queries:
        matches = core.every_class(data)
        _emit(ctx, json, lambda: views.classes_json(matches), lambda: views.classes_document(matches))
        return
    if not json:
        report = core.find(data, queries)
        _emit(ctx, json, lambda: views.report_json(report), lambda: views.report_document(report))
        return
    # Several queries: the JSON document is printed even when nothing matched, with exit 1.
    report = core.match(data, queries)
    _emit(ctx, json, lambda: views.report_json(report), lambda: views.report_document(report))
    if not report.answered:
        raise typer.Exit(EXIT_NO_MATCH)


@command()
def plan(
    ctx: typer.Context,
    doses: Annotated[
        list[str],
        typer.Argument(
            metavar="DRUG@TIME...",
            help="Each medicine dose and its time: doxycycline@8am.",
            autocompletion=_complete_medicine,
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
    result = core.make_plan(_load(ctx), requests, untimed=untimed)
    if not result.doses and result.unmatched and json:
        # Several queries: the JSON document is printed even when nothing matched, with exit 1.
        _emit(ctx, json, lambda: views.plan_json(result), lambda: views.plan_document(result))
        raise typer.Exit(EXIT_NO_MATCH)
    if not result.doses and result.unmatched:
        from magref.render.phrases import plan_note

        first = result.unmatched[0].drug
        raise NotFound("medicine", first, [], "; ".join(plan_note(note) for note in result.notes))
    if ics is not None:
        _one_stdout(("--ics -", ics == "-"), ("--json", json))
        _write_ics(ics, result)
        if ics == "-":  # the calendar is the output
            return
    _emit(ctx, json, lambda: views.plan_json(result), lambda: views.plan_document(result))


SexOption = Annotated[str | None, typer.Option("--sex", metavar="female|male", help="female or male.")]
AgeOption = Annotated[
    float | None, typer.Option("--age", metavar="YEARS", help="Age in years; decimals for babies (0.25).")
]


MonthsOption = Annotated[float | None, typer.Option("--months", help="Age in months, for babies.")]


def _region_word(value: str | Region) -> str:
    return value.value if isinstance(value, Region) else value


def _region(ctx: typer.Context, value: str | Region | None) -> Region:
    """A region as typed: its id, or any name the dataset gives it ("efsa", "germany")."""
    if value is None:
        return DEFAULT_REGION
    if isinstance(value, Region):
        return value
    try:
        return Region(value.strip().casefold())
    except ValueError:
        from magref import dosing

        try:
            return Region(dosing.find_region(_load(ctx), value).id)
        except NotFound as missing:
            source = ctx.get_parameter_source("region")
            where = f"{ENV_REGION} " if source is not None and source.name == "ENVIRONMENT" else ""
            raise typer.BadParameter(
                f"{where}'{value}' is not a region magref knows; {missing.hint}", param_hint="--region"
            ) from None


#: The region option: typed as a region, read as text (an id or any name the dataset gives a
#: region) and turned into one by ``_region``.
_REGION_OPTION = typer.Option(
    "--region",
    envvar=ENV_REGION,
    parser=_region_word,
    callback=_region,
    metavar="REGION",
    help="Whose reference values: us, eu, uk, au-nz, dach, nordic, japan or who, or a name "
    "such as efsa or germany.",
)
if TYPE_CHECKING:
    RegionOption = Annotated[Region, _REGION_OPTION]
else:
    RegionOption = Annotated[str, _REGION_OPTION]
WhoArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[WHO]...", help="Age, sex, pregnant or breastfeeding, region: 35 female."),
]
PregnantOption = Annotated[bool, typer.Option("--pregnant")]
LactatingOption = Annotated[bool, typer.Option("--lactating", help="Breastfeeding.")]


def _sex(value: str | None) -> Any:
    from magref.syntax import SEX_WORDS

    if value is None:
        return None
    folded = value.strip().casefold()
    if folded in SEX_WORDS:
        return SEX_WORDS[folded]
    raise typer.BadParameter(f"'{value}' is not female or male", param_hint="--sex")


def _age(age: float | None, months: float | None) -> float:
    if age is not None and months is not None:
        raise typer.BadParameter("give --age or --months, not both", param_hint="--months")
    if months is not None:
        return months / 12
    if age is None:
        raise typer.BadParameter(
            "give an age, for example: 30 female, --age 30 or --months 4", param_hint="--age"
        )
    return age


def _stage(pregnant: bool, lactating: bool) -> Any:
    if pregnant and lactating:
        raise typer.BadParameter("give --pregnant or --lactating, not both", param_hint="--lactating")
    return "pregnancy" if pregnant else "lactation" if lactating else None


def _person_words(
    ctx: typer.Context,
    words: list[str],
    age: float | None,
    months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    region: Region,
) -> tuple[float | None, float | None, str | None, bool, bool, Region]:
    """The options, filled in from words such as "35 female"; a thing said both ways is refused."""
    from magref import resolve
    from magref.syntax import parse_person

    def region_named(word: str) -> Region | None:
        """A region by any name the dataset gives it ("efsa"), through the one resolver."""
        data = _load(ctx)
        found = resolve.single(data, word, "regions")
        return None if found is None else Region(data.entry("regions", found[0]).id)

    person = parse_person(words, region_named)
    given = {
        "--age": person.age is not None and age is not None,
        "--months": person.months is not None and months is not None,
        "--sex": person.sex is not None and sex is not None,
        "--region": person.region is not None and _given(ctx, "region"),
    }
    for option, twice in given.items():
        if twice:
            raise typer.BadParameter(f"the words and {option} both say it; give one", param_hint=option)
    return (
        age if person.age is None else person.age,
        months if person.months is None else person.months,
        sex if person.sex is None else person.sex,
        pregnant or person.stage == "pregnancy",
        lactating or person.stage == "lactation",
        region if person.region is None else person.region,
    )


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether the option ``name`` was typed on the command line (not a default or the environment)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


@command()
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

    if words:
        age, months, sex, pregnant, lactating, region = _person_words(
            ctx, words, age, months, sex, pregnant, lactating, region
        )
    data = _load(ctx)
    years, who, stage = dosing.check_age(_age(age, months)), _sex(sex), _stage(pregnant, lactating)
    if compare_regions:
        if _given(ctx, "region"):
            raise typer.BadParameter(
                "--compare-regions shows every region; leave out --region", param_hint="--region"
            )
        sexes: list[dosing.Sex] = [who] if who else ["female"] if stage else list(dosing.SEXES)
        by_sex = [dosing.compare_regions(data, years, each, stage) for each in sexes]
        rows = [list(row) for row in zip(*by_sex, strict=True)]
        cited = lookup.cited(data, [s for row in rows for t in row for s in t.sources])
        regions = list(data.regions)
        _emit(
            ctx,
            json,
            lambda: views.compare_json(rows),
            lambda: views.compare_document(rows, regions, cited),
        )
        return
    targets = dosing.targets(data, years, who, stage, region)
    values = dosing.reference_values(data, region)
    notes = [*values.notes, *data.dosing.notes]
    sources = lookup.cited(data, [*targets[0].sources, *(s for n in notes for s in n.sources)])
    _emit(
        ctx,
        json,
        lambda: views.dose_json(targets, notes),
        lambda: views.dose_document(targets, notes, sources, values),
    )


@command()
def convert(
    ctx: typer.Context,
    amount: Annotated[
        list[str],
        typer.Argument(
            metavar="AMOUNT [FORM|PRODUCT]",
            help="500mg glycinate, 375 mg magnesium, 4 mmol, 30ml 'milk of magnesia'.",
            autocompletion=_complete_form,
        ),
    ],
    elemental: Annotated[
        bool, typer.Option("--elemental", help="AMOUNT is elemental magnesium: how much compound gives it?")
    ] = False,
    times: Annotated[int, typer.Option("--times", metavar="N", help="Doses a day, for the daily total.")] = 1,
    units: Annotated[bool, typer.Option("--mmol", help="Also show mmol and mEq.")] = False,
    age: AgeOption = None,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """Milligrams of a form or product to elemental magnesium, and the daily total against the limit.

    Example: magref convert 500mg glycinate --times 2
    """
    from magref import amounts, dosing, intake
    from magref.render import dosing_views, intake_views

    item = _with_times(amounts.parse_item(" ".join(amount)), times, "--times")
    if elemental:
        item = _elemental(item)
    data = _load(ctx)
    who = dosing.ADULT_AGE if age is None else dosing.check_age(age)
    stack = intake.stack(data, [item], who, region)
    line = stack.lines[0]
    if line.kind == "form" and line.form is not None and item.mass is not None and not line.units_per_dose:
        result = dosing.convert(
            data, line.form, item.mass.mg, elemental=item.mass.basis is intake.Basis.ELEMENTAL,
            times=item.times, age=who, region=region, basis_stated=item.basis_stated or elemental,
        )  # fmt: skip
        if not units:
            _emit(
                ctx,
                json,
                lambda: dosing_views.convert_json(result),
                lambda: dosing_views.convert_document(result),
            )
            return
    _emit(
        ctx,
        json,
        lambda: intake_views.convert_line_json(line, stack),
        lambda: intake_views.line_document(line, stack, show_units=units),
    )


def _with_times(item: Any, times: int, option: str) -> Any:
    """The item with doses a day from an option; refused when the item already says a different count."""
    import msgspec

    if times == 1:
        return item
    if item.times != 1 and item.times != times:
        raise InputError(f"'{item.text}' says x{item.times} but {option} says {times}", "give the count once")
    return msgspec.structs.replace(item, times=times)


def _elemental(item: Any) -> Any:
    import msgspec

    from magref.intake import Basis, Mass

    if item.mass is None:
        raise InputError("--elemental goes with an amount in mg or g", "leave it out for mL or tablets")
    return msgspec.structs.replace(item, mass=Mass(item.mass.mg, Basis.ELEMENTAL, item.mass.stated))


@command()
def stack(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="ITEM...",
            help="Each thing you take, quoted: 'glycinate 200 mg elemental x2', 'milk of magnesia 30 mL'.",
            autocompletion=_names_in("forms", "products"),
        ),
    ],
    age: AgeOption = None,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """Everything taken in a day, added up as elemental magnesium against the upper limit.

    Example: magref stack "glycinate 200 mg elemental x2" "milk of magnesia 30 mL" "rolaids 2 tablets x3"
    """
    from magref import amounts, dosing, intake
    from magref.render import intake_views as views

    requests = [amounts.parse_item(text) for text in items]
    who = dosing.ADULT_AGE if age is None else dosing.check_age(age)
    result = intake.stack(_load(ctx), requests, who, region)
    _emit(ctx, json, lambda: views.stack_json(result), lambda: views.stack_document(result))


@command()
def products(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None,
        typer.Argument(help="A product: rolaids, milk of magnesia...", autocompletion=_names_in("products")),
    ] = None,
    age: Annotated[
        float | None, typer.Option("--age", help="An age in years: the label's dose at that age.")
    ] = None,
    json: JsonOption = False,
) -> None:
    """Medicines and products that carry magnesium, with the figures from their labels.

    Example: magref products milk of magnesia --age 8
    """
    from magref import doses, resolve
    from magref.model import Product
    from magref.render import dose_views
    from magref.render import intake_views as views

    data = _load(ctx)
    if not name:
        if age is not None:
            raise InputError("--age needs a product", "name one: magref products milk of magnesia --age 8")
        items = list(data.products)
        _emit(ctx, json, lambda: views.products_json(items), lambda: views.products_document(items))
        return
    found: Product = data.entry("products", resolve.one(data, " ".join(name), "products", "product"))
    answer = doses.product_answer(data, found, age)
    _emit(ctx, json, lambda: dose_views.product_json(answer), lambda: dose_views.product_document(answer))


@command()
def label(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(metavar="TEXT", help="One line of a label, quoted.")],
    age: AgeOption = None,
    region: Annotated[
        Region | None,
        typer.Option(
            "--region",
            envvar=ENV_REGION,
            case_sensitive=False,
            help="Whose upper limit; without it, % NRV reads as EU and % DV as US.",
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Read one label line: which compound, how much elemental magnesium, and whether it is ambiguous.

    Example: magref label "Magnesium (as magnesium glycinate) 200 mg"
    """
    from magref import dosing, labels
    from magref.render import intake_views as views

    who = dosing.ADULT_AGE if age is None else dosing.check_age(age)
    found = labels.read(_load(ctx), " ".join(text), who, region)
    _emit(ctx, json, lambda: views.label_json(found), lambda: views.label_document(found))


@command()
def lab(
    ctx: typer.Context,
    result: Annotated[
        list[str],
        typer.Argument(
            metavar="VALUE UNIT", help="The result and its unit: 1.9 mg/dL, 0.8 mmol/L, 1.6 mEq/L."
        ),
    ],
    range_id: Annotated[
        str | None,
        typer.Option(
            "--range",
            metavar="ID",
            help="iom-1997 (default), uk-laboratories, australia-rcpa, medlineplus or sulfate-label.",
        ),
    ] = None,
    region: Annotated[
        Region,
        typer.Option(
            "--region",
            envvar=ENV_REGION,
            case_sensitive=False,
            help="Whose laboratories: the region's usual range, unless --range names another.",
        ),
    ] = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """A blood (serum) magnesium result against a named reference range: low, within or high.

    Example: magref lab 1.9 mg/dL | magref lab 0.68 mmol/L --region uk
    """
    from magref import amounts, lookup, serum
    from magref.render import intake_views as views

    number, serum_unit, printed = amounts.parse_serum(" ".join(result))
    if printed is not None and range_id is not None:
        raise typer.BadParameter("the result gives its own range; leave out --range", param_hint="--range")
    data = _load(ctx)
    own = serum.printed_range(*printed) if printed else None
    found = serum.interpret(data, number, serum_unit, range_id, own, region)
    ids = [*found.range.sources, *(s for t in found.thresholds for s in t.sources)]
    sources = lookup.cited(data, ids)
    _emit(ctx, json, lambda: views.lab_json(found, sources), lambda: views.lab_document(found, sources))


@command()
def cautions(
    ctx: typer.Context,
    condition: Annotated[
        list[str] | None,
        typer.Argument(help="A condition: kidney, CKD, pregnancy...", autocompletion=_names_in("cautions")),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Conditions that call for care with magnesium, and the signs of too much.

    Example: magref cautions kidney disease
    """
    from magref import lookup
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
    found = lookup.find_caution(data, " ".join(condition))
    sources = lookup.cited(data, [*found.sources, *data.excess.sources])
    _emit(
        ctx,
        json,
        lambda: views.cautions_json([found], data.excess),
        lambda: views.caution_document(found, data.excess, sources),
    )


TakeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--take",
        metavar="ITEM",
        help="Something you take, as for stack: '500 mg oxide x2'; repeat.",
        autocompletion=_names_in("forms", "products"),
    ),
]
FormOption = Annotated[
    list[str] | None,
    typer.Option(
        "--form", help="The form in your product; repeat with --amount.", autocompletion=_complete_form
    ),
]
AmountOption = Annotated[
    list[str] | None, typer.Option("--amount", help="Compound weight per dose: 500mg; one for each --form.")
]
TimesOption = Annotated[
    list[int] | None, typer.Option("--times", metavar="N", help="Doses a day; once, or one for each --form.")
]
DrugOption = Annotated[
    list[str] | None,
    typer.Option(
        "--drug",
        metavar="NAME[@TIME]",
        help="A medicine you take, and when: levothyroxine@7am; repeat.",
        autocompletion=_complete_medicine,
    ),
]
ConditionOption = Annotated[
    list[str] | None,
    typer.Option("--condition", help="A condition you have; repeat.", autocompletion=_names_in("cautions")),
]
ForOption = Annotated[
    list[str] | None,
    typer.Option(
        "--for",
        metavar="USE",
        help="What you take it for (migraine...): the doses studied, against your limit; repeat.",
        autocompletion=_names_in("uses"),
    ),
]

LabOption = Annotated[
    str | None,
    typer.Option(
        "--lab",
        metavar="RESULT",
        help="A blood magnesium result as printed: '1.4 mg/dL (1.6-2.6)', '0.62 mmol/L', 'Mg 1.4 L'.",
    ),
]
EgfrOption = Annotated[float | None, typer.Option("--egfr", metavar="ML/MIN", help="Kidney function: eGFR.")]
CkdOption = Annotated[
    str | None, typer.Option("--ckd", metavar="STAGE", help="Chronic kidney disease stage: 1-5, 3a, 3b.")
]
DialysisOption = Annotated[bool, typer.Option("--dialysis", help="On dialysis.")]


def _status_given(lab: str | None, egfr: float | None, ckd: str | None, dialysis: bool) -> Any:
    """The blood result and kidney function typed, for the check."""
    from magref import status

    return status.Given(lab=lab, egfr=egfr, ckd=ckd, dialysis=dialysis)


def _check_report(
    ctx: typer.Context,
    words: list[str] | None,
    age: float | None,
    months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    take: list[str] | None,
    form: list[str] | None,
    amount: list[str] | None,
    times: list[int] | None,
    drug: list[str] | None,
    condition: list[str] | None,
    region: Region,
    for_use: list[str] | None = None,
    given: Any = None,
) -> Report:
    """The check's result for the options ``check`` and ``report`` share; ``given`` the blood result
    and kidney function (``_status_given``)."""
    from magref import amounts, dosing
    from magref import check as core
    from magref.syntax import parse_medicine

    if words:
        age, months, sex, pregnant, lactating, region = _person_words(
            ctx, words, age, months, sex, pregnant, lactating, region
        )
    years = dosing.check_age(_age(age, months))
    person = core.Person(years, _sex(sex), _stage(pregnant, lactating), region)
    items = [
        *_paired_items(form or [], amount or [], times or []),
        *(amounts.parse_item(t) for t in take or []),
    ]
    medicines = [medicine for text in drug or [] for medicine in parse_medicine(text)]
    return core.check(_load(ctx), person, items, medicines, condition or [], for_use or [], given)


def _write_ics(path: str, plan: Plan) -> None:
    from datetime import date

    from magref.render import ics

    _write_file(path, ics.calendar(plan, date.today()))


def _write_file(path: str, content: bytes | str) -> None:
    from magref.render import output

    output.write_file(path, content)


def _one_stdout(*writers: tuple[str, bool]) -> None:
    """Refuse two documents on standard output at once (``--ics -`` with the page or JSON)."""
    named = [name for name, to_stdout in writers if to_stdout]
    if len(named) > 1:
        raise InputError(
            f"{' and '.join(named)} would both go to standard output", "give --ics or -o a file name"
        )


@command()
def check(
    ctx: typer.Context,
    words: WhoArgument = None,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    take: TakeOption = None,
    form: FormOption = None,
    amount: AmountOption = None,
    times: TimesOption = None,
    drug: DrugOption = None,
    condition: ConditionOption = None,
    for_use: ForOption = None,
    lab: LabOption = None,
    egfr: EgfrOption = None,
    ckd: CkdOption = None,
    dialysis: DialysisOption = False,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """One report for one person: intake, interactions, timing, cautions and flags.

    Example: magref check --age 70 --sex female --drug furosemide --form oxide --amount 500 --times 2
    """
    from magref.render import check_views as views

    given = _status_given(lab, egfr, ckd, dialysis)
    report = _check_report(
        ctx,
        words,
        age,
        months,
        sex,
        pregnant,
        lactating,
        take,
        form,
        amount,
        times,
        drug,
        condition,
        region,
        for_use,
        given,
    )
    _emit(ctx, json, lambda: views.check_json(report), lambda: views.check_document(report))


@command()
def report(
    ctx: typer.Context,
    words: WhoArgument = None,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    take: TakeOption = None,
    form: FormOption = None,
    amount: AmountOption = None,
    times: TimesOption = None,
    drug: DrugOption = None,
    condition: ConditionOption = None,
    for_use: ForOption = None,
    lab: LabOption = None,
    egfr: EgfrOption = None,
    ckd: CkdOption = None,
    dialysis: DialysisOption = False,
    region: RegionOption = DEFAULT_REGION,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, not stdout.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="html|md", help="html (default) or md.")] = "html",
    full: Annotated[
        bool, typer.Option("--full", help="Every detail, over more than one page if need be.")
    ] = False,
    ics: IcsOption = None,
    json: JsonOption = False,
) -> None:
    """The check as one printable page to hand to a pharmacist or doctor: HTML or Markdown.

    Takes the same options as check. Example:
    magref report --age 68 --sex female --drug levothyroxine@07:00 --form citrate --amount 400 -o report.html
    """
    if fmt not in ("html", "md"):
        raise typer.BadParameter(f"'{fmt}' is not html or md", param_hint="--format")
    given = _status_given(lab, egfr, ckd, dialysis)
    result = _check_report(
        ctx,
        words,
        age,
        months,
        sex,
        pregnant,
        lactating,
        take,
        form,
        amount,
        times,
        drug,
        condition,
        region,
        for_use,
        given,
    )
    if ics is not None and result.plan is None:
        raise InputError("--ics needs at least one medicine with a time", "give --drug NAME@HH:MM")
    if json:
        from magref.render import check_views as views
        from magref.render import output as out

        text = out.to_json(views.check_json(result))
    else:
        from magref.render import report as page

        text = page.render(result, "md" if fmt == "md" else "html", full)
    _one_stdout(("--ics -", ics == "-"), ("the report", output in (None, "-")))
    if ics is not None and result.plan is not None:
        _write_ics(ics, result.plan)
    _write_file(output or "-", text)


@command()
def regions(
    ctx: typer.Context,
    region: Annotated[
        list[str] | None,
        typer.Argument(help="A region: eu, uk, japan, efsa, germany...", autocompletion=_names_in("regions")),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Reference values by region: every region, or one region's whole table with its sources.

    Example: magref regions eu
    """
    from magref import dosing, lookup
    from magref.render import dosing_views as views

    data = _load(ctx)
    if not region:
        every = list(data.regions)
        adults = [dosing.upper_limit(data, dosing.ADULT_AGE, values.id) for values in every]
        _emit(ctx, json, lambda: views.regions_json(every), lambda: views.regions_document(every, adults))
        return
    values = dosing.find_region(data, " ".join(region))
    cited = [*values.sources, *(s for n in values.notes for s in n.sources)]
    sources = lookup.cited(data, cited)
    _emit(
        ctx,
        json,
        lambda: views.regions_json([values]),
        lambda: views.region_document(values, values.notes, sources),
    )


@command()
def foods(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(help="Words in a food's name: spinach, seeds...", autocompletion=_names_in("foods")),
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
    data = _load(ctx)
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
    _emit(
        ctx,
        json,
        lambda: views.foods_json(text, shown, len(found), reference, plan),
        lambda: views.foods_document(text, shown, len(found), reference, plan, notes, sources),
    )


def _paired_items(forms: list[str], amounts_given: list[str], times: list[int]) -> list[Any]:
    """Each --form with its --amount (and --times): they must pair up exactly, or nothing is guessed."""
    from magref import amounts
    from magref.intake import Intake

    if len(forms) != len(amounts_given):
        raise InputError(
            f"{len(forms)} --form and {len(amounts_given)} --amount: each --form needs its own --amount",
            "give them in pairs, e.g. --form oxide --amount 500 --form glycinate --amount 500, or use --take",
        )
    if times and len(times) != len(forms):
        if not forms:
            raise InputError("--times goes with --form and --amount", "or write the count in --take: 'x2'")
        raise InputError(
            f"{len(times)} --times for {len(forms)} --form: give --times once for each --form",
            "or write the count in each --take item, e.g. --take '500 mg oxide x2'",
        )
    items: list[Intake] = []
    for index, (form, text) in enumerate(zip(forms, amounts_given, strict=True)):
        mass = amounts.parse_mass(text)
        count = times[index] if times else 1
        described = f"{text} {form}" + (f" x{count}" if count > 1 else "")
        items.append(Intake(text=described, name=form, mass=mass, times=count))
    return items


@command(name="help")
def help_command(
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument(metavar="COMMAND", help="A command to explain.")] = None,
) -> None:
    """Help on magref, or on one command.

    Example: magref help interactions
    """
    group = ctx.parent.command if ctx.parent else ctx.command
    if command is None:
        sys.stdout.write(group.get_help(ctx.parent or ctx) + "\n")
        return
    found = group.get_command(ctx, command) if isinstance(group, TyperGroup) else None
    if found is None:
        from magref import names

        close = names.suggest(command, group.list_commands(ctx) if isinstance(group, TyperGroup) else [])
        raise UnknownCommand(command, close)
    with found.make_context(command, ["--help"], parent=ctx.parent, resilient_parsing=True) as sub:
        sys.stdout.write(found.get_help(sub) + "\n")


def main() -> None:
    """Entry point of the ``magref`` command: never a traceback, even for a bug.

    Every write to standard output is checked: a full disk or a closed output exits 74 with one
    line on stderr; a reader that went away (``| head -1``) exits 141 quietly; Ctrl-C exits 130.
    """
    sys.exit(_run())


def _run() -> int:
    import signal

    from magref.errors import OutputError
    from magref.render import output

    try:
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        output.guard_streams()
        undecodable = _undecodable(sys.argv[1:])
        if undecodable is not None:
            output.error(undecodable)
            return Exit.USAGE
        try:
            app()
            code: int = Exit.OK
        except SystemExit as done:
            code = _exit_code(done.code)
        output.finish()
        return code
    except KeyboardInterrupt:
        output.silence()
        return Exit.INTERRUPTED
    except BrokenPipe as error:
        output.silence()
        return error.exit_code
    except OutputError as error:
        output.silence()
        output.error(error.message)
        return error.exit_code
    except Exception as error:  # a bug: one line and where its details are; MAGREF_DEBUG=1 for the traceback
        output.silence()
        if os.environ.get("MAGREF_DEBUG"):
            import traceback

            _stderr("".join(traceback.format_exception(error)))
            return EXIT_INTERNAL
        saved = _crash_report(error)
        where = f"details are in {saved}; " if saved else ""
        output.error(
            f"internal error: {type(error).__name__}: {error}", f"{where}please report this as a bug"
        )
        return EXIT_INTERNAL


def _undecodable(args: list[str]) -> str | None:
    """A message for the first argument that holds bytes that are not UTF-8, or None.

    Python keeps such bytes as lone surrogates, which nothing after this point could print or
    look up.
    """
    for number, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            return (
                f"argument {number} ('{shown}') is not UTF-8 text: type it again, or set the "
                "terminal's encoding to UTF-8"
            )
    return None


def _crash_report(error: BaseException) -> str | None:
    """Write the traceback of a bug, with the command line and versions, to a new file; its path."""
    import platform
    import tempfile
    import traceback

    try:
        handle, path = tempfile.mkstemp(prefix="magref-crash-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as report:
            report.write(f"magref {__version__}, Python {platform.python_version()}, {platform.platform()}\n")
            report.write(f"command: magref {' '.join(sys.argv[1:])}\n\n")
            report.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def _exit_code(code: object) -> int:
    if code is None:
        return Exit.OK
    if isinstance(code, int):
        return code
    _stderr(f"{code}\n")
    return 1
