"""How each reader's time grows with the length of what it reads: 1x, 2x, 4x and 8x input.

Usage: python benchmarks/growth.py [--base N] [--repeat R] [--markdown]

Each reader gets inputs of a growing size, built from a line as people type it and padded the
ways that break backtracking patterns (runs of spaces, runs of digits, repeated words). A case's
time is the best of ``--repeat`` runs; the growth ratio is the time at one size over the time at
half that size, so linear readers sit near 2.0 and a quadratic one near 4.0. A reader whose worst
ratio passes LIMIT is reported as failing, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import contextlib
import itertools

from magref import amounts, kidney, labels, question, reader, regimen, search, who
from magref.catalog import Catalog
from magref.errors import MagrefError

#: The most a reader's time may grow when its input doubles.
LIMIT = 2.2
SIZES = (1, 2, 4, 8)


def _catalog() -> Catalog:
    from magref import dataset

    return dataset.load()


def _quiet(read: Callable[[str], object]) -> Callable[[str], None]:
    """The reader, with refusals counted as answers: a refusal must be as quick as a reading."""

    def run(text: str) -> None:
        with contextlib.suppress(MagrefError):
            read(text)

    return run


def cases(data: Catalog) -> dict[str, tuple[Callable[[str], None], Callable[[int], str]]]:
    """Each reader and a maker of its input at ``n`` units of padding."""
    return {
        "tokens (digits)": (_quiet(reader.tokens), lambda n: "Magnesium " + "1" * n + " mg"),
        "numbers (groups)": (_quiet(reader.canonical), lambda n: "1" + ",000" * n + " mg"),
        "regimen (spaces)": (
            _quiet(lambda t: regimen.read_regimens([t])),
            lambda n: "cipro 500mg" + " " * n + "bd 9am",
        ),
        "regimen (words)": (
            _quiet(lambda t: regimen.read_regimens([t])),
            lambda n: "cipro 500mg bd 9am and " * n,
        ),
        "regimen (glued)": (
            _quiet(lambda t: regimen.read_regimens([t])),
            lambda n: "1 tabs po " + "tidprnas" * n + " needed",
        ),
        "regimen (asides)": (
            _quiet(lambda t: regimen.read_regimens([t])),
            lambda n: "30 mL (2 TBSP) to 60 mL (4 TBSP) with a full 8 oz, glass of water " * n,
        ),
        "amount (spaces)": (_quiet(amounts.parse_item), lambda n: "glycinate" + " " * n + "200 mg elemental"),
        "amount (digits)": (_quiet(amounts.parse_item), lambda n: "glycinate " + "9" * min(n, 11) + " " * n),
        "amount (words)": (
            _quiet(amounts.parse_item),
            lambda n: "epsom salt " + "one to " * n + "four level teaspoons in 8 ounces of water",
        ),
        "lab range (spaces)": (
            _quiet(amounts.parse_serum),
            lambda n: "0.7 mmol/L" + " " * n + "(0.7" + " " * n + "- 1.0)",
        ),
        "label (digits)": (
            _quiet(lambda t: labels.read(data, t)),
            lambda n: "Magnesium " + "8" * n + " mg " + "0" * n,
        ),
        "label (spaces)": (
            _quiet(lambda t: labels.read(data, t)),
            lambda n: "Magnesium (as" + " " * n + "citrate) 200" + " " * n + "mg",
        ),
        "label (words)": (
            _quiet(lambda t: labels.read(data, t)),
            lambda n: "each tablet contains: " + "calcium 20 mg, " * n + "magnesium 45 mg (as citrate)",
        ),
        "label (servings)": (
            _quiet(lambda t: labels.read(data, t)),
            lambda n: "Magnesium 100 mg per tablet, " + "200 mg per 2 tablets, " * n,
        ),
        "person (words)": (_quiet(lambda t: who.parse_person(t.split())), lambda n: "35 female " * n),
        "kidney (words)": (_quiet(kidney.read), lambda n: "ckd stage " * n + "3a"),
        "question (words)": (
            _quiet(question.read),
            lambda n: "is 500 mg too much with food for a 70 year old " * n + "level 1.4 mg/dL",
        ),
        "search (words)": (
            _quiet(lambda t: search.search(data, t)),
            lambda n: "kidney stones sleep cramps levothyroxine " * n,
        ),
    }


def best(run: Callable[[str], None], text: str, repeat: int) -> float:
    """The best of ``repeat`` runs, with the garbage collector paused (as timeit does), so that
    the time measured is the reader's own work."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            run(text)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def measure(base: int, repeat: int) -> list[tuple[str, list[float], float]]:
    """Each case's best time at each size, and its worst growth ratio per doubling."""
    data = _catalog()
    rows = []
    for name, (run, make) in cases(data).items():
        run(make(base))  # warm up
        timings = [best(run, make(base * size), repeat) for size in SIZES]
        worst = max(later / max(earlier, 1e-9) for earlier, later in itertools.pairwise(timings))
        rows.append((name, timings, worst))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000, help="units of padding at 1x (default 2000)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per size; the best is kept")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args()
    rows = measure(args.base, args.repeat)
    header = ["reader", *(f"{size}x (ms)" for size in SIZES), "worst ratio", "ok"]
    lines = []
    for name, timings, worst in rows:
        cells = [
            name,
            *(f"{1000 * t:.2f}" for t in timings),
            f"{worst:.2f}",
            "yes" if worst <= LIMIT else "NO",
        ]
        lines.append(cells)
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for cells in lines:
            print("| " + " | ".join(cells) + " |")
    else:
        for cells in [header, *lines]:
            print("  ".join(f"{cell:>18}" if i == 0 else f"{cell:>11}" for i, cell in enumerate(cells)))
    return 0 if all(worst <= LIMIT for _, _, worst in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
