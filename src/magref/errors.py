"""The errors the core raises, each with the exit code the command line gives it."""

from __future__ import annotations

from collections.abc import Sequence
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


#: A fact an error carries: the words typed, a figure, a name, or a list of alternatives.
Fact = str | int | float | Sequence[object] | None


class MagrefError(Exception):
    """An error to show the user: a ``code`` for what went wrong and the ``facts`` it concerns.

    The core never words an error: ``code`` is a short stable string (``amount-over-limit``,
    ``time-needs-am-pm``) and ``facts`` are typed values (the words typed, the figures, the
    alternatives). ``render/problems.py`` holds one phrase per code, filled from the facts.
    """

    exit_code: int = Exit.USAGE

    def __init__(self, code: str, /, **facts: Fact) -> None:
        super().__init__(code)
        self.code = code
        self.facts: dict[str, Fact] = facts

    def __str__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.facts.items())
        return f"{self.code} ({shown})" if shown else self.code


class NotFound(MagrefError):
    """Nothing in the dataset matches what was asked for.

    ``reason`` (the error's code, None for a plain miss) says why, which the render layer words
    (``not-listed``: a medicine the dataset does not hold; ``condition-not-listed``: the same for
    a condition; ``magnesium-only``: the words name magnesium products, listed in ``names``, and no
    medicine; ``several``: the words name several entries, whose ids are in ``names``, where one
    was wanted; ``partly-listed``: some words name entries, typed as in ``names``, and ``query``
    names none; ``nothing-on``: a question about something no entry holds). ``kind`` is the kind
    of entry wanted (``form``, ``medicine-or-class``); ``facts`` may add what the hint needs.
    """

    exit_code = Exit.NO_MATCH

    def __init__(
        self,
        kind: str,
        query: str,
        suggestions: list[str],
        *,
        reason: str | None = None,
        names: list[str] | None = None,
        **facts: Fact,
    ) -> None:
        super().__init__(reason or NOT_FOUND, **facts)
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        self.names = names or []

    @property
    def reason(self) -> str | None:
        """Why nothing matched, or None for a plain miss."""
        return None if self.code == NOT_FOUND else self.code

    @reason.setter
    def reason(self, value: str | None) -> None:
        self.code = value or NOT_FOUND


#: The code of a plain miss: no entry of the kind has the name.
NOT_FOUND = "not-found"


class UnknownCommand(NotFound):
    """The command line names no magref command: a usage error."""

    exit_code = Exit.USAGE

    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__("command", name, suggestions, reason="unknown-command")


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
        super().__init__("dataset-invalid", location=str(location), total=self.total)
        self.location = location
        self.problems = problems
