"""The one output path every command shares: JSON, plain text or colour on a terminal."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from magref.render.safe import clean

if TYPE_CHECKING:
    from magref.render.document import Document

DEFAULT_WIDTH = 80
#: How much of a long input an error message repeats.
ECHO_LIMIT = 80
MIN_WIDTH, MAX_WIDTH = 20, 1000


class Mode(msgspec.Struct, frozen=True):
    """How to show results: ``json``, or ``plain`` text at ``width``, or colour on a terminal."""

    json: bool = False
    plain: bool = True
    width: int = DEFAULT_WIDTH


def detect(json: bool = False, no_color: bool = False) -> Mode:
    """Colour only on a terminal that wants it; plain when piped, NO_COLOR or TERM=dumb.

    FORCE_COLOR asks for colour even when standard output is not a terminal.
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
        from magref.render import terminal

        sys.stdout.write(terminal.paint(painted, mode.width))
    sys.stdout.flush()


#: Past this many characters in one text the terminal gets the plain layout without colour (rich,
#: which painted terminals before, was superlinear in a long unbroken text: 4 MB took 49 s).
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
            raise OutputError("stdout-closed")
        written = 0
        try:
            while written < len(view):
                written += os.write(self.descriptor, view[written:])
        except OSError as error:
            self.failed = True
            if error.errno == errno.EPIPE:
                raise BrokenPipe("reader-gone") from None
            raise OutputError("cannot-write-output", reason=error.strerror or str(error)) from None
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
    """One JSON document, indented, ending in a newline.

    A byte that is not UTF-8 (in a file name) is written as the text ``\\xff``: JSON holds only
    Unicode text.
    """
    import msgspec

    try:
        encoded = msgspec.json.encode(payload)
    except UnicodeEncodeError:
        encoded = msgspec.json.encode(_without_surrogates(msgspec.to_builtins(payload)))
    text = msgspec.json.format(encoded, indent=2).decode()
    if _JSON_UNSAFE.search(text):  # only ever inside strings: the escaped document is the same one
        text = _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text + "\n"


#: Characters JSON may carry raw inside a string that act on a terminal: DEL, the C1 controls
#: (U+009B is CSI to some), zero-width marks, line separators and text-direction overrides.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no byte gave
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value


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


# -- files the user names (report -o, --ics) ----------------------------------------------------


def write_file(path: str, content: bytes | str) -> None:
    """Write ``content`` to the file the user named; raise OutputError (exit 74) saying what to do.

    ``-`` is standard output. A path that exists and is not a regular file (a device, a FIFO, a
    link such as /dev/stdout) is opened and written in place, never replaced, unless another user
    made it (a link or FIFO planted in a shared folder such as /tmp): that is refused. A regular file is
    written whole to a temporary file beside it and moved into place, so a failure leaves the old
    one as it was; a new file is private (0600, whatever the umask), an existing one keeps its mode.
    """
    import stat

    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor = _descriptor_path(path)
    if descriptor is not None and descriptor != 1:
        try:  # the descriptor itself: opening its path again could truncate a file opened to append
            _write_all(descriptor, data)
        except OSError as failure:
            raise _cannot_write(path, failure) from None
        return
    if path == "-" or descriptor == 1:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as failure:
        raise _cannot_write(path, failure) from None
    if info is not None and (os.path.islink(path) or not stat.S_ISREG(info.st_mode)):
        _write_in_place(path, data, info)
    else:
        _replace(path, data, stat.S_IMODE(info.st_mode) if info is not None else 0o600)


def _descriptor_path(path: str) -> int | None:
    """The descriptor a path such as /dev/stdout, /dev/fd/3 or /proc/self/fd/3 names, if any."""
    named = {"/dev/stdout": 1, "/dev/stderr": 2}.get(path)
    if named is not None:
        return named
    found = re.fullmatch(r"/(?:dev|proc/self)/fd/(\d{1,9})", path)
    return int(found[1]) if found else None


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _made_by_another_user(path: str) -> bool:
    """Whether the link or special file at ``path`` was made by a user other than this one or root.

    Root's own (``/dev/null``, ``/dev/full``) are trusted; one another user left where this user's
    file goes could send the output into a file of this user's, or hang the run on a FIFO.
    """
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # pragma: no cover - Windows
        return False
    try:
        owner = os.lstat(path).st_uid
    except OSError:
        return False
    return owner not in (geteuid(), 0)


def _write_in_place(path: str, data: bytes, expected: os.stat_result) -> None:
    """Write into the link's target or the special file at ``path``, which ``expected`` describes."""
    from magref.errors import OutputError

    if _made_by_another_user(path):
        raise OutputError("file-of-another-user", path=str(path))
    import stat

    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
        try:
            opened = os.fstat(descriptor)
            swapped = (opened.st_dev, opened.st_ino) != (expected.st_dev, expected.st_ino)
            if swapped or _made_by_another_user(path):
                raise OutputError("file-of-another-user", path=str(path))  # swapped since it was checked
            if stat.S_ISREG(opened.st_mode):  # emptied only once it is known to be the one checked
                os.ftruncate(descriptor, 0)
            _write_all(descriptor, data)
        finally:
            os.close(descriptor)
    except OSError as failure:
        raise _cannot_write(path, failure) from None


def _replace(path: str, data: bytes, mode: int) -> None:
    import tempfile

    folder, name = os.path.split(path)
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
        try:
            _write_all(descriptor, data)
            os.chmod(temporary, mode)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        temporary = None
    except OSError as failure:
        raise _cannot_write(path, failure) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


#: What to do when a file cannot be written, by the error's number.
_WRITE_ADVICE = {
    errno.ENOSPC: "free some space, or give a file on another disk",
    errno.EDQUOT: "free some space, or give a file on another disk",
    errno.ENOENT: "give a file in a folder that exists",
    errno.ENOTDIR: "give a file in a folder that exists",
    errno.EACCES: "give a file in a folder you may write to",
    errno.EPERM: "give a file in a folder you may write to",
    errno.EROFS: "give a file on a disk that is not read-only",
    errno.EISDIR: "give a file name, not a folder",
}


def _cannot_write(path: str, failure: OSError) -> Exception:
    from magref.errors import OutputError

    reason = failure.strerror or str(failure)
    return OutputError("cannot-write-file", path=str(path), reason=reason, errno=failure.errno)


def to_stderr(text: str) -> None:
    """Write to standard error; if even that fails, there is no one left to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
