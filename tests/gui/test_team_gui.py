"""The team library in the GUI: the main window follows the team folder, the settings dialog refuses a folder it
cannot read, the supervisor publishes from the workbench."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from csdesk import team
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
from csdesk.gui.mainwindow import MainWindow
from csdesk.gui.settings import Settings
from csdesk.gui.settingsdialog import SettingsDialog
from csdesk.gui.teamlibrary import PublishDialog, folder_problem
from csdesk.gui.workers import wait_for_all

TEAM_TITLE = "团队统一欢迎语"


@pytest.fixture(autouse=True)
def _chinese_ui(qapp: QApplication) -> Iterator[None]:
    """Messages from the core in the UI's language (the app sets it at start from the settings)."""
    before = qapp.property("csdesk_language")
    qapp.setProperty("csdesk_language", "zh_CN")
    yield
    qapp.setProperty("csdesk_language", before)


@pytest.fixture
def supervisor_lib(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "supervisor", demo=False)
    lib.set_setting("agent_name", "主管")
    lib.create(EntryDraft(reply="亲,欢迎光临,有什么可以帮您?", title=TEAM_TITLE, code="tyhy"))
    lib.create(EntryDraft(reply="主管的私人草稿", title="主管私人", origin="personal"))
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def agent_lib(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "agent", demo=False)
    lib.create(EntryDraft(reply="我自己的开场白", title="我的开场白", code="wd", origin="personal"))
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def window(agent_lib: Library, settings: Settings, qtbot: Any) -> Iterator[MainWindow]:
    settings.set("close_to_tray", False)
    # closed below, before the library closes (qtbot would close it later than that)
    win = MainWindow(agent_lib, settings)
    win.show()
    qtbot.waitUntil(win.workspace.wait_idle)
    yield win
    wait_check(qtbot, win)
    qtbot.waitUntil(win.workspace.wait_idle)  # a refresh after the update: done before the library closes
    win.shutdown()
    win.close()
    assert wait_for_all(10000)
    win.deleteLater()


def titles(lib: Library) -> set[str]:
    return {e.title for e in lib.entries.all()}


def wait_check(qtbot: Any, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.team.busy, timeout=10000)


