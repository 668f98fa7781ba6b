"""The supervisor PIN outside the GUI: commands that change the library or the team folder ask for it.

The GUI unlocks a :class:`~csdesk.gui.manage.supervisor.SupervisorSession`; a command line has no session, so each
changing command calls :func:`require_supervisor` once. The PIN comes from ``CSDESK_PIN`` (scripts) or from the
``ask`` callback (the CLI's getpass prompt). Wrong PINs go through the same :class:`~csdesk.core.pin.PinThrottle`
the GUI uses, stored in the library, so the wait after a wrong PIN is the same on both and survives a restart: a
script cannot guess faster than a person at the lock dialog.

A library without a PIN stays open, as in the GUI. Reading never asks.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

from csdesk.core import pin as pin_mod
from csdesk.core.errors import PermissionDeniedError

__all__ = ["PIN_ENV", "require_supervisor"]

PIN_ENV = "CSDESK_PIN"


def _too_early(wait: float) -> PermissionDeniedError:
    seconds = math.ceil(wait)
    return PermissionDeniedError(
        f"主管 PIN 输错次数过多,请 {seconds} 秒后再试。",
        f"Too many wrong supervisor PINs; try again in {seconds} second{'' if seconds == 1 else 's'}.",
    )


def require_supervisor(
    lib: pin_mod.SettingStore,
    *,
    what: tuple[str, str],
    ask: Callable[[], str] | None = None,
    environ: dict[str, str] | None = None,
    clock: Callable[[], float] = time.time,
) -> None:
    """Return when the library has no PIN or the right PIN was given; else :class:`PermissionDeniedError`.

    ``what`` names the action (Chinese, English) for the message. ``ask`` is called when ``CSDESK_PIN`` is not set
    (None: no way to ask, e.g. stdin is not a terminal).
    """
    if not pin_mod.has_pin(lib):
        return
    throttle = pin_mod.PinThrottle(clock, store=lib)
    wait = throttle.remaining()
    if wait > 0:
        raise _too_early(wait)
    env = os.environ if environ is None else environ
    given = env.get(PIN_ENV)
    if given is None and ask is not None:
        given = ask()
    if not given:
        zh, en = what
        raise PermissionDeniedError(
            f"{zh}需要主管 PIN:请在提示时输入,或用环境变量 {PIN_ENV} 提供。",
            f"{en} needs the supervisor PIN: type it at the prompt or set {PIN_ENV}.",
        )
    result = throttle.attempt(lambda: pin_mod.check_pin(lib, given.strip()))
    if result.refused:
        raise _too_early(result.wait_seconds)
    if not result.ok:
        seconds = math.ceil(result.wait_seconds)
        raise PermissionDeniedError(
            f"主管 PIN 不正确,什么都没有改动。请 {seconds} 秒后再试。",
            f"Wrong supervisor PIN; nothing was changed. Try again in {seconds} second{'' if seconds == 1 else 's'}.",
        )
