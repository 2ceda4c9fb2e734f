"""Faults of a working machine: full disks, closed and broken outputs, odd files, interrupts, terminals.

The cases are data, one a line, in tests/faults.txt; each runs magref as a new process, because
these faults live in the process's own descriptors, signals and encodings.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref import dataset
from magref.errors import MAX_PROBLEMS_SHOWN, DatasetError
from magref.render import charset, plain

from .conftest import BUNDLED

CORPUS = Path(__file__).with_name("faults.txt")


class Fault:
    def __init__(self, line: str) -> None:
        fields = [field.strip() for field in line.split(" | ")]
        self.id, self.dataset, self.output, environment, arguments, code, self.stderr = fields
        self.env = dict(pair.split("=", 1) for pair in environment.split()) if environment != "-" else {}
        self.args = arguments.split()
        self.code = int(code)

    def __repr__(self) -> str:
        return self.id


def corpus() -> list[Fault]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [Fault(line) for line in lines if line.strip() and not line.startswith("#")]


def make_dataset(spec: str, folder: Path) -> str | None:
    """The --data argument for a corpus dataset column (None for the bundled data)."""
    if spec == "bundled":
        return None
    if spec == "<fifo>":
        os.mkfifo(folder / "dataset.yaml")
        return str(folder / "dataset.yaml")
    if spec.startswith("lines:"):
        path = folder / "incomplete.yaml"
        count = int(spec.removeprefix("lines:"))
        path.write_text("forms:\n" + "".join(f"- id: form-{n}\n  name: x\n" for n in range(count)))
        return str(path)
    if spec.startswith("/"):
        return spec
    parts = [part.strip() for part in spec.split(";")]
    assert parts[0] == "copy", spec
    target = folder / "data"
    shutil.copytree(BUNDLED, target)
    for change in parts[1:]:
        if change.startswith("-"):
            (target / change[1:]).unlink()
            continue
        name, _, content = change.partition("=")
        (target / name).unlink()
        if content == "<fifo>":
            os.mkfifo(target / name)
        else:
            (target / name).write_text(codecs.decode(content, "unicode_escape"), encoding="utf-8")
    return str(target)


def run_fault(fault: Fault, folder: Path) -> tuple[int, bytes, bytes]:
    data = make_dataset(fault.dataset, folder)
    command = [sys.executable, "-m", "magref", *(["--data", data] if data else []), *fault.args]
    env = {**os.environ, "MAGREF_CACHE_DIR": str(folder / "cache"), "COLUMNS": "80", **fault.env}
    for name in ("MAGREF_DATA", "NO_COLOR", "FORCE_COLOR"):
        if name not in fault.env:
            env.pop(name, None)
    out_path = folder / "stdout"
    err_path = folder / "stderr"
    with out_path.open("wb") as out_file, err_path.open("wb") as err_file:
        stdout: object = out_file
        stderr: object = err_file
        preexec = None
        if fault.output == "/dev/full":
            stdout = open("/dev/full", "wb")  # noqa: SIM115 - closed below
        elif fault.output == "gone":
            reader, writer = os.pipe()
            os.close(reader)
            stdout = writer
        elif fault.output in ("closed", "closed-all"):
            closing = (1, 2) if fault.output == "closed-all" else (1,)

            def preexec() -> None:
                for descriptor in closing:
                    os.close(descriptor)

        try:
            done = subprocess.run(
                command, stdout=stdout, stderr=stderr, env=env, preexec_fn=preexec, timeout=30, check=False
            )
        finally:
            if isinstance(stdout, int):
                os.close(stdout)
            elif stdout is not out_file:
                stdout.close()  # type: ignore[attr-defined]
    return done.returncode, out_path.read_bytes(), err_path.read_bytes()


@pytest.mark.parametrize("fault", corpus(), ids=repr)
def test_fault(fault: Fault, tmp_path: Path) -> None:
    code, stdout, stderr = run_fault(fault, tmp_path)
    message = stderr.decode("utf-8", "replace")
    assert code == fault.code, message
    assert b"Traceback" not in stderr
    if fault.code != 4:
        assert "internal error" not in message and "report this" not in message
    if fault.stderr == "-":
        assert stderr == b"", message
    else:
        assert fault.stderr in message
    if fault.code == 74:
        assert len(message.strip().splitlines()) <= 1, "one line on stderr"
    if fault.code == 0:
        encoding = fault.env.get("PYTHONIOENCODING", "utf-8")
        text = stdout.decode(encoding)  # every byte is one the terminal can show
        if "--json" in fault.args:
            assert json.loads(text)
        assert text.strip()


def test_the_corpus_covers_every_kind_of_fault() -> None:
    faults = corpus()
    assert len({fault.id for fault in faults}) == len(faults), "ids are unique"
    assert {fault.output for fault in faults} >= {"file", "/dev/full", "closed", "closed-all", "gone"}
    assert {fault.code for fault in faults} >= {0, 1, 3, 74, 141}


# -- a file system that fills up --------------------------------------------------------------------


@pytest.fixture
def small_file_system(tmp_path: Path) -> Iterator[Path]:
    """A 12 KiB tmpfs, when this process may mount one (root on Linux); else the test is skipped."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_disk_that_fills_up_part_way_is_an_error_not_a_short_file(small_file_system: Path) -> None:
    (small_file_system / "filler").write_bytes(b"\0" * 8192)
    env = {**os.environ, "MAGREF_CACHE_DIR": str(small_file_system.parent / "cache")}
    out = small_file_system / "out.json"
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "magref", "info", "glycinate", "--json"],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    assert done.returncode == 74
    assert done.stderr.decode().strip() == "magref: cannot write the output: No space left on device"


