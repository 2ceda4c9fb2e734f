"""Every command's --json matches the documented schema (src/magref/contract.py, docs/json.md)."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from magref import contract, dataset, doses, foods, lookup
from magref.cli import COMMANDS as _COMMANDS
from magref.cli.table import documents

from .conftest import Run
from .test_cli_commands import COMMANDS

DATA = dataset.load(use_cache=False)
CHECK = ["--age", "70", "--sex", "female", "--drug", "Harvoni@8am", "--drug", "cipro@9pm", "--drug", "zzz"]
EXTRA: list[list[str]] = [
    ["validate"],
    ["interactions", "unobtainol"],
    ["interactions", "milk", "of", "magnesia", "and", "harvoni"],
    ["interactions", "Juluca", "lasix", "water", "pill"],
    ["plan", "furosemide@8am", "unobtainol@9am", "raltegravir@10am", "water pill@11am"],
    ["check", *CHECK, "--take", "glycinate 200 mg elemental", "--take", "milk of magnesia 30 mL"],
    ["check", *CHECK, "--condition", "kidney disease", "--condition", "dragon pox"],
    ["check", "--age", "30", "--pregnant", "--drug", "levothyroxine", "--form", "oxide", "--amount", "800"],
    ["check", "--age", "3", "--form", "citrate", "--amount", "100"],
    ["report", *CHECK, "--take", "glycinate 200 mg elemental"],
    ["check", "--age", "30", "--take", "rolaids 2 tablets x3", "--take", "oxide 400 mg x2"],
    ["convert", "375", "mg", "magnesium"],
    ["convert", "200", "glycinate", "--elemental"],
    ["convert", "200", "glycinate", "--elemental", "--mmol"],
    ["convert", "30ml", "milk", "of", "magnesia"],
    ["convert", "4", "mmol"],
    ["dose", "--age", "30"],
    ["dose", "--months", "3", "--sex", "female"],
    ["dose", "--age", "30", "--pregnant", "--compare-regions"],
    ["products"],
    ["products", "milk", "of", "magnesia", "--age", "8"],
    ["products", "epsom", "salt", "by", "mouth", "--age", "4"],
    ["products", "rolaids", "--age", "3"],
    ["evidence", "constipation", "--region", "uk"],
    [
        "check",
        "--age",
        "8",
        "--take",
        "milk of magnesia 45 mL",
        "--take",
        "rolaids 2 tablets",
        "--for",
        "migraine",
    ],
    ["report", "--age", "40", "--for", "constipation", "--for", "sleep"],
    ["label", "Magnesium 4 mmol (97 mg)"],
    ["label", "Magnesium (as oxide) 250 mg 60% NRV"],
    ["label", "Magnesium citrate 1000 mg"],
    ["lab", "0.5", "mmol/L"],
    ["foods", "--target", "400"],
    ["foods", "spinach"],
    ["faq", "is", "it", "safe", "in", "pregnancy"],
    ["search", "what", "helps", "with", "cramps"],
    ["stack", "glycinate 200 mg elemental x2", "rolaids 2 tablets x3", "mag 4 mmol"],
]
EVERY_ENTRY = (
    [["info", form.id] for form in DATA.forms]
    + [["interactions", group.id] for group in DATA.interactions]
    + [["products", product.id] for product in DATA.products]
    + [["regions", str(values.id)] for values in DATA.regions]
    + [["evidence", use.id] for use in DATA.uses]
    + [["cautions", caution.id] for caution in DATA.cautions]
    + [["faq", item.id] for item in DATA.faq]
)
CASES = COMMANDS + EXTRA + EVERY_ENTRY


@cache
def validator(command: str) -> Draft202012Validator:
    full = contract.schema(documents())
    Draft202012Validator.check_schema(full)
    return Draft202012Validator(contract.command_schema(full, command))


def problems(command: str, document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(command).iter_errors(document)
    ]


def test_every_command_has_a_documented_shape() -> None:
    assert set(_COMMANDS) - {"help"} == set(documents())


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c)[:60] for c in CASES])
def test_json_matches_the_schema(magref: Run, args: list[str]) -> None:
    result = magref(*args, "--json")
    assert result.code in (0, 1), result
    document = result.json
    assert problems(args[0], document) == []


def test_a_renamed_or_extra_field_fails_the_schema(magref: Run) -> None:
    document = magref("interactions", "lasix", "--json").json
    assert problems("interactions", document) == []
    renamed = copy.deepcopy(document)
    renamed["matches"][0]["class"] = renamed["matches"][0].pop("class_name")
    assert problems("interactions", renamed)
    extra = copy.deepcopy(document)
    extra["matches"][0]["spacing_text"] = "4 h"
    assert problems("interactions", extra)
    wrong_type = copy.deepcopy(document)
    wrong_type["matches"][0]["severity"] = "deadly"
    assert problems("interactions", wrong_type)


def test_names_are_the_same_across_commands(magref: Run) -> None:
    """One name for one idea: a class is class_id/class_name in interactions, plan and check alike."""
    interactions = magref("interactions", "cipro", "--json").json["matches"][0]
    planned = magref("plan", "cipro@8am", "--json").json["doses"][0]
    checked = magref("check", "--age", "40", "--drug", "cipro@8am", "--json").json
    for document in (interactions, planned, checked["interactions"][0], checked["plan"]["doses"][0]):
        assert (document["class_id"], document["class_name"]) == (
            "fluoroquinolones",
            interactions["class_name"],
        )


@pytest.mark.parametrize(
    ("document", "entry"),
    [
        (lookup.FormDocument, "Form"),
        (doses.ProductDocument, "Product"),
        (foods.FoodDocument, "Food"),
    ],
)
def test_documents_built_field_by_field_keep_every_field_of_their_entry(document: type, entry: str) -> None:
    """A field added to the model must reach the JSON too, not be left out of a hand-built document."""
    import msgspec

    from magref import model

    names = {field.name for field in msgspec.structs.fields(getattr(model, entry))}
    assert names <= set(document.__annotations__)
