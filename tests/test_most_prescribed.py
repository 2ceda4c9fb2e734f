"""The most-prescribed medicines (issue 24): each new status, through the core and the CLI.

A medicine moved to ``checked-none`` answers with the checked wording and names what was read;
it stays apart from a medicine that is still not checked. A medicine found to interact sits in its
class with the source that names it. The coverage lists' counts may only move towards checked.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml

from magref import check, dataset, interactions
from magref.catalog import Catalog
from magref.check import Medicine, Person
from magref.model import Source
from magref.render.phrases import source_name

from .conftest import BUNDLED, Run

COVERAGE = BUNDLED / "coverage"

#: Each medicine moved to checked-none: the name typed, the medicine's name, the source's id and
#: the words the answer names it by.
CHECKED: list[tuple[str, str, str, str]] = [
    ("amlodipine", "amlodipine", "mims-amnoz-interactions", "MIMS Malaysia"),
    ("meloxicam", "meloxicam", "turck-meloxicam-1996", "Türck et al., Br J Rheumatol, 1996"),
    (
        "sildenafil",
        "sildenafil",
        "wilner-sildenafil-antacid-2002",
        "Wilner et al., Br J Clin Pharmacol, 2002",
    ),
    (
        "amoxicillin",
        "amoxicillin",
        "deppermann-antibiotics-antacid-1989",
        "Deppermann et al., Antimicrob Agents Chemother, 1989",
    ),
    (
        "AMOXICILLIN-CLAVULANATE",
        "amoxicillin-clavulanate",
        "deppermann-antibiotics-antacid-1989",
        "Deppermann et al., Antimicrob Agents Chemother, 1989",
    ),
    ("cefalexin", "cephalexin", "deppermann-antibiotics-antacid-1989", "Deppermann et al."),
    ("famotidine", "famotidine", "zhai-famotidine-2008", "Zhai et al., Arzneimittelforschung, 2008"),
    ("montelukast", "montelukast", "mims-monarin-interactions", "MIMS Indonesia"),
    ("tamsulosin", "tamsulosin", "smpc-tamsulosin-emc-5277", "electronic medicines compendium (emc), UK"),
    ("pregabalin", "pregabalin", "label-lyrica-cr-interactions", "Pfizer (medical information site"),
    ("oseltamivir", "oseltamivir", "snell-oseltamivir-antacids-2002", "Snell et al., Br J Clin Pharmacol"),
]

#: Each medicine found to interact: name, class, severity, which products, and its own source.
FOUND: list[tuple[str, str, str, str, str]] = [
    ("aspirin", "salicylates-alkaline-urine", "minor", "antacids-laxatives", "emc-magnesium-hydroxide"),
    ("ibuprofen", "nsaid-absorption-raised", "minor", "antacids-laxatives", "mims-magnesium-hydroxide"),
    (
        "glipizide",
        "sulfonylureas-absorption-raised",
        "moderate",
        "antacids-laxatives",
        "neuvonen-antacid-absorption-1994",
    ),
    (
        "glibenclamide",
        "sulfonylureas-absorption-raised",
        "moderate",
        "antacids-laxatives",
        "neuvonen-antacid-absorption-1994",
    ),
    (
        "prednisone",
        "other-absorption-lowered",
        "moderate",
        "antacids-laxatives",
        "uribe-prednisone-antacids-1981",
    ),
    ("dexamethasone", "other-absorption-lowered", "moderate", "any-magnesium", "mims-magnesium-hydroxide"),
]


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


def coverage(name: str) -> list[str]:
    listed: dict[str, Any] = yaml.safe_load((COVERAGE / name).read_text(encoding="utf-8"))
    return [row["name"] for row in listed["medicines"]]


# -- checked, no interaction found ------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "name", "source", "words"), CHECKED, ids=[row[0] for row in CHECKED])
def test_a_newly_checked_medicine_says_checked_and_names_its_source(
    magref: Run, typed: str, name: str, source: str, words: str
) -> None:
    result = magref("interactions", typed)
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert f"{name}: checked, no interaction found" in text
    assert f"no interaction found in {words}" in text
    assert "this does not prove none exists" in text
    assert f"[{source}" in text or f" {source}]" in text or f", {source}," in text
    assert "not checked: magref has not checked" not in text
    assert "Checked on: 2026-12-03" in text


@pytest.mark.parametrize(("typed", "name", "source", "words"), CHECKED, ids=[row[0] for row in CHECKED])
def test_a_newly_checked_medicine_has_its_status_in_the_core_and_the_json(
    data: Catalog, magref: Run, typed: str, name: str, source: str, words: str
) -> None:
    assert interactions.status_of(data, typed) == "checked-none"
    (medicine,) = [m for m in data.medicines if m.name == name]
    assert medicine.status == "checked-none" and medicine.checked == "2026-12-03"
    assert source in medicine.sources
    assert medicine.note is not None and "Not checked" in medicine.note
    document = magref("interactions", typed, "--json").json
    (row,) = document["statuses"]
    assert (row["name"], row["status"]) == (name, "checked-none")
    assert "this does not prove none exists" in row["message"]
    assert document["matches"] == [] and document["unmatched"] == []


@pytest.mark.parametrize("name", ["tadalafil", "lisinopril", "metformin", "atorvastatin"])
def test_a_medicine_still_not_checked_stays_apart_from_the_checked_ones(magref: Run, name: str) -> None:
    result = magref("interactions", name)
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert f"{name}: not checked" in text
    assert "checked, no interaction found" not in text
    assert magref("interactions", name, "--json").json["statuses"][0]["status"] == "not-checked"


def test_check_notes_a_checked_medicine_and_flags_one_not_checked(data: Catalog) -> None:
    report = check.check(data, Person(age=60), drugs=[Medicine("amlodipine"), Medicine("tadalafil")])
    codes = {flag.subject: flag.code for flag in report.flags if flag.subject in {"amlodipine", "tadalafil"}}
    assert codes == {"amlodipine": "medicine-checked-none", "tadalafil": "medicine-not-checked"}
    assert "mims-amnoz-interactions" in [source.id for source in report.sources]


def test_families_list_the_checked_members_apart_from_the_rest(magref: Run) -> None:
    (family,) = magref("interactions", "penicillin", "--json").json["families"]
    statuses = {m["name"]: m["status"] for m in family["members"]}
    assert statuses["amoxicillin"] == statuses["cephalexin"] == "checked-none"
    assert statuses["cefaclor"] == "interaction"  # a cephalosporin that magnesium does affect
    (family,) = magref("interactions", "erectile dysfunction medicine", "--json").json["families"]
    statuses = {m["name"]: m["status"] for m in family["members"]}
    assert statuses == {"sildenafil": "checked-none", "tadalafil": "not-checked"}
    text = " ".join(magref("interactions", "painkiller").stdout.split())
    assert "Checked, none found: meloxicam" in text
    assert "ibuprofen" in text and "aspirin" in text


# -- interactions found ------------------------------------------------------------------------------


FOUND_ROW = ("name", "class_id", "severity", "concerns", "source")


@pytest.mark.parametrize(FOUND_ROW, FOUND, ids=[r[0] for r in FOUND])
def test_a_medicine_found_to_interact_sits_in_its_class_with_its_source(
    data: Catalog, magref: Run, name: str, class_id: str, severity: str, concerns: str, source: str
) -> None:
    assert interactions.status_of(data, name) == "interaction"
    group = next(g for g in data.interactions if g.id == class_id)
    drug = next(d for d in group.drugs if name in (d.name, *d.aliases))
    assert source in [*drug.sources, *group.sources]
    assert drug.note is None or drug.sources, name
    result = magref("interactions", name, "--json")
    assert result.code == 0, result
    (match,) = result.json["matches"]
    assert (match["class_id"], match["severity"]) == (class_id, severity)
    assert (drug.concerns or group.concerns) == concerns


def test_urine_interactions_say_timing_does_not_help(magref: Run) -> None:
    for name in ("aspirin",):
        text = " ".join(magref("interactions", name).stdout.split())
        assert "Timing does not help" in text
        assert "not necessarily a magnesium supplement" in text


def test_ibuprofen_names_no_gap_and_an_oral_steroid_takes_the_class_gap(magref: Run) -> None:
    text = " ".join(magref("interactions", "ibuprofen").stdout.split())
    assert "No gap is named" in text
    steroid = magref("interactions", "prednisone", "--json").json["matches"][0]
    assert steroid["class_id"] == "other-absorption-lowered"
    text = " ".join(magref("interactions", "prednisone").stdout.split())
    assert "74%" in text and "57%" in text


# -- the coverage lists ------------------------------------------------------------------------------


def test_the_us_list_counts_moved_towards_checked(data: Catalog) -> None:
    counts = Counter(interactions.status_of(data, name) for name in coverage("us-most-prescribed.yaml"))
    # before this pass: 28 interaction, 1 checked-none, 167 not checked
    assert counts["interaction"] >= 33
    assert counts["checked-none"] >= 12
    assert counts["not-checked"] <= 151
    assert sum(counts.values()) == 196


def test_the_england_list_is_the_whole_top_ten(data: Catalog) -> None:
    names = coverage("england-most-dispensed.yaml")
    assert len(names) == 10 and names[4] == "Lansoprazole"
    assert interactions.status_of(data, "Lansoprazole") == "interaction"
    assert interactions.status_of(data, "Amlodipine") == "checked-none"


# -- how a paper is named --------------------------------------------------------------------------------


def test_a_paper_is_named_by_its_first_author_and_journal() -> None:
    journal = "J Test 2001;1:2"
    paper = Source(id="p", title="A long title", authors="Smith AB, Jones C", publication=journal, year=2001)
    assert source_name(paper) == "Smith et al., J Test, 2001"
    alone = Source(id="q", title="A long title", authors="Smith AB", publication=journal, year=2001)
    assert source_name(alone) == "Smith, J Test, 2001"
    page = Source(id="r", title="A page", organisation="NHS")
    assert source_name(page) == "NHS"
    untitled = Source(id="s", title="Only a title", year=1999)
    assert source_name(untitled) == "Only a title, 1999"


@pytest.mark.parametrize("name", ["ibuprofen", "glipizide", "mefenamic acid", "tolbutamide"])
def test_a_medicine_absorbed_more_is_never_said_to_be_absorbed_less(magref: Run, name: str) -> None:
    document = magref("interactions", name, "--json").json
    (match,) = document["matches"]
    assert match["mechanism_kinds"] == ["stomach-ph"]
    text = " ".join(magref("interactions", name, env={"COLUMNS": "200"}).stdout.split())
    assert "magnesium lowers how much" not in text
    assert "absorbed faster" in text
