"""Doses beyond a supplement's: a label's dose by age, and the doses studied for a use against the
upper limit. Through the core with typed inputs, through the views with hand-made answers, and
through the command line."""

from __future__ import annotations

import itertools
from typing import Any

import msgspec
import pytest

from magref import amounts, dataset, doses
from magref import check as core
from magref.errors import NotFound
from magref.model import AgeDose, Finding, Product, StudiedDose, Use
from magref.region import Region
from magref.render import dose_views

from .conftest import Run

DATA = dataset.load()


def product(product_id: str) -> Product:
    found = DATA.by_id("products", product_id, Product)
    assert found is not None
    return found


def made_product(*bands: AgeDose) -> Product:
    """A hand-made liquid product: 100 mg of elemental magnesium in each 10 mL."""
    return Product(
        id="test-liquid", name="Test liquid", region="US", purposes=["laxative"], unit="mL", per=10,
        elemental_mg=100, basis="label", max_daily=60, use="A test.", age_doses=list(bands),
        sources=["ods-hp"],
    )  # fmt: skip


def made_use(*dosed: StudiedDose) -> Use:
    finding = Finding(
        context="A test setting", grade="limited", text="A test.", studied=["adults"],
        not_studied=["children"], doses=list(dosed), sources=["ods-hp"],
    )  # fmt: skip
    return Use(
        id="test-use", name="Test use", grade="limited", summary="A test.", studied=["adults"],
        not_studied=["children"], findings=[finding], sources=["ods-hp"],
    )  # fmt: skip


def studied(low: float, high: float, basis: Any = "elemental", **more: Any) -> StudiedDose:
    return StudiedDose(
        low_mg=low, high_mg=high, basis=basis, duration="4 weeks", who="adults", sources=["ods-hp"], **more
    )


def person_check(age: float, *items: str, for_uses: tuple[str, ...] = ()) -> core.Report:
    taken = [amounts.parse_item(text) for text in items]
    return core.check(DATA, core.Person(age), taken, for_uses=for_uses)


def codes(report: core.Report) -> list[str]:
    return [flag.code for flag in report.flags]


# -- a label's dose by age, in the core ------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "advice", "low", "high", "low_mg", "high_mg"),
    [
        (3, "ask-a-doctor", None, None, None, None),
        (6, "dose", 15, 30, 500, 1000),
        (8, "dose", 15, 30, 500, 1000),
        (11.9, "dose", 15, 30, 500, 1000),
        (12, "dose", 30, 60, 1000, 2000),
        (70, "dose", 30, 60, 1000, 2000),
    ],
)
def test_milk_of_magnesia_label_gives_each_age_its_own_row(
    age: float,
    advice: str,
    low: float | None,
    high: float | None,
    low_mg: float | None,
    high_mg: float | None,
) -> None:
    dose = doses.label_dose(product("milk-of-magnesia"), age)
    assert dose.advice == advice
    assert dose.table_read
    assert (dose.low_units, dose.high_units) == (low, high)
    assert (dose.low_elemental_mg, dose.high_elemental_mg) == (low_mg, high_mg)
    assert dose.sources == ["label-phillips-milk-of-magnesia"]


def test_epsom_salt_is_advised_against_under_six_and_dosed_by_the_teaspoon_after() -> None:
    epsom = product("epsom-salt-oral")
    assert doses.label_dose(epsom, 4).advice == "do-not-use"
    child = doses.label_dose(epsom, 8)
    assert (child.low_units, child.high_units, child.max_units) == (1, 2, 4)
    assert child.most_units == 4
    assert child.high_elemental_mg == 990


def test_citrate_solution_rows_are_in_millilitres_with_their_elemental_magnesium() -> None:
    dose = doses.label_dose(product("magnesium-citrate-solution"), 5)
    assert (dose.low_units, dose.high_units) == (59, 89)
    assert dose.high_elemental_mg == pytest.approx(89 * 290 / 30, abs=0.1)
    assert doses.label_dose(product("magnesium-citrate-solution"), 1).advice == "ask-a-doctor"


def test_a_label_without_an_age_table_and_an_age_the_table_leaves_out_are_told_apart() -> None:
    assert doses.label_dose(product("rolaids-ultra"), 8) == doses.LabelDose(
        product=product("rolaids-ultra"), age=8, advice="none-given", table_read=False
    )
    baby = doses.label_dose(product("magnaspartate"), 1)
    assert (baby.advice, baby.table_read, baby.band) == ("none-given", True, None)


