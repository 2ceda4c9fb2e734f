"""Find, load, validate and cache the magref dataset."""

from __future__ import annotations

import os
import re
import stat
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from magref import model
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import MAX_PROBLEMS_SHOWN, DatasetError, Problem, Problems
from magref.model import Dataset
from magref.text import UNSAFE

#: The integers a dataset may hold: what the index stores (a signed 64-bit integer). Longer
#: numbers than MAX_INT_DIGITS are refused as they are read.
INT_RANGE = (-(2**63), 2**63 - 1)
MAX_INT_DIGITS = 40
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
    """Load and validate the dataset at ``location``; raise DatasetError listing every problem.

    The validated dataset's knowledge index is kept in the cache (see ``cache``), so a warm run
    reads no YAML.
    """
    location = location or bundled_location()
    paths = _paths(location)
    if not use_cache:
        return Catalog.build(_build(location, _read_files(location, paths)))
    from magref import cache

    return cache.load(
        location,
        paths,
        lambda: _read_files(location, paths),
        lambda files: _build(location, list(files)),
    )


def validate(location: Path, *, use_cache: bool = False) -> Problems:
    """The first problems with the dataset at ``location``, and their count; empty when valid.

    With ``use_cache``, the dataset is loaded through its knowledge index (see ``load``): an index
    is written only after its files pass validation, and is keyed on their bytes and on the source
    of the validating code, so files unchanged since an index was built by this same code are
    valid without being parsed again; any other files are validated, and indexed when valid.
    """
    try:
        if use_cache:
            load(location)
            return Problems()
        _build(location, _read_files(location, _paths(location)))
    except DatasetError as error:
        return Problems(error.problems, error.total)
    return Problems()


class ProblemRow(Shape):
    file: str
    line: int
    column: int
    path: str
    message: str


class ValidationDocument(Shape):
    """``validate``: whether the dataset is valid, and each problem with its place."""

    path: str
    valid: bool
    problem_count: int
    problems: list[ProblemRow]


def validation(location: Path) -> ValidationDocument:
    """``validate``: the dataset at ``location`` checked (through its index, see ``validate``), with
    the first problems found and the count of all of them."""
    problems = validate(location, use_cache=True)
    return ValidationDocument(
        path=str(location),
        valid=not problems,
        problem_count=problems.total,
        problems=[
            ProblemRow(file=p.file, line=p.line, column=p.column, path=p.path, message=p.message)
            for p in problems
        ],
    )


# -- reading files ---------------------------------------------------------------------------


class SourceFile(msgspec.Struct, frozen=True):
    """One YAML file's name (as shown in messages) and raw bytes."""

    name: str
    data: bytes


