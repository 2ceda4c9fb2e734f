"""Supplements people take with magnesium: zinc, iron, vitamin D, calcium, potassium, melatonin,
creatine and multivitamins, each with what its sources say, through the core and the CLI."""

from __future__ import annotations

from functools import cache

import pytest

from magref import dataset, interactions, lookup, search
from magref.catalog import Catalog
from magref.model import Spacing
from magref.render.phrases import NO_GAP_NAMED, spacing_rule

from .conftest import Run


@cache
def data() -> Catalog:
    return dataset.load(use_cache=False)


def classes_of(query: str) -> list[str]:
    return [m.group.id for m in interactions.match(data(), [query]).matches]


# -- Vitamin D: the supplement, not the active vitamin D medicines ---------------------------------


@pytest.mark.parametrize(
    ("query", "drug"),
    [
        ("vitamin d3", "cholecalciferol"),
        ("Vitamin D3 1000 IU", "cholecalciferol"),
        ("colecalciferol", "cholecalciferol"),
        ("cholecalciferol", "cholecalciferol"),
        ("vitamin d2", "ergocalciferol"),
        ("ergocalciferol", "ergocalciferol"),
        ("D3", "cholecalciferol"),
    ],
)
def test_vitamin_d_supplements_resolve_to_their_own_entry(query: str, drug: str) -> None:
    found = interactions.match(data(), [query])
    assert [m.group.id for m in found.matches] == ["vitamin-d-supplements"]
    assert [d.name for d in found.matches[0].drugs] == [drug]
    assert found.matches[0].group.severity == "minor"


ACTIVE_NAMES = ["calcitriol", "Rocaltrol", "active vitamin d", "vitamin d analogue"]


@pytest.mark.parametrize("query", ACTIVE_NAMES)
def test_active_vitamin_d_medicines_keep_their_major_warning(query: str) -> None:
    assert classes_of(query) == ["active-vitamin-d"]


def test_plain_vitamin_d_never_lands_on_the_dialysis_warning() -> None:
    for query in ("vitamin d", "vitamin d3", "can i take vitamin d with magnesium", "d3 and magnesium"):
        assert "active-vitamin-d" not in classes_of(query), query


def test_the_vitamin_d_entry_is_sourced_and_names_no_gap() -> None:
    group = next(g for g in data().interactions if g.id == "vitamin-d-supplements")
    sources = {s.id for s in data().sources}
    assert set(group.sources) <= sources
    assert {"uwitonze-2018", "iom-2006-magnesium"} <= set(group.sources)
    assert group.spacing is not None
    assert (group.spacing.hours_before, group.spacing.hours_after) == (0, 0)
    assert "calcitriol" in group.management


def test_no_hours_either_side_reads_as_no_gap_named() -> None:
    assert spacing_rule(Spacing(hours_before=0, hours_after=0, sources=["ods-hp"])) == NO_GAP_NAMED
    two = spacing_rule(Spacing(hours_before=2, hours_after=0, sources=["ods-hp"]))
    assert two == "Take the medicine at least 2 h before magnesium, or at least 0 h after it."


def test_interactions_vitamin_d3_in_text(magref: Run) -> None:
    result = magref("interactions", "vitamin d3")
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert "Vitamin D supplements (D3 and D2; nutrient interaction): minor" in text
    assert NO_GAP_NAMED in text
    assert "not the active vitamin D medicine calcitriol (Rocaltrol)" in text
    assert "[iom-2006-magnesium, uwitonze-2018]" in text
    assert "major" not in text.replace("carries a major warning", "")


def test_interactions_vitamin_d3_in_json(magref: Run) -> None:
    result = magref("interactions", "vitamin", "d3", "--json")
    assert result.code == 0, result
    (match,) = result.json["matches"]
    assert match["class_id"] == "vitamin-d-supplements"
    assert match["severity"] == "minor"
    assert match["spacing"]["hours_before"] == 0 and match["spacing"]["hours_after"] == 0
    assert [d["name"] for d in match["drugs"]] == ["cholecalciferol"]
    assert result.json["unmatched"] == []


def test_a_plan_with_vitamin_d_keeps_the_whole_day_open(magref: Run) -> None:
    result = magref("plan", "vitamin d3@08:00", "--json")
    assert result.code == 0, result
    assert result.json["windows"][0]["start"] == "00:00"


def test_a_check_with_vitamin_d_is_a_note_not_a_question_for_the_doctor(magref: Run) -> None:
    result = magref("check", "--age", "60", "--drug", "vitamin d3", "--json")
    assert result.code == 0, result
    assert [m["class_id"] for m in result.json["interactions"]] == ["vitamin-d-supplements"]
    assert not [f for f in result.json["flags"] if f["level"] == "ask" and "vitamin" in f["message"].lower()]


