"""A cache of the validated dataset, keyed by the content of its files.

A cache entry is named by a hash of magref's version and every file's name and bytes, so an
edited dataset never meets a stale entry. Each entry starts with a checksum of its payload; an
entry that fails it, or fails to decode, is ignored and rebuilt. A folder that cannot be written
only means no cache.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import msgspec

from magref import __version__
from magref.model import Dataset

try:  # the BLAKE2 module alone: hashlib would also load OpenSSL, about 4 ms of start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

ENV_CACHE_DIR = "MAGREF_CACHE_DIR"
FORMAT = b"magref-cache-1"
KEEP_ENTRIES = 8
_CHECKSUM_BYTES = 16


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


def read(key: str) -> Dataset | None:
    """The cached dataset for ``key``, or None if there is none or it is damaged."""
    try:
        blob = (directory() / f"{key}.msgpack").read_bytes()
    except OSError:
        return None
    checksum, payload = blob[:_CHECKSUM_BYTES], blob[_CHECKSUM_BYTES:]
    if blake2b(payload, digest_size=_CHECKSUM_BYTES).digest() != checksum:
        return None
    try:
        return msgspec.msgpack.decode(payload, type=Dataset)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def write(key: str, dataset: Dataset) -> bool:
    """Store ``dataset`` under ``key``; False (and no error) if the folder is not writable."""
    payload = msgspec.msgpack.encode(dataset)
    blob = blake2b(payload, digest_size=_CHECKSUM_BYTES).digest() + payload
    folder = directory()
    temporary = folder / f".{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(blob)
        os.replace(temporary, folder / f"{key}.msgpack")
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    _prune(folder)
    return True


def _prune(folder: Path) -> None:
    """Keep only the most recently written entries."""
    try:
        entries = sorted(folder.glob("*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
