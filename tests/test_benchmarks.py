"""A one-round smoke run of the benchmark tools, so that they cannot rot; timings are not asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from magref import dataset

ROOT = Path(__file__).parent.parent


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


def test_bench_runs_one_round_and_reports_every_case(tmp_path: Path) -> None:
    out = tmp_path / "x2"
    subprocess.run([sys.executable, "benchmarks/generate.py", "2", str(out)], check=True, cwd=ROOT)
    done = subprocess.run(
        [sys.executable, "benchmarks/bench.py", "--runs", "1", "--scale-data", str(out), "--markdown"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    for case in (
        "floor",
        "magref info glycinate --json",
        "magref search sleep",
        "magref report (the same person, HTML)",
        "report / check with the same inputs",
        "(large dataset)",
        "peak memory",
    ):
        assert case in done.stdout


def test_growth_runs_every_reader_once() -> None:
    """The growth benchmark runs and names each reader; its timings are not asserted here."""
    done = subprocess.run(
        [sys.executable, "benchmarks/growth.py", "--base", "50", "--repeat", "1", "--markdown"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr
    for reader in ("tokens", "regimen (words)", "label (digits)", "lab range (spaces)", "kidney (words)"):
        assert f"| {reader}" in done.stdout
