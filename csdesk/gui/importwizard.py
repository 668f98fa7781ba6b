"""Import wizard and export dialog.

The wizard walks through: file → format (detected, can be changed) → shop and mode → preview (a dry run, shown in a
real table model) → import in a background thread with progress and a cancel button → summary. Nothing touches the
library before the user presses 导入, and a cancelled import leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError, ImportRejected, Problem
from csdesk.core.library import Library
from csdesk.formats import FORMATS, ImportCancelled, ImportReport, detect_format, export_file, import_file
from csdesk.gui.errors import error_text, ui_language
from csdesk.gui.models import Index as _INDEX
from csdesk.gui.workers import Task, run_in_thread


def _t(text: object) -> str:
    """A label declared with QT_TRANSLATE_NOOP("ImportPreviewModel", …) above its use."""
    return QCoreApplication.translate("ImportPreviewModel", str(text))


class ImportPreviewModel(QAbstractTableModel):
    """What an import did or would do: one row per file row (added, updated …), then errors and warnings."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("ImportPreviewModel", "结果"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "位置"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "店铺"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "标题"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "说明"),
    )
    _KINDS = (
        ("added", QT_TRANSLATE_NOOP("ImportPreviewModel", "新增"), "#1e7f3c"),
        ("updated", QT_TRANSLATE_NOOP("ImportPreviewModel", "更新"), "#1f5fbf"),
        ("unchanged", QT_TRANSLATE_NOOP("ImportPreviewModel", "未变"), "#777777"),
        ("skipped", QT_TRANSLATE_NOOP("ImportPreviewModel", "跳过"), "#777777"),
        ("conflicting", QT_TRANSLATE_NOOP("ImportPreviewModel", "冲突"), "#b35c00"),
        ("removed", QT_TRANSLATE_NOOP("ImportPreviewModel", "移入回收站"), "#b00020"),
    )

    _RED_LINE_BLOCK = QT_TRANSLATE_NOOP("ImportPreviewModel", "红线·禁止")
    _RED_LINE_WARN = QT_TRANSLATE_NOOP("ImportPreviewModel", "红线·提醒")
    _RED_LINE_DETAIL = QT_TRANSLATE_NOOP("ImportPreviewModel", "%1:「%2」(规则 %3)%4")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str, str, str]] = []

    def set_report(self, report: ImportReport | None, rejected: ImportRejected | None = None) -> None:
        self.beginResetModel()
        rows: list[tuple[str, str, str, str, str, str]] = []
        language = ui_language()
        if report is not None:
            # Red-line hits first: the supervisor sees them before anything is written.
            for finding in report.red_lines:
                block = finding.severity == "block"
                rows.append(
                    (
                        _t(self._RED_LINE_BLOCK if block else self._RED_LINE_WARN),
                        finding.location(language),
                        finding.shop,
                        finding.title,
                        _t(self._RED_LINE_DETAIL)
                        .replace("%1", finding.field_en if language == "en" else finding.field)
                        .replace("%2", finding.word)
                        .replace("%3", finding.rule)
                        .replace("%4", finding.reason),
                        "#b00020" if block else "#b35c00",
                    )
                )
            for attr, label, color in self._KINDS:
                for outcome in getattr(report, attr):
                    rows.append(
                        (
                            _t(label),
                            outcome.location(language),
                            outcome.shop,
                            outcome.title,
                            outcome.localized_detail(language),
                            color,
                        )
                    )
        problems: list[tuple[Problem, str, str]] = []
        if rejected is not None:
            problems += [
                (p, QCoreApplication.translate("ImportPreviewModel", "错误"), "#b00020")
                for p in rejected.errors
            ]
            problems += [
                (p, QCoreApplication.translate("ImportPreviewModel", "提醒"), "#b35c00")
                for p in rejected.warnings
            ]
        elif report is not None:
            problems += [
                (p, QCoreApplication.translate("ImportPreviewModel", "提醒"), "#b35c00")
                for p in report.warnings
            ]
        for problem, label, color in problems:
            where = problem.location(language) or problem.file
            rows.append((label, where, "", problem.column, problem.text(language), color))
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(row[5])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(self.COLUMNS[section])
        return None

    def kinds(self) -> list[str]:
        return [row[0] for row in self._rows]


