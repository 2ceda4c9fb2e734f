"""Reference values by region: spot checks against each authority's published figures, no region
borrowing another's number, the --region option and MAGREF_REGION, and the regions command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from magref import dataset, dosing
from magref.region import Region

from .conftest import Run
from .test_dataset import edit, problems_of

DATA = dataset.load(use_cache=False)
KNOWN = "us, eu, uk, au-nz, dach, nordic, japan, who"

# (region, age, sex, life stage) -> (intake mg or None, the authority's term, upper level mg or None),
# as each authority publishes them (see data/sources.yaml for where each was read).
EXPECTED = [
    ("us", 30, "female", None, 310, "RDA", 350),
    ("us", 0.25, "male", None, 30, "AI", None),
    ("us", 2, "female", None, 80, "RDA", 65),
    ("eu", 30, "female", None, 300, "AI", 250),
    ("eu", 30, "male", None, 350, "AI", 250),
    ("eu", 30, "female", "pregnancy", 300, "AI", 250),
    ("eu", 30, "female", "lactation", 300, "AI", 250),
    ("eu", 2, "male", None, 170, "AI", None),
    ("eu", 5, "male", None, 230, "AI", 250),
    ("eu", 12, "female", None, 250, "AI", 250),
    ("eu", 12, "male", None, 300, "AI", 250),
    ("eu", 0.25, "female", None, None, "AI", None),
    ("eu", 0.75, "female", None, 80, "AI", None),
    ("uk", 30, "female", None, 270, "RNI", 400),
    ("uk", 30, "male", None, 300, "RNI", 400),
    ("uk", 12, "female", None, 280, "RNI", None),
    ("uk", 2, "male", None, 85, "RNI", None),
    ("uk", 0.5, "male", None, 60, "RNI", None),
    ("uk", 0.25, "female", None, 55, "RNI", None),
    ("uk", 0.75, "female", None, 75, "RNI", None),
    ("uk", 0.9, "male", None, 80, "RNI", None),
    ("uk", 30, "female", "pregnancy", 270, "RNI", 400),
    ("uk", 30, "female", "lactation", 320, "RNI", 400),
    ("uk", 17, "female", "lactation", 350, "RNI", None),
    ("au-nz", 30, "male", None, 400, "RDI", 350),
    ("au-nz", 40, "female", None, 320, "RDI", 350),
    ("au-nz", 25, "female", "pregnancy", 350, "RDI", 350),
    ("au-nz", 2, "female", None, 80, "RDI", 65),
    ("au-nz", 0.25, "female", None, 30, "AI", None),
    ("dach", 30, "male", None, 350, "estimated value", 250),
    ("dach", 30, "female", None, 300, "estimated value", 250),
    ("dach", 30, "female", "lactation", 300, "estimated value", 250),
    ("dach", 11, "male", None, 260, "estimated value", 250),
    ("dach", 11, "female", None, 230, "estimated value", 250),
    ("dach", 2, "female", None, 170, "estimated value", None),
    ("nordic", 30, "female", None, 300, "AI", 250),
    ("nordic", 30, "male", None, 350, "AI", 250),
    ("nordic", 12, "female", None, 250, "AI", None),
    ("nordic", 0.75, "male", None, 80, "AI", None),
    ("japan", 40, "male", None, 370, "RDA", 350),
    ("japan", 40, "female", None, 290, "RDA", 350),
    ("japan", 20, "female", None, 270, "RDA", 350),
    ("japan", 80, "male", None, 320, "RDA", 350),
    ("japan", 9, "female", None, 160, "RDA", None),
    ("who", 30, "male", None, 260, "RNI", 350),
    ("who", 30, "female", None, 220, "RNI", 350),
    ("who", 30, "female", "pregnancy", 220, "RNI", 350),
    ("who", 30, "female", "lactation", 270, "RNI", 350),
    ("who", 70, "female", None, 190, "RNI", 350),
    ("who", 70, "male", None, 224, "RNI", 350),
    ("who", 2, "male", None, 60, "RNI", 65),
]


@pytest.mark.parametrize(("region", "age", "sex", "stage", "figure", "term", "upper"), EXPECTED)
def test_region_tables_match_their_sources(
    region: str, age: float, sex: str, stage: str | None, figure: int | None, term: str, upper: int | None
) -> None:
    (target,) = dosing.targets(DATA, age, sex, stage, Region(region))  # type: ignore[arg-type]
    assert (target.rda_mg, target.rda_kind, target.ul_supplemental_mg) == (figure, term, upper)
    if figure is None:
        assert target.reason, "a figure that is not given says why"


@pytest.mark.parametrize(
    ("region", "term", "counts"),
    [
        ("us", "UL", "supplements-and-medicines"),
        ("eu", "UL", "added-and-supplements"),
        ("uk", "upper level", "supplements"),
        ("au-nz", "UL", "supplements"),
        ("dach", "maximum level", "food-supplements"),
        ("nordic", "UL", "supplements"),
        ("japan", "UL", "non-food"),
        ("who", "upper limit", "soluble-in-food-and-water"),
    ],
)
def test_each_upper_level_in_its_own_terms(region: str, term: str, counts: str) -> None:
    upper = dosing.upper_limit(DATA, 30, Region(region))
    assert (upper.term, upper.counts) == (term, counts)


def test_japan_sets_a_per_kilogram_level_for_children() -> None:
    upper = dosing.upper_limit(DATA, 10, Region.JAPAN)
    assert (upper.mg, upper.mg_per_kg) == (None, 5)


def test_every_region_is_in_the_dataset_once() -> None:
    assert sorted(v.id for v in DATA.regions) == sorted(Region)


def test_no_region_borrows_another_regions_figure() -> None:
    """Every figure cites only its own authority's works, and no work belongs to two regions."""
    owner: dict[str, str] = {}
    for values in DATA.regions:
        own = set(values.sources)
        for source_id in own:
            assert owner.setdefault(source_id, values.id) == values.id, source_id
        cited = [s for b in values.intake for s in b.sources] + [
            s for b in values.upper.bands for s in b.sources
        ]
        assert cited and set(cited) <= own, values.id


