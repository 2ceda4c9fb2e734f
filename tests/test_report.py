"""The printable report (HTML and Markdown) and the calendar files, through the command line."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import time
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from .conftest import Run
from .snapshot import assert_matches_snapshot

#: The person of the issue: a 68-year-old woman on levothyroxine and furosemide, taking citrate.
TYPICAL = [
    "--age", "68", "--sex", "female",
    "--drug", "levothyroxine@07:00", "--drug", "furosemide@08:00",
    "--form", "citrate", "--amount", "400",
]  # fmt: skip
HOSTILE_DRUG = "<script>alert(1)</script>"
HOSTILE_CONDITION = "x\" onmouseover=\"alert('q')"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_EMPTY = {"rect", "line", "circle", "path"}


class Page(HTMLParser):
    """Collects what a test looks at: tags in order, attributes, text, and unclosed elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "id" and value:
                self.ids.add(value)
        self._in_style = tag == "style"
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def report(magref: Run, *args: str) -> str:
    result = magref("report", *args)
    assert result.code == 0, result
    return result.stdout


def test_the_html_parses_with_every_section_and_every_element_closed(magref: Run) -> None:
    page = parse(report(magref, *TYPICAL))
    assert not page.problems
    assert page.open == []
    assert page.tags[0] == "html"
    assert {"inputs", "intake", "timeline", "interactions", "cautions", "sources"} <= page.ids
    assert "svg" in page.tags and "rect" in page.tags and "circle" in page.tags
    text = " ".join(" ".join(page.text).split())
    for expected in (
        "68 years",
        "levothyroxine@07:00",
        "Magnesium citrate (16.2% magnesium)",
        "65 mg elemental",
        "350 mg elemental a day",
        "19% of the limit",
        "Suggested magnesium time 16:30",
        "opens 4 h after levothyroxine at 07:00",
        "Mechanism:",
        "Take the medicine at least 4 h before magnesium, or at least 4 h after it.",
        "Older adults",
        "A reference, not medical advice",
        "magref 0.1.0",
        "dataset 0.1.0 (reviewed 2026-11-25)",
    ):
        assert expected in text


def test_the_html_loads_nothing_from_outside(magref: Run) -> None:
    html = report(magref, *TYPICAL, "--drug", "doxycycline@20:00", "--condition", "kidney")
    page = parse(html)
    loading = [(t, n, v) for t, n, v in page.attributes if n in ("src", "href", "srcset", "xlink:href")]
    assert loading == []
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(page.tags)
    style = "".join(page.styles)
    assert "@import" not in style and "url(" not in style
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.IGNORECASE)


def test_hostile_input_is_shown_as_text(magref: Run) -> None:
    html = report(
        magref,
        *TYPICAL,
        "--drug",
        f"{HOSTILE_DRUG}@09:00",
        "--drug",
        "O'Neil\"s pill",
        "--condition",
        HOSTILE_CONDITION,
    )
    page = parse(html)
    assert "script" not in page.tags
    assert not any(name.startswith("on") for _, name, _ in page.attributes)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = " ".join(page.text)
    assert HOSTILE_DRUG in text and HOSTILE_CONDITION in text and "O'Neil\"s pill" in text
    not_checked = html.split('id="not-checked"', 1)[1]
    assert "&lt;script&gt;" in not_checked and "not checked" in not_checked


def test_hostile_input_stays_text_in_markdown(magref: Run) -> None:
    text = report(magref, *TYPICAL, "--drug", f"{HOSTILE_DRUG}@09:00", "--condition", "a|b", "--format", "md")
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"a\|b" in text


def test_a_form_name_with_quotes_is_listed_as_not_counted_and_escaped(magref: Run) -> None:
    result = magref("report", "--age", "40", "--form", "cit\"rox'ate", "--amount", "400")
    assert result.code == 0, result
    page = parse(result.stdout)
    assert not page.problems and page.open == []
    assert "cit\"rox'ate" not in result.stdout  # only escaped
    assert "400 cit\"rox'ate" in " ".join(page.text)


def test_the_markdown_report_matches_its_snapshot(magref: Run) -> None:
    text = report(magref, *TYPICAL, "--drug", "unobtainol@12:00", "--format", "md")
    assert_matches_snapshot("report-typical.md", text)


