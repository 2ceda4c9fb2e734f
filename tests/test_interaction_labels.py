"""Each medicine's timing is held to the figure its label gives, and every medicine has a source."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from magref import dataset
from magref.errors import DatasetError
from magref.model import Dataset, Drug, InteractionClass

from .conftest import Run

#: One row per medicine with a label rule: name, class, hours the medicine goes before magnesium,
#: hours it goes after (None: the label gives no gap that is enough), and the source that says so.
LABELS: list[tuple[str, str, float | None, float | None, str]] = [
    ("ciprofloxacin", "fluoroquinolones", 2, 6, "label-ciprofloxacin"),
    ("levofloxacin", "fluoroquinolones", 2, 2, "label-levofloxacin"),
    ("moxifloxacin", "fluoroquinolones", 4, 8, "label-moxifloxacin"),
    ("ofloxacin", "fluoroquinolones", 2, 2, "label-ofloxacin"),
    ("delafloxacin", "fluoroquinolones", 2, 6, "label-delafloxacin"),
    ("omadacycline", "tetracyclines", 4, 4, "label-omadacycline"),
    ("levothyroxine", "levothyroxine", 4, 4, "label-levothyroxine"),
    ("gabapentin", "gabapentin", None, 2, "label-gabapentin"),
    ("dolutegravir", "integrase-inhibitors", 2, 6, "label-dolutegravir"),
    ("bictegravir", "integrase-inhibitors", 2, 6, "label-bictegravir"),
    ("raltegravir", "integrase-inhibitors", None, None, "label-raltegravir"),
    ("cabotegravir", "integrase-inhibitors", 4, 2, "label-cabotegravir"),
    ("elvitegravir", "integrase-inhibitors", 2, 2, "label-elvitegravir"),
    ("ledipasvir", "acid-dependent-antivirals", 4, 4, "label-ledipasvir-sofosbuvir"),
    ("velpatasvir", "acid-dependent-antivirals", 4, 4, "label-sofosbuvir-velpatasvir"),
    ("rilpivirine", "acid-dependent-antivirals", 4, 2, "label-rilpivirine"),
    ("atazanavir", "acid-dependent-antivirals", 2, 1, "label-atazanavir"),
    ("dasatinib", "acid-dependent-kinase-inhibitors", 2, 2, "label-dasatinib"),
    ("neratinib", "acid-dependent-kinase-inhibitors", None, 3, "label-neratinib"),
    ("nilotinib", "acid-dependent-kinase-inhibitors", 2, 2, "label-nilotinib"),
    ("selpercatinib", "acid-dependent-kinase-inhibitors", 2, 2, "smpc-retevmo"),
    ("sotorasib", "acid-dependent-kinase-inhibitors", 4, 10, "label-sotorasib"),
    ("bosutinib", "acid-dependent-kinase-inhibitors", 2, 2, "label-bosutinib"),
    ("gefitinib", "acid-dependent-kinase-inhibitors", 6, 6, "label-gefitinib"),
    ("pexidartinib", "acid-dependent-kinase-inhibitors", 2, 2, "label-pexidartinib"),
    ("eltrombopag", "eltrombopag", 2, 4, "label-eltrombopag"),
    ("itraconazole", "other-anti-infectives", 2, 1, "label-itraconazole"),
    ("ketoconazole", "other-anti-infectives", 2, 1, "label-ketoconazole"),
    ("baloxavir marboxil", "other-anti-infectives", None, None, "label-baloxavir"),
    ("hydroxychloroquine", "other-anti-infectives", 4, 4, "label-hydroxychloroquine"),
    ("riociguat", "other-absorption-lowered", 1, 1, "label-riociguat"),
    ("penicillamine", "other-absorption-lowered", 1, 1, "label-penicillamine"),
    ("chloroquine", "other-anti-infectives", 4, 4, "label-chloroquine"),
    ("patiromer", "patiromer", 3, 3, "label-patiromer"),
    ("lymecycline", "tetracyclines", 3, None, "pil-lymecycline"),
    ("erlotinib", "acid-dependent-kinase-inhibitors", 2, 4, "smpc-magnesium-trisilicate-mixture"),
    ("acalabrutinib", "acid-dependent-kinase-inhibitors", 2, 2, "label-acalabrutinib"),
    ("cefpodoxime", "other-anti-infectives", 2, 2, "label-cefpodoxime"),
    ("cefaclor", "other-anti-infectives", 1, 1, "label-cefaclor"),
    ("fexofenadine", "other-absorption-lowered", 2, 2, "pil-telfast"),
    ("trientine", "other-absorption-lowered", 1, 1, "label-trientine"),
    ("deferiprone", "other-absorption-lowered", 4, 4, "label-deferiprone"),
    ("ulipristal", "other-absorption-lowered", None, None, "smpc-magnesium-trisilicate-mixture"),
    ("bisacodyl", "enteric-coated-laxatives", None, 1, "label-bisacodyl"),
    (
        "calcium polystyrene sulfonate",
        "calcium-polystyrene-sulfonate",
        3,
        3,
        "smpc-calcium-polystyrene-sulfonate",
    ),
    ("sotalol", "other-absorption-lowered", 2, 2, "sotalol-antacid-1997"),
    ("mesalamine granules", "ph-dependent-coatings", None, None, "label-apriso"),
    ("octreotide capsules", "ph-dependent-coatings", None, None, "label-mycapssa"),
    ("dabigatran", "other-absorption-lowered", 2, None, "drugs-com-dabigatran-antacids"),
    ("lisdexamfetamine", "amphetamine-alkalinising", None, None, "medscape-lisdexamfetamine"),
    ("amphetamine", "amphetamine-alkalinising", None, None, "label-amphetamine-mixed-salts"),
    ("dextroamphetamine", "amphetamine-alkalinising", None, None, "label-dexedrine"),
]

#: One row per medicine whose label names magnesium for a reason timing cannot help with (the
#: medicine lowers or raises blood magnesium, or adds to a magnesium product's effect): name,
#: class, the way it interacts, which magnesium products it concerns, and the source that says so.
NO_TIMING: list[tuple[str, str, str, str, str]] = [
    ("cetuximab", "egfr-antibodies", "kidney-handling", "any-magnesium", "label-cetuximab"),
    ("panitumumab", "egfr-antibodies", "kidney-handling", "any-magnesium", "smpc-vectibix"),
    ("necitumumab", "egfr-antibodies", "kidney-handling", "any-magnesium", "label-necitumumab"),
    ("cisplatin", "cisplatin", "kidney-handling", "any-magnesium", "smpc-neomag"),
    ("amphotericin B", "amphotericin-foscarnet", "kidney-handling", "any-magnesium", "label-ambisome"),
    ("foscarnet", "amphotericin-foscarnet", "kidney-handling", "any-magnesium", "label-foscarnet"),
    (
        "tacrolimus",
        "calcineurin-inhibitors",
        "kidney-handling",
        "any-magnesium",
        "tacrolimus-magnesium-wasting-2006",
    ),
    ("ciclosporin", "calcineurin-inhibitors", "kidney-handling", "any-magnesium", "smpc-neomag"),
    ("calcitriol", "active-vitamin-d", "magnesium-absorption", "any-magnesium", "label-calcitriol"),
    ("vonoprazan", "vonoprazan", "magnesium-absorption", "any-magnesium", "label-vonoprazan"),
    ("gentamicin", "aminoglycosides", "kidney-handling", "any-magnesium", "aminoglycoside-magnesium-1984"),
    ("tobramycin", "aminoglycosides", "kidney-handling", "any-magnesium", "aminoglycoside-magnesium-1984"),
    ("amikacin", "aminoglycosides", "kidney-handling", "any-magnesium", "aminoglycoside-magnesium-1984"),
    ("methenamine", "methenamine", "urine-ph", "antacids-laxatives", "pdr-hiprex"),
]
NO_TIMING_ROW = ("name", "class_id", "kind", "concerns", "source")

#: One row per medicine whose own label rule was read only at a source the sources policy does not
#: accept (docs/sources.md): it keeps its class gap, and cites a source that names it or its class.
CLASS_GAP: list[tuple[str, str, float | None, float | None, str]] = [
    ("cefdinir", "other-anti-infectives", 3, 3, "smpc-magnesium-trisilicate-mixture"),
    ("cefditoren", "other-anti-infectives", 3, 3, "smpc-magnesium-trisilicate-mixture"),
    ("etidronate", "bisphosphonates", 2, 2, "emc-magnesium-hydroxide"),
    ("gemifloxacin", "fluoroquinolones", 2, 6, "emc-magnesium-hydroxide"),
    ("norfloxacin", "fluoroquinolones", 2, 6, "norfloxacin-antacid-1990"),
    ("minocycline", "tetracyclines", 2, 6, "emc-magnesium-hydroxide"),
    ("sarecycline", "tetracyclines", 2, 6, "emc-magnesium-hydroxide"),
    ("digoxin", "other-absorption-lowered", 3, 3, "emc-magnesium-hydroxide"),
    ("rosuvastatin", "other-absorption-lowered", 3, 3, "rosuvastatin-antacid-2008"),
]

ROW = ("name", "class_id", "before", "after", "source")

#: Each combination product, and the listed medicines it holds.
COMBINATIONS: dict[str, set[str]] = {
    "Biktarvy": {"bictegravir"},
    "Triumeq": {"dolutegravir"},
    "Dovato": {"dolutegravir"},
    "Juluca": {"dolutegravir", "rilpivirine"},
    "Genvoya": {"elvitegravir"},
    "Stribild": {"elvitegravir"},
    "Harvoni": {"ledipasvir"},
    "Epclusa": {"velpatasvir"},
    "Vosevi": {"velpatasvir"},
    "Complera": {"rilpivirine"},
    "Eviplera": {"rilpivirine"},
    "Odefsey": {"rilpivirine"},
    "Evotaz": {"atazanavir"},
    "Fosamax Plus D": {"alendronate"},
    "Fosavance": {"alendronate"},
    "Pylera": {"tetracycline"},
}


@cache
def bundled() -> Dataset:
    return dataset.load(use_cache=False).to_dataset()


def drugs() -> list[tuple[InteractionClass, Drug]]:
    return [(group, drug) for group in bundled().interactions for drug in group.drugs]


def report(magref: Run, *queries: str) -> dict[str, object]:
    result = magref("interactions", *queries, "--json")
    assert result.code == 0, result
    found: dict[str, object] = result.json
    return found


@pytest.mark.parametrize(ROW, LABELS, ids=[r[0] for r in LABELS])
def test_the_cli_gives_the_label_timing(
    magref: Run, name: str, class_id: str, before: float | None, after: float | None, source: str
) -> None:
    matches = report(magref, name)["matches"]
    assert isinstance(matches, list) and len(matches) == 1
    match = matches[0]
    assert match["class_id"] == class_id
    assert (match["spacing"]["hours_before"], match["spacing"]["hours_after"]) == (before, after)
    assert source in match["spacing"]["sources"]


@pytest.mark.parametrize(ROW, LABELS, ids=[r[0] for r in LABELS])
def test_the_dataset_holds_the_label_timing_with_a_source_that_has_an_address(
    name: str, class_id: str, before: float | None, after: float | None, source: str
) -> None:
    found = [(group, drug) for group, drug in drugs() if drug.name == name]
    assert len(found) == 1
    group, drug = found[0]
    assert group.id == class_id
    spacing = drug.spacing or group.spacing
    assert spacing is not None
    assert (spacing.hours_before, spacing.hours_after) == (before, after)
    assert source in spacing.sources
    sources = {s.id: s for s in bundled().sources}
    assert sources[source].url, f"{source} has no address"


@pytest.mark.parametrize(ROW, CLASS_GAP, ids=[r[0] for r in CLASS_GAP])
def test_a_medicine_without_an_accepted_label_rule_takes_its_class_gap(
    magref: Run, name: str, class_id: str, before: float | None, after: float | None, source: str
) -> None:
    found = [(group, drug) for group, drug in drugs() if drug.name == name]
    assert len(found) == 1
    group, drug = found[0]
    assert (group.id, drug.spacing) == (class_id, None)
    assert group.spacing is not None
    assert (group.spacing.hours_before, group.spacing.hours_after) == (before, after)
    assert source in drug.sources
    match = report(magref, name)["matches"][0]  # type: ignore[index]
    assert (match["spacing"]["hours_before"], match["spacing"]["hours_after"]) == (before, after)


@pytest.mark.parametrize(NO_TIMING_ROW, NO_TIMING, ids=[r[0] for r in NO_TIMING])
def test_the_cli_says_timing_does_not_help(
    magref: Run, name: str, class_id: str, kind: str, concerns: str, source: str
) -> None:
    matches = report(magref, name)["matches"]
    assert isinstance(matches, list) and len(matches) == 1
    match = matches[0]
    assert match["class_id"] == class_id
    assert match["spacing"] is None
    assert match["mechanism_kinds"] == [kind]
    assert match["concerns"] == concerns


@pytest.mark.parametrize(NO_TIMING_ROW, NO_TIMING, ids=[r[0] for r in NO_TIMING])
def test_the_dataset_holds_the_medicine_with_its_own_source(
    name: str, class_id: str, kind: str, concerns: str, source: str
) -> None:
    found = [(group, drug) for group, drug in drugs() if drug.name == name]
    assert len(found) == 1
    group, drug = found[0]
    assert group.id == class_id
    assert drug.spacing is None and group.spacing is None
    assert (drug.mechanism_kind or group.mechanism_kind) == kind
    assert (drug.concerns or group.concerns) == concerns
    assert source in drug.sources and source in group.sources
    sources = {s.id: s for s in bundled().sources}
    assert sources[source].url, f"{source} has no address"


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("cyclosporine", "ciclosporin"),
        ("Neoral", "ciclosporin"),
        ("Erbitux", "cetuximab"),
        ("mesalazine granules", "mesalamine granules"),
        ("Mycapssa", "octreotide capsules"),
        ("Eutroxsig", "levothyroxine"),
        ("Thyrox", "levothyroxine"),
        ("Gabacor", "gabapentin"),
        ("Doxylin", "doxycycline"),
        ("Apprilon", "doxycycline"),
        ("ampho", "amphotericin B"),
        ("ampho b", "amphotericin B"),
        ("cipro xr", "ciprofloxacin"),
        ("thyroxine", "levothyroxine"),
        ("levothyroxine sodium", "levothyroxine"),
        ("Pradaxa", "dabigatran"),
        ("Pradax", "dabigatran"),
        ("dabigatran etexilate", "dabigatran"),
        ("Vyvanse", "lisdexamfetamine"),
        ("lisdexamfetamine dimesylate", "lisdexamfetamine"),
        ("Bonefos", "clodronate"),
        ("Loron", "clodronate"),
        ("sodium clodronate", "clodronate"),
        ("Hiprex", "methenamine"),
        ("methenamine hippurate", "methenamine"),
        ("Eglonil", "sulpiride"),
    ],
)
def test_other_names_find_the_medicine(magref: Run, alias: str, name: str) -> None:
    found = report(magref, alias)
    assert [d["name"] for m in found["matches"] for d in m["drugs"]] == [name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("other_form", ["octreotide", "budesonide", "Pulmicort"])
def test_a_rule_for_one_form_is_not_given_to_the_others(magref: Run, other_form: str) -> None:
    """Rules for one form stay with it: the coated-capsule rule is for Mycapssa, not an
    injection or an inhaler. Budesonide (Pulmicort is its inhaler) is now a medicine held as
    not checked, so it answers with that status; it still matches no interaction rule."""
    result = magref("interactions", other_form, "--json")
    assert result.json["matches"] == []
    if other_form == "octreotide":
        assert result.exit_code == 1
        assert result.json["unmatched"] == [other_form]
    else:
        assert result.exit_code == 0
        assert result.json["unmatched"] == []
        rows = [(row["name"], row["status"]) for row in result.json["statuses"]]
        assert rows == [("budesonide", "not-checked")]


@pytest.mark.parametrize("supplement", ["vitamin d", "vitamin d3", "Vitamin D2", "cholecalciferol"])
def test_the_active_vitamin_d_rule_is_not_for_a_vitamin_d_supplement(magref: Run, supplement: str) -> None:
    """The dialysis rule for active vitamin D (calcitriol) is not for a vitamin D supplement,
    which has its own entry: no major warning, nothing left unmatched."""
    result = magref("interactions", supplement, "--json")
    assert result.exit_code == 0
    assert [m["class_id"] for m in result.json["matches"]] == ["vitamin-d-supplements"]
    assert [m["severity"] for m in result.json["matches"]] == ["minor"]
    assert result.json["unmatched"] == []


def test_every_medicine_is_sourced() -> None:
    for group, drug in drugs():
        own = [*drug.sources, *(drug.spacing.sources if drug.spacing else [])]
        assert own or group.sources, f"{drug.name} has no source"
        if drug.spacing is not None or drug.combinations or drug.mechanism_kind is not None:
            assert own, f"{drug.name} has its own rule but cites only its class"


def test_every_medicine_with_its_own_timing_is_in_the_table() -> None:
    with_timing = {drug.name for _, drug in drugs() if drug.spacing is not None}
    assert with_timing <= {row[0] for row in LABELS}


@pytest.mark.parametrize("brand", sorted(COMBINATIONS))
def test_a_combination_resolves_to_each_listed_ingredient(magref: Run, brand: str) -> None:
    found = report(magref, brand)
    names = {d["name"] for m in found["matches"] for d in m["drugs"]}  # type: ignore[attr-defined]
    assert names == COMBINATIONS[brand]
    assert found["unmatched"] == []


def test_every_combination_in_the_dataset_is_in_the_table() -> None:
    listed = {brand for _, drug in drugs() for brand in drug.combinations}
    assert listed == set(COMBINATIONS)


def test_a_combination_takes_each_ingredients_own_rule(magref: Run) -> None:
    found = report(magref, "Juluca")["matches"]
    spacing = {m["class_id"]: (m["spacing"]["hours_before"], m["spacing"]["hours_after"]) for m in found}  # type: ignore[attr-defined]
    assert spacing == {"integrase-inhibitors": (2, 6), "acid-dependent-antivirals": (4, 2)}


def test_stomach_ph_interactions_say_they_concern_antacids(magref: Run) -> None:
    match = report(magref, "Harvoni")["matches"][0]  # type: ignore[index]
    assert match["mechanism_kinds"] == ["stomach-ph"]
    assert match["concerns"] == "antacids-laxatives"
    text = " ".join(magref("interactions", "Harvoni", env={"COLUMNS": "200"}).stdout.split())
    assert "milk of magnesia" in text and "glycinate capsule" in text


def test_the_widest_concern_wins_when_drugs_differ(magref: Run) -> None:
    match = report(magref, "ketoconazole", "cefdinir")["matches"][0]  # type: ignore[index]
    assert match["concerns"] == "any-magnesium"
    assert match["mechanism_kinds"] == ["stomach-ph", "binding"]


def test_a_combination_name_that_is_also_a_single_medicine_is_refused(data_copy: Path) -> None:
    path = data_copy / "interactions.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("combinations: [Harvoni]", "combinations: [Harvoni, Edurant]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        dataset.load(data_copy, use_cache=False)
    assert any("'Edurant' is already a medicine's own name" in str(p) for p in caught.value.problems)


def test_severe_kidney_disease_and_dialysis_are_stop(magref: Run) -> None:
    for name in ("dialysis", "kidney failure", "ESRD"):
        items = magref("cautions", name, "--json").json["items"]
        assert items[0]["id"] == "kidney-severe"
        assert items[0]["level"] == "stop"


def test_a_plan_keeps_the_gap_of_every_ingredient_of_a_combination(magref: Run) -> None:
    result = magref("plan", "Juluca@08:00", "--json")
    assert result.code == 0, result
    plan = result.json
    assert {d["drug"] for d in plan["doses"]} == {"dolutegravir", "rilpivirine"}
    assert {(d["matched"]["via"], d["matched"]["label"]) for d in plan["doses"]} == {
        ("combination", "Juluca")
    }
    # dolutegravir: 6 h after magnesium; rilpivirine: 4 h before it.
    assert plan["windows"] == [{"start": "12:00", "end": "02:00", "suggested": "17:00"}]
    assert plan["unmatched"] == []


def test_a_short_name_that_could_mean_two_medicines_gives_both(magref: Run) -> None:
    """The short name levo is said for levothyroxine and for levofloxacin, so it means both."""
    found = report(magref, "levo")
    names = {d["name"] for m in found["matches"] for d in m["drugs"] if d["name"].startswith("levo")}  # type: ignore[attr-defined]
    assert {m["class_id"] for m in found["matches"]} == {"fluoroquinolones", "levothyroxine"}  # type: ignore[attr-defined]
    assert names == {"levofloxacin", "levothyroxine"}
