"""Team entries belong to the team's supervisor, not to whoever set a PIN on this machine.

A fresh personal library has no PIN: its agent could set one, unlock supervisor mode and edit the team's entries
locally. So a team publication carries the publisher's supervisor PIN — as its salted hash record
(:mod:`csdesk.core.pin`), never the PIN — in ``version.json``; an update stores that record in the library
(:data:`TEAM_PIN_SETTING`), and entries that came from the team (origin ``team``) stay read-only in the GUI unless
supervisor mode was unlocked with the team's PIN. When the team publishes without a PIN there is nothing to hold
and team entries follow the local supervisor mode as before.

Like every local guard this one stops the app, not someone who edits the SQLite file; the shared folder (who may
write there) is the boundary that holds, and the next update replaces team entries from it anyway.
"""

from __future__ import annotations

from typing import Any

from csdesk.core import pin as pin_mod

__all__ = ["TEAM_PIN_SETTING", "check_team_pin", "published_pin", "remember_team_pin", "team_pin_required"]

TEAM_PIN_SETTING = "team_supervisor_pin"
"""The team publisher's PIN hash record, as the last applied team version carried it."""


def published_pin(lib: pin_mod.SettingStore) -> dict[str, Any] | None:
    """The hash record a publication carries: this library's supervisor PIN record, or None without a PIN."""
    record = lib.setting(pin_mod.PIN_SETTING)
    return dict(record) if isinstance(record, dict) and "hash" in record else None


def remember_team_pin(lib: pin_mod.SettingStore, record: object) -> None:
    """Store (or, for a publication without a PIN, clear) the team's PIN record after an applied update."""
    lib.set_setting(TEAM_PIN_SETTING, record if isinstance(record, dict) and "hash" in record else None)


def team_pin_required(lib: pin_mod.SettingStore) -> bool:
    record = lib.setting(TEAM_PIN_SETTING)
    return isinstance(record, dict) and "hash" in record


def check_team_pin(lib: pin_mod.SettingStore, pin: str) -> bool:
    """Whether ``pin`` is the team's supervisor PIN (False when the team published none)."""
    record = lib.setting(TEAM_PIN_SETTING)
    return isinstance(record, dict) and pin_mod.verify_pin(pin, record)
