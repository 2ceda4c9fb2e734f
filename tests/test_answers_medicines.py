"""The medicine commands' answers (interactions, plan): worked out by one core call from typed
inputs, and worded by views from hand-made answers."""

from __future__ import annotations

import msgspec
import pytest

from magref import dataset, interactions, plan
from magref.catalog import Catalog
from magref.errors import NotFound
from magref.interactions import (
    CheckedMedicine,
    ClassDrugs,
    ClassesDocument,
    FamilyDocument,
    FamilyMemberRow,
    FormNamed,
    InteractionsAnswer,
    InteractionsDocument,
    MatchDocument,
    MatchedName,
    StatusRow,
)
from magref.model import Drug, Source, Spacing
from magref.plan import DoseRequest, DoseRow, Note, Plan, PlanAnswer, PlanDocument, PlanNote, Window
from magref.render import interaction_views as views
from magref.render import plain
from magref.render.document import Document
from magref.render.phrases import FAMILY_NOTE, NOT_LISTED
from magref.syntax import parse_doses

from .conftest import Run


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


def text(document: Document) -> str:
    return plain.paint(document, 1000)


# -- the core ------------------------------------------------------------------------------------


def test_interactions_answer_holds_the_classes_forms_and_statuses(data: Catalog) -> None:
    answer = interactions.interactions(data, ["lasix", "and", "milk", "of", "magnesia"])
    document = answer.document
    assert answer.answered
    match = document.matches[0]
    assert (match.class_id, match.matched[0].drug) == ("loop-diuretics", "furosemide")
    assert [d.name for d in match.drugs] == ["furosemide"]
    assert [d.name for d in answer.classes[0].named] == ["furosemide"]
    assert len(answer.classes[0].every) == len(data.entry("interactions", 3).drugs)
    assert [f.id for f in document.forms] == ["hydroxide"]
    assert set(document.relevance["loop-diuretics"]) == {"hydroxide"}
    assert [(s.name, s.status, s.class_ids) for s in document.statuses] == [
        ("furosemide", "interaction", ["loop-diuretics"])
    ]
    # the core gives facts; the words are render's
    assert document.unmatched_note is None and all(s.message == "" for s in document.statuses)


def test_interactions_answer_for_a_checked_medicine_carries_the_records_read(data: Catalog) -> None:
    answer = interactions.interactions(data, ["Eliquis"])
    medicine = answer.document.medicines[0]
    assert (medicine.name, medicine.status, medicine.matched.via) == ("apixaban", "checked-none", "brand")
    assert [s.id for s in answer.checked_sources[0]] == medicine.sources
    assert answer.document.matches == [] and answer.classes == []


def test_interactions_answer_names_nothing_or_refuses(data: Catalog) -> None:
    answer = interactions.interactions(data, ["unobtainol"], must_name=False)
    assert not answer.answered
    assert answer.document.unmatched == ["unobtainol"]
    with pytest.raises(NotFound):
        interactions.interactions(data, ["unobtainol"])


def test_every_class_most_severe_first(data: Catalog) -> None:
    every = interactions.classes(data)
    assert len(every.matches) == len(data.interactions)
    severities = [m.severity for m in every.matches]
    assert severities == sorted(severities, key=["major", "moderate", "minor"].index)
    assert all(m.drugs and m.matched == [] for m in every.matches)


def test_plan_answer_holds_the_times_windows_and_hours(data: Catalog) -> None:
    answer = plan.planned(data, [DoseRequest("doxycycline", 8 * 60), DoseRequest("unobtainol", 9 * 60)])
    document = answer.document
    assert [(d.drug, d.time, d.class_id) for d in document.doses] == [
        ("doxycycline", "08:00", "tetracyclines")
    ]
    assert answer.dose_hours == [8]
    assert not answer.any_time and answer.answered
    assert all(w.suggested is not None for w in document.windows)
    for window in document.windows:
        start = int(window.start[:2])
        assert start in answer.open_hours or window.start[3:] != "00"
    assert 8 not in answer.open_hours and 9 not in answer.open_hours  # within the gap after the dose
    assert [(n.code, n.drug, n.message) for n in document.notes] == [("not-listed", "unobtainol", "")]
    assert [(u.drug, u.time) for u in document.unmatched] == [("unobtainol", "09:00")]


