"""Names the library areas share: row converters, small validators, KEEP, Change."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from csdesk.core.errors import ValidationError
from csdesk.core.models import (
    Asset,
    Entry,
    Rule,
    Shop,
    Variant,
)

log = logging.getLogger(__name__)

DEFAULT_ASSET_FOLDERS = ("尺码表", "安装视频", "质检报告")
ENTRY_TEXT_FIELDS = ("title", "code", "reply", "question", "scenario", "guidance", "basis")
HIGHLIGHT_FIELDS = ("title", "code", "question", "reply")
INDEX_LOCK_WAIT_S = 0.5
"""How long an edit waits for another program's index writer before its index update is queued and retried."""


class _Keep:
    """Type of :data:`KEEP`: "leave this field as it is" where None is a meaningful value."""


KEEP = _Keep()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Change:
    """What a write changed, for listeners (the GUI refreshes its models from it)."""

    kind: str
    """``entries``, ``shops``, ``categories``, ``assets``, ``tags``, ``customers``, ``rules``, ``sops``, ``settings``,
    ``placeholders``, ``usage`` (an entry was copied: use counts and last-used times) or ``all``."""
    ids: tuple[str, ...] = ()


@dataclass
class DoctorReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# ----------------------------------------------------------------------------------------------------------
# Row helpers
# ----------------------------------------------------------------------------------------------------------
def shipped_asset_files() -> dict[str, Path]:
    """The asset files that ship with csdesk (the demo's), by content hash: doctor() restores lost copies."""
    from csdesk.core.assetstore import sha256_of
    from csdesk.core.resources import resource_path

    try:
        folder = resource_path("demo/assets")
        return {sha256_of(p): p for p in sorted(folder.iterdir()) if p.is_file()}
    except OSError:
        return {}


def shop_from_row(row: Any) -> Shop:
    return Shop(int(row["id"]), row["name"], row["platform"], bool(row["is_shared"]), int(row["sort_order"]))


def variant_from_row(row: Any) -> Variant:
    return Variant(
        row["id"], row["entry_id"], row["label"], row["reply"], row["target_tag"], row["ab_group"],
        bool(row["enabled"]), int(row["sort_order"]),
    )  # fmt: skip


def asset_from_row(row: Any) -> Asset:
    return Asset(
        row["id"], row["sha256"], row["folder"], row["title"], row["filename"], row["mime"], int(row["size"]),
        row["created_at"], row["deleted_at"],
    )  # fmt: skip


def rule_from_row(row: Any) -> Rule:
    return Rule(
        id=int(row["id"]), pattern=row["pattern"], severity=row["severity"], kind=row["kind"], reason=row["reason"],
        suggestion=row["suggestion"], exceptions=tuple(json.loads(row["exceptions"] or "[]")), source=row["source"],
        shop_id=row["shop_id"], enabled=bool(row["enabled"]), builtin=bool(row["builtin"]),
    )  # fmt: skip


def variant_for(entry: Entry, customer_tags: Collection[str]) -> Variant | None:
    if not customer_tags:
        return None
    wanted = set(customer_tags)
    return next((v for v in entry.variants if v.enabled and v.target_tag and v.target_tag in wanted), None)


def clean_list(values: Iterable[str] | str) -> list[str]:
    if isinstance(values, str):
        values = values.replace("|", "\n").splitlines()
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


CODE_MAX_CHARS = 32


def check_code_shape(code: str) -> None:
    """A shortcut code has no spaces and at most :data:`CODE_MAX_CHARS` characters (ValidationError otherwise)."""
    if any(ch.isspace() for ch in code) or len(code) > CODE_MAX_CHARS:
        raise ValidationError(
            f"快捷编码「{code}」不能含空格,且不超过 {CODE_MAX_CHARS} 个字符。",
            f"The code '{code}' must have no spaces, {CODE_MAX_CHARS} chars max.",
        )


def first_line(text: str, limit: int = 30) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit] + "…"


def looks_like_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def checked_customer_fields(nickname: str, birthday: str | None) -> str:
    """The stripped nickname; ValidationError for an empty nickname or a birthday csdesk cannot read."""
    nickname = nickname.strip()
    if not nickname:
        raise ValidationError("客户昵称不能为空。", "A customer needs a nickname.")
    if birthday and not valid_date(birthday):
        raise ValidationError(
            f"生日「{birthday}」格式不对,请写成 1990-05-01 或 05-01。", f"Bad birthday '{birthday}'."
        )
    return nickname


def valid_date(text: str) -> bool:
    for fmt in ("%Y-%m-%d", "%m-%d"):
        try:
            datetime.strptime(text.strip(), fmt)
            return True
        except ValueError:
            continue
    return False
