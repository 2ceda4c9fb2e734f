"""Every command, in all three output modes, through the command line."""

from __future__ import annotations

import re

import pytest

from .conftest import Run
from .snapshot import assert_matches_snapshot

COMMANDS = [
    ["info", "glycinate"],
    ["compare", "glycinate", "oxide", "citrate"],
    ["list"],
    ["list", "--sort", "elemental"],
    ["search", "sleep"],
    ["faq"],
    ["faq", "pregnancy"],
    ["evidence"],
    ["evidence", "back", "pain"],
    ["sources"],
    ["sources", "ods-hp"],
    ["interactions"],
    ["interactions", "furosemide", "doxycycline"],
    ["plan", "doxycycline@08:00", "doxycycline@20:00"],
    ["dose", "--age", "30", "--sex", "female"],
    ["dose", "--age", "16"],
    ["convert", "500mg", "glycinate", "--times", "2"],
    ["cautions"],
    ["cautions", "kidney"],
    ["check", "--age", "70", "--sex", "female", "--drug", "furosemide", "--form", "oxide", "--amount", "500"],
    ["dose", "--age", "30", "--sex", "female", "--region", "eu"],
    ["dose", "--age", "30", "--compare-regions"],
    ["dose", "--age", "5", "--region", "japan"],
    ["convert", "500mg", "oxide", "--region", "uk"],
    ["check", "--age", "30", "--sex", "female", "--form", "oxide", "--amount", "500", "--region", "eu"],
    ["regions"],
    ["regions", "eu"],
    ["foods"],
    ["foods", "pumpkin", "seeds"],
    ["foods", "--target", "310"],
    ["search", "EU", "upper", "limit"],
    ["interactions", "can", "i", "take", "magnesium", "with", "lasix"],
    ["interactions", "Eliquis"],
    ["interactions", "blood", "thinner"],
    ["plan", "levothyroxine@6:30am", "doxycycline@8am", "doxycycline@8pm"],
    ["stack", "glycinate 200 mg elemental x2", "milk of magnesia 30 mL"],
    ["products", "milk", "of", "magnesia"],
    ["label", "Magnesium (as magnesium glycinate) 200 mg"],
    ["lab", "1.9", "mg/dL"],
]
IDS = ["-".join(c).replace("@", "at").replace(":", "") for c in COMMANDS]


def snapshot_name(args: list[str]) -> str:
    """The snapshot file name of a command line (without width and extension)."""
    name = "-".join(a.lstrip("-").replace("@", "at").replace(":", "") for a in args)
    return re.sub(r"[^A-Za-z0-9.-]+", "_", name)


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_plain_text_has_no_escape_codes(magref: Run, args: list[str]) -> None:
    result = magref(*args, env={"COLUMNS": "100"})
    assert result.code == 0, result
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_json_is_one_document(magref: Run, args: list[str]) -> None:
    result = magref(*args, "--json")
    assert result.code == 0, result
    assert isinstance(result.json, (dict, list))


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_terminal_output_is_styled(magref: Run, args: list[str]) -> None:
    result = magref(*args, env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert result.code == 0, result
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_no_color_means_plain(magref: Run, args: list[str]) -> None:
    result = magref(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "100"})
    assert result.code == 0
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("width", [100, 40])
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_plain_rendering_snapshot(magref: Run, args: list[str], width: int) -> None:
    result = magref(*args, env={"COLUMNS": str(width)})
    assert_matches_snapshot(f"{snapshot_name(args)}.w{width}", result.stdout)
    assert all(len(line) <= width for line in result.stdout.splitlines() if " " in line.strip())


def test_no_color_option_means_plain_even_when_colour_is_forced(magref: Run) -> None:
    result = magref("--no-color", "info", "glycinate", env={"FORCE_COLOR": "1"})
    assert result.code == 0
    assert "\x1b" not in result.stdout
    assert "14.1%" in result.stdout


@pytest.mark.parametrize("args", [["compare", "glycinate", "oxide", "citrate"], ["list"], ["interactions"]])
@pytest.mark.parametrize("width", ["40", "20"])
def test_narrow_terminals_get_records_not_cut_cells(magref: Run, args: list[str], width: str) -> None:
    result = magref(*args, env={"FORCE_COLOR": "1", "COLUMNS": width})
    assert result.code == 0
    assert "…" not in result.stdout
    assert "glycinate" in result.stdout.lower() or "diuretic" in result.stdout.lower()
