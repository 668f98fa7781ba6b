"""The search index of a library: Whoosh storage, csdesk's own retrieval and ranking.

The library façade owns SQLite (the truth) and feeds this index with :class:`IndexDoc` rows; the index is derived
data and may be thrown away and rebuilt at any time (:meth:`SearchIndex.rebuild`). A generation number written
with the index lets the façade see that it is stale; a missing or corrupt index reports ``generation`` None and
``is_usable()`` False instead of raising.

What is indexed and how a query is read is in :mod:`csdesk.core.analysis`. Whoosh provides the segment files, the
term dictionary, the postings, the writer lock and incremental segments. Query evaluation does not use Whoosh's
matcher tree and collectors (several µs per posting in pure Python): it decodes whole posting blocks and scores
``Σ idf × weight`` with dictionaries, intersects the clauses of a short query starting from the rarest one (skipping
through the others with ``skip_to`` when few candidates are left), and filters by shop/category/tag with doc-id
sets cached per index version. Decoded postings are cached per segment (segments never change; deletions are
applied separately), which makes search-as-you-type cheap: each keystroke reuses the previous keystroke's terms;
each index version also keeps the docnum → weight dicts of its frequent terms. Posting blocks written by a rebuild
hold arrays where Whoosh writes tuples (Whoosh reads and merges them the same; they unpickle twice as fast).

Thread safety: searches run under a lock (a Whoosh reader must not be used by two threads at once); an update from
another thread commits a new segment without touching the reader, and the next search picks it up.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import heapq
import json
import logging
import operator
import os
import pickle
import shutil
import struct
import threading
import time
import uuid
import warnings
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, KeysView, Sequence, Sized
from dataclasses import dataclass
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import Any

from csdesk.core import analysis
from csdesk.core.analysis import (
    FILTER,
    PINYIN_PLANS,
    DocFields,
    Plan,
    build_schema,
    doc_terms,
    idf,
    plan_query,
)
from csdesk.core.errors import CsdeskError, LibraryLockedError
from csdesk.core.textnorm import fold, is_han, runs

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from whoosh import index as whoosh_index
    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3TermInfo
    from whoosh.index import LockError
    from whoosh.reading import EmptyReader, MultiReader, SegmentReader
    from whoosh.system import pack_int, pack_long, pack_ushort
    from whoosh.writing import NO_MERGE

__all__ = [
    "IndexDoc",
    "IndexHit",
    "IndexUnavailableError",
    "SearchIndex",
    "highlight_spans",
]

log = logging.getLogger(__name__)

META_FILE = "csdesk-index.json"
INDEX_FORMAT = 1
"""Bumped when what is indexed changes; an index of another format is not usable (and gets rebuilt)."""

_BLOCK_LIMIT = 256
_TERMINFO_STRUCT = W3TermInfo._struct
"""Postings per block: bigger blocks mean fewer pickles to decode for frequent terms."""


_IMPACT_MIN_DF = 4096
"""A one-term query on a term with more postings than this (in one segment) reads them heaviest first."""

_TERM_STATS_KEPT = 200_000
"""Per-segment term statistics kept across reopens (:meth:`_PostingCache.term_stats`; about 30 MB at the most)."""

_IMPACT_TOP = 2048
"""How many of a frequent term's heaviest postings are kept in weight order (per segment)."""

_ARRAY_MIN_DF = 1000
"""A query whose every term matches at least this many entries is scored on arrays (csdesk/core/scorearrays.py)."""

_DICT_MIN = 512
"""Posting dicts of terms with at least this many postings are kept per view (smaller ones are cheap to build) ..."""

_DICT_BUDGET = 400_000
"""... up to this many postings in all (about 35 MB at 100k entries)."""

_SMALL_SEGMENT_DOCS = 1000
"""Segments with fewer entries than this (written by incremental updates) are merged together in the background ..."""

_MERGE_IDLE_S = 2.0
"""... tier by tier (:data:`_MERGE_FANIN`) once updates pause for this long. Bigger segments (rebuilds) are never merged:
Whoosh's merge costs several µs per posting."""

_MERGE_SMALL_FORCED = 25
"""... and at this many the next update merges them itself, idle or not (readers slow down with every segment)."""

_MERGE_FANIN = 4
"""Small segments are merged by size tier (1–3 entries, 4–15, 16–63 …): once a tier holds this many segments, they
and the smaller ones are merged into one, so each merge costs about what it merges, not what the pile holds."""

_MERGE_INLINE_DOCS = 100
"""A tier merge of at most this many entries is done by the update itself (about 50 ms at the most, usually a few):
under steady writing by several programs no one is ever idle, and the background merge of the whole small pile
(0.3–0.7 s each, every few seconds) ran in the searching program's own process, beside its searches."""

_SEGMENT_DOCS = 25_000
"""A rebuild or a big import writes one segment per this many entries, which bounds the memory the write needs (a
25,000-entry segment's postings take about 100 MB while they are sorted; searching four segments of a 100k library
measured the same as two)."""

_BULK_UPDATE_DOCS = 500
"""An update with at least this many entries (an import) writes them the way a rebuild does."""


def _codec() -> W3Codec:
    # No zlib compression: the index is small, and decompressing every block costs more than reading it.
    codec = W3Codec(blocklimit=_BLOCK_LIMIT, compression=0, inlinelimit=1)
    # No per-posting field-length statistics: nothing here is scored by length, and Whoosh would stat() a
    # missing length-column file once per posting while writing.
    codec.length_stats = False
    return codec


def _posting_block(ids: array[int], weights: array[float]) -> tuple[bytes, float, float]:
    """One term's postings as Whoosh 3 blocks (what ``W3PostingsWriter`` writes for an uncompressed field without
    values or lengths, with arrays where it writes tuples), with the sum and the maximum of the weights.

    Whoosh spends ~20 µs of Python per term on this (a block object, generator-based delta coding, per-block
    statistics through method calls); a segment of 50k entries has ~200k terms, most of them in one entry only.
    """
    n = len(ids)
    if n == 1:  # a term of one entry (a code, a number in a title): no slicing, no delta coding
        first, weight = ids[0], weights[0]
        data = _dumps(
            (array("H" if first < 65536 else "I", (first,)), None if weight == 1.0 else weight, None), 4
        )
        info = _dumps((1, first, weight, 0, 0, 0), 2)
        return (
            b"".join((WHOOSH3_HEADER_MAGIC, pack_int(-(len(info) + len(data))), info, data)),
            weight,
            weight,
        )
    parts = [WHOOSH3_HEADER_MAGIC]
    total = 0.0
    top = 0.0
    for first in range(0, n, _BLOCK_LIMIT):
        if n <= _BLOCK_LIMIT:  # most terms: one block, no copies
            bids, bweights = ids, weights
        else:
            bids = ids[first : first + _BLOCK_LIMIT]
            bweights = weights[first : first + _BLOCK_LIMIT]
        w0 = bweights[0]
        # Whoosh's "minified" weights: None if all 1.0, one number if all equal, else all of them. Ids are
        # delta-coded within the block, as Whoosh's reader expects. Both are arrays, not tuples: Whoosh only
        # iterates and indexes them, and an array unpickles with one copy instead of one object per posting,
        # which halves the decoding time of a block (and the file size).
        mini = (None if w0 == 1.0 else w0) if bweights.count(w0) == len(bweights) else bweights
        deltas = array("I", map(operator.sub, bids, chain((0,), bids)))
        data = _dumps((array("H", deltas) if max(deltas) < 65536 else deltas, mini, None), 4)
        maxweight = max(bweights)
        info = _dumps((len(bids), bids[-1], maxweight, 0, 0, 0), 2)
        length = len(info) + len(data)
        parts += (pack_int(-length if first + _BLOCK_LIMIT >= n else length), info, data)
        total += sum(bweights)
        top = max(top, maxweight)
    return b"".join(parts), total, top


_dumps = pickle.dumps
_TERM_KEY_LENGTHS = struct.Struct("!ii")
"""What Whoosh's hash file writes before each key and value (``filetables._lengths``)."""


def _write_field(postfile: Any, tindex: Any, fieldid: bytes, terms: Iterable[tuple[bytes, Any, Any]]) -> None:
    """Write a field's terms: their posting blocks to the postings file and their term infos to the term table, each
    in one write, with the bookkeeping ``OrderedHashWriter.add`` does per term (its position, its hash bucket).

    The term infos are ``W3TermInfo.to_bytes`` of a term that is not inlined, without lengths: (flags, weight, df,
    min and max length bytes, max weight, min and max id) + offset + length of the postings.
    """
    raw = postfile.file  # the file itself (StructFile.write is a Python-level wrapper)
    post_base = raw.tell()
    table = tindex.dbfile
    table_base = table.tell()
    blocks = bytearray()
    records = bytearray()
    buckets = tindex.buckets
    positions = tindex.index
    hashfn = tindex.hashfn
    pack_info = _TERMINFO_STRUCT.pack
    pack_lengths = _TERM_KEY_LENGTHS.pack
    key = b""
    for tbytes, ids, weights in terms:
        block, total, top = _posting_block(ids, weights)
        info = (
            pack_info(False, total, len(ids), 0, 0, top, ids[0], ids[-1])
            + pack_long(post_base + len(blocks))
            + pack_int(len(block))
        )
        blocks += block
        key = fieldid + tbytes
        position = table_base + len(records)
        positions.append(position)
        records += pack_lengths(len(key), len(info))
        records += key
        records += info
        h = hashfn(key)
        buckets[h & 255].append((h, position))
    raw.write(blocks)
    table.write(records)
    if key:
        tindex.lastkey = key


