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
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

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
    assert f"({error.total:,} problem(s))" in error.message
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
