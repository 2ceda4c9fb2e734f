"""Fit text to an output that cannot show every character (an ASCII or Latin-1 terminal).

Known symbols get a plain-text stand-in (``·`` to ``.``, ``≥`` to ``>=``); letters lose their
accents (``é`` to ``e``); anything else becomes ``?``. Text that already fits is returned as is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import msgspec

from magref.render.document import Block, Bullets, Cell, Document, Fields, Heading, Line, Paragraph, Table

STAND_INS = {
    "\u00b7": ".", "\u2022": "*", "\u2013": "-", "\u2014": "--", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u00d7": "x",
    "\u2265": ">=", "\u2264": "<=", "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u00b5": "u",
    "\u03bc": "u", "\u00b1": "+/-", "\u2248": "~", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u00b0": " deg", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4", "\u2713": "v", "\u2717": "x",
    "\u2500": "-", "\u2501": "=", "\u2502": "|", "\u2503": "|", "\u250c": "+", "\u2510": "+", "\u2514": "+",
    "\u2518": "+", "\u253c": "+", "\u251c": "+", "\u2524": "+", "\u252c": "+", "\u2534": "+",
    "\u2588": "#", "\u2591": ".", "\u2592": ":", "\u2593": "#", "\u25cf": "*", "\u25cb": "o",
}  # fmt: skip
#: After layout the width of every character must stay the same: one character for one.
SAME_WIDTH = {char: stand_in for char, stand_in in STAND_INS.items() if len(stand_in) == 1} | {"\u2026": "."}

_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    except LookupError:
        return True
    return True


def fit(text: str, encoding: str) -> str:
    """``text`` in characters ``encoding`` can show; linear in the length of the text."""
    if text.isascii() or fits(text, encoding):
        return text
    return _NOT_ASCII.sub(lambda found: _stand_in(found.group(), encoding), text)


@functools.lru_cache(maxsize=4096)
def _stand_in(char: str, encoding: str) -> str:
    if fits(char, encoding):
        return char
    replacement = STAND_INS.get(char)
    if replacement is not None and fits(replacement, encoding):
        return replacement
    stripped = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if stripped and stripped != char and stripped.isprintable() and fits(stripped, encoding):
        return stripped
    return "?"


def fit_glyphs(text: str, encoding: str) -> str:
    """Text already laid out (by rich): each character that does not fit becomes one that does."""
    if text.isascii() or fits(text, encoding):
        return text
    return _NOT_ASCII.sub(lambda found: _one(found.group(), encoding), text)


@functools.lru_cache(maxsize=4096)
def _one(char: str, encoding: str) -> str:
    if fits(char, encoding):
        return char
    replacement = SAME_WIDTH.get(char) or unicodedata.normalize("NFKD", char)[:1]
    return replacement if replacement.isascii() and replacement.isprintable() else "?"


def fit_document(document: Document, encoding: str) -> Document:
    """The document with every text fitted to ``encoding`` (the same document when it fits)."""
    return [_block(block, encoding) for block in document]


def _block(block: Block, encoding: str) -> Block:
    def f(text: str) -> str:
        return fit(text, encoding)

    def cell(value: Cell) -> Cell:
        return value if value.text.isascii() else msgspec.structs.replace(value, text=f(value.text))

    changes: dict[str, Any]
    if isinstance(block, (Heading, Paragraph)):
        changes = {"text": f(block.text)}
    elif isinstance(block, Fields):
        changes = {"rows": [(f(label), cell(value)) for label, value in block.rows]}
    elif isinstance(block, Bullets):
        changes = {"items": [cell(item) for item in block.items]}
    elif isinstance(block, Table):
        changes = {
            "columns": [f(c) for c in block.columns],
            "rows": [[cell(c) for c in row] for row in block.rows],
            "legend": f(block.legend),
        }
    elif isinstance(block, Line):
        changes = {"spans": [(f(text), style) for text, style in block.spans]}
    else:
        return block
    return msgspec.structs.replace(block, **changes)


def escape_json(text: str) -> str:
    """JSON text with every non-ASCII character written as a \\u escape: the same document, in ASCII."""
    return _NOT_ASCII.sub(lambda found: _json_escape(found.group()), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
