"""Questions real people asked on public pages, put to search exactly as they were written.

The cases are data in four sets (tests/data/real-questions.tsv; real-questions-holdout.tsv, a
second set from other pages, measured before search was changed for it; real-questions-third.tsv,
a third from yet other pages, likewise; and real-questions-fourth.tsv, a fourth weighted to children,
pregnancy, other countries, medicines, labels and safety, likewise): the question, the
entries that would be a right first answer (``kind:id``; ``none`` when magref holds nothing on
it, ``command:dose`` and ``command:lab`` for the answer worked out for the person asking) and the
page it came from. Search is measured on each set twice, by whether a right entry leads the
results (top 1) and whether one is among the first three (top 3); both rates and every miss are
printed, and each rate is held to a floor a little under its measured value, so a change to
search can raise it but not quietly lower it. A miss that finds nothing counts as right only
where ``none`` is expected.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from magref import dataset, index, search
from magref.errors import MagrefError, NotFound
from tests.conftest import Run

FILE = Path(__file__).parent / "data" / "real-questions.tsv"
HOLDOUT_FILE = Path(__file__).parent / "data" / "real-questions-holdout.tsv"
THIRD_FILE = Path(__file__).parent / "data" / "real-questions-third.tsv"
FOURTH_FILE = Path(__file__).parent / "data" / "real-questions-fourth.tsv"
TOP = 3
MIN_QUESTIONS = 220
MIN_HOLDOUT_QUESTIONS = 80
MIN_THIRD_QUESTIONS = 60
MIN_FOURTH_QUESTIONS = 70
MAX_PER_PAGE = 3
#: Each floor is the rate that passes now less 1 point, rounded down to a whole point: the set
#: measured 67.7% and 73.9% when it was made, and 95.1% and 97.3% after search was taught to
#: read questions for what they ask; 96.9% and 99.1% with the brand names of the most-prescribed
#: medicines (Zoloft, Zyrtec, Claritin).
FLOOR_TOP1 = 0.95
FLOOR_TOP3 = 0.98
#: The holdout set's floors: its rates when this work was done (86.4% and 95.1%; 71.6% and 86.4%
#: before), less 2 points, rounded down to a whole point.
HOLDOUT_FLOOR_TOP1 = 0.86
HOLDOUT_FLOOR_TOP3 = 0.95
#: The third set's floors: its rates after the fixes it was gathered for (92.4% and 95.5%; 75.8%
#: and 86.4% when it was gathered), less 2 points, rounded down to a whole point.
THIRD_FLOOR_TOP1 = 0.90
THIRD_FLOOR_TOP3 = 0.93
#: The fourth set's floors: its rates after the fixes it was gathered for (90.8% and 100%; 69.7%
#: and 80.3% when it was gathered), less 2 points, rounded down to a whole point.
FOURTH_FLOOR_TOP1 = 0.88
FOURTH_FLOOR_TOP3 = 0.98
#: Entries other work is adding to the dataset: not required to exist yet (once they do, they
#: count like any other), and a question that expects only these counts as a miss until then.
PENDING = frozenset({
    "use:restless-legs", "use:pms", "use:heart-rhythm", "use:depression", "use:asthma",
    "use:fibromyalgia", "use:tinnitus", "use:hangover", "use:athletic-performance", "use:adhd",
})  # fmt: skip
COMMANDS = frozenset({"command:dose", "command:lab"})
NONE = "none"
URL = re.compile(r"https?://[^\s/]+\.[^\s/]+\S*")


class Case(NamedTuple):
    question: str
    expected: frozenset[str]
    source: str


def read_cases(file: Path = FILE) -> list[Case]:
    lines = file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "question\texpected\tsource", lines[0]
    cases = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == 3, f"line {number} has {len(fields)} fields: {line!r}"
        question, expected, source = fields
        cases.append(Case(question, frozenset(expected.split(",")), source))
    return cases


CASES = read_cases()
HOLDOUT = read_cases(HOLDOUT_FILE)
THIRD = read_cases(THIRD_FILE)
FOURTH = read_cases(FOURTH_FILE)
#: Each set by name, with the least number of questions it holds and its two floors.
SETS = {
    "real questions": (CASES, MIN_QUESTIONS, FLOOR_TOP1, FLOOR_TOP3),
    "holdout questions": (HOLDOUT, MIN_HOLDOUT_QUESTIONS, HOLDOUT_FLOOR_TOP1, HOLDOUT_FLOOR_TOP3),
    "third questions": (THIRD, MIN_THIRD_QUESTIONS, THIRD_FLOOR_TOP1, THIRD_FLOOR_TOP3),
    "fourth questions": (FOURTH, MIN_FOURTH_QUESTIONS, FOURTH_FLOOR_TOP1, FOURTH_FLOOR_TOP3),
}


def ranked(question: str) -> list[frozenset[str]] | None:
    """The entries search puts at each rank (a comparison counts as each of its forms), or None.

    None means search found nothing (NotFound); any other refusal is an empty answer, a miss.
    """
    try:
        hits = search.search(dataset.load(), question).hits
    except NotFound:
        return None
    except MagrefError:
        return []
    ranks = []
    for hit in hits:
        entries = {f"{hit.kind}:{hit.id}"}
        if hit.kind in ("dose", "lab"):  # worked out from the question's own person or result
            entries.add(f"command:{hit.kind}")
        if hit.kind == "compare":
            entries |= {f"form:{form_id}" for form_id in hit.id.split()}
        ranks.append(frozenset(entries))
    return ranks


def right_within(case: Case, ranks: list[frozenset[str]] | None, top: int) -> bool:
    if ranks is None:
        return NONE in case.expected
    return any(case.expected & entries for entries in ranks[:top])


@functools.cache
def measured(name: str = "real questions") -> tuple[float, float, tuple[str, ...]]:
    """The top-1 and top-3 rates over a whole set, and a line for each question missed."""
    cases = SETS[name][0]
    top1 = top3 = 0
    misses = []
    for case in cases:
        ranks = ranked(case.question)
        first, within = right_within(case, ranks, 1), right_within(case, ranks, TOP)
        top1 += first
        top3 += within
        if not first:
            found = "nothing found" if ranks is None else "; ".join("/".join(sorted(r)) for r in ranks[:TOP])
            mark = "top 3" if within else "miss "
            wanted = ",".join(sorted(case.expected))
            misses.append(f"  {mark} {case.question!r}: wanted {wanted}; got {found}")
    total = len(cases)
    return top1 / total, top3 / total, tuple(misses)


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_large_enough_and_each_line_is_well_formed(name: str) -> None:
    cases, least = SETS[name][:2]
    assert len(cases) >= least
    questions = [case.question for case in cases]
    assert len(set(questions)) == len(questions), [q for q, n in Counter(questions).items() if n > 1]
    for case in cases:
        assert case.question and case.question == case.question.strip(), case
        assert case.expected and all(case.expected), case
        assert URL.fullmatch(case.source), case
    per_page = Counter(case.source for case in cases)
    assert max(per_page.values()) <= MAX_PER_PAGE, per_page.most_common(3)


def test_the_holdout_shares_no_question_and_no_page_with_the_first_set() -> None:
    first = {case.question.casefold() for case in CASES}
    pages = {case.source for case in CASES}
    assert [case.question for case in HOLDOUT if case.question.casefold() in first] == []
    assert [case.source for case in HOLDOUT if case.source in pages] == []


def test_the_third_set_shares_no_question_and_no_page_with_the_other_two() -> None:
    earlier = [*CASES, *HOLDOUT]
    asked = {case.question.casefold() for case in earlier}
    pages = {case.source for case in earlier}
    assert [case.question for case in THIRD if case.question.casefold() in asked] == []
    assert [case.source for case in THIRD if case.source in pages] == []


def test_the_fourth_set_shares_no_question_and_no_page_with_the_other_three() -> None:
    earlier = [*CASES, *HOLDOUT, *THIRD]
    asked = {case.question.casefold() for case in earlier}
    pages = {case.source for case in earlier}
    assert [case.question for case in FOURTH if case.question.casefold() in asked] == []
    assert [case.source for case in FOURTH if case.source in pages] == []


@pytest.mark.parametrize("name", SETS)
def test_every_expected_entry_is_in_the_dataset_or_pending(name: str) -> None:
    data = dataset.load()
    known = {
        f"{kind}:{entry.id}"
        for kind, section in index.KIND_SECTIONS.items()
        if kind not in ("synonym", "region")
        for entry in getattr(data, section)
    }
    unknown = sorted(
        entry
        for case in SETS[name][0]
        for entry in case.expected
        if entry not in known and entry not in PENDING and entry not in COMMANDS and entry != NONE
    )
    assert unknown == []


@pytest.mark.parametrize("name", SETS)
def test_search_answers_real_questions_at_least_as_well_as_when_measured(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    cases, _, floor_top1, floor_top3 = SETS[name]
    top1, top3, misses = measured(name)
    with capsys.disabled():
        print(f"\n{name} ({len(cases)}): right first {top1:.1%}, right in the top {TOP} {top3:.1%}")
        print("\n".join(misses))
    assert top1 >= floor_top1
    assert top3 >= floor_top3


def test_a_right_answer_is_what_the_first_hit_is_or_a_clean_no() -> None:
    """The scoring itself: a first hit, a later hit, a comparison, and a search that finds nothing."""
    case = Case("q", frozenset({"form:oxide", "faq:upper-limit"}), "https://example.org/q")
    assert right_within(case, [frozenset({"faq:upper-limit"})], 1)
    assert not right_within(case, [frozenset({"form:gluconate"}), frozenset({"faq:upper-limit"})], 1)
    assert right_within(case, [frozenset({"form:gluconate"}), frozenset({"faq:upper-limit"})], TOP)
    assert right_within(case, [frozenset({"compare:oxide citrate", "form:oxide", "form:citrate"})], 1)
    assert not right_within(case, None, TOP)
    assert not right_within(case, [], TOP)
    nothing = Case("q", frozenset({NONE}), "https://example.org/q")
    assert right_within(nothing, None, 1)
    assert not right_within(nothing, [frozenset({"source:ods-hp"})], TOP)


@pytest.mark.parametrize(
    "case",
    [
        *CASES[:: len(CASES) // 12],
        *HOLDOUT[:: len(HOLDOUT) // 6],
        *THIRD[:: len(THIRD) // 6],
        *FOURTH[:: len(FOURTH) // 6],
    ],
    ids=lambda case: case.question[:40],
)
def test_the_cli_answers_a_question_as_the_core_does(magref: Run, case: Case) -> None:
    """The question typed after `magref search`, whole: the same first entry, or the same no."""
    ranks = ranked(case.question)
    result = magref("search", case.question, "--json")
    if ranks is None:
        assert result.code == 1, result
        return
    assert result.code == 0, result
    first = result.json["hits"][0]
    assert f"{first['kind']}:{first['id']}" in ranks[0], result


def test_no_paper_is_in_the_top_three_unless_the_question_asks_for_sources() -> None:
    from magref import question

    listed = []
    for case in [*CASES, *HOLDOUT, *THIRD, *FOURTH]:
        ranks = ranked(case.question)
        asks = "source" in question.read(case.question).intents
        if ranks and not asks and any(e.startswith("source:") for entries in ranks[:3] for e in entries):
            listed.append(case.question)
    assert listed == []


if __name__ == "__main__":  # python -m tests.test_real_questions: the rates and misses of every set
    for set_name, (set_cases, *_) in SETS.items():
        rate1, rate3, missed = measured(set_name)
        print(f"{set_name} ({len(set_cases)}): right first {rate1:.1%}, right in the top {TOP} {rate3:.1%}")
        print("\n".join(missed))
