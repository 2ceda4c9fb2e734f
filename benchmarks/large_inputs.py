"""Time and memory of magref on large and hostile datasets; standard library only besides magref.

Usage: python benchmarks/large_inputs.py [--only NAME] [--timeout SECONDS] [--markdown] [--keep DIR]

Each case writes its dataset, then runs one magref command as a new process (with an empty cache,
so that validation is always timed) and reports the wall time, the peak resident memory, the exit
code, the size of what was written to stdout and stderr, and whether the case kept to the budget
(BUDGET_SECONDS and BUDGET_MIB), and peak memory as a multiple of the input's size (at most
BUDGET_TIMES_INPUT for validation). A case past the timeout is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

MIB = 2**20
ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"


def incomplete_entries(folder: Path, count: int = 700_000) -> Path:
    """One file of ``count`` forms that each lack most required fields (about 21 MB)."""
    path = folder / "incomplete.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("forms:\n")
        handle.writelines(f"- id: form-{n}\n  name: x\n" for n in range(count))
    return path


def many_ids(folder: Path, count: int = 2_000_000) -> Path:
    """One file of ``count`` forms that each have an id and nothing else (about 29 MB)."""
    path = folder / "ids.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("forms:\n")
        handle.writelines(f"- id: f{n}\n" for n in range(count))
    return path


def long_word(folder: Path, size: int = 31 * 10**6) -> Path:
    """The bundled dataset with one form's text replaced by a single word of ``size`` letters."""
    target = folder / "long-word"
    if target.exists():
        return target
    shutil.copytree(BUNDLED, target)
    forms = target / "forms.yaml"
    text = forms.read_text(encoding="utf-8")
    marker = "  formula_note: "
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    forms.write_text(text[:start] + "x" * size + text[end:], encoding="utf-8")
    return target


def scaled(folder: Path, scale: int = 240) -> Path:
    """A valid dataset ``scale`` times the bundled one (about 32 MB at 240)."""
    target = folder / f"x{scale}"
    if target.exists():
        return target
    generate = ROOT / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generate), str(scale), str(target)], check=True)
    return target


def scaled_100(folder: Path) -> Path:
    """A valid dataset 100 times the bundled one (the large dataset of BENCHMARKS.md)."""
    return scaled(folder, 100)


#: The budget of every case, on an idle machine: seconds and peak MiB (see BENCHMARKS.md), and
#: for validation, peak memory as a multiple of the input's size.
BUDGET_SECONDS, BUDGET_MIB, BUDGET_TIMES_INPUT = 15.0, 500.0, 20.0

CASES: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "700k incomplete entries: validate": (incomplete_entries, ["validate"]),
    "2M ids: validate": (many_ids, ["validate"]),
    "100x dataset: validate": (scaled_100, ["validate"]),
    "31 MB single word: validate": (long_word, ["validate"]),
    "31 MB single word: info (plain)": (long_word, ["info", "glycinate"]),
    "32 MB valid dataset: validate": (scaled, ["validate"]),
    "32 MB valid dataset: info (plain)": (scaled, ["info", "glycinate"]),
}


def magref_command() -> list[str]:
    beside = Path(sys.executable).with_name("magref")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "magref"]


def run(command: list[str], timeout: float, env: dict[str, str]) -> tuple[float, float, int | str, int, int]:
    """Wall seconds, peak MiB, exit code (or "timeout"), stdout bytes and stderr bytes of one run."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.send_signal(signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                elapsed = time.perf_counter() - started
                return elapsed, usage.ru_maxrss / 1024, "timeout", out.tell(), err.tell()
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        return elapsed, usage.ru_maxrss / 1024, process.returncode, out.tell(), err.tell()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--keep", help="write the datasets here and keep them")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="magref-large-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MAGREF_CACHE_DIR": str(work / "cache"), "COLUMNS": "80"}
    made: dict[str, Path] = {}
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; date: {date.today()}",
        "",
        "| case | input MB | seconds | peak MiB | peak / input | exit | stdout bytes | stderr bytes "
        "| in budget |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    try:
        for name, (make, args_) in CASES.items():
            if args.only and args.only not in name:
                continue
            key = make.__name__
            if key not in made:
                made[key] = make(work)
            data = made[key]
            size = sum(p.stat().st_size for p in ([data] if data.is_file() else data.glob("*.yaml")))
            shutil.rmtree(work / "cache", ignore_errors=True)
            command = [*magref_command(), "--data", str(data), *args_]
            seconds, peak, code, out, err = run(command, args.timeout, env)
            times = peak * MIB / size
            held = code != "timeout" and seconds <= BUDGET_SECONDS and peak <= BUDGET_MIB
            if "validate" in args_:
                held = held and times <= BUDGET_TIMES_INPUT
            lines.append(
                f"| {name} | {size / 1e6:.1f} | {seconds:.2f} | {peak:.0f} | {times:.1f}x | {code} | {out:,} "
                f"| {err:,} | {'yes' if held else 'NO'} |"
            )
            sys.stderr.write(lines[-1] + "\n")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
