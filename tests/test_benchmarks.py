"""A one-round smoke run of the benchmark tools, so that they cannot rot; timings are not asserted."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from magref import dataset

ROOT = Path(__file__).parent.parent


def _bench() -> ModuleType:
    """benchmarks/bench.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_generate_writes_a_valid_larger_dataset_that_keeps_the_bundled_entries(tmp_path: Path) -> None:
    out = tmp_path / "x3"
    subprocess.run([sys.executable, "benchmarks/generate.py", "3", str(out)], check=True, cwd=ROOT)
    bundled = dataset.load(use_cache=False)
    scaled = dataset.load(out, use_cache=False)
    assert len(scaled.forms) == 3 * len(bundled.forms)
    assert len(scaled.interactions) == 3 * len(bundled.interactions)
    assert len(scaled.sources) == 3 * len(bundled.sources)
    assert "glycinate" in {form.id for form in scaled.forms}


def test_generate_refuses_bad_arguments() -> None:
    done = subprocess.run([sys.executable, "benchmarks/generate.py", "zero"], capture_output=True, cwd=ROOT)
    assert done.returncode == 2


def test_bench_runs_one_round_on_a_terminal_and_piped_and_reports_the_targets(tmp_path: Path) -> None:
    out = tmp_path / "x2"
    subprocess.run([sys.executable, "benchmarks/generate.py", "2", str(out)], check=True, cwd=ROOT)
    done = subprocess.run(
        [
            sys.executable, "benchmarks/bench.py", "--runs", "1", "--scale-data", str(out), "--markdown",
            "--only", "info,check,report,sources",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )  # fmt: skip
    for case in (
        "floor (import typer, rich.console) tty",
        "floor (import typer, rich.console) pipe",
        "| info glycinate | tty |",
        "| info glycinate | pipe |",
        "| report [100x] | tty |",
        "| report / check | tty |",
        "| sources: CPU per line, 100x / bundled | pipe |",
        "wall / floor (min-max)",
        "CPU / floor (min-max)",
        "| figure | min-max | CPU | limit | met |",  # each target with its per-round spread
    ):
        assert case in done.stdout
    assert "| compare" not in done.stdout  # --only


def test_bench_counts_what_a_terminal_shows_in_colour() -> None:
    """On the pseudo-terminal magref paints colour; piped, it writes plain text."""
    bench = _bench()
    command = [*bench.magref_command(), "info", "glycinate"]
    on_terminal = bench.run_once(command, "tty", bench.environment())
    piped = bench.run_once(command, "pipe", bench.environment())
    assert on_terminal[1] == piped[1] == 0
    assert b"\x1b[1;36mMagnesium glycinate" in on_terminal[2]
    assert b"\x1b" not in piped[2]
    assert on_terminal[0].cpu > 0 and on_terminal[0].lines == piped[0].lines


def test_growth_runs_every_reader_once() -> None:
    """The growth benchmark runs and names each reader; its timings are not asserted here."""
    done = subprocess.run(
        [sys.executable, "benchmarks/growth.py", "--base", "50", "--repeat", "1", "--markdown"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr
    for reader in (
        "tokens",
        "regimen (words)",
        "label (digits)",
        "lab range (spaces)",
        "kidney (words)",
        "search (words)",
    ):
        assert f"| {reader}" in done.stdout


def test_a_listing_at_the_floor_has_its_per_line_row_marked_not_applicable() -> None:
    """When the bundled listing costs no more CPU than the floor, there is no cost per line to
    compare the 100x run with: the row says n/a (it used to vanish, and a one-round run could
    lose it by chance)."""
    bench = _bench()
    run = bench.Run
    floors = {mode: [run(0.070, 0.070, 0)] for mode in bench.MODES}
    cases = {"sources": ([], "listing"), "sources [100x]": ([], "listing")}
    runs = {}
    for mode in bench.MODES:
        runs[("sources", mode)] = [run(0.069, 0.069, 800)]  # below the floor
        runs[("sources [100x]", mode)] = [run(0.300, 0.300, 80_000)]
    ratios = {key: [(1.0, 1.0)] for key in runs}
    found = bench.Bench(cases, runs, ratios, floors)
    rows = [t for t in bench.targets(found) if "per line" in t.what]
    assert [t.mode for t in rows] == list(bench.MODES)
    text = bench.report(found, markdown=True)
    assert "| sources: CPU per line, 100x / bundled | tty | n/a |" in text
    assert text.count("| n/a |") == 4  # the figure and whether it is met, on each row
    runs[("sources", "tty")] = [run(0.080, 0.080, 800)]  # above the floor: a figure again
    again = bench.report(bench.Bench(cases, runs, ratios, floors), markdown=True)
    assert "| sources: CPU per line, 100x / bundled | tty | 0.23 |" in again


def test_with_a_middle_dataset_a_listing_is_judged_by_what_each_line_it_adds_costs() -> None:
    """With --mid-data, a listing's time for each line it adds from the middle dataset to the large
    one is held against that for each line it adds from the bundled one to the middle one; the
    floor cancels out, so a bundled listing below the floor still has a figure."""
    bench = _bench()
    run = bench.Run
    floors = {mode: [run(0.070, 0.070, 0)] for mode in bench.MODES}
    names = ("sources", "sources [10x]", "sources [100x]")
    cases = {name: ([], "listing") for name in names}
    runs = {}
    for mode in bench.MODES:
        runs[("sources", mode)] = [run(0.069, 0.069, 800)]  # below the floor
        runs[("sources [10x]", mode)] = [run(0.093, 0.093, 8_800)]  # 3 µs a line added
        runs[("sources [100x]", mode)] = [run(0.453, 0.453, 80_800)]  # 5 µs a line added
    ratios = {key: [(1.0, 1.0)] for key in runs}
    rows = [t for t in bench.targets(bench.Bench(cases, runs, ratios, floors)) if "per line" in t.what]
    assert [t.mode for t in rows] == list(bench.MODES)
    assert [round(t.figure, 2) for t in rows] == [1.67, 1.67]  # 5 / 3: over the 1.2 limit
    text = bench.report(bench.Bench(cases, runs, ratios, floors), markdown=True)
    assert (
        "| sources: time per line added, 10x to 100x / bundled to 10x | tty | 1.67 | 5.0 / 3.0 µs |" in text
    )
    assert "| NO |" in text


def test_the_bundled_data_written_out_stands_for_it_in_the_listing_comparison() -> None:
    """With --base-data (the bundled data as generate.py 1 writes it), the smallest of the three
    points is that run, which reads its data through --data as the 10x and 100x runs do."""
    bench = _bench()
    run = bench.Run
    floors = {mode: [run(0.070, 0.070, 0)] for mode in bench.MODES}
    names = ("list (forms)", "list (forms) [1x]", "list (forms) [10x]", "list (forms) [100x]")
    cases = {name: ([], "listing") for name in names}
    runs = {}
    for mode in bench.MODES:
        runs[("list (forms)", mode)] = [run(0.061, 0.061, 20)]  # bundled: read another way, dearer
        runs[("list (forms) [1x]", mode)] = [run(0.0576, 0.0576, 20)]
        runs[("list (forms) [10x]", mode)] = [run(0.0609, 0.0609, 146)]  # about 26 µs a line added
        runs[("list (forms) [100x]", mode)] = [run(0.0950, 0.0950, 1406)]  # about 27 µs a line added
    ratios = {key: [(1.0, 1.0)] for key in runs}
    rows = [t for t in bench.targets(bench.Bench(cases, runs, ratios, floors)) if "per line" in t.what]
    assert [t.what for t in rows] == ["list (forms): time per line added, 10x to 100x / 1x to 10x"] * 2
    assert [round(t.figure, 2) for t in rows] == [1.03, 1.03]


def test_a_middle_dataset_of_another_scale_is_named_by_its_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    """--mid-scale 30 names the middle runs and the comparison by 30x, not 10x."""
    bench = _bench()
    run = bench.Run
    monkeypatch.setattr(bench, "MID", " [30x]")
    floors = {mode: [run(0.070, 0.070, 0)] for mode in bench.MODES}
    names = ("list (forms)", "list (forms) [1x]", "list (forms) [30x]", "list (forms) [100x]")
    cases = {name: ([], "listing") for name in names}
    runs = {}
    for mode in bench.MODES:
        runs[("list (forms)", mode)] = [run(0.061, 0.061, 20)]
        runs[("list (forms) [1x]", mode)] = [run(0.0576, 0.0576, 20)]
        runs[("list (forms) [30x]", mode)] = [run(0.0682, 0.0682, 426)]  # about 26 µs a line added
        runs[("list (forms) [100x]", mode)] = [run(0.0950, 0.0950, 1406)]  # about 27 µs a line added
    ratios = {key: [(1.0, 1.0)] for key in runs}
    rows = [t for t in bench.targets(bench.Bench(cases, runs, ratios, floors)) if "per line" in t.what]
    assert [t.what for t in rows] == ["list (forms): time per line added, 30x to 100x / 1x to 30x"] * 2
    assert [round(t.figure, 2) for t in rows] == [1.05, 1.05]
