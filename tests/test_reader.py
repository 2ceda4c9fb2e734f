"""The one reader: numbers as written, medicines as prescriptions write them, nothing dropped."""

from __future__ import annotations

import contextlib
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref import reader, regimen
from magref.errors import InputError
from magref.render.problems import message
from tests.conftest import Run

from .refusals import refused


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000),
        ("1 000", 1000),
        ("1\u202f000", 1000),
        ("1,000,000", 1_000_000),
        ("1.000.000", 1_000_000),
        ("1,000.5", 1000.5),
        ("1.000,5", 1000.5),
        ("1,5", 1.5),
        ("0,125", 0.125),
        ("2,25", 2.25),
        ("0.75", 0.75),
        (".5", 0.5),
        ("½", 0.5),
        ("1½", 1.5),
        ("\uff11\uff10\uff10\uff10", 1000),  # full-width digits
        ("\u0661\u0662", 12),  # Arabic-Indic digits
    ],
)
def test_numbers_are_read_as_written(text: str, value: float) -> None:
    (token,) = reader.tokens(text)
    assert token.kind == "number"
    assert (token.value, token.other) == (value, None)


def test_a_number_that_reads_two_ways_is_refused_naming_both() -> None:
    with pytest.raises(InputError) as error:
        reader.canonical("Magnesium 1.500 mg")
    worded = message(error.value)
    assert "1.5" in worded and "1,500" in worded


@pytest.mark.parametrize("text", ["1,00,000", "9" * 40, "1.2.3,4"])
def test_a_number_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        reader.canonical(text)


def test_a_space_between_two_numbers_is_not_a_thousands_separator_unless_the_group_is_zeros() -> None:
    assert [t.value for t in reader.tokens("2 100 mg")][:2] == [2, 100]
    assert reader.tokens("10 000 IU")[0].value == 10_000


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_every_character_but_spaces_is_in_a_token(text: str) -> None:
    found = reader.tokens(text)
    covered = "".join(text[t.start : t.end] for t in found)
    assert covered == re.sub(r"\s", "", text)
    assert all(text[t.start : t.end] == t.text for t in found)
    gaps = "".join(text[a.end : b.start] for a, b in itertools.pairwise(found))
    assert gaps.strip() == ""


_WORDS = st.sampled_from([
    "cipro", "levothyroxine", "500mg", "100", "bd", "b.i.d.", "twice", "daily", "8am", "9:30pm",
    "@7am", "at", "weekly", "sunday", "for", "7", "days", "x", "2", "tablets", "1", "tab", "po",
    "q8h", "prn", "with", "breakfast", "and", ",", "milk", "of", "magnesia", "30ml", "bedtime",
    "every", "other", "day", "until", "20", "December", "eye", "drops", "(", ")", "½", "1,000",
])  # fmt: skip


@given(st.lists(_WORDS, min_size=1, max_size=14))
@settings(max_examples=400, deadline=None)
def test_every_token_of_a_medicine_line_is_read_or_reported(words: list[str]) -> None:
    """Each token lands in a piece of some regimen (read, joined as a word, or reported unread);
    none is dropped, and none is counted twice."""
    text = " ".join(words)
    try:
        found = regimen.read_regimens([text])
    except InputError:
        return  # refused with a reason: nothing was silently taken
    pieces = [piece.text for r in found for piece in r.pieces]
    assert sorted("".join(pieces).replace(" ", "")) == sorted(text.replace(" ", ""))


def test_a_strength_is_never_a_time() -> None:
    (doxy,) = regimen.read_regimens(["doxycycline 100 8am"])
    assert (doxy.medicine, doxy.strength, doxy.times) == ("doxycycline", "100", [8 * 60])
    (alendronate,) = regimen.read_regimens(["alendronate 70 6am"])
    assert (alendronate.strength, alendronate.times) == ("70", [6 * 60])


