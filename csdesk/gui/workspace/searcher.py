"""Searching while the agent types: debounced, in a worker, stale answers dropped, abandoned searches logged.

Each keystroke restarts a short timer (``DEBOUNCE_MS``); when it fires the search runs on the thread pool and the
answer is delivered only if no newer search started meanwhile (a generation counter). ``/code`` looks the shortcut
code up exactly (``Library.find``) and puts that entry first.

A query that showed results for a while and was then changed (not merely extended), cleared or left without a copy
is logged with ``Library.log_search(..., copied=False)``: the supervisor's list of questions the library misses.
Each surface (workspace, palette) has its own controller and marks it copied only for its own copies; the same query
shown again unchanged (the palette reopened with its text) is not logged a second time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import SearchHit
from csdesk.gui.workers import run_in_thread

log = logging.getLogger(__name__)

DEBOUNCE_MS = 40
SETTLE_SECONDS = 2.0
"""How long a query's results must have been on screen before changing it counts as abandoning it."""


@dataclass(frozen=True)
class CodeLookup:
    """What a ``/code`` query found: the code itself, one starting with it, or neither (and where it exists)."""

    code: str
    exact: bool
    prefix: bool
    elsewhere: tuple[str, ...] = ()
    """Shops (other than the current one) that have exactly this code."""

    @property
    def usable(self) -> bool:
        """Enter may copy the top result: it is the code or starts with it (not a fuzzy guess)."""
        return self.exact or self.prefix


def code_of(query: str) -> str | None:
    text = query.strip()
    if text.startswith(("/", "、")) and len(text) > 1:
        return text[1:].strip() or None
    return None


def lookup_code(
    lib: Library, code: str, hits: list[SearchHit], *, shop: str | None, exact: bool
) -> CodeLookup:
    folded = code.lower()
    prefix = any(h.entry.code.lower().startswith(folded) for h in hits if h.entry.code)
    elsewhere: list[str] = []
    if not exact and not prefix:
        for other in lib.shops.all():
            if other.is_shared or other.name == shop:
                continue
            try:
                lib.find(code, shop=other.name)
            except CsdeskError:
                continue
            elsewhere.append(other.name)
    return CodeLookup(code, exact, prefix, tuple(elsewhere))


def search_with_code(
    lib: Library,
    query: str,
    *,
    shop: str | None,
    category: int | tuple[int, ...] | None,
    customer_tags: Collection[str],
    limit: int,
    tags: Collection[str] = (),
) -> tuple[list[SearchHit], CodeLookup | None]:
    """The search a worker runs (an exact ``/code`` jump first, then the ranked search) and, for a ``/code``
    query, what became of the code."""
    text = query.strip()
    exact: SearchHit | None = None
    code = code_of(query)
    if code is not None:
        try:
            entry = lib.find(code, shop=shop)
        except CsdeskError:
            entry = None
        if entry is not None and entry.enabled:
            variant = next(
                (
                    v
                    for v in entry.variants
                    if v.enabled and v.target_tag and v.target_tag in set(customer_tags)
                ),
                None,
            )
            exact = SearchHit(
                entry.id,
                float("inf"),
                entry,
                {"code": ((0, len(entry.code)),)},
                variant.id if variant else None,
            )
        text = code
    hits = lib.search(
        text, shop=shop, category=category, tags=tuple(tags), customer_tags=tuple(customer_tags), limit=limit
    )
    if exact is not None:
        hits = [exact, *(h for h in hits if h.entry_id != exact.entry_id)]
    if code is None:
        return hits, None
    return hits, lookup_code(lib, code, hits, shop=shop, exact=exact is not None)


