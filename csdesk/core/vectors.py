"""The meaning layer's vector store: one sentence vector per entry, derived data kept in the home like the index.

Each enabled, live entry gets the normalised mean of the vectors of its title, question, similar questions and
scenario (its distinct texts): the "prototype" of how customers ask for it. 100,000 entries × 512 float32 are
200 MB; a top-k is one matrix–vector product (numpy brute force, ~10 ms at 100k on one core), so no ANN library.

File (``<home>/vectors/store.npz``): the vectors (float16 on disk, float32 in memory) and, as JSON, the model name
and per row the entry id, shop id and a fingerprint of the texts embedded — one file, written under a unique
temporary name and renamed into place, so programs sharing a home never mix one's rows with another's vectors. A model change (another name)
means a full rebuild; otherwise a build only embeds the entries whose fingerprint changed.

:class:`VectorService` keeps the store in step with the library: a daemon thread builds it after open (or a model
change) with progress, then applies each edit the library announces (its listener). Searches use it only once it
is ready; until then search is lexical. Learned phrasings (:mod:`csdesk.core.learning`) get their own small matrix.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import tempfile
import threading
import time
import zipfile
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from csdesk.core import priority
from csdesk.core.semantic import Embedder, one_blas_thread, release_free_memory
from csdesk.core.textnorm import is_han

if TYPE_CHECKING:
    from csdesk.core.library import Change, Library

__all__ = ["VectorService", "VectorStatus", "VectorStore", "entry_texts", "read_rows", "read_status"]

log = logging.getLogger(__name__)

VECTOR_DIR = "vectors"
FORMAT = 3
STORE_FILE = "store.npz"
BATCH = 256
SAVE_EVERY_S = 10.0
"""After an edit the store is saved at most this often (and on close): saving writes the whole store (about
20 ms of CPU at 5,000 entries), which a program editing every few seconds paid in its searches' time."""
"""Texts embedded per call during a build (also the granularity of progress and of giving way to searches)."""
COMPRESS_FROM = 20_000
"""Stores of this many rows or more keep their vectors projected to :data:`KEPT_DIMS` (see VectorStore)."""
KEPT_DIMS = 256
QUERY_CACHE = 64
"""Query vectors kept per service (VectorService.encode_query)."""


def entry_texts(
    title: str, question: str, similar: Sequence[str], scenario: str, reply: str = ""
) -> list[str]:
    """The distinct texts of an entry that say what customers ask.

    An entry with neither a question nor similar questions has only its title (缩水问题, 开线跳线) to say so, too
    little for a sentence model; the first sentence of its reply is added then (it names the problem: 很抱歉,开线
    是我们质检没做好). On the demo messages this lifted the right entry in the top 3 from 0.87 to 0.91–0.94.
    """
    texts = [t.strip() for t in (question, *similar, title, scenario)]
    if not question.strip() and not any(s.strip() for s in similar) and reply:
        texts.append(_first_sentence(reply))
    return list(dict.fromkeys(t for t in texts if t))


_SENTENCE_END = re.compile(r"[。!！?？;；\n]")


def _first_sentence(text: str, limit: int = 60) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0][:limit].strip()


def _fingerprint(texts: Sequence[str]) -> str:
    return hashlib.blake2b("\x1f".join(texts).encode("utf-8"), digest_size=8).hexdigest()


