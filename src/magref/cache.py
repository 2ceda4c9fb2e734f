"""A cache of the validated dataset, keyed by the content of its files.

An entry is named by a hash of magref's version and every file's name and bytes, so an edited
dataset never meets a stale entry; it starts with a checksum of its payload, and an entry that
fails it, or fails to decode, is ignored and rebuilt. A folder that cannot be written only means
no cache.

To skip reading and hashing large files on every run, a small pointer maps the files' stat
signature (path, size, inode, modification and change times) to the content key. A pointer is
written only for files unchanged for a few seconds, so an edit cannot hide within one clock tick.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import msgspec

from magref import __version__, search
from magref.catalog import Catalog

try:  # the BLAKE2 module alone: hashlib would also load OpenSSL, about 4 ms of start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

ENV_CACHE_DIR = "MAGREF_CACHE_DIR"
FORMAT = f"magref-cache-4-{sys.byteorder}".encode()
KEEP_ENTRIES = 8
#: Files changed more recently than this are always hashed, never trusted by their stat.
SETTLE_SECONDS = 2.0
_CHECKSUM = 4


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def data(self) -> bytes: ...


def directory() -> Path:
    """Where cache entries live: ``$MAGREF_CACHE_DIR``, else the user's cache folder."""
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "magref"


def key_for(files: Sequence[_Named]) -> str:
    """A name for the cache entry of exactly these files."""
    digest = blake2b(FORMAT + __version__.encode(), digest_size=20)
    for file in files:
        name = os.path.basename(file.name).encode()
        digest.update(len(name).to_bytes(8, "little") + name)
        digest.update(len(file.data).to_bytes(8, "little"))
        digest.update(file.data)
    return digest.hexdigest()


def stat_key(paths: Sequence[Path]) -> str | None:
    """A name for these files as they stand on disk, or None if one changed too recently to trust."""
    digest = blake2b(FORMAT + __version__.encode(), digest_size=20)
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


def read_pointer(stat: str) -> str | None:
    """The content key recorded for a stat signature."""
    try:
        key = (directory() / f"{stat}.pointer").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return key if len(key) == 40 and all(c in "0123456789abcdef" for c in key) else None


def write_pointer(stat: str, key: str) -> None:
    _write(directory() / f"{stat}.pointer", key.encode())


def read(key: str) -> Catalog | None:
    """The cached catalog for ``key``, or None if there is none or it is damaged."""
    payload = _read_checked(directory() / f"{key}.msgpack")
    if payload is None:
        return None
    documents_path = directory() / f"{key}.search.msgpack"
    try:
        return Catalog.decode(payload, documents=lambda: _read_documents(documents_path))
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def _read_documents(path: Path) -> list[search.Document] | None:
    payload = _read_checked(path)
    if payload is None:
        return None
    try:
        return Catalog.decode_documents(payload)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def _read_checked(path: Path) -> memoryview | None:
    """A file's payload if its checksum holds."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    checksum, payload = blob[:_CHECKSUM], memoryview(blob)[_CHECKSUM:]
    if zlib.crc32(payload).to_bytes(_CHECKSUM, "little") != checksum:
        return None
    return payload


def write(key: str, catalog: Catalog) -> bool:
    """Store ``catalog`` under ``key``; False (and no error) if the folder is not writable."""
    folder = directory()
    for name, payload in (
        (f"{key}.msgpack", catalog.encode()),
        (f"{key}.search.msgpack", catalog.encode_documents()),
    ):
        checksum = zlib.crc32(payload).to_bytes(_CHECKSUM, "little")
        if not _write(folder / name, checksum + payload):
            return False
    _prune(folder)
    return True


def _write(path: Path, data: bytes) -> bool:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def _prune(folder: Path) -> None:
    """Keep only the most recently written entries (with their search files) and pointers."""
    with contextlib.suppress(OSError):
        entries = sorted(
            (p for p in folder.glob("*.msgpack") if not p.name.endswith(".search.msgpack")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in entries[KEEP_ENTRIES:]:
            old.unlink(missing_ok=True)
            old.with_name(f"{old.stem}.search.msgpack").unlink(missing_ok=True)
        pointers = sorted(folder.glob("*.pointer"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in pointers[KEEP_ENTRIES * 4 :]:
            old.unlink(missing_ok=True)
