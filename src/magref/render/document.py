"""The pieces a view is built from; painters turn them into plain text or rich output."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Semantic styles a painter may colour: severities, grades, "best", "muted", "warning"...
Style = str


@dataclass(frozen=True)
class Cell:
    """One table cell with an optional style."""

    text: str
    style: Style = ""


@dataclass(frozen=True)
class Heading:
    """A title (level 1) or section heading (level 2)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Running text, wrapped to the width."""

    text: str
    style: Style = ""


@dataclass(frozen=True)
class Fields:
    """Label: value rows."""

    rows: list[tuple[str, Cell]]


@dataclass(frozen=True)
class Bullets:
    """A list of items."""

    items: list[Cell]


@dataclass(frozen=True)
class Table:
    """Rows under column headings; painters fall back to label: value records when too narrow."""

    columns: list[str]
    rows: list[list[Cell]]
    legend: str = ""


@dataclass(frozen=True)
class Line:
    """One line of styled spans, painted as is (timelines, bars)."""

    spans: list[tuple[str, Style]] = field(default_factory=list)


Block = Heading | Paragraph | Fields | Bullets | Table | Line
Document = list[Block]

DISCLAIMER = "A reference, not medical advice: ask a doctor or pharmacist about your own situation."

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text safe to show on a terminal: control and direction characters become visible escapes."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "", text)


def cell(value: object, style: Style = "") -> Cell:
    """A cell from any value."""
    return Cell(str(value), style)
