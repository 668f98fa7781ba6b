"""Refresh resources/screenshots/*.png from the real window with the demo library.

Run on a display with a CJK font (WenQuanYi Micro Hei, Noto Sans CJK …), e.g. headless:

    xvfb-run -a -s "-screen 0 1400x900x24" python tests/gui/make_screenshots.py [--lang en] [--out DIR]

Uses a temporary library home and temporary settings; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SHOP = "栖木女装旗舰店"


def pump(until: Callable[[], bool] = lambda: False, seconds: float = 0.4) -> None:
    end = time.monotonic() + 10
    settle = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        if until() and time.monotonic() >= settle:
            return
        time.sleep(0.02)


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / name
    widget.grab().save(str(path))
    print(f"saved {path}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "zh_CN" else "_en"

    app = QApplication(sys.argv[:1])
    from csdesk.core.library import Library
    from csdesk.gui import i18n
    from csdesk.gui.mainwindow import MainWindow
    from csdesk.gui.settings import Settings
    from csdesk.gui.theme import apply_font, apply_theme
    from csdesk.gui.workers import wait_for_all

    temp = Path(tempfile.mkdtemp(prefix="csdesk-shots-"))
    settings = Settings(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("last_shop", SHOP)
    settings.set("close_to_tray", False)
    i18n.install(args.lang)
    apply_theme(app, "light")
    apply_font(app, 10)
    lib = Library.open(temp / "home", demo=True)
    lib.set_setting("agent_name", "小林")
    window = MainWindow(lib, settings)
    window.resize(1360, 840)
    window.show()
    ws = window.workspace
    pump(ws.wait_idle)

    ws.set_query("尺码")
    pump(ws.wait_idle, 0.8)
    save(window, args.out, f"workspace{suffix}.png")

    ws.customer_panel.set_nickname("晴天穿搭日记")
    pump(ws.wait_idle, 0.8)
    save(window, args.out, f"customer{suffix}.png")
    save(ws.right, args.out, f"customer_panel{suffix}.png")

    palette = window.palette_window
    palette.summon()
    palette.search.setText("cm")
    pump(lambda: not palette.controller.is_busy(), 0.6)
    save(palette, args.out, f"palette{suffix}.png")
    palette.hide()

    window.tabs.setCurrentWidget(window.sop_view)
    pump(seconds=0.5)
    save(window, args.out, f"sop{suffix}.png")

    window.quit()
    wait_for_all()
    lib.close()
    QApplication.clipboard().clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
