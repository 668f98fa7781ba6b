"""``csdesk abtest …`` and ``csdesk quiz …``: wording tests and quiz results from a terminal.

Kept beside cli.py (which only registers these parsers and handlers) so the wording-test and training area stays
in its own files.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from csdesk.core import abtest, training
from csdesk.core.errors import CsdeskError, say
from csdesk.core.library import Library

EXIT_OK = 0


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def add_parsers(sub: Any) -> None:
    """Add the ``abtest`` and ``quiz`` subcommands to cli.py's subparsers (every argument has help)."""
    p = sub.add_parser("abtest", help=say("话术 A/B 测试:列表、详情、开始、结束", "wording A/B tests"))
    actions = p.add_subparsers(dest="abtest_action", metavar="ACTION", required=True)
    q = actions.add_parser("list", help=say("列出所有测试", "list every test"))
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    q.add_argument(
        "--team", action="store_true", help=say("加上团队文件夹里其他客服的数据", "add the team's data")
    )
    q = actions.add_parser("show", help=say("一个测试的结果", "one test's results"))
    q.add_argument("id", help=say("测试编号", "test number"))
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    q.add_argument(
        "--team", action="store_true", help=say("加上团队文件夹里其他客服的数据", "add the team's data")
    )
    q = actions.add_parser("end", help=say("结束测试(可推广胜出的说法)", "end a test (and promote a winner)"))
    q.add_argument("id", help=say("测试编号", "test number"))
    q.add_argument(
        "--promote",
        metavar="ARM",
        help=say("把这一组(A/B/…)的说法设为正式回复", "make this arm's wording the reply"),
    )
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    q = actions.add_parser("start", help=say("在一个条目上开始测试", "start a test on an entry"))
    q.add_argument("entry", help=say("条目:编号、快捷码或标题", "entry: id, code or title"))
    q.add_argument(
        "--name", default="", help=say("测试名称(默认:条目标题)", "test name (default: the title)")
    )
    q.add_argument(
        "--shop",
        action="append",
        help=say("只在这些店铺测试(可重复;默认所有店铺)", "only these shops (repeatable)"),
    )
    q.add_argument("--tag", default="", help=say("只测试带这个标签的客户", "only customers with this tag"))
    q.add_argument("--split", default="", help=say("分流比例,例如 50/50", "the split, e.g. 50/50"))
    q.add_argument(
        "--goal", default="deal", choices=tuple(abtest.GOALS), help=say("目标:成交/解决/好评", "the goal")
    )
    q.add_argument("--until", default="", metavar="YYYY-MM-DD", help=say("结束日期", "end date"))
    q.add_argument(
        "--sample", type=int, default=0, help=say("达到这么多对话后停止", "stop after this many chats")
    )
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    q = actions.add_parser(
        "sync", help=say("与团队文件夹同步(加入团队的测试、写出自己的数据)", "sync with the team folder")
    )
    q.add_argument(
        "folder", nargs="?", help=say("团队文件夹(默认:设置里的)", "team folder (default: the setting)")
    )
    q = actions.add_parser("outcomes", help=say("从订单 CSV 导入结果", "import outcomes from an orders CSV"))
    q.add_argument("file", help=say("CSV:客户昵称、时间、是否下单", "CSV: nickname, time, ordered"))
    q.add_argument("--test", type=int, help=say("只记到这个测试", "only this test"))

    p = sub.add_parser("quiz", help=say("上岗考核:查看成绩、设置", "training quiz: results and settings"))
    actions = p.add_subparsers(dest="quiz_action", metavar="ACTION", required=True)
    q = actions.add_parser("results", help=say("考核成绩(主管查看)", "quiz results (for the supervisor)"))
    q.add_argument("--agent", metavar="NAME", help=say("只看这位客服", "only this agent"))
    q.add_argument(
        "--team",
        action="store_true",
        help=say(
            "加上团队文件夹里其他客服的成绩(客服用 abtest sync 写入)",
            "add the other agents' results from the team folder (written by their abtest sync)",
        ),
    )
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    q = actions.add_parser("settings", help=say("查看或修改考核设置", "show or change the quiz settings"))
    q.add_argument("--count", type=int, help=say("题目数量", "number of questions"))
    q.add_argument("--pass-mark", type=int, help=say("及格线(百分比)", "pass mark (percent)"))
    q.add_argument(
        "--time-limit", type=int, help=say("每题限时(秒,0 不限)", "seconds per question (0: none)")
    )
    q.add_argument(
        "--mode", choices=("search", "choice"), help=say("答题方式:搜索 / 选择", "search or choice")
    )
    q.add_argument(
        "--chat",
        choices=("on", "off"),
        help=say(
            "聊天记录题:用导入聊天记录时留下的真实顾客消息出题",
            "questions from chat records: ask the real customer messages kept by chats import --quiz",
        ),
    )
    q = actions.add_parser(
        "chats",
        help=say("从聊天记录留下的考核题:列出、删除", "quiz questions kept from chat records: list, remove"),
    )
    q.add_argument(
        "--remove", type=int, nargs="+", metavar="ID", help=say("删除这些题", "remove these questions")
    )
    q.add_argument("--clear", action="store_true", help=say("全部删除", "remove them all"))
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))


