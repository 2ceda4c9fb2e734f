"""Find, load, validate and cache the magref dataset."""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from magref import model
from magref.catalog import Catalog
from magref.errors import DatasetError, Problem
from magref.model import Dataset
from magref.text import UNSAFE

#: Largest YAML file, and largest dataset, that magref will read.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
ENV_DATA = "MAGREF_DATA"

PathPart = str | int
FieldPath = tuple[PathPart, ...]


def bundled_location() -> Path:
    """The dataset shipped with magref: inside the package, or the checkout's top-level data/."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parent.parent / "data"


def resolve_location(option: str | None = None) -> Path:
    """Where to read the dataset from: ``--data``, then ``$MAGREF_DATA``, then the bundled one."""
    chosen = option or os.environ.get(ENV_DATA)
    return Path(chosen).expanduser() if chosen else bundled_location()


def load(location: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """Load and validate the dataset at ``location``; raise DatasetError listing every problem."""
    location = location or bundled_location()
    paths = _paths(location)
    if not use_cache:
        return Catalog.from_dataset(_build(location, _read_files(location, paths)))
    from magref import cache

    stat = cache.stat_key(paths)
    known = cache.read_pointer(stat) if stat else None
    catalog = cache.read(known) if known else None
    if catalog is not None:
        return catalog
    files = _read_files(location, paths)
    key = cache.key_for(files)
    catalog = cache.read(key)
    if catalog is None:
        catalog = Catalog.from_dataset(_build(location, files))
        cache.write(key, catalog)
    if stat:
        cache.write_pointer(stat, key)
    return catalog


def validate(location: Path) -> list[Problem]:
    """Every problem with the dataset at ``location``; empty when it is valid."""
    try:
        _build(location, _read_files(location, _paths(location)))
    except DatasetError as error:
        return error.problems
    return []


# -- reading files ---------------------------------------------------------------------------


class SourceFile(msgspec.Struct, frozen=True):
    """One YAML file's name (as shown in messages) and raw bytes."""

    name: str
    data: bytes


