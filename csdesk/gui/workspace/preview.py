"""The preview pane: the reply exactly as it will be copied, and what the agent should know but never send.

Placeholders are marked (green: filled, red: still missing). 回复思路 and 依据 sit apart under
"给你看的,不发给客户". Linked assets show as thumbnails (images scaled in a worker, PDF as an icon, a video by its
poster frame with an inline player: :mod:`csdesk.gui.workspace.videoplayer`, loaded with the first video), variants
can be picked, and good/bad example dialogues are listed for training.
"""

from __future__ import annotations

import html
import itertools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import SHARED_SHOP_NAME, Asset, Entry, RenderResult, RuleHit
from csdesk.core.resources import resource_path
from csdesk.gui.theme import follow_font
from csdesk.gui.workers import run_in_thread
from csdesk.gui.workspace.copier import show_in_folder
from csdesk.gui.workspace.models import AssetListModel

if TYPE_CHECKING:
    from csdesk.gui.workspace.videoplayer import VideoPanel

log = logging.getLogger(__name__)

THUMB = QSize(56, 56)
THUMB_COMPACT = QSize(32, 32)
"""The side panel's thumbnails: one slim row, so an entry with pictures and a video still fits a 768 px screen."""
FILLED_STYLE = "background:#d3f9d8; color:#1b5e20; border-radius:3px;"
MISSING_STYLE = "background:#ffe3e3; color:#c92a2a; font-weight:bold;"


