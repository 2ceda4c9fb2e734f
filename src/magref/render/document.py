"""The pieces a view is built from; painters turn them into plain text or rich output."""

from __future__ import annotations

import msgspec

from magref.render import phrases
from magref.render.safe import clean

__all__ = ["clean"]

#: Semantic styles a painter may colour: severities, grades, "best", "muted", "warning"...
Style = str


class Cell(msgspec.Struct, frozen=True):
    """One table cell with an optional style."""

    text: str
    style: Style = ""


class Heading(msgspec.Struct, frozen=True):
    """A title (level 1) or section heading (level 2)."""

    text: str
    level: int = 1


class Paragraph(msgspec.Struct, frozen=True):
    """Running text, wrapped to the width."""

    text: str
    style: Style = ""


class Fields(msgspec.Struct, frozen=True):
    """Label: value rows."""

    rows: list[tuple[str, Cell]]


class Bullets(msgspec.Struct, frozen=True):
    """A list of items."""

    items: list[Cell]


class Table(msgspec.Struct, frozen=True):
    """Rows under column headings; ``widths`` are set by the layout pass (render/layout.py)."""

    columns: list[str]
    rows: list[list[Cell]]
    legend: str = ""
    widths: list[int] | None = None


class Records(msgspec.Struct, frozen=True):
    """A table too wide for the output, painted as label: value records, one per row.

    A table whose first column has no heading names each record by its first cell.
    """

    columns: list[str]
    rows: list[list[Cell]]
    legend: str = ""


class Line(msgspec.Struct, frozen=True):
    """One line of styled spans, painted as is (timelines, bars)."""

    spans: list[tuple[str, Style]] = msgspec.field(default_factory=list)


Block = Heading | Paragraph | Fields | Bullets | Table | Records | Line
Document = list[Block]

DISCLAIMER = phrases.DISCLAIMER  # where the views have always found it
