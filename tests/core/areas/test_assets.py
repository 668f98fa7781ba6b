"""lib.assets — assets: content-addressed files, size limits, folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_assets_are_content_addressed(empty_lib: Library, tmp_path: Path) -> None:
    source = tmp_path / "chart.png"
    source.write_bytes(b"\x89PNG fake image")
    first = empty_lib.assets.add(source, folder="尺码表", title="尺码表")
    again = empty_lib.assets.add(source, folder="尺码表")
    assert again.id == first.id and again.folders == ("尺码表",)
    assert empty_lib.assets.path(first).read_bytes() == source.read_bytes()
    assert first.kind == "image"
    entry = empty_lib.create(EntryDraft(reply="尺码表发您"))
    empty_lib.assets.link(entry.id, first.id)
    assert empty_lib.get(entry.id).asset_ids == (first.id,)
    assert empty_lib.assets.unused() == []


def test_the_same_file_in_two_folders_is_one_asset_in_both(empty_lib: Library, tmp_path: Path) -> None:
    lib = empty_lib
    source = tmp_path / "chart.png"
    source.write_bytes(b"\x89PNG fake image")
    first, new = lib.assets.add_file(source, folder="尺码表", title="尺码表")
    assert new
    copy = tmp_path / "另一个名字.png"
    copy.write_bytes(source.read_bytes())
    elsewhere, new = lib.assets.add_file(copy, folder="质检报告")
    assert not new and elsewhere.id == first.id and elsewhere.folders == ("尺码表", "质检报告")
    assert (
        [a.id for a in lib.assets.all("尺码表")] == [a.id for a in lib.assets.all("质检报告")] == [first.id]
    )
    assert len(lib.assets.all()) == 1 and len(list(lib.layout.assets.rglob("*.png"))) == 1
    lib.assets.remove_from_folder(first.id, "尺码表")
    assert lib.assets.all("尺码表") == [] and lib.assets.get(first.id).folder == "质检报告"
    lib.assets.remove_folder("尺码表")  # empty now
    moved = lib.assets.update(first.id, folder="安装视频")
    assert moved.folders == ("安装视频",)
    assert lib.assets.update(first.id, folders=["质检报告", "尺码表"]).folders == ("质检报告", "尺码表")
    with pytest.raises(ValidationError, match="还有素材"):
        lib.assets.remove_folder("尺码表")
    lib.assets.update(first.id, folder="")
    assert [a.id for a in lib.assets.all("")] == [first.id] and lib.assets.get(first.id).folder == ""


def test_asset_size_limit(empty_lib: Library, tmp_path: Path) -> None:
    empty_lib.set_setting("max_asset_bytes", 10)
    big = tmp_path / "video.mp4"
    big.write_bytes(b"0" * 100)
    with pytest.raises(ValidationError, match="上限"):
        empty_lib.assets.add(big)
    assert empty_lib.assets.all() == []


def test_asset_folders_rename_and_remove(empty_lib: Library, tmp_path: Path) -> None:
    lib = empty_lib
    lib.assets.add_folder("质检")
    source = tmp_path / "r.pdf"
    source.write_bytes(b"%PDF")
    asset = lib.assets.add(source, folder="质检")
    lib.assets.rename_folder("质检", "质检报告2")
    assert "质检报告2" in lib.assets.folders() and "质检" not in lib.assets.folders()
    assert lib.assets.get(asset.id).folder == "质检报告2"
    with pytest.raises(ValidationError):
        lib.assets.remove_folder("质检报告2")
    lib.assets.update(asset.id, folder="")
    position = lib.assets.folder_position("质检报告2")
    lib.assets.remove_folder("质检报告2")
    assert "质检报告2" not in lib.assets.folders()
    lib.assets.add_folder("质检报告2", position=position)
    assert lib.assets.folder_position("质检报告2") == position
