"""``check`` by layer: the answer's parts from typed inputs at the core, the view from an answer."""

from __future__ import annotations

import msgspec

from magref import amounts, check, dataset, dosing
from magref.check import (
    CheckAnswer,
    CheckDocument,
    CheckIntake,
    Person,
    RelevanceDocument,
    SlotDocument,
    Unknown,
)
from magref.plan import Medicine
from magref.render import plain
from magref.render.check_views import check_document, worded

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


def items(*texts: str) -> list[amounts.Intake]:
    return [amounts.parse_item(text) for text in texts]


def test_the_answer_holds_the_intake_as_convert_and_stack_print_it() -> None:
    answer = check.check_answer(DATA, Person(40, "female"), items("glycinate 200 mg elemental x2"))
    intake = answer.json.intake
    assert [t.sex for t in intake.targets] == ["female"] and intake.targets[0].notes == []
    assert intake.product is not None and intake.product.per_day_elemental_mg == 400
    assert intake.stack is not None and intake.stack.total_elemental_mg == 400 and intake.stack.over_ul
    assert answer.shares == [400 / 350] and answer.total_share == 400 / 350


def test_several_items_have_no_single_product_and_each_its_share() -> None:
    answer = check.check_answer(
        DATA, Person(40), items("glycinate 100 mg elemental", "oxide 100 mg elemental")
    )
    assert answer.json.intake.product is None and answer.json.intake.stack is not None
    assert answer.shares == [100 / 350, 100 / 350] and answer.total_share == 200 / 350


def test_the_answer_lists_what_the_dataset_does_not_hold_item_medicine_then_condition() -> None:
    answer = check.check_answer(
        DATA, Person(40), items("zzqx 100 mg"), [Medicine("zzqxmab")], ["zzqx syndrome"]
    )  # fmt: skip
    assert [(u.kind, u.name) for u in answer.json.unknown] == [
        ("item", "zzqx 100 mg"),
        ("medicine", "zzqxmab"),
        ("condition", "zzqx syndrome"),
    ]
    assert answer.report.unknown == answer.json.unknown


def test_times_are_given_as_clock_times_and_each_relevance_names_its_item() -> None:
    medicine = Medicine("ciprofloxacin", minute=8 * 60)
    answer = check.check_answer(DATA, Person(40), items("oxide 400 mg"), [medicine])
    found = answer.json
    assert found.slots and all(len(slot.time) == 5 and slot.time[2] == ":" for slot in found.slots)
    assert [s.items for s in found.slots] == [s.items for s in answer.report.slots]
    assert found.relevance and found.relevance[0].item == 0
    assert found.relevance[0].class_id == answer.report.relevance[0].class_id


# -- the view ------------------------------------------------------------------------------------------


def test_the_check_view_and_json_take_the_answers_parts() -> None:
    report = check.check(
        DATA, Person(40, "male"), items("glycinate 100 mg elemental", "oxide 100 mg elemental")
    )
    target = dosing.target_document(report.targets[0])
    made = CheckAnswer(
        json=CheckDocument(
            person=dosing.Person(age_years=40, sex="male", life_stage=None, region="us"),
            intake=CheckIntake(targets=[target], product=None, stack=None),
            interactions=[],
            plan=None,
            cautions=report.cautions,
            unknown=[Unknown(kind="condition", name="made-up")],
            flags=[],
            relevance=[RelevanceDocument(class_id="x", item=0, text="t", relevance="applies")],
            uses=[],
            status=None,
            slots=[SlotDocument(time="09:30", items=[0])],
            untimed=[],
        ),
        report=report,
        plan=None,
        shares=[0.5, 0.25],
        total_share=0.75,
    )
    shown = text(check_document(made))
    assert "= 100 mg elemental a day, 50% of the upper limit" in shown
    assert "= 100 mg elemental a day, 25% of the upper limit" in shown
    assert "200 mg of 350 mg elemental a day: 75% of the upper limit" in shown
    assert "condition: made-up" in shown
    document = msgspec.to_builtins(worded(made))
    assert document["slots"] == [{"time": "09:30", "items": [0]}]
    assert document["unknown"] == [{"kind": "condition", "name": "made-up"}]
    assert document["intake"]["stack"] is None and document["relevance"][0]["class_id"] == "x"
    assert document["person"] == {"age_years": 40, "sex": "male", "life_stage": None, "region": "us"}
    assert document["flags"] == [] and document["status"] is None


