"""Clicks aimed where a person aims them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton


def click_check_box(qtbot: Any, box: QCheckBox) -> None:
    """Click the box's indicator. ``qtbot.mouseClick(box, …)`` aims at the widget's middle, which lies past a short
    label in a wide form row, and whether it hits the label then depends on the installed fonts' widths (it missed on
    a machine without a CJK font, where the label's characters are drawn narrower)."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())
