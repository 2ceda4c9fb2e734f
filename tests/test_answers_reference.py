"""The reference commands' answers (info, compare, list, faq, evidence, sources, validate): each is
worked out by one core call from typed inputs, and each view words a hand-made answer."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from magref import dataset, lookup
from magref.catalog import Catalog
from magref.dataset import ProblemRow, ValidationDocument
from magref.lookup import (
    CompareDocument,
    EvidenceDocument,
    Example,
    FaqDocument,
    FormAnswer,
    FormDocument,
    FormRow,
    FormsDocument,
    GradedUse,
    SourcesDocument,
)
from magref.model import GRADES, Absorption, Claim, FaqItem, GiTolerance, Source, Use
from magref.render import plain, views
from magref.render.document import Document

from .conftest import Run


@pytest.fixture(scope="module")
def data() -> Catalog:
    return dataset.load(use_cache=False)


def text(document: Document) -> str:
    return plain.paint(document, 1000)


# -- the core: typed inputs in, the whole answer out ------------------------------------------------


def test_info_works_out_the_example_and_gathers_the_cited_sources(data: Catalog) -> None:
    answer = lookup.info(data, "magnesium bisglycinate")
    form = answer.document
    assert form.id == "glycinate"
    assert form.example.compound_mg == lookup.EXAMPLE_COMPOUND_MG
    assert form.example.elemental_mg == round(500 * form.elemental_percent / 100, 1)
    cited = [*form.absorption.sources, *form.gi_tolerance.sources]
    assert set(cited) <= set(form.sources)
    assert len(form.sources) == len(set(form.sources))
    assert [s.id for s in form.source_details] == form.sources
    assert [g.id for g in form.evidence] == [u.id for u in answer.evidence]
    assert all(g.grade == u.grade for g, u in zip(form.evidence, answer.evidence, strict=True))


def test_info_json_is_the_document_encoded_with_its_keys_in_order(data: Catalog) -> None:
    form = lookup.info(data, "oxide").document
    decoded = msgspec.json.decode(msgspec.json.encode(form))
    assert list(decoded)[:3] == ["id", "name", "aliases"]
    assert list(decoded)[-2:] == ["example", "source_details"]


def test_compare_marks_the_best_forms_and_works_out_each_example(data: Catalog) -> None:
    answer = lookup.compare(data, ["oxide", "vs", "glycinate"])
    assert [f.id for f in answer.forms] == ["oxide", "glycinate"]
    assert answer.best["elemental_percent"] == ["oxide"]
    for form in answer.forms:
        assert form.example.elemental_mg == round(5 * form.elemental_percent, 1)
        assert form.source_details == []  # compare cites no records
    assert all(ids == sorted(ids) for ids in answer.best.values())


def test_list_sorts_rows_and_copies_the_ratings(data: Catalog) -> None:
    rows = lookup.forms_table(data, "elemental").items
    percents = [row.elemental_percent for row in rows]
    assert percents == sorted(percents, reverse=True)
    oxide = next(row for row in rows if row.id == "oxide")
    form = lookup.find_form(data, "oxide")
    assert (oxide.absorption, oxide.gi_tolerance, oxide.laxative) == (
        form.absorption.rating,
        form.gi_tolerance.rating,
        form.gi_tolerance.laxative,
    )


def test_faq_evidence_and_sources_answers(data: Catalog) -> None:
    assert len(lookup.faq(data).items) == len(data.faq)
    first = data.faq[0]
    assert lookup.faq(data, first.id).items == [first]
    grades = [GRADES.index(u.grade) for u in lookup.evidence_table(data).items]
    assert grades == sorted(grades)
    assert [s.id for s in lookup.sources(data, "ods-hp").items] == ["ods-hp"]
    assert len(lookup.sources(data).items) == len(data.sources)


def test_validation_counts_and_places_each_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(dataset.bundled_location(), folder)
    forms = folder / "forms.yaml"
    original = forms.read_text(encoding="utf-8")
    forms.write_text(
        re.sub(r"elemental_percent: .*", "elemental_percent: 300", original, count=1), encoding="utf-8"
    )
    answer = dataset.validation(folder)
    assert (answer.path, answer.valid) == (str(folder), False)
    assert answer.problem_count == len(answer.problems) == 1
    problem = answer.problems[0]
    assert (problem.file, problem.path) == (str(forms), "forms[0].elemental_percent")
    assert problem.line > 1 and problem.column > 1
    assert dataset.validation(dataset.bundled_location()).valid


# -- the views: a hand-made answer in, words out ----------------------------------------------------


def made_form(form_id: str = "testate", percent: float = 20.0, elemental_mg: float = 100.0) -> FormDocument:
    return FormDocument(
        id=form_id,
        name="Magnesium testate",
        aliases=["testate salt"],
        formula="MgT2",
        formula_note="A made-up compound.",
        molar_mass=120.5,
        elemental_percent=percent,
        absorption=Absorption(rating="higher", text="Well taken up.", sources=["src-a"]),
        gi_tolerance=GiTolerance(
            rating="gentle", laxative="low", text="Easy on the stomach.", sources=["src-b"]
        ),
        uses=[Claim(text="Taken for tests.", sources=["src-a"])],
        acts_as=[],
        cautions=[Claim(text="Not for real use.", sources=["src-b"])],
        evidence=[GradedUse(id="testing", name="Testing", grade="limited")],
        sources=["src-a", "src-b"],
        example=Example(compound_mg=500, elemental_mg=elemental_mg),
        source_details=[Source(id="src-a", title="A test source", year=2020)],
    )


def made_use() -> Use:
    return Use(
        id="testing",
        name="Testing",
        grade="limited",
        summary="Small trials only.",
        studied=["adults"],
        not_studied=["children"],
        sources=["src-a"],
    )


def test_the_info_view_words_the_answer_it_is_given() -> None:
    page = text(views.form_document(FormAnswer(document=made_form(), evidence=[made_use()])))
    assert "Magnesium testate (testate)" in page
    assert "Also called: testate salt" in page or "testate salt" in page
    assert "20.0% of the compound's weight: 500 mg of magnesium testate (compound weight) holds" in page
    assert "about 100 mg of elemental magnesium" in page
    assert "Testing: limited. Small trials only." in page
    assert "More: magref evidence testing" in page
    assert "[src-a] A test source (2020)" in page
    assert "Not for real use. [src-b]" in page


def test_the_compare_view_marks_the_best_and_shows_each_example() -> None:
    answer = CompareDocument(
        forms=[made_form("one", 10.0, 50.0), made_form("two", 60.0, 300.0)],
        best={"elemental_percent": ["two"]},
    )
    page = text(views.compare_document(answer))
    assert "Compared: one, two" in page
    assert "60.0% *" in page and "10.0% *" not in page
    assert "Mg in 500 mg compound" in page
    assert "50 mg elemental" in page and "300 mg elemental" in page
    assert views.BEST_LEGEND in page


def test_the_list_faq_evidence_and_sources_views() -> None:
    row = FormRow(
        id="one",
        name="One",
        elemental_percent=12.5,
        absorption="higher",
        gi_tolerance="gentle",
        laxative="low",
    )
    page = text(views.list_document(FormsDocument(items=[row])))
    assert "Magnesium forms (1)" in page and "12.5%" in page
    item = FaqItem(id="q1", question="Is it safe?", answer="Mostly.", sources=["src-a"])
    assert "Is it safe? (magref faq q1)" in text(views.faq_document(FaqDocument(items=[item]), full=False))
    assert "Mostly. [src-a]" in text(views.faq_document(FaqDocument(items=[item]), full=True))
    evidence = text(views.evidence_list_document(EvidenceDocument(items=[made_use()])))
    assert "magref evidence testing" in evidence and "limited" in evidence
    source = Source(id="src-a", title="A test source", organisation="Someone", url="https://example.org")
    listed = text(views.sources_document(SourcesDocument(items=[source])))
    assert "Sources (1)" in listed and "[src-a] Someone. A test source. https://example.org" in listed


def test_a_problem_is_worded_with_its_place() -> None:
    row = ProblemRow(file="forms.yaml", line=3, column=5, path="forms[0].id", message="Expected `str`")
    assert views.problem_text(row) == "forms.yaml:3:5: forms[0].id: Expected `str`"
    placeless = msgspec.structs.replace(row, path="")
    assert views.problem_text(placeless) == "forms.yaml:3:5: Expected `str`"
    answer = ValidationDocument(path="x", valid=False, problem_count=1, problems=[row])
    assert msgspec.json.decode(msgspec.json.encode(answer))["problems"][0]["line"] == 3


# -- the command line prints the answer ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (["info", "glycinate"], lambda data: lookup.info(data, "glycinate").document),
        (["compare", "oxide", "citrate"], lambda data: lookup.compare(data, ["oxide", "citrate"])),
        (["list", "--sort", "absorption"], lambda data: lookup.forms_table(data, "absorption")),
        (["faq", "pregnancy"], lambda data: lookup.faq(data, "pregnancy")),
        (["evidence"], lambda data: lookup.evidence_table(data)),
        (["sources", "ods-hp"], lambda data: lookup.sources(data, "ods-hp")),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_json_is_the_answer_encoded(magref: Run, data: Catalog, args: list[str], answer: Any) -> None:
    assert magref(*args, "--json").json == msgspec.json.decode(msgspec.json.encode(answer(data)))
