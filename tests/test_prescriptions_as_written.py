"""Prescription lines as pharmacists and clinical records write them: salts, release forms, days of
the week, and medicines the dataset holds but has not checked.

The salt and release lines are the forms found in clinical order sets and discharge lists
("Metoprolol Succinate ER 25 mg PO daily", "Atorvastatin 80 mg PO QHS"); the days are the
shorthand of alternating thyroid doses ("50 mcg M-F, 75 mcg Sat-Sun").
"""

from __future__ import annotations

import pytest

from magref import dataset, plan, regimen
from magref.interactions import resolve_medicine

from .conftest import Run
from .refusals import refused

DATA = dataset.load(use_cache=False)


@pytest.mark.parametrize(
    ("typed", "medicine"),
    [
        ("Metoprolol Succinate ER 25 mg PO daily", "metoprolol"),
        ("metoprolol tartrate 25 mg bid", "metoprolol"),
        ("Doxycycline hyclate 100mg cap 1 po bid x10d", "doxycycline"),
        ("doxycycline monohydrate 100 mg twice a day", "doxycycline"),
        ("amlodipine besylate 5 mg daily", "amlodipine"),
        ("losartan potassium 50 mg daily", "losartan"),
        ("sertraline HCl 50 mg qd", "sertraline"),
        ("bupropion XL 150 mg qam", "bupropion"),
        ("ciprofloxacin extended release 500 mg daily", "ciprofloxacin"),
    ],
)
def test_a_salt_or_release_word_is_read_as_part_of_the_medicine(typed: str, medicine: str) -> None:
    [read] = regimen.read_regimens([typed])
    found = resolve_medicine(DATA, read.medicine)
    assert found.unknown == [], found.unknown
    named = {hit.drug.name for hit in found.hits if hit.drug is not None}
    named |= {item.medicine.name for item in found.medicines}
    assert medicine in named


def test_a_salt_word_alone_is_still_not_a_medicine() -> None:
    """Only right after a medicine's name: "potassium" on its own names nothing magref holds."""
    found = resolve_medicine(DATA, "potassium")
    assert found.unknown == ["potassium"]


def test_a_word_after_a_name_that_is_no_salt_is_still_reported() -> None:
    found = resolve_medicine(DATA, "doxycycline unobtainium")
    assert found.unknown == ["unobtainium"]


@pytest.mark.parametrize(
    ("typed", "weekdays", "every_days", "per_day"),
    [
        ("levothyroxine 100mcg mon-fri 6am", [0, 1, 2, 3, 4], 7, None),
        ("levothyroxine 100 mcg M-F", [0, 1, 2, 3, 4], 7, None),
        ("cipro 500 mg Mon to Fri", [0, 1, 2, 3, 4], 7, None),
        ("methotrexate 2.5 mg Sat-Sun", [5, 6], 7, None),
        ("doxycycline 100 mg MWF", [0, 2, 4], 7, None),
        ("alendronate 70 mg weekly sunday 6am", [6], 7, None),
        ("metformin 500 mg weekdays", [0, 1, 2, 3, 4], 7, None),
        ("levothyroxine 50 mcg M-F, 75 mcg Sat-Sun", [], 1, 1),  # every day, two strengths
    ],
)
def test_days_of_the_week_as_written(
    typed: str, weekdays: list[int], every_days: int, per_day: int | None
) -> None:
    [read] = regimen.read_regimens([typed])
    assert read.weekdays == weekdays
    assert read.every_days == every_days
    assert read.per_day == per_day


def test_a_lone_letter_is_no_day() -> None:
    """ "M" or "F" alone is not read as Monday or Friday; only as the end of a range."""
    for typed in ("vitamin D 1000 iu F", "levothyroxine 100 mcg M"):
        assert all(read.weekdays == [] for read in regimen.read_regimens([typed]))


def test_a_medicine_held_but_not_checked_is_named_so_in_the_plan() -> None:
    requests, untimed = regimen_requests(["Metformin 500mg PO BID with meals", "Atorvastatin 40 mg qhs"])
    result = plan.make_plan(DATA, requests, untimed=untimed)
    codes = {(note.code, tuple(note.medicines)) for note in result.notes}
    assert ("not-checked", ("metformin",)) in codes
    assert ("not-checked", ("atorvastatin",)) in codes
    assert all(note.code != "not-listed" for note in result.notes)
    unplaced = list(dict.fromkeys(request.drug for request in result.unmatched))
    assert unplaced == ["Metformin", "Atorvastatin"]  # held, no gap known
    assert result.answered


