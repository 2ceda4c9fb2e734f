"""One layout pass for every painter: at a given width, which tables stay tables and which become records."""

from __future__ import annotations

import msgspec

from magref.render.document import Document, Records, Table
from magref.render.safe import clean

COLUMN_GAP = 2
MIN_COLUMN = 6
#: Below this width, or when a column would have to break words, tables become records.
NARROW = 60
MAX_WORD = 24


def arrange(document: Document, width: int) -> Document:
    """The document with each table given its column widths, or turned into records if it cannot fit."""
    arranged: Document = []
    for block in document:
        if isinstance(block, Table) and block.widths is None:
            widths = column_widths(block, width) if width >= NARROW else None
            if widths is None:
                arranged.append(Records(block.columns, block.rows, block.legend))
                continue
            block = msgspec.structs.replace(block, widths=widths)
        arranged.append(block)
    return arranged


def column_widths(table: Table, width: int) -> list[int] | None:
    """Column widths that fit ``width``, shrinking the widest first; None if they cannot."""
    columns = [clean(c) for c in table.columns]
    rows = [[clean(c.text) for c in row] for row in table.rows]
    natural = [
        max([len(columns[i]), *(max((len(line) for line in row[i].split("\n")), default=0) for row in rows)])
        for i in range(len(columns))
    ]
    floor = [min(n, max(MIN_COLUMN, _longest_word(columns[i], rows, i))) for i, n in enumerate(natural)]
    budget = width - COLUMN_GAP * (len(columns) - 1)
    # Shrinking one column at a time passes through every width above the budget anyway: skip them.
    widths = [min(n, max(budget, f)) for n, f in zip(natural, floor, strict=True)]
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floor[i]]
        if not shrinkable:
            return None
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _longest_word(header: str, rows: list[list[str]], index: int) -> int:
    words = [*header.split(), *(word for row in rows for word in row[index].split())]
    return min(max((len(word) for word in words), default=0), MAX_WORD)
