"""Make the demo library's install video (``resources/demo/assets/install-video-sidetable.mp4``).

Install videos are one of the seed articles' headline assets (an install video cut a furniture shop's answer from
five minutes to one), so the demo furniture shop has a short one: the four steps of the side-table install guide
drawn by ``make_assets.py`` (the same drawings), animated for about 16 seconds at 640×360, 12 frames a second.

The frames are drawn with QPainter and encoded by Qt Multimedia's own FFmpeg backend (``QMediaRecorder`` fed by a
``QVideoFrameInput``): no ffmpeg binary and no extra package, only PySide6 (≥ 6.8). The codec is MPEG-4 Part 2 in an
MP4 file, which the LGPL FFmpeg bundled with PySide6 can encode and every common player (and Qt) decodes. Rerun
after changing the drawings::

    QT_QPA_PLATFORM=offscreen python resources/demo/make_video.py

Needs the CJK font WenQuanYi Micro Hei (``apt-get install fonts-wqy-microhei``), like ``make_assets.py``; the file
stays a few hundred KB.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtMultimedia import (
    QMediaCaptureSession,
    QMediaFormat,
    QMediaRecorder,
    QVideoFrame,
    QVideoFrameInput,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
# the install guide's drawings, shared so picture and video agree
import make_assets as art

OUT = art.OUT / "install-video-sidetable.mp4"
WIDTH, HEIGHT, FPS = 640, 360, 12
ACCENT = QColor("#2f7d5b")
STEPS: list[tuple[str, str, Callable[[QPainter, QRectF], None]]] = [
    ("开箱清点配件", "A 桌面、B 桌腿×4、C 抽屉、D 螺丝×8、E 扳手、F 脚垫", art._step1),
    ("桌面朝下,装 4 条桌腿", "桌腿内侧的小标签朝向桌子中心,孔位才对得上", art._step2),
    ("翻正,装入抽屉", "抽屉沿滑轨平推到底", art._step3),
    ("对角拧紧,贴脚垫", "按 1→2→3→4 的对角顺序拧紧,桌子才不晃", art._step4),
]
QUALITY = QMediaRecorder.Quality.LowQuality  # line drawings on white stay readable, the file stays small
TITLE_S, STEP_S, END_S = 2.0, 3.0, 2.0


def _frame_count() -> int:
    return round((TITLE_S + STEP_S * len(STEPS) + END_S) * FPS)


def _progress_bar(p: QPainter, fraction: float) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#e6e6e6"))
    p.drawRect(QRectF(0, HEIGHT - 6, WIDTH, 6))
    p.setBrush(ACCENT)
    p.drawRect(QRectF(0, HEIGHT - 6, WIDTH * fraction, 6))


def _table(p: QPainter, x: float, y: float) -> None:
    """The finished side table (top, two visible legs, the drawer) in the install guide's wood colours."""
    p.setPen(QPen(art.WOOD_DARK, 1.5))
    p.setBrush(art.WOOD)
    for lx in (x + 6, x + 196):
        p.drawRoundedRect(QRectF(lx, y + 20, 18, 140), 3, 3)
    art._box3d(p, x, y, 220, 20, 44, art.WOOD)
    art._box3d(p, x + 50, y + 34, 120, 34, 0, art.WOOD.lighter(108))
    p.setBrush(art.WOOD_DARK)
    p.drawEllipse(QRectF(x + 104, y + 46, 12, 10))