def regimen_requests(lines: list[str]) -> tuple[list[plan.DoseRequest], list[regimen.Regimen]]:
    from magref.syntax import parse_doses

    return parse_doses(lines)


def test_plan_of_medicines_not_checked_says_so_and_is_no_error(magref: Run) -> None:
    result = magref("plan", "Metformin 500mg PO BID with meals", "atorvastatin 40 mg qhs")
    assert result.code == 0, result
    assert "metformin: not checked" in result.stdout
    assert "not in magref's dataset" not in result.stdout


def test_check_lists_only_what_the_dataset_does_not_hold_as_not_in_it(magref: Run) -> None:
    result = magref(
        "check", "60", "male", "--drug", "metformin 500 mg bid", "--drug", "unobtainol 5 mg", "--json"
    )
    unknown = result.json["unknown"]
    assert {"kind": "medicine", "name": "unobtainol"} in unknown
    assert all(item["name"].lower() != "metformin" for item in unknown)
    flags = {(flag["code"], flag["subject"].lower()) for flag in result.json["flags"]}
    assert ("medicine-not-checked", "metformin") in flags  # held, not checked: not "not listed"
    assert ("medicine-not-listed", "unobtainol") in flags


def test_report_words_a_medicine_not_checked_apart_from_one_not_held(magref: Run) -> None:
    result = magref(
        "report",
        "60",
        "male",
        "--drug",
        "metformin 500 mg bid",
        "--drug",
        "unobtainol 5 mg",
        "--format",
        "md",
    )
    assert result.code == 0, result
    text = result.stdout
    assert "**metformin** (medicine): not checked: magref has not checked this medicine" in text
    assert "**unobtainol** (medicine): not in magref's dataset" in text


@pytest.mark.parametrize(
    ("typed", "dose", "days"),
    [
        ("take one 1 tablets by mouth once in the morning", "one 1 tablets", None),
        ("Take one (1) tablet by mouth twice daily for seven (7) days", "one (1) tablet", 7),
        ("Dulcolax 5 mg, one tablet every evening for three (3 )evenings", "one tablet", 3),
    ],
)
def test_a_count_said_in_words_and_figures_is_one_count(typed: str, dose: str, days: int | None) -> None:
    [read] = regimen.read_regimens([typed])
    assert read.dose == dose
    assert read.days == days


def test_an_interval_said_twice_is_read_once() -> None:
    [read] = regimen.read_regimens(["take 3 mls by nebulization every 6 six hours as needed for wheezing"])
    assert read.per_day == 4
    assert read.route == "inhaled"
    assert read.as_needed
    roles = {piece.text: piece.role for piece in read.pieces}
    assert roles["for wheezing"] == "reason"  # what it is for, not a second medicine


@pytest.mark.parametrize(
    "typed",
    [
        "Adults and children 12 years and older: 30ml to 60ml once a day, preferably at bedtime.",
        "adults and children 12 years and older: 2 to 4 tablespoonfuls (TBSP)",
        "Adults: Take 2 tablespoonfuls at bedtime",
    ],
)
def test_who_a_label_is_for_is_never_a_medicine(typed: str) -> None:
    found = regimen.read_regimens([typed])
    assert [read.medicine for read in found] == [""]
    assert any(piece.role == "who" for piece in found[0].pieces)


def test_a_reason_runs_to_how_often() -> None:
    [read] = regimen.read_regimens(["paracetamol 1g as needed for pain or fever up to 4 times a day"])
    assert read.medicine == "paracetamol"
    assert read.per_day == 4
    assert [p.text for p in read.pieces if p.role == "reason"] == ["for pain or fever"]


