"""Time whole magref processes as people see them: on a terminal and piped, against the floor.

Usage: python benchmarks/bench.py [--runs N] [--scale-data DIR [--mid-data DIR [--base-data DIR]]]
                                 [--only TEXT] [--markdown]

Every case runs as a new process twice a round: on a pseudo-terminal (COLUMNS, LINES and the
window size set, so magref paints colour) and with standard output a pipe. The floor,
``python -c "import typer, rich.console"``, runs the same two ways in the same round, before
every few cases and at the end; each run is divided by the mean of the floor runs either side
of it, so every round gives a ratio that the load of that moment affects alike. The report
gives the median of those per-round ratios with their spread (lowest to highest), and the
child's CPU time (user + sys, from ``os.wait4``) beside its wall time. The order of the cases is
shuffled each round. With --scale-data, every case is also run on that (large) dataset, warm;
with --mid-data too (a dataset between the two: 10x unless --mid-scale says otherwise), each
listing's time for a line it adds from the middle dataset to the large one is held against that for
a line it adds from the bundled dataset to the middle one: a listing that grows linearly with its
output costs the same a line. A listing that adds few lines in the first step (``list``: 126 lines,
about 3 ms, from 1x to 10x) is judged better with a 30x middle, whose first step is larger than
the noise of a run.
--base-data (the bundled data written out by ``generate.py 1``) stands for the bundled dataset in
that comparison, so that all three runs read their data the same way (--data), and differ only in
its size.
Unless MAGREF_CACHE_DIR is set, the runs share a cache folder of their own, built in the warm-up.

Standard library only besides magref; POSIX only (pseudo-terminals, posix_spawn, wait4).
"""

from __future__ import annotations

import argparse
import fcntl
import math
import os
import platform
import random
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

FLOOR = "floor"
FLOOR_COMMAND = "import typer, rich.console"
MODES = ("tty", "pipe")
#: How long after the warm-up before the timed rounds: more than magref's cache.SETTLED_NS.
SETTLE_SECONDS = 2.5
COLUMNS, LINES = 100, 40
#: One person's inputs, timed through check and through report.
PERSON = [
    "--age", "68", "--sex", "female", "--drug", "levothyroxine@07:00", "--drug", "furosemide@08:00",
    "--form", "citrate", "--amount", "400",
]  # fmt: skip
PLAN = ["plan", "synthroid@06:30", "cipro@09:00", "cipro@21:00"]
ICS = "{tmp}/plan.ics"


class Case(NamedTuple):
    name: str
    args: list[str]
    kind: str  # lookup, check, report, plan, ics, validate, listing


CASES = [
    Case("info glycinate", ["info", "glycinate"], "lookup"),
    Case("compare glycinate oxide citrate", ["compare", "glycinate", "oxide", "citrate"], "lookup"),
    Case("interactions Lasix", ["interactions", "Lasix"], "lookup"),
    Case("dose --age 30 --sex female", ["dose", "--age", "30", "--sex", "female"], "lookup"),
    Case("search sleep", ["search", "sleep"], "lookup"),
    Case("plan", PLAN, "plan"),
    Case("plan --ics", [*PLAN, "--ics", ICS], "ics"),
    Case("check", ["check", *PERSON], "check"),
    Case("report", ["report", *PERSON], "report"),
    Case("validate", ["validate"], "validate"),
    Case("sources", ["sources"], "listing"),
    Case("list (forms)", ["list"], "listing"),
    Case("products", ["products"], "listing"),
]
LARGE = " [100x]"
MID = " [10x]"
BASE = " [1x]"
#: Targets: (what, limit). Checked on the medians of per-round ratios.
LOOKUP_LIMIT, CHECK_LIMIT, PAIR_LIMIT, VALIDATE_LIMIT, LINE_LIMIT = 1.10, 1.15, 1.15, 1.10, 1.20


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds, user + sys of the child
    lines: int


def magref_command() -> list[str]:
    beside = Path(sys.executable).with_name("magref")
    found = str(beside) if beside.exists() else shutil.which("magref")
    return [found] if found else [sys.executable, "-m", "magref"]


def environment() -> dict[str, str]:
    dropped = ("NO_COLOR", "FORCE_COLOR", "MAGREF_DATA", "PYTHONDONTWRITEBYTECODE")  # people have bytecode
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(COLUMNS=str(COLUMNS), LINES=str(LINES), TERM=env.get("TERM") or "xterm-256color")
    if env["TERM"] == "dumb":
        env["TERM"] = "xterm-256color"
    return env


def _spawn(command: list[str], env: dict[str, str], actions: list[tuple[int, ...]]) -> int:
    return os.posix_spawn(command[0], command, env, file_actions=actions)


