"""Knowledge gaps from searches: what agents looked for and did not find (or found and did not copy).

The workspace logs a search when the agent gives up on it: ``hits = 0`` (nothing found) or ``copied = 0`` with hits
(found, nothing copied). The period's logged queries are counted per wording in SQL, grouped by
:mod:`csdesk.core.insight.grouping` so different wordings of one question count together, and ranked by how often
they were asked. One action turns a gap into a new entry (its wordings become the question and the similar
questions) or into similar questions of an existing entry; either way its wordings are marked done
(``insight_gaps_done``) and searches up to that moment no longer count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from csdesk.core.answers import UNSURE
from csdesk.core.errors import ValidationError
from csdesk.core.insight.grouping import DEFAULT_THRESHOLD, Grouper, features, normalise, similarity
from csdesk.core.insight.period import Period
from csdesk.core.library import Library, now_iso
from csdesk.core.models import Entry, EntryDraft, SearchHit

__all__ = [
    "Gap",
    "GapKind",
    "Suggestion",
    "dismiss_gap",
    "find_gaps",
    "gap_to_entry",
    "gap_to_similar",
    "suggest_entry",
]

GapKind = Literal["all", "failed", "not_copied"]
MAX_SIMILAR = 30
"""Similar questions a gap adds to an entry at most (the most asked wordings)."""


@dataclass(frozen=True)
class Suggestion:
    """The library's best entry for a question, and how sure (0–1).

    ``calibrated``: the sureness is the search's own confidence in its first hit (:func:`csdesk.core.answers.
    confidence`, what the workspace's 没有把握 state reads), and the entry is that first hit; otherwise (meaning layer
    off or not built yet, or the wording is not a sentence) it is the grouping similarity of the wordings.
    """

    entry_id: str
    title: str
    code: str
    sureness: float
    calibrated: bool = False

    @property
    def answers(self) -> bool:
        """Sure enough to say the library answers the question: with a calibrated sureness, exactly when the
        workspace would offer the first hit instead of saying 没有把握."""
        return self.sureness >= (UNSURE if self.calibrated else DEFAULT_THRESHOLD)


@dataclass
class Gap:
    """One question the library misses, in all its wordings."""

    label: str
    count: int
    failed: int
    """Searches of it that found nothing (the rest found something the agent did not copy)."""
    wordings: list[tuple[str, int]]
    newest: list[tuple[str, str]] = field(default_factory=list)
    """(last time asked, wording), newest first."""
    normals: list[str] = field(default_factory=list)
    suggestion: Suggestion | None = None

    @property
    def not_copied(self) -> int:
        return self.count - self.failed

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "count": self.count,
            "failed": self.failed,
            "not_copied": self.not_copied,
            "wordings": [{"text": t, "count": n} for t, n in self.wordings],
            "newest": [{"ts": ts, "text": t} for ts, t in self.newest],
            "suggestion": None
            if self.suggestion is None
            else {
                "entry_id": self.suggestion.entry_id,
                "title": self.suggestion.title,
                "code": self.suggestion.code,
                "sureness": round(self.suggestion.sureness, 3),
            },
        }


def _logged_queries(
    lib: Library, period: Period, shop_id: int | None, kind: GapKind, agent: str | None
) -> list[tuple[str, int, int, str]]:
    """(query, searches, of which found nothing, last time) per logged wording, done wordings left out."""
    where = ["ts >= ?", "ts < ?"]
    params: list[Any] = [period.start_ts, period.end_ts]
    if shop_id is not None:
        where.append("shop_id = ?")
        params.append(shop_id)
    if agent:
        where.append("agent = ?")
        params.append(agent)
    if kind == "failed":
        where.append("hits = 0")
    elif kind == "not_copied":
        where.append("hits > 0 AND copied = 0")
    else:
        where.append("copied = 0")
    sql = f"""SELECT query, COUNT(*), SUM(hits = 0), MAX(ts), MIN(ts) FROM search_log
              WHERE {" AND ".join(where)} GROUP BY query"""
    rows = lib.database.all(sql, tuple(params))
    done = {r[0]: r[1] for r in lib.database.all("SELECT wording, done_at FROM insight_gaps_done")}
    out = []
    for query, n, failed, last, first in rows:
        done_at = done.get(normalise(query)) if done else None
        if done_at is not None and first < done_at:
            if last < done_at:
                continue
            again = lib.database.one(
                f"SELECT COUNT(*), SUM(hits = 0) FROM search_log WHERE {' AND '.join(where)} AND query = ? AND ts >= ?",
                (*params, query, done_at),
            )
            assert again is not None
            n, failed = int(again[0]), int(again[1] or 0)
        out.append((query, int(n), int(failed or 0), str(last)))
    return out


def find_gaps(
    lib: Library,
    period: Period,
    *,
    shop: str | int | None = None,
    agent: str | None = None,
    kind: GapKind = "all",
    limit: int = 50,
    min_count: int = 1,
    suggest: int = 20,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Gap]:
    """The period's gaps, most asked first; the first ``suggest`` get the library's best entry (see
    :func:`suggest_entry`): a gap whose wordings an entry already answers is a search that failed for another reason
    (a typo, a shop filter) rather than a missing entry."""
    if kind not in ("all", "failed", "not_copied"):
        raise ValidationError(f"未知的类型「{kind}」", f"Unknown kind '{kind}'")
    shop_id = lib.shops.get(shop).id if shop not in (None, "") else None
    rows = _logged_queries(lib, period, shop_id, kind, agent)
    if not rows:
        return []
    counts = {q: n for q, n, _, _ in rows}
    failed = {q: f for q, _, f, _ in rows}
    last = {q: ts for q, _, _, ts in rows}
    grouper = Grouper(threshold)
    groups = grouper.group(counts)
    gaps: list[Gap] = []
    for group in groups:
        if group.count < min_count:
            break
        texts = [t for t, _ in group.wordings]
        newest = sorted(((last[t], t) for t in texts), reverse=True)[:5]
        gaps.append(
            Gap(
                label=group.label,
                count=group.count,
                failed=sum(failed[t] for t in texts),
                wordings=group.wordings,
                newest=newest,
                normals=group.normals,
            )
        )
        if len(gaps) >= limit:
            break
    for gap in gaps[:suggest]:
        gap.suggestion = suggest_entry(lib, [t for t, _ in gap.wordings], shop=shop, grouper=grouper)
    return gaps


def suggest_entry(
    lib: Library, wordings: Sequence[str], *, shop: str | int | None = None, grouper: Grouper | None = None
) -> Suggestion | None:
    """The library's best entry for a question asked in ``wordings`` (most asked first), and how sure.

    When the meaning layer ranked the search, the answer is the first hit of the surest of the first two wordings
    and the sureness its confidence: the gap list's "answered" / "没有把握" is the workspace's (a search whose best
    hit is below :data:`~csdesk.core.answers.UNSURE` is a gap, not an answered question). Otherwise the candidates
    are the search's top hits for the first wordings and the sureness the best grouping similarity between a
    wording and the entry's question, similar questions or title.
    """
    weight = grouper.weight if grouper is not None else {}
    candidates: dict[str, Entry] = {}
    first_hits: list[SearchHit] = []
    for text in wordings[:2]:
        hits = lib.search(text, shop=shop, limit=3)
        if hits:
            first_hits.append(hits[0])
        for hit in hits:
            candidates.setdefault(hit.entry_id, hit.entry)
    if not candidates:
        return None
    # the same measure as the workspace's 没有把握: the search's confidence in its first hit (the surest wording)
    calibrated = [h for h in first_hits if h.confidence is not None]
    if calibrated:
        hit = max(calibrated, key=lambda h: h.confidence or 0.0)
        return Suggestion(hit.entry.id, hit.entry.title, hit.entry.code, float(hit.confidence or 0.0), True)
    asked = [features(normalise(t)) for t in wordings[:10]]
    best: tuple[float, Entry] | None = None
    for entry in candidates.values():
        known = [features(normalise(t)) for t in (entry.question, *entry.similar, entry.title) if t.strip()]
        score = max((similarity(a, k, weight) for a in asked for k in known), default=0.0)
        if best is None or score > best[0]:
            best = (score, entry)
    assert best is not None
    return Suggestion(best[1].id, best[1].title, best[1].code, best[0])


def _mark_done(lib: Library, gap: Gap, entry_id: str) -> None:
    stamp = now_iso()
    with lib.database.transaction():
        for normal in gap.normals or [normalise(t) for t, _ in gap.wordings]:
            lib.database.execute(
                "INSERT OR REPLACE INTO insight_gaps_done(wording, entry_id, done_at) VALUES (?, ?, ?)",
                (normal, entry_id, stamp),
            )


def gap_to_entry(
    lib: Library,
    gap: Gap,
    reply: str,
    *,
    shop: str | int | None = None,
    category: str | int | None = None,
    title: str = "",
) -> Entry:
    """A new entry answering ``gap``: its most asked wording the question, the others its similar questions."""
    if not reply.strip():
        raise ValidationError(
            "新话术需要一段回复:请先写好回复再保存。", "A new entry needs a reply: write one before saving."
        )
    texts = _distinct([t for t, _ in gap.wordings])
    question = texts[0] if texts else gap.label
    entry = lib.create(
        EntryDraft(
            reply=reply.strip(),
            title=(title or question)[:40],
            shop=shop,
            category=category,
            question=question,
            similar=tuple(texts[1 : MAX_SIMILAR + 1]),
        )
    )
    _mark_done(lib, gap, entry.id)
    return entry


def gap_to_similar(lib: Library, gap: Gap, entry_id: str) -> Entry:
    """Add the gap's wordings to an existing entry's similar questions (those it does not have yet)."""
    entry = lib.get(entry_id)
    have = {normalise(t) for t in (entry.question, *entry.similar)}
    added = [t for t in _distinct([t for t, _ in gap.wordings]) if normalise(t) not in have]
    similar = (*entry.similar, *added[: max(5, MAX_SIMILAR - len(entry.similar))])
    updated = lib.update(entry_id, similar=tuple(similar)) if added else entry
    _mark_done(lib, gap, entry_id)
    return updated


def dismiss_gap(lib: Library, gap: Gap) -> None:
    """Not a gap (a test search, a customer's name): its searches so far are no longer shown."""
    _mark_done(lib, gap, "")


def _distinct(texts: Sequence[str]) -> list[str]:
    """Texts with one of each normal form (the first, i.e. the most asked), stripped."""
    seen: set[str] = set()
    out = []
    for text in texts:
        key = normalise(text)
        if key and key not in seen:
            seen.add(key)
            out.append(text.strip())
    return out
