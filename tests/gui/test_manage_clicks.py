# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""The workbench's buttons and menu actions, fired the way a person fires them (the signal, never the slot).

A slot that takes an optional argument receives the signal's ``checked`` flag where it expects a name or an id
(分类 → 改名… once did nothing but print a traceback). These tests click the real buttons.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from tests.gui.manage_helpers import bench, lib, unlocked  # noqa: F401


def _cat(lib: Any, shop_id: int, path: str) -> Any:
    return next(c for c in lib.categories(shop_id) if c.path == path)


def test_category_rename_button_renames(qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any) -> None:
    page = unlocked.categories_page
    shop = lib.shop("栖木女装旗舰店")
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    source = next(c for c in lib.categories(shop.id) if c.parent_id is None)
    page.select(source.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("改过的名字", True))
    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    assert lib.category(source.id).name == "改过的名字"


def test_category_merge_button_merges(qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any) -> None:
    page = unlocked.categories_page
    shop = lib.shop("栖木女装旗舰店")
    page.shop_combo.setCurrentIndex(page.shop_combo.findData(shop.id))
    cats = [c for c in lib.categories(shop.id) if c.parent_id is not None]
    source = next(c for c in cats if page.model.counts.get(c.id))
    target = next(c for c in cats if c.id != source.id and c.parent_id == source.parent_id)
    moved = [e.id for e in lib.entries(shop=shop.id) if e.category_id == source.id]
    page.select(source.id)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (target.path, True))
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert all(lib.get(i).category_id == target.id for i in moved)
    assert source.id not in {c.id for c in lib.categories(shop.id)}


@pytest.mark.parametrize("button", ["add_button", "add_child_button"])
def test_category_new_buttons_create(qtbot: Any, unlocked: Any, lib: Any, monkeypatch: Any, button: str) -> None:
    page = unlocked.categories_page
    page.shop_combo.setCurrentIndex(0)
    page.select(next(c for c in lib.categories(None) if c.parent_id is None).id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("点出来的", True))
    qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
    assert any(c.name == "点出来的" for c in lib.categories(None))


# ----------------------------------------------------------------------------------------------------------
# The class of bug, everywhere in the GUI: a button/action signal connected straight to a method with parameters
# ----------------------------------------------------------------------------------------------------------
_FLAG_SIGNALS = {"clicked", "triggered", "toggled"}


def _mis_wired(source: str) -> list[str]:
    """``x.clicked.connect(self.m)`` where ``m`` takes a parameter that is not the signal's own (checked / index)."""
    import ast

    found: list[str] = []
    for cls in (n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef)):
        methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
        for node in ast.walk(cls):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            signal = node.func.value
            if node.func.attr != "connect" or not isinstance(signal, ast.Attribute) or not node.args:
                continue
            slot = node.args[0]
            if signal.attr not in _FLAG_SIGNALS or not isinstance(slot, ast.Attribute):
                continue
            if not (isinstance(slot.value, ast.Name) and slot.value.id == "self" and slot.attr in methods):
                continue
            params = methods[slot.attr].args.args[1:]
            if not params:
                continue
            first = params[0].annotation
            # an item view's clicked(QModelIndex) is meant to arrive; a button's clicked(bool) only as "checked: bool"
            meant = isinstance(first, ast.Name) and (first.id == "bool" or first.id.endswith("Index"))
            if not meant or methods[slot.attr].args.defaults:
                found.append(f"{cls.name}.{slot.attr} ← {signal.attr} (line {node.lineno})")
    return found


def test_no_button_signal_lands_in_a_parameter_meant_for_something_else() -> None:
    from pathlib import Path

    import csdesk.gui

    root = Path(csdesk.gui.__file__).parent
    bad = [f"{p.relative_to(root)}: {hit}" for p in sorted(root.rglob("*.py")) for hit in _mis_wired(p.read_text())]
    assert not bad, "connect through a lambda (or a slot without parameters):\n" + "\n".join(bad)


def test_the_wiring_check_finds_the_old_category_bug() -> None:
    old = (
        "class P:\n"
        "    def __init__(self):\n"
        "        self.b.clicked.connect(self.rename)\n"
        "        self.b.toggled.connect(self.show_it)\n"
        "    def rename(self, name: str | None = None) -> bool: ...\n"
        "    def show_it(self, on: bool) -> None: ...\n"
    )
    assert _mis_wired(old) == ["P.rename ← clicked (line 3)"]
