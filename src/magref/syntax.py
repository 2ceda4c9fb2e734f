"""Command-line syntax: medicine doses with a time of day (``doxycycline@7am``), read into core values.

Only the command line uses this module; the core takes the values it returns.
"""

from __future__ import annotations

import msgspec

from magref import regimen as rules
from magref.errors import InputError
from magref.plan import DoseRequest, Medicine
from magref.regimen import Regimen, Timed


def parse_time(text: str) -> int:
    """The minute of the day in a time as people write it: ``19:30``, ``0730``, ``7am``, ``7:30 pm``."""
    return rules.read_clock(text)


def parse_dose(text: str) -> DoseRequest:
    """``DRUG@TIME`` as one medicine and the minute of the day it is taken."""
    requests, untimed = parse_doses([text])
    if len(requests) != 1 or untimed:
        raise InputError("dose-time-unread", text=text)
    return requests[0]


class Reading(msgspec.Struct, frozen=True):
    """One medicine as typed and read: the regimen, and each dose time (given or assumed)."""

    regimen: Regimen
    times: list[Timed]


def read_medicines(words: list[str], timed_only: bool) -> list[Reading]:
    """Every medicine in the words, read, with its dose times.

    A medicine with neither a time nor how often is refused when ``timed_only`` (``plan``), and
    kept untimed otherwise (``check``); words that were not read are refused, never dropped.
    """
    text = " ".join(words)
    readings: list[Reading] = []
    for found in rules.read_regimens(words):
        if found.unread:
            raise InputError("regimen-word-unread", word=found.unread[0], text=text)
        if not found.medicine:
            raise InputError("no-medicine-named", text=text)
        times = rules.dose_times(found)
        if not times and timed_only and not found.as_needed:
            raise InputError("medicine-no-time", medicine=found.medicine)
        readings.append(Reading(found, times))
    return readings


def parse_medicine(text: str) -> list[Medicine]:
    """One ``--drug`` value: ``NAME``, ``NAME@TIME``, ``cipro 500mg bd``, ``levo 100mcg 7am``: one
    medicine at each dose time, or once with no time."""
    found: list[Medicine] = []
    for reading in read_medicines([text], timed_only=False):
        name, read = reading.regimen.medicine, reading.regimen
        found += [Medicine(name, t.minute, t.assumed, read) for t in reading.times] or [
            Medicine(name, regimen=read)
        ]
    return found


def parse_doses(words: list[str]) -> tuple[list[DoseRequest], list[Regimen]]:
    """Doses from a command line's words, and the medicines taken only as needed (no time).

    "my doxy@8am and levo@6:30am", "cipro 500mg bd", "alendronate 70mg weekly sunday 6am".
    """
    requests: list[DoseRequest] = []
    untimed: list[Regimen] = []
    for reading in read_medicines(words, timed_only=True):
        found = reading.regimen
        if not reading.times:
            untimed.append(found)
        requests += [DoseRequest(found.medicine, t.minute, t.assumed, found) for t in reading.times]
    if not requests and not untimed:
        raise InputError("no-medicine-given")
    return requests, untimed
