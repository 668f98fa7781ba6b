"""Copying a reply: fill placeholders, check red lines, put ONE QMimeData on the clipboard, log it, say so.

Shared by the workspace, the SOP view and the palette, so the three copy exactly the same way.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QDialog, QWidget

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Asset, Entry, RenderResult
from csdesk.gui.errors import show_error
from csdesk.gui.settings import Settings
from csdesk.gui.workspace.dialogs import FillInDialog, RedLineDialog
from csdesk.gui.workspace.toast import Toast

log = logging.getLogger(__name__)

NICKNAME = "客户昵称"


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
        values = dict(self.by_customer.get(customer, {})) if customer else {}
        if customer:
            values.setdefault(NICKNAME, customer)
        return values

    def remember(self, customer: str, values: dict[str, str]) -> None:
        if customer:
            self.by_customer.setdefault(customer, {}).update({k: v for k, v in values.items() if v})


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
    """ONE QMimeData: plain text, HTML for multi-line replies, the first image as image data, other files as URLs."""
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
    others = [path for asset, path in files if asset.kind != "image" and path.exists()]
    if others:
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in others])
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
        self, request: CopyRequest, *, parent: QWidget | None = None, anchor: QWidget | None = None
    ) -> bool:
        """Copy the entry's reply; False when the agent cancelled (form or red-line dialog) or it failed."""
        try:
            return self._copy(request, parent, anchor)
        except CsdeskError as exc:
            show_error(parent, exc, QCoreApplication.translate("Copier", "复制失败"))
            return False

    def _copy(self, request: CopyRequest, parent: QWidget | None, anchor: QWidget | None) -> bool:
        result = self.render(request)
        if result.missing:
            values = self.ask_values(result, request, parent)
            if values is None:
                return False
            self.session.remember(request.customer, values)
            merged = {**self.session.values_for(request.customer), **values}
            result = self._lib.render(request.entry, merged, shop=request.shop, variant_id=request.variant_id)
        text = result.text
        action, note = "copy", ""
        if self._settings.get("check_before_copy"):
            hits = self._lib.check(text, shop=request.shop)
            if hits:
                dialog = RedLineDialog(text, hits, parent)
                accepted = dialog.exec() == QDialog.DialogCode.Accepted
                reason = dialog.override_reason()
                dialog.deleteLater()
                if not accepted:
                    return False
                if dialog.blocked:
                    action, note = "override", reason
        files = self._files(request.entry) if self._settings.get("copy_assets_with_reply") else []
        QGuiApplication.clipboard().setMimeData(build_mime(text, files))
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

    def ask_values(
        self, result: RenderResult, request: CopyRequest, parent: QWidget | None
    ) -> dict[str, str] | None:
        prefill = self.session.values_for(request.customer)
        dialog = FillInDialog(
            result.missing,
            prefill=prefill,
            descriptions=self._lib.placeholders(),
            preview=result.text,
            parent=parent,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values()
        dialog.deleteLater()
        return values if accepted else None

    def copy_asset(self, asset: Asset, *, anchor: QWidget | None = None) -> None:
        """Put one asset alone on the clipboard (an image as an image, other files as a file URL)."""
        try:
            path = self._lib.asset_path(asset)
        except CsdeskError as exc:
            show_error(anchor, exc)
            return
        QGuiApplication.clipboard().setMimeData(build_mime("", [(asset, path)]))
        self._announce(None, [(asset, path)], anchor)

    # -- helpers -------------------------------------------------------------------------------------------
    def _files(self, entry: Entry) -> list[tuple[Asset, Path]]:
        files = []
        for asset_id in entry.asset_ids:
            try:
                asset = self._lib.asset(asset_id)
                files.append((asset, self._lib.asset_path(asset)))
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