def test_a_row_ends_before_its_upper_age() -> None:
    liquid = made_product(
        AgeDose(from_age=6, below_age=12, advice="dose", low=5, high=10, sources=["ods-hp"]),
        AgeDose(from_age=12, advice="dose", low=10, high=20, max_daily=40, sources=["ods-hp"]),
    )
    assert doses.band_for(liquid, 5.99) is None
    assert doses.label_dose(liquid, 11.99).high_units == 10
    adult = doses.label_dose(liquid, 12)
    assert (adult.high_units, adult.most_units, adult.max_elemental_mg) == (20, 40, 400)


def test_every_age_table_is_in_order_without_gaps_inside_or_overlaps() -> None:
    for item in DATA.products:
        bands = item.age_doses
        for before, after in itertools.pairwise(bands):
            assert before.below_age == after.from_age, item.id
        for band in bands:
            if band.advice == "dose":
                assert band.low is not None and band.high is not None, item.id
                assert band.low <= band.high <= (band.max_daily or band.high), item.id
            else:
                assert band.low is band.high is None, item.id
    filled = {item.id for item in DATA.products if item.age_doses}
    assert {"milk-of-magnesia", "epsom-salt-oral", "magnesium-citrate-solution"} <= filled


# -- the doses studied for a use, in the core --------------------------------------------------------


def test_migraine_trial_doses_pass_every_adult_upper_limit_that_is_set() -> None:
    migraine = DATA.by_id("uses", "migraine", Use)
    assert migraine is not None
    for region in Region:
        found = doses.use_doses(DATA, migraine, region=region)
        limit = found.upper.mg
        first = found.doses[0]
        assert (first.dose.basis, first.elemental_high_mg) == ("elemental", 600)
        if limit is None:
            assert first.status == "no-limit"
        else:
            assert first.status == ("over" if limit < 600 else "at-or-under"), region
            assert found.needs_clinician is (limit < 600)
    us = doses.use_doses(DATA, migraine)
    assert us.upper.mg == 350 and us.needs_clinician and us.highest_over_mg == 600
    unsure = us.doses[1]
    assert (unsure.status, unsure.elemental_high_mg, unsure.over_if_elemental) == (
        "basis-not-stated",
        None,
        True,
    )
    assert unsure.compound_reading_high_mg == pytest.approx(600 * 0.162, abs=1)


def test_constipation_doses_are_worked_out_from_the_compound_and_read_from_the_labels() -> None:
    found = doses.evidence(DATA, "constipation").doses
    oxide = found.doses[0]
    assert (oxide.dose.basis, oxide.derived, oxide.status) == ("compound", True, "over")
    assert oxide.elemental_high_mg == pytest.approx(1500 * 0.603, abs=1)
    labels = found.doses[1:]
    assert [d.dose.sources[0] for d in labels] == [
        "label-phillips-milk-of-magnesia", "label-magnesium-citrate-solution", "label-epsom-salt-oral",
    ]  # fmt: skip
    assert all(d.status == "over" and not d.derived for d in labels)
    assert found.highest_over_mg == 3960
    assert "mori-2019" in found.source_ids


def test_each_basis_and_route_is_held_against_the_limit_as_it_allows() -> None:
    use = made_use(
        studied(300, 300),
        studied(100, 400, form="glycinate", basis="compound"),
        studied(500, 500, form="dragon-salt", basis="compound"),
        studied(2000, 4000, route="intravenous"),
        studied(200, 200, basis="not-stated", form="oxide"),
    )
    adult = doses.use_doses(DATA, use)
    statuses = [d.status for d in adult.doses]
    assert statuses == ["at-or-under", "at-or-under", "form-not-known", "not-by-mouth", "basis-not-stated"]
    assert adult.doses[1].elemental_high_mg == pytest.approx(400 * 0.141, abs=0.5)
    assert adult.doses[4].over_if_elemental is False
    assert adult.needs_clinician is False
    toddler = doses.use_doses(DATA, use, age=2)
    assert toddler.upper.mg == 65
    assert [d.status for d in toddler.doses][:2] == ["over", "at-or-under"]
    assert toddler.needs_clinician and toddler.highest_over_mg == 300


def test_uses_named_twice_are_counted_once_and_an_unknown_use_is_not_found() -> None:
    assert [u.use_id for u in doses.uses_doses(DATA, ["migraines", "migraine", "constipation"])] == [
        "migraine",
        "constipation",
    ]
    with pytest.raises(NotFound):
        doses.uses_doses(DATA, ["dragon pox"])


def test_every_compound_dose_names_a_form_magref_holds_and_every_range_runs_upward() -> None:
    """A compound weight is turned into elemental magnesium by its form, so it must name one magref
    holds; a dose given otherwise may name its compound in words ("pidolate")."""
    forms = {form.id for form in DATA.forms}
    for use in DATA.uses:
        for finding in use.findings:
            for dose in finding.doses:
                assert dose.low_mg <= dose.high_mg, use.id
                if dose.basis == "compound":
                    assert dose.form in forms, (use.id, dose.form)
    migraine = DATA.by_id("uses", "migraine", Use)
    assert migraine is not None and any(finding.doses for finding in migraine.findings)