def test_a_plan_with_no_gap_to_keep_is_open_all_day(data: Catalog) -> None:
    answer = plan.planned(data, [DoseRequest("unobtainol", 9 * 60)])
    assert answer.any_time and not answer.answered
    assert answer.open_hours == list(range(24))
    assert [(w.start, w.end, w.suggested) for w in answer.document.windows] == [("00:00", "23:59", None)]


# -- the views -----------------------------------------------------------------------------------


def made_match(class_id: str = "test-class", drugs: list[Drug] | None = None) -> MatchDocument:
    spacing = Spacing(hours_before=2, hours_after=4, sources=["src-s"])
    return MatchDocument(
        class_id=class_id,
        class_name="Test class",
        severity="major",
        matched=[MatchedName("testocin", "Testo", "brand", "Testo")],
        effect="Less is absorbed.",
        mechanism="It binds.",
        mechanism_kinds=["binding"],
        concerns="any-magnesium",
        management="Space them.",
        spacing=spacing,
        drugs=drugs or [],
        sources=["src-c"],
    )


def made_answer() -> InteractionsAnswer:
    named = Drug(name="testocin", brands=["Testo"], note="Its own note.", sources=["src-d"])
    other = Drug(name="othercin", brands=["Other"], note="Not named, not shown.")
    medicine = CheckedMedicine(
        name="quietol",
        brands=[],
        matched=MatchedName("quietol", "quietol", "name", "quietol"),
        family="quiet",
        family_name="Quiet medicines",
        status="checked-none",
        checked="2026-01-02",
        note=None,
        sources=["src-q"],
    )
    family = FamilyDocument(
        id="testers",
        name="Testers",
        matched="tester",
        members=[
            FamilyMemberRow(
                name="testocin", status="interaction", class_id="x", class_name="X", severity="major"
            ),
            FamilyMemberRow(
                name="calmol", status="not-checked", class_id=None, class_name=None, severity=None
            ),
        ],
    )
    document = InteractionsDocument(
        queries=["Testo", "quietol", "zzz"],
        matches=[made_match(drugs=[named])],
        unmatched=["zzz"],
        suggestions={"zzz": ["zinc"]},
        unmatched_note=None,
        forms=[FormNamed(id="oxide", name="Magnesium oxide")],
        relevance={"test-class": {"oxide": "applies"}},
        route=[],
        route_note=None,
        statuses=[
            StatusRow(query="Testo", name="testocin", status="interaction", class_ids=["test-class"]),
            StatusRow(query="quietol", name="quietol", status="checked-none", class_ids=[]),
            StatusRow(query="zzz", name=None, status="not-checked", class_ids=[]),
        ],
        medicines=[medicine],
        families=[family],
    )
    read = [Source(id="src-q", title="Quiet review", organisation="Test Board")]
    return InteractionsAnswer(
        document=document,
        classes=[ClassDrugs(every=[named, other], named=[named])],
        checked_sources=[read],
        answered=True,
    )


def test_the_interactions_view_words_a_hand_made_answer() -> None:
    page = text(views.report_document(made_answer()))
    assert "Test class: major" in page
    assert "testocin (Testo), othercin (Other)" in page  # every drug of the class
    assert "About testocin" in page and "Not named, not shown" not in page
    assert "For Magnesium oxide" in page
    assert "Take the medicine at least 2 h before magnesium, or at least 4 h after it." in page
    assert "[src-c, src-s]" in page
    assert "quietol: checked, no interaction found" in page and "Test Board" in page
    assert "Testers: what magref holds" in page and "calmol" in page
    assert "Not listed: zzz" in page and "Did you mean: zinc?" in page


def test_the_interactions_json_is_the_answer_with_its_words() -> None:
    document = views.worded(made_answer())
    assert document.unmatched_note == NOT_LISTED
    assert document.route_note is None
    messages = [s.message for s in document.statuses]
    assert messages[0] == "interacts with magnesium: see Test class"
    assert "Test Board" in messages[1] and messages[1] == document.medicines[0].message
    assert messages[2].startswith("not checked")
    assert document.families[0].note == FAMILY_NOTE
    assert list(msgspec.json.decode(msgspec.json.encode(document)))[:3] == ["queries", "matches", "unmatched"]


