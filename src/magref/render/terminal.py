"""Paint a document for a colour terminal: the plain layout, each piece coloured by its meaning.

The lines, their breaks and their widths are those of the plain painter (render/plain.py), so
the terminal shows what a pipe gets, in colour; with the escape codes removed the two are the
same text. Colours are ANSI SGR codes written directly: no rich console, no table measuring.
"""

from __future__ import annotations

from magref.render import plain
from magref.render.document import Document

#: Semantic styles and their SGR parameters (the colours rich painted them in before).
STYLES: dict[str, str] = {
    "title": "1;36",  # bold cyan
    "heading": "1",  # bold
    "label": "1",
    "muted": "2",  # dim
    "warning": "1;33",  # bold yellow
    "best": "1;32",  # bold green
    "major": "1;31",  # bold red
    "moderate": "33",  # yellow
    "minor": "32",  # green
    "strong": "1;32",
    "limited": "33",
    "insufficient": "2",
    "against": "31",  # red
    "stop": "1;31",
    "ask": "1;33",
    "note": "36",  # cyan
    "ok": "32",
    "over": "1;31",
    "window": "32",
    "blocked": "31",
    "dose": "1;35",  # bold magenta
}
RESET = "\x1b[0m"
_OPEN = {style: f"\x1b[{code}m" for style, code in STYLES.items()}


def styled(text: str, style: str) -> str:
    """``text`` in the colour of ``style``; unknown styles leave it as it is."""
    opening = _OPEN.get(style)
    return f"{opening}{text}{RESET}" if opening else text


def paint(document: Document, width: int) -> str:
    """The whole document as coloured text ending in a newline."""
    return plain.paint(document, width, styled)
