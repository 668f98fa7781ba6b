"""The entry editor: every field of an entry, with live red lines, a preview and warnings while typing.

Warnings the editor shows (none of them stops saving — the library itself refuses only what cannot be stored):

* a red-line word in the reply (underlined; hover for the reason and a suggested wording);
* a shortcut code another entry of the same shop already uses;
* a reply longer than the platform's quick-phrase limit (:data:`PLATFORM_REPLY_LIMITS`);
* a ``{placeholder}`` that is not in the placeholder list (it would be sent as written).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from csdesk.core import limits
from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Entry, EntryDraft
from csdesk.core.render import unknown_braces
from csdesk.gui.errors import show_error
from csdesk.gui.manage.commands import CommandRunner
from csdesk.gui.manage.entry_commands import CreateEntryCommand, EditEntryCommand, entry_fields
from csdesk.gui.manage.entry_form import EntryForm
from csdesk.gui.manage.entry_widgets import (
    block_hits,
    confirm_red_line_save,
)

PLATFORM_REPLY_LIMITS: dict[str, int] = {
    "淘宝": 430,
    "天猫": 430,
    "京东": 500,
    "拼多多": 500,
    "抖店": 500,
}
"""Longest quick-phrase reply each platform's chat client accepts, in characters.

千牛 (淘宝/天猫) cuts quick phrases at 430 characters; 京东 咚咚, 拼多多 and 抖店 飞鸽 at about 500. A shop on another
platform (其他) gets no length warning; an entry of the shared scope 通用 is measured against the strictest limit of
the platforms the library's shops are on, since it may be pasted into any of them.
"""


PLATFORM_CLIENTS: dict[str, str] = {
    "淘宝": "千牛",
    "天猫": "千牛",
    "京东": "京东咚咚",
    "拼多多": "拼多多",
    "抖店": "抖店飞鸽",
}
"""The chat client agents paste into on each platform (named in the length warning)."""


def reply_limit(lib: Library, shop_id: int) -> tuple[int, str] | None:
    """(limit, chat client) for replies of ``shop_id``, or None when the platform has no known limit."""
    shop = lib.shops.get(shop_id)
    if shop.is_shared:
        platforms = [s.platform for s in lib.shops.all() if s.platform in PLATFORM_REPLY_LIMITS] or ["淘宝"]
        strictest = min(platforms, key=lambda p: PLATFORM_REPLY_LIMITS[p])
        return PLATFORM_REPLY_LIMITS[strictest], PLATFORM_CLIENTS[strictest]
    limit = PLATFORM_REPLY_LIMITS.get(shop.platform)
    return None if limit is None else (limit, PLATFORM_CLIENTS[shop.platform])


# ----------------------------------------------------------------------------------------------------------
# The editor
# ----------------------------------------------------------------------------------------------------------
class EntryEditor(EntryForm):
    """Edits one entry (or a new one). Field edits are saved as one undoable step; variants, examples and asset
    links are undoable steps of their own, applied at once (they need a saved entry).

    ``can_edit(entry_or_None)`` says whether the current user may change it; ``is_supervisor()`` decides the
    origin of a new entry (an agent's own entries are ``personal``).
    """

    saved = Signal(str)
    history_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(
        self, lib: Library, runner: CommandRunner, *, can_edit: Callable[[Entry | None], bool],
        is_supervisor: Callable[[], bool], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self.can_edit = can_edit
        self.is_supervisor = is_supervisor
        self.entry: Entry | None = None
        self._new_shop: int = lib.shops.shared.id
        self._loading = False
        self._editable = False
        self._build()
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(150)
        self._live.timeout.connect(self.update_live)
        self.clear()

    # ------------------------------------------------------------------ loading
    def _fill_shops(self, selected: int) -> None:
        self.shop_combo.blockSignals(True)
        self.shop_combo.clear()
        for shop in self.lib.shops.all():
            label = shop.name if not shop.platform else f"{shop.name}({shop.platform})"
            self.shop_combo.addItem(label, shop.id)
        index = self.shop_combo.findData(selected)
        self.shop_combo.setCurrentIndex(max(0, index))
        self.shop_combo.blockSignals(False)

    def _fill_categories(self, shop_id: int, text: str) -> None:
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem("")
        self.category_combo.addItems(sorted(c.path for c in self.lib.categories.all(shop_id)))
        self.category_combo.setCurrentText(text)
        self.category_combo.blockSignals(False)

    def _fill_lookups(self) -> None:
        self.tag_picker.set_names(self.lib.entry_tags.names())
        self.asset_combo.clear()
        for asset in self.lib.assets.all():
            self.asset_combo.addItem(
                f"{asset.folder}/{asset.title}" if asset.folder else asset.title, asset.id
            )

    def current_shop_id(self) -> int:
        data = self.shop_combo.currentData()
        return int(data) if data is not None else self._new_shop

    def clear(self) -> None:
        self.new_entry(self.lib.shops.shared.id, None)
        self.heading.setText(self.tr("未选择条目"))

    def new_entry(self, shop_id: int, category_path: str | None) -> None:
        """Start a new entry in ``shop_id`` (saved as personal when not in supervisor mode)."""
        self.entry = None
        self._new_shop = shop_id
        self._load_fields(None, shop_id, category_path or "")
        self.heading.setText(self.tr("新条目"))

    def load(self, entry: Entry | None) -> None:
        if entry is None:
            self.clear()
            return
        self.entry = entry
        self._load_fields(entry, entry.shop_id, entry.category_path)
        self.heading.setText(entry.title)

    def reload_current(self) -> None:
        """The entry changed in the library (undo, another page): show its new state unless the user is typing."""
        if self.entry is None:
            return
        try:
            fresh = self.lib.get(self.entry.id)
        except Exception:
            self.clear()
            return
        if self.is_dirty():
            self.entry = fresh
            self._load_lists(fresh)
            return
        self.load(fresh if fresh.deleted_at is None else None)

    def _load_fields(self, entry: Entry | None, shop_id: int, category_path: str) -> None:
        self._loading = True
        try:
            self._fill_lookups()
            self._fill_shops(shop_id)
            self._fill_categories(shop_id, category_path)
            self.title_edit.setText(entry.title if entry else "")
            self.code_edit.setText(entry.code if entry else "")
            self.reply_edit.setPlainText(entry.reply if entry else "")
            self.question_edit.setText(entry.question if entry else "")
            self.similar_edit.setPlainText("\n".join(entry.similar) if entry else "")
            self.scenario_edit.setPlainText(entry.scenario if entry else "")
            self.guidance_edit.setPlainText(entry.guidance if entry else "")
            self.basis_edit.setPlainText(entry.basis if entry else "")
            self.tag_picker.set_tags(entry.tags if entry else ())
            self.enabled_box.setChecked(entry.enabled if entry else True)
            self.order_spin.setValue(entry.sort_order if entry else 0)
            self._load_lists(entry)
        finally:
            self._loading = False
        self.apply_permissions()
        self.update_live()

    def _load_lists(self, entry: Entry | None) -> None:
        self.variants_model.set_items(entry.variants if entry else ())
        self.examples_model.set_items(entry.examples if entry else ())
        assets = {a.id: a for a in self.lib.assets.all()}
        self.assets_model.set_items([assets[i] for i in (entry.asset_ids if entry else ()) if i in assets])
        self.learned_box.refresh()
        self.learned_box.refresh()
        self._update_buttons()

    # ------------------------------------------------------------------ permissions
    def apply_permissions(self) -> None:
        editable = bool(self.can_edit(self.entry))
        self._editable = editable
        self.learned_box.set_editable(editable)
        self.learned_box.set_editable(editable)
        for edit in (self.title_edit, self.code_edit, self.question_edit):
            edit.setReadOnly(not editable)
        self.tag_picker.set_read_only(not editable)
        for text in (
            self.reply_edit,
            self.similar_edit,
            self.scenario_edit,
            self.guidance_edit,
            self.basis_edit,
        ):
            text.setReadOnly(not editable)
        for widget in (self.shop_combo, self.category_combo, self.enabled_box, self.order_spin):
            widget.setEnabled(editable)
        if editable:
            self.readonly_note.hide()
        else:
            self.readonly_note.setText(
                self.tr("只读:这是团队话术库的条目,用团队主管的 PIN 进入主管模式后才能修改。")
                if self.entry is not None and self.entry.origin == "team"
                else self.tr("只读:这是话术库的条目,进入主管模式后才能修改。你自己新建的个人条目随时可以改。")
            )
            self.readonly_note.show()
        self._update_buttons()

    # ------------------------------------------------------------------ values
    def values(self) -> dict[str, Any]:
        """The form as ``Library.update`` keywords (category as an id when it exists, else as a path)."""
        shop_id = self.current_shop_id()
        path = self.category_combo.currentText().strip().strip("/")
        category: int | str | None = None
        if path:
            match = next((c.id for c in self.lib.categories.all(shop_id) if c.path == path), None)
            category = match if match is not None else path
        return {
            "title": self.title_edit.text().strip(),
            "code": self.code_edit.text().strip(),
            "reply": self.reply_edit.toPlainText().strip("\n"),
            "question": self.question_edit.text().strip(),
            "similar": tuple(s.strip() for s in self.similar_edit.toPlainText().splitlines() if s.strip()),
            "scenario": self.scenario_edit.toPlainText().strip(),
            "guidance": self.guidance_edit.toPlainText().strip(),
            "basis": self.basis_edit.toPlainText().strip(),
            "tags": self.tag_picker.tags(),
            "enabled": self.enabled_box.isChecked(),
            "sort_order": self.order_spin.value(),
            "shop": shop_id,
            "category": category,
        }

    def changes(self) -> dict[str, Any]:
        values = self.values()
        if self.entry is None:
            return {
                k: v
                for k, v in values.items()
                if v not in ("", (), None)
                and k not in ("shop", "enabled")
                and not (k == "sort_order" and v == 0)
            }
        current = entry_fields(self.entry)
        if values.get("category") == self.entry.category_path:
            values["category"] = current[
                "category"
            ]  # the same path, its category gone meanwhile (an undo took it)
        return {k: v for k, v in values.items() if current.get(k) != v and not (k == "title" and not v)}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def has_library_draft(self) -> bool:
        """Unsaved changes that only supervisor mode can save: to a library entry, or a new entry that would be
        saved into the library (locked, it would become a personal entry instead)."""
        if self._loading or not self._editable or not self.is_dirty():
            return False
        if self.entry is None:
            return bool(self.reply_edit.toPlainText().strip() or self.question_edit.text().strip())
        return self.entry.origin != "personal"

    def tags_changed(self) -> None:
        """Tags were renamed, merged or added: the picker's names and the shown entry (unless the user is typing)."""
        self.tag_picker.set_names(self.lib.entry_tags.names())
        self.reload_current()

    def rules_changed(self) -> None:
        """Red-line rules changed (added, edited, removed): underline the reply again against the new rules."""
        self.highlighter.rehighlight()
        self.update_live()

    # ------------------------------------------------------------------ live checks
    def _schedule_live(self) -> None:
        self._update_buttons()
        if not self._loading:
            self._live.start()

    def _shop_changed(self) -> None:
        if self._loading:
            return
        self._fill_categories(self.current_shop_id(), self.category_combo.currentText())
        self.highlighter.rehighlight()
        self.update_live()

    def warning_list(self) -> list[tuple[str, str]]:
        """(kind, message) for everything worth a second look: ``code``, ``length``, ``placeholder``, ``redline``."""
        reply = self.reply_edit.toPlainText()
        shop_id = self.current_shop_id()
        found: list[tuple[str, str]] = []
        code = self.code_edit.text().strip()
        if code:
            owner = self.lib.entries.code_in_use(shop_id, code, exclude=self.entry.id if self.entry else None)
            if owner is not None:
                found.append(
                    (
                        "code",
                        self.tr("快捷编码「%1」在本店已被「%2」使用。")
                        .replace("%1", code)
                        .replace("%2", owner.title),
                    )
                )
        limit = reply_limit(self.lib, shop_id)
        if limit is not None and len(reply) > limit[0]:
            found.append(
                (
                    "length",
                    self.tr("回复有 %1 字,超过%2快捷短语上限 %3 字,发送时会被截断。")
                    .replace("%1", str(len(reply)))
                    .replace("%2", limit[1])
                    .replace("%3", str(limit[0])),
                )
            )
        unknown = unknown_braces(reply, self.lib.placeholders.names())
        if unknown:
            names = "、".join("{" + u + "}" for u in unknown)
            found.append(
                ("placeholder", self.tr("未知占位符 %1:不会被替换,会原样发给客户。").replace("%1", names))
            )
        hits = self.highlighter.hits()
        if hits:
            blocked = sum(1 for h in hits if h.severity == "block")
            text = self.tr("有 %1 处红线用语(其中 %2 处禁止),鼠标移到标色的字上查看原因和建议。")
            found.append(("redline", text.replace("%1", str(len(hits))).replace("%2", str(blocked))))
        return found

    def update_live(self) -> None:
        self._live.stop()
        reply = self.reply_edit.toPlainText()
        limit = reply_limit(self.lib, self.current_shop_id())
        counter = self.tr("%1 字").replace("%1", str(len(reply)))
        if limit is not None:
            counter = self.tr("%1 / %2 字").replace("%1", str(len(reply))).replace("%2", str(limit[0]))
        self.counter.setText(counter)
        warnings = self.warning_list()
        self.warnings.setText(
            "<br>".join(
                f"<span style='color:#b03a00'>⚠ {html.escape(message)}</span>" for _k, message in warnings
            )
        )
        self.warnings.setVisible(bool(warnings))
        self.preview.setHtml(self._preview_html(reply))
        self._update_buttons()

    def _preview_html(self, reply: str) -> str:
        if not reply.strip():
            hint = self.tr("回复预览会显示在这里")
            return f"<span style='color:#999'>{html.escape(hint)}</span>"
        result = self.lib.placeholders.render_text(reply, shop=self.current_shop_id())
        pieces, position = [], 0
        for start, end, _name, filled in result.spans:
            pieces.append(html.escape(result.text[position:start]))
            style = (
                "background:#e3f1ff;color:#0b5cad"
                if filled
                else "background:#eee;color:#777;font-style:italic"
            )
            pieces.append(f"<span style='{style}'>{html.escape(result.text[start:end])}</span>")
            position = end
        pieces.append(html.escape(result.text[position:]))
        return "<div style='white-space: pre-wrap'>" + "".join(pieces).replace("\n", "<br>") + "</div>"

    def _update_buttons(self) -> None:
        has_entry = self.entry is not None
        editable = self._editable
        dirty = False if self._loading else self.is_dirty()
        self.save_button.setEnabled(
            editable
            and (dirty or not has_entry)
            and bool(self.reply_edit.toPlainText().strip() or self.question_edit.text().strip())
        )
        self.discard_button.setEnabled(dirty)
        self.history_button.setEnabled(has_entry)
        self.delete_button.setEnabled(has_entry and editable)
        lists_ok = has_entry and editable
        for button in (self.add_variant_button, self.add_example_button, self.link_button):
            button.setEnabled(lists_ok)
        self.edit_variant_button.setEnabled(lists_ok and self.variants_view.currentIndex().isValid())
        self.remove_variant_button.setEnabled(lists_ok and self.variants_view.currentIndex().isValid())
        self.edit_example_button.setEnabled(lists_ok and self.examples_view.currentIndex().isValid())
        self.remove_example_button.setEnabled(lists_ok and self.examples_view.currentIndex().isValid())
        self.unlink_button.setEnabled(lists_ok and self.assets_view.currentIndex().isValid())
        self.asset_combo.setEnabled(lists_ok)

    # ------------------------------------------------------------------ actions
    def save(self) -> bool:
        if not self._editable:
            return False
        values = self.values()
        try:  # a field over the limit is refused before the red-line check or anything else reads it
            limits.check_fields({k: v for k, v in values.items() if k in limits.FIELD_LABELS})
        except ValidationError as exc:
            show_error(self, exc)
            return False
        if self.entry is None or "reply" in self.changes():
            hits = block_hits(self.lib, values["reply"], values["shop"])
            if hits and not confirm_red_line_save(self, hits):
                return False
        if self.entry is None:
            category = values["category"]
            draft = EntryDraft(
                reply=values["reply"], title=values["title"], shop=values["shop"],
                category=category if category is not None else None, code=values["code"],
                question=values["question"], similar=values["similar"], scenario=values["scenario"],
                guidance=values["guidance"], basis=values["basis"], tags=values["tags"], enabled=values["enabled"],
                sort_order=values["sort_order"], origin="library" if self.is_supervisor() else "personal",
            )  # fmt: skip
            command = CreateEntryCommand(self.lib, draft)
            if not self.runner.push(command):
                return False
            assert command.entry_id is not None
            self.load(self.lib.get(command.entry_id))
            self.saved.emit(command.entry_id)
            return True
        changes = self.changes()
        if not changes:
            return True
        edit = EditEntryCommand(self.lib, self.entry, changes)
        if edit.is_empty() or not self.runner.push(edit):
            return False
        self.load(self.lib.get(self.entry.id))
        self.saved.emit(self.entry.id)
        return True

    def discard(self) -> None:
        if self.entry is None:
            self.new_entry(self._new_shop, None)
        else:
            self.load(self.entry)

    def maybe_save(self) -> bool:
        """Before the editor shows something else: ask about unsaved changes. False means stay here."""
        if (
            not self._editable
            or not self.is_dirty()
            or (self.entry is None and not self.reply_edit.toPlainText().strip())
        ):
            return True
        answer = QMessageBox.question(
            self,
            self.tr("保存修改?"),
            self.tr("条目「%1」有未保存的修改。").replace("%1", self.title_edit.text() or self.tr("新条目")),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard()
            return True
        return False