@pytest.mark.parametrize(
    ("text", "per_day", "every_days"),
    [
        ("cipro 500mg bd", 2, 1),
        ("cipro 500mg b.i.d.", 2, 1),
        ("cipro 500 mg twice daily", 2, 1),
        ("cipro 500 mg 2 times a day", 2, 1),
        ("amoxicillin 500mg tds", 3, 1),
        ("amoxicillin 500mg t.i.d.", 3, 1),
        ("ibuprofen 400mg qds", 4, 1),
        ("ibuprofen 400mg QID", 4, 1),
        ("metronidazole 400mg q8h", 3, 1),
        ("doxycycline 100mg every 12 hours", 2, 1),
        ("doxycycline 100mg q 12 h", 2, 1),
        ("levothyroxine 100mcg od", 1, 1),
        ("levothyroxine 100mcg qd", 1, 1),
        ("levothyroxine 100 mcg once daily", 1, 1),
        ("levothyroxine 100 mcg once a day", 1, 1),
        ("alendronate 70mg weekly", None, 7),
        ("alendronate 70 mg once a week", None, 7),
        ("warfarin 5mg every other day", None, 2),
    ],
)
def test_how_often_as_prescriptions_write_it(text: str, per_day: int | None, every_days: int) -> None:
    (found,) = regimen.read_regimens([text])
    assert (found.per_day, found.every_days) == (per_day, every_days)
    assert found.unread == []


def test_no_clock_times_get_conventional_ones_marked_assumed() -> None:
    (cipro,) = regimen.read_regimens(["cipro 500mg bd"])
    times = regimen.dose_times(cipro)
    assert [(t.minute, t.assumed) for t in times] == [(8 * 60, True), (20 * 60, True)]
    (bedtime,) = regimen.read_regimens(["milk of magnesia 30ml at bedtime"])
    assert bedtime.medicine == "milk of magnesia"
    assert [(t.minute, t.assumed) for t in regimen.dose_times(bedtime)] == [(22 * 60, True)]


def test_one_time_for_a_twice_daily_medicine_sets_the_first_and_assumes_the_second() -> None:
    (cipro,) = regimen.read_regimens(["cipro@9am bid"])
    assert [(t.minute, t.assumed) for t in regimen.dose_times(cipro)] == [(9 * 60, False), (21 * 60, True)]


def test_two_medicines_on_one_line_each_keep_their_own_regimen() -> None:
    cipro, alendronate = regimen.read_regimens(["cipro 500mg bd", "alendronate 70mg weekly sunday 6am"])
    assert (cipro.medicine, cipro.per_day) == ("cipro", 2)
    assert (alendronate.medicine, alendronate.weekdays, alendronate.times) == ("alendronate", [6], [360])
    unquoted = regimen.read_regimens(["cipro", "500mg", "bd", "alendronate", "70mg", "weekly"])
    assert [r.medicine for r in unquoted] == ["cipro", "alendronate"]


def test_courses_and_last_days() -> None:
    (course,) = regimen.read_regimens(["amoxicillin 500mg tds for 7 days"])
    assert course.days == 7
    (weeks,) = regimen.read_regimens(["doxycycline 100mg bd x 2 weeks"])
    assert weeks.days == 14
    (until,) = regimen.read_regimens(["prednisolone 40mg od until 20 December"])
    assert until.until == "--12-20"
    with refused(InputError, "day 5 of month 6"):
        regimen.read_regimens(["prednisolone 40mg od until 5/6"])


def test_as_needed_has_no_time() -> None:
    (found,) = regimen.read_regimens(["ibuprofen 200mg 1-2 tabs every 4-6 hours as needed"])
    assert found.as_needed and found.dose == "1-2 tabs"
    assert regimen.dose_times(found) == []


@pytest.mark.parametrize(
    ("text", "minute"),
    [("7am", 420), ("7 am", 420), ("7:30pm", 1170), ("19:30", 1170), ("0730", 450), ("noon", 720)],
)
def test_clock_times(text: str, minute: int) -> None:
    assert regimen.read_clock(text) == minute


def test_plan_reads_a_prescription_as_written(magref: Run) -> None:
    result = magref("plan", "cipro 500mg bd", "alendronate 70mg weekly sunday 6am", "--json")
    assert result.code == 0
    doses = [(d["drug"], d["time"], d["assumed"]) for d in result.json["doses"]]
    assert doses == [
        ("ciprofloxacin", "08:00", True),
        ("ciprofloxacin", "20:00", True),
        ("alendronate", "06:00", False),
    ]
    assert not result.json["unmatched"]
    assert [n["code"] for n in result.json["notes"]] == ["not-daily"]
    text = magref("plan", "cipro 500mg bd").stdout
    assert "Read as" in text and "(assumed)" in text


def test_plan_refuses_a_number_it_cannot_place(magref: Run) -> None:
    result = magref("plan", "cipro 500mg bd 3")
    assert result.code == 2
    assert "'3'" in result.stderr


