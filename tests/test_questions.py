"""Questions and command lines as people type them, held to the entries that answer them.

The cases are data (tests/data/*.tsv), one line each; an expected ``suggests:NAME`` means the
command exits 1 and offers NAME. Search must put a right answer in its top
three for at least 90% of the questions; every command line must name what it should.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from magref import dataset, search
from tests.conftest import Run

HERE = Path(__file__).parent / "data"
TOP = 3
PASS_RATE = 0.9
TOP_1_RATE = 0.82


def rows(name: str) -> list[list[str]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


QUESTIONS = rows("questions.tsv")
SENTENCES = rows("sentences.tsv")


def top_entries(question: str, top: int = TOP) -> list[str]:
    hits = search.search(dataset.load(), question).hits
    found: list[str] = []
    for hit in hits[:top]:
        if hit.kind == "compare":
            found += [f"form:{form_id}" for form_id in hit.id.split()]
        found.append(f"{hit.kind}:{hit.id}")
    return found


def test_the_question_set_is_large_enough() -> None:
    assert len(QUESTIONS) >= 60
    assert len(SENTENCES) >= 40


def test_search_answers_at_least_90_percent_of_the_questions(capsys: pytest.CaptureFixture[str]) -> None:
    failures: list[str] = []
    first = 0
    for question, expected in QUESTIONS:
        try:
            found = top_entries(question)
        except Exception as error:  # NotFound counts as a miss, and is shown
            found = [type(error).__name__]
        wanted = set(expected.split(","))
        first += bool(wanted & set(top_entries(question, 1))) if found[0] != "NotFound" else 0
        if not wanted & set(found):
            failures.append(f"  {question!r}: wanted {expected}, got {found}")
    rate = 1 - len(failures) / len(QUESTIONS)
    with capsys.disabled():
        answered = len(QUESTIONS) - len(failures)
        right_first = f"{first}/{len(QUESTIONS)} right first ({first / len(QUESTIONS):.0%})"
        print(f"\nquestion set: {right_first}, ", end="")
        print(f"{answered}/{len(QUESTIONS)} in the top {TOP} ({rate:.0%})")
        print("\n".join(failures))
    assert rate >= PASS_RATE
    assert first / len(QUESTIONS) >= TOP_1_RATE


def named_entries(command: str, payload: dict[str, object]) -> set[str]:
    """The kind:id of every entry a command's JSON answer shows."""
    if command == "interactions":
        return {f"interaction:{m['class_id']}" for m in payload["matches"]}  # type: ignore[attr-defined]
    if command == "plan":
        return {f"interaction:{d['class_id']}" for d in payload["doses"]}  # type: ignore[attr-defined]
    if command == "info":
        return {f"form:{payload['id']}"}
    if command == "compare":
        return {f"form:{f['id']}" for f in payload["forms"]}  # type: ignore[attr-defined]
    kind = {"faq": "faq", "evidence": "use", "cautions": "caution"}[command]
    return {f"{kind}:{item['id']}" for item in payload["items"]}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("command", "arguments", "expected"), SENTENCES, ids=[" ".join(r[:2]) for r in SENTENCES]
)
def test_a_command_line_as_people_type_it(magref: Run, command: str, arguments: str, expected: str) -> None:
    result = magref(command, *arguments.split(), "--json")
    if expected.startswith("suggests:"):  # a misspelt name outside medicines: offered, not guessed
        assert result.code == 1, result
        assert expected.partition(":")[2] in result.stderr.split("Did you mean")[1], result
        return
    assert result.code == 0, result
    payload = result.json
    wanted, _, condition = expected.partition(";")
    assert set(wanted.split(",")) <= named_entries(command, payload), result
    if condition == "no-unlisted":
        assert payload["unmatched"] == [], result