def _drain(descriptor: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 1 << 16)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def run_once(command: list[str], mode: str, env: dict[str, str]) -> tuple[Run, int, bytes]:
    """One process on a pseudo-terminal or a pipe: its times, lines of output, exit code and output."""
    import time

    if mode == "tty":
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        actions = [(os.POSIX_SPAWN_DUP2, slave, fd) for fd in (0, 1, 2)]
        started = time.perf_counter()
        pid = _spawn(command, env, actions)
        os.close(slave)
        output = _drain(master)
        os.close(master)
    else:
        reader, writer = os.pipe()
        null = os.open(os.devnull, os.O_RDWR)
        errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed once the child is reaped
        actions = [
            (os.POSIX_SPAWN_DUP2, null, 0),
            (os.POSIX_SPAWN_DUP2, writer, 1),
            (os.POSIX_SPAWN_DUP2, errors.fileno(), 2),
        ]
        started = time.perf_counter()
        pid = _spawn(command, env, actions)
        os.close(writer)
        output = _drain(reader)
        os.close(reader)
        os.close(null)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    if mode == "pipe":
        errors.seek(0)
        output += errors.read()
        errors.close()
    code = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, output.count(b"\n")), code, output


class Bench(NamedTuple):
    cases: dict[str, tuple[list[str], str]]  # name: (command, kind)
    runs: dict[tuple[str, str], list[Run]]  # (name, mode): runs
    ratios: dict[tuple[str, str], list[tuple[float, float]]]  # (name, mode): per-round (wall, cpu) ratios
    floors: dict[str, list[Run]]  # mode: floor runs


def plan_cases(
    scale_data: str | None,
    only: str | None,
    tmp: str,
    mid_data: str | None = None,
    base_data: str | None = None,
) -> dict[str, tuple[list[str], str]]:
    base = magref_command()
    cases: dict[str, tuple[list[str], str]] = {}
    datasets = [("", [])] + ([(LARGE, ["--data", scale_data])] if scale_data else [])
    datasets += [(MID, ["--data", mid_data])] if mid_data else []
    datasets += [(BASE, ["--data", base_data])] if base_data and mid_data else []
    for suffix, data in datasets:
        for case in CASES:
            if suffix in (MID, BASE) and case.kind != "listing":
                continue
            name = case.name + suffix
            if only and not any(part in name for part in only.split(",")):
                continue
            cases[name] = ([*base, *data, *(a.replace("{tmp}", tmp) for a in case.args)], case.kind)
    return cases


def measure(
    runs: int,
    scale_data: str | None,
    only: str | None,
    every: int = 4,
    seed: int = 29,
    mid_data: str | None = None,
    base_data: str | None = None,
) -> Bench:
    env = environment()
    floor = [sys.executable, "-c", FLOOR_COMMAND]
    shuffle = random.Random(seed).shuffle
    with tempfile.TemporaryDirectory(prefix="magref-bench-") as tmp:
        # A cache folder of its own (built in the warm-up), so that no other magref prunes it meanwhile.
        env.setdefault("MAGREF_CACHE_DIR", os.path.join(tmp, "cache"))
        cases = plan_cases(scale_data, only, tmp, mid_data, base_data)
        for name, (command, _) in cases.items():  # warm-up: caches, bytecode; and fail early
            for mode in MODES:
                _, code, output = run_once(command, mode, env)
                if code not in (0, 1):
                    said = output.decode(errors="replace")[-800:]
                    raise SystemExit(f"{name} ({mode}) exited {code}: {said}")
        # An index's full check is recorded only once it has settled (cache.SETTLED_NS): wait,
        # and open each once more, so no timed run pays a check that later ones do not.
        time.sleep(SETTLE_SECONDS)
        for command, _ in cases.values():
            run_once(command, MODES[0], env)
        bench = Bench(cases, {}, {}, {mode: [] for mode in MODES})
        for _ in range(runs):
            for mode in MODES:
                order = list(cases)
                shuffle(order)
                # floor, a few cases, floor, a few cases, ..., floor
                timeline: list[tuple[str, Run]] = [(FLOOR, run_once(floor, mode, env)[0])]
                for start in range(0, len(order), every):
                    for name in order[start : start + every]:
                        timeline.append((name, run_once(cases[name][0], mode, env)[0]))
                    timeline.append((FLOOR, run_once(floor, mode, env)[0]))
                _collect(bench, mode, timeline)
    return bench


