"""Paint a document as plain text: no colour, no escape codes, wrapped to a width."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from magref.render.document import (
    Bullets,
    Document,
    Fields,
    Heading,
    Line,
    Paragraph,
    Records,
    Table,
    clean,
)
from magref.render.layout import COLUMN_GAP, arrange

#: Wraps a piece of text in a semantic style (render/terminal.py), or None for no colour at all.
Styler = Callable[[str, str], str]


def paint(document: Document, width: int, styler: Styler | None = None) -> str:
    """The whole document as text ending in a newline; with ``styler``, each piece styled by meaning.

    The styler is given text with no trailing spaces, so lines are laid out and trimmed the same
    with colour as without: the text with its escape codes removed is the plain text.
    """
    width = max(width, 10)
    lines: list[str] = []
    previous: object = None
    for block in arrange(document, width):
        if lines and not isinstance(previous, (Heading, Line)):
            lines.append("")
        lines += _block(block, width) if styler is None else _styled_block(block, width, styler)
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
    if isinstance(block, Records):
        return _records(block, width)
    if isinstance(block, Line):
        return ["".join(clean(text) for text, _ in block.spans)]
    raise TypeError(f"cannot paint {type(block).__name__}")


def _styled_block(block: object, width: int, styler: Styler) -> list[str]:
    """The lines of ``_block``, each piece of text passed through ``styler`` with its style."""
    if isinstance(block, Heading):
        style = "title" if block.level == 1 else "heading"
        return [_style(line, style, styler) for line in _block(block, width)]
    if isinstance(block, Paragraph):
        return [_style(line, block.style, styler) for line in _block(block, width)]
    if isinstance(block, Fields):
        rows = [(clean(label), clean(value.text), value.style) for label, value in block.rows]
        return _fields(rows, width, styler)
    if isinstance(block, Bullets):
        return [
            line[:2] + _style(line[2:], item.style, styler)
            for item in block.items
            for line in _wrap(clean(item.text), width, "- ", "  ")
        ]
    if isinstance(block, Table):
        return _table(block, width, styler)
    if isinstance(block, Records):
        return _records(block, width, styler)
    if isinstance(block, Line):
        return ["".join(_style(clean(text), style, styler) for text, style in block.spans)]
    raise TypeError(f"cannot paint {type(block).__name__}")


def _style(text: str, style: str, styler: Styler | None) -> str:
    """``text`` styled, its trailing spaces left outside the style (so that lines trim alike)."""
    if styler is None or not style:
        return text
    content = text.rstrip()
    return styler(content, style) + text[len(content) :] if content else text


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = wrap(paragraph, width, first if not lines else rest, rest)
        lines += wrapped or [first.rstrip()]
    return lines


#: The whitespace textwrap breaks at (ASCII only: a no-break space holds words together).
_SPACES = "\t\n\x0b\x0c\r "
_TO_SPACE = dict.fromkeys(map(ord, _SPACES), ord(" "))


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most ``width`` characters, as ``textwrap.wrap`` gives without breaking on hyphens.

    Linear in the length of the text: textwrap cuts a long word by slicing what is left of it for
    every line, so a word of a few megabytes took seconds, and 31 MB minutes.
    """
    words = _simple_words(text, width - max(len(first), len(rest)))
    if words is not None:
        return _fill(words, width, first, rest)
    chunks = _chunks(text)
    lines: list[str] = []
    index, offset = 0, 0  # the next chunk, and how much of it earlier lines took (a long word)
    while index < len(chunks):
        indent = rest if lines else first
        room = width - len(indent)
        chunk = chunks[index]
        if lines and room >= 1 and len(chunk) - offset > 2 * room:
            # The middle of a long word: whole lines of it at once.
            stop = offset + (len(chunk) - offset - 1) // room * room
            pieces = [chunk[start : start + room] for start in range(offset, stop, room)]
            if not any(piece.isspace() for piece in pieces):
                lines += [indent + piece for piece in pieces]
                offset = stop
                continue
        if lines and _is_blank(chunk, offset):
            index, offset = index + 1, 0
        line: list[str] = []
        length = 0
        while index < len(chunks) and length + len(chunks[index]) - offset <= room:
            line.append(chunks[index][offset:] if offset else chunks[index])
            length += len(chunks[index]) - offset
            index, offset = index + 1, 0
        if index < len(chunks) and len(chunks[index]) - offset > room:
            take = room - length if room >= 1 else 1
            line.append(chunks[index][offset : offset + take])
            offset += take
        if line and line[-1].strip() == "":
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines


def _simple_words(text: str, room: int) -> list[str] | None:
    """The words of text that wraps the simple way, or None: words parted by single spaces, no
    other whitespace, none at either end, and no word longer than a line."""
    if not text or text[0] == " " or text[-1] == " " or "  " in text or not text.isprintable():
        return None
    words = text.split(" ")
    return words if max(map(len, words)) <= room else None


