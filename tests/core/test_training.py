"""Training: flash cards, quiz settings and runs, results per agent, retries on misses, drills."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from csdesk.core import training
from csdesk.core.errors import ValidationError
from csdesk.core.library import Library


def test_flash_cards_by_shop_and_category(demo_lib: Library) -> None:
    every = training.flash_cards(demo_lib)
    assert every and all(c.front and c.reply for c in every)
    shop = next(s for s in demo_lib.shops.all() if not s.is_shared)
    mine = training.flash_cards(demo_lib, shop=shop.name)
    assert {c.shop for c in mine} <= {shop.name, demo_lib.shops.shared.name}
    category = next(c.category for c in every if c.category)
    top = category.split("/")[0]
    filed = training.flash_cards(demo_lib, category=top)
    assert filed and all(c.category.startswith(top) for c in filed)
    card = next(c for c in every if c.guidance)
    assert card.basis is not None


def test_parse_dialogue() -> None:
    turns = training.parse_dialogue("客户:在吗\n客服:在的亲\n还有什么?\n客户:好")
    assert [t.speaker for t in turns] == ["customer", "agent", "customer"]
    assert turns[1].text == "在的亲\n还有什么?"


@pytest.mark.parametrize(
    "bad",
    [
        training.QuizSettings(count=0),
        training.QuizSettings(pass_mark=120),
        training.QuizSettings(time_limit=-1),
        training.QuizSettings(mode="guess"),
    ],
)
def test_bad_quiz_settings_are_refused_and_change_nothing(
    empty_lib: Library, bad: training.QuizSettings
) -> None:
    training.save_quiz_settings(empty_lib, training.QuizSettings(count=5, pass_mark=60))
    with pytest.raises(ValidationError) as info:
        training.save_quiz_settings(empty_lib, bad)
    assert info.value.english != info.value.message
    assert training.quiz_settings(empty_lib) == training.QuizSettings(count=5, pass_mark=60)


def test_empty_library_has_no_quiz(empty_lib: Library) -> None:
    with pytest.raises(ValidationError):
        training.start_quiz(empty_lib)


def test_quiz_run_scores_times_and_keeps_results(demo_lib: Library) -> None:
    settings = training.QuizSettings(count=4, pass_mark=75, time_limit=30, mode="search")
    run = training.start_quiz(demo_lib, settings=settings, rng=random.Random(1))
    assert len(run.questions) == 4
    first = run.answer(run.questions[0].entry_id, 5.0)  # right
    second = run.answer(run.questions[0].entry_id, 3.0)  # wrong entry
    third = run.answer(run.questions[2].entry_id, 45.0)  # right, but too late
    fourth = run.answer(None, 30.0)  # gave up
    assert (first.correct, second.correct, third.correct, fourth.correct) == (True, False, False, False)
    assert third.timed_out
    result = run.finish()
    assert result.score == 25 and not result.passed and result.seconds == 83.0
    assert [m["entry_id"] for m in result.misses] == [q.entry_id for q in run.questions[1:]]
    stored = training.quiz_results(demo_lib, agent="测试员")
    assert stored[0].id == result.id and stored[0].correct == 1
    assert training.quiz_results(demo_lib, agent="别人") == []
    retry = training.start_quiz(demo_lib, settings=settings, retry_of=result.id)
    assert sorted(q.entry_id for q in retry.questions) == sorted(q.entry_id for q in run.questions[1:])
    for question in list(retry.questions):
        retry.answer(question.entry_id, 2.0)
    again = retry.finish()
    assert again.passed and again.mode == "retry"
    with pytest.raises(ValidationError):
        training.start_quiz(demo_lib, retry_of=again.id)  # nothing missed
    summary = training.summary(demo_lib)
    assert summary == [
        {
            "agent": "测试员", "quizzes": 2, "latest_score": 100, "best_score": 100, "passed": True,
            "latest_at": again.finished_at,
        }
    ]  # fmt: skip


def test_choice_quiz_offers_four_with_the_answer(demo_lib: Library) -> None:
    settings = training.QuizSettings(count=6, mode="choice")
    questions = training.make_quiz(demo_lib, settings, rng=random.Random(2))
    for question in questions:
        assert len(question.choices) == 4 and question.entry_id in question.choices
        assert len(set(question.choices)) == 4


def test_drills_from_sops_and_good_examples(demo_lib: Library) -> None:
    found = training.drills(demo_lib)
    sop_drill = next(d for d in found if d.title.startswith("SOP"))
    example_drill = next(d for d in found if d.title.startswith("范例"))
    turn = sop_drill.turns[0]
    assert turn.expected_entry
    assert training.check_turn(demo_lib, turn, entry_id=turn.expected_entry).ok
    other = next(
        e.id for e in demo_lib.entries.all() if e.id != turn.expected_entry and e.reply != turn.expected_text
    )
    assert not training.check_turn(demo_lib, turn, entry_id=other).ok
    assert example_drill.good_example and example_drill.turns[0].expected_text
    typed = example_drill.turns[0].expected_text.replace("。", ",")
    assert training.check_turn(demo_lib, example_drill.turns[0], text=typed).ok
    assert not training.check_turn(demo_lib, example_drill.turns[0], text="不知道").ok


def test_coaching_summary_for_reports(demo_lib: Library) -> None:
    from csdesk.core import abtest, coaching

    entry = demo_lib.find("cd", shop="栖木女装旗舰店")
    abtest.start_test(demo_lib, entry.id)
    run = training.start_quiz(demo_lib, settings=training.QuizSettings(count=1), rng=random.Random(1))
    run.answer(None, 1.0)
    run.finish()
    data = coaching.summary(demo_lib)
    assert data["abtests"][0]["status"] == "running" and len(data["abtests"][0]["arms"]) == 2
    assert data["quiz"][0]["latest_score"] == 0 and not data["quiz"][0]["passed"]


def test_weekly_report_has_the_quiz_and_ab_sections(demo_lib: Library, tmp_path: Path) -> None:
    """Quiz results and A/B tests reach the supervisor's weekly report (HTML and XLSX), in both languages."""
    from datetime import timedelta

    from openpyxl import load_workbook

    from csdesk.core import abtest
    from csdesk.core.insight.period import Period, beijing_today
    from csdesk.core.insight.report import build_report, report_html, write_report_xlsx

    period = Period.last_days(7)
    assert {s.key for s in build_report(demo_lib, period).sections}.isdisjoint({"quiz", "abtests"})
    run = training.start_quiz(demo_lib, settings=training.QuizSettings(count=2), rng=random.Random(2))
    run.answer(run.questions[0].entry_id, 3)
    run.answer(None, 3)
    run.finish()
    entry = demo_lib.find("cd", shop="栖木女装旗舰店")
    assert entry is not None
    abtest.start_test(demo_lib, entry.id)
    report = build_report(demo_lib, period)
    sections = {s.key: s for s in report.sections}
    assert sections["quiz"].rows[0][:4] == [demo_lib.agent, 1, 50, 50]
    assert sections["abtests"].rows[0][1] == "进行中"
    text = report_html(report)
    assert "上岗考核" in text and "话术 A/B 测试" in text and demo_lib.agent in text
    assert "Training quiz" in report_html(report, "en") and "not passed" in report_html(report, "en")
    book = load_workbook(write_report_xlsx(report, tmp_path / "week.xlsx"))
    assert any("考核" in name for name in book.sheetnames) or any(
        demo_lib.agent in str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )
    # a period before the quiz: no quiz that period, but the agent's standing is still shown
    earlier = Period(beijing_today() - timedelta(days=30), beijing_today() - timedelta(days=20))
    assert {s.key: s for s in build_report(demo_lib, earlier).sections}["quiz"].rows[0][1] == 0
