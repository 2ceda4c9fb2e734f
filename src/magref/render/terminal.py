"""Paint a document on a colour terminal with rich: tables, colours by meaning, no markup."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from magref.render.document import (
    Bullets,
    Cell,
    Document,
    Fields,
    Heading,
    Line,
    Paragraph,
    Records,
    Table,
    clean,
)
from magref.render.layout import arrange

#: Fewer columns than this for values, and labels go above them.
MIN_VALUE = 20

STYLES: dict[str, str] = {
    "title": "bold cyan",
    "heading": "bold",
    "label": "bold",
    "muted": "dim",
    "warning": "bold yellow",
    "best": "bold green",
    "major": "bold red",
    "moderate": "yellow",
    "minor": "green",
    "strong": "bold green",
    "limited": "yellow",
    "insufficient": "dim",
    "against": "red",
    "stop": "bold red",
    "ask": "bold yellow",
    "note": "cyan",
    "ok": "green",
    "over": "bold red",
    "window": "green",
    "blocked": "red",
    "dose": "bold magenta",
}


def paint(document: Document, console: Console | None = None) -> None:
    """Print the document to ``console`` (standard output by default)."""
    console = console or Console(highlight=False, emoji=False, markup=False)
    previous: object = None
    for index, block in enumerate(arrange(document, console.width)):
        if index and not isinstance(previous, (Heading, Line)):
            console.print()
        console.print(_render(block, console.width))
        previous = block


def _text(value: Cell | str, style: str = "") -> Text:
    if isinstance(value, Cell):
        return Text(clean(value.text), style=STYLES.get(value.style or style, ""))
    return Text(clean(value), style=STYLES.get(style, ""))


def _render(block: object, width: int) -> Any:
    if isinstance(block, Heading):
        return _text(block.text, "title" if block.level == 1 else "heading")
    if isinstance(block, Paragraph):
        return _text(block.text, block.style)
    if isinstance(block, Fields):
        return _grid([(label, value) for label, value in block.rows], width)
    if isinstance(block, Bullets):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for item in block.items:
            grid.add_row("•", _text(item))
        return grid
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Records):
        return _records(block, width)
    if isinstance(block, Line):
        return Text.assemble(*((clean(text), STYLES.get(style, "")) for text, style in block.spans))
    raise TypeError(f"cannot paint {type(block).__name__}")


def _grid(rows: list[tuple[str, Cell]], width: int) -> RichTable:
    """Label: value rows; when the values would get less than 20 columns, each label above its value."""
    label_width = max((len(label) for label, _ in rows), default=0)
    grid = RichTable.grid(padding=(0, 2))
    if width - label_width - 2 < MIN_VALUE:
        grid.add_column(overflow="fold")
        for label, value in rows:
            grid.add_row(_text(label, "label"))
            grid.add_row(Padding(_text(value), (0, 0, 0, 2)))
        return grid
    grid.add_column(style=STYLES["label"], no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(_text(label), _text(value))
    return grid


def _records(records: Records, width: int) -> Any:
    group = RichTable.grid()
    titled = records.columns[0] == ""
    for row in records.rows:
        if titled:
            group.add_row(_text(row[0], "heading"))
            group.add_row(_grid(list(zip(records.columns[1:], row[1:], strict=True)), width))
        else:
            group.add_row(_grid(list(zip(records.columns, row, strict=True)), width))
        group.add_row("")
    if records.legend:
        group.add_row(_text(records.legend, "muted"))
    return group


def _table(table: Table, width: int) -> Any:
    rich_table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, caption=None)
    for column in table.columns:
        rich_table.add_column(_text(column), overflow="fold")
    for row in table.rows:
        rich_table.add_row(*(_text(c) for c in row))
    if table.legend:
        rich_table.caption = _text(table.legend, "muted")
    return rich_table
