"""The one output path every command shares: JSON, plain text or a rich terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import msgspec

from magref.render.document import Document, clean

DEFAULT_WIDTH = 80
MIN_WIDTH, MAX_WIDTH = 20, 1000


class Mode(msgspec.Struct, frozen=True):
    """How to show results: ``json``, or ``plain`` text at ``width``, or rich on a terminal."""

    json: bool = False
    plain: bool = True
    width: int = DEFAULT_WIDTH


def detect(json: bool = False, no_color: bool = False) -> Mode:
    """Rich only on a terminal that wants colour; plain when piped, NO_COLOR or TERM=dumb.

    FORCE_COLOR asks for rich output even when standard output is not a terminal.
    """
    terminal = sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))
    plain = no_color or not terminal or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Mode(json=json, plain=plain, width=_width(terminal))


def _width(terminal: bool) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(max(int(columns), MIN_WIDTH), MAX_WIDTH)
    if terminal:
        import shutil

        return min(max(shutil.get_terminal_size().columns, MIN_WIDTH), MAX_WIDTH)
    return DEFAULT_WIDTH


def emit(mode: Mode, payload: Callable[[], Any], document: Callable[[], Document]) -> None:
    """Write one result: ``payload()`` as JSON, or ``document()`` painted."""
    if mode.json:
        sys.stdout.write(to_json(payload()))
    elif mode.plain:
        from magref.render import plain

        sys.stdout.write(plain.paint(document(), mode.width))
    else:
        from rich.console import Console

        from magref.render import terminal

        console = Console(highlight=False, emoji=False, markup=False, width=mode.width)
        terminal.paint(document(), console)
    sys.stdout.flush()


def to_json(payload: Any) -> str:
    """One JSON document, indented, ending in a newline."""
    import msgspec

    return msgspec.json.format(msgspec.json.encode(payload), indent=2).decode() + "\n"


def error(message: str, hint: str | None = None, suggestions: list[str] | None = None) -> None:
    """Write an error to standard error, with what to do next."""
    lines = [f"magref: {clean(message)}"]
    if suggestions:
        lines.append("Did you mean: " + ", ".join(clean(s) for s in suggestions) + "?")
    if hint:
        lines.append(clean(hint))
    sys.stderr.write("\n".join(lines) + "\n")


def report_problems(problems: Sequence[object]) -> None:
    """Each dataset problem on its own line of standard error."""
    sys.stderr.write("".join(f"{clean(str(problem))}\n" for problem in problems))