class _TermIds(dict[str, int]):
    """Term → its number in a field, numbering a term the first time it is looked up (a C-level ``map`` over a
    document's terms then costs one Python call per *new* term only)."""

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self)
        return number


class _FieldPostings:
    """One field's postings in the order they were added: term number, docnum and weight per posting."""

    def __init__(self) -> None:
        self.term_ids = _TermIds()
        self.terms: array[int] = array("I")
        self.docs: array[int] = array("I")
        self.weights: array[float] = array("f")

    def add(self, docnum: int, value: dict[str, float]) -> None:
        self.terms.extend(map(self.term_ids.__getitem__, value))
        self.weights.extend(value.values())
        self.docs.extend(repeat(docnum, len(value)))

    def by_term(self) -> Iterator[tuple[bytes, array[int], array[float]]]:
        """Each term's docnums (ascending) and weights, the terms in the order of their UTF-8 bytes (Whoosh's)."""
        import numpy as np  # only a build or an import needs it: not loaded at startup

        terms = np.frombuffer(self.terms, dtype=np.uint32)
        sizes = np.bincount(terms, minlength=len(self.term_ids)).tolist()
        # a stable sort by term keeps each term's postings in the order they came: ascending docnums
        order = np.argsort(terms, kind="stable")
        del terms
        self.terms = array("I")
        # each sorted into a numpy array, copied into a Python array, and let go before the next (peak memory)
        docs: array[int] = array("I")
        docs.frombytes(np.frombuffer(self.docs, dtype=np.uint32)[order].data.cast("B"))
        self.docs = array("I")
        weights: array[float] = array("f")
        weights.frombytes(np.frombuffer(self.weights, dtype=np.float32)[order].data.cast("B"))
        self.weights = array("f")
        del order
        starts = list(accumulate(sizes, initial=0))
        for tbytes, number in sorted((t.encode("utf-8"), n) for t, n in self.term_ids.items()):
            first, last = starts[number], starts[number + 1]
            yield tbytes, docs[first:last], weights[first:last]


class _BulkPostings:
    """In-memory inverted lists for a full rebuild, written straight into Whoosh posting blocks.

    Whoosh's writer costs ~6 µs per posting (pool tuples, an external sort, one Python call per posting in the
    field writer). Here each document's postings are appended to flat arrays per field (three C-level extends per
    field, no Python loop per posting), sorted by term once when the segment is written, and each term's block
    is handed to the codec's block writer in one piece: the same files, a fraction of the time.
    """

    def __init__(self) -> None:
        self.fields: dict[str, _FieldPostings] = {}

    def add(self, docnum: int, fields: dict[str, Any]) -> None:
        for fieldname, value in fields.items():
            postings = self.fields.get(fieldname)
            if postings is None:
                postings = self.fields[fieldname] = _FieldPostings()
            postings.add(docnum, {value: 1.0} if isinstance(value, str) else value)

    def flush_into(self, writer: Any) -> None:
        """Replace the writer's posting flush by writing these postings (the pool holds nothing else)."""

        def flush() -> None:
            writer.perdocwriter.close()
            fw = writer.fieldwriter
            schema = writer.schema
            for fieldname in sorted(self.fields):
                postings = self.fields.pop(fieldname)
                fw.start_field(fieldname, schema[fieldname])
                _write_field(
                    fw._postwriter._postfile, fw._tindex, pack_ushort(fw._fieldid), postings.by_term()
                )
                fw.finish_field()
            fw.close()

        writer._flush_segment = flush


def _merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy: merge every segment smaller than :data:`_SMALL_SEGMENT_DOCS`, keep the others."""
    small = [seg for seg in segments if seg.doc_count_all() < _SMALL_SEGMENT_DOCS]
    if len(small) < 2:
        return segments
    return _merging(writer, segments, small)


def _size_tier(docs: int) -> int:
    """0 for 1–3 entries, 1 for 4–15, 2 for 16–63 … (powers of :data:`_MERGE_FANIN`)."""
    tier = 0
    while docs >= _MERGE_FANIN:
        docs //= _MERGE_FANIN
        tier += 1
    return tier


def _crowded_tail(segments: Sequence[Any], *, adding: bool = False) -> list[Any]:
    """The newest small segments to merge now (see :data:`_MERGE_FANIN`); [] when no tier is crowded.

    Only a run of the newest segments is ever merged, and the merged entries keep their order before anything
    newer (entries of equal score rank in index order, which is the order they were written in). The run is
    the newest segments up to the lowest tier in which, counting the smaller ones after them (and the segment
    being written, when ``adding``), there are :data:`_MERGE_FANIN` of them. Under steady writing the newest
    segments stay ordered from bigger to smaller, as the digits of a counter.
    """
    tail: list[Any] = []
    for seg in reversed(segments):
        if seg.doc_count_all() >= _SMALL_SEGMENT_DOCS:
            break
        tail.append(seg)
    tiers = [_size_tier(seg.doc_count_all()) for seg in tail]  # newest first
    for top in sorted(set(tiers)):
        run = 0
        while run < len(tail) and tiers[run] <= top:
            run += 1
        if run + adding >= _MERGE_FANIN and run >= (1 if adding else 2):
            return tail[:run][::-1]
    return []


def _merge_crowded_tail(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy for a writer that adds nothing: merge the crowded run of :func:`_crowded_tail`."""
    return _merging(writer, segments, _crowded_tail(segments))


