"""A lookup reads the entries it finds, not a whole section: its cost stays the same as a dataset grows."""

from __future__ import annotations

from typing import Any

import pytest

from magref import amounts, catalog, dataset, foods, intake, interactions
from magref.catalog import Catalog

DATA = dataset.load(use_cache=False)


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[type[Any]]:
    """The kinds of the entries decoded from the index from now on, one item per entry."""
    seen: list[type[Any]] = []
    real = Catalog._decode

    def counting(self: Catalog, body: bytes, kind: type[Any]) -> Any:
        seen.append(kind)
        return real(self, body, kind)

    monkeypatch.setattr(Catalog, "_decode", counting)
    return seen


def fresh() -> Catalog:
    """The same index, with nothing decoded yet."""
    return Catalog(DATA._db)


def test_a_food_found_by_name_reads_only_the_foods_that_match(decoded: list[type[Any]]) -> None:
    found = foods.find(fresh(), "spinach")
    assert [food.id for food in found] == ["spinach"]
    assert decoded.count(catalog.Food) == 1 < len(DATA.foods)


def test_a_product_named_in_full_is_read_alone(decoded: list[type[Any]]) -> None:
    product = DATA.products[0]
    found = interactions.resolve_medicine(fresh(), product.name)
    assert [p.id for p in found.products] == [product.id]
    assert decoded.count(catalog.Product) == 1 < len(DATA.products)


def test_a_form_measured_as_its_product_reads_only_that_forms_products(decoded: list[type[Any]]) -> None:
    (line,) = intake.stack(fresh(), [amounts.parse_item("1 tsp epsom salt")]).lines
    assert line.product is not None and line.product.form == "sulfate"
    of_the_form = sum(1 for p in DATA.products if p.form == "sulfate")
    assert 0 < decoded.count(catalog.Product) <= of_the_form < len(DATA.products)
