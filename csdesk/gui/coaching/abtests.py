"""The A/B tests page: the tests with their status, one test's results per arm, start, end, promote, import orders.

The numbers come from :mod:`csdesk.core.abtest`; with the team folder set, the other agents' files are added in
(each agent's file counts once however often it is read).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.core import abtest
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Entry
from csdesk.gui.errors import show_error, ui_language
from csdesk.gui.manage.page_support import EntryPickerDialog, ok_cancel_buttons


def goal_text(goal: str) -> str:
    labels = {
        "deal": QCoreApplication.translate("AbTestsPage", "成交"),
        "resolved": QCoreApplication.translate("AbTestsPage", "解决"),
        "praise": QCoreApplication.translate("AbTestsPage", "好评"),
    }
    return labels.get(goal, goal)


class StartTestDialog(QDialog):
    """The supervisor's settings for a new test on one entry: wordings, shops, customers, split, goal, end."""

    def __init__(self, lib: Library, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.entry = entry
        self.setObjectName("startAbTest")
        self.setWindowTitle(self.tr("开始 A/B 测试"))
        self.name = QLineEdit(entry.title)
        self.arms = QListWidget()
        self.arms.setObjectName("abArms")
        own = QListWidgetItem(self.tr("原文:%1").replace("%1", entry.reply.replace("\n", " ")[:60]))
        own.setData(Qt.ItemDataRole.UserRole, None)
        own.setToolTip(entry.reply)
        own.setCheckState(Qt.CheckState.Checked)
        self.arms.addItem(own)
        for variant in entry.variants:
            item = QListWidgetItem(
                (variant.label or self.tr("变体")) + ":" + variant.reply.replace("\n", " ")[:60]
            )
            item.setData(Qt.ItemDataRole.UserRole, variant.id)
            item.setToolTip(variant.reply)
            item.setCheckState(Qt.CheckState.Checked if variant.enabled else Qt.CheckState.Unchecked)
            self.arms.addItem(item)
        self.arms.setMaximumHeight(110)
        # wide enough to read each wording's first 60 characters without scrolling sideways (seen at 1920×1080:
        # the dialog opened 340 px wide and cut the wordings after a dozen characters); the whole reply is the tip
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中" * 66))
        self.shops = QListWidget()
        self.shops.setObjectName("abShops")
        for shop in lib.shops.all():
            item = QListWidgetItem(shop.name)
            item.setData(Qt.ItemDataRole.UserRole, shop.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.shops.addItem(item)
        self.shops.setMaximumHeight(90)
        self.shops.setToolTip(self.tr("都不勾 = 所有店铺"))
        self.tag = QComboBox()
        self.tag.setObjectName("abTag")
        self.tag.addItem(self.tr("所有客户"), "")
        for tag in lib.tags.all():
            self.tag.addItem(tag.name, tag.name)
        self.split = QLineEdit()
        self.split.setObjectName("abSplit")
        self.split.setPlaceholderText(self.tr("平均分,或写 70/30"))
        self.goal = QComboBox()
        self.goal.setObjectName("abGoal")
        for key in abtest.GOALS:
            self.goal.addItem(goal_text(key), key)
        self.use_date = QCheckBox(self.tr("到这天结束"))
        self.end_date = QDateEdit(
            QDate.fromString((date.today() + timedelta(days=14)).isoformat(), "yyyy-MM-dd")
        )
        self.end_date.setCalendarPopup(True)
        self.end_date.setDisplayFormat("yyyy-MM-dd")
        self.sample = QSpinBox()
        self.sample.setObjectName("abSample")
        self.sample.setRange(0, 1_000_000)
        self.sample.setSpecialValueText(self.tr("不限"))
        self.sample.setSuffix(self.tr(" 个对话"))
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("参与的说法"), self.arms)
        form.addRow(self.tr("店铺"), self.shops)
        form.addRow(self.tr("客户"), self.tag)
        form.addRow(self.tr("分流"), self.split)
        form.addRow(self.tr("目标"), self.goal)
        end_row = QHBoxLayout()
        end_row.addWidget(self.use_date)
        end_row.addWidget(self.end_date)
        form.addRow(self.tr("结束"), end_row)
        form.addRow(self.tr("或达到"), self.sample)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("条目:%1").replace("%1", entry.title)))
        layout.addLayout(form)
        self.buttons = ok_cancel_buttons(self, self.tr("开始测试"))
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self.start)
        layout.addWidget(self.buttons)
        self.started: abtest.AbTest | None = None

    def _checked(self, widget: QListWidget) -> list[object]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def start(self) -> None:
        """Start the test; a bad setting shows its message and the dialog stays open."""
        try:
            self.started = abtest.start_test(
                self.lib,
                self.entry.id,
                variant_ids=[v if isinstance(v, str) else None for v in self._checked(self.arms)],
                name=self.name.text(),
                shops=[int(s) for s in self._checked(self.shops) if isinstance(s, int)],
                customer_tag=str(self.tag.currentData() or ""),
                split=self.split.text(),
                goal=str(self.goal.currentData()),
                end_date=self.end_date.date().toString("yyyy-MM-dd") if self.use_date.isChecked() else "",
                end_sample=self.sample.value(),
            )
        except CsdeskError as exc:
            show_error(self, exc, self.tr("无法开始测试"))
            return
        self.accept()


