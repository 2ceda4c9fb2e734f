"""Turn names as people type them into lookup keys, and suggest close names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Words that do not change which entry is meant ("magnesium glycinate" is "glycinate").
FILLER_WORDS = frozenset({"magnesium", "mag"})
_SEPARATORS = re.compile(r"[\s\-_/.,'()]+")


def fold(text: str) -> str:
    """Text with case and width differences removed, for comparing."""
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return [word for word in _SEPARATORS.split(fold(text)) if word]


def key(text: str) -> str:
    """The lookup key for a name: case, spaces, hyphens and filler words do not matter."""
    all_words = words(text)
    kept = [word for word in all_words if word not in FILLER_WORDS]
    return "".join(kept or all_words)


def suggest(query: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``names`` that look like ``query``, closest first."""
    import difflib

    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(key(name), name)
    wanted = key(query)
    if not wanted:
        return []
    close = difflib.get_close_matches(wanted, list(by_key), n=limit, cutoff=0.6)
    if len(close) < limit:
        close += [k for k in by_key if wanted in k and k not in close][: limit - len(close)]
    return [by_key[k] for k in close]
