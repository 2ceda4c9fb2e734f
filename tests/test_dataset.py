"""The loader: every failure reported with file, line, column and field path, all in one run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from magref import dataset
from magref.errors import DatasetError, Problem

from .conftest import BUNDLED, Run


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file; return the 1-based line where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    start = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, start) + 1


def problems_of(location: Path) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        dataset.load(location, use_cache=False)
    return caught.value.problems


def only(problems: list[Problem], text: str) -> Problem:
    found = [p for p in problems if text in str(p)]
    assert len(found) == 1, problems
    return found[0]


def test_bundled_dataset_is_valid() -> None:
    assert dataset.validate(BUNDLED) == []


def test_duplicate_key_is_reported_at_the_second_key(data_copy: Path) -> None:
    line = edit(data_copy / "sources.yaml", "  - id: ods-hp\n", "  - id: ods-hp\n    id: ods-hp\n")
    problem = only(problems_of(data_copy), "duplicate key 'id'")
    assert (problem.file, problem.line, problem.column) == (str(data_copy / "sources.yaml"), line + 1, 5)


def test_boolean_where_text_was_expected_says_to_quote(data_copy: Path) -> None:
    faq = data_copy / "faq.yaml"
    first_question = next(x for x in faq.read_text().splitlines() if "question:" in x)
    line = edit(faq, first_question, first_question.split("question:")[0] + "question: no")
    problem = only(problems_of(data_copy), "boolean false")
    assert problem.line == line
    assert problem.path == "faq[0].question"
    assert "quotes" in problem.message
    assert str(problem).startswith(f"{faq}:{line}:")


def test_number_and_date_where_text_was_expected(data_copy: Path) -> None:
    sources = data_copy / "sources.yaml"
    title_line = edit(sources, 'title: "Magnesium: Fact Sheet for Health Professionals"', "title: 1.10")
    problems = problems_of(data_copy)
    assert only(problems, "number 1.1").line == title_line


def test_unknown_source_and_form_alias_claimed_twice(data_copy: Path) -> None:
    forms = data_copy / "forms.yaml"
    text = forms.read_text()
    oxide_start = text.index("- id: oxide")
    aliases_at = text.index("aliases:", oxide_start)
    forms.write_text(text[:aliases_at] + "aliases: [bisglycinate, " + text[aliases_at + len("aliases: [") :])
    faq = data_copy / "faq.yaml"
    line = edit(faq, "sources: [", "sources: [no-such-source, ")
    problems = problems_of(data_copy)
    assert only(problems, "'no-such-source', which is not in the sources").line == line
    claimed = only(problems, "'bisglycinate' is already used by forms")
    assert claimed.path.endswith(".aliases")
    assert claimed.line == text.count("\n", 0, aliases_at) + 1


def test_interaction_with_no_drug_and_missing_field(data_copy: Path) -> None:
    path = data_copy / "interactions.yaml"
    text = path.read_text()
    first_drugs = text.index("drugs:")
    end = text.index("\n    severity:", first_drugs)
    path.write_text(text[:first_drugs] + "drugs: []" + text[end:])
    drugs_line = text.count("\n", 0, first_drugs) + 1
    line = edit(path, "    severity: ", "    severity_level: ")
    problems = problems_of(data_copy)
    no_drug = only(problems, "length >= 1")
    assert (no_drug.path, no_drug.line) == ("interactions[0].drugs", drugs_line)
    assert only(problems, "unknown field").line == line
    assert only(problems, "missing required field 'severity'").path == "interactions[0]"


def test_all_problems_in_one_run_across_files(data_copy: Path) -> None:
    edit(data_copy / "faq.yaml", "sources: [", "sources: [missing-one, ")
    edit(data_copy / "uses.yaml", "grade: ", "grade: excellent-")
    problems = problems_of(data_copy)
    files = {Path(p.file).name for p in problems}
    assert {"faq.yaml", "uses.yaml"} <= files


def test_control_character_is_rejected_with_its_place(data_copy: Path) -> None:
    line = edit(data_copy / "faq.yaml", "answer: ", 'answer: "bell \\a here" # ')
    problem = only(problems_of(data_copy), "U+0007")
    assert problem.line == line
    assert problem.path.endswith(".answer")


def test_syntax_error_has_a_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - id: x\n    title: [unclosed\n")
    problem = problems_of(bad)[0]
    assert problem.line >= 3
    assert "YAML syntax" in problem.message


def test_section_defined_twice(data_copy: Path) -> None:
    (data_copy / "more.yaml").write_text("faq: []\n")
    assert "already defined" in str(only(problems_of(data_copy), "already defined"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "not valid UTF-8"),
        (b"[" * 20000 + b"]" * 20000, "YAML"),
    ],
)
def test_unreadable_content_is_refused_quickly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    started = time.perf_counter()
    problem = problems_of(path)[0]
    assert time.perf_counter() - started < 2
    assert message in problem.message
    assert problem.file == str(path)


def test_non_utf8_byte_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"faq:\n  - id: a\n    question: caf\xe9\n")
    problem = problems_of(path)[0]
    assert (problem.line, problem.column) == (3, 18)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    problem = problems_of(path)[0]
    assert time.perf_counter() - started < 2
    assert "aliases are not allowed" in problem.message
    assert (problem.line, problem.column) == (1, 4)  # the anchor that an alias reuses


def test_file_over_the_size_cap_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(dataset.MAX_FILE_BYTES + 1)
    problem = problems_of(path)[0]
    assert "limit" in problem.message
    assert problem.file == str(path)


def test_missing_path_and_folder_without_yaml(tmp_path: Path) -> None:
    assert "no such file" in problems_of(tmp_path / "nowhere")[0].message
    (tmp_path / "empty").mkdir()
    assert "no .yaml files" in problems_of(tmp_path / "empty")[0].message


def test_validate_command_lists_problems_and_exits_3(magref: Run, data_copy: Path) -> None:
    line = edit(data_copy / "faq.yaml", "sources: [", "sources: [nope, ")
    result = magref("validate", str(data_copy))
    assert result.code == 3
    assert result.stdout == ""
    assert f"faq.yaml:{line}:" in result.stderr
    assert "'nope'" in result.stderr


def test_validate_json_reports_problems(magref: Run, data_copy: Path) -> None:

    edit(data_copy / "faq.yaml", "sources: [", "sources: [nope, ")
    result = magref("validate", str(data_copy), "--json")
    report = result.json
    assert result.code == 3
    assert report["valid"] is False
    assert report["problems"][0]["line"] > 0


def test_data_option_and_environment_variable(magref: Run, data_copy: Path) -> None:
    edit(data_copy / "faq.yaml", "sources: [", "sources: [nope, ")
    assert magref("--data", str(data_copy), "info", "glycinate").code == 3
    result = magref("info", "glycinate", env={"MAGREF_DATA": str(data_copy)})
    assert result.code == 3
    assert "not valid" in result.stderr
    assert magref("validate").code == 0


def test_bundled_data_is_found_from_the_package() -> None:
    assert (dataset.bundled_location() / "forms.yaml").is_file()


def test_a_drug_note_without_sources_is_reported(data_copy: Path) -> None:
    line = edit(data_copy / "interactions.yaml", "        sources: [label-alendronate]\n", "")
    problem = only(problems_of(data_copy), "a drug's note needs sources")
    assert problem.path == "interactions[0].drugs[0].sources"
    assert problem.line == line - 3


def test_the_section_registry_names_every_section_of_the_dataset_with_its_type() -> None:
    """``model.SECTIONS`` is the one list of sections: each field of ``Dataset``, in order, with
    the type of its entries (a list section) or of its record."""
    import typing

    from magref.model import SECTIONS, Dataset

    fields = typing.get_type_hints(Dataset)
    assert list(SECTIONS) == list(fields)
    for name, section in SECTIONS.items():
        declared = fields[name]
        if section.kind is None:
            assert declared is section.entry, name
        else:
            assert typing.get_origin(declared) is list and typing.get_args(declared) == (section.entry,), name
        if section.title is not None:
            assert section.title in section.entry.__struct_fields__, name
