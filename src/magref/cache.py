"""Keep each dataset's knowledge index on disk, so that a warm run reads no YAML.

There is one SQLite file per dataset location and version of the indexing code. The file records
the key it was built for (a hash of the dataset's bytes) and, once the files have settled, their
stat signature, so a warm run checks a few ``stat`` results instead of hashing every file. A file
that is missing, damaged, foreign or built by other code is rebuilt; one process builds it under a
lock while others wait and then read it. A cache that cannot be used never stops a lookup: the
index is built in memory instead and the catalog says why.

An index file never answers unchecked. It is sealed when written: a CRC-32 of the whole file is
stored in its SQLite header (the ``user_version`` field, with ``application_id`` marking the
seal), and a file whose bytes do not give that checksum is rebuilt. A small file is checked on
every open (about 1 ms for the bundled data); a large one (the 100x dataset's index is 116 MiB,
about 60 ms to check) is checked when its stat result differs from the one recorded beside it
after its last full check, so a file changed in any way since is checked again. Sealed files are
never changed in place, so SQLite opens them as immutable: no locks, and no journal is replayed.

The folder is private: created 0700 (with any missing parents), files 0600, whatever the umask;
a folder that another user owns or can write to is not used at all.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from magref import __version__, index
from magref.catalog import Catalog, IndexDamaged
from magref.model import Dataset

try:  # the BLAKE2 module alone: hashlib would also load OpenSSL, about 4 ms of start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

ENV_CACHE_DIR = "MAGREF_CACHE_DIR"
#: Index files kept in the folder (the most recently used).
KEEP_FILES = 8
#: Files changed more recently than this are hashed, never trusted by their stat signature.
SETTLE_SECONDS = 2.0
#: How long to wait for another process that is building the same index.
LOCK_WAIT_SECONDS = 120.0
#: Temporary files older than this belong to a run that was killed.
STALE_SECONDS = 600.0
#: Modules whose source shapes the index or decides whether a dataset is valid: a change to any of
#: them rebuilds it. An index is written only for a dataset that passed validation, so an index
#: built by this code for these bytes says they are valid (``magref validate`` relies on it).
SHAPING_MODULES = (
    "model.py", "names.py", "index.py", "catalog.py",
    "dataset.py", "integrity.py", "chemistry.py", "region.py", "text.py",
)  # fmt: skip

#: A full check is recorded only for a file last changed longer ago than this (nanoseconds): file
#: times tick coarsely (a few milliseconds, up to two seconds on some disks), so a write in the same
#: tick as the check could leave the recorded stat result unchanged.
SETTLED_NS = 2_000_000_000
#: Marks a sealed index in its SQLite header (application_id); the CRC-32 is in user_version.
SEAL = b"MgRf"
SEAL_AT, CHECKSUM_AT = 68, 60
#: How much of an index file is read at a time to check it.
_CHUNK = 1 << 20

#: Why a run uses an index in memory instead of the cache, or what was mended in it (codes for the
#: view to word; a code may carry the path concerned after a colon).
UNWRITABLE = "cache-unwritable"
BUSY = "cache-busy"
UNTRUSTED = "cache-untrusted"
DAMAGED = "cache-damaged"
JOURNAL = "cache-journal"
LOCK_REMOVED = "cache-lock-removed"
LOCK_BLOCKED = "cache-lock-blocked"
#: What SQLite may leave beside a database it was writing.
JOURNAL_SUFFIXES = ("-journal", "-wal", "-shm")
#: The names of index files (see index_path) and of the temporary files they are written through:
#: pruning removes only these, so that a folder shared with other files loses none of them.
INDEX_GLOB = "[0-9a-f]" * 20 + "-" + "[0-9a-f]" * 16 + ".sqlite"
TEMPORARY_GLOB = f".{INDEX_GLOB}*.tmp"


def directory() -> Path:
    """Where index files live: ``$MAGREF_CACHE_DIR``, else the platform's user cache folder.

    Without a home folder (HOME unset and no passwd entry for this user, or a home that does not
    exist), a private folder in the system's temporary folder. A relative path in either variable
    is ignored (as the XDG specification says), so that no run makes a cache in the folder it
    happens to start in.
    """
    chosen = os.environ.get(ENV_CACHE_DIR, "")
    if os.path.isabs(chosen):
        return Path(chosen)
    home = _home()
    if home is None:
        import tempfile

        return Path(tempfile.gettempdir()) / f"magref-{_uid()}"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "magref" / "Cache" if base else home / "AppData" / "Local" / "magref" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "magref"
    chosen_base = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(chosen_base) if os.path.isabs(chosen_base) else home / ".cache"
    return base / "magref"


def _home() -> Path | None:
    """The user's home folder, if there is one: an absolute path to a folder that exists (never
    made here: HOME=/nonexistent, as service accounts have, is no home)."""
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    return home if home.is_absolute() and home.is_dir() else None


def _uid() -> int | str:
    getuid = getattr(os, "geteuid", None)
    return getuid() if getuid else os.environ.get("USERNAME", "user")


def make_private(folder: Path) -> str | None:
    """Create ``folder`` and any missing parents 0700; None when the folder can be trusted.

    Trusted means a folder that this user owns and no one else may write to, reached directly or
    through a link that this user (or root) made: a link another user planted (as /tmp/magref-UID
    pointing to a folder of this user's) is not followed. Else the code of why not (UNTRUSTED, or
    UNWRITABLE when it cannot be made).
    """
    missing: list[Path] = []
    place = folder
    while not os.path.lexists(place) and place.parent != place:
        missing.append(place)
        place = place.parent
    geteuid = getattr(os, "geteuid", None)
    if missing and geteuid is not None and _belongs_to_another(place, geteuid()):
        return UNTRUSTED
    try:
        for part in reversed(missing):
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o700)
                os.chmod(part, 0o700)
        info = os.lstat(folder)
    except OSError:
        return UNWRITABLE
    if stat.S_ISLNK(info.st_mode):
        if geteuid is not None and info.st_uid not in (geteuid(), 0):
            return UNTRUSTED
        try:
            info = os.stat(folder)
        except OSError:
            return UNWRITABLE
    if not stat.S_ISDIR(info.st_mode):
        return UNWRITABLE
    if geteuid is not None and (info.st_uid != geteuid() or info.st_mode & 0o022):
        return UNTRUSTED
    return None


def _belongs_to_another(folder: Path, uid: int) -> bool:
    """Whether ``folder`` is another user's own (not one for all, as /tmp is): only root could make
    a folder in it, and one made there (``sudo magref`` with the user's HOME: a root-owned
    ``~/.cache``) would shut its owner out."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return info.st_uid != uid and not info.st_mode & 0o022 and os.access(folder, os.W_OK)


