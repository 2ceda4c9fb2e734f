"""The coverage lists (issue 24): every name on every list in data/coverage is held by magref.

Each list is read from data/: AHRQ's MEPS table (196 drugs), ClinCalc's Top 300 of 2023, the
NHSBSA's top ten for England in two years and Australian Prescriber's top ten drugs of 2022-23
(three tables). Every name resolves, through the core, to a medicine or
an interaction class that magref holds, with one of the three statuses, and leaves no word unread;
a sample of them, and each kind of name (a combination, a route, a UK spelling), answers the same
through `magref interactions NAME --json`. A row magref cannot check on its own names how it is
read (``held_as``). A medicine added only so that its name is known says it was not checked.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml

from magref import dataset, interactions
from magref.catalog import Catalog

from .conftest import BUNDLED, Run

STATUSES = {"interaction", "checked-none", "not-checked"}
COVERAGE = BUNDLED / "coverage"
LISTS = sorted(path.name for path in COVERAGE.glob("*.yaml"))


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


def rows(name: str) -> list[dict[str, Any]]:
    listed: dict[str, Any] = yaml.safe_load((COVERAGE / name).read_text(encoding="utf-8"))
    assert listed["source"]["url"].startswith("https://")
    found: list[dict[str, Any]] = listed["medicines"]
    return found


def names(name: str) -> list[str]:
    return [row["name"] for row in rows(name) if "held_as" not in row]


def test_the_lists_are_the_five_read() -> None:
    assert LISTS == [
        "australia-top-10-2022-23.yaml",
        "england-most-dispensed-2025-26.yaml",
        "england-most-dispensed.yaml",
        "us-most-prescribed.yaml",
        "us-top-300.yaml",
    ]


def test_the_us_top_300_is_ranked_one_to_three_hundred() -> None:
    listed = rows("us-top-300.yaml")
    assert [row["rank"] for row in listed] == list(range(1, 301))
    assert len({row["name"] for row in listed}) == 300
    assert [row["name"] for row in listed[:3]] == ["Atorvastatin", "Metformin", "Levothyroxine"]
    assert listed[299]["name"] == "Loratadine; Pseudoephedrine"
    # The rows magref cannot check on their own say how they are read, and only those.
    assert {row["name"] for row in listed if "held_as" in row} == {"Magnesium Salts", "Lactate", "Calcium"}


def test_england_has_two_years_of_the_top_ten() -> None:
    older, newer = names("england-most-dispensed.yaml"), names("england-most-dispensed-2025-26.yaml")
    assert len(older) == len(newer) == 10
    assert older[0] == newer[0] == "Atorvastatin"
    assert newer[-1] == "Sertraline hydrochloride"
    assert len(set(older) | set(newer)) == 11  # the newer year adds sertraline


def test_australia_has_three_tables_of_ten() -> None:
    listed = rows("australia-top-10-2022-23.yaml")
    tables = {
        table: [row for row in listed if row["table"] == table] for table in ("prescriptions", "ddd", "cost")
    }
    assert len(listed) == 30
    for table in tables.values():
        assert [row["rank"] for row in table] == list(range(1, 11))
    assert [row["name"] for row in tables["prescriptions"][:3]] == [
        "rosuvastatin",
        "atorvastatin",
        "pantoprazole",
    ]
    assert tables["prescriptions"][0]["prescriptions"] == 16742825
    assert tables["ddd"][0]["name"] == "atorvastatin"
    assert tables["cost"][1]["name"] == "elexacaftor+tezacaftor+ivacaftor"


#: Names the Australian list writes that magref did not hold before it was added: each is a
#: medicine now, known by name and not checked.
AUSTRALIA_ADDED = [
    "perindopril",
    "molnupiravir",
    "elexacaftor",
    "tezacaftor",
    "ivacaftor",
    "aflibercept",
    "pembrolizumab",
    "nivolumab",
    "ustekinumab",
    "denosumab",
]


def test_the_medicines_added_for_australia_are_not_checked(data: Catalog) -> None:
    held = {m.name: m for m in data.medicines}
    for name in AUSTRALIA_ADDED:
        assert held[name].status == "not-checked", name
        assert held[name].checked is None
    found = interactions.resolve_medicine(data, "elexacaftor+tezacaftor+ivacaftor")
    assert [item.medicine.name for item in found.medicines] == ["elexacaftor", "tezacaftor", "ivacaftor"]


@pytest.mark.parametrize("listed", LISTS)
def test_every_name_on_a_list_is_held_with_one_status(data: Catalog, listed: str) -> None:
    unheld: list[str] = []
    counts: Counter[str] = Counter()
    for name in names(listed):
        found = interactions.resolve_medicine(data, name)
        if found.unknown or not (found.hits or found.medicines):
            unheld.append(name)
        counts[interactions.status_of(data, name)] += 1
    assert unheld == []
    assert set(counts) <= STATUSES
    print(f"\n{listed}: {len(names(listed))} names held, {dict(counts)}")


@pytest.mark.parametrize("listed", LISTS)
def test_no_listed_name_is_read_as_a_correction_of_another(data: Catalog, listed: str) -> None:
    # "Prednisolone" was read as a misspelt prednisone (an interaction), "Vitamin E" as vitamin D.
    corrected = []
    for name in names(listed):
        found = interactions.resolve_medicine(data, name)
        if any(hit.name.corrected for hit in found.hits) or any(m.name.corrected for m in found.medicines):
            corrected.append(name)
    assert corrected == []


def test_the_top_300_counts(data: Catalog) -> None:
    counts = Counter(interactions.status_of(data, name) for name in names("us-top-300.yaml"))
    assert sum(counts.values()) == 297
    # measured when the list was added: 45 interaction, 13 checked-none, 239 not checked; after the
    # amphetamine labels (medlabels): 46, 13, 238
    assert counts["interaction"] >= 46
    assert counts["checked-none"] >= 13
    assert counts["not-checked"] <= 238


def test_a_row_read_as_magnesium_is_never_given_an_interaction(data: Catalog) -> None:
    for row in rows("us-top-300.yaml"):
        if "held_as" in row:
            assert interactions.status_of(data, row["name"]) == "not-checked"
            assert "magnesium" in row["held_as"]
    assert interactions.resolve_medicine(data, "Calcium").medicines == []  # answered by its FAQ


def test_a_medicine_added_for_a_list_says_not_checked_and_cites_only_what_names_it(data: Catalog) -> None:
    listed = {name.lower() for listed in LISTS for name in names(listed)}
    added = [m for m in data.medicines if m.name in listed and m.status == "not-checked"]
    assert len(added) >= 200  # 205 when the lists were added (a combination counts by its parts)
    for medicine in added:
        assert medicine.checked is None
        for source in data.sources_by_id(medicine.sources):
            note = source.note or ""
            assert "for the brand name" in note or "for that name only" in note, (medicine.name, source.id)


#: A sample through the command line: plain names, combinations as each list joins them, a route
#: the list writes, spellings from the two countries, and a salt name.
SAMPLE: list[tuple[str, str, str]] = [
    ("Tramadol", "tramadol", "not-checked"),
    ("ALPRAZOLAM", "alprazolam", "not-checked"),
    ("Acetaminophen; Hydrocodone", "acetaminophen", "not-checked"),
    ("ACETAMINOPHEN-HYDROCODONE", "hydrocodone", "not-checked"),
    ("FLUTICASONE/UMECLIDINIUM/VILANTEROL", "umeclidinium", "not-checked"),
    ("Insulin Glargine", "insulin glargine", "not-checked"),
    ("FLUTICASONE NASAL", "fluticasone", "not-checked"),
    ("LATANOPROST OPHTHALMIC", "latanoprost", "not-checked"),
    ("Salbutamol", "albuterol", "not-checked"),
    ("Albuterol; Ipratropium", "ipratropium", "not-checked"),
    ("PENICILLIN V POTASSIUM", "penicillin v", "not-checked"),
    ("Penicillin V", "penicillin v", "not-checked"),
    ("Potassium Chloride", "potassium chloride", "not-checked"),
    ("Sacubitril; Valsartan", "sacubitril", "not-checked"),
    ("Sertraline hydrochloride", "sertraline", "not-checked"),
    ("Lansoprazole", "lansoprazole", "interaction"),
    ("Ferrous Sulfate", "ferrous sulfate", "interaction"),
    ("Cefdinir", "cefdinir", "interaction"),
    ("Amlodipine", "amlodipine", "checked-none"),
    ("Vitamin E", "vitamin e", "not-checked"),
    # Australian Prescriber's spellings and joins
    ("perindopril", "perindopril", "not-checked"),
    ("cefalexin", "cephalexin", "checked-none"),
    ("elexacaftor+tezacaftor+ivacaftor", "tezacaftor", "not-checked"),
    ("nirmatrelvir and ritonavir", "ritonavir", "not-checked"),
    ("denosumab", "denosumab", "not-checked"),
]


@pytest.mark.parametrize(("typed", "name", "status"), SAMPLE, ids=[row[0] for row in SAMPLE])
def test_a_listed_name_answers_through_the_command_line(
    magref: Run, typed: str, name: str, status: str
) -> None:
    result = magref("interactions", typed, "--json")
    assert result.code == 0, result
    document = result.json
    assert document["unmatched"] == []
    statuses = {row["name"]: row["status"] for row in document["statuses"]}
    assert None not in statuses
    assert set(statuses.values()) <= STATUSES
    if status == "interaction":
        assert any(m["class_id"] for m in document["matches"])
    else:
        assert statuses[name] == status
    text = " ".join(magref("interactions", typed).stdout.split())
    assert "not in magref's dataset" not in text


def test_a_vitamin_other_than_d_is_not_given_the_vitamin_d_class(data: Catalog) -> None:
    # "Vitamin E" read as vitamin D supplements before it was listed.
    found = interactions.resolve_medicine(data, "Vitamin E")
    assert found.hits == []
    assert [item.medicine.name for item in found.medicines] == ["vitamin e"]


def test_salbutamol_is_albuterol_with_the_page_that_says_so(magref: Run) -> None:
    document = magref("interactions", "salbutamol", "--json").json
    (medicine,) = document["medicines"]
    assert medicine["name"] == "albuterol"
    assert "fda-label-albuterol-syrup" in medicine["sources"]
    assert medicine["checked"] is None


@pytest.mark.parametrize(
    ("words", "family", "member"),
    [
        ("opioid", "opioid-painkillers", "oxycodone"),
        ("benzodiazepine", "anxiety-medicines", "alprazolam"),
        ("muscle relaxant", "muscle-relaxants", "cyclobenzaprine"),
        ("insulin", "diabetes-medicines", "insulin glargine"),
        ("contraceptive pill", "hormones-contraceptives", "norethindrone"),
        ("triptan", "migraine-medicines", "sumatriptan"),
    ],
)
def test_a_family_word_lists_the_medicines_added_for_the_lists(
    magref: Run, words: str, family: str, member: str
) -> None:
    result = magref("interactions", words, "--json")
    assert result.code == 0, result
    (found,) = [f for f in result.json["families"] if f["id"] == family]
    members = {m["name"]: m["status"] for m in found["members"]}
    assert members[member] == "not-checked"


#: The brands added for the listed medicines: each names its medicine, still not checked.
BRANDS: list[tuple[str, str]] = [
    ("Ventolin", "albuterol"),
    ("Ventolin HFA", "albuterol"),
    ("Xanax", "alprazolam"),
    ("Xanax XR", "alprazolam"),
    ("Lantus", "insulin glargine"),
    ("Seroquel", "quetiapine"),
    ("Ambien", "zolpidem"),
    ("Ambien CR", "zolpidem"),
    ("Trulicity", "dulaglutide"),
    ("Lamictal", "lamotrigine"),
    ("Lamictal XR", "lamotrigine"),
    ("Lamictal ODT", "lamotrigine"),
    ("Tylenol", "acetaminophen"),
    ("Tylenol Extra Strength", "acetaminophen"),
    ("OxyContin", "oxycodone"),
    ("Abilify", "aripiprazole"),
]


@pytest.mark.parametrize(("brand", "generic"), BRANDS, ids=[row[0] for row in BRANDS])
def test_a_brand_of_a_listed_medicine_names_it_and_says_not_checked(
    magref: Run, brand: str, generic: str
) -> None:
    result = magref("interactions", brand, "--json")
    assert result.code == 0, result
    assert result.json["unmatched"] == []
    (row,) = result.json["statuses"]
    assert (row["name"], row["status"]) == (generic, "not-checked")
    (medicine,) = result.json["medicines"]
    assert medicine["matched"]["via"] == "brand"
    assert medicine["checked"] is None
