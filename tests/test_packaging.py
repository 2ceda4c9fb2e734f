"""The wheel carries the dataset: installed on its own, magref finds its data from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("magref-*.whl")
    return built


def test_the_wheel_contains_every_data_file(wheel: Path) -> None:
    inside = set(zipfile.ZipFile(wheel).namelist())
    for data_file in sorted((ROOT / "data").glob("*.yaml")):
        assert f"magref/data/{data_file.name}" in inside


def test_the_wheel_contains_the_report_page_writer(wheel: Path) -> None:
    inside = set(zipfile.ZipFile(wheel).namelist())
    assert {"magref/render/page.py", "magref/render/report.py", "magref/render/ics.py"} <= inside
    assert not [name for name in inside if name.endswith(".j2")]  # the templates are tests' reference


def test_an_installed_wheel_runs_a_lookup_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "MAGREF_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "magref", "info", "glycinate", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"elemental_percent": 14.1' in done.stdout
    located = subprocess.run(
        [sys.executable, "-c", "from magref import dataset; print(dataset.bundled_location())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert located.stdout.strip().startswith(str(site))
