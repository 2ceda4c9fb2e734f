"""The errors the core raises, each with the exit code the command line gives it."""

from __future__ import annotations

#: Exit codes: 0 success; 1 nothing matched; 2 usage error; 3 dataset invalid or unreadable.
EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_DATA = 0, 1, 2, 3


class MagrefError(Exception):
    """An error to show the user; ``hint`` says what to do next."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(MagrefError):
    """Nothing in the dataset matches what was asked for."""

    exit_code = EXIT_NO_MATCH

    def __init__(self, kind: str, query: str, suggestions: list[str], hint: str | None = None) -> None:
        super().__init__(f"no {kind} named '{query}'", hint)
        self.kind = kind
        self.query = query
        self.suggestions = suggestions


class InputError(MagrefError):
    """A value the user gave is malformed, impossible or contradictory."""

    exit_code = EXIT_USAGE


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


class DatasetError(MagrefError):
    """The dataset could not be read or is not valid; ``problems`` says why."""

    exit_code = EXIT_DATA

    def __init__(self, location: object, problems: list[Problem]) -> None:
        hint = "fix the problems above, or run without --data and MAGREF_DATA to use the bundled dataset"
        super().__init__(f"the dataset at {location} is not valid ({len(problems)} problem(s))", hint)
        self.location = location
        self.problems = problems
