"""Facts render used to ask the core for, now carried by the answers it is given: each is worked
out by the core from typed inputs, and each view shows what the answer holds."""

from __future__ import annotations

import msgspec
import pytest

from magref import dataset, doses, dosing
from magref.model import Use
from magref.region import Region

from .conftest import Run

DATA = dataset.load(use_cache=False)


def test_a_uses_doses_carry_the_upper_limit_as_json_prints_it() -> None:
    migraine = DATA.by_id("uses", "migraine", Use)
    assert migraine is not None
    for region, age in ((Region.US, 30.0), (Region.UK, 30.0), (Region.US, 2.0)):
        found = doses.use_doses(DATA, migraine, age=age, region=region)
        upper = dosing.upper_limit(DATA, age, region)
        shown = found.upper_limit
        assert (shown.term, shown.authority, shown.mg, shown.mg_per_kg) == (
            upper.term, upper.authority, upper.mg, upper.mg_per_kg,
        )  # fmt: skip
        assert shown.sources == upper.sources


def test_the_uses_doses_json_shows_the_limit_the_answer_holds() -> None:
    migraine = DATA.by_id("uses", "migraine", Use)
    assert migraine is not None
    found = doses.use_doses(DATA, migraine)
    made = msgspec.structs.replace(found.upper_limit, mg=123, term="MADE-UP")
    shown = doses.use_doses_document(msgspec.structs.replace(found, upper_limit=made))
    assert (shown.upper_limit.mg, shown.upper_limit.term) == (123, "MADE-UP")


@pytest.mark.parametrize(
    "amount",
    [["500mg", "glycinate"], ["200", "glycinate", "--elemental"], ["milk", "of", "magnesia", "30ml"]],
)
def test_convert_prints_one_document_whether_or_not_mmol_is_asked_for(magref: Run, amount: list[str]) -> None:
    plain = magref("convert", *amount, "--json").json
    assert magref("convert", *amount, "--mmol", "--json").json == plain
    assert {"mmol", "meq"} <= set(plain)
    shown = magref("convert", *amount, "--mmol").stdout
    assert f"{plain['mmol']:.2f} mmol = {plain['meq']:.2f} mEq" in shown
