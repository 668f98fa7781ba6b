"""Screenshots of the 测试与培训 tab and the workspace's outcome bar (README "Wording tests and training").

Run on a 1366×768 display with a CJK font, e.g. ``Xvfb :16 -screen 0 1366x768x24 &`` then::

    DISPLAY=:16 python tests/gui/make_coaching_screenshots.py [--lang en] [--out DIR]

A temporary demo library and settings; a simulated A/B test fills the results. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
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


def pump(until: Callable[[], bool] = lambda: True, seconds: float = 0.5) -> None:
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
    from csdesk.core import abtest
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft
    from csdesk.gui import i18n
    from csdesk.gui.mainwindow import MainWindow
    from csdesk.gui.settings import Settings
    from csdesk.gui.theme import apply_font, apply_theme
    from csdesk.gui.workers import wait_for_all

    temp = Path(tempfile.mkdtemp(prefix="csdesk-coaching-shots-"))
    settings = Settings(QSettings(str(temp / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("last_shop", SHOP)
    settings.set("close_to_tray", False)
    i18n.install(args.lang)
    apply_theme(app, "light")
    apply_font(app, 10)
    lib = Library.open(temp / "home", demo=True, agent="小林")
    lib.set_setting("agent_name", "小林")
    made = lib.create(
        EntryDraft(
            reply="亲,现货 48 小时内发货哦~",
            title="什么时候发货",
            code="fh",
            shop=SHOP,
            question="什么时候发货?",
        )
    )
    lib.variants.add(made.id, "亲,今天下单,明天就能发出~", label="明天发", ab_group="发货")
    test = abtest.start_test(lib, made.id, name="发货时间怎么说", shops=[SHOP], goal="deal")
    rng = random.Random(16)
    for i in range(160):
        lib.log_copy(made.id, shop=SHOP, customer=f"顾客{i:03d}")
        pending = abtest.last_copy(lib)
        if pending is not None and i < 150:
            abtest.mark_outcome(lib, pending.copy_id, rng.random() < (0.34 if pending.arm == "B" else 0.22))

    window = MainWindow(lib, settings)
    window.resize(1366, 740)
    window.show()
    ws = window.workspace
    pump(ws.wait_idle)

    # the outcome bar after a copy from the test
    ws.customer_panel.set_nickname("晴天穿搭日记")
    ws.set_query("/fh")
    pump(ws.wait_idle, 0.8)
    ws.copy_row(0)
    pump(seconds=0.5)
    save(window, args.out, f"ab_outcome{suffix}.png")

    coaching = window.coaching
    assert coaching is not None
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    coaching.setCurrentWidget(coaching.abtests)
    pump()
    save(window, args.out, f"ab_tests{suffix}.png")

    coaching.setCurrentWidget(coaching.cards)
    cards = coaching.cards
    cards.shop.setCurrentIndex(max(0, cards.shop.findText(SHOP)))
    pump()
    cards.position = next((i for i, c in enumerate(cards.cards) if c.guidance and c.basis), 0)
    cards.show_card()
    cards.turn()
    pump()
    save(window, args.out, f"training_cards{suffix}.png")

    coaching.setCurrentWidget(coaching.walk)
    walk = coaching.walk
    walk.go(1)  # the first SOP walked to its end, the second part-way
    for _ in range(len(walk.sops[0].steps)):
        walk.go(1)
    walk.go(1)
    walk.go(1)
    pump()
    save(window, args.out, f"training_walk{suffix}.png")

    coaching.setCurrentWidget(coaching.quiz)
    quiz = coaching.quiz
    quiz.rng = random.Random(3)
    quiz.count.setValue(5)
    quiz.save_settings()  # a quiz runs with the saved settings
    quiz.start()
    assert quiz.run is not None and quiz.run.current is not None
    quiz.search.box.setText(lib.get(quiz.run.current.entry_id).title[:4])
    pump()
    save(window, args.out, f"training_quiz{suffix}.png")
    for index in range(5):
        if quiz.run is None or quiz.run.current is None:
            break
        if index in (1, 3):
            quiz.skip_button.click()
            continue
        quiz.search.box.setText(lib.get(quiz.run.current.entry_id).title)
        ids = [quiz.search.model.hit(r).entry_id for r in range(quiz.search.model.rowCount())]
        if quiz.run.current.entry_id in ids:
            quiz.search.view.setCurrentIndex(quiz.search.model.index(ids.index(quiz.run.current.entry_id), 0))
        quiz.submit()
    pump()
    save(window, args.out, f"training_quiz_result{suffix}.png")

    coaching.setCurrentWidget(coaching.drills)
    drills = coaching.drills
    drills.picker.setCurrentIndex(
        max(0, next((i for i, d in enumerate(drills.drills) if d.title.startswith("范例")), 0))
    )
    drills.start()
    drills.typed.setText("真的很抱歉让您失望了,方便拍一下问题的位置吗?")
    drills.answer()
    pump()
    save(window, args.out, f"training_drill{suffix}.png")

    del test
    window.quit()
    wait_for_all()
    lib.close()
    QApplication.clipboard().clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