# -- Zinc: plain doses and high doses -----------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["zinc", "zinc gluconate", "zinc picolinate", "zinc sulphate", "high-dose zinc"]
)
def test_zinc_by_any_common_name(query: str) -> None:
    assert classes_of(query) == ["high-dose-zinc"]


def test_interactions_zinc_says_what_plain_and_high_doses_do(magref: Run) -> None:
    text = " ".join(magref("interactions", "zinc").stdout.split())
    assert "142 mg of zinc a day" in text
    assert "ordinary zinc supplements and multivitamins, no effect on magnesium is named" in text
    assert "spencer-zinc-1994" in text
    found = magref("interactions", "zinc", "--json").json
    (match,) = found["matches"]
    assert match["severity"] == "minor"
    assert match["spacing"] is None
    assert "spencer-zinc-1994" in match["sources"]


# -- Iron: magnesium lowers its absorption, with the iron medicine's own gap -----------------------


@pytest.mark.parametrize(
    "query", ["iron", "iron tablets", "ferrous sulfate", "ferrous fumarate", "iron supplement"]
)
def test_iron_by_any_common_name(query: str) -> None:
    found = interactions.match(data(), [query])
    assert [m.group.id for m in found.matches] == ["other-absorption-lowered"]
    assert [d.name for d in found.matches[0].drugs] == ["iron"]
    assert found.unmatched == []


def test_interactions_iron_gives_the_gap_and_the_iron_label(magref: Run) -> None:
    text = " ".join(magref("interactions", "iron").stdout.split())
    assert "at least 2 hours between them" in text
    assert "Take the medicine at least 3 h before magnesium, or at least 3 h after it." in text
    found = magref("interactions", "iron", "--json").json
    (drug,) = found["matches"][0]["drugs"]
    assert {"smpc-oral-iron-emc", "emc-magnesium-hydroxide"} <= set(drug["sources"])
    assert found["matches"][0]["spacing"]["hours_before"] == 3


# -- Questions: calcium, potassium, melatonin, creatine, multivitamins ------------------------------


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("melatonin", "other-supplements"),
        ("creatine", "other-supplements"),
        ("potassium", "other-supplements"),
        ("multivitamin", "other-supplements"),
        ("can i take vitamin d3 with magnesium", "other-supplements"),
        ("calcium", "calcium-zinc-iron"),
    ],
)
def test_each_supplement_has_an_answer(query: str, answer: str) -> None:
    assert next(item.id for item in lookup.faq_answers(data(), query)) == answer


def test_faq_melatonin_in_text_and_json(magref: Run) -> None:
    text = " ".join(magref("faq", "melatonin").stdout.split())
    assert "Can I take magnesium with vitamin D, potassium, melatonin, creatine or a multivitamin?" in text
    assert "does not include magnesium" in text
    assert "nhs-melatonin-interactions" in text
    items = magref("faq", "melatonin", "--json").json["items"]
    assert items[0]["id"] == "other-supplements"
    wanted = {"nhs-melatonin-interactions", "mayo-creatine-safety", "fao-who-magnesium"}
    assert wanted <= set(items[0]["sources"])


def test_the_supplement_answers_cite_only_listed_sources() -> None:
    sources = {s.id for s in data().sources}
    for item in data().faq:
        if item.id in {"other-supplements", "calcium-zinc-iron"}:
            assert set(item.sources) <= sources
            assert "no interaction" not in item.answer.lower() or "named" in item.answer


def test_search_for_vitamin_d_with_magnesium(magref: Run) -> None:
    hits = search.search(data(), "can i take magnesium and vitamin d together").hits
    assert (hits[0].kind, hits[0].id) == ("interaction", "vitamin-d-supplements")
    assert ("faq", "other-supplements") in [(h.kind, h.id) for h in hits[:3]]
    result = magref("search", "can", "i", "take", "magnesium", "and", "vitamin", "d", "together", "--json")
    assert result.code == 0, result
    assert result.json["hits"][0]["id"] == "vitamin-d-supplements"


def test_melatonin_is_checked_with_none_found_not_an_interaction_class(magref: Run) -> None:
    """No interaction class is made up for melatonin: it is checked, none found, with its source."""
    result = magref("interactions", "melatonin", "--json")
    assert result.code == 0, result
    assert result.json["matches"] == []
    (status,) = result.json["statuses"]
    assert status["status"] == "checked-none"
    assert result.json["medicines"][0]["sources"] == ["nhs-melatonin-interactions"]
    text = " ".join(magref("interactions", "melatonin").stdout.split())
    assert "Checked: no interaction found in NHS; this does not prove none exists." in text
