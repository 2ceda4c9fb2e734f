"""The cached knowledge index: used when warm, never stale, and harmless when damaged or unwritable."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from magref import cache, dataset, index
from magref.model import Form

from .conftest import Run


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(folder))
    return folder


def index_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.sqlite"))


def the_index(folder: Path) -> Path:
    (path,) = index_files(folder)
    return path


def glycinate_name(location: Path) -> str:
    form = dataset.load(location).find("forms", "glycinate", Form)
    assert form is not None
    return form.name


@pytest.fixture(autouse=True)
def _index_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with the cache in use: an in-process run that met a damaged index (as
    test_an_error_inside_a_command_never_deletes_the_cache makes) answers from memory after it."""
    from magref.cli.context import STATE

    monkeypatch.setattr(STATE, "index_in_memory", False)


@pytest.fixture
def trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once, so that their stat signature is trusted in a test."""
    monkeypatch.setattr(cache, "SETTLE_SECONDS", -60.0)


def test_first_load_writes_one_index_and_the_second_reads_it(cache_dir: Path, data_copy: Path) -> None:
    first = dataset.load(data_copy)
    path = the_index(cache_dir)
    assert dataset.load(data_copy).to_dataset() == first.to_dataset()
    assert index_files(cache_dir) == [path]
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)  # private, as issue 25 asks (was 0644)
    assert oct(cache_dir.stat().st_mode & 0o777) == oct(0o700)


def test_a_warm_load_does_not_parse_yaml(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset.load(data_copy)

    def refuse(*args: object) -> None:
        raise AssertionError("YAML was parsed on a warm load")

    monkeypatch.setattr(dataset, "_build", refuse)
    assert dataset.load(data_copy).forms


def test_a_settled_dataset_is_found_by_its_stat_without_reading_it(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch, trust_fresh_files: None
) -> None:
    dataset.load(data_copy)

    def refuse(*args: object) -> None:
        raise AssertionError("the files were read although their stat was known")

    monkeypatch.setattr(dataset, "_read_files", refuse)
    assert glycinate_name(data_copy) == "Magnesium glycinate"


def test_an_edited_dataset_is_never_served_stale(cache_dir: Path, data_copy: Path) -> None:
    dataset.load(data_copy)
    forms = data_copy / "forms.yaml"
    forms.write_text(
        forms.read_text().replace("name: Magnesium glycinate", "name: Magnesium glycinate EDITED", 1)
    )
    assert glycinate_name(data_copy) == "Magnesium glycinate EDITED"


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(
    cache_dir: Path, data_copy: Path, trust_fresh_files: None
) -> None:
    dataset.load(data_copy)
    forms = data_copy / "forms.yaml"
    before = forms.stat()
    forms.write_text(forms.read_text().replace("name: Magnesium glycinate", "name: Magnesium glycinatE", 1))
    os.utime(forms, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert forms.stat().st_size == before.st_size
    assert glycinate_name(data_copy) == "Magnesium glycinatE"


def test_an_edit_that_breaks_the_dataset_is_reported_not_hidden_by_the_cache(
    cache_dir: Path, data_copy: Path
) -> None:
    dataset.load(data_copy)
    faq = data_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace("sources: [", "sources: [nope, ", 1))
    with pytest.raises(dataset.DatasetError):
        dataset.load(data_copy)


def test_a_change_to_the_indexing_code_rebuilds(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset.load(data_copy)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version of the code")
    built: list[int] = []
    real_build = index.build
    monkeypatch.setattr(index, "build", lambda *args: built.append(1) or real_build(*args))
    assert glycinate_name(data_copy) == "Magnesium glycinate"
    assert built == [1]


def test_an_index_copied_in_from_another_dataset_is_not_trusted(
    cache_dir: Path, data_copy: Path, tmp_path: Path, trust_fresh_files: None
) -> None:
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    forms = other / "forms.yaml"
    forms.write_text(forms.read_text().replace("name: Magnesium glycinate", "name: Foreign glycinate", 1))
    dataset.load(other)
    foreign = the_index(cache_dir)
    mine = cache.index_path(data_copy, cache.code_fingerprint())
    shutil.copyfile(foreign, mine)
    assert glycinate_name(data_copy) == "Magnesium glycinate"


@pytest.mark.parametrize("damage", ["empty", "garbage", "zeros", "truncated", "flipped"])
def test_a_damaged_index_is_rebuilt(cache_dir: Path, data_copy: Path, damage: str, magref: Run) -> None:
    good = dataset.load(data_copy).to_dataset()
    path = the_index(cache_dir)
    blob = bytearray(path.read_bytes())
    if damage == "empty":
        blob = bytearray()
    elif damage == "garbage":
        blob = bytearray(b"garbage" * 100)
    elif damage == "zeros":
        blob = bytearray(len(blob))
    elif damage == "truncated":
        blob = blob[: len(blob) // 3]
    else:
        for position in range(4096, len(blob), 997):
            blob[position] ^= 0xFF
    path.write_bytes(bytes(blob))
    result = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert result.code == 0, result
    assert '"id": "glycinate"' in result.stdout
    assert dataset.load(data_copy).to_dataset() == good


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero", "folder"])
def test_something_odd_at_the_index_path_never_hangs_a_lookup(
    cache_dir: Path, data_copy: Path, kind: str
) -> None:
    path = cache.index_path(data_copy, cache.code_fingerprint())
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-to-dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    done: list[str] = []
    worker = threading.Thread(target=lambda: done.append(glycinate_name(data_copy)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert done == ["Magnesium glycinate"]


def test_a_planted_link_never_makes_the_build_write_through_it(
    cache_dir: Path, data_copy: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    path = cache.index_path(data_copy, cache.code_fingerprint())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(victim)
    path.with_name(path.name + ".lock").symlink_to(victim)
    assert glycinate_name(data_copy) == "Magnesium glycinate"
    assert victim.read_text() == "precious"


def test_an_unwritable_cache_folder_only_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path, magref: Run
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(blocker / "cache"))
    assert dataset.load(data_copy).cache_note == cache.UNWRITABLE
    result = magref(
        "--data", str(data_copy), "info", "glycinate", "--json", env={"MAGREF_CACHE_DIR": str(blocker)}
    )
    assert result.code == 0
    assert result.stderr.count("cannot write the index cache") == 1


def test_leftovers_of_killed_runs_are_removed(cache_dir: Path, data_copy: Path) -> None:
    path = cache.index_path(data_copy, cache.code_fingerprint())
    cache_dir.mkdir(parents=True)
    leftover = cache_dir / f".{path.name}.abc123.tmp"
    leftover.write_bytes(b"half an index")
    dataset.load(data_copy)
    assert not leftover.exists()
    assert list(cache_dir.glob("*.tmp")) == []


def test_old_index_files_are_pruned(cache_dir: Path, tmp_path: Path) -> None:
    for number in range(cache.KEEP_FILES + 3):
        copy = tmp_path / f"data{number}"
        shutil.copytree(dataset.bundled_location(), copy)
        dataset.load(copy)
    assert len(index_files(cache_dir)) == cache.KEEP_FILES


def test_processes_building_at_once_all_succeed_and_leave_one_good_file(
    cache_dir: Path, data_copy: Path
) -> None:
    environment = {**os.environ, "MAGREF_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "magref", "--data", str(data_copy), "info", "glycinate", "--json"]
    runs = [
        subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outcomes = [
        (run.wait(timeout=120), run.stdout.read(), run.stderr.read())
        for run in runs
        if run.stdout and run.stderr
    ]
    assert [code for code, _, _ in outcomes] == [0, 0, 0, 0], outcomes
    assert all(b'"id": "glycinate"' in out for _, out, _ in outcomes)
    path = the_index(cache_dir)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert list(cache_dir.glob("*.tmp")) == []


def test_a_sqlite_without_fts5_is_one_clear_error(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch, magref: Run
) -> None:
    monkeypatch.setattr(index, "SCHEMA", index.SCHEMA.replace("USING fts5", "USING fts5_missing"))
    result = magref("--data", str(data_copy), "info", "glycinate")
    assert result.code == 3
    assert "FTS5" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_waiting_for_another_builder_then_reading_its_file(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    path = cache.index_path(data_copy, cache.code_fingerprint())
    cache_dir.mkdir(parents=True)
    lock = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(lock, fcntl.LOCK_EX)
    monkeypatch.setattr(cache, "LOCK_WAIT_SECONDS", 0.2)
    started = time.monotonic()
    catalog = dataset.load(data_copy)
    assert catalog.cache_note == cache.BUSY
    assert time.monotonic() - started < 10
    os.close(lock)
    assert dataset.load(data_copy).cache_note is None


# -- issue 25: an index that cannot lie, a folder that stays private --------------------------------


def flip(path: Path, where: str) -> None:
    """Flip bytes of an index file: in its SQLite header, in one page in the middle, or all
    through its second half (the damage that used to give 'not in the dataset' on every run)."""
    blob = bytearray(path.read_bytes())
    if where == "header":
        positions: range | list[int] = [20, 28, 40, 61]
    elif where == "middle-page":
        page = len(blob) // 4096 // 2 * 4096
        positions = range(page + 100, page + 4000, 37)
    else:
        positions = range(len(blob) // 2, len(blob), 997)
    for position in positions:
        blob[position] ^= 0xFF
    path.write_bytes(bytes(blob))


@pytest.mark.parametrize("where", ["second-half", "header", "middle-page"])
@pytest.mark.parametrize("query", [["interactions", "lasix"], ["info", "glycinate"], ["search", "sleep"]])
def test_a_damaged_index_answers_exactly_as_a_fresh_build(
    cache_dir: Path, data_copy: Path, tmp_path: Path, magref: Run, where: str, query: list[str]
) -> None:
    fresh = magref(
        "--data", str(data_copy), *query, "--json", env={"MAGREF_CACHE_DIR": str(tmp_path / "fresh")}
    )
    assert fresh.code == 0 and fresh.stderr == ""
    dataset.load(data_copy)
    flip(the_index(cache_dir), where)
    damaged = magref("--data", str(data_copy), *query, "--json")
    assert (damaged.code, damaged.stdout) == (fresh.code, fresh.stdout)
    assert damaged.stderr.strip().splitlines() == [
        "magref: the cached knowledge index was damaged; it was rebuilt from the dataset"
    ]
    again = magref("--data", str(data_copy), *query, "--json")
    assert (again.code, again.stdout, again.stderr) == (fresh.code, fresh.stdout, "")


def test_an_index_is_checked_in_full_once_and_again_after_any_change(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset.load(data_copy)
    path = the_index(cache_dir)
    os.utime(path, ns=(1, 1))  # written long ago, so any write below gives it a new modification time
    monkeypatch.setattr(cache, "_now_ns", lambda: time.time_ns() + 2 * cache.SETTLED_NS)
    assert cache.verify(path)
    mark = path.with_name(path.name + ".ok")
    assert mark.exists() and oct(mark.stat().st_mode & 0o777) == oct(0o600)
    read: list[int] = []
    real = cache._checksum
    monkeypatch.setattr(cache, "_checksum", lambda descriptor: read.append(1) or real(descriptor))
    assert cache.verify(path) and read == []  # unchanged since its last check: not read again
    flip(path, "second-half")
    assert not cache.verify(path) and read == [1]
    assert glycinate_name(data_copy) == "Magnesium glycinate"
    assert cache.verify(the_index(cache_dir))


def test_a_check_is_not_recorded_for_an_index_changed_just_now(cache_dir: Path, data_copy: Path) -> None:
    dataset.load(data_copy)
    path = the_index(cache_dir)
    mark = path.with_name(path.name + ".ok")
    mark.unlink(missing_ok=True)
    assert cache.verify(path)
    assert not mark.exists()  # a write in the same tick of the clock would keep its stat result
    flip(path, "middle-page")
    assert not cache.verify(path)


def test_an_index_from_before_the_seal_is_not_read(cache_dir: Path, data_copy: Path) -> None:
    dataset.load(data_copy)
    path = the_index(cache_dir)
    blob = bytearray(path.read_bytes())
    blob[cache.SEAL_AT : cache.SEAL_AT + 4] = bytes(4)
    path.write_bytes(bytes(blob))
    assert not cache.verify(path)
    assert dataset.load(data_copy).cache_note == cache.DAMAGED


def test_a_leftover_journal_is_removed_once_without_a_rebuild(
    cache_dir: Path, data_copy: Path, magref: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset.load(data_copy)
    path = the_index(cache_dir)
    inode = path.stat().st_ino
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 600)  # a hot journal's header
    monkeypatch.setattr(index, "build", lambda *args: pytest.fail("rebuilt"))
    first = magref("--data", str(data_copy), "interactions", "lasix", "--json")
    assert first.code == 0, first
    assert first.stderr.strip().splitlines() == [
        "magref: removed a leftover SQLite journal beside the knowledge index cache (not needed)"
    ]
    assert not journal.exists() and path.stat().st_ino == inode
    second = magref("--data", str(data_copy), "interactions", "lasix", "--json")
    assert (second.code, second.stderr, second.stdout) == (0, "", first.stdout)


@pytest.mark.parametrize("kind", ["folder", "link", "fifo"])
def test_a_planted_lock_path_is_cleared_once(
    cache_dir: Path, data_copy: Path, magref: Run, kind: str
) -> None:
    path = cache.index_path(data_copy, cache.code_fingerprint())
    cache.make_private(cache_dir)
    lock = path.with_name(path.name + ".lock")
    if kind == "folder":
        lock.mkdir()
    elif kind == "link":
        lock.symlink_to(cache_dir / "elsewhere")
    else:
        os.mkfifo(lock)
    first = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert first.code == 0, first
    assert first.stderr.strip().splitlines() == [
        "magref: removed something that was in the place of the index cache's lock file"
    ]
    second = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert (second.code, second.stderr) == (0, "")
    assert the_index(cache_dir).exists() and lock.is_file()


def test_a_lock_path_that_cannot_be_cleared_is_named(cache_dir: Path, data_copy: Path, magref: Run) -> None:
    path = cache.index_path(data_copy, cache.code_fingerprint())
    cache.make_private(cache_dir)
    lock = path.with_name(path.name + ".lock")
    (lock / "inside").mkdir(parents=True)  # a folder that is not empty is left alone
    result = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert result.code == 0, result
    assert f"cannot use the index cache: {lock} is in the place of its lock file" in result.stderr
    assert (lock / "inside").is_dir()


def test_folders_and_files_are_private_whatever_the_umask(tmp_path: Path, data_copy: Path) -> None:
    cache_dir = tmp_path / "a" / "b" / "cache"
    env = {**os.environ, "MAGREF_CACHE_DIR": str(cache_dir)}
    report, calendar = tmp_path / "report.html", tmp_path / "times.ics"
    command = [sys.executable, "-m", "magref", "--data", str(data_copy), "report", "--age", "68"]
    command += ["--drug", "levothyroxine@07:00", "-o", str(report), "--ics", str(calendar)]
    done = subprocess.run(command, env=env, capture_output=True, preexec_fn=lambda: os.umask(0), check=False)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", cache_dir):
        assert oct(folder.stat().st_mode & 0o777) == oct(0o700), folder
    written = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert written and all(oct(p.stat().st_mode & 0o777) == oct(0o600) for p in written), written
    assert oct(report.stat().st_mode & 0o777) == oct(0o600)
    assert oct(calendar.stat().st_mode & 0o777) == oct(0o600)


def test_a_cache_folder_others_can_write_to_is_not_used(
    cache_dir: Path, data_copy: Path, magref: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset.load(data_copy)
    planted = the_index(cache_dir)
    cache_dir.chmod(0o777)
    monkeypatch.setattr(cache, "_open", lambda *args, **kwargs: pytest.fail("an index was read"))
    result = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert result.code == 0
    assert result.stderr.count("the cache folder is not private") == 1
    assert result.stderr.count("magref:") == 1
    assert planted.exists()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to hand a folder to another user"
)
def test_a_doctored_index_in_another_users_folder_is_never_read(
    cache_dir: Path, data_copy: Path, magref: Run
) -> None:
    import msgspec

    dataset.load(data_copy)
    path = the_index(cache_dir)
    connection = sqlite3.connect(path)  # doctored: 99% elemental, and sealed again
    where = "WHERE section = 'forms' AND id = 'glycinate'"
    (body,) = connection.execute(f"SELECT body FROM entries {where}").fetchone()
    doctored = msgspec.structs.replace(msgspec.msgpack.decode(body, type=Form), elemental_percent=99.0)
    with connection:
        connection.execute(f"UPDATE entries SET body = ? {where}", (msgspec.msgpack.encode(doctored),))
    connection.close()
    cache.seal(path)
    assert dataset.load(data_copy).find("forms", "glycinate", Form).elemental_percent == 99.0  # type: ignore[union-attr]
    os.chown(cache_dir, 65534, 65534)
    result = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert result.code == 0
    assert result.json["elemental_percent"] < 50
    assert result.stderr.count("another user owns it or may write to it") == 1


def test_no_home_folder_means_a_private_temporary_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, magref: Run
) -> None:
    import pwd
    import tempfile

    monkeypatch.delenv("MAGREF_CACHE_DIR")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_entry(uid: int) -> object:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = cache.directory()
    assert folder == tmp_path / f"magref-{os.geteuid()}"
    result = magref("info", "glycinate", "--json")
    assert (result.code, result.stderr) == (0, "")
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert index_files(folder)


def test_a_long_name_never_reaches_the_index_nor_deletes_it(
    cache_dir: Path, data_copy: Path, magref: Run
) -> None:
    dataset.load(data_copy)
    inode = the_index(cache_dir).stat().st_ino
    for command in ("interactions", "info", "search", "products", "cautions"):
        result = magref("--data", str(data_copy), command, "x" * 50_000)
        assert result.code == 1, result
        assert "Missing command" not in result.stderr and "index" not in result.stderr
        assert "(50,000 characters)" in result.stderr
    assert the_index(cache_dir).stat().st_ino == inode


def test_an_error_inside_a_command_never_deletes_the_cache(
    cache_dir: Path, data_copy: Path, magref: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from magref import catalog, lookup

    dataset.load(data_copy)
    inode = the_index(cache_dir).stat().st_ino
    real = lookup.find_form
    calls: list[int] = []

    def fail_once(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise catalog.IndexDamaged("index-unreadable", reason="disk I/O error")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lookup, "find_form", fail_once)
    result = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert result.code == 0, result
    assert result.json["id"] == "glycinate"
    assert calls == [1, 1]
    assert the_index(cache_dir).stat().st_ino == inode


def test_pruning_removes_only_magrefs_own_files(cache_dir: Path, tmp_path: Path) -> None:
    """A cache folder shared with other files (MAGREF_CACHE_DIR=~/data) loses none of them."""
    cache_dir.mkdir(parents=True, mode=0o700)
    theirs = [cache_dir / f"notes{number}.sqlite" for number in range(cache.KEEP_FILES + 4)]
    theirs += [cache_dir / ".editor.swp.tmp", cache_dir / "report.tmp"]
    old = time.time() - 2 * cache.STALE_SECONDS
    for number, path in enumerate(theirs):
        path.write_text("precious")
        os.utime(path, (old - number, old - number))
    for number in range(cache.KEEP_FILES + 2):
        copy = tmp_path / f"data{number}"
        shutil.copytree(dataset.bundled_location(), copy)
        dataset.load(copy)
    assert [path for path in theirs if not path.exists()] == []
    assert len([p for p in index_files(cache_dir) if p not in theirs]) == cache.KEEP_FILES


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to make a link owned by another user"
)
def test_a_cache_folder_that_is_a_link_planted_by_another_user_is_not_used(
    tmp_path: Path, data_copy: Path, magref: Run
) -> None:
    """/tmp/magref-UID (the cache without a home folder) planted as a link to a folder of this
    user's: nothing is written there, and the run says why."""
    mine = tmp_path / "my-folder"
    mine.mkdir(mode=0o700)
    planted = tmp_path / "shared" / "magref-cache"
    planted.parent.mkdir(mode=0o777)
    planted.parent.chmod(0o1777)
    planted.symlink_to(mine)
    os.lchown(planted, 65534, 65534)
    assert cache.make_private(planted) == cache.UNTRUSTED
    env = {"MAGREF_CACHE_DIR": str(planted)}
    result = magref("--data", str(data_copy), "info", "glycinate", "--json", env=env)
    assert result.code == 0
    assert result.stderr.count("the cache folder is not private") == 1
    assert list(mine.iterdir()) == []


