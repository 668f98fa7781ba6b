"""One red-line policy for every path that lets text reach a customer or the library.

The rule checking itself lives in :mod:`csdesk.core.rules` and ``Library.check``; this module decides what a check
means on each path, so the CLI, the GUI, the importers and the team library apply the same policy:

- **copy** (:func:`copy_hits`, :func:`refuse_block`): when the library's supervisor setting
  :data:`COPY_CHECK_SETTING` is on (the default), a reply with a block hit is not copied unless an override reason is
  given; the override is logged with ``Library.log_copy(action="override", note=reason)``, as the GUI does.
- **import and team publish** (:func:`scan_rows`, :func:`scan_entries`): every entry whose reply or variant has a
  hit is listed as :class:`RedLineFinding` (row, field, word, rule) before anything is written.

Qt-free: the GUI shows what these functions return.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import CsdeskError
from csdesk.core.models import RuleHit

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.models import Entry, Rule
    from csdesk.core.rules import RuleChecker

__all__ = [
    "COPY_CHECK_SETTING",
    "RedLineBlocked",
    "RedLineFinding",
    "copy_checks_red_lines",
    "copy_hits",
    "describe_hits",
    "publish_findings",
    "refuse_block",
    "scan_entries",
    "scan_rows",
]

COPY_CHECK_SETTING = "copy_checks_red_lines"
"""Library setting (a supervisor's, behind the PIN): whether copying a reply checks its red lines. Default on."""


def copy_checks_red_lines(lib: Library) -> bool:
    """Whether copy refuses block hits in this library (the supervisor's setting; on unless switched off)."""
    value = lib.setting(COPY_CHECK_SETTING, True)
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off", "否", "关")
    return bool(value)


def _rule_label(lib: Library, hit: RuleHit, cache: dict[int, str]) -> str:
    """The rule's pattern (what a supervisor finds on the red-line page), falling back to the hit's text."""
    if hit.rule_id is None:
        return hit.text
    if hit.rule_id not in cache:
        try:
            cache[hit.rule_id] = lib.rules.get(hit.rule_id).pattern
        except CsdeskError:
            cache[hit.rule_id] = hit.text
    return cache[hit.rule_id]


def describe_hits(hits: Sequence[RuleHit], language: str = "zh") -> list[str]:
    """One line per hit: level, the words, the reason and the suggested wording."""
    lines = []
    for hit in hits:
        if language == "en":
            level = "BLOCK" if hit.severity == "block" else "warn"
            lines.append(
                f"[{level}] '{hit.text}' {hit.reason}" + (f" Try: {hit.suggestion}" if hit.suggestion else "")
            )
        else:
            level = "禁止" if hit.severity == "block" else "提醒"
            lines.append(
                f"[{level}]「{hit.text}」{hit.reason}" + (f" 建议:{hit.suggestion}" if hit.suggestion else "")
            )
    return lines


class RedLineBlocked(CsdeskError):
    """A copy refused because the reply has block-level red-line hits and no override reason was given."""

    def __init__(self, hits: Sequence[RuleHit]) -> None:
        words = "、".join(dict.fromkeys(h.text for h in hits if h.severity == "block"))
        super().__init__(
            f"回复含有禁止发送的红线词:{words}。没有复制。确需发送时请写明理由:--override 理由(会记录在使用记录里)。",
            f"The reply has block-level red-line words: {words}. Nothing was copied. To send it anyway give a "
            "reason with --override REASON (it is logged).",
        )
        self.hits = list(hits)


def copy_hits(lib: Library, text: str, *, shop: str | int | None = None) -> list[RuleHit]:
    """The red-line hits copy must show for ``text``: none when the supervisor switched the copy check off."""
    if not copy_checks_red_lines(lib):
        return []
    return lib.check(text, shop=shop)


def refuse_block(hits: Sequence[RuleHit], override_reason: str | None) -> str | None:
    """Raise :class:`RedLineBlocked` for block hits without a reason; the reason (stripped) to log when one is given
    for block hits, else None. An empty or blank reason is no reason."""
    if not any(h.severity == "block" for h in hits):
        return None
    reason = (override_reason or "").strip()
    if not reason:
        raise RedLineBlocked(hits)
    return reason


@dataclass(frozen=True)
class RedLineFinding:
    """One red-line hit in an entry about to be imported or published."""

    title: str
    shop: str
    field: str
    """``回复`` or ``变体 A`` (what would reach a customer)."""
    field_en: str
    word: str
    rule: str
    """The rule's pattern."""
    severity: str
    reason: str
    row: int | None = None
    path: str = ""

    def location(self, language: str = "zh") -> str:
        if self.row is not None:
            return f"row {self.row}" if language == "en" else f"第 {self.row} 行"
        return self.path

    def line(self, language: str = "zh") -> str:
        """``第 3 行「标题」(店铺) 回复: [禁止]「加微信」规则 加.{0,3}微信 — 原因``, or its English version."""
        shop = f" ({self.shop})" if self.shop else ""
        where = " ".join(
            x
            for x in (self.location(language), f"'{self.title}'" if language == "en" else f"「{self.title}」")
            if x
        )
        if language == "en":
            level = "BLOCK" if self.severity == "block" else "warn"
            return f"{where}{shop} {self.field_en}: [{level}] '{self.word}' rule {self.rule} — {self.reason}"
        level = "禁止" if self.severity == "block" else "提醒"
        return f"{where}{shop} {self.field}:[{level}]「{self.word}」规则 {self.rule} — {self.reason}"


PARALLEL_MIN_TEXTS = 20_000
"""Texts below which one process checks them all; a helper process checks half of a bigger import's."""

_HELPER_WAIT_S = 600.0


def _scan(
    lib: Library,
    items: Iterable[tuple[int | None, str, str, str, list[tuple[str, str, str]]]],
    early: EarlyCheck | None = None,
) -> list[RedLineFinding]:
    findings: list[RedLineFinding] = []
    labels: dict[int, str] = {}
    shop_ids = _shop_ids(lib)
    jobs: list[
        tuple[str, int | None]
    ] = []  # (text, the shop whose rules apply besides the library-wide ones)
    places: list[tuple[int | None, str, str, str, str, str]] = []
    for row, path, title, shop, texts in items:
        for field, field_en, text in texts:
            if text:
                jobs.append((text, shop_ids.get(shop)))
                places.append((row, path, title, shop, field, field_en))
    for position, hits in _check_all(lib, jobs, early):
        row, path, title, shop, field, field_en = places[position]
        for hit in hits:
            findings.append(
                RedLineFinding(
                    title=title, shop=shop, field=field, field_en=field_en, word=hit.text,
                    rule=_rule_label(lib, hit, labels), severity=hit.severity, reason=hit.reason,
                    row=row, path=path,
                )
            )  # fmt: skip
    return findings


def _shop_ids(lib: Library) -> dict[str, int]:
    """Shop name → id: the shop whose own rules apply to a text, besides the library-wide ones."""
    return {s.name: lib.shops.get(s.name).id for s in lib.shops.all()}


class EarlyCheck:
    """The red lines of a big import's texts, checked by a helper process while the import makes its plan.

    Started before the plan with each row's shop as the file names it (:meth:`start`), for the first
    :data:`EARLY_SHARE` of the texts; :func:`scan_rows` then checks only the texts the helper was not given, and
    any text whose shop the plan changed (a row matched to an entry of another shop): a check is a pure function of
    the text and the shop, so a result is taken only for exactly the same pair.
    """

    def __init__(self, helper: Any, jobs: list[tuple[str, int | None]]) -> None:
        self.jobs = jobs
        self.covered = set(jobs)
        self._helper = helper
        self._stop = weakref.finalize(self, helper.stop)  # also when the import fails before its scan

    @classmethod
    def start(cls, lib: Library, rows: Sequence[tuple[Any, str]]) -> EarlyCheck | None:
        """``rows``: (ImportRow, shop name) each. None for a small file (one process checks it all later)."""
        shop_ids = _shop_ids(lib)
        jobs = [
            (text, shop_ids.get(shop))
            for row, shop in rows
            for _field, _field_en, text in _row_texts(row)
            if text
        ]
        if len(jobs) < PARALLEL_MIN_TEXTS:
            return None
        from csdesk.core.helperproc import Helper

        share = jobs[: int(len(jobs) * EARLY_SHARE)]
        helper = Helper.start(
            "csdesk.core.redlines:check_texts", lib.rules.all(include_disabled=False), share
        )
        return None if helper is None else cls(helper, share)

    def results(self) -> dict[tuple[str, int | None], list[RuleHit]] | None:
        """Hits by (text, shop id) of the jobs given to the helper that have any; None when the helper failed."""
        try:
            done, found = self._helper.result(_HELPER_WAIT_S)
        finally:
            self._stop()
        if not done:
            return None
        hits: dict[tuple[str, int | None], list[RuleHit]] = {}  # a job given and not listed has no hits
        for position, job_hits in found:
            hits[self.jobs[position]] = job_hits
        return hits


EARLY_SHARE = 2 / 3
"""The helper starts before the plan (about 2.5 s at 100,000 rows), so it takes more than half."""


def _check_all(
    lib: Library, jobs: list[tuple[str, int | None]], early: EarlyCheck | None = None
) -> list[tuple[int, list[RuleHit]]]:
    """The hits of each job that has any, by position; a helper process checks the first half of many (an
    import of 100,000 rows spent 6 s here), and this process the rest (and the helper's share if it fails).
    With ``early``, the helper has checked its share already: this process checks the others first, then takes
    the helper's results (or checks those too if it failed)."""
    checker = lib.rules.checker()
    if early is not None:
        found = [
            (p, checker.check(t, shop_id=s)) for p, (t, s) in enumerate(jobs) if (t, s) not in early.covered
        ]
        known = early.results()
        for position, job in enumerate(jobs):
            if job in early.covered:
                found.append(
                    (
                        position,
                        known.get(job, []) if known is not None else checker.check(job[0], shop_id=job[1]),
                    )
                )
        return sorted(((p, h) for p, h in found if h), key=lambda item: item[0])
    helper = None
    cut = len(jobs) // 2
    if len(jobs) >= PARALLEL_MIN_TEXTS:
        from csdesk.core.helperproc import Helper

        helper = Helper.start(
            "csdesk.core.redlines:check_texts", lib.rules.all(include_disabled=False), jobs[:cut]
        )
    if helper is None:
        return check_texts_with(checker, jobs)
    try:
        own = check_texts_with(checker, jobs[cut:], offset=cut)
        done, theirs = helper.result(_HELPER_WAIT_S)
    finally:
        helper.stop()
    if not done:
        theirs = check_texts_with(checker, jobs[:cut])
    return [*theirs, *own]


def check_texts(
    rules: Sequence[Rule], jobs: Sequence[tuple[str, int | None]]
) -> list[tuple[int, list[RuleHit]]]:
    """In a helper process: :func:`check_texts_with` a checker of ``rules`` (the library's enabled rules)."""
    from csdesk.core.rules import RuleChecker

    return check_texts_with(RuleChecker(rules), jobs)


def check_texts_with(
    checker: RuleChecker, jobs: Sequence[tuple[str, int | None]], *, offset: int = 0
) -> list[tuple[int, list[RuleHit]]]:
    """``(offset + position, hits)`` of each ``(text, shop id)`` with hits."""
    found = []
    for position, (text, shop_id) in enumerate(jobs):
        hits = checker.check(text, shop_id=shop_id)
        if hits:
            found.append((offset + position, hits))
    return found


def _variant_texts(variants: Iterable[Any]) -> list[tuple[str, str, str]]:
    texts = []
    for number, variant in enumerate(variants, start=1):
        reply = variant.get("reply", "") if isinstance(variant, dict) else getattr(variant, "reply", "")
        label = (
            variant.get("label", "") if isinstance(variant, dict) else getattr(variant, "label", "")
        ) or str(number)
        texts.append((f"变体 {label}", f"variant {label}", str(reply or "")))
    return texts


def _row_texts(row: Any) -> list[tuple[str, str, str]]:
    """What of an import row reaches a customer: its reply and every variant's."""
    return [("回复", "reply", str(row.fields.get("reply") or "")), *_variant_texts(row.variants or ())]


def scan_rows(
    lib: Library, rows: Iterable[tuple[Any, str, str]], *, early: EarlyCheck | None = None
) -> list[RedLineFinding]:
    """Findings in import rows: ``(ImportRow, title, shop name)`` each; the reply and every variant are checked
    (``early``: what a helper checked while the import planned, :class:`EarlyCheck`)."""
    return _scan(lib, ((row.row, row.path, title, shop, _row_texts(row)) for row, title, shop in rows), early)


def scan_entries(lib: Library, entries: Iterable[Entry]) -> list[RedLineFinding]:
    """Findings in library entries (team publish): the reply and every variant of each."""
    return _scan(
        lib,
        (
            (
                None,
                entry.code or entry.id[:8],
                entry.title,
                entry.shop_name,
                [("回复", "reply", entry.reply), *_variant_texts(entry.variants)],
            )
            for entry in entries
        ),
    )


def publish_findings(lib: Library, shops: Sequence[str] | None = None) -> list[RedLineFinding]:
    """Findings in what a team publish of ``shops`` (None: every shop) would carry: shared entries, not the agents'
    own (``personal``), enabled or not (a switched-off entry can be switched on in every copy)."""
    wanted = set(shops) if shops else None
    shared = lib.shops.shared.name
    entries = [
        e
        for e in lib.entries.all()
        if e.origin != "personal" and (wanted is None or e.shop_name in wanted or e.shop_name == shared)
    ]
    return scan_entries(lib, entries)
