"""``products`` by layer: answers from typed inputs at the core, views from hand-made answers."""

from __future__ import annotations

import msgspec

from magref import dataset, doses
from magref.doses import ProductAtAgeDocument, ProductDocument, ProductsAnswer
from magref.model import AgeDose, Product, Source
from magref.render import dose_views, intake_views, plain

DATA = dataset.load(use_cache=False)


def text(document: object) -> str:
    painted = plain.paint(document, 200)  # type: ignore[arg-type]
    return "\n".join(" ".join(line.split()) for line in painted.splitlines())


LIQUID = Product(
    id="test-liquid", name="Test liquid", region="US", purposes=["laxative"], unit="mL", per=15,
    elemental_mg=100, basis="label", max_daily=60, use="A test.", ambiguous_aliases=["liquid"],
    age_doses=[
        AgeDose(from_age=6, below_age=12, advice="dose", low=5, high=10, max_daily=20, sources=["s1"])
    ],
    sources=["s1"],
)  # fmt: skip


def test_a_products_document_holds_the_labels_maximum_in_elemental_mg() -> None:
    document = doses.product_document(LIQUID)
    assert document.max_daily_elemental_mg == round(60 / 15 * 100, 1)
    assert doses.max_elemental(LIQUID) == 60 / 15 * 100
    assert [band.low for band in document.age_doses] == [5]
    assert list(msgspec.to_builtins(document))[-2:] == ["age_doses", "sources"]


def test_a_product_named_at_an_age_carries_its_row_with_the_message_left_for_the_words() -> None:
    answer = doses.product(DATA, "milk of magnesia", 8)
    document = answer.json
    assert isinstance(document, ProductAtAgeDocument) and answer.dose is not None
    assert document.at_age.age_years == 8 and document.at_age.advice == answer.dose.advice
    assert document.at_age.message == ""
    assert {s.id for s in answer.sources} >= set(answer.product.sources)
    plain_answer = doses.product(DATA, "milk of magnesia")
    assert type(plain_answer.json) is ProductDocument and plain_answer.dose is None


def test_every_product_is_in_the_list_with_its_maximum() -> None:
    answer = doses.products(DATA)
    assert [p.id for p in answer.json.items] == [p.id for p in DATA.products]
    assert answer.max_elemental_mg == [doses.max_elemental(p) for p in DATA.products]


# -- the views -----------------------------------------------------------------------------------------


def test_the_product_view_and_its_json_word_the_answer() -> None:
    row = doses.label_dose(LIQUID, 7)
    document = ProductAtAgeDocument(
        **msgspec.structs.asdict(doses.product_document(LIQUID)), at_age=doses.label_dose_document(row)
    )
    answer = doses.ProductAnswer(
        product=LIQUID, json=document, max_elemental_mg=400.4, rows=[row], dose=row,
        sources=[Source(id="s1", title="The label")],
    )  # fmt: skip
    shown = text(dose_views.product_document(answer))
    assert "Label maximum: 60 mL a day = 400 mg elemental" in shown
    assert "Ages 6 to 11: 5 to 10 mL a day" in shown and "[s1] The label" in shown
    assert "At age 7 the label's dose (ages 6 to 11) is 5 to 10 mL a day" in shown
    worded = dose_views.product_json(answer)
    assert isinstance(worded, ProductAtAgeDocument)
    assert worded.at_age.message.startswith("At age 7 the label's dose") and document.at_age.message == ""


def test_the_products_view_lists_each_with_the_answers_maximum() -> None:
    answer = ProductsAnswer(
        json=doses.ProductsDocument(items=[]), products=[LIQUID], max_elemental_mg=[123.4]
    )
    shown = text(intake_views.products_document(answer))
    assert "Products that carry magnesium (1)" in shown and "60 mL a day = 123 mg elemental" in shown