class ImportWizard(QDialog):
    """Import a library file with a preview first. ``ImportWizard(lib, parent).exec()``."""

    PAGE_SETUP, PAGE_PREVIEW, PAGE_RUNNING, PAGE_DONE = range(4)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.report: ImportReport | None = None
        self.task: Task | None = None
        self._busy = False
        self.setWindowTitle(self.tr("导入话术"))
        self.resize(860, 560)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_preview())
        self.pages.addWidget(self._build_running())
        self.pages.addWidget(self._build_done())
        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("预览"))
        self.close_button = QPushButton(self.tr("取消"))
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self._close_or_cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show_page(self.PAGE_SETUP)

    # -- pages ---------------------------------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("选择要导入的文件"))
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("选择文件…"))
        browse.clicked.connect(self._browse_file)
        folder = QPushButton(self.tr("选择文件夹…"))
        folder.setToolTip(self.tr("Espanso 包是一个文件夹"))
        folder.clicked.connect(self._browse_folder)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        row.addWidget(folder)
        form.addRow(self.tr("文件"), row)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("自动识别"), None)
        for name, spec in FORMATS.items():
            if spec.can_import:
                self.format_combo.addItem(spec.label_zh if ui_language() == "zh" else spec.label_en, name)
        form.addRow(self.tr("格式"), self.format_combo)
        self.detected_label = QLabel()
        self.detected_label.setWordWrap(True)
        form.addRow("", self.detected_label)
        self.shop_combo = QComboBox()
        self.shop_combo.setEditable(True)
        self.shop_combo.addItem(self.tr("(按文件里的店铺,没有写的放入通用)"), None)
        for shop in self.lib.shops.all():
            self.shop_combo.addItem(shop.name, shop.name)
        self.shop_combo.setToolTip(self.tr("文件没有写店铺的行导入到这个店铺;输入新名字会新建店铺"))
        form.addRow(self.tr("店铺"), self.shop_combo)
        self.mode_group = QButtonGroup(self)
        modes = QVBoxLayout()
        for mode, label in (
            ("merge", self.tr("合并:更新已有条目(按编号、快捷编码、标题匹配),添加新条目")),
            ("replace", self.tr("替换:文件里提到的店铺中,文件里没有的条目移入回收站")),
            ("skip", self.tr("跳过:已有的条目不动,只添加新条目")),
        ):
            button = QRadioButton(label)
            button.setProperty("mode", mode)
            button.setChecked(mode == "merge")
            self.mode_group.addButton(button)
            modes.addWidget(button)
        form.addRow(self.tr("方式"), modes)
        return page

    def _build_preview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_model = ImportPreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_view, 1)
        return page

    def _build_running(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.running_label = QLabel(self.tr("正在导入…"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        layout.addStretch(1)
        layout.addWidget(self.running_label)
        layout.addWidget(self.progress_bar)
        layout.addStretch(1)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.done_scroll = QScrollArea(
            page
        )  # a long report (many warnings) scrolls instead of growing the dialog
        self.done_scroll.setWidget(self.done_label)
        self.done_scroll.setWidgetResizable(True)
        self.done_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done_scroll)
        return page

    def _fit_to_result(self) -> None:
        """Size the dialog to the result: a one-line summary was a line in an 860×560 box of empty space.

        Only the result page counts for the size (the stack otherwise asks for its largest page); the text gets
        the width of its longest line (360…760 px) and the height it needs up to 420 px, then it scrolls."""
        ignored = QSizePolicy.Policy.Ignored
        pages = [self.pages.widget(index) for index in range(self.pages.count())]
        for index, page in enumerate(pages):
            if index != self.PAGE_DONE and page is not None:
                page.setSizePolicy(ignored, ignored)
        self.done_label.ensurePolished()  # the font it will be drawn in (a dialog not shown yet is not polished)
        metrics = self.done_label.fontMetrics()
        lines = self.done_label.text().splitlines() or [""]
        width = min(max(max(metrics.horizontalAdvance(line) for line in lines) + 8, 360), 760)
        height = min(self.done_label.heightForWidth(width), 420)
        bar = self.done_scroll.verticalScrollBar().sizeHint().width() if height >= 420 else 0
        self.done_scroll.setFixedSize(width + bar + 2, height + 2)
        self.setMinimumSize(0, 0)
        for widget in (self.done_scroll, pages[self.PAGE_DONE], self.pages):
            if widget is not None:
                widget.updateGeometry()  # now, not at the next event loop: the cached size hints are stale
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.sizeHint())

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page == self.PAGE_PREVIEW)
        self.next_button.setVisible(page in (self.PAGE_SETUP, self.PAGE_PREVIEW))
        self.next_button.setText(self.tr("预览") if page == self.PAGE_SETUP else self.tr("导入"))
        self.close_button.setText(self.tr("关闭") if page == self.PAGE_DONE else self.tr("取消"))
        self.close_button.setEnabled(True)  # (not while the search index follows a written import)
        if page == self.PAGE_SETUP:
            self.next_button.setEnabled(bool(self.path_edit.text().strip()))

    # -- choices -------------------------------------------------------------------------------------------
    def _browse_file(self) -> None:
        patterns = " ".join(
            f"*{ext}" for spec in FORMATS.values() if spec.can_import for ext in spec.extensions
        )
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择要导入的文件"),
            "",
            self.tr("话术文件") + f" ({' '.join(sorted(set(patterns.split())))})",
        )
        if name:
            self.path_edit.setText(name)

    def _browse_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("选择 Espanso 包文件夹"))
        if name:
            self.path_edit.setText(name)

    def _path_changed(self, text: str) -> None:
        self.next_button.setEnabled(bool(text.strip()))
        path = Path(text.strip())
        if not text.strip() or not path.exists():
            self.detected_label.setText("")
            return
        try:
            name = detect_format(path)
        except CsdeskError as exc:
            self.detected_label.setText(error_text(exc))
            return
        spec = FORMATS[name]
        self.detected_label.setText(
            self.tr("识别为:%1").replace("%1", spec.label_zh if ui_language() == "zh" else spec.label_en)
        )
        index = self.format_combo.findData(name)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)

    def chosen_format(self) -> str | None:
        data = self.format_combo.currentData()
        return str(data) if data else None

    def chosen_shop(self) -> str | None:
        index = self.shop_combo.currentIndex()
        text = self.shop_combo.currentText().strip()
        if index == 0 and text == self.shop_combo.itemText(0):
            return None
        return text or None

    def chosen_mode(self) -> str:
        button = self.mode_group.checkedButton()
        return str(button.property("mode")) if button is not None else "merge"

    def _options(self) -> dict[str, Any]:
        return {"format": self.chosen_format(), "shop": self.chosen_shop(), "mode": self.chosen_mode()}

    # -- steps ---------------------------------------------------------------------------------------------
    def _next(self) -> None:
        if self._busy:
            return
        if self.pages.currentIndex() == self.PAGE_SETUP:
            self.preview()
        elif self.pages.currentIndex() == self.PAGE_PREVIEW:
            self.start_import()

    def _back(self) -> None:
        if not self._busy:
            self._show_page(self.PAGE_SETUP)

    def preview(self) -> None:
        """Run a dry run in the background and show what would happen."""
        path = Path(self.path_edit.text().strip())
        options = self._options()
        lib = self.lib
        self._busy = True
        self.next_button.setEnabled(False)
        self.detected_label.setText(self.tr("正在读取文件…"))
        self.task = run_in_thread(
            lambda: import_file(lib, path, dry_run=True, **options), self._preview_done, self._preview_failed
        )

    def _preview_done(self, report: ImportReport) -> None:
        self._busy = False
        self.report = report
        self.preview_model.set_report(report)
        self.preview_label.setText(report.summary_zh() if ui_language() == "zh" else report.summary_en())
        self._show_page(self.PAGE_PREVIEW)
        self.next_button.setEnabled(bool(report.added or report.updated or report.removed or report.extras))

    def _preview_failed(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, ImportRejected):
            self.preview_model.set_report(None, exc)
            self.preview_label.setText(
                self.tr("文件里有 %1 处错误,改正后才能导入。没有导入任何内容。").replace(
                    "%1", str(len(exc.errors))
                )
            )
            self._show_page(self.PAGE_PREVIEW)
            self.next_button.setEnabled(False)
            return
        self.detected_label.setText(error_text(exc))
        self._show_page(self.PAGE_SETUP)

    def start_import(self) -> None:
        path = Path(self.path_edit.text().strip())
        options = self._options()
        lib = self.lib
        self._busy = True
        self.progress_bar.setRange(0, 0)
        self.running_label.setText(self.tr("正在导入…(可以取消,取消后话术库保持原样)"))
        self._show_page(self.PAGE_RUNNING)

        def work(progress: Any) -> ImportReport:
            return import_file(lib, path, progress=progress, **options)

        self.task = run_in_thread(work, self._import_done, self._import_failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        if total <= 0:  # everything is written; the search index follows (no count, nothing left to cancel)
            self.progress_bar.setRange(0, 0)
            self.running_label.setText(self.tr("已写入话术库,正在更新搜索索引…"))
            self.close_button.setEnabled(False)
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, total))

    def _import_done(self, report: ImportReport) -> None:
        self._busy = False
        self.report = report
        self.done_label.setText(report.summary_zh() if ui_language() == "zh" else report.summary_en())
        self._show_page(self.PAGE_DONE)
        self._fit_to_result()

    def _import_failed(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, ImportCancelled):
            self.done_label.setText(self.tr("导入已取消,话术库没有任何改动。"))
        else:
            self.done_label.setText(error_text(exc))
        self._show_page(self.PAGE_DONE)
        self._fit_to_result()

    def cancel_import(self) -> None:
        if self.task is not None and self.pages.currentIndex() == self.PAGE_RUNNING:
            self.task.cancel()
            self.running_label.setText(self.tr("正在取消…"))

    def _close_or_cancel(self) -> None:
        if self.pages.currentIndex() == self.PAGE_RUNNING:
            self.cancel_import()
            return
        if self._busy:
            return
        if self.pages.currentIndex() == self.PAGE_DONE:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self._busy:  # a running import is cancelled, not abandoned
            self.cancel_import()
            return
        super().reject()


