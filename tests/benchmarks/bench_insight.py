"""The supervisor's week at team scale: the 数据 page on a year of a 20-agent team's logs, and a big chat import.

1. A library of 1,000 entries in 3 shops gets a year of logs: 20 agents × 250 working days × 400 copies and 600
   abandoned searches a day (2,000,000 copies, 3,000,000 searches; 1 % of copies overridden on a red line). Rows are
   written in bulk with the roll-up triggers off, then the roll-ups are built as migration 0002 builds them.
   Measured: the 数据 page opening on the whole year (figures, charts, tables; offscreen), its gap analysis (a
   worker), and, as the reference in the same run, the page's usage figures summed from the raw log instead of the
   roll-ups. Also the cost of the triggers on logging: 20,000 single copies with and without them.
2. A chat export of 100,000 messages (2,000 customers, half customers' questions in ~400 wordings, half agents'
   replies): ``analyse_chats`` against the reference of only reading the file.

    python tests/benchmarks/bench_insight.py [--days 250] [--agents 20] [--messages 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from csdesk.core.insight.chats import analyse_chats, read_chat_file
from csdesk.core.insight.gaps import find_gaps
from csdesk.core.insight.period import Period
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft

TOPICS = ["新疆", "西藏", "起球", "掉色", "尺码", "偏大", "发票", "退货", "换货", "运费险", "赠品", "保修", "安装", "色差",
          "材质", "保质期", "过敏", "快递", "顺丰", "到货", "优惠券", "价格保护", "定制", "加急", "缺货", "预售", "包装",
          "清洗", "缩水", "味道"]  # fmt: skip
FRAMES = [
    "{}吗",
    "{}怎么办",
    "能{}吗",
    "{}怎么弄",
    "请问{}",
    "{}可以吗",
    "亲{}呢",
    "{}有没有",
    "关于{}",
    "{}是多久",
]


def wordings() -> list[str]:
    out = []
    for topic in TOPICS:
        for frame in FRAMES:
            out.append(frame.format(topic))
            out.append(frame.format(topic) + "?")
    return out


def fill_library(lib: Library, entries: int) -> list[str]:
    for name in ("甲店", "乙店", "丙店"):
        lib.shops.ensure(name)
    drafts = [
        EntryDraft(
            reply=f"亲,关于{TOPICS[i % len(TOPICS)]}的说明第 {i} 条。",
            title=f"{TOPICS[i % len(TOPICS)]}说明{i}",
            code=f"k{i}",
            shop=("甲店", "乙店", "丙店", None)[i % 4],
            category=f"售前/类{i % 12}",
            question=f"{TOPICS[i % len(TOPICS)]}怎么办{i}",
        )
        for i in range(entries)
    ]
    lib.entries.create_many(drafts)
    return [e.id for e in lib.entries.all()]


def fill_logs(lib: Library, ids: list[str], agents: int, days: int, copies: int, searches: int) -> float:
    """Bulk rows for the year (triggers off), then the roll-ups as the migration builds them; returns seconds."""
    started = time.perf_counter()
    db = lib.database
    rng = random.Random(15)
    shops = [s.id for s in lib.shops.all() if not s.is_shared]
    weights = [1 / (i + 1) for i in range(len(ids))]  # Zipf: a few entries do most of the work
    queries = wordings() + [f"客户问题{i}" for i in range(3000)]
    qweights = [1 / (i + 1) ** 0.8 for i in range(len(queries))]
    first = date(2025, 12, 1)
    triggers = [
        r[0] for r in db.all("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%daily%'")
    ]
    names = [
        r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%daily%'")
    ]
    with db.transaction():
        for name in names:
            db.execute(f"DROP TRIGGER {name}")
    for day_number in range(days):
        day = first + timedelta(days=day_number * 365 // days)
        usage_rows = []
        search_rows = []
        for agent in range(agents):
            name = f"客服{agent:02d}"
            chosen = rng.choices(ids, weights, k=copies)
            for n, entry_id in enumerate(chosen):
                ts = f"{day.isoformat()}T{1 + n * 12 // copies:02d}:{n % 60:02d}:{agent % 60:02d}Z"
                action = "override" if n % 100 == 0 else "copy"
                usage_rows.append(
                    (
                        ts,
                        entry_id,
                        shops[agent % len(shops)],
                        name,
                        action,
                        "客户坚持" if action == "override" else "",
                    )
                )
            for n, query in enumerate(rng.choices(queries, qweights, k=searches)):
                ts = f"{day.isoformat()}T{1 + n * 12 // searches:02d}:{n % 60:02d}:{agent % 60:02d}Z"
                search_rows.append((ts, query, shops[agent % len(shops)], 0 if n % 3 == 0 else 5, name))
        with db.transaction() as conn:
            conn.executemany(
                "INSERT INTO usage_log(ts, entry_id, shop_id, agent, action, note) VALUES (?, ?, ?, ?, ?, ?)",
                usage_rows,
            )
            conn.executemany(
                "INSERT INTO search_log(ts, query, shop_id, hits, copied, agent) VALUES (?, ?, ?, ?, 0, ?)",
                search_rows,
            )
    with db.transaction() as conn:
        conn.execute("DELETE FROM usage_daily")
        conn.execute("DELETE FROM usage_daily_agent")
        conn.execute("DELETE FROM search_daily")
        conn.execute(
            "INSERT INTO usage_daily(day, entry_id, shop_id, action, n) SELECT date(ts, '+8 hours'), entry_id,"
            " COALESCE(shop_id, 0), action, COUNT(*) FROM usage_log GROUP BY 1, 2, 3, 4"
        )
        conn.execute(
            "INSERT INTO usage_daily_agent(day, agent, shop_id, action, n) SELECT date(ts, '+8 hours'), agent,"
            " COALESCE(shop_id, 0), action, COUNT(*) FROM usage_log GROUP BY 1, 2, 3, 4"
        )
        conn.execute(
            "INSERT INTO search_daily(day, agent, shop_id, failed, n) SELECT date(ts, '+8 hours'), agent,"
            " COALESCE(shop_id, 0), hits = 0, COUNT(*) FROM search_log GROUP BY 1, 2, 3, 4"
        )
        for sql in triggers:
            conn.execute(sql)
    db.execute("ANALYZE")
    return time.perf_counter() - started


def raw_reference(lib: Library, period: Period) -> float:
    """The page's usage figures (totals, per day, top entries, per agent) from the raw log, no roll-ups."""
    db = lib.database
    started = time.perf_counter()
    bounds = (period.start_ts, period.end_ts)
    db.all(
        "SELECT COUNT(*), SUM(action = 'override'), COUNT(DISTINCT entry_id) FROM usage_log WHERE ts >= ? AND ts < ?",
        bounds,
    )
    db.all("SELECT date(ts, '+8 hours'), COUNT(*) FROM usage_log WHERE ts >= ? AND ts < ? GROUP BY 1", bounds)
    db.all(
        "SELECT entry_id, COUNT(*) FROM usage_log WHERE ts >= ? AND ts < ? GROUP BY 1 ORDER BY 2 DESC LIMIT 50",
        bounds,
    )
    db.all("SELECT agent, COUNT(*) FROM usage_log WHERE ts >= ? AND ts < ? GROUP BY 1", bounds)
    db.all("SELECT agent, hits = 0, COUNT(*) FROM search_log WHERE ts >= ? AND ts < ? GROUP BY 1, 2", bounds)
    return time.perf_counter() - started


