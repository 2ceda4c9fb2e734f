"""How a run ends: an error worded on stderr with its exit code, and never a traceback, even for a bug."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import typer

from magref import __version__
from magref.errors import BrokenPipe, DatasetError, Exit, MagrefError


def report(error: MagrefError) -> NoReturn:
    """Word ``error`` on stderr and end the command with its exit code."""
    from magref.render.output import error as show_error
    from magref.render.output import silence

    if isinstance(error, BrokenPipe):
        silence()
        raise typer.Exit(error.exit_code)
    if isinstance(error, DatasetError):
        from magref.render.output import report_problems

        report_problems(error.problems, error.total)
    from magref.render.problems import worded

    message, hint, suggestions = worded(error)
    show_error(message, hint, suggestions)
    raise typer.Exit(error.exit_code)


def report_usage(error: Any) -> None:
    """A usage error as plain text, with the user's input made harmless."""
    from magref.render.output import shorten
    from magref.render.safe import clean

    lines = []
    context = getattr(error, "ctx", None)
    if context is not None:
        lines += [context.get_usage(), f"Try '{context.command_path} -h' for help."]
    lines.append(f"magref: {shorten(clean(error.format_message()))}")
    stderr("\n".join(lines) + "\n")


def stderr(text: str) -> None:
    from magref.render.output import to_stderr

    to_stderr(text)


def run(app: Callable[[], Any]) -> int:
    """Run ``app`` and give its exit code.

    Every write to standard output is checked: a full disk or a closed output exits 74 with one
    line on stderr; a reader that went away (``| head -1``) exits 141 quietly; Ctrl-C exits 130.
    """
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
        from magref.render.problems import message

        output.silence()
        output.error(message(error))
        return error.exit_code
    except Exception as error:  # a bug: one line and where its details are; MAGREF_DEBUG=1 for the traceback
        output.silence()
        if os.environ.get("MAGREF_DEBUG"):
            import traceback

            stderr("".join(traceback.format_exception(error)))
            return Exit.INTERNAL
        saved = _crash_report(error)
        where = f"details are in {saved}; " if saved else ""
        output.error(
            f"internal error: {type(error).__name__}: {error}", f"{where}please report this as a bug"
        )
        return Exit.INTERNAL


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
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as saved:
            saved.write(f"magref {__version__}, Python {platform.python_version()}, {platform.platform()}\n")
            saved.write(f"command: magref {' '.join(sys.argv[1:])}\n\n")
            saved.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def _exit_code(code: object) -> int:
    if code is None:
        return Exit.OK
    if isinstance(code, int):
        return code
    stderr(f"{code}\n")
    return 1
