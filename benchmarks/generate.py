"""Write a valid dataset SCALE times the size of the bundled one, for speed tests.

Usage: python benchmarks/generate.py SCALE OUT_DIR

Copy 0 is the bundled data unchanged (so ``magref info glycinate`` still works); copies 1..SCALE-1
rename every id, name, alias, drug, brand and source so that all stay unique and every citation
still resolves.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import msgspec
import yaml

from magref import dataset
from magref.model import SECTION_FILES

#: Lists of names and citations that each copy suffixes, so that nothing clashes.
RENAMED_NAME_LISTS = (
    "sources",
    "evidence",
    "aliases",
    "ambiguous_aliases",
    "keywords",
    "brands",
    "combinations",
)
RENAMED_LISTS = ("sources", "forms", "interactions", "cautions", "uses", "faq", "products", "foods")


def renamed(entry: dict[str, Any], copy: int) -> dict[str, Any]:
    """One entry of copy ``copy``: ids, names and citations suffixed so that nothing clashes."""
    suffix = f"x{copy}"

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            if key in RENAMED_NAME_LISTS:
                return [f"{item}-{suffix}" if key != "keywords" else item for item in value]
            return [walk(item) for item in value]
        if key in ("id",):
            return f"{value}-{suffix}"
        if key in ("name", "condition") and isinstance(value, str):
            return f"{value} {suffix}"
        return value

    result: dict[str, Any] = walk(entry)
    return result


def generate(scale: int, out: Path) -> None:
    data = msgspec.to_builtins(dataset.load(use_cache=False).to_dataset())
    for section in RENAMED_LISTS:
        data[section] = [renamed(e, n) if n else e for n in range(scale) for e in data[section]]
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Any]] = {}
    for section, file_name in SECTION_FILES.items():
        files.setdefault(file_name, {})[section] = data[section]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for file_name, content in files.items():
        with (out / file_name).open("w", encoding="utf-8") as handle:
            yaml.dump(content, handle, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write("usage: python benchmarks/generate.py SCALE OUT_DIR\n")
        return 2
    generate(int(argv[1]), Path(argv[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
