"""Training pages: flash cards, the quiz (考核), scenario drills and the supervisor's view of the results.

The quiz is answered the real way: the agent types into a search box (keywords, pinyin initials or ``/code``, the
library's own search) and presses Enter on the reply; in choice mode four replies are offered. The countdown runs
per question; past it the question counts as missed and the next one comes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csdesk.core import chatquiz, training
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Entry, SearchHit
from csdesk.gui.errors import error_text, show_error
from csdesk.gui.manage.page_support import SearchHitModel, fill_shop_combo
from csdesk.gui.workspace.searcher import search_with_code


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _shop_combo(lib: Library, name: str, any_text: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    fill_shop_combo(combo, lib.shops.all(), any_text, None)
    return combo


class EntrySearch(QWidget):
    """A search box and its hits: the way an agent finds a reply (keywords, pinyin initials, /code)."""

    def __init__(self, lib: Library, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.shop: str | None = None
        self.box = QLineEdit()
        self.box.setObjectName(name)
        self.box.setPlaceholderText(self.tr("像接待时一样搜索:关键字 / 拼音首字母 / /快捷编码,回车作答"))
        self.model = SearchHitModel(self)
        self.view = QListView()
        self.view.setObjectName(name + "Hits")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.view, 1)
        self.box.textChanged.connect(lambda _text: self.run())

    def run(self) -> None:
        text = self.box.text()
        hits: list[SearchHit] = []
        if text.strip():
            try:
                hits, _code = search_with_code(
                    self.lib, text, shop=self.shop, category=None, customer_tags=(), limit=20
                )
            except CsdeskError:
                hits = []
        self.model.set_hits(hits)
        if hits:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def move_selection(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = max(0, min(rows - 1, self.view.currentIndex().row() + delta))
            self.view.setCurrentIndex(self.model.index(row, 0))

    def chosen(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.hit(index.row()).entry_id if index.isValid() else None

    def reset(self) -> None:
        self.box.clear()
        self.model.set_hits([])


# ----------------------------------------------------------------------------------------------------------
class FlashCardsPage(QWidget):
    """Question on the front; turn the card (space or the button) for the reply, its guidance and its basis."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flashCards")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.lib = lib
        self.cards: list[training.Card] = []
        self.position = 0
        self.turned = False
        self.shop = _shop_combo(lib, "cardShop", self.tr("所有店铺"))
        self.category = QComboBox()
        self.category.setObjectName("cardCategory")
        self.shuffle = QPushButton(self.tr("打乱顺序"))
        self.counter = QLabel()
        self.front = QLabel()
        self.front.setObjectName("cardFront")
        self.front.setWordWrap(True)
        self.front.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.front.setStyleSheet("font-size: 20px; padding: 16px;")
        self.back = QTextBrowser()
        self.back.setObjectName("cardBack")
        self.turn_button = QPushButton(self.tr("翻面(空格)"))
        self.turn_button.setObjectName("cardTurn")
        self.prev_button = QPushButton(self.tr("← 上一张"))
        self.next_button = QPushButton(self.tr("下一张 →"))
        self.next_button.setObjectName("cardNext")
        for button in (self.shuffle, self.turn_button, self.prev_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves Space and ←/→ with the page
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("店铺")))
        top.addWidget(self.shop)
        top.addWidget(QLabel(self.tr("分类")))
        top.addWidget(self.category, 1)
        top.addWidget(self.shuffle)
        top.addWidget(self.counter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.prev_button)
        buttons.addStretch(1)
        buttons.addWidget(self.turn_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.front)
        layout.addWidget(self.back, 1)
        layout.addLayout(buttons)
        self.shop.currentIndexChanged.connect(lambda _i: self._fill_categories())
        self.category.currentIndexChanged.connect(lambda _i: self.load())
        self.shuffle.clicked.connect(self._shuffle)
        self.turn_button.clicked.connect(self.turn)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self._fill_categories()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (the 闪卡 tab opened): the page takes the focus so Space and ←/→ work at once."""
        super().showEvent(event)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space turns the card, ←/→ step; the shop and category boxes keep their own keys while focused."""
        keys = {Qt.Key.Key_Space: self.turn, Qt.Key.Key_Left: lambda: self.step(-1),
                Qt.Key.Key_Right: lambda: self.step(1)}  # fmt: skip
        action = keys.get(Qt.Key(event.key())) if not event.modifiers() else None
        if action is None:
            super().keyPressEvent(event)
            return
        action()

    def _fill_categories(self) -> None:
        shop = self.shop.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("所有分类"), "")
        paths = sorted(
            {c.path.split("/")[0] for c in self.lib.categories.all(shop if shop is not None else None)}
        )
        for path in paths:
            self.category.addItem(path, path)
        self.category.blockSignals(False)
        self.load()

    def load(self) -> None:
        shop = self.shop.currentData()
        self.cards = training.flash_cards(
            self.lib, shop="*" if shop is None else shop, category=str(self.category.currentData() or "")
        )
        self.position = 0
        self.show_card()

    def _shuffle(self) -> None:
        random.shuffle(self.cards)
        self.position = 0
        self.show_card()

    def step(self, delta: int) -> None:
        if self.cards:
            self.position = (self.position + delta) % len(self.cards)
        self.show_card()

    def turn(self) -> None:
        self.turned = not self.turned
        self.show_card(keep_turn=True)

    def show_card(self, *, keep_turn: bool = False) -> None:
        if not keep_turn:
            self.turned = False
        if not self.cards:
            self.counter.setText("0 / 0")
            self.front.setText(self.tr("这里没有卡片:换一个店铺或分类。"))
            self.back.clear()
            return
        card = self.cards[self.position]
        self.counter.setText(f"{self.position + 1} / {len(self.cards)}")
        self.front.setText(card.front)
        if not self.turned:
            hint = self.tr("想一想怎么回复,再翻面。")
            self.back.setHtml(f"<p style='color: gray'>{hint}</p>")
            return
        reply, guidance, basis = self.tr("回复"), self.tr("话术要点"), self.tr("依据")
        parts = [f"<h3>{reply}</h3><p>{_html(card.reply)}</p>"]
        if card.guidance:
            parts.append(f"<h3>{guidance}</h3><p>{_html(card.guidance)}</p>")
        if card.basis:
            parts.append(f"<h3>{basis}</h3><p>{_html(card.basis)}</p>")
        where = " / ".join(p for p in (card.shop, card.category) if p)
        code = f" · /{card.code}" if card.code else ""
        parts.append(f"<p style='color: gray'>{_html(where)}{code}</p>")
        self.back.setHtml("".join(parts))


