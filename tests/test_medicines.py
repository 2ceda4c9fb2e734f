"""Medicines in no interaction class: checked with no interaction found, or not checked; families.

A medicine whose sources were read and name no interaction is shown as checked, with the sources
and the words "this does not prove none exists"; it is never shown as safe, and a check does not
flag it as not listed. The coverage lists (the most-prescribed medicines in the US and England)
each resolve to one of the three statuses.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from magref import check, dataset, interactions, plan
from magref.catalog import Catalog
from magref.check import Medicine, Person
from magref.errors import DatasetError

from .conftest import BUNDLED, Run

STATUSES = {"interaction", "checked-none", "not-checked"}
COVERAGE = BUNDLED / "coverage"


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


def coverage(name: str) -> list[str]:
    listed: dict[str, Any] = yaml.safe_load((COVERAGE / name).read_text(encoding="utf-8"))
    assert listed["source"]["url"].startswith("https://")
    return [row["name"] for row in listed["medicines"]]


# -- the coverage lists -----------------------------------------------------------------------------


def test_every_medicine_on_the_us_list_has_one_status(data: Catalog) -> None:
    names = coverage("us-most-prescribed.yaml")
    assert len(names) == 196  # every drug AHRQ's 2022 table prints
    counts = Counter(interactions.status_of(data, name) for name in names)
    assert set(counts) <= STATUSES
    assert sum(counts.values()) == len(names)
    print(f"\nUS (AHRQ MEPS 2022, {len(names)} drugs): {dict(counts)}")
    # The most-prescribed classes the dataset holds are found by their medicines.
    for name, status in (
        ("ATORVASTATIN", "not-checked"),
        ("OMEPRAZOLE", "interaction"),
        ("LEVOTHYROXINE", "interaction"),
        ("APIXABAN", "checked-none"),
        ("LISINOPRIL", "not-checked"),
        ("AMPHETAMINE-DEXTROAMPHETAMINE", "interaction"),  # both labels, read in copies (medlabels)
        ("FERROUS SULFATE", "interaction"),
    ):
        assert interactions.status_of(data, name) == status, name
    assert counts["interaction"] >= 20
    assert counts["checked-none"] >= 1


def test_every_medicine_on_the_england_list_has_one_status(data: Catalog) -> None:
    names = coverage("england-most-dispensed.yaml")
    assert names[0] == "Atorvastatin"
    counts = Counter(interactions.status_of(data, name) for name in names)
    assert set(counts) <= STATUSES
    assert sum(counts.values()) == len(names) == 10  # the whole top ten, lansoprazole read since
    print(f"\nEngland (NHSBSA PCA 2021/22, the top {len(names)}): {dict(counts)}")
    assert interactions.status_of(data, "Levothyroxine sodium") == "interaction"
    assert interactions.status_of(data, "Ramipril") == "not-checked"


@pytest.mark.parametrize(
    ("typed", "medicine", "family"),
    [
        ("ACETAMINOPHEN-HYDROCODONE", "acetaminophen", "Opioid painkillers"),
        ("paracetamol 500 mg", "acetaminophen", "Other pain relievers"),
        ("Salbutamol", "albuterol", "Asthma and COPD"),
        ("FLUTICASONE NASAL", "fluticasone", "Corticosteroids"),
        ("PENICILLIN V POTASSIUM", "penicillin v", "Penicillin"),
        ("INSULIN GLARGINE", "insulin glargine", "Diabetes medicines"),
    ],
)
def test_an_everyday_medicine_answers_not_checked_with_its_family(
    magref: Run, typed: str, medicine: str, family: str
) -> None:
    result = magref("interactions", typed, "--json")
    assert result.code == 0, result.stderr
    text = result.stdout
    assert f'"{medicine}"' in text and family in text
    assert '"not-checked"' in text and '"checked-none"' not in text


def test_everyday_words_for_hormones_and_insulin_list_their_family(magref: Run) -> None:
    for words, member in (("birth control", "levonorgestrel"), ("insulin", "insulin glargine")):
        result = magref("interactions", words)
        assert result.code == 0, result.stderr
        assert member in result.stdout and "Not checked" in result.stdout


def test_a_combination_takes_the_status_of_a_part_that_interacts(data: Catalog) -> None:
    assert interactions.status_of(data, "apixaban") == "checked-none"
    assert interactions.status_of(data, "apixaban and ciprofloxacin") == "interaction"
    # a word the dataset does not hold leaves the whole not checked
    assert interactions.status_of(data, "apixaban-zorblatide") == "not-checked"
    assert interactions.status_of(data, "zorblatide") == "not-checked"
    # a class word alone names no medicine; a route other than by mouth leaves a gut rule unchecked
    assert interactions.status_of(data, "thyroid desiccated") == "not-checked"
    assert interactions.status_of(data, "ofloxacin ophthalmic") == "not-checked"
    assert interactions.status_of(data, "ofloxacin") == "interaction"


# -- interactions ---------------------------------------------------------------------------------------


def test_a_checked_medicine_says_checked_with_its_sources_and_never_safe(magref: Run) -> None:
    result = magref("interactions", "Eliquis")
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert "apixaban: checked, no interaction found" in text
    assert "no interaction found in RELIS" in text
    assert "this does not prove none exists" in text
    assert "[relis-apixaban-magnesium]" in text
    assert "safe" not in text.lower().replace("not evidence of safety", "")


def test_a_checked_medicine_has_its_own_json(magref: Run) -> None:
    result = magref("interactions", "Eliquis", "--json")
    assert result.code == 0, result
    document = result.json
    assert document["matches"] == []
    assert document["unmatched"] == []
    (row,) = document["statuses"]
    assert row["status"] == "checked-none" and row["name"] == "apixaban" and row["query"] == "eliquis"
    assert "this does not prove none exists" in row["message"]
    (medicine,) = document["medicines"]
    assert medicine["family"] == "blood-thinners"
    assert medicine["brands"] == ["Eliquis"]
    assert medicine["matched"]["via"] == "brand"
    assert medicine["checked"] == "2026-12-03"
    assert medicine["sources"] == ["relis-apixaban-magnesium"]


#: The brand-naming pages of the not-checked medicines the test below asks about.
BRAND_SOURCES = {
    "lisinopril": ["fda-ndc-zestril"],
    "warfarin": ["fda-ndc-jantoven", "emc-marevan"],
    "metformin": ["fda-ndc-glumetza", "fda-ndc-riomet", "healthdirect-diabex", "nps-diaformin-xr"],
}


@pytest.mark.parametrize("name", ["lisinopril", "warfarin", "metformin"])
def test_a_medicine_not_checked_answers_with_its_family_and_says_not_checked(magref: Run, name: str) -> None:
    result = magref("interactions", name)
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert f"{name}: not checked" in text
    assert "Not being checked is not evidence of safety" in text
    assert "Family:" in text
    data = magref("interactions", name, "--json")
    assert data.code == 0, data
    (row,) = data.json["statuses"]
    assert (row["name"], row["status"]) == (name, "not-checked")
    # A not-checked medicine lists only the pages that name its brands, never one read for magnesium.
    assert data.json["medicines"][0]["sources"] == BRAND_SOURCES.get(name, [])
    assert data.json["medicines"][0]["checked"] is None


def test_a_list_of_everyday_medicines_answers_each_with_its_status(magref: Run) -> None:
    # These named nothing before medicines.yaml (the list was reported item by item as not listed).
    result = magref("interactions", "metformin 500 mg bid, lisinopril 10mg, atorvastatin 20mg qhs", "--json")
    assert result.code == 0, result
    rows = [(row["name"], row["status"]) for row in result.json["statuses"]]
    assert rows == [(name, "not-checked") for name in ("metformin", "lisinopril", "atorvastatin")]
    assert result.json["unmatched"] == []
    found = magref("interactions", "I'm on Eliquis, Humira and Synthroid", "--json").json
    assert found["unmatched"] == ["humira"]
    assert [m["class_id"] for m in found["matches"]] == ["levothyroxine"]
    assert {row["name"]: row["status"] for row in found["statuses"]} == {
        "levothyroxine": "interaction",
        "apixaban": "checked-none",
        None: "not-checked",
    }


def test_a_medicine_in_a_class_has_the_interaction_status(magref: Run) -> None:
    result = magref("interactions", "Lasix", "--json")
    (row,) = result.json["statuses"]
    assert (row["name"], row["status"], row["class_ids"]) == ("furosemide", "interaction", ["loop-diuretics"])


def test_words_the_dataset_does_not_hold_stay_not_listed(magref: Run) -> None:
    result = magref("interactions", "zorblatide")
    assert result.code == 1
    assert "not in magref's dataset" in result.stderr
    document = magref("interactions", "zorblatide", "--json")
    assert document.code == 1
    assert document.json["statuses"] == [
        {
            "query": "zorblatide",
            "name": None,
            "status": "not-checked",
            "class_ids": [],
            "message": document.json["statuses"][0]["message"],
        }
    ]
    assert "not checked" in document.json["statuses"][0]["message"]


def test_blood_thinner_lists_the_family_by_status(magref: Run) -> None:
    result = magref("interactions", "blood", "thinners")
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert "Blood thinners (anticoagulants and antiplatelet medicines): what magref holds" in text
    assert "Checked, none found: apixaban" in text
    assert "warfarin" in text and "Not checked:" in text
    assert "any other medicine of this family has not been checked" in text
    (family,) = magref("interactions", "blood thinner", "--json").json["families"]
    statuses = {m["name"]: m["status"] for m in family["members"]}
    assert statuses["apixaban"] == "checked-none"
    assert statuses["warfarin"] == "not-checked"


def test_a_class_named_by_its_members_lists_them_and_the_rest_of_the_family(magref: Run) -> None:
    document = magref("interactions", "ace inhibitor", "--json").json
    assert [m["class_id"] for m in document["matches"]] == ["other-absorption-lowered"]
    (family,) = document["families"]
    members = {m["name"]: m for m in family["members"]}
    for name in ("captopril", "enalapril", "fosinopril"):
        assert members[name]["status"] == "interaction"
        assert members[name]["class_id"] == "other-absorption-lowered"
    assert members["lisinopril"]["status"] == "not-checked"
    assert members["ramipril"]["status"] == "not-checked"


@pytest.mark.parametrize(
    ("words", "family", "member"),
    [
        ("statin", "statins", "rosuvastatin"),
        ("water pill", None, None),
        ("beta blocker", "beta-blockers", "sotalol"),
        ("diabetes medicine", "diabetes-medicines", "metformin"),
        ("antidepressant", "antidepressants", "sertraline"),
        ("blood pressure pill", "blood-pressure-medicines", "lisinopril"),
        ("painkiller", "nsaids", "naproxen"),
        ("allergy medicine", "antihistamines", "cetirizine"),
    ],
)
def test_everyday_class_words_list_the_family(
    magref: Run, words: str, family: str | None, member: str
) -> None:
    result = magref("interactions", words, "--json")
    assert result.code == 0, result
    document = result.json
    if family is None:  # the diuretic classes answer it, as before
        assert {"loop-diuretics", "thiazide-diuretics"} <= {m["class_id"] for m in document["matches"]}
        return
    (found,) = [f for f in document["families"] if f["id"] == family]
    assert member in {m["name"] for m in found["members"]}


def test_blood_pressure_medicines_include_the_families_within(data: Catalog) -> None:
    family = next(f for f in data.families if f.id == "blood-pressure-medicines")
    members = {m.name: m.status for m in interactions.members(data, family, "blood pressure pill").members}
    assert members["captopril"] == "interaction"
    assert members["hydrochlorothiazide"] == "interaction"
    assert members["amlodipine"] == "checked-none"  # checked since (an antacid study in its label)
    assert members["diltiazem"] == "not-checked"
    assert members["losartan"] == "not-checked"
    assert members["metoprolol"] == "not-checked"


# -- check and plan ---------------------------------------------------------------------------------------


def test_check_does_not_flag_a_checked_medicine_as_not_listed(data: Catalog) -> None:
    report = check.check(data, Person(age=70), drugs=[Medicine("Eliquis")])
    codes = [flag.code for flag in report.flags]
    assert "medicine-not-listed" not in codes
    (flag,) = [flag for flag in report.flags if flag.code == "medicine-checked-none"]
    assert flag.level == "note" and flag.subject == "apixaban"
    assert "relis-apixaban-magnesium" in [source.id for source in report.sources]


def test_check_shows_the_checked_wording_and_keeps_not_checked_for_the_rest(magref: Run) -> None:
    drugs = ["--drug", "Eliquis", "--drug", "zorblatide", "--drug", "lisinopril"]
    result = magref("check", "70", *drugs, "--json")
    assert result.code == 0, result
    flags = {flag["subject"]: flag for flag in result.json["flags"]}
    assert flags["apixaban"]["code"] == "medicine-checked-none"
    assert "checked: no interaction found in RELIS" in flags["apixaban"]["message"]
    assert "this does not prove none exists" in flags["apixaban"]["message"]
    assert flags["zorblatide"]["code"] == "medicine-not-listed"
    assert "not in magref's dataset" in flags["zorblatide"]["message"]
    assert flags["lisinopril"]["code"] == "medicine-not-checked"
    assert "not checked" in flags["lisinopril"]["message"]
    unknown = {row["name"] for row in result.json["unknown"] if row["kind"] == "medicine"}
    assert unknown == {"zorblatide"}  # lisinopril is held (not checked): flagged so, not unknown
    text = " ".join(magref("check", "70", "--drug", "Eliquis").stdout.split())
    assert "NOTE: apixaban: checked: no interaction found in RELIS" in text
    assert "Not in the dataset" not in text


def test_plan_applies_no_gap_for_a_checked_medicine_and_says_why(data: Catalog, magref: Run) -> None:
    made = plan.make_plan(data, [plan.DoseRequest("Eliquis", 8 * 60), plan.DoseRequest("cipro", 9 * 60)])
    assert [dose.drug for dose in made.doses] == ["ciprofloxacin"]
    assert made.unmatched == []
    (note,) = [note for note in made.notes if note.code == "checked-none"]
    assert note.medicines == ["apixaban"]
    result = magref("plan", "apixaban@8am")
    assert result.code == 0, result
    text = " ".join(result.stdout.split())
    assert "apixaban: checked: no interaction found in RELIS" in text
    assert "No gap was applied for it" in text
    missing = magref("plan", "zorblatide@8am")
    assert missing.code == 1


# -- the data's rules ----------------------------------------------------------------------------------


def edited(data_copy: Path, old: str, new: str) -> Path:
    path = data_copy / "medicines.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data_copy


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    sources: [relis-apixaban-magnesium]\n",
            "",
            "a checked medicine needs the sources that were read",
        ),
        ('    checked: "2026-12-03"\n', "", "a checked medicine needs the date it was checked"),
        (
            "{id: warfarin, name: warfarin,",
            "{id: warfarin, name: furosemide,",
            "'furosemide' is already a medicine in interactions",
        ),
        ("family: statins, status", "family: statinz, status", "no family with id 'statinz'"),
        (
            "drugs: [rosuvastatin]",
            "drugs: [rosuvastatinn]",
            "'rosuvastatinn' is not a medicine in interactions",
        ),
        (
            "{id: lovastatin, name: lovastatin, family: statins, status: not-checked}",
            '{id: lovastatin, name: lovastatin, family: statins, status: not-checked, checked: "2026-01-01"}',
            "a medicine not checked has no date checked",
        ),
        ("status: checked-none", "status: safe", "safe"),
    ],
)
def test_the_medicines_data_is_validated(data_copy: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(DatasetError) as error:
        dataset.load(edited(data_copy, old, new), use_cache=False)
    problems = [str(problem) for problem in error.value.problems]
    assert any(message in problem for problem in problems), problems
