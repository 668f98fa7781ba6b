"""The preview's inline video: a poster frame first, played in place on demand (install videos, issue 14).

Install videos answer "怎么装" faster than any text, so an entry that links one shows its poster frame (a frame
about a second in, taken by a hidden ``QMediaPlayer`` into a ``QVideoSink``) with 播放 and 复制视频 buttons; 播放 (or
Ctrl+P in the search box) swaps the poster for the playing picture, with its sound; the same key pauses. The frames go
through a ``QVideoSink`` into a plain label rather than a ``QVideoWidget`` (a native child window): the picture is
then drawn wherever the window is, offscreen included, and shows in ``grab()`` screenshots and tests. Qt Multimedia is imported only here, and this module only when the first video is previewed, so start-up does
not pay for it. Where the multimedia backend is missing (no FFmpeg plugin, a broken install) the panel says so in
words and points to double-click (the system's player); the poster then stays the video icon.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QStackedWidget, QToolButton, QWidget

from csdesk.core.models import Asset

log = logging.getLogger(__name__)

try:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink

    MULTIMEDIA = True
except ImportError:  # a PySide6 without its multimedia add-on
    MULTIMEDIA = False

POSTER = QSize(160, 90)
PLAYING = QSize(320, 180)
"""The poster sits beside the thumbnails; once the agent plays the video it gets twice the room."""
POSTER_AT_MS = 1000
"""Where the poster frame is taken (capped at a tenth of the video): the very first frame is often black."""


def _duration_text(ms: int) -> str:
    seconds = max(0, round(ms / 1000))
    return f"{seconds // 60}:{seconds % 60:02d}"


class VideoPanel(QWidget):
    """Poster, play/pause and copy for the previewed entry's video; see the module docstring."""

    copy_requested = Signal(object)
    """The Asset to copy alone (a file named by its title, like every other asset)."""
    poster_ready = Signal(str, QImage)
    """(asset id, poster image): the preview also shows it as the asset's thumbnail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPanel")
        self._asset: Asset | None = None
        self._path: Path | None = None
        self._posters: dict[str, QImage] = {}
        self._durations: dict[str, int] = {}
        self._player: QMediaPlayer | None = None
        self._grabber: QMediaPlayer | None = None
        self._grab_sink: QVideoSink | None = None
        self._grab_target = ""
        self._grab_source = QUrl()
        self._video: QLabel | None = None
        self._sink: QVideoSink | None = None

        self.poster = QLabel()
        self.poster.setObjectName("videoPoster")
        self.poster.setFixedSize(POSTER)
        self.poster.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.poster.setStyleSheet("background: #202020; color: white;")
        self.stack = QStackedWidget()
        self.stack.setFixedSize(POSTER)
        self.stack.addWidget(self.poster)

        self.status = QLabel()
        self.status.setObjectName("videoStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # short explicit lines, no wrapping: a wrapped label in this narrow column asked for less height than it
        # drew and was cut off at 1920×1080
        self.status.setWordWrap(False)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.play_button = QToolButton()
        self.play_button.setObjectName("videoPlay")
        self.play_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.play_button.clicked.connect(self.toggle)
        self.copy_button = QToolButton()
        self.copy_button.setObjectName("videoCopy")
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.copy_button.setText(self.tr("复制视频"))
        self.copy_button.setToolTip(self.tr("把视频文件单独复制,文件名就是素材标题"))
        self.copy_button.clicked.connect(lambda: self._asset and self.copy_requested.emit(self._asset))

        self._compact = False
        self._side = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._side.setContentsMargins(0, 0, 0, 0)
        self._side.addWidget(self.play_button)
        self._side.addWidget(self.copy_button)
        self._side.addWidget(self.status)
        self._side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        layout.addLayout(self._side, 1)
        self._show_state()

    def set_compact(self, compact: bool) -> None:
        """Side panel: the buttons side by side, no poster until 播放 (the thumbnail strip shows it small), the
        length in the tooltip; playing shows the video at poster size."""
        self._compact = compact
        self.stop()  # a paused picture at playing size would set the new layout's width
        self._side.setDirection(
            QBoxLayout.Direction.LeftToRight if compact else QBoxLayout.Direction.TopToBottom
        )
        self.status.setVisible(not compact)
        self._show_state()

    # -- what is shown ---------------------------------------------------------------------------------------
    @property
    def asset(self) -> Asset | None:
        return self._asset

    @property
    def player(self) -> QMediaPlayer | None:
        """The inline player, made on the first 播放 (None before, and where multimedia is missing)."""
        return self._player

    def set_video(self, asset: Asset | None, path: Path | None) -> None:
        """Show ``asset`` (a video stored at ``path``) with its poster; None hides the panel and stops playback."""
        if self._asset is not None and asset is not None and asset.id == self._asset.id:
            return
        self.stop()
        if self._player is not None and self._player.error() != QMediaPlayer.Error.NoError:
            self._player.setSource(QUrl())  # the last video's error message goes with it
        self._asset, self._path = asset, path
        self.setVisible(asset is not None)
        if asset is None or path is None:
            return
        self.setToolTip(asset.title or asset.filename)
        self.play_button.setEnabled(True)
        self._show_poster()
        poster = self._posters.get(asset.id)
        if poster is not None:
            self._set_poster(poster)
        else:
            self.poster.setPixmap(QPixmap())
            self.poster.setText("▶")
            self._grab_poster(asset.id, path)
        self._show_state()

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()
        self._show_poster()

    def toggle(self) -> None:
        """Play (from the poster, or resume) or pause: the 播放 button and Ctrl+P."""
        if self._asset is None or self._path is None:
            return
        if not MULTIMEDIA:
            self._unavailable()
            return
        player = self._ensure_player()
        if player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            player.pause()
        else:
            source = QUrl.fromLocalFile(str(self._path))
            if player.source() != source:
                player.setSource(source)
            assert self._video is not None
            size = POSTER if self._compact else PLAYING
            self.stack.setFixedSize(size)
            self._video.setFixedSize(size)
            self.stack.setVisible(True)
            self.stack.setCurrentWidget(self._video)
            player.play()
        self._show_state()

    # -- internals -------------------------------------------------------------------------------------------
    def _show_poster(self) -> None:
        self.stack.setCurrentWidget(self.poster)
        self.stack.setFixedSize(POSTER)
        self.stack.setVisible(not self._compact)
        self._show_state()

    def _show_state(self) -> None:
        playing = (
            self._player is not None
            and self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )
        self.play_button.setText(self.tr("⏸ 暂停") if playing else self.tr("▶ 播放"))
        if self._player is not None and self._player.error() != QMediaPlayer.Error.NoError:
            return  # the error message stays until another video is shown
        if not MULTIMEDIA:
            self._unavailable()
            return
        duration = self._durations.get(self._asset.id, 0) if self._asset is not None else 0
        if self._player is not None and self._player.source().isValid():
            duration = self._player.duration() or duration
        self.status.setText(
            self.tr("时长 %1\nCtrl+P 播放/暂停").replace("%1", _duration_text(duration))
            if duration
            else self.tr("Ctrl+P 播放/暂停")
        )
        self.play_button.setToolTip(self.status.text())

    def _unavailable(self, detail: str = "") -> None:
        self.status.setText(self.tr("这里放不了视频:\n双击素材用系统播放器打开"))
        self.play_button.setEnabled(False)
        reason = self.tr("缺少 Qt 多媒体组件,或这个文件无法解码;复制视频不受影响。")
        # the whole story in the tooltip (the side panel hides the status line)
        self.setToolTip(
            self.status.text().replace("\n", "") + "\n" + reason + (f"\n{detail}" if detail else "")
        )

    def _ensure_player(self) -> QMediaPlayer:
        if self._player is None:
            self._video = QLabel()
            self._video.setObjectName("videoPicture")
            self._video.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._video.setStyleSheet("background: black;")
            self._video.setFixedSize(PLAYING)
            self.stack.addWidget(self._video)
            self._sink = QVideoSink(self)
            self._sink.videoFrameChanged.connect(self._show_frame)
            self._player = QMediaPlayer(self)
            self._player.setVideoSink(self._sink)
            self._player.setAudioOutput(QAudioOutput(self._player))
            self._player.playbackStateChanged.connect(lambda _state: self._show_state())
            self._player.durationChanged.connect(lambda _ms: self._show_state())
            self._player.errorOccurred.connect(self._player_error)
            self._player.mediaStatusChanged.connect(self._media_status)
        return self._player

    @property
    def picture(self) -> QLabel | None:
        """Where the playing video is drawn (None until the first 播放)."""
        return self._video

    def _show_frame(self, frame: QVideoFrame) -> None:
        if self._video is None or not frame.isValid():
            return
        image = frame.toImage()
        if not image.isNull():
            self._video.setPixmap(
                QPixmap.fromImage(
                    image.scaled(
                        self._video.size(),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            )

    def _media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:  # back to the poster, ready to play again
            self._show_poster()

    def _player_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        log.warning("video %s cannot be played here: %s", self._path, message)
        self._show_poster()
        self._unavailable(message)

    def _grab_poster(self, asset_id: str, path: Path) -> None:
        if not MULTIMEDIA:
            self._unavailable()
            return
        if self._grabber is None:
            self._grab_sink = QVideoSink(self)
            self._grab_sink.videoFrameChanged.connect(self._grabbed)
            self._grabber = QMediaPlayer(self)
            self._grabber.setVideoSink(self._grab_sink)
            self._grabber.mediaStatusChanged.connect(self._grab_status)
            self._grabber.errorOccurred.connect(
                lambda _e, message: log.info("no poster for %s: %s", self._grab_target, message)
            )
        self._grab_target = asset_id
        self._grab_source = QUrl.fromLocalFile(str(path))
        self._grabber.stop()
        self._grabber.setSource(self._grab_source)

    def _grab_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._grabber is not None:
            duration = self._grabber.duration()
            self._durations[self._grab_target] = duration
            self._grabber.setPosition(min(POSTER_AT_MS, duration // 10) if duration > 0 else 0)
            self._grabber.pause()  # a paused player still renders the frame at its position into the sink

    def _grabbed(self, frame: QVideoFrame) -> None:
        if not frame.isValid() or not self._grab_target or self._grabber is None:
            return
        if self._grabber.source() != self._grab_source or self._grabber.mediaStatus() in (
            QMediaPlayer.MediaStatus.InvalidMedia,
            QMediaPlayer.MediaStatus.NoMedia,
            QMediaPlayer.MediaStatus.LoadingMedia,
        ):
            return  # a late frame of the video shown before, or a file that is not a video
        image = frame.toImage()
        if image.isNull():
            return
        asset_id, self._grab_target = self._grab_target, ""
        self._grabber.stop()
        poster = image.scaled(
            POSTER, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self._posters[asset_id] = poster
        if self._asset is not None and self._asset.id == asset_id:
            self._set_poster(poster)
            self._show_state()
        self.poster_ready.emit(asset_id, poster)

    def _set_poster(self, poster: QImage) -> None:
        self.poster.setText("")
        self.poster.setPixmap(QPixmap.fromImage(poster))
