"""The terminal painter: the plain layout in colour, so the golden snapshots judge its look too."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref.render import plain, terminal
from magref.render.document import Bullets, Cell, Fields, Heading, Line, Paragraph, Table

from .conftest import Run
from .snapshot import assert_matches_snapshot
from .test_cli_commands import COMMANDS, IDS, snapshot_name

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", [100, 40])
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_terminal_output_without_its_colours_is_the_plain_snapshot(
    magref: Run,
    args: list[str],
    width: int,
) -> None:
    result = magref(*args, env={"FORCE_COLOR": "1", "COLUMNS": str(width)})
    assert result.code == 0, result
    assert "\x1b[" in result.stdout
    assert_matches_snapshot(f"{snapshot_name(args)}.w{width}", SGR.sub("", result.stdout))
    assert not any(line.endswith(" ") for line in result.stdout.splitlines())


def document() -> list[object]:
    return [
        Heading("Magnesium oxide"),
        Fields([("Elemental Mg", Cell("60.3%", "best")), ("Stomach", Cell("harsh"))]),
        Heading("Cautions", level=2),
        Bullets([Cell("Kidney disease: ask first", "warning"), Cell("plain item")]),
        Table(
            ["Class", "Severity"],
            [[Cell("Quinolones"), Cell("major", "major")], [Cell("Diuretics"), Cell("moderate", "moderate")]],
            legend="* best in the row",
        ),
        Paragraph("Not medical advice.", "muted"),
        Line([("Mg ", "label"), ("==", "window"), ("..", "")]),
    ]


def test_each_piece_gets_the_colour_of_its_meaning() -> None:
    painted = terminal.paint(document(), 80)  # type: ignore[arg-type]
    assert painted.startswith("\x1b[1;36mMagnesium oxide\x1b[0m\n\x1b[1;36m===============\x1b[0m\n")
    assert "\x1b[1mElemental Mg:\x1b[0m \x1b[1;32m60.3%\x1b[0m\n" in painted
    assert "\x1b[1mStomach:\x1b[0m      harsh\n" in painted
    assert "- \x1b[1;33mKidney disease: ask first\x1b[0m\n- plain item\n" in painted
    assert "\x1b[1mClass\x1b[0m       \x1b[1mSeverity\x1b[0m\n" in painted
    assert "Quinolones  \x1b[1;31mmajor\x1b[0m\n" in painted
    assert "Diuretics   \x1b[33mmoderate\x1b[0m\n" in painted
    assert "\x1b[2m* best in the row\x1b[0m\n" in painted
    assert "\x1b[2mNot medical advice.\x1b[0m\n" in painted
    assert painted.endswith("\x1b[1mMg\x1b[0m \x1b[32m==\x1b[0m..\n")


@pytest.mark.parametrize("width", [100, 60, 40, 20])
def test_without_its_colours_the_terminal_text_is_the_plain_text(width: int) -> None:
    painted = terminal.paint(document(), width)  # type: ignore[arg-type]
    assert SGR.sub("", painted) == plain.paint(document(), width)  # type: ignore[arg-type]


def test_a_real_terminal_gets_colour_without_rich() -> None:
    """On a pseudo-terminal magref paints colour and never imports rich (its import is most of the floor)."""
    probe = (
        "import sys, runpy; sys.argv = ['magref', 'info', 'glycinate'];\n"
        "try:\n    runpy.run_module('magref', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('rich loaded' if any(m.startswith('rich') for m in sys.modules) else 'no rich')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(COLUMNS="100", TERM="xterm-256color")
    controller, terminal_end = pty.openpty()
    try:
        command = [sys.executable, "-c", probe]
        child = subprocess.Popen(
            command, stdin=terminal_end, stdout=terminal_end, stderr=subprocess.PIPE, env=env
        )
        os.close(terminal_end)
        output = b""
        while True:  # read as it is written: a full terminal buffer would stop the child
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            output += chunk
        errors = child.communicate(timeout=60)[1]
    finally:
        os.close(controller)
    assert child.returncode == 0, errors
    assert b"\x1b[1;36mMagnesium glycinate" in output
    assert errors.decode().endswith("no rich")


SIMPLE = st.lists(
    st.sampled_from(["a", "bb", "word", "-", "x" * 30, "é", "µg", "y" * 59, "(1,200)"]), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(
    words=SIMPLE,
    width=st.integers(10, 100),
    first=st.sampled_from(["", "- ", "  "]),
    rest=st.sampled_from(["", "  "]),
)
def test_wrapping_single_spaced_words_gives_what_textwrap_gives(
    words: list[str], width: int, first: str, rest: str
) -> None:
    """Text of words parted by single spaces takes a quicker path; its lines are the same."""
    text = " ".join(words)
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    assert plain.wrap(text, width, first, rest) == expected