def test_the_classes_view_shows_three_drugs_and_the_spacing() -> None:
    drugs = [Drug(name=f"drug{n}") for n in range(5)]
    page = text(
        views.classes_document(ClassesDocument(queries=[], matches=[made_match(drugs=drugs)], unmatched=[]))
    )
    assert "(1 classes)" in page
    assert "drug0, drug1, drug2, ..." in page and "drug3" not in page
    assert "2 h before / 4 h after" in page


def made_plan() -> PlanAnswer:
    spacing = Spacing(hours_before=2, hours_after=4, sources=["src-s"])
    row = DoseRow(
        drug="testocin",
        matched=None,
        time="22:00",
        assumed=True,
        regimen=None,
        class_id="test-class",
        class_name="Test class",
        spacing=spacing,
        mechanism_kind="binding",
        concerns="any-magnesium",
    )
    note = Note(code="not-listed", drug="zzz")
    worked = Plan(doses=[], windows=[(1440 - 60, 120)], notes=[note], unmatched=[])
    document = PlanDocument(
        doses=[row],
        windows=[Window(start="23:00", end="02:00", suggested="00:30")],
        notes=[
            PlanNote(
                code="not-listed",
                drug="zzz",
                classes=[],
                medicines=[],
                route=[],
                spacing=None,
                reason="",
                every_days=1,
                weekdays=[],
            )
        ],
        unmatched=[],
    )
    return PlanAnswer(
        document=document, plan=worked, open_hours=[0, 1, 23], dose_hours=[22], any_time=False, answered=True
    )


def test_the_plan_view_words_a_hand_made_answer() -> None:
    page = text(views.plan_document(made_plan()))
    assert "Medicines: testocin at 22:00 (assumed)" in page
    assert "Mg  ==" + "." * 20 + "D=" in page
    assert "23:00 to 02:00 (past midnight): suggested 00:30" in page
    assert "'zzz': " + NOT_LISTED in page
    assert "testocin: Take the medicine at least 2 h before magnesium" in page
    assert "How: binding" in page


def test_the_plan_json_is_the_answer_with_its_notes_worded() -> None:
    document = views.worded_plan(made_plan())
    assert document.notes[0].message == f"'zzz': {NOT_LISTED}. No gap was applied for it."
    assert document.doses == made_plan().document.doses


@pytest.mark.parametrize(
    "doses",
    [
        [("doxycycline", 8 * 60), ("doxycycline", 20 * 60)],
        [("levothyroxine", 6 * 60 + 30), ("cipro", 22 * 60)],
        [("alendronate", 7 * 60), ("raltegravir", 12 * 60), ("furosemide", 23 * 60 + 30)],
    ],
)
def test_the_open_hours_are_the_hours_wholly_in_a_window(data: Catalog, doses: list[tuple[str, int]]) -> None:
    answer = plan.planned(data, [DoseRequest(name, minute) for name, minute in doses])
    worked = answer.plan
    every_minute_open = [h for h in range(24) if all(worked.is_open(m) for m in range(h * 60, h * 60 + 60))]
    assert answer.open_hours == every_minute_open
    assert answer.dose_hours == sorted({minute // 60 for _, minute in doses})


def test_interactions_and_plan_json_are_their_answers_worded(magref: Run, data: Catalog) -> None:
    words = ["Eliquis", "lasix", "zzz"]
    printed = magref("interactions", *words, "--json").json
    answer = interactions.interactions(data, words, must_name=False)
    assert printed == msgspec.json.decode(msgspec.json.encode(views.worded(answer)))
    printed = magref("plan", "cipro@8am", "levothyroxine@7am", "--json").json
    requests, untimed = parse_doses(["cipro@8am", "levothyroxine@7am"])
    planned = plan.planned(data, requests, untimed)
    assert printed == msgspec.json.decode(msgspec.json.encode(views.worded_plan(planned)))
    every = interactions.classes(data)
    assert magref("interactions", "--json").json == msgspec.json.decode(msgspec.json.encode(every))
