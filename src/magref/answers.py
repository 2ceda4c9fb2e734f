"""The base of the shapes of commands' answers: what ``--json`` prints, as core structs."""

from __future__ import annotations

import msgspec


class Shape(msgspec.Struct, kw_only=True):
    """A command's answer, or a part of one, whose fields are the keys its JSON document holds,
    in the order it prints them. docs/json.md lists a shape's fields alphabetically."""


def shapes() -> dict[str, type[Shape]]:
    """Every shape defined so far (in the modules imported), by name."""
    found: dict[str, type[Shape]] = {}
    pending: list[type[Shape]] = [Shape]
    while pending:
        for sub in pending.pop().__subclasses__():
            found[sub.__name__] = sub
            pending.append(sub)
    return found
