"""Time whole magref processes against the framework floor; standard library only besides magref.

Usage: python benchmarks/bench.py [--runs N] [--scale-data DIR] [--markdown]

Each case runs as a new process, interleaved with the others, after one warm-up round; the
report gives medians and the ratio to the floor ``python -c "import typer, rich.console"``.
With --scale-data, the SCALED cases are also run on that (large) dataset, warm, and compared
with the same command on the bundled data.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

FLOOR = "floor: import typer, rich.console"
#: One person's inputs, timed through check and through report (the report is held to 1.3x check).
PERSON = [
    "--age", "68", "--sex", "female", "--drug", "levothyroxine@07:00", "--drug", "furosemide@08:00",
    "--form", "citrate", "--amount", "400",
]  # fmt: skip
CHECK = "magref check (one person)"
REPORT = "magref report (the same person, HTML)"
CASES = {
    "magref info glycinate": ["info", "glycinate"],
    "magref info glycinate --json": ["info", "glycinate", "--json"],
    "magref compare glycinate oxide citrate": ["compare", "glycinate", "oxide", "citrate"],
    "magref interactions diuretic": ["interactions", "diuretic"],
    "magref interactions Lasix": ["interactions", "Lasix"],
    "magref search sleep": ["search", "sleep"],
    "magref interactions tylenol (not listed)": ["interactions", "tylenol"],
    "magref search with typos": ["search", "magnesum for slep"],
    CHECK: ["check", *PERSON],
    REPORT: ["report", *PERSON],
}
#: Cases run again on the large dataset, each compared with the same command on the bundled one.
SCALED = [
    "magref info glycinate",
    "magref search sleep",
    "magref interactions Lasix",
    "magref interactions tylenol (not listed)",
    "magref search with typos",
    CHECK,
]
LARGE = " (large dataset)"


def magref_command() -> list[str]:
    beside = Path(sys.executable).with_name("magref")
    found = str(beside) if beside.exists() else shutil.which("magref")
    return [found] if found else [sys.executable, "-m", "magref"]


def commands(scale_data: str | None) -> dict[str, list[str]]:
    base = magref_command()
    result = {FLOOR: [sys.executable, "-c", "import typer, rich.console"]}
    result.update({name: [*base, *args] for name, args in CASES.items()})
    if scale_data:
        result.update({name + LARGE: [*base, "--data", scale_data, *CASES[name]] for name in SCALED})
    return result


def time_once(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: nothing matched, as for a medicine not listed
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[:500]}")
    return elapsed


def peak_memory_mib(command: list[str]) -> float:
    """Peak resident memory of one run, from a wrapper process of its own."""
    probe = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "assert done.returncode in (0, 1), done.returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def measure(runs: int, scale_data: str | None) -> dict[str, list[float]]:
    cases = commands(scale_data)
    for command in cases.values():
        time_once(command)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            times[name].append(time_once(command))
    return times


def report(times: dict[str, list[float]], memory: dict[str, float], markdown: bool) -> str:
    floor = statistics.median(times[FLOOR])
    info = statistics.median(times["magref info glycinate"])
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; date: {date.today()}; runs: {len(times[FLOOR])} interleaved after a warm-up",
        "",
        "| command | median ms | x floor | x bundled info | x same, bundled |"
        if markdown
        else "command  median_ms  x_floor  x_same_bundled",
    ]
    if markdown:
        lines.append("|---|---:|---:|---:|---:|")
    for name, values in times.items():
        median = statistics.median(values) * 1000
        ratio = statistics.median(values) / floor
        versus_info = statistics.median(values) / info
        bundled = name.removesuffix(LARGE)
        same = ""
        if bundled != name:
            same = f"{statistics.median(values) / statistics.median(times[bundled]):.2f}"
        if markdown:
            lines.append(f"| {name} | {median:.1f} | {ratio:.2f} | {versus_info:.2f} | {same} |")
        else:
            lines.append(f"{name}  {median:.1f}  {ratio:.2f}  {same}")
    lines.append("")
    lines += [f"peak memory of {name}: {mib:.1f} MiB" for name, mib in memory.items()]
    if REPORT in times:
        report_ratio = statistics.median(times[REPORT]) / statistics.median(times[CHECK])
        lines.append(f"report / check with the same inputs: {report_ratio:.2f} (target: at most 1.3)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale-data", help="a large dataset (see benchmarks/generate.py)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        sys.stderr.write("bench: PYTHONDONTWRITEBYTECODE is set; stale bytecode makes every run slower\n")
    times = measure(args.runs, args.scale_data)
    cases = commands(args.scale_data)
    probes = ["magref compare glycinate oxide citrate"]
    if args.scale_data:
        probes += [name + LARGE for name in SCALED]
    memory = {name: peak_memory_mib(cases[name]) for name in probes}
    sys.stdout.write(report(times, memory, args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
