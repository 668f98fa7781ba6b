"""Answer finding: the lexical hits fused with the meaning layer and what the library learned from use.

:class:`AnswerFinder` is what :meth:`Library.search` hands its lexical hits to. For a query that reads as a
sentence (:func:`wants_meaning`) and once the entry vectors are built (:mod:`csdesk.core.vectors`), the
candidates are the lexical hits plus the entries nearest in meaning; each is scored ::

    W_LEX × lexical / best lexical + W_COS × cosine(query, entry) + W_CHAR × character overlap
        + W_LEARN × (best cosine(query, learned phrasing) − cosine(query, entry))

(the learned part counts only above the entry's own cosine). Shortcut-code matches and queries that do not read as a
sentence (codes, pinyin, one word) keep the lexical order: exact matches stay first and typing stays instant.

Every hit carries a confidence (:func:`confidence`): the probability that it is the right answer, from a logistic
fit of top-1 correctness on the benchmark sets (tests/benchmarks/bench_answers.py). The workspace shows "没有把握"
instead of a confident first hit when the first hit's confidence is below :data:`UNSURE`.

numpy and :mod:`csdesk.core.vectors` are imported when the layer starts, not with this module: the app's window
comes up before them (they were a fifth of its start-up imports), and a lexical query never needs them.

Turned off for a library whose setting ``embedder`` is ``off`` or when the ``CSDESK_EMBEDDER`` environment variable
says so (the test suite does, for deterministic lexical results; tests of this layer opt in).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from csdesk.core import semantic
from csdesk.core.learning import LearnedPhrasings
from csdesk.core.semantic import EmbedderError
from csdesk.core.textnorm import STOP_CHARS, fold, is_han

if TYPE_CHECKING:
    import numpy as np

    from csdesk.core.library import Change, Library
    from csdesk.core.models import SearchHit
    from csdesk.core.search import IndexHit
    from csdesk.core.vectors import VectorService, VectorStatus

__all__ = ["CANDIDATES", "UNSURE", "AnswerFinder", "Ranked", "confidence", "is_unsure", "wants_meaning"]

log = logging.getLogger(__name__)

ENV = "CSDESK_EMBEDDER"
CANDIDATES = 30
"""Lexical hits asked of the index and nearest entries taken from the vectors, for the fusion."""

W_LEX = 0.1
W_COS = 0.6
W_CHAR = 0.3
W_LEARN = 0.9
"""Fusion weights, tuned on another draw of OPPO-xiaobu and LCQMC than the one reported (seed 99, the report uses
seed 12) and on the demo messages."""

CODE_SCORE = 1000.0
"""Lexical scores from this up are shortcut-code matches (their plan's bonus)."""

MIN_HAN = 3
"""Queries with fewer Chinese characters are typed words, codes or pinyin: lexical only."""

UNSURE = 0.5
"""Below this confidence the workspace says 没有把握 instead of presenting the first hit as the answer."""

# Logistic calibration of top-1 correctness: fused score of the hit, and the margin of the first over the second.
_CAL_BIAS = -2.43
_CAL_SCORE = 2.04
_CAL_MARGIN = 15.48


def confidence(score: float, margin: float) -> float:
    """Probability that a fused hit is right, from its fused ``score`` and its lead over the next hit."""
    z = _CAL_BIAS + _CAL_SCORE * score + _CAL_MARGIN * max(0.0, margin)
    return 1.0 / (1.0 + math.exp(-z))


def is_unsure(hit: SearchHit) -> bool:
    """Whether the workspace should say 没有把握 rather than offer this (first) hit as the answer."""
    return hit.confidence is not None and hit.confidence < UNSURE


def wants_meaning(query: str) -> bool:
    """Whether the query reads as a sentence (worth the meaning layer): at least :data:`MIN_HAN` Chinese characters."""
    return sum(1 for ch in query if is_han(ch)) >= MIN_HAN


@functools.lru_cache(maxsize=8192)
def _chars(text: str) -> frozenset[str]:
    """The telling Chinese characters of a text (cached: the candidates of one search are often the next one's)."""
    return frozenset(ch for ch in fold(text) if is_han(ch) and ch not in STOP_CHARS)


def _dice(query_chars: frozenset[str], texts: Sequence[str], idf: Callable[[str], float]) -> float:
    """Best character overlap (Dice, each character weighed by its rarity in the library) of the query with one
    of the entry's texts: order-free, so it rewards paraphrases that reuse the customer's characters in another
    order (开线 / 线开了), and the one telling character (缩 of 缩水) more than 衣 and 服.

    ``idf`` is called once per character and search at most when it is a memo (see :class:`_Rarity`)."""
    if not query_chars:
        return 0.0
    total = sum(idf(ch) for ch in query_chars)
    best = 0.0
    for text in texts:
        chars = _chars(text)
        if chars:
            shared = sum(idf(ch) for ch in query_chars & chars)
            best = max(best, 2 * shared / (total + sum(idf(ch) for ch in chars)))
    return best


class _Rarity(dict[str, float]):
    """One search's memo of character rarities (a candidate's texts share most characters with the others')."""

    def __init__(self, idf: Callable[[str], float]) -> None:
        super().__init__()
        self._idf = idf

    def __missing__(self, ch: str) -> float:
        value = self[ch] = self._idf(ch)
        return value


@dataclass(frozen=True)
class Ranked:
    entry_id: str
    score: float
    confidence: float | None = None
    """None when the meaning layer did not rank the query (not ready, off, or a lexical query)."""


_EMBED_ON_THE_FLY = 4
"""Lexical hits without a vector yet that one search embeds itself (see AnswerFinder._unembedded_similarity)."""


class AnswerFinder:
    """One library's answer finding (see the module docstring). Created by the library; started on first use."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.learned = LearnedPhrasings(lib)
        self._lock = threading.Lock()
        self._service: VectorService | None = None
        self._started = False
        self._error = ""
        self._learned_version = -1
        self._learned_ids: list[str] = []
        self._learned_shops: np.ndarray | None = None
        self._learned_matrix: np.ndarray | None = None
        lib.add_listener(self._on_change)

    def _on_change(self, change: Change) -> None:
        # Another model chosen: its vectors are another space, rebuilt in the background (search stays lexical).
        if change.kind == "settings" and semantic.SETTING in change.ids and self._started:
            threading.Thread(target=self.restart, name="csdesk-embedder-switch", daemon=True).start()

    # ------------------------------------------------------------------------------------------------ life

    def start(self) -> VectorService | None:
        """Start building the entry vectors in the background (once); None when the meaning layer is off."""
        with self._lock:
            if self._started:
                return self._service
            self._started = True
            setting = os.environ.get(ENV)
            if setting is None:
                setting = str(self.lib.setting(semantic.SETTING, "") or "")
            try:
                embedder = semantic.embedder_for_setting(setting)
            except EmbedderError as exc:
                log.warning("meaning layer off: %s", exc.english)
                self._error = exc.english
                return None
            if embedder is not None:
                from csdesk.core.vectors import VectorService

                self._service = VectorService(self.lib, embedder)
            return self._service

    def restart(self) -> VectorService | None:
        """After the ``embedder`` setting changed: stop the current build and start with the new model."""
        with self._lock:
            service, self._service = self._service, None
            self._started = False
            self._learned_version = -1
        if service is not None:
            service.close()
        return self.start()

    def close(self) -> None:
        self.lib.remove_listener(self._on_change)
        self.learned.close()
        with self._lock:
            service, self._service = self._service, None
        if service is not None:
            service.close()

    def status(self) -> VectorStatus:
        """How far the vector build is (``csdesk info``, the GUI's progress)."""
        if self._service is None:
            from csdesk.core.vectors import VectorStatus

            return VectorStatus("off", detail=self._error)
        return self._service.status()

    def rebuild(self) -> None:
        """Embed every entry again (``csdesk reindex``); returns at once, :meth:`wait` for the end."""
        service = self.start()
        if service is not None:
            service.rebuild()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the vectors are built and up to date (True), or the layer is off or failed (False)."""
        service = self.start()
        return service.wait(timeout) if service is not None else False

    # ------------------------------------------------------------------------------------------------ ranking

    def rank(
        self,
        query: str,
        hits: Sequence[IndexHit],
        shop_ids: Collection[int] | None,
        *,
        filtered: bool,
        limit: int,
    ) -> list[Ranked]:
        """The hits to show for ``query``, best first (see the module docstring).

        ``filtered``: a category or tag filter is on; the meaning layer then only reorders the lexical hits (the
        vectors do not know categories and tags).
        """
        lexical = [Ranked(h.entry_id, h.score) for h in hits]
        if not wants_meaning(query) or (hits and hits[0].score >= CODE_SCORE):
            return lexical[:limit]
        service = self.start()  # (a lexical query does not start the layer: the window's first search is one)
        if service is None or not service.status().ready:
            return lexical[:limit]
        from csdesk.core.vectors import read_rows

        try:
            qvec = service.encode_query(query)
        except Exception:
            log.warning("encoding the query failed; lexical order kept", exc_info=True)
            return lexical[:limit]
        store = service.store
        best_lex = max((h.score for h in hits), default=0.0)
        lex = {h.entry_id: h.score / best_lex for h in hits} if best_lex > 0 else {}
        candidates = dict.fromkeys(lex)
        if not filtered:
            for entry_id, _ in store.top(qvec, shop_ids, CANDIDATES):
                candidates.setdefault(entry_id)
        learned = self._learned_scores(service, qvec, shop_ids)
        if not filtered:
            for entry_id in learned:
                candidates.setdefault(entry_id)
        cos = store.similarity(qvec, list(candidates))
        rows = {entry_id: (shop, texts) for entry_id, shop, texts in read_rows(self.lib, list(candidates))}
        texts = {entry_id: row[1] for entry_id, row in rows.items()}
        cos.update(self._unembedded_similarity(service, qvec, [i for i in lex if i not in cos], rows))
        chars = _chars(query)
        rarity = _Rarity(service.char_idf).__getitem__
        scored = []
        for entry_id in candidates:
            c = cos.get(entry_id, 0.0)
            overlap = _dice(chars, texts.get(entry_id, ()), rarity)
            s = W_LEX * lex.get(entry_id, 0.0) + W_COS * c + W_CHAR * overlap
            taught = learned.get(entry_id, 0.0)
            if taught > c:
                s += W_LEARN * (taught - c)
            scored.append((s, entry_id))
        scored.sort(key=lambda x: (-x[0], x[1]))
        top = scored[:limit]
        out = []
        for i, (s, entry_id) in enumerate(top):
            following = top[i + 1][0] if i + 1 < len(top) else 0.0
            out.append(Ranked(entry_id, round(s, 6), round(confidence(s, s - following), 4)))
        return out

    def _unembedded_similarity(
        self,
        service: VectorService,
        qvec: np.ndarray,
        entry_ids: Sequence[str],
        rows: dict[str, tuple[int, list[str]]],
    ) -> dict[str, float]:
        """Cosine for lexical hits the store has no vector for yet (written a moment ago, or by another program):
        embedded here, as the store would, and kept in the store, so a new entry is not ranked below every entry
        that has a vector and the next searches do not embed it again. A few at most; the rest wait."""
        todo = [
            (i, rows[i][0], rows[i][1])
            for i in list(entry_ids)[:_EMBED_ON_THE_FLY]
            if i in rows and rows[i][1]
        ]
        if not todo:
            return {}
        try:
            service.embed_now(todo)
        except Exception:
            log.info("embedding a new entry on the fly failed", exc_info=True)
            return {}
        return service.store.similarity(qvec, [i for i, _shop, _texts in todo])

    def _learned_scores(
        self, service: VectorService, qvec: np.ndarray, shop_ids: Collection[int] | None
    ) -> dict[str, float]:
        """Best cosine of the query with each entry's learned phrasings (in the shops searched)."""
        import numpy as np

        if self.learned.version != self._learned_version or self._learned_matrix is None:
            phrases = self.learned.all()
            version = self.learned.version
            texts = [p.phrase for p in phrases]
            matrix = service.embedder.encode(texts) if texts else np.zeros((0, service.store.dim), np.float32)
            self._learned_ids = [p.entry_id for p in phrases]
            self._learned_shops = np.asarray(
                [-1 if p.shop_id is None else p.shop_id for p in phrases], np.int64
            )
            self._learned_matrix = matrix
            self._learned_version = version
        matrix = self._learned_matrix
        if matrix is None or not len(matrix):
            return {}
        sims = matrix @ qvec
        if shop_ids is not None and self._learned_shops is not None:
            allowed = np.isin(self._learned_shops, [*shop_ids, -1])
            sims = np.where(allowed, sims, -2.0)
        out: dict[str, float] = {}
        for i in np.argsort(-sims)[:CANDIDATES]:
            if sims[i] <= 0:
                break
            entry_id = self._learned_ids[i]
            out[entry_id] = max(out.get(entry_id, 0.0), float(sims[i]))
        return out
