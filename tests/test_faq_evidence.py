"""FAQ answers stand alone and agree with the evidence; every evidence entry says who was studied."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from magref import dataset
from magref.model import GRADES

from .conftest import Run

DATA = dataset.load(use_cache=False).to_dataset()
FAQ = {item.id: item for item in DATA.faq}
USES = {use.id: use for use in DATA.uses}

#: FAQ ids that other work refers to: they must not disappear.
KEPT_IDS = {
    "best-time-of-day", "pregnancy-breastfeeding", "side-effects", "how-long-until-it-works",
    "does-it-cure-back-pain", "elemental-vs-compound", "what-does-200-400-mg-mean",
    "which-form-for-what", "is-glycinate-better-absorbed", "calcium-zinc-iron", "reading-the-label",
    "third-party-testing", "magnesium-from-food", "take-with-healthy-fats", "glycine-carrier-claim",
    "article-cited-studies", "kidney-disease", "medicines-interactions", "signs-of-too-much",
    "too-much-from-food", "epsom-salt-baths", "how-it-might-help",
}  # fmt: skip

#: "graded limited: run `magref evidence sleep`" in an answer names a grade and the use it belongs to.
GRADE_CITED = re.compile(r"graded (\w+)[^`]*`magref evidence ([a-z0-9-]+)`")


def test_the_faq_keeps_its_ids_and_has_30_to_40_questions() -> None:
    assert set(FAQ) >= KEPT_IDS
    assert 30 <= len(FAQ) <= 40


@pytest.mark.parametrize("item", DATA.faq, ids=lambda i: i.id)
def test_no_answer_leans_on_an_article(item: object) -> None:
    from magref.model import FaqItem

    assert isinstance(item, FaqItem)
    assert not item.answer.lower().startswith(("the article", "the author"))
    assert "the article" not in item.answer.lower()
    assert item.keywords, "people find questions by the words they type"


def test_every_grade_an_answer_names_is_the_grade_of_that_use() -> None:
    cited = [(item.id, *match) for item in DATA.faq for match in GRADE_CITED.findall(item.answer)]
    assert len(cited) >= 6
    for faq_id, grade, use_id in cited:
        assert use_id in USES, f"{faq_id} points to a use that does not exist: {use_id}"
        assert grade == USES[use_id].grade, f"{faq_id} says {use_id} is {grade}"


def test_back_pain_grade_agrees_between_faq_and_evidence() -> None:
    back_pain = USES["back-pain"]
    assert back_pain.grade == "insufficient"
    acute = next(f for f in back_pain.findings if "Acute" in f.context)
    assert acute.grade == "insufficient", "one open-label trial with a gain at day 4 only"
    for faq_id in ("does-it-cure-back-pain", "how-long-until-it-works"):
        assert f"graded {back_pain.grade}: run `magref evidence back-pain`" in FAQ[faq_id].answer


def test_constipation_follows_the_guideline_certainty() -> None:
    constipation = USES["constipation"]
    oxide = next(f for f in constipation.findings if "oxide" in f.context)
    assert constipation.grade == oxide.grade == "limited"
    assert "very low certainty" in oxide.text


def test_no_grade_is_above_the_strongest_finding_it_summarises() -> None:
    for use in DATA.uses:
        if use.findings:
            best = min(GRADES.index(f.grade) for f in use.findings if f.grade != "against")
            assert GRADES.index(use.grade) >= best or use.grade == "against", use.id


def test_the_pregnancy_answer_is_about_pregnancy() -> None:
    answer = FAQ["pregnancy-breastfeeding"].answer
    assert "back pain" not in answer
    assert "pregnan" in answer[:200]
    assert "350 to 400 mg of elemental magnesium" in answer


@pytest.mark.parametrize("faq_id", ["children", "magnesium-from-food", "foods-richest-in-magnesium"])
def test_answers_a_parent_may_read_do_not_quote_the_adult_limit(faq_id: str) -> None:
    answer = FAQ[faq_id].answer
    assert "350 mg" not in answer
    if faq_id != "foods-richest-in-magnesium":
        assert "magref dose --age" in answer


def test_the_food_answers_give_amounts_from_cited_sources() -> None:
    food = FAQ["magnesium-from-food"]
    assert "pumpkin seeds 156" in food.answer
    richest = FAQ["foods-richest-in-magnesium"]
    assert "156 mg of elemental magnesium" in richest.answer
    assert "ods-hp" in food.sources and "ods-hp" in richest.sources


def test_the_eu_and_uk_limits_are_cited_to_their_authorities() -> None:
    item = FAQ["eu-uk-limit"]
    assert "250 mg of elemental magnesium" in item.answer
    assert "400 mg of elemental magnesium" in item.answer
    assert {"efsa-2006-ul", "nhs-vitamins-minerals"} <= set(item.sources)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can my 7 year old take magnesium", "children"),
        ("pumpkin seeds", "foods-richest-in-magnesium"),
        ("EU limit", "eu-uk-limit"),
        ("what does %DV mean", "nrv-and-dv"),
        ("NRV", "nrv-and-dv"),
        ("is the label magnesium or compound", "label-magnesium-or-compound"),
        ("milk of magnesia", "antacids-laxatives-count"),
        ("how far apart from antibiotics", "timing-with-medicines"),
        ("dialysis", "kidney-disease"),
        ("what happens if I take too much", "signs-of-too-much"),
        ("how much magnesium should I take", "how-much-per-day"),
        ("claims", "claims-you-may-have-read"),
    ],
)
def test_questions_people_type_find_their_answer(magref: Run, question: str, expected: str) -> None:
    result = magref("faq", *question.split(), "--json")
    assert result.code == 0, result
    assert expected in [item["id"] for item in result.json["items"]]


# -- evidence: who was studied ------------------------------------------------------------------


@pytest.mark.parametrize("use", DATA.uses, ids=lambda u: u.id)
def test_every_use_and_finding_says_who_was_and_was_not_studied(use: object) -> None:
    from magref.model import Use

    assert isinstance(use, Use)
    assert use.studied and use.not_studied
    for finding in use.findings:
        assert finding.studied and finding.not_studied, finding.context
    every = " ".join([*use.not_studied, *(p for f in use.findings for p in f.not_studied)]).lower()
    assert "child" in every, f"{use.id} should say whether children were studied"


def test_evidence_json_carries_the_populations(magref: Run) -> None:
    items = magref("evidence", "--json").json["items"]
    for item in items:
        assert item["studied"] and item["not_studied"], item["id"]
        for finding in item["findings"]:
            assert finding["studied"] and finding["not_studied"]


def test_evidence_sleep_says_no_trial_enrolled_children(magref: Run) -> None:
    text = magref("evidence", "sleep", env={"COLUMNS": "100"}).stdout
    assert "Who was studied" in text
    assert "children and teenagers: none of these trials enrolled them" in " ".join(text.split())
    assert "sleeping pill" not in text


def test_a_use_without_populations_is_a_dataset_error(magref: Run, data_copy: Path) -> None:
    uses = data_copy / "uses.yaml"
    lines = uses.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("    not_studied:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      - "))
    uses.write_text("".join(lines[:start] + lines[end:]))
    result = magref("--data", str(data_copy), "validate")
    assert result.code == 3
    assert "uses[0]" in result.stderr and "not_studied" in result.stderr


def test_an_empty_population_list_is_a_dataset_error(magref: Run, data_copy: Path) -> None:
    uses = data_copy / "uses.yaml"
    text = uses.read_text()
    start = text.index("    studied:\n")
    end = text.index("    not_studied:\n")
    uses.write_text(text[:start] + "    studied: []\n" + text[end:])
    result = magref("--data", str(data_copy), "validate")
    assert result.code == 3
    assert "uses[0].studied" in result.stderr