def test_main_window_applies_a_new_team_version(
    supervisor_lib: Library, agent_lib: Library, window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    assert team.publish(supervisor_lib, share) == 1
    assert not window.check_team_library()  # no folder set: nothing to do
    personal = next(e for e in agent_lib.entries.all() if e.title == "我的开场白")

    agent_lib.set_setting("team_folder", str(share))  # a new folder is checked at once
    window.check_team_library()  # never a second check while one runs
    wait_check(qtbot, window)
    qtbot.waitUntil(lambda: TEAM_TITLE in titles(agent_lib))

    assert agent_lib.setting("team_version") == 1
    assert "主管私人" not in titles(agent_lib)
    assert (
        agent_lib.get(personal.id).reply == "我自己的开场白" and agent_lib.get(personal.id).deleted_at is None
    )
    assert window.team_toast is not None
    # who published it and what changed, by title
    assert (
        window.team_toast.label.text()
        == f"团队话术库已更新到第 1 版\n发布人:主管\n新增 1 条:「{TEAM_TITLE}」"
    )
    assert window.statusBar().currentMessage().startswith("团队话术库已更新到第 1 版")
    assert not window.team_label.isVisible()
    # the models refresh through the library's listeners
    qtbot.waitUntil(lambda: window.count_label.text() == f"共 {agent_lib.entries.count()} 条话术")
    window.workspace.set_query("团队统一")
    qtbot.waitUntil(
        lambda: (
            window.workspace.wait_idle()
            and any(h.entry.title == TEAM_TITLE for h in window.workspace.result_model.hits())
        ),
        timeout=5000,
    )
    if window.manage is not None:
        model = window.manage.entries_page.model  # type: ignore[attr-defined]
        team_entry = next(e for e in agent_lib.entries.all() if e.title == TEAM_TITLE)
        qtbot.waitUntil(lambda: model.row_of(team_entry.id) is not None)

    # nothing new: a quiet check
    assert window.check_team_library()
    wait_check(qtbot, window)
    assert agent_lib.setting("team_version") == 1


def test_damaged_bundle_warns_and_changes_nothing(
    supervisor_lib: Library, agent_lib: Library, window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    team.publish(supervisor_lib, share)
    bundle = share / team.BUNDLE_NAME
    good = bundle.read_bytes()
    bundle.write_bytes(good[: len(good) // 2])  # a copy still in progress
    before = titles(agent_lib)
    agent_lib.set_setting("team_folder", str(share))
    wait_check(qtbot, window)
    qtbot.waitUntil(window.team_label.isVisible)
    assert "没有复制完整" in window.team_label.toolTip()
    assert "没有复制完整" in window.statusBar().currentMessage()
    assert titles(agent_lib) == before and agent_lib.setting("team_version") is None
    assert window.team_toast is None

    bundle.write_bytes(good)  # the copy finished: the next check applies it
    assert window.check_team_library()
    wait_check(qtbot, window)
    qtbot.waitUntil(lambda: TEAM_TITLE in titles(agent_lib))
    assert agent_lib.setting("team_version") == 1
    assert not window.team_label.isVisible()


def test_missing_folder_warns(agent_lib: Library, window: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    agent_lib.set_setting("team_folder", str(tmp_path / "unplugged-share"))
    wait_check(qtbot, window)
    qtbot.waitUntil(window.team_label.isVisible)
    assert "不存在" in window.team_label.toolTip()


def test_settings_dialog_refuses_a_missing_folder(
    agent_lib: Library, settings: Settings, qtbot: Any, tmp_path: Path
) -> None:
    dialog = SettingsDialog(agent_lib, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    missing = tmp_path / "no-such-share"
    dialog.team_folder.setText(str(missing))
    dialog.agent_name.setText("小李")
    dialog.accept()
    assert dialog.isVisible()  # not closed
    assert dialog.team_status.isVisible() and "不存在" in dialog.team_status.text()
    assert (
        agent_lib.setting("team_folder") is None and agent_lib.setting("agent_name") is None
    )  # nothing saved

    share = tmp_path / "share"
    share.mkdir()
    assert dialog.team_version.text() == "还没有应用过团队话术库。"
    dialog.team_folder.setText(str(share))
    dialog.accept()
    assert not dialog.isVisible()
    assert agent_lib.setting("team_folder") == str(share) and agent_lib.setting("agent_name") == "小李"


def test_folder_problem(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert folder_problem("") == ""
    assert folder_problem(str(tmp_path)) == ""
    assert "不存在" in folder_problem(str(tmp_path / "a-file"))
    assert "不存在" in folder_problem(str(tmp_path / "missing"))


def test_check_now_from_the_settings_dialog(
    supervisor_lib: Library, agent_lib: Library, window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    team.publish(supervisor_lib, share)
    dialog = SettingsDialog(agent_lib, window.settings, team=window.team, parent=window)
    dialog.team_folder.setText(str(share))
    assert dialog.check_team_now()
    wait_check(qtbot, window)
    qtbot.waitUntil(lambda: dialog.team_status.text().startswith("团队话术库已更新到第 1 版\n发布人:主管"))
    assert dialog.team_version.text() == "当前团队版本:第 1 版"
    assert agent_lib.setting("team_folder") == str(share)


def test_publish_from_the_workbench(supervisor_lib: Library, qtbot: Any, tmp_path: Path) -> None:
    from csdesk.gui.manage.workbench import ManageWorkbench

    settings = Settings(QSettings(str(tmp_path / "bench.ini"), QSettings.Format.IniFormat))
    bench = ManageWorkbench(supervisor_lib, settings)
    qtbot.addWidget(bench)
    try:
        assert (
            not bench.publish_action.isEnabled() and bench.publish_dialog() is None
        )  # agents cannot publish
        bench.session.set_initial_pin("246813")
        assert bench.publish_action.isEnabled()
        share = tmp_path / "share"
        supervisor_lib.set_setting("team_folder", str(share))
        supervisor_lib.shops.add("小馋猫零食铺")
        supervisor_lib.create(EntryDraft(reply="零食店的话", title="零食店", shop="小馋猫零食铺"))

        dialog = bench.publish_dialog()
        assert isinstance(dialog, PublishDialog)
        qtbot.addWidget(dialog)
        assert dialog.folder_edit.text() == str(share)  # the team folder by default
        assert dialog.selected_shops() == [s.name for s in supervisor_lib.shops.all()]  # all shops by default
        assert dialog.publish()
        qtbot.waitUntil(lambda: dialog.status_label.text() == "已发布第 1 版", timeout=10000)
        info = json.loads((share / team.VERSION_NAME).read_text(encoding="utf-8"))
        assert info["version"] == 1 and info["shops"] is None
        # the supervisor's own app does not import its own publication back
        assert supervisor_lib.setting("team_version") == 1

        # some shops, to another folder
        other = tmp_path / "other-share"
        dialog.folder_edit.setText(str(other))
        dialog.shop_list.item(0).setCheckState(Qt.CheckState.Unchecked)  # 通用
        assert dialog.selected_shops() == ["小馋猫零食铺"]
        assert dialog.publish()
        qtbot.waitUntil(lambda: dialog.status_label.text() == "已发布第 1 版", timeout=10000)
        info = json.loads((other / team.VERSION_NAME).read_text(encoding="utf-8"))
        assert info["shops"] == ["小馋猫零食铺"]
        assert supervisor_lib.setting("team_version") == 1  # not its team folder: unchanged

        dialog.shop_list.item(1).setCheckState(Qt.CheckState.Unchecked)
        assert not dialog.publish()
        assert dialog.status_label.text() == "请至少选择一个店铺。"
    finally:
        bench.shutdown()


def test_update_notice_names_a_code_clash(
    supervisor_lib: Library, agent_lib: Library, window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    team.publish(supervisor_lib, share)
    mine = agent_lib.create(EntryDraft(reply="我的欢迎", title="我的欢迎语", code="tyhy", origin="personal"))
    agent_lib.update(mine.id, reply="我改过的欢迎")  # edited: the agent chooses (a never-edited one yields)
    agent_lib.set_setting("team_folder", str(share))
    wait_check(qtbot, window)
    qtbot.waitUntil(lambda: window.team_toast is not None)
    assert window.team_toast is not None
    text = window.team_toast.label.text()
    assert text.startswith("团队话术库已更新到第 1 版\n发布人:主管\n新增 1 条:")
    assert "有 1 条需要注意:" in text and "快捷编码「tyhy」" in text and "我的欢迎语" in text
    team_entry = next(e for e in agent_lib.entries.all() if e.title == TEAM_TITLE)
    assert team_entry.code == ""
    # the agent sees both and chooses once
    dialog = window.team.clash_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.buttons[("tyhy", "team")], Qt.MouseButton.LeftButton)
    assert agent_lib.get(team_entry.id).code == "tyhy" and agent_lib.get(mine.id).code == ""
    assert not dialog.buttons[("tyhy", "mine")].isEnabled()
    dialog.close()
