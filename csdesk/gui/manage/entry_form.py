"""The entry editor's form: its fields, lists, live preview and buttons laid out, and the buttons wired."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csdesk.gui.manage.entry_lists import EntryLists
from csdesk.gui.manage.entry_widgets import (
    GetterTableModel,
    RedLineHighlighter,
    ReplyEdit,
    _list_view,
)
from csdesk.gui.manage.learned_box import LearnedPhrasingsBox
from csdesk.gui.manage.page_support import button_row
from csdesk.gui.manage.tag_picker import TagPicker

if TYPE_CHECKING:
    from csdesk.gui.manage.entry_editor import EntryEditor


class EntryForm(EntryLists):
    """Builds the editor's widgets; EntryEditor holds the state and behaviour behind them."""

    if TYPE_CHECKING:  # set up by the page class
        _schedule_live: Callable[[], None]
        _shop_changed: Callable[[], None]
        _update_buttons: Callable[[], None]
        delete_requested: SignalInstance
        history_requested: SignalInstance
        save: Callable[[], bool]

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # holds the entry's title: shown, never rendered
        self.heading.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.readonly_note = QLabel()
        self.readonly_note.setTextFormat(Qt.TextFormat.PlainText)
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setStyleSheet(
            "color: #7a5b00; background: #fff6d5; padding: 4px; border-radius: 3px;"
        )
        outer.addWidget(self.heading)
        outer.addWidget(self.readonly_note)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)

        # --- main tab
        main = QWidget()
        form = QFormLayout(main)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("留空时用问题或回复的第一行"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("如 cm、tk;在千牛里输入 / 加编码即可调出"))
        self.shop_combo = QComboBox()
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)
        category_line = self.category_combo.lineEdit()
        assert category_line is not None
        category_line.setPlaceholderText(self.tr("如 售前/尺码;不存在时保存会新建"))
        self.reply_edit = ReplyEdit()
        self.reply_edit.setPlaceholderText(self.tr("发给客户的回复。可用占位符,如 {客户昵称}、{订单号}"))
        self.reply_edit.setMinimumHeight(120)
        self.highlighter = RedLineHighlighter(self.reply_edit.document(), self.lib, self.current_shop_id)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setStyleSheet("color: #666;")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.preview = QTextBrowser()
        self.preview.setMaximumHeight(110)
        self.preview.setOpenLinks(False)
        enabled_row = QHBoxLayout()
        self.enabled_box = QCheckBox(self.tr("启用(停用后客服搜不到)"))
        self.order_spin = QSpinBox()
        self.order_spin.setRange(-9999, 9999)
        enabled_row.addWidget(self.enabled_box)
        enabled_row.addStretch(1)
        enabled_row.addWidget(QLabel(self.tr("排序:")))
        enabled_row.addWidget(self.order_spin)
        form.addRow(self.tr("标题:"), self.title_edit)
        form.addRow(self.tr("快捷编码:"), self.code_edit)
        form.addRow(self.tr("店铺:"), self.shop_combo)
        form.addRow(self.tr("分类:"), self.category_combo)
        form.addRow(self.tr("回复:"), self.reply_edit)
        form.addRow("", self.counter)
        form.addRow("", self.warnings)
        form.addRow(self.tr("预览:"), self.preview)
        form.addRow("", enabled_row)
        self.tabs.addTab(main, self.tr("回复"))

        # --- question tab
        qa = QWidget()
        qa_form = QFormLayout(qa)
        self.question_edit = QLineEdit()
        self.question_edit.setPlaceholderText(self.tr("客户的典型问法,如:衣服偏大还是偏小?"))
        self.similar_edit = QPlainTextEdit()
        self.similar_edit.setPlaceholderText(self.tr("其他问法,每行一个"))
        self.scenario_edit = QPlainTextEdit()
        self.scenario_edit.setMaximumHeight(70)
        self.guidance_edit = QPlainTextEdit()
        self.guidance_edit.setPlaceholderText(self.tr("给客服看的回复思路,不会发给客户"))
        self.guidance_edit.setMaximumHeight(90)
        self.basis_edit = QPlainTextEdit()
        self.basis_edit.setPlaceholderText(self.tr("依据:平台规则、商品详情页、质检报告…"))
        self.basis_edit.setMaximumHeight(70)
        qa_form.addRow(self.tr("问题:"), self.question_edit)
        qa_form.addRow(self.tr("相似问法:"), self.similar_edit)
        self.learned_box = LearnedPhrasingsBox(cast("EntryEditor", self))  # the form is the editor's base
        qa_form.addRow(self.tr("学到的问法:"), self.learned_box)
        qa_form.addRow(self.tr("场景:"), self.scenario_edit)
        qa_form.addRow(self.tr("回复思路:"), self.guidance_edit)
        qa_form.addRow(self.tr("依据:"), self.basis_edit)
        self.tabs.addTab(qa, self.tr("问答"))

        # --- tags & assets tab
        ta = QWidget()
        ta_layout = QVBoxLayout(ta)
        ta_form = QFormLayout()
        self.tag_picker = TagPicker()
        ta_form.addRow(self.tr("条目标签:"), self.tag_picker)
        ta_layout.addLayout(ta_form)
        ta_layout.addWidget(QLabel(self.tr("关联的素材(客服复制回复时可一起发送):")))
        self.assets_model = GetterTableModel(
            [self.tr("文件夹"), self.tr("素材"), self.tr("文件")],
            [lambda a: a.folder, lambda a: a.title, lambda a: a.filename],
            self,
        )
        self.assets_view = _list_view(self.assets_model)
        ta_layout.addWidget(self.assets_view, 1)
        asset_row = QHBoxLayout()
        self.asset_combo = QComboBox()
        self.link_button = QPushButton(self.tr("关联"))
        self.unlink_button = QPushButton(self.tr("取消关联"))
        asset_row.addWidget(self.asset_combo, 1)
        asset_row.addWidget(self.link_button)
        asset_row.addWidget(self.unlink_button)
        ta_layout.addLayout(asset_row)
        self.link_button.clicked.connect(self.link_selected_asset)
        self.unlink_button.clicked.connect(self.unlink_current_asset)
        self.tabs.addTab(ta, self.tr("标签与素材"))

        # --- variants tab
        va = QWidget()
        va_layout = QVBoxLayout(va)
        va_layout.addWidget(QLabel(self.tr("同一条目的其他说法:面向某个客户标签,或参加 A/B 测试。")))
        self.variants_model = GetterTableModel(
            [self.tr("名称"), self.tr("面向客户标签"), self.tr("A/B 分组"), self.tr("启用"), self.tr("回复")],
            [lambda v: v.label, lambda v: v.target_tag, lambda v: v.ab_group, lambda v: "✓" if v.enabled else "—",
             lambda v: v.reply],
            self,
        )  # fmt: skip
        self.variants_view = _list_view(self.variants_model)
        self.variants_view.doubleClicked.connect(lambda _i: self.edit_variant())
        va_layout.addWidget(self.variants_view, 1)
        self.add_variant_button = QPushButton(self.tr("添加变体…"))
        self.edit_variant_button = QPushButton(self.tr("编辑…"))
        self.remove_variant_button = QPushButton(self.tr("删除"))
        va_row = button_row(self.add_variant_button, self.edit_variant_button, self.remove_variant_button)
        va_layout.addLayout(va_row)
        self.add_variant_button.clicked.connect(self.add_variant)
        self.edit_variant_button.clicked.connect(self.edit_variant)
        self.remove_variant_button.clicked.connect(self.remove_variant)
        self.tabs.addTab(va, self.tr("变体"))

        # --- examples tab
        ex = QWidget()
        ex_layout = QVBoxLayout(ex)
        ex_layout.addWidget(QLabel(self.tr("好的和坏的对话案例,用于培训新客服。")))
        self.examples_model = GetterTableModel(
            [self.tr("类型"), self.tr("对话"), self.tr("点评")],
            [
                lambda x: self.tr("好") if x.kind == "good" else self.tr("坏"),
                lambda x: x.dialogue,
                lambda x: x.comment,
            ],
            self,
        )
        self.examples_view = _list_view(self.examples_model)
        self.examples_view.doubleClicked.connect(lambda _i: self.edit_example())
        ex_layout.addWidget(self.examples_view, 1)
        self.add_example_button = QPushButton(self.tr("添加案例…"))
        self.edit_example_button = QPushButton(self.tr("编辑…"))
        self.remove_example_button = QPushButton(self.tr("删除"))
        ex_row = button_row(self.add_example_button, self.edit_example_button, self.remove_example_button)
        ex_layout.addLayout(ex_row)
        self.add_example_button.clicked.connect(self.add_example)
        self.edit_example_button.clicked.connect(self.edit_example)
        self.remove_example_button.clicked.connect(self.remove_example)
        self.tabs.addTab(ex, self.tr("案例"))

        for view in (self.assets_view, self.variants_view, self.examples_view):
            view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())

        # --- buttons
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("保存 (Ctrl+S)"))
        self.discard_button = QPushButton(self.tr("放弃修改"))
        self.history_button = QPushButton(self.tr("历史版本…"))
        self.delete_button = QPushButton(self.tr("删除"))
        row.addWidget(self.save_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(self.history_button)
        row.addWidget(self.delete_button)
        outer.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.history_button.clicked.connect(self._request_history)
        self.delete_button.clicked.connect(self._request_delete)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        self.shop_combo.currentIndexChanged.connect(self._shop_changed)
        self.code_edit.textChanged.connect(self._schedule_live)
        self.reply_edit.textChanged.connect(self._schedule_live)
        for widget in (self.title_edit, self.question_edit):
            widget.textChanged.connect(self._update_buttons)
        self.tag_picker.changed.connect(self._update_buttons)
        for edit in (self.similar_edit, self.scenario_edit, self.guidance_edit, self.basis_edit):
            edit.textChanged.connect(self._update_buttons)
        self.category_combo.currentTextChanged.connect(self._update_buttons)
        self.enabled_box.toggled.connect(self._update_buttons)
        self.order_spin.valueChanged.connect(self._update_buttons)

    def _request_history(self) -> None:
        if self.entry is not None:
            self.history_requested.emit(self.entry.id)

    def _request_delete(self) -> None:
        if self.entry is not None:
            self.delete_requested.emit(self.entry.id)