@pytest.mark.parametrize(
    ("line", "status", "mark"),
    [
        ("Mg 0.65 mmol/L (0.70-1.00) L", "low", "low"),
        ("Magnesium 1.4 mg/dL (1.6-2.6) L", "low", "low"),
        ("MAGNESIUM 2.7 mg/dL (1.7-2.2) H", "high", "high"),
        ("Mg 0.75 mmol/L L", "within", "low"),  # the report's own range is not printed
    ],
)
def test_lab_reads_the_reports_own_low_or_high_mark(magref: Run, line: str, status: str, mark: str) -> None:
    result = magref("lab", line, "--json")
    assert result.code == 0, result
    assert (result.json["status"], result.json["mark"]) == (status, mark)
    shown = " ".join(magref("lab", line).stdout.split())
    assert "Report's mark:" in shown
    assert ("differs from the reading" in shown) == (status != mark)


@pytest.mark.parametrize(
    ("typed", "when", "minutes"),
    [
        ("levothyroxine 75mcg every morning 30 minutes before breakfast", "before-breakfast", [420]),
        ("Fosamax once a week on Mondays 30 min before breakfast", "before-breakfast", [420]),
        ("levothyroxine 50 mcg daily 30-60 minutes before food", "before-meals", [480]),
        ("alendronate 70 mg weekly at least 30 minutes before the first food", "before-meals", [480]),
        ("metformin 500 mg bd 1 hour after meals", "after-meals", [480, 1200]),
    ],
)
def test_how_long_before_or_after_a_meal_is_when(typed: str, when: str, minutes: list[int]) -> None:
    [read] = regimen.read_regimens([typed])
    assert when in read.when
    assert [timed.minute for timed in regimen.dose_times(read)] == minutes


def test_one_time_of_day_said_two_ways_is_one_dose() -> None:
    [read] = regimen.read_regimens(["amitriptyline 10 mg at night at bedtime"])
    assert [timed.minute for timed in regimen.dose_times(read)] == [22 * 60]
    [both] = regimen.read_regimens(["metformin 500 with breakfast and dinner"])
    assert [timed.minute for timed in regimen.dose_times(both)] == [8 * 60, 18 * 60]


def test_a_course_said_once_is_shown_once(magref: Run) -> None:
    shown = " ".join(magref("plan", "ciprofloxacin 500 mg every 12 hours for 5 days").stdout.split())
    assert shown.count("for 5 days") == 1


def test_an_hour_after_at_is_a_time_never_a_dose() -> None:
    """'doxy 100 at 9' was read with 9 as the dose; 9 may be morning or evening, so it is asked."""
    from magref.errors import InputError

    with refused(InputError, "needs minutes or am/pm"):
        regimen.read_regimens(["doxy 100 at 9"])
    [evening] = regimen.read_regimens(["doxy 100 at 21"])
    assert (evening.times, evening.dose) == ([21 * 60], None)
    [dose] = regimen.read_regimens(["doxycycline take 2 tablets at 8am"])
    assert (dose.dose, dose.times) == ("2 tablets", [8 * 60])


@pytest.mark.parametrize(
    ("typed", "drink"),
    [
        ("Epsom salt 2 teaspoons in water", "in water"),
        ("1 tsp Epsom salt dissolved in a glass of warm water", "dissolved in a glass of warm water"),
        ("Natural Calm 2 tsp in hot water", "in hot water"),
    ],
)
def test_the_drink_a_dose_is_taken_in_is_read_and_shown_back(magref: Run, typed: str, drink: str) -> None:
    from magref import amounts

    item = amounts.parse_item(typed)
    assert drink in item.when
    assert "water" not in item.name
    shown = " ".join(magref("stack", typed).stdout.split())
    assert f"taken {drink}" in shown


def test_a_brand_not_checked_names_its_medicine_in_the_check(magref: Run) -> None:
    flags = magref("check", "50", "--drug", "Lipitor 20 mg qhs", "--json").json["flags"]
    [flag] = [f for f in flags if f["code"] == "medicine-not-checked"]
    assert flag["message"].startswith("'Lipitor' (atorvastatin): not checked") or flag["message"].startswith(
        "'lipitor' (atorvastatin): not checked"
    )


def test_figures_then_a_word_count_before_times_are_two_numbers() -> None:
    """'every 6 six hours' is one interval; in 'take 2 two times a day' the 2 is not swallowed."""
    [read] = regimen.read_regimens(["cipro take 2 two times a day"])
    assert read.per_day == 2
    assert "2" in [piece.text for piece in read.pieces]