# -- the check: a child's label dose, and the doses for a use ------------------------------------------


def test_a_child_over_the_label_row_is_flagged_and_the_upper_limit_still_held() -> None:
    report = person_check(8, "milk of magnesia 45 mL")
    over = next(flag for flag in report.flags if flag.code == "over-age-dose")
    assert over.level == "ask"
    assert over.label_dose is not None and over.label_dose.high_units == 30
    assert over.figures["units_per_day"] == 45
    limit = next(flag for flag in report.flags if flag.code == "over-upper-limit")
    assert limit.figures["upper_limit_mg"] == 110


@pytest.mark.parametrize(
    ("age", "item", "expected"),
    [
        (8, "milk of magnesia 30 mL", []),
        (8, "milk of magnesia 15 mL x2", []),
        (8, "milk of magnesia 20 mL x2", ["over-age-dose"]),
        (4, "milk of magnesia 15 mL", ["age-ask-a-doctor"]),
        (4, "1 tsp Epsom salt by mouth", ["age-do-not-use"]),
        (8, "1 tsp Epsom salt by mouth x3", []),
        (8, "3 tsp Epsom salt by mouth", ["over-age-dose"]),
        (8, "2 tsp Epsom salt by mouth x3", ["over-age-dose"]),
        (8, "rolaids 2 tablets", ["age-dose-not-given"]),
        (8, "glycinate 50 mg elemental", []),
        (12, "milk of magnesia 45 mL", []),
        (30, "milk of magnesia 90 mL", []),
    ],
)
def test_a_label_row_is_used_for_children_under_twelve_only(
    age: float, item: str, expected: list[str]
) -> None:
    found = [code for code in codes(person_check(age, item)) if code.startswith(("over-age", "age-"))]
    assert found == expected


def test_a_label_that_advises_against_it_stops_first() -> None:
    report = person_check(4, "1 tsp Epsom salt by mouth")
    assert report.flags[0].code == "age-do-not-use" and report.flags[0].level == "stop"


def test_check_for_a_use_carries_its_doses_flags_them_and_cites_the_trials() -> None:
    report = person_check(40, for_uses=("migraine",))
    assert [u.use_id for u in report.uses] == ["migraine"]
    flag = next(flag for flag in report.flags if flag.code == "studied-dose-over-limit")
    assert flag.figures == {"highest_elemental_mg": 600, "upper_limit_mg": 350}
    assert flag.studied == report.uses[0]
    assert {"peikert-1996", "koseoglu-2008"} <= {source.id for source in report.sources}
    assert "studied-dose-over-limit" not in codes(person_check(40))


def test_a_use_whose_doses_stay_within_the_limit_raises_no_flag() -> None:
    report = person_check(40, for_uses=("bone health",))
    assert report.uses[0].use_id == "bone-health"
    assert report.uses[0].doses
    assert "studied-dose-over-limit" not in codes(report)


# -- the views, from hand-made answers -----------------------------------------------------------------


def test_label_dose_words_say_the_row_its_amounts_and_what_to_do() -> None:
    liquid = made_product(
        AgeDose(from_age=0, below_age=6, advice="ask-a-doctor", sources=["ods-hp"]),
        AgeDose(from_age=6, below_age=12, advice="dose", low=5, high=10, max_daily=20, sources=["ods-hp"]),
        AgeDose(from_age=12, advice="do-not-use", sources=["ods-hp"]),
    )
    band = liquid.age_doses[1]
    made = doses.LabelDose(
        product=liquid, age=7, advice="dose", table_read=True, band=band, low_units=5, high_units=10,
        max_units=20, low_elemental_mg=50, high_elemental_mg=100, max_elemental_mg=200,
    )  # fmt: skip
    text = dose_views.label_dose_text(made)
    assert text == (
        "At age 7 the label's dose (ages 6 to 11) is 5 to 10 mL a day, 50 to 100 mg of elemental "
        "magnesium; at most 20 mL (200 mg elemental) in 24 hours."
    )
    ask = msgspec.structs.replace(made, age=3, advice="ask-a-doctor", band=liquid.age_doses[0])
    assert "ages under 6" in dose_views.label_dose_text(ask) and "ask a doctor" in dose_views.label_dose_text(
        ask
    )
    against = msgspec.structs.replace(made, age=40, advice="do-not-use", band=liquid.age_doses[2])
    assert "advises against it (ages 12 and over)" in dose_views.label_dose_text(against)
    unread = doses.LabelDose(product=liquid, age=7, advice="none-given", table_read=False)
    assert "no doses by age" in dose_views.label_dose_text(unread)
    assert (
        dose_views.age_span(AgeDose(from_age=0.5, below_age=2, advice="dose", low=1, high=1, sources=["x"]))
        == "0.5 to under 2"
    )