class VectorStore:
    """Entry vectors in memory with their shop ids; loaded from and saved to a folder.

    Two things keep a 100,000-entry library within its memory and time budget (README "Search"):

    - **Projection.** From :data:`COMPRESS_FROM` rows on, the rows are kept in the :data:`KEPT_DIMS` leading
      directions of the library's own vectors (the eigenvectors of their uncentred Gram matrix, fitted when the
      store is first built past that size): half the memory and half the product, and a dot product there is the
      best rank-256 approximation of the full cosine (measured on OPPO-xiaobu, cosine alone: r@5 0.738 → 0.728).
      Queries and new rows are projected on the same basis; smaller libraries keep the full vectors.
    - **Rows grouped by shop.** After a build or load the rows are sorted by shop, so a search in one shop plus 通用
      multiplies only those rows (a slice: no copy) plus the rows appended since (the unsorted tail).
    """

    def __init__(self, directory: Path, dim: int, model: str) -> None:
        self.directory = directory
        self.model = model
        self.dim = dim
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self.fingerprints: list[str] = []
        self.shops = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, dim), dtype=np.float32)
        self.basis: np.ndarray | None = None
        """(dim, KEPT_DIMS) projection once the store is compressed; None: rows are full vectors."""
        self.sorted_n = 0
        """Rows [0, sorted_n) are ordered by shop; the rest (appended since) are searched by a mask."""
        self.lock = threading.RLock()

    def __len__(self) -> int:
        return len(self.ids)

    # ------------------------------------------------------------------------------------------------ files

    def load(self) -> bool:
        """Read the saved store; False (and empty) when missing, damaged or built by another model."""
        try:
            with np.load(self.directory / STORE_FILE, allow_pickle=False) as data:
                meta = json.loads(bytes(data["meta"]).decode("utf-8"))
                if meta.get("format") != FORMAT or meta.get("model") != self.model:
                    return False
                matrix = data["matrix"]
                basis = data["basis"] if "basis" in data.files else None
            ids, shops, prints = meta["ids"], meta["shops"], meta["fingerprints"]
            width = self.dim if basis is None else basis.shape[1]
            if basis is not None and basis.shape[0] != self.dim:
                return False
            if matrix.shape != (len(ids), width) or not len(ids) == len(shops) == len(prints):
                return False
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
            return False
        with self.lock:
            self.ids = list(ids)
            self.row_of = {entry_id: i for i, entry_id in enumerate(self.ids)}
            self.fingerprints = list(prints)
            self.shops = np.asarray(shops, dtype=np.int64)
            self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
            self.basis = None if basis is None else np.ascontiguousarray(basis, dtype=np.float32)
            del matrix
            self.sort_by_shop()
        return True

    def save(self) -> None:
        """Write the store atomically (temporary files, then rename)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.lock:
            matrix = self.matrix.astype(np.float16)
            arrays = {"matrix": matrix} if self.basis is None else {"matrix": matrix, "basis": self.basis}
            meta = {
                "format": FORMAT,
                "model": self.model,
                "ids": list(self.ids),
                "shops": [int(s) for s in self.shops],
                "fingerprints": list(self.fingerprints),
            }
        fd, name = tempfile.mkstemp(prefix=".store-", suffix=".npz.tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                packed = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
                np.savez(handle, meta=packed, **arrays)
            os.replace(name, self.directory / STORE_FILE)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

    # ------------------------------------------------------------------------------------------------ layout

    def project(self, vectors: np.ndarray) -> np.ndarray:
        """Full model vectors (rows, or one query) in the store's space."""
        vectors = np.asarray(vectors, dtype=np.float32)
        return vectors if self.basis is None else vectors @ self.basis

    def compress(self, dims: int = 0, min_rows: int = 0) -> bool:
        """Fit the projection on the rows and keep them projected (see the class docstring); False when the
        store is already compressed or smaller than ``min_rows`` (default :data:`COMPRESS_FROM`)."""
        dims = dims or KEPT_DIMS
        with self.lock:
            if self.basis is not None or len(self.ids) < (min_rows or COMPRESS_FROM) or dims >= self.dim:
                return False
            with one_blas_thread():
                gram = self.matrix.T @ self.matrix
                _values, vectors = np.linalg.eigh(gram.astype(np.float64))
                basis = np.ascontiguousarray(vectors[:, ::-1][:, :dims], dtype=np.float32)
                self.matrix = np.ascontiguousarray(self.matrix @ basis)
            self.basis = basis
        return True

    def sort_by_shop(self) -> None:
        """Order the rows by shop (a stable sort: entry order within a shop is kept)."""
        with self.lock:
            n = len(self.ids)
            if n and np.any(np.diff(self.shops) < 0):
                order = np.argsort(self.shops, kind="stable")
                self.matrix = np.ascontiguousarray(self.matrix[order])
                self.shops = np.ascontiguousarray(self.shops[order])
                self.ids = [self.ids[i] for i in order]
                self.fingerprints = [self.fingerprints[i] for i in order]
                self.row_of = {entry_id: i for i, entry_id in enumerate(self.ids)}
            self.sorted_n = n

    # ------------------------------------------------------------------------------------------------ edits

    def put(self, rows: Sequence[tuple[str, int, str]], vectors: np.ndarray) -> None:
        """Set (entry id, shop id, fingerprint) rows to full model ``vectors`` (new ids appended)."""
        vectors = self.project(vectors)
        with self.lock:
            new_ids: list[str] = []
            new_rows: list[int] = []
            for k, (entry_id, shop_id, fp) in enumerate(rows):
                r = self.row_of.get(entry_id)
                if r is None:
                    new_ids.append(entry_id)
                    new_rows.append(k)
                    continue
                self.matrix[r] = vectors[k]
                if int(self.shops[r]) != shop_id:
                    self.set_shop(r, shop_id)
                self.fingerprints[r] = fp
            if new_ids:
                start = len(self.ids)
                self.ids.extend(new_ids)
                for i, entry_id in enumerate(new_ids):
                    self.row_of[entry_id] = start + i
                self.fingerprints.extend(rows[k][2] for k in new_rows)
                self.shops = np.concatenate(
                    [self.shops, np.asarray([rows[k][1] for k in new_rows], np.int64)]
                )
                self.matrix = np.concatenate([self.matrix, vectors[new_rows]])

    def set_shop(self, row: int, shop_id: int) -> None:
        """Move a row to another shop (the sorted prefix ends before it)."""
        with self.lock:
            self.shops[row] = shop_id
            self.sorted_n = min(self.sorted_n, row)

    def remove(self, entry_ids: Collection[str]) -> None:
        with self.lock:
            gone = [self.row_of[i] for i in entry_ids if i in self.row_of]
            if not gone:
                return
            keep = np.ones(len(self.ids), dtype=bool)
            keep[gone] = False
            self.sorted_n = int(keep[: self.sorted_n].sum())
            self.ids = [i for i, k in zip(self.ids, keep, strict=True) if k]
            self.fingerprints = [f for f, k in zip(self.fingerprints, keep, strict=True) if k]
            self.row_of = {entry_id: i for i, entry_id in enumerate(self.ids)}
            self.shops = self.shops[keep]
            self.matrix = np.ascontiguousarray(self.matrix[keep])

    def clear(self) -> None:
        with self.lock:
            self.ids, self.fingerprints, self.row_of = [], [], {}
            self.shops = np.zeros(0, dtype=np.int64)
            self.matrix = np.zeros((0, self.dim), dtype=np.float32)
            self.basis = None
            self.sorted_n = 0

    # ------------------------------------------------------------------------------------------------ search

    def _slices(self, shop_ids: Collection[int] | None) -> list[tuple[int, int, bool]]:
        """(start, end, needs a shop mask) row ranges holding the rows of ``shop_ids`` (None: all)."""
        n = len(self.ids)
        if shop_ids is None:
            return [(0, n, False)]
        prefix = self.shops[: self.sorted_n]
        out = []
        for shop in sorted(set(shop_ids)):
            start = int(np.searchsorted(prefix, shop, "left"))
            end = int(np.searchsorted(prefix, shop, "right"))
            if end > start:
                out.append((start, end, False))
        if self.sorted_n < n:
            out.append((self.sorted_n, n, True))
        return out

    def top(self, query: np.ndarray, shop_ids: Collection[int] | None, k: int) -> list[tuple[str, float]]:
        """The ``k`` entries most similar to ``query`` (a full model vector; cosine), in the given shops (None:
        all). Only the rows of those shops are multiplied (see the class docstring)."""
        with self.lock:
            if not self.ids:
                return []
            q = self.project(query)
            parts, offsets = [], []
            with one_blas_thread():
                for start, end, masked in self._slices(shop_ids):
                    sims = self.matrix[start:end] @ q
                    if masked and shop_ids is not None:
                        sims[~np.isin(self.shops[start:end], list(shop_ids))] = -2.0
                    parts.append(sims)
                    offsets.append(np.arange(start, end))
            if not parts:
                return []
            sims = parts[0] if len(parts) == 1 else np.concatenate(parts)
            rows = offsets[0] if len(offsets) == 1 else np.concatenate(offsets)
            k = min(k, len(sims))
            if k <= 0:
                return []
            best = np.argpartition(-sims, k - 1)[:k]
            best = best[np.argsort(-sims[best])]
            return [(self.ids[int(rows[i])], float(sims[i])) for i in best if sims[i] > -2.0]

    def similarity(self, query: np.ndarray, entry_ids: Sequence[str]) -> dict[str, float]:
        """Cosine of ``query`` (a full model vector) with each of ``entry_ids`` that has a vector."""
        with self.lock:
            rows = [(i, self.row_of[i]) for i in entry_ids if i in self.row_of]
            if not rows:
                return {}
            sims = self.matrix[[r for _, r in rows]] @ self.project(query)
            return {entry_id: float(s) for (entry_id, _), s in zip(rows, sims, strict=True)}


