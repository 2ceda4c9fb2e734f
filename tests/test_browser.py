"""End to end in a real browser: the report prints on one A4 and one Letter page, timeline drawn.

Needs Chromium and poppler-utils from the operating system (Debian: apt-get install chromium
poppler-utils); skipped only when Chromium is absent. Run it alone with:
    .venv/bin/python -m pytest tests/test_browser.py
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from .conftest import Run
from .test_report import TYPICAL

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]
#: Fill colours of the timeline: a window for magnesium, and a medicine dose (see report.html.j2).
WINDOW_GREEN = (0xC8, 0xE6, 0xC9)
DOSE_BLUE = (0x1F, 0x4E, 0x79)
DPI = 60


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {
        key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())
    }


def words(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word on the first page with its top and bottom, in points."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out
    )
    return [(text, float(top), float(bottom)) for top, bottom, text in found]


def heading_top(found: list[tuple[str, float, float]], phrase: str) -> tuple[float, float]:
    """Top and bottom of the first place where the words of ``phrase`` follow each other."""
    wanted = phrase.split()
    for index in range(len(found) - len(wanted) + 1):
        if [w for w, _, _ in found[index : index + len(wanted)]] == wanted:
            return found[index][1], found[index][2]
    raise AssertionError(f"'{phrase}' is not on the page")


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced PNG such as pdftoppm writes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            compressed += body
    raw = zlib.decompress(compressed)
    stride = width * channels
    previous = bytearray(stride)
    rows: list[bytes] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + nearest) & 0xFF
        previous = line
        rgb = bytes(line) if channels == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3)
        rows.append(rgb)
    return width, height, rows


def count_near(rows: list[bytes], colour: tuple[int, int, int], tolerance: int = 14) -> int:
    found = 0
    for row in rows:
        for i in range(0, len(row), 3):
            if all(abs(row[i + k] - colour[k]) <= tolerance for k in range(3)):
                found += 1
    return found


#: Typical people: the issue's, and the same person with a medicine and a condition magref lacks.
PEOPLE = {
    "typical": TYPICAL,
    "with unknowns": [*TYPICAL, "--drug", "unobtainol@12:30", "--condition", "gout"],
}


@pytest.fixture(scope="module", params=list(PEOPLE))
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A report written by magref, printed once on Letter and once on A4."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("browser")
    html = folder / "report.html"
    result = Run(CliRunner())("report", *PEOPLE[request.param], "-o", str(html))
    assert result.code == 0, result
    a4 = folder / "report-a4.html"
    a4.write_text(html.read_text(encoding="utf-8").replace("</style>", "@page { size: A4; }\n</style>", 1))
    pdfs = {"Letter": folder / "letter.pdf", "A4": folder / "a4.pdf"}
    print_to_pdf(html, pdfs["Letter"], folder / "profile-letter")
    print_to_pdf(a4, pdfs["A4"], folder / "profile-a4")
    return pdfs


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_a_typical_report_prints_on_one_page(printed: dict[str, Path], paper: str) -> None:
    info = pdf_info(printed[paper])
    assert info["Pages"] == "1"
    assert f"({paper.lower() if paper == 'Letter' else paper})" in info["Page size"]
    text = " ".join(w for w, _, _ in words(printed[paper]))
    assert "A reference, not medical advice" in text
    assert "Sources" in text and "levothyroxine" in text


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_timeline_is_drawn(printed: dict[str, Path], paper: str, tmp_path: Path) -> None:
    pdf = printed[paper]
    found = words(pdf)
    _, top = heading_top(found, "The day: medicines")
    bottom, _ = heading_top(found, "Interactions with magnesium")
    assert bottom > top + 72, "the timeline region is less than an inch high"
    scale = DPI / 72
    y, height = round(top * scale) + 2, round((bottom - top) * scale) - 4
    width_px = round(float(pdf_info(pdf)["Page size"].split()[0]) * scale)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", "-x", "0", "-y", str(y),
         "-W", str(width_px), "-H", str(height), str(pdf), str(tmp_path / "timeline")],
        check=True,
    )  # fmt: skip
    width, rows_count, rows = read_png(tmp_path / "timeline.png")
    assert (width, rows_count) == (width_px, height)
    not_white = sum(1 for row in rows for i in range(0, len(row), 3) if min(row[i : i + 3]) < 235)
    assert not_white > 0.03 * width * rows_count
    assert count_near(rows, WINDOW_GREEN) > 300, "no window for magnesium is drawn"
    assert count_near(rows, DOSE_BLUE, tolerance=30) > 20, "no medicine dose is drawn"


#: A pharmacist's patient with 8 medicines (one untimed, one with assumed times, one weekly, one
#: not in the dataset) and 4 magnesium products, a low blood result and stage 3a kidney disease.
EIGHT_AND_FOUR = [
    "72", "female",
    "--drug", "levothyroxine@07:00", "--drug", "furosemide@08:00", "--drug", "cipro 500mg bd",
    "--drug", "alendronate 70mg weekly sunday 6am", "--drug", "omeprazole@07:30",
    "--drug", "metformin@08:00", "--drug", "amlodipine", "--drug", "doxycycline@20:00",
    "--take", "citrate 200 mg", "--take", "glycinate 100 mg elemental",
    "--take", "milk of magnesia 15 mL", "--take", "oxide 400 mg",
    "--lab", "Mg 1.4 mg/dL (1.6-2.6) L", "--ckd", "3a",
]  # fmt: skip
PRODUCTS = ["Magnesium citrate", "Magnesium glycinate", "Milk of magnesia", "Magnesium oxide"]


@pytest.fixture(scope="module")
def printed_full_day(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 8-medicine, 4-product report, printed on Letter and on A4."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("browser-eight")
    html = folder / "report.html"
    result = Run(CliRunner())("report", *EIGHT_AND_FOUR, "-o", str(html))
    assert result.code == 0, result
    a4 = folder / "report-a4.html"
    a4.write_text(html.read_text(encoding="utf-8").replace("</style>", "@page { size: A4; }\n</style>", 1))
    pdfs = {"Letter": folder / "letter.pdf", "A4": folder / "a4.pdf"}
    print_to_pdf(html, pdfs["Letter"], folder / "profile-letter")
    print_to_pdf(a4, pdfs["A4"], folder / "profile-a4")
    return pdfs


def between(found: list[tuple[str, float, float]], start: str, end: str) -> str:
    """The words from the first place ``start`` is said to the first place ``end`` is, as one text."""
    text = [w for w, _, _ in found]
    joined = " ".join(text)
    head, tail = joined.index(start), joined.index(end)
    assert head < tail, f"'{start}' does not come before '{end}'"
    return joined[head:tail]


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_eight_medicines_and_four_products_print_on_one_page(
    printed_full_day: dict[str, Path], paper: str
) -> None:
    info = pdf_info(printed_full_day[paper])
    assert info["Pages"] == "1"
    assert f"({paper.lower() if paper == 'Letter' else paper})" in info["Page size"]
    text = " ".join(w for w, _, _ in words(printed_full_day[paper]))
    for expected in ("A reference, not medical advice", "Sources", "Blood magnesium", "CKD stage 3a"):
        assert expected in text


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_timeline_names_the_products_for_each_suggested_time(
    printed_full_day: dict[str, Path], paper: str
) -> None:
    timeline = between(words(printed_full_day[paper]), "The day: medicines", "Interactions with magnesium")
    suggested = timeline[timeline.index("Suggested magnesium time") :]
    for product in PRODUCTS:
        assert product in suggested, f"{product} is not named at a suggested time"
    assert "(assumed)" in timeline  # cipro's times, from "bd"
    assert "no time given: amlodipine" in timeline
    assert "metformin" in timeline and "(not checked)" in timeline
