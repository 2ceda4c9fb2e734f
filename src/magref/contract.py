"""Every command's ``--json`` documents as one JSON Schema, from the core's answer types (and docs/json.md).

Names hold across commands: `id` is an entry's own id, `name` its name, `sources` a list of
source ids (full source records are `source_details`), `class_id` and `class_name` name an
interaction class, `form` a form id, `items` the entries of a listing. Milligrams are of
elemental magnesium unless the name says `compound_mg`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from magref.answers import shapes
from magref.doses import ProductDocument as ProductDocument  # the tests read it here
from magref.foods import FoodDocument as FoodDocument  # the tests read it here

#: Documents whose keys are not all present every time (see each one's description).
PARTIAL = frozenset({"FoodDocument", "FoodsDocument"})
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema(commands: Mapping[str, tuple[type, ...]]) -> dict[str, Any]:
    """Every command's documents as one JSON Schema: ``$defs`` holds each shape, ``x-commands`` maps
    each command to the shapes it prints (``commands``, from the command table's ``documents()``).
    Objects allow no other keys, and every key is required (except in PARTIAL), so a renamed or
    added field fails validation."""
    import msgspec

    types = [shape for shapes in commands.values() for shape in shapes]
    _, components = msgspec.json.schema_components(types, ref_template="#/$defs/{name}")
    alphabetical = shapes()
    for name, component in components.items():
        if name in alphabetical and "properties" in component:
            component["properties"] = dict(sorted(component["properties"].items()))
        _close(component, partial=name in PARTIAL)
    refs = {command: [f"#/$defs/{shape.__name__}" for shape in kinds] for command, kinds in commands.items()}
    return {"$schema": SCHEMA_DIALECT, "$defs": components, "x-commands": refs}


def command_schema(full: dict[str, Any], command: str) -> dict[str, Any]:
    """The schema one command's output must match: any of its documents."""
    refs = [{"$ref": ref} for ref in full["x-commands"][command]]
    return {"$schema": SCHEMA_DIALECT, "$defs": full["$defs"], "anyOf": refs}


def _close(node: Any, partial: bool = False) -> None:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            if not partial:
                node["required"] = sorted(node["properties"])
            else:
                node["required"] = []
        for value in node.values():
            _close(value)
    elif isinstance(node, list):
        for value in node:
            _close(value)


def markdown(full: dict[str, Any]) -> str:
    """docs/json.md: each command's documents, then every shape with its fields and their types."""
    lines = [
        "# JSON output",
        "",
        "Every command takes `--json` and prints exactly one JSON document on stdout. This page is",
        "made from the shapes the command table names (`src/magref/cli/table.py`) by",
        "`UPDATE_SNAPSHOTS=1 pytest tests/test_docs.py`; `tests/test_json_contract.py` checks every",
        "command's output against the same schema, in which no object has keys other than those",
        "listed. The schema itself: `magref.contract.schema(magref.cli.table.documents())`.",
        "",
        (__doc__ or "").split("\n\n", 1)[1].strip(),
        "",
        "## Commands",
        "",
        "| Command | Document |",
        "| --- | --- |",
    ]
    for command, refs in full["x-commands"].items():
        shapes = ", ".join(_link(ref.rsplit("/", 1)[1]) for ref in refs)
        lines.append(f"| `magref {command} --json` | {shapes} |")
    lines += ["", "## Shapes", ""]
    for name, component in sorted(full["$defs"].items()):
        lines += [f"### {name}", ""]
        if component.get("description"):
            lines += [" ".join(component["description"].split()), ""]
        if "properties" in component:
            lines += ["| Field | Type |", "| --- | --- |"]
            required = set(component.get("required", []))
            for field, spec in component["properties"].items():
                optional = "" if field in required else " (optional)"
                lines.append(f"| `{field}` | {_type(spec)}{optional} |")
        elif "enum" in component:
            lines.append("One of: " + ", ".join(f"`{value}`" for value in component["enum"]))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _link(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return _link(spec["$ref"].rsplit("/", 1)[1])
    if "anyOf" in spec:
        return " or ".join(_type(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " or ".join(f"`{value!r}`".replace("'", '"') for value in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec and isinstance(spec["additionalProperties"], dict):
        return f"map of text to {_type(spec['additionalProperties'])}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return {"string": "text", "integer": "integer", "number": "number", "boolean": "true or false"}.get(
        str(kind), str(kind or "any")
    )
