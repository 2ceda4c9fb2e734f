"""The one resolver: find the entries that what a person typed names, in a name or a sentence.

Every command that looks something up by name comes here, so the same rules hold everywhere:
case, accents, spaces and hyphens do not matter, filler words ("magnesium", "mag", "mg") and
question words ("can I take ... with ...") are dropped, a plural finds its singular, a name of
several words is read as one phrase, and close names are offered when nothing matches.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

import msgspec

from magref import names
from magref.catalog import Catalog, NameRow
from magref.errors import NotFound

#: How alike a mistyped name must be to a listed one to be read as it (difflib ratio).
TYPO_CUTOFF = 0.85
#: Names shorter than this are never guessed at: a short name is too easily another one.
TYPO_MIN_LENGTH = 5
#: Longest phrase, in words, looked for as one name.
MAX_PHRASE_WORDS = 8


class Named(msgspec.Struct, frozen=True):
    """A phrase of what was typed that names entries: the words, and the name rows they match.

    ``typo`` is True when the words were read as a close name rather than found exactly.
    """

    typed: str
    rows: list[NameRow]
    typo: bool = False


class Reading(msgspec.Struct, frozen=True):
    """What a sentence names, in order, and the runs of words in it that name nothing."""

    named: list[Named]
    unknown: list[str]


def read(
    data: Catalog,
    text: str,
    sections: Sequence[str],
    *,
    correct_typos: bool = False,
    ignore: frozenset[str] = frozenset(),
    attached: frozenset[str] = frozenset(),
) -> Reading:
    """Every name of ``sections`` in ``text``, longest phrase first, and the words left over.

    Question and filler words between names are dropped, and so are the words in ``ignore``.
    A word of ``attached`` that names nothing, right after a name, is read as part of that name
    ("hyclate" in "doxycycline hyclate"). With ``correct_typos``, a word or run of words that is
    very close to one name (see TYPO_CUTOFF) is read as that name.
    """
    tokens, breaks = _words_and_breaks(text)
    longest = min(data.longest_name(), MAX_PHRASE_WORDS)
    windows: dict[tuple[int, int], str] = {}
    for start in range(len(tokens)):
        for size in range(1, min(longest, len(tokens) - start) + 1):
            window = tokens[start : start + size]
            # Noise words alone name nothing, unless they are the whole text ("who", the region);
            # nor do ignored words ("injection" in "octreotide injection", not "magnesium injection").
            if size == len(tokens) or not all(names.is_noise(word, ignore) for word in window):
                windows[start, size] = names.key_of_words(window)
    rows = _rows_by_key(data, windows.values(), sections)
    named: list[Named] = []
    unknown: list[str] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            found = _correct(data, run, sections) if correct_typos else None
            named.extend(found or [])
            if not found:
                unknown.append(" ".join(run))
            run.clear()

    start = 0
    name_end = -1  # where the last name read ends
    while start < len(tokens):
        for size in range(min(longest, len(tokens) - start), 0, -1):
            hits = _first_variant(rows, windows.get((start, size)))
            if hits:
                end_run()
                named.append(Named(" ".join(tokens[start : start + size]), hits))
                start += size
                name_end = start
                break
        else:
            word = tokens[start]
            if start == name_end and word in attached and start not in breaks:
                last = named[-1]
                named[-1] = msgspec.structs.replace(last, typed=f"{last.typed} {word}")
                start += 1
                name_end = start
                continue
            if start in breaks or names.is_noise(word, ignore):
                end_run()
            if not names.is_noise(word, ignore):
                run.append(word)
            start += 1
    end_run()
    return Reading(named, unknown)


def _words_and_breaks(text: str) -> tuple[list[str], set[int]]:
    """The words of ``text``, and where a comma, semicolon or slash starts a new list item.

    Names are still read across the marks; only the runs of unknown words end there, so
    "Eliquis, Lipitor" is two medicines not found, not one.
    """
    tokens: list[str] = []
    breaks: set[int] = set()
    for part in _LIST_MARKS.split(text):
        breaks.add(len(tokens))
        tokens += names.words(part)
    return tokens, breaks


_LIST_MARKS = re.compile(r"[,;/|\n]+")


def _rows_by_key(data: Catalog, keys: Iterable[str], sections: Sequence[str]) -> dict[str, list[NameRow]]:
    wanted = {variant for key in keys for variant in names.variants(key)}
    found: dict[str, list[NameRow]] = {}
    for row in data.names(wanted, sections):
        found.setdefault(row.key, []).append(row)
    return found


def _first_variant(rows: dict[str, list[NameRow]], key: str | None) -> list[NameRow]:
    if not key:
        return []
    for variant in names.variants(key):
        if variant in rows:
            return rows[variant]
    return []


def _correct(data: Catalog, run: list[str], sections: Sequence[str]) -> list[Named] | None:
    """The run read as close names: the whole run as one name, or each of its words."""
    whole = _close_name(data, names.key_of_words(run), sections)
    if whole:
        return [Named(" ".join(run), whole, typo=True)]
    found = [(word, _close_name(data, word, sections)) for word in run]
    if all(rows for _, rows in found):
        return [Named(word, rows, typo=True) for word, rows in found]
    return None


def _close_name(data: Catalog, wanted: str, sections: Sequence[str]) -> list[NameRow]:
    if len(wanted) < TYPO_MIN_LENGTH:
        return []
    candidates = data.name_keys(sections, (len(wanted) - 3, len(wanted) + 3), like=wanted)
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=TYPO_CUTOFF)
    return data.names(close, sections) if close else []


def suggestions(data: Catalog, text: str, sections: Sequence[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` listed names that look like ``text``, closest first."""
    wanted = names.key(text)
    if not wanted:
        return []
    candidates = data.name_keys(sections, (max(1, len(wanted) - 4), len(wanted) + 4), like=wanted)
    close = difflib.get_close_matches(wanted, candidates, n=limit, cutoff=0.7)
    if len(close) < limit and len(wanted) >= 3:
        starts = data.keys_with_a_word_starting(sections, wanted, limit + len(close))
        close += [key for key in starts if key not in close][: limit - len(close)]
    labels: dict[str, str] = {}
    for row in data.names(close, sections):
        if row.how != "id" or row.key not in labels:
            labels[row.key] = row.label
    return [labels[key] for key in close if key in labels]


