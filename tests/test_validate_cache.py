"""validate answers from the knowledge index when the dataset's bytes and the validating code are
unchanged, and validates again when either changes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from magref import cache, dataset

from .conftest import Run


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every full validation (parse and check of the YAML) made from now on, by its location."""
    seen: list[Path] = []
    real = dataset._build

    def counted(location: Path, files: list[Any]) -> Any:
        seen.append(location)
        return real(location, files)

    monkeypatch.setattr(dataset, "_build", counted)
    return seen


def test_unchanged_data_is_valid_from_the_index_without_parsing(data_copy: Path, builds: list[Path]) -> None:
    assert dataset.validate(data_copy, use_cache=True) == []
    assert builds == [data_copy]  # the first time: validated, then indexed
    assert dataset.validate(data_copy, use_cache=True) == []
    assert builds == [data_copy]  # the second: the index built for these bytes by this code
    assert dataset.validate(data_copy) == []  # without the cache, always parsed
    assert len(builds) == 2


def test_a_changed_byte_is_validated_again(data_copy: Path, builds: list[Path]) -> None:
    assert dataset.validate(data_copy, use_cache=True) == []
    forms = data_copy / "forms.yaml"
    text = forms.read_text(encoding="utf-8")
    forms.write_text(text.replace("molar_mass: ", "molar_mass: -", 1), encoding="utf-8")
    problems = dataset.validate(data_copy, use_cache=True)
    assert len(builds) == 2
    assert problems.total >= 1
    assert any("molar_mass" in str(problem) for problem in problems)
    forms.write_text(text, encoding="utf-8")  # back as it was: its index is still there
    assert dataset.validate(data_copy, use_cache=True) == []
    assert len(builds) == 2


def test_changed_validating_code_validates_again(
    data_copy: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dataset.validate(data_copy, use_cache=True) == []
    real = cache.code_fingerprint
    monkeypatch.setattr(cache, "code_fingerprint", lambda here=None: "edited" + real(here))
    assert dataset.validate(data_copy, use_cache=True) == []
    assert len(builds) == 2


@pytest.mark.parametrize("module", ["dataset.py", "integrity.py", "model.py", "chemistry.py", "text.py"])
def test_the_code_key_covers_the_validating_modules(tmp_path: Path, module: str) -> None:
    package = Path(cache.__file__).parent
    copy = tmp_path / "magref"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_fingerprint(copy)
    assert before == cache.code_fingerprint(package)
    with (copy / module).open("a", encoding="utf-8") as source:
        source.write("\n# a change\n")
    assert cache.code_fingerprint(copy) != before


def test_the_validate_command_reads_the_index_and_still_finds_problems(
    magref: Run, data_copy: Path, builds: list[Path]
) -> None:
    for _ in range(2):
        result = magref("validate", str(data_copy))
        assert result.code == 0, result
        assert result.stdout.endswith(": valid\n")
    assert builds == [data_copy]
    interactions = data_copy / "interactions.yaml"
    interactions.write_text(
        interactions.read_text(encoding="utf-8").replace("severity: ", "severity: huge", 1), encoding="utf-8"
    )
    result = magref("validate", str(data_copy), "--json")
    assert result.code == 3
    assert result.json["valid"] is False
    assert len(builds) == 2