@dataclass(frozen=True)
class VectorStatus:
    """How far the vector build is: ``done`` of ``total`` entries embedded; ``ready`` when search may use it."""

    state: str
    """``off`` (no model), ``building``, ``ready`` or ``failed``."""
    done: int = 0
    total: int = 0
    model: str = ""
    detail: str = ""

    @property
    def ready(self) -> bool:
        return self.state == "ready"


STATUS_FILE = "status.json"


def write_status(directory: Path, status: VectorStatus) -> None:
    """Leave the build's progress where another process (``csdesk info``) can read it."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".status-", suffix=".json.tmp", dir=directory)
        tmp = Path(name)
        os.close(fd)
        data = {"state": status.state, "done": status.done, "total": status.total, "model": status.model,
                "detail": status.detail, "pid": os.getpid(), "at": time.time()}  # fmt: skip
        try:
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, directory / STATUS_FILE)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError:
        log.debug("could not write the vector build status", exc_info=True)


def read_status(home: Path) -> VectorStatus | None:
    """The last progress a process building ``home``'s vectors left (None: never built)."""
    try:
        data = json.loads((home / VECTOR_DIR / STATUS_FILE).read_text(encoding="utf-8"))
        return VectorStatus(str(data["state"]), int(data["done"]), int(data["total"]), str(data["model"]),
                            str(data.get("detail", "")))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None


