"""How much text one field and one entry may hold, on every door into a library.

A file from a stranger was the first place such text came through (``csdesk/formats/hostile.py`` checks files
against the same numbers, with the file's row named), but the editor, the Python API and the CLI write the same
entries: a 60-million-character reply pasted into the editor would tie up the index and the meaning layer just as
an imported one did. Each door checks before it writes anything (a ``len()`` per field, one SQL sum per entry), and
refuses with a message that names the field and the limit; the library is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from csdesk.core.errors import ValidationError

MAX_FIELD_CHARS = 100_000
"""One field of an entry (a reply, a question, a guidance …): about 50 printed pages of Chinese text."""
MAX_ENTRY_CHARS = 400_000
"""One entry with everything it carries (all fields, similar questions, tags, variants, examples)."""

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("标题", "title"), "code": ("快捷编码", "code"), "reply": ("回复", "reply"),
    "question": ("问题", "question"), "similar": ("相似问法", "similar question"), "scenario": ("场景", "scenario"),
    "guidance": ("回复思路", "guidance"), "basis": ("依据", "basis"), "tags": ("标签", "tag"),
    "label": ("变体名称", "variant label"), "target_tag": ("目标标签", "target tag"), "ab_group": ("A/B 组", "A/B group"),
    "dialogue": ("案例对话", "example dialogue"), "comment": ("案例点评", "example comment"),
}  # fmt: skip


def _texts(value: object) -> Iterable[str]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple, set, frozenset)):
        return (str(v) for v in value)
    return (str(value),)


def text_size(values: Mapping[str, object]) -> int:
    """Characters in ``values`` (field name → text, or a list of texts such as similar questions or tags)."""
    return sum(len(text) for value in values.values() for text in _texts(value))


def check_fields(values: Mapping[str, object]) -> None:
    """Refuse a field (or one item of a list field) longer than :data:`MAX_FIELD_CHARS`."""
    for name, value in values.items():
        for text in _texts(value):
            if len(text) > MAX_FIELD_CHARS:
                zh, en = FIELD_LABELS.get(name, (name, name))
                raise ValidationError(
                    f"「{zh}」有 {len(text):,} 个字符,超过每个字段 {MAX_FIELD_CHARS:,} 个字符的上限。话术库没有任何改动。",
                    f"The {en} has {len(text):,} characters, over the limit of {MAX_FIELD_CHARS:,} per field. "
                    "The library is unchanged.",
                )


def check_entry_size(size: int) -> None:
    """Refuse an entry whose text, with everything it carries, would exceed :data:`MAX_ENTRY_CHARS`."""
    if size > MAX_ENTRY_CHARS:
        raise ValidationError(
            f"这个条目连同相似问法、变体和案例共有 {size:,} 个字符,超过每条 {MAX_ENTRY_CHARS:,} 个字符的上限。"
            "话术库没有任何改动。",
            f"The entry with its similar questions, variants and examples would have {size:,} characters, over "
            f"the limit of {MAX_ENTRY_CHARS:,} per entry. The library is unchanged.",
        )


ENTRY_FIELDS = ("title", "code", "reply", "question", "similar", "scenario", "guidance", "basis", "tags")
"""An entry's own text fields (a draft's attributes, and the keys of an update that count against the limits)."""


def check_draft(draft: object) -> None:
    """A new entry (an ``EntryDraft``): each field, then the whole, before anything is written."""
    texts = {name: getattr(draft, name, None) for name in ENTRY_FIELDS}
    size = text_size(texts)
    if size > MAX_FIELD_CHARS:  # only then can one field be over its limit (an import checks 100,000 drafts)
        check_fields(texts)
    check_entry_size(size)


def sized(changes: Mapping[str, object]) -> dict[str, object]:
    """The changes of an update that carry text counted against the limits."""
    return {k: v for k, v in changes.items() if k in ENTRY_FIELDS}


def check_arguments(values: Iterable[tuple[str, object]]) -> None:
    """Refuse any text argument of a command longer than a field may be (the CLI, before it opens the library)."""
    for name, value in values:
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise ValidationError(
                f"参数 {name} 有 {len(value):,} 个字符,超过 {MAX_FIELD_CHARS:,} 个字符的上限。话术库没有任何改动。",
                f"The argument {name} has {len(value):,} characters, over the limit of {MAX_FIELD_CHARS:,}. "
                "The library is unchanged.",
            )
