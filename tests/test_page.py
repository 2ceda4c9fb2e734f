"""The report page is written by render/page.py exactly as the Jinja2 templates wrote it.

magref wrote its report through two Jinja2 templates; importing Jinja2 cost about a fifth of
the whole ``report`` command, so render/page.py now writes the page itself. The templates are
kept in tests/reference as the specification: every report below, of every shape (short and
full, no plan, whole day, no window, unchecked and untimed medicines, hostile text and control
characters, every status line), must come out byte for byte as Jinja2 renders those templates,
with the same settings magref used (autoescape for HTML, the same finalize functions). A change to
the page is made in both. tests/test_browser.py prints the page in Chromium, and the Markdown
snapshot (tests/snapshots/report-typical.md.txt) is unchanged.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from magref.check import Report
from magref.render import report as report_module
from magref.render.safe import clean

from .conftest import Run
from .test_browser import EIGHT_AND_FOUR
from .test_report import HOSTILE_CONDITION, HOSTILE_DRUG, TYPICAL

REFERENCE = Path(__file__).parent / "reference"


def _finalize(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value


_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"} | {"\n": " ", "\r": " "})
_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")


def _markdown_finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return _ENTITY_START.sub(r"\\&", clean(value).translate(_MARKDOWN_SPECIAL))
    return value


def _markdown_cites(numbers: Sequence[int]) -> Any:
    return Markup(f" [{', '.join(str(int(n)) for n in numbers)}]" if numbers else "")


def through_jinja2(report: Report, fmt: str = "html", full: bool = False) -> str:
    """The page as magref rendered it through Jinja2 and its templates."""
    html = fmt == "html"
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REFERENCE),
        autoescape=html,
        finalize=_finalize if html else _markdown_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=not html,
        undefined=jinja2.StrictUndefined,
    )
    if not html:
        environment.globals["cites"] = _markdown_cites
    found = report_module.context(report, full or not html)
    return environment.get_template(f"report.{fmt}.j2").render(found)


CONTROL = "bad\x07\x1b]2Jname\u202e&amp;&#60;"
#: Reports of every shape the page has.
CASES = {
    "typical": TYPICAL,
    "typical, full": [*TYPICAL, "--full"],
    "long, made short": EIGHT_AND_FOUR,
    "long, full": [*EIGHT_AND_FOUR, "--full"],
    # held but not checked (metformin) and not held (unobtainol, zzz): one line for each reason
    "long, made short, two reasons not checked": [
        *EIGHT_AND_FOUR, "--drug", "unobtainol@12:00", "--condition", "zzz",
    ],
    "hostile": [
        *TYPICAL,
        "--drug", f"{HOSTILE_DRUG}@09:00", "--drug", "O'Neil\"s pill", "--condition", HOSTILE_CONDITION,
        "--condition", "a|b*c_[d]#`e`",
    ],
    "control characters": [
        "--age", "40", "--drug", f"{CONTROL}@10:00", "--drug", CONTROL, "--condition", CONTROL,
        "--take", "citrate 200 mg", "--drug", "levothyroxine@07:00",
    ],
    "nothing timed": ["--age", "30", "--drug", "amlodipine", "--drug", "doxycycline"],
    "person only": ["--age", "0.5"],
    "no window": ["--age", "60", "--drug", "doxycycline@02:00", "--drug", "doxycycline@08:00",
                  "--drug", "doxycycline@14:00", "--drug", "doxycycline@20:00", "--take", "oxide 400 mg"],
    "whole day": ["--age", "50", "--drug", "metformin@08:00", "--take", "glycinate 100 mg elemental"],
    "over the limit": ["--age", "30", "--sex", "male", "--take", "oxide 1000 mg x3",
                       "--drug", "levothyroxine@07:00", "--for", "migraine"],
    "pregnant, region, status": [
        "30", "female", "pregnant", "--region", "eu", "--take", "milk of magnesia 15 mL x2",
        "--drug", "alendronate 70mg weekly sunday 6am", "--lab", "0.62 mmol/L", "--egfr", "25",
    ],
    "dialysis, unknown form": ["--age", "70", "--dialysis", "--form", "cit\"rox'ate", "--amount", "400",
                               "--drug", "unobtainol@12:00", "--drug", "furosemide@08:00",
                               # names of 23 and 24 letters: whole, and cut, beside the timeline
                               "--drug", "abcdefghijklmnopqrstuvw@13:00",
                               "--drug", "abcdefghijklmnopqrstuvwx@14:00"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_page_is_what_the_templates_wrote(
    name: str, magref: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    compared: list[str] = []
    written = report_module.render

    def both(report: Report, fmt: report_module.Format = "html", full: bool = False) -> str:
        page = written(report, fmt, full)
        assert page == through_jinja2(report, fmt, full)
        compared.append(fmt)
        return page

    monkeypatch.setattr(report_module, "render", both)
    for fmt in ("html", "md"):
        result = magref("report", *CASES[name], "--format", fmt)
        assert result.code == 0, result
    assert compared == ["html", "md"]


def test_the_cases_cover_every_shape_of_the_page(magref: Run) -> None:
    """The cases above reach every branch the templates have: each of these shows in some page."""
    pages = "\n".join(magref("report", *args, "--format", "html").stdout for args in CASES.values())
    for shown in (
        'class="short"',  # a short page
        '<ul class="brief">',  # its cautions by name
        "Any time of day keeps the gaps",
        "No time of day keeps every gap",
        "there is no plan for the day",
        "Not on the timeline, no time given",
        "none of your items is placed here",
        'class="take"',
        ": over it",
        "No supplement was entered.",
        "Upper limit from supplements and medicines",
        "(not checked)</text>",
        "see the medicines not checked below",
        'class="dose unchecked"',
        "…</text>",  # a long name cut beside the timeline
        '<section id="not-checked"',
        "</strong> (medicine): not checked: magref has not checked",  # the held medicines' reason
        "</strong> (condition): not in magref&#39;s dataset",  # the other reason
        "Blood magnesium",
        "Kidneys",
        "(past midnight)",
    ):
        assert shown in pages, shown


def test_report_does_not_import_jinja2_or_markupsafe(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from magref.cli import app\n"
        f"args = {[*TYPICAL, '--format']!r}\n"
        "for fmt in ('html', 'md'):\n"
        "    result = CliRunner().invoke(app, ['report', *args, fmt])\n"
        "    assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('jinja2', 'markupsafe') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
