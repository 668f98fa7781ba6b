"""An entry's versions: what a version stores, what changed between two versions, the changed words marked.

A version is a JSON snapshot of the whole entry: its fields, variants, examples, tags and asset links (with the
assets' titles, so a deleted asset is still named in the history). Snapshots are built by hand from the entry, not
with ``dataclasses.asdict`` (which deep-copies recursively and was a third of the time of a 3,000-entry import).

:func:`compare` says what a version changed against the one before it: fields with their changed words marked
(:func:`word_diff`), items of lists (similar questions, tags) added or removed, and variants, examples and asset
links added, removed or changed. Versions written by older programs lack some parts (no examples, no asset titles);
a part the older snapshot does not hold is not compared, so it never shows as "added" by mistake.

Pure functions, no database: ``lib.entries`` records and reads versions, the workbench shows the changes, the
restore confirmation lists them, bundles carry them (:func:`merged_versions`).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from csdesk.core.models import Entry
from csdesk.core.textnorm import is_han

TEXT_FIELDS = ("title", "code", "question", "reply", "scenario", "guidance", "basis")
"""Fields compared word by word."""
LIST_FIELDS = ("similar", "tags")
"""Fields compared item by item."""
VALUE_FIELDS = ("enabled", "sort_order", "shop_name", "category_path")
"""Fields compared as a whole value."""
FIELD_ORDER = ("title", "code", "question", "similar", "reply", "scenario", "guidance", "basis", "tags",
               "enabled", "sort_order", "shop_name", "category_path")  # fmt: skip
VARIANT_FIELDS = ("label", "reply", "target_tag", "ab_group", "enabled")
EXAMPLE_FIELDS = ("kind", "dialogue", "comment")
PARTS = ("variants", "examples", "assets")
_UNSET = {"enabled": ("", "✓"), "sort_order": ("", "0")}
"""Values the first version does not list: every new entry has them."""


def entry_snapshot(entry: Entry, asset_titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What a version stores: every field of the entry, its variants, examples, tags and asset links.

    ``asset_titles`` (asset id → title) names the linked assets, so the history can name an asset that was deleted
    since; entries without assets need none.
    """
    return {
        "id": entry.id, "shop_id": entry.shop_id, "category_id": entry.category_id, "title": entry.title,
        "reply": entry.reply, "code": entry.code, "question": entry.question, "similar": list(entry.similar),
        "scenario": entry.scenario, "guidance": entry.guidance, "basis": entry.basis, "tags": list(entry.tags),
        "enabled": entry.enabled, "sort_order": entry.sort_order, "origin": entry.origin,
        "origin_ref": entry.origin_ref, "created_at": entry.created_at, "created_by": entry.created_by,
        "updated_at": entry.updated_at, "updated_by": entry.updated_by, "deleted_at": entry.deleted_at,
        "shop_name": entry.shop_name, "category_path": entry.category_path,
        "variants": [
            {"id": v.id, "label": v.label, "reply": v.reply, "target_tag": v.target_tag, "ab_group": v.ab_group,
             "enabled": v.enabled, "sort_order": v.sort_order}
            for v in entry.variants
        ],
        "asset_ids": list(entry.asset_ids),
        "asset_titles": {a: (asset_titles or {}).get(a, "") for a in entry.asset_ids},
        "examples": [
            {"id": x.id, "kind": x.kind, "dialogue": x.dialogue, "comment": x.comment} for x in entry.examples
        ],
    }  # fmt: skip


# ----------------------------------------------------------------------------------------------------------------
# Changed words
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    """A piece of a text in a diff: ``same``, ``removed`` (only in the older text) or ``added`` (only in the newer)."""

    kind: str
    text: str


