"""Patterns compiled on first use: they answer as re.compile does, and a command pays only for the
patterns its input needs."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys

import pytest

from magref import amounts
from magref.patterns import LazyPattern, lazy

from .conftest import Run

CASES = [
    (r"(?P<n>\d+)\s*(?P<unit>mg|g)\b", re.I, "take 200 MG, then 1 g and 30mg"),
    (r"[,;\n]+", 0, "a, b;;c\nd"),
    (r"(?<![\w.])(?:[a-z]\.){2,4}", re.IGNORECASE, "b.i.d. and T.I.D. but not x.y"),
    (r"^(\w+)$", re.M, "one\ntwo words\nthree"),
]


@pytest.mark.parametrize(("text", "flags", "subject"), CASES)
def test_a_lazy_pattern_answers_as_the_compiled_one(text: str, flags: int, subject: str) -> None:
    compiled, deferred = re.compile(text, flags), lazy(text, flags)
    assert not deferred.is_compiled
    assert deferred.pattern == text and deferred.flags == flags

    def spans(matches: object) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m[0]) for m in matches]  # type: ignore[attr-defined]

    for pos, endpos in ((0, len(subject)), (3, len(subject)), (2, 9)):
        for method in ("search", "match", "fullmatch"):
            want, got = (
                getattr(compiled, method)(subject, pos, endpos),
                getattr(deferred, method)(subject, pos, endpos),
            )
            assert (want and (want.span(), want.groups())) == (got and (got.span(), got.groups()))
        assert spans(compiled.finditer(subject, pos, endpos)) == spans(
            deferred.finditer(subject, pos, endpos)
        )
        assert compiled.findall(subject, pos, endpos) == deferred.findall(subject, pos, endpos)
    assert compiled.sub("#", subject) == deferred.sub("#", subject)
    assert compiled.sub(lambda m: m[0].upper(), subject, 1) == deferred.sub(
        lambda m: m[0].upper(), subject, 1
    )
    assert compiled.subn("", subject) == deferred.subn("", subject)
    assert compiled.split(subject) == deferred.split(subject)
    assert compiled.split(subject, 1) == deferred.split(subject, 1)
    assert dict(compiled.groupindex) == dict(deferred.groupindex)
    assert deferred.is_compiled and deferred.compiled is deferred.compiled


def test_a_bad_pattern_fails_when_first_used() -> None:
    broken = lazy("(unclosed")
    with pytest.raises(re.error):
        broken.search("x")


def test_every_amount_pattern_compiles() -> None:
    patterns = [value for value in vars(amounts).values() if isinstance(value, LazyPattern)]
    assert len(patterns) >= 20
    for pattern in patterns:
        assert isinstance(pattern.compiled, re.Pattern)


def test_reading_a_plain_amount_leaves_the_number_words_uncompiled() -> None:
    """``check --amount 400`` reads figures alone: no pattern is compiled (the one for amounts in
    words took about 8 ms, on every run of check); a mass with its unit compiles the quantity
    pattern only, and an item in words still reads as before."""
    probe = (
        "import json, sys\n"
        "from magref import amounts\n"
        "from magref.patterns import LazyPattern\n"
        "def compiled():\n"
        "    found = vars(amounts).items()\n"
        "    return sorted(n for n, v in found if isinstance(v, LazyPattern) and v.is_compiled)\n"
        "at_import = compiled()\n"
        "amounts.parse_mass('400')\n"
        "after_figures = compiled()\n"
        "amounts.parse_mass('400 mg')\n"
        "after_mass = compiled()\n"
        "item = amounts.parse_item('milk of magnesia one teaspoon')\n"
        "found = [at_import, after_figures, after_mass, compiled(), item.measure.amount, item.measure.unit]\n"
        "print(json.dumps(found))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    at_import, after_figures, after_mass, after_item, amount, unit = json.loads(done.stdout)
    assert at_import == [] and after_figures == []
    assert "_WORD_NUMBER" not in after_mass and "_QUANTITY" in after_mass
    assert "_WORD_NUMBER" in after_item
    assert (amount, unit) == (1.0, "teaspoon")


def test_check_reads_an_amount_in_words_as_in_figures(magref: Run) -> None:
    """Through the command line: the pattern compiled on first use reads what it read before."""
    common = ["check", "--age", "68", "--sex", "female", "--json", "--take"]
    words = magref(*common, "milk of magnesia one teaspoon")
    figures = magref(*common, "milk of magnesia 1 teaspoon")
    assert words.code == figures.code == 0
    said = words.stdout.replace("milk of magnesia one teaspoon", "milk of magnesia 1 teaspoon")
    assert said == figures.stdout
    assert words.json["intake"]["stack"]


def test_the_command_freezes_what_start_up_loaded_and_still_collects_what_it_makes() -> None:
    """``magref`` (cli.main) freezes the objects start-up made, so the collector skips them; the
    objects a command makes are still collected. In-process runs (CliRunner) freeze nothing."""
    probe = (
        "import gc, sys, atexit\n"
        "import magref.cli\n"
        "before = gc.get_freeze_count()\n"
        "def report():\n"
        "    class Loop:\n"
        "        pass\n"
        "    loop = Loop(); loop.me = loop; del loop\n"
        "    sys.stderr.write(f'{before} {gc.get_freeze_count()} {gc.isenabled()} {gc.collect()}')\n"
        "atexit.register(report)\n"
        "sys.argv = ['magref', '--version']\n"
        "magref.cli.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("magref ")
    before, after, enabled, collected = done.stderr.split()
    assert before == "0" and int(after) > 10_000
    assert enabled == "True" and int(collected) >= 1
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    "text", ["400", "0", "7", "0400", "1000", "1,000", "99999999999", "400 ", " 400", "٤٠٠"]
)
def test_figures_alone_read_as_the_amount_pattern_reads_them(text: str) -> None:
    """``parse_mass`` reads figures alone without its pattern, with the result the pattern gives."""
    from magref.errors import InputError
    from magref.reader import canonical

    def by_pattern() -> object:
        found = amounts._QUANTITY.fullmatch(canonical(text))
        assert found is not None and found["unit"] is None
        return amounts._mass(amounts._number(found["number"]), "mg", text)

    try:
        want: object = by_pattern()
    except (InputError, AssertionError) as error:
        want = type(error)
    try:
        got: object = amounts.parse_mass(text)
    except InputError as error:
        got = type(error)
    assert got == want or (want is AssertionError and got is InputError)