def _fill(words: list[str], width: int, first: str, rest: str) -> list[str]:
    """Simple words filled greedily into lines: what the general loop gives them, and much sooner."""
    lines: list[str] = []
    indent, room = first, width - len(first)
    line, length = [words[0]], len(words[0])
    for word in words[1:]:
        if length + 1 + len(word) <= room:
            line.append(word)
            length += 1 + len(word)
        else:
            lines.append(indent + " ".join(line))
            indent, room = rest, width - len(rest)
            line, length = [word], len(word)
    lines.append(indent + " ".join(line))
    return lines


def _chunks(text: str) -> list[str]:
    """Words and the runs of spaces between them, tabs expanded and other whitespace made spaces."""
    if "\t" in text:
        text = text.expandtabs(8)
    if any(space in text for space in _SPACES[1:-1]):
        text = text.translate(_TO_SPACE)
    chunks: list[str] = []
    run = 0
    for number, part in enumerate(text.split(" ")):
        run += 1 if number else 0
        if part:
            if run:
                chunks.append(" " * run)
                run = 0
            chunks.append(part)
    if run:
        chunks.append(" " * run)
    return chunks


_NOT_BLANK = re.compile(r"\S")


def _is_blank(chunk: str, offset: int) -> bool:
    """Whether what is left of ``chunk`` is all whitespace (as str.strip sees it), without copying it."""
    return _NOT_BLANK.search(chunk, offset) is None


def _fields(rows: Sequence[tuple[str, ...]], width: int, styler: Styler | None = None) -> list[str]:
    """Label: value rows (label, value), or (label, value, style) when painted with a styler."""
    label_width = min(max((len(row[0]) for row in rows), default=0), width // 3)
    value_width = width - label_width - 2
    lines: list[str] = []
    for row in rows:
        label, value = row[0], row[1]
        if styler is None:
            if value_width < 20 or len(label) > label_width:
                lines.append(f"{label}:")
                lines += _wrap(value, width, "  ", "  ")
                continue
            wrapped = _wrap(value, value_width) or [""]
            lines.append(f"{label + ':':<{label_width + 2}}{wrapped[0]}")
            lines += [" " * (label_width + 2) + line for line in wrapped[1:]]
            continue
        style = row[2] if len(row) > 2 else ""
        named = _style(f"{label}:", "label", styler)
        if value_width < 20 or len(label) > label_width:
            lines.append(named)
            lines += ["  " + _style(line[2:], style, styler) for line in _wrap(value, width, "  ", "  ")]
            continue
        wrapped = _wrap(value, value_width) or [""]
        lines.append(named + " " * (label_width + 1 - len(label)) + _style(wrapped[0], style, styler))
        lines += [" " * (label_width + 2) + _style(line, style, styler) for line in wrapped[1:]]
    return lines


def _table(table: Table, width: int, styler: Styler | None = None) -> list[str]:
    assert table.widths is not None, "tables are arranged before they are painted"
    header = [(clean(c), "label") for c in table.columns]
    lines = _table_row(header, table.widths, styler)
    lines.append((" " * COLUMN_GAP).join("-" * w for w in table.widths))
    for row in table.rows:
        lines += _table_row([(clean(c.text), c.style) for c in row], table.widths, styler)
    if table.legend:
        lines += [_style(line, "muted", styler) for line in _wrap(clean(table.legend), width)]
    return lines


def _table_row(cells: list[tuple[str, str]], widths: list[int], styler: Styler | None) -> list[str]:
    wrapped = [(_wrap(text, w) or [""], style) for (text, style), w in zip(cells, widths, strict=True)]
    height = max(len(column) for column, _ in wrapped)
    gap = " " * COLUMN_GAP
    if styler is None:
        return [
            gap.join(
                f"{(column[i] if i < len(column) else ''):<{w}}"
                for (column, _), w in zip(wrapped, widths, strict=True)
            )
            for i in range(height)
        ]
    lines = []
    for i in range(height):
        pieces = []
        for (column, style), w in zip(wrapped, widths, strict=True):
            text = column[i] if i < len(column) else ""
            pieces.append(_style(text, style, styler) + " " * (w - len(text)))
        lines.append(gap.join(pieces))
    return lines


def _records(records: Records, width: int, styler: Styler | None = None) -> list[str]:
    """Each row as label: value lines; a table whose first column has no heading names each record."""
    columns = [clean(c) for c in records.columns]
    rows = [[(clean(c.text), c.style) for c in row] for row in records.rows]
    legend = records.legend
    titled = columns[0] == ""
    lines: list[str] = []
    for row in rows:
        if lines:
            lines.append("")
        if titled:
            lines += [_style(line, "heading", styler) for line in _wrap(row[0][0], width)]
            row = row[1:]
        named = [(label, text, style) for label, (text, style) in zip(columns[titled:], row, strict=True)]
        lines += _fields(named, width, styler)
    if legend:
        lines += ["", *(_style(line, "muted", styler) for line in _wrap(clean(legend), width))]
    return lines
