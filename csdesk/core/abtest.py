"""Wording A/B tests: one entry, two or more wordings, which one reaches the goal (成交 / 解决 / 好评) more often.

A supervisor starts a test on an entry (its own reply and/or its variants are the arms). While it runs, the copy path
(``Library.render`` and ``Library.log_copy`` call :func:`copy_arm` and :func:`record_copy`) gives each customer one
arm, chosen by a hash of the test's uid and the customer's nickname, so one customer always sees one wording and the
arms fill by their split. Copies without a nickname take turns (the arm furthest behind its share). The agent marks
the chat's outcome (one key in the workspace) or an order CSV marks it; the unit of the statistics is the chat (one
customer, or one anonymous copy), so a customer copied to three times still counts once.

The statistics are in :mod:`csdesk.core.abstats`. Qt-free.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core import abstats
from csdesk.core.errors import CsdeskError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.models import Entry

log = logging.getLogger(__name__)

GOALS: dict[str, tuple[str, str]] = {
    "deal": ("成交", "order placed"),
    "resolved": ("解决", "resolved"),
    "praise": ("好评", "good review"),
}
"""Goal key → (Chinese, English)."""

ORIGINAL = "原文"
NICKNAME = "客户昵称"
TEAM_SUBFOLDER = "abtests"
CSV_WINDOW_DAYS = 7
"""An order counts for the copies made to that customer within this many days before it."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Arm:
    key: str
    """A, B, C … (A is the control the others are compared with)."""
    variant_id: str | None
    """None: the entry's own reply."""
    label: str
    weight: int


@dataclass(frozen=True)
class AbTest:
    id: int
    uid: str
    entry_id: str
    name: str
    arms: tuple[Arm, ...]
    shops: tuple[int, ...] = ()
    customer_tag: str = ""
    goal: str = "deal"
    end_date: str = ""
    end_sample: int = 0
    status: str = "running"
    started_at: str = ""
    started_by: str = ""
    ended_at: str = ""
    ended_by: str = ""
    winner: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    promoted_version: int | None = None

    def arm(self, key: str) -> Arm:
        found = next((a for a in self.arms if a.key == key), None)
        if found is None:
            raise NotFoundError(f"测试里没有 {key} 组。", f"The test has no arm {key}.")
        return found

    @property
    def goal_label(self) -> str:
        return GOALS.get(self.goal, (self.goal, self.goal))[0]


@dataclass
class ArmResult:
    key: str
    label: str
    variant_id: str | None
    copies: int
    chats: int
    marked: int
    successes: int
    rate: float
    low: float
    high: float
    p_value: float | None = None
    """Two-proportion z-test against arm A (None for A itself or without data)."""
    p_better: float | None = None
    """Bayesian probability that this arm beats A (Beta(1,1) priors)."""


@dataclass
class TestResult:
    test_id: int
    arms: list[ArmResult]
    needed_per_arm: int | None
    """Chats still needed per arm to tell the observed difference apart (α 0.05, power 0.8); None: no difference
    seen yet to size it."""
    best: str
    verdict: str
    verdict_en: str
    agents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# ----------------------------------------------------------------------------------------------------------
# Reading and starting tests
# ----------------------------------------------------------------------------------------------------------
def _test(row: Any) -> AbTest:
    arms = tuple(
        Arm(a["key"], a.get("variant_id"), a.get("label", ""), int(a.get("weight", 1)))
        for a in json.loads(row["arms"])
    )
    return AbTest(
        id=int(row["id"]), uid=row["uid"], entry_id=row["entry_id"], name=row["name"], arms=arms,
        shops=tuple(json.loads(row["shops"] or "[]")), customer_tag=row["customer_tag"], goal=row["goal"],
        end_date=row["end_date"], end_sample=int(row["end_sample"]), status=row["status"],
        started_at=row["started_at"], started_by=row["started_by"], ended_at=row["ended_at"],
        ended_by=row["ended_by"], winner=row["winner"], result=json.loads(row["result"] or "{}"),
        promoted_version=row["promoted_version"],
    )  # fmt: skip


