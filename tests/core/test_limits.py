"""The size limits hold on every door of the core, not only for imported files: lib.create/update (and their bulk
forms), variants and examples. A refusal names the field and the limit in Chinese and English, comes before
anything is written, and leaves the library exactly as it was."""

from __future__ import annotations

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.limits import MAX_ENTRY_CHARS, MAX_FIELD_CHARS
from csdesk.core.models import EntryDraft

TOO_LONG = "长" * (MAX_FIELD_CHARS + 1)
FULL = "满" * MAX_FIELD_CHARS


def _state(lib: Library) -> tuple[object, ...]:
    """Everything an edit could change: entries with their variants and examples, versions, the index generation."""
    entries = sorted((e.id, e.title, e.reply, e.similar, tuple(e.tags), tuple(v.reply for v in e.variants))
                     for e in lib.entries.all())  # fmt: skip
    examples = lib._db.all("SELECT id, entry_id, dialogue, comment FROM examples ORDER BY id")
    versions = lib._db.scalar("SELECT COUNT(*) FROM entry_versions")
    return entries, [tuple(r) for r in examples], versions, lib.index.generation


def _refused(exc: pytest.ExceptionInfo[ValidationError], what_zh: str, what_en: str, limit: int) -> None:
    zh, en = exc.value.localized("zh"), exc.value.localized("en")
    assert what_zh in zh and f"{limit:,}" in zh and "没有任何改动" in zh
    assert what_en in en and f"{limit:,}" in en and "unchanged" in en


def test_create_refuses_an_oversize_field_and_writes_nothing(demo_lib: Library) -> None:
    before = _state(demo_lib)
    with pytest.raises(ValidationError) as exc:
        demo_lib.create(EntryDraft(title="太长", reply=TOO_LONG))
    _refused(exc, "「回复」", "reply", MAX_FIELD_CHARS)
    with pytest.raises(ValidationError) as exc:
        demo_lib.create(EntryDraft(title="太长", reply="短", similar=("好的", TOO_LONG)))
    _refused(exc, "相似问法", "similar question", MAX_FIELD_CHARS)
    with pytest.raises(ValidationError):  # a batch: the good first draft is not written either
        demo_lib.entries.create_many(
            [EntryDraft(title="好的", reply="短"), EntryDraft(reply="短", guidance=TOO_LONG)]
        )
    with pytest.raises(ValidationError) as exc:  # four full fields and a bit more: over the entry limit
        demo_lib.create(EntryDraft(reply=FULL, question=FULL, guidance=FULL, basis=FULL, scenario="多"))
    _refused(exc, "每条", "per entry", MAX_ENTRY_CHARS)
    assert _state(demo_lib) == before
    made = demo_lib.create(EntryDraft(title="刚好", reply=FULL))  # exactly at the limit is fine
    assert len(demo_lib.get(made.id).reply) == MAX_FIELD_CHARS


def test_update_refuses_an_oversize_field_or_entry(demo_lib: Library) -> None:
    entry = demo_lib.create(EntryDraft(title="编辑", reply=FULL, question=FULL, guidance=FULL))
    before = _state(demo_lib)
    with pytest.raises(ValidationError) as exc:
        demo_lib.update(entry.id, reply=TOO_LONG)
    _refused(exc, "「回复」", "reply", MAX_FIELD_CHARS)
    with pytest.raises(ValidationError) as exc:
        demo_lib.update(entry.id, basis=FULL)  # each field fits; the entry would not
    _refused(exc, "每条", "per entry", MAX_ENTRY_CHARS)
    with pytest.raises(ValidationError):
        demo_lib.entries.update_many([entry.id], tags=["好", TOO_LONG])
    with pytest.raises(ValidationError):
        demo_lib.entries.update_each({entry.id: {"scenario": TOO_LONG}})
    assert _state(demo_lib) == before
    demo_lib.update(entry.id, reply="短了", basis=FULL)  # shrinking one field makes room for another
    assert demo_lib.get(entry.id).basis == FULL


def test_variants_and_examples_count_against_the_entry(demo_lib: Library) -> None:
    entry = demo_lib.create(EntryDraft(title="变体", reply=FULL, question=FULL, guidance=FULL))
    before = _state(demo_lib)
    with pytest.raises(ValidationError) as exc:
        demo_lib.variants.add(entry.id, TOO_LONG)
    _refused(exc, "「回复」", "reply", MAX_FIELD_CHARS)
    with pytest.raises(ValidationError) as exc:
        demo_lib.variants.add(entry.id, FULL)
    _refused(exc, "变体", "variants", MAX_ENTRY_CHARS)
    with pytest.raises(ValidationError) as exc:
        demo_lib.examples.add(entry.id, "good", TOO_LONG)
    _refused(exc, "案例对话", "example dialogue", MAX_FIELD_CHARS)
    with pytest.raises(ValidationError):
        demo_lib.examples.add(entry.id, "good", FULL)
    assert _state(demo_lib) == before
    variant = demo_lib.variants.add(entry.id, "短变体")
    example = demo_lib.examples.add(entry.id, "bad", "短对话")
    before = _state(demo_lib)
    with pytest.raises(ValidationError):
        demo_lib.variants.update(variant.id, reply=TOO_LONG)
    with pytest.raises(ValidationError):
        demo_lib.variants.update(variant.id, reply=FULL)
    with pytest.raises(ValidationError):
        demo_lib.examples.update(example.id, comment=TOO_LONG)
    with pytest.raises(ValidationError):
        demo_lib.examples.update(example.id, dialogue=FULL)
    assert _state(demo_lib) == before
