"""The supervisor PIN: a salted slow hash in the library, never the PIN itself.

The record stored in the library setting ``supervisor_pin`` names its algorithm and parameters, so the cost can be
raised later without breaking old records::

    {"algo": "scrypt", "n": 16384, "r": 8, "p": 1, "dklen": 32, "salt": "<hex>", "hash": "<hex>"}

``pbkdf2_sha256`` records (``{"algo": "pbkdf2_sha256", "iterations": …}``) are understood too, for Pythons whose
OpenSSL lacks scrypt. Verification compares digests in constant time.

:class:`PinThrottle` slows guessing down: after the n-th wrong PIN the next attempt is refused for 2^(n-1) seconds
(1, 2, 4 … capped at 5 minutes). It only counts and compares times — the caller shows the wait, nothing sleeps.
Given the library (``store``), it keeps the failure count and the time of the next allowed attempt in the library
setting ``supervisor_pin_throttle``, so restarting the app does not reset the wait. This module never imports Qt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from csdesk.core.errors import PermissionDeniedError, ValidationError

PIN_SETTING = "supervisor_pin"
THROTTLE_SETTING = "supervisor_pin_throttle"
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12
MAX_DELAY_SECONDS = 300.0

_PIN_SHAPE = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_PBKDF2_ITERATIONS = 600_000


class SettingStore(Protocol):
    """What the PIN needs from a library: its key–value settings."""

    def setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


def validate_pin(pin: str) -> str:
    """The PIN when it is 4–12 ASCII digits, else :class:`ValidationError`."""
    if not _PIN_SHAPE.fullmatch(pin or ""):
        raise ValidationError(
            f"PIN 必须是 {PIN_MIN_DIGITS}–{PIN_MAX_DIGITS} 位数字。",
            f"A PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits.",
        )
    return pin


def hash_pin(pin: str, *, algo: str = "scrypt") -> dict[str, Any]:
    """A new record (fresh random salt) for ``pin``."""
    validate_pin(pin)
    salt = os.urandom(16)
    if algo == "scrypt" and hasattr(hashlib, "scrypt"):
        record: dict[str, Any] = {"algo": "scrypt", **_SCRYPT, "salt": salt.hex()}
    else:
        record = {"algo": "pbkdf2_sha256", "iterations": _PBKDF2_ITERATIONS, "dklen": 32, "salt": salt.hex()}
    record["hash"] = _derive(pin, record).hex()
    return record


def _derive(pin: str, record: dict[str, Any]) -> bytes:
    salt = bytes.fromhex(str(record["salt"]))
    dklen = int(record.get("dklen", 32))
    if record.get("algo") == "scrypt":
        n, r, p = int(record["n"]), int(record["r"]), int(record["p"])
        return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * n * r + 2**20)
    if record.get("algo") == "pbkdf2_sha256":
        return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, int(record["iterations"]), dklen)
    raise ValueError(f"unknown PIN hash algorithm {record.get('algo')!r}")


def verify_pin(pin: str, record: dict[str, Any] | None) -> bool:
    """Whether ``pin`` matches ``record``; a damaged record or a malformed PIN never matches."""
    if not record or not isinstance(record, dict) or not _PIN_SHAPE.fullmatch(pin or ""):
        return False
    try:
        expected = bytes.fromhex(str(record["hash"]))
        actual = _derive(pin, record)
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(actual, expected)


def has_pin(store: SettingStore) -> bool:
    record = store.setting(PIN_SETTING)
    return isinstance(record, dict) and "hash" in record


def check_pin(store: SettingStore, pin: str) -> bool:
    return verify_pin(pin, store.setting(PIN_SETTING))


def set_pin(store: SettingStore, new_pin: str, *, old_pin: str | None = None) -> None:
    """Set the PIN. When one is already set, ``old_pin`` must match it (:class:`PermissionDeniedError`)."""
    validate_pin(new_pin)
    if has_pin(store) and (old_pin is None or not check_pin(store, old_pin)):
        raise PermissionDeniedError("原 PIN 不正确。", "The current PIN is not correct.")
    store.set_setting(PIN_SETTING, hash_pin(new_pin))


@dataclass
class AttemptResult:
    ok: bool
    wait_seconds: float = 0.0
    """How long until the next attempt is accepted (0 after a success)."""
    refused: bool = False
    """True when the attempt came too early and the PIN was not even checked."""


class PinThrottle:
    """Exponential delay between wrong PIN attempts.

    Without ``store`` it lasts for the session; with one (the library) the count and the next allowed time (wall
    clock seconds, so ``clock`` should be :func:`time.time`) are saved after every attempt and read back on start.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, store: SettingStore | None = None
    ) -> None:
        self._clock = clock
        self._store = store
        self.failures = 0
        self._next_allowed = 0.0
        if store is not None:
            saved = store.setting(THROTTLE_SETTING)
            if isinstance(saved, dict):
                try:
                    self.failures = max(0, int(saved.get("failures", 0)))
                    self._next_allowed = float(saved.get("next_allowed", 0.0))
                except (TypeError, ValueError):
                    self.failures, self._next_allowed = 0, 0.0

    def remaining(self) -> float:
        """Seconds until the next attempt is accepted (0 when it is accepted now).

        Never more than the delay the failure count calls for, so a clock set back cannot lock anyone out longer.
        """
        return min(self.delay_for(self.failures), max(0.0, self._next_allowed - self._clock()))

    def _save(self) -> None:
        if self._store is not None:
            self._store.set_setting(
                THROTTLE_SETTING, {"failures": self.failures, "next_allowed": self._next_allowed}
            )

    def delay_for(self, failures: int) -> float:
        return 0.0 if failures <= 0 else min(MAX_DELAY_SECONDS, float(2 ** (failures - 1)))

    def attempt(self, check: Callable[[], bool]) -> AttemptResult:
        """Run ``check`` unless it is too early; count a failure and grow the delay when it returns False."""
        wait = self.remaining()
        if wait > 0:
            return AttemptResult(False, wait, refused=True)
        if check():
            self.reset()
            return AttemptResult(True)
        self.failures += 1
        delay = self.delay_for(self.failures)
        self._next_allowed = self._clock() + delay
        self._save()
        return AttemptResult(False, delay)

    def reset(self) -> None:
        had = self.failures or self._next_allowed
        self.failures = 0
        self._next_allowed = 0.0
        if had:
            self._save()