def tests(lib: Library, *, status: str | None = None) -> list[AbTest]:
    """Every test (newest first), or those with ``status`` (running | ended)."""
    if status:
        rows = lib.database.all("SELECT * FROM ab_tests WHERE status = ? ORDER BY id DESC", (status,))
    else:
        rows = lib.database.all("SELECT * FROM ab_tests ORDER BY id DESC")
    return [_test(r) for r in rows]


def get_test(lib: Library, test_id: int | str) -> AbTest:
    row = lib.database.one("SELECT * FROM ab_tests WHERE id = ? OR uid = ?", (_int_or(test_id), str(test_id)))
    if row is None:
        raise NotFoundError(f"找不到 A/B 测试 {test_id}。", f"No A/B test {test_id}.")
    return _test(row)


def _int_or(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def parse_split(text: str, arms: int) -> list[int]:
    """ "50/50", "70/30", "1:1:1" → weights; an empty text splits evenly. Bad text raises a ValidationError."""
    text = text.strip()
    if not text:
        return [1] * arms
    parts = [p for p in text.replace(":", "/").replace(",", "/").replace(",", "/").split("/") if p.strip()]
    try:
        weights = [int(p.strip().rstrip("%")) for p in parts]
    except ValueError:
        weights = []
    if len(weights) != arms or any(w <= 0 for w in weights):
        raise ValidationError(
            f"分流比例「{text}」不对:要 {arms} 个正整数,用 / 分开,例如 50/50。",
            f"The split “{text}” is wrong: give {arms} positive whole numbers separated by /, e.g. 50/50.",
        )
    return weights


def start_test(
    lib: Library,
    entry_id: str,
    *,
    variant_ids: Sequence[str | None] | None = None,
    name: str = "",
    shops: Iterable[str | int] = (),
    customer_tag: str = "",
    split: str = "",
    goal: str = "deal",
    end_date: str = "",
    end_sample: int = 0,
) -> AbTest:
    """Start a test on ``entry_id``. ``variant_ids``: the arms in order (None = the entry's own reply); by default
    the entry's own reply and every enabled variant. Every bad setting raises a ValidationError and starts nothing."""
    entry = lib.get(entry_id)
    if variant_ids is None:
        variant_ids = [None, *(v.id for v in entry.variants if v.enabled)]
    known = {v.id: v for v in entry.variants}
    chosen = list(dict.fromkeys(variant_ids))
    for vid in chosen:
        if vid is not None and vid not in known:
            raise ValidationError(
                "测试里的变体不属于这个条目。", "A variant of the test does not belong to the entry."
            )
    if len(chosen) < 2:
        raise ValidationError(
            "A/B 测试至少要两种说法:先给这个条目加一个变体。",
            "An A/B test needs two wordings at least: add a variant to the entry first.",
        )
    if goal not in GOALS:
        raise ValidationError(
            f"目标「{goal}」不认识:成交、解决或好评。", f"Unknown goal “{goal}”: deal, resolved or praise."
        )
    if end_date:
        try:
            if date.fromisoformat(end_date) < date.today():
                raise ValidationError(
                    f"结束日期 {end_date} 已经过去了。", f"The end date {end_date} has passed."
                )
        except ValueError:
            raise ValidationError(
                f"结束日期「{end_date}」不是 YYYY-MM-DD 格式。",
                f"The end date “{end_date}” is not YYYY-MM-DD.",
            ) from None
    if end_sample < 0:
        raise ValidationError("样本量不能是负数。", "The sample size cannot be negative.")
    if lib.database.one("SELECT 1 FROM ab_tests WHERE entry_id = ? AND status = 'running'", (entry_id,)):
        raise ValidationError(
            "这个条目已经有一个进行中的测试,先结束它。",
            "This entry has a running test already: end it first.",
        )
    weights = parse_split(split, len(chosen))
    shop_ids = sorted({lib.shops.get(s).id for s in shops})
    arms = [
        {
            "key": chr(ord("A") + i),
            "variant_id": vid,
            "label": ORIGINAL if vid is None else (known[vid].label or f"变体 {i}"),
            "weight": w,
        }
        for i, (vid, w) in enumerate(zip(chosen, weights, strict=True))
    ]
    with lib.database.transaction():
        cursor = lib.database.execute(
            "INSERT INTO ab_tests(uid, entry_id, name, arms, shops, customer_tag, goal, end_date, end_sample, "
            "started_at, started_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()), entry_id, name.strip() or entry.title, json.dumps(arms, ensure_ascii=False),
                json.dumps(shop_ids), customer_tag.strip(), goal, end_date, int(end_sample), _now(), lib.agent,
            ),
        )  # fmt: skip
    return get_test(lib, int(cursor.lastrowid or 0))