def _html(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>")


# ----------------------------------------------------------------------------------------------------------
class QuizPage(QWidget):
    """Settings (supervisor), then one question at a time, then the score and the misses with the right answers."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quizPage")
        self.lib = lib
        self.run: training.QuizRun | None = None
        self.last_result: training.QuizResult | None = None
        self._asked_at = 0.0
        self.gate: Callable[[str], bool] = lambda _reason: True
        """Asked before the settings are saved (the main window asks for the supervisor PIN)."""
        self.rng: random.Random | None = None
        """Tests set a seeded generator; otherwise every quiz is shuffled anew."""

        settings = training.quiz_settings(lib)
        self.count = QSpinBox()
        self.count.setObjectName("quizCount")
        self.count.setRange(1, 200)
        self.count.setValue(settings.count)
        self.pass_mark = QSpinBox()
        self.pass_mark.setObjectName("quizPassMark")
        self.pass_mark.setRange(0, 100)
        self.pass_mark.setSuffix(" %")
        self.pass_mark.setValue(settings.pass_mark)
        self.time_limit = QSpinBox()
        self.time_limit.setObjectName("quizTimeLimit")
        self.time_limit.setRange(0, 3600)
        self.time_limit.setSpecialValueText(self.tr("不限时"))
        self.time_limit.setSuffix(self.tr(" 秒"))
        self.time_limit.setValue(settings.time_limit)
        self.mode = QComboBox()
        self.mode.setObjectName("quizMode")
        self.mode.addItem(self.tr("搜索作答(真实方式)"), "search")
        self.mode.addItem(self.tr("四选一"), "choice")
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.mode)))
        self.chat = QCheckBox()
        self.chat.setObjectName("quizChat")
        self.chat.setChecked(settings.chat_questions)
        self._count_chat_questions()
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.setObjectName("quizSave")
        settings_box = QGroupBox(self.tr("考核设置(主管)"))
        form = QHBoxLayout(settings_box)
        for label, widget in (
            (self.tr("题数"), self.count),
            (self.tr("及格线"), self.pass_mark),
            (self.tr("每题限时"), self.time_limit),
            (self.tr("方式"), self.mode),
        ):
            form.addWidget(QLabel(label))
            form.addWidget(widget)
        form.addWidget(self.chat)
        form.addWidget(self.save_button)
        form.addStretch(1)

        self.shop = _shop_combo(lib, "quizShop", self.tr("所有店铺"))
        self.start_button = QPushButton(self.tr("开始考核"))
        self.start_button.setObjectName("quizStart")
        self.retry_button = QPushButton(self.tr("重做错题"))
        self.retry_button.setObjectName("quizRetry")
        self.retry_button.setEnabled(False)
        start_row = QHBoxLayout()
        start_row.addWidget(QLabel(self.tr("店铺")))
        start_row.addWidget(self.shop)
        start_row.addWidget(self.start_button)
        start_row.addWidget(self.retry_button)
        start_row.addStretch(1)

        # question view
        self.progress = QLabel()
        self.progress.setObjectName("quizProgress")
        self.clock = QLabel()
        self.clock.setObjectName("quizClock")
        self.prompt = QLabel()
        self.prompt.setObjectName("quizPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(
            "font-size: 18px; padding: 8px; border: 1px solid palette(mid); border-radius: 6px;"
        )
        self.search = EntrySearch(lib, "quizSearch")
        self.choices = QListWidget()
        self.choices.setObjectName("quizChoices")
        self.answer_stack = QStackedWidget()
        self.answer_stack.addWidget(self.search)
        self.answer_stack.addWidget(self.choices)
        self.submit_button = QPushButton(self.tr("作答(回车)"))
        self.submit_button.setObjectName("quizSubmit")
        self.skip_button = QPushButton(self.tr("不会,跳过"))
        self.skip_button.setObjectName("quizSkip")
        self.feedback = QLabel()
        self.feedback.setObjectName("quizFeedback")
        self.feedback.setWordWrap(True)
        question = QWidget()
        q_layout = QVBoxLayout(question)
        q_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.progress)
        head.addStretch(1)
        head.addWidget(self.clock)
        q_layout.addLayout(head)
        q_layout.addWidget(QLabel(self.tr("客户说:")))
        q_layout.addWidget(self.prompt)
        q_layout.addWidget(self.answer_stack, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        q_layout.addLayout(buttons)

        # result view
        self.summary = QLabel()
        self.summary.setObjectName("quizSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 18px;")
        self.misses = QTableWidget(0, 4)
        self.misses.setObjectName("quizMisses")
        self.misses.setHorizontalHeaderLabels(
            [self.tr("客户说"), self.tr("正确答案"), self.tr("你的答案"), self.tr("用时")]
        )
        self.misses.verticalHeader().hide()
        self.misses.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.misses.setWordWrap(True)
        header = self.misses.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        done = QWidget()
        d_layout = QVBoxLayout(done)
        d_layout.setContentsMargins(0, 0, 0, 0)
        d_layout.addWidget(self.summary)
        d_layout.addWidget(self.misses, 1)

        self.intro = QLabel(
            self.tr(
                "考核通过再上岗:系统给出客户的一句话,请像接待时一样在搜索框里找到正确的回复,按回车作答。"
                "每题限时,超时算错;结束后显示得分、每题用时和错题的正确答案,可以重做错题。"
            )
        )
        self.intro.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.intro)
        self.pages.addWidget(question)
        self.pages.addWidget(done)

        layout = QVBoxLayout(self)
        layout.addWidget(settings_box)
        layout.addLayout(start_row)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.feedback)

        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._tick)
        self.save_button.clicked.connect(self.save_settings)
        self.start_button.clicked.connect(lambda: self.start())
        self.retry_button.clicked.connect(self.retry)
        self.submit_button.clicked.connect(self.submit)
        self.skip_button.clicked.connect(lambda: self._answer(None))
        self.search.box.returnPressed.connect(self.submit)
        self.choices.itemActivated.connect(lambda _item: self.submit())

    def showEvent(self, event: QShowEvent) -> None:
        """Shown: the chat-record count may have changed (``csdesk chats import --quiz`` while the app is open)."""
        super().showEvent(event)
        self._count_chat_questions()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """↑/↓ move in the hits while the search box keeps the focus (as in the workspace)."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.search.move_selection(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)

    # -- settings ------------------------------------------------------------------------------------------
    def _count_chat_questions(self) -> None:
        """The switch says how many real customer messages it would add (kept by ``chats import --quiz``)."""
        n = len(chatquiz.kept(self.lib))
        self.chat.setText(self.tr("聊天记录题(%1 条)").replace("%1", str(n)))
        self.chat.setToolTip(
            self.tr(
                "用导入聊天记录时留下的真实顾客消息出题:只留客服用话术库回复答过的消息,答案就是那条回复"
                "(csdesk chats import 文件 --quiz)。"
            )
        )

    def current_settings(self) -> training.QuizSettings:
        return training.QuizSettings(
            self.count.value(),
            self.pass_mark.value(),
            self.time_limit.value(),
            str(self.mode.currentData()),
            self.chat.isChecked(),
        )

    def save_settings(self) -> None:
        """The supervisor's settings: saved in supervisor mode only; a quiz always runs with the saved ones."""
        if not self.gate(self.tr("考核设置(题数、及格线、限时)由主管修改,需要主管模式。")):
            self._show_settings(training.quiz_settings(self.lib))
            self.feedback.setText(self.tr("考核设置没有改动。"))
            return
        try:
            training.save_quiz_settings(self.lib, self.current_settings())
        except CsdeskError as exc:
            show_error(self, exc, self.tr("考核设置没有保存"))
            return
        self.feedback.setText(self.tr("考核设置已保存。"))

    def _show_settings(self, settings: training.QuizSettings) -> None:
        self.count.setValue(settings.count)
        self.pass_mark.setValue(settings.pass_mark)
        self.time_limit.setValue(settings.time_limit)
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.mode)))
        self.chat.setChecked(settings.chat_questions)
        self._count_chat_questions()

    # -- running -------------------------------------------------------------------------------------------
    def start(self, retry_of: int | None = None) -> None:
        """A quiz with the saved settings (unsaved changes in the settings box do not count: an agent cannot lower
        the pass mark for their own quiz)."""
        if not self._ensure_agent():
            return
        shop = self.shop.currentData()
        saved = training.quiz_settings(self.lib)
        unsaved = self.current_settings() != saved
        self._show_settings(saved)
        try:
            self.run = training.start_quiz(
                self.lib,
                shop="*" if shop is None else shop,
                settings=saved,
                retry_of=retry_of,
                rng=self.rng,
            )
        except CsdeskError as exc:
            self.feedback.setText(error_text(exc))
            return
        self.search.shop = self.lib.shops.get(shop).name if shop is not None else None
        self.feedback.setText(self.tr("考核设置的改动没有保存,按已保存的设置出题。") if unsaved else "")
        self.pages.setCurrentIndex(1)
        self.answer_stack.setCurrentIndex(1 if self.run.settings.mode == "choice" else 0)
        self._ask()

    def _ensure_agent(self) -> bool:
        """Results are kept per agent: without a name on this machine, ask it first (stored as ``agent_name``, the
        {客服名} of the replies too). No name, no quiz."""
        if self.lib.agent:
            return True
        name, ok = QInputDialog.getText(
            self, self.tr("开始考核"), self.tr("你的名字(考核成绩按名字保存,主管按名字查看):")
        )
        name = name.strip()
        if not ok or not name:
            self.feedback.setText(self.tr("先填上你的名字再开始考核。"))
            return False
        self.lib.set_setting("agent_name", name)
        return True

    def retry(self) -> None:
        if self.last_result is not None:
            self.start(retry_of=self.last_result.id)

    def _ask(self) -> None:
        run = self.run
        if run is None or run.current is None:
            return
        question = run.current
        self.progress.setText(
            self.tr("第 %1 / %2 题")
            .replace("%1", str(len(run.answers) + 1))
            .replace("%2", str(len(run.questions)))
        )
        self.prompt.setText(question.prompt)
        self.search.reset()
        self.choices.clear()
        for entry_id in question.choices:
            entry = self.lib.get(entry_id)
            item = QListWidgetItem(f"{entry.title}:{_short(entry.reply)}")
            item.setData(Qt.ItemDataRole.UserRole, entry_id)
            self.choices.addItem(item)
        if question.choices:
            self.choices.setCurrentRow(0)
        self._asked_at = time.monotonic()
        self._tick()
        self.timer.start()
        if run.settings.mode == "choice":
            self.choices.setFocus()
        else:
            self.search.box.setFocus()

    def _elapsed(self) -> float:
        return time.monotonic() - self._asked_at

    def _tick(self) -> None:
        run = self.run
        if run is None or run.done:
            self.timer.stop()
            return
        limit = run.settings.time_limit
        if not limit:
            self.clock.setText(self.tr("用时 %1 秒").replace("%1", str(int(self._elapsed()))))
            return
        left = limit - self._elapsed()
        self.clock.setText(self.tr("剩 %1 秒").replace("%1", str(max(0, int(left + 0.999)))))
        if left <= 0:
            self._answer(None, timed_out=True)

    def submit(self) -> None:
        if self.run is None or self.run.done:
            return
        if self.answer_stack.currentIndex() == 1:
            item = self.choices.currentItem()
            chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        else:
            chosen = self.search.chosen()
        if chosen is None:
            self.feedback.setText(self.tr("先搜到一条回复再作答(或点「不会,跳过」)。"))
            return
        self._answer(str(chosen))

    def _answer(self, entry_id: str | None, *, timed_out: bool = False) -> None:
        run = self.run
        if run is None or run.done:
            return
        seconds = self._elapsed()
        if timed_out:
            seconds = max(seconds, float(run.settings.time_limit) + 0.1)
        answer = run.answer(entry_id, seconds)
        right = self.lib.get(answer.entry_id)
        if answer.correct:
            self.feedback.setText(self.tr("✓ 答对了(%1 秒)").replace("%1", f"{answer.seconds:.0f}"))
        else:
            reason = self.tr("超时") if answer.timed_out else self.tr("答错了")
            self.feedback.setText(
                self.tr("✗ %1。正确答案:%2")
                .replace("%1", reason)
                .replace("%2", f"{right.title} — {_short(right.reply)}")
            )
        if run.done:
            self.timer.stop()
            self._finish()
        else:
            self._ask()

    def _finish(self) -> None:
        assert self.run is not None
        result = self.run.finish()
        self.last_result = result
        verdict = self.tr("通过") if result.passed else self.tr("未通过")
        self.summary.setText(
            self.tr("得分 %1 分(%2 / %3),及格线 %4 分:%5。总用时 %6 秒。")
            .replace("%1", str(result.score))
            .replace("%2", str(result.correct))
            .replace("%3", str(result.total))
            .replace("%4", str(result.pass_mark))
            .replace("%5", verdict)
            .replace("%6", f"{result.seconds:.0f}")
        )
        items = result.items
        self.misses.setRowCount(len(items))
        for row, item in enumerate(items):
            right = self._entry(item["entry_id"])
            given = self._entry(item["answer_id"]) if item["answer_id"] else None
            mark = "✓ " if item["correct"] else "✗ "
            cells = (
                mark + item["prompt"],
                f"{right.title}:{_short(right.reply, 120)}" if right else "",
                (given.title if given else self.tr("(未作答)"))
                + (self.tr("(超时)") if item["timed_out"] else ""),
                f"{item['seconds']:.0f} s",
            )
            for column, text in enumerate(cells):
                self.misses.setItem(row, column, QTableWidgetItem(text))
        self.misses.resizeRowsToContents()
        self.retry_button.setEnabled(bool(result.misses))
        self.pages.setCurrentIndex(2)
        self.run = None

    def _entry(self, entry_id: str) -> Entry | None:
        try:
            return self.lib.get(entry_id)
        except CsdeskError:
            return None