def _paths(location: Path) -> list[Path]:
    """The YAML files of a dataset: the file itself, or a folder's .yaml files in name order.

    Only regular files are read: a device, FIFO or socket is refused before it is opened (a FIFO
    would block, a device such as /dev/zero never ends and reports its size as 0).
    """
    shown = str(location)
    try:
        mode = os.stat(location).st_mode
    except OSError as error:
        message = "no such file or folder" if isinstance(error, FileNotFoundError) else _cannot(error)
        raise DatasetError(location, [Problem(shown, 0, 0, "", message)]) from None
    if stat.S_ISREG(mode):
        return [location]
    if not stat.S_ISDIR(mode):
        raise DatasetError(location, [Problem(shown, 0, 0, "", _not_regular(mode))])
    try:
        paths = sorted(p for p in location.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError as error:
        raise DatasetError(location, [Problem(shown, 0, 0, "", _cannot(error))]) from None
    if not paths:
        raise DatasetError(location, [Problem(shown, 0, 0, "", "folder has no .yaml files")])
    return paths


def _cannot(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"


def _not_regular(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    kind = next((name for test, name in kinds if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file: give a YAML file or a folder of them"


def _read_files(location: Path, paths: list[Path]) -> list[SourceFile]:
    """Read each file, bounded by the bytes actually read (a file's size may lie or change)."""
    files: list[SourceFile] = []
    problems: list[Problem] = []
    total = 0
    for path in paths:
        limit = min(MAX_FILE_BYTES, MAX_TOTAL_BYTES - total)
        try:
            data = _read_bounded(path, limit)
        except OSError as error:
            problems.append(Problem(str(path), 0, 0, "", _cannot(error)))
            continue
        except _NotRegular as refused:
            problems.append(Problem(str(path), 0, 0, "", _not_regular(refused.mode)))
            continue
        if data is None:
            if limit < MAX_FILE_BYTES:
                message = f"the dataset is over {MAX_TOTAL_BYTES // 2**20} MiB, the limit"
            else:
                message = f"the file is over {MAX_FILE_BYTES // 2**20} MiB, the limit"
            problems.append(Problem(str(path), 0, 0, "", message))
            break
        total += len(data)
        files.append(SourceFile(str(path), data))
    if problems:
        raise DatasetError(location, problems)
    return files


class _NotRegular(Exception):
    def __init__(self, mode: int) -> None:
        self.mode = mode


def _read_bounded(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than ``limit``; refuses non-regular files."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _NotRegular(mode)
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    )
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise _NotRegular(status.st_mode)
        if status.st_size > limit:
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(limit + 1 - size, max(status.st_size + 1 - size, _CHUNK)))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    return None if size > limit else b"".join(chunks)


_CHUNK = 1 << 20


# -- parsing YAML ------------------------------------------------------------------------------


def _loader_class() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc]
        """A safe loader whose integers are bounded; ``problems`` collects duplicate keys and such."""

        def __init__(self, stream: str | bytes) -> None:
            super().__init__(stream)
            self.problems: list[tuple[Any, str]] = []
            self.anchors: dict[str, Any] = {}

        def construct_long_int(self, node: Any) -> Any:
            """An integer past what any field holds is a problem, never parsed: Python refuses to
            read one of over 4,300 digits, and is slow on long ones."""
            digits = sum(character.isdigit() for character in str(node.value))
            if digits > MAX_INT_DIGITS:
                message = (
                    f"the number of {digits:,} digits is out of range (at most {INT_RANGE[1]:,} either way)"
                )
                self.problems.append((node.start_mark, message))
                return 0
            return self.construct_yaml_int(node)

    StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_long_int)
    return StrictLoader


class _AliasRefused(Exception):
    """An alias, reported where the anchor it reuses is."""

    def __init__(self, mark: Any) -> None:
        self.mark = mark


def _construct(loader: Any, checker: _Checker | None = None) -> Any:
    """The one document of a stream, built straight from parse events.

    PyYAML's own loader first composes the whole file into a tree of nodes, each with two marks:
    about 130 times the file's size in memory for a file of short entries. Built from events,
    only the values themselves are kept (mapping keys are shared), the same values the safe
    loader gives. Aliases are refused; a repeated key is recorded and the last value kept.

    With a ``checker``, each entry of a list section is checked as soon as it is read, and an
    entry with a problem is not kept (see _Checker).
    """
    import yaml

    loader.get_event()  # the start of the stream
    if loader.check_event(yaml.StreamEndEvent):
        return None
    document = loader.get_event()
    keys: dict[str, str] = {}
    root: Any = loader.peek_event()
    if checker is not None and isinstance(root, yaml.MappingStartEvent) and root.tag in (None, "!"):
        value = _construct_sections(loader, keys, checker)
    else:
        value = _construct_value(loader, keys)
    loader.get_event()  # the end of the document
    if not loader.check_event(yaml.StreamEndEvent):
        extra = loader.get_event()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            document.start_mark,
            "but found another document",
            extra.start_mark,
        )
    return value


def _construct_sections(loader: Any, keys: dict[str, str], checker: _Checker) -> dict[Any, Any]:
    """The top-level mapping of a file, each list section's entries checked as they are read."""
    import yaml

    start = loader.get_event()
    mapping: dict[Any, Any] = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_event = loader.peek_event()
        key = _construct_value(loader, keys)
        if isinstance(key, (dict, list)):
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", start.start_mark, "found unhashable key", key_event.start_mark
            )
        if key in mapping and isinstance(getattr(key_event, "value", None), str):
            loader.problems.append((key_event.start_mark, f"duplicate key '{key_event.value}'"))
        following: Any = loader.peek_event()
        item_type = checker.start(key)
        if item_type is None or not isinstance(following, yaml.SequenceStartEvent) or following.tag:
            checker.forget(key)
            mapping[key] = _construct_value(loader, keys)
            continue
        if following.anchor is not None:
            loader.anchors[following.anchor] = following.start_mark
        loader.get_event()
        items: list[Any] = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.append(checker.entry(key, len(items), _construct_value(loader, keys), item_type))
        loader.get_event()
        mapping[key] = items
    loader.get_event()
    return mapping