def _paths(location: Path) -> list[Path]:
    """The YAML files of a dataset: the file itself, or a folder's .yaml files in name order."""
    shown = str(location)
    if not location.exists():
        raise DatasetError(location, [Problem(shown, 0, 0, "", "no such file or folder")])
    if not location.is_dir():
        return [location]
    try:
        paths = sorted(p for p in location.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError as error:
        raise DatasetError(location, [Problem(shown, 0, 0, "", f"cannot read: {error.strerror}")]) from None
    if not paths:
        raise DatasetError(location, [Problem(shown, 0, 0, "", "folder has no .yaml files")])
    return paths


def _read_files(location: Path, paths: list[Path]) -> list[SourceFile]:
    files: list[SourceFile] = []
    total = 0
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                limit = MAX_FILE_BYTES // 2**20
                message = f"file is {size:,} bytes; the limit is {limit} MiB"
                raise DatasetError(location, [Problem(str(path), 0, 0, "", message)])
            total += size
            if total > MAX_TOTAL_BYTES:
                message = f"dataset is over {MAX_TOTAL_BYTES // 2**20} MiB"
                raise DatasetError(location, [Problem(str(path), 0, 0, "", message)])
            files.append(SourceFile(str(path), path.read_bytes()))
        except OSError as error:
            message = f"cannot read: {error.strerror or error}"
            raise DatasetError(location, [Problem(str(path), 0, 0, "", message)]) from None
    return files


# -- parsing YAML ------------------------------------------------------------------------------


def _loader_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc]
        """A safe loader that records duplicate keys and refuses aliases."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.problems: list[tuple[Any, str]] = []

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _AliasRefused(node)
            return super().construct_object(node, deep)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[str] = set()
            for key_node, _ in node.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str):
                    if key in seen:
                        self.problems.append((key_node.start_mark, f"duplicate key '{key}'"))
                    seen.add(key)
            return super().construct_mapping(node, deep)

    return StrictLoader


class _AliasRefused(Exception):
    def __init__(self, node: Any) -> None:
        self.node = node


def _parse(file: SourceFile) -> tuple[Any, list[Problem]]:
    """Parse one file; return its content (None if unusable) and the problems found."""
    import yaml

    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(file.data, error.start)
        return None, [Problem(file.name, line, column, "", "not valid UTF-8 text")]
    loader = _loader_class()(text)
    try:
        content = loader.get_single_data()
    except _AliasRefused as refused:
        mark = refused.node.start_mark
        message = "YAML anchors and aliases are not allowed in a dataset"
        return None, [Problem(file.name, mark.line + 1, mark.column + 1, "", message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [Problem(file.name, line, column, "", f"YAML syntax: {error.problem}")]
    except (yaml.YAMLError, RecursionError) as error:
        return None, [Problem(file.name, 0, 0, "", f"YAML cannot be read: {error}")]
    finally:
        loader.dispose()
    problems = [
        Problem(file.name, mark.line + 1, mark.column + 1, "", message) for mark, message in loader.problems
    ]
    return content, problems


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


# -- building and checking --------------------------------------------------------------------


def _build(location: Path, files: list[SourceFile]) -> Dataset:
    problems: list[Problem] = []
    sections: dict[str, Any] = {}
    origin: dict[str, SourceFile] = {}
    unreadable = False
    locator = _Locator()
    for file in files:
        content, found = _parse(file)
        problems += found
        if content is None:
            unreadable = unreadable or bool(found)
            continue
        if not isinstance(content, dict):
            problems.append(Problem(file.name, 1, 1, "", "expected a mapping of sections"))
            continue
        for key, value in content.items():
            if key not in model.SECTION_FILES:
                known = ", ".join(model.SECTION_FILES)
                message = f"unknown section (known: {known})"
                problems.append(Problem(*locator.find(file, (key,)), str(key), message))
            elif key in sections:
                message = f"section already defined in {origin[key].name}"
                problems.append(Problem(*locator.find(file, (key,)), str(key), message))
            else:
                sections[key] = value
                origin[key] = file
    field_problems = list(_check_fields(sections, unreadable))
    dataset, cross_problems = _cross_check_valid_part(sections, field_problems)
    for path, message in field_problems + cross_problems:
        home = origin.get(str(path[0])) if path else None
        if home is None:
            problems.append(Problem(str(location), 0, 0, _dotted(path), message))
        else:
            problems.append(Problem(*locator.find(home, path), _dotted(path), message))
    if problems:
        raise DatasetError(location, problems)
    return dataset


def _dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _check_fields(sections: dict[str, Any], partial: bool) -> Iterator[tuple[FieldPath, str]]:
    """Check every field against the schema, reporting all problems, not only the first."""
    hints = typing.get_type_hints(Dataset, include_extras=True)
    for name, field_type in hints.items():
        if name in sections:
            yield from _check_value(sections[name], field_type, (name,))
        elif not partial:
            yield (), f"missing section '{name}'"
    yield from _control_characters(sections, ())


def _check_value(value: Any, field_type: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    struct = _struct_of(field_type, value)
    if struct is not None:
        yield from _check_struct(value, struct, path)
        return
    item = _list_item_struct(field_type)
    if item is not None and isinstance(value, list):
        yield from _convert_problems(value, _replace_items(field_type), path)
        for index, element in enumerate(value):
            yield from _check_value(element, item, (*path, index))
        return
    yield from _convert_problems(value, field_type, path)


def _check_struct(value: Any, struct: type[Any], path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if not isinstance(value, dict):
        yield path, f"expected a mapping, got {_describe(value)}"
        return
    hints, fields = _struct_fields(struct)
    for key in value:
        if key not in fields:
            yield (*path, key), f"unknown field (expected one of: {', '.join(fields)})"
    for name, field in fields.items():
        if name in value:
            yield from _check_value(value[name], hints[field.name], (*path, name))
        elif field.required:
            yield path, f"missing required field '{name}'"


_FIELDS: dict[type[Any], tuple[dict[str, Any], dict[str, Any]]] = {}


def _struct_fields(struct: type[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A struct's field types and its fields by the name used in YAML (computed once per type)."""
    if struct not in _FIELDS:
        hints = typing.get_type_hints(struct, include_extras=True)
        _FIELDS[struct] = hints, {field.encode_name: field for field in msgspec.structs.fields(struct)}
    return _FIELDS[struct]


