"""The one output path every command shares: JSON, plain text or a rich terminal."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import msgspec

from magref.render.document import Document, clean

DEFAULT_WIDTH = 80
#: How much of a long input an error message repeats.
ECHO_LIMIT = 80
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
    """Write one result: ``payload()`` as JSON, or ``document()`` painted, in characters the output shows."""
    encoding = _encoding()
    if mode.json:
        text = to_json(payload())
        if not _unicode(encoding):
            from magref.render.charset import escape_json

            text = escape_json(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    painted = document()
    if not _unicode(encoding):
        from magref.render import charset

        painted = charset.fit_document(painted, encoding)
    if mode.plain or _longest_text(painted) > RICH_MAX_TEXT:
        from magref.render import plain

        sys.stdout.write(plain.paint(painted, mode.width))
    else:
        from rich.console import Console

        from magref.render import terminal

        console = Console(highlight=False, emoji=False, markup=False, width=mode.width)
        with console.capture() as captured:
            terminal.paint(painted, console)
        text = captured.get()
        if not _unicode(encoding):
            from magref.render import charset

            text = charset.fit_glyphs(text, encoding)
        sys.stdout.write(text)
    sys.stdout.flush()


#: Rich lays out a long unbroken text in superlinear time (1 MB: 5 s, 4 MB: 49 s); past this many
#: characters in one text the terminal gets the plain layout, which is linear.
RICH_MAX_TEXT = 64 * 1024


def _longest_text(document: Document) -> int:
    from magref.render.document import Bullets, Fields, Heading, Line, Paragraph, Table

    longest = 0
    for block in document:
        if isinstance(block, (Heading, Paragraph)):
            texts = [block.text]
        elif isinstance(block, Fields):
            texts = [value.text for _, value in block.rows]
        elif isinstance(block, Bullets):
            texts = [item.text for item in block.items]
        elif isinstance(block, Table):
            texts = [block.legend, *(cell.text for row in block.rows for cell in row)]
        elif isinstance(block, Line):
            texts = [text for text, _ in block.spans]
        else:
            texts = []
        longest = max(longest, *map(len, texts), 0)
    return longest


def _encoding() -> str:
    return (getattr(sys.stdout, "encoding", None) or "utf-8").lower()


def _unicode(encoding: str) -> bool:
    return encoding.replace("-", "").replace("_", "") in ("utf8", "utf16", "utf32")


# -- standard output that never loses data quietly ---------------------------------------------


class _CheckedOutput(io.RawIOBase):
    """Standard output as a raw stream whose writes are all-or-error.

    Python's own buffered standard output can drop the rest of a short write (on a nearly full
    disk, 4,096 of 5,542 bytes) without an error; this one retries until every byte is written and
    turns a failure into OutputError (BrokenPipe for a reader that went away). After the first
    failure, later writes are dropped, so that shutdown does not report the same failure again.
    """

    def __init__(self, descriptor: int | None) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.failed = False

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.descriptor is not None and os.isatty(self.descriptor)

    def fileno(self) -> int:
        if self.descriptor is None:
            raise io.UnsupportedOperation("standard output is closed")
        return self.descriptor

    def write(self, data: Any) -> int:
        from magref.errors import BrokenPipe, OutputError

        view = memoryview(data).cast("B")
        if self.failed:
            return len(view)
        if self.descriptor is None:
            self.failed = True
            raise OutputError("cannot write the output: standard output is closed")
        written = 0
        try:
            while written < len(view):
                written += os.write(self.descriptor, view[written:])
        except OSError as error:
            self.failed = True
            if error.errno == errno.EPIPE:
                raise BrokenPipe("the reader of the output went away") from None
            raise OutputError(f"cannot write the output: {error.strerror or error}") from None
        return written


def guard_streams() -> None:
    """Make every write to standard output checked, and standard error silent when it is closed.

    A closed descriptor is filled with /dev/null so that no file opened later takes its number.
    """
    closed: list[int] = []
    for descriptor in (1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            closed.append(descriptor)
    for descriptor in closed:
        null = os.open(os.devnull, os.O_WRONLY)
        if null != descriptor:
            os.dup2(null, descriptor)
            os.close(null)
    if sys.stderr is None or 2 in closed:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    original = sys.stdout
    if original is not None:
        with contextlib.suppress(OSError, ValueError):
            original.flush()
    stdout_closed = original is None or 1 in closed
    raw = _CheckedOutput(None if stdout_closed else 1)
    encoding = getattr(original, "encoding", None) or "utf-8"
    # Text is fitted to the encoding before it is written; anything left becomes "?", never a crash.
    errors = getattr(original, "errors", None) or "strict"
    errors = "replace" if errors == "strict" else errors
    line_buffering = bool(getattr(original, "line_buffering", False))
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=line_buffering
    )


def finish() -> None:
    """Flush standard output; raise OutputError if the end of the output cannot be written."""
    if sys.stdout is not None:
        sys.stdout.flush()


def silence() -> None:
    """Drop anything still buffered for standard output or standard error (after a failure)."""
    for stream in (sys.stdout, sys.stderr):
        raw = getattr(getattr(stream, "buffer", None), "raw", None)
        if isinstance(raw, _CheckedOutput):
            raw.failed = True


def to_json(payload: Any) -> str:
    """One JSON document, indented, ending in a newline."""
    import msgspec

    return msgspec.json.format(msgspec.json.encode(payload), indent=2).decode() + "\n"


def error(message: str, hint: str | None = None, suggestions: list[str] | None = None) -> None:
    """Write an error to standard error, with what to do next."""
    lines = [f"magref: {shorten(clean(message))}"]
    if suggestions:
        lines.append("Did you mean: " + ", ".join(clean(s) for s in suggestions) + "?")
    if hint:
        lines.append(shorten(clean(hint)))
    to_stderr("\n".join(lines) + "\n")


_LONG_QUOTE = re.compile(rf"'([^'\n]{{{ECHO_LIMIT + 1},}})'")


def shorten(text: str) -> str:
    """A message with long echoed input cut down: the start, and how long it was."""
    text = _LONG_QUOTE.sub(lambda m: f"'{m[1][:ECHO_LIMIT]}...' ({len(m[1]):,} characters)", text)
    return text if len(text) <= 4 * ECHO_LIMIT else text[: 4 * ECHO_LIMIT] + "..."


def report_problems(problems: Sequence[object], total: int | None = None) -> None:
    """Each dataset problem on its own line of standard error, and how many more were not listed."""
    lines = [f"{clean(str(problem))}\n" for problem in problems]
    count = max(total if total is not None else getattr(problems, "total", len(problems)), len(problems))
    if count > len(problems):
        lines.append(f"... and {count - len(problems):,} more problem(s)\n")
    to_stderr("".join(lines))


def to_stderr(text: str) -> None:
    """Write to standard error; if even that fails, there is no one left to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
