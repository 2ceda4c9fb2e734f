"""Characters that must never reach a terminal from data or user input, and how to defuse them."""

from __future__ import annotations

import re

#: C0 and C1 controls (but tab and newline), zero-width marks and text-direction overrides.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text safe to show: control characters become visible escapes, direction marks are dropped."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "", text)