def tokens(text: str) -> list[str]:
    """Units a diff compares: each Chinese character alone, a run of letters or digits as one word, every other
    character (space, punctuation, line break) alone. Chinese has no spaces; a character is its smallest word."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isalnum() and not is_han(ch):
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        out.append(ch)
    if word:
        out.append(word)
    return out


def word_diff(before: str, after: str) -> tuple[list[Segment], list[Segment]]:
    """The older and the newer text cut into segments, the removed and added words marked."""
    old, new = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(left, "same", "".join(old[i1:i2]))
            _append(right, "same", "".join(new[j1:j2]))
            continue
        _append(left, "removed", "".join(old[i1:i2]))
        _append(right, "added", "".join(new[j1:j2]))
    return left, right


def _append(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def marked(segments: Iterable[Segment]) -> str:
    """Plain text with the marks spelled out: ``[-removed-]`` and ``{+added+}`` (for the CLI, logs and tests)."""
    out = []
    for s in segments:
        out.append({"same": s.text, "removed": f"[-{s.text}-]", "added": f"{{+{s.text}+}}"}[s.kind])
    return "".join(out)


# ----------------------------------------------------------------------------------------------------------------
# What a version changed
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldChange:
    """One field that differs: the texts before and after, marked word by word, or the list items in and out."""

    name: str
    before: str
    after: str
    before_marked: tuple[Segment, ...] = ()
    after_marked: tuple[Segment, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartChange:
    """A variant, an example or an asset link that was ``added``, ``removed`` or ``changed``."""

    part: str
    kind: str
    label: str
    fields: tuple[FieldChange, ...] = ()


@dataclass
class VersionChanges:
    """Everything a version changed against the version before it (against nothing, for the first version)."""

    fields: list[FieldChange] = field(default_factory=list)
    parts: list[PartChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.fields and not self.parts

    def of(self, part: str) -> list[PartChange]:
        return [p for p in self.parts if p.part == part]


def show_value(value: Any) -> str:
    """A stored value as text: lists joined with 、, true/false as ✓/✗ (the GUI translates its own labels)."""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return "" if value is None else str(value)


def _field_change(name: str, before: Any, after: Any) -> FieldChange | None:
    if name in LIST_FIELDS:
        old = [str(v) for v in before or []]
        new = [str(v) for v in after or []]
        if old == new:
            return None
        added = tuple(v for v in new if v not in old)
        removed = tuple(v for v in old if v not in new)
        return FieldChange(name, show_value(old), show_value(new), added=added, removed=removed)
    old_text, new_text = show_value(before), show_value(after)
    if old_text == new_text:
        return None
    if name in TEXT_FIELDS or (name in VARIANT_FIELDS + EXAMPLE_FIELDS and isinstance(after, str)):
        left, right = word_diff(old_text, new_text)
        return FieldChange(name, old_text, new_text, tuple(left), tuple(right))
    return FieldChange(name, old_text, new_text)


def _items(data: Mapping[str, Any], part: str) -> dict[str, dict[str, Any]]:
    """The variants, examples or asset links of a snapshot by id."""
    if part == "assets":
        titles = data.get("asset_titles") or {}
        return {str(a): {"title": str(titles.get(a) or "")} for a in data.get("asset_ids") or []}
    return {str(item.get("id")): dict(item) for item in data.get(part) or [] if isinstance(item, dict)}


def part_label(part: str, item: Mapping[str, Any], item_id: str = "") -> str:
    """How a variant, example or asset is named in the history: its label or title, else its text's first line."""
    if part == "variants":
        text = str(item.get("label") or "") or str(item.get("reply") or "")
    elif part == "examples":
        text = str(item.get("dialogue") or "")
    else:
        text = str(item.get("title") or "") or item_id[:8]
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= 24 else line[:24] + "…"


def _holds(data: Mapping[str, Any], part: str) -> bool:
    return ("asset_ids" if part == "assets" else part) in data