class _Streamed:
    """The problems of one list section, checked entry by entry as it was read: the first ones,
    how many there were, and which entries had one (a byte an entry)."""

    __slots__ = ("bad", "controls", "fields")

    def __init__(self) -> None:
        self.fields: tuple[list[tuple[FieldPath, str]], list[int]] = ([], [0])
        self.controls: tuple[list[tuple[FieldPath, str]], list[int]] = ([], [0])
        self.bad = bytearray()


class _Checker:
    """Checks each entry of a list section as it is parsed, and keeps only the entries without a
    problem: a file of millions of incomplete entries needs memory for its problems' count, not
    for its entries. Sections already defined by an earlier file are left to be reported as such.
    """

    def __init__(self, defined: set[str]) -> None:
        self.defined = defined
        self.streams: dict[str, _Streamed] = {}
        if not _LIST_ITEMS:
            for name, hint in typing.get_type_hints(Dataset, include_extras=True).items():
                item = _list_item_struct(hint)
                if item is not None:
                    _LIST_ITEMS[name] = item

    def start(self, key: Any) -> type[Any] | None:
        item_type = _LIST_ITEMS.get(key) if isinstance(key, str) and key not in self.defined else None
        if item_type is not None:
            self.streams[key] = _Streamed()
        return item_type

    def forget(self, key: Any) -> None:
        self.streams.pop(key, None)

    def entry(self, section: str, index: int, value: Any, item_type: type[Any]) -> Any:
        stream = self.streams[section]
        bad = False
        for found, kept in (
            (_check_value(value, item_type, (section, index)), stream.fields),
            (_control_characters(value, (section, index)), stream.controls),
        ):
            for problem in found:
                bad = True
                kept[1][0] += 1
                if len(kept[0]) < MAX_PROBLEMS_SHOWN:
                    kept[0].append(problem)
        stream.bad.append(bad)
        return None if bad else value


_STR_TAG = "tag:yaml.org,2002:str"
_DEFAULT_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!")


def _construct_value(loader: Any, keys: dict[str, str]) -> Any:
    import yaml

    event: Any = loader.get_event()
    if isinstance(event, yaml.AliasEvent):
        raise _AliasRefused(loader.anchors.get(event.anchor, event.start_mark))
    if event.anchor is not None:
        loader.anchors[event.anchor] = event.start_mark
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG or tag == "tag:yaml.org,2002:merge":
            return event.value
        constructor = loader.yaml_constructors.get(tag)
        start: Any = event.start_mark
        if constructor is None:
            raise yaml.constructor.ConstructorError(
                None, None, f"could not determine a constructor for the tag {tag!r}", start
            )
        return constructor(loader, yaml.ScalarNode(tag, event.value, start, start))
    if event.tag is not None and event.tag not in _DEFAULT_TAGS:
        raise yaml.constructor.ConstructorError(
            None, None, f"the tag {event.tag!r} is not allowed in a dataset", event.start_mark
        )
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.append(_construct_value(loader, keys))
        loader.get_event()
        return items
    mapping: dict[Any, Any] = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_event = loader.peek_event()
        key = _construct_value(loader, keys)
        if isinstance(key, str):
            key = keys.setdefault(key, key)
        elif isinstance(key, (dict, list)):
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", event.start_mark, "found unhashable key", key_event.start_mark
            )
        if key in mapping and isinstance(getattr(key_event, "value", None), str):
            loader.problems.append((key_event.start_mark, f"duplicate key '{key_event.value}'"))
        mapping[key] = _construct_value(loader, keys)
    loader.get_event()
    return mapping


