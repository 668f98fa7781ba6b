"""Painting result rows: readable at a glance in Chinese, two lines per row.

Line 1: number key, title (matched characters in the accent colour), shortcut code, markers (图/视频/PDF/变体),
category path on the right. Line 2: a snippet of the reply or question around the first match, matches in bold.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from csdesk.core.models import SHARED_SHOP_NAME, Entry, SearchHit, SopStep
from csdesk.gui.workspace.models import EntryRole, KeyRole, ObjectRole

Spans = tuple[tuple[int, int], ...]

_PAD_X = 10
_PAD_Y = 6
_LINE_GAP = 3
_BADGE = 20


def snippet_for(hit: SearchHit, context: int = 10) -> tuple[str, Spans]:
    """The part of the reply (or question) to show under the title, with the match spans shifted into it.

    When a variant will be copied (aimed at the customer's tags, or picked by the agent), its text is shown: the row
    says what lands on the clipboard."""
    entry = hit.entry
    if hit.variant_id:
        variant = next((v for v in entry.variants if v.id == hit.variant_id), None)
        if variant is not None:
            return variant.reply.replace("\n", " "), ()
    for name, prefix in (("reply", ""), ("question", QCoreApplication.translate("ResultDelegate", "问:"))):
        spans = hit.highlights.get(name, ())
        if spans:
            text: str = getattr(entry, name)
            start = max(0, spans[0][0] - context)
            # start at a sentence boundary when one is close, so the snippet reads naturally
            boundary = max(text.rfind(p, 0, spans[0][0]) for p in "。!?;,\n")
            if boundary >= 0 and spans[0][0] - boundary <= context * 2:
                start = boundary + 1
            lead = prefix + ("…" if start > 0 else "")
            shifted = tuple((a - start + len(lead), b - start + len(lead)) for a, b in spans if a >= start)
            return (lead + text[start:]).replace("\n", " "), shifted
    return entry.reply.replace("\n", " "), ()


def draw_runs(
    painter: QPainter,
    rect: QRect,
    text: str,
    spans: Spans,
    font: QFont,
    strong: QFont,
    color: QColor,
    strong_color: QColor,
) -> None:
    """Draw ``text`` on one line inside ``rect`` with ``spans`` in the strong font/colour, eliding at the end."""
    marks = [False] * len(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(text), b)):
            marks[i] = True
    runs: list[tuple[str, bool]] = []
    for ch, mark in zip(text, marks, strict=True):
        if runs and runs[-1][1] == mark:
            runs[-1] = (runs[-1][0] + ch, mark)
        else:
            runs.append((ch, mark))
    x = rect.left()
    right = rect.right()
    ellipsis_width = QFontMetrics(font).horizontalAdvance("…")
    baseline = (
        rect.top() + QFontMetrics(font).ascent() + max(0, (rect.height() - QFontMetrics(font).height()) // 2)
    )
    for run, mark in runs:
        f = strong if mark else font
        fm = QFontMetrics(f)
        width = fm.horizontalAdvance(run)
        painter.setFont(f)
        painter.setPen(strong_color if mark else color)
        if x + width <= right:
            painter.drawText(x, baseline, run)
            x += width
            continue
        clipped = fm.elidedText(run, Qt.TextElideMode.ElideRight, max(0, right - x))
        if clipped.endswith("…"):
            clipped = clipped[:-1]
        painter.drawText(x, baseline, clipped)
        x += fm.horizontalAdvance(clipped)
        if right - x >= ellipsis_width - 1:
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(x, baseline, "…")
        break


def _chip(
    painter: QPainter, x_right: int, top: int, height: int, text: str, font: QFont, fg: QColor, bg: QColor
) -> int:
    """Draw a small rounded label ending at ``x_right``; return its left edge."""
    fm = QFontMetrics(font)
    width = fm.horizontalAdvance(text) + 10
    rect = QRect(x_right - width, top + (height - fm.height() - 2) // 2, width, fm.height() + 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(fg)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect.left()


class ResultDelegate(QStyledItemDelegate):
    """Paints a SearchHit row (ResultListModel) or an SOP step row (SopStepModel)."""

    def __init__(self, parent: QWidget | None = None, *, asset_kinds: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.asset_kinds = asset_kinds if asset_kinds is not None else {}
        self.show_keys = True
        self.one_line = False
        """Title line only (the side panel: six results in a short column; the preview shows the reply)."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.08 if base.pointSizeF() > 0 else base.pointSizeF())
        small = QFont(base)
        if base.pointSizeF() > 0:
            small.setPointSizeF(base.pointSizeF() * 0.88)
        strong = QFont(base)
        strong.setBold(True)
        return base, title, small, strong

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base, title, _small, _strong = self._fonts(option)
        second = 0 if self.one_line else QFontMetrics(base).height() + _LINE_GAP
        height = QFontMetrics(title).height() + second + 2 * _PAD_Y
        return QSize(300, max(height, _BADGE + 2 * _PAD_Y))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        obj = index.data(ObjectRole)
        entry: Entry | None = index.data(EntryRole)
        key = int(index.data(KeyRole) or 0)
        palette: QPalette = option.palette
        rect = QRect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if selected:
            bg = QColor(accent)
            bg.setAlpha(48)
            painter.fillRect(rect, bg)
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), accent)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            bg = QColor(accent)
            bg.setAlpha(18)
            painter.fillRect(rect, bg)
        divider = QColor(palette.color(QPalette.ColorRole.Mid))
        divider.setAlpha(70)
        painter.setPen(divider)
        painter.drawLine(rect.left() + _PAD_X, rect.bottom(), rect.right() - _PAD_X, rect.bottom())

        base, title_font, small, strong = self._fonts(option)
        text_color = palette.color(QPalette.ColorRole.Text)
        dim = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        if dim.alpha() == 0 or dim == text_color:
            dim = QColor(text_color)
            dim.setAlpha(150)
        match_color = (
            QColor("#d9480f")
            if palette.color(QPalette.ColorRole.Base).lightness() > 128
            else QColor("#ffa94d")
        )

        x = rect.left() + _PAD_X
        title_h = QFontMetrics(title_font).height()
        line1 = QRect(x, rect.top() + _PAD_Y, rect.width() - 2 * _PAD_X, title_h)
        if self.show_keys:
            if key:
                badge = QRect(x, line1.top() + (title_h - _BADGE) // 2, _BADGE, _BADGE)
                painter.setPen(Qt.PenStyle.NoPen)
                badge_bg = (
                    QColor(accent) if key == 1 or selected else QColor(palette.color(QPalette.ColorRole.Mid))
                )
                if not (key == 1 or selected):
                    badge_bg.setAlpha(90)
                painter.setBrush(badge_bg)
                painter.drawRoundedRect(badge, 5, 5)
                painter.setPen(
                    palette.color(QPalette.ColorRole.HighlightedText) if key == 1 or selected else text_color
                )
                painter.setFont(small)
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(key))
            x += _BADGE + 8
        line1.setLeft(x)
        line2 = QRect(
            x, line1.bottom() + 1 + _LINE_GAP, rect.right() - _PAD_X - x, QFontMetrics(base).height()
        )

        if isinstance(obj, SearchHit):
            title, title_spans, code = obj.entry.title, obj.highlights.get("title", ()), obj.entry.code
            snippet, snippet_spans = snippet_for(obj)
            right_text = obj.entry.category_path or obj.entry.shop_name
            if right_text == SHARED_SHOP_NAME:  # the built-in shared scope, not a shop's own name
                right_text = QCoreApplication.translate("ResultDelegate", "通用")
            markers = self._markers(obj.entry, obj.variant_id)
        elif isinstance(obj, SopStep):
            title, title_spans, code = obj.instruction, (), entry.code if entry else ""
            if entry is not None:
                snippet, snippet_spans = f"{entry.title}:{entry.reply}".replace("\n", " "), ()
            else:
                snippet, snippet_spans = (
                    QCoreApplication.translate("ResultDelegate", "(这一步没有话术,照说明操作)"),
                    (),
                )
            right_text = ""
            markers = self._markers(entry, None) if entry else []
        else:
            title, title_spans, code, snippet, snippet_spans, right_text, markers = (
                str(index.data() or ""), (), "", "", (), "", []
            )  # fmt: skip

        # right side of line 1: category path, then marker chips (drawn right to left)
        right = line1.right()
        if right_text:
            fm = QFontMetrics(small)
            path = fm.elidedText(right_text, Qt.TextElideMode.ElideLeft, min(160, line1.width() // 3))
            width = fm.horizontalAdvance(path)
            painter.setFont(small)
            painter.setPen(dim)
            painter.drawText(
                QRect(right - width, line1.top(), width, title_h), Qt.AlignmentFlag.AlignVCenter, path
            )
            right -= width + 8
        for label, color in reversed(markers):
            chip_bg = QColor(color)
            chip_bg.setAlpha(40)
            right = _chip(painter, right, line1.top(), title_h, label, small, QColor(color), chip_bg) - 4
        # title and code on the left of line 1
        code_text = f"/{code}" if code else ""
        code_width = QFontMetrics(small).horizontalAdvance(code_text) + 10 if code_text else 0
        title_rect = QRect(line1.left(), line1.top(), max(0, right - line1.left() - code_width - 4), title_h)
        draw_runs(painter, title_rect, title, title_spans, title_font, title_font, text_color, match_color)
        if code_text:
            used = min(QFontMetrics(title_font).horizontalAdvance(title), title_rect.width())
            code_rect = QRect(line1.left() + used + 8, line1.top(), code_width, title_h)
            painter.setFont(small)
            painter.setPen(accent if not selected else text_color)
            painter.drawText(code_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, code_text)
        if not self.one_line:
            draw_runs(painter, line2, snippet, snippet_spans, base, strong, dim, match_color)
        painter.restore()

    def _markers(self, entry: Entry | None, variant_id: str | None) -> list[tuple[str, str]]:
        if entry is None:
            return []
        markers: list[tuple[str, str]] = []
        kinds = [self.asset_kinds.get(a, "file") for a in entry.asset_ids]
        if "image" in kinds:
            markers.append((QCoreApplication.translate("ResultDelegate", "图"), "#2b8a3e"))
        if "video" in kinds:
            markers.append((QCoreApplication.translate("ResultDelegate", "视频"), "#1971c2"))
        if "pdf" in kinds or "file" in kinds:
            markers.append((QCoreApplication.translate("ResultDelegate", "文件"), "#5f3dc4"))
        if variant_id:
            label = next((v.label for v in entry.variants if v.id == variant_id), "")
            markers.append(
                (
                    QCoreApplication.translate("ResultDelegate", "变体") + (f":{label}" if label else ""),
                    "#c2255c",
                )
            )
        elif any(v.enabled for v in entry.variants):
            markers.append((QCoreApplication.translate("ResultDelegate", "变体"), "#868e96"))
        return markers