def test_the_report_is_written_to_a_file_with_o(magref: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = magref("report", *TYPICAL, "-o", str(target))
    assert result.code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_without_timed_medicines_the_report_says_there_is_no_plan(magref: Run) -> None:
    html = report(magref, "--age", "30", "--drug", "furosemide")
    assert "<svg" not in html
    assert "no plan for the day" in html


def test_report_json_is_the_check_payload(magref: Run) -> None:
    assert magref("report", *TYPICAL, "--json").stdout == magref("check", *TYPICAL, "--json").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "'pdf' is not html or md"),
        (["--ics", "x.ics"], "--ics needs at least one medicine with a time"),
    ],
)
def test_report_usage_errors(magref: Run, args: list[str], message: str) -> None:
    result = magref("report", "--age", "40", "--drug", "furosemide", *args)
    assert result.code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_a_report_that_cannot_be_written_exits_74_as_documented(magref: Run) -> None:
    # This case was a usage error (exit 2) before issue 25: a file that cannot be written is an
    # output failure, 74, with what to do on the same line.
    result = magref("report", "--age", "40", "--drug", "furosemide", "-o", "/no/such/folder/report.html")
    assert result.code == 74
    assert "cannot write /no/such/folder/report.html" in result.stderr
    assert "give a file in a folder that exists" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


# -- calendar files -------------------------------------------------------------------------------


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_plan_ics_has_each_time_as_a_daily_event_with_its_rule(magref: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = magref("plan", "doxycycline@08:00", "levothyroxine@06:30", "--ics", str(target))
    assert result.code == 0
    found = events(target)
    assert set(found) == {"doxycycline (your time)", "levothyroxine (your time)", "Magnesium"}
    times = {name: event.decoded("DTSTART").time() for name, event in found.items()}
    assert times == {
        "doxycycline (your time)": time(8, 0),
        "levothyroxine (your time)": time(6, 30),
        "Magnesium": time(16, 15),
    }
    for event in found.values():
        assert event["RRULE"]["FREQ"] == ["DAILY"]
        assert event.decoded("DTSTART").tzinfo is None
        assert event["UID"] and event["DTSTAMP"]
        assert "not medical advice" in str(event["DESCRIPTION"])
    assert "at least 2 h before magnesium, or at least 6 h after it" in str(
        found["doxycycline (your time)"]["DESCRIPTION"]
    )
    magnesium = str(found["Magnesium"]["DESCRIPTION"])
    assert "opens 4 h after levothyroxine at 06:30" in magnesium
    assert "closes 6 h before doxycycline at 08:00" in magnesium
    assert "RRULE:FREQ=DAILY" in target.read_text(encoding="utf-8")


def test_plan_output_is_unchanged_by_ics(magref: Run, tmp_path: Path) -> None:
    args = ["plan", "doxycycline@08:00", "levothyroxine@06:30"]
    for extra in ([], ["--json"]):
        plain = magref(*args, *extra).stdout
        assert magref(*args, *extra, "--ics", str(tmp_path / "p.ics")).stdout == plain


def test_report_ics_lists_unchecked_medicines_as_not_checked(magref: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.ics"
    magref(
        "report", *TYPICAL, "--drug", "unobtainol@12:00", "--ics", str(target), "-o", str(tmp_path / "r.html")
    )
    found = events(target)
    assert found["unobtainol (your time; not checked)"].decoded("DTSTART").time() == time(12, 0)
    assert found["Magnesium"].decoded("DTSTART").time() == time(16, 30)
    assert "Timing does not help" in str(found["furosemide (your time)"]["DESCRIPTION"])


def test_jinja2_and_icalendar_load_only_on_their_paths() -> None:
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from magref.cli import app\n"
        "result = CliRunner().invoke(app, ['check', '--age', '68', '--drug', 'levothyroxine@07:00'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('jinja2', 'icalendar', 'markupsafe') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_report_leaves_no_compiled_code_in_the_cache(
    magref: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page is written by render/page.py: there are no templates to compile and cache."""
    private = tmp_path / "private"
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(private))
    first = report(magref, *TYPICAL)
    assert not (private / "templates").exists()
    assert not list(private.rglob("*.jinja"))
    assert report(magref, *TYPICAL) == first
    shared = tmp_path / "shared"
    (shared / "templates").mkdir(parents=True)
    (shared / "templates").chmod(0o777)
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(shared))
    assert report(magref, *TYPICAL) == first
    assert list((shared / "templates").iterdir()) == []


def test_an_unusable_cache_folder_only_means_no_cache(
    magref: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(blocker))
    assert "<svg" in report(magref, *TYPICAL)
