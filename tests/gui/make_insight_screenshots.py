"""Screenshots of the supervisor's week: the 数据 page, the weekly report and the cheat sheet, on the demo library
with two months of made-up logs of six agents.

Run under an X server with a CJK font (not collected by pytest)::

    DISPLAY=:15 python tests/gui/make_insight_screenshots.py [outdir]
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRectF, QSizeF, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QApplication

from csdesk.core.insight.period import Period
from csdesk.core.insight.report import build_report, cheatsheet_html, report_html
from csdesk.core.library import Library
from csdesk.gui.insight.page import InsightPage

AGENTS = ["小美", "阿珍", "小王", "小李", "小赵", "小陈"]
SEARCHES = {
    "发新疆吗": 14, "新疆能发吗": 9, "新疆包邮吗": 6, "西藏能寄吗": 4, "会不会起球": 11, "起球吗": 7,
    "洗了会缩水吗": 6, "缩水吗": 5, "能开专票吗": 5, "开增值税专用发票": 3, "孕妇能吃吗": 4, "有没有赠品": 3,
    "什么时候发货": 8, "几天能发货": 5, "可以改地址吗": 4, "13812345678": 1,
}  # fmt: skip


def settle(ms: int = 500) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def fill(lib: Library, end: date, days: int = 60) -> None:
    rng = random.Random(15)
    entries = lib.entries.all(include_disabled=False)
    used = entries[: int(len(entries) * 0.8)]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(used))]
    shops = {s.name: s.id for s in lib.shops.all() if not s.is_shared}
    shop_of = {a: list(shops.values())[i % len(shops)] for i, a in enumerate(AGENTS)}
    db = lib.database
    with db.transaction():
        for d in range(days):
            day = end - timedelta(days=days - 1 - d)
            busy = 1.4 if day.weekday() >= 5 else 1.0
            for agent in AGENTS:
                for n in range(int(rng.randint(25, 45) * busy)):
                    entry = rng.choices(used, weights)[0]
                    action = "override" if entry.code in ("bj", "yf2") and n % 3 == 0 else "copy"
                    ts = f"{day.isoformat()}T{2 + n % 10:02d}:{n % 60:02d}:00Z"
                    db.execute(
                        "INSERT INTO usage_log(ts, entry_id, shop_id, agent, action, note) VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            ts,
                            entry.id,
                            shop_of[agent],
                            agent,
                            action,
                            "客户坚持要保证" if action == "override" else "",
                        ),
                    )
        for query, times in SEARCHES.items():
            for i in range(times):
                day = end - timedelta(days=rng.randrange(7))
                db.execute(
                    "INSERT INTO search_log(ts, query, shop_id, hits, copied, agent) VALUES (?, ?, ?, ?, 0, ?)",
                    (f"{day.isoformat()}T0{i % 9}:00:00Z", query, list(shops.values())[i % len(shops)],
                     0 if i % 3 else 2, AGENTS[i % len(AGENTS)]),
                )  # fmt: skip


def page_image(html: str, path: Path, width: int = 900) -> None:
    """The first page of ``html`` as QTextDocument prints it (the PDF's first page), as a PNG."""
    document = QTextDocument()
    document.setHtml(html)
    document.setPageSize(QSizeF(width, width * 1.414))
    image = QImage(width, int(width * 1.414), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter, QRectF(0, 0, width, width * 1.414))
    painter.end()
    image.save(str(path))
    print("saved", path)


def main() -> None:
    app = QApplication(sys.argv)
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "resources" / "screenshots"
    )
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        lib = Library.open(Path(home) / "home", demo=True, agent="主管")
        end = date(2026, 5, 31)
        fill(lib, end)
        page = InsightPage(lib)
        page.set_editable(True)
        page.resize(1280, 820)
        page.period_combo.setCurrentIndex(page.period_combo.findData(0))
        page.from_edit.setDate(end - timedelta(days=29))
        page.to_edit.setDate(end)
        page.show()
        settle(2500)
        page.gap_table.selectRow(0)
        settle()
        page.grab().save(str(out / "insight_page.png"))
        print("saved", out / "insight_page.png")
        page.close()
        report = build_report(lib, Period(end - timedelta(days=6), end))
        page_image(report_html(report), out / "insight_report.png")
        shop = next(s.name for s in lib.shops.all() if not s.is_shared)
        page_image(cheatsheet_html(lib, shop), out / "insight_cheatsheet.png")
        lib.close()
    app.processEvents()


if __name__ == "__main__":
    main()
