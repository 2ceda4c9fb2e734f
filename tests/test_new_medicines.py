"""Medicines added from the audit (issue 24): members that take their class's gap, medicines that
lower magnesium, and the corrected tacrolimus and calcium polystyrene sulfonate entries."""

from __future__ import annotations

from functools import cache

from magref import dataset
from magref.model import Dataset, Drug, InteractionClass

from .conftest import Run


@cache
def bundled() -> Dataset:
    return dataset.load(use_cache=False).to_dataset()


def find(name: str) -> tuple[InteractionClass, Drug]:
    found = [(group, drug) for group in bundled().interactions for drug in group.drugs if drug.name == name]
    assert len(found) == 1, name
    return found[0]


def test_tacrolimus_takes_the_label_figures_for_the_antacid_study() -> None:
    group, drug = find("tacrolimus")
    assert drug.note is not None
    assert "21% more tacrolimus" in drug.note and "about 10% lower" in drug.note
    assert "label-prograf" in drug.sources and "label-prograf" in group.sources


def test_calcium_polystyrene_sulfonate_warns_of_alkalosis_with_magnesium_antacids(magref: Run) -> None:
    group, _ = find("calcium polystyrene sulfonate")
    assert "alkalosis" in group.effect and "alkalosis" in group.management
    assert {"smpc-calcium-resonium-cz", "schroeder-1969"} <= set(group.sources)
    text = " ".join(magref("interactions", "Calcium Resonium", env={"COLUMNS": "200"}).stdout.split())
    assert "too alkaline (alkalosis)" in text