def test_a_borrowed_citation_is_a_dataset_error(data_copy: Path) -> None:
    edit(
        data_copy / "regions.yaml",
        "{min_age: 1, max_age: 3, term: AI, male: 170, female: 170, sources: [efsa-2015-drv-magnesium]}",
        "{min_age: 1, max_age: 3, term: AI, male: 170, female: 170, sources: [iom-1997]}",
    )
    problems = problems_of(data_copy)
    assert any(
        "not one of the region's own sources" in str(p) and "regions[1].intake[2]" in str(p) for p in problems
    )


def test_a_figure_left_out_without_a_reason_is_a_dataset_error(data_copy: Path) -> None:
    edit(
        data_copy / "regions.yaml",
        "{min_age: 1, max_age: 3, term: AI, male: 170, female: 170,",
        "{min_age: 1, max_age: 3, term: AI, male: null, female: 170,",
    )
    assert any("needs a reason" in str(p) for p in problems_of(data_copy))


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "--age", "30", "--region", "mars"],
        ["convert", "500mg", "oxide", "--region", "mars"],
        ["check", "--age", "30", "--region", "mars"],
    ],
)
def test_an_unknown_region_exits_2_listing_the_known_ones(magref: Run, args: list[str]) -> None:
    result = magref(*args)
    assert result.code == 2, result
    assert "mars" in result.stderr and KNOWN in result.stderr
    assert result.stdout == ""


def test_an_unknown_region_in_the_environment_exits_2(magref: Run) -> None:
    result = magref("dose", "--age", "30", env={"MAGREF_REGION": "mars"})
    assert result.code == 2
    assert "MAGREF_REGION" in result.stderr and KNOWN in result.stderr


