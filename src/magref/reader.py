"""The one reader of what people type: text becomes tokens once, and tokens become typed readings.

The scanner walks the text once, left to right, and yields words, numbers and signs, each with
where it stood and whether a space came before it. Numbers are read as written: thousands
separators ("1,000", "1.000.000", "1 000" with a thin or no-break space, or "1 000" whose group is
zeros), decimal commas where they cannot be thousands ("1,5", "0,125"), Unicode digits and
fractions ("½", "1½"). A number that can be read two ways ("1.500": one and a half, or fifteen
hundred) is kept with both readings, and each reader either asks or counts the safer one. Every
reader built on these tokens accounts for each token: it is read, or it is reported back.

Nothing here backtracks: the scanner's patterns are unambiguous, so the time taken grows in
step with the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

import msgspec

from magref.errors import InputError

TokenKind = Literal["number", "word", "sign"]

#: Longest run of digits read as a number: longer runs are no amount anyone means.
MAX_DIGITS = 12

#: One token: a number (digits with separators, or a leading-dot decimal, or a vulgar fraction),
#: a word (letters, with inner apostrophes and dots: "b.i.d.", "i'm"), or one sign.
_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,\u00a0\u2009\u202f]\d+)*[\u00bc-\u00be\u2150-\u215e]?"
    r"|(?<![.\w])\.\d+|[\u00bc-\u00be\u2150-\u215e])"
    r"|(?P<word>[^\W\d_]+(?:['\u2019.][^\W\d_]+)*\.?)"
    r"|(?P<space>\s+)"
    r"|(?P<sign>.)",
    re.DOTALL,
)
_THIN_SPACES = "\u00a0\u2009\u202f"


class Token(msgspec.Struct, frozen=True):
    """One piece of what was typed.

    ``text`` is as typed; ``key`` the word folded for matching (case, accents and dots gone:
    "B.I.D." is ``bid``); ``value`` a number's reading and ``other`` its second reading when
    the number can be read two ways; ``joined`` whether it touches the token before it
    ("500mg": "mg" is joined); ``start`` and ``end`` where it stood.
    """

    kind: TokenKind
    text: str
    key: str
    start: int
    end: int
    joined: bool = False
    value: float | None = None
    other: float | None = None
    problem: str | None = None


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold().replace(".", "").replace("\u2019", "'")


def tokens(text: str) -> list[Token]:
    """The tokens of ``text``, in order; spaces are not tokens but set ``joined`` on the next one."""
    found: list[Token] = []
    joined = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        piece = match.group()
        if kind == "space":
            joined = False
            continue
        start, end = match.span()
        if kind == "number" and _zeros_group(found, piece, text, start):
            head = found.pop()  # "1 000": a group of three zeros after a space is thousands
            piece, start, joined = text[head.start : end], head.start, head.joined
        if kind == "number":
            value, other, problem = read_number(piece.replace(" ", "\u00a0"))
            found.append(
                Token("number", piece, piece, start, end, joined and bool(found), value, other, problem)
            )
        elif kind == "word":
            found.append(Token("word", piece, _fold(piece), start, end, joined and bool(found)))
        else:
            found.append(Token("sign", piece, _fold(piece), start, end, joined and bool(found)))
        joined = True
    return found


def _zeros_group(found: Sequence[Token], piece: str, text: str, start: int) -> bool:
    if piece != "000" or not found:
        return False
    head = found[-1]
    return (
        head.kind == "number"
        and head.text.isdigit()
        and 1 <= len(head.text) <= 3
        and head.text[0] != "0"
        and text[head.end : start] == " "
    )


_FRACTIONS = {chr(c): unicodedata.numeric(chr(c)) for c in (*range(0xBC, 0xBF), *range(0x2150, 0x215F))}


def read_number(text: str) -> tuple[float | None, float | None, str | None]:
    """A number as written: its value, its second reading if it has one, and any problem.

    ``1,000`` is a thousand; ``1,5`` is one and a half; ``1.500`` is either; ``1½`` is 1.5.
    """
    fraction = 0.0
    if text and text[-1] in _FRACTIONS:
        fraction, text = _FRACTIONS[text[-1]], text[:-1]
        if not text:
            return fraction, None, None
    digits = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in text)
    if sum(c.isdigit() for c in digits) > MAX_DIGITS:
        return None, None, "too-long"
    if fraction and not digits.isdigit():
        return None, None, "unreadable"
    groups = re.split(r"([.,\u00a0\u2009\u202f])", digits)
    numbers, separators = groups[0::2], groups[1::2]
    value, other, problem = _grouped(numbers, separators)
    if value is None:
        return None, None, problem
    return value + fraction, (other + fraction if other is not None else None), None


def _grouped(numbers: list[str], separators: list[str]) -> tuple[float | None, float | None, str | None]:
    if not separators:
        return float(numbers[0] or 0), None, None
    head, tails = numbers[0], numbers[1:]
    marks = set(separators)
    if len(separators) == 1:
        mark, tail = separators[0], tails[0]
        if mark in _THIN_SPACES:
            return (float(head + tail), None, None) if _thousands(head, tails) else (None, None, "unreadable")
        decimal = float(f"{head or 0}.{tail}")
        if len(tail) != 3 or head in ("", "0") or len(head) > 3:
            return decimal, None, None
        if mark == ",":
            return float(head + tail), None, None  # "1,000": a thousand, as written in English
        return decimal, float(head + tail), None  # "1.500": 1.5, or 1500 where a dot groups thousands
    last_mark, last = separators[-1], tails[-1]
    grouping = separators[:-1]
    other_mark = len(set(grouping)) == 1 and last_mark not in grouping and last_mark in ".,"
    if other_mark and _thousands(head, tails[:-1]):  # "1,000.5" or "1.000,5": the last is the decimal
        return float("".join([head, *tails[:-1]]) + "." + last), None, None
    if len(marks) == 1 and _thousands(head, tails):  # "1,000,000", "1.000.000", "1 000 000"
        return float(head + "".join(tails)), None, None
    return None, None, "unreadable"


def _thousands(head: str, tails: Sequence[str]) -> bool:
    return 1 <= len(head) <= 3 and head[0] != "0" and all(len(t) == 3 for t in tails)


def check_numbers(text: str, found: Sequence[Token]) -> None:
    """Refuse a number that cannot be read, or that reads two ways, naming both readings."""
    for token in found:
        if token.kind != "number":
            continue
        if token.problem == "too-long":
            raise InputError("number-too-long", start=token.text[:20], max_digits=MAX_DIGITS)
        if token.value is None:
            raise InputError("number-unread", text=token.text)
        if token.other is not None:
            raise InputError("number-two-ways", text=token.text, one=token.value, other=token.other)


def canonical(text: str) -> str:
    """The text with its spacing made single and each number written plainly ("1,000" is 1000).

    For readers that match patterns on text: with runs of spaces gone and numbers bounded, each
    of their patterns meets text it cannot backtrack over. A number that reads two ways or not at
    all is refused first.
    """
    return joined_text(read_tokens(text), numbers=True)


def read_tokens(text: str) -> list[Token]:
    """The tokens of ``text`` with each number read one way, as a reader of amounts needs them: a
    number that reads two ways or not at all is refused, naming its readings."""
    read = tokens(text)
    found = [_one_reading(token, after) for token, after in zip(read, [*read[1:], None], strict=False)]
    check_numbers(text, found)
    return found


#: Units after which a number's thousands reading is no single amount: "1.745 g" is not 1,745 g.
_GRAMS = {"g", "gm", "gram", "grams", "kg"}


def _one_reading(token: Token, after: Token | None) -> Token:
    """A number that reads two ways keeps the one that can be meant: in grams, the thousands reading
    of "1.745" (1,745 g) is more than anyone takes at once, so only 1.745 g is left."""
    if token.other is None or after is None or after.key not in _GRAMS or token.other < 1000:
        return token
    return msgspec.structs.replace(token, other=None)


def joined_text(found: Sequence[Token], numbers: bool = False) -> str:
    """Tokens back as text, one space where a space was; with ``numbers``, numbers written plainly."""
    parts: list[str] = []
    for token in found:
        if parts and not token.joined:
            parts.append(" ")
        if numbers and token.kind == "number" and token.value is not None:
            parts.append(_plain_number(token.value))
        else:
            parts.append(token.text)
    return "".join(parts)


def _plain_number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