# ----------------------------------------------------------------------------------------------------------
# Assignment (the copy path)
# ----------------------------------------------------------------------------------------------------------
def bucket(uid: str, customer: str) -> float:
    """A customer's fixed place in [0, 1) for one test: sticky, and independent between tests."""
    digest = hashlib.sha256(f"{uid}\x1f{customer}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def arm_for(test: AbTest, customer: str, counts: dict[str, int] | None = None) -> Arm:
    """The arm a customer sees: by the hash bucket and the split; without a nickname, the arm furthest behind its
    share of ``counts`` (copies so far per arm), so anonymous copies take turns by the split too."""
    total = sum(a.weight for a in test.arms)
    if customer:
        point = bucket(test.uid, customer) * total
        for arm in test.arms:
            if point < arm.weight:
                return arm
            point -= arm.weight
        return test.arms[-1]
    counts = counts or {}
    made = sum(counts.values()) + 1
    return max(test.arms, key=lambda a: (made * a.weight / total - counts.get(a.key, 0), -ord(a.key[0])))


def is_live(lib: Library, test: AbTest) -> bool:
    """Still assigning: running, before its end date, below its sample size."""
    if test.status != "running":
        return False
    if test.end_date and date.today().isoformat() > test.end_date:
        return False
    return not (test.end_sample and _chats(lib, test.id) >= test.end_sample)


def _chats(lib: Library, test_id: int) -> int:
    return int(
        lib.database.scalar(
            "SELECT COUNT(DISTINCT CASE WHEN customer = '' THEN 'id' || id ELSE customer END) FROM ab_copies "
            "WHERE test_id = ?",
            (test_id,),
        )
        or 0
    )


def copy_arm(
    lib: Library, entry: Entry | str, shop: str | int | None, customer: str, requested: str | None
) -> tuple[AbTest, Arm] | None:
    """The running test and arm a copy of ``entry`` falls under, or None (no test, other shop, customer outside the
    test's tag, the agent picked a wording outside the test, the test reached its end)."""
    entry_id = entry if isinstance(entry, str) else entry.id
    row = lib.database.one("SELECT * FROM ab_tests WHERE entry_id = ? AND status = 'running'", (entry_id,))
    if row is None:
        return None
    test = _test(row)
    if requested is not None and requested not in {a.variant_id for a in test.arms}:
        return None
    if test.shops:
        try:
            shop_id = lib.shops.get(shop).id if shop not in (None, "") else lib.get(entry_id).shop_id
        except CsdeskError:
            return None
        if shop_id not in test.shops:
            return None
    customer = customer.strip()
    if test.customer_tag:
        known = lib.customers.get(customer, shop=shop) if customer else None
        if known is None or test.customer_tag not in known.tags:
            return None
    if not is_live(lib, test):
        return None
    counts: dict[str, int] = {}
    if not customer:
        counts = {
            r[0]: int(r[1])
            for r in lib.database.all(
                "SELECT arm, COUNT(*) FROM ab_copies WHERE test_id = ? AND customer = '' GROUP BY arm",
                (test.id,),
            )
        }
    return test, arm_for(test, customer, counts)


def render_variant(
    lib: Library, entry: Entry, shop: str | int | None, values: dict[str, str] | None, requested: str | None
) -> str | None:
    """The variant ``Library.render`` shows: the test's arm for this customer, else ``requested``."""
    try:
        found = copy_arm(lib, entry, shop, (values or {}).get(NICKNAME, ""), requested)
    except (sqlite3.Error, CsdeskError):  # a measurement never stops a reply from showing (closed library …)
        log.warning("A/B test lookup failed; showing the requested wording", exc_info=True)
        return requested
    return requested if found is None else found[1].variant_id


def record_copy(
    lib: Library, entry_id: str, shop: str | int | None, customer: str, requested: str | None
) -> str | None:
    """Called by ``Library.log_copy``: note the copy under its test; returns the variant actually copied."""
    try:
        found = copy_arm(lib, entry_id, shop, customer, requested)
    except (sqlite3.Error, CsdeskError):  # a measurement never stops a copy from being logged
        log.warning("A/B test lookup failed; the copy is logged outside the test", exc_info=True)
        return requested
    if found is None:
        return requested
    test, arm = found
    try:
        shop_id = lib.shops.get(shop).id if shop not in (None, "") else None
    except CsdeskError:
        shop_id = None
    lib.database.execute(
        "INSERT INTO ab_copies(test_id, arm, ts, customer, agent, shop_id) VALUES (?, ?, ?, ?, ?, ?)",
        (test.id, arm.key, _now(), customer.strip(), lib.agent, shop_id),
    )
    return arm.variant_id


# ----------------------------------------------------------------------------------------------------------
# Outcomes
# ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PendingCopy:
    """The agent's latest copy under a test: what the workspace's outcome bar offers to mark."""

    copy_id: int
    test: AbTest
    arm: str
    customer: str


def last_copy(
    lib: Library, entry_id: str | None = None, *, within_seconds: int | None = None
) -> PendingCopy | None:
    """This agent's newest copy under a running test (of ``entry_id``; made in the last ``within_seconds``)."""
    sql = (
        "SELECT c.id, c.test_id, c.arm, c.customer FROM ab_copies c JOIN ab_tests t ON t.id = c.test_id "
        "WHERE c.agent = ? AND t.status = 'running'"
    )
    params: tuple[Any, ...] = (lib.agent,)
    if within_seconds is not None:
        sql += " AND c.ts >= ?"
        params += ((datetime.now(UTC) - timedelta(seconds=within_seconds)).isoformat(timespec="seconds"),)
    if entry_id:
        sql += " AND t.entry_id = ?"
        params += (entry_id,)
    row = lib.database.one(sql + " ORDER BY c.id DESC LIMIT 1", params)
    if row is None:
        return None
    return PendingCopy(int(row[0]), get_test(lib, int(row[1])), row[2], row[3])


def mark_outcome(lib: Library, copy_id: int, met: bool, *, source: str = "agent") -> None:
    """The chat of this copy reached the goal (or not). A named customer's other copies in the test get the same
    outcome (the chat is the unit)."""
    row = lib.database.one("SELECT test_id, customer FROM ab_copies WHERE id = ?", (copy_id,))
    if row is None:
        raise NotFoundError("找不到这次复制。", "No such copy.")
    with lib.database.transaction():
        if row["customer"]:
            lib.database.execute(
                "UPDATE ab_copies SET outcome = ?, outcome_ts = ?, outcome_source = ? WHERE test_id = ? AND customer = ?",
                (int(met), _now(), source, row["test_id"], row["customer"]),
            )
        else:
            lib.database.execute(
                "UPDATE ab_copies SET outcome = ?, outcome_ts = ?, outcome_source = ? WHERE id = ?",
                (int(met), _now(), source, copy_id),
            )


@dataclass
class CsvOutcomeReport:
    rows: int = 0
    matched: int = 0
    unmatched: list[str] = field(default_factory=list)


_NICK_HEADERS = ("客户昵称", "昵称", "买家昵称", "客户", "nickname", "customer", "buyer")
_TIME_HEADERS = ("时间", "下单时间", "日期", "time", "date", "ordered_at")
_ORDERED_HEADERS = ("是否下单", "下单", "成交", "ordered", "order", "paid")
_YES = {"1", "是", "y", "yes", "true", "已下单", "成交", "下单", "已付款", "paid"}
_NO = {"0", "否", "n", "no", "false", "未下单", "未成交", ""}


def _parse_time(text: str) -> datetime:
    text = text.strip().replace("/", "-")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text[:19], fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return datetime.fromisoformat(text).astimezone(UTC)


def import_orders_csv(lib: Library, path: str | Path, *, test_id: int | None = None) -> CsvOutcomeReport:
    """Mark outcomes from a CSV of orders (columns: customer nickname, time, ordered). A customer's copies under a
    running test (or ``test_id``) within :data:`CSV_WINDOW_DAYS` before the order time get the outcome. A file that
    cannot be read, lacks a column or has a bad value raises a CsdeskError and changes nothing."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CsdeskError(
            f"读不了订单文件 {path}:{exc.strerror}", f"Cannot read the orders file {path}: {exc.strerror}"
        ) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise CsdeskError("订单文件的编码认不出来。", "The orders file's encoding is not recognised.")
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in reader.fieldnames or []]

    def column(names: tuple[str, ...]) -> str | None:
        lowered = {h.lower(): h for h in headers}
        return next((lowered[n.lower()] for n in names if n.lower() in lowered), None)

    nick_col, time_col, ordered_col = column(_NICK_HEADERS), column(_TIME_HEADERS), column(_ORDERED_HEADERS)
    if not (nick_col and time_col and ordered_col):
        raise ValidationError(
            "订单文件要有三列:客户昵称、时间、是否下单(第一行是列名)。",
            "The orders file needs three columns: nickname, time, ordered (names in the first row).",
        )
    orders: list[tuple[str, datetime, bool]] = []
    for number, record in enumerate(reader, start=2):
        values = {k.strip(): (v or "").strip() for k, v in record.items() if k}
        nick, when, flag = (
            values.get(nick_col, ""),
            values.get(time_col, ""),
            values.get(ordered_col, "").lower(),
        )
        if not nick:
            continue
        try:
            moment = _parse_time(when)
        except ValueError:
            raise ValidationError(
                f"订单文件第 {number} 行的时间「{when}」认不出来(要 YYYY-MM-DD HH:MM)。",
                f"Row {number} of the orders file: the time “{when}” is not YYYY-MM-DD HH:MM.",
            ) from None
        if flag not in _YES and flag not in _NO:
            raise ValidationError(
                f"订单文件第 {number} 行「是否下单」的值「{flag}」认不出来(用 是/否 或 1/0)。",
                f"Row {number} of the orders file: “ordered” is “{flag}”; use yes/no or 1/0.",
            )
        orders.append((nick, moment, flag in _YES))
    report = CsvOutcomeReport(rows=len(orders))
    running = [get_test(lib, test_id)] if test_id is not None else tests(lib, status="running")
    with lib.database.transaction():
        for nick, moment, ordered in orders:
            since = (moment - timedelta(days=CSV_WINDOW_DAYS)).isoformat(timespec="seconds")
            until = moment.isoformat(timespec="seconds")
            hit = False
            for test in running:
                cursor = lib.database.execute(
                    "UPDATE ab_copies SET outcome = ?, outcome_ts = ?, outcome_source = 'csv' "
                    "WHERE test_id = ? AND customer = ? AND ts >= ? AND ts <= ? AND (outcome IS NULL OR outcome < ?)",
                    (int(ordered), until, test.id, nick, since, until, int(ordered)),
                )
                hit = hit or cursor.rowcount > 0
                hit = hit or bool(
                    lib.database.one(
                        "SELECT 1 FROM ab_copies WHERE test_id = ? AND customer = ? AND ts >= ? AND ts <= ?",
                        (test.id, nick, since, until),
                    )
                )
            if hit:
                report.matched += 1
            else:
                report.unmatched.append(nick)
    return report


# ----------------------------------------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------------------------------------
Counts = dict[str, dict[str, int]]
"""arm key → {"copies", "chats", "marked", "successes"}."""


def local_counts(lib: Library, test: AbTest, *, agent: str | None = None) -> Counts:
    """Copies, chats, chats marked and chats that met the goal per arm, from this library (one agent's, or all)."""
    where = "test_id = ?"
    params: list[Any] = [test.id]
    if agent is not None:
        where += " AND agent = ?"
        params.append(agent)
    rows = lib.database.all(
        f"""SELECT arm, COUNT(*) AS copies, COUNT(DISTINCT chat) AS chats,
                   COUNT(DISTINCT CASE WHEN outcome IS NOT NULL THEN chat END) AS marked,
                   COUNT(DISTINCT CASE WHEN outcome = 1 THEN chat END) AS successes
              FROM (SELECT arm, outcome, CASE WHEN customer = '' THEN 'id' || id ELSE customer END AS chat
                      FROM ab_copies WHERE {where})
             GROUP BY arm""",
        tuple(params),
    )
    counts: Counts = {a.key: {"copies": 0, "chats": 0, "marked": 0, "successes": 0} for a in test.arms}
    for r in rows:
        counts[r["arm"]] = {k: int(r[k]) for k in ("copies", "chats", "marked", "successes")}
    return counts


def _add(total: Counts, more: Counts) -> None:
    for key, values in more.items():
        slot = total.setdefault(key, {"copies": 0, "chats": 0, "marked": 0, "successes": 0})
        for name in slot:
            slot[name] += int(values.get(name, 0))


def result_of(test: AbTest, counts: Counts, agents: Sequence[str] = ()) -> TestResult:
    """The statistics of ``counts``: each arm's rate (successes / marked chats) with its Wilson interval, each arm
    against A by the two-proportion z-test and the Bayesian P(beats A), the chats still needed, a plain verdict."""
    arms: list[ArmResult] = []
    for arm in test.arms:
        c = counts.get(arm.key, {})
        n, s = int(c.get("marked", 0)), int(c.get("successes", 0))
        low, high = abstats.wilson(s, n)
        arms.append(
            ArmResult(
                arm.key,
                arm.label,
                arm.variant_id,
                int(c.get("copies", 0)),
                int(c.get("chats", 0)),
                n,
                s,
                s / n if n else 0.0,
                low,
                high,
            )
        )
    base = arms[0]
    needed: list[int] = []
    for other in arms[1:]:
        if base.marked and other.marked:
            other.p_value = abstats.two_proportion_p(
                base.successes, base.marked, other.successes, other.marked
            )
            other.p_better = abstats.prob_b_beats_a(
                base.successes, base.marked, other.successes, other.marked
            )
            size = abstats.sample_size(base.rate, other.rate)
            if size is not None:
                needed.append(max(0, size - min(base.marked, other.marked)))
    needed_per_arm = max(needed) if needed else None
    best = max(arms, key=lambda a: (a.rate if a.marked else -1.0, -ord(a.key[0]))).key
    verdict, verdict_en = _verdict(arms)
    return TestResult(test.id, arms, needed_per_arm, best, verdict, verdict_en, sorted(agents))


def _verdict(arms: list[ArmResult]) -> tuple[str, str]:
    base = arms[0]
    if not base.marked or not any(a.marked for a in arms[1:]):
        return (
            "还没有结果:先让每组都有标记过结果的对话。",
            "No result yet: every arm needs chats with a marked outcome.",
        )
    parts, parts_en = [], []
    for other in arms[1:]:
        if other.p_better is None:
            continue
        leader, trailer = (other.key, base.key) if other.p_better >= 0.5 else (base.key, other.key)
        sure = _percent(max(other.p_better, 1 - other.p_better))
        parts.append(f"{leader} 比 {trailer} 更好的把握 {sure}")
        parts_en.append(f"{leader} beats {trailer} with {sure} certainty")
        significant = other.p_value is not None and other.p_value < 0.05
        parts.append("差异显著" if significant else "差异还不显著")
        parts_en.append("the difference is significant" if significant else "not significant yet")
    return ",".join(parts), ", ".join(parts_en)


def _percent(p: float) -> str:
    """A certainty as the verdict says it: "94%", never "100%" (">99%") — a test never proves."""
    return ">99%" if p > 0.99 else f"{round(p * 100)}%"


def results(lib: Library, test: AbTest | int, *, team_folder: str | Path | None = None) -> TestResult:
    """The test's results from this library, plus the other agents' files in the team folder when given."""
    if not isinstance(test, AbTest):
        test = get_test(lib, test)
    counts = local_counts(lib, test)
    agents = {
        r[0] for r in lib.database.all("SELECT DISTINCT agent FROM ab_copies WHERE test_id = ?", (test.id,))
    }
    if team_folder:
        for agent, data in read_team(Path(team_folder)).items():
            if agent in agents or agent == lib.agent:
                continue  # this library's own copies count once, from the database
            theirs = data.get("tests", {}).get(test.uid)
            if theirs:
                _add(counts, theirs.get("counts", {}))
                agents.add(agent)
    return result_of(test, counts, sorted(agents))


# ----------------------------------------------------------------------------------------------------------
# Ending and promoting
# ----------------------------------------------------------------------------------------------------------
def end_test(
    lib: Library, test_id: int | str, *, promote: str | None = None, team_folder: str | Path | None = None
) -> AbTest:
    """End a test, freezing its result; with ``promote`` (an arm key) that arm's wording becomes the entry's reply
    (a new entry version, action ``abtest``; the entry's former reply stays as a disabled variant)."""
    test = get_test(lib, test_id)
    if test.status == "ended":
        raise ValidationError(f"测试 {test.id} 已经结束了。", f"Test {test.id} has ended already.")
    winner = test.arm(promote) if promote else None
    result = results(lib, test, team_folder=team_folder)
    version: int | None = None
    if winner is not None and winner.variant_id is not None:
        entry = lib.get(test.entry_id)
        variant = next((v for v in entry.variants if v.id == winner.variant_id), None)
        if variant is None:
            raise NotFoundError(
                "胜出的变体已经删掉了,无法推广。", "The winning variant was deleted: nothing to promote."
            )
        old_reply = entry.reply
        lib.update(entry.id, reply=variant.reply)
        lib.variants.update(
            variant.id, reply=old_reply, label=f"{ORIGINAL}(A/B 测试 {test.id} 前)", enabled=False
        )
        version = int(
            lib.database.scalar("SELECT MAX(version) FROM entry_versions WHERE entry_id = ?", (entry.id,))
            or 0
        )
    with lib.database.transaction():
        if version is not None:
            # the two versions the promotion made read "A/B 测试" in the entry's history
            lib.database.execute(
                "UPDATE entry_versions SET action = 'abtest' WHERE entry_id = ? AND version >= ?",
                (test.entry_id, version - 1),
            )
        lib.database.execute(
            "UPDATE ab_tests SET status = 'ended', ended_at = ?, ended_by = ?, winner = ?, result = ?, "
            "promoted_version = ? WHERE id = ?",
            (_now(), lib.agent, winner.key if winner else "", json.dumps(result.as_dict(), ensure_ascii=False),
             version, test.id),
        )  # fmt: skip
    return get_test(lib, test.id)


# ----------------------------------------------------------------------------------------------------------
# Team folder: one small file per agent
# ----------------------------------------------------------------------------------------------------------
def _safe_name(agent: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in agent.strip())
    return keep or "agent"


def write_team(lib: Library, folder: str | Path) -> Path:
    """Write this agent's counts (and the tests' definitions) and finished quizzes to
    ``<folder>/abtests/<agent>.json``, replacing the previous file: a reader adds one snapshot per agent, so reading
    twice never counts twice."""
    target_dir = Path(folder) / TEAM_SUBFOLDER
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CsdeskError(
            f"团队文件夹写不进去:{exc.strerror}", f"Cannot write to the team folder: {exc.strerror}"
        ) from exc
    from csdesk.core.training import quiz_results

    # this agent's finished quizzes ride along, so the supervisor sees every agent's results (training.py reads them)
    quizzes = [r.as_dict() for r in quiz_results(lib, agent=lib.agent)]
    payload: dict[str, Any] = {"agent": lib.agent, "written_at": _now(), "tests": {}, "quiz": quizzes}
    for test in tests(lib):
        shop_names = [s.name for s in lib.shops.all() if s.id in test.shops]
        payload["tests"][test.uid] = {
            "entry_id": test.entry_id, "name": test.name, "status": test.status,
            "counts": local_counts(lib, test, agent=lib.agent),
            "definition": {
                "arms": [asdict(a) for a in test.arms], "shops": shop_names, "customer_tag": test.customer_tag,
                "goal": test.goal, "end_date": test.end_date, "end_sample": test.end_sample,
                "started_at": test.started_at, "started_by": test.started_by,
            },
        }  # fmt: skip
    target = target_dir / f"{_safe_name(lib.agent)}.json"
    temp = target.with_suffix(".tmp")
    try:
        temp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        temp.replace(target)
    except OSError as exc:
        raise CsdeskError(
            f"团队文件夹写不进去:{exc.strerror}", f"Cannot write to the team folder: {exc.strerror}"
        ) from exc
    return target


def join_team(lib: Library, folder: str | Path) -> tuple[int, int]:
    """Take the tests the other agents' files announce: a running test this library lacks is started here too
    (same uid, so the counts add up) when its entry and wordings exist here; a test ended elsewhere ends here (no
    promotion: the supervisor's team library carries the winning reply). Returns (joined, ended)."""
    joined = ended = 0
    known = {t.uid: t for t in tests(lib)}
    for agent, data in read_team(Path(folder)).items():
        if agent == lib.agent:
            continue
        for uid, info in data.get("tests", {}).items():
            definition = info.get("definition")
            mine = known.get(uid)
            if mine is not None:
                if mine.status == "running" and info.get("status") == "ended":
                    lib.database.execute(
                        "UPDATE ab_tests SET status = 'ended', ended_at = ?, ended_by = ? WHERE id = ?",
                        (_now(), str(agent), mine.id),
                    )
                    ended += 1
                continue
            if info.get("status") != "running" or not isinstance(definition, dict):
                continue
            try:
                entry = lib.get(str(info.get("entry_id")))
            except CsdeskError:
                continue  # this library does not have the entry (another shop's team library)
            variants = {v.id for v in entry.variants}
            arms = definition.get("arms") or []
            if len(arms) < 2 or any(a.get("variant_id") not in variants | {None} for a in arms):
                continue
            if lib.database.one(
                "SELECT 1 FROM ab_tests WHERE entry_id = ? AND status = 'running'", (entry.id,)
            ):
                continue
            shop_ids = sorted({s.id for s in lib.shops.all() if s.name in set(definition.get("shops") or [])})
            lib.database.execute(
                "INSERT INTO ab_tests(uid, entry_id, name, arms, shops, customer_tag, goal, end_date, end_sample, "
                "started_at, started_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uid, entry.id, str(info.get("name") or entry.title), json.dumps(arms, ensure_ascii=False),
                    json.dumps(shop_ids), str(definition.get("customer_tag") or ""),
                    str(definition.get("goal") or "deal") if definition.get("goal") in GOALS else "deal",
                    str(definition.get("end_date") or ""), int(definition.get("end_sample") or 0),
                    str(definition.get("started_at") or _now()), str(definition.get("started_by") or agent),
                ),
            )  # fmt: skip
            known[uid] = get_test(lib, uid)
            joined += 1
    return joined, ended


def sync_team(lib: Library, folder: str | Path) -> tuple[int, int]:
    """Join the team's tests, then write this agent's file: what the 同步 button and ``csdesk abtest sync`` do."""
    result = join_team(lib, folder)
    write_team(lib, folder)
    return result


def read_team(folder: Path) -> dict[str, dict[str, Any]]:
    """agent → its file's content; unreadable or foreign files are skipped (a copy in progress shows next time)."""
    found: dict[str, dict[str, Any]] = {}
    for path in (
        sorted((folder / TEAM_SUBFOLDER).glob("*.json")) if (folder / TEAM_SUBFOLDER).is_dir() else []
    ):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("tests"), dict):
            found[str(data.get("agent") or path.stem)] = data
    return found


# ----------------------------------------------------------------------------------------------------------
# Summary for the weekly report
# ----------------------------------------------------------------------------------------------------------
def summary(lib: Library, *, team_folder: str | Path | None = None) -> list[dict[str, Any]]:
    """One dict per test (running first): name, entry, status, goal, per-arm rates, verdict — for the weekly report."""
    out = []
    for test in sorted(tests(lib), key=lambda t: (t.status != "running", -t.id)):
        result = results(lib, test, team_folder=team_folder)
        out.append(
            {
                "id": test.id,
                "name": test.name,
                "entry_id": test.entry_id,
                "status": test.status,
                "goal": test.goal,
                "winner": test.winner,
                "verdict": result.verdict,
                "verdict_en": result.verdict_en,
                "arms": [
                    {
                        "key": a.key,
                        "label": a.label,
                        "chats": a.chats,
                        "marked": a.marked,
                        "successes": a.successes,
                        "rate": a.rate,
                        "p_better": a.p_better,
                    }
                    for a in result.arms
                ],
            }
        )
    return out