def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG)."""
    return QIcon(str(resource_path(f"icons/{name}.svg")))


BLOCK_STYLE = "background:#ffc9c9; color:#a00000; text-decoration: underline;"
WARN_STYLE = "background:#ffec99; text-decoration: underline;"


def reply_html(result: RenderResult, hits: Sequence[RuleHit] = ()) -> str:
    """The rendered reply as HTML with each placeholder marked filled or missing and each red-line hit marked
    (block red, warning yellow), so the agent sees before copying what the red-line check will stop."""
    text = result.text
    cuts = {0, len(text)}
    for start, end, _name, _filled in result.spans:
        cuts.update((start, end))
    for hit in hits:
        cuts.update((hit.start, hit.end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    parts: list[str] = []
    for start, end in itertools.pairwise(bounds):
        piece = html.escape(text[start:end])
        styles = []
        placeholder = next((f for s, e, _n, f in result.spans if s <= start and end <= e), None)
        if placeholder is not None:
            styles.append(FILLED_STYLE if placeholder else MISSING_STYLE)
        severity = max(
            (1 if h.severity == "block" else 0 for h in hits if h.start <= start and end <= h.end),
            default=None,
        )
        if severity is not None:
            styles.append(BLOCK_STYLE if severity else WARN_STYLE)
        parts.append(f'<span style="{" ".join(styles)}">{piece}</span>' if styles else piece)
    return "".join(parts).replace("\n", "<br>")


class PreviewPane(QWidget):
    variant_chosen = Signal(object)
    """The variant id the agent picked (None for the entry's own reply)."""
    copy_asset_requested = Signal(object)
    """An Asset the agent wants on the clipboard alone."""
    link_activated = Signal(str)
    """A link in a message shown by :meth:`show_message` was clicked (its href, e.g. ``sop:3``)."""

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._entry: Entry | None = None
        self._thumb_cache: dict[str, QPixmap] = {}
        self._compact = False
        self._hint_hidden = False
        self._loading: set[str] = set()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.title = QLabel()
        self.title.setObjectName("previewTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # library text: a "<h1>" in it is shown as typed
        self.title.setWordWrap(True)
        follow_font(self.title, 1.5, bold=True)
        self.meta = QLabel()
        self.meta.setObjectName("previewMeta")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        self.meta.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)

        self._layout = layout
        self._variant_row = variant_row = QHBoxLayout()
        self.variant_label = QLabel(self.tr("版本:"))
        self.variants = QComboBox()
        self.variants.setObjectName("variantPicker")
        self.variants.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.variants.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.variants.activated.connect(self._variant_activated)
        variant_row.addWidget(self.variant_label)
        variant_row.addWidget(self.variants, 2)
        layout.addLayout(variant_row)

        self.reply = QTextBrowser()
        self.reply.setObjectName("previewReply")
        self.reply.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reply.setOpenLinks(False)
        self.reply.anchorClicked.connect(lambda url: self.link_activated.emit(url.toString()))
        self.reply.setFrameShape(QFrame.Shape.StyledPanel)
        self.reply.setStyleSheet("QTextBrowser { padding: 6px; }")
        follow_font(self.reply, 1.3)

        self.hint = QLabel(
            self.tr("Enter 复制 · Ctrl+1…9 复制第几条 · /编码 直达 · Ctrl+PgUp/PgDn 换店铺 · Esc 清空")
        )
        self.hint.setObjectName("previewHint")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        follow_font(self.hint, 0.9)
        self.examples_button = QToolButton()
        self.examples_button.setObjectName("examplesButton")
        self.examples_button.setCheckable(True)
        self.examples_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.examples_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.examples_button.setToolTip(self.tr("显示 / 收起这条话术的好坏案例(Ctrl+E)"))
        self.examples_button.toggled.connect(self._examples_toggled)
        self.examples_button.setVisible(False)

        self.assets_model = AssetListModel(self)
        self.assets_model.set_fallback_icons(
            {"video": icon("video"), "pdf": icon("pdf"), "file": icon("file")}
        )
        self.assets = QListView()
        self.assets.setObjectName("previewAssets")
        self.assets.setModel(self.assets_model)
        # one slim strip: thumbnail with its caption beside it (once), side by side, scrolling sideways
        self.assets.setViewMode(QListView.ViewMode.ListMode)
        self.assets.setIconSize(THUMB)
        self.assets.setFlow(QListView.Flow.LeftToRight)
        self.assets.setWrapping(False)
        self.assets.setMovement(QListView.Movement.Static)
        self.assets.setSpacing(4)
        self.assets.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.assets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.assets.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.assets.setFixedHeight(THUMB.height() + 16)
        self.assets.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.assets.setToolTip(self.tr("双击打开;右键可以单独复制"))
        self.assets.doubleClicked.connect(self._open_asset)
        self.assets.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.assets.customContextMenuRequested.connect(self._asset_menu)

        self.notes = QTextBrowser()
        self.notes.setObjectName("previewNotes")
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes.setOpenLinks(False)
        self.notes.setFrameShape(QFrame.Shape.StyledPanel)
        self.notes.setStyleSheet("QTextBrowser { background: palette(alternate-base); padding: 4px; }")
        self.examples = (
            QTextBrowser()
        )  # good and bad example dialogues, shown on demand (training, not copying)
        self.examples.setObjectName("previewExamples")
        self.examples.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.examples.setOpenLinks(False)
        self.examples.setFrameShape(QFrame.Shape.StyledPanel)
        self.examples.setStyleSheet("QTextBrowser { background: palette(alternate-base); padding: 4px; }")
        self.examples.setVisible(False)

        # the reply comes first: it takes what the pane has, the assets strip and the notes keep a modest share
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.reply, 1)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint, 1)
        hint_row.addWidget(self.examples_button, 0, Qt.AlignmentFlag.AlignTop)
        top_layout.addLayout(hint_row)
        self._asset_row = QHBoxLayout()  # the thumbnails, and the video's poster and buttons beside them
        self._asset_row.addWidget(self.assets, 1, Qt.AlignmentFlag.AlignTop)
        top_layout.addLayout(self._asset_row)
        self.video: VideoPanel | None = None
        """The inline player, made when the first entry with a video is shown (Qt Multimedia loads then)."""
        self._top = top
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(self.notes)
        split.addWidget(self.examples)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 1)
        split.setSizes([380, 140, 0])
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_split)
        layout.addWidget(split, 1)
        self._fit_reply()
        self.clear()

    # -- content -------------------------------------------------------------------------------------------
    @property
    def entry(self) -> Entry | None:
        return self._entry

    def clear(self, message: str = "") -> None:
        self._entry = None
        self.title.setText("")
        self.meta.setText("")
        hint = self.tr("输入关键字、拼音首字母或 /快捷编码 查找话术")
        self.reply.setHtml(f"<p style='color:gray'>{html.escape(message or hint)}</p>")
        self.notes.clear()
        self.notes.setVisible(False)
        self.examples.clear()
        self.examples.setVisible(False)
        self.examples_button.setVisible(False)
        self.variants.clear()
        self.variant_label.setVisible(False)
        self.variants.setVisible(False)
        self.assets_model.set_assets([])
        self.assets.setVisible(False)
        if self.video is not None:
            self.video.set_video(None, None)

    def show_message(self, text: str, links: list[tuple[str, str]]) -> None:
        """A plain message (a SOP step without a script) with links under it: (href, label) pairs."""
        self.clear(text)
        if links:
            items = "".join(
                f"<li><a href='{html.escape(href)}'>{html.escape(label)}</a></li>" for href, label in links
            )
            mentioned = html.escape(self.tr("这一步提到:"))
            self.reply.append(f"<p>{mentioned}</p><ul>{items}</ul>")

    def show_entry(self, entry: Entry, variant_id: str | None, result: RenderResult) -> None:
        same = self._entry is not None and self._entry.id == entry.id
        self._entry = entry
        self.title.setText(entry.title)
        # the built-in shared scope speaks the UI's language; shop names are the library's
        shop = self.tr("通用") if entry.shop_name == SHARED_SHOP_NAME else entry.shop_name
        meta = [p for p in (shop, entry.category_path) if p]
        if entry.code:
            meta.append(self.tr("编码 /%1").replace("%1", entry.code))
        self.meta.setText("  ·  ".join(meta))
        self._fill_variants(entry, variant_id)
        try:
            hits = self._lib.check(result.text, shop=entry.shop_id)
        except CsdeskError:  # a broken rule must not hide the reply
            hits = []
        self.reply.setHtml(f"<div style='line-height:150%'>{reply_html(result, hits)}</div>")
        legend = []
        if any(h.severity == "block" for h in hits):
            blocked_label = self.tr("红线·禁止")
            legend.append(f'<span style="{BLOCK_STYLE}">{blocked_label}</span>')
        elif hits:
            warned_label = self.tr("红线·提醒")
            legend.append(f'<span style="{WARN_STYLE}">{warned_label}</span>')
        filled_label, missing_label = self.tr("已填"), self.tr("待填")
        if any(filled for *_x, filled in result.spans):
            legend.append(f'<span style="{FILLED_STYLE}">{filled_label}</span>')
        if result.missing:
            legend.append(
                f'<span style="{MISSING_STYLE}">{missing_label}</span> ' + self.tr("复制时会请你补全")
            )
        if legend:
            self.reply.append(f"<p style='font-size:small'>{'  '.join(legend)}</p>")
        self._fit_reply()
        self.notes.setHtml(self._notes_html(entry))
        self.notes.setVisible(bool(self.notes.toPlainText().strip()))
        self.examples.setHtml(self._examples_html(entry))
        count = len(entry.examples)
        self.examples_button.setVisible(bool(count))
        self.examples_button.setText(self.tr("案例 %1").replace("%1", str(count)) + " (Ctrl+E)")
        self.examples.setVisible(bool(count) and self.examples_button.isChecked())
        if not same:
            self._show_assets(entry)
        self._fit_timer.start()

    def toggle_examples(self) -> None:
        """Show or fold the example dialogues (Ctrl+E, or the 案例 button beside the key hint)."""
        if self.examples_button.isVisible():
            self.examples_button.toggle()

    def _examples_toggled(self, on: bool) -> None:
        self.examples.setVisible(on and self.examples_button.isVisible())
        self._fit_timer.start()

    @staticmethod
    def _document_height(browser: QTextBrowser) -> int:
        """The height ``browser`` needs to show all its text at its current width."""
        document = browser.document()
        document.setTextWidth(max(50, browser.viewport().width()))
        return int(document.size().height()) + 2 * browser.frameWidth() + 14

    def _fit_split(self) -> None:
        """The reply gets the room it needs first; the guidance and the examples (when shown) get theirs next,
        up to a share of the pane each, and scroll beyond that: nothing is cut mid-sentence without a scrollbar."""
        total = sum(self.split.sizes())
        if total <= 0:
            return
        extras = self._top.sizeHint().height() - self.reply.sizeHint().height()
        top_need = max(self.reply.minimumHeight(), self._document_height(self.reply)) + max(0, extras)
        notes_need = self._document_height(self.notes) if not self.notes.isHidden() else 0
        examples_need = self._document_height(self.examples) if not self.examples.isHidden() else 0
        rest = max(0, total - top_need)
        if examples_need:
            examples = min(examples_need, max(rest // 2, int(total * 0.4)))
            notes = min(notes_need, max(0, rest - examples), int(total * 0.35)) if notes_need else 0
        else:
            examples = 0
            # the reply first: the guidance takes what is left (scrolling), its own minimum at least
            notes_floor = self.notes.minimumHeight()
            notes = min(notes_need, max(rest, notes_floor), int(total * 0.45)) if notes_need else 0
        self.split.setSizes([max(1, total - notes - examples), notes, examples])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def set_compact(self, compact: bool) -> None:
        """Side panel: the key hint folds away (the results keep six rows), the reply keeps two lines at least
        instead of five (it still grows to what it needs when there is room), the title is smaller and the
        thumbnails and the video's buttons share one slim row: at font 16 the panel still fits a 768 px screen."""
        self._compact = compact
        self.hint.setVisible(not compact and not self._hint_hidden)
        self.meta.setVisible(not compact)
        follow_font(self.title, 1.2 if compact else 1.5, bold=True)
        # the side panel puts the title and the variant picker on one line
        if compact:
            self._variant_row.insertWidget(0, self.title, 3)
        else:
            self._layout.insertWidget(0, self.title)
        self.title.setWordWrap(not compact)  # one line beside the picker; the full title is in the result row
        self.variants.setSizePolicy(
            QSizePolicy.Policy.Preferred if compact else QSizePolicy.Policy.Expanding,
            QSizePolicy.Policy.Fixed,
        )
        self.variants.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            if compact
            else QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow
        )
        self.variants.setMinimumContentsLength(6 if compact else 0)
        self.title.setSizePolicy(
            QSizePolicy.Policy.Ignored if compact else QSizePolicy.Policy.Preferred,
            QSizePolicy.Policy.Preferred,
        )
        self.variant_label.setVisible(not compact and self.variants.isVisibleTo(self))
        thumb = THUMB_COMPACT if compact else THUMB
        self.assets.setIconSize(thumb)
        self.assets.setFixedHeight(thumb.height() + 16)
        if self.video is not None:
            self.video.set_compact(compact)
        self._fit_reply()
        self._fit_timer.start()

    def hide_hint(self) -> None:
        """A page with its own key hint (the SOP view) hides this one for good."""
        self._hint_hidden = True
        self.hint.setVisible(False)

    def _fit_reply(self) -> None:
        """At least five lines of reply (two in the side panel: the reply is set at 150 % line height) and three
        of notes, whatever the font size."""
        compact = getattr(self, "_compact", False)
        lines = 2 * 1.5 if compact else 5
        self.reply.setMinimumHeight(int(self.reply.fontMetrics().lineSpacing() * lines + 20))
        self.notes.setMinimumHeight(int(self.notes.fontMetrics().lineSpacing() * (1 if compact else 3) + 12))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_reply()

    def _fill_variants(self, entry: Entry, variant_id: str | None) -> None:
        variants = [v for v in entry.variants if v.enabled]
        self.variants.blockSignals(True)
        self.variants.clear()
        self.variants.addItem(self.tr("原文"), None)
        for variant in variants:
            extra = []
            if variant.target_tag:
                extra.append(self.tr("适合「%1」").replace("%1", variant.target_tag))
            if variant.ab_group:
                extra.append(self.tr("A/B 组 %1").replace("%1", variant.ab_group))
            label = variant.label + (f"({','.join(extra)})" if extra else "")
            self.variants.addItem(label, variant.id)
        row = self.variants.findData(variant_id) if variant_id else 0
        self.variants.setCurrentIndex(max(0, row))
        self.variants.blockSignals(False)
        self.variant_label.setVisible(bool(variants) and not self._compact)
        self.variants.setVisible(bool(variants))

    def _variant_activated(self, row: int) -> None:
        self.variant_chosen.emit(self.variants.itemData(row))

    def _notes_html(self, entry: Entry) -> str:
        parts: list[str] = []

        def section(title: str, body: str, color: str = "") -> None:
            if body.strip():
                style = f" style='color:{color}'" if color else ""
                parts.append(
                    f"<p><b{style}>{html.escape(title)}</b><br>{html.escape(body).replace(chr(10), '<br>')}</p>"
                )

        if entry.guidance or entry.basis:
            private = self.tr("以下内容给你看的,不发给客户")
            parts.append(f"<p style='color:#e67700; font-size:small;'>{html.escape(private)}</p>")
        section(self.tr("回复思路"), entry.guidance)
        section(self.tr("依据"), entry.basis)
        if entry.question:
            similar = "、".join(entry.similar)
            similar_label = self.tr("相似问法:")
            body = entry.question + (f"\n{similar_label}{similar}" if similar else "")
            section(self.tr("客户会这样问"), body)
        if entry.scenario:
            section(self.tr("场景"), entry.scenario)
        return "".join(parts)

    def _examples_html(self, entry: Entry) -> str:
        parts: list[str] = []
        for example in entry.examples:
            good = example.kind == "good"
            title = html.escape(self.tr("好的案例") if good else self.tr("反面案例"))
            body = example.dialogue + (f"\n—— {example.comment}" if example.comment else "")
            color = "#2b8a3e" if good else "#c92a2a"
            parts.append(
                f"<p><b style='color:{color}'>{title}</b><br>{html.escape(body).replace(chr(10), '<br>')}</p>"
            )
        return "".join(parts)

    # -- assets --------------------------------------------------------------------------------------------
    def _show_assets(self, entry: Entry) -> None:
        assets: list[Asset] = []
        for asset_id in entry.asset_ids:
            try:
                assets.append(self._lib.assets.get(asset_id))
            except CsdeskError:
                log.warning("entry %s links a missing asset %s", entry.id, asset_id)
        self.assets_model.set_assets(assets)
        self.assets.setVisible(bool(assets))
        self._show_video(next((a for a in assets if a.kind == "video"), None))
        for asset in assets:
            if asset.id in self._thumb_cache:
                self.assets_model.set_thumbnail(asset.id, self._thumb_cache[asset.id])
            elif asset.kind == "image" and asset.id not in self._loading:
                self._load_thumbnail(asset)

    def _show_video(self, asset: Asset | None) -> None:
        """The first linked video gets the inline player; entries without one hide it (and stop playback)."""
        if asset is None:
            if self.video is not None:
                self.video.set_video(None, None)
            return
        if self.video is None:
            # Qt Multimedia is loaded only once a video is shown
            from csdesk.gui.workspace.videoplayer import VideoPanel

            self.video = VideoPanel(self)
            self.video.set_compact(self._compact)
            self.video.copy_requested.connect(self.copy_asset_requested)
            self.video.poster_ready.connect(self._video_poster)
            self._asset_row.addWidget(self.video, 0, Qt.AlignmentFlag.AlignTop)
        try:
            path = self._lib.assets.path(asset)
        except CsdeskError:
            log.warning("video asset %s has no stored file", asset.id)
            self.video.set_video(None, None)
            return
        self.video.set_video(asset, path)
        self._fit_timer.start()

    def toggle_video(self) -> None:
        """Play or pause the previewed entry's video (Ctrl+P in the search box)."""
        if self.video is not None and self.video.isVisibleTo(self):
            self.video.toggle()

    def _video_poster(self, asset_id: str, image: QImage) -> None:
        pixmap = QPixmap.fromImage(
            image.scaled(
                THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self._thumb_cache[asset_id] = pixmap
        self.assets_model.set_thumbnail(asset_id, pixmap)
        self._fit_timer.start()  # the panel now shows the video's length on a second line: make room for it

    def _load_thumbnail(self, asset: Asset) -> None:
        path = self._lib.assets.path(asset)
        self._loading.add(asset.id)

        def work() -> QImage:
            image = QImage(str(path))
            if image.isNull():
                return image
            return image.scaled(
                THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )

        def done(image: object) -> None:
            self._loading.discard(asset.id)
            if isinstance(image, QImage) and not image.isNull():
                pixmap = QPixmap.fromImage(image)
                self._thumb_cache[asset.id] = pixmap
                self.assets_model.set_thumbnail(asset.id, pixmap)

        run_in_thread(work, done, lambda _exc: self._loading.discard(asset.id), owner=self)

    def _asset_path(self, index: QModelIndex) -> tuple[Asset, Path] | None:
        asset = self.assets_model.asset(index.row())
        if asset is None:
            return None
        return asset, self._lib.assets.path(asset)

    def _open_asset(self, index: QModelIndex) -> None:
        found = self._asset_path(index)
        if found:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(found[1])))

    def _asset_menu(self, pos: QPoint) -> None:
        index = self.assets.indexAt(pos)
        found = self._asset_path(index)
        if not found:
            return
        asset, path = found
        menu = QMenu(self)
        menu.addAction(self.tr("单独复制这个素材"), lambda: self.copy_asset_requested.emit(asset))
        menu.addAction(self.tr("打开"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        menu.addAction(self.tr("在文件夹中显示"), lambda: show_in_folder(path))
        menu.exec(self.assets.viewport().mapToGlobal(pos))