def _collect(bench: Bench, mode: str, timeline: list[tuple[str, Run]]) -> None:
    floors = [i for i, (name, _) in enumerate(timeline) if name == FLOOR]
    bench.floors[mode] += [timeline[i][1] for i in floors]
    for index, (name, run) in enumerate(timeline):
        if name == FLOOR:
            continue
        before = max(i for i in floors if i < index)
        after = min(i for i in floors if i > index)
        wall = (timeline[before][1].wall + timeline[after][1].wall) / 2
        cpu = (timeline[before][1].cpu + timeline[after][1].cpu) / 2
        bench.runs.setdefault((name, mode), []).append(run)
        bench.ratios.setdefault((name, mode), []).append((run.wall / wall, run.cpu / cpu))


# -- the report ----------------------------------------------------------------------------------


def _spread(values: Iterable[float], digits: int = 2) -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):.{digits}f} ({ordered[0]:.{digits}f}-{ordered[-1]:.{digits}f})"


def _median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def _paired(bench: Bench, top: str, bottom: str, mode: str, field: Callable[[Run], float]) -> list[float]:
    """Per-round ratios of two cases (each round ran both under the same load)."""
    tops, bottoms = bench.runs.get((top, mode)), bench.runs.get((bottom, mode))
    if not tops or not bottoms:
        return []
    return [field(t) / field(b) for t, b in zip(tops, bottoms, strict=True)]


def _per_line(bench: Bench, name: str, mode: str) -> tuple[float, float]:
    """Median wall and CPU time per line of output above the floor, in microseconds."""
    floor_wall = _median(r.wall for r in bench.floors[mode])
    floor_cpu = _median(r.cpu for r in bench.floors[mode])
    runs = bench.runs[(name, mode)]
    lines = max(_median(r.lines for r in runs), 1)
    wall = _median(r.wall for r in runs) - floor_wall
    cpu = _median(r.cpu for r in runs) - floor_cpu
    return wall / lines * 1e6, cpu / lines * 1e6


def _time_per_added_line(bench: Bench, small: str, large: str, mode: str) -> float:
    """Time a line costs, in microseconds, between two datasets: the difference of the two runs'
    least wall time over the difference of their lines (the floor and start-up cancel out). The
    least, since other work on the machine only ever adds time; wall, not CPU, time, since the
    kernel counts CPU time in ticks of several milliseconds, as much as a small listing adds."""
    wall = {name: min(r.wall for r in bench.runs[(name, mode)]) for name in (small, large)}
    lines = {name: _median(r.lines for r in bench.runs[(name, mode)]) for name in (small, large)}
    added = lines[large] - lines[small]
    return (wall[large] - wall[small]) / added * 1e6 if added > 0 else math.nan


def _added_line(bench: Bench, name: str, mode: str) -> Target:
    """A listing's time a line from the middle dataset to the large one, over the same from the
    bundled one to the middle one (both in microseconds, given beside the ratio)."""
    smallest = name + BASE if name + BASE in bench.cases else name
    low = _time_per_added_line(bench, smallest, name + MID, mode)
    high = _time_per_added_line(bench, name + MID, name + LARGE, mode)
    figure = high / low if low > 0 else math.nan
    mid = MID.strip(" []")
    what = f"{name}: time per line added, {mid} to 100x / {'1x' if smallest != name else 'bundled'} to {mid}"
    return Target(what, mode, figure, LINE_LIMIT, f"{high:.1f} / {low:.1f} µs", "")


class Target(NamedTuple):
    what: str
    mode: str
    figure: float  # the median of the per-round wall-time ratios
    limit: float
    spread: str = ""  # the lowest and highest per-round wall-time ratio, when there are rounds
    cpu: str = ""  # the median of the per-round CPU-time ratios


def _target(what: str, mode: str, walls: list[float], cpus: list[float], limit: float) -> Target:
    spread = f"{min(walls):.2f}-{max(walls):.2f}"
    return Target(what, mode, _median(walls), limit, spread, f"{_median(cpus):.2f}")


