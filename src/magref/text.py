"""Characters that must never reach a terminal from data or user input (render/safe.py defuses them)."""

from __future__ import annotations

import re

#: C0 and C1 controls (but tab and newline), zero-width marks, text-direction overrides, and the
#: lone surrogates Python keeps a byte that is not UTF-8 in (a file name) as.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
