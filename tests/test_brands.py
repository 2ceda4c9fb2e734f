"""Brand names people type: each names its medicine and that medicine's status, and is cited.

A brand sits on a medicine (data/medicines.yaml) or on a drug in an interaction class; the entry's
sources include a page that names the brand as that medicine. For a medicine that is not checked,
those pages are all its sources, and it still says "not checked". A medicine checked with no
interaction found keeps only the sources it was checked in: a page read for a brand name only is
never shown as "no interaction found in ...".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from magref import dataset, interactions, names
from magref.catalog import Catalog
from magref.errors import DatasetError
from magref.model import Medicine

from .conftest import BUNDLED, Run

#: The brands added for the most-prescribed medicines, with what each must name.
ADDED: list[tuple[str, str, str]] = [
    ("Lipitor", "atorvastatin", "not-checked"),
    ("Zestril", "lisinopril", "not-checked"),
    ("Toprol-XL", "metoprolol", "not-checked"),
    ("Toprol XL", "metoprolol", "not-checked"),
    ("Lopressor", "metoprolol", "not-checked"),
    ("Zoloft", "sertraline", "not-checked"),
    ("Lexapro", "escitalopram", "not-checked"),
    ("Zocor", "simvastatin", "not-checked"),
    ("Wellbutrin", "bupropion", "not-checked"),
    ("Wellbutrin SR", "bupropion", "not-checked"),
    ("Wellbutrin XL", "bupropion", "not-checked"),
    ("Prozac", "fluoxetine", "not-checked"),
    ("Cymbalta", "duloxetine", "not-checked"),
    ("Coreg", "carvedilol", "not-checked"),
    ("Celexa", "citalopram", "not-checked"),
    ("Zyrtec", "cetirizine", "not-checked"),
    ("Effexor XR", "venlafaxine", "not-checked"),
    ("Plavix", "clopidogrel", "not-checked"),
    ("Ozempic", "semaglutide", "not-checked"),
    ("Jardiance", "empagliflozin", "not-checked"),
    ("Claritin", "loratadine", "not-checked"),
    ("Inderal XL", "propranolol", "not-checked"),
    ("Jantoven", "warfarin", "not-checked"),
    ("Januvia", "sitagliptin", "not-checked"),
    ("Zituvio", "sitagliptin", "not-checked"),
    ("Paxil", "paroxetine", "not-checked"),
    ("Paxil CR", "paroxetine", "not-checked"),
    ("Celebrex", "celecoxib", "not-checked"),
    ("Xarelto", "rivaroxaban", "not-checked"),
    ("Benicar", "olmesartan", "not-checked"),
    ("Diovan", "valsartan", "not-checked"),
    ("Lotensin", "benazepril", "not-checked"),
    ("Farxiga", "dapagliflozin", "not-checked"),
    ("Cialis", "tadalafil", "not-checked"),
    ("Lyrica CR", "pregabalin", "checked-none"),
    ("Advil", "ibuprofen", "interaction"),
    ("Motrin IB", "ibuprofen", "interaction"),
    # The second pass: listed medicines that had no brand, most-prescribed first (AHRQ order).
    ("Xanax", "alprazolam", "not-checked"),
    ("Xanax XR", "alprazolam", "not-checked"),
    ("Ventolin", "albuterol", "not-checked"),
    ("Ventolin HFA", "albuterol", "not-checked"),
    ("Lantus", "insulin glargine", "not-checked"),
    ("Ambien", "zolpidem", "not-checked"),
    ("Flonase", "fluticasone", "not-checked"),
    ("Flonase Allergy Relief", "fluticasone", "not-checked"),
    ("Flonase Sensimist", "fluticasone", "not-checked"),
    ("Tylenol", "acetaminophen", "not-checked"),
    ("Tylenol Extra Strength", "acetaminophen", "not-checked"),
    ("Concerta", "methylphenidate", "not-checked"),
    ("Klonopin", "clonazepam", "not-checked"),
    ("Lamictal", "lamotrigine", "not-checked"),
    ("Lamictal XR", "lamotrigine", "not-checked"),
    ("OxyContin", "oxycodone", "not-checked"),
    ("Humalog", "insulin lispro", "not-checked"),
    ("Trulicity", "dulaglutide", "not-checked"),
    ("NovoLog", "insulin aspart", "not-checked"),
    ("Zetia", "ezetimibe", "not-checked"),
    ("Ativan", "lorazepam", "not-checked"),
    ("Seroquel", "quetiapine", "not-checked"),
    ("Seroquel XR", "quetiapine", "not-checked"),
    ("Topamax", "topiramate", "not-checked"),
    ("Imitrex", "sumatriptan", "not-checked"),
    ("Abilify", "aripiprazole", "not-checked"),
    ("Valtrex", "valacyclovir", "not-checked"),
    ("Zanaflex", "tizanidine", "not-checked"),
    ("Aleve", "naproxen", "not-checked"),
    ("Voltaren", "diclofenac", "not-checked"),
    ("Voltaren Arthritis Pain", "diclofenac", "not-checked"),
    ("Cardizem", "diltiazem", "not-checked"),
    ("Cardizem CD", "diltiazem", "not-checked"),
    ("Cardizem LA", "diltiazem", "not-checked"),
    ("Xelpros", "latanoprost", "not-checked"),
    ("Proscar", "finasteride", "not-checked"),
    ("Propecia", "finasteride", "not-checked"),
    ("Glumetza", "metformin", "not-checked"),
    ("Riomet", "metformin", "not-checked"),
    ("Klor-Con", "potassium chloride", "not-checked"),
    ("Amrix", "cyclobenzaprine", "not-checked"),
    ("Actos", "pioglitazone", "not-checked"),
    ("Keppra", "levetiracetam", "not-checked"),
    ("Keppra XR", "levetiracetam", "not-checked"),
    ("Victoza", "liraglutide", "not-checked"),
    ("Tresiba", "insulin degludec", "not-checked"),
    ("Aricept", "donepezil", "not-checked"),
    ("Xyzal", "levocetirizine", "not-checked"),
    ("Spiriva", "tiotropium", "not-checked"),
    ("Spiriva HandiHaler", "tiotropium", "not-checked"),
    ("Diflucan", "fluconazole", "not-checked"),
    ("Valium", "diazepam", "not-checked"),
    ("MiraLAX", "polyethylene glycol 3350", "not-checked"),
    ("Arimidex", "anastrozole", "not-checked"),
    ("Colcrys", "colchicine", "not-checked"),
    ("Testim", "testosterone", "not-checked"),
    ("Armour Thyroid", "thyroid desiccated", "not-checked"),
    ("Prometrium", "progesterone", "not-checked"),
    ("Solu-Medrol", "methylprednisolone", "not-checked"),
    ("Nitrostat", "nitroglycerin", "not-checked"),
    ("EpiPen", "epinephrine", "not-checked"),
    ("EpiPen Jr", "epinephrine", "not-checked"),
    ("Pulmicort", "budesonide", "not-checked"),
    ("Pulmicort Flexhaler", "budesonide", "not-checked"),
    ("Cleocin", "clindamycin", "not-checked"),
    ("Wegovy", "semaglutide", "not-checked"),
    ("Robaxin", "methocarbamol", "not-checked"),
    ("Levemir", "insulin detemir", "not-checked"),
]

#: How many drugs of each coverage list resolve by at least one brand the dataset holds: the
#: figure measured when the brands were added (first pass: 23 and 3 before, 53 and 4 after;
#: second pass: 107 and 6 after; brands used outside the US: 111 and 8, and Australia's list 17
#: of its 23 names, 8 before; combinations and checked medicines' brands: 122 and 7 on their own;
#: both together: 126, 9 and 19; unchanged by the amphetamine and Panadol brands, whose medicines
#: were already reached), held so it can rise, not fall.
FLOOR_US = 126
FLOOR_ENGLAND = 9
FLOOR_AUSTRALIA = 19

COVERAGE = BUNDLED / "coverage"


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


# -- each added brand answers --------------------------------------------------------------------


@pytest.mark.parametrize(("brand", "generic", "status"), ADDED)
def test_an_added_brand_names_its_medicine_and_status(
    magref: Run, brand: str, generic: str, status: str
) -> None:
    result = magref("interactions", brand, "--json")
    assert result.code == 0, result
    (row,) = result.json["statuses"]
    assert (row["name"], row["status"]) == (generic, status)
    assert result.json["unmatched"] == []
    if status == "not-checked":
        assert "not checked" in row["message"]
        assert "no interaction" not in row["message"]
        (medicine,) = result.json["medicines"]
        assert medicine["matched"]["via"] == "brand"
        assert medicine["checked"] is None


def test_a_brand_in_words_reads_as_its_medicine_and_says_not_checked(magref: Run) -> None:
    text = " ".join(magref("interactions", "Zoloft").stdout.split())
    assert "sertraline: not checked" in text
    assert "Not being checked is not evidence of safety" in text
    assert "not in magref's dataset" not in text
    found = magref("interactions", "I'm on Lipitor, Zoloft and Synthroid", "--json").json
    assert found["unmatched"] == []
    assert {row["name"]: row["status"] for row in found["statuses"]} == {
        "levothyroxine": "interaction",
        "atorvastatin": "not-checked",
        "sertraline": "not-checked",
    }


def test_the_brands_people_type_most_name_their_medicines_and_say_not_checked(magref: Run) -> None:
    # Each of these answered "not in magref's dataset" although its medicine was held.
    typed = "Tylenol, Xanax, Ambien, Flonase, Lantus and Ventolin"
    found = magref("interactions", typed, "--json").json
    assert found["unmatched"] == []
    assert [(row["query"], row["name"], row["status"]) for row in found["statuses"]] == [
        ("tylenol", "acetaminophen", "not-checked"),
        ("xanax", "alprazolam", "not-checked"),
        ("ambien", "zolpidem", "not-checked"),
        ("flonase", "fluticasone", "not-checked"),
        ("lantus", "insulin glargine", "not-checked"),
        ("ventolin", "albuterol", "not-checked"),
    ]
    for row in found["statuses"]:
        assert "no interaction" not in row["message"]
    text = " ".join(magref("interactions", typed).stdout.split())
    assert "not in magref's dataset" not in text
    for generic in (
        "acetaminophen",
        "alprazolam",
        "zolpidem",
        "fluticasone",
        "insulin glargine",
        "albuterol",
    ):
        assert f"{generic}: not checked" in text


def test_a_check_does_not_call_a_not_checked_brand_safe(magref: Run) -> None:
    result = magref("check", "60", "--drug", "Lipitor", "--json")
    assert result.code == 0, result
    (flag,) = [flag for flag in result.json["flags"] if flag["subject"] == "lipitor"]
    assert flag["code"] == "medicine-not-checked"
    assert "not checked" in flag["message"]
    assert "no interaction" not in flag["message"]


# -- every brand is cited ---------------------------------------------------------------------------


def _says(text: str, brand: str) -> bool:
    return names.key(brand) in names.key(text)


def unnamed_brands(data: Catalog) -> list[str]:
    """Each brand on a medicine, or added here to a class drug, that no source of its entry names.

    The class drugs' older brands were cited before this rule (their sources name some of them),
    so only the brands added with it are held to it there.
    """
    missing: list[str] = []
    added = {brand for brand, _, _ in ADDED}
    held: list[tuple[str, list[str], list[str]]] = [(m.name, m.brands, m.sources) for m in data.medicines]
    for group in data.interactions:
        held += [(d.name, [b for b in d.brands if b in added], d.sources) for d in group.drugs]
    held += [(record.name, record.brands, record.sources) for record in data.brands]
    for name, brands, source_ids in held:
        pages = [f"{s.title} {s.note or ''}" for s in data.sources_by_id(source_ids)]
        missing += [f"{name}: {b}" for b in brands if not any(_says(page, b) for page in pages)]
    return missing


def test_every_brand_on_a_medicine_cites_a_page_that_names_it(data: Catalog) -> None:
    assert unnamed_brands(data) == []
    brands = {b for m in data.medicines for b in m.brands}
    assert {"Lipitor", "Zoloft", "Eliquis", "Plavix"} <= brands


def test_a_brand_without_a_page_naming_it_is_found(data_copy: Path) -> None:
    path = data_copy / "medicines.yaml"
    text = path.read_text(encoding="utf-8")
    planted = text.replace("brands: [Lipitor]", "brands: [Lipitor, Zorbastat]", 1)
    assert planted != text
    path.write_text(planted, encoding="utf-8")
    assert unnamed_brands(dataset.load(data_copy, use_cache=False)) == ["atorvastatin: Zorbastat"]


def test_a_checked_medicine_is_never_checked_in_a_page_read_for_a_brand_only(data: Catalog) -> None:
    for medicine in data.medicines:
        if medicine.status != "checked-none":
            continue
        for source in data.sources_by_id(medicine.sources):
            assert "for the brand name" not in (source.note or ""), (medicine.name, source.id)


def test_a_page_read_for_a_brand_only_is_cited_by_what_it_names(data: Catalog) -> None:
    cited = {s for m in data.medicines for s in m.sources}
    cited |= {s for g in data.interactions for d in g.drugs for s in d.sources}
    cited |= {s for record in data.brands for s in record.sources}
    brand_only = [s.id for s in data.sources if "for the brand name" in (s.note or "")]
    assert len(brand_only) >= 30
    assert [s for s in brand_only if s not in cited] == []


# -- the coverage lists, by brand ----------------------------------------------------------------


def _named(data: Catalog, text: str) -> frozenset[str]:
    """The generic names ``text`` names, if it names only medicines the dataset holds."""
    found = interactions.resolve_medicine(data, text)
    if found.unknown:
        return frozenset()
    drugs = {hit.drug.name for hit in found.hits if hit.drug is not None}
    return frozenset(drugs | {item.medicine.name for item in found.medicines})


def _every_brand(data: Catalog) -> list[str]:
    brands = [b for m in data.medicines for b in m.brands] + [b for r in data.brands for b in r.brands]
    return brands + [b for g in data.interactions for d in g.drugs for b in [*d.brands, *d.combinations]]


def resolved_by_brand(data: Catalog, listed: list[str]) -> list[str]:
    """The listed names that at least one brand in the dataset names exactly (all its parts)."""
    by_brand = {_named(data, brand) for brand in _every_brand(data)}
    return [name for name in listed if (parts := _named(data, name)) and parts in by_brand]


def _listed(name: str) -> list[str]:
    rows: list[dict[str, Any]] = yaml.safe_load((COVERAGE / name).read_text(encoding="utf-8"))["medicines"]
    return [row["name"] for row in rows]


def test_the_most_prescribed_lists_resolve_by_brand(data: Catalog) -> None:
    us = resolved_by_brand(data, _listed("us-most-prescribed.yaml"))
    england = resolved_by_brand(data, _listed("england-most-dispensed.yaml"))
    print(f"\nresolve by a brand: US {len(us)} of 196, England {len(england)} of 10")
    assert len(us) >= FLOOR_US
    assert len(england) >= FLOOR_ENGLAND
    for name in ("ATORVASTATIN", "LISINOPRIL", "SERTRALINE", "METOPROLOL", "LEVOTHYROXINE", "IBUPROFEN"):
        assert name in us
    for name in ("METFORMIN", "ALBUTEROL", "ALPRAZOLAM", "ZOLPIDEM", "FLUTICASONE NASAL", "ACETAMINOPHEN"):
        assert name in us
    assert "INSULIN GLARGINE" in us
    assert {"Atorvastatin", "Metformin hydrochloride", "Salbutamol"} <= set(england)
    # combinations, by their brands (data/brands.yaml), and the brands of checked medicines
    for name in ("AMPHETAMINE-DEXTROAMPHETAMINE", "HYDROCHLOROTHIAZIDE-LISINOPRIL", "SACUBITRIL-VALSARTAN"):
        assert name in us
    for name in ("NIRMATRELVIR-RITONAVIR", "AMLODIPINE", "MONTELUKAST", "AMOXICILLIN-CLAVULANATE"):
        assert name in us
    assert "Amlodipine" in england


def test_australia_s_most_prescribed_resolve_by_brand(data: Catalog) -> None:
    listed = list(dict.fromkeys(_listed("australia-top-10-2022-23.yaml")))
    found = resolved_by_brand(data, listed)
    print(f"\nresolve by a brand: Australia {len(found)} of {len(listed)}")
    assert len(found) >= FLOOR_AUSTRALIA
    assert {"perindopril", "metformin", "irbesartan", "telmisartan", "candesartan"} <= set(found)


# -- brands used outside the US ------------------------------------------------------------------

#: Brand names people in the UK, the EU and Australia type, each with its medicine and the page it
#: was read on (all of those medicines are not checked, so each answers "not checked"). The
#: country is the page's: a UK leaflet or SmPC (emc, or Drugs.com's UK edition), the EU's own
#: record, Australian consumer information (NPS MedicineWise, Healthdirect), or MIMS.
WORLD: list[tuple[str, str, str, str]] = [
    ("Lustral", "sertraline", "UK", "drugs-uk-lustral"),
    ("Tritace", "ramipril", "UK", "drugs-uk-tritace"),
    ("Cardicor", "bisoprolol", "UK", "drugs-uk-cardicor"),
    ("Cipramil", "citalopram", "UK", "drugs-uk-cipramil"),
    ("Cozaar", "losartan", "UK", "emc-cozaar-pil"),
    ("Priadel", "lithium", "UK", "emc-priadel"),
    ("Tenormin", "atenolol", "UK", "drugs-uk-tenormin"),
    ("Zispin", "mirtazapine", "UK", "drugs-uk-zispin-soltab"),
    ("Zispin SolTab", "mirtazapine", "UK", "drugs-uk-zispin-soltab"),
    ("Naprosyn", "naproxen", "UK", "emc-naprosyn"),
    ("Cipralex", "escitalopram", "UK", "drugs-uk-cipralex"),
    ("Marevan", "warfarin", "UK", "emc-marevan"),
    ("Voltarol", "diclofenac", "UK", "drugs-uk-voltarol"),
    ("Seroxat", "paroxetine", "UK", "drugs-uk-seroxat"),
    ("Calpol", "acetaminophen", "UK", "drugs-uk-calpol"),
    ("Zydol", "tramadol", "UK", "emc-zydol"),
    ("Amias", "candesartan", "UK", "emc-amias-pil"),
    ("Tegretol", "carbamazepine", "UK", "drugs-uk-tegretol"),
    ("Epilim", "valproate", "UK", "drugs-uk-epilim"),
    ("Forxiga", "dapagliflozin", "EU", "ema-epar-forxiga"),
    ("Prolia", "denosumab", "EU", "ema-epar-prolia"),
    ("Stelara", "ustekinumab", "EU", "ema-epar-stelara"),
    ("Keytruda", "pembrolizumab", "EU", "ec-register-keytruda"),
    ("Opdivo", "nivolumab", "EU", "ema-epar-opdivo"),
    ("Eylea", "aflibercept", "EU", "ema-opinion-eylea"),
    ("Celapram", "citalopram", "Australia", "nps-celapram"),
    ("Efexor-XR", "venlafaxine", "Australia", "nps-efexor-xr"),
    ("Diabex", "metformin", "Australia", "healthdirect-diabex"),
    ("Diaformin XR", "metformin", "Australia", "nps-diaformin-xr"),
    ("Avapro", "irbesartan", "Australia", "nps-avapro"),
    ("Coversyl", "perindopril", "Australia", "nps-radar-coversyl"),
    ("Atacand", "candesartan", "Australia", "nps-atacand"),
    ("Stilnox CR", "zolpidem", "Australia", "nps-stilnox-cr"),
    ("Endone", "oxycodone", "Australia", "healthdirect-endone"),
    ("OxyNorm", "oxycodone", "Australia", "healthdirect-endone"),
    ("Micardis", "telmisartan", "MIMS", "mims-micardis"),
]

#: The hosts a brand used outside the US is read on, by the country the test names.
WORLD_HOSTS = {
    "UK": ("www.drugs.com/uk/", "www.medicines.org.uk/emc/"),
    "EU": ("www.ema.europa.eu/", "ec.europa.eu/health/documents/community-register/"),
    "Australia": ("www.nps.org.au/", "healthdirect.gov.au/", "www.healthdirect.gov.au/"),
    "MIMS": ("www.mims.com/",),
}


@pytest.mark.parametrize(("brand", "generic", "country", "source"), WORLD, ids=[row[0] for row in WORLD])
def test_a_brand_used_outside_the_us_names_its_medicine_and_says_not_checked(
    magref: Run, brand: str, generic: str, country: str, source: str
) -> None:
    result = magref("interactions", brand, "--json")
    assert result.code == 0, result
    assert result.json["unmatched"] == []
    (row,) = result.json["statuses"]
    assert (row["name"], row["status"]) == (generic, "not-checked")
    assert "not checked" in row["message"]
    assert "no interaction" not in row["message"]
    (medicine,) = result.json["medicines"]
    assert medicine["matched"]["via"] == "brand"
    assert medicine["checked"] is None
    assert source in medicine["sources"]


@pytest.mark.parametrize(("brand", "generic", "country", "source"), WORLD, ids=[row[0] for row in WORLD])
def test_a_brand_used_outside_the_us_is_named_on_its_own_country_s_page(
    data: Catalog, brand: str, generic: str, country: str, source: str
) -> None:
    (page,) = data.sources_by_id([source])
    assert page.url.removeprefix("https://").startswith(WORLD_HOSTS[country]), page.url
    assert _says(f"{page.title} {page.note or ''}", brand)
    assert "for the brand name" in (page.note or "")
    (medicine,) = [m for m in data.medicines if m.name == generic]
    assert brand in medicine.brands
    assert medicine.status == "not-checked"


def test_the_brands_used_outside_the_us_by_country() -> None:
    counts = {country: sum(1 for row in WORLD if row[2] == country) for country in WORLD_HOSTS}
    # measured when they were added: 19 UK, 6 EU, 10 Australian, 1 read in MIMS; none from Canada
    assert counts == {"UK": 19, "EU": 6, "Australia": 10, "MIMS": 1}
    assert len({row[0] for row in WORLD}) == len(WORLD) == 36


def test_a_uk_prescription_list_in_words_names_each_medicine_and_calls_none_safe(magref: Run) -> None:
    # Each of these answered "not in magref's dataset" before: the UK names of listed medicines.
    typed = "Lustral, Tritace, Cardicor, Cipramil and Priadel"
    found = magref("interactions", typed, "--json").json
    assert found["unmatched"] == []
    assert [(row["query"], row["name"], row["status"]) for row in found["statuses"]] == [
        ("lustral", "sertraline", "not-checked"),
        ("tritace", "ramipril", "not-checked"),
        ("cardicor", "bisoprolol", "not-checked"),
        ("cipramil", "citalopram", "not-checked"),
        ("priadel", "lithium", "not-checked"),
    ]
    text = " ".join(magref("interactions", typed).stdout.split())
    assert "not in magref's dataset" not in text
    assert "no interaction found" not in text
    for generic in ("sertraline", "ramipril", "bisoprolol", "citalopram", "lithium"):
        assert f"{generic}: not checked" in text


# -- combinations and the brands of checked medicines (data/brands.yaml) -------------------------

NC, IX = "not-checked", "interaction"
#: Each combination brand, with every medicine it holds and that medicine's status.
COMBINATIONS: list[tuple[str, dict[str, str]]] = [
    ("Adderall", {"amphetamine": IX, "dextroamphetamine": IX}),
    ("Adderall XR", {"amphetamine": IX, "dextroamphetamine": IX}),
    ("Advair", {"fluticasone": NC, "salmeterol": NC}),
    ("Advair Diskus", {"fluticasone": NC, "salmeterol": NC}),
    ("Advair HFA", {"fluticasone": NC, "salmeterol": NC}),
    ("Symbicort", {"budesonide": NC, "formoterol": NC}),
    ("Bactrim", {"sulfamethoxazole": NC, "trimethoprim": NC}),
    ("Bactrim DS", {"sulfamethoxazole": NC, "trimethoprim": NC}),
    ("Entresto", {"sacubitril": NC, "valsartan": NC}),
    ("Paxlovid", {"nirmatrelvir": NC, "ritonavir": NC}),
    ("Janumet", {"sitagliptin": NC, "metformin": NC}),
    ("Janumet XR", {"sitagliptin": NC, "metformin": NC}),
    ("Percocet", {"oxycodone": NC, "acetaminophen": NC}),
    ("Zestoretic", {"lisinopril": NC, "hydrochlorothiazide": IX}),
    ("Hyzaar", {"losartan": NC, "hydrochlorothiazide": IX}),
    ("Trelegy Ellipta", {"fluticasone": NC, "umeclidinium": NC, "vilanterol": NC}),
    ("Trelegy", {"fluticasone": NC, "umeclidinium": NC, "vilanterol": NC}),
    ("Breo Ellipta", {"fluticasone": NC, "vilanterol": NC}),
    ("Breo", {"fluticasone": NC, "vilanterol": NC}),
    ("Combivent Respimat", {"albuterol": NC, "ipratropium": NC}),
    ("Combivent", {"albuterol": NC, "ipratropium": NC}),
    ("Truvada", {"emtricitabine": NC, "tenofovir": NC}),
    ("Cosopt", {"dorzolamide": NC, "timolol": NC}),
    ("Cosopt PF", {"dorzolamide": NC, "timolol": NC}),
    ("Lomotil", {"diphenoxylate": NC, "atropine": NC}),
    ("Claritin-D", {"loratadine": NC, "pseudoephedrine": NC}),
    ("Claritin-D 24 Hour", {"loratadine": NC, "pseudoephedrine": NC}),
]
#: Brands of medicines checked with no interaction found, held apart with their own source.
CHECKED_BRANDS: list[tuple[str, str]] = [
    ("Norvasc", "amlodipine"),
    ("Singulair", "montelukast"),
    ("Augmentin", "amoxicillin-clavulanate"),
]


@pytest.mark.parametrize(("brand", "held"), COMBINATIONS)
def test_a_combination_brand_answers_for_each_medicine_it_holds(
    magref: Run, brand: str, held: dict[str, str]
) -> None:
    result = magref("interactions", brand, "--json")
    assert result.code == 0, result
    found = result.json
    assert found["unmatched"] == []
    assert {row["name"]: row["status"] for row in found["statuses"]} == held
    for row in found["statuses"]:
        assert names.key(row["query"]) == names.key(brand)
        if row["status"] == "not-checked":
            assert "not checked" in row["message"]
            assert "no interaction" not in row["message"]
        if row["status"] == "interaction":
            assert row["class_ids"]
    (record,) = found["brands"]
    assert record["label"] == brand
    assert record["components"] == list(held)
    assert record["sources"]
    vias = [m["matched"]["via"] for m in found["medicines"]]
    vias += [name["via"] for match in found["matches"] for name in match["matched"]]
    assert vias and set(vias) == {"combination"}


def test_a_combination_with_an_interacting_medicine_shows_the_interaction_and_the_rest_unchecked(
    magref: Run,
) -> None:
    text = " ".join(magref("interactions", "Zestoretic").stdout.split())
    assert "Zestoretic holds lisinopril and hydrochlorothiazide" in text
    assert "Thiazide" in text and "hydrochlorothiazide (in Zestoretic)" in text
    assert "lisinopril: not checked" in text
    assert "[fda-ndc-zestoretic]" in text
    assert "not in magref's dataset" not in text
    assert "no interaction found" not in text


@pytest.mark.parametrize(("brand", "medicine_id"), CHECKED_BRANDS)
def test_a_checked_medicines_brand_says_checked_in_the_medicines_own_sources_only(
    magref: Run, data: Catalog, brand: str, medicine_id: str
) -> None:
    found = magref("interactions", brand, "--json").json
    (row,) = found["statuses"]
    medicine = data.by_id("medicines", medicine_id, Medicine)
    assert medicine is not None
    assert (row["name"], row["status"]) == (medicine.name, "checked-none")
    assert row["message"].startswith("checked: no interaction found in ")
    (record,) = found["brands"]
    (item,) = found["medicines"]
    assert item["matched"]["via"] == "brand"
    # the page read for the brand name is the brand's source, never one the check was read in
    assert not set(record["sources"]) & set(item["sources"])
    for page in data.sources_by_id(record["sources"]):
        assert page.title not in row["message"]


def test_the_status_of_a_brand_is_the_status_of_its_medicines(data: Catalog) -> None:
    assert interactions.status_of(data, "Hyzaar") == "interaction"
    assert interactions.status_of(data, "Paxlovid") == "not-checked"
    assert interactions.status_of(data, "Augmentin") == "checked-none"
    assert interactions.status_of(data, "Norvasc") == "checked-none"
    # a combination is checked only if every medicine in it is
    assert interactions.status_of(data, "Norvasc and Entresto") == "not-checked"


def test_a_check_flags_each_medicine_of_a_combination(magref: Run) -> None:
    result = magref("check", "--age", "40", "--drug", "Zestoretic", "--json")
    assert result.code == 0, result
    codes = {flag["code"] for flag in result.json["flags"]}
    assert "medicine-not-checked" in codes
    assert any(m["class_id"] == "thiazide-diuretics" for m in result.json["interactions"])


def test_every_brand_record_and_its_source_pages_are_held_to_the_rules(data: Catalog) -> None:
    assert unnamed_brands(data) == []
    records = {b for r in data.brands for b in r.brands}
    assert {"Adderall", "Paxlovid", "Zestoretic", "Norvasc"} <= records
    for record in data.brands:
        for source in data.sources_by_id(record.sources):
            assert "for the brand name" in (source.note or ""), (record.id, source.id)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "components: [medicine:sacubitril, medicine:valsartan]",
            "components: [medicine:sacubitril, medicine:valsartann]",
            "'medicine:valsartann' is not a medicine in the dataset",
        ),
        (
            "components: [medicine:sacubitril, medicine:valsartan]",
            "components: [medicine:sacubitril, medicine:sacubitril]",
            "a medicine is listed twice",
        ),
        ("brands: [Entresto]", "brands: [Entresto, Diovan]", "'Diovan' is already a name of a medicine"),
        (
            "components: [medicine:amlodipine]",
            "components: [medicine:lisinopril]",
            "only for a medicine checked with no interaction found",
        ),
    ],
)
def test_a_brand_record_that_breaks_a_rule_is_refused(
    data_copy: Path, old: str, new: str, message: str
) -> None:
    path = data_copy / "brands.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DatasetError) as error:
        dataset.load(data_copy, use_cache=False)
    problems = [str(problem) for problem in error.value.problems]
    assert any(message in problem for problem in problems), problems
