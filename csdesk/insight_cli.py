"""The supervisor's commands of ``csdesk``: stats, gaps, chats import, usage export/import, report, cheatsheet.

Kept beside cli.py (which only registers them: :func:`add_parsers`, :data:`COMMANDS`) so the insight area's
command line lives with the area. Qt is imported only to print a PDF.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from csdesk.core.errors import CsdeskError, say, user_language
from csdesk.core.library import Library

EXIT_OK = 0


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def add_parsers(sub: Any, whole_number: Any) -> None:
    """Add the insight subcommands to ``csdesk``'s subparsers (every argument with help, zh or en)."""
    period_help = say(
        "从这一天起(如 2026-05-01;默认最近 7 天)",
        "from this day on (e.g. 2026-05-01; default: the last 7 days)",
    )
    until_help = say("到这一天止(默认今天)", "up to this day (default: today)")
    shop_help = say("只看这个店铺", "only this shop")
    json_help = say("输出 JSON", "print JSON")

    p = sub.add_parser("stats", help=say("使用统计:常用、没用过、红线、客服", "usage statistics"))
    p.add_argument("--since", metavar="DATE", help=period_help)
    p.add_argument("--until", metavar="DATE", help=until_help)
    p.add_argument("--shop", help=shop_help)
    p.add_argument("--agent", help=say("只看这位客服", "only this agent"))
    p.add_argument(
        "--limit",
        type=whole_number,
        default=10,
        metavar="N",
        help=say("每个列表最多几条(默认 10)", "at most N rows per list (default 10)"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    p = sub.add_parser("gaps", help=say("高频新问题:搜索了却没找到或没复制", "knowledge gaps from searches"))
    p.add_argument("--since", metavar="DATE", help=period_help)
    p.add_argument("--until", metavar="DATE", help=until_help)
    p.add_argument("--shop", help=shop_help)
    p.add_argument(
        "--kind",
        choices=("all", "failed", "not_copied"),
        default="all",
        help=say(
            "all:全部;failed:没找到;not_copied:找到但没复制", "all, failed (found nothing) or not_copied"
        ),
    )
    p.add_argument(
        "--limit",
        type=whole_number,
        default=20,
        metavar="N",
        help=say("最多几组(默认 20)", "at most N groups (default 20)"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    p = sub.add_parser("chats", help=say("分析聊天记录,找出顾客的高频问题", "analyse chat records"))
    p.add_argument(
        "action", choices=("import",), help=say("import:导入并分析聊天记录", "import: read and analyse")
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=say("聊天记录文件(txt、csv、xlsx)", "chat record files (txt, csv, xlsx)"),
    )
    p.add_argument("--shop", help=say("用这个店铺的话术判断是否已有答案", "look answers up in this shop"))
    p.add_argument(
        "--agent",
        action="append",
        default=[],
        metavar="NAME",
        help=say("客服的名字(可重复;补充设置里的名单)", "an agent's name (repeatable)"),
    )
    p.add_argument(
        "--min-count",
        type=whole_number,
        default=2,
        metavar="N",
        help=say("至少被问几次才列出(默认 2)", "list questions asked at least N times (default 2)"),
    )
    p.add_argument(
        "--limit",
        type=whole_number,
        default=30,
        metavar="N",
        help=say("最多几组(默认 30)", "at most N groups (default 30)"),
    )
    p.add_argument(
        "--save",
        metavar="FILE",
        help=say("把统计结果(不含聊天原文)存为 JSON", "keep the statistics (no transcript) as JSON"),
    )
    p.add_argument(
        "--quiz",
        action="store_true",
        help=say(
            "把客服用话术库回复答过的顾客消息(已遮蔽号码)留作考核题",
            "keep the customer messages an agent answered with a library reply (masked) as quiz questions",
        ),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    p = sub.add_parser(
        "usage", help=say("团队使用记录:导出到团队文件夹、汇总", "team usage files: export, import")
    )
    p.add_argument(
        "action",
        choices=("export", "import"),
        help=say(
            "export:写出本机的使用记录;import:读入客服的使用记录",
            "export this machine's usage; import the agents' files",
        ),
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=say("文件夹或文件(默认:设置里的团队文件夹)", "folder or files (default: the team folder)"),
    )

    p = sub.add_parser(
        "report", help=say("生成周报(xlsx、html 或 pdf)", "write the weekly report (xlsx, html or pdf)")
    )
    p.add_argument(
        "file", help=say("输出文件,按扩展名:.xlsx、.html、.pdf", "output file; .xlsx, .html or .pdf")
    )
    p.add_argument("--since", metavar="DATE", help=period_help)
    p.add_argument("--until", metavar="DATE", help=until_help)
    p.add_argument("--shop", help=shop_help)

    p = sub.add_parser(
        "cheatsheet", help=say("生成店铺话术速查表(pdf 或 html)", "write a shop's cheat sheet (pdf or html)")
    )
    p.add_argument("file", help=say("输出文件:.pdf 或 .html", "output file: .pdf or .html"))
    p.add_argument("--shop", help=say("店铺(默认全部店铺)", "shop (default: every shop)"))


def _period(args: argparse.Namespace) -> Any:
    from csdesk.core.insight.period import Period

    return Period.since(args.since, args.until)


def _cmd_stats(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.insight.usage import UsageStats

    stats = UsageStats(lib, _period(args), shop=args.shop, agent=args.agent)
    if args.json:
        _print_json(stats.as_dict(args.limit))
        return EXIT_OK
    t = stats.totals()
    print(say(f"时间段:{stats.period.label()}", f"Period: {stats.period.label()}"))
    print(
        say(
            f"复制 {t.copies} 次(越过红线 {t.overrides},提醒后复制 {t.warned});客服 {t.agents} 位",
            f"Copies: {t.copies} (red line overridden {t.overrides}, after a warning {t.warned}); agents: {t.agents}",
        )
    )
    print(
        say(
            f"没找到的搜索 {t.searches_failed},找到但没复制 {t.searches_not_copied}",
            f"Searches that found nothing: {t.searches_failed}; nothing copied: {t.searches_not_copied}",
        )
    )
    print(
        say(
            f"用过的话术 {t.entries_used} 条,没用过 {t.entries_never_used} 条",
            f"Entries used: {t.entries_used}; never used: {t.entries_never_used}",
        )
    )
    sections = (
        (say("最常用", "Most used"), stats.top_entries(args.limit)),
        (say("越过红线", "Copied over a red line"), stats.overridden(args.limit)),
        (say("用得最少", "Least used"), stats.least_used(args.limit)),
        (say("没用过", "Never used"), stats.never_used(args.limit)),
    )
    for title, uses in sections:
        if not uses:
            continue
        print(f"\n{title}:")
        for e in uses:
            extra = say(f"  越过红线 {e.overrides}", f"  overridden {e.overrides}") if e.overrides else ""
            print(f"  {e.copies:>6}  {e.code or '-':<8} {e.title}  [{e.shop} {e.category}]{extra}")
    agents = stats.per_agent()
    if agents:
        print("\n" + say("客服:", "Agents:"))
        for a in agents:
            print(
                f"  {a.agent or '—':<12} {a.copies:>6}  "
                + say(
                    f"越过红线 {a.overrides},没找到 {a.searches_failed},没复制 {a.searches_not_copied}",
                    f"overridden {a.overrides}, found nothing {a.searches_failed}, nothing copied {a.searches_not_copied}",
                )
            )
    return EXIT_OK


def _cmd_gaps(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.insight.gaps import find_gaps

    period = _period(args)
    gaps = find_gaps(lib, period, shop=args.shop, kind=args.kind, limit=args.limit)
    if args.json:
        _print_json(
            {
                "period": {"start": period.first_day, "end": period.last_day},
                "gaps": [g.as_dict() for g in gaps],
            }
        )
        return EXIT_OK
    if not gaps:
        print(say(f"{period.label()}:没有未解决的搜索。", f"{period.label()}: no unanswered searches."))
        return EXIT_OK
    print(say(f"时间段:{period.label()}", f"Period: {period.label()}"))
    for number, gap in enumerate(gaps, 1):
        print(
            f"\n{number}. {gap.label}  ×{gap.count}"
            + say(f"(没找到 {gap.failed})", f" (found nothing {gap.failed})")
        )
        others = "、".join(f"{t}×{n}" for t, n in gap.wordings[1:8])
        if others:
            print("   " + say("其他问法:", "other wordings: ") + others)
        if gap.suggestion is not None:
            s = gap.suggestion
            sure = f"{s.sureness:.0%}"
            print(
                "   "
                + say(
                    f"最接近:{s.title}({s.code or '-'},把握 {sure})",
                    f"closest: {s.title} ({s.code or '-'}, sureness {sure})",
                )
            )
        print(
            "   "
            + say("最近:", "latest: ")
            + ";".join(f"{ts[:16].replace('T', ' ')} {t}" for ts, t in gap.newest[:3])
        )
    return EXIT_OK


def _cmd_chats(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.insight.chats import analyse_chats

    result = analyse_chats(
        lib,
        [Path(f) for f in args.files],
        shop=args.shop,
        extra_agents=args.agent,
        limit=args.limit,
        min_count=args.min_count,
    )
    data = result.as_dict()
    if args.quiz:
        from csdesk.core import chatquiz

        found = chatquiz.find_answered(
            lib, [Path(f) for f in args.files], shop=args.shop, extra_agents=args.agent
        )
        data["quiz_questions"] = {"found": len(found), "added": chatquiz.keep(lib, found)}
    if args.save:
        target = Path(args.save)
        try:
            target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        except OSError as exc:
            raise CsdeskError(f"无法写入「{target}」:{exc}", f"Cannot write '{target}': {exc}") from exc
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(
        say(
            f"{result.files} 个文件,{result.messages} 条消息(顾客 {result.customer_messages},客服 {result.agent_messages});"
            f"顾客 {result.customers} 位,问题 {result.questions} 个",
            f"{result.files} file(s), {result.messages} messages ({result.customer_messages} from customers, "
            f"{result.agent_messages} from agents); {result.customers} customers, {result.questions} questions",
        )
    )
    print(
        say("客服:", "Agents: ")
        + (
            "、".join(result.agents)
            or say("(没有认出客服,可用 --agent 指定)", "(none recognised; name them with --agent)")
        )
    )
    for number, group in enumerate(result.groups, 1):
        s = group.suggestion
        if s is not None and s.answers:
            state = say(
                f"已有答案:{s.title}(把握 {s.sureness:.0%})",
                f"answered by: {s.title} (sureness {s.sureness:.0%})",
            )
        elif s is not None:
            state = say(
                f"没有把握的答案:{s.title}({s.sureness:.0%})", f"unsure: {s.title} ({s.sureness:.0%})"
            )
        else:
            state = say("话术库里没有答案", "no answer in the library")
        print(f"\n{number}. {group.label}  ×{group.count}  — {state}")
        others = "、".join(t for t, _ in group.wordings[1:6])
        if others:
            print("   " + say("其他问法:", "other wordings: ") + others)
        if group.replies:
            print("   " + say("客服实际回复:", "agents replied: ") + group.replies[0][0].replace("\n", " "))
    if args.quiz:
        quiz = data["quiz_questions"]
        print(
            say(
                f"\n考核题:{quiz['found']} 条顾客消息由客服用话术库的回复答过,新留下 {quiz['added']} 条"
                "(在考核设置里打开「聊天记录题」才会出题)",
                f"\nQuiz: {quiz['found']} customer messages were answered with a library reply, {quiz['added']} "
                "newly kept (switch on “questions from chat records” in the quiz settings to ask them)",
            )
        )
    if args.save:
        print(
            say(
                f"\n统计结果已保存:{args.save}(不含聊天原文)",
                f"\nStatistics kept in {args.save} (no transcript).",
            )
        )
    return EXIT_OK


def _cmd_usage(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.insight.teamusage import export_usage, import_usage

    paths = [Path(p) for p in args.paths]
    if not paths:
        folder = str(lib.setting("team_folder", "") or "")
        if not folder:
            raise CsdeskError(
                "还没有设置团队文件夹:请在命令后写上文件夹,或在设置里填写。",
                "No team folder: name one after the command or set it in the app's settings.",
            )
        paths = [Path(folder)]
    if args.action == "export":
        if len(paths) != 1:
            raise CsdeskError("导出只需要一个文件夹。", "Export takes one folder.")
        written = export_usage(lib, paths[0])
        print(
            say(f"已写出使用记录:{written}", f"Usage written: {written}")
            if written
            else say("没有新的使用记录。", "No new usage.")
        )
        return EXIT_OK
    result = import_usage(lib, paths)
    print(
        say(
            f"读入 {result.files} 个文件:复制 {result.copies} 条、搜索 {result.searches} 条;已读过的 {result.duplicates} 条不重复计算"
            + (f";跳过本机自己的文件 {result.own} 个" if result.own else ""),
            f"Read {result.files} file(s): {result.copies} copies, {result.searches} searches; {result.duplicates} rows "
            "already read were not counted again"
            + (f"; skipped {result.own} file(s) of this machine" if result.own else ""),
        )
    )
    return EXIT_OK


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        names = "、".join(allowed)
        raise CsdeskError(
            f"无法识别输出文件「{path.name}」的格式,请用这些扩展名:{names}",
            f"Unknown output format for '{path.name}'; use one of: {', '.join(allowed)}",
        )
    return suffix


def _cmd_report(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.insight.report import build_report, report_html, write_html, write_report_xlsx

    path = Path(args.file)
    suffix = _suffix(path, (".xlsx", ".html", ".pdf"))
    report = build_report(lib, _period(args), shop=args.shop)
    language = user_language()
    if suffix == ".xlsx":
        write_report_xlsx(report, path, language)
    elif suffix == ".html":
        write_html(report_html(report, language), path)
    else:
        from csdesk.gui.insight.printing import html_to_pdf

        html_to_pdf(report_html(report, language), path)
    print(say(f"周报已生成:{path}", f"Report written: {path}"))
    return EXIT_OK


def _cmd_cheatsheet(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.insight.report import cheatsheet_html, write_html

    path = Path(args.file)
    suffix = _suffix(path, (".pdf", ".html"))
    text = cheatsheet_html(lib, args.shop, user_language())
    if suffix == ".html":
        write_html(text, path)
    else:
        from csdesk.gui.insight.printing import html_to_pdf

        html_to_pdf(text, path)
    print(say(f"速查表已生成:{path}", f"Cheat sheet written: {path}"))
    return EXIT_OK


COMMANDS = {
    "stats": _cmd_stats,
    "gaps": _cmd_gaps,
    "chats": _cmd_chats,
    "usage": _cmd_usage,
    "report": _cmd_report,
    "cheatsheet": _cmd_cheatsheet,
}

__all__ = ["COMMANDS", "add_parsers"]
