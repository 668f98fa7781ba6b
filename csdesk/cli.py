"""The ``csdesk`` command: with no subcommand it starts the app; subcommands work on the library from a terminal.

Exit codes: 0 success (a search with no hits included), 1 a block-level red line found by ``check``, 2 an error,
with a clear message on stderr and never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from csdesk import __version__
from csdesk.core.errors import CsdeskError, ImportRejected, localized, say, user_language
from csdesk.core.library import Library
from csdesk.core.models import Entry, SearchHit
from csdesk.core.paths import resolve_home

EXIT_OK, EXIT_BLOCKED, EXIT_ERROR = 0, 1, 2


def _language() -> str:
    """``en`` when the environment asks for English (CSDESK_LANG, LC_ALL, LANG), otherwise ``zh``."""
    return user_language()


def _say(zh: str, en: str) -> str:
    return say(zh, en)


# argparse's own texts (usage line, section titles, -h help, error messages) in Chinese. argparse looks every one up
# through its module-level gettext functions ``_`` and ``ngettext`` when it builds a parser and when it formats
# help or an error, so main() installs these two for the duration of the command line's parsing.
_ARGPARSE_ZH = {
    "usage: ": "用法:",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s:%(message)s",
    "invalid %(type)s value: %(value)r": "值 %(value)r 无效(应为%(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r(可选:%(choices)s)",
    "the following arguments are required: %s": "缺少必需的参数:%s",
    "unrecognized arguments: %s": "无法识别的参数:%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义,可能是:%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "one of the arguments %s is required": "需要以下参数之一:%s",
    "unexpected option string: %s": "意外的选项:%s",
    "can't open '%(filename)s': %(error)s": "无法打开「%(filename)s」:%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s:错误:%(message)s\n",
}


def _argparse_gettext(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message) if _language() == "zh" else message


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _argparse_gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def _argparse_in_user_language() -> Iterator[None]:
    """argparse speaks the user's language inside the block (see _ARGPARSE_ZH); restored afterwards."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_gettext, _argparse_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line message (its default), but never prints a traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"csdesk: {_say('参数错误', 'error')}: {message}\n")


