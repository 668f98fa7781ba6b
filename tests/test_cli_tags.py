"""``csdesk tag``: entry tags from the command line — list with counts, add, rename, merge, delete unused; the
changes behind the supervisor PIN, listing open; bad input says why in Chinese and English and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csdesk.cli import main
from csdesk.core import pin
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CSDESK_HOME", raising=False)
    monkeypatch.delenv("CSDESK_PIN", raising=False)
    home = tmp_path / "home"
    with Library.open(home, demo=False) as lib:
        lib.create(EntryDraft(reply="亲,这款有优惠", title="优惠", tags=("价格敏感型",)))
        lib.create(EntryDraft(reply="亲,满减进行中", title="满减", tags=("价格敏感",)))
    return home


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


def _tags(home: Path) -> dict[str, list[str]]:
    with Library.open(home) as lib:
        return {e.title: list(e.tags) for e in lib.entries.all()}


def test_list_merge_rename_add_delete(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "tag", "list") == 0
    out = capsys.readouterr().out
    assert "价格敏感\t1 条" in out and "价格敏感型\t1 条" in out
    assert run(home, "tag", "merge", "价格敏感", "--into", "价格敏感型") == 0
    assert "合并到「价格敏感型」(1 个条目)" in capsys.readouterr().out
    assert _tags(home) == {"优惠": ["价格敏感型"], "满减": ["价格敏感型"]}
    assert run(home, "tag", "rename", "价格敏感型", "价格敏感客户") == 0
    capsys.readouterr()
    assert _tags(home) == {"优惠": ["价格敏感客户"], "满减": ["价格敏感客户"]}
    assert run(home, "tag", "add", "预备") == 0
    assert run(home, "tag", "list", "--unused", "--json") == 0
    capsys.readouterr()  # the add's line, then the JSON
    assert run(home, "tag", "list", "--unused", "--json") == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == ["预备"]
    assert run(home, "tag", "delete", "预备") == 0
    with Library.open(home) as lib:
        assert lib.entry_tags.names() == ["价格敏感客户"]
        versions = lib.entries.history(next(e.id for e in lib.entries.all() if e.title == "满减"))
        assert len(versions) == 3  # created, merged, renamed: each change recorded


def test_bad_input_is_explained_and_changes_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tags(home)
    assert run(home, "tag", "rename", "价格敏感", "价格敏感型") == 2
    assert "合并" in capsys.readouterr().err
    assert run(home, "tag", "delete", "价格敏感") == 2
    assert "还用在 1 个条目上" in capsys.readouterr().err
    assert run(home, "tag", "merge", "没有的", "--into", "价格敏感型") == 2
    assert "没有条目标签「没有的」" in capsys.readouterr().err
    assert run(home, "tag", "add", "a,b") == 2
    assert "分隔符" in capsys.readouterr().err
    assert _tags(home) == before


def test_english_messages(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "en_US")
    assert run(home, "tag", "delete", "价格敏感") == 2
    assert "still on 1 entries" in capsys.readouterr().err
    assert run(home, "tag", "list") == 0
    assert "价格敏感\t1 entries" in capsys.readouterr().out


def test_changes_need_the_pin_listing_does_not(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(home) as lib:
        pin.set_pin(lib, "1357")
    assert run(home, "tag", "list") == 0
    assert run(home, "tag", "merge", "价格敏感", "--into", "价格敏感型") == 2
    assert "PIN" in capsys.readouterr().err
    assert _tags(home)["满减"] == ["价格敏感"]
    monkeypatch.setenv("CSDESK_PIN", "1357")
    assert run(home, "tag", "merge", "价格敏感", "--into", "价格敏感型") == 0
    assert _tags(home)["满减"] == ["价格敏感型"]
