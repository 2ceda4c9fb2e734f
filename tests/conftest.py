"""Shared fixtures: a private cache folder, a CLI runner, and copies of the bundled dataset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from magref import dataset
from magref.cli import app

BUNDLED = dataset.bundled_location()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test gets a private cache and no outside settings."""
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
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
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

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
