"""Hostile arguments, hostile datasets, pipes and odd terminals: clear errors, nothing lost, no traceback."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magref import dataset
from magref.errors import DatasetError
from magref.model import SECTION_FILES

from .conftest import BUNDLED, Run

SGR = re.compile(r"\x1b\[[0-9;]*m")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "[bold]glycinate[/bold]", "[/]", "[link=https://example.com]x[/link]", "\x1b[31mred\x1b[0m",
            "\x1b]0;title\x07", "gly\x00cinate", "\u202eetanicylg", "g\u0301lycinate", "ｇｌｙｃｉｎａｔｅ",
            "x" * 10_000, "", "-", "--json", "-x", "nan", "inf", "-inf", "1e309", "NaN@08:00",
            "doxycycline@99:99", "500mg", "0", "-1", "\t", "\n", "محلول", "💊",
        ]
    ),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Mn", "Zs", "Po"]), max_size=20),
)  # fmt: skip

TEMPLATES = [
    ["info", "{}"], ["compare", "{}", "oxide"], ["list", "--sort", "{}"], ["search", "{}"], ["faq", "{}"],
    ["evidence", "{}"], ["sources", "{}"], ["interactions", "{}"], ["interactions", "furosemide", "{}"],
    ["plan", "{}"], ["plan", "{}@08:00"], ["dose", "--age", "{}"], ["dose", "--age", "30", "--sex", "{}"],
    ["dose", "--months", "{}"], ["convert", "{}", "glycinate"], ["convert", "500", "{}"],
    ["convert", "500", "oxide", "--times", "{}"], ["cautions", "{}"], ["check", "--age", "{}"],
    ["check", "--age", "30", "--drug", "{}"], ["check", "--age", "30", "--condition", "{}"],
    ["check", "--age", "30", "--form", "{}", "--amount", "500"],
    ["check", "--age", "30", "--form", "oxide", "--amount", "{}"],
    ["dose", "{}"], ["dose", "30", "{}"], ["check", "{}"], ["lab", "{}"], ["lab", "1.9", "{}"],
    ["stack", "2 capsules of {} oxide"], ["compare", "glycinate {} citrate"], ["foods", "{}"],
]  # fmt: skip


def assert_clean(stream: str, styled: bool) -> None:
    text = SGR.sub("", stream) if styled else stream
    assert "Traceback" not in text
    assert "\x1b" not in text
    assert not CONTROL.search(text.replace("\n", "").replace("\t", ""))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: "-".join(t).replace("{}", "X"))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE, styled=st.booleans())
def test_hostile_arguments(magref: Run, template: list[str], value: str, styled: bool) -> None:
    args = [part.replace("{}", value) for part in template]
    result = magref(*args, env={"FORCE_COLOR": "1", "COLUMNS": "80"} if styled else None)
    assert result.code in (0, 1, 2), result
    assert_clean(result.stdout, styled)
    assert_clean(result.stderr, styled)


@pytest.mark.parametrize(
    "args",
    [["info", "a" * 5000], ["interactions", "word " * 500], ["dose", "--age", "9" * 400], ["lab", "x" * 999]],
    ids=["info", "interactions", "dose", "lab"],
)
def test_a_very_long_input_is_not_echoed_whole(magref: Run, args: list[str]) -> None:
    result = magref(*args)
    assert result.code in (1, 2), result
    assert max(len(line) for line in result.stderr.splitlines()) < 400
    assert args[-1] not in result.stderr


def test_markup_in_arguments_is_shown_literally(magref: Run) -> None:
    result = magref("interactions", "furosemide", "[bold]x[/bold]", env={"FORCE_COLOR": "1"})
    assert "[bold]x[/bold]" in SGR.sub("", result.stdout)
    result = magref("info", "[/]")
    assert "[/]" in result.stderr


# -- hostile datasets ---------------------------------------------------------------------------


def write_sections(folder: Path, sections: dict[str, Any]) -> None:
    files: dict[str, dict[str, Any]] = {}
    for section, value in sections.items():
        files.setdefault(SECTION_FILES[section], {})[section] = value
    for name in {p.name for p in folder.glob("*.yaml")} - set(files):
        (folder / name).unlink()
    for name, content in files.items():
        (folder / name).write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def raw_bundled() -> dict[str, Any]:
    raw: dict[str, Any] = msgspec.to_builtins(dataset.load(BUNDLED, use_cache=False).to_dataset())
    return raw


def test_markup_in_data_prints_literally(magref: Run, data_copy: Path) -> None:
    raw = raw_bundled()
    glycinate = next(f for f in raw["forms"] if f["id"] == "glycinate")
    glycinate["name"] = "[bold red]Magnesium glycinate[/]"
    raw["faq"][0]["answer"] = "See [link=https://example.com]this[/link] and [/]."
    write_sections(data_copy, raw)
    for env in (None, {"FORCE_COLOR": "1"}):
        info = magref("--data", str(data_copy), "info", "glycinate", env=env)
        assert info.code == 0, info
        assert "[bold red]Magnesium glycinate[/]" in SGR.sub("", info.stdout)
        faq = magref("--data", str(data_copy), "faq", raw["faq"][0]["id"], env=env)
        assert "[link=https://example.com]this[/link]" in SGR.sub("", faq.stdout)


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


BOMB = billion_laughs()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(BOMB, id="billion-laughs"),
        pytest.param(b"[" * 20_000 + b"]" * 20_000, id="nested-20000"),
        pytest.param(b"sources: [\xff\xfe]\n", id="not-utf8"),
    ],
)  # fmt: skip
def test_hostile_dataset_files_exit_3_quickly_in_bounded_memory(
    magref: Run, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    tracemalloc.start()
    started = time.perf_counter()
    result = magref("--data", str(path), "info", "glycinate")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.code == 3
    assert str(path) in result.stderr
    assert elapsed < 2
    assert peak < 64 * 2**20


def test_oversized_empty_and_missing_datasets_exit_3(magref: Run, tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 2**20)
    empty = tmp_path / "empty"
    empty.mkdir()
    for path in (huge, empty, tmp_path / "missing"):
        result = magref("--data", str(path), "list")
        assert result.code == 3
        assert str(path) in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_dataset_exits_3(magref: Run, data_copy: Path) -> None:
    (data_copy / "faq.yaml").chmod(0)
    result = magref("--data", str(data_copy), "list")
    assert result.code == 3
    assert "faq.yaml" in result.stderr


# -- nothing silently lost -----------------------------------------------------------------------

LIST_SECTIONS = ["sources", "forms", "interactions", "cautions", "uses", "faq"]


def mutations() -> list[tuple[str, str, str, Any]]:
    """(section, field, kind, value): delete or retype each field of the first entry of each list."""
    raw = raw_bundled()
    found: list[tuple[str, str, str, Any]] = []
    for section in LIST_SECTIONS:
        for field in raw[section][0]:
            found.append((section, field, "delete", None))
            value = raw[section][0][field]
            wrong: Any = "text" if isinstance(value, (int, float)) and not isinstance(value, bool) else 12345
            found.append((section, field, "retype", wrong))
    return found


def load_problems(folder: Path) -> list[str] | None:
    try:
        dataset.load(folder, use_cache=False)
    except DatasetError as error:
        return [str(p) for p in error.problems]
    return None


@pytest.mark.parametrize(("section", "field", "kind", "wrong"), mutations())
def test_every_field_mutation_is_reported_or_kept(
    data_copy: Path, section: str, field: str, kind: str, wrong: Any
) -> None:
    raw = raw_bundled()
    original = raw[section][0][field]
    if kind == "delete":
        del raw[section][0][field]
    else:
        raw[section][0][field] = wrong
    write_sections(data_copy, raw)
    problems = load_problems(data_copy)
    if problems is None:
        loaded = msgspec.to_builtins(dataset.load(data_copy, use_cache=False).to_dataset())
        assert kind == "delete"
        assert loaded[section][0].get(field) in (None, [], original), "a value changed without a report"
    else:
        assert any(f"{section}[0]" in p for p in problems), problems
        assert all(re.match(r".+:\d+:\d+: ", p) for p in problems), problems


@pytest.mark.parametrize("section", LIST_SECTIONS)
def test_a_duplicated_entry_is_reported(data_copy: Path, section: str) -> None:
    raw = raw_bundled()
    raw[section].append(copy.deepcopy(raw[section][0]))
    write_sections(data_copy, raw)
    problems = load_problems(data_copy)
    assert problems is not None
    assert any(f"{section}[{len(raw[section]) - 1}]" in p for p in problems)


@pytest.mark.parametrize("file_name", sorted(set(SECTION_FILES.values())))
def test_a_duplicated_key_is_reported_with_its_line(data_copy: Path, file_name: str) -> None:
    path = data_copy / file_name
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if re.match(r"^\s+(- )?\w+: \S", line))
    indent = len(lines[index]) - len(lines[index].lstrip(" -"))
    key = lines[index].strip(" -").split(":")[0]
    lines.insert(index + 1, " " * indent + lines[index].strip(" -"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = load_problems(data_copy)
    assert problems is not None
    assert any(f"{file_name}:{index + 2}:" in p and f"duplicate key '{key}'" in p for p in problems), problems


def test_a_citation_of_a_missing_source_is_reported(data_copy: Path) -> None:
    raw = raw_bundled()
    raw["uses"][0]["sources"] = ["no-such-source"]
    write_sections(data_copy, raw)
    problems = load_problems(data_copy)
    assert problems is not None
    assert any("uses[0].sources[0]" in p and "no-such-source" in p for p in problems)


# -- output -----------------------------------------------------------------------------------------


def test_head_closing_the_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big"
    subprocess.run([sys.executable, "benchmarks/generate.py", "20", str(big)], check=True, cwd=BUNDLED.parent)
    env = {**os.environ, "MAGREF_CACHE_DIR": str(tmp_path / "cache")}
    for command in (["faq"], ["--data", str(big), "faq"], ["--data", str(big), "sources", "--json"]):
        line = " ".join([sys.executable, "-m", "magref", *command]) + " | head -c 20"
        done = subprocess.run(line, shell=True, capture_output=True, text=True, env=env, check=False)
        assert len(done.stdout) == 20
        assert done.stderr == "", done.stderr


ERRORS = [["info", "unobtainium"], ["compare", "glycinate"], ["dose", "--age", "-1"], ["plan", "zzz"]]


def test_queries_that_match_nothing_still_give_their_json_document(magref: Run) -> None:
    result = magref("interactions", "zzz", "unobtainol", "--json")
    assert result.code == 1
    payload = result.json
    assert payload["matches"] == []
    assert payload["unmatched"] == ["zzz unobtainol"]


def test_a_plan_that_matches_nothing_still_gives_its_json_document(magref: Run) -> None:
    result = magref("plan", "zzz@8am", "unobtainol@9am", "--json")
    assert result.code == 1
    payload = result.json
    assert payload["doses"] == []
    assert [entry["drug"] for entry in payload["unmatched"]] == ["zzz", "unobtainol"]
    assert [note["code"] for note in payload["notes"]] == ["not-listed", "not-listed"]


@pytest.mark.parametrize("args", ERRORS)
def test_json_errors_leave_stdout_empty(magref: Run, args: list[str]) -> None:
    result = magref(*args, "--json")
    assert result.code in (1, 2)
    assert result.stdout == ""
    assert result.stderr.strip()


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "dumb", "FORCE_COLOR": ""}, {"COLUMNS": "20"}, {"COLUMNS": "500"}],
    ids=["no-color", "term-dumb", "columns-20", "columns-500"],
)
@pytest.mark.parametrize(
    "args",
    [
        ["info", "glycinate"],
        ["compare", "glycinate", "oxide", "citrate"],
        ["interactions"],
        ["plan", "doxycycline@08:00"],
        ["check", "--age", "40"],
    ],
)
def test_odd_terminals_render(magref: Run, env: dict[str, str], args: list[str]) -> None:
    result = magref(*args, env=env)
    assert result.code == 0
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        assert "\x1b" not in result.stdout


def test_lang_c_and_a_real_terminal_width() -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "COLUMNS": "20", "PYTHONIOENCODING": ""}
    done = subprocess.run(
        [sys.executable, "-m", "magref", "compare", "glycinate", "oxide"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr


def test_json_output_parses_with_lang_c() -> None:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "magref", "faq", "--json"], capture_output=True, env=env, check=False
    )
    assert json.loads(done.stdout)["items"]


@pytest.mark.parametrize(
    "args",
    [
        ["info", ""],
        ["info", "  "],
        ["compare", "", " "],
        ["interactions", ""],
        ["evidence", "\t"],
        ["cautions", ""],
        ["products", ""],
        ["regions", ""],
        ["info", "", "--json"],
    ],
)
def test_an_empty_name_is_a_usage_error_not_a_miss(magref: Run, args: list[str]) -> None:
    result = magref(*args)
    assert result.code == 2
    assert "it is empty" in result.stderr
    assert f"magref {args[0]} -h" in result.stderr
    assert result.stdout == ""


def test_a_name_beside_an_empty_word_is_still_read(magref: Run) -> None:
    result = magref("info", "glycinate", "")
    assert result.code == 0
    assert "glycinate" in result.stdout.lower()


def test_a_question_of_thousands_of_unknown_words_looks_for_typos_in_a_few(
    magref: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each unknown word is held against the vocabulary; 13,000 of them (a 130 KB argument) took
    two minutes. Only the first few are mended: no one makes that many typos in one question."""
    import random

    from magref import search

    calls: list[str] = []
    real = search._closest_term

    def counted(data: Any, word: str) -> str | None:
        calls.append(word)
        return real(data, word)

    monkeypatch.setattr(search, "_closest_term", counted)
    pick = random.Random(1)
    words = ["".join(pick.choice("bdfhjkpqvwxz") for _ in range(8)) for _ in range(500)]
    result = magref("faq", " ".join(["magnesum", *words]))
    assert result.code in (0, 1)
    assert calls[0] == "magnesum"
    assert len(calls) <= search.MAX_TYPOS_MENDED


def test_a_number_written_in_quotes_is_named_as_such(data_copy: Path) -> None:
    path = data_copy / "forms.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(
        n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("elemental_percent:")
    )
    lines = text.splitlines()
    value = lines[line - 1].split(":", 1)[1].strip()
    lines[line - 1] = lines[line - 1].replace(value, f'"{value}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = load_problems(data_copy)
    assert problems is not None
    assert any(
        f"forms.yaml:{line}:" in p
        and f"elemental_percent: expected a number, but YAML read the text '{value}': remove the quotes" in p
        for p in problems
    ), problems


def test_json_escapes_the_controls_and_direction_marks_it_echoes(magref: Run) -> None:
    """JSON lets DEL, C1 controls (U+009B is CSI on some terminals) and direction overrides stand
    raw inside strings; on a terminal they act. They are written as \\u escapes: the same document."""
    typed = "x\x9b31m\u202e\x7f\u2066y"
    result = magref("interactions", typed, "--json")
    assert result.code == 1
    assert not re.search("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", result.stdout)
    assert result.json["queries"] == [typed]
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout
