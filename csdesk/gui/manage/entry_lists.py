"""The entry editor's lists (variants, examples, linked assets) and the draft kept while supervisor mode locks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from csdesk.core.models import Entry
from csdesk.gui.manage.entry_commands import (
    AddVariantCommand,
    AssetLinkCommand,
    DeleteVariantCommand,
    EditVariantCommand,
    ExampleCommand,
)
from csdesk.gui.manage.entry_widgets import ExampleDialog, GetterTableModel, ReplyEdit, VariantDialog

if TYPE_CHECKING:
    from csdesk.gui.manage.tag_picker import TagPicker


class EntryLists(QWidget):
    """Variant, example and asset-link actions and the idle-lock draft; EntryEditor owns the widgets these use."""

    if TYPE_CHECKING:  # set up by the page class
        _editable: bool
        _fill_categories: Callable[[int, str], None]
        _fill_shops: Callable[[int], None]
        asset_combo: QComboBox
        assets_model: GetterTableModel
        assets_view: Any
        basis_edit: QPlainTextEdit
        category_combo: QComboBox
        code_edit: QLineEdit
        current_shop_id: Callable[[], int]
        discard: Callable[[], None]
        enabled_box: QCheckBox
        entry: Entry | None
        examples_model: GetterTableModel
        examples_view: Any
        guidance_edit: QPlainTextEdit
        lib: Any
        load: Callable[[Entry | None], None]
        new_entry: Callable[[int, str | None], None]
        order_spin: QSpinBox
        question_edit: QLineEdit
        reply_edit: ReplyEdit
        runner: Any
        scenario_edit: QPlainTextEdit
        similar_edit: QPlainTextEdit
        tag_picker: TagPicker
        title_edit: QLineEdit
        update_live: Callable[[], None]
        values: Callable[[], dict[str, Any]]
        variants_model: GetterTableModel
        variants_view: Any

    def take_draft(self) -> dict[str, Any]:
        """The form as it is (to offer back later) — and the editor shows the saved state again."""
        draft = {"entry_id": self.entry.id if self.entry else None, "shop": self.current_shop_id(),
                 "values": self.values(), "category_text": self.category_combo.currentText()}  # fmt: skip
        self.discard()
        return draft

    def restore_draft(self, draft: dict[str, Any]) -> bool:
        """Show a draft from :meth:`take_draft` again (unsaved); False when its entry is gone."""
        entry_id = draft.get("entry_id")
        if entry_id:
            try:
                entry = self.lib.get(str(entry_id))
            except Exception:
                return False
            if entry.deleted_at is not None:
                return False
            self.load(entry)
        else:
            self.new_entry(int(draft["shop"]), None)
        values = draft["values"]
        self._fill_shops(int(values["shop"]))
        self._fill_categories(int(values["shop"]), str(draft.get("category_text", "")))
        self.title_edit.setText(values["title"])
        self.code_edit.setText(values["code"])
        self.reply_edit.setPlainText(values["reply"])
        self.question_edit.setText(values["question"])
        self.similar_edit.setPlainText("\n".join(values["similar"]))
        self.scenario_edit.setPlainText(values["scenario"])
        self.guidance_edit.setPlainText(values["guidance"])
        self.basis_edit.setPlainText(values["basis"])
        self.tag_picker.set_tags(values["tags"])
        self.enabled_box.setChecked(bool(values["enabled"]))
        self.order_spin.setValue(int(values["sort_order"]))
        self.update_live()
        return True

    def _tag_choices(self) -> list[str]:
        """The customer tags a variant can be aimed at (客户标签, not the entry's own tags)."""
        return [t.name for t in self.lib.tags.all()]

    def add_variant(self) -> None:
        if self.entry is None:
            return
        dialog = VariantDialog(self._tag_choices(), None, self, lib=self.lib, shop=self.current_shop_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            reply = values.pop("reply")
            self.runner.push(AddVariantCommand(self.lib, self.entry, {"reply": reply, **values}))

    def _current(self, view: QTableView, model: GetterTableModel) -> Any:
        index = view.currentIndex()
        return model.item(index.row()) if index.isValid() else None

    def edit_variant(self) -> None:
        variant = self._current(self.variants_view, self.variants_model)
        if self.entry is None or variant is None or not self._editable:
            return
        dialog = VariantDialog(self._tag_choices(), variant, self, lib=self.lib, shop=self.current_shop_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            after = {k: v for k, v in dialog.values().items() if getattr(variant, k) != v}
            if after:
                self.runner.push(EditVariantCommand(self.lib, self.entry, variant, after))

    def remove_variant(self) -> None:
        variant = self._current(self.variants_view, self.variants_model)
        if self.entry is not None and variant is not None:
            self.runner.push(DeleteVariantCommand(self.lib, self.entry, variant))

    def add_example(self) -> None:
        if self.entry is None:
            return
        dialog = ExampleDialog(None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.runner.push(ExampleCommand(self.lib, self.entry, None, None, dialog.values()))

    def edit_example(self) -> None:
        example = self._current(self.examples_view, self.examples_model)
        if self.entry is None or example is None or not self._editable:
            return
        dialog = ExampleDialog(example, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            before = {"kind": example.kind, "dialogue": example.dialogue, "comment": example.comment}
            if dialog.values() != before:
                self.runner.push(ExampleCommand(self.lib, self.entry, example.id, before, dialog.values()))

    def remove_example(self) -> None:
        example = self._current(self.examples_view, self.examples_model)
        if self.entry is not None and example is not None:
            before = {"kind": example.kind, "dialogue": example.dialogue, "comment": example.comment}
            self.runner.push(ExampleCommand(self.lib, self.entry, example.id, before, None))

    def link_selected_asset(self) -> None:
        asset_id = self.asset_combo.currentData()
        if self.entry is None or not asset_id or asset_id in self.entry.asset_ids:
            return
        title = self.asset_combo.currentText()
        self.runner.push(AssetLinkCommand(self.lib, self.entry, str(asset_id), link=True, title=title))

    def unlink_current_asset(self) -> None:
        asset = self._current(self.assets_view, self.assets_model)
        if self.entry is not None and asset is not None:
            self.runner.push(AssetLinkCommand(self.lib, self.entry, asset.id, link=False, title=asset.title))