def test_studied_dose_words_say_the_basis_and_the_limit() -> None:
    adult = doses.use_doses(
        DATA, made_use(studied(600, 600, form="citrate"), studied(500, 500, basis="not-stated"))
    )
    over, unsure = (dose_views.studied_dose_text(d, adult.upper) for d in adult.doses)
    assert over.startswith("600 mg of elemental magnesium a day as magnesium citrate (4 weeks): adults.")
    assert "Over the upper limit for supplements (350 mg elemental a day)" in over
    assert "not said whether elemental or compound" in unsure and "If elemental, over" in unsure
    summary = dose_views.use_doses_text(adult)
    assert summary.startswith("Doses studied for Test use pass the upper limit for adults (us: 350 mg")
    assert summary.endswith("take doses like these only with a doctor's advice.")
    empty = doses.use_doses(DATA, made_use())
    assert dose_views.use_doses_text(empty) == "magref holds no doses studied for Test use yet."
    assert doses.use_doses_document(empty).needs_clinician is False


# -- through the command line ------------------------------------------------------------------------


def test_products_at_an_age_gives_the_label_row(magref: Run) -> None:
    text = magref("products", "milk", "of", "magnesia", "--age", "8", env={"COLUMNS": "200"})
    assert text.code == 0
    assert "At age 8 the label's dose (ages 6 to 11) is 15 to 30 mL a day, 500 to 1,000 mg" in text.stdout
    assert "Ages 12 and over: 30 to 60 mL a day = 1,000 to 2,000 mg elemental" in text.stdout
    found = magref("products", "milk", "of", "magnesia", "--age", "3", "--json").json["at_age"]
    assert (found["advice"], found["from_age"], found["below_age"], found["low_units"]) == (
        "ask-a-doctor",
        0,
        6,
        None,
    )
    assert "ask a doctor" in found["message"]


def test_products_at_an_age_without_a_table_or_a_name(magref: Run) -> None:
    found = magref("products", "rolaids", "--age", "8", "--json").json["at_age"]
    assert (found["advice"], found["table_read"]) == ("none-given", False)
    missing = magref("products", "--age", "8")
    assert missing.code == 2 and "--age needs a product" in missing.stderr
    assert magref("products", "milk of magnesia", "--age", "200").code == 2


def test_evidence_holds_the_doses_against_the_region_limit(magref: Run) -> None:
    us = magref("evidence", "migraine", "--json").json
    assert us["items"][0]["id"] == "migraine"
    assert us["doses"]["upper_limit"]["mg"] == 350 and us["doses"]["needs_clinician"] is True
    assert [d["status"] for d in us["doses"]["doses"]] == ["over", "basis-not-stated"]
    eu = magref("evidence", "migraine", "--region", "eu", "--json").json
    assert eu["doses"]["upper_limit"]["mg"] == 250 and eu["doses"]["region"] == "eu"
    text = magref("evidence", "migraine", env={"COLUMNS": "200"}).stdout
    assert "Doses studied for Migraine prevention pass the upper limit for adults (us: 350 mg" in text
    assert "[peikert-1996]" in text
    assert "Doses studied" not in magref("evidence", "heartburn").stdout


def test_check_for_a_use_shows_its_doses_and_a_child_its_label_row(magref: Run) -> None:
    report = magref("check", "--age", "40", "--for", "migraine", "--for", "constipation", "--json").json
    assert [u["id"] for u in report["uses"]] == ["migraine", "constipation"]
    assert all(u["needs_clinician"] for u in report["uses"])
    assert sum(f["code"] == "studied-dose-over-limit" for f in report["flags"]) == 2
    assert magref("check", "--age", "40", "--json").json["uses"] == []
    child = magref("check", "--age", "8", "--take", "milk of magnesia 45 mL", "--json").json
    over = next(f for f in child["flags"] if f["code"] == "over-age-dose")
    assert "15 to 30 mL a day" in over["message"] and over["figures"]["units_per_day"] == 45
    text = magref(
        "check", "8", "--take", "milk of magnesia 45 mL", "--for", "migraine", env={"COLUMNS": "200"}
    ).stdout
    assert "Doses studied for Migraine prevention" in text
    assert "ASK: 'milk of magnesia 45 mL' is more than the label gives for this age." in text
    assert magref("check", "--age", "40", "--for", "dragon pox").code == 1
