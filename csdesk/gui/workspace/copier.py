"""Copying a reply: fill placeholders, check red lines, put ONE QMimeData on the clipboard, log it, say so.

Shared by the workspace, the SOP view and the palette, so the three copy exactly the same way.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QDialog, QWidget

from csdesk.core import redlines
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Asset, Entry, RenderResult, RuleHit
from csdesk.core.outbox import outgoing_copies
from csdesk.gui.errors import show_error
from csdesk.gui.settings import Settings
from csdesk.gui.workspace.dialogs import FillInDialog, RedLineDialog
from csdesk.gui.workspace.toast import Toast
from csdesk.gui.workspace.windowing import on_top_hint

log = logging.getLogger(__name__)

NICKNAME = "客户昵称"
AGENT = "客服名"
NOT_PER_CUSTOMER = frozenset({AGENT, "店铺名", "今天", "时间"})
"""Values the library knows itself (agent name setting, shop, clock): never remembered per customer, so a value
typed once can never override them."""


@dataclass
class CopyRequest:
    entry: Entry
    variant_id: str | None = None
    query: str = ""
    shop: str | None = None
    customer: str = ""
    """The customer's nickname from the customer panel (fills {客户昵称}; keys remembered values)."""


@dataclass
class SessionValues:
    """Placeholder values typed in the fill-in form, remembered per customer for this session only."""

    by_customer: dict[str, dict[str, str]] = field(default_factory=dict)

    def values_for(self, customer: str) -> dict[str, str]:
        values = (
            {k: v for k, v in self.by_customer.get(customer, {}).items() if k not in NOT_PER_CUSTOMER}
            if customer
            else {}
        )
        if customer:
            values.setdefault(NICKNAME, customer)
        return values

    def remember(self, customer: str, values: dict[str, str]) -> None:
        if customer:
            self.by_customer.setdefault(customer, {}).update(
                {k: v for k, v in values.items() if v and k not in NOT_PER_CUSTOMER}
            )


