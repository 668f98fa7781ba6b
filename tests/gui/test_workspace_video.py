"""The install video in the preview (issue 14): poster frame, inline playback on Ctrl+P / 播放, copy by title.

Offscreen, Qt Multimedia's FFmpeg backend decodes (poster, position moving) but nothing is drawn on a screen; the
picture itself was checked under Xvfb + openbox (README, "The agent's workspace at 1366×768").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from csdesk.gui.workspace import videoplayer
from csdesk.gui.workspace.workspace import Workspace
from tests.gui.system_needs import require_qt_multimedia
from tests.gui.workspace_helpers import shown_window

SHOP = "木几家居旗舰店"
VIDEO_TITLE = "小边几安装视频"
# a file that is not a video: Qt Multimedia says so (the panel shows it in words)
pytestmark = pytest.mark.qt_log_ignore("Could not open media")


@pytest.fixture
def window(demo_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    with shown_window(demo_lib, settings, qtbot, SHOP) as win:
        yield win
    QGuiApplication.clipboard().clear()


def search(qtbot: Any, ws: Workspace, text: str) -> None:
    ws.search.setText(text)
    qtbot.waitUntil(ws.wait_idle, timeout=5000)


def video_asset(lib: Library) -> Any:
    return next(a for a in lib.assets.all() if a.kind == "video")


def test_demo_install_entry_shows_its_video_with_a_poster(
    window: MainWindow, demo_lib: Library, qtbot: Any
) -> None:
    require_qt_multimedia()
    ws = window.workspace
    search(qtbot, ws, "/az")
    panel = ws.preview.video
    assert panel is not None and panel.isVisible()
    assert panel.asset is not None and panel.asset.title == VIDEO_TITLE
    qtbot.waitUntil(lambda: not panel.poster.pixmap().isNull(), timeout=10000)
    poster = panel.poster.pixmap().toImage()
    assert poster.width() <= videoplayer.POSTER.width() and poster.height() > 60
    # not a blank frame: the title card has wood, ink and white
    grid = [(x, y) for x in range(0, poster.width(), 5) for y in range(0, poster.height(), 5)]
    colours = {poster.pixelColor(x, y).name()[:5] for x, y in grid}
    assert len(colours) > 4
    model = ws.preview.assets_model
    row = next(i for i, a in enumerate(model.assets()) if a.kind == "video")
    assert model.has_thumbnail(model.assets()[row].id)  # the strip shows the poster too, not the video icon
    assert "0:16" in panel.status.text()

    search(qtbot, ws, "/bzq")  # an entry without a video (another shop's code still resolves by code)
    assert not panel.isVisible() or panel.asset is None


def test_ctrl_p_plays_inline_and_pauses(window: MainWindow, demo_lib: Library, qtbot: Any) -> None:
    require_qt_multimedia()
    ws = window.workspace
    search(qtbot, ws, "/az")
    panel = ws.preview.video
    assert panel is not None and panel.player is None  # no player until the agent asks
    qtbot.keyClick(ws.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert ws.search.text() == "/az"  # the key typed nothing
    player = panel.player
    assert player is not None
    stored = demo_lib.assets.path(video_asset(demo_lib))
    assert player.source() == QUrl.fromLocalFile(str(stored))
    assert panel.stack.currentWidget() is not panel.poster  # the playing picture replaced the poster
    qtbot.waitUntil(lambda: player.position() > 300, timeout=10000)  # it really decodes and runs
    picture = panel.picture
    assert picture is not None and panel.stack.currentWidget() is picture
    qtbot.waitUntil(lambda: not picture.pixmap().isNull())  # frames are drawn in place
    assert panel.play_button.text().endswith("暂停")
    qtbot.keyClick(ws.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: player.playbackState() == player.PlaybackState.PausedState)
    assert panel.play_button.text().endswith("播放")
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)  # the button does the same
    qtbot.waitUntil(lambda: player.playbackState() == player.PlaybackState.PlayingState)
    search(qtbot, ws, "/qpj")  # another entry: the video stops
    assert player.playbackState() == player.PlaybackState.StoppedState


def test_copy_video_gives_a_file_named_by_its_title(
    window: MainWindow, demo_lib: Library, qtbot: Any
) -> None:
    ws = window.workspace
    search(qtbot, ws, "/az")
    panel = ws.preview.video
    assert panel is not None
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    files = [Path(url.toLocalFile()) for url in mime.urls()]
    assert [f.name for f in files] == [VIDEO_TITLE + ".mp4"]
    assert files[0].read_bytes() == demo_lib.assets.path(video_asset(demo_lib)).read_bytes()
    assert not mime.hasImage() and not mime.hasHtml()  # the video alone, no reply text with it


def test_a_broken_video_says_so_and_keeps_the_icon(
    window: MainWindow, demo_lib: Library, qtbot: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "坏视频.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not a video" * 50)
    asset = demo_lib.assets.add(broken, folder="安装视频", title="坏掉的视频")
    entry = demo_lib.create(EntryDraft(reply="视频发您", title="坏视频", code="tbad", shop=SHOP))
    demo_lib.assets.link(entry.id, asset.id)
    ws = window.workspace
    search(qtbot, ws, "/tbad")
    panel = ws.preview.video
    assert panel is not None and panel.isVisible()
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "系统播放器" in panel.status.text(), timeout=10000)
    assert panel.stack.currentWidget() is panel.poster
    assert not ws.preview.assets_model.has_thumbnail(asset.id)  # no poster: the video icon stays


def test_without_qt_multimedia_the_panel_explains(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setattr(videoplayer, "MULTIMEDIA", False)
    ws = window.workspace
    search(qtbot, ws, "/az")
    panel = ws.preview.video
    assert panel is not None and panel.isVisible()
    assert "系统播放器" in panel.status.text() and not panel.play_button.isEnabled()
    qtbot.keyClick(ws.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert panel.player is None
    assert panel.copy_button.isEnabled()  # copying does not need multimedia