def compare(older: Mapping[str, Any] | None, newer: Mapping[str, Any]) -> VersionChanges:
    """What ``newer`` changed against ``older`` (None: the first version, everything it holds counts as added).

    A part ``older`` does not hold (a version written before examples were versioned) is not compared.
    """
    base: Mapping[str, Any] = older if older is not None else {}
    changes = VersionChanges()
    for name in FIELD_ORDER:
        if older is not None and name not in older:
            continue
        change = _field_change(name, base.get(name), newer.get(name))
        if change is not None and (older is not None or change.after not in _UNSET.get(name, ("",))):
            changes.fields.append(change)
    for part in PARTS:
        if not _holds(newer, part) or (older is not None and not _holds(older, part)):
            continue
        before, after = _items(base, part), _items(newer, part)
        for item_id, item in after.items():
            if item_id not in before:
                changes.parts.append(PartChange(part, "added", part_label(part, item, item_id)))
                continue
            if part == "assets":
                continue
            names = VARIANT_FIELDS if part == "variants" else EXAMPLE_FIELDS
            fields = [c for n in names if (c := _field_change(n, before[item_id].get(n), item.get(n)))]
            if fields:
                changes.parts.append(
                    PartChange(part, "changed", part_label(part, item, item_id), tuple(fields))
                )
        for item_id, item in before.items():
            if item_id not in after:
                changes.parts.append(PartChange(part, "removed", part_label(part, item, item_id)))
        if part == "assets" and set(before) == set(after) and list(before) != list(after):
            changes.parts.append(PartChange(part, "reordered", ""))
    return changes


# ----------------------------------------------------------------------------------------------------------------
# Histories from another library (bundles, team updates)
# ----------------------------------------------------------------------------------------------------------------
def version_key(action: str, changed_at: str, changed_by: str, data: Mapping[str, Any]) -> tuple[str, ...]:
    """What makes two versions the same version, whichever library they were copied through."""
    return (action, changed_at, changed_by, json.dumps(data, ensure_ascii=False, sort_keys=True))


def merged_versions(
    local: Sequence[tuple[str, str, str, dict[str, Any]]],
    incoming: Sequence[tuple[str, str, str, dict[str, Any]]],
    newest: Sequence[tuple[str, str, str, dict[str, Any]]] = (),
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """One history from the library's own versions and a file's: ``(action, changed_at, changed_by, data)`` each,
    oldest first; ``newest`` (what the import bringing the file wrote) stays last.

    Versions both hold count once. A version only the file holds goes after the library's copy of the file's
    version before it, and after the library's own versions up to its time (times have whole seconds: on a tie
    the library's own go first, as a version copied from a file was written before the file was read).
    """
    out = list(local)
    position = {version_key(*v): n for n, v in enumerate(out)}
    after = 0
    for v in incoming:
        key = version_key(*v)
        if key in position:
            after = position[key] + 1
            continue
        place = after
        while place < len(out) and out[place][1] <= v[1]:
            place += 1
        out.insert(place, v)
        position = {version_key(*x): n for n, x in enumerate(out)}
        after = place + 1
    seen = set(position)
    return out + [v for v in newest if version_key(*v) not in seen]


def snapshot_problem(data: object) -> str | None:
    """Why a snapshot from a file cannot be a version (None: it can): restoring it, showing it or comparing it
    must never fail on a wrong type, so a bundle's history is checked with this before anything is written."""
    if not isinstance(data, Mapping):
        return "data"
    for name in (*TEXT_FIELDS, "shop_name", "category_path"):
        if name in data and not isinstance(data[name], str):
            return name
    for name in ("similar", "tags", "asset_ids"):
        if name in data and not (
            isinstance(data[name], list) and all(isinstance(v, str) for v in data[name])
        ):
            return name
    if "asset_titles" in data and not isinstance(data["asset_titles"], Mapping):
        return "asset_titles"
    for name in ("enabled",):
        if name in data and not isinstance(data[name], bool):
            return name
    if "sort_order" in data and (
        isinstance(data["sort_order"], bool) or not isinstance(data["sort_order"], int)
    ):
        return "sort_order"
    for part, texts in (("variants", (*VARIANT_FIELDS[:4], "id")), ("examples", EXAMPLE_FIELDS)):
        items = data.get(part, [])
        if not isinstance(items, list):
            return part
        for index, item in enumerate(items):
            if not isinstance(item, Mapping) or any(
                name in item and not isinstance(item[name], str) for name in texts
            ):
                return f"{part}[{index}]"
            if not str(item.get("reply" if part == "variants" else "dialogue") or "").strip():
                return f"{part}[{index}]"
            if part == "variants" and not isinstance(item.get("sort_order", 0), int):
                return f"{part}[{index}]"
    return None
