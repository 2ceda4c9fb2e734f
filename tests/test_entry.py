"""The ``magref`` entry point itself: help in every position, unknown commands, and bugs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Run

A_BUG = """
import sys
sys.argv = ["magref", "info", "glycinate"]
from magref import cli, lookup
def find_form(*args, **kwargs):
    raise ZeroDivisionError("a planted bug")
lookup.find_form = find_form
cli.main()
"""


def run_main(program: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``program`` in a fresh Python, with crash reports kept in ``tmp_path``."""
    environment = {name: value for name, value in os.environ.items() if name != "MAGREF_DEBUG"}
    environment.update(MAGREF_CACHE_DIR=str(tmp_path / "cache"), TMPDIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=environment, check=False
    )


def test_a_bug_is_one_line_and_a_report_file(tmp_path: Path) -> None:
    done = run_main(A_BUG, tmp_path)
    assert done.returncode == 4
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("magref: internal error: ZeroDivisionError: a planted bug\n")
    saved = re.search(r"details are in (\S+);", done.stderr)
    assert saved is not None, done.stderr
    report = Path(saved.group(1)).read_text(encoding="utf-8")
    assert report.startswith("magref ") and "command: magref info glycinate" in report
    assert "Traceback" in report and "a planted bug" in report


def test_magref_debug_prints_the_traceback(tmp_path: Path) -> None:
    done = run_main(A_BUG, tmp_path, MAGREF_DEBUG="1")
    assert done.returncode == 4
    assert "Traceback (most recent call last)" in done.stderr and "ZeroDivisionError" in done.stderr
    assert not list(tmp_path.glob("magref-crash-*"))


def test_main_runs_a_command(tmp_path: Path) -> None:
    program = (
        "import sys; sys.argv = ['magref', 'info', 'glycinate', '--json']; from magref import cli; cli.main()"
    )
    done = run_main(program, tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"id": "glycinate"' in done.stdout or '"id":"glycinate"' in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["-h", "info"],
        ["--help", "info"],
        ["info", "-h"],
        ["info", "--help"],
        ["info", "help"],
        ["info", "--json", "help"],
        ["help", "info"],
        ["-help", "info"],
        ["--data", "DATA", "-h", "info"],
    ],
)
def test_help_for_a_command_in_every_position(magref: Run, args: list[str]) -> None:
    from magref import dataset

    args = [str(dataset.bundled_location()) if arg == "DATA" else arg for arg in args]
    result = magref(*args)
    assert result.code == 0, result
    assert "Usage: magref info" in result.stdout
    assert "FORM" in result.stdout


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["help"], []])
def test_top_level_help_lists_every_command(magref: Run, args: list[str]) -> None:
    from magref.cli import COMMANDS as _COMMANDS

    result = magref(*args)
    assert result.code in (0, 2), result
    shown = result.stdout + result.stderr
    for name in _COMMANDS:
        assert re.search(rf"\b{re.escape(name)}\b", shown), name


@pytest.mark.parametrize(
    ("typed", "meant"), [("inf", "info"), ("intreactions", "interactions"), ("helo", "help")]
)
def test_an_unknown_command_is_a_usage_error_with_a_suggestion(magref: Run, typed: str, meant: str) -> None:
    result = magref(typed, "glycinate")
    assert result.code == 2
    assert result.stdout == ""
    assert f"no command named '{typed}'" in result.stderr
    assert meant in result.stderr.split("Did you mean:")[1]


@pytest.mark.parametrize(
    ("words", "first"),
    [
        (["glycinate"], "form:glycinate"),
        (["is", "glycinate", "good", "for", "sleep"], "use:sleep"),  # what it is taken for leads
        (["can", "i", "take", "magnesium", "with", "cipro"], "interaction:fluoroquinolones"),
    ],
)
def test_words_that_are_no_command_are_searched(magref: Run, words: list[str], first: str) -> None:
    result = magref(*words, "--json")
    assert result.code == 0, result
    hit = result.json["hits"][0]
    assert f"{hit['kind']}:{hit['id']}" == first
    assert "is not a command: searching" in result.stderr