class AbTestsPage(QWidget):
    """Tests on the left, the selected test's results on the right."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("abTestsPage")
        self.lib = lib
        self.gate: Callable[[str], bool] = lambda _reason: True
        """Asked before starting or ending a test (the main window asks for the supervisor PIN)."""
        self.tests = QTableWidget(0, 4)
        self.tests.setObjectName("abTests")
        self.tests.setHorizontalHeaderLabels(
            [self.tr("编号"), self.tr("测试"), self.tr("目标"), self.tr("状态")]
        )
        self.tests.verticalHeader().hide()
        self.tests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tests.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tests.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tests.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("新建测试…"))
        self.new_button.setObjectName("abNew")
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.team_box = QCheckBox(self.tr("含团队数据"))
        self.team_box.setToolTip(self.tr("把团队文件夹里其他客服的复制和结果加在一起(先同步)"))
        self.sync_hint = self.tr("加入主管在团队文件夹里发布的测试,并写出自己的复制和结果")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tests, 1)
        row = QHBoxLayout()
        for widget in (self.new_button, self.refresh_button, self.team_box):
            row.addWidget(widget)
        row.addStretch(1)
        left_layout.addLayout(row)

        self.title = QLabel()
        self.title.setObjectName("abTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.arms = QTableWidget(0, 7)
        self.arms.setObjectName("abArmsResult")
        self.arms.setHorizontalHeaderLabels(
            [
                self.tr("组"),
                self.tr("说法"),
                self.tr("复制"),
                self.tr("对话"),
                self.tr("达成"),
                self.tr("达成率(95% 区间)"),
                self.tr("p 值"),
            ]
        )
        self.arms.verticalHeader().hide()
        self.arms.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.arms.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verdict = QLabel()
        self.verdict.setObjectName("abVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 15px;")
        self.needed = QLabel()
        self.needed.setObjectName("abNeeded")
        self.needed.setWordWrap(True)
        self.promote = QComboBox()
        self.promote.setObjectName("abPromoteArm")
        self.end_button = QPushButton(self.tr("结束测试"))
        self.end_button.setObjectName("abEnd")
        self.csv_button = QPushButton(self.tr("导入订单 CSV…"))
        self.csv_button.setObjectName("abCsv")
        self.sync_button = QPushButton(self.tr("同步到团队文件夹"))
        self.sync_button.setObjectName("abSync")
        self.sync_button.setToolTip(self.sync_hint)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.arms, 1)
        right_layout.addWidget(self.verdict)
        right_layout.addWidget(self.needed)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("推广:")))
        actions.addWidget(self.promote)
        actions.addWidget(self.end_button)
        actions.addStretch(1)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.sync_button)
        right_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 760])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.new_button.clicked.connect(self.new_test)
        self.refresh_button.clicked.connect(self.refresh)
        self.team_box.toggled.connect(lambda _on: self.show_selected())
        self.tests.itemSelectionChanged.connect(self.show_selected)
        self.end_button.clicked.connect(self.end_selected)
        self.csv_button.clicked.connect(self.import_orders)
        self.sync_button.clicked.connect(self.sync_team)
        self.refresh()

    # -- data ----------------------------------------------------------------------------------------------
    def _team_folder(self) -> str | None:
        folder = str(self.lib.setting("team_folder", "") or "")
        return folder if folder and self.team_box.isChecked() else None

    def refresh(self) -> None:
        selected = self.selected()
        found = abtest.tests(self.lib)
        self.tests.setRowCount(len(found))
        for row, test in enumerate(found):
            state = self.tr("进行中") if test.status == "running" else self.tr("已结束")
            if test.winner:
                state += self.tr(" · 推广 %1").replace("%1", test.winner)
            for column, text in enumerate((str(test.id), test.name, goal_text(test.goal), state)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, test.id)
                self.tests.setItem(row, column, item)
        self.tests.resizeColumnToContents(0)
        keep = next((r for r, t in enumerate(found) if selected and t.id == selected.id), 0 if found else -1)
        if keep >= 0:
            self.tests.selectRow(keep)
        self.show_selected()

    def selected(self) -> abtest.AbTest | None:
        rows = self.tests.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.tests.item(rows[0].row(), 0)
        if item is None:
            return None
        try:
            return abtest.get_test(self.lib, int(item.data(Qt.ItemDataRole.UserRole)))
        except CsdeskError:
            return None

    def show_selected(self) -> None:
        test = self.selected()
        self.end_button.setEnabled(test is not None and test.status == "running")
        self.promote.setEnabled(test is not None and test.status == "running")
        self.csv_button.setEnabled(test is not None and test.status == "running")
        self.promote.clear()
        if test is None:
            self.title.setText(self.tr("还没有 A/B 测试:点「新建测试…」,选一个有变体的条目。"))
            self.arms.setRowCount(0)
            self.verdict.clear()
            self.needed.clear()
            return
        result = abtest.results(self.lib, test, team_folder=self._team_folder())
        scope = self.tr("所有店铺") if not test.shops else "、".join(
            s.name for s in self.lib.shops.all() if s.id in test.shops
        )  # fmt: skip
        who = test.customer_tag or self.tr("所有客户")
        self.title.setText(
            self.tr("#%1 %2 · 目标:%3 · %4 · %5").replace("%1", str(test.id)).replace("%2", test.name)
            .replace("%3", goal_text(test.goal)).replace("%4", scope).replace("%5", who)
        )  # fmt: skip
        self.arms.setRowCount(len(result.arms))
        for row, arm in enumerate(result.arms):
            rate = f"{arm.rate:.0%}({arm.low:.0%}–{arm.high:.0%})" if arm.marked else "—"
            cells = (
                arm.key, arm.label, str(arm.copies), str(arm.chats), f"{arm.successes}/{arm.marked}", rate,
                "" if arm.p_value is None else f"{arm.p_value:.3f}",
            )  # fmt: skip
            for column, text in enumerate(cells):
                self.arms.setItem(row, column, QTableWidgetItem(text))
        self.arms.resizeColumnsToContents()
        self.arms.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verdict.setText(result.verdict_en if ui_language() == "en" else result.verdict)
        significant = any(a.p_value is not None and a.p_value < 0.05 for a in result.arms)
        if result.needed_per_arm and significant:
            # "显著" above and "还需…才能下结论" here read as a contradiction (seen in the real window)
            self.needed.setText(
                self.tr("差异已经显著;按 80% 检验把握度的样本量,每组还差约 %1 个标记过结果的对话").replace(
                    "%1", str(result.needed_per_arm)
                )
            )
        elif result.needed_per_arm:
            self.needed.setText(
                self.tr("每组还需约 %1 个标记过结果的对话才能下结论").replace(
                    "%1", str(result.needed_per_arm)
                )
            )
        elif result.needed_per_arm == 0:
            self.needed.setText(self.tr("样本已经够了"))
        else:
            self.needed.clear()
        self.promote.addItem(self.tr("不推广"), "")
        for arm in result.arms:
            label = f"{arm.key} {arm.label}" + (
                self.tr("(领先)") if arm.key == result.best and arm.marked else ""
            )
            self.promote.addItem(label, arm.key)
        if result.arms and any(a.marked for a in result.arms):
            self.promote.setCurrentIndex(self.promote.findData(result.best))
        if result.agents:
            self.needed.setText(
                (self.needed.text() + " · " if self.needed.text() else "")
                + self.tr("客服:")
                + "、".join(result.agents)
            )

    # -- actions -------------------------------------------------------------------------------------------
    def new_test(self) -> None:
        if not self.gate(self.tr("开始 A/B 测试需要主管模式。")):
            return
        entry_id = EntryPickerDialog.pick(self.lib, self, self.tr("选择要测试的条目"))
        if not entry_id:
            return
        entry = self.lib.get(entry_id)
        dialog = StartTestDialog(self.lib, entry, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.refresh()

    def end_selected(self) -> None:
        test = self.selected()
        if test is None or not self.gate(self.tr("结束测试(和推广说法)需要主管模式。")):
            return
        promote = str(self.promote.currentData() or "")
        question = (
            self.tr("结束测试「%1」,并把 %2 组的说法设为正式回复?")
            .replace("%1", test.name)
            .replace("%2", promote)
            if promote
            else self.tr("结束测试「%1」,不推广任何说法?").replace("%1", test.name)
        )
        if QMessageBox.question(self, self.tr("结束测试"), question) != QMessageBox.StandardButton.Yes:
            return
        try:
            abtest.end_test(self.lib, test.id, promote=promote or None, team_folder=self._team_folder())
        except CsdeskError as exc:
            show_error(self, exc, self.tr("无法结束测试"))
        self.refresh()

    def import_orders(self) -> None:
        test = self.selected()
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("导入订单 CSV"), "", self.tr("CSV 文件 (*.csv);;所有文件 (*)")
        )
        if not path or test is None:
            return
        try:
            report = abtest.import_orders_csv(self.lib, path, test_id=test.id)
        except CsdeskError as exc:
            show_error(self, exc, self.tr("订单文件没有导入"))
            return
        QMessageBox.information(
            self,
            self.tr("导入订单 CSV"),
            self.tr("读了 %1 行,对上 %2 位客户。")
            .replace("%1", str(report.rows))
            .replace("%2", str(report.matched)),
        )
        self.refresh()

    def sync_team(self) -> None:
        folder = str(self.lib.setting("team_folder", "") or "")
        if not folder:
            QMessageBox.information(
                self, self.tr("同步到团队文件夹"), self.tr("还没有设置团队文件夹(设置 → 团队文件夹)。")
            )
            return
        try:
            joined, ended = abtest.sync_team(self.lib, folder)
        except CsdeskError as exc:
            show_error(self, exc)
            return
        self.team_box.setChecked(True)
        self.refresh()
        self.needed.setText(
            self.tr("已同步:新加入 %1 个团队测试,%2 个已在别处结束。")
            .replace("%1", str(joined))
            .replace("%2", str(ended))
        )
