"""Forgiving names, suggestions, and the documented JSON of the lookup commands."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Run


def as_json(magref: Run, *args: str) -> Any:
    result = magref(*args, "--json")
    assert result.code == 0, result
    return result.json


@pytest.mark.parametrize(
    "name",
    ["glycinate", "Glycinate", "magnesium glycinate", "Magnesium-Glycinate", "mag glycinate", "bisglycinate"],
)
def test_names_are_forgiving(magref: Run, name: str) -> None:
    assert as_json(magref, "info", name)["id"] == "glycinate"


def test_aliases_people_use(magref: Run) -> None:
    assert as_json(magref, "info", "Epsom salt")["id"] == "sulfate"
    assert as_json(magref, "info", "milk of magnesia")["id"] == "hydroxide"


def test_info_json_keys_and_figures(magref: Run) -> None:
    info = as_json(magref, "info", "glycinate")
    for key in ("id", "name", "aliases", "formula", "molar_mass", "elemental_percent", "absorption",
                "gi_tolerance", "uses", "cautions", "sources"):  # fmt: skip
        assert key in info
    assert info["example"] == {"compound_mg": 500, "elemental_mg": pytest.approx(70.5, abs=0.5)}


def test_info_plain_names_elemental_and_compound_weight(magref: Run) -> None:
    result = magref("info", "glycinate")
    assert "14.1%" in result.stdout
    assert "(compound weight)" in result.stdout
    assert "elemental magnesium" in result.stdout
    assert "not medical advice" in result.stdout


def test_unknown_form_exits_1_with_a_suggestion(magref: Run) -> None:
    result = magref("info", "glycinat")
    assert result.code == 1
    assert result.stdout == ""
    assert "Did you mean" in result.stderr
    assert "glycinate" in result.stderr.split("Did you mean")[1]


def test_unobtainium(magref: Run) -> None:
    result = magref("info", "unobtainium")
    assert result.code == 1
    assert "no form named 'unobtainium'" in result.stderr


def test_compare_marks_the_best_and_needs_two(magref: Run) -> None:
    report = as_json(magref, "compare", "glycinate", "oxide")
    assert [f["id"] for f in report["forms"]] == ["glycinate", "oxide"]
    assert report["best"]["elemental_percent"] == ["oxide"]
    assert "*" in magref("compare", "glycinate", "oxide").stdout
    assert magref("compare", "glycinate").code == 2
    assert magref("compare", "glycinate", "unobtainium").code == 1
    assert magref("compare", "glycinate", "bisglycinate").code == 2  # one form twice


@pytest.mark.parametrize(
    "words",
    [["glycinate and citrate"], ["which is better, glycinate or citrate?"], ["glycinate", "vs", "citrate"]],
)
def test_compare_reads_two_forms_in_one_phrase(magref: Run, words: list[str]) -> None:
    assert [f["id"] for f in as_json(magref, "compare", *words)["forms"]] == ["glycinate", "citrate"]


def test_list_sorts(magref: Run) -> None:
    forms = as_json(magref, "list", "--sort", "elemental")["items"]
    assert forms[0]["id"] == "oxide"
    percents = [f["elemental_percent"] for f in forms]
    assert percents == sorted(percents, reverse=True)
    assert magref("list", "--sort", "colour").code == 2


def test_search_ranks_and_says_where_to_look(magref: Run) -> None:
    report = as_json(magref, "search", "sleep")
    assert report["query"] == "sleep"
    kinds = {hit["kind"] for hit in report["hits"]}
    assert "use" in kinds
    top = report["hits"][0]
    assert set(top) >= {"kind", "id", "title", "score"}
    scores = [h["score"] for h in report["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert "magref evidence sleep" in magref("search", "sleep").stdout
    assert magref("search", "zzzyxq").code == 1


def test_faq_all_and_best_match(magref: Run) -> None:
    every = as_json(magref, "faq")["items"]
    assert len(every) >= 15
    assert set(every[0]) >= {"question", "answer", "sources"}
    best = as_json(magref, "faq", "pregnancy")["items"]
    assert 1 <= len(best) <= 3
    assert "pregnan" in (best[0]["question"] + best[0]["answer"]).lower()


@pytest.mark.parametrize("name", ["back pain", "back-pain", "Back Pain", "low back pain"])
def test_evidence_names_are_the_same(magref: Run, name: str) -> None:
    (item,) = as_json(magref, "evidence", *name.split())["items"]
    assert item["id"] == "back-pain"
    assert set(item) >= {"id", "name", "grade", "summary", "sources"}
    assert item["grade"] in ("limited", "insufficient", "against")


def test_evidence_lists_every_use_with_a_grade(magref: Run) -> None:
    items = as_json(magref, "evidence")["items"]
    assert len(items) >= 8
    assert all(i["grade"] in ("strong", "moderate", "limited", "insufficient", "against") for i in items)


def test_sources(magref: Run) -> None:
    every = as_json(magref, "sources")["items"]
    assert {"id", "title"} <= set(every[0])
    (one,) = as_json(magref, "sources", "ods-hp")["items"]
    assert one["id"] == "ods-hp"
    assert magref("sources", "nope-1999").code == 1


def test_version_and_module_entry(magref: Run) -> None:
    import subprocess
    import sys

    from magref import __version__

    assert magref("--version").stdout.strip() == f"magref {__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "magref", "--version"], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == f"magref {__version__}"
    assert magref("version").stdout.strip() == f"magref {__version__}"


def test_completion_offers_form_ids(magref: Run) -> None:
    result = magref(
        env={"_MAGREF_COMPLETE": "complete_bash", "COMP_WORDS": "magref info gly", "COMP_CWORD": "2"}
    )
    assert "glycinate" in result.stdout


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("magref interactions Bikt", "Biktarvy"),
        ("magref check --drug Harv", "Harvoni"),
        ("magref plan lasi", "lasix"),
        ("magref stack Rola", "Rolaids"),
        ("magref check --take Epso", "Epsom salt"),
        ("magref products mil", "milk of magnesia"),
        ("magref cautions kid", "kidney disease"),
        ("magref check --condition preg", "pregnancy"),
        ("magref regions jap", "japan"),
        ("magref foods spin", "spinach leaves"),
        ("magref evidence mig", "migraine prevention"),
    ],
)
def test_completion_offers_names_as_typed(magref: Run, words: str, offered: str) -> None:
    position = str(len(words.split()) - 1)
    env = {"_MAGREF_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": position}
    assert offered in magref(env=env).stdout.splitlines()


def test_search_limit_shows_the_best_and_counts_all(magref: Run) -> None:
    every = as_json(magref, "search", "magnesium", "--limit", "0")
    best = as_json(magref, "search", "magnesium", "--limit", "3")
    assert best["total"] == every["total"] == len(every["hits"]) > 3
    assert best["hits"] == every["hits"][:3]
    assert magref("search", "sleep", "--limit", "-1").code == 2


def test_common_words_do_not_decide_a_faq_match(magref: Run) -> None:
    items = as_json(magref, "faq", "when", "to", "take", "it")["items"]
    assert items[0]["id"] == "best-time-of-day"
    assert all("kidney" not in item["id"] for item in items)


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["info", "mag citrate vs oxide"], "magref compare citrate oxide"),
        (["evidence", "sleep and anxiety"], "(sleep, anxiety): name one"),
        (["info", "which magnesium is best"], 'magref search "which magnesium is best"'),
    ],
)
def test_a_miss_says_what_to_do_next(magref: Run, args: list[str], hint: str) -> None:
    result = magref(*args)
    assert result.code == 1, result
    assert hint in result.stderr


def test_words_around_a_name_that_name_nothing_are_refused_and_the_name_is_said(magref: Run) -> None:
    result = magref("cautions", "I have kidney stones")
    assert result.code == 1, result
    assert "no condition named 'stones'" in result.stderr
    assert "only 'kidney' is listed" in result.stderr and "not evidence of safety" in result.stderr


def test_info_works_its_example_out_for_an_amount_given_with_the_name(magref: Run) -> None:
    """'magnesium oxide 400 mg', as a label prints it: the 400 mg is read, not dropped."""
    from magref import dataset, lookup

    document = lookup.info(dataset.load(), "Magnesium Oxide 400 Mg").document
    assert document.id == "oxide"
    assert document.example.compound_mg == 400
    assert round(document.example.elemental_mg) == 241
    assert lookup.info(dataset.load(), "oxide").document.example.compound_mg == lookup.EXAMPLE_COMPOUND_MG
    result = magref("info", "magnesium", "gluconate", "1", "g")
    assert result.code == 0, result
    assert "1000 mg of magnesium gluconate" in " ".join(result.stdout.split())