@pytest.mark.parametrize(
    ("typed", "dose", "per_day", "every_days"),
    [
        # a dose said again the same way is one dose, not two ("3 tablets ... 3 tabs")
        ("15 ml twice a day swish 15ml for 30 seconds and spit", "15 ml", 2, 1),
        # "daily" after an interval in hours means every day, not once a day
        ("take 1 tablet every 12 hours daily", "1 tablet", 2, 1),
        # a count of spoons of a size is that many times the size, never a count of times
        ("2x5ml spoon 4 times/day", "10 ml", 4, 1),
        ("1 x 5 ml spoon 4 / day for 10 days", "5 ml", 4, 1),
        ("three 5ml spoonsful to be taken four times a day after food", "15 ml", 4, 1),
        # "one to be taken": the UK pharmacy label's dose
        ("one to be taken twice a day", "one", 2, 1),
        # a form named after the route stays with the medicine ("oral solution")
        ("Tilray FS oral solution 1 ml BD", "1 ml", 2, 1),
        # German "3mal täglich", and "tid" glued to "wm" (with meals) and a note
        ("3mal täglich 1 Filmtablette", "1 Filmtablette", 3, 1),
        ("1 caps po tidwminstror milk", "1 caps", 3, 1),
        # distinct parts of the day, each with its dose, are that many doses a day
        (
            "take 3 tablets by mouth in the morning 3 tablets at noon and 3 tabs in the evening",
            "3 tablets",
            3,
            1,
        ),
    ],
)
def test_every_word_of_a_direction_is_read_as_what_it_is(
    typed: str, dose: str | None, per_day: int, every_days: int
) -> None:
    read = regimen.read_regimens([typed])[0]
    assert (read.dose, read.per_day, read.every_days) == (dose, per_day, every_days)


def test_one_occasion_said_two_ways_is_still_one_dose() -> None:
    [read] = regimen.read_regimens(["levothyroxine 75mcg every morning 30 minutes before breakfast"])
    assert read.per_day is None
    [read] = regimen.read_regimens(
        ["take 1 tablet under the tongue and allow to dissolve sublingual bid 9 days"]
    )
    assert (read.medicine, read.per_day, read.days, read.route) == ("", 2, 9, "sublingual")


def test_a_direction_read_whole_is_planned_without_a_phantom_medicine(magref: Run) -> None:
    result = magref("plan", "Tilray FS oral solution 1 ml BD")
    shown = " ".join((result.stdout + result.stderr).split())
    assert "Traceback" not in shown
    assert "'Tilray FS'" in shown and "'solution'" not in shown


def test_a_caution_is_a_note_and_never_a_medicine() -> None:
    [read] = regimen.read_regimens(
        ["one to be taken twice a day  if sleepy do not drive/use machines. avoid alcohol."]
    )
    assert (read.dose, read.per_day) == ("one", 2)
    notes = [piece.text for piece in read.pieces if piece.role == "note"]
    assert notes == ["if sleepy do not drive/use machines.", "avoid alcohol."]
    # a number after "if" is read, never hidden in the note
    [read] = regimen.read_regimens(["if pain persists take 2 tablets"])
    assert read.dose == "2 tablets"


def test_german_and_french_label_words_are_read_as_english_ones() -> None:
    from magref import amounts, labels

    found = labels.read(
        dataset.load(),
        "1623 mg Magnesiumbis(hydrogenaspartat)-Dihydrat, entsprechend 121,5 mg elementarem Magnesium",
    )
    assert found.pair is not None and (found.pair.compound_mg, found.pair.stated_elemental_mg) == (
        1623,
        121.5,
    )
    assert [c.word for c in found.compounds] == ["aspartate"]
    item = amounts.parse_item(
        "Chlorure de magnésium en sachet : contenu du sachet (20 g) à dissoudre dans 1 litre d\u2019eau."
    )
    assert item.mass is not None and item.mass.mg == 20000 and item.measure is None


@pytest.mark.parametrize(
    "typed",
    ["to be applied tds prn", "15 ml twice a day swish 15ml for 30 seconds and spit", "1 tab daily everyday"],
)
def test_words_of_how_to_take_it_never_become_a_medicine(typed: str) -> None:
    assert [read.medicine for read in regimen.read_regimens([typed])] == [""]
