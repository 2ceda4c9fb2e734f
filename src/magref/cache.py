"""Keep each dataset's knowledge index on disk, so that a warm run reads no YAML.

There is one SQLite file per dataset location and version of the indexing code. The file records
the key it was built for (a hash of the dataset's bytes) and, once the files have settled, their
stat signature, so a warm run checks a few ``stat`` results instead of hashing every file. A file
that is missing, damaged, foreign or built by other code is rebuilt; one process builds it under a
lock while others wait and then read it. A cache that cannot be used never stops a lookup: the
index is built in memory instead and the catalog says why.
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
#: Modules whose source shapes the index: a change to any of them rebuilds it.
SHAPING_MODULES = ("model.py", "names.py", "index.py", "catalog.py")

#: Why a run uses an index in memory instead of the cache (codes for the view to word).
UNWRITABLE = "cache-unwritable"
BUSY = "cache-busy"


def directory() -> Path:
    """Where index files live: ``$MAGREF_CACHE_DIR``, else the platform's user cache folder."""
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen)
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "magref" / "Cache" if base else home / "AppData" / "Local" / "magref" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "magref"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "magref"


def code_fingerprint() -> str:
    """A hash of magref's version and of the source of every module that shapes the index."""
    digest = blake2b(f"{index.FORMAT}:{__version__}:{sqlite3.sqlite_version}".encode(), digest_size=16)
    here = Path(__file__).parent
    for module in SHAPING_MODULES:
        with contextlib.suppress(OSError):
            digest.update((here / module).read_bytes())
    return digest.hexdigest()


def content_key(files: Sequence[Any]) -> str:
    """A hash of the dataset files' names and bytes (``files`` have ``name`` and ``data``)."""
    digest = blake2b(digest_size=20)
    for file in files:
        name = os.path.basename(file.name).encode()
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
    where = blake2b(str(location.resolve()).encode(), digest_size=10).hexdigest()
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
    signature = stat_signature(paths)
    if signature is not None:
        catalog = _open(path, fingerprint, signature=signature)
        if catalog is not None:
            return catalog
    files = read_files()
    key = content_key(files)
    catalog = _open(path, fingerprint, key=key, signature=signature)
    if catalog is not None:
        return catalog
    try:
        lock = _Lock(path.with_name(path.name + ".lock"))
    except OSError:
        return Catalog.build(build_dataset(files), UNWRITABLE)
    with lock:
        if not lock.held:
            return Catalog.build(build_dataset(files), BUSY)
        catalog = _open(path, fingerprint, key=key, signature=signature)
        if catalog is not None:
            return catalog
        data = build_dataset(files)
        meta = {"fingerprint": fingerprint, "content_key": key, "signature": signature or ""}
        if not _write(path, data, meta):
            return Catalog.build(data, UNWRITABLE)
    _prune(path.parent)
    catalog = _open(path, fingerprint, key=key)
    return catalog if catalog is not None else Catalog.build(data, UNWRITABLE)


def _open(
    path: Path, fingerprint: str, *, key: str | None = None, signature: str | None = None
) -> Catalog | None:
    """The catalog in ``path`` if it is a regular file built for this code and these files."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
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
    except (sqlite3.DatabaseError, ValueError):
        if connection is not None:
            connection.close()
        return None


def _record_signature(path: Path, signature: str) -> None:
    """Remember the files' stat signature so later runs need not hash them."""
    with contextlib.suppress(sqlite3.DatabaseError, OSError):
        writer = sqlite3.connect(path, timeout=0.5)
        with writer:
            writer.execute("UPDATE meta SET value = ? WHERE key = 'signature'", (signature,))
        writer.close()


def _write(path: Path, data: Dataset, meta: dict[str, str]) -> bool:
    """Build the index into a private temporary file and move it into place; False if it cannot be."""
    import tempfile

    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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
        os.chmod(temporary, 0o644)
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
    limit = time.time() - older_than
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{prefix}*.tmp" if prefix else ".*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.lstat().st_mtime <= limit:
                    leftover.unlink()


def _prune(folder: Path) -> None:
    """Keep the most recently used index files; drop temporary files of killed runs."""
    _remove_temporaries(folder, "", older_than=STALE_SECONDS)
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("*.sqlite"), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            with contextlib.suppress(OSError):
                old.unlink()
                old.with_name(old.name + ".lock").unlink(missing_ok=True)


class _Lock:
    """An exclusive lock on a file beside the index, waited for up to LOCK_WAIT_SECONDS.

    ``held`` is False when the wait ran out. Where file locks do not exist, it is always held.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        self.descriptor = os.open(path, flags, 0o644)
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


__all__ = ["BUSY", "UNWRITABLE", "IndexDamaged", "directory", "load"]
