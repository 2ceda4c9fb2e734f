"""Errors: the core raises a code and its facts, never a sentence; render words every code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from magref import amounts, dosing, intake, regimen
from magref.catalog import Catalog
from magref.errors import InputError, MagrefError, NotFound
from magref.render import problems

from .conftest import Run


@pytest.fixture(scope="module")
def data() -> Catalog:
    from magref import dataset

    return dataset.load()


SOURCE = Path(__file__).resolve().parent.parent / "src" / "magref"
#: The errors magref raises, by the name a raise calls them.
ERRORS = frozenset({
    "MagrefError", "InputError", "NotFound", "UnknownCommand", "OutputError", "BrokenPipe",
    "DatasetError", "IndexDamaged", "IndexUnavailable", "BadParameter", "usage",
})  # fmt: skip


def _modules(*, render: bool = False) -> list[Path]:
    """The core and command-line modules (and render's, with ``render``)."""
    return [path for path in sorted(SOURCE.rglob("*.py")) if render or "render" not in path.parts]


def _error_calls(tree: ast.AST) -> list[ast.Call]:
    """Every call that makes one of magref's errors."""
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name in ERRORS:
                calls.append(node)
    return calls


#: Words in a string: a sentence, not a code ("not-a-number") or a separator (" ").
WORDS = re.compile(r"[A-Za-z]+ +[A-Za-z]+")


def sentences_in_errors(source: str) -> list[str]:
    """The English in the errors a module makes: any f-string, or any string of words.

    A dataset problem (``Problem``: the file, line and column of a fault in the YAML) keeps its
    message: those are the validator's diagnostics, listed above the error, not the error.
    """
    found = []
    for call in _error_calls(ast.parse(source)):
        waiting: list[ast.AST] = [*call.args, *(keyword.value for keyword in call.keywords)]
        while waiting:
            node = waiting.pop()
            if isinstance(node, ast.JoinedStr):
                found.append(f"line {call.lineno}: an f-string")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and WORDS.search(node.value):
                found.append(f"line {call.lineno}: {node.value!r}")
            elif not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem"):
                waiting.extend(ast.iter_child_nodes(node))
    return found


def codes_raised(source: str) -> set[str]:
    """The codes a module's errors give: an error's first argument, a miss's ``reason``."""
    found: set[str] = set()
    for call in _error_calls(ast.parse(source)):
        name = call.func.id if isinstance(call.func, ast.Name) else ""
        first = call.args[0] if call.args and name not in ("NotFound", "DatasetError") else None
        reason = next((k.value for k in call.keywords if k.arg == "reason"), None)
        for node in (first, reason):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_the_scan_finds_a_sentence_in_a_raise() -> None:
    worded = 'raise InputError(f"\'{text}\' is not a number", "give a number")'
    assert len(sentences_in_errors(worded)) == 2
    assert sentences_in_errors('raise InputError("not-a-number", text=text, words=" ".join(words))') == []
    assert sentences_in_errors('raise errors.NotFound("food", query, [], reason="nothing here")')


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_no_core_or_command_line_error_holds_a_sentence(path: Path) -> None:
    assert sentences_in_errors(path.read_text(encoding="utf-8")) == []


def test_every_code_raised_has_a_phrase() -> None:
    raised = set().union(*(codes_raised(path.read_text(encoding="utf-8")) for path in _modules(render=True)))
    raised |= set(regimen._CLOCK_PROBLEMS.values()) | {"time-unread"}
    assert len(raised) > 90
    assert raised - set(problems.PHRASES) - problems.MISSES == set()


def test_every_phrase_is_raised_somewhere() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in _modules(render=True))
    unused = [code for code in problems.PHRASES if f'"{code}"' not in text.replace(f'    "{code}": ', "")]
    assert unused == []


def test_an_error_holds_its_facts_not_words() -> None:
    with pytest.raises(InputError) as refused:
        amounts.parse_item("200 g glycinate")
    error = refused.value
    assert (error.code, error.facts) == (
        "amount-over-limit",
        {"text": "200 g glycinate", "limit_mg": 100_000},
    )
    assert problems.worded(error) == (
        "'200 g glycinate' is more than 100 g",
        "give the amount in one dose",
        None,
    )
    assert str(error) == "amount-over-limit (text='200 g glycinate', limit_mg=100000.0)"


def test_a_time_refused_says_why_by_code() -> None:
    with pytest.raises(InputError) as refused:
        regimen.read_clock("7")
    assert refused.value.code == "time-needs-am-pm"
    assert problems.message(refused.value) == "'7' needs minutes or am/pm"


def test_an_age_refused_carries_the_figures() -> None:
    with pytest.raises(InputError) as refused:
        dosing.check_age(500)
    assert refused.value.code == "age-impossible"
    assert problems.worded(refused.value).hint == f"give an age from 0 to {dosing.MAX_AGE:g} years"


def test_a_miss_names_its_kind_in_words_and_its_hint_by_code(data: Catalog) -> None:
    with pytest.raises(NotFound) as refused:
        intake.resolve(data, amounts.parse_item("oxide 30 mL"))
    error = refused.value
    assert (error.code, error.kind, error.facts["form"]) == ("unknown-product", "product", "Magnesium oxide")
    assert problems.worded(error).hint == "Magnesium oxide is a form: give it in mg or g"
    with pytest.raises(NotFound) as refused:
        intake.resolve(data, amounts.parse_item("zzzz 500 mg"))
    assert refused.value.reason is None and refused.value.kind == "form-or-product"
    assert problems.message(refused.value) == "no form or product named 'zzzz'"


def test_a_code_without_a_phrase_is_shown_as_code_and_facts() -> None:
    error = MagrefError("no-such-code", text="x")
    assert problems.message(error) == "no-such-code (text='x')"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["stack", "200 g glycinate"], "'200 g glycinate' is more than 100 g"),
        (["dose", "500"], "age 500 is not possible"),
        (["plan", "cipro@7"], "'7' needs minutes or am/pm"),
        (["label", "Vitamin C 500 mg"], "does not name magnesium"),
        (["stack", "oxide 30 mL"], "Magnesium oxide is a form: give it in mg or g"),
        (["stack", "zzzz 30 mL"], "magref lists products with 'magref products'"),
    ],
)
def test_the_command_line_words_each_code(magref: Run, args: list[str], stderr: str) -> None:
    result = magref(*args)
    assert result.code in (1, 2)
    assert stderr in result.stderr


# -- names: regions and sexes read the same way everywhere -------------------------------------------


@pytest.mark.parametrize("word", ["efsa", "american", "british", "german", "japanese", "nippon", "iceland"])
def test_a_region_named_in_words_is_the_region_the_regions_command_finds(
    magref: Run, data: Catalog, word: str
) -> None:
    region = dosing.find_region(data, word)
    in_words = magref("dose", "30", "female", word, "--json")
    as_option = magref("dose", "30", "female", "--region", word, "--json")
    listed = magref("regions", word, "--json")
    assert in_words.code == as_option.code == listed.code == 0, (in_words, as_option, listed)
    assert in_words.json == as_option.json
    assert region.name in in_words.stdout + listed.stdout or listed.json


@pytest.mark.parametrize("word", ["girl", "woman", "f", "male", "boy"])
def test_a_sex_in_words_and_as_an_option_agree(magref: Run, word: str) -> None:
    in_words = magref("dose", "30", word, "--json")
    as_option = magref("dose", "30", "--sex", word, "--json")
    assert in_words.code == as_option.code == 0
    assert in_words.json == as_option.json