# -- interrupts ------------------------------------------------------------------------------------------

INTERRUPT_DURING_IMPORT = """
import os, signal, sys
sys.argv = ["magref", "info", "glycinate"]
import magref
os.kill(os.getpid(), signal.SIGINT)
import magref.cli
print("not reached")
"""

INTERRUPT_DURING_COMMAND = """
import os, signal, sys
sys.argv = ["magref", "info", "glycinate"]
from magref import cli, lookup
def find_form(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return None
lookup.find_form = find_form
cli.main()
"""


@pytest.mark.parametrize(
    "program", [INTERRUPT_DURING_IMPORT, INTERRUPT_DURING_COMMAND], ids=["import", "command"]
)
def test_ctrl_c_exits_130_without_a_traceback(program: str, tmp_path: Path) -> None:
    env = {**os.environ, "MAGREF_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, env=env, check=False)
    assert done.returncode == 130, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stdout == b""


def test_importing_magref_leaves_ctrl_c_alone() -> None:
    assert signal.getsignal(signal.SIGINT) is not None
    program = (
        "import magref.cli, signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


# -- datasets: many problems, odd files -----------------------------------------------------------------


def test_problems_past_the_cap_are_counted_not_listed(tmp_path: Path) -> None:
    path = tmp_path / "incomplete.yaml"
    path.write_text("forms:\n" + "".join(f"- id: form-{n}\n  name: x\n" for n in range(500)))
    with pytest.raises(DatasetError) as raised:
        dataset.load(path, use_cache=False)
    error = raised.value
    assert len(error.problems) == MAX_PROBLEMS_SHOWN
    from magref.model import SECTION_FILES

    missing_sections = len(SECTION_FILES) - 1
    assert error.total == 500 * 8 + missing_sections  # eight missing fields an entry, and the other sections
    from magref.render.problems import message

    assert f"({error.total:,} problem(s))" in message(error)
    first = next(problem for problem in error.problems if problem.path.startswith("forms"))
    assert (first.file, first.line, first.column, first.path) == (str(path), 2, 3, "forms[0]")


def test_validate_json_counts_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "incomplete.yaml"
    path.write_text("forms:\n" + "".join(f"- id: form-{n}\n" for n in range(50)))
    env = {**os.environ, "MAGREF_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "magref", "validate", str(path), "--json"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 3
    report = json.loads(done.stdout)
    assert report["problem_count"] > len(report["problems"]) == MAX_PROBLEMS_SHOWN


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_a_file_whose_size_says_0_is_bounded_by_what_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    proc = Path("/proc/self/maps")  # a regular file whose size says 0, with kilobytes to read
    assert proc.stat().st_size == 0
    monkeypatch.setattr(dataset, "MAX_FILE_BYTES", 100)
    with pytest.raises(DatasetError) as raised:
        dataset.load(proc, use_cache=False)
    assert str(raised.value.problems[0]).startswith("/proc/self/maps:0:0: the file is over")


def test_a_file_under_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"x" * 5000)
    assert dataset._read_bounded(path, 5000) == b"x" * 5000
    assert dataset._read_bounded(path, 4999) is None


# -- wrapping and fitting text ------------------------------------------------------------------------

WORDS = st.lists(
    st.sampled_from(["a", "bb", "word", "-", "x" * 30, " ", "  ", "\t", "\xa0", "é", "\r", "y" * 95]),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(
    parts=WORDS,
    width=st.integers(10, 60),
    first=st.sampled_from(["", "- ", "  "]),
    rest=st.sampled_from(["", "  "]),
)
def test_wrap_gives_what_textwrap_gives(parts: list[str], width: int, first: str, rest: str) -> None:
    text = "".join(parts)
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    assert plain.wrap(text, width, first, rest) == expected


def test_a_long_word_is_cut_into_full_lines() -> None:
    lines = plain.wrap("ab " + "x" * 100_000 + " cd", 70, "", "  ")
    assert lines[0] == "ab " + "x" * 67
    assert all(len(line) == 70 for line in lines[:-1])
    assert "".join(lines).replace(" ", "") == "ab" + "x" * 100_000 + "cd"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_fitted_text_encodes(encoding: str) -> None:
    text = "Mg3(C6H5O7)2·9H2O • ≥ 350 mg \u2013 \u201celemental\u201d µg 💊 é ñ ≈"
    fitted = charset.fit(text, encoding)
    fitted.encode(encoding)
    assert "350 mg" in fitted
    assert charset.fit("plain ascii", encoding) == "plain ascii"


def test_json_escapes_stay_the_same_document() -> None:
    text = json.dumps({"formula": "MgCl2·6H2O", "pill": "💊"}, ensure_ascii=False)
    escaped = charset.escape_json(text)
    assert escaped.isascii()
    assert json.loads(escaped) == json.loads(text)


def test_a_huge_text_on_a_terminal_gets_the_linear_plain_layout(capsys: pytest.CaptureFixture[str]) -> None:
    from magref.render import output
    from magref.render.document import Paragraph

    word = "x" * (output.RICH_MAX_TEXT + 1)
    output.emit(output.Mode(plain=False, width=80), dict, lambda: [Paragraph(word)])
    printed = capsys.readouterr().out
    assert "\x1b" not in printed
    assert printed.replace("\n", "") == word


# -- issue 25: hostile arguments, files the user names, numbers no field can hold -------------------


def run_magref(args: list[bytes | str], tmp_path: Path, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """magref as a new process, its temporary folder (where a crash report would go) in tmp_path."""
    temporary = tmp_path / "tmp"
    temporary.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temporary), **kwargs.pop("env", {})}
    env.pop("MAGREF_DEBUG", None)
    command: list[bytes | str] = [sys.executable, "-m", "magref", *args]
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(command, env=env, timeout=60, check=False, **kwargs)


def no_crash_report(tmp_path: Path) -> bool:
    return not list((tmp_path / "tmp").glob("magref-crash-*"))


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ([b"info", b"\xff\xfe"], b"argument 2 ('\\xff\\xfe') is not UTF-8 text"),
        ([b"\xc3\x28"], b"argument 1 ('\\xc3(') is not UTF-8 text"),
        ([b"--data", b"/tmp/\xe9t\xe9", b"info", b"glycinate"], b"argument 2 ('/tmp/\\xe9t\\xe9')"),
        ([b"interactions", b"lasix", b"cipro\x80"], b"argument 3"),
        ([b"report", b"--age", b"40", b"-o", b"r\xff.html"], b"argument 5"),
    ],
)
def test_an_argument_that_is_not_utf8_is_one_clear_line(
    args: list[bytes], shown: bytes, tmp_path: Path
) -> None:
    done = run_magref(list(args), tmp_path)
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1 and shown in done.stderr, done.stderr
    assert done.stdout == b""
    assert no_crash_report(tmp_path)


