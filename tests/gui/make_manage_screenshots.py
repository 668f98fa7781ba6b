"""Screenshots of the supervisor's workbench on the demo library (run under xvfb, not part of the test run).

    xvfb-run -a -s "-screen 0 1400x900x24" /work/venv/bin/python tests/gui/make_manage_screenshots.py

Writes resources/screenshots/editor.png (the entry editor with a red-line hit) and resources/screenshots/table.png (bulk work).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from csdesk.core.library import Library  # noqa: E402
from csdesk.gui.manage.entry_table import FilterMode  # noqa: E402
from csdesk.gui.manage.workbench import ManageWorkbench  # noqa: E402
from csdesk.gui.settings import Settings  # noqa: E402


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> None:
    app = QApplication(sys.argv)
    out = ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "home", demo=True)
        lib.set_setting("agent_name", "主管-林")
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        bench = ManageWorkbench(lib, settings)
        bench.resize(1360, 820)
        bench.show()
        bench.session.set_initial_pin("2468")
        page = bench.entries_page
        shop = lib.shops.get("栖木女装旗舰店")
        page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
        entries = lib.entries.all(shop=shop.id)
        for entry in entries[:6]:
            for _ in range(len(entry.title) % 5 + 1):
                lib.log_copy(entry.id, shop=shop.id)
        page.model.reload()
        target = next((e for e in entries if e.code), entries[0])
        page.select_entry(target.id)
        settle(app)
        editor = page.editor
        editor.reply_edit.setPlainText(
            "亲,这款是我们店销量第一的爆款,面料是全网最好的,{客户昵称}放心下单~\n"
            "身高 160、体重 100 斤左右建议拿 M 码,偏瘦可以拿 S 码。有问题随时找我,订单号 {订单编码} 发我帮您查。"
        )
        editor.update_live()
        page.splitter.setSizes([560, 760])
        settle(app)
        bench.grab().save(str(out / "editor.png"))

        editor.load(lib.get(target.id))
        page.shop_combo.setCurrentIndex(0)
        page.set_filter(FilterMode.ALL, "")
        page.view.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        page.select_entries([e.id for e in entries[:4]])
        page.splitter.setSizes([page.splitter.width(), 0])  # editor collapsed: the whole width for bulk work
        settle(app)
        bench.grab().save(str(out / "table.png"))
        bench.shutdown()
        lib.close()
    print("wrote", out / "editor.png", out / "table.png")


if __name__ == "__main__":
    main()
