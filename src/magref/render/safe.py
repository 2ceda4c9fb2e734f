"""Text made safe to show on a terminal: the characters magref.text.UNSAFE names become visible."""

from __future__ import annotations

import re

from magref.text import UNSAFE


def clean(text: str) -> str:
    """Text safe to show: control characters and bytes that are not UTF-8 become visible escapes
    (``\\x1b``, ``\\xff``), direction marks are dropped."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 256:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if 0xD800 <= code <= 0xDFFF else ""