def _keep_unmerged(merged: set[int], writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy: the segments whose documents the update copied already (``merged`` ids) are gone."""
    return [seg for seg in segments if id(seg) not in merged]


def _merging(writer: Any, segments: list[Any], chosen: list[Any]) -> list[Any]:
    """Add ``chosen`` segments to ``writer`` (merged into its new segment); returns the segments kept."""
    if len(chosen) < 2:
        return segments
    _add_segments(writer, chosen)
    merged = {id(seg) for seg in chosen}
    return [seg for seg in segments if id(seg) not in merged]


def _add_segments(writer: Any, chosen: Sequence[Any]) -> None:
    """Copy the live documents of ``chosen`` segments into ``writer``'s new segment, in their order."""
    for seg in chosen:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()


def commit_with(writer: Any, segments: Sequence[Any], mergetype: Any) -> None:
    """Commit ``writer`` (which holds the lock), listing ``segments`` after the index's own."""
    if segments:
        merged = writer._merge_segments
        writer._merge_segments = lambda *args: [*merged(*args), *segments]
    writer.commit(mergetype=mergetype)


class IndexUnavailableError(CsdeskError):
    """The search index is corrupt or unreadable; rebuilding it fixes this."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "搜索索引已损坏或无法读取,请重建索引。",
            "The search index is damaged or unreadable; rebuild it.",
            hint=detail,
        )


@dataclass(frozen=True)
class IndexDoc:
    entry_id: str
    shop_id: int
    category_ids: tuple[int, ...]
    """The entry's category and all its ancestors (empty if none)."""
    title: str
    code: str
    question: str
    similar: tuple[str, ...]
    scenario: str
    reply: str
    guidance: str
    tags: tuple[str, ...]
    """Entry tags plus target tags of its variants."""
    enabled: bool = True
    popularity: float = 0.0
    """E.g. log(1 + copies); a small tie-breaking boost only."""


@dataclass(frozen=True)
class IndexHit:
    entry_id: str
    score: float
    """Higher is better."""


def _fields_for(doc: IndexDoc) -> dict[str, Any]:
    terms = doc_terms(
        DocFields(
            title=doc.title,
            code=doc.code,
            question=(doc.question, *doc.similar),
            scenario=doc.scenario,
            reply=doc.reply,
            guidance=doc.guidance,
        ),
        shop_id=doc.shop_id,
        category_ids=doc.category_ids,
        tags=doc.tags,
        popularity=doc.popularity,
    )
    fields: dict[str, Any] = {"id": doc.entry_id}
    for name, value in terms.items():
        if value:
            fields[name] = value
    return fields


# ------------------------------------------------------------------------------------------------ posting access

_Postings = tuple["array[int]", "array[float]"]


def _read_postings(leaf: Any, fieldname: str, tbytes: bytes) -> _Postings:
    """All (local docnum, weight) postings of a term in one segment, deleted documents included."""
    terms = leaf._terms
    ids: array[int] = array("I")
    weights: array[float] = array("f")
    if (fieldname, tbytes) not in terms:
        return ids, weights
    m = terms.matcher(fieldname, tbytes, leaf.schema[fieldname].format)
    if isinstance(m, W3LeafMatcher):
        # Decode whole blocks instead of stepping the matcher posting by posting.
        while True:
            # Whoosh decodes the delta-coded ids with a Python generator; accumulate() does it in C.
            if m._data is None:
                m._read_data()
            deltas, ws = m._data[0], m._data[1]
            ids.extend(accumulate(deltas))
            if ws is None or isinstance(ws, float):
                weights.extend(array("f", (1.0 if ws is None else ws,)) * len(deltas))
            else:
                weights.extend(ws)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    return ids, weights


class _PostingCache:
    """LRU of decoded postings keyed by (segment id, field, term); bounded by the number of postings held."""

    def __init__(self, max_postings: int = 2_000_000) -> None:
        self._data: OrderedDict[tuple[str, str, bytes], _Postings] = OrderedDict()
        self._impact: OrderedDict[tuple[str, str, bytes], tuple[array[int], float]] = OrderedDict()
        self._size = 0
        self._max = max_postings
        self._stats: dict[tuple[str, str, bytes], tuple[int, float]] = {}
        self._lock = threading.Lock()
        self.clears = 0
        """Counts :meth:`clear` calls: the views drop what they derived from the postings too."""

    def get(self, leaf: Any, segid: str, fieldname: str, tbytes: bytes) -> _Postings:
        key = (segid, fieldname, tbytes)
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
                return hit
        if not self.term_stats(leaf, segid, fieldname, tbytes)[0]:
            return array("I"), array("f")  # not in this segment (known without reading its term table again)
        value = _read_postings(leaf, fieldname, tbytes)
        with self._lock:
            self._data[key] = value
            self._size += len(value[0]) + 1
            while self._size > self._max and self._data:
                _, old = self._data.popitem(last=False)
                self._size -= len(old[0]) + 1
        return value

    def term_stats(self, leaf: Any, segid: str, fieldname: str, tbytes: bytes) -> tuple[int, float]:
        """A term's document frequency and heaviest posting in one segment (0, 0.0 when absent), kept by segment.

        A segment's term table never changes (deletions live elsewhere), so this survives the reopen after every
        other program's commit: looking each query term up again in every segment (a hash and a few reads of the
        term file each) was what a search under steady writing by others paid most, after the reopen itself.
        """
        key = (segid, fieldname, tbytes)
        hit = self._stats.get(key)
        if hit is not None:
            return hit
        terms = leaf._terms
        if (fieldname, tbytes) in terms:
            info = terms.term_info(fieldname, tbytes)
            value = (int(info.doc_frequency()), float(info.max_weight()))
        else:
            value = (0, 0.0)
        with self._lock:
            self._stats[key] = value
            if len(self._stats) > _TERM_STATS_KEPT:
                del self._stats[next(iter(self._stats))]  # the oldest (segments merged away go first)
        return value

    def impact(
        self, segid: str, fieldname: str, tbytes: bytes, weights: array[float]
    ) -> tuple[array[int], float]:
        """Positions of a term's :data:`_IMPACT_TOP` heaviest postings in one segment, heaviest first (ties in
        docnum order), and the weight of the last one: no posting left out weighs more."""
        key = (segid, fieldname, tbytes)
        with self._lock:
            hit = self._impact.get(key)
            if hit is not None:
                self._impact.move_to_end(key)
                return hit
        # nlargest is documented to equal sorted(..., reverse=True)[:n], which keeps equal weights in docnum order.
        order = array("I", heapq.nlargest(_IMPACT_TOP, range(len(weights)), key=weights.__getitem__))
        value = (order, weights[order[-1]] if order else 0.0)
        with self._lock:
            self._impact[key] = value
            while len(self._impact) > 512:
                self._impact.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._impact.clear()
            self._stats.clear()
            self._size = 0
            self.clears += 1


@dataclass
class _Leaf:
    reader: Any
    base: int
    segid: str
    deleted: frozenset[int]


class _View:
    """One version of the index as a reader sees it, with its filter cache.

    Scores are computed with C-level dict/set operations wherever possible (``dict(zip(ids, weights))``, key-set
    intersections with the filter), and per-document Python work only for documents that pass the filter. Top-k
    shortcuts are exact: a plan is cut short only when a bound proves that what is skipped cannot reach the top.
    """

    def __init__(self, reader: Any, cache: _PostingCache) -> None:
        self.reader = reader
        self.cache = cache
        self.leaves: list[_Leaf] = []
        deleted: set[int] = set()
        for leaf, base in reader.leaf_readers():
            if not hasattr(leaf, "_terms"):
                continue  # an index with no segments yet (an empty library) has an EmptyReader leaf
            seg = leaf.segment() if hasattr(leaf, "segment") else None
            segid = seg.segment_id() if seg is not None else f"{id(leaf)}"
            local = frozenset(leaf.deleted_docs_set or ()) if leaf.has_deletions() else frozenset()
            deleted.update(base + d for d in local)
            self.leaves.append(_Leaf(leaf, base, segid, local))
        self.bases = [leaf.base for leaf in self.leaves]
        self.deleted = frozenset(deleted)
        self.doc_count = max(reader.doc_count(), 1)
        self.filters: OrderedDict[tuple[Any, ...], set[int] | None] = OrderedDict()
        self._df: dict[tuple[str, str], int] = {}
        self._maxw: dict[tuple[str, str], float] = {}
        self._dicts: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()
        self._dicts_size = 0
        self._dicts_clears = cache.clears
        self._deleted_array: Any = None
        self._allowed_arrays: dict[int, tuple[object, Any]] = {}
        """Filters as sorted arrays for :meth:`_run_all_on_arrays`, by identity (the filter sets are cached)."""

    def doc_frequency(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        df = self._df.get(key)
        if df is None:
            tbytes = term.encode("utf-8")
            stats = self.cache.term_stats
            df = sum(stats(leaf.reader, leaf.segid, fieldname, tbytes)[0] for leaf in self.leaves)
            self._df[key] = df
        return df

    def _per_leaf(self, fieldname: str, term: str) -> list[_Postings]:
        tbytes = term.encode("utf-8")
        return [self.cache.get(leaf.reader, leaf.segid, fieldname, tbytes) for leaf in self.leaves]

    def max_weight(self, fieldname: str, term: str) -> float:
        """The heaviest posting of a term, from the term dictionary (no postings decoded).

        Deleted documents count, so this is an upper bound, which is all the bounds below need. Whoosh keeps it
        as a 32-bit float, the precision of the weights as they are read (:func:`_read_postings`).
        """
        key = (fieldname, term)
        w = self._maxw.get(key)
        if w is None:
            tbytes = term.encode("utf-8")
            stats = self.cache.term_stats
            w = max(
                (stats(leaf.reader, leaf.segid, fieldname, tbytes)[1] for leaf in self.leaves), default=0.0
            )
            self._maxw[key] = w
        return w

    def term_bound(self, fieldname: str, term: str) -> float:
        """The most one term can add to a document's score (idf × its heaviest posting)."""
        return idf(self.doc_frequency(fieldname, term), self.doc_count) * self.max_weight(fieldname, term)

    def postings(self, fieldname: str, term: str) -> dict[int, float]:
        """Global docnum → weight for a term, deleted documents left out (do not modify).

        Kept for the view's life (bounded): search as you type and code prefixes look up the same frequent terms
        (``~sg`` for ``sg``, ``sgt``, ``sgtx``) keystroke after keystroke, and building the dict is most of their cost.
        """
        key = (fieldname, term)
        if self._dicts_clears != self.cache.clears:
            self._dicts.clear()
            self._dicts_size = 0
            self._dicts_clears = self.cache.clears
        hit = self._dicts.get(key)
        if hit is not None:
            self._dicts.move_to_end(key)
            return hit
        out = self._build_postings(fieldname, term)
        if len(out) >= _DICT_MIN:
            self._dicts[key] = out
            self._dicts_size += len(out)
            while self._dicts_size > _DICT_BUDGET:
                _, old = self._dicts.popitem(last=False)
                self._dicts_size -= len(old)
        return out

    def _build_postings(self, fieldname: str, term: str) -> dict[int, float]:
        out: dict[int, float] | None = None
        if not self.doc_frequency(fieldname, term):
            return {}
        for leaf, (ids, weights) in zip(self.leaves, self._per_leaf(fieldname, term), strict=True):
            if not ids:
                continue
            base = leaf.base
            part = (
                dict(zip(ids, weights, strict=True))
                if not base
                else dict(zip(map(base.__add__, ids), weights, strict=True))
            )
            if out is None:
                out = part
            else:
                out.update(part)
        if out is None:
            return {}
        if self.deleted:
            for d in self.deleted:
                out.pop(d, None)
        return out

    def doc_set(self, fieldname: str, terms: Iterable[str]) -> set[int]:
        """Global docnums having any of the terms, deleted documents left out (a set built from the id arrays:
        no weights, no dict; a shop filter holds a tenth of the index)."""
        docs: set[int] = set()
        for term in terms:
            if not self.doc_frequency(fieldname, term):
                continue
            for leaf, (ids, _weights) in zip(self.leaves, self._per_leaf(fieldname, term), strict=True):
                if ids:
                    docs.update(map(leaf.base.__add__, ids) if leaf.base else ids)
        if self.deleted and docs:
            docs.difference_update(self.deleted)
        return docs

    def allowed(
        self, shop_ids: Collection[int] | None, category_ids: Collection[int] | None, tags: Collection[str]
    ) -> set[int] | None:
        """Doc numbers passing the filters (cached; do not modify), or None for "no filter"."""
        tag_keys = frozenset(t for t in (fold(tag).strip() for tag in tags) if t)
        key = (
            None if shop_ids is None else frozenset(shop_ids),
            None if category_ids is None else frozenset(category_ids),
            tag_keys,
        )
        if key in self.filters:
            self.filters.move_to_end(key)
            return self.filters[key]
        result: set[int] | None = None
        if shop_ids is not None:
            result = self.doc_set(FILTER, (f"s{s}" for s in shop_ids))
        if category_ids is not None:
            cats = self.doc_set(FILTER, (f"c{c}" for c in category_ids))
            result = cats if result is None else result & cats
        for tag in tag_keys:
            tagged = self.doc_set(FILTER, ("t" + tag,))
            result = tagged if result is None else result & tagged
        self.filters[key] = result
        while len(self.filters) > 16:
            self.filters.popitem(last=False)
        return result

    # --------------------------------------------------------------------------------------------------- scoring

    def _factor(self, plan: Plan, fieldname: str, term: str) -> float:
        return idf(self.doc_frequency(fieldname, term), self.doc_count) if plan.use_idf else 1.0

    def clause_bound(self, plan: Plan, clause: analysis.Clause) -> float:
        """The most any document can score on this clause."""
        return max(
            (
                self._factor(plan, f, t) * self.max_weight(f, t)
                for f, t in clause.alternatives
                if self.doc_frequency(f, t)
            ),
            default=0.0,
        )

    def plan_bound(self, plan: Plan) -> float:
        """The most any document can score on this plan (coordination never raises a score)."""
        return sum(self.clause_bound(plan, c) for c in plan.clauses) * plan.boost + plan.bonus

    def clause_df(self, clause: analysis.Clause) -> int:
        return sum(self.doc_frequency(f, t) for f, t in clause.alternatives)

    def is_active(self, plan: Plan) -> bool:
        """Whether the plan can match anything at all."""
        if plan.require_all:
            return all(self.clause_df(c) for c in plan.clauses)
        return sum(1 for c in plan.clauses if self.clause_df(c)) >= plan.min_match

    def _clause_scores(
        self, plan: Plan, clause: analysis.Clause, allowed: set[int] | KeysView[int] | None
    ) -> dict[int, float]:
        """Clause score per document, only for documents in ``allowed`` (None: all)."""
        if allowed is not None and len(allowed) * 16 < self.clause_df(clause):
            # Few candidates: look each one up in the sorted postings instead of decoding them into a dict.
            return self._probe_clause(plan, clause, allowed)
        out: dict[int, float] = {}
        for fieldname, term in clause.alternatives:
            posting = self.postings(fieldname, term)
            if not posting:
                continue
            factor = self._factor(plan, fieldname, term)
            keys: Iterable[int] = posting if allowed is None else posting.keys() & allowed
            if not out:
                out = {d: posting[d] * factor for d in keys}
            else:
                for d in keys:
                    s = posting[d] * factor
                    if s > out.get(d, 0.0):
                        out[d] = s
        return out

    def _term_top(
        self, plan: Plan, fieldname: str, term: str, allowed: set[int] | KeysView[int] | None, limit: int
    ) -> dict[int, float] | None:
        """The best ``limit`` documents of a one-term plan, read heaviest first; None when that is no shortcut.

        Each segment contributes its ``limit`` heaviest postings that pass the filter: any other document of that
        segment ranks below them (same term, lower weight or same weight and a later docnum). A segment whose
        weight-ordered prefix runs out before ``limit`` documents pass the filter gives up (None).
        """
        if self.doc_frequency(fieldname, term) <= _IMPACT_MIN_DF:
            return None
        factor = self._factor(plan, fieldname, term)
        tbytes = term.encode("utf-8")
        deleted = self.deleted
        found: dict[int, float] = {}
        for leaf, (ids, weights) in zip(self.leaves, self._per_leaf(fieldname, term), strict=True):
            if not ids:
                continue
            base = leaf.base
            if len(ids) <= _IMPACT_MIN_DF:
                for d, w in zip(ids, weights, strict=True):
                    g = base + d
                    if (allowed is None or g in allowed) and g not in deleted:
                        found[g] = w * factor
                continue
            order, _last = self.cache.impact(leaf.segid, fieldname, tbytes, weights)
            taken = 0
            for pos in order:
                g = base + ids[pos]
                if (allowed is None or g in allowed) and g not in deleted:
                    found[g] = weights[pos] * factor
                    taken += 1
                    if taken >= limit:
                        break
            else:
                return None
        return found

    def _probe_clause(self, plan: Plan, clause: analysis.Clause, docs: Iterable[int]) -> dict[int, float]:
        """Clause score of each of ``docs`` that matches it, by binary search in the postings."""
        bases = self.bases
        found: dict[int, float] = {}
        for fieldname, term in clause.alternatives:
            if not self.doc_frequency(fieldname, term):
                continue
            factor = self._factor(plan, fieldname, term)
            per_leaf = self._per_leaf(fieldname, term)
            for d in docs:
                li = bisect_right(bases, d) - 1
                ids, weights = per_leaf[li]
                if not ids:
                    continue
                local = d - bases[li]
                i = bisect_left(ids, local)
                if i < len(ids) and ids[i] == local:
                    w = weights[i] * factor
                    if w > found.get(d, 0.0):
                        found[d] = w
        return found

    def run_plan(
        self, plan: Plan, allowed: set[int] | KeysView[int] | None, limit: int = 0
    ) -> dict[int, float]:
        """Scores of the plan's matches among ``allowed``.

        With ``limit`` > 0 the caller only needs the plan's best ``limit`` documents exactly (the plan decides the
        ranking alone): documents that provably cannot reach them may be left out.
        """
        single = plan.clauses[0].alternatives if len(plan.clauses) == 1 else ()
        top = self._term_top(plan, *single[0], allowed, limit) if limit > 0 and len(single) == 1 else None
        if top is not None:
            result = top
        elif plan.require_all:
            result = self._run_all(plan, allowed, limit)
        elif limit > 0:
            result = self._run_any_top(plan, allowed, limit)
        else:
            result = self._run_any(plan, allowed)
        if result and (plan.boost != 1.0 or plan.bonus):
            boost, bonus = plan.boost, plan.bonus
            result = {d: s * boost + bonus for d, s in result.items()}
        return result

    def _run_all(
        self, plan: Plan, allowed: set[int] | KeysView[int] | None, limit: int = 0
    ) -> dict[int, float]:
        # Rarest clause first: its documents are the candidates the other clauses can only thin out.
        order = sorted(plan.clauses, key=self.clause_df)
        if limit > 0 and order and self.clause_df(order[0]) >= _ARRAY_MIN_DF:
            return self._run_all_on_arrays(plan, order, allowed, limit)
        scores: dict[int, float] | None = None
        for clause in order:
            if scores is None:
                scores = self._clause_scores(plan, clause, allowed)
            elif len(scores) * 16 < self.clause_df(clause):
                # Few candidates left: look each one up in the sorted postings instead of decoding them all.
                found = self._probe_clause(plan, clause, scores)
                scores = {d: s + found[d] for d, s in scores.items() if d in found}
            else:
                cs = self._clause_scores(plan, clause, scores.keys())
                scores = {d: scores[d] + s for d, s in cs.items()}
            if not scores:
                return {}
        return scores or {}

    def _run_all_on_arrays(
        self,
        plan: Plan,
        order: list[analysis.Clause],
        allowed: set[int] | KeysView[int] | None,
        limit: int,
    ) -> dict[int, float]:
        """:meth:`_run_all` for the best ``limit`` documents when every clause matches thousands (see
        csdesk/core/scorearrays.py): the same scores, ties at the ``limit``-th included."""
        from csdesk.core import scorearrays

        if self._deleted_array is None and self.deleted:
            self._deleted_array = scorearrays.as_sorted_array(self.deleted)
        allowed_array = None
        if allowed is not None:
            kept = self._allowed_arrays.get(id(allowed))
            if kept is None or kept[0] is not allowed:
                kept = (allowed, scorearrays.as_sorted_array(allowed))
                self._allowed_arrays[id(allowed)] = kept
                while len(self._allowed_arrays) > 16:
                    del self._allowed_arrays[next(iter(self._allowed_arrays))]
            allowed_array = kept[1]
        clauses = []
        for clause in order:
            parts = [
                (ids, weights, leaf.base, self._factor(plan, f, t))
                for f, t in clause.alternatives
                if self.doc_frequency(f, t)
                for leaf, (ids, weights) in zip(self.leaves, self._per_leaf(f, t), strict=True)
            ]
            clauses.append(scorearrays.clause_scores(parts, allowed_array, self._deleted_array))
        return scorearrays.top_scores(*scorearrays.sum_of_all(clauses), limit)

    def _run_any(self, plan: Plan, allowed: set[int] | KeysView[int] | None) -> dict[int, float]:
        result: dict[int, float] = {}
        matched: Counter[int] = Counter()
        for clause in plan.clauses:
            cs = self._clause_scores(plan, clause, allowed)
            matched.update(cs.keys())
            get = result.get
            for d, s in cs.items():
                result[d] = get(d, 0.0) + s
        # Coordination: a document that matches more of the kept terms ranks higher.
        n = len(plan.clauses)
        return {d: s * (matched[d] / n) ** 0.5 for d, s in result.items() if matched[d] >= plan.min_match}

    def _run_any_top(
        self, plan: Plan, allowed: set[int] | KeysView[int] | None, limit: int
    ) -> dict[int, float]:
        """``_run_any`` for the best ``limit`` documents only (max-score pruning).

        Clauses are read rarest first. After each one, the documents seen so far are candidates with a lower
        bound (their score on the clauses read); a document not seen yet can only match the clauses still unread,
        which bounds its score. Once that bound is below the ``limit``-th lower bound, the unread clauses are not
        decoded: the candidates are ranked by an upper bound and scored exactly, by binary search, in that order
        until the next upper bound cannot beat the ``limit``-th exact score.
        """
        n = len(plan.clauses)
        need = plan.min_match
        order = sorted(plan.clauses, key=self.clause_df)
        bounds = [self.clause_bound(plan, c) for c in order]
        partial: dict[int, float] = {}
        matched: Counter[int] = Counter()
        read = 0
        while read < n:
            cs = self._clause_scores(plan, order[read], allowed)
            read += 1
            matched.update(cs.keys())
            get = partial.get
            for d, s in cs.items():
                partial[d] = get(d, 0.0) + s
            if read == n:
                break
            rest = sorted(bounds[read:], reverse=True)
            unseen = 0.0  # best possible score of a document that matches unread clauses only
            total = 0.0
            for t, b in enumerate(rest, 1):
                total += b
                if t >= need:
                    unseen = max(unseen, total * (t / n) ** 0.5)
            lower = [s * (matched[d] / n) ** 0.5 for d, s in partial.items() if matched[d] >= need]
            if len(lower) >= limit and heapq.nlargest(limit, lower)[-1] > unseen:
                break
        if read == n:
            return {d: s * (matched[d] / n) ** 0.5 for d, s in partial.items() if matched[d] >= need}

        unread = order[read:]
        left = n - read
        extra = sum(bounds[read:])
        ranked = sorted(
            ((s + extra) * (min(n, matched[d] + left) / n) ** 0.5, d)
            for d, s in partial.items()
            if matched[d] + left >= need
        )
        heap: list[float] = []
        exact: dict[int, float] = {}
        probes = [(c, self._per_leaf_scores(plan, c)) for c in unread]
        while ranked:
            upper, d = ranked.pop()
            if len(heap) >= limit and upper < heap[0]:
                break
            s, m = partial[d], matched[d]
            for _clause, lookups in probes:
                w = self._lookup(lookups, d)
                if w:
                    s += w
                    m += 1
            if m < need:
                continue
            score = s * (m / n) ** 0.5
            exact[d] = score
            if len(heap) < limit:
                heapq.heappush(heap, score)
            elif score > heap[0]:
                heapq.heapreplace(heap, score)
        return exact

    def _per_leaf_scores(self, plan: Plan, clause: analysis.Clause) -> list[tuple[float, list[_Postings]]]:
        return [
            (self._factor(plan, f, t), self._per_leaf(f, t))
            for f, t in clause.alternatives
            if self.doc_frequency(f, t)
        ]

    def _lookup(self, lookups: list[tuple[float, list[_Postings]]], d: int) -> float:
        """The clause score of one document (0 if it does not match), by binary search."""
        li = bisect_right(self.bases, d) - 1
        local = d - self.bases[li]
        best = 0.0
        for factor, per_leaf in lookups:
            ids, weights = per_leaf[li]
            i = bisect_left(ids, local)
            if i < len(ids) and ids[i] == local:
                best = max(best, weights[i] * factor)
        return best


def _with_segment(old: Any, segment: Any, generation: int) -> Any:
    """``old`` (an open SegmentReader) seeing ``segment``'s current deletions: its open files are shared."""
    reader = copy.copy(old)
    reader.__dict__.pop("deleted_docs_set", None)  # a cached_property of the old deletions
    perdoc = copy.copy(old._perdoc)
    perdoc._segment = segment
    reader._perdoc = perdoc
    reader._segment = segment
    reader._gen = generation
    return reader


def _reader_reusing(ix: Any, previous: dict[str, Any]) -> tuple[Any, list[Any]]:
    """A reader of the index's latest version that keeps the open readers in ``previous`` (segment id → leaf
    reader) for the segments it still has; returns it and the previous readers it no longer needs (to close).

    Opening a segment reads its term table, which was most of what a search paid after every other program's
    commit (a reader of ten segments reopened for one new segment). Segment files never change once written;
    only deletions do, and those live in the TOC's segment objects, which a kept reader is given
    (:func:`_with_segment`). Whoosh's own ``reader(reuse=...)`` keeps the old deletions and adds back segments
    that were merged away, so it is not used.
    """
    for attempt in range(10):
        opened: list[Any] = []
        readers: list[Any] = []
        try:
            toc = ix._read_toc()
            for segment in toc.segments:
                old = previous.get(segment.segment_id())
                if old is None:
                    fresh = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
                    opened.append(fresh)
                    readers.append(fresh)
                else:
                    readers.append(_with_segment(old, segment, toc.generation))
        except OSError:
            # a merge removed a segment's files between reading the TOC and opening them: read the TOC again
            for fresh in opened:
                with contextlib.suppress(Exception):
                    fresh.close()
            if attempt == 9:
                raise
            time.sleep(0.05)
            continue
        kept = {segment.segment_id() for segment in toc.segments}
        unused = [r for segid, r in previous.items() if segid not in kept]
        if not readers:
            return EmptyReader(toc.schema), unused
        if len(readers) == 1:
            return readers[0], unused
        return MultiReader(readers, generation=toc.generation), unused
    raise AssertionError("not reached")


# ------------------------------------------------------------------------------------------------------ the index


class SearchIndex:
    """The Whoosh index in ``directory`` (created by the first :meth:`rebuild`)."""

    def __init__(self, directory: Path, *, lock_timeout: float = 5.0) -> None:
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self._lock = threading.RLock()  # reader state
        self._write_lock = threading.Lock()  # one writer per process
        self._ix: Any = None
        self._view: _View | None = None
        self._dir_id: tuple[int, int] | None = None
        self._cache = _PostingCache()
        self._merge_lock = threading.Lock()
        self._merger: threading.Timer | None = None

    # ------------------------------------------------------------------------------------------------- state

    def _read_meta(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.directory / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
            return None
        if not isinstance(data.get("generation"), int):
            return None
        return data

    def _write_meta(self, directory: Path, generation: int) -> None:
        # Segment files never change once written: their sizes let a later probe notice truncated files cheaply.
        files = {
            p.name: p.stat().st_size
            for p in directory.iterdir()
            if p.is_file() and p.suffix in (".trm", ".pst", ".col", ".seg")
        }
        tmp = directory / (META_FILE + ".tmp")
        tmp.write_text(
            json.dumps({"format": INDEX_FORMAT, "generation": generation, "files": files}), encoding="utf-8"
        )
        os.replace(tmp, directory / META_FILE)

    def _files_intact(self, meta: dict[str, Any]) -> bool:
        files = meta.get("files")
        if not isinstance(files, dict):
            return False
        for name, size in files.items():
            try:
                actual = (self.directory / name).stat().st_size
            except FileNotFoundError:
                continue  # merged away by a later commit; a file the index still needs fails to open anyway
            except OSError:
                return False
            if actual != size:
                return False
        return True

    def _dir_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.directory)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    @staticmethod
    def _open_ix(directory: Path) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if not whoosh_index.exists_in(str(directory)):
                return None
            return whoosh_index.open_dir(str(directory))

    @property
    def generation(self) -> int | None:
        """The generation stored with the index; None if it is missing, corrupt or unreadable."""
        meta = self._read_meta()
        if meta is None or not self._files_intact(meta):
            return None
        if not self._probe(deep=False):
            return None
        return int(meta["generation"])

    @property
    def stamp(self) -> int | None:
        """The generation written with the index, from its meta file alone: the cheap check before every search
        (a damaged index shows itself when the search reads it, and is rebuilt then)."""
        meta = self._read_meta()
        return None if meta is None else int(meta["generation"])

    def is_usable(self) -> bool:
        """Open the index and run a trivial query; False if it is missing or corrupt."""
        meta = self._read_meta()
        return meta is not None and self._files_intact(meta) and self._probe(deep=True)

    def _probe(self, *, deep: bool) -> bool:
        ok = False
        with warnings.catch_warnings():
            # Whoosh leaves files open when it fails on a corrupt index: their ResourceWarnings stay in here.
            warnings.simplefilter("ignore")
            try:
                ix = self._open_ix(self.directory)
                if ix is not None:
                    try:
                        if deep:
                            with ix.reader() as reader:
                                view = _View(reader, _PostingCache(10_000))
                                for fieldname in ("text", "py", "code", "f"):
                                    view.postings(fieldname, "a")
                                if reader.doc_count_all():
                                    reader.stored_fields(0)
                        ok = True
                    finally:
                        ix.close()
            except Exception:
                log.info("search index in %s is not usable", self.directory, exc_info=True)
            if not ok:
                gc.collect()
        return ok

    def _current_view(self) -> _View | None:
        """The view of the latest committed version (reopened after updates, here or in another process)."""
        ident = self._dir_identity()
        if ident is None:
            self._drop_reader()
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if self._ix is None or ident != self._dir_id:
                    self._drop_reader()
                    self._ix = self._open_ix(self.directory)
                    self._dir_id = ident
                    if self._ix is None:
                        return None
                if self._view is not None and self._ix.latest_generation() == self._view.reader.generation():
                    return self._view
                # Another version: the segments it still shares with this one keep their open readers (see
                # _reader_reusing); decoded postings survive in the cache, keyed by segment.
                previous = (
                    {} if self._view is None else {leaf.segid: leaf.reader for leaf in self._view.leaves}
                )
                reader, unused = _reader_reusing(self._ix, previous)
                self._view = None
                for old in unused:
                    with contextlib.suppress(Exception):
                        old.close()
                self._view = _View(reader, self._cache)
                return self._view
        except CsdeskError:
            raise
        except Exception as exc:
            self._drop_reader()
            raise IndexUnavailableError(f"{type(exc).__name__}: {exc}") from exc

    def _drop_reader(self) -> None:
        if self._view is not None:
            with contextlib.suppress(Exception):
                self._view.reader.close()
            self._view = None
        if self._ix is not None:
            with contextlib.suppress(Exception):
                self._ix.close()
            self._ix = None
        self._dir_id = None

    def close(self) -> None:
        with self._merge_lock:
            merger, self._merger = self._merger, None
        if merger is not None:
            merger.cancel()
            merger.join()
        with self._lock:
            self._drop_reader()
            self._cache.clear()

    # ------------------------------------------------------------------------------------------------- writing

    def rebuild(
        self,
        docs: Iterable[IndexDoc],
        *,
        generation: int,
        total: int | None = None,
        progress: Callable[[int, int], bool] | None = None,
    ) -> bool:
        """Build a fresh index next to ``directory`` and swap it in; False (old index untouched) if cancelled."""
        parent = self.directory.parent
        parent.mkdir(parents=True, exist_ok=True)
        token = uuid.uuid4().hex[:8]
        tmp = parent / f".{self.directory.name}.building-{token}"
        tmp.mkdir()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ix = whoosh_index.create_in(str(tmp), build_schema())
                try:
                    if not self._build(ix, docs, total, progress):
                        return False
                finally:
                    ix.close()
            self._write_meta(tmp, generation)
            self._swap_in(tmp)
            tmp = None  # type: ignore[assignment]
            return True
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)

    @staticmethod
    def _build(
        ix: Any, docs: Iterable[IndexDoc], total: int | None, progress: Callable[[int, int], bool] | None
    ) -> bool:
        """Write every document into the new index ``ix`` (a helper process writes a share of a big library's,
        :mod:`csdesk.core.indexbuild`) and commit; False if ``progress`` cancelled."""
        from csdesk.core.indexbuild import write_segments_shared

        if total is None:
            total = len(docs) if isinstance(docs, Sized) else 0
        writer = ix.writer(codec=_codec(), compound=False)
        try:
            segments = write_segments_shared(ix, docs, total=total, progress=progress)
            if segments is None:
                writer.cancel()
                return False
            commit_with(writer, segments, NO_MERGE)
            return True
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            raise

    def _swap_in(self, built: Path) -> None:
        with self._lock:
            self._drop_reader()
            self._cache.clear()
            # Programs opening a new home at once may all rebuild and swap: the index can vanish between a look
            # and the move (another program moved it aside), or reappear before ours is in place (another program
            # put its own complete build there). Each is a whole index; the last one put in place stays.
            olds: list[Path] = []
            for attempt in range(5):
                old = self.directory.parent / f".{self.directory.name}.old-{uuid.uuid4().hex[:8]}"
                try:
                    os.replace(self.directory, old)
                    olds.append(old)
                except FileNotFoundError:
                    pass  # no index there (any more)
                try:
                    os.replace(built, self.directory)
                    break
                except OSError:
                    if attempt == 4 or not self.directory.exists():
                        raise
            for old in olds:
                shutil.rmtree(old, ignore_errors=True)

    def update(
        self,
        upserts: Sequence[IndexDoc],
        deletes: Sequence[str],
        *,
        generation: int,
        timeout: float | None = None,
    ) -> None:
        """Apply changed and deleted entries and stamp ``generation``; waits up to ``timeout`` s (default
        ``lock_timeout``) for another process's writer, then raises :class:`LibraryLockedError`, index unchanged.

        The caller vouches that the index then holds ``generation``; the library uses :meth:`sync`, which reads
        what the index holds under the lock first.
        """
        if not self.sync(lambda held: (upserts, deletes, generation), timeout=timeout):
            log.info("no usable search index in %s; update skipped", self.directory)

    def sync(
        self,
        changes_since: Callable[[int | None], tuple[Collection[IndexDoc], Sequence[str], int] | None],
        *,
        timeout: float | None = None,
    ) -> bool:
        """Bring the index up to the database under the writer lock; False when a full rebuild is needed instead.

        ``changes_since(generation)`` gets the generation the index holds, read while this process holds Whoosh's
        writer lock (so no other program moves it meanwhile), and returns the documents to write, the ids to
        delete and the generation they bring the index to (or None: the changes since then are unknown). The
        generation written is never more than the index holds: an index can only claim what it has.
        Raises :class:`LibraryLockedError` when another program keeps the writer lock past ``timeout``, and at once
        when ``timeout`` is 0 and another thread of this program is writing or merging (a search that found the
        index behind never waits for that: it scores what the index lacks itself).
        """
        with self._writing(timeout):
            try:
                ix = self._open_ix(self.directory)
            except Exception:
                log.info("search index in %s is corrupt; a rebuild is needed", self.directory, exc_info=True)
                return False
            meta = self._read_meta()
            if ix is None or meta is None:
                if ix is not None:
                    ix.close()
                return False
            ident = self._dir_identity()
            crowded = False
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    writer = self._writer(ix, timeout)
                    try:
                        held = self._read_meta()  # again, now that no other program can write
                        work = changes_since(None if held is None else int(held["generation"]))
                        if work is None:
                            writer.cancel()
                            return False
                        upserts, deletes, generation = work
                        extra: list[Any] = []  # segments written beside the writer's own (a big update)
                        if (
                            held is not None
                            and int(held["generation"]) == generation
                            and not upserts
                            and not deletes
                        ):
                            writer.cancel()
                            return True
                        # a streamed collection (an import) names its entries without building their documents
                        upsert_ids = getattr(upserts, "entry_ids", None) or [d.entry_id for d in upserts]
                        gone = {*deletes, *upsert_ids}
                        if len(gone) >= _BULK_UPDATE_DOCS:
                            # an import: delete only the ids the index holds (one look at its id terms instead of
                            # a term query per new entry)
                            reader = writer.reader()
                            try:
                                held_ids = {t.decode("utf-8") for t in reader.lexicon("id")}
                            finally:
                                reader.close()
                            gone &= held_ids
                        for entry_id in gone:
                            writer.delete_by_term("id", entry_id)
                        # No merge of the whole small pile here: Whoosh's default policy merges small segments on
                        # every few commits, which made one edit in five take 100-250 ms at 100k entries. An
                        # update merges a crowded run of a few tiny segments (:func:`_crowded_tail`, at most
                        # :data:`_MERGE_INLINE_DOCS` entries), before its own documents so the order holds; bigger
                        # runs are merged in the background (:meth:`_merge_in_background`).
                        small = sum(1 for seg in writer.segments if seg.doc_count_all() < _SMALL_SEGMENT_DOCS)
                        mergetype: Callable[[Any, list[Any]], list[Any]] = NO_MERGE
                        if small >= _MERGE_SMALL_FORCED:
                            # Programs that keep writing never leave the idle moment the background merge waits
                            # for; past this many small segments every reader would open dozens: merge them now.
                            mergetype = _merge_small_segments
                        elif len(upserts) < _BULK_UPDATE_DOCS:
                            chosen = _crowded_tail(writer.segments, adding=True)
                            if chosen and sum(seg.doc_count_all() for seg in chosen) <= _MERGE_INLINE_DOCS:
                                _add_segments(writer, chosen)
                                merged = {id(seg) for seg in chosen}
                                mergetype = functools.partial(_keep_unmerged, merged)
                        if len(upserts) >= _BULK_UPDATE_DOCS:
                            # an import of thousands: written as a rebuild writes (bulk postings, a helper process
                            # for a big one), new segments beside the old ones; Whoosh's per-posting writer took
                            # minutes for 20k entries
                            from csdesk.core.indexbuild import write_segments_shared

                            extra = write_segments_shared(ix, upserts, total=len(upserts)) or []
                        else:
                            for doc in upserts:
                                if doc.enabled:
                                    writer.add_document(**_fields_for(doc))
                    except BaseException:
                        writer.cancel()
                        raise
                    commit_with(writer, extra, mergetype)
                # A rebuild that swapped in another folder meanwhile stamped it itself: that stamp stands.
                if self._dir_identity() == ident:
                    self._write_meta(self.directory, generation)
                crowded = bool(_crowded_tail(ix._segments()))
            finally:
                ix.close()
        if crowded:
            self._merge_in_background()
        return True

    @contextlib.contextmanager
    def _writing(self, timeout: float | None) -> Iterator[None]:
        """This process's writer slot; with ``timeout`` 0 taken only if free (see :meth:`sync`)."""
        if not self._write_lock.acquire(blocking=timeout != 0):
            raise LibraryLockedError(
                "搜索索引正被本程序的另一项工作写入,请稍后再试。",
                "The search index is being written by other work of this program; try again shortly.",
            )
        try:
            yield
        finally:
            self._write_lock.release()

    def _writer(self, ix: Any, timeout: float | None) -> Any:
        """Whoosh's writer, waiting up to ``timeout`` s for another program's; LibraryLockedError after that."""
        deadline = time.monotonic() + (self.lock_timeout if timeout is None else timeout)
        while True:
            try:
                return ix.writer(timeout=0.0, codec=_codec(), compound=False)
            except LockError:
                if time.monotonic() >= deadline:
                    raise LibraryLockedError(
                        "搜索索引正被另一个程序写入,请稍后再试。",
                        "The search index is being written by another program; try again shortly.",
                    ) from None
                time.sleep(0.02)

    def doc_count(self) -> int | None:
        """How many entries the index holds (a cheap check against the database on open); None if unreadable."""
        with self._lock:
            try:
                view = self._current_view()
                return None if view is None else int(view.reader.doc_count())
            except Exception:
                log.info("counting the index's documents failed", exc_info=True)
                self._drop_reader()
                return None

    def doc_ids(self) -> set[str] | None:
        """The entry ids the index holds (doctor compares them with the database); None if unreadable."""
        with self._lock:
            try:
                view = self._current_view()
                if view is None:
                    return None
                return {str(fields.get("id")) for fields in view.reader.all_stored_fields()}
            except Exception:
                log.info("reading the index's ids failed", exc_info=True)
                self._drop_reader()
                return None

    def _merge_in_background(self) -> None:
        """Merge the crowded tiers of small segments once no update has come for :data:`_MERGE_IDLE_S` seconds.

        Merging while edits keep coming would make the next edit wait for the writer lock.
        """
        with self._merge_lock:
            if self._merger is not None:
                self._merger.cancel()
            self._merger = threading.Timer(_MERGE_IDLE_S, self._merge_small, kwargs={"everything": False})
            self._merger.daemon = True
            self._merger.start()

    def _merge_small(self, *, everything: bool = True) -> None:
        """Merge the small segments of incremental updates (the writer lock keeps other writers out): all of them
        into one, or (``everything`` False, the background merge) tier by tier while a tier is crowded."""
        with self._write_lock:
            try:
                meta = self._read_meta()
                ix = self._open_ix(self.directory)
                if ix is None or meta is None:
                    return
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        for _ in range(8):  # a merged tier can crowd the next one
                            if not everything and not _crowded_tail(ix._segments()):
                                break
                            writer = ix.writer(timeout=0.0, codec=_codec(), compound=False)
                            writer.commit(
                                mergetype=_merge_small_segments if everything else _merge_crowded_tail
                            )
                            if everything:
                                break
                    self._write_meta(self.directory, int(meta["generation"]))
                finally:
                    ix.close()
            except LockError:
                pass  # another process is writing; a later update tries again
            except Exception:
                # Only an optimisation (a later update merges inline past _MERGE_SMALL_FORCED): not the user's concern.
                log.info("merging small index segments in %s failed", self.directory, exc_info=True)

    # ------------------------------------------------------------------------------------------------- searching

    def search(
        self,
        query: str,
        *,
        shop_ids: Collection[int] | None = None,
        category_ids: Collection[int] | None = None,
        tags: Collection[str] = (),
        boost_tags: Collection[str] = (),
        limit: int = 20,
    ) -> list[IndexHit]:
        """Best entries for ``query`` (see the module docstring); [] for a blank query or a missing index."""
        if not query or not query.strip() or limit <= 0:
            return []
        if (shop_ids is not None and not shop_ids) or (category_ids is not None and not category_ids):
            return []
        with self._lock:
            # A reader opened while another thread or process commits can see a segment that a merge has just
            # removed: such a failure is retried once with a fresh reader before the index is called unusable.
            for attempt in (1, 2):
                try:
                    view = self._current_view()
                    if view is None:
                        return []
                    return self._search(view, query, shop_ids, category_ids, tags, boost_tags, limit)
                except IndexUnavailableError:
                    if attempt == 2:
                        raise
                    log.info("search index read failed; retrying with a fresh reader", exc_info=True)
                except CsdeskError:
                    raise
                except Exception as exc:
                    self._drop_reader()
                    if attempt == 2:
                        raise IndexUnavailableError(f"{type(exc).__name__}: {exc}") from exc
                    log.info("search index read failed; retrying with a fresh reader", exc_info=True)
            return []  # not reached

    def score_docs(
        self,
        query: str,
        docs: Sequence[IndexDoc],
        *,
        shop_ids: Collection[int] | None = None,
        category_ids: Collection[int] | None = None,
        tags: Collection[str] = (),
        boost_tags: Collection[str] = (),
        limit: int = 20,
        analysed: dict[str, dict[str, Any]] | None = None,
    ) -> list[IndexHit]:
        """Score a few documents that are not in the index yet, as the index would (its idf, the same plans).

        For entries written while another program holds the writer lock: they are found by the next search without
        waiting for the lock and without building an index of their own (which costs far more than scoring a few
        documents directly). ``analysed`` (entry id → its document's fields, for exactly these documents) keeps
        the analysis from one call to the next and is filled in.
        """
        if not query or not query.strip() or not docs:
            return []
        wanted_tags = {fold(t).strip() for t in tags}
        boosted = {fold(t).strip() for t in boost_tags}
        candidates = [
            d for d in docs
            if d.enabled
            and (shop_ids is None or d.shop_id in shop_ids)
            and (category_ids is None or set(d.category_ids) & set(category_ids))
            and wanted_tags <= {fold(t).strip() for t in d.tags}
        ]  # fmt: skip
        if not candidates:
            return []
        with self._lock:
            try:
                view = self._current_view()
            except IndexUnavailableError:
                # a damaged index: these few are still scored (without its idf); the next search rebuilds it
                log.info("search index unreadable while scoring entries it lags on", exc_info=True)
                view = None
            planned = (
                plan_query(query, view.doc_frequency, view.term_bound)
                if view
                else plan_query(query, lambda f, t: 0, lambda f, t: 1.0)
            )
            factor: Callable[[Plan, str, str], float] = (
                view._factor if view is not None else (lambda plan, f, t: 1.0)
            )
        cache = {} if analysed is None else analysed
        fields = {}
        for d in candidates:
            known = cache.get(d.entry_id)
            if known is None:
                known = cache[d.entry_id] = _fields_for(d)
            fields[d.entry_id] = known

        def plan_score(plan: Plan, doc_fields: dict[str, Any], min_match: int) -> float:
            total, matched = 0.0, 0
            for clause in plan.clauses:
                best = 0.0
                for fieldname, term in clause.alternatives:
                    weight = doc_fields.get(fieldname, {}).get(term) if fieldname in doc_fields else None
                    if weight:
                        best = max(best, weight * factor(plan, fieldname, term))
                if best:
                    matched += 1
                    total += best
                elif plan.require_all:
                    return 0.0
            if not matched or matched < min_match:
                return 0.0
            return total * plan.boost + plan.bonus

        for relaxed in (False, True):
            scores: dict[str, float] = {}
            for plan in planned:
                if relaxed and plan.relax_to is None:
                    continue
                need = (
                    (plan.relax_to or 1)
                    if relaxed
                    else (len(plan.clauses) if plan.require_all else plan.min_match)
                )
                for entry_id, doc_fields in fields.items():
                    got = plan_score(plan, doc_fields, need)
                    if got:
                        scores[entry_id] = scores.get(entry_id, 0.0) + got
            if scores:
                break
        by_id = {d.entry_id: d for d in candidates}
        for entry_id in scores:
            if boosted & {fold(t).strip() for t in by_id[entry_id].tags}:
                scores[entry_id] *= 1.5
        ranked = sorted(scores.items(), key=lambda item: -item[1])[:limit]
        return [IndexHit(entry_id, round(score, 6)) for entry_id, score in ranked]

    def _search(
        self,
        view: _View,
        query: str,
        shop_ids: Collection[int] | None,
        category_ids: Collection[int] | None,
        tags: Collection[str],
        boost_tags: Collection[str],
        limit: int,
    ) -> list[IndexHit]:
        planned = plan_query(query, view.doc_frequency, view.term_bound)
        plans = [p for p in planned if view.is_active(p)]
        allowed: set[int] | KeysView[int] | None = None
        if plans:
            allowed = view.allowed(shop_ids, category_ids, tags)
            if allowed is not None and not allowed:
                return []
            hits = self._rank(view, plans, allowed, boost_tags, limit)
            if len(hits) >= limit:
                return hits
        else:
            hits = []
        # Soft coordination: fewer than ``limit`` entries hold all of a short query's bigrams (or enough of a pasted
        # message's terms). Entries holding some of them — or a bigram with its characters swapped (线开了 / 开线)
        # — follow the exact matches, ranked by how much of the query they hold (see ``_run_any``).
        relaxed = [analysis.soften(p) for p in planned if p.relax_to is not None or p.name == "text"]
        plans = [p for p in relaxed if p is not None and view.is_active(p)]
        if not plans:
            return hits
        if allowed is None:
            allowed = view.allowed(shop_ids, category_ids, tags)
            if allowed is not None and not allowed:
                return []
        seen = {h.entry_id for h in hits}
        extra = [h for h in self._rank(view, plans, allowed, boost_tags, limit) if h.entry_id not in seen]
        if hits and extra:
            # below the exact matches whatever their own score
            ceiling = min(h.score for h in hits)
            top = max(h.score for h in extra)
            if top >= ceiling:
                factor = 0.999 * ceiling / top
                extra = [IndexHit(h.entry_id, round(h.score * factor, 6)) for h in extra]
        return (hits + extra)[:limit]

    @staticmethod
    def _among_codes(
        codes: dict[int, float], allowed: set[int] | KeysView[int] | None
    ) -> set[int] | KeysView[int] | None:
        """The documents the other plans need to score once the codes decide the result: the code matches."""
        return codes.keys()

    def _rank(
        self,
        view: _View,
        plans: list[Plan],
        allowed: set[int] | KeysView[int] | None,
        boost_tags: Collection[str],
        limit: int,
    ) -> list[IndexHit]:
        scores: dict[int, float] = {}
        first = plans[0]
        rest = plans[1:]
        if first.bonus and rest:
            # A shortcut-code plan. When at least ``limit`` codes match and its ``limit``-th score beats anything
            # the other plans could give a document on their own, the result is among the code matches, and
            # those are ranked as codes: exact code, then the shorter codes, then popularity, with the text plan
            # (a word such as ``xl1``) as the tie-break. The pinyin readings of the query are not scored then:
            # a prefix such as ``sg`` matches thousands of codes and, as initials, tens of thousands of titles,
            # whose postings would be decoded only to reorder codes that all start with what was typed.
            scores = view.run_plan(first, allowed)
            slack = 1.5 if boost_tags else 1.0
            if len(scores) >= limit and heapq.nlargest(limit, scores.values())[-1] > slack * sum(
                view.plan_bound(p) for p in rest
            ):
                rest = [p for p in rest if p.name not in PINYIN_PLANS]
                allowed = self._among_codes(scores, allowed)
            plans = rest
        # A plan that ranks alone (no other plan, no tag boost) may stop once its top ``limit`` are certain.
        solo = limit if len(plans) == 1 and not scores and not boost_tags else 0
        for plan in plans:
            for d, s in view.run_plan(plan, allowed, solo).items():
                scores[d] = scores.get(d, 0.0) + s
        if not scores:
            return []
        if boost_tags:
            boosted = view.doc_set(FILTER, ("t" + t for t in (fold(b).strip() for b in boost_tags) if t))
            for d in boosted.intersection(scores):
                scores[d] *= 1.5
        if len(scores) > limit:
            kth = heapq.nlargest(limit, scores.values())[-1]
            items = [(d, s) for d, s in scores.items() if s >= kth]
        else:
            items = list(scores.items())
        items.sort(key=lambda item: (-item[1], item[0]))
        reader = view.reader
        return [IndexHit(reader.stored_fields(d)["id"], round(s, 6)) for d, s in items[:limit]]


# ------------------------------------------------------------------------------------------------------ highlighting


_PINYIN_SCAN_LIMIT = 400
"""Characters of a text searched for pinyin matches (titles and questions are short; a long reply's start)."""


@functools.lru_cache(maxsize=65536)
def _first_letters(ch: str) -> str:
    """The first letters of a character's readings ("" for a character without any)."""
    from csdesk.core.phonetic import readings

    return "".join({reading[0] for reading in readings(ch)})


def _pinyin_spans(letters: str, text: str) -> list[tuple[int, int]]:
    """Runs of Chinese characters in ``text`` whose pinyin spells ``letters``: initials (``cm`` → 尺码), whole
    syllables (``chima``), mixed (``chim``), any reading of a 多音字, the last syllable possibly unfinished."""
    from csdesk.core.phonetic import readings

    found: list[tuple[int, int]] = []
    limit = min(len(text), _PINYIN_SCAN_LIMIT)

    def consume(pos: int, at: int) -> int | None:
        """End of the text run spelling letters[at:] from text[pos], or None."""
        if at == len(letters):
            return pos
        if pos >= limit:
            return None
        options = readings(text[pos])
        if not options:
            return None
        rest = letters[at:]
        for reading in options:
            if rest.startswith(reading) or (reading.startswith(rest) and len(rest) >= 1 and at > 0):
                end = consume(pos + 1, at + min(len(reading), len(rest)))
                if end is not None:
                    return end
            if rest[0] == reading[0]:
                end = consume(pos + 1, at + 1)
                if end is not None:
                    return end
        return None

    first = letters[0]
    pos = 0
    while pos < limit:
        # only a character with a reading that starts with the first letter can start a run: checked first, on
        # a cached string of first letters, because most characters of a text start none
        ch = text[pos]
        end = consume(pos, 0) if first in _first_letters(ch) and is_han(ch) else None
        if end is not None and end > pos:
            found.append((pos, end))
            pos = end
        else:
            pos += 1
    return found


@functools.lru_cache(maxsize=64)
def _highlight_needles(query: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The query's side of :func:`highlight_spans`: its needles and its pinyin words. Cached: a search
    highlights four fields of each of its 20 hits with the same query (for a pasted message, folding and cutting
    it each time was a fifth of the search)."""
    q = fold(query)
    needles: set[str] = set()
    pinyin: list[str] = []
    for kind, start, end in runs(q):
        piece = q[start:end]
        if kind == "han" and len(piece) > 1:
            needles.add(piece)
            needles.update(piece[i : i + 2] for i in range(len(piece) - 1))
        elif kind == "han" or len(piece) >= 1:
            needles.add(piece)
        if kind != "han" and len(piece) >= 2 and piece.isascii() and piece.isalpha():
            pinyin.append(piece)
    return frozenset(n for n in needles if n), tuple(pinyin)


def highlight_spans(query: str, text: str) -> tuple[tuple[int, int], ...]:
    """Code-point spans (start, end exclusive) of ``text`` where the query's terms occur, merged and sorted.

    Both sides are folded (width, case, traditional → simplified) with a 1:1 character mapping, so spans found in
    the folded text are spans of the original. Chinese query runs are matched by their bigrams (so a query that
    is found through its bigrams is also marked that way) and by single characters for one-character runs;
    words are matched as they are.
    """
    if not query or not text:
        return ()
    t = fold(text)
    needles, pinyin = _highlight_needles(query)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        word = not is_han(needle[0])
        start = t.find(needle)
        while start >= 0:
            end = start + len(needle)
            # A word must not start inside another word (``cm`` in ``165cm`` is fine, ``m`` inside ``cm`` not).
            if not word or start == 0 or not t[start - 1].isalpha() or needle[0].isdigit():
                spans.append((start, end))
            start = t.find(needle, start + 1)
    for piece in pinyin:
        spans.extend(_pinyin_spans(piece, t))
    if not spans:
        return ()
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        ls, le = merged[-1]
        if s <= le:
            merged[-1] = (ls, max(le, e))
        else:
            merged.append((s, e))
    return tuple(merged)