def test_the_environment_sets_the_default_region_and_the_option_wins(magref: Run) -> None:
    eu = json.loads(
        magref("dose", "--age", "30", "--sex", "female", "--json", env={"MAGREF_REGION": "EU"}).stdout
    )["targets"][0]
    assert (eu["region"], eu["rda_mg"], eu["ul_supplemental_mg"]) == ("eu", 300, 250)
    us = magref(
        "dose", "--age", "30", "--sex", "female", "--region", "us", "--json", env={"MAGREF_REGION": "eu"}
    )
    assert us.json["targets"][0]["rda_mg"] == 310


def test_the_us_is_the_default_and_says_the_same_figures(magref: Run) -> None:
    (target,) = magref("dose", "--age", "30", "--sex", "female", "--json").json["targets"]
    assert (target["region"], target["rda_mg"], target["rda_kind"], target["ul_supplemental_mg"]) == (
        "us",
        310,
        "RDA",
        350,
    )


def test_eu_dose_reports_efsas_figures_terms_and_source(magref: Run) -> None:
    result = magref("dose", "--age", "30", "--sex", "female", "--region", "eu", env={"COLUMNS": "200"})
    assert result.code == 0
    assert (
        "AI:" in result.stdout and "300 mg elemental" in result.stdout and "250 mg elemental" in result.stdout
    )
    assert "European Food Safety Authority (EFSA)" in result.stdout
    assert "[efsa-2015-drv-magnesium]" in result.stdout
    assert "iom-1997]" not in result.stdout.split("Good to know")[0]


def test_a_life_stage_a_region_gives_no_figure_for_says_why(magref: Run) -> None:
    """The figure is not given, and why; the region's upper limit still answers (no refusal).

    The Nordic table is the example: the UK one now gives its pregnancy figure (no increase)."""
    result = magref("dose", "--age", "30", "--pregnant", "--region", "nordic")
    assert result.code == 0, result
    shown = " ".join(result.stdout.split())
    assert "not given" in shown and "not confirmed" in shown
    [target] = magref("dose", "--age", "30", "--pregnant", "--region", "nordic", "--json").json["targets"]
    assert target["rda_mg"] is None and "not confirmed" in target["reason"]
    assert target["ul_supplemental_mg"] == 250
    check = magref("check", "30", "pregnant", "--take", "glycinate 400 mg", "--region", "nordic", "--json")
    assert check.code == 0, check
    assert check.json["intake"]["targets"][0]["rda_mg"] is None


def test_convert_and_check_use_the_region(magref: Run) -> None:
    eu = magref("convert", "500", "oxide", "--region", "eu", "--json").json
    us = magref("convert", "500", "oxide", "--json").json
    assert (eu["ul_supplemental_mg"], eu["over_ul"]) == (250, True)
    assert (us["ul_supplemental_mg"], us["over_ul"]) == (350, False)
    report = magref(
        "check", "--age", "30", "--sex", "female", "--form", "oxide", "--amount", "500", "--region", "eu"
    )
    assert "Region:" in report.stdout and "eu" in report.stdout
    assert "over the upper limit for supplements (250 mg)" in " ".join(report.stdout.split())
    data = magref("check", "--age", "30", "--region", "japan", "--json").json
    assert data["person"]["region"] == "japan"


def test_compare_regions_gives_one_row_per_region_each_citing_its_own(magref: Run) -> None:
    data = magref("dose", "--age", "30", "--compare-regions", "--json").json
    assert [r["region"] for r in data["regions"]] == [str(r) for r in Region]
    own = {v.id: set(v.sources) for v in DATA.regions}
    for row in data["regions"]:
        assert [t["sex"] for t in row["targets"]] == ["female", "male"]
        for target in row["targets"]:
            assert set(target["sources"]) <= own[row["region"]]
    eu = next(r for r in data["regions"] if r["region"] == "eu")
    assert [t["rda_mg"] for t in eu["targets"]] == [300, 350]


def test_compare_regions_for_a_life_stage_shows_the_gaps(magref: Run) -> None:
    data = magref("dose", "--age", "30", "--pregnant", "--compare-regions", "--json").json
    figures = {r["region"]: r["targets"][0] for r in data["regions"]}
    assert figures["eu"]["rda_mg"] == 300
    assert figures["nordic"]["rda_mg"] is None and figures["nordic"]["reason"]
    assert figures["uk"]["rda_mg"] == 270 and figures["uk"]["reason"] is None