def entries(named: Named, section: str) -> list[int]:
    """The positions of the ``section`` entries a phrase names, each once, in index order."""
    return list(dict.fromkeys(row.position for row in named.rows if row.section == section))


def single(data: Catalog, text: str, section: str) -> tuple[int, Named] | None:
    """The one ``section`` entry ``text`` names, with no word left over, and the phrase; else None."""
    if not names.key(text):
        return None
    reading = read(data, text, [section])
    positions = {position for named in reading.named for position in entries(named, section)}
    if reading.unknown or len(positions) != 1 or len(reading.named) != 1:
        return None
    return positions.pop(), reading.named[0]


def one(data: Catalog, text: str, section: str, kind: str) -> int:
    """The position of the one ``section`` entry that ``text`` names; NotFound otherwise.

    ``text`` may be the name alone or a sentence around it ("what is magnesium glycinate").
    """
    found = every(data, text, section, kind)
    if len(found) > 1:
        ids = [getattr(data.entry(section, position), "id", "") for position in found]
        raise NotFound(kind, text, [], reason="several", names=ids)
    return found[0]


def every(data: Catalog, text: str, section: str, kind: str) -> list[int]:
    """The positions of the ``section`` entries that ``text`` names, in the order named.

    Words around the names that the dataset's text uses ("for sleep", "at night") are read as
    context. Raises NotFound (with suggestions) for the first run of words the dataset does not
    know at all, and when nothing is named.
    """
    reading = read(data, text, [section])
    unknown = [run for run in reading.unknown if not all(data.mentions(word) for word in run.split())]
    if unknown or not reading.named:
        missing = unknown[0] if unknown and reading.named else text
        close = suggestions(data, missing, [section])
        if missing != text:  # some of the words name entries: say which
            raise NotFound(
                kind, missing, close, reason="partly-listed", names=[n.typed for n in reading.named]
            )
        raise NotFound(kind, missing, close)
    found: list[int] = []
    for named in reading.named:
        for position in entries(named, section):
            if position not in found:
                found.append(position)
    return found
