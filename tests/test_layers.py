"""The layers hold: render words and lays out the answers it is given, and never calls back into
the core. A module in src/magref/render/ may import from a magref module outside render only
types (classes, msgspec structs, enums, type aliases) and constants, never a function or a module.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

RENDER = Path(__file__).resolve().parent.parent / "src" / "magref" / "render"


def imported(source: str) -> list[tuple[str, str, int]]:
    """Every name imported from a magref module outside render, anywhere in the source (at the top,
    in a function, under TYPE_CHECKING): its module, its name (empty for a whole module), its line."""
    found: list[tuple[str, str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            module = node.module
            if module == "magref" or module.startswith("magref."):
                found += [(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [
                (alias.name, "", node.lineno) for alias in node.names if alias.name.startswith("magref")
            ]
    return [(m, n, line) for m, n, line in found if not _in_render(m if not n else f"{m}.{n}")]


def _in_render(dotted: str) -> bool:
    return dotted == "magref.render" or dotted.startswith("magref.render.")


def is_function_or_module(module: str, name: str) -> bool:
    """Whether ``name`` in ``module`` (the module itself when ``name`` is empty) is a function or a
    module: anything but a type or a constant."""
    if not name:
        return True
    value = getattr(importlib.import_module(module), name, _NOT_LOADED)
    if value is _NOT_LOADED:
        return True  # a submodule not imported yet: from magref import serum
    return inspect.ismodule(value) or inspect.isroutine(value)


_NOT_LOADED = object()


def calls_back(path: Path) -> list[str]:
    """The function and module imports of one render module: none is allowed."""
    wrong = []
    for module, name, line in imported(path.read_text(encoding="utf-8")):
        if is_function_or_module(module, name):
            wrong.append(f"render/{path.name}:{line}: {module}" + (f".{name}" if name else ""))
    return wrong


def test_render_imports_no_core_function() -> None:
    wrong = [found for path in sorted(RENDER.glob("*.py")) for found in calls_back(path)]
    assert not wrong, "render calls back into the core; put the fact in the answer instead:\n" + "\n".join(
        wrong
    )


def test_a_function_a_module_and_a_submodule_are_caught_and_types_and_constants_are_not(
    tmp_path: Path,
) -> None:
    view = tmp_path / "made_up_view.py"
    view.write_text(
        "from typing import TYPE_CHECKING\n"
        "from magref.dosing import TargetDocument, limit_status\n"
        "from magref.serum import PRINTED\n"
        "from magref.text import UNSAFE\n"
        "from magref.render.phrases import nothing_on\n"
        "if TYPE_CHECKING:\n"
        "    from magref.dosing import Sex\n"
        "def view() -> None:\n"
        "    from magref import serum\n"
        "    import magref.plan\n"
        "    from magref.serum import from_mmol\n",
        encoding="utf-8",
    )
    assert calls_back(view) == [
        "render/made_up_view.py:2: magref.dosing.limit_status",
        "render/made_up_view.py:9: magref.serum",
        "render/made_up_view.py:10: magref.plan",
        "render/made_up_view.py:11: magref.serum.from_mmol",
    ]


#: Words of the safety sentences, which only render/phrases.py may hold: every view takes them from there.
SAFETY_WORDS = ("not evidence of safety", "not medical advice", "does not prove none exists")


def test_the_safety_sentences_are_worded_once_in_phrases() -> None:
    found = [
        f"render/{path.name}:{node.lineno}: {node.value!r}"
        for path in sorted(RENDER.glob("*.py"))
        if path.name != "phrases.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if any(words in node.value.casefold() for words in SAFETY_WORDS)
    ]
    assert not found, "word it once in render/phrases.py and use it from there:\n" + "\n".join(found)