def _title_card(p: QPainter, t: float) -> None:
    """The poster: the finished table, the title and the running time."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawRect(QRectF(0, 0, WIDTH, 8))
    _table(p, 70, 120)
    art.text(
        p, QRectF(360, 90, 260, 50), "橡木色小边几", 30, art.INK, bold=True, align=Qt.AlignmentFlag.AlignLeft
    )
    art.text(
        p,
        QRectF(360, 140, 260, 40),
        "安装演示 · 4 步 · 约 15 分钟",
        20,
        ACCENT,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    art.text(
        p,
        QRectF(360, 185, 260, 60),
        "工具随箱附带,一个人就能装",
        16,
        art.MUTED,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    art.text(
        p,
        QRectF(40, 300, 560, 30),
        "木几家居旗舰店",
        15,
        art.MUTED,
        bold=True,
        align=Qt.AlignmentFlag.AlignLeft,
    )


def _step_card(p: QPainter, index: int, t: float) -> None:
    """One step: its number and title, the drawing sliding in, then a pulsing ring on the thing to look at."""
    title, note, draw = STEPS[index]
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ACCENT)
    p.drawEllipse(QRectF(24, 18, 40, 40))
    art.text(p, QRectF(24, 18, 40, 40), str(index + 1), 22, QColor("white"), bold=True)
    art.text(p, QRectF(76, 16, 470, 44), title, 24, art.INK, bold=True, align=Qt.AlignmentFlag.AlignLeft)
    art.text(p, QRectF(548, 16, 70, 44), f"{index + 1} / {len(STEPS)}", 16, art.MUTED)
    slide = max(0.0, 1.0 - t / 0.4)  # the drawing slides in during the first 0.4 s
    p.save()
    p.translate(90 + slide * 300, 64)
    p.scale(1.15, 1.15)
    draw(p, QRectF(0, 0, 400, 200))
    p.restore()
    if t > 0.6:  # then the note appears under it
        art.text(p, QRectF(24, 300, 592, 40), note, 17, QColor("#3d6c8e"), bold=True)


def _end_card(p: QPainter) -> None:
    art.text(p, QRectF(0, 110, WIDTH, 50), "装好了!", 34, ACCENT, bold=True)
    art.text(p, QRectF(40, 170, WIDTH - 80, 40), "缺配件或孔位对不上?拍照联系客服,配件 48 小时内免费补寄", 17)
    art.text(p, QRectF(0, 300, WIDTH, 30), "木几家居旗舰店", 15, art.MUTED, bold=True)


def draw_frame(n: int) -> QImage:
    """Frame ``n`` of the video (deterministic: the same number always gives the same picture)."""
    image, p = art.new_image(WIDTH, HEIGHT)
    t = n / FPS
    if t < TITLE_S:
        _title_card(p, t)
    elif t < TITLE_S + STEP_S * len(STEPS):
        index = int((t - TITLE_S) // STEP_S)
        _step_card(p, index, t - TITLE_S - index * STEP_S)
    else:
        _end_card(p)
    _progress_bar(p, n / max(1, _frame_count() - 1))
    p.setPen(QPen(art.LINE, 1))
    p.end()
    return image


def encode(path: Path) -> int:
    """Encode every frame into ``path``; returns the number of frames the encoder took (0 on failure)."""
    session = QMediaCaptureSession()
    frames = QVideoFrameInput()  # no fixed format: the first frame's size and pixel format are used
    session.setVideoFrameInput(frames)
    recorder = QMediaRecorder()
    session.setRecorder(recorder)
    media = QMediaFormat(QMediaFormat.FileFormat.MPEG4)
    media.setVideoCodec(QMediaFormat.VideoCodec.MPEG4)
    recorder.setMediaFormat(media)
    recorder.setVideoResolution(WIDTH, HEIGHT)
    recorder.setVideoFrameRate(FPS)
    recorder.setQuality(QUALITY)
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    total = _frame_count()
    sent = 0
    errors: list[str] = []
    app = QGuiApplication.instance()
    assert app is not None

    def send() -> None:
        # the input refuses frames until the encoder is ready (and when its queue is full): retry on the timer
        nonlocal sent
        while sent < total:
            frame = QVideoFrame(draw_frame(sent))
            frame.setStartTime(sent * 1_000_000 // FPS)
            frame.setEndTime((sent + 1) * 1_000_000 // FPS)
            if not frames.sendVideoFrame(frame):
                return
            sent += 1
        pump.stop()
        recorder.stop()

    def state(new: QMediaRecorder.RecorderState) -> None:
        if new == QMediaRecorder.RecorderState.RecordingState:
            pump.start(5)
        elif new == QMediaRecorder.RecorderState.StoppedState:
            app.quit()

    pump = QTimer()
    pump.timeout.connect(send)
    recorder.recorderStateChanged.connect(state)
    recorder.errorOccurred.connect(lambda _e, message: (errors.append(message), app.quit()))
    recorder.record()
    QTimer.singleShot(120_000, app.quit)  # a stuck encoder must not hang a maintainer's terminal
    app.exec()
    if errors or sent < total:
        print(
            f"encoding failed after {sent}/{total} frames: {'; '.join(errors) or 'timed out'}",
            file=sys.stderr,
        )
        return 0
    return sent


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    if art.FAMILY not in QFontDatabase.families():
        print(f"font {art.FAMILY!r} is missing (apt-get install fonts-wqy-microhei)", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    count = encode(OUT)
    del app
    if not count:
        return 1
    print(f"{OUT.name}: {count} frames, {count / FPS:.1f} s, {OUT.stat().st_size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