def _parse(file: SourceFile, checker: _Checker | None = None) -> tuple[Any, list[Problem]]:
    """Parse one file; return its content (None if unusable) and the problems found."""
    import yaml

    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(file.data, error.start)
        return None, [Problem(file.name, line, column, "", "not valid UTF-8 text")]
    loader = _loader_class()(text)
    try:
        content = _construct(loader, checker)
    except _AliasRefused as refused:
        mark = refused.mark
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
    """Parse, check and convert the files; raise DatasetError with the first problems and their count.

    The cyclic garbage collector is paused meanwhile: YAML without aliases builds trees, never
    cycles, and on a file of hundreds of thousands of entries its passes made parsing superlinear.
    """
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_trees(location, files)
    finally:
        if paused:
            gc.enable()


def _build_trees(location: Path, files: list[SourceFile]) -> Dataset:
    report = _Report()
    sections: dict[str, Any] = {}
    origin: dict[str, SourceFile] = {}
    unreadable = False
    shapeless: set[str] = set()
    streams: dict[str, _Streamed] = {}
    for file in files:
        checker = _Checker(set(sections))
        content, found = _parse(file, checker)
        report.add_all(found)
        if content is None:
            unreadable = unreadable or bool(found)
            if not found:
                shapeless.add(file.name)
                report.add_at(
                    file,
                    (),
                    f"the file is empty (or only comments or null); {_expected(file, location)}",
                )
            continue
        if not isinstance(content, dict):
            shapeless.add(file.name)
            report.add_at(
                file,
                (),
                f"expected a mapping of sections, got {_describe(content)}; {_expected(file, location)}",
            )
            continue
        for key, value in content.items():
            if key not in model.SECTION_FILES:
                known = ", ".join(model.SECTION_FILES)
                report.add_at(file, (key,), f"unknown section (known: {known})", str(key))
            elif key in sections:
                report.add_at(file, (key,), f"section already defined in {origin[key].name}", str(key))
            else:
                sections[key] = value
                origin[key] = file
                if key in checker.streams:
                    streams[key] = checker.streams[key]
    if not unreadable:
        for name in typing.get_type_hints(Dataset):
            if name not in sections:
                _report_missing(report, location, files, shapeless, name)
    field_problems = _FieldProblems()
    for section, stream in streams.items():
        field_problems.bad[section] = stream.bad
    for item in _check_fields(sections, streams):
        if isinstance(item, int):
            report.count(item)
            continue
        path, message = item
        field_problems.add(path, message)
        report.add_field(origin, path, message, location)
    dataset, cross_problems = _cross_check_valid_part(sections, field_problems)
    for path, message in cross_problems:
        report.add_field(origin, path, message, location)
    if report.total:
        raise DatasetError(location, report.located(), report.total)
    return dataset


def _expected(file: SourceFile, location: Path) -> str:
    """Which sections a file is expected to hold, in words."""
    if Path(file.name) == location:
        names = list(model.SECTION_FILES)
    else:
        names = [name for name, home in model.SECTION_FILES.items() if home == Path(file.name).name]
    if not names:
        return "expected sections such as 'forms:'"
    return "expected " + ", ".join(f"'{name}:'" for name in names)


def _report_missing(
    report: _Report, location: Path, files: list[SourceFile], shapeless: set[str], name: str
) -> None:
    """A missing section, named with the file it belongs in (unless that file was already reported)."""
    home = model.SECTION_FILES[name]
    names = {Path(file.name).name: file for file in files}
    if any(file in shapeless for file in (str(location), str(location / home))):
        return
    if home in names:
        report.add_at(names[home], (), f"missing section '{name}:'", name)
    elif len(files) == 1 and Path(files[0].name) == location:
        report.add_at(files[0], (), f"missing section '{name}:'", name)
    else:
        message = f"missing section '{name}:' ({home} is not in the folder, and no other file has it)"
        report.add(Problem(str(location / home), 0, 0, name, message))


