"""docs/commands.md is made from the golden snapshots, so no example is stored twice.

Run with UPDATE_SNAPSHOTS=1 to rewrite it after the snapshots change.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from .snapshot import FOLDER
from .test_cli_commands import COMMANDS, snapshot_name

DOC = Path(__file__).parent.parent / "docs" / "commands.md"
INTRO = """# magref commands

Every example below is real output of `magref`, piped (plain text) at 100 columns. The file is
made from the test suite's golden snapshots (`tests/snapshots/`), which the tests hold to what
magref prints; run `UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_cli_commands.py
tests/test_docs.py` after a deliberate change. Every command also takes `--json` and `-h`.
"""


def commands_doc() -> str:
    parts = [INTRO]
    for args in COMMANDS:
        line = "magref " + shlex.join(args)
        output = (FOLDER / f"{snapshot_name(args)}.w100.txt").read_text(encoding="utf-8")
        parts.append(f"## `{line}`\n\n```console\n$ {line}\n{output}```\n")
    return "\n".join(parts)


def test_the_command_reference_is_made_from_the_snapshots() -> None:
    expected = commands_doc()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        DOC.write_text(expected, encoding="utf-8")
    message = "run with UPDATE_SNAPSHOTS=1 to rewrite docs/commands.md"
    assert DOC.read_text(encoding="utf-8") == expected, message


def test_every_command_has_an_example() -> None:
    shown = {args[0] for args in COMMANDS}
    wanted = {
        "info", "compare", "list", "search", "faq", "evidence", "sources", "interactions", "plan", "dose",
        "convert", "cautions", "check", "regions", "foods", "stack", "label", "lab", "products",
    }  # fmt: skip
    assert wanted <= shown


JSON_DOC = Path(__file__).parent.parent / "docs" / "json.md"


def test_the_json_reference_is_made_from_the_contract() -> None:
    from magref import contract
    from magref.cli.table import documents

    expected = contract.markdown(contract.schema(documents()))
    if os.environ.get("UPDATE_SNAPSHOTS"):
        JSON_DOC.write_text(expected, encoding="utf-8")
    message = "run with UPDATE_SNAPSHOTS=1 to rewrite docs/json.md"
    assert JSON_DOC.read_text(encoding="utf-8") == expected, message
