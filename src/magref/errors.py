"""The errors the core raises, each with the exit code the command line gives it."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """Every exit code magref gives, by name."""

    OK = 0
    NO_MATCH = 1  #: nothing in the dataset matched
    USAGE = 2  #: a malformed, impossible or contradictory value
    DATA = 3  #: the dataset is invalid or cannot be read
    INTERNAL = 4  #: a bug in magref
    OUTPUT = 74  #: the output could not be written (full disk, closed output); EX_IOERR in sysexits.h
    INTERRUPTED = 130  #: Ctrl-C (128 + SIGINT), as shells report it
    BROKEN_PIPE = 141  #: the reader went away (128 + SIGPIPE), as shells report it


EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_DATA = Exit.OK, Exit.NO_MATCH, Exit.USAGE, Exit.DATA

#: How many dataset problems are listed; the rest are counted.
MAX_PROBLEMS_SHOWN = 100


class MagrefError(Exception):
    """An error to show the user; ``hint`` says what to do next."""

    exit_code: int = Exit.USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(MagrefError):
    """Nothing in the dataset matches what was asked for.

    ``reason`` is a code for why, which the render layer words (``not-listed``: a medicine the
    dataset does not hold; ``condition-not-listed``: the same for a condition; ``magnesium-only``:
    the words name magnesium products, listed in ``names``, and no medicine; ``several``: the words
    name several entries, whose ids are in ``names``, where one was wanted; ``partly-listed``: some
    words name entries, typed as in ``names``, and ``query`` names none).
    """

    exit_code = Exit.NO_MATCH

    def __init__(
        self,
        kind: str,
        query: str,
        suggestions: list[str],
        hint: str | None = None,
        *,
        reason: str | None = None,
        names: list[str] | None = None,
    ) -> None:
        super().__init__(f"no {kind} named '{query}'", hint)
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        self.reason = reason
        self.names = names or []


class UnknownCommand(NotFound):
    """The command line names no magref command: a usage error."""

    exit_code = Exit.USAGE

    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__("command", name, suggestions, "run 'magref -h' for every command")


class InputError(MagrefError):
    """A value the user gave is malformed, impossible or contradictory."""

    exit_code = Exit.USAGE


class OutputError(MagrefError):
    """Standard output could not be written: a full disk, a closed descriptor, a device error."""

    exit_code = Exit.OUTPUT


class BrokenPipe(OutputError):
    """The program reading the output stopped early (``| head -1``): not worth a message."""

    exit_code = Exit.BROKEN_PIPE


class Problem:
    """One thing wrong with a dataset, with where it is (line and column count from 1; 0 if unknown)."""

    __slots__ = ("column", "file", "line", "message", "path")

    def __init__(self, file: str, line: int, column: int, path: str, message: str) -> None:
        self.file, self.line, self.column, self.path, self.message = file, line, column, path, message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"


class Problems(list[Problem]):
    """The first problems found in a dataset; ``total`` counts all of them."""

    def __init__(self, problems: list[Problem] | None = None, total: int | None = None) -> None:
        super().__init__(problems or [])
        self.total = max(total if total is not None else len(self), len(self))


class DatasetError(MagrefError):
    """The dataset could not be read or is not valid.

    ``problems`` lists the first problems found (at most MAX_PROBLEMS_SHOWN when the dataset was
    checked in full); ``total`` counts them all.
    """

    exit_code = Exit.DATA

    def __init__(self, location: object, problems: list[Problem], total: int | None = None) -> None:
        self.total = max(total if total is not None else len(problems), len(problems))
        hint = "fix the problems above, or run without --data and MAGREF_DATA to use the bundled dataset"
        super().__init__(f"the dataset at {location} is not valid ({self.total:,} problem(s))", hint)
        self.location = location
        self.problems = problems
