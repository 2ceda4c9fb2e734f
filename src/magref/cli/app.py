"""The magref application: the options before a command, the lazy table of commands, help."""

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from magref import __version__
from magref.cli import words
from magref.cli.context import STATE, Settings, settings
from magref.cli.exits import report, report_usage, run, stderr
from magref.cli.table import COMMANDS
from magref.errors import MagrefError, UnknownCommand


class _Group(TyperGroup):
    """Loads each command when it is asked for, puts help where it was meant, and turns every
    error into a plain message on stderr and an exit code; never a traceback."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = _build(cmd_name)
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            args = words.help_after_command(args)
            words.refuse_repeats(self, ctx, args)
        except MagrefError as error:
            report(error)
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
                if STATE.index_in_memory:
                    raise
                from magref import cache, dataset

                cache.discard_if_damaged(dataset.resolve_location(settings(ctx).data))
                STATE.index_in_memory = True
                setattr(ctx, protected, arguments[0])
                ctx.args = arguments[1]
                return super().invoke(ctx)
        except MagrefError as error:
            report(error)

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
            stderr("magref: aborted\n")
            sys.exit(1)
        except Exception as error:
            if not hasattr(error, "exit_code") or not hasattr(error, "format_message"):
                raise
            report_usage(error)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def _build(name: str) -> Any:
    """The Click command for ``name``: its module imported, its parameters and help read by Typer."""
    import importlib

    where = COMMANDS[name]
    function = getattr(importlib.import_module(where.module), where.function)
    one = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
    one.command(name=name)(function)
    return typer.main.get_command(one)


app = typer.Typer(
    cls=_Group,
    name="magref",
    help="An offline reference for magnesium supplements: forms, doses, interactions and evidence.\n\n"
    "Examples: magref info glycinate | magref compare glycinate oxide | magref interactions Lasix",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


#: How many new objects the ``magref`` command lets pass between collections of the youngest
#: generation (Python's default is 700; a check makes fewer than this in all).
COMMAND_COLLECTION_EVERY = 20_000


def main() -> None:
    """Entry point of the ``magref`` command: never a traceback, even for a bug.

    What is loaded by now (Python's own modules, Typer, this command line) lives as long as the
    process: it is frozen, so that the cyclic garbage collector does not walk it again in the
    collections of the run and once more at exit (a tenth of the work of a lookup). What the
    command makes is collected as usual while it runs; once its output is written, that is
    frozen too, since the process is about to end and free it all. When the command started
    with the collector paused (see the package's ``__init__``), it is turned back on here, to
    collect after every ``COMMAND_COLLECTION_EVERY`` new objects rather than Python's 700: the
    command's own modules, loaded as it runs, then cost no collections either, and what a long
    listing makes is still collected.
    """
    import gc

    import magref

    gc.freeze()
    if magref._collector_paused:
        magref._collector_paused = False
        gc.set_threshold(COMMAND_COLLECTION_EVERY, *gc.get_threshold()[1:])
        gc.enable()
    code = run(app)
    gc.freeze()
    sys.exit(code)