class _Report:
    """The first MAX_PROBLEMS_SHOWN problems, located lazily, and the count of all of them."""

    def __init__(self) -> None:
        self.total = 0
        self._pending: list[tuple[SourceFile | None, FieldPath, str, str, Path | None] | Problem] = []

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self._pending) < MAX_PROBLEMS_SHOWN:
            self._pending.append(problem)

    def count(self, more: int) -> None:
        """Problems counted but not listed (past the first ones of a section checked as read)."""
        self.total += more

    def add_all(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def add_at(
        self,
        file: SourceFile | None,
        path: FieldPath,
        message: str,
        shown: str = "",
        location: Path | None = None,
    ) -> None:
        """A problem at ``path`` in ``file`` (or in the dataset at ``location`` when no file holds it)."""
        self.total += 1
        if len(self._pending) < MAX_PROBLEMS_SHOWN:
            self._pending.append((file, path, message, shown, location))

    def add_field(self, origin: dict[str, SourceFile], path: FieldPath, message: str, location: Path) -> None:
        """A problem at a field path, in the file that holds its section (spelt out only when shown)."""
        self.total += 1
        if len(self._pending) < MAX_PROBLEMS_SHOWN:
            home = origin.get(str(path[0])) if path else None
            self._pending.append((home, path, message, _dotted(path), location))

    def located(self) -> list[Problem]:
        wanted: dict[str, tuple[SourceFile, set[FieldPath]]] = {}
        for item in self._pending:
            if not isinstance(item, Problem) and item[0] is not None:
                wanted.setdefault(item[0].name, (item[0], set()))[1].add(item[1])
        marks = {name: _locate(file, paths) for name, (file, paths) in wanted.items()}
        problems: list[Problem] = []
        for item in self._pending:
            if isinstance(item, Problem):
                problems.append(item)
                continue
            file, path, message, shown, location = item
            if file is None:
                problems.append(Problem(str(location), 0, 0, shown, message))
            else:
                line, column = _deepest(marks[file.name], path)
                problems.append(Problem(file.name, line, column, shown, message))
        return problems


class _FieldProblems:
    """What the cross-check needs to know of the field problems: which entries of each section
    have one (a byte an entry, so that a file of millions of bad entries stays small)."""

    def __init__(self) -> None:
        self.bad: dict[str, bytearray] = {}
        self.broken: set[str] = set()

    def add(self, path: FieldPath, message: str) -> None:
        if len(path) >= 2 and isinstance(path[1], int):
            marks = self.bad.setdefault(str(path[0]), bytearray())
            if path[1] >= len(marks):
                marks.extend(bytes(path[1] + 1 - len(marks)))
            marks[path[1]] = 1
        elif path:
            self.broken.add(str(path[0]))

    def good(self, section: str, count: int) -> list[int]:
        """The places of the entries of ``section`` (of ``count``) that have no field problem."""
        marks = self.bad.get(section, bytearray())
        return [i for i in range(count) if i >= len(marks) or not marks[i]]


def _dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _check_fields(
    sections: dict[str, Any], streams: dict[str, _Streamed] | None = None
) -> Iterator[tuple[FieldPath, str] | int]:
    """Check every field against the schema, reporting all problems, not only the first.

    The entries of ``streams`` sections were checked as they were read: their first problems are
    given again in the same order, and the rest as a count (an int).
    """
    streams = streams or {}
    hints = typing.get_type_hints(Dataset, include_extras=True)
    for name, field_type in hints.items():
        if name in streams:
            yield from _convert_problems(sections[name], _replace_items(field_type), (name,))
            yield from _replayed(streams[name].fields)
        elif name in sections:
            yield from _check_value(sections[name], field_type, (name,))
    for name, value in sections.items():
        if name in streams:
            yield from _replayed(streams[name].controls)
        else:
            yield from _control_characters(value, (name,))


def _replayed(kept: tuple[list[tuple[FieldPath, str]], list[int]]) -> Iterator[tuple[FieldPath, str] | int]:
    yield from kept[0]
    if kept[1][0] > len(kept[0]):
        yield kept[1][0] - len(kept[0])


#: The type of the entries of each list section.
_LIST_ITEMS: dict[str, type[Any]] = {}


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
        elif re.match(r"Expected `(int|float)", message) and isinstance(bad, str) and _is_number(bad):
            message = f"expected a number, but YAML read the text '{bad}': remove the quotes"
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


def _is_number(text: str) -> bool:
    """Whether ``text`` is a number YAML would read as one without its quotes."""
    return re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text.strip()) is not None


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
    """Text with control characters, and numbers no field can hold (past 64 bits, or not finite)."""
    if isinstance(value, str):
        found = UNSAFE.search(value)
        if found:
            code = f"U+{ord(found.group()):04X}"
            yield path, f"contains the control character {code}; only newline and tab are allowed"
    elif isinstance(value, int) and not isinstance(value, bool):
        if not INT_RANGE[0] <= value <= INT_RANGE[1]:
            shown = str(value) if value.bit_length() <= 128 else f"of {value.bit_length():,} bits"
            yield path, f"the number {shown} is out of range (at most {INT_RANGE[1]:,} either way)"
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            yield path, f"the number {value} is not a finite number"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _control_characters(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_characters(item, (*path, index))


#: Stand-ins for a section that is missing or broken, so that the rest can still be cross-checked.
_PLACEHOLDERS: dict[str, Any] = {
    "about": {"version": "-", "date": "0000-00-00"},
    "dosing": {"notes": []},
    "excess": {"summary": "-", "signs": [], "sources": ["placeholder"]},
    "serum": {
        "default_range": "placeholder",
        "ranges": [
            {
                "id": "placeholder",
                "name": "-",
                "low": 1,
                "high": 2,
                "unit": "mmol/L",
                "sources": ["placeholder"],
            }
        ],
    },
}


def _cross_check_valid_part(
    sections: dict[str, Any], found: _FieldProblems
) -> tuple[Dataset, list[tuple[FieldPath, str]]]:
    """Cross-check the entries that passed the field checks, so every problem shows in one run.

    Returns the dataset (complete only when no field problem was found) and the cross-check
    problems, with paths pointing at the entries' places in the files.
    """
    from magref import integrity

    broken = found.broken
    if "sources" in broken or any(name not in sections for name in typing.get_type_hints(Dataset)):
        # Every citation (or reference into the missing section) would be reported: noise.
        return msgspec.convert(_empty(), Dataset), []
    partial: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for name in typing.get_type_hints(Dataset):
        value = sections.get(name)
        if name in broken or value is None:
            partial[name] = _PLACEHOLDERS.get(name, [])
        elif isinstance(value, list):
            kept[name] = found.good(name, len(value))
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


def _deepest(marks: dict[FieldPath, tuple[int, int]], path: FieldPath) -> tuple[int, int]:
    """The line and column of the node at ``path``, or of the deepest node on the way to it."""
    for end in range(len(path), -1, -1):
        if path[:end] in marks:
            return marks[path[:end]]
    return 1, 1


def _locate(file: SourceFile, paths: set[FieldPath]) -> dict[FieldPath, tuple[int, int]]:
    """The line and column of every node on the way to each of ``paths``, in one pass of parse events.

    Keeps only the path being walked in memory, and stops once every path has been found whole.
    A repeated key counts where it last appears, as the loader keeps the last value.
    """
    import yaml

    prefixes = {path[:end] for path in paths for end in range(len(path) + 1)}
    whole = set(paths)
    marks: dict[FieldPath, tuple[int, int]] = {}
    container, ending = (
        (yaml.MappingStartEvent, yaml.SequenceStartEvent),
        (yaml.MappingEndEvent, yaml.SequenceEndEvent),
    )
    node = (yaml.ScalarEvent, yaml.AliasEvent, *container)
    # Each open container: [is_mapping, current key or index, waiting for a key, its path].
    open_: list[list[Any]] = []
    skipping = 0  # depth inside a mapping key that is itself a container (never on a field path)
    try:
        events = yaml.parse(file.data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for event in events:
            if skipping:
                skipping += 1 if isinstance(event, container) else -1 if isinstance(event, ending) else 0
                if not skipping and open_:
                    open_[-1][2] = False
                continue
            if isinstance(event, ending):
                open_.pop()
                if open_ and open_[-1][0]:
                    open_[-1][2] = True
                continue
            if not isinstance(event, node):
                continue
            if open_:
                top = open_[-1]
                if top[0] and top[2]:
                    if isinstance(event, yaml.ScalarEvent):
                        top[1], top[2] = event.value, False
                    elif isinstance(event, container):
                        top[1], skipping = None, 1
                    continue
                if not top[0]:
                    top[1] += 1
                at: FieldPath = (*top[3], top[1])
            else:
                at = ()
            if at in prefixes:
                mark = event.start_mark
                marks[at] = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                if whole <= marks.keys():
                    break
            if isinstance(event, container):
                open_.append([isinstance(event, yaml.MappingStartEvent), -1, True, at])
            elif open_ and open_[-1][0]:
                open_[-1][2] = True
    except (yaml.YAMLError, RecursionError):
        pass
    return marks
