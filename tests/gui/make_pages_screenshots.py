"""Screenshots of the supervisor pages on a demo library, for docs and for looking at them.

Run under a real X server with a CJK font (not collected by pytest)::

    xvfb-run -a -s "-screen 0 1400x900x24" /work/venv/bin/python tests/gui/make_pages_screenshots.py [outdir]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from csdesk.core.library import Library
from csdesk.gui.manage.assets_page import AssetsPage
from csdesk.gui.manage.rules_page import RulesPage
from csdesk.gui.manage.sops_page import SopsPage
from csdesk.gui.manage.tags_page import TagsPage


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget: QWidget, path: Path) -> None:
    widget.resize(1280, 780)
    widget.show()
    settle()
    widget.grab().save(str(path))
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
        lib = Library.open(Path(home) / "home", demo=True)
        stack = QUndoStack()

        assets = AssetsPage(lib, stack)
        assets.set_editable(True)
        size_chart = next(a for a in lib.assets.all() if a.folder == "尺码表")
        assets.select_asset(size_chart.id)
        shoot(assets, out / "assets.png")

        rules = RulesPage(lib, stack)
        rules.set_editable(True)
        rules.set_test_text("亲,这款是全网最低价,面料绝对不起球,100%纯棉,国家级品质,今天下单还送小样哦~")
        shoot(rules, out / "rules.png")

        tags = TagsPage(lib, stack)
        tags.set_editable(True)
        shoot(tags, out / "tags.png")
        tags.tabs.setCurrentIndex(1)
        shoot(tags, out / "customers.png")

        sops = SopsPage(lib, stack)
        sops.set_editable(True)
        shoot(sops, out / "sops.png")
        lib.close()
    app.quit()


if __name__ == "__main__":
    main()
