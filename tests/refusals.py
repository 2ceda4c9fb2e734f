"""Refusals as the user reads them: the core raises codes and facts, render words them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from magref.errors import MagrefError
from magref.render.problems import message


@contextmanager
def refused(kind: type[MagrefError], match: str) -> Iterator[pytest.ExceptionInfo[MagrefError]]:
    """As ``pytest.raises(kind, match=...)``, matched against the worded message, not the code."""
    with pytest.raises(kind) as caught:
        yield caught
    worded = message(caught.value)
    assert re.search(match, worded), f"{match!r} not in {worded!r}"
