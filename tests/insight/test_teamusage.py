"""The team view without a server: usage files written by agents, read by the supervisor, each row counted once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.insight.period import Period
from csdesk.core.insight.teamusage import export_usage, import_usage
from csdesk.core.insight.usage import UsageStats
from csdesk.core.library import Library

WEEK = Period(date(2026, 5, 4), date(2026, 5, 10))


@pytest.fixture
def supervisor(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "boss", demo=False, agent="主管")
    lib.shops.add("甲店")
    return lib


def test_a_file_read_twice_counts_once(week_lib: Library, supervisor: Library, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    week_lib.set_setting("team_folder", str(team))
    path = export_usage(week_lib, team)
    assert path is not None and path.parent == team / "usage"
    assert export_usage(week_lib, team) is None  # nothing new since
    first = import_usage(supervisor, [team])
    assert (first.files, first.copies, first.searches, first.duplicates) == (1, 17, 9, 0)
    again = import_usage(supervisor, [path, team])
    assert (again.copies, again.searches, again.duplicates) == (0, 0, 52)
    stats = UsageStats(supervisor, WEEK)
    assert stats.totals().copies == 12
    assert [(a.agent, a.copies) for a in stats.per_agent()] == [("张三", 8), ("李四", 4)]
    assert [(s.name, s.copies) for s in stats.per_shop()] == [("甲店", 8), ("", 4)]  # the boss has no 乙店
    supervisor.close()


def test_nicknames_and_numbers_never_leave(week_lib: Library, tmp_path: Path) -> None:
    path = export_usage(week_lib, tmp_path)
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "tb_小美" not in text  # the customer of a copy
    assert "13812345678" not in text and "[手机号]" in text  # in an override reason and a search
    data = json.loads(text)
    assert data["format"] == "csdesk-usage" and data["agent"] == "主管"


def test_new_rows_go_into_the_next_file_and_own_files_are_skipped(week_lib: Library, tmp_path: Path) -> None:
    first = export_usage(week_lib, tmp_path)
    week_lib.log_copy(week_lib.ids["size"], shop="甲店")  # type: ignore[attr-defined]
    second = export_usage(week_lib, tmp_path)
    assert first is not None and second is not None and first != second
    assert len(json.loads(second.read_text(encoding="utf-8"))["usage"]) == 1
    result = import_usage(week_lib, [tmp_path])
    assert (result.own, result.copies) == (2, 0)


def test_bad_usage_files_change_nothing(supervisor: Library, week_lib: Library, tmp_path: Path) -> None:
    good = export_usage(week_lib, tmp_path)
    assert good is not None
    bad = tmp_path / f"x{good.name}"
    bad.write_text(
        '{"format": "csdesk-usage", "source": "x", "usage": [[1]], "search": []}', encoding="utf-8"
    )
    with pytest.raises(ValidationError) as damaged:
        import_usage(supervisor, [tmp_path])
    assert "没有导入" in damaged.value.message and "nothing was imported" in damaged.value.english
    assert supervisor.database.scalar("SELECT COUNT(*) FROM usage_log") == 0
    other = tmp_path / "other.json"
    other.write_text("[]", encoding="utf-8")
    with pytest.raises(ValidationError) as foreign:
        import_usage(supervisor, [other])
    assert "不是" in foreign.value.message and "not a csdesk usage file" in foreign.value.english
    with pytest.raises(CsdeskError):
        import_usage(supervisor, [tmp_path / "missing"])
    with pytest.raises(CsdeskError) as no_folder:
        export_usage(week_lib, tmp_path / "missing")
    assert "missing" in no_folder.value.english
    supervisor.close()
