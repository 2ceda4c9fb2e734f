"""Characters that must never reach a terminal from data or user input, and how to defuse them."""

from __future__ import annotations

import re

#: C0 and C1 controls (but tab and newline), zero-width marks, text-direction overrides, and the
#: lone surrogates Python keeps a byte that is not UTF-8 in (a file name) as.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


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
