"""The core as a library: typed inputs in, facts (codes, numbers, structures) out, no wording."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref import check, dataset, interactions, plan
from magref.catalog import Catalog
from magref.check import Medicine, Person
from magref.intake import Basis, Intake, Mass, Measure
from magref.render import phrases

from .refusals import refused


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


def elemental(name: str, mg: float) -> Intake:
    return Intake(text=f"{name} {mg:g} mg elemental", name=name, mass=Mass(mg, Basis.ELEMENTAL))


# -- which magnesium products an interaction concerns ---------------------------------------------


@pytest.mark.parametrize(
    ("concerns", "acts_as", "product", "expected"),
    [
        ("any-magnesium", [], False, "applies"),
        ("any-magnesium", None, False, "applies"),
        ("antacids-laxatives", [], False, "not-named"),
        ("antacids-laxatives", ["antacid"], False, "applies"),
        ("antacids-laxatives", ["laxative"], False, "may-apply"),
        ("antacids-laxatives", ["laxative"], True, "applies"),
        ("antacids-laxatives", ["supplement"], True, "not-named"),
        ("antacids-laxatives", None, False, "may-apply"),
        ("intravenous", ["antacid", "laxative"], True, "not-named"),
    ],
)
def test_relevance_of_a_class_to_one_product(
    concerns: str, acts_as: list[str] | None, product: bool, expected: str
) -> None:
    assert interactions.relevance(concerns, acts_as, product=product) == expected  # type: ignore[arg-type]


def test_a_stomach_acid_class_applies_to_milk_of_magnesia_and_not_to_glycinate(data: Catalog) -> None:
    report = check.check(
        data,
        Person(age=40),
        items=[
            elemental("glycinate", 200),
            Intake(text="milk of magnesia 30 mL", name="milk of magnesia", measure=Measure(30, "mL")),
        ],
        drugs=[Medicine("Harvoni", 8 * 60)],
    )
    found = {(r.class_id, r.item): r.relevance for r in report.relevance}
    assert found == {
        ("acid-dependent-antivirals", 0): "not-named",
        ("acid-dependent-antivirals", 1): "applies",
    }


def test_a_binding_class_applies_to_every_product(data: Catalog) -> None:
    report = check.check(data, Person(age=40), items=[elemental("glycinate", 200)], drugs=[Medicine("cipro")])
    assert [(r.class_id, r.relevance) for r in report.relevance] == [("fluoroquinolones", "applies")]


def test_forms_that_act_as_antacids_are_marked_in_the_data(data: Catalog) -> None:
    acts = {form.id: form.acts_as for form in data.forms}
    assert "antacid" in acts["hydroxide"] and "antacid" in acts["carbonate"]
    assert acts["glycinate"] == [] and acts["threonate"] == []


# -- flags are codes with their figures ----------------------------------------------------------


def test_flags_are_codes_with_figures(data: Catalog) -> None:
    report = check.check(
        data,
        Person(age=40, sex="female"),
        items=[elemental("glycinate", 300), elemental("citrate", 200)],
        drugs=[Medicine("Lasix"), Medicine("unobtainol")],
        conditions=["kidney disease", "dragon pox"],
    )
    by_code = {flag.code: flag for flag in report.flags}
    over = by_code["over-upper-limit"]
    assert over.figures == {"total_elemental_mg": 500, "upper_limit_mg": 350, "items": 2}
    assert by_code["interaction"].subject == "loop-diuretics"
    assert by_code["interaction"].match is not None
    assert by_code["medicine-not-listed"].subject == "unobtainol"
    assert by_code["condition-not-listed"].subject == "dragon pox"
    assert by_code["caution"].detail == "kidney"
    levels = [flag.level for flag in report.flags]
    assert levels == sorted(levels, key=check.FLAG_ORDER.index)


def test_no_window_is_a_flag_when_gaps_leave_no_time(data: Catalog) -> None:
    every_four_hours = [Medicine("cipro", hour * 60) for hour in range(0, 24, 4)]
    report = check.check(data, Person(age=40), drugs=every_four_hours)
    assert report.plan is not None and report.plan.windows == []
    assert "no-window" in {flag.code for flag in report.flags}


@pytest.mark.parametrize("code", get_args(check.FlagCode))
def test_every_flag_code_has_its_own_words(data: Catalog, code: str) -> None:
    match = interactions.Match(data.interactions[0])
    flag = check.Flag(
        level="note",
        code=code,  # type: ignore[arg-type]
        subject="x",
        detail="y",
        figures={"mg_per_kg": 5, "total_elemental_mg": 400, "upper_limit_mg": 350, "items": 1},
        match=match,
    )
    others = {
        phrases.flag(
            check.Flag(level="note", code=other, subject="x", detail="y", figures=flag.figures, match=match)
        )
        for other in get_args(check.FlagCode)
        if other != code
    }
    assert phrases.flag(flag) not in others


# -- plans carry their notes as codes and their windows --------------------------------------------


def test_plan_notes_are_codes(data: Catalog) -> None:
    made = plan.make_plan(
        data,
        [
            plan.DoseRequest("furosemide", 480),
            plan.DoseRequest("unobtainol", 540),
            plan.DoseRequest("raltegravir", 600),
        ],
    )
    assert [(note.code, note.drug) for note in made.notes] == [
        ("not-listed", "unobtainol"),
        ("timing-does-not-help", "furosemide"),
        ("no-enough-gap", "raltegravir"),
    ]
    assert made.windows == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["cipro", "levothyroxine", "doxycycline", "Harvoni", "gabapentin"]),
            st.integers(0, 1439),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_a_plan_window_holds_exactly_the_minutes_that_keep_every_gap(
    data: Catalog, doses: list[tuple[str, int]]
) -> None:
    made = plan.make_plan(data, [plan.DoseRequest(name, minute) for name, minute in doses])
    for minute in range(0, plan.DAY, 7):
        assert made.is_open(minute) == plan.allowed(minute, made.doses)


def test_a_name_that_is_a_class_and_a_drug_reads_as_the_drug(data: Catalog) -> None:
    found = interactions.match(data, ["levothyroxine"])
    assert [(n.drug, n.via) for n in found.matches[0].matched] == [("levothyroxine", "generic")]


def test_a_brand_keeps_how_it_was_reached(data: Catalog) -> None:
    found = interactions.match(data, ["Lasix"])
    name = found.matches[0].matched[0]
    assert (name.drug, name.via, name.label, name.corrected) == ("furosemide", "brand", "Lasix", False)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["levo@7am"], [("levo", 420)]),
        (["synthroid at 7am and cipro at 9 pm"], [("synthroid", 420), ("cipro", 1260)]),
        (["synthroid 6am"], [("synthroid", 360)]),
        (["levothyroxine 100 mcg 7 am"], [("levothyroxine", 420)]),
        (["cipro@9am and 9pm"], [("cipro", 540), ("cipro", 1260)]),
        (["cipro@9am,9pm", "levo", "@", "0630"], [("cipro", 540), ("cipro", 1260), ("levo", 390)]),
        (["cipro 9am & 21:00"], [("cipro", 540), ("cipro", 1260)]),
        (["cipro@9am daily"], [("cipro", 540)]),
        (["fosamax@6am once a week"], [("fosamax", 360)]),
        (["my", "doxy", "at", "8:00", "levo", "at", "noon"], [("doxy", 480), ("levo", 720)]),
        (["meet", "at", "home@8am"], [("meet at home", 480)]),
    ],
)
def test_doses_as_people_write_them(words: list[str], expected: list[tuple[str, int]]) -> None:
    from magref.syntax import parse_doses

    requests, untimed = parse_doses(words)
    assert [(dose.drug, dose.minute) for dose in requests] == expected
    assert untimed == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lasix", [("Lasix", None)]),
        ("levothyroxine 100", [("levothyroxine", None)]),
        ("levo at 7am", [("levo", 420)]),
        ("cipro@9am and 9pm", [("cipro", 540), ("cipro", 1260)]),
    ],
)
def test_a_checked_medicine_with_no_time_one_time_or_several(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    from magref.syntax import parse_medicine

    assert [(medicine.drug, medicine.minute) for medicine in parse_medicine(text)] == expected


@pytest.mark.parametrize(("words", "message"), [(["cipro@xyz"], "cannot read 'xyz'"), (["@7am"], "@7am")])
def test_a_sign_without_a_time_or_a_name_is_refused(words: list[str], message: str) -> None:
    from magref.errors import InputError
    from magref.syntax import parse_doses

    with refused(InputError, message):
        parse_doses(words)


def test_a_dose_without_a_time_is_refused_not_dropped() -> None:
    from magref.errors import InputError
    from magref.syntax import parse_doses

    with refused(InputError, "'cipro at home' has no time"):
        parse_doses(["levo@7am", "cipro", "at", "home"])


def test_every_mechanism_and_every_set_of_products_has_words() -> None:
    from magref.model import Concerns, MechanismKind
    from magref.render.interaction_views import CONCERNS_WORDS, MECHANISM_WORDS
    from magref.render.phrases import SHORT_CONCERNS

    assert set(MECHANISM_WORDS) == set(get_args(MechanismKind))
    assert set(CONCERNS_WORDS) == set(SHORT_CONCERNS) == set(get_args(Concerns))


@pytest.mark.parametrize(
    ("window", "minute", "choice"),
    [
        ((11 * 60, 15 * 60), 13 * 60, "middle"),
        ((19 * 60, 2 * 60), 20 * 60 + 30, "middle-awake"),
        ((23 * 60, 3 * 60), 23 * 60 + 30, "nearest-awake"),
        ((60, 5 * 60), 5 * 60 - 30, "nearest-awake"),
    ],
)
def test_a_suggested_time_falls_in_waking_hours_when_it_can(
    window: tuple[int, int], minute: int, choice: str
) -> None:
    from magref.plan import suggestions

    (found,) = suggestions([window], [])
    assert (found.minute, found.choice) == (minute, choice)
