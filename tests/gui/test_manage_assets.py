"""The supervisor's asset page: import with dedup and size limit, drops, links, unused list, delete, read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QMessageBox

from csdesk.core.library import Library
from csdesk.gui.manage import assets_page as assets_module
from csdesk.gui.manage import page_support
from csdesk.gui.manage.assets_page import ALL_ASSETS, UNUSED_ASSETS, AssetsPage
from csdesk.gui.manage.page_support import EntryPickerDialog
from tests.gui.manage_helpers import page_fixtures

lib, errors, page = page_fixtures(AssetsPage, assets_module, page_support, size=(1100, 700))


def make_png(path: Path, color: str = "red", size: int = 40) -> Path:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(color)
    assert image.save(str(path))
    return path


def select_folder(page: AssetsPage, key: str) -> None:
    page.folder_view.setCurrentIndex(page.folder_model.index(page.folder_model.row_of(key), 0))


def add_and_wait(qtbot, page: AssetsPage, paths: list[Path]):
    with qtbot.waitSignal(page.import_finished, timeout=10000) as blocker:
        page.add_files(paths)
    return blocker.args[0]


def test_import_duplicate_is_stored_once(qtbot, page: AssetsPage, lib: Library, tmp_path: Path) -> None:
    select_folder(page, "尺码表")
    png = make_png(tmp_path / "chart.png")
    before = len(lib.assets.all())
    result = add_and_wait(qtbot, page, [png])
    assert len(result.added) == 1
    assert len(lib.assets.all()) == before + 1
    assert lib.assets.all("尺码表")[-1].folder == "尺码表"
    copy = tmp_path / "copy-of-chart.png"
    copy.write_bytes(png.read_bytes())
    result = add_and_wait(qtbot, page, [copy])
    assert result.added == [] and len(result.duplicates) == 1
    assert len(lib.assets.all()) == before + 1
    assert "已存在" in page.status.text() and "未重复保存" in page.status.text()
    # one stored file for the content
    stored = [p for p in lib.layout.assets.rglob("*.png") if p.read_bytes() == png.read_bytes()]
    assert len(stored) == 1
    qtbot.waitUntil(lambda: page.asset_model.rowCount() == len(lib.assets.all("尺码表")))


def test_oversized_file_is_refused_with_a_message(
    qtbot, page: AssetsPage, lib: Library, tmp_path: Path, errors: list[str]
) -> None:
    lib.set_setting("max_asset_bytes", 1000)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"x" * 5000)
    before = len(lib.assets.all())
    result = add_and_wait(qtbot, page, [big])
    assert result.added == [] and len(result.errors) == 1
    assert len(lib.assets.all()) == before
    assert errors and "超过素材大小上限" in errors[0]
    assert "5 KB" in errors[0] and "1000 B" in errors[0] and "0.0 MB" not in errors[0]
    assert page.undo_stack.count() == 0


def test_size_limit_message_reads_well_below_one_mb(lib: Library, tmp_path: Path) -> None:
    from csdesk.core.assetstore import human_size
    from csdesk.core.errors import ValidationError

    assert [human_size(n) for n in (512, 300 * 1024, 20 * 1048576)] == ["512 B", "300 KB", "20.0 MB"]
    lib.set_setting("max_asset_bytes", 300 * 1024)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"x" * (600 * 1024))
    with pytest.raises(ValidationError) as caught:
        lib.assets.add(big)
    assert "600 KB" in caught.value.message and "上限 300 KB" in caught.value.message
    assert "over the 300 KB asset limit" in caught.value.english


def test_drop_files_adds_them_and_undo_removes(qtbot, page: AssetsPage, lib: Library, tmp_path: Path) -> None:
    select_folder(page, "质检报告")
    files = [make_png(tmp_path / "a.png", "blue"), make_png(tmp_path / "b.png", "green")]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    before = len(lib.assets.all("质检报告"))
    with qtbot.waitSignal(page.import_finished, timeout=10000):
        page.dropEvent(event)
    assert len(lib.assets.all("质检报告")) == before + 2
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert len(lib.assets.all("质检报告")) == before
    page.undo_stack.redo()
    assert len(lib.assets.all("质检报告")) == before + 2


def test_read_only_refuses_drops_and_disables_buttons(
    qtbot, page: AssetsPage, lib: Library, tmp_path: Path
) -> None:
    page.set_editable(False)
    assert not page.add_button.isEnabled()
    assert not page.delete_button.isEnabled()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(make_png(tmp_path / "c.png")))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    before = len(lib.assets.all())
    page.dropEvent(event)
    assert not event.isAccepted()
    page.add_files([tmp_path / "c.png"])
    assert len(lib.assets.all()) == before
    index = page.asset_model.index(0, 0)
    assert not page.asset_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not page.asset_model.setData(index, "新名字")


def test_link_unlink_and_unused(
    qtbot, page: AssetsPage, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    unused_before = {a.id for a in lib.assets.unused()}
    target = next(a for a in lib.assets.all() if a.id not in unused_before)
    # unlink every entry of the target: it becomes unused
    linked = lib.assets.entries_using(target.id)
    page.select_asset(target.id)
    assert page.linked_model.rowCount() == len(linked)
    for _ in linked:
        page.linked_view.setCurrentIndex(page.linked_model.index(0, 0))
        assert page.unlink_current()
        remaining = len(lib.assets.entries_using(target.id))
        qtbot.waitUntil(lambda n=remaining: page.linked_model.rowCount() == n)
    assert target.id in {a.id for a in lib.assets.unused()}
    select_folder(page, UNUSED_ASSETS)
    qtbot.waitUntil(lambda: page.asset_model.row_of(target.id) >= 0)

    entry = lib.search("尺码")[0].entry
    monkeypatch.setattr(EntryPickerDialog, "pick", staticmethod(lambda *a, **k: entry.id))
    page.select_asset(target.id)
    assert page.link_selected()
    assert entry.id in lib.assets.entries_using(target.id)
    assert target.id not in {a.id for a in lib.assets.unused()}
    page.undo_stack.undo()
    assert entry.id not in lib.assets.entries_using(target.id)


def test_rename_move_and_delete_with_undo(
    qtbot, page: AssetsPage, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_folder(page, ALL_ASSETS)
    asset = lib.assets.all("尺码表")[0]
    linked = lib.assets.entries_using(asset.id)
    assert linked
    page.select_asset(asset.id)
    assert page.asset_model.setData(page.asset_model.index(page.asset_model.row_of(asset.id), 0), "新尺码表")
    assert lib.assets.get(asset.id).title == "新尺码表"
    assert page.move_selected_to("质检报告")
    assert lib.assets.get(asset.id).folder == "质检报告"

    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.waitUntil(lambda: page.asset_model.row_of(asset.id) >= 0)
    page.select_asset(asset.id)
    assert page.delete_selected()
    assert f"被 {len(linked)} 个条目使用" in asked[0]
    assert asset.id not in {a.id for a in lib.assets.all()}
    page.undo_stack.undo()  # delete
    restored = lib.assets.get(asset.id)
    assert restored.title == "新尺码表" and lib.assets.path(restored).exists()
    assert sorted(lib.assets.entries_using(asset.id)) == sorted(linked)
    page.undo_stack.undo()  # move
    page.undo_stack.undo()  # rename
    assert lib.assets.get(asset.id).title == asset.title and lib.assets.get(asset.id).folder == "尺码表"


def test_delete_cancelled_changes_nothing(
    page: AssetsPage, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    asset = lib.assets.all()[0]
    page.select_asset(asset.id)
    assert not page.delete_selected()
    assert lib.assets.get(asset.id).deleted_at is None
    assert page.undo_stack.count() == 0


def test_new_folder(page: AssetsPage, lib: Library, errors: list[str]) -> None:
    assert page.create_folder("好评返图")
    assert "好评返图" in lib.assets.folders()
    assert page.current_folder() == "好评返图"
    assert not page.create_folder("a/b")
    assert errors


def test_thumbnails_arrive(qtbot, page: AssetsPage, lib: Library) -> None:
    page.show()
    image_assets = [a for a in lib.assets.all() if a.kind == "image"]
    assert image_assets
    for row in range(page.asset_model.rowCount()):
        page.asset_model.data(page.asset_model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: all(a.sha256 in page.thumbnails._cache for a in image_assets), timeout=10000)
    assert not page.thumbnails.is_pending()


def test_models(qtmodeltester, page: AssetsPage, lib: Library) -> None:
    qtmodeltester.check(page.folder_model)
    qtmodeltester.check(page.asset_model)
    page.select_asset(lib.assets.all("尺码表")[0].id)
    qtmodeltester.check(page.linked_model)


def test_redo_of_an_import_needs_no_original_file(
    qtbot, page: AssetsPage, lib: Library, tmp_path: Path
) -> None:
    """The content is in the asset store (and kept aside on undo): a moved or deleted source file does not matter."""
    select_folder(page, "尺码表")
    png = make_png(tmp_path / "only-once.png", "purple", 24)
    content = png.read_bytes()
    result = add_and_wait(qtbot, page, [png])
    asset = result.added[0][0]
    png.unlink()  # the supervisor tidied the downloads folder
    page.undo_stack.undo()
    assert asset.id not in {a.id for a in lib.assets.all()}
    assert not lib.assets.path(asset).exists()  # the store's only copy went with the undo
    page.undo_stack.redo()
    back = lib.assets.get(asset.id)  # same id: later commands (rename, links) still find it
    assert (back.folder, back.title) == ("尺码表", asset.title)
    assert lib.assets.path(back).read_bytes() == content


def test_folder_create_rename_remove_are_undoable(page: AssetsPage, lib: Library, errors: list[str]) -> None:
    assert page.create_folder("好评返图")
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert "好评返图" not in lib.assets.folders()
    page.undo_stack.redo()
    assert "好评返图" in lib.assets.folders()
    assert page.create_folder("好评返图") and page.undo_stack.count() == 1  # exists: selected, nothing pushed

    chart = lib.assets.all("尺码表")[0]
    assert page.rename_folder("尺码表", "尺码对照表")
    assert "尺码表" not in lib.assets.folders() and lib.assets.get(chart.id).folder == "尺码对照表"
    assert page.current_folder() == "尺码对照表"
    page.undo_stack.undo()
    assert lib.assets.get(chart.id).folder == "尺码表" and "尺码对照表" not in lib.assets.folders()
    assert not page.rename_folder("尺码表", "安装视频")  # taken: refused with a message
    assert errors

    assert not page.remove_folder("尺码表")  # still holds assets
    assert "尺码表" in lib.assets.folders()
    order = lib.assets.folders()
    assert page.remove_folder("好评返图")
    assert "好评返图" not in lib.assets.folders()
    page.undo_stack.undo()
    assert lib.assets.folders() == order  # back in its place


def test_folder_edits_are_refused_when_read_only(page: AssetsPage, lib: Library) -> None:
    page.set_editable(False)
    assert not page.create_folder("不许建")
    assert not page.rename_folder("尺码表", "不许改")
    assert not page.remove_folder("尺码表")
    assert "不许建" not in lib.assets.folders() and "尺码表" in lib.assets.folders()


def test_undo_delete_puts_the_asset_back_in_its_place_among_the_entrys_assets(
    page: AssetsPage, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    asset = lib.assets.all("尺码表")[0]
    entry_id = lib.assets.entries_using(asset.id)[0]
    for other in lib.assets.all():
        if other.id not in lib.get(entry_id).asset_ids:
            lib.assets.link(entry_id, other.id)
    order = list(lib.get(entry_id).asset_ids)
    lib.assets.link(entry_id, order[-1], position=0)  # the asset is now in the middle, not first or last
    lib.assets.link(entry_id, order[-2], position=0)
    order = list(lib.get(entry_id).asset_ids)
    assert len(order) >= 3 and 0 < order.index(asset.id) < len(order) - 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    select_folder(page, ALL_ASSETS)
    page.select_asset(asset.id)
    assert page.delete_selected()
    assert asset.id not in lib.get(entry_id).asset_ids
    page.undo_stack.undo()
    assert list(lib.get(entry_id).asset_ids) == order
    page.undo_stack.redo()
    page.undo_stack.undo()
    assert list(lib.get(entry_id).asset_ids) == order


def _drop(qtbot, page: AssetsPage, files: list[Path]):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(page.import_finished, timeout=10000) as blocker:
        page.dropEvent(event)
    return blocker.args[0]


def test_the_same_file_dropped_into_a_second_folder_is_one_asset_in_both(
    qtbot, page: AssetsPage, lib: Library, tmp_path: Path
) -> None:
    select_folder(page, "尺码表")
    png = make_png(tmp_path / "chart.png", "purple")
    ((asset, _path),) = _drop(qtbot, page, [png]).added
    copy = tmp_path / "同一张图.png"
    copy.write_bytes(png.read_bytes())
    before = len(lib.assets.all())
    steps = page.undo_stack.count()
    select_folder(page, "质检报告")
    result = _drop(qtbot, page, [copy])
    assert result.added == [] and [a.id for _p, a in result.linked] == [asset.id]
    assert len(lib.assets.all()) == before  # no second asset, no second file
    assert lib.assets.get(asset.id).folders == ("尺码表", "质检报告")
    assert "没有另存一份" in page.status.text() and "尺码表" in page.status.text()
    assert asset.id in {a.id for a in lib.assets.all("质检报告")}
    page.folder_model.refresh()
    shown = {
        page.folder_model.key(r): page.folder_model.index(r, 0).data()
        for r in range(page.folder_model.rowCount())
    }
    for folder in ("尺码表", "质检报告"):  # the asset counts in each of its folders
        assert shown[folder] == f"{folder}  ({len(lib.assets.all(folder))})"
    assert page.undo_stack.count() == steps + 1
    page.undo_stack.undo()
    assert lib.assets.get(asset.id).folders == ("尺码表",) and len(lib.assets.all()) == before
    page.undo_stack.redo()
    assert lib.assets.get(asset.id).folders == ("尺码表", "质检报告")