def _whole_number() -> Any:
    """``int`` for argparse, named in the user's language (argparse puts the type's name in its error)."""

    def whole_number(text: str) -> int:
        return int(text)

    whole_number.__name__ = _say("整数", "int")
    return whole_number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="csdesk",
        description=_say(
            "csdesk 客服话术库。不带子命令时启动桌面程序。",
            "csdesk customer-service library. Without a subcommand it starts the app.",
        ),
    )
    parser.add_argument(
        "--home", metavar="DIR", help=_say("话术库目录(优先于 CSDESK_HOME)", "library home folder")
    )
    parser.add_argument(
        "--no-demo",
        action="store_true",
        help=_say("新建话术库时不放入演示内容", "create a new library empty"),
    )
    parser.add_argument(
        "--toggle", action="store_true", help=_say("显示/隐藏正在运行的窗口", "show/hide the running app")
    )
    parser.add_argument("--debug", action="store_true", help=_say("出错时显示详细信息", "show tracebacks"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"csdesk {__version__}",
        help=_say("显示版本号并退出", "show the version and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("search", help=_say("搜索话术", "search entries"))
    p.add_argument("query")
    p.add_argument("--shop", help=_say("店铺(同时搜索「通用」)", "shop (通用 is always included)"))
    p.add_argument(
        "--limit",
        type=_whole_number(),
        default=10,
        metavar="N",
        help=_say("最多显示几条(默认 10)", "at most N hits (default 10)"),
    )
    p.add_argument("--json", action="store_true", help=_say("输出 JSON", "print JSON"))

    for name, text in (
        ("show", _say("显示一条话术", "show an entry")),
        ("copy", _say("复制回复到剪贴板", "copy a reply")),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("ref", metavar="ID|CODE")
        p.add_argument("--shop")
        if name == "show":
            p.add_argument("--json", action="store_true")
        else:
            p.add_argument(
                "--set",
                action="append",
                default=[],
                metavar="名=值",
                help=_say("填写占位符", "placeholder value"),
            )
            p.add_argument("--variant", help=_say("变体编号或名称", "variant id or label"))

    p = sub.add_parser("check", help=_say("检查文字是否触犯红线", "check text against red-line rules"))
    p.add_argument("text", metavar="TEXT|-")
    p.add_argument("--shop")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("import", help=_say("导入文件", "import a file"))
    p.add_argument("file")
    p.add_argument(
        "--format",
        help=_say(
            "格式:csdesk、xlsx、csv、qianniu、espanso、beeftext、textexpander(默认按文件判断)",
            "csdesk, xlsx, csv, qianniu, espanso, beeftext or textexpander (default: from the file)",
        ),
    )
    p.add_argument("--shop")
    p.add_argument("--mode", choices=("merge", "replace", "skip"), default="merge")
    p.add_argument("--dry-run", action="store_true", help=_say("只预览,不写入", "preview only"))

    p = sub.add_parser("export", help=_say("导出到文件", "export to a file"))
    p.add_argument("file")
    p.add_argument(
        "--format",
        help=_say(
            "格式:csdesk、xlsx、csv、qianniu、espanso(默认按扩展名判断)",
            "csdesk, xlsx, csv, qianniu or espanso (default: from the extension)",
        ),
    )
    p.add_argument(
        "--shop", action="append", help=_say("只导出这些店铺(可重复)", "only these shops (repeatable)")
    )
    p.add_argument("--customers", action="store_true", help=_say("同时导出客户资料", "include customer data"))

    p = sub.add_parser("template", help=_say("生成空白 Excel 模板", "write an empty Excel template"))
    p.add_argument("file")

    p = sub.add_parser(
        "team", help=_say("团队话术库:发布、更新、状态", "team library: publish, update, status")
    )
    p.add_argument("action", choices=("publish", "update", "status"))
    p.add_argument("folder", nargs="?", help=_say("共享文件夹(默认:设置里的团队文件夹)", "shared folder"))
    p.add_argument(
        "--shop", action="append", help=_say("只发布这些店铺(可重复)", "only these shops (publish)")
    )

    p = sub.add_parser(
        "config",
        help=_say("查看或修改话术库设置(客服名、团队文件夹……)", "show or change library settings"),
        description=_say(
            "不带参数时列出所有设置;只写 KEY 时显示它的值;写上 KEY VALUE 时修改(VALUE 为空字符串表示清除)。"
            "设置项:" + "、".join(f"{k}({zh})" for k, (zh, _en, _t) in _CONFIG_KEYS.items()),
            "Without arguments lists every setting; KEY shows one; KEY VALUE changes it (an empty VALUE clears it). "
            "Settings: " + ", ".join(f"{k} ({en})" for k, (_zh, en, _t) in _CONFIG_KEYS.items()),
        ),
    )
    p.add_argument("key", nargs="?", metavar="KEY")
    p.add_argument("value", nargs="?", metavar="VALUE")

    sub.add_parser("backup", help=_say("备份数据库到 backups 文件夹", "back up the database into backups/"))
    sub.add_parser("reindex", help=_say("重建搜索索引", "rebuild the search index"))
    sub.add_parser("doctor", help=_say("检查并修复话术库", "check and repair the library"))
    sub.add_parser("info", help=_say("话术库概况", "library summary"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    try:
        with _argparse_in_user_language():
            args = build_parser().parse_args(argv)
    except BrokenPipeError:  # `csdesk --help | head`
        _silence_stdout()
        return EXIT_OK
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        if args.home is not None:
            resolve_home(args.home)  # an empty --home is an error (for the app too), not the default home
    except CsdeskError as exc:
        print(f"csdesk: {exc.localized(_language())}", file=sys.stderr)
        return EXIT_ERROR
    if args.command is None:
        return _start_gui(args)
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return code
    except BrokenPipeError:
        # the reader went away (`csdesk search … | head`): nothing is wrong and nothing more is worth printing
        _silence_stdout()
        return EXIT_OK
    except ImportRejected as exc:
        print(
            _say("文件有错误,未导入任何内容:", "The file has errors; nothing was imported:"), file=sys.stderr
        )
        for problem in exc.errors:
            print(f"  {problem.localized(_language())}", file=sys.stderr)
        for problem in exc.warnings:
            print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
        return EXIT_ERROR
    except CsdeskError as exc:
        text = exc.localized(_language())
        print(f"csdesk: {text}" + (f"\n{exc.hint}" if exc.hint else ""), file=sys.stderr)
        if args.debug:
            raise
        return EXIT_ERROR
    except sqlite3.DatabaseError as exc:
        print(
            "csdesk: "
            + _say(
                f"话术库数据库损坏或无法读取({exc})。请运行 csdesk doctor,或从 backups 文件夹恢复。",
                f"The library database is damaged or unreadable ({exc}). Run 'csdesk doctor' or restore a backup.",
            ),
            file=sys.stderr,
        )
        if args.debug:
            raise
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # a bug: short message, traceback only on request
        print(
            "csdesk: "
            + _say(
                f"内部错误:{type(exc).__name__}: {exc}(加 --debug 查看详情)",
                f"internal error: {exc!r} (use --debug)",
            ),
            file=sys.stderr,
        )
        if args.debug:
            raise
        return EXIT_ERROR


def _silence_stdout() -> None:
    """Point stdout at the null device, so the final flush at exit does not raise BrokenPipeError again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure and (getattr(stream, "encoding", "") or "").lower() not in ("utf-8", "utf8"):
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def _start_gui(args: argparse.Namespace) -> int:
    if args.toggle:
        from csdesk.gui.app import not_running_message, toggle_running_instance

        if toggle_running_instance(args.home):
            return EXIT_OK
        print(not_running_message(args.home), file=sys.stderr)
        return EXIT_ERROR
    from csdesk.gui.app import main as gui_main

    return gui_main(["csdesk"], home=args.home, demo=not args.no_demo)


def _open(args: argparse.Namespace) -> Library:
    return Library.open(resolve_home(args.home), demo=not args.no_demo)


def _run(args: argparse.Namespace) -> int:
    if args.command == "template":
        from csdesk.formats import write_template

        write_template(Path(args.file))
        print(_say(f"已生成模板:{args.file}", f"Template written: {args.file}"))
        return EXIT_OK
    if args.command == "check" and args.text == "-":
        args.text = sys.stdin.read()
    if args.command == "doctor":  # also when the database cannot be opened at all
        return _doctor(args)
    with _open(args) as lib:
        _check_shops(lib, args)
        handler = _COMMANDS[args.command]
        return handler(lib, args)


def _check_shops(lib: Library, args: argparse.Namespace) -> None:
    """Every command's --shop must name an existing shop (NotFoundError, exit 2): a typo never creates a shop.

    Shops named inside an imported file are still created by the import; only the option is checked here. A
    bundle's --shop picks one of the bundle's own shops (created by the import; the import refuses one the bundle
    lacks), so it is left to the import.
    """
    if args.command == "import" and args.shop and Path(args.file).is_file():
        from csdesk.formats import detect_format, resolve_format

        try:
            path = Path(args.file)
            fmt = resolve_format(args.format, path) if args.format else detect_format(path)
        except CsdeskError:
            fmt = ""  # the import itself explains
        if fmt == "bundle":
            return
    shops = getattr(args, "shop", None)
    for name in [shops] if isinstance(shops, str) else shops or ():
        lib.shop(name)


# ----------------------------------------------------------------------------------------------------------
# Subcommands
# ----------------------------------------------------------------------------------------------------------
def _cmd_search(lib: Library, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CsdeskError("--limit 必须是正整数。", "--limit must be a positive number.")
    hits = lib.search(args.query, shop=args.shop, limit=args.limit)
    if args.json:
        _print_json([_hit_json(hit) for hit in hits])
        return EXIT_OK
    if not hits:
        print(_say("没有找到匹配的话术。", "No matching entries."))
        return EXIT_OK
    for n, hit in enumerate(hits, 1):
        e = hit.entry
        code = f" [{e.code}]" if e.code else ""
        where = " · ".join(x for x in (e.shop_name, e.category_path) if x)
        print(f"{n:>2}. {e.title}{code}  ({where})")
        print(f"    {_one_line(e.reply, 70)}")
    return EXIT_OK


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    e = hit.entry
    return {
        "id": e.id,
        "shop": e.shop_name,
        "category": e.category_path,
        "title": e.title,
        "code": e.code,
        "question": e.question,
        "reply": e.reply,
        "score": round(hit.score, 4),
        "tags": list(e.tags),
    }


def _entry_json(lib: Library, e: Entry) -> dict[str, Any]:
    return {
        "id": e.id,
        "shop": e.shop_name,
        "category": e.category_path,
        "title": e.title,
        "code": e.code,
        "question": e.question,
        "similar": list(e.similar),
        "scenario": e.scenario,
        "reply": e.reply,
        "guidance": e.guidance,
        "basis": e.basis,
        "tags": list(e.tags),
        "enabled": e.enabled,
        "variants": [
            {"id": v.id, "label": v.label, "reply": v.reply, "target_tag": v.target_tag} for v in e.variants
        ],
        "assets": [lib.asset(a).title for a in e.asset_ids],
        "updated_at": e.updated_at,
        "updated_by": e.updated_by,
    }


def _cmd_show(lib: Library, args: argparse.Namespace) -> int:
    entry = lib.find(args.ref, shop=args.shop)
    if args.json:
        _print_json(_entry_json(lib, entry))
        return EXIT_OK
    label = {
        "title": _say("标题", "Title"),
        "code": _say("快捷编码", "Code"),
        "where": _say("位置", "Where"),
        "question": _say("问题", "Question"),
        "similar": _say("相似问法", "Similar"),
        "scenario": _say("场景", "Scenario"),
        "reply": _say("回复", "Reply"),
        "guidance": _say("回复思路(不发给客户)", "Guidance (not for the customer)"),
        "basis": _say("依据", "Basis"),
        "tags": _say("标签", "Tags"),
    }
    print(f"{label['title']}: {entry.title}")
    if entry.code:
        print(f"{label['code']}: {entry.code}")
    print(f"{label['where']}: {' / '.join(x for x in (entry.shop_name, entry.category_path) if x)}")
    for name in ("question", "scenario"):
        if getattr(entry, name):
            print(f"{label[name]}: {getattr(entry, name)}")
    if entry.similar:
        print(f"{label['similar']}: " + " | ".join(entry.similar))
    print(f"{label['reply']}:\n{_indent(entry.reply)}")
    for name in ("guidance", "basis"):
        if getattr(entry, name):
            print(f"{label[name]}:\n{_indent(getattr(entry, name))}")
    if entry.tags:
        print(f"{label['tags']}: " + "、".join(entry.tags))
    for v in entry.variants:
        aim = f" → {v.target_tag}" if v.target_tag else ""
        print(f"{_say('变体', 'Variant')} {v.label}{aim}:\n{_indent(v.reply)}")
    print(f"ID: {entry.id}")
    return EXIT_OK


def _cmd_copy(lib: Library, args: argparse.Namespace) -> int:
    entry = lib.find(args.ref, shop=args.shop)
    values: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CsdeskError(
                f"--set 的格式应为 名=值,收到「{item}」。", f"--set takes name=value, got '{item}'."
            )
        values[name.strip()] = value
    variant_id = None
    if args.variant:
        variant = next((v for v in entry.variants if args.variant in (v.id, v.label)), None)
        if variant is None:
            raise CsdeskError(
                f"这条话术没有变体「{args.variant}」。", f"The entry has no variant '{args.variant}'."
            )
        variant_id = variant.id
    result = lib.render(entry, values, shop=args.shop, variant_id=variant_id)
    if result.missing:
        names = "、".join(result.missing)
        sets = " ".join(f"--set {n}=…" for n in result.missing)
        agent_hint = "客服名" in result.missing
        raise CsdeskError(
            f"还缺少占位符的值:{names}。请用 {sets} 补上。"
            + ("客服名也可以用 csdesk config agent_name 你的名字 保存下来。" if agent_hint else ""),
            f"Missing placeholder values: {', '.join(result.missing)}. Add {sets}."
            + (" Save your agent name once with: csdesk config agent_name NAME." if agent_hint else ""),
        )
    for hit in lib.check(result.text, shop=args.shop or entry.shop_id):
        level = _say("禁止", "BLOCK") if hit.severity == "block" else _say("提醒", "warn")
        print(f"{level}: 「{hit.text}」 {hit.reason} {hit.suggestion}", file=sys.stderr)
    try:
        import pyperclip

        pyperclip.copy(result.text)
    except Exception as exc:  # pyperclip raises its own exception types per platform; --debug shows its text
        logging.getLogger(__name__).debug("pyperclip: %s", exc)
        linux = sys.platform.startswith("linux")
        raise CsdeskError(
            "没有可用的剪贴板。"
            + ("请安装 xclip、xsel 或 wl-clipboard(Wayland)后重试;" if linux else "")
            + "在无图形界面的环境中可以用 csdesk show 查看回复。",
            "No clipboard is available."
            + (" Install xclip, xsel or wl-clipboard (Wayland)." if linux else "")
            + " Use 'csdesk show' on a machine without a desktop.",
        ) from exc
    lib.log_copy(entry.id, query=args.ref, shop=args.shop, variant_id=variant_id)
    print(_say(f"已复制:{entry.title}", f"Copied: {entry.title}"))
    return EXIT_OK


def _cmd_check(lib: Library, args: argparse.Namespace) -> int:
    hits = lib.check(args.text, shop=args.shop)
    if args.json:
        _print_json(
            [
                {
                    "start": h.start,
                    "end": h.end,
                    "text": h.text,
                    "severity": h.severity,
                    "reason": h.reason,
                    "suggestion": h.suggestion,
                    "source": h.source,
                }
                for h in hits
            ]
        )
    elif not hits:
        print(_say("没有发现红线问题。", "No red-line problems found."))
    else:
        for h in hits:
            level = _say("禁止", "BLOCK") if h.severity == "block" else _say("提醒", "warn")
            print(f"[{level}] {h.start}-{h.end} 「{h.text}」 {h.reason}")
            if h.suggestion:
                print(f"        {_say('建议', 'Suggestion')}: {h.suggestion}")
    return EXIT_BLOCKED if any(h.severity == "block" for h in hits) else EXIT_OK


def _cmd_import(lib: Library, args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        raise CsdeskError(f"文件「{path}」不存在。", f"The file '{path}' does not exist.")
    from csdesk.formats import import_file

    progress, finish = _import_progress(path)
    try:
        report = import_file(
            lib,
            path,
            format=args.format,
            shop=args.shop,
            mode=args.mode,
            dry_run=args.dry_run,
            progress=progress,
        )
    finally:
        finish()
    print(report.summary_en() if _language() == "en" else report.summary_zh())
    _print_outcomes(report)
    for problem in report.warnings:
        print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
    return EXIT_OK


_OUTCOME_LABELS = (
    ("conflicting", "冲突,未处理", "conflict, left alone"),
    ("updated", "更新", "update"),
    ("removed", "移入回收站", "to the trash"),
    ("skipped", "跳过", "skip"),
    ("added", "新增", "add"),
)
_ADDED_SHOWN = 20


def _print_outcomes(report: Any) -> None:
    """One line per row that matters (conflicting, updated, removed, skipped; the first added ones), with file,
    row or path, column and detail."""
    for attr, zh, en in _OUTCOME_LABELS:
        outcomes = getattr(report, attr)
        shown = outcomes[:_ADDED_SHOWN] if attr == "added" else outcomes
        language = _language()
        for outcome in shown:
            where = " ".join(x for x in (report.file, outcome.location(language)) if x)
            shop = (f" ({outcome.shop})" if language == "en" else f"({outcome.shop})") if outcome.shop else ""
            title = f"'{outcome.title}'" if language == "en" else f"「{outcome.title}」"
            detail = f": {outcome.localized_detail(language)}" if outcome.detail else ""
            print(f"  [{_say(zh, en)}] {where} {title}{shop}{detail}")
        if len(shown) < len(outcomes):
            rest = len(outcomes) - len(shown)
            print(_say(f"  ……另有 {rest} 条新增", f"  … and {rest} more added"))


_PROGRESS_FILE_BYTES = 1024 * 1024


def _import_progress(path: Path) -> tuple[Any, Any]:
    """(progress callback or None, finish()): a live counter on a terminal's stderr; for a large file, a line every
    tenth to stderr even when it is not a terminal."""
    tty = sys.stderr.isatty()
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        size = 0
    if not tty and size < _PROGRESS_FILE_BYTES:
        return None, lambda: None
    state = {"tenth": -1, "wrote": False}

    def report(done: int, total: int) -> bool:
        if not total:
            return True
        if tty:
            sys.stderr.write(f"\r{_say('导入中', 'Importing')} {done}/{total}")
            sys.stderr.flush()
            state["wrote"] = True
        elif done * 10 // total > state["tenth"]:
            state["tenth"] = done * 10 // total
            print(f"{_say('导入中', 'Importing')} {done}/{total}", file=sys.stderr)
        return True

    def finish() -> None:
        if state["wrote"]:
            sys.stderr.write("\n")
            sys.stderr.flush()

    return report, finish


def _cmd_export(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.formats import export_file

    shops = args.shop or None
    if shops:
        for name in shops:
            lib.shop(name)
    report = export_file(
        lib, Path(args.file), format=args.format, shops=shops, include_customers=args.customers
    )
    print(
        _say(
            f"已导出 {report.entries} 条话术到 {report.path}",
            f"Exported {report.entries} entries to {report.path}",
        )
    )
    for problem in report.warnings:
        print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
    return EXIT_OK


def _cmd_team(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core import team

    folder_text = args.folder or lib.setting("team_folder", "")
    if not folder_text:
        raise CsdeskError(
            "还没有设置团队话术库文件夹:请在命令后写上文件夹,或在设置里填写。",
            "No team library folder: name one after the command or set it in the app's settings.",
        )
    folder = Path(folder_text)
    applied = int(lib.setting(team.SETTING_VERSION, 0) or 0)
    if args.action == "publish":
        for name in args.shop or ():
            lib.shop(name)
        version = team.publish(lib, folder, shops=args.shop or None)
        print(
            _say(
                f"已发布到团队话术库,第 {version} 版:{folder}",
                f"Published team library version {version}: {folder}",
            )
        )
    elif args.action == "update":
        before = applied
        version, report = team.apply_update_report(lib, folder)
        if report is None or version == before:
            print(
                _say(
                    f"团队话术库已是最新(第 {version} 版)。",
                    f"The team library is up to date (version {version}).",
                )
            )
        else:
            print(_say(team.update_message(version), f"Team library updated to version {version}."))
            print(report.summary_en() if _language() == "en" else report.summary_zh())
            _print_outcomes(report)
            for problem in report.warnings:
                print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
    else:
        waiting = team.check_for_update(lib, folder)
        print(_say(f"本机团队话术库版本:第 {applied} 版", f"Applied team version: {applied}"))
        if waiting:
            print(_say(f"有新版本:第 {waiting.version} 版({waiting.publisher},{waiting.published_at})",
                       f"New version waiting: {waiting.version} ({waiting.publisher}, {waiting.published_at})"))  # fmt: skip
        else:
            print(_say("没有新版本。", "Nothing new."))
    return EXIT_OK


_CONFIG_KEYS: dict[str, tuple[str, str, type]] = {
    "agent_name": (
        "客服名,填入 {客服名} 并记录在改动上",
        "agent name: fills {客服名}, recorded on changes",
        str,
    ),
    "team_folder": ("团队话术库共享文件夹", "shared folder of the team library", str),
    "max_asset_bytes": ("单个素材文件的大小上限(字节)", "size limit of one asset file, in bytes", int),
}
_CONFIG_ALIASES = {"客服名": "agent_name", "agent": "agent_name", "团队文件夹": "team_folder"}


def _cmd_config(lib: Library, args: argparse.Namespace) -> int:
    if args.key is None:
        for key, (zh, en, _kind) in _CONFIG_KEYS.items():
            value = lib.setting(key)
            shown = "" if value is None else value
            print(f"{key} = {shown}    # {_say(zh, en)}")
        return EXIT_OK
    key = _CONFIG_ALIASES.get(args.key, args.key)
    if key not in _CONFIG_KEYS:
        known = ", ".join(_CONFIG_KEYS)
        raise CsdeskError(
            f"没有名为「{args.key}」的设置。可用的设置:{known}", f"No setting '{args.key}'. Settings: {known}"
        )
    if args.value is None:
        value = lib.setting(key)
        print("" if value is None else value)
        return EXIT_OK
    kind = _CONFIG_KEYS[key][2]
    new_value: object = args.value.strip()
    if kind is int and new_value != "":
        try:
            new_value = int(str(new_value))
        except ValueError:
            new_value = -1
        if not isinstance(new_value, int) or new_value <= 0:
            raise CsdeskError(
                f"设置「{key}」需要一个正整数,收到「{args.value}」。",
                f"The setting '{key}' takes a positive whole number, got '{args.value}'.",
            )
    if new_value == "":
        lib.database.execute("DELETE FROM settings WHERE key = ?", (key,))
        print(_say(f"已清除 {key}", f"Cleared {key}"))
    else:
        lib.set_setting(key, new_value)
        print(_say(f"已设置 {key} = {new_value}", f"Set {key} = {new_value}"))
    return EXIT_OK


def _cmd_backup(lib: Library, args: argparse.Namespace) -> int:
    path = lib.backup("manual")
    print(_say(f"已备份到 {path}", f"Backed up to {path}"))
    return EXIT_OK


def _cmd_reindex(lib: Library, args: argparse.Namespace) -> int:
    total = lib.count_entries()
    lib.rebuild_index(progress=_progress_printer(sys.stderr))
    print(_say(f"索引已重建,共 {total} 条话术。", f"Index rebuilt: {total} entries."))
    return EXIT_OK


def _doctor(args: argparse.Namespace) -> int:
    from csdesk.core.recovery import open_for_repair

    lib, recovered = open_for_repair(resolve_home(args.home), demo=not args.no_demo)
    with lib:
        return _cmd_doctor(lib, args, recovered)


def _cmd_doctor(lib: Library, args: argparse.Namespace, recovered: Sequence[str] = ()) -> int:
    report = lib.doctor(repair=True)
    for line in [*recovered, *report.repaired]:
        print(_say("已修复", "repaired") + f": {localized(line, _language())}")
    for line in report.problems:
        print(_say("问题", "problem") + f": {localized(line, _language())}", file=sys.stderr)
    if report.ok:
        print(_say("话术库完好。", "The library is healthy."))
        return EXIT_OK
    return EXIT_ERROR


def _cmd_info(lib: Library, args: argparse.Namespace) -> int:
    stats = lib.stats()
    print(f"{_say('目录', 'Home')}: {lib.home}")
    for shop in lib.shops():
        print(f"  {shop.name} {shop.platform}".rstrip())
    for key, value in stats.items():
        print(f"{_say(_STAT_LABELS_ZH.get(key, key), key)}: {value}")
    return EXIT_OK


_STAT_LABELS_ZH = {
    "shops": "店铺",
    "categories": "分类",
    "entries": "话术",
    "variants": "变体",
    "assets": "素材",
    "tags": "标签",
    "customers": "客户",
    "rules": "红线规则",
    "sops": "SOP",
    "examples": "示例对话",
    "trash": "回收站",
}


_COMMANDS = {
    "search": _cmd_search,
    "show": _cmd_show,
    "copy": _cmd_copy,
    "check": _cmd_check,
    "import": _cmd_import,
    "export": _cmd_export,
    "team": _cmd_team,
    "config": _cmd_config,
    "backup": _cmd_backup,
    "reindex": _cmd_reindex,
    "doctor": _cmd_doctor,
    "info": _cmd_info,
}


# ----------------------------------------------------------------------------------------------------------
def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _progress_printer(stream: TextIO) -> Any:
    def report(done: int, total: int) -> bool:
        if stream.isatty() and total:
            stream.write(f"\r{done}/{total}")
            stream.flush()
        return True

    return report


if __name__ == "__main__":
    raise SystemExit(main())