def test_a_cache_folder_that_is_a_link_of_ones_own_is_used(tmp_path: Path, data_copy: Path) -> None:
    mine = tmp_path / "elsewhere"
    mine.mkdir(mode=0o700)
    link = tmp_path / "cache-link"
    link.symlink_to(mine)
    assert cache.make_private(link) is None


def test_a_home_folder_that_does_not_exist_means_a_private_temporary_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, magref: Run
) -> None:
    """HOME=/nonexistent (as service accounts have): no home folder is made, and no warning on
    every run."""
    import tempfile

    home = tmp_path / "nonexistent"
    monkeypatch.delenv("MAGREF_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert cache.directory() == tmp_path / f"magref-{os.geteuid()}"
    result = magref("info", "glycinate", "--json")
    assert (result.code, result.stderr) == (0, "")
    assert not home.exists()
    assert index_files(cache.directory())


def test_a_relative_cache_folder_is_ignored_not_made_wherever_magref_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, magref: Run
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("MAGREF_CACHE_DIR", "cache")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert cache.directory() == home / ".cache" / "magref"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert cache.directory() == home / ".cache" / "magref"
    result = magref("info", "glycinate", "--json")
    assert (result.code, result.stderr) == (0, "")
    assert list(work.iterdir()) == []


def test_an_empty_folder_at_the_index_path_is_replaced_once_not_warned_about_forever(
    cache_dir: Path, data_copy: Path, magref: Run
) -> None:
    path = cache.index_path(data_copy, cache.code_fingerprint())
    path.mkdir(parents=True)
    first = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert first.code == 0
    assert "cannot write the index cache" not in first.stderr
    assert path.is_file()
    again = magref("--data", str(data_copy), "info", "glycinate", "--json")
    assert (again.code, again.stderr) == (0, "")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root, to run as sudo does")
def test_root_never_makes_a_cache_folder_in_another_users_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, magref: Run
) -> None:
    """`sudo magref ...` with the user's HOME kept made ~/.cache owned by root and private to it,
    which the user (and every other program of theirs) could no longer use."""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    os.chown(home, 65534, 65534)
    monkeypatch.delenv("MAGREF_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert cache.make_private(home / ".cache" / "magref") == cache.UNTRUSTED
    result = magref("info", "glycinate", "--json")
    assert result.code == 0
    assert result.stderr.count("the cache folder is not private") == 1
    assert list(home.iterdir()) == []
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    os.chown(shared, 65534, 65534)
    assert cache.make_private(shared / "magref-0") is None  # a folder for all, as /tmp is
