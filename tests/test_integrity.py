"""The bundled dataset is complete, consistent and cited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest

from magref import chemistry, dataset, names
from magref.model import SEVERITIES, Dataset, IntakeBand

DATA = dataset.load(use_cache=False).to_dataset()
REQUIRED_FORMS = {
    "glycinate", "oxide", "citrate", "malate", "chloride", "sulfate", "hydroxide",
    "carbonate", "lactate", "aspartate", "gluconate", "threonate", "taurate", "orotate",
}  # fmt: skip
REQUIRED_USES = {
    "back-pain", "muscle-cramps", "migraine", "sleep", "constipation",
    "anxiety", "blood-pressure", "type-2-diabetes",
}  # fmt: skip
REQUIRED_CLASSES = {
    "bisphosphonates", "tetracyclines", "fluoroquinolones", "loop-diuretics", "thiazide-diuretics",
    "potassium-sparing-diuretics", "proton-pump-inhibitors", "levothyroxine", "gabapentin",
    "integrase-inhibitors",
}  # fmt: skip


def cited_ids(value: object) -> Iterator[str]:
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            item = getattr(value, name)
            if name == "sources" and isinstance(item, list) and not isinstance(value, Dataset):
                yield from item
            else:
                yield from cited_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from cited_ids(item)


@pytest.mark.parametrize("form", DATA.forms, ids=lambda f: f.id)
def test_elemental_percent_matches_the_formula(form: object) -> None:
    from magref.model import Form

    assert isinstance(form, Form)
    assert abs(chemistry.elemental_percent(form.formula) - form.elemental_percent) <= 0.3
    assert abs(chemistry.molar_mass(form.formula) - form.molar_mass) <= 0.5


def test_formula_parser_on_known_compounds() -> None:
    assert chemistry.atom_counts("Mg3(C6H5O7)2·9H2O") == {"Mg": 3, "C": 12, "H": 28, "O": 23}
    assert round(chemistry.elemental_percent("MgO"), 1) == 60.3
    assert round(chemistry.molar_mass("MgCl2·6H2O"), 2) == 203.30
    with pytest.raises(chemistry.FormulaError):
        chemistry.atom_counts("Mg(OH")
    with pytest.raises(chemistry.FormulaError):
        chemistry.atom_counts("Xx2")


def test_the_required_entries_are_there() -> None:
    assert {f.id for f in DATA.forms} >= REQUIRED_FORMS
    assert {u.id for u in DATA.uses} >= REQUIRED_USES
    assert {c.id for c in DATA.interactions} >= REQUIRED_CLASSES
    assert len(DATA.faq) >= 15


def test_every_cited_source_exists_and_every_source_is_cited() -> None:
    defined = {s.id for s in DATA.sources}
    cited = set(cited_ids(DATA))
    assert cited - defined == set()
    assert defined - cited == set()


def test_every_alias_resolves_to_exactly_one_form() -> None:
    owners: dict[str, set[str]] = {}
    for form in DATA.forms:
        for label in (form.id, form.name, *form.aliases):
            owners.setdefault(names.key(label), set()).add(form.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_every_interaction_has_drugs_severity_and_sources() -> None:
    for group in DATA.interactions:
        assert group.drugs, group.id
        assert group.severity in SEVERITIES
        assert group.sources, group.id
        for drug in group.drugs:
            if drug.spacing is not None:
                assert drug.spacing.sources, drug.name


def intake_value(band: IntakeBand, column: str) -> int | None:
    value: int | None = getattr(band, column)
    return value


US = next(values for values in DATA.regions if values.id == "us")


def bands_at(bands: list[Any], age: float) -> list[Any]:
    return [b for b in bands if b.min_age <= age and (b.max_age is None or age < b.max_age)]


@pytest.mark.parametrize("region", [values.id for values in DATA.regions])
def test_every_region_covers_every_age_once(region: str) -> None:
    values = next(v for v in DATA.regions if v.id == region)
    for tenth in range(0, 1201):
        assert len(bands_at(values.intake, tenth / 10)) == 1, (region, tenth / 10)
        assert len(bands_at(values.upper.bands, tenth / 10)) == 1, (region, tenth / 10)


@pytest.mark.parametrize("column", ["male", "female"])
def test_us_intake_has_a_figure_at_every_age(column: str) -> None:
    for tenth in range(0, 1201):
        (band,) = bands_at(US.intake, tenth / 10)
        assert intake_value(band, column) is not None


@pytest.mark.parametrize("stage", ["pregnancy", "lactation"])
def test_pregnancy_and_lactation_cover_ages_14_to_50(stage: str) -> None:
    for age in range(14, 51):
        assert intake_value(bands_at(US.intake, age)[0], stage) is not None, age


def test_known_figures() -> None:
    glycinate = next(f for f in DATA.forms if f.id == "glycinate")
    assert glycinate.elemental_percent == pytest.approx(14.1, abs=0.1)
    assert US.upper.bands[-1].mg == 350
    assert any("elemental" in note.text for note in US.notes)


def strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def test_every_milligram_figure_says_elemental_or_compound() -> None:
    """Each sentence with a mg or g amount names elemental or compound weight (or is about zinc).

    Questions, the titles of sources and their addresses are left out: they quote the words
    of others ("200-400 mg of what?", a product's own name, a leaflet's web address).
    """
    unclear = []
    for path, text in strings(msgspec.to_builtins(DATA)):
        if path.endswith((".question", ".title", ".url")):
            continue
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if re.search(r"\d\s*(mg|g)\b(?!/dL)", sentence) and not re.search(
                r"elemental|compound|zinc|calcium|ciprofloxacin", sentence, re.IGNORECASE
            ):
                unclear.append(f"{path}: {sentence}")
    assert unclear == []
