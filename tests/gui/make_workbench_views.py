"""Every workbench page (every tab too) at the size of the screen, for looking at them (not collected by pytest).

Run under Xvfb with a window manager, once per screen size::

    Xvfb :N -screen 0 1366x768x24 &  DISPLAY=:N openbox &
    DISPLAY=:N python tests/gui/make_workbench_views.py OUTDIR [--readme]

Writes OUTDIR/<width>x<height>_<n>_<page>[_<tab>].png. ``--readme`` also writes the README's entry-tag screenshots
(resources/screenshots/tag_picker.png, entry_tags.png); run it at 1366×768.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QTabWidget

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from csdesk.core.library import Library  # noqa: E402
from csdesk.core.models import EntryDraft  # noqa: E402
from csdesk.gui.manage.workbench import ManageWorkbench  # noqa: E402
from csdesk.gui.settings import Settings  # noqa: E402


def settle(ms: int = 500) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    app = QApplication(sys.argv)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    readme = "--readme" in sys.argv
    screen = app.primaryScreen().availableGeometry()
    size = f"{app.primaryScreen().geometry().width()}x{app.primaryScreen().geometry().height()}"
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "home", demo=True)
        lib.set_setting("agent_name", "主管-林")
        # a typo beside its tag, and a tag made ahead of use: what the 条目标签 tab is for
        lib.create(
            EntryDraft(
                title="满减活动说明", reply="亲,现在满 299 减 30,领券后下单更划算~", tags=("价格敏感",)
            )
        )
        lib.entry_tags.create("双11预热")
        for entry in lib.entries.all()[:8]:
            lib.log_copy(entry.id)
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        bench = ManageWorkbench(lib, settings)
        bench.setWindowTitle("csdesk — 管理")
        bench.setGeometry(screen)
        bench.showMaximized()
        bench.session.set_initial_pin("2468")
        settle(1200)
        for index in range(bench.pages.count()):
            page = bench.pages.widget(index)
            label = bench.nav.item(index).text()
            bench.show_page(page)
            settle()
            tabs = [
                t for t in page.findChildren(QTabWidget) if t.parent() is not None and t.isVisibleTo(page)
            ]
            outer = tabs[0] if tabs and label != "条目" else None
            for tab in range(outer.count() if outer else 1):
                name = f"{size}_{index}_{label}"
                if outer is not None:
                    outer.setCurrentIndex(tab)
                    name += "_" + outer.tabText(tab)
                settle()
                bench.grab().save(str(out / f"{name}.png"))
        # the entry editor's tag tab with the picker open on a typo
        entries = bench.entries_page
        bench.show_page(entries)
        target = next(e for e in lib.entries.all() if e.tags and "价格" not in "".join(e.tags) and e.code)
        entries.select_entry(target.id)
        editor = entries.editor
        editor.tabs.setCurrentIndex(
            next(i for i in range(editor.tabs.count()) if "标签" in editor.tabs.tabText(i))
        )
        settle()
        editor.tag_picker.edit.setFocus()
        editor.tag_picker.edit.setText("价格敏")  # a typo: the list offers the real tags first
        settle()
        screen_grab(app).save(str(out / f"{size}_editor_tags.png"))
        if readme:
            shots = ROOT / "resources" / "screenshots"
            screen_grab(app).save(str(shots / "tag_picker.png"))
            tags_page = bench.extra_pages["TagsPage"]
            bench.show_page(tags_page)
            tags_page.tabs.setCurrentWidget(tags_page.entry_tags_tab)
            tags_page.entry_tags_tab.select_names(["价格敏感"])
            settle()
            bench.grab().save(str(shots / "entry_tags.png"))
        bench.shutdown()
        lib.close()
    app.quit()


def screen_grab(app: QApplication) -> object:
    """The whole screen (the completer's popup is a window of its own, not in the workbench's grab)."""
    return app.primaryScreen().grabWindow(0)


if __name__ == "__main__":
    main()