def code_fingerprint(here: Path | None = None) -> str:
    """A hash of magref's version and of the source of every module that shapes or validates the
    index (those in ``here``, magref's own folder by default)."""
    digest = blake2b(f"{index.FORMAT}:{__version__}:{sqlite3.sqlite_version}".encode(), digest_size=16)
    here = here or Path(__file__).parent
    for module in SHAPING_MODULES:
        with contextlib.suppress(OSError):
            digest.update((here / module).read_bytes())
    return digest.hexdigest()


def content_key(files: Sequence[Any]) -> str:
    """A hash of the dataset files' names and bytes (``files`` have ``name`` and ``data``)."""
    digest = blake2b(digest_size=20)
    for file in files:
        name = os.fsencode(os.path.basename(file.name))  # a name need not be UTF-8
        digest.update(len(name).to_bytes(8, "little") + name)
        digest.update(len(file.data).to_bytes(8, "little"))
        digest.update(file.data)
    return digest.hexdigest()


def stat_signature(paths: Sequence[Path]) -> str | None:
    """A hash of the files' stat results, or None if one changed too recently to trust."""
    digest = blake2b(digest_size=20)
    settled = time.time() - SETTLE_SECONDS
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            return None
        if max(info.st_mtime, info.st_ctime) > settled:
            return None
        signature = (str(path.resolve()), info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        digest.update(repr(signature).encode())
    return digest.hexdigest()


def index_path(location: Path, fingerprint: str) -> Path:
    """The index file of the dataset at ``location``, for this version of the code."""
    where = blake2b(os.fsencode(location.resolve()), digest_size=10).hexdigest()
    return directory() / f"{where}-{fingerprint[:16]}.sqlite"


def load(
    location: Path,
    paths: Sequence[Path],
    read_files: Callable[[], Sequence[Any]],
    build_dataset: Callable[[Sequence[Any]], Dataset],
) -> Catalog:
    """The catalog of the dataset at ``location``, from its index file, built first if need be."""
    fingerprint = code_fingerprint()
    path = index_path(location, fingerprint)
    refused = make_private(path.parent)
    if refused is not None:
        return Catalog.build(build_dataset(read_files()), refused)
    mended = _remove_journals(path)
    found = _Found()
    signature = stat_signature(paths)
    if signature is not None:
        catalog = _open(path, fingerprint, found, signature=signature)
        if catalog is not None:
            catalog.cache_note = mended
            return catalog
    files = read_files()
    key = content_key(files)
    catalog = _open(path, fingerprint, found, key=key, signature=signature)
    if catalog is not None:
        catalog.cache_note = mended
        return catalog
    lock_path = path.with_name(path.name + ".lock")
    cleared = _clear_lock_path(lock_path)
    if cleared == LOCK_BLOCKED:
        return Catalog.build(build_dataset(files), f"{LOCK_BLOCKED}:{lock_path}")
    mended = DAMAGED if found.damaged else cleared or mended
    try:
        lock = _Lock(lock_path)
    except OSError:
        return Catalog.build(build_dataset(files), UNWRITABLE)
    with lock:
        if not lock.held:
            return Catalog.build(build_dataset(files), BUSY)
        catalog = _open(path, fingerprint, _Found(), key=key, signature=signature)
        if catalog is not None:
            catalog.cache_note = mended
            return catalog
        data = build_dataset(files)
        meta = {"fingerprint": fingerprint, "content_key": key, "signature": signature or ""}
        if not _write(path, data, meta):
            return Catalog.build(data, UNWRITABLE)
    _prune(path.parent)
    catalog = _open(path, fingerprint, _Found(), key=key)
    if catalog is None:
        return Catalog.build(data, UNWRITABLE)
    catalog.cache_note = mended
    return catalog


class _Found:
    """What opening an index file found: whether it was there but damaged."""

    damaged = False


def _open(
    path: Path,
    fingerprint: str,
    found: _Found,
    *,
    key: str | None = None,
    signature: str | None = None,
) -> Catalog | None:
    """The catalog in ``path`` if it is a sealed regular file built for this code and these files."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        with contextlib.suppress(OSError):
            path.rmdir() if stat.S_ISDIR(info.st_mode) else path.unlink()  # an empty folder only
        found.damaged = True
        return None
    if not verify(path, info):
        with contextlib.suppress(OSError):
            if _identity(path.lstat()) != _identity(info):  # replaced meanwhile by another magref
                return _open(path, fingerprint, found, key=key, signature=signature)
        found.damaged = True  # rebuilt, and replaced by a sealed file, under the lock
        return None
    connection: sqlite3.Connection | None = None
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if _identity(path.lstat()) != _identity(info):  # replaced since it was checked: check again
            connection.close()
            return _open(path, fingerprint, found, key=key, signature=signature)
        if meta.get("format") != index.FORMAT or meta.get("fingerprint") != fingerprint:
            connection.close()
            return None
        if key is not None and meta.get("content_key") == key:
            if signature and meta.get("signature") != signature:
                _record_signature(path, signature)
            return Catalog(connection)
        if key is None and signature and meta.get("signature") == signature:
            return Catalog(connection)
        connection.close()
        return None
    except (sqlite3.DatabaseError, ValueError, OSError):
        if connection is not None:
            connection.close()
        found.damaged = True
        return None


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _checked_mark(path: Path) -> Path:
    return path.with_name(path.name + ".ok")


def verify(path: Path, info: os.stat_result | None = None) -> bool:
    """Whether the index file at ``path`` (whose stat result is ``info``) holds exactly the bytes
    it was sealed with. False too if the file is no longer the one ``info`` describes.

    A file is read in full the first time, and again whenever its stat result (inode, size,
    modification and change times) differs from the one recorded after its last full check: any
    write to it changes its change time, which no one but the system can set back. A check is
    recorded only once the file has settled (``SETTLED_NS``), so a file changed in the same tick
    of the clock is read again. A small index is trusted the same way as a large one, so every
    dataset pays the same for the check.
    """
    try:
        info = info or path.lstat()
        with contextlib.suppress(OSError, ValueError):
            if _checked_mark(path).read_text(encoding="ascii") == repr(_identity(info)):
                return True
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            if _identity(os.fstat(descriptor)) != _identity(info):
                return False
            stored, computed = _checksum(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        return False
    if stored is None or stored != computed:
        return False
    if _now_ns() - info.st_ctime_ns > SETTLED_NS:
        _write_private(_checked_mark(path), repr(_identity(info)).encode("ascii"))
    return True


def _now_ns() -> int:
    return time.time_ns()


def _checksum(descriptor: int) -> tuple[int | None, int]:
    """The checksum stored in the file's header (None if it is not sealed), and the one its bytes give."""
    import zlib

    os.lseek(descriptor, 0, os.SEEK_SET)
    header = os.read(descriptor, 100)
    if len(header) < 100 or header[SEAL_AT : SEAL_AT + 4] != SEAL:
        return None, 0
    stored = int.from_bytes(header[CHECKSUM_AT : CHECKSUM_AT + 4], "big")
    crc = zlib.crc32(header[:CHECKSUM_AT] + bytes(4) + header[CHECKSUM_AT + 4 :])
    while chunk := os.read(descriptor, _CHUNK):
        crc = zlib.crc32(chunk, crc)
    return stored, crc


def seal(path: Path) -> None:
    """Store the checksum of the finished index file at ``path`` in its header."""
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    try:
        os.lseek(descriptor, SEAL_AT, os.SEEK_SET)
        os.write(descriptor, SEAL)
        os.lseek(descriptor, CHECKSUM_AT, os.SEEK_SET)
        os.write(descriptor, bytes(4))
        _, crc = _checksum(descriptor)
        os.lseek(descriptor, CHECKSUM_AT, os.SEEK_SET)
        os.write(descriptor, crc.to_bytes(4, "big"))
    finally:
        os.close(descriptor)


def discard_if_damaged(location: Path) -> bool:
    """Remove the cached index of the dataset at ``location`` if it fails its check; whether it did."""
    path = index_path(location, code_fingerprint())
    try:
        info = path.lstat()
    except OSError:
        return False
    with contextlib.suppress(OSError):
        _checked_mark(path).unlink()
    if verify(path, info):
        return False
    with contextlib.suppress(OSError):
        path.unlink()
    return True


def _remove_journals(path: Path) -> str | None:
    """Remove what an interrupted SQLite writer may have left beside the index (never replayed:
    index files are sealed whole); JOURNAL when something was removed."""
    removed = False
    for suffix in JOURNAL_SUFFIXES:
        leftover = path.with_name(path.name + suffix)
        if os.path.lexists(leftover):
            with contextlib.suppress(OSError):
                if stat.S_ISDIR(leftover.lstat().st_mode):
                    leftover.rmdir()
                else:
                    leftover.unlink()
                removed = True
    return JOURNAL if removed else None


def _clear_lock_path(lock_path: Path) -> str | None:
    """Remove anything but a regular file planted where the lock file goes (a link, a folder, a
    FIFO); LOCK_REMOVED when something was removed, LOCK_BLOCKED when it could not be."""
    try:
        mode = lock_path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    try:
        if stat.S_ISDIR(mode):
            lock_path.rmdir()
        else:
            lock_path.unlink()
    except OSError:
        return LOCK_BLOCKED
    return LOCK_REMOVED


def _write_private(path: Path, data: bytes) -> None:
    """Write a small file 0600 by way of a temporary file; failures are ignored (it is a hint)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        flags = (
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        )
        descriptor = os.open(temporary, flags, 0o600)
        try:
            os.write(descriptor, data)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _record_signature(path: Path, signature: str) -> None:
    """Remember the files' stat signature so later runs need not hash them: in a sealed copy of
    the index that replaces it (a sealed file is never changed in place)."""
    import shutil
    import tempfile

    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        shutil.copyfile(path, temporary)
        writer = sqlite3.connect(temporary, timeout=0.5)
        try:
            writer.execute("PRAGMA journal_mode = OFF")
            with writer:
                writer.execute("UPDATE meta SET value = ? WHERE key = 'signature'", (signature,))
        finally:
            writer.close()
        seal(Path(temporary))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
        temporary = None
    except (sqlite3.DatabaseError, OSError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _write(path: Path, data: Dataset, meta: dict[str, str]) -> bool:
    """Build the index into a private temporary file and move it into place; False if it cannot be."""
    import tempfile

    temporary: str | None = None
    try:
        if make_private(path.parent) is not None:
            return False
        _remove_temporaries(path.parent, f".{path.name}.")
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            index.build(data, connection, meta)
        finally:
            connection.close()
        seal(Path(temporary))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
        temporary = None
        return True
    except (OSError, sqlite3.DatabaseError) as error:
        if isinstance(error, sqlite3.OperationalError) and "fts5" in str(error):
            raise
        return False
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _remove_temporaries(folder: Path, prefix: str, older_than: float = 0.0) -> None:
    """Remove magref's temporary files in ``folder`` (those of one index if ``prefix`` is given)."""
    limit = time.time() - older_than
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{prefix}*.tmp" if prefix else TEMPORARY_GLOB):
            with contextlib.suppress(OSError):
                if leftover.lstat().st_mtime <= limit:
                    leftover.unlink()


def _prune(folder: Path) -> None:
    """Keep the most recently used index files; drop temporary files of killed runs. Only files
    named as magref names them are touched."""
    _remove_temporaries(folder, "", older_than=STALE_SECONDS)
    with contextlib.suppress(OSError):
        files = sorted(folder.glob(INDEX_GLOB), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            with contextlib.suppress(OSError):
                old.unlink()
                old.with_name(old.name + ".lock").unlink(missing_ok=True)
                _checked_mark(old).unlink(missing_ok=True)


class _Lock:
    """An exclusive lock on a file beside the index, waited for up to LOCK_WAIT_SECONDS.

    ``held`` is False when the wait ran out. Where file locks do not exist, it is always held.
    """

    def __init__(self, path: Path) -> None:
        if make_private(path.parent) is not None:
            raise PermissionError(f"{path.parent} is not a private folder")
        flags = (
            os.O_RDWR
            | os.O_CREAT
            | getattr(os, "O_NOFOLLOW", 0)
            | getattr(os, "O_CLOEXEC", 0)
            | getattr(os, "O_NONBLOCK", 0)
        )
        self.descriptor = os.open(path, flags, 0o600)
        self.held = False

    def __enter__(self) -> _Lock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            self.held = True
            return self
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(self.descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.held = True
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return self
                time.sleep(0.05)
            except OSError:
                self.held = True  # a file system without locks: build anyway, the rename is atomic
                return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.descriptor)


__all__ = [
    "BUSY",
    "DAMAGED",
    "JOURNAL",
    "LOCK_BLOCKED",
    "LOCK_REMOVED",
    "UNTRUSTED",
    "UNWRITABLE",
    "IndexDamaged",
    "directory",
    "discard_if_damaged",
    "load",
    "make_private",
    "seal",
    "verify",
]
