"""Paint a document as plain text: no colour, no escape codes, wrapped to a width."""

from __future__ import annotations

import textwrap

from magref.render.document import (
    Bullets,
    Document,
    Fields,
    Heading,
    Line,
    Paragraph,
    Table,
    clean,
)

COLUMN_GAP = 2
MIN_COLUMN = 6
#: Below this width, or when a column would have to break words, tables become records.
NARROW = 60
MAX_WORD = 24


def paint(document: Document, width: int) -> str:
    """The whole document as text ending in a newline."""
    width = max(width, 10)
    lines: list[str] = []
    previous: object = None
    for block in document:
        if lines and not isinstance(previous, (Heading, Line)):
            lines.append("")
        lines += _block(block, width)
        previous = block
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _block(block: object, width: int) -> list[str]:
    if isinstance(block, Heading):
        text = clean(block.text)
        return [*_wrap(text, width), ("=" if block.level == 1 else "-") * min(len(text), width)]
    if isinstance(block, Paragraph):
        return _wrap(clean(block.text), width)
    if isinstance(block, Fields):
        return _fields([(clean(label), clean(value.text)) for label, value in block.rows], width)
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(clean(item.text), width, "- ", "  ")]
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Line):
        return ["".join(clean(text) for text, _ in block.spans)]
    raise TypeError(f"cannot paint {type(block).__name__}")


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width,
            initial_indent=first if not lines else rest,
            subsequent_indent=rest,
            break_on_hyphens=False,
        )
        lines += wrapped or [first.rstrip()]
    return lines


def _fields(rows: list[tuple[str, str]], width: int) -> list[str]:
    label_width = min(max((len(label) for label, _ in rows), default=0), width // 3)
    value_width = width - label_width - 2
    lines: list[str] = []
    for label, value in rows:
        if value_width < 20 or len(label) > label_width:
            lines.append(f"{label}:")
            lines += _wrap(value, width, "  ", "  ")
            continue
        wrapped = _wrap(value, value_width) or [""]
        lines.append(f"{label + ':':<{label_width + 2}}{wrapped[0]}")
        lines += [" " * (label_width + 2) + line for line in wrapped[1:]]
    return lines


def _table(table: Table, width: int) -> list[str]:
    columns = [clean(c) for c in table.columns]
    rows = [[clean(c.text) for c in row] for row in table.rows]
    widths = _column_widths(columns, rows, width) if width >= NARROW else None
    if widths is None:
        return _records(columns, rows, width, table.legend)
    lines = _table_row(columns, widths)
    lines.append((" " * COLUMN_GAP).join("-" * w for w in widths))
    for row in rows:
        lines += _table_row(row, widths)
    if table.legend:
        lines += _wrap(clean(table.legend), width)
    return lines


def _column_widths(columns: list[str], rows: list[list[str]], width: int) -> list[int] | None:
    """Column widths that fit ``width``, shrinking the widest first; None if they cannot."""
    natural = [
        max([len(columns[i]), *(max((len(line) for line in row[i].split("\n")), default=0) for row in rows)])
        for i in range(len(columns))
    ]
    floor = [min(n, max(MIN_COLUMN, _longest_word(columns[i], rows, i))) for i, n in enumerate(natural)]
    widths = list(natural)
    budget = width - COLUMN_GAP * (len(columns) - 1)
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


def _table_row(cells: list[str], widths: list[int]) -> list[str]:
    wrapped = [_wrap(text, w) or [""] for text, w in zip(cells, widths, strict=True)]
    height = max(len(column) for column in wrapped)
    gap = " " * COLUMN_GAP
    return [
        gap.join(
            f"{(column[i] if i < len(column) else ''):<{w}}"
            for column, w in zip(wrapped, widths, strict=True)
        )
        for i in range(height)
    ]


def _records(columns: list[str], rows: list[list[str]], width: int, legend: str) -> list[str]:
    """Each row as label: value lines; a table whose first column has no heading names each record."""
    titled = columns[0] == ""
    lines: list[str] = []
    for row in rows:
        if lines:
            lines.append("")
        if titled:
            lines += _wrap(row[0], width)
            lines += _fields(list(zip(columns[1:], row[1:], strict=True)), width)
        else:
            lines += _fields(list(zip(columns, row, strict=True)), width)
    if legend:
        lines += ["", *_wrap(clean(legend), width)]
    return lines