# ----------------------------------------------------------------------------------------------------------
class DrillPage(QWidget):
    """A short scenario turn by turn: the customer speaks, the agent answers (search or typing), the app compares
    with the expected reply; the good example is shown at the end."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillPage")
        self.lib = lib
        self.drills: list[training.Drill] = []
        self.drill: training.Drill | None = None
        self.turn = 0
        self.score: list[bool] = []
        self.picker = QComboBox()
        self.picker.setObjectName("drillPicker")
        self.start_button = QPushButton(self.tr("开始演练"))
        self.start_button.setObjectName("drillStart")
        self.transcript = QTextBrowser()
        self.transcript.setObjectName("drillTranscript")
        self.search = EntrySearch(lib, "drillSearch")
        self.typed = QLineEdit()
        self.typed.setObjectName("drillTyped")
        self.typed.setPlaceholderText(self.tr("或直接输入你的回复"))
        self.answer_button = QPushButton(self.tr("回复"))
        self.answer_button.setObjectName("drillAnswer")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("情景")))
        top.addWidget(self.picker, 1)
        top.addWidget(self.start_button)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.typed, 1)
        answer_row.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.transcript, 2)
        layout.addWidget(self.search, 1)
        layout.addLayout(answer_row)
        self.start_button.clicked.connect(self.start)
        self.answer_button.clicked.connect(self.answer)
        self.search.box.returnPressed.connect(self.answer)
        self.typed.returnPressed.connect(self.answer)
        self.reload()

    def reload(self) -> None:
        self.drills = training.drills(self.lib)
        self.picker.clear()
        for drill in self.drills:
            self.picker.addItem(drill.title)
        self.start_button.setEnabled(bool(self.drills))
        self._set_answering(False)

    def _set_answering(self, on: bool) -> None:
        for widget in (self.search, self.typed, self.answer_button):
            widget.setEnabled(on)

    def start(self) -> None:
        if not self.drills:
            return
        self.drill = self.drills[self.picker.currentIndex()]
        self.turn = 0
        self.score = []
        self.transcript.clear()
        if self.drill.comment:
            self.transcript.append(f"<i>{_html(self.drill.comment)}</i>")
        self._set_answering(True)
        self._say_customer()

    def _say_customer(self) -> None:
        assert self.drill is not None
        turn = self.drill.turns[self.turn]
        who = self.tr("客户")
        self.transcript.append(f"<p><b>{who}:</b>{_html(turn.customer)}</p>")
        self.search.reset()
        self.typed.clear()
        self.search.box.setFocus()

    def answer(self) -> None:
        if self.drill is None or self.turn >= len(self.drill.turns):
            return
        turn = self.drill.turns[self.turn]
        typed = self.typed.text().strip()
        entry_id = None if typed else self.search.chosen()
        if not typed and entry_id is None:
            return
        check = training.check_turn(self.lib, turn, entry_id=entry_id, text=typed)
        given = typed if typed or entry_id is None else self.lib.get(entry_id).reply
        self.score.append(check.ok)
        mark = self.tr("✓ 接近标准回复") if check.ok else self.tr("✗ 和标准回复差得较多")
        you, standard = self.tr("你"), self.tr("标准回复")
        self.transcript.append(f"<p><b>{you}:</b>{_html(given)}</p>")
        self.transcript.append(
            f"<p style='color: {'green' if check.ok else '#b00'}'>{mark}({check.score:.0%})<br>"
            f"{standard}:{_html(check.expected)}</p>"
        )
        self.turn += 1
        if self.turn < len(self.drill.turns):
            self._say_customer()
            return
        self._set_answering(False)
        right = sum(self.score)
        self.transcript.append(
            "<hr><p><b>"
            + self.tr("演练结束:%1 / %2 轮接近标准回复。")
            .replace("%1", str(right))
            .replace("%2", str(len(self.score)))
            + "</b></p>"
        )
        if self.drill.good_example:
            good = self.tr("好的范例")
            self.transcript.append(f"<p><b>{good}</b><br>{_html(self.drill.good_example)}</p>")


# ----------------------------------------------------------------------------------------------------------
class ResultsPage(QWidget):
    """The supervisor's view: every finished quiz, per agent, with its misses."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quizResults")
        self.lib = lib
        self.agent = QComboBox()
        self.agent.setObjectName("resultsAgent")
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.team_box = QCheckBox(self.tr("含团队数据"))
        self.team_box.setObjectName("resultsTeam")
        self.team_box.setToolTip(
            self.tr("加上团队文件夹里其他客服的成绩(客服在「A/B 测试」里点「同步到团队文件夹」时写入)")
        )
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("resultsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("客服"),
                self.tr("时间"),
                self.tr("得分"),
                self.tr("结果"),
                self.tr("用时"),
                self.tr("错题"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("客服")))
        top.addWidget(self.agent)
        top.addWidget(self.refresh_button)
        top.addWidget(self.team_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.agent.currentIndexChanged.connect(lambda _i: self.fill())
        self.team_box.toggled.connect(lambda _on: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh()

    def _team(self) -> str | None:
        return str(self.lib.setting("team_folder", "") or "") or None if self.team_box.isChecked() else None

    def refresh(self) -> None:
        current = self.agent.currentData()
        agents = sorted({r.agent for r in training.quiz_results(self.lib, team_folder=self._team())})
        self.agent.blockSignals(True)
        self.agent.clear()
        self.agent.addItem(self.tr("所有客服"), None)
        for name in agents:
            self.agent.addItem(name, name)
        self.agent.setCurrentIndex(max(0, self.agent.findData(current)))
        self.agent.blockSignals(False)
        self.fill()

    def fill(self) -> None:
        results = training.quiz_results(self.lib, agent=self.agent.currentData(), team_folder=self._team())
        self.table.setRowCount(len(results))
        for row, r in enumerate(results):
            verdict = self.tr("通过") if r.passed else self.tr("未通过")
            cells = (
                r.agent,
                r.finished_at[:16].replace("T", " "),
                f"{r.score}({r.correct}/{r.total})",
                f"{verdict}(≥{r.pass_mark})",
                f"{r.seconds:.0f} s",
                ";".join(m["prompt"] for m in r.misses),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