def test_the_core_leaves_the_words_of_flags_and_status_to_the_view() -> None:
    from magref import status

    given = status.Given(lab="0.5 mmol/L", egfr=25)
    answer = check.check_answer(DATA, Person(70, "female"), items("oxide 400 mg elemental"), given=given)
    found = answer.json
    assert found.person.age_years == 70 and found.person.region == "us"
    assert [f.code for f in found.flags] == [f.code for f in answer.report.flags] and found.flags
    assert all(f.message == "" for f in found.flags)
    assert found.status is not None and found.status.lab is not None and found.status.kidney is not None
    assert found.status.lab.status == "low" and found.status.lab.range.unit == "mmol/L"
    assert found.status.lab.read_as == "" and found.status.kidney.value == 25
    document = msgspec.to_builtins(worded(answer))
    assert all(flag["message"] for flag in document["flags"])
    assert document["status"]["lab"]["read_as"].startswith("lab 0.5 mmol/L")
    assert "eGFR 25 mL/min" in document["status"]["kidney"]["read_as"]


# -- the whole document: the answer encoded ------------------------------------------------------------


def test_the_document_holds_the_interactions_plan_and_uses_the_core_worked_out() -> None:
    medicines = [Medicine("levothyroxine", minute=7 * 60), Medicine("amlodipine")]
    answer = check.check_answer(
        DATA, Person(40), items("citrate 200 mg elemental"), medicines, for_uses=["migraine"]
    )
    found = answer.json
    assert list(msgspec.to_builtins(found)) == [
        "person", "intake", "interactions", "plan", "cautions", "unknown", "flags", "relevance",
        "uses", "status", "slots", "untimed",
    ]  # fmt: skip
    assert [m.class_id for m in found.interactions] == [
        m.group.id for m in answer.report.interactions.matches
    ]
    assert found.interactions and found.interactions[0].matched
    assert answer.plan is not None and found.plan is answer.plan.document
    assert [(d.drug, d.time, d.assumed) for d in found.plan.doses] == [("levothyroxine", "07:00", False)]
    assert found.plan.windows and all(note.message == "" for note in found.plan.notes)
    assert found.untimed == ["amlodipine"]
    [migraine] = found.uses
    assert (migraine.id, migraine.region, migraine.upper_limit.mg) == ("migraine", "us", 350)
    assert migraine.needs_clinician and migraine.message == ""
    assert "studied-dose-over-limit" in [f.code for f in found.flags]


def test_no_timed_medicine_means_no_plan() -> None:
    answer = check.check_answer(DATA, Person(40), items("citrate 200 mg"), [Medicine("amlodipine")])
    assert answer.plan is None and answer.json.plan is None and answer.json.slots == []


def test_the_report_holds_what_the_dataset_does_not_for_the_page() -> None:
    report = check.check(DATA, Person(40), items("zzqx 100 mg"), [Medicine("zzqxmab")])
    assert [(u.kind, u.name) for u in report.unknown] == [("item", "zzqx 100 mg"), ("medicine", "zzqxmab")]


# -- the words the view puts into the document ---------------------------------------------------------


def test_the_json_words_the_plan_notes_and_flags_and_keeps_every_other_key() -> None:
    from magref.plan import Note, Plan, PlanAnswer, PlanDocument, PlanNote

    note = Note(code="not-listed", drug="zzqxmab")
    row = PlanNote(
        code="not-listed", drug="zzqxmab", classes=[], medicines=[], route=[], spacing=None, reason="",
        every_days=1, weekdays=[],
    )  # fmt: skip
    document = PlanDocument(doses=[], windows=[], notes=[row], unmatched=[])
    planned = PlanAnswer(
        document=document,
        plan=Plan(doses=[], windows=[], notes=[note], unmatched=[]),
        open_hours=[],
        dose_hours=[],
        any_time=False,
        answered=False,
    )
    flag = check.Flag(level="note", code="medicine-not-listed", subject="zzqxmab")
    report = msgspec.structs.replace(
        check.check(DATA, Person(40)), flags=[flag], unknown=[Unknown(kind="medicine", name="zzqxmab")]
    )
    made = CheckAnswer(
        json=CheckDocument(
            person=dosing.Person(age_years=40, sex=None, life_stage=None, region="us"),
            intake=CheckIntake(targets=[], product=None, stack=None),
            interactions=[],
            plan=document,
            cautions=[],
            unknown=[Unknown(kind="medicine", name="zzqxmab")],
            flags=[
                check.FlagDocument(
                    level="note",
                    code="medicine-not-listed",
                    subject="zzqxmab",
                    detail="",
                    figures={},
                    message="",
                )
            ],
            relevance=[],
            uses=[],
            status=None,
            slots=[],
            untimed=["zzqxmab"],
        ),
        report=report,
        plan=planned,
        shares=[],
        total_share=None,
    )
    printed = msgspec.to_builtins(worded(made))
    [worded_note] = printed["plan"]["notes"]
    assert (
        worded_note["message"].startswith("'zzqxmab': ")
        and "No gap was applied for it." in worded_note["message"]
    )
    [worded_flag] = printed["flags"]
    assert "zzqxmab" in worded_flag["message"]
    assert printed["untimed"] == ["zzqxmab"] and printed["unknown"] == [
        {"kind": "medicine", "name": "zzqxmab"}
    ]
    # the answer itself is left as the core gave it
    assert made.json.plan is not None and made.json.plan.notes[0].message == ""
