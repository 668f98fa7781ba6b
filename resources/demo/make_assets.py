"""Draw the sample asset files of the csdesk demo library (``resources/demo/assets/``).

The demo library links these files to its entries: two size charts, a snack spec sheet, a fictional quality-report
PDF and an install guide. They are drawn with Qt so no image editor or extra package is needed, and the numbers
match the replies in ``demo.json`` (M 码腰围 70cm, 抗起球 3–4 级, 桌腿标签朝内 …) — change both together.

Rerun after editing (the output is deterministic apart from PNG/PDF metadata)::

    QT_QPA_PLATFORM=offscreen python resources/demo/make_assets.py

Needs PySide6 and a CJK font (WenQuanYi Micro Hei: ``apt-get install fonts-wqy-microhei``); without it Chinese
would be drawn as boxes, so the script stops when the font is missing. Each file stays well under 200 KB.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

OUT = Path(__file__).resolve().parent / "assets"
FAMILY = "WenQuanYi Micro Hei"

INK = QColor("#333333")
MUTED = QColor("#7a7a7a")
LINE = QColor("#d9d9d9")


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(FAMILY)
    f.setPixelSize(round(size))
    f.setBold(bold)
    return f


def new_image(width: int, height: int) -> tuple[QImage, QPainter]:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def text(
    p: QPainter,
    rect: QRectF,
    s: str,
    size: float,
    color: QColor = INK,
    bold: bool = False,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
) -> None:
    p.setFont(font(size, bold))
    p.setPen(color)
    p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap), s)


def table(
    p: QPainter,
    x: float,
    y: float,
    widths: list[float],
    row_h: float,
    header: list[str],
    rows: list[list[str]],
    accent: QColor,
    size: float = 17,
    header_h: float | None = None,
) -> float:
    """Draw a table with a coloured header and zebra rows; returns the y below it."""
    header_h = header_h or row_h
    total = sum(widths)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(accent)
    p.drawRoundedRect(QRectF(x, y, total, header_h), 6, 6)
    p.drawRect(QRectF(x, y + header_h / 2, total, header_h / 2))
    cx = x
    for w, h in zip(widths, header, strict=True):
        text(p, QRectF(cx + 4, y, w - 8, header_h), h, size, QColor("white"), bold=True)
        cx += w
    cy = y + header_h
    light = QColor(accent)
    light.setAlpha(22)
    for i, row in enumerate(rows):
        if i % 2 == 1:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(light)
            p.drawRect(QRectF(x, cy, total, row_h))
        cx = x
        for j, (w, cell) in enumerate(zip(widths, row, strict=True)):
            text(p, QRectF(cx + 6, cy, w - 12, row_h), cell, size, accent if j == 0 else INK, bold=(j == 0))
            cx += w
        cy += row_h
    p.setPen(QPen(LINE, 1))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(x, y, total, cy - y))
    for k in range(1, len(rows)):
        yy = y + header_h + k * row_h
        p.drawLine(QPointF(x, yy), QPointF(x + total, yy))
    cx = x
    for w in widths[:-1]:
        cx += w
        p.drawLine(QPointF(cx, y + header_h), QPointF(cx, cy))
    return cy


def chart_frame(p: QPainter, width: int, title: str, subtitle: str, accent: QColor) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(accent)
    p.drawRect(QRectF(0, 0, width, 8))
    text(p, QRectF(40, 26, width - 80, 40), title, 28, INK, bold=True, align=Qt.AlignmentFlag.AlignLeft)
    text(p, QRectF(40, 68, width - 80, 26), subtitle, 15, MUTED, align=Qt.AlignmentFlag.AlignLeft)


def footer(p: QPainter, width: int, height: int, note: str, shop: str) -> None:
    p.setPen(QPen(LINE, 1))
    p.drawLine(QPointF(40, height - 56), QPointF(width - 40, height - 56))
    text(p, QRectF(40, height - 50, width - 240, 40), note, 14, MUTED, align=Qt.AlignmentFlag.AlignLeft)
    text(
        p,
        QRectF(width - 240, height - 50, 200, 40),
        shop,
        14,
        MUTED,
        bold=True,
        align=Qt.AlignmentFlag.AlignRight,
    )


def size_chart_dress() -> None:
    w, h = 800, 520
    image, p = new_image(w, h)
    accent = QColor("#c0587e")
    chart_frame(p, w, "碎花收腰连衣裙 · 尺码表", "单位:cm / kg   平铺测量,手工测量误差 ±1–2cm", accent)
    rows = [
        ["S", "84", "66", "112", "150–158", "40–47"],
        ["M", "88", "70", "114", "155–165", "47–53"],
        ["L", "94", "76", "116", "160–170", "53–59"],
        ["XL", "100", "82", "118", "163–172", "59–68"],
        ["2XL", "108", "88", "120", "165–175", "68–76"],
    ]
    table(
        p,
        40,
        112,
        [110, 110, 110, 110, 170, 110],
        56,
        ["尺码", "胸围", "腰围", "衣长", "建议身高", "建议体重"],
        rows,
        accent,
        size=19,
        header_h=48,
    )
    footer(
        p, w, h, "版型提示:腰线收身、袖口微收;在两个码之间按腰围选,手臂偏粗建议拍大一码。", "栖木女装旗舰店"
    )
    p.end()
    image.save(str(OUT / "size-chart-dress.png"), "PNG")


def size_chart_pants() -> None:
    w, h = 800, 520
    image, p = new_image(w, h)
    accent = QColor("#3d6c8e")
    chart_frame(
        p, w, "高腰垂感阔腿裤 · 尺码表", "单位:cm / kg   腰头为松紧设计,腰围为「平放—拉伸」范围", accent
    )
    rows = [
        ["S", "62–76", "94", "98", "30", "40–48"],
        ["M", "66–80", "98", "98", "31", "48–54"],
        ["L", "70–84", "102", "99", "32", "54–60"],
        ["XL", "74–88", "106", "100", "33", "60–66"],
        ["2XL", "78–92", "110", "100", "34", "66–73"],
    ]
    table(
        p,
        40,
        112,
        [100, 150, 110, 110, 110, 140],
        56,
        ["尺码", "腰围", "臀围", "裤长", "前裆", "建议体重"],
        rows,
        accent,
        size=19,
        header_h=48,
    )
    footer(p, w, h, "选码提示:整体偏大半码,重点看臀围;身高160以下裤长会略拖地,可选九分款。", "栖木女装旗舰店")
    p.end()
    image.save(str(OUT / "size-chart-pants.png"), "PNG")


def snack_spec() -> None:
    w, h = 800, 610
    image, p = new_image(w, h)
    accent = QColor("#d9822b")
    chart_frame(p, w, "小馋猫零食铺 · 热销商品规格", "以包装标签为准;生产日期印在包装背面右下角", accent)
    rows = [
        [
            "每日坚果",
            "25g×30袋",
            "180天",
            "腰果、巴旦木、榛子、核桃、蔓越莓干、蓝莓干",
            "坚果;同线加工花生、芝麻",
        ],
        ["原味牛肉干", "100g", "9个月", "牛肉、白砂糖、酱油、食用盐、香辛料", "大豆、小麦(酱油)"],
        ["芒果干", "80g", "12个月", "芒果、白砂糖、柠檬酸", "无"],
    ]
    y = table(
        p,
        40,
        112,
        [120, 110, 80, 270, 140],
        78,
        ["品名", "净含量", "保质期", "配料", "致敏物质"],
        rows,
        accent,
        size=16,
        header_h=44,
    )
    text(
        p,
        QRectF(40, y + 14, 400, 30),
        "每日坚果 营养成分(每袋 25g)",
        17,
        INK,
        bold=True,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    table(
        p,
        40,
        y + 50,
        [144] * 5,
        40,
        ["能量", "蛋白质", "脂肪", "碳水化合物", "钠"],
        [["628kJ(约150kcal)", "4.5g", "11.6g", "7.8g", "5mg"]],
        QColor("#8a6d3b"),
        size=15,
        header_h=36,
    )
    footer(p, w, h, "贮存:阴凉干燥处,避免阳光直射;开袋后请尽快食用,坚果类可冷藏保存。", "小馋猫零食铺")
    p.end()
    image.save(str(OUT / "snack-spec-nuts.png"), "PNG")


# --------------------------------------------------------------------------- install guide

WOOD = QColor("#c89b6d")
WOOD_DARK = QColor("#8b6240")


def _box3d(p: QPainter, x: float, y: float, w: float, h: float, d: float, color: QColor) -> None:
    """A simple oblique box: front face, top and right side."""
    front = QRectF(x, y, w, h)
    top = QPolygonF(
        [QPointF(x, y), QPointF(x + d, y - d * 0.6), QPointF(x + w + d, y - d * 0.6), QPointF(x + w, y)]
    )
    side = QPolygonF(
        [
            QPointF(x + w, y),
            QPointF(x + w + d, y - d * 0.6),
            QPointF(x + w + d, y + h - d * 0.6),
            QPointF(x + w, y + h),
        ]
    )
    p.setPen(QPen(WOOD_DARK, 1.5))
    p.setBrush(color.lighter(115))
    p.drawPolygon(top)
    p.setBrush(color.darker(110))
    p.drawPolygon(side)
    p.setBrush(color)
    p.drawRect(front)


def _arrow(p: QPainter, a: QPointF, b: QPointF, color: QColor) -> None:
    p.setPen(QPen(color, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(a, b)
    direction = b - a
    length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1)
    ux, uy = direction.x() / length, direction.y() / length
    head = QPolygonF(
        [
            b,
            QPointF(b.x() - 12 * ux + 7 * uy, b.y() - 12 * uy - 7 * ux),
            QPointF(b.x() - 12 * ux - 7 * uy, b.y() - 12 * uy + 7 * ux),
        ]
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawPolygon(head)


def _step1(p: QPainter, r: QRectF) -> None:
    """Parts laid out: top, four legs, drawer, screws, wrench, felt pads."""
    x, y = r.x() + 20, r.y() + 20
    _box3d(p, x, y + 30, 130, 14, 30, WOOD)
    text(p, QRectF(x, y + 50, 130, 22), "A 桌面×1", 14)
    for i in range(4):
        p.setPen(QPen(WOOD_DARK, 1.5))
        p.setBrush(WOOD)
        p.drawRoundedRect(QRectF(x + 185 + i * 22, y + 4, 12, 70), 3, 3)
    text(p, QRectF(x + 170, y + 78, 110, 22), "B 桌腿×4", 14)
    _box3d(p, x + 300, y + 34, 80, 34, 18, WOOD)
    text(p, QRectF(x + 290, y + 78, 110, 22), "C 抽屉×1", 14)
    y2 = y + 118
    p.setPen(QPen(QColor("#6b6b6b"), 2))
    for i in range(4):
        sx = x + 10 + i * 18
        p.drawLine(QPointF(sx, y2), QPointF(sx, y2 + 30))
        p.drawLine(QPointF(sx - 5, y2), QPointF(sx + 5, y2))
    text(p, QRectF(x - 10, y2 + 34, 120, 22), "D 螺丝 M6×30 ×8", 13)
    path = QPainterPath(QPointF(x + 160, y2 + 30))
    path.lineTo(x + 160, y2)
    path.lineTo(x + 210, y2)
    p.setPen(QPen(QColor("#555555"), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    text(p, QRectF(x + 130, y2 + 34, 120, 22), "E 内六角扳手", 13)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#9e9e9e"))
    for i in range(4):
        p.drawEllipse(QRectF(x + 290 + i * 24, y2 + 6, 18, 18))
    text(p, QRectF(x + 280, y2 + 34, 120, 22), "F 毛毡脚垫×4", 13)


def _step2(p: QPainter, r: QRectF) -> None:
    """Table top upside down, legs screwed in with the label facing the centre."""
    cx, y = r.x() + r.width() / 2, r.y() + 110
    _box3d(p, cx - 110, y, 200, 16, 40, WOOD)
    for lx in (cx - 100, cx + 62):
        p.setPen(QPen(WOOD_DARK, 1.5))
        p.setBrush(WOOD)
        p.drawRoundedRect(QRectF(lx, y - 86, 16, 86), 3, 3)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#e8505b"))
        label_x = lx + 10 if lx < cx else lx + 1
        p.drawRect(QRectF(label_x, y - 60, 5, 14))
    _arrow(p, QPointF(cx - 60, y - 60), QPointF(cx - 80, y - 52), QColor("#e8505b"))
    text(p, QRectF(cx - 50, y - 78, 100, 40), "标签朝内", 15, QColor("#e8505b"), bold=True)
    _arrow(p, QPointF(cx + 130, y - 110), QPointF(cx + 78, y - 90), QColor("#3d6c8e"))
    text(p, QRectF(cx + 95, y - 140, 100, 26), "拧入 D 螺丝", 13, QColor("#3d6c8e"))


def _step3(p: QPainter, r: QRectF) -> None:
    """Table standing, drawer slides in."""
    cx, y = r.x() + r.width() / 2 - 30, r.y() + 40
    _box3d(p, cx - 100, y + 20, 200, 14, 34, WOOD)
    p.setPen(QPen(WOOD_DARK, 1.5))
    p.setBrush(WOOD)
    for lx in (cx - 96, cx + 82):
        p.drawRoundedRect(QRectF(lx, y + 34, 14, 100), 3, 3)
    p.setBrush(QColor("#f3e4d3"))
    p.drawRect(QRectF(cx - 82, y + 34, 164, 34))
    _box3d(p, cx - 40, y + 86, 100, 30, 16, WOOD.lighter(108))
    _arrow(p, QPointF(cx + 10, y + 140), QPointF(cx + 10, y + 76), QColor("#3d6c8e"))
    text(
        p,
        QRectF(cx + 100, y + 80, 150, 40),
        "C 抽屉沿滑轨推入",
        14,
        QColor("#3d6c8e"),
        align=Qt.AlignmentFlag.AlignLeft,
    )


def _step4(p: QPainter, r: QRectF) -> None:
    """Table upright; tighten diagonally (1→4), stick felt pads."""
    cx, y = r.x() + r.width() / 2 - 40, r.y() + 40
    _box3d(p, cx - 100, y + 20, 200, 14, 34, WOOD)
    p.setPen(QPen(WOOD_DARK, 1.5))
    p.setBrush(WOOD)
    legs = [(cx - 96, 1), (cx + 82, 2)]
    for lx, _n in legs:
        p.drawRoundedRect(QRectF(lx, y + 34, 14, 110), 3, 3)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#9e9e9e"))
    for lx, _n in legs:
        p.drawRect(QRectF(lx - 1, y + 144, 16, 5))
    order = QColor("#e8505b")
    # corners of the top face: front-left, back-right, front-right, back-left = diagonal order 1→2→3→4
    for px, py, n in (
        (cx - 100, y + 20, "1"),
        (cx + 134, y - 0.4, "2"),
        (cx + 100, y + 20, "3"),
        (cx - 66, y - 0.4, "4"),
    ):
        p.setBrush(order)
        p.drawEllipse(QRectF(px - 13, py - 13, 26, 26))
        text(p, QRectF(px - 13, py - 13, 26, 26), n, 14, QColor("white"), bold=True)
    text(
        p,
        QRectF(cx + 130, y + 60, 170, 70),
        "按对角顺序\n拧紧螺丝,\n贴上 F 脚垫",
        14,
        order,
        align=Qt.AlignmentFlag.AlignLeft,
    )


def install_guide() -> None:
    w, h = 960, 720
    image, p = new_image(w, h)
    accent = QColor("#2f7d5b")
    chart_frame(
        p,
        w,
        "橡木色小边几 · 安装图解",
        "约 15 分钟 · 工具已随箱附带 · 完整安装演示见商品详情页第 2 个视频",
        accent,
    )
    panels = [
        ("1", "开箱清点配件", _step1),
        ("2", "桌面朝下,装 4 条桌腿", _step2),
        ("3", "翻正,装入抽屉", _step3),
        ("4", "对角拧紧,贴脚垫", _step4),
    ]
    pw, ph = (w - 40 * 2 - 20) / 2, 250
    for i, (num, title, draw) in enumerate(panels):
        px = 40 + (i % 2) * (pw + 20)
        py = 112 + (i // 2) * (ph + 20)
        p.setPen(QPen(LINE, 1.5))
        p.setBrush(QColor("#fbfaf7"))
        p.drawRoundedRect(QRectF(px, py, pw, ph), 10, 10)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
        p.drawEllipse(QRectF(px + 14, py + 12, 34, 34))
        text(p, QRectF(px + 14, py + 12, 34, 34), num, 18, QColor("white"), bold=True)
        text(
            p,
            QRectF(px + 58, py + 12, pw - 70, 34),
            title,
            18,
            INK,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft,
        )
        p.save()
        draw(p, QRectF(px, py + 50, pw, ph - 50))
        p.restore()
    footer(p, w, h, "缺配件或孔位对不上?拍照联系客服,配件 48 小时内免费补寄。", "木几家居旗舰店")
    p.end()
    image.save(str(OUT / "install-guide-sidetable.png"), "PNG")


# --------------------------------------------------------------------------- quality report PDF


def quality_report() -> None:
    path = OUT / "quality-report-cardigan.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    writer.setTitle("针织开衫面料检测报告(示例)")
    writer.setCreator("csdesk demo")
    p = QPainter(writer)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = writer.width(), writer.height()  # device pixels at 150 dpi: about 1240 × 1754
    m = 110.0
    accent = QColor("#3d6c8e")

    # watermark
    p.save()
    p.translate(w / 2, h / 2)
    p.rotate(-30)
    text(p, QRectF(-600, -150, 1200, 300), "示 例", 220, QColor(220, 80, 80, 40), bold=True)
    p.restore()

    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(accent)
    p.drawRect(QRectF(0, 0, w, 18))
    text(p, QRectF(m, 70, w - 2 * m, 70), "纺织品检测报告(摘要)", 52, INK, bold=True)
    text(
        p,
        QRectF(m, 140, w - 2 * m, 40),
        "【示例】本报告为 csdesk 演示数据,虚构,不代表任何真实检测结果",
        24,
        QColor("#c0392b"),
        bold=True,
    )

    info = [
        ("报告编号", "DEMO-2025-TX-0386"),
        ("样品名称", "针织开衫(藏青色)"),
        ("委托单位", "栖木女装旗舰店"),
        ("样品状态", "完好,无异常"),
        ("收样日期", "2025-08-12"),
        ("检测日期", "2025-08-13 至 2025-08-19"),
    ]
    y = 220.0
    colw = (w - 2 * m) / 2
    for i, (k, val) in enumerate(info):
        x = m + (i % 2) * colw
        yy = y + (i // 2) * 52
        text(p, QRectF(x, yy, 170, 48), k + ":", 24, MUTED, align=Qt.AlignmentFlag.AlignLeft)
        text(p, QRectF(x + 170, yy, colw - 180, 48), val, 24, INK, align=Qt.AlignmentFlag.AlignLeft)
    y += 3 * 52 + 30

    rows = [
        ["纤维含量", "FZ/T 01057、GB/T 2910", "粘纤 55.2% / 锦纶 29.6% / 羊毛 15.2%", "符合标注"],
        ["抗起球(圆轨迹法)", "GB/T 4802.1", "3–4 级", "合格(≥3 级)"],
        ["耐水色牢度", "GB/T 5713", "变色 4 级 / 沾色 4 级", "合格"],
        ["耐摩擦色牢度", "GB/T 3920", "干摩 4 级 / 湿摩 3 级", "合格"],
        ["甲醛含量", "GB/T 2912.1", "未检出(检出限 20 mg/kg)", "合格"],
        ["pH 值", "GB/T 7573", "6.3", "合格"],
        ["异味", "GB 18401", "无", "合格"],
    ]
    widths = [220.0, 250.0, 410.0, 140.0]
    scale = (w - 2 * m) / sum(widths)
    widths = [x * scale for x in widths]
    y = table(
        p,
        m,
        y,
        widths,
        74,
        ["检测项目", "检测依据", "检测结果", "单项判定"],
        rows,
        accent,
        size=22,
        header_h=64,
    )

    y += 40
    text(p, QRectF(m, y, w - 2 * m, 50), "结论", 28, INK, bold=True, align=Qt.AlignmentFlag.AlignLeft)
    y += 56
    text(
        p,
        QRectF(m, y, w - 2 * m, 110),
        "所检项目符合 GB 18401-2010《国家纺织产品基本安全技术规范》B 类(直接接触皮肤)要求。"
        "抗起球等级反映规定摩擦条件下的表现,实际穿着中摩擦频繁的部位仍可能出现少量起球。",
        22,
        INK,
        align=Qt.AlignmentFlag.AlignLeft,
    )
    y += 150
    text(
        p,
        QRectF(m, y, w - 2 * m, 80),
        "客服使用提示:向客户说明检测等级和洗护方法,不承诺「不起球」「不掉色」。",
        20,
        MUTED,
        align=Qt.AlignmentFlag.AlignLeft,
    )

    p.setPen(QPen(LINE, 2))
    p.drawLine(QPointF(m, h - 130), QPointF(w - m, h - 130))
    text(p, QRectF(m, h - 120, w - 2 * m, 50), "示例文件 · 仅用于 csdesk 演示话术库 · 页 1/1", 20, MUTED)
    p.end()


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    if FAMILY not in QFontDatabase.families():
        print(
            f"font {FAMILY!r} is missing: Chinese would be drawn as boxes (apt-get install fonts-wqy-microhei)",
            file=sys.stderr,
        )
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    size_chart_dress()
    size_chart_pants()
    snack_spec()
    install_guide()
    quality_report()
    del app
    for f in sorted(OUT.iterdir()):
        print(f"{f.name:32} {f.stat().st_size / 1024:6.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
