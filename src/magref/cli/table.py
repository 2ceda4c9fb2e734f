"""The table of commands: each name, the module that holds it and its function, in the order help lists them.

A command's module is imported only when that command runs (or help lists every command).
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    """Where a command lives, and the shapes of the ``--json`` documents it prints: each a core
    struct as ``module:Name``, or a name in ``magref.contract`` (docs/json.md is made from them)."""

    module: str
    function: str
    documents: tuple[str, ...] = ()


COMMANDS: dict[str, Command] = {
    # forms, uses and the bibliography
    "info": Command("magref.cli.reference", "info", ("magref.lookup:FormDocument",)),
    "compare": Command("magref.cli.reference", "compare", ("magref.lookup:CompareDocument",)),
    "list": Command("magref.cli.reference", "list_forms", ("magref.lookup:FormsDocument",)),
    "search": Command("magref.cli.reference", "search", ("magref.search:SearchDocument",)),
    "faq": Command("magref.cli.reference", "faq", ("magref.lookup:FaqDocument",)),
    "evidence": Command(
        "magref.cli.reference",
        "evidence",
        ("magref.lookup:EvidenceDocument", "magref.doses:UseEvidenceDocument"),
    ),
    "sources": Command("magref.cli.reference", "sources", ("magref.lookup:SourcesDocument",)),
    "validate": Command("magref.cli.reference", "validate", ("magref.dataset:ValidationDocument",)),
    # medicines
    "interactions": Command(
        "magref.cli.medicines",
        "interactions",
        ("magref.interactions:InteractionsDocument", "magref.interactions:ClassesDocument"),
    ),
    "plan": Command("magref.cli.medicines", "plan", ("magref.plan:PlanDocument",)),
    # how much: a person's figures, amounts, products, labels, results
    "dose": Command(
        "magref.cli.dosing", "dose", ("magref.dosing:DoseDocument", "magref.dosing:RegionsCompared")
    ),
    "convert": Command(
        "magref.cli.intake", "convert", ("magref.intake:ConvertDocument", "magref.intake:FormConversion")
    ),
    "stack": Command("magref.cli.intake", "stack", ("magref.intake:StackDocument",)),
    "products": Command(
        "magref.cli.intake",
        "products",
        (
            "magref.doses:ProductDocument",
            "magref.doses:ProductAtAgeDocument",
            "magref.doses:ProductsDocument",
        ),
    ),
    "label": Command("magref.cli.intake", "label", ("magref.labels:LabelDocument",)),
    "lab": Command("magref.cli.person", "lab", ("magref.serum:LabDocument",)),
    "cautions": Command("magref.cli.person", "cautions", ("magref.cautions:CautionsDocument",)),
    # the whole person
    "check": Command("magref.cli.person", "check", ("magref.check:CheckDocument",)),
    "report": Command("magref.cli.person", "report", ("magref.check:CheckDocument",)),
    "regions": Command("magref.cli.dosing", "regions", ("magref.dosing:RegionsDocument",)),
    "foods": Command("magref.cli.dosing", "foods", ("magref.foods:FoodsDocument",)),
    "help": Command("magref.cli.app", "help_command"),
}


def documents() -> dict[str, tuple[type, ...]]:
    """Each command's ``--json`` shapes, as types: docs/json.md and the JSON Schema are made from them."""
    import importlib

    from magref import contract

    def shape(ref: str) -> type:
        module, _, name = ref.rpartition(":")
        found = getattr(importlib.import_module(module) if module else contract, name)
        assert isinstance(found, type), ref
        return found

    return {
        name: tuple(shape(ref) for ref in row.documents) for name, row in COMMANDS.items() if row.documents
    }