def test_check_puts_a_prescription_on_the_timeline(magref: Run) -> None:
    report = magref("check", "--age", "60", "--drug", "cipro 500mg bd", "--json").json
    assert [(d["drug"], d["time"], d["assumed"]) for d in report["plan"]["doses"]] == [
        ("ciprofloxacin", "08:00", True),
        ("ciprofloxacin", "20:00", True),
    ]
    assert "times-assumed" in [f["code"] for f in report["flags"]]


def test_check_says_when_a_medicine_with_a_gap_is_not_on_the_timeline(magref: Run) -> None:
    report = magref("check", "--age", "60", "--drug", "cipro", "--json").json
    (flag,) = [f for f in report["flags"] if f["code"] == "medicine-not-timed"]
    assert flag["subject"] == "cipro" and flag["level"] == "ask"


def test_calendar_follows_the_regimen(magref: Run, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "plan.ics"
    result = magref(
        "plan", "alendronate 70mg weekly sunday 6am", "doxycycline 100mg bd for 7 days", "--ics", str(path)
    )
    assert result.code == 0
    text = path.read_text()
    assert "RRULE:FREQ=WEEKLY;BYDAY=SU" in text
    assert text.count("RRULE:FREQ=DAILY;COUNT=7") == 2
    assert "(assumed time)" in text


@pytest.mark.parametrize(
    ("item", "elemental"),
    [
        ("Magnesium 1,000 mg", 1000),
        ("magnesium 1 000 mg", 1000),
        ("Magnesium 1000mg", 1000),
        ("375 mg magnesium", 375),
    ],
)
def test_stack_reads_thousands_as_written(magref: Run, item: str, elemental: float) -> None:
    report = magref("stack", item, "--json").json
    assert report["items"][0]["elemental_mg"] == elemental
    assert report["over_ul"] is (elemental > 350)


def test_a_form_in_mg_that_does_not_say_which_counts_the_safer_reading(magref: Run) -> None:
    item = magref("stack", "magnesium citrate 300 mg", "--json").json["items"][0]
    assert (item["basis_stated"], item["elemental_mg"]) == (False, 300)
    assert item["other_elemental_mg"] == pytest.approx(48.6, abs=0.1)
    stated = magref("stack", "magnesium citrate 300 mg compound", "--json").json["items"][0]
    assert (stated["basis_stated"], stated["elemental_mg"]) == (True, pytest.approx(48.6, abs=0.1))
    flags = magref("check", "--age", "40", "--take", "citrate 300 mg", "--json").json["flags"]
    assert "basis-not-stated" in [flag["code"] for flag in flags]
    converted = magref("convert", "magnesium citrate 300 mg")
    assert "does not say whether" in converted.stdout and "--elemental" in converted.stdout


def test_when_words_after_an_item_are_read(magref: Run) -> None:
    item = magref("stack", "milk of magnesia 30ml at bedtime", "--json").json["items"][0]
    assert (item["product"], item["when"]) == ("milk-of-magnesia", ["at bedtime"])


def test_units_of_a_form_without_their_strength_are_asked_about(magref: Run) -> None:
    result = magref("stack", "glycinate 2 capsules")
    assert result.code == 2
    assert "how much magnesium glycinate is in each one" in result.stderr


@pytest.mark.parametrize(
    ("line", "region", "upper"),
    [
        ("Magnesium 300 mg (80% NRV)", "eu", 250),
        ("Magnesium 100 mg (24% DV)", "us", 350),
        ("Magnesium 300 mg", "us", 350),
    ],
)
def test_label_reads_its_region_from_the_line(magref: Run, line: str, region: str, upper: int) -> None:
    found = magref("label", line, "--json").json
    assert (found["region"], found["ul_supplemental_mg"]) == (region, upper)
    given = magref("label", line, "--region", "uk", "--json").json
    assert (given["region"], given["region_from"], given["ul_supplemental_mg"]) == ("uk", "given", 400)


def test_label_reads_thousands(magref: Run) -> None:
    found = magref("label", "Magnesium 1,000 mg", "--json").json
    assert found["readings"][0]["elemental_mg"] == 1000
    assert found["readings"][0]["status"] == "over"


@pytest.mark.parametrize(
    ("condition", "caution"),
    [
        ("CKD 3a", "kidney"),
        ("ckd3", "kidney"),
        ("eGFR 45", "kidney"),
        ("CKD G3b", "kidney"),
        ("CKD stage 5", "kidney-severe"),
        ("stage 4 kidney disease", "kidney-severe"),
        ("ckd stage IV", "kidney-severe"),
        ("eGFR 25", "kidney-severe"),
        ("egfr <30", "kidney-severe"),
        ("creatinine clearance 25 mL/min", "kidney-severe"),
        ("on haemodialysis", "kidney-severe"),
    ],
)
def test_kidney_function_as_written_reaches_its_caution(magref: Run, condition: str, caution: str) -> None:
    report = magref("check", "--age", "65", "--condition", condition, "--json").json
    assert caution in [c["id"] for c in report["cautions"]]
    assert condition not in [u["name"] for u in report["unknown"]]


def test_a_stage_of_something_else_is_not_kidney_disease() -> None:
    from magref import kidney

    assert kidney.read("stage 4 breast cancer") is None
    assert kidney.read("parkinson's disease") is None


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_every_reader_reads_or_refuses_any_text(text: str) -> None:
    """No text makes a reader fail in any way but a refusal that says why."""
    from magref import amounts, dataset, kidney, labels

    data = dataset.load()
    readers = (
        lambda: regimen.read_regimens([text]),
        lambda: amounts.parse_item(text),
        lambda: amounts.parse_serum(text),
        lambda: labels.read(data, text),
        lambda: kidney.read(text),
        lambda: reader.canonical(text),
    )
    for read in readers:
        with contextlib.suppress(InputError):
            read()


def test_a_medicine_taken_as_needed_says_not_listed_when_magref_does_not_hold_it(magref: Run) -> None:
    # ibuprofen, the example here before, is now in a class (magnesium hydroxide may raise its absorption)
    unknown = magref("plan", "riluzole prn", "levo 7am", "--json").json
    assert ("not-listed", "riluzole") in [(n["code"], n["drug"]) for n in unknown["notes"]]
    assert "not-timed" not in [n["code"] for n in unknown["notes"]]
    known = magref("plan", "cipro prn", "levothyroxine 7am", "--json").json
    assert ("not-timed", "cipro") in [(n["code"], n["drug"]) for n in known["notes"]]


def test_a_checked_medicine_without_a_time_keeps_its_checked_note(magref: Run) -> None:
    found = magref("plan", "Eliquis prn", "levothyroxine 7am", "--json").json
    assert ("checked-none", "Eliquis") in [(n["code"], n["drug"]) for n in found["notes"]]


@pytest.mark.parametrize(
    ("text", "medicine", "also"),
    [
        ("Senna (senokot) 17.2g qHS", "Senna", "senokot"),
        ("Miralax (polyethylene glycol) 17g qAM", "Miralax", "polyethylene glycol"),
        ("Tablet (Mag-Ox): 1-2 tablets PO qDay", "Mag-Ox", None),
    ],
)
def test_a_second_name_in_brackets_is_kept_apart_from_the_name(
    text: str, medicine: str, also: str | None
) -> None:
    (read,) = regimen.read_text(text)
    assert read.medicine == medicine
    assert [p.text for p in read.pieces if p.role == "also-called"] == (also.split() if also else [])


def test_a_glass_of_water_is_not_the_dose() -> None:
    (read,) = regimen.read_text("At 5PM take 4 dulcolax tablets with an 8 ounce glass of water")
    assert (read.medicine, read.dose, read.times) == ("dulcolax", "4 tablets", [17 * 60])
    assert [p.text for p in read.pieces if p.role == "vessel"] == ["8 ounce glass of water"]


def test_fluid_ounces_are_a_dose() -> None:
    (read,) = regimen.read_text("5:30 pm: Drink magnesium citrate 10 ounces")
    assert (read.medicine, read.dose) == ("magnesium citrate", "10 ounces")


def test_about_before_a_time_is_not_a_medicine() -> None:
    (read,) = regimen.read_text("At about 5pm, start drinking the first bottle of magnesium citrate")
    assert read.times == [17 * 60]
    assert "about" not in read.medicine


def test_every_role_the_reader_gives_is_worded() -> None:
    """Each part of a medicine line shown in a Read as line has words for what it was read as."""
    from magref.render.phrases import ROLE_WORDS
    from tests.test_reading_corpus import ROWS

    roles = {
        piece.role
        for row in ROWS
        if row["kind"] == "regimen"
        for read in _quietly(row["text"])
        for piece in read.pieces
    }
    assert roles - {"word", "time"} <= set(ROLE_WORDS), roles - set(ROLE_WORDS)


def _quietly(text: str) -> list[regimen.Regimen]:
    try:
        return regimen.read_text(text)
    except InputError:
        return []