def page_open(lib: Library) -> tuple[float, float]:
    """(seconds until the page shows the year's figures, seconds more until its gaps are in)."""
    from PySide6.QtWidgets import QApplication

    from csdesk.gui.insight.page import InsightPage
    from csdesk.gui.workers import wait_for_all

    app = QApplication.instance() or QApplication([])
    page = InsightPage(lib)
    page.resize(1280, 860)
    page.period_combo.blockSignals(True)
    page.period_combo.setCurrentIndex(page.period_combo.findData(365))
    page.period_combo.blockSignals(False)
    period_end = date(2026, 11, 30)
    from PySide6.QtCore import QDate

    for edit, day in ((page.from_edit, period_end - timedelta(days=364)), (page.to_edit, period_end)):
        edit.blockSignals(True)
        edit.setDate(QDate(day.year, day.month, day.day))
        edit.blockSignals(False)
    started = time.perf_counter()
    page.show()  # the first show reads the figures
    app.processEvents()
    shown = time.perf_counter() - started
    wait_for_all(600_000)
    app.processEvents()
    gaps = time.perf_counter() - started - shown
    assert page.gap_table.rowCount() > 0
    page.close()
    page.deleteLater()
    app.processEvents()
    return shown, gaps


def logging_cost(lib: Library, ids: list[str], n: int) -> tuple[float, float]:
    """Seconds for ``n`` copies logged by ``Library.log_copy`` with the roll-up triggers, and with them dropped."""
    db = lib.database

    def run() -> float:
        started = time.perf_counter()
        for i in range(n):
            lib.log_copy(ids[i % len(ids)], shop="甲店")
        return time.perf_counter() - started

    with_triggers = run()
    rows = db.all(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'usage_log_daily%'"
    )
    with db.transaction():
        for row in rows:
            db.execute(f"DROP TRIGGER {row[0]}")
    plain = run()
    with db.transaction():
        for row in rows:
            db.execute(row[1])
    return with_triggers, plain


