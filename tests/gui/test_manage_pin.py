# ruff: noqa: F811  (pytest fixtures imported from manage_helpers are used as parameters)
"""Supervisor mode: PIN set on first use, slowed-down wrong attempts, idle lock, PIN change, no clear text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from csdesk.core import pin as pin_mod
from csdesk.core.errors import PermissionDeniedError, ValidationError
from csdesk.gui.manage.supervisor import PinDialog, SupervisorSession
from tests.gui.manage_helpers import TEST_PIN, bench, lib, unlocked  # noqa: F401


def make_session(lib: Any, settings: Any) -> tuple[SupervisorSession, list[float]]:
    now = [1000.0]
    return SupervisorSession(lib, settings, clock=lambda: now[0]), now


def test_first_use_sets_the_pin_and_unlocks(qtbot: Any, lib: Any, settings: Any) -> None:
    session, _now = make_session(lib, settings)
    assert not session.has_pin() and not session.is_unlocked
    with pytest.raises(ValidationError):
        session.set_initial_pin("12")
    with qtbot.waitSignal(session.unlocked):
        session.set_initial_pin(TEST_PIN)
    assert session.is_unlocked and session.has_pin()
    with pytest.raises(PermissionDeniedError):
        session.set_initial_pin("9999")  # a second "first" PIN would bypass the old one
    session.shutdown()


def test_wrong_pin_delay_grows_and_early_attempts_are_refused(qtbot: Any, lib: Any, settings: Any) -> None:
    session, now = make_session(lib, settings)
    session.set_initial_pin(TEST_PIN)
    session.lock()
    waits = []
    for _ in range(3):
        result = session.unlock("0000")
        assert not result.ok
        waits.append(result.wait_seconds)
        early = session.unlock(TEST_PIN)  # right PIN, but too early
        assert early.refused and not session.is_unlocked
        now[0] += result.wait_seconds
    assert waits == [1, 2, 4]
    assert session.unlock(TEST_PIN).ok and session.is_unlocked
    assert session.throttle.failures == 0
    session.shutdown()


def test_dialog_says_how_long_to_wait(qtbot: Any, lib: Any, settings: Any) -> None:
    session, _now = make_session(lib, settings)
    session.set_initial_pin(TEST_PIN)
    session.lock()
    dialog = PinDialog(session, "unlock")
    qtbot.addWidget(dialog)
    dialog.old_edit.setText("1111")
    dialog.submit()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "1" in dialog.message.text() and "秒" in dialog.message.text()
    assert not session.is_unlocked
    session.shutdown()


def test_set_dialog_needs_matching_confirmation(qtbot: Any, lib: Any, settings: Any) -> None:
    session, _now = make_session(lib, settings)
    dialog = PinDialog(session, "set")
    qtbot.addWidget(dialog)
    dialog.new_edit.setText("1357")
    dialog.confirm_edit.setText("1358")
    dialog.submit()
    assert not session.has_pin() and dialog.message.text()
    dialog.confirm_edit.setText("1357")
    dialog.submit()
    assert session.is_unlocked and pin_mod.check_pin(lib, "1357")
    session.shutdown()


def test_locks_after_idle_time(qtbot: Any, lib: Any, settings: Any) -> None:
    session, _now = make_session(lib, settings)
    session.set_initial_pin(TEST_PIN)
    session.set_idle_interval_ms(50)
    with qtbot.waitSignal(session.locked, timeout=5000):
        pass
    assert not session.is_unlocked
    session.shutdown()


def test_idle_minutes_come_from_the_settings(lib: Any, settings: Any) -> None:
    session, _now = make_session(lib, settings)
    settings.set("supervisor_idle_minutes", 3)
    assert session.idle_interval_ms() == 180_000
    settings.set("supervisor_idle_minutes", 0)
    session.set_initial_pin(TEST_PIN)
    assert not session._idle.isActive()  # 0: never lock on idle
    session.shutdown()


def test_change_pin_needs_the_old_one(qtbot: Any, lib: Any, settings: Any) -> None:
    session, now = make_session(lib, settings)
    session.set_initial_pin(TEST_PIN)
    wrong = session.change_pin("000000", "8642")
    assert not wrong.ok and pin_mod.check_pin(lib, TEST_PIN)
    now[0] += wrong.wait_seconds
    assert session.change_pin(TEST_PIN, "8642").ok
    assert pin_mod.check_pin(lib, "8642") and not pin_mod.check_pin(lib, TEST_PIN)
    dialog = PinDialog(session, "change")
    qtbot.addWidget(dialog)
    dialog.old_edit.setText("8642")
    dialog.new_edit.setText("97531")
    dialog.confirm_edit.setText("97531")
    dialog.submit()
    assert pin_mod.check_pin(lib, "97531")
    session.shutdown()


def test_pin_never_in_clear_text(qtbot: Any, bench: Any, lib: Any, settings: Any, tmp_path: Path) -> None:
    secret = "75310864"
    bench.session.set_initial_pin(secret)
    bench.session.lock()
    assert bench.session.unlock(secret).ok
    settings.sync()
    lib.close()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    for path in files:
        assert secret.encode() not in path.read_bytes(), path


def test_workbench_lock_button_and_editability(qtbot: Any, unlocked: Any) -> None:
    bench = unlocked
    assert bench.categories_page.add_button.isEnabled()
    bench.lock_button.click()
    assert not bench.session.is_unlocked
    assert not bench.categories_page.add_button.isEnabled()
    assert not bench.shops_page.add_button.isEnabled()
    for page in bench.extra_pages.values():
        assert hasattr(page, "set_editable")


def test_wrong_pin_wait_survives_a_restart(qtbot: Any, tmp_path: Path, settings: Any) -> None:
    """Closing and reopening the app must not reset the delay: it lives in the library's settings."""
    from csdesk.core.library import Library

    home = tmp_path / "restart-home"
    now = [5000.0]
    first_lib = Library.open(home, demo=False)
    first = SupervisorSession(first_lib, settings, clock=lambda: now[0])
    first.set_initial_pin(TEST_PIN)
    first.lock()
    for _ in range(4):
        now[0] += first.throttle.remaining()
        assert not first.unlock("0000").ok
    first.shutdown()
    first_lib.close()

    again_lib = Library.open(home, demo=False)
    again = SupervisorSession(again_lib, settings, clock=lambda: now[0])
    assert again.throttle.failures == 4 and again.throttle.remaining() == 8.0
    assert again.unlock(TEST_PIN).refused and not again.is_unlocked
    dialog = PinDialog(again, "unlock")
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "8" in dialog.message.text()
    now[0] += 8
    assert again.unlock(TEST_PIN).ok
    again.shutdown()
    again_lib.close()
