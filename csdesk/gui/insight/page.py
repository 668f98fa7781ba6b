"""The supervisor's 数据 page: copies over time, top and idle entries, knowledge gaps, red-line overrides, agents.

Everything but the gaps is summed in SQL from the daily roll-ups (csdesk.core.insight.usage) on the GUI thread: a
year of a 20-agent team takes well under a second (tests/benchmarks/bench_insight.py). The gaps group the period's
searches in a worker and fill their tab when ready. Turning a gap into an entry changes the library, so those
buttons follow supervisor mode (``set_editable``, called by the workbench).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, QTimer
from PySide6.QtGui import QPainter, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.insight.gaps import Gap, dismiss_gap, find_gaps, gap_to_entry, gap_to_similar
from csdesk.core.insight.period import Period, beijing_today
from csdesk.core.insight.usage import EntryUse, UsageStats
from csdesk.core.library import Library
from csdesk.gui.errors import show_error, ui_language
from csdesk.gui.manage.page_support import EntryPickerDialog, fill_shop_combo, ok_cancel_buttons
from csdesk.gui.workers import Task, run_in_thread

log = logging.getLogger(__name__)

PRESETS = (7, 30, 90, 365)
TEAM_EXPORT_MS = 30 * 60 * 1000


def _table(columns: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            if isinstance(value, int):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setText(str(value))
            table.setItem(r, c, item)


class GapEntryDialog(QDialog):
    """The reply (and shop) of a new entry made from a gap; the wordings are shown, they become the questions."""

    def __init__(self, lib: Library, gap: Gap, shop_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("把高频问题做成新话术"))
        self.resize(520, 380)
        form = QFormLayout(self)
        wordings = QLabel("、".join(t for t, _ in gap.wordings[:12]))
        wordings.setWordWrap(True)
        form.addRow(self.tr("问题与相似问法"), wordings)
        self.shop = QComboBox()
        self.shop.setObjectName("gapShop")
        fill_shop_combo(self.shop, lib.shops.all(), None, shop_id, with_shared=True)
        form.addRow(self.tr("店铺"), self.shop)
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("gapReply")
        self.reply.setPlaceholderText(self.tr("写好回复;以后客服搜索这些问法就能找到它"))
        form.addRow(self.tr("回复"), self.reply)
        form.addRow(ok_cancel_buttons(self, self.tr("保存为新话术")))


class InsightPage(QWidget):
    """The 数据 page of the supervisor's workbench (see the module docstring)."""

    def __init__(
        self, lib: Library, undo_stack: QUndoStack | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("insightPage")
        self.lib = lib
        self.undo_stack = undo_stack
        self._editable = False
        self._loaded = False
        self._gaps: list[Gap] = []
        self._gap_task: Task | None = None
        self._gap_generation = 0
        self.stats: UsageStats | None = None

        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for days in PRESETS:
            self.period_combo.addItem(self.tr("最近 %1 天").replace("%1", str(days)), days)
        self.period_combo.addItem(self.tr("自定义"), 0)
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        today = beijing_today()
        for edit, day in ((self.from_edit, date.fromordinal(today.toordinal() - 6)), (self.to_edit, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(False)
        self.shop_combo = QComboBox()
        self.shop_combo.setObjectName("insightShop")
        self.agent_combo = QComboBox()
        self.agent_combo.setObjectName("insightAgent")
        self.report_button = QPushButton(self.tr("导出周报…"))
        self.report_button.setObjectName("reportButton")
        self.cheatsheet_button = QPushButton(self.tr("打印速查表…"))
        self.cheatsheet_button.setObjectName("cheatsheetButton")
        self.team_button = QPushButton(self.tr("汇总团队使用记录"))
        self.team_button.setObjectName("teamUsageButton")
        self.team_button.setToolTip(
            self.tr("读入客服写到团队文件夹 usage 里的使用记录(同一文件读两次只算一次)")
        )

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("时间:")))
        bar.addWidget(self.period_combo)
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.to_edit)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("店铺:")))
        bar.addWidget(self.shop_combo)
        bar.addWidget(QLabel(self.tr("客服:")))
        bar.addWidget(self.agent_combo)
        bar.addStretch(1)
        bar.addWidget(self.team_button)
        bar.addWidget(self.cheatsheet_button)
        bar.addWidget(self.report_button)

        self.figures: dict[str, QLabel] = {}
        figures = QHBoxLayout()
        for key, label in (
            ("copies", self.tr("复制")),
            ("overrides", self.tr("越过红线")),
            ("failed", self.tr("没找到的搜索")),
            ("not_copied", self.tr("找到没复制")),
            ("used", self.tr("用过的话术")),
            ("never", self.tr("没用过的话术")),
        ):
            box = QLabel()
            box.setObjectName(f"figure_{key}")
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setStyleSheet("QLabel { border: 1px solid #c8d3e0; border-radius: 4px; padding: 4px 10px; }")
            box.setProperty("caption", label)
            self.figures[key] = box
            figures.addWidget(box)

        self.time_chart = QChartView()
        self.time_chart.setObjectName("copiesChart")
        self.agent_chart = QChartView()
        self.agent_chart.setObjectName("agentChart")
        for view in (self.time_chart, self.agent_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
        charts = QGridLayout()
        charts.addWidget(self.time_chart, 0, 0)
        charts.addWidget(self.agent_chart, 0, 1)
        charts.setColumnStretch(0, 3)
        charts.setColumnStretch(1, 2)

        entry_columns = [self.tr("编码"), self.tr("标题"), self.tr("店铺"), self.tr("分类"), self.tr("复制")]
        self.top_table = _table(entry_columns)
        self.idle_table = _table(entry_columns)
        self.override_table = _table([*entry_columns, self.tr("越过红线"), self.tr("最近的理由")])
        self.shop_table = _table([self.tr("店铺 / 分类"), self.tr("复制"), self.tr("越过红线")])
        self.gap_table = _table(
            [
                self.tr("问题"),
                self.tr("次数"),
                self.tr("没找到"),
                self.tr("其他问法"),
                self.tr("最接近的话术"),
            ]
        )
        self.gap_table.setObjectName("gapTable")
        self.gap_status = QLabel()
        self.gap_new = QPushButton(self.tr("做成新话术…"))
        self.gap_new.setObjectName("gapNewEntry")
        self.gap_similar = QPushButton(self.tr("加为已有话术的相似问法…"))
        self.gap_similar.setObjectName("gapSimilar")
        self.gap_dismiss = QPushButton(self.tr("忽略"))
        self.gap_dismiss.setObjectName("gapDismiss")
        gap_page = QWidget()
        gap_layout = QVBoxLayout(gap_page)
        gap_layout.setContentsMargins(0, 4, 0, 0)
        gap_buttons = QHBoxLayout()
        gap_buttons.addWidget(self.gap_status, 1)
        gap_buttons.addWidget(self.gap_new)
        gap_buttons.addWidget(self.gap_similar)
        gap_buttons.addWidget(self.gap_dismiss)
        gap_layout.addLayout(gap_buttons)
        gap_layout.addWidget(self.gap_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("insightTabs")
        self.tabs.addTab(gap_page, self.tr("高频新问题"))
        self.tabs.addTab(self.top_table, self.tr("最常用"))
        self.tabs.addTab(self.idle_table, self.tr("没用过"))
        self.tabs.addTab(self.override_table, self.tr("越过红线"))
        self.tabs.addTab(self.shop_table, self.tr("店铺与分类"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(figures)
        layout.addLayout(charts, 2)
        layout.addWidget(self.tabs, 3)

        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.from_edit.dateChanged.connect(lambda _d: self.refresh())
        self.to_edit.dateChanged.connect(lambda _d: self.refresh())
        self.shop_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.agent_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.report_button.clicked.connect(lambda _checked=False: self.export_report())
        self.cheatsheet_button.clicked.connect(lambda _checked=False: self.print_cheatsheet())
        self.team_button.clicked.connect(lambda _checked=False: self.read_team_usage())
        self.gap_new.clicked.connect(lambda _checked=False: self.gap_to_new_entry())
        self.gap_similar.clicked.connect(lambda _checked=False: self.gap_to_similar())
        self.gap_dismiss.clicked.connect(lambda _checked=False: self.dismiss_gap())
        self.gap_table.itemSelectionChanged.connect(self._update_gap_buttons)
        self._fill_filters()
        self._update_gap_buttons()
        # This machine's usage goes to the team folder a minute after the start and then every half hour (agents'
        # apps too: the workbench, read-only for them, hosts this page), for the supervisor's team view.
        self.team_timer = QTimer(self)
        self.team_timer.setInterval(TEAM_EXPORT_MS)
        self.team_timer.timeout.connect(self.write_team_usage)
        QTimer.singleShot(60_000, self, self.write_team_usage)
        self.team_timer.start()

    # -- life cycle ----------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()  # the figures are read when the page is first shown, not when the app starts

    def set_editable(self, editable: bool) -> None:
        """Supervisor mode: making an entry of a gap changes the library."""
        self._editable = editable
        self._update_gap_buttons()

    def _fill_filters(self) -> None:
        current_shop = self.shop_combo.currentData()
        fill_shop_combo(self.shop_combo, self.lib.shops.all(), self.tr("全部店铺"), current_shop)
        current_agent = self.agent_combo.currentData()
        blocked = self.agent_combo.blockSignals(True)
        self.agent_combo.clear()
        self.agent_combo.addItem(self.tr("全部客服"), None)
        agents = [
            r[0]
            for r in self.lib.database.all(
                "SELECT agent FROM usage_daily_agent UNION SELECT agent FROM search_daily ORDER BY 1"
            )
        ]
        for agent in agents:
            self.agent_combo.addItem(agent or self.tr("(未填客服名)"), agent)
        self.agent_combo.setCurrentIndex(max(0, self.agent_combo.findData(current_agent)))
        self.agent_combo.blockSignals(blocked)

    def _period_changed(self, _index: int) -> None:
        days = int(self.period_combo.currentData() or 0)
        custom = days == 0
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            today = beijing_today()
            start = date.fromordinal(today.toordinal() - days + 1)
            for edit, day in ((self.from_edit, start), (self.to_edit, today)):
                blocked = edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(blocked)
        self.refresh()

    def period(self) -> Period:
        start, end = self.from_edit.date(), self.to_edit.date()
        return Period(
            date(start.year(), start.month(), start.day()), date(end.year(), end.month(), end.day())
        )

    # -- figures -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read every figure for the chosen period and filters (the gaps in a worker)."""
        self._loaded = True
        try:
            period = self.period()
            self.stats = UsageStats(
                self.lib, period, shop=self.shop_combo.currentData(), agent=self.agent_combo.currentData()
            )
        except CsdeskError as exc:
            show_error(self, exc)
            return
        stats = self.stats
        totals = stats.totals()
        for key, value in (
            ("copies", totals.copies),
            ("overrides", totals.overrides),
            ("failed", totals.searches_failed),
            ("not_copied", totals.searches_not_copied),
            ("used", totals.entries_used),
            ("never", totals.entries_never_used),
        ):
            box = self.figures[key]
            box.setText(
                f"<span style='font-size:16pt; font-weight:bold'>{value:,}</span><br>{box.property('caption')}"
            )
        self._draw_time_chart(stats.over_time())
        self._draw_agent_chart(stats)
        _fill(self.top_table, self._entry_rows(stats.top_entries(50)))
        _fill(self.idle_table, self._entry_rows(stats.never_used(200)))
        over = stats.overridden(50)
        _fill(
            self.override_table,
            [
                [*row, e.overrides, " / ".join(stats.override_reasons(e.entry_id, 2))]
                for row, e in zip(self._entry_rows(over), over, strict=True)
            ],
        )
        _fill(
            self.shop_table,
            [[s.name or self.tr("(未选店铺)"), s.copies, s.overrides] for s in stats.per_shop()]
            + [["    " + (c.name or self.tr("未分类")), c.copies, c.overrides] for c in stats.per_category()],
        )
        self.load_gaps()

    @staticmethod
    def _entry_rows(uses: list[EntryUse]) -> list[list[Any]]:
        return [[e.code, e.title, e.shop, e.category, e.copies] for e in uses]

    def _draw_time_chart(self, series_data: list[tuple[str, int]]) -> None:
        chart = QChart()
        chart.setTitle(self.tr("每日复制次数"))
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        series = QLineSeries()
        for i, (_day, n) in enumerate(series_data):
            series.append(i, n)
        chart.addSeries(series)
        axis_x = QValueAxis()
        axis_x.setRange(0, max(1, len(series_data) - 1))
        axis_x.setLabelFormat("%d")
        axis_x.setTitleText(self.tr("%1 起第几天").replace("%1", series_data[0][0]) if series_data else "")
        axis_y = QValueAxis()
        axis_y.setRange(0, max([n for _, n in series_data] or [0]) * 1.1 + 1)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        old = self.time_chart.chart()
        self.time_chart.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _draw_agent_chart(self, stats: UsageStats) -> None:
        agents = stats.per_agent()[:12]
        chart = QChart()
        chart.setTitle(self.tr("客服复制与越过红线"))
        chart.setMargins(QMargins(4, 4, 4, 4))
        copies = QBarSet(self.tr("复制"))
        overrides = QBarSet(self.tr("越过红线"))
        for a in agents:
            copies.append(a.copies)
            overrides.append(a.overrides)
        series = QBarSeries()
        series.append(copies)
        series.append(overrides)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([a.agent or "—" for a in agents] or ["—"])
        axis_y = QValueAxis()
        axis_y.setRange(0, max([a.copies for a in agents] or [0]) * 1.1 + 1)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.agent_chart.chart()
        self.agent_chart.setChart(chart)
        if old is not None:
            old.deleteLater()

    # -- gaps ----------------------------------------------------------------------------------------------
    def load_gaps(self) -> None:
        """Group the period's unanswered searches in a worker; a newer request makes an older result stale."""
        self._gap_generation += 1
        generation = self._gap_generation
        period, shop, agent = self.period(), self.shop_combo.currentData(), self.agent_combo.currentData()
        self.gap_status.setText(self.tr("正在分析搜索记录…"))

        def work() -> list[Gap]:
            return find_gaps(self.lib, period, shop=shop, agent=agent, limit=100, suggest=15)

        def done(gaps: object) -> None:
            if generation != self._gap_generation or not isinstance(gaps, list):
                return
            self._show_gaps(gaps)

        def failed(exc: BaseException) -> None:
            if generation == self._gap_generation:
                self.gap_status.setText("")
                show_error(self, exc)

        self._gap_task = run_in_thread(work, done, failed, owner=self)

    def _show_gaps(self, gaps: list[Gap]) -> None:
        self._gaps = gaps
        rows = []
        for gap in gaps:
            answer = ""
            if gap.suggestion is not None:
                answer = f"{gap.suggestion.title}({gap.suggestion.sureness:.0%})"
            rows.append(
                [gap.label, gap.count, gap.failed, "、".join(t for t, _ in gap.wordings[1:6]), answer]
            )
        _fill(self.gap_table, rows)
        self.gap_status.setText(
            self.tr("%1 组没解决的问题,按次数排列").replace("%1", str(len(gaps)))
            if gaps
            else self.tr("这段时间没有没解决的搜索")
        )
        self._update_gap_buttons()

    def current_gap(self) -> Gap | None:
        row = self.gap_table.currentRow()
        return self._gaps[row] if 0 <= row < len(self._gaps) and self.gap_table.selectedItems() else None

    def _update_gap_buttons(self) -> None:
        has = self.current_gap() is not None
        for button in (self.gap_new, self.gap_similar, self.gap_dismiss):
            button.setEnabled(has and self._editable)
        tip = "" if self._editable else self.tr("需要主管模式")
        for button in (self.gap_new, self.gap_similar, self.gap_dismiss):
            button.setToolTip(tip)

    def gap_to_new_entry(self) -> None:
        gap = self.current_gap()
        if gap is None:
            return
        dialog = GapEntryDialog(self.lib, gap, self.shop_combo.currentData(), self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            entry = gap_to_entry(self.lib, gap, dialog.reply.toPlainText(), shop=dialog.shop.currentData())
        except CsdeskError as exc:
            show_error(self, exc)
            return
        finally:
            dialog.deleteLater()
        self.gap_status.setText(self.tr("已新建话术:%1").replace("%1", entry.title))
        self.load_gaps()

    def gap_to_similar(self) -> None:
        gap = self.current_gap()
        if gap is None:
            return
        entry_id = EntryPickerDialog.pick(self.lib, self, self.tr("加到哪条话术的相似问法?"))
        if not entry_id:
            return
        try:
            entry = gap_to_similar(self.lib, gap, entry_id)
        except CsdeskError as exc:
            show_error(self, exc)
            return
        self.gap_status.setText(self.tr("已加为「%1」的相似问法").replace("%1", entry.title))
        self.load_gaps()

    def dismiss_gap(self) -> None:
        gap = self.current_gap()
        if gap is None:
            return
        dismiss_gap(self.lib, gap)
        self.load_gaps()

    # -- team ---------------------------------------------------------------------------------------------
    def write_team_usage(self) -> Task | None:
        """Write this machine's new usage into the team folder's ``usage`` (in a worker); None when not set up."""
        from csdesk.core.insight.teamusage import export_usage, usage_folder

        try:
            folder = str(self.lib.setting("team_folder", "") or "")
            if not folder or self.lib.setting("usage_logging", True) is False:
                return None
        except (CsdeskError, sqlite3.Error):  # the library was closed under a timer that outlived it
            self.team_timer.stop()
            return None

        def work() -> Path | None:
            target = usage_folder(Path(folder))
            target.mkdir(parents=True, exist_ok=True)
            return export_usage(self.lib, target)

        def failed(exc: BaseException) -> None:
            log.warning("could not write the usage file: %s", exc)

        return run_in_thread(work, None, failed, owner=self)

    # -- files ---------------------------------------------------------------------------------------------
    def export_report(self) -> None:
        path_text, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出周报"),
            f"周报-{self.period().last_day}.xlsx",
            self.tr("Excel 工作簿 (*.xlsx);;PDF (*.pdf);;网页 (*.html)"),
        )
        if not path_text:
            return
        from csdesk.core.insight.report import build_report, report_html, write_html, write_report_xlsx

        path = Path(path_text)
        language = ui_language()
        try:
            report = build_report(
                self.lib,
                self.period(),
                shop=self.shop_combo.currentText() if self.shop_combo.currentData() else None,
            )
            suffix = path.suffix.lower()
            if suffix == ".pdf":
                from csdesk.gui.insight.printing import html_to_pdf

                html_to_pdf(report_html(report, language), path)
            elif suffix in (".html", ".htm"):
                write_html(report_html(report, language), path)
            else:
                write_report_xlsx(report, path if suffix == ".xlsx" else path.with_suffix(".xlsx"), language)
        except CsdeskError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, self.tr("导出周报"), self.tr("周报已保存:%1").replace("%1", str(path)))

    def print_cheatsheet(self) -> None:
        shop = self.shop_combo.currentText() if self.shop_combo.currentData() else None
        path_text, _filter = QFileDialog.getSaveFileName(
            self, self.tr("打印速查表"), f"速查表-{shop or '全部'}.pdf", self.tr("PDF (*.pdf);;网页 (*.html)")
        )
        if not path_text:
            return
        from csdesk.core.insight.report import cheatsheet_html, write_html
        from csdesk.gui.insight.printing import html_to_pdf

        path = Path(path_text)
        try:
            text = cheatsheet_html(self.lib, shop, ui_language())
            if path.suffix.lower() in (".html", ".htm"):
                write_html(text, path)
            else:
                html_to_pdf(text, path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))
        except CsdeskError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self, self.tr("打印速查表"), self.tr("速查表已保存:%1").replace("%1", str(path))
        )

    def read_team_usage(self) -> None:
        from csdesk.core.insight.teamusage import import_usage

        folder = str(self.lib.setting("team_folder", "") or "")
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("选择放使用记录的文件夹"))
            if not folder:
                return
        try:
            result = import_usage(self.lib, [Path(folder)])
        except CsdeskError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            self.tr("汇总团队使用记录"),
            self.tr("读入 %1 个文件:复制 %2 条、搜索 %3 条;已读过的 %4 条不重复计算。")
            .replace("%1", str(result.files))
            .replace("%2", str(result.copies))
            .replace("%3", str(result.searches))
            .replace("%4", str(result.duplicates)),
        )
        self._fill_filters()
        self.refresh()