@settings(max_examples=30, deadline=None)
@given(args=st.lists(st.binary(min_size=0, max_size=12).filter(lambda b: b"\0" not in b), max_size=4))
def test_no_byte_string_makes_a_traceback(
    args: list[bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    words = [b"interactions", b"info", b"plan", b"search", b"report", b"validate", b"-o", b"--ics"]
    for first in (args, [words[len(args) % len(words)], *args]):
        done = run_magref(
            list(first), folder, env={"MAGREF_CACHE_DIR": str(folder / "cache")}, stdin=subprocess.DEVNULL
        )
        assert b"Traceback" not in done.stderr, done.stderr
        assert done.returncode not in (4, -11), done.stderr
        assert no_crash_report(folder)


def test_a_first_word_that_is_not_a_command_is_echoed_escaped(tmp_path: Path) -> None:
    clipboard = "\x1b]52;c;aGVsbG8=\x07"
    done = run_magref([clipboard], tmp_path)
    assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr
    assert b"'\\x1b]52;c;aGVsbG8=\\x07' is not a command" in done.stderr


def test_validate_shows_a_path_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "data\x1b[2J"
    shutil.copytree(BUNDLED, folder)
    done = run_magref(["validate", str(folder)], tmp_path)
    assert done.returncode == 0
    assert b"\x1b" not in done.stdout and b"data\\x1b[2J: valid" in done.stdout
    (folder / "faq.yaml").unlink()
    done = run_magref(["validate", str(folder)], tmp_path)
    assert done.returncode == 3
    assert b"\x1b" not in done.stderr and b"data\\x1b[2J" in done.stderr


def test_a_calendar_and_a_markdown_report_carry_no_terminal_controls(tmp_path: Path) -> None:
    drugs = ["levothyroxine@7am", "fooz\x07\x1b]2J@8am", "bar\x1b[31m@9am"]
    calendar = run_magref(["plan", *drugs, "--ics", "-"], tmp_path)
    assert calendar.returncode == 0, calendar.stderr
    assert b"BEGIN:VCALENDAR" in calendar.stdout
    assert b"\x1b" not in calendar.stdout and b"\x07" not in calendar.stdout
    assert b"fooz\\\\x07\\\\x1b]2J" in calendar.stdout
    page = run_magref(["report", "--age", "40", *(f"--drug={d}" for d in drugs), "--format", "md"], tmp_path)
    assert page.returncode == 0, page.stderr
    assert b"\x1b" not in page.stdout and b"\x07" not in page.stdout


def test_special_files_are_written_in_place_never_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = run_magref(["plan", "levothyroxine@7am", "--ics", str(fifo)], tmp_path)
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"BEGIN:VCALENDAR")
    target = tmp_path / "kept.html"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.html"
    link.symlink_to(target)
    done = run_magref(["report", "--age", "40", "--drug", "furosemide", "-o", str(link)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and target.read_text().startswith("<!DOCTYPE html>")
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    (tmp_path / "out").write_text("kept\n")
    with (tmp_path / "out").open("ab") as out:  # /dev/stdout: this process's stdout, open to append
        done = run_magref(
            ["report", "--age", "40", "--drug", "furosemide", "-o", "/dev/stdout"], tmp_path, stdout=out
        )
    assert done.returncode == 0
    assert Path("/dev/stdout").is_symlink()
    assert (tmp_path / "out").read_text().startswith("kept\n<!DOCTYPE html>")


def test_an_existing_report_keeps_its_mode_and_a_new_one_is_private(tmp_path: Path) -> None:
    new, old = tmp_path / "new.md", tmp_path / "old.md"
    old.write_text("old")
    old.chmod(0o644)
    for path in (new, old):
        done = run_magref(
            ["report", "--age", "40", "--drug", "furosemide", "--format", "md", "-o", str(path)], tmp_path
        )
        assert done.returncode == 0, done.stderr
    assert oct(new.stat().st_mode & 0o777) == oct(0o600)
    assert oct(old.stat().st_mode & 0o777) == oct(0o644)
    assert old.read_text().startswith("#")


def test_report_json_to_a_file_writes_the_json(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    done = run_magref(["report", "--age", "40", "--drug", "furosemide", "--json", "-o", str(path)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert json.loads(path.read_text())["person"]["age_years"] == 40


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("18446744073709551617", "the number 18446744073709551617 is out of range"),
        ("-9223372036854775809", "the number -9223372036854775809 is out of range"),
        ("9" * 5000, "the number of 5,000 digits is out of range"),
        (".inf", "the number inf is not a finite number"),
    ],
)
def test_numbers_no_field_can_hold_are_refused_where_they_are(
    data_copy: Path, magref: Any, value: str, shown: str
) -> None:
    foods = data_copy / "foods.yaml"
    text = foods.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("    mg: "))
    foods.write_text(
        text.replace("\n    mg: ", f"\n    mg: {value}\n    x_old_mg: ", 1).replace(
            "    x_old_mg: ", "    # ", 1
        )
    )
    problems = dataset.validate(data_copy)
    found = [str(problem) for problem in problems if shown in str(problem)]
    assert len(found) == 1, [str(problem) for problem in problems]
    assert found[0].startswith(f"{foods}:{line}:")
    result = magref("validate", str(data_copy))
    assert result.code == 3
    assert shown in result.stderr
    result = magref("--data", str(data_copy), "info", "glycinate")
    assert result.code == 3


# -- issue 25: validation memory --------------------------------------------------------------------


def test_validation_holds_a_small_multiple_of_a_file_of_many_ids(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "ids.yaml"
    path.write_text("forms:\n" + "".join(f"- id: f{n}\n" for n in range(20_000)), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        problems = dataset.validate(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems.total == 20_000 * 9 + len(dataset.model.SECTION_FILES) - 1
    assert peak <= 20 * size, f"{peak / size:.1f}x the file"  # was about 130x: every YAML node kept


def mutated(folder: Path) -> Path:
    """A copy of the bundled data with problems in list sections, single sections and the files."""
    shutil.copytree(BUNDLED, folder)
    forms = folder / "forms.yaml"
    text = forms.read_text(encoding="utf-8")
    text = text.replace("\n  name: ", "\n  nam: ", 3).replace("molar_mass: ", "molar_mass: -", 2)
    forms.write_text(text.replace("sources: [", 'sources: ["\\x1b", ', 4), encoding="utf-8")
    faq = folder / "faq.yaml"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace("question: ", 'question: "\\x07" #', 2), encoding="utf-8"
    )
    interactions = folder / "interactions.yaml"
    text = interactions.read_text(encoding="utf-8").replace("severity: ", "severity: huge", 2)
    interactions.write_text(text + "interactions: []\n", encoding="utf-8")  # the section twice in one file
    serum = folder / "serum.yaml"
    serum.write_text(serum.read_text(encoding="utf-8").replace("default_range: ", "default_range: x", 1))
    (folder / "zz-extra.yaml").write_text("forms:\n- id: again\nfoods: 5\n", encoding="utf-8")
    return folder


def test_entries_checked_as_they_are_read_give_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mutated(tmp_path / "data")
    streamed = dataset.validate(folder)
    monkeypatch.setattr(dataset._Checker, "start", lambda self, key: None)  # every entry kept, then checked
    whole = dataset.validate(folder)
    assert [str(p) for p in streamed] == [str(p) for p in whole]
    assert streamed.total == whole.total > 10


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_a_report_in_a_folder_without_permission_exits_74(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    done = run_magref(
        ["report", "--age", "40", "--drug", "furosemide", "-o", str(locked / "r.html")], tmp_path
    )
    assert done.returncode == 74
    target = locked / "r.html"
    assert done.stderr.decode().strip().splitlines() == [
        f"magref: cannot write {target}: Permission denied; give a file in a folder you may write to"
    ]


def test_a_report_on_a_read_only_file_system_exits_74(tmp_path: Path) -> None:
    done = run_magref(
        ["report", "--age", "40", "--drug", "furosemide", "-o", "/proc/magref-report.html"], tmp_path
    )
    assert done.returncode == 74
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith(b"magref: cannot write /proc/magref-report.html: ")


# -- files another user planted where the user's file goes ---------------------------------------

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to make a file owned by another user"
)


@needs_root
@pytest.mark.parametrize("option", ["-o", "--ics"])
def test_a_link_another_user_planted_is_never_written_through(tmp_path: Path, option: str) -> None:
    """report -o /tmp/report.html, where another user left a link to a file of this user's."""
    victim = tmp_path / "dotfile"
    victim.write_text("precious\n")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    planted = shared / "report.html"
    planted.symlink_to(victim)
    os.lchown(planted, 65534, 65534)
    done = run_magref(["report", "--age", "40", "--drug", "furosemide@8am", option, str(planted)], tmp_path)
    assert done.returncode == 74, done.stderr
    assert victim.read_text() == "precious\n"
    assert done.stderr.decode() == (
        f"magref: cannot write {planted}: it is a link or special file that another user made, "
        "and magref does not write through one\ngive the name of a new file, or remove it if you made it\n"
    )
    assert planted.is_symlink()


@needs_root
def test_a_fifo_another_user_planted_is_refused_not_waited_on(tmp_path: Path) -> None:
    planted = tmp_path / "plan.ics"
    os.mkfifo(planted, 0o666)
    os.chown(planted, 65534, 65534)
    done = run_magref(["plan", "levothyroxine@7am", "--ics", str(planted)], tmp_path)
    assert done.returncode == 74
    assert b"another user made" in done.stderr


def test_a_link_of_ones_own_and_a_device_are_still_written(tmp_path: Path) -> None:
    target = tmp_path / "kept.ics"
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    target.write_text("old")
    done = run_magref(["plan", "levothyroxine@7am", "--ics", str(link)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_text().startswith("BEGIN:VCALENDAR")
    done = run_magref(["plan", "levothyroxine@7am", "--ics", os.devnull], tmp_path)
    assert (done.returncode, done.stderr) == (0, b"")


# -- names that are not UTF-8 --------------------------------------------------------------------


def test_a_dataset_file_or_folder_whose_name_is_not_utf8_is_read_or_reported(tmp_path: Path) -> None:
    """A file name is bytes on Linux: one that is not UTF-8 was an internal error (exit 4)."""
    folder = tmp_path / os.fsdecode(b"data\xff")
    shutil.copytree(BUNDLED, folder)
    env = {"MAGREF_CACHE_DIR": str(tmp_path / "cache"), "MAGREF_DATA": os.fsdecode(folder)}
    done = run_magref(["info", "glycinate", "--json"], tmp_path, env=env)
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout)["id"] == "glycinate"
    (folder / os.fsdecode(b"extra\xff.yaml")).write_text("x: 1\n")
    for args in (["validate"], ["validate", "--json"], ["info", "glycinate"]):
        done = run_magref(args, tmp_path, env=env)
        assert done.returncode == 3, done.stderr
        assert no_crash_report(tmp_path)
        if "--json" in args:
            (problem,) = json.loads(done.stdout)["problems"]
            assert problem["file"].endswith("data\\xff/extra\\xff.yaml")
        else:
            assert b"data\\xff/extra\\xff.yaml:1:4: x: unknown section" in done.stderr
