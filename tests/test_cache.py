"""The dataset cache: used when warm, never stale, and harmless when damaged or unwritable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from magref import cache, dataset
from magref.model import Form


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(folder))
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.msgpack") if not p.name.endswith(".search.msgpack"))


def test_first_load_writes_an_entry_and_the_second_reads_it(cache_dir: Path, data_copy: Path) -> None:
    first = dataset.load(data_copy)
    (entry,) = entries(cache_dir)
    second = dataset.load(data_copy)
    assert second.to_dataset() == first.to_dataset()
    assert entries(cache_dir) == [entry]


def test_a_warm_load_does_not_parse_yaml(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset.load(data_copy)

    def refuse(*args: object) -> None:
        raise AssertionError("YAML was parsed on a warm load")

    monkeypatch.setattr(dataset, "_build", refuse)
    assert dataset.load(data_copy).forms


def test_an_edited_dataset_is_never_served_stale(cache_dir: Path, data_copy: Path) -> None:
    dataset.load(data_copy)
    forms = data_copy / "forms.yaml"
    forms.write_text(
        forms.read_text().replace("name: Magnesium glycinate", "name: Magnesium glycinate EDITED", 1)
    )
    edited = dataset.load(data_copy)
    assert any(f.name == "Magnesium glycinate EDITED" for f in edited.forms)
    assert len(entries(cache_dir)) == 2


def test_an_edit_that_breaks_the_dataset_is_reported_not_hidden_by_the_cache(
    cache_dir: Path, data_copy: Path
) -> None:
    dataset.load(data_copy)
    faq = data_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace("sources: [", "sources: [nope, ", 1))
    with pytest.raises(dataset.DatasetError):
        dataset.load(data_copy)


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x00" * 64])
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_dir: Path, data_copy: Path, damage: bytes) -> None:
    good = dataset.load(data_copy)
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage)
    assert dataset.load(data_copy).to_dataset() == good.to_dataset()
    assert entry.read_bytes() != damage


def test_a_flipped_byte_in_the_payload_is_caught_by_the_checksum(cache_dir: Path, data_copy: Path) -> None:
    good = dataset.load(data_copy)
    (entry,) = entries(cache_dir)
    blob = bytearray(entry.read_bytes())
    position = blob.index(b"glycinate", 32)
    blob[position] = ord("G")
    entry.write_bytes(bytes(blob))
    assert cache.read(entry.stem) is None
    assert dataset.load(data_copy).to_dataset() == good.to_dataset()


def test_an_unwritable_cache_folder_only_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MAGREF_CACHE_DIR", str(blocker / "cache"))
    assert dataset.load(data_copy).forms
    assert cache.write("key", dataset.load(data_copy, use_cache=False)) is False


def test_old_entries_are_pruned(cache_dir: Path) -> None:
    data = dataset.load(use_cache=False)
    for number in range(cache.KEEP_ENTRIES + 3):
        assert cache.write(f"entry{number}", data)
    assert len(entries(cache_dir)) == cache.KEEP_ENTRIES


@pytest.fixture
def trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once, so that stat pointers are written in a test."""
    monkeypatch.setattr(cache, "SETTLE_SECONDS", -60.0)


def test_a_settled_dataset_is_found_by_its_stat_without_reading_it(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch, trust_fresh_files: None
) -> None:
    dataset.load(data_copy)
    assert len(list(cache_dir.glob("*.pointer"))) == 1

    def refuse(*args: object) -> None:
        raise AssertionError("the files were read although their stat was known")

    monkeypatch.setattr(dataset, "_read_files", refuse)
    assert dataset.load(data_copy).find("forms", "glycinate", Form) is not None


def test_recently_changed_files_get_no_pointer(cache_dir: Path, data_copy: Path) -> None:
    dataset.load(data_copy)
    assert list(cache_dir.glob("*.pointer")) == []


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(
    cache_dir: Path, data_copy: Path, trust_fresh_files: None
) -> None:
    dataset.load(data_copy)
    forms = data_copy / "forms.yaml"
    before = forms.stat()
    text = forms.read_text()
    forms.write_text(text.replace("name: Magnesium glycinate", "name: Magnesium glycinatE", 1))
    os.utime(forms, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert forms.stat().st_size == before.st_size
    names = {f.name for f in dataset.load(data_copy).forms}
    assert "Magnesium glycinatE" in names


def test_a_damaged_pointer_is_ignored(cache_dir: Path, data_copy: Path, trust_fresh_files: None) -> None:
    good = dataset.load(data_copy).to_dataset()
    for pointer in cache_dir.glob("*.pointer"):
        pointer.write_text("not a key")
    assert dataset.load(data_copy).to_dataset() == good


@pytest.mark.parametrize("damage", ["delete", "garble"])
def test_missing_or_damaged_search_documents_are_rebuilt(
    cache_dir: Path, data_copy: Path, damage: str
) -> None:
    from magref import search

    expected = search.rank(dataset.load(data_copy, use_cache=False).search_documents(), "sleep")
    dataset.load(data_copy)
    (documents,) = cache_dir.glob("*.search.msgpack")
    if damage == "delete":
        documents.unlink()
    else:
        documents.write_bytes(documents.read_bytes()[:-10] + b"0123456789")
    assert search.rank(dataset.load(data_copy).search_documents(), "sleep") == expected