def test_regions_command_finds_a_region_by_alias(magref: Run) -> None:
    result = magref("regions", "germany", "--json")
    assert result.json["items"][0]["id"] == "dach"
    missing = magref("regions", "mars")
    assert missing.code == 1 and "au-nz" in missing.stderr


@pytest.mark.parametrize(
    ("query", "kind", "entry"), [("EU upper limit", "region", "eu"), ("UK upper limit", "region", "uk")]
)
def test_search_finds_regions(magref: Run, query: str, kind: str, entry: str) -> None:
    hits = magref("search", *query.split(), "--json").json["hits"]
    assert (hits[0]["kind"], hits[0]["id"]) == (kind, entry)


def test_compare_regions_refuses_a_region_given_with_it(magref: Run) -> None:
    result = magref("dose", "--age", "30", "--compare-regions", "--region", "eu")
    assert result.code == 2 and "--region" in result.stderr
    from_environment = magref(
        "dose", "--age", "30", "--compare-regions", "--json", env={"MAGREF_REGION": "eu"}
    )
    assert from_environment.code == 0


def test_a_figure_not_given_says_why_in_every_view(magref: Run) -> None:
    dose = magref("dose", "--months", "3", "--sex", "female", "--region", "eu", env={"COLUMNS": "200"})
    assert "not given: EFSA set no value" in dose.stdout
    assert "EFSA found too few data below age 4" in dose.stdout
    check = magref("check", "--months", "3", "--region", "eu", "--json")
    targets = check.json["intake"]["targets"]
    assert all(t["rda_mg"] is None and t["reason"] for t in targets)


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "30", "female", "efsa"],
        ["dose", "30", "female", "--region", "efsa"],
        ["dose", "30", "--sex", "girl", "--region", "European Union"],
    ],
)
def test_a_region_and_a_sex_are_read_by_any_name_they_go_by(magref: Run, args: list[str]) -> None:
    target = magref(*args, "--json").json["targets"][0]
    assert (target["region"], target["sex"]) == ("eu", "female")


@pytest.mark.parametrize(
    ("args", "figure", "upper"),
    [
        (["6", "months"], 60, None),
        (["3", "months"], 55, None),
        (["4", "months"], 60, None),
        (["9", "months"], 75, None),
        (["11", "months"], 80, None),
        (["30", "female", "breastfeeding"], 320, 400),
        (["30", "pregnant"], 270, 400),
        (["16", "breastfeeding"], 350, None),
    ],
)
def test_uk_babies_and_breastfeeding_follow_coma(
    magref: Run, args: list[str], figure: int, upper: int | None
) -> None:
    """COMA's RNIs for babies by quarter year, no increase in pregnancy, 50 mg more while breastfeeding."""
    targets = magref("dose", *args, "--region", "uk", "--json").json["targets"]
    shown_json = {(t["rda_mg"], t["rda_kind"], t["ul_supplemental_mg"]) for t in targets}
    assert shown_json == {(figure, "RNI", upper)}
    assert all(t["reason"] is None and "bnf-nutrition-requirements-2021" in t["sources"] for t in targets)
    shown = " ".join(magref("dose", *args, "--region", "uk").stdout.split())
    assert f"{figure} mg elemental" in shown and "not confirmed" not in shown


def test_uk_table_shows_every_age_and_stage(magref: Run) -> None:
    [uk] = [v for v in DATA.regions if v.id == "uk"]
    assert uk.stage_reason is None
    assert all(b.male is not None and b.female is not None for b in uk.intake)
    shown = " ".join(magref("regions", "uk", env={"COLUMNS": "200"}).stdout.split())
    assert "4 to <7 months RNI 60 mg 60 mg" in shown
    assert "19+ years RNI 270 mg 300 mg 270 mg 320 mg" in shown
    assert "not confirmed" not in shown
