"""Asset thumbnails: scaled images made off the UI thread and cached by content hash; drawn icons for the rest.

Images are read and scaled as :class:`QImage` in a worker (QImage is thread-safe, QPixmap is not) and turned into
pixmaps on the GUI thread. Asset files are content-addressed, so the sha256 is a perfect cache key: a renamed or
moved asset keeps its thumbnail. Videos get a drawn film icon — taking a first frame with QtMultimedia needs a
working media backend, which offscreen test runs and many office PCs don't have — PDFs and other files a document
icon with their type.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QImageReader, QPainter, QPainterPath, QPen, QPixmap

from csdesk.core.models import Asset
from csdesk.gui.workers import run_in_thread

THUMB_SIZE = 128
_KIND_STYLE = {
    "video": ("#6c5ce7", str(QT_TRANSLATE_NOOP("Thumbnails", "视频"))),
    "pdf": ("#d63031", "PDF"),
    "image": ("#0984e3", str(QT_TRANSLATE_NOOP("Thumbnails", "图片"))),
    "file": ("#636e72", ""),
}
"""Band colour and label of each kind; the labels go through ``tr`` when drawn."""


def _rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def kind_pixmap(kind: str, suffix: str = "", size: int = THUMB_SIZE, *, missing: bool = False) -> QPixmap:
    """A drawn icon: a sheet with a coloured band naming the type (a play triangle for video)."""
    color_name, label = _KIND_STYLE.get(kind, _KIND_STYLE["file"])
    if label and label != "PDF":
        label = QCoreApplication.translate("Thumbnails", label)
    if kind in ("file", "image") and suffix:
        label = suffix.lstrip(".").upper()[:4]
    color = QColor("#b2bec3" if missing else color_name)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sheet = QRectF(size * 0.18, size * 0.06, size * 0.64, size * 0.88)
    painter.setPen(QPen(QColor("#b2bec3"), max(1.0, size / 64)))
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(_rounded(sheet, size * 0.05))
    band = QRectF(sheet.left(), sheet.top() + sheet.height() * 0.58, sheet.width(), sheet.height() * 0.24)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(band)
    if kind == "video":
        cx, cy, r = sheet.center().x(), sheet.top() + sheet.height() * 0.3, size * 0.13
        painter.setBrush(color)
        painter.drawEllipse(QRectF(cx - r * 1.3, cy - r * 1.3, r * 2.6, r * 2.6))
        triangle = QPainterPath()
        triangle.moveTo(cx - r * 0.45, cy - r * 0.7)
        triangle.lineTo(cx + r * 0.75, cy)
        triangle.lineTo(cx - r * 0.45, cy + r * 0.7)
        triangle.closeSubpath()
        painter.setBrush(QColor("#ffffff"))
        painter.drawPath(triangle)
    else:
        painter.setPen(QPen(QColor("#dfe6e9"), max(1.0, size / 40)))
        for i in range(4):
            y = sheet.top() + sheet.height() * (0.14 + i * 0.1)
            painter.drawLine(
                int(sheet.left() + size * 0.08), int(y), int(sheet.right() - size * 0.08), int(y)
            )
    if missing:
        label = "?"
    if label:
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, int(size * 0.13)))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return pixmap


def load_scaled_image(path: Path, size: int = THUMB_SIZE) -> QImage:
    """Read an image scaled to fit ``size`` (decoding at reduced size where the format allows); null on failure."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and (original.width() > size * 2 or original.height() > size * 2):
        reader.setScaledSize(original.scaled(size * 2, size * 2, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return image
    return image.scaled(
        QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class ThumbnailCache(QObject):
    """Icons for assets. :meth:`icon` answers at once (a placeholder until the real thumbnail is ready);
    ``ready(sha256)`` says when one arrives. Requests made in one event-loop turn are read in one worker task."""

    ready = Signal(str)

    def __init__(self, size: int = THUMB_SIZE, parent: QObject | None = None, *, limit: int = 2000) -> None:
        super().__init__(parent)
        self.size = size
        self._limit = limit
        self._cache: OrderedDict[str, QIcon] = OrderedDict()
        self._kind_icons: dict[tuple[str, str, bool], QIcon] = {}
        self._queued: dict[str, Path] = {}
        self._loading: set[str] = set()
        self._failed: set[str] = set()
        self._flush_timer = QTimer(self, singleShot=True, interval=0)
        self._flush_timer.timeout.connect(self._start_batch)

    def kind_icon(self, kind: str, suffix: str = "", *, missing: bool = False) -> QIcon:
        key = (kind, suffix.lower() if kind in ("file", "image") else "", missing)
        if key not in self._kind_icons:
            self._kind_icons[key] = QIcon(kind_pixmap(kind, key[1], self.size, missing=missing))
        return self._kind_icons[key]

    def icon(self, asset: Asset, path: Path) -> QIcon:
        suffix = Path(asset.filename).suffix
        if asset.kind != "image":
            return self.kind_icon(asset.kind, suffix, missing=not path.exists())
        cached = self._cache.get(asset.sha256)
        if cached is not None:
            self._cache.move_to_end(asset.sha256)
            return cached
        if asset.sha256 in self._failed:
            return self.kind_icon("image", suffix, missing=not path.exists())
        if asset.sha256 not in self._loading:
            self._queued[asset.sha256] = path
            self._loading.add(asset.sha256)
            self._flush_timer.start()
        return self.kind_icon("image", suffix)

    def is_pending(self) -> bool:
        return bool(self._loading)

    def _start_batch(self) -> None:
        batch, self._queued = dict(self._queued), {}
        size = self.size

        def work() -> dict[str, QImage]:
            return {sha: load_scaled_image(path, size) for sha, path in batch.items()}

        def failed(_exc: BaseException) -> None:
            self._failed.update(batch)
            self._loading.difference_update(batch)
            for sha in batch:
                self.ready.emit(sha)

        run_in_thread(work, self._store, failed, owner=self)

    def _store(self, images: dict[str, QImage]) -> None:
        for sha, image in images.items():
            self._loading.discard(sha)
            if image.isNull():
                self._failed.add(sha)
            else:
                self._cache[sha] = QIcon(self._framed(image))
                while len(self._cache) > self._limit:
                    self._cache.popitem(last=False)
            self.ready.emit(sha)

    def _framed(self, image: QImage) -> QPixmap:
        """The thumbnail centred on a square, so icons line up in the grid."""
        pixmap = QPixmap(self.size, self.size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        x, y = (self.size - image.width()) // 2, (self.size - image.height()) // 2
        painter.drawImage(x, y, image)
        painter.setPen(QPen(QColor("#dfe6e9")))
        painter.drawRect(x, y, image.width() - 1, image.height() - 1)
        painter.end()
        return pixmap
