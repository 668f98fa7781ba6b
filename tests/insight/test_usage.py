"""Usage statistics on the fixed synthetic week of conftest.py: every figure is known in advance."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.core.errors import NotFoundError, ValidationError
from csdesk.core.insight.period import Period
from csdesk.core.insight.usage import UsageStats
from csdesk.core.library import Library

WEEK = Period(date(2026, 5, 4), date(2026, 5, 10))


def test_totals_count_beijing_days(week_lib: Library) -> None:
    totals = UsageStats(week_lib, WEEK).totals()
    # 5 + 2 + 1 (张三) + 1 + 3 (李四); the copies of 05-03 23:59 and 05-11 00:00 Beijing are outside
    assert totals.copies == 12
    assert totals.overrides == 2
    assert totals.warned == 1
    assert totals.entries_used == 4
    assert totals.entries_never_used == 1  # 节日问候
    assert totals.searches_failed == 6
    assert totals.searches_not_copied == 2
    assert totals.agents == 2
    assert totals.days == 7


def test_over_time_has_every_day(week_lib: Library) -> None:
    series = UsageStats(week_lib, WEEK).over_time()
    assert series == [
        ("2026-05-04", 3),
        ("2026-05-05", 2),
        ("2026-05-06", 2),
        ("2026-05-07", 1),
        ("2026-05-08", 3),
        ("2026-05-09", 0),
        ("2026-05-10", 1),
    ]


def test_most_least_and_never_used(week_lib: Library) -> None:
    stats = UsageStats(week_lib, WEEK)
    top = stats.top_entries()
    assert [(e.title, e.copies) for e in top] == [
        ("尺码推荐", 6),
        ("面料材质", 3),
        ("发货时间", 2),
        ("七天无理由退换", 1),
    ]
    assert top[0].code == "cm" and top[0].shop == "甲店" and top[0].category == "售前/尺码"
    assert [e.title for e in stats.least_used(limit=2)] == ["七天无理由退换", "发货时间"]
    assert [e.title for e in stats.never_used()] == ["节日问候"]


def test_overridden_on_a_red_line(week_lib: Library) -> None:
    stats = UsageStats(week_lib, WEEK)
    over = stats.overridden()
    assert [(e.title, e.copies, e.overrides, e.warned) for e in over] == [("面料材质", 3, 2, 1)]
    assert over[0].override_share == pytest.approx(2 / 3)
    assert stats.override_reasons(over[0].entry_id) == ["已核实", "客户坚持要 13812345678 回电"]


def test_per_agent_shop_and_category(week_lib: Library) -> None:
    stats = UsageStats(week_lib, WEEK)
    assert [
        (a.agent, a.copies, a.overrides, a.searches_failed, a.searches_not_copied) for a in stats.per_agent()
    ] == [
        ("张三", 8, 0, 5, 1),
        ("李四", 4, 2, 1, 1),
    ]
    assert [(s.name, s.copies, s.overrides) for s in stats.per_shop()] == [("甲店", 8, 0), ("乙店", 4, 2)]
    assert {c.name: c.copies for c in stats.per_category()} == {
        "售前/尺码": 6,
        "售前": 3,
        "售前/物流": 2,
        "售后": 1,
    }


def test_filters_by_shop_agent_and_category(week_lib: Library) -> None:
    shop_b = UsageStats(week_lib, WEEK, shop="乙店")
    assert shop_b.totals().copies == 4
    # in 乙店 the shared 退换 was used; 乙店's own 材质 too; nothing of 甲店 counts as never used there
    assert shop_b.never_used() == []
    li = UsageStats(week_lib, WEEK, agent="李四")
    assert li.totals().copies == 4
    assert [(e.title, e.copies) for e in li.top_entries()] == [("面料材质", 3), ("尺码推荐", 1)]
    assert [(d, n) for d, n in li.over_time() if n] == [("2026-05-07", 1), ("2026-05-08", 3)]
    size_category = week_lib.find("cm").category_id
    assert size_category is not None
    assert UsageStats(week_lib, WEEK, category=size_category).totals().copies == 6


def test_a_period_of_one_day_at_the_edges(week_lib: Library) -> None:
    assert UsageStats(week_lib, Period(date(2026, 5, 3), date(2026, 5, 3))).totals().copies == 4
    assert UsageStats(week_lib, Period(date(2026, 5, 11), date(2026, 5, 11))).totals().copies == 1


def test_bad_filters_and_periods_say_so(week_lib: Library) -> None:
    with pytest.raises(NotFoundError) as shop_error:
        UsageStats(week_lib, WEEK, shop="丙店")
    assert "丙店" in shop_error.value.message and "丙店" in shop_error.value.english
    with pytest.raises(ValidationError) as order:
        Period(date(2026, 5, 10), date(2026, 5, 4))
    assert "早于" in order.value.message and "before" in order.value.english
    with pytest.raises(ValidationError) as text:
        Period.since("上周")
    assert "2026-05-01" in text.value.message and "2026-05-01" in text.value.english
    assert Period.since("2026/5/4", "20260510") == WEEK


def test_logging_can_be_switched_off(week_lib: Library) -> None:
    entry_id = week_lib.ids["size"]  # type: ignore[attr-defined]
    before = week_lib.database.scalar("SELECT COUNT(*) FROM usage_log")
    searches = week_lib.database.scalar("SELECT COUNT(*) FROM search_log")
    week_lib.set_setting("usage_logging", False)
    week_lib.log_copy(entry_id, shop="甲店")
    week_lib.usage.log_search("尺码", hits=1, copied=False)
    assert week_lib.database.scalar("SELECT COUNT(*) FROM usage_log") == before
    assert week_lib.database.scalar("SELECT COUNT(*) FROM search_log") == searches
    week_lib.log_copy(entry_id, shop="甲店", action="override", note="客户要求")  # the audit stays
    assert week_lib.database.scalar("SELECT COUNT(*) FROM usage_log") == before + 1
    week_lib.set_setting("usage_logging", True)
    week_lib.log_copy(entry_id, shop="甲店")
    assert week_lib.database.scalar("SELECT COUNT(*) FROM usage_log") == before + 2


def test_roll_ups_follow_deleted_rows(week_lib: Library) -> None:
    week_lib.database.execute("DELETE FROM usage_log WHERE agent = '李四'")
    stats = UsageStats(week_lib, WEEK)
    assert stats.totals().copies == 8
    assert [a.agent for a in stats.per_agent() if a.copies] == ["张三"]


def test_whole_months_and_edge_days_add_up(week_lib: Library) -> None:
    """Whole months are summed from the monthly roll-up, the days at the edges from the daily one."""
    may = UsageStats(week_lib, Period(date(2026, 5, 1), date(2026, 5, 31)))
    assert may.totals().copies == 17  # the week's 12, 05-03's 4, 05-11's 1
    assert UsageStats(week_lib, Period(date(2026, 4, 20), date(2026, 6, 10))).totals().copies == 17
    spring = UsageStats(week_lib, Period(date(2026, 5, 4), date(2026, 6, 30)))
    assert spring.totals().copies == 13
    assert [(e.title, e.copies) for e in spring.top_entries(2)] == [("尺码推荐", 6), ("面料材质", 3)]
    assert sum(n for _, n in spring.over_time()) == 13
    assert UsageStats(week_lib, Period(date(2026, 5, 4), date(2026, 6, 30)), shop="乙店").totals().copies == 4