class ExportDialog(QDialog):
    """Export the library (or some shops) to a file. ``ExportDialog(lib, parent).exec()``."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.task: Task | None = None
        self.setWindowTitle(self.tr("导出话术"))
        self.resize(560, 480)
        form = QFormLayout()
        self.format_combo = QComboBox()
        for name, spec in FORMATS.items():
            if spec.can_export:
                self.format_combo.addItem(spec.label_zh if ui_language() == "zh" else spec.label_en, name)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        form.addRow(self.tr("格式"), self.format_combo)
        self.shop_list = QListWidget()
        for shop in lib.shops.all():
            item = QListWidgetItem(shop.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.shop_list.addItem(item)
        form.addRow(self.tr("店铺"), self.shop_list)
        self.customers_check = QCheckBox(self.tr("包含客户资料(昵称、标签、备注,请注意隐私)"))
        form.addRow("", self.customers_check)
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(lambda _text: self._update_buttons())
        browse = QPushButton(self.tr("另存为…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("文件"), row)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出"))
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._format_changed()

    def chosen_format(self) -> str:
        return str(self.format_combo.currentData())

    def chosen_shops(self) -> list[str] | None:
        items = [self.shop_list.item(i) for i in range(self.shop_list.count())]
        checked = [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
        return None if len(checked) == len(items) else checked

    def _format_changed(self) -> None:
        name = self.chosen_format()
        self.customers_check.setEnabled(name in ("xlsx", "bundle"))
        text = self.path_edit.text().strip()
        if text:
            extension = FORMATS[name].extensions[0]
            self.path_edit.setText(str(Path(text).with_suffix(extension)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()) and self.task is None)

    def _browse(self) -> None:
        spec = FORMATS[self.chosen_format()]
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出到"), f"csdesk{spec.extensions[0]}", f"{spec.label_zh} (*{spec.extensions[0]})"
        )
        if name:
            self.path_edit.setText(name)

    def start_export(self) -> None:
        shops = self.chosen_shops()
        if shops == []:
            self.status_label.setText(self.tr("请至少选择一个店铺。"))
            return
        path = Path(self.path_edit.text().strip())
        fmt, lib = self.chosen_format(), self.lib
        customers = self.customers_check.isChecked() and self.customers_check.isEnabled()
        self.status_label.setText(self.tr("正在导出…"))
        self.task = run_in_thread(
            lambda: export_file(lib, path, format=fmt, shops=shops, include_customers=customers),
            self._done,
            self._failed,
        )
        self._update_buttons()

    def _done(self, report: Any) -> None:
        self.task = None
        text = self.tr("已导出 %1 条到 %2").replace("%1", str(report.entries)).replace("%2", str(report.path))
        if getattr(report, "files", None):  # one file per shop (千牛 CSV)
            text = self.tr("已导出 %1 条,每个店铺一个文件:").replace("%1", str(report.entries))
            text += "\n" + "\n".join(str(p) for p in report.files)
        if report.warnings:
            language = ui_language()
            text += (
                "\n"
                + self.tr("提醒:")
                + "\n"
                + "\n".join(w.localized(language) for w in report.warnings[:20])
            )
        self.status_label.setText(text)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.status_label.setText(error_text(exc))
        self._update_buttons()
