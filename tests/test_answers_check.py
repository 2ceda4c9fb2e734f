"""``check`` by layer: the answer's parts from typed inputs at the core, the view from an answer."""

from __future__ import annotations

import msgspec

from magref import amounts, check, dataset, dosing
from magref.check import CheckAnswer, CheckIntake, Person, RelevanceDocument, SlotDocument, Unknown
from magref.plan import Medicine
from magref.render import plain
from magref.render.check_views import check_document, check_json

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


def items(*texts: str) -> list[amounts.Intake]:
    return [amounts.parse_item(text) for text in texts]


def test_the_answer_holds_the_intake_as_convert_and_stack_print_it() -> None:
    answer = check.check_answer(DATA, Person(40, "female"), items("glycinate 200 mg elemental x2"))
    intake = answer.intake
    assert [t.sex for t in intake.targets] == ["female"] and intake.targets[0].notes == []
    assert intake.product is not None and intake.product.per_day_elemental_mg == 400
    assert intake.stack is not None and intake.stack.total_elemental_mg == 400 and intake.stack.over_ul
    assert answer.shares == [400 / 350] and answer.total_share == 400 / 350


def test_several_items_have_no_single_product_and_each_its_share() -> None:
    answer = check.check_answer(
        DATA, Person(40), items("glycinate 100 mg elemental", "oxide 100 mg elemental")
    )
    assert answer.intake.product is None and answer.intake.stack is not None
    assert answer.shares == [100 / 350, 100 / 350] and answer.total_share == 200 / 350


def test_the_answer_lists_what_the_dataset_does_not_hold_item_medicine_then_condition() -> None:
    answer = check.check_answer(
        DATA, Person(40), items("zzqx 100 mg"), [Medicine("zzqxmab")], ["zzqx syndrome"]
    )  # fmt: skip
    assert [(u.kind, u.name) for u in answer.unknown] == [
        ("item", "zzqx 100 mg"),
        ("medicine", "zzqxmab"),
        ("condition", "zzqx syndrome"),
    ]
    assert check.unknowns(answer.report) == answer.unknown


def test_times_are_given_as_clock_times_and_each_relevance_names_its_item() -> None:
    medicine = Medicine("ciprofloxacin", minute=8 * 60)
    answer = check.check_answer(DATA, Person(40), items("oxide 400 mg"), [medicine])
    assert answer.slots and all(len(slot.time) == 5 and slot.time[2] == ":" for slot in answer.slots)
    assert [s.items for s in answer.slots] == [s.items for s in answer.report.slots]
    assert answer.relevance and answer.relevance[0].item == 0
    assert answer.relevance[0].class_id == answer.report.relevance[0].class_id


# -- the view ------------------------------------------------------------------------------------------


def test_the_check_view_and_json_take_the_answers_parts() -> None:
    report = check.check(
        DATA, Person(40, "male"), items("glycinate 100 mg elemental", "oxide 100 mg elemental")
    )
    target = dosing.target_document(report.targets[0])
    made = CheckAnswer(
        report=report,
        person=dosing.Person(age_years=40, sex="male", life_stage=None, region="us"),
        intake=CheckIntake(targets=[target], product=None, stack=None),
        unknown=[Unknown(kind="condition", name="made-up")],
        flags=[],
        relevance=[RelevanceDocument(class_id="x", item=0, text="t", relevance="applies")],
        slots=[SlotDocument(time="09:30", items=[0])],
        status=None,
        uses=[],
        shares=[0.5, 0.25],
        total_share=0.75,
    )
    shown = text(check_document(made))
    assert "= 100 mg elemental a day, 50% of the upper limit" in shown
    assert "= 100 mg elemental a day, 25% of the upper limit" in shown
    assert "200 mg of 350 mg elemental a day: 75% of the upper limit" in shown
    assert "condition: made-up" in shown
    document = msgspec.to_builtins(check_json(made))
    assert document["slots"] == [{"time": "09:30", "items": [0]}]
    assert document["unknown"] == [{"kind": "condition", "name": "made-up"}]
    assert document["intake"]["stack"] is None and document["relevance"][0]["class_id"] == "x"
    assert document["person"] == {"age_years": 40, "sex": "male", "life_stage": None, "region": "us"}
    assert document["flags"] == [] and document["status"] is None


def test_the_core_leaves_the_words_of_flags_and_status_to_the_view() -> None:
    from magref import status

    given = status.Given(lab="0.5 mmol/L", egfr=25)
    answer = check.check_answer(DATA, Person(70, "female"), items("oxide 400 mg elemental"), given=given)
    assert answer.person.age_years == 70 and answer.person.region == "us"
    assert [f.code for f in answer.flags] == [f.code for f in answer.report.flags] and answer.flags
    assert all(f.message == "" for f in answer.flags)
    assert answer.status is not None and answer.status.lab is not None and answer.status.kidney is not None
    assert answer.status.lab.status == "low" and answer.status.lab.range.unit == "mmol/L"
    assert answer.status.lab.read_as == "" and answer.status.kidney.value == 25
    document = msgspec.to_builtins(check_json(answer))
    assert all(flag["message"] for flag in document["flags"])
    assert document["status"]["lab"]["read_as"].startswith("lab 0.5 mmol/L")
    assert "eGFR 25 mL/min" in document["status"]["kidney"]["read_as"]
