"""Shared fixtures: a private cache folder, a CLI runner, and copies of the bundled dataset."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from magref import dataset
from magref.cli import app

BUNDLED = dataset.bundled_location()


@pytest.fixture(scope="session")
def _seed_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset's knowledge index, built once for the whole run."""
    folder = tmp_path_factory.mktemp("seed-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MAGREF_CACHE_DIR", str(folder))
        dataset.load(BUNDLED)
    return folder


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _seed_cache: Path) -> None:
    """Every test gets its own cache folder (holding a copy of the built index) and no outside settings."""
    cache = tmp_path / "magref-cache"
    shutil.copytree(_seed_cache, cache, ignore=shutil.ignore_patterns("*.lock"))
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(cache))
    for name in ("MAGREF_DATA", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


class Run:
    """Runs magref in-process and keeps stdout, stderr and the exit code apart."""

    def __init__(self, runner: CliRunner) -> None:
        self.runner = runner

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Result:
        result = self.runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)


class Result:
    """One run: ``exit_code`` (also ``code``), ``stdout``, ``stderr``, and ``json``, stdout decoded."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    @property
    def exit_code(self) -> int:
        return self.code

    @property
    def json(self) -> Any:
        """Standard output as one JSON document (fails the test if it is not one)."""
        return json.loads(self.stdout)

    def __repr__(self) -> str:
        return f"Result(code={self.code}, stdout={self.stdout[:300]!r}, stderr={self.stderr[:300]!r})"


@pytest.fixture
def magref(runner: CliRunner) -> Run:
    return Run(runner)


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the bundled dataset."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    yield target