class SearchController(QObject):
    results_ready = Signal(object, str, object)
    """(list[SearchHit], query, CodeLookup or None) — only the answer to the newest search."""
    failed = Signal(object)

    def __init__(self, lib: Library, parent: QObject | None = None, *, limit: int = 50) -> None:
        super().__init__(parent)
        self._lib = lib
        self._limit = limit
        self._query = ""
        self._shop: str | None = None
        self._category: int | tuple[int, ...] | None = None
        self._tags: tuple[str, ...] = ()
        self._customer_tags: tuple[str, ...] = ()
        self._generation = 0
        self._in_flight = 0
        self._stopped = False
        self._held = False
        self._owed = False  # a search asked for while held
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        # abandoned-search bookkeeping
        self._shown_query = ""
        self._shown_hits = 0
        self._shown_at = 0.0
        self._copied = False
        self._logged = ""
        """The query last logged as abandoned: shown again unchanged (the palette reopened), it is not logged twice."""

    # -- inputs --------------------------------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    @property
    def shop(self) -> str | None:
        return self._shop

    def set_query(self, text: str) -> None:
        if text == self._query:
            return
        if not text.strip():
            self.abandon()
        self._query = text
        if text.strip() != self._logged:
            self._logged = ""
        self._timer.start()

    def set_shop(self, shop: str | None) -> None:
        self._shop = shop
        self._timer.start()

    def set_category(self, category: int | tuple[int, ...] | None) -> None:
        """Filter on a category subtree; several ids: one path of the shop and of the shared scope."""
        self._category = category
        self._timer.start()

    def set_tags(self, tags: Collection[str]) -> None:
        """Only entries carrying all of ``tags`` (the workspace's tag filter)."""
        tags = tuple(tags)
        if tags != self._tags:
            self._tags = tags
            self._timer.start()

    @property
    def tags(self) -> tuple[str, ...]:
        return self._tags

    def set_customer_tags(self, tags: Collection[str]) -> None:
        tags = tuple(tags)
        if tags != self._customer_tags:
            self._customer_tags = tags
            self._timer.start()

    @property
    def customer_tags(self) -> tuple[str, ...]:
        return self._customer_tags

    def refresh(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """No more searches and no late answers (the window is closing; the library may close next)."""
        self._timer.stop()
        self._generation += 1
        self._stopped = True

    def is_busy(self) -> bool:
        return self._timer.isActive() or self._in_flight > 0 or self._owed

    def hold(self) -> None:
        """Searches wait until :meth:`release`. The main window holds its workspace's first search until the window
        has painted: the window (and its search box) shows sooner, the first list right after."""
        self._held = True
        if self._timer.isActive():
            self._timer.stop()
            self._owed = True

    def release(self) -> None:
        """Run the search asked for while held, if any; search as usual from now on."""
        self._held = False
        if self._owed:
            self._owed = False
            self.search_now()

    # -- searching -----------------------------------------------------------------------------------------
    def search_now(self) -> None:
        self._timer.stop()
        if self._stopped:
            return
        if self._held:
            self._owed = True
            return
        self._generation += 1
        generation = self._generation
        query, lib = self._query, self._lib
        shop, category, tags, limit = self._shop, self._category, self._customer_tags, self._limit
        only = self._tags
        self._in_flight += 1

        def work() -> tuple[list[SearchHit], CodeLookup | None]:
            return search_with_code(
                lib, query, shop=shop, category=category, customer_tags=tags, limit=limit, tags=only
            )

        def done(answer: object) -> None:
            self._in_flight -= 1
            if generation == self._generation:
                assert isinstance(answer, tuple)
                hits, code = answer
                self._shown(query, len(hits))
                self.results_ready.emit(hits, query, code)

        def failed(exc: BaseException) -> None:
            self._in_flight -= 1
            if generation == self._generation:
                self.failed.emit(exc)

        run_in_thread(work, done, failed, owner=self)

    # -- search log ----------------------------------------------------------------------------------------
    def _shown(self, query: str, hits: int) -> None:
        previous = self._shown_query.strip()
        current = query.strip()
        if previous and current != previous:
            refined = current.startswith(previous) or previous.startswith(current)
            if not refined and time.monotonic() - self._shown_at >= SETTLE_SECONDS:
                self._log_abandoned()
        if current != previous:
            self._shown_query, self._shown_hits, self._shown_at = query, hits, time.monotonic()
            self._copied = False
        else:
            self._shown_hits = hits

    def mark_copied(self) -> None:
        """A reply was copied for the current query: it is not an abandoned search."""
        self._copied = True

    def abandon(self) -> None:
        """The query is being cleared or the window closed: log it when nothing was copied."""
        self._log_abandoned()
        self._shown_query, self._shown_hits, self._copied = "", 0, False

    def _log_abandoned(self) -> None:
        query = self._shown_query.strip()
        if not query or self._copied or query == self._logged:
            return
        self._copied = True  # log once
        self._logged = query
        try:
            self._lib.usage.log_search(query, hits=self._shown_hits, copied=False, shop=self._shop)
        except CsdeskError:
            log.warning("could not log search %r", query, exc_info=True)