def supervisor_action(args: argparse.Namespace) -> tuple[str, str] | None:
    """What of these commands needs the supervisor PIN (cli.py asks it first): starting and ending a test (ending
    may promote a wording into the library), changing the quiz settings, and the quiz's chat-record questions.
    Reading, syncing and recording outcomes stay open to agents."""
    if args.command == "abtest" and args.abtest_action in ("start", "end"):
        return f"A/B 测试「{args.abtest_action}」", f"The A/B test command '{args.abtest_action}'"
    if args.command == "quiz" and args.quiz_action == "settings":
        changes = (args.count, args.pass_mark, args.time_limit, args.mode, args.chat)
        if any(v is not None for v in changes):
            return "修改考核设置", "Changing the quiz settings"
    if args.command == "quiz" and args.quiz_action == "chats" and (args.remove or args.clear):
        return "删除聊天记录题", "Removing chat-record quiz questions"
    if args.command == "chats" and getattr(args, "quiz", False):
        return "把聊天记录留作考核题", "Keeping chat records as quiz questions"
    return None


def _team_folder(lib: Library, args: argparse.Namespace) -> str | None:
    if not getattr(args, "team", False):
        return None
    folder = str(lib.setting("team_folder", "") or "")
    if not folder:
        raise CsdeskError(
            "还没有设置团队文件夹(csdesk config team_folder 路径)。",
            "No team folder is set (csdesk config team_folder PATH).",
        )
    return folder


def _test_json(lib: Library, test: abtest.AbTest, team: str | None) -> dict[str, Any]:
    result = abtest.results(lib, test, team_folder=team)
    return {
        "id": test.id, "uid": test.uid, "name": test.name, "entry_id": test.entry_id, "status": test.status,
        "goal": test.goal, "shops": list(test.shops), "customer_tag": test.customer_tag, "end_date": test.end_date,
        "end_sample": test.end_sample, "started_at": test.started_at, "ended_at": test.ended_at,
        "winner": test.winner, "result": result.as_dict(),
    }  # fmt: skip


def _print_test(lib: Library, test: abtest.AbTest, team: str | None) -> None:
    result = abtest.results(lib, test, team_folder=team)
    state = say("进行中", "running") if test.status == "running" else say("已结束", "ended")
    goal = say(test.goal_label, abtest.GOALS[test.goal][1])
    print(f"#{test.id} {test.name} [{state}] {say('目标', 'goal')}: {goal}")
    for arm in result.arms:
        line = (
            f"  {arm.key} {arm.label}: {say('复制', 'copies')} {arm.copies}, {say('对话', 'chats')} {arm.chats}, "
            f"{say('达成', 'met')} {arm.successes}/{arm.marked} = {arm.rate:.0%} "
            f"(95% {arm.low:.0%}–{arm.high:.0%})"
        )
        if arm.p_value is not None:
            line += f", p = {arm.p_value:.3f}"
        print(line)
    print("  " + say(result.verdict, result.verdict_en))
    if result.needed_per_arm:
        print(
            "  "
            + say(
                f"每组还需约 {result.needed_per_arm} 个对话",
                f"about {result.needed_per_arm} more chats per arm",
            )
        )
    if test.winner:
        print("  " + say(f"已推广 {test.winner} 组的说法", f"arm {test.winner} was promoted"))