def chat_file(path: Path, messages: int) -> None:
    rng = random.Random(16)
    asked = wordings()
    lines = []
    start = date(2026, 5, 1)
    for i in range(messages // 2):
        day = start + timedelta(days=i % 28)
        customer = f"tb_顾客{i % 2000}"
        question = rng.choice(asked)
        if i % 7 == 0:
            question += f" 订单 {rng.randrange(10**17, 10**18)}"
        lines.append(f"{day} {10 + i % 10}:{i % 60:02d}:00 {customer}: {question}")
        lines.append(f"{day} {10 + i % 10}:{i % 60:02d}:30 甲店:小美: 亲,关于{question[:2]}请看这里的说明哦")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=20, help="agents in the team")
    parser.add_argument("--days", type=int, default=250, help="working days in the year")
    parser.add_argument("--copies", type=int, default=400, help="copies per agent and day")
    parser.add_argument("--searches", type=int, default=600, help="abandoned searches per agent and day")
    parser.add_argument("--messages", type=int, default=100_000, help="messages in the chat export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        lib = Library.open(Path(folder) / "home", demo=False, agent="主管")
        ids = fill_library(lib, 1000)
        seconds = fill_logs(lib, ids, args.agents, args.days, args.copies, args.searches)
        copies = lib.database.scalar("SELECT COUNT(*) FROM usage_log")
        searches = lib.database.scalar("SELECT COUNT(*) FROM search_log")
        print(f"logs: {copies:,} copies, {searches:,} searches, written in {seconds:.0f} s")
        year = Period(date(2025, 12, 1), date(2026, 11, 30))
        reference = raw_reference(lib, year)
        shown, gaps = page_open(lib)
        print(f"数据 page, whole year: figures shown in {shown:.2f} s; gaps in {gaps:.1f} s more (worker)")
        print(f"reference, the page's usage figures from the raw log: {reference:.2f} s")
        started = time.perf_counter()
        found = find_gaps(lib, Period(date(2026, 11, 24), date(2026, 11, 30)))
        print(f"gaps of the last week: {len(found)} groups in {time.perf_counter() - started:.2f} s")
        with_triggers, plain = logging_cost(lib, ids, 5_000)
        print(f"5,000 copies logged by Library.log_copy: {with_triggers:.2f} s with the roll-up triggers, "
              f"{plain:.2f} s without")  # fmt: skip
        chat = Path(folder) / "chat.txt"
        chat_file(chat, args.messages)
        started = time.perf_counter()
        read = len(read_chat_file(chat))
        reading = time.perf_counter() - started
        started = time.perf_counter()
        result = analyse_chats(lib, [chat])
        analysing = time.perf_counter() - started
        print(f"chat import: {read:,} messages; analysed in {analysing:.1f} s ({len(result.groups)} groups,"
              f" {result.customers:,} customers); reference, reading the file only: {reading:.1f} s")  # fmt: skip
        lib.close()


if __name__ == "__main__":
    main()
