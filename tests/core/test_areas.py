"""The library's shape: one door, one object per area, areas that do not import each other, old names that warn."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import csdesk.core.areas as areas_pkg
from csdesk.core.areas.base import Area
from csdesk.core.library import CsdeskDeprecationWarning, Library

AREAS_DIR = Path(areas_pkg.__file__).parent
AREA_NAMES = ("shops", "categories", "entries", "variants", "examples", "assets", "tags", "customers", "rules",
              "placeholders", "sops", "usage", "index", "health")  # fmt: skip


def test_every_area_is_an_object_of_its_own_module(empty_lib: Library) -> None:
    for name in AREA_NAMES:
        area = getattr(empty_lib, name)
        assert isinstance(area, Area)
        assert type(area).__module__ == f"csdesk.core.areas.{name}"


def test_areas_reach_each_other_only_through_the_library() -> None:
    """An area module imports base and the private helpers (_common, _bulk …), never another area: the arrows stay
    few and visible."""
    offenders = []
    for path in AREAS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("csdesk.core.areas.")
            ) and not (
                node.module.rsplit(".", 1)[1] == "base" or node.module.rsplit(".", 1)[1].startswith("_")
            ):
                offenders.append(f"{path.name}: {node.module}")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("csdesk.formats"):
                offenders.append(f"{path.name}: {node.module}")
    assert offenders == []


def test_library_module_stays_a_door() -> None:
    """The façade holds the door and the verbs, not the areas' work (it was 2,700 lines)."""
    lines = (AREAS_DIR.parent / "library.py").read_text(encoding="utf-8").count("\n")
    assert lines < 500
    assert max(p.read_text(encoding="utf-8").count("\n") for p in AREAS_DIR.glob("*.py")) < 700


def test_flat_names_of_01_still_work_with_a_warning(empty_lib: Library) -> None:
    with pytest.warns(CsdeskDeprecationWarning, match=r"add_shop.*shops\.add"):
        shop = empty_lib.add_shop("旧名店", "淘宝")  # type: ignore[attr-defined]
    assert empty_lib.shops.get("旧名店") == shop
    with pytest.warns(CsdeskDeprecationWarning):
        assert empty_lib.index_is_current()  # type: ignore[attr-defined]
    with pytest.warns(CsdeskDeprecationWarning):
        assert empty_lib.shared_shop.is_shared  # type: ignore[attr-defined]


def test_unknown_names_are_still_attribute_errors(empty_lib: Library) -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        empty_lib.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_doors_and_areas_agree(empty_lib: Library) -> None:
    from csdesk.core.models import EntryDraft

    entry = empty_lib.create(EntryDraft(reply="您好,今天发货。", question="什么时候发货", code="fh"))
    assert empty_lib.get(entry.id) == empty_lib.entries.get(entry.id)
    assert empty_lib.find("fh").id == entry.id
    assert [h.entry_id for h in empty_lib.search("发货")] == [
        h.entry_id for h in empty_lib.index.search("发货")
    ]
    empty_lib.delete(entry.id)
    assert [e.id for e in empty_lib.entries.trash()] == [entry.id]
