"""lib.index: search, and the derived Whoosh index kept up to the database through the index log.

:mod:`csdesk.core.search` (and with it Whoosh, which pulls in urllib, http and asyncio) is imported when the index is
first used, not with the library: an empty query (the app's first list) is answered from the database alone, so the
app's window comes up before Whoosh is loaded.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from csdesk.core.answers import CANDIDATES
from csdesk.core.areas._common import (
    HIGHLIGHT_FIELDS,
    INDEX_LOCK_WAIT_S,
    log,
    variant_for,
)
from csdesk.core.areas.base import Area

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.search import IndexDoc, IndexHit, SearchIndex
from csdesk.core.errors import LibraryLockedError
from csdesk.core.models import (
    SearchHit,
)

_CATCH_UP_AFTER_S = 1.0
"""How long a search lets the index lag before it applies the log itself (see IndexArea._stuck)."""
_OVERLAY_MAX = 2000
"""More entries than this behind the index: wait briefly for the writer lock instead of overlaying them."""
_LOG_KEEP_GENERATIONS = 5000
"""Log rows kept behind what the index holds, so another home's slower program can still catch up from them."""


class IndexArea(Area):
    """Search and the derived Whoosh index: kept up to the database through the durable ``index_log``."""

    def __init__(self, lib: Library) -> None:
        super().__init__(lib)
        self._search_index: SearchIndex | None = None
        self._lock = threading.RLock()
        self.dirty = False
        self._deferred = False  # a catch-up waits for the current transaction to commit
        self._owed = False  # an index update of this program's own writes met another program's lock
        self._behind: tuple[int, float] | None = None  # (stamp, since when) while the index lags the database
        # the overlay: (generation read, documents of entries the index lags on (None: gone), their analysed fields)
        self._overlay: tuple[int, dict[str, IndexDoc | None], dict[str, dict[str, Any]]] | None = None
        self._overlay_lock = threading.Lock()  # not self._lock: a catch-up waiting for the writer holds that
        self._retry: threading.Timer | None = None
        self.rebuilt_on_open = False  # reported by doctor() as a repair
        self._postponed = 0  # inside :meth:`postponed`: a committed write is indexed when the block ends
        self._postponed_owed = False

    @property
    def _whoosh(self) -> SearchIndex:
        """The Whoosh index, its module imported on first use (see the module docstring)."""
        if self._search_index is None:
            with self._lock:
                if self._search_index is None:
                    from csdesk.core.search import SearchIndex

                    self._search_index = SearchIndex(self._lib.layout.index)
        return self._search_index

    def search(
        self,
        query: str,
        *,
        shop: str | int | None = None,
        tags: Collection[str] = (),
        limit: int = 20,
        category: int | Collection[int] | None = None,
        customer_tags: Collection[str] = (),
    ) -> list[SearchHit]:
        """Entries matching ``query``, best first. Safe to call from a worker thread.

        ``shop`` restricts to that shop plus the shared 通用 scope; ``category`` to a category subtree (or several); ``tags`` to
        entries carrying all of them; ``customer_tags`` ranks entries and variants aimed at those tags first.
        An empty query lists the most used, then most recently updated entries.
        """
        shop_ids: list[int] | None = None
        if shop not in (None, ""):
            target = self._lib.shops.get(shop)
            shop_ids = sorted({target.id, self._lib.shops.shared.id})
        # several categories: one path merged from a shop and the shared scope (the workspace's tree)
        roots = [] if category is None else [category] if isinstance(category, int) else list(category)
        category_ids = (
            sorted({c for root in roots for c in self._lib.categories.subtree(root)}) if roots else None
        )
        sure: dict[str, float | None] = {}
        if not query.strip():
            ids = self._lib.usage.popular_ids(shop_ids, category_ids, tags, limit)
            scored = [(entry_id, 0.0) for entry_id in ids]
        else:
            hits = self._find(
                query,
                shop_ids=shop_ids,
                category_ids=category_ids,
                tags=tags,
                boost_tags=customer_tags,
                limit=max(limit, CANDIDATES),  # the meaning layer re-ranks a wider set of lexical candidates
            )
            filtered = bool(category_ids or tags)
            ranked = self._lib.answers.rank(query, hits, shop_ids, filtered=filtered, limit=limit)
            scored = [(r.entry_id, r.score) for r in ranked]
            sure = {r.entry_id: r.confidence for r in ranked}
        entries = {e.id: e for e in self._lib.entries.get_many([entry_id for entry_id, _ in scored])}
        if query.strip():
            from csdesk.core.search import highlight_spans  # loaded already: the query went through the index
        result = []
        for entry_id, score in scored:
            entry = entries.get(entry_id)
            if entry is None or entry.deleted_at is not None:
                continue
            highlights = {}
            if query.strip():
                for name in HIGHLIGHT_FIELDS:
                    spans = highlight_spans(query, getattr(entry, name))
                    if spans:
                        highlights[name] = spans
            variant = variant_for(entry, customer_tags)
            variant_id = variant.id if variant else None
            result.append(SearchHit(entry_id, score, entry, highlights, variant_id, sure.get(entry_id)))
        return result

    def _find(self, query: str, *, limit: int, **filters: Any) -> list[IndexHit]:
        """Index hits for ``query``: the index as it is, plus entries it does not hold yet from the overlay."""
        self.ensure_fresh()
        stale = [] if self.dirty else self.stale_ids()
        if stale is None:
            with self._lock:
                self.rebuild()
            stale = []
        if len(stale) > _OVERLAY_MAX:
            self.catch_up(timeout=2.0)  # too much to overlay: worth a short wait for the writer lock
            stale = self.stale_ids() or []
        hits = self._search_whoosh(query, limit=limit + len(stale), **filters)
        if not stale:
            return hits[:limit]
        behind = set(stale)
        hits = [h for h in hits if h.entry_id not in behind]
        hits += self._overlay_hits(query, stale, limit=limit, **filters)
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def _search_whoosh(self, query: str, **kwargs: Any) -> list[IndexHit]:
        from csdesk.core.search import IndexUnavailableError

        for attempt in range(3):
            try:
                return self._whoosh.search(query, **kwargs)
            except IndexUnavailableError:
                # another program swapped or merged segments under the reader: a fresh try usually reads fine
                log.info("search index unreadable (attempt %d)", attempt + 1, exc_info=True)
                time.sleep(0.02 * (attempt + 1))
        log.warning("search index unreadable; rebuilding it")
        with self._lock:
            self.rebuild()
        try:
            return self._whoosh.search(query, **kwargs)
        except IndexUnavailableError:
            log.warning("search index still unreadable after a rebuild")
            return []

    def _overlay_hits(
        self, query: str, stale: Sequence[str], *, limit: int, **filters: Any
    ) -> list[IndexHit]:
        """Score the entries the index is behind on directly, with the index's idf (see SearchIndex.score_docs).

        Their documents and analysed fields are kept from search to search: after other programs' commits only
        the entries the log says changed since are read and analysed again (under steady writing elsewhere, the
        generation moves between almost every two searches).
        """
        now = self.generation  # read before the entries: what they are read as is at least this new
        with self._overlay_lock:
            previous = self._overlay
            known: dict[str, IndexDoc | None] = {}
            analysed: dict[str, dict[str, Any]] = {}
            if previous is not None and previous[0] <= now:
                changed = [] if previous[0] == now else self._changed_between(previous[0], now)
                if changed is not None:
                    again = set(changed)
                    known = {i: previous[1][i] for i in stale if i in previous[1] and i not in again}
                    analysed = {i: previous[2][i] for i in known if i in previous[2]}
            missing = [i for i in stale if i not in known]
            if missing:
                docs, _gone = self._docs_and_deletes(missing)
                known.update(dict.fromkeys(missing))
                known.update((d.entry_id, d) for d in docs)
            self._overlay = (now, known, analysed)
        present = [d for d in known.values() if d is not None]
        return self._whoosh.score_docs(query, present, limit=limit, analysed=analysed, **filters)

    @property
    def generation(self) -> int:
        """The database's change counter: every write that can change what search finds advances it."""
        return int(self._meta("index_generation") or 0)

    def changed(self, entry_ids: Iterable[str] = (), *, everything: bool = False) -> int:
        """Inside the write's transaction: advance the generation and log which entries it changed.

        The log is what keeps the index honest across programs: whoever next holds the index's writer lock
        (this program after the commit, another one, a later start) applies it. ``everything`` asks for a rebuild.
        """
        if not self._db.in_transaction:
            raise RuntimeError("IndexArea.changed() belongs inside the write's transaction")
        generation = self.generation + 1
        self._set_meta("index_generation", str(generation))
        # Every generation gets at least one row ("" when no entry changed): a generation without rows was
        # written by a program that did not log (an older csdesk), and only a rebuild can tell what it changed.
        ids = ["*"] if everything else list(dict.fromkeys(entry_ids)) or [""]
        with self._db.lock:
            self._db.conn.executemany(
                "INSERT INTO index_log(generation, entry_id) VALUES (?, ?)", ((generation, i) for i in ids)
            )
        return generation

    def is_current(self) -> bool:
        """The index holds exactly the database's generation and can be read."""
        return self._whoosh.generation == self.generation and self._whoosh.is_usable()

    def ensure_fresh(self) -> None:
        """Before a search: rebuild an unusable index; apply logged changes if the writer lock is free at once.

        Never waits for another program's index writing: what is still behind is searched from a small
        in-memory overlay (:meth:`_overlay_hits`), so this program's own writes are found by its next search.
        """
        held = self._whoosh.stamp
        if held is None and not self.dirty:
            time.sleep(0.05)  # the index's meta file is replaced atomically, but a read may meet a merge
            held = self._whoosh.stamp
        if self.dirty or held is None or held > self.generation:
            with self._lock:
                held = self._whoosh.stamp
                if self.dirty or held is None or held > self.generation:
                    self.rebuild()
            return
        if held < self.generation and (self._owed or self._stuck(held)):
            self.catch_up(timeout=0.0, reschedule=True)
            if self.dirty:  # the log could not say what changed: only a rebuild can
                with self._lock:
                    if self.dirty:
                        self.rebuild()

    def _stuck(self, held: int) -> bool:
        """Whether the index has stayed at ``held`` for a while although the database moved on.

        The program that wrote applies its own change right after its commit; a search that did it instead would
        only race it for the writer lock (under steady writing, searches turned into index writes). Only when
        nobody has for :data:`_CATCH_UP_AFTER_S` (the writer exited, was killed, or keeps meeting a lock) does a
        search take the work over; until then the overlay finds what the index does not hold yet.
        """
        now = time.monotonic()
        if self._behind is None or self._behind[0] != held:
            self._behind = (held, now)
            return False
        return now - self._behind[1] >= _CATCH_UP_AFTER_S

    def needs_rebuild(self, *, count: bool = True) -> bool:
        """True when only a rebuild can make the index right (missing, damaged, ahead of the database, a log
        that no longer reaches back, or — when it claims to be current — a document count that disagrees).

        An index that is merely behind does not need one: :meth:`catch_up` applies the log.
        """
        if self.dirty or not self._usable():
            return True
        before = (self._whoosh.generation, self.generation)
        stale = self.stale_ids()
        if stale is None:
            return True
        if stale or not count:
            return False
        held = self._whoosh.doc_count()
        want = int(
            self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL AND enabled = 1") or 0
        )
        if (self._whoosh.generation, self.generation) != before:
            return (
                False  # another program wrote meanwhile: two moments' counts; the log brings the index along
            )
        return held != want

    def warm(self) -> None:
        """Load what a first query needs and this area imports only on first use (Whoosh with the index, the
        pinyin table): the app calls it in a worker once its window is up, so the agent's first typed search does
        not wait for them."""
        from csdesk.core import phonetic

        _ = self._whoosh.stamp
        phonetic.syllables()

    def _usable(self) -> bool:
        """Whether the index can be read, asked twice: a read can fail while another program merges segments."""
        if self._whoosh.is_usable():
            return True
        time.sleep(0.05)
        return self._whoosh.is_usable()

    def rebuild(self, progress: Callable[[int, int], bool] | None = None) -> bool:
        """Rebuild the search index from the database; ``progress(done, total)`` may return False to cancel.

        The index is stamped with the generation read before the entries are: whatever is written meanwhile is
        newer and is applied from the log afterwards.
        """
        with self._lock:
            generation = self.generation
            total = int(self._db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL") or 0)
            done = self._whoosh.rebuild(
                self._iter_docs(), generation=generation, total=total, progress=progress
            )
            if done:
                self.dirty = False
                self._prune_log(generation)
                if self.generation != generation:
                    self.catch_up(timeout=0.0)
            return done

    def catch_up(self, timeout: float = INDEX_LOCK_WAIT_S, *, reschedule: bool = True) -> bool:
        """Apply the logged changes the index does not hold yet; False while another program holds the lock.

        Called after every write (once its transaction commits), before searches, by a retry timer and on close.
        """
        if self._db.in_transaction:
            # Inside a caller's transaction (an import): the index follows once it commits, so a rollback never
            # leaves the index describing rows that do not exist; one catch-up for the whole transaction, however
            # many writes it holds (an import of 10,000 rows is one index write).
            if not self._deferred:
                self._deferred = True

                def follow(committed: bool) -> None:
                    self._deferred = False
                    if committed and self._postponed:
                        self._postponed_owed = True  # caught up when :meth:`postponed` ends
                    elif committed:
                        self.catch_up(timeout)

                self._db.after_transaction(follow)
            return True
        if self.dirty:
            return True  # a rebuild is due before the next search anyway
        if self._whoosh.stamp == self.generation:
            return True  # another program (or an earlier call) has brought the index up already
        # A search (timeout 0) never waits for another thread of this program that is catching up already.
        if not self._lock.acquire(blocking=timeout != 0):
            return False
        try:
            try:
                synced = self._whoosh.sync(self._changes_since, timeout=timeout)
            except LibraryLockedError:
                self._owed = True  # this program's own writes wait: its next search or timer tries again
                if reschedule:
                    self._schedule_retry()
                return False
            except Exception:
                log.warning("updating the search index failed; it will be rebuilt before the next search")
                log.info("index update failure", exc_info=True)
                self.dirty = True
                return True
            self._owed = False
            if not synced:
                self.dirty = True  # no usable index, or changes the log no longer holds
            return True
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def postponed(self) -> Iterator[None]:
        """Index the writes committed in this block when it ends, not as each transaction commits.

        An import of 100,000 rows holds the parsed file and its plan until its transaction is done; indexing after
        the caller has let them go keeps the import's peak memory a quarter lower. Searches meanwhile see the
        index as it was (the overlay covers a few lagging entries; more wait for the catch-up).
        """
        self._postponed += 1
        try:
            yield
        finally:
            self._postponed -= 1
            if not self._postponed and self._postponed_owed:
                self._postponed_owed = False
                self.catch_up()

    def _changes_since(self, held: int | None) -> tuple[Collection[IndexDoc], list[str], int] | None:
        """What the index must write to go from generation ``held`` to now; None if only a rebuild can tell."""
        # No transaction needed: the generation is read first and the log only up to it, so every row of those
        # generations is already committed; entries read afterwards may be newer still, which only helps.
        now = self.generation
        ids = self._changed_between(held, now)
        if ids is None:
            return None
        if len(ids) >= _STREAMED_DOCS:
            docs_streamed, gone = self._streamed_docs_and_deletes(ids)
            return docs_streamed, gone, now
        docs, gone = self._docs_and_deletes(ids)
        return docs, gone, now

    def _streamed_docs_and_deletes(self, ids: Sequence[str]) -> tuple[_StreamedDocs, list[str]]:
        """Like :meth:`_docs_and_deletes`, the documents read only as the index writer takes them (an import
        of 100,000 rows held 100 MB of documents at once): which ids are live is one query per 900."""
        live: set[str] = set()
        for start in range(0, len(ids), 900):
            chunk = list(ids[start : start + 900])
            marks = ",".join("?" * len(chunk))
            live.update(
                r[0]
                for r in self._db.all(
                    f"SELECT id FROM entries WHERE deleted_at IS NULL AND id IN ({marks})",
                    tuple(chunk),
                )
            )
        return _StreamedDocs(self, [i for i in ids if i in live]), sorted(set(ids) - live)

    def _changed_between(self, held: int | None, now: int) -> list[str] | None:
        """Entries changed after generation ``held`` up to ``now`` ([] when equal; None: only a rebuild can tell —
        no index, an index ahead of the database, or a log pruned past ``held``)."""
        if held is None or held > now:
            return None
        if held == now:
            return []
        if held < int(self._meta("index_log_floor") or 0):
            return None  # the log of those generations was pruned
        return self._logged_ids(held, now)

    def _logged_ids(self, held: int, now: int) -> list[str] | None:
        """Entries changed by generations ``held``+1 … ``now``; None when only a rebuild can tell (a generation
        with no log rows, or one that asked for everything)."""
        rows = self._db.all(
            "SELECT generation, entry_id FROM index_log WHERE generation > ? AND generation <= ?", (held, now)
        )
        if len({r[0] for r in rows}) != now - held:
            return None
        ids = list(dict.fromkeys(r[1] for r in rows if r[1]))
        return None if "*" in ids else ids

    def _docs_and_deletes(self, ids: Sequence[str]) -> tuple[list[IndexDoc], list[str]]:
        from csdesk.core.indexdocs import load_docs

        docs = load_docs(self._db.all, ids)
        return docs, sorted(set(ids) - {d.entry_id for d in docs})

    def stale_ids(self) -> list[str] | None:
        """Entries changed since the generation the index holds ([] when current; None: unknown, rebuild)."""
        held = self._whoosh.stamp  # read before the database's generation: the index can only lag, never lead
        return self._changed_between(held, self.generation)

    def _prune_log(self, held: int) -> None:
        """Forget log rows the index holds, keeping the last day's so a slower program's index can still follow."""
        keep_from = held - _LOG_KEEP_GENERATIONS
        if keep_from <= int(self._meta("index_log_floor") or 0):
            return
        with self._db.transaction():
            self._db.execute("DELETE FROM index_log WHERE generation <= ?", (keep_from,))
            self._set_meta("index_log_floor", str(keep_from))

    def _schedule_retry(self, delay: float = 0.5) -> None:
        with self._lock:
            if self._retry is not None and self._retry.is_alive():
                return
            timer = threading.Timer(delay, self._retry_later, args=(delay,))
            timer.daemon = True
            self._retry = timer
            timer.start()

    def _retry_later(self, delay: float) -> None:
        with self._lock:
            self._retry = None
        try:
            done = self.catch_up(timeout=0.1, reschedule=False)
        except Exception:
            log.warning("bringing the search index up to date failed; retried on the next search")
            return
        if not done:
            self._schedule_retry(min(delay * 2, 5.0))

    def stop_retry(self) -> None:
        """On close: no more timer, and one last try (whatever is left stays in the log for the next program)."""
        with self._lock:
            timer, self._retry = self._retry, None
        if timer is not None:
            timer.cancel()
            if timer is not threading.current_thread():
                timer.join()
        # (an index this program never opened holds none of its writes: the next program catches up)
        if self._search_index is None:
            return
        if not self.dirty and self._whoosh.generation not in (None, self.generation):
            try:
                self.catch_up(timeout=1.0, reschedule=False)
            except Exception:
                log.info("search index update on close failed; the log keeps it", exc_info=True)

    def check_against_database(self) -> list[str]:
        """Differences between the index and the database, for doctor (empty when they agree)."""
        if self._whoosh.generation != self.generation:
            return ["generation"]
        held = self._whoosh.doc_ids()
        if held is None:
            return ["unreadable"]
        want = {r[0] for r in self._db.all("SELECT id FROM entries WHERE deleted_at IS NULL AND enabled = 1")}
        return [f"missing:{i}" for i in sorted(want - held)] + [f"extra:{i}" for i in sorted(held - want)]

    def close(self) -> None:
        self.stop_retry()
        if self._search_index is not None:  # (never used: nothing to close, and no reason to import Whoosh)
            self._search_index.close()

    def _iter_docs(self) -> _StreamedDocs:
        """Every live entry's document, in the order the entries were written (a rebuild)."""
        ids = [r[0] for r in self._db.all("SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY rowid")]
        return _StreamedDocs(self, ids)


_STREAMED_DOCS = 5000
"""An index write of at least this many changed entries reads their documents as it goes (an import)."""


class _StreamedDocs(Collection["IndexDoc"]):
    """The index documents of many entries, read 2,000 at a time while the index writer iterates them (or, for a
    share of a big write, by a helper process from the database itself).

    ``entry_ids`` are the entries live when the write began (the writer deletes their old documents first); one
    deleted since then yields no document, as :meth:`IndexArea._docs_and_deletes` would leave it out.
    """

    def __init__(self, area: IndexArea, entry_ids: list[str]) -> None:
        self._area = area
        self.entry_ids = entry_ids
        self.database = area._lib.layout.database
        """Where a helper process reads them itself (:mod:`csdesk.core.indexbuild`)."""

    def subset(self, entry_ids: list[str]) -> _StreamedDocs:
        return _StreamedDocs(self._area, entry_ids)

    def __len__(self) -> int:
        return len(self.entry_ids)

    def __contains__(self, doc: object) -> bool:
        return getattr(doc, "entry_id", None) in set(self.entry_ids)

    def __iter__(self) -> Iterator[IndexDoc]:
        from csdesk.core.indexdocs import category_parents, load_docs

        query = self._area._db.all
        parents = category_parents(query)
        for start in range(0, len(self.entry_ids), 2000):
            yield from load_docs(query, self.entry_ids[start : start + 2000], parents)
