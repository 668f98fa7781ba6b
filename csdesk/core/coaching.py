"""One summary of the wording tests and the training quizzes, for reports (the weekly report of the insight area).

Qt-free and read-only: :func:`summary` returns plain data (JSON-ready) and changes nothing; :func:`abtest_section`
and :func:`quiz_section` are the weekly report's two sections of this area.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core import abtest, training
from csdesk.core.errors import CsdeskError

if TYPE_CHECKING:
    from csdesk.core.insight.report import ReportContext, Section
    from csdesk.core.library import Library


def summary(lib: Library, *, team_folder: str | Path | None = None) -> dict[str, Any]:
    """``{"abtests": [...], "quiz": [...]}``: each A/B test (running first) with its per-arm rates and a plain
    verdict ("B 比 A 更好的把握 94%"), and per agent the quizzes taken, latest/best score and whether one passed.
    ``team_folder`` adds the other agents' A/B files."""
    return {
        "abtests": abtest.summary(lib, team_folder=team_folder),
        "quiz": training.summary(lib, team_folder=team_folder),
    }


# -- the weekly report's sections (csdesk.core.insight.report lists them; imported there when a report is built) --
def _beijing_day(iso: str) -> str:
    """An ISO time (UTC) as the Beijing day the report's periods count in."""
    from datetime import datetime, timedelta

    try:
        return (datetime.fromisoformat(iso) + timedelta(hours=8)).date().isoformat()
    except ValueError:
        return iso[:10]


def abtest_section(ctx: ReportContext) -> Section | None:
    """话术 A/B 测试: the tests running, and those ended in the period, each arm's rate and the plain verdict."""
    from csdesk.core.errors import Message
    from csdesk.core.insight.report import Section

    start = ctx.period.start.isoformat()
    rows: list[list[Any]] = []
    for item in abtest.summary(ctx.lib):
        test = abtest.get_test(ctx.lib, item["id"])
        if test.status == "ended" and _beijing_day(test.ended_at) < start:
            continue
        try:
            title = ctx.lib.get(test.entry_id).title
        except CsdeskError:
            title = test.entry_id
        arms = ";".join(
            f"{a['key']} {a['successes']}/{a['marked']}" + (f" {a['rate']:.0%}" if a["marked"] else "")
            for a in item["arms"]
        )
        status = (
            Message("进行中", "running")
            if test.status == "running"
            else Message(f"已结束,胜出 {test.winner}", f"ended, {test.winner} promoted")
            if test.winner
            else Message("已结束", "ended")
        )
        rows.append([test.name or title, status, arms, Message(item["verdict"], item["verdict_en"])])
    if not rows:
        return None
    return Section(
        "abtests",
        Message("话术 A/B 测试", "Wording A/B tests"),
        [
            Message("测试", "Test"),
            Message("状态", "Status"),
            Message("各组:达成/标记", "Arms: goal met / marked"),
            Message("结论", "Verdict"),
        ],
        rows,
    )


def quiz_section(ctx: ReportContext) -> Section | None:
    """上岗考核: per agent, the quizzes finished in the period, the latest and best score and whether one passed
    (ever: an agent who passed last month stays passed)."""
    from csdesk.core.errors import Message
    from csdesk.core.insight.report import Section

    team = str(ctx.lib.setting("team_folder", "") or "") or None  # every agent's quizzes when the team shares
    results = training.quiz_results(ctx.lib, team_folder=team)
    if not results:
        return None
    start, end = ctx.period.start.isoformat(), ctx.period.end.isoformat()
    rows = []
    for agent in training.summary(ctx.lib, team_folder=team):
        mine = [r for r in results if r.agent == agent["agent"]]
        in_period = [r for r in mine if start <= _beijing_day(r.finished_at) <= end]
        rows.append(
            [
                agent["agent"] or "—",
                len(in_period),
                agent["latest_score"],
                agent["best_score"],
                Message("通过", "passed") if agent["passed"] else Message("未通过", "not passed"),
                _beijing_day(agent["latest_at"]),
            ]
        )
    return Section(
        "quiz",
        Message("上岗考核", "Training quiz"),
        [
            Message("客服", "Agent"),
            Message("本期考核次数", "Quizzes this period"),
            Message("最近得分", "Latest score"),
            Message("最高得分", "Best score"),
            Message("结果", "Result"),
            Message("最近一次", "Latest"),
        ],
        rows,
    )