def cmd_abtest(lib: Library, args: argparse.Namespace) -> int:
    action = args.abtest_action
    if action == "outcomes":
        report = abtest.import_orders_csv(lib, args.file, test_id=args.test)
        print(
            say(
                f"读了 {report.rows} 行,对上 {report.matched} 位客户。",
                f"{report.rows} rows read, {report.matched} customers matched.",
            )
        )
        if report.unmatched:
            print(say("没对上:", "not matched: ") + "、".join(report.unmatched[:20]))
        return EXIT_OK
    if action == "start":
        entry = lib.find(args.entry)
        test = abtest.start_test(
            lib, entry.id, name=args.name, shops=args.shop or (), customer_tag=args.tag, split=args.split,
            goal=args.goal, end_date=args.until, end_sample=args.sample,
        )  # fmt: skip
        if args.json:
            _print_json(_test_json(lib, test, None))
        else:
            print(say(f"已开始测试 #{test.id}:{test.name}", f"Test #{test.id} started: {test.name}"))
        return EXIT_OK
    if action == "sync":
        folder = args.folder or str(lib.setting("team_folder", "") or "")
        if not folder:
            raise CsdeskError(
                "还没有设置团队文件夹(csdesk config team_folder 路径)。",
                "No team folder is set (csdesk config team_folder PATH).",
            )
        joined, ended = abtest.sync_team(lib, folder)
        print(
            say(
                f"已同步:加入 {joined} 个测试,结束 {ended} 个。",
                f"Synced: {joined} tests joined, {ended} ended.",
            )
        )
        return EXIT_OK
    team = _team_folder(lib, args)
    if action == "list":
        found = abtest.tests(lib)
        if args.json:
            _print_json([_test_json(lib, t, team) for t in found])
        elif not found:
            print(say("还没有 A/B 测试。", "No A/B tests yet."))
        for test in found if not args.json else ():
            _print_test(lib, test, team)
        return EXIT_OK
    test = abtest.get_test(lib, args.id)
    if action == "end":
        test = abtest.end_test(lib, test.id, promote=args.promote.upper() if args.promote else None)
    if args.json:
        _print_json(_test_json(lib, test, team))
    else:
        _print_test(lib, test, team)
    return EXIT_OK


def cmd_quiz(lib: Library, args: argparse.Namespace) -> int:
    if args.quiz_action == "settings":
        current = training.quiz_settings(lib)
        changes = {
            k: v
            for k, v in (
                ("count", args.count), ("pass_mark", args.pass_mark), ("time_limit", args.time_limit),
                ("mode", args.mode), ("chat_questions", None if args.chat is None else args.chat == "on"),
            )
            if v is not None
        }  # fmt: skip
        if changes:
            current = training.save_quiz_settings(
                lib, training.QuizSettings(**{**current.__dict__, **changes})
            )
        print(
            say(
                f"题目 {current.count} 道,及格线 {current.pass_mark}%,每题限时 {current.time_limit} 秒,方式 {current.mode},"
                f"聊天记录题 {'开' if current.chat_questions else '关'}",
                f"{current.count} questions, pass mark {current.pass_mark}%, {current.time_limit} s each, mode "
                f"{current.mode}, chat-record questions {'on' if current.chat_questions else 'off'}",
            )
        )
        return EXIT_OK
    if args.quiz_action == "chats":
        return _quiz_chats(lib, args)
    results = training.quiz_results(lib, agent=args.agent, team_folder=_team_folder(lib, args))
    if args.json:
        _print_json([r.as_dict() for r in results])
        return EXIT_OK
    if not results:
        print(say("还没有考核记录。", "No quiz results yet."))
    for r in results:
        verdict = say("通过", "passed") if r.passed else say("未通过", "failed")
        print(
            f"#{r.id} {r.agent} {r.finished_at[:16].replace('T', ' ')} {r.correct}/{r.total} = {r.score}% "
            f"({say('及格线', 'pass mark')} {r.pass_mark}%) {verdict}, {r.seconds:.0f} s"
        )
        for miss in r.misses:
            print(f"    ✗ {miss['prompt']}")
    return EXIT_OK


def _quiz_chats(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core import chatquiz

    if args.clear or args.remove:
        gone = chatquiz.remove(lib, None if args.clear else args.remove)
        print(say(f"已删除 {gone} 道聊天记录题。", f"Removed {gone} chat-record question(s)."))
        return EXIT_OK
    questions = chatquiz.kept(lib)
    if args.json:
        _print_json([q.__dict__ for q in questions])
        return EXIT_OK
    if not questions:
        print(
            say(
                "还没有聊天记录题(csdesk chats import 文件 --quiz 会留下)。",
                "No chat-record questions yet (csdesk chats import FILE --quiz keeps them).",
            )
        )
    for q in questions:
        try:
            entry = lib.get(q.entry_id).title
        except CsdeskError:
            entry = say("(条目已删除)", "(entry deleted)")
        print(f"#{q.id} {q.text}  → {entry}  [{q.source}]")
    return EXIT_OK


COMMANDS = {"abtest": cmd_abtest, "quiz": cmd_quiz}
