"""The README's examples are real: each `$ magref ...` block matches what magref prints."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from .conftest import Run

README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"```console\n\$ (magref [^\n]*)\n(.*?)```", re.DOTALL)
EXAMPLES = BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_and_a_two_command_quick_start() -> None:
    assert len(EXAMPLES) >= 3
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 150
    quick_start = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("```")[1]
    commands = [line for line in quick_start.splitlines()[1:] if line.strip()]
    assert len(commands) == 2
    assert commands[0].endswith("magref info glycinate")
    assert "pytest" in commands[1]


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_example_output_is_current(magref: Run, command: str, expected: str) -> None:
    words = shlex.split(command)
    head = None
    if "|" in words:
        head = int(words[words.index("|") + 2].lstrip("-"))
        words = words[: words.index("|")]
    result = magref(*words[1:], env={"COLUMNS": "100"})
    output = result.stdout
    if head is not None:
        output = "".join(output.splitlines(keepends=True)[:head])
    assert output == expected