def _convert_problems(value: Any, field_type: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    try:
        msgspec.convert(value, field_type, strict=True)
    except msgspec.ValidationError as error:
        message, _, where = str(error).partition(" - at `$")
        extra = _error_path(where.rstrip("`"))
        bad = _value_at(value, extra)
        if ("Expected `str`" in message and isinstance(bad, (bool, int, float))) or _is_date(bad):
            message = f"expected text, but YAML read {_describe(bad)}: put the value in quotes"
        yield (*path, *extra), message


def _error_path(where: str) -> FieldPath:
    """Turn msgspec's ``[2].name`` into ``(2, "name")``."""
    parts: list[PathPart] = []
    for index, key in re.findall(r"\[(\d+)\]|\.(\w+)", where):
        parts.append(int(index) if index else key)
    return tuple(parts)


def _value_at(value: Any, path: FieldPath) -> Any:
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _is_date(value: Any) -> bool:
    import datetime

    return isinstance(value, (datetime.date, datetime.datetime))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if _is_date(value):
        return f"the date {value}"
    if value is None:
        return "nothing (null)"
    return f"a {type(value).__name__}"


def _struct_of(field_type: Any, value: Any) -> type[Any] | None:
    """The Struct type a field holds (looking through ``X | None``), or None."""
    if isinstance(field_type, type) and issubclass(field_type, msgspec.Struct):
        return field_type
    args = typing.get_args(field_type)
    if value is not None and type(None) in args:
        structs = [a for a in args if isinstance(a, type) and issubclass(a, msgspec.Struct)]
        return structs[0] if len(structs) == 1 else None
    return None


def _list_item_struct(field_type: Any) -> type[Any] | None:
    base = typing.get_args(field_type)[0] if typing.get_origin(field_type) is typing.Annotated else field_type
    if typing.get_origin(base) is list:
        item = typing.get_args(base)[0]
        if isinstance(item, type) and issubclass(item, msgspec.Struct):
            return item
    return None


def _replace_items(field_type: Any) -> Any:
    """The same list type with items of any kind, to check only the list's own constraints."""
    if typing.get_origin(field_type) is typing.Annotated:
        _, *metadata = typing.get_args(field_type)
        annotated: Any = typing.Annotated
        return annotated[tuple([list[Any], *metadata])]
    return list[Any]


def _control_characters(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        found = UNSAFE.search(value)
        if found:
            code = f"U+{ord(found.group()):04X}"
            yield path, f"contains the control character {code}; only newline and tab are allowed"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _control_characters(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_characters(item, (*path, index))


#: Stand-ins for a section that is missing or broken, so that the rest can still be cross-checked.
_PLACEHOLDERS: dict[str, Any] = {
    "about": {"version": "-", "date": "0000-00-00"},
    "dosing": {"intake": [], "upper_limit": []},
    "excess": {"summary": "-", "signs": [], "sources": ["placeholder"]},
}


def _cross_check_valid_part(
    sections: dict[str, Any], found: list[tuple[FieldPath, str]]
) -> tuple[Dataset, list[tuple[FieldPath, str]]]:
    """Cross-check the entries that passed the field checks, so every problem shows in one run.

    Returns the dataset (complete only when ``found`` is empty) and the cross-check problems,
    with paths pointing at the entries' places in the files.
    """
    from magref import integrity

    bad_entries = {path[:2] for path, _ in found if len(path) >= 2 and isinstance(path[1], int)}
    broken = {str(path[0]) for path, _ in found if len(path) < 2 or not isinstance(path[1], int)} - {""}
    partial: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for name in typing.get_type_hints(Dataset):
        value = sections.get(name)
        if name in broken or value is None:
            partial[name] = _PLACEHOLDERS.get(name, [])
        elif isinstance(value, list):
            kept[name] = [i for i in range(len(value)) if (name, i) not in bad_entries]
            partial[name] = [value[i] for i in kept[name]]
        else:
            partial[name] = value
    try:
        dataset = msgspec.convert(partial, Dataset, strict=True)
    except msgspec.ValidationError as error:
        return msgspec.convert(_empty(), Dataset), [((), f"cannot be checked further: {error}")]
    cross: list[tuple[FieldPath, str]] = []
    for path, message in integrity.cross_references(dataset):
        section = str(path[0])
        if section in broken or section not in sections:
            continue
        if section in kept and len(path) > 1 and isinstance(path[1], int):
            path = (section, kept[section][path[1]], *path[2:])
        cross.append((path, message))
    return dataset, cross


def _empty() -> dict[str, Any]:
    return {name: _PLACEHOLDERS.get(name, []) for name in typing.get_type_hints(Dataset)}


# -- locating a field in its file -------------------------------------------------------------


class _Locator:
    """Finds the line and column of a field, composing each file at most once."""

    def __init__(self) -> None:
        self._roots: dict[str, Any] = {}

    def find(self, file: SourceFile, path: FieldPath) -> tuple[str, int, int]:
        """The file, line and column of the node at ``path``, or of the deepest node found."""
        if file.name not in self._roots:
            self._roots[file.name] = _compose(file)
        node = self._roots[file.name]
        if node is None:
            return file.name, 1, 1
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return file.name, node.start_mark.line + 1, node.start_mark.column + 1


def _compose(file: SourceFile) -> Any:
    import yaml

    try:
        return yaml.compose(file.data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return None


def _child(node: Any, part: PathPart) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in reversed(node.value):
            if key_node.value == part:
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None