_ROWS_SQL = (
    "SELECT id, shop_id, title, question, similar, scenario, reply FROM entries "
    "WHERE deleted_at IS NULL AND enabled = 1"
)


def read_rows(lib: Library, ids: Sequence[str] | None = None) -> list[tuple[str, int, list[str]]]:
    """(entry id, shop id, texts) of live enabled entries (all, or those of ``ids``), straight from SQLite."""
    db = lib._db
    out: list[tuple[str, int, list[str]]] = []
    if ids is None:
        chunks: list[Sequence[str] | None] = [None]
    else:
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        if chunk is None:
            rows = db.all(_ROWS_SQL + " ORDER BY rowid")
        else:
            rows = db.all(_ROWS_SQL + f" AND id IN ({','.join('?' * len(chunk))})", tuple(chunk))
        for r in rows:
            try:
                similar = [s for s in json.loads(r["similar"] or "[]") if isinstance(s, str)]
            except ValueError:
                similar = []
            texts = entry_texts(r["title"], r["question"], similar, r["scenario"], r["reply"])
            out.append((r["id"], int(r["shop_id"]), texts))
    return out


class VectorService:
    """Builds and maintains a library's :class:`VectorStore` in a background thread (see the module docstring)."""

    def __init__(self, lib: Library, embedder: Embedder) -> None:
        self.lib = lib
        self.embedder = embedder
        self.store = VectorStore(lib.home / VECTOR_DIR, embedder.dim, embedder.name)
        self._cond = threading.Condition()
        self._pending: dict[str, None] = {}
        self._full = True  # a full sync is due (first open)
        self._force = False
        self._state = "building"
        self._done = 0
        self._total = 0
        self._detail = ""
        self._closed = False
        self._busy = False
        self._listeners: list[Callable[[VectorStatus], None]] = []
        self._unsaved = False  # edits embedded since the last save (saved within SAVE_EVERY_S, or on close)
        self._saved_at = 0.0
        self.char_df: dict[str, int] = {}
        self.char_n = 0
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="csdesk-vectors", daemon=True)
        lib.add_listener(self._on_change)
        self._thread.start()

    # ------------------------------------------------------------------------------------------------ control

    def status(self) -> VectorStatus:
        with self._cond:
            return VectorStatus(self._state, self._done, self._total, self.embedder.name, self._detail)

    def add_progress_listener(self, callback: Callable[[VectorStatus], None]) -> None:
        """``callback(status)`` from the build thread as the build goes on (the GUI's progress)."""
        self._listeners.append(callback)

    def rebuild(self) -> None:
        """Throw the vectors away and embed every entry again (``csdesk reindex``)."""
        with self._cond:
            self._full = True
            self._force = True
            self._state = "building"
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the store is ready with no edit pending; False on timeout or failure."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._closed and (self._state != "ready" or self._pending or self._full or self._busy):
                if self._state == "failed":
                    return False
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left if left is not None else 1.0)
            return self._state == "ready"

    def close(self) -> None:
        self.lib.remove_listener(self._on_change)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=10)
        if self._unsaved:
            self._save()

    def encode_query(self, text: str) -> np.ndarray:
        """The query's vector; the last few are kept (the workspace searches the same text again after a copy,
        a filter change or a refresh)."""
        with self._query_lock:
            cached = self._queries.get(text)
            if cached is not None:
                self._queries.move_to_end(text)
                return cached
        vector = self.embedder.encode([text])[0]
        vector.setflags(write=False)
        with self._query_lock:
            self._queries[text] = vector
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector

    def embed_now(self, rows: Sequence[tuple[str, int, list[str]]]) -> None:
        """Embed a few entries in the caller's thread and keep them in the store (saved with its next save).

        For a search meeting lexical hits with no vector here yet (written a moment ago, or by another program,
        whose writes this program's build never hears of): embedded once, not again by every later search.
        """
        self._embed([(e, s, texts, _fingerprint(texts)) for e, s, texts in rows if texts], progress=False)

    # ------------------------------------------------------------------------------------------------ events

    def _on_change(self, change: Change) -> None:
        if change.kind in ("all", "shops", "categories"):
            with self._cond:
                self._full = True
                self._cond.notify_all()
        elif change.kind == "entries":
            with self._cond:
                if change.ids:
                    self._pending.update(dict.fromkeys(change.ids))
                else:
                    self._full = True
                self._cond.notify_all()

    def _publish(self) -> None:
        status = self.status()
        write_status(self.store.directory, status)
        for callback in list(self._listeners):
            try:
                callback(status)
            except Exception:
                log.exception("vector progress listener failed")

    # ------------------------------------------------------------------------------------------------ worker

    def _save(self) -> None:
        self._unsaved = False
        self._saved_at = time.monotonic()
        self.store.save()

    def _save_wait(self) -> float | None:
        """Seconds until the edits embedded since the last save are due to be saved (None: nothing unsaved)."""
        return max(0.0, self._saved_at + SAVE_EVERY_S - time.monotonic()) if self._unsaved else None

    def _run(self) -> None:
        priority.lower_this_thread()  # embedding a library must not make the agent's searches wait for a CPU
        while True:
            with self._cond:
                while not self._closed and not self._full and not self._pending and self._save_wait() != 0.0:
                    self._cond.wait(self._save_wait())
                if self._closed:
                    return
                save_only = not self._full and not self._pending  # woken only because a save is due
            if save_only:
                try:
                    self._save()
                except OSError:
                    log.info("saving the entry vectors failed; retried after the next edit", exc_info=True)
                continue
            with self._cond:
                full, force = self._full, self._force
                pending = list(self._pending)
                self._full = self._force = False
                self._pending.clear()
                # taken off the queues but not written yet: wait() must not return meanwhile
                self._busy = True
            try:
                if full:
                    self._sync_all(force)
                elif pending:
                    self._sync_ids(pending)
                with self._cond:
                    self._busy = False
                    if not self._full:
                        self._state = "ready"
                    self._detail = ""
                    self._cond.notify_all()
            except Exception as exc:
                if self._closed:
                    return
                log.warning("building the entry vectors failed (%s); search stays lexical", exc)
                log.info("vector build failure", exc_info=True)
                with self._cond:
                    self._busy = False
                    self._state = "failed"
                    self._detail = f"{type(exc).__name__}: {exc}"
                    self._cond.notify_all()
            self._publish()

    def _count_chars(self, rows: Sequence[tuple[str, int, list[str]]], *, reset: bool) -> None:
        """In how many entries each Chinese character occurs (the fusion weighs shared characters by rarity).
        Edits only add (an approximation until the next full sync: rarity changes slowly)."""
        counts: Counter[str] = Counter() if reset else Counter(self.char_df)
        for _entry_id, _shop, texts in rows:
            counts.update({ch for text in texts for ch in text if is_han(ch)})
        self.char_df = dict(counts)
        self.char_n = len(rows) if reset else max(self.char_n, len(self.store))

    def char_idf(self, ch: str) -> float:
        return math.log(1.0 + self.char_n / (1.0 + self.char_df.get(ch, 0)))

    def _sync_all(self, force: bool) -> None:
        store = self.store
        if force or (not len(store) and not store.load()):
            store.clear()
        rows = read_rows(self.lib)
        self._count_chars(rows, reset=True)
        live = {entry_id for entry_id, _, _ in rows}
        store.remove([i for i in store.ids if i not in live])
        todo = []
        for entry_id, shop_id, texts in rows:
            fp = _fingerprint(texts)
            r = store.row_of.get(entry_id)
            if r is None or store.fingerprints[r] != fp:
                todo.append((entry_id, shop_id, texts, fp))
            elif int(store.shops[r]) != shop_id:
                store.set_shop(r, shop_id)
        del rows
        with self._cond:
            self._total = len(live)
            self._done = len(live) - len(todo)
            if todo:
                self._state = "building"
        self._publish()
        self._embed(todo, progress=True)
        if self._closed:
            return
        store.compress()
        store.sort_by_shop()
        self._save()
        release_free_memory()

    def _sync_ids(self, ids: list[str]) -> None:
        rows = read_rows(self.lib, ids)
        self._count_chars(rows, reset=False)
        found = {entry_id for entry_id, _, _ in rows}
        gone = [i for i in ids if i not in found and i in self.store.row_of]
        self.store.remove(gone)
        todo = []
        moved = False
        for entry_id, shop_id, texts in rows:
            fp = _fingerprint(texts)
            r = self.store.row_of.get(entry_id)
            if r is not None and self.store.fingerprints[r] == fp:
                # An edit of what is not embedded (the reply, guidance, tags …): the vector stands. Embedding it
                # again cost the editing program some 20 ms of CPU per edit, beside its own searches.
                if int(self.store.shops[r]) != shop_id:
                    self.store.set_shop(r, shop_id)
                    moved = True
                continue
            todo.append((entry_id, shop_id, texts, fp))
        self._embed(todo, progress=False)
        with self._cond:
            self._total = len(self.store)
            self._done = self._total
        if not todo and not gone and not moved:
            return  # nothing in the store changed: nothing to save
        if time.monotonic() - self._saved_at >= SAVE_EVERY_S:
            self._save()
        else:
            self._unsaved = True  # the worker's wait saves it when due, close() at the latest

    def _embed(self, todo: list[tuple[str, int, list[str], str]], *, progress: bool) -> None:
        """Embed entries; each entry's vector is the normalised mean of its texts' vectors.

        A text shared by several entries (a scenario such as 大促期间咨询量大, a title copied to every shop) is
        embedded once: its vector is kept until its last entry has used it. Texts go to the model in batches of
        :data:`BATCH`; the entries' vectors are written into one array and handed to the store once (appending
        batch by batch copied the growing matrix over and over: quadratic at 100,000 entries).
        """
        if not todo:
            return
        dim = self.store.dim
        uses: Counter[str] = Counter(t for _, _, texts, _ in todo for t in texts)
        known: dict[str, np.ndarray] = {}
        out = np.zeros((len(todo), dim), dtype=np.float32)
        i = 0
        while i < len(todo):
            if self._closed:
                return
            # the next entries whose new texts fill a batch
            first, fresh = i, dict[str, None]()
            while i < len(todo) and (i == first or len(fresh) < BATCH):
                fresh.update((t, None) for t in todo[i][2] if t not in known)
                i += 1
            texts = list(fresh)
            if texts:
                encoded = self.embedder.encode(texts)
                for text, vector in zip(texts, encoded, strict=True):
                    known[text] = vector
            for k in range(first, i):
                entry_texts_ = todo[k][2]
                if not entry_texts_:
                    continue
                v = np.mean([known[t] for t in entry_texts_], axis=0)
                norm = float(np.linalg.norm(v))
                out[k] = v / norm if norm > 0 else v
                for t in entry_texts_:
                    uses[t] -= 1
                    if uses[t] <= 0:
                        known.pop(t, None)
            if progress:
                with self._cond:
                    self._done += i - first
                self._publish()
        self.store.put([(e, s, fp) for e, s, _, fp in todo], out)
