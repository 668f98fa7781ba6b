"""Writing many index documents at once (an import of thousands of rows, a full rebuild), with a helper process
doing part of the work.

Analysing 100,000 entries and writing their postings is about 25 s of pure Python, on one core while the machine
has at least two. Whoosh lets a writer that does not hold the index's lock write a segment's files
(``SegmentWriter(_lk=False)``, as its own multiprocessing writer does), and the writer that holds the lock lists
such segments in the table of contents when it commits (:func:`csdesk.core.search.commit_with`). So the documents
are split: a helper process (:mod:`csdesk.core.helperproc`) reads its share straight from the database (read-only,
:mod:`csdesk.core.indexdocs`) and writes its segments while this process writes the others; the one commit makes
all of them searchable at once, or none. Only big writes use a helper (:data:`PARALLEL_MIN_DOCS`: below that,
starting an interpreter costs more than it saves); if it cannot start or fails, this process writes its share as
well.

Nothing here holds the lock: the caller holds the locked writer while segments are written, so no other program
commits meanwhile (a commit deletes the files of segments it does not list).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from csdesk.core import analysis
from csdesk.core.helperproc import Helper
from csdesk.core.search import _SEGMENT_DOCS, IndexDoc, _BulkPostings, _codec, _fields_for

log = logging.getLogger(__name__)

PARALLEL_MIN_DOCS = 20_000
"""Documents below which one process writes them all."""

HELPER_SHARE = 0.5
"""The share of the documents the helper writes (it starts about half a second later, and reads its own)."""

_HELPER_WAIT_S = 600.0
"""How long the parent waits for the helper's segments after finishing its own before writing them itself."""


class SplittableDocs(Protocol):
    """Documents named by entry id, which a helper process can read from the database itself."""

    entry_ids: list[str]
    database: Path

    def __len__(self) -> int: ...

    def subset(self, entry_ids: list[str]) -> Iterable[IndexDoc]: ...


def write_segments(
    ix: Any, docs: Iterable[IndexDoc], *, progress: Callable[[int], bool] | None = None
) -> list[Any] | None:
    """Write the enabled ``docs`` as finished segments of ``ix`` (one per :data:`_SEGMENT_DOCS`), not yet listed
    in its table of contents. ``progress(done)`` (every 500 documents) may return False: the files written are
    left for the next commit to delete, and None is returned."""
    from whoosh.writing import SegmentWriter

    # Millions of small objects that all live until a segment is written: the cyclic garbage collector would
    # traverse them again and again (a fifth of the time) and find nothing.
    collecting = gc.isenabled()
    gc.disable()
    segments: list[Any] = []
    writer: Any = None
    bulk = _BulkPostings()
    done = 0
    try:
        for doc in docs:
            if doc.enabled:
                if writer is None:
                    writer = SegmentWriter(ix, _lk=False, codec=_codec(), compound=False)
                    bulk = _BulkPostings()
                    id_field = writer.schema["id"]
                docnum = writer.docnum
                _store_id(writer, id_field, doc.entry_id)
                bulk.add(docnum, _fields_for(doc))
                if writer.docnum >= _SEGMENT_DOCS:
                    segments.append(_finish(writer, bulk))
                    writer = None
            done += 1
            if progress is not None and done % 500 == 0 and progress(done) is False:
                return None
        if writer is not None:
            segments.append(_finish(writer, bulk))
            writer = None
        if progress is not None and progress(done) is False:
            return None
        return segments
    finally:
        if writer is not None:
            with contextlib.suppress(Exception):
                writer._close_segment()
        analysis.clear_caches()
        if collecting:
            gc.enable()


def _store_id(writer: Any, id_field: Any, entry_id: str) -> None:
    """What ``writer.add_document(id=…)`` does for csdesk's one stored field, without its per-field machinery
    (its postings come from the bulk postings)."""
    perdoc = writer.perdocwriter
    perdoc.start_doc(writer.docnum)
    perdoc.add_field("id", id_field, entry_id, 0)
    perdoc.finish_doc()
    writer._added = True
    writer.docnum += 1


def _finish(writer: Any, bulk: _BulkPostings) -> Any:
    bulk.flush_into(writer)
    return writer._finalize_segment()


def write_segments_shared(
    ix: Any, docs: Iterable[IndexDoc], *, total: int, progress: Callable[[int, int], bool] | None = None
) -> list[Any] | None:
    """:func:`write_segments`, with a helper process writing the first share of big ``docs`` that it can read
    itself (:class:`SplittableDocs`). Segments in the documents' order; None when ``progress`` cancelled."""
    ids: list[str] | None = getattr(docs, "entry_ids", None)
    database: Path | None = getattr(docs, "database", None)
    helper = None
    if (
        ids is not None
        and database is not None
        and len(ids) >= PARALLEL_MIN_DOCS
        and (os.cpu_count() or 1) > 1
    ):
        cut = int(len(ids) * HELPER_SHARE)
        helper = Helper.start(
            "csdesk.core.indexbuild:build_share", str(ix.storage.folder), str(database), ids[:cut]
        )
    if helper is None:
        return write_segments(
            ix, docs, progress=None if progress is None else lambda done: progress(done, total)
        )
    splittable: SplittableDocs = docs  # type: ignore[assignment]
    assert ids is not None
    theirs_ids, own_ids = ids[:cut], ids[cut:]
    try:
        # the bar follows this process's share, scaled to the whole
        scale = len(ids) / max(1, len(own_ids))
        own = write_segments(
            ix,
            splittable.subset(own_ids),
            progress=None
            if progress is None
            else lambda done: progress(min(total, int(done * scale)), total),
        )
        if own is None:
            return None
        done, theirs = helper.result(_HELPER_WAIT_S)
        if not done:  # the helper failed or is gone: this process writes its share too
            theirs = write_segments(ix, splittable.subset(theirs_ids))
            if theirs is None:
                return None
        return [*theirs, *own]
    finally:
        helper.stop()


def build_share(folder: str, database: str, entry_ids: list[str]) -> list[Any]:
    """In the helper process: read the documents of ``entry_ids`` from the database (read-only) and write their
    segments into the index at ``folder``; the segments (not yet listed) go back to the parent."""
    import sqlite3

    from whoosh.filedb.filestore import FileStorage

    from csdesk.core.indexdocs import category_parents, load_docs

    db = sqlite3.connect(f"file:{quote(database)}?mode=ro", uri=True)
    try:

        def query(sql: str, params: tuple[Any, ...]) -> list[Any]:
            return db.execute(sql, params).fetchall()

        parents = category_parents(query)

        def docs() -> Iterable[IndexDoc]:
            for start in range(0, len(entry_ids), 2000):
                yield from load_docs(query, entry_ids[start : start + 2000], parents)

        segments = write_segments(FileStorage(folder).open_index(), docs())
        return segments or []
    finally:
        db.close()