def targets(bench: Bench) -> list[Target]:
    """Each target the cases present allow, with its per-round spread and its CPU-time figure."""
    found: list[Target] = []
    for name, (_, kind) in bench.cases.items():
        for mode in MODES:
            ratios = bench.ratios[(name, mode)]
            walls, cpus = [r[0] for r in ratios], [r[1] for r in ratios]
            if kind in ("lookup", "plan") and mode == "tty":
                found.append(_target(f"{name} / floor", mode, walls, cpus, LOOKUP_LIMIT))
            if kind in ("check", "report") and mode == "tty":
                found.append(_target(f"{name} / floor", mode, walls, cpus, CHECK_LIMIT))
    for suffix in ("", LARGE):
        for top, bottom, limit in (
            ("report", "check", PAIR_LIMIT),
            ("plan --ics", "plan", PAIR_LIMIT),
            ("validate", "info glycinate", VALIDATE_LIMIT),
        ):
            for mode in MODES:
                pairs = _paired(bench, top + suffix, bottom + suffix, mode, lambda r: r.wall)
                cpus = _paired(bench, top + suffix, bottom + suffix, mode, lambda r: r.cpu)
                if pairs:
                    found.append(_target(f"{top + suffix} / {bottom + suffix}", mode, pairs, cpus, limit))
    for name, (_, kind) in bench.cases.items():
        if kind != "listing" or name.endswith((LARGE, MID, BASE)) or name + LARGE not in bench.cases:
            continue
        if name + MID in bench.cases:
            found += [_added_line(bench, name, mode) for mode in MODES]
            continue
        for mode in MODES:
            small, large = _per_line(bench, name, mode), _per_line(bench, name + LARGE, mode)
            # A bundled listing that costs no more than the floor has no cost per line to compare
            # with: its row says n/a rather than vanishing.
            figure = large[1] / small[1] if small[1] > 0 else math.nan
            found.append(Target(f"{name}: CPU per line, 100x / bundled", mode, figure, LINE_LIMIT))
    return found


def report(bench: Bench, markdown: bool) -> str:
    rounds = len(next(iter(bench.ratios.values())))
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; date: {now}; rounds: {rounds} after a warm-up; load average at the end: "
        f"{load:.2f}; terminal {COLUMNS}x{LINES}",
        "",
    ]
    for mode in MODES:
        floor = bench.floors[mode]
        lines.append(
            f"floor ({FLOOR_COMMAND}) {mode}: wall {_median(r.wall for r in floor) * 1000:.1f} ms, "
            f"CPU {_median(r.cpu for r in floor) * 1000:.1f} ms ({len(floor)} runs)"
        )
    lines.append("")
    header = ["case", "mode", "lines", "wall ms", "wall / floor (min-max)", "CPU ms", "CPU / floor (min-max)"]
    rows: list[list[str]] = []
    for name in bench.cases:
        for mode in MODES:
            runs = bench.runs[(name, mode)]
            ratios = bench.ratios[(name, mode)]
            rows.append([
                name,
                mode,
                f"{_median(r.lines for r in runs):.0f}",
                f"{_median(r.wall for r in runs) * 1000:.1f}",
                _spread(r[0] for r in ratios),
                f"{_median(r.cpu for r in runs) * 1000:.1f}",
                _spread(r[1] for r in ratios),
            ])  # fmt: skip
    lines += _table(header, rows, markdown)
    lines.append("")
    listing = [name for name, (_, kind) in bench.cases.items() if kind == "listing"]
    if listing:
        rows = []
        for name in listing:
            for mode in MODES:
                wall, cpu = _per_line(bench, name, mode)
                rows.append([name, mode, f"{wall:.1f}", f"{cpu:.1f}"])
        header = ["listing", "mode", "wall µs a line above the floor", "CPU µs a line"]
        lines += _table(header, rows, markdown)
        lines.append("")
    rows = [
        [
            t.what,
            t.mode,
            "n/a" if math.isnan(t.figure) else f"{t.figure:.2f}",
            t.spread,
            t.cpu,
            f"{t.limit:.2f}",
            "n/a" if math.isnan(t.figure) else "yes" if t.figure <= t.limit else "NO",
        ]
        for t in targets(bench)
    ]
    header = ["target (median of per-round ratios)", "mode", "figure", "min-max", "CPU", "limit", "met"]
    lines += _table(header, rows, markdown)
    return "\n".join(lines) + "\n"


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    if markdown:
        rule = "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"
        return ["| " + " | ".join(header) + " |", rule, *("| " + " | ".join(row) + " |" for row in rows)]
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    return [
        "  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=True)).rstrip() for row in (header, *rows)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10, help="rounds after the warm-up (default 10)")
    parser.add_argument("--scale-data", help="a large dataset (see benchmarks/generate.py)")
    parser.add_argument("--mid-data", help="a dataset between the bundled and the large one (listings only)")
    parser.add_argument("--base-data", help="the bundled data as generate.py 1 writes it (with --mid-data)")
    parser.add_argument(
        "--mid-scale", type=int, default=10, help="how many times the bundled data --mid-data is (default 10)"
    )
    parser.add_argument(
        "--only", help="only the cases whose names contain one of these texts (a comma-separated list)"
    )
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    global MID
    MID = f" [{args.mid_scale}x]"
    bench = measure(
        max(args.runs, 1), args.scale_data, args.only, mid_data=args.mid_data, base_data=args.base_data
    )
    if not bench.cases:
        raise SystemExit("bench: no case matches --only")
    sys.stdout.write(report(bench, args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
