"""Screenshots of every workspace view at a screen size, font size and theme (issue 14's look at 1366×768 …).

    xvfb-run -a -s "-screen 0 1920x1080x24" python tests/gui/make_workspace_shots.py \
        --size 1366x768 --font 12 --theme dark --out /tmp/shots

Views: the workspace with a search, with a customer, the examples shown, an install video (poster, playing), the
palette, the SOP page, the side panel (always on top, 480 px). ``--readme`` writes the README's images into resources/screenshots instead
(1366×768, font 12, light); ``--readme-variant`` with --size/--font/--theme writes that variant of the workspace, the
playing video and the side panel (``workspace_f16_dark.png`` …). README images go through pngquant when it is
installed (``apt-get install pngquant``). Uses a temporary library home and settings; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SHOP = "木几家居旗舰店"


def pump(until: Callable[[], bool] = lambda: False, seconds: float = 0.4) -> None:
    end = time.monotonic() + 10
    settle = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        if until() and time.monotonic() >= settle:
            return
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--font", type=int, default=12)
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "csdesk-shots")
    parser.add_argument("--readme", action="store_true", help="write the README's images")
    parser.add_argument(
        "--readme-variant",
        action="store_true",
        help="write the README's font/theme/size variants (workspace, video, side panel) at --size/--font/--theme",
    )
    args = parser.parse_args()
    only: set[str] | None = None
    if args.readme:
        args.out, args.size, args.font, args.theme = (
            ROOT / "resources" / "screenshots",
            "1366x768",
            12,
            "light",
        )
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    tag = "" if args.readme else f"_{args.size}_f{args.font}_{args.theme}"
    if args.readme_variant:
        args.out = ROOT / "resources" / "screenshots"
        tag = f"_f{args.font}_{args.theme}" + ("" if args.size == "1366x768" else f"_{width}")
        only = {"workspace", "video_playing", "sidepanel"}
    readme = args.readme or args.readme_variant

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
    settings.set("font_size", args.font)
    settings.set("theme", args.theme)
    i18n.install(args.lang)
    apply_theme(app, args.theme)
    apply_font(app, args.font)
    lib = Library.open(temp / "home", demo=True)
    lib.set_setting("agent_name", "小林")
    window = MainWindow(lib, settings)
    window.resize(width, height - 30)
    window.move(0, 0)
    window.show()
    ws = window.workspace
    pump(ws.wait_idle)

    def save(widget: QWidget, name: str) -> None:
        if only is not None and name not in only:
            return
        path = args.out / f"{name}{tag}.png"
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # what changed last is laid out
        QApplication.processEvents()
        widget.grab().save(str(path))
        if readme and shutil.which("pngquant"):  # the README's images: 256 colours, a third of the size
            subprocess.run(
                ["pngquant", "--force", "--skip-if-larger", "--output", str(path), str(path)], check=False
            )
        print(f"saved {path} ({path.stat().st_size // 1024} KB)")

    ws.set_query("安装")
    pump(
        lambda: (
            ws.wait_idle() and ws.preview.video is not None and not ws.preview.video.poster.pixmap().isNull()
        ),
        0.8,
    )
    save(window, "workspace")
    with_examples = next(e for e in lib.entries.with_examples() if e.code and e.shop_name in (SHOP, "通用"))
    ws.set_query("/" + with_examples.code)
    pump(ws.wait_idle, 0.6)
    ws.preview.examples_button.click()
    pump(seconds=0.4)
    save(window, "examples")
    ws.preview.examples_button.click()
    ws.set_query("安装")
    pump(ws.wait_idle, 0.4)

    ws.set_query("/az")  # the install video: its poster, then playing inline
    pump(lambda: ws.preview.video is not None and not ws.preview.video.poster.pixmap().isNull(), 0.6)
    save(window, "video")
    if ws.preview.video is not None:
        ws.preview.video.play_button.click()
        pump(seconds=2.5)
        save(window, "video_playing")
        ws.preview.video.play_button.click()
    ws.set_query("/cp1")  # another entry: the paused video goes back to its poster
    pump(ws.wait_idle, 0.4)
    ws.set_query("安装")
    pump(ws.wait_idle, 0.4)

    ws.customer_panel.set_nickname("晴天穿搭日记")
    pump(ws.wait_idle, 0.8)
    save(window, "customer")
    ws.customer_panel.set_nickname("")
    pump(ws.wait_idle, 0.4)

    palette = window.palette_window
    palette.summon()
    palette.search.setText("az")
    pump(lambda: not palette.controller.is_busy(), 0.6)
    save(palette, "palette")
    palette.hide()

    window.tabs.setCurrentWidget(window.sop_view)
    pump(seconds=0.5)
    save(window, "sop")
    window.tabs.setCurrentWidget(ws)

    settings.set("always_on_top", True)
    pump(seconds=0.5)
    ws.set_query("退货")
    pump(ws.wait_idle, 0.8)
    print(f"side panel {window.width()}×{window.height()}")
    save(window, "sidepanel")
    settings.set("always_on_top", False)

    window.quit()
    wait_for_all()
    lib.close()
    QApplication.clipboard().clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