def show_in_folder(path: Path) -> None:
    """Open the folder holding ``path`` (selecting the file where the platform's file manager allows it)."""
    import subprocess
    import sys

    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", "/select,", str(path)])
            return
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-R", str(path)])
            return
    except OSError:
        log.warning("could not show %s in its folder", path, exc_info=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def build_mime(text: str, files: Sequence[tuple[Asset, Path]] = ()) -> QMimeData:
    """ONE QMimeData: plain text, HTML for multi-line replies, the first image as image data, and every file as a URL
    (images too, so a chat client that takes files gets the titled file). Callers pass titled copies
    (:func:`csdesk.core.outbox.outgoing_copies`), never the content-addressed store."""
    mime = QMimeData()
    if text:
        mime.setText(text)
        if "\n" in text:
            body = "<br>".join(html.escape(line) for line in text.split("\n"))
            mime.setHtml(f"<meta charset='utf-8'><div>{body}</div>")
    image = next((path for asset, path in files if asset.kind == "image" and path.exists()), None)
    if image is not None:
        picture = QImage(str(image))
        if not picture.isNull():
            mime.setImageData(picture)
    paths = [path for _asset, path in files if path.exists()]
    if paths:
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


class Copier(QObject):
    """Runs the copy flow; ``copied(entry_id, text)`` fires after the clipboard holds the reply."""

    copied = Signal(str, str)

    def __init__(self, lib: Library, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._settings = settings
        self.session = SessionValues()
        self._toast: Toast | None = None
        self._toast_parent: QWidget | None = parent if isinstance(parent, QWidget) else None

    # -- the flow ------------------------------------------------------------------------------------------
    def render(self, request: CopyRequest) -> RenderResult:
        values = self.session.values_for(request.customer)
        return self._lib.render(request.entry, values, shop=request.shop, variant_id=request.variant_id)

    def copy(
        self,
        request: CopyRequest,
        *,
        parent: QWidget | None = None,
        anchor: QWidget | None = None,
        around_dialog: Callable[[bool], None] | None = None,
    ) -> bool:
        """Copy the entry's reply; False when the agent cancelled (form or red-line dialog) or it failed.

        ``around_dialog(True)`` is called before the fill-in or red-line dialog opens, ``around_dialog(False)``
        after it closed (the palette steps aside meanwhile).
        """
        try:
            return self._copy(request, parent, anchor, around_dialog)
        except CsdeskError as exc:
            show_error(parent, exc, QCoreApplication.translate("Copier", "复制失败"))
            return False

    def _run_dialog(
        self, dialog: QDialog, parent: QWidget | None, around_dialog: Callable[[bool], None] | None
    ) -> bool:
        """exec() ``dialog`` above everything when its parent window stays on top (palette, side-panel mode)."""
        window = parent.window() if parent is not None else None
        if window is not None and window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint:
            dialog.setWindowFlag(on_top_hint(), True)
        if around_dialog is not None:
            around_dialog(True)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            if around_dialog is not None:
                around_dialog(False)

    def _copy(
        self,
        request: CopyRequest,
        parent: QWidget | None,
        anchor: QWidget | None,
        around_dialog: Callable[[bool], None] | None,
    ) -> bool:
        result = self.render(request)
        checks_blocks = redlines.copy_checks_red_lines(self._lib)  # the supervisor's setting, not the agent's
        overridden: str | None = None
        if result.missing and checks_blocks:
            # The block comes before the fill-in form: no values typed for a reply that cannot be sent.
            blocking = [h for h in self._lib.check(result.text, shop=request.shop) if h.severity == "block"]
            if blocking:
                overridden = self._confirm_red_lines(result.text, blocking, parent, around_dialog)
                if overridden is None:
                    return False
        if result.missing:
            values = self.ask_values(result, request, parent, around_dialog)
            if values is None:
                return False
            self._keep_agent_name(values)
            self.session.remember(request.customer, values)
            merged = {**self.session.values_for(request.customer), **values}
            result = self._lib.render(request.entry, merged, shop=request.shop, variant_id=request.variant_id)
            if result.missing:  # never a raw {占位符} on the clipboard
                self._refuse(result.missing, anchor)
                return False
        text = result.text
        action, note = ("override", overridden) if overridden is not None else ("copy", "")
        # Blocks are checked when the library says so; warnings are shown when the agent asked for them.
        hits = (
            self._lib.check(text, shop=request.shop)
            if checks_blocks or self._settings.get("check_before_copy")
            else []
        )
        if not checks_blocks or overridden is not None:
            hits = [h for h in hits if h.severity != "block"]
        if not self._settings.get("check_before_copy") and not any(h.severity == "block" for h in hits):
            hits = []
        if hits:
            reason = self._confirm_red_lines(text, hits, parent, around_dialog)
            if reason is None:
                return False
            if any(h.severity == "block" for h in hits):
                action, note = "override", reason
            elif overridden is None:  # a warning the agent saw and copied anyway
                action, note = "warned", "、".join(dict.fromkeys(h.text for h in hits))
        files = self._files(request.entry) if self._settings.get("copy_assets_with_reply") else []
        QGuiApplication.clipboard().setMimeData(build_mime(text, outgoing_copies(files)))
        try:
            self._lib.log_copy(
                request.entry.id, query=request.query, shop=request.shop, variant_id=request.variant_id,
                customer=request.customer, action=action, note=note,
            )  # fmt: skip
        except CsdeskError:
            log.warning("could not log the copy of %s", request.entry.id, exc_info=True)
        self.copied.emit(request.entry.id, text)
        self._announce(request.entry, files, anchor)
        return True

    def _confirm_red_lines(
        self,
        text: str,
        hits: Sequence[RuleHit],
        parent: QWidget | None,
        around_dialog: Callable[[bool], None] | None,
    ) -> str | None:
        """Show ``hits``; None when the agent cancelled, else the override reason ("" for warnings only)."""
        dialog = RedLineDialog(text, list(hits), parent)
        accepted = self._run_dialog(dialog, parent, around_dialog)
        reason = dialog.override_reason()
        dialog.deleteLater()
        return reason if accepted else None

    def _keep_agent_name(self, values: dict[str, str]) -> None:
        """{客服名} typed in the form becomes the agent name setting (when none is set): it is the agent's, not the
        customer's, and the settings dialog stays the one place that changes it."""
        name = values.get(AGENT, "").strip()
        if name and not str(self._lib.setting("agent_name", "") or "").strip():
            try:
                self._lib.set_setting("agent_name", name)
            except CsdeskError:
                log.warning("could not save the agent name", exc_info=True)

    def _refuse(self, missing: Sequence[str], anchor: QWidget | None) -> None:
        if self._toast is None:
            self._toast = Toast(self._toast_parent)
        text = QCoreApplication.translate("Copier", "没有复制:还缺 %1").replace(
            "%1", "、".join(f"{{{name}}}" for name in missing)
        )
        self._toast.show_message(text, anchor=anchor, timeout_ms=4000)

    def ask_values(
        self,
        result: RenderResult,
        request: CopyRequest,
        parent: QWidget | None,
        around_dialog: Callable[[bool], None] | None = None,
    ) -> dict[str, str] | None:
        prefill = self.session.values_for(request.customer)
        dialog = FillInDialog(
            result.missing,
            prefill=prefill,
            descriptions=self._lib.placeholders.all(),
            preview=result.text,
            parent=parent,
        )
        accepted = self._run_dialog(dialog, parent, around_dialog)
        values = dialog.values()
        dialog.deleteLater()
        return values if accepted else None

    def copy_asset(self, asset: Asset, *, anchor: QWidget | None = None) -> None:
        """Put one asset alone on the clipboard (an image as an image, other files as a file URL)."""
        try:
            path = self._lib.assets.path(asset)
        except CsdeskError as exc:
            show_error(anchor, exc)
            return
        QGuiApplication.clipboard().setMimeData(build_mime("", outgoing_copies([(asset, path)])))
        self._announce(None, [(asset, path)], anchor)

    # -- helpers -------------------------------------------------------------------------------------------
    def _files(self, entry: Entry) -> list[tuple[Asset, Path]]:
        files = []
        for asset_id in entry.asset_ids:
            try:
                asset = self._lib.assets.get(asset_id)
                files.append((asset, self._lib.assets.path(asset)))
            except CsdeskError:
                log.warning("entry %s links a missing asset %s", entry.id, asset_id)
        return files

    def _announce(
        self, entry: Entry | None, files: Sequence[tuple[Asset, Path]], anchor: QWidget | None
    ) -> None:
        if self._toast is None:
            self._toast = Toast(self._toast_parent)
        parts = [QCoreApplication.translate("Copier", "已复制")]
        if entry is not None:
            parts.append(f"「{entry.title}」")
        if any(a.kind == "image" for a, _ in files):
            parts.append(QCoreApplication.translate("Copier", "+ 图片"))
        others = [(a, p) for a, p in files if a.kind != "image"]
        if others:
            parts.append(QCoreApplication.translate("Copier", "+ 文件"))
        actions: list[tuple[str, Callable[[], None]]] = []
        if others:
            path = others[0][1]
            actions.append((QCoreApplication.translate("Copier", "打开"), lambda: open_file(path)))
            actions.append(
                (QCoreApplication.translate("Copier", "在文件夹中显示"), lambda: show_in_folder(path))
            )
        self._toast.show_message(" ".join(parts), actions, anchor=anchor)

    @property
    def toast(self) -> Toast | None:
        return self._toast
