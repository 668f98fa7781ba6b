"""The supervisor PIN: only a salted slow hash is stored, verification is exact, guessing is slowed down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from csdesk.core import pin
from csdesk.core.errors import PermissionDeniedError, ValidationError


class Store:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def setting(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.values[key] = value


@pytest.mark.parametrize("bad", ["", "123", "1234567890123", "12a4", "１２３４", "12 34", "-1234"])
def test_pin_shape_is_4_to_12_ascii_digits(bad: str) -> None:
    with pytest.raises(ValidationError):
        pin.validate_pin(bad)
    assert pin.validate_pin("0000") == "0000"
    assert pin.validate_pin("123456789012") == "123456789012"


def test_record_is_salted_and_names_its_parameters() -> None:
    first, second = pin.hash_pin("482913"), pin.hash_pin("482913")
    assert first["algo"] == "scrypt" and {"n", "r", "p", "salt", "hash"} <= set(first)
    assert first["salt"] != second["salt"] and first["hash"] != second["hash"]
    assert "482913" not in repr(first)
    assert pin.verify_pin("482913", first) and pin.verify_pin("482913", second)
    assert not pin.verify_pin("482914", first)
    assert not pin.verify_pin("", first)
    assert not pin.verify_pin("482913", None)
    assert not pin.verify_pin("482913", {"algo": "scrypt", "hash": "zz"})


def test_pbkdf2_records_verify_too() -> None:
    record = pin.hash_pin("7777", algo="pbkdf2")
    assert record["algo"] == "pbkdf2_sha256" and record["iterations"] >= 100_000
    assert pin.verify_pin("7777", record) and not pin.verify_pin("7778", record)


def test_changing_the_pin_needs_the_old_one() -> None:
    store = Store()
    assert not pin.has_pin(store)
    pin.set_pin(store, "1234")
    assert pin.has_pin(store) and pin.check_pin(store, "1234")
    with pytest.raises(PermissionDeniedError):
        pin.set_pin(store, "5678")
    with pytest.raises(PermissionDeniedError):
        pin.set_pin(store, "5678", old_pin="0000")
    pin.set_pin(store, "5678", old_pin="1234")
    assert pin.check_pin(store, "5678") and not pin.check_pin(store, "1234")


def test_throttle_delay_doubles_and_resets_on_success() -> None:
    now = [100.0]
    throttle = pin.PinThrottle(clock=lambda: now[0])
    delays = []
    for _ in range(4):
        result = throttle.attempt(lambda: False)
        assert not result.ok and not result.refused
        delays.append(result.wait_seconds)
        refused = throttle.attempt(lambda: True)  # too early: not even checked
        assert refused.refused and not refused.ok and refused.wait_seconds > 0
        now[0] += result.wait_seconds
    assert delays == [1, 2, 4, 8]
    assert throttle.attempt(lambda: True).ok
    assert throttle.failures == 0 and throttle.remaining() == 0


def test_throttle_delay_is_capped() -> None:
    throttle = pin.PinThrottle(clock=lambda: 0.0)
    assert throttle.delay_for(30) == pin.MAX_DELAY_SECONDS


def test_pin_is_not_in_the_database_file(tmp_path: Path) -> None:
    from csdesk.core.library import Library

    secret = "90817263"
    lib = Library.open(tmp_path / "home", demo=False)
    try:
        pin.set_pin(lib, secret)
        assert pin.check_pin(lib, secret)
    finally:
        lib.close()
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


class _Store:
    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def setting(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: object) -> None:
        self.values[key] = value


def test_throttle_survives_a_restart_and_a_clock_set_back() -> None:
    store, now = _Store(), [1000.0]
    first = pin.PinThrottle(clock=lambda: now[0], store=store)
    for _ in range(3):
        now[0] += 10
        first.attempt(lambda: False)
    assert first.remaining() == 4.0
    restarted = pin.PinThrottle(clock=lambda: now[0], store=store)  # a new process reads the same library
    assert restarted.failures == 3 and restarted.remaining() == 4.0
    assert restarted.attempt(lambda: True).refused
    now[0] -= 10_000  # the clock went back: the wait is still only what 3 failures call for
    assert restarted.remaining() == 4.0
    now[0] += 10_005
    assert restarted.attempt(lambda: True).ok
    assert pin.PinThrottle(clock=lambda: now[0], store=store).failures == 0
    assert "4" not in str(store.values.get(pin.PIN_SETTING, ""))
