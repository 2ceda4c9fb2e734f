"""The table of commands: each name, the module that holds it and its function, in the order help lists them.

A command's module is imported only when that command runs (or help lists every command).
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    module: str
    function: str


COMMANDS: dict[str, Command] = {
    # forms, uses and the bibliography
    "info": Command("magref.cli.reference", "info"),
    "compare": Command("magref.cli.reference", "compare"),
    "list": Command("magref.cli.reference", "list_forms"),
    "search": Command("magref.cli.reference", "search"),
    "faq": Command("magref.cli.reference", "faq"),
    "evidence": Command("magref.cli.reference", "evidence"),
    "sources": Command("magref.cli.reference", "sources"),
    "validate": Command("magref.cli.reference", "validate"),
    # medicines
    "interactions": Command("magref.cli.medicines", "interactions"),
    "plan": Command("magref.cli.medicines", "plan"),
    # how much: a person's figures, amounts, products, labels, results
    "dose": Command("magref.cli.dosing", "dose"),
    "convert": Command("magref.cli.intake", "convert"),
    "stack": Command("magref.cli.intake", "stack"),
    "products": Command("magref.cli.intake", "products"),
    "label": Command("magref.cli.intake", "label"),
    "lab": Command("magref.cli.person", "lab"),
    "cautions": Command("magref.cli.person", "cautions"),
    # the whole person
    "check": Command("magref.cli.person", "check"),
    "report": Command("magref.cli.person", "report"),
    "regions": Command("magref.cli.dosing", "regions"),
    "foods": Command("magref.cli.dosing", "foods"),
    "help": Command("magref.cli.app", "help_command"),
}
