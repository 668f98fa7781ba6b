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

from csdesk import __version__, cli_coaching, cli_tags, insight_cli
from csdesk.core import limits, pingate, priority, redlines
from csdesk.core.errors import CsdeskError, ImportRejected, NotFoundError, localized, say, user_language
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

    shop_help = _say("店铺名(同时包括「通用」)", "shop name (通用 is always included)")
    json_help = _say("输出 JSON(便于其他程序读取)", "print JSON (for other programs)")
    p = sub.add_parser("search", help=_say("搜索话术", "search entries"))
    p.add_argument(
        "query",
        help=_say(
            "搜索词:中文、拼音或首字母,/编码 按快捷编码查找;空字符串 '' 列出常用话术",
            "search words: Chinese, pinyin or initials, /code for a shortcut code; '' lists popular entries",
        ),
    )
    p.add_argument("--shop", help=shop_help)
    p.add_argument(
        "--limit",
        type=_whole_number(),
        default=10,
        metavar="N",
        help=_say("最多显示几条(默认 10)", "at most N hits (default 10)"),
    )
    p.add_argument("--json", action="store_true", help=json_help)

    for name, text in (
        ("show", _say("显示一条话术", "show an entry")),
        ("copy", _say("复制回复到剪贴板", "copy a reply")),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "ref",
            metavar="ID|CODE",
            help=_say("话术的 ID 或快捷编码(如 hy)", "the entry's id or shortcut code (such as hy)"),
        )
        p.add_argument(
            "--shop",
            help=_say(
                "店铺名:在这个店铺里找编码,并填入 {店铺名}",
                "shop name: the code is looked up in this shop, and it fills {店铺名}",
            ),
        )
        if name == "show":
            p.add_argument("--json", action="store_true", help=json_help)
        else:
            p.add_argument(
                "--set",
                action="append",
                default=[],
                metavar="名=值",
                help=_say(
                    "填写一个占位符,如 --set 尺码=M(可重复)",
                    "fill one placeholder, e.g. --set 尺码=M (repeatable)",
                ),
            )
            p.add_argument(
                "--variant",
                metavar="N|NAME",
                help=_say(
                    "复制这个变体:csdesk show 列出的编号(1、2……)或变体名称",
                    "copy this variant: its number as listed by csdesk show (1, 2, …) or its name",
                ),
            )
            p.add_argument(
                "--override",
                metavar=_say("理由", "REASON"),
                help=_say(
                    "回复含禁止级红线词时仍然复制,并记录理由",
                    "copy despite block-level red lines; the reason is logged",
                ),
            )

    p = sub.add_parser("check", help=_say("检查文字是否触犯红线", "check text against red-line rules"))
    p.add_argument(
        "text",
        metavar="TEXT|-",
        help=_say("要检查的文字;写 - 时从标准输入读取", "the text to check; - reads it from standard input"),
    )
    p.add_argument("--shop", help=_say("店铺名(也检查这个店铺的规则)", "shop name (its own rules apply too)"))
    p.add_argument("--json", action="store_true", help=json_help)

    p = sub.add_parser(
        "import",
        help=_say("导入文件", "import a file"),
        description=_say(
            "导入话术文件。--mode 决定文件里的条目与话术库里已有的同一条目(同 ID,或同店铺同编码)相遇时怎么办:"
            "merge(默认)用文件的内容更新已有条目,文件里没有的条目保留;replace 让文件成为所导入店铺的全部内容,"
            "文件里没有的条目移入回收站;skip 保留已有条目不动,只新增文件里的新条目。先加 --dry-run 预览。",
            "Import a file of entries. --mode says what happens when an entry of the file meets the same entry in "
            "the library (same id, or same code in the same shop): merge (the default) updates the existing entry "
            "from the file and keeps entries the file lacks; replace makes the file the whole content of the shops "
            "it imports, moving entries the file lacks to the trash; skip leaves existing entries alone and only "
            "adds the new ones. Preview first with --dry-run.",
        ),
    )
    p.add_argument("file", help=_say("要导入的文件", "the file to import"))
    p.add_argument(
        "--format",
        help=_say(
            "格式:csdesk、xlsx、csv、qianniu、espanso、beeftext、textexpander(默认按文件判断)",
            "csdesk, xlsx, csv, qianniu, espanso, beeftext or textexpander (default: from the file)",
        ),
    )
    p.add_argument(
        "--shop",
        help=_say(
            "导入到这个店铺(文件里没写店铺的行;.csdesk 包里只导入这个店铺)",
            "import into this shop (rows naming none; of a .csdesk bundle, only this shop)",
        ),
    )
    p.add_argument(
        "--create-shop",
        action="store_true",
        help=_say("--shop 指定的店铺不存在时新建它", "create the --shop shop when it does not exist"),
    )
    p.add_argument(
        "--mode",
        choices=("merge", "replace", "skip"),
        default="merge",
        help=_say(
            "merge:更新已有条目(默认);replace:文件成为这些店铺的全部内容,其余移入回收站;skip:已有的不动,只新增",
            "merge: update existing entries (default); replace: the file becomes these shops' whole content, the "
            "rest goes to the trash; skip: leave existing entries, only add new ones",
        ),
    )
    p.add_argument("--dry-run", action="store_true", help=_say("只预览,不写入", "preview only"))

    p = sub.add_parser("export", help=_say("导出到文件", "export to a file"))
    p.add_argument("file", help=_say("要写入的文件", "the file to write"))
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
    p.add_argument("file", help=_say("要写入的 .xlsx 文件", "the .xlsx file to write"))

    p = sub.add_parser(
        "team", help=_say("团队话术库:发布、更新、状态", "team library: publish, update, status")
    )
    p.add_argument(
        "action",
        choices=("publish", "update", "status", "choose"),
        help=_say(
            "publish:发布本话术库为新版本;update:应用共享文件夹里的新版本;status:查看版本和编码冲突;"
            "choose:编码冲突时选用自己的(mine)或团队的(team)条目",
            "publish: publish this library as the next version; update: apply a newer version; status: versions "
            "and code clashes; choose: keep your own entry (mine) or the team's (team) for a clashing code",
        ),
    )
    p.add_argument(
        "folder",
        nargs="?",
        help=_say(
            "共享文件夹(默认:设置里的团队文件夹);choose 时写快捷编码",
            "the shared folder (default: the team folder of the settings); for choose, the shortcut code",
        ),
    )
    p.add_argument(
        "choice",
        nargs="?",
        choices=("mine", "team"),
        help=_say("choose 的选择:mine 或 team", "for choose: mine or team"),
    )
    p.add_argument(
        "--note", default="", help=_say("发布说明:这一版改了什么", "publish: what this version changes")
    )
    demo = p.add_mutually_exclusive_group()
    demo.add_argument(
        "--replace-demo",
        action="store_true",
        help=_say(
            "第一次更新时把没改过的演示内容移入回收站,换成团队的",
            "first update: trash untouched demo content",
        ),
    )
    demo.add_argument(
        "--keep-demo",
        action="store_true",
        help=_say("第一次更新时保留演示内容", "first update: keep the demo content"),
    )
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
    p.add_argument("key", nargs="?", metavar="KEY", help=_say("设置项的名字", "the setting's name"))
    p.add_argument(
        "value", nargs="?", metavar="VALUE", help=_say("新的值('' 表示清除)", "the new value ('' clears it)")
    )

    _add_shop_parser(sub)

    p = sub.add_parser(
        "backup",
        help=_say(
            "备份话术库(数据库和素材)或列出备份", "back up the library (database and assets) or list backups"
        ),
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=("create", "list"),
        default="create",
        help=_say("create:现在备份(默认);list:列出备份", "create: back up now (default); list: list backups"),
    )
    p.add_argument("--json", action="store_true", help=_say("以 JSON 输出列表", "print the list as JSON"))
    p = sub.add_parser(
        "restore",
        help=_say(
            "从备份恢复话术库(先自动备份当前状态)", "restore a backup (the current state is backed up first)"
        ),
    )
    p.add_argument(
        "backup_id",
        metavar="ID",
        help=_say("备份编号(见 csdesk backup list)", "backup id (see csdesk backup list)"),
    )
    sub.add_parser("reindex", help=_say("重建搜索索引", "rebuild the search index"))
    sub.add_parser("doctor", help=_say("检查并修复话术库", "check and repair the library"))
    sub.add_parser("info", help=_say("话术库概况", "library summary"))
    insight_cli.add_parsers(sub, _whole_number())  # stats, gaps, chats, usage, report, cheatsheet
    cli_coaching.add_parsers(sub)  # abtest, quiz
    cli_tags.add_parsers(sub)  # tag: the entry tags
    return parser


def _add_shop_parser(sub: Any) -> None:
    """``csdesk shop list|add|rename|platform|remove``: shops from the command line (a 千牛 or Espanso file can then
    be imported into a new shop without the app)."""
    p = sub.add_parser(
        "shop",
        help=_say("店铺:列出、新建、改名、设置平台、删除", "shops: list, add, rename, platform, remove"),
    )
    actions = p.add_subparsers(dest="shop_action", metavar="ACTION")
    actions.required = True
    name_help = _say("店铺名", "shop name")
    platform_help = _say(
        "平台,如 淘宝、天猫、京东、拼多多、抖店", "platform, e.g. 淘宝, 天猫, 京东, 拼多多, 抖店"
    )
    actions.add_parser("list", help=_say("列出所有店铺和平台", "list the shops and their platforms"))
    q = actions.add_parser("add", help=_say("新建店铺", "add a shop"))
    q.add_argument("name", metavar="NAME", help=name_help)
    q.add_argument("--platform", default="", help=platform_help)
    q = actions.add_parser("rename", help=_say("店铺改名", "rename a shop"))
    q.add_argument("name", metavar="NAME", help=_say("现在的店铺名", "the shop's name now"))
    q.add_argument("new_name", metavar="NEW", help=_say("新的店铺名", "the new name"))
    q = actions.add_parser("platform", help=_say("设置店铺的平台", "set a shop's platform"))
    q.add_argument("name", metavar="NAME", help=name_help)
    q.add_argument(
        "platform", metavar="PLATFORM", help=platform_help + _say("('' 表示清除)", " ('' clears it)")
    )
    q = actions.add_parser("remove", help=_say("删除空店铺", "remove an empty shop"))
    q.add_argument("name", metavar="NAME", help=name_help)


BATCH_COMMANDS = frozenset(
    {"import", "export", "template", "reindex", "doctor", "team", "backup", "restore", "chats", "usage", "report",
     "cheatsheet"}
)  # fmt: skip
"""Commands that work through a whole library or file: they run at batch priority (csdesk/core/priority.py), so
the agent's window beside them stays quick. Searching, showing, copying and settings keep normal priority when a
person reads their answer at a terminal (see :func:`_runs_as_batch`)."""

PRIORITY_ENV = "CSDESK_PRIORITY"
"""``normal`` or ``batch`` overrides :func:`_runs_as_batch` (e.g. for a bot that answers from ``csdesk search``)."""


def _runs_as_batch(command: str) -> bool:
    """Whether this command should yield the CPU to the agent's window.

    Batch commands always do. The others do when their output does not go to a terminal: a script or a pipe runs
    them, often in a loop, and on a two-core PC each run's half second of CPU is taken from the agent's next
    search in the window beside it (``tests/benchmarks/bench_sharing.py``). A lower priority costs such a command
    nothing when the machine is idle; only other busy programs go first.
    """
    wanted = os.environ.get(PRIORITY_ENV, "").strip().lower()
    if wanted in ("normal", "batch"):
        return wanted == "batch"
    if command in BATCH_COMMANDS:
        return True
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return True


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
        limits.check_arguments(vars(args).items())  # no text longer than a field may be, before any work
    except CsdeskError as exc:
        print(f"csdesk: {exc.localized(_language())}", file=sys.stderr)
        return EXIT_ERROR
    if args.command is None:
        return _start_gui(args)
    if _runs_as_batch(args.command):
        priority.lower_this_process()  # a script's import must not make the agent's window wait for a CPU
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return code
    except BrokenPipeError:
        # the reader went away (`csdesk search … | head`): nothing is wrong and nothing more is worth printing
        _silence_stdout()
        return EXIT_OK
    except redlines.RedLineBlocked as exc:
        print(f"csdesk: {exc.localized(_language())}", file=sys.stderr)
        return EXIT_BLOCKED
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
        what = _supervisor_action(args)
        if what is not None:
            pingate.require_supervisor(lib, what=what, ask=_ask_pin if sys.stdin.isatty() else None)
        handler = _COMMANDS[args.command]
        return handler(lib, args)


def _check_shops(lib: Library, args: argparse.Namespace) -> None:
    """Every command's --shop must name an existing shop (NotFoundError, exit 2): a typo never creates a shop.

    Shops named inside an imported file are still created by the import; only the option is checked here. A
    bundle's --shop picks one of the bundle's own shops (created by the import; the import refuses one the bundle
    lacks), so it is left to the import.
    """
    if args.command == "import" and args.create_shop:
        return  # _cmd_import creates the shop once the file was read (a bad file creates nothing)
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
        try:
            lib.shops.get(name)
        except NotFoundError as exc:
            if args.command != "import":
                raise
            raise NotFoundError(
                f"{exc.message} 要新建这个店铺并导入,请加上 --create-shop。",
                f"{exc.english} To create it and import into it, add --create-shop.",
            ) from exc


# ----------------------------------------------------------------------------------------------------------
# Subcommands
# ----------------------------------------------------------------------------------------------------------
_MEANING_WAIT_S = 5.0
"""How long ``csdesk search`` waits for the meaning layer's vectors before it searches lexically."""


def _cmd_search(lib: Library, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CsdeskError("--limit 必须是正整数。", "--limit must be a positive number.")
    if args.query.strip():
        # The meaning layer loads its stored vectors in the background; a one-shot command waits a moment for
        # them (a home whose vectors are built is ready in milliseconds) and searches lexically past that.
        lib.answers.start()
        lib.answers.wait(_MEANING_WAIT_S)
    hits = lib.search(args.query, shop=args.shop, limit=args.limit)
    if not args.query.strip():
        # an empty query is not a mistake but it is not a search either: say what the list is (on stderr, so
        # --json output stays one JSON document)
        print(
            _say(
                "没有输入搜索词:下面列出常用的话术(按使用次数)。",
                "No search words: listing popular entries (most used first).",
            ),
            file=sys.stderr,
        )
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
        "assets": [lib.assets.get(a).title for a in e.asset_ids],
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
        "tags": _say("条目标签", "Entry tags"),
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
    for number, v in enumerate(entry.variants, 1):
        aim = f" → {v.target_tag}" if v.target_tag else ""
        print(f"{_say('变体', 'Variant')} {number} {v.label}{aim}:\n{_indent(v.reply)}")
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
    from datetime import datetime

    from csdesk.core.render import resolve_today

    values = resolve_today(values, datetime.now())  # --set 日期=今天: the one-word choice of today
    variant_id = _variant_id(entry, args.variant) if args.variant else None
    result = lib.render(entry, values, shop=args.shop, variant_id=variant_id)
    if result.missing:  # the red-line block comes before asking for values, as in the app
        redlines.refuse_block(
            redlines.copy_hits(lib, result.text, shop=args.shop or entry.shop_id), args.override
        )
    if "店铺名" in result.missing and not args.shop:
        names = "、".join(s.name for s in lib.shops.all() if not s.is_shared)
        raise CsdeskError(
            f"这条话术要填入店铺名,请用 --shop 指定店铺,如 --shop {names.split('、')[0] or '店铺名'}。现有店铺:{names}",
            f"This reply fills in the shop name: name the shop with --shop. Shops: {names}",
        )
    if result.missing:
        names = "、".join(result.missing)
        sets = " ".join(f"--set {n}=…" for n in result.missing)
        agent_hint = "客服名" in result.missing
        date_hint = "日期" in result.missing
        raise CsdeskError(
            f"还缺少占位符的值:{names}。请用 {sets} 补上。"
            + ("客服名也可以用 csdesk config agent_name 你的名字 保存下来。" if agent_hint else "")
            + ("日期填今天可以写 --set 日期=今天。" if date_hint else ""),
            f"Missing placeholder values: {', '.join(result.missing)}. Add {sets}."
            + (" Save your agent name once with: csdesk config agent_name NAME." if agent_hint else "")
            + (" For today's date write --set 日期=today." if date_hint else ""),
        )
    hits = redlines.copy_hits(lib, result.text, shop=args.shop or entry.shop_id)
    for line in redlines.describe_hits(hits, _language()):
        print(line, file=sys.stderr)
    override = redlines.refuse_block(hits, args.override)  # RedLineBlocked: exit 1, nothing copied
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
    if override is not None:
        action, note = "override", override
    elif hits:
        action, note = "warned", "、".join(dict.fromkeys(h.text for h in hits))
    else:
        action, note = "copy", ""
    lib.log_copy(entry.id, query=args.ref, shop=args.shop, variant_id=variant_id, action=action, note=note)
    print(_say(f"已复制:{entry.title}", f"Copied: {entry.title}"))
    return EXIT_OK


def _variant_id(entry: Entry, wanted: str) -> str:
    """The variant ``wanted`` names: its name first, then its number as ``csdesk show`` lists them (1, 2, …), then
    its id."""
    wanted = wanted.strip()
    for v in entry.variants:
        if v.label == wanted:
            return v.id
    if wanted.isdigit() and 1 <= int(wanted) <= len(entry.variants):
        return entry.variants[int(wanted) - 1].id
    for v in entry.variants:
        if v.id == wanted:
            return v.id
    listed = "、".join(f"{n} {v.label}".strip() for n, v in enumerate(entry.variants, 1))
    if not entry.variants:
        raise CsdeskError(
            f"这条话术没有变体(要找「{wanted}」)。", f"The entry has no variants (asked for '{wanted}')."
        )
    raise CsdeskError(
        f"这条话术没有变体「{wanted}」。可用的变体:{listed}",
        f"The entry has no variant '{wanted}'. Variants: {listed}",
    )


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
    if args.create_shop and not args.shop:
        raise CsdeskError("--create-shop 需要同时用 --shop 写出店铺名。", "--create-shop needs --shop NAME.")
    from csdesk.formats import import_file

    progress, finish = _import_progress(path)

    def before_write(planned: Any) -> bool:
        """The red lines are listed before anything is written; on a terminal a block asks to go on."""
        finish()
        _print_red_lines(planned.red_lines)
        if any(f.severity == "block" for f in planned.red_lines) and sys.stdin.isatty():
            answer = input(
                _say("有禁止级红线词,仍然导入吗?[y/N] ", "Block-level red lines found; import anyway? [y/N] ")
            )
            return answer.strip().lower() in ("y", "yes", "是")
        return True

    try:
        report = import_file(
            lib,
            path,
            format=args.format,
            shop=args.shop,
            mode=args.mode,
            dry_run=args.dry_run,
            progress=progress,
            before_write=before_write,
        )
    finally:
        finish()
    if args.dry_run:
        _print_red_lines(report.red_lines)
    print(report.summary_en() if _language() == "en" else report.summary_zh())
    _print_outcomes(report)
    for problem in report.warnings:
        print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
    return EXIT_OK


def _print_red_lines(findings: Sequence[redlines.RedLineFinding]) -> None:
    """One line per red-line hit of an import or a publication: row, entry, field, words, rule."""
    for finding in findings:
        print(f"  [{_say('红线', 'red line')}] {finding.line(_language())}")


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
        if not total:  # written: the search index follows
            if tty:
                sys.stderr.write(f"\r{_say('正在更新搜索索引…', 'Updating the search index…')}\x1b[K")
                sys.stderr.flush()
                state["wrote"] = True
            elif state["tenth"] >= 0:
                print(_say("正在更新搜索索引…", "Updating the search index…"), file=sys.stderr)
            return True
        if tty:
            sys.stderr.write(f"\r{_say('导入中', 'Importing')} {_bar(done, total)} {done}/{total}")
            sys.stderr.flush()
            state["wrote"] = True
        elif done * 10 // total > state["tenth"]:
            state["tenth"] = done * 10 // total
            print(f"{_say('导入中', 'Importing')} {done}/{total}", file=sys.stderr)
        return True

    def finish() -> None:
        if state["wrote"]:
            state["wrote"] = False  # called again after the red-line listing: one line break only
            sys.stderr.write("\n")
            sys.stderr.flush()

    return report, finish


def _cmd_shop(lib: Library, args: argparse.Namespace) -> int:
    handler = {
        "list": _cmd_shop_list,
        "add": _cmd_shop_add,
        "rename": _cmd_shop_rename,
        "platform": _cmd_shop_platform,
        "remove": _cmd_shop_remove,
    }[args.shop_action]
    return handler(lib, args)


def _cmd_shop_list(lib: Library, args: argparse.Namespace) -> int:
    counts = {shop.id: lib.shops.contents(shop.id)["entries"] for shop in lib.shops.all()}
    for shop in lib.shops.all():
        platform = shop.platform or "-"
        print(f"{shop.name}\t{platform}\t{_say(f'{counts[shop.id]} 条话术', f'{counts[shop.id]} entries')}")
    return EXIT_OK


def _cmd_shop_add(lib: Library, args: argparse.Namespace) -> int:
    shop = lib.shops.add(args.name, args.platform)
    print(_say(f"已新建店铺「{shop.name}」", f"Added the shop '{shop.name}'"))
    return EXIT_OK


def _cmd_shop_rename(lib: Library, args: argparse.Namespace) -> int:
    shop = lib.shops.update(lib.shops.get(args.name).id, name=args.new_name)
    print(
        _say(
            f"店铺「{args.name}」已改名为「{shop.name}」", f"Renamed the shop '{args.name}' to '{shop.name}'"
        )
    )
    return EXIT_OK


def _cmd_shop_platform(lib: Library, args: argparse.Namespace) -> int:
    shop = lib.shops.update(lib.shops.get(args.name).id, platform=args.platform.strip())
    print(
        _say(
            f"店铺「{shop.name}」的平台:{shop.platform or '(无)'}",
            f"Platform of '{shop.name}': {shop.platform or '(none)'}",
        )
    )
    return EXIT_OK


def _cmd_shop_remove(lib: Library, args: argparse.Namespace) -> int:
    name = lib.shops.get(args.name).name
    lib.shops.delete(lib.shops.get(args.name).id)
    print(_say(f"已删除店铺「{name}」", f"Removed the shop '{name}'"))
    return EXIT_OK


def _bar(done: int, total: int, width: int = 24) -> str:
    """A text progress bar: ``[#########---------------]  38%``."""
    share = min(max(done / total, 0.0), 1.0) if total else 0.0
    filled = int(share * width)
    return f"[{'#' * filled}{'-' * (width - filled)}] {share:4.0%}"


def _cmd_export(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.formats import export_file

    shops = args.shop or None
    if shops:
        for name in shops:
            lib.shops.get(name)
    report = export_file(
        lib, Path(args.file), format=args.format, shops=shops, include_customers=args.customers
    )
    print(
        _say(
            f"已导出 {report.entries} 条话术到 {report.path}",
            f"Exported {report.entries} entries to {report.path}",
        )
        if not report.files
        else _say(
            f"已导出 {report.entries} 条话术,每个店铺一个文件:",
            f"Exported {report.entries} entries, one file per shop:",
        )
    )
    for file in report.files:
        print(f"  {file}")
    for problem in report.warnings:
        print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
    return EXIT_OK


def _cmd_team(lib: Library, args: argparse.Namespace) -> int:
    from csdesk import team, teamupdate

    if args.action == "choose":
        return _cmd_team_choose(lib, args)
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
            lib.shops.get(name)
        findings = redlines.publish_findings(lib, args.shop or None)
        _print_red_lines(findings)  # before anything is written to the folder
        version = team.publish(lib, folder, shops=args.shop or None, note=args.note)
        if findings:
            count = len({(f.title, f.shop, f.path) for f in findings})
            print(
                _say(
                    f"发布的内容中有 {count} 条话术含红线词(见上),共 {len(findings)} 处。",
                    f"{count} published entries have red-line words (listed above), {len(findings)} hits in all.",
                )
            )
        print(
            _say(
                f"已发布到团队话术库,第 {version} 版:{folder}",
                f"Published team library version {version}: {folder}",
            )
        )
    elif args.action == "update":
        before = applied
        waiting = team.check_for_update(lib, folder)
        version, report = team.apply_update_report(lib, folder, replace_demo=_replace_demo(lib, args))
        if report is None or version == before:
            print(
                _say(
                    f"团队话术库已是最新(第 {version} 版)。",
                    f"The team library is up to date (version {version}).",
                )
            )
        else:
            print(_say(team.update_message(version), f"Team library updated to version {version}."))
            if waiting is not None:
                print(
                    _say(
                        f"发布人:{waiting.publisher}({waiting.published_at})",
                        f"Published by {waiting.publisher} ({waiting.published_at})",
                    )
                )
                if waiting.note:
                    print(_say(f"说明:{waiting.note}", f"Note: {waiting.note}"))
            print(report.summary_en() if _language() == "en" else report.summary_zh())
            if report.extras.get("demo_replaced"):
                n = report.extras["demo_replaced"]
                print(
                    _say(
                        f"演示内容 {n} 条已移入回收站(可恢复)。",
                        f"{n} demo entries moved to the trash (restorable).",
                    )
                )
            for line in teamupdate.change_lines(report, language=_language()):
                print(f"  {line}")
            for problem in report.warnings:
                print(f"  {_say('提醒', 'warning')}: {problem.localized(_language())}", file=sys.stderr)
            _print_clashes(lib)
    else:
        waiting = team.check_for_update(lib, folder)
        print(_say(f"本机团队话术库版本:第 {applied} 版", f"Applied team version: {applied}"))
        if waiting:
            print(_say(f"有新版本:第 {waiting.version} 版({waiting.publisher},{waiting.published_at})",
                       f"New version waiting: {waiting.version} ({waiting.publisher}, {waiting.published_at})"))  # fmt: skip
        else:
            print(_say("没有新版本。", "Nothing new."))
        _print_clashes(lib)
    return EXIT_OK


def _replace_demo(lib: Library, args: argparse.Namespace) -> bool | None:
    """The agent's answer to "replace the untouched demo content?" at the first update: the flags, else a question
    on a terminal, else None (the remembered answer, or keep) with a hint."""
    from csdesk import teamupdate

    if args.replace_demo or args.keep_demo:
        return bool(args.replace_demo)
    count = teamupdate.demo_question(lib)
    if not count:
        return None
    if sys.stdin.isatty():
        answer = input(
            _say(
                f"话术库里有 {count} 条没改过的演示内容。换成团队话术库(演示内容移入回收站)?[Y/n] ",
                f"The library holds {count} untouched demo entries. Replace them with the team library "
                "(demo to the trash)? [Y/n] ",
            )
        )
        return answer.strip().lower() not in ("n", "no", "否")
    print(
        _say(
            f"提示:话术库里还有 {count} 条没改过的演示内容;加 --replace-demo 可在第一次更新时换成团队内容。",
            f"Hint: the library holds {count} untouched demo entries; add --replace-demo to replace them at the "
            "first update.",
        ),
        file=sys.stderr,
    )
    return None


def _print_clashes(lib: Library) -> None:
    from csdesk import teamupdate

    for item in teamupdate.clashes(lib, pending_only=True):
        mine = lib.get(item["mine"]) if item["mine"] else None
        theirs = lib.get(item["team"]) if item["team"] else None
        print(
            _say(
                f"编码冲突「{item['code']}」({item['shop']}):你的「{mine.title if mine else ''}」/ 团队的"
                f"「{theirs.title if theirs else ''}」。用 csdesk team choose {item['code']} mine|team 选择一次。",
                f"Code clash '{item['code']}' ({item['shop']}): yours '{mine.title if mine else ''}' / the team's "
                f"'{theirs.title if theirs else ''}'. Choose once: csdesk team choose {item['code']} mine|team",
            )
        )
        for label, entry in ((_say("你的", "yours"), mine), (_say("团队的", "team"), theirs)):
            if entry is not None:
                print(f"    {label}: {_one_line(entry.reply, 70)}")


def _cmd_team_choose(lib: Library, args: argparse.Namespace) -> int:
    from csdesk import teamupdate

    if not args.folder or not args.choice:
        raise CsdeskError(
            "用法:csdesk team choose 快捷编码 mine|team [--shop 店铺]",
            "Usage: csdesk team choose CODE mine|team [--shop SHOP]",
        )
    shop = args.shop[0] if args.shop else None
    item = teamupdate.choose(lib, args.folder, args.choice, shop=shop)
    which = (
        _say("团队的条目", "the team entry")
        if args.choice == "team"
        else _say("你自己的条目", "your own entry")
    )
    print(
        _say(
            f"快捷编码「{item['code']}」归{which}(已记住)。",
            f"The code '{item['code']}' goes to {which} (remembered).",
        )
    )
    return EXIT_OK


_CONFIG_KEYS: dict[str, tuple[str, str, type]] = {
    "agent_name": (
        "客服名,填入 {客服名} 并记在使用记录里(没有编辑者名时也记在改动上)",
        "agent name: fills {客服名}, recorded in the usage log (and on changes without an editor name)",
        str,
    ),
    "editor_name": (
        "修改记录里的名字(主管等编辑者;不填入回复)",
        "editor name: recorded on changes, never put into replies",
        str,
    ),
    "team_folder": ("团队话术库共享文件夹", "shared folder of the team library", str),
    "max_asset_bytes": ("单个素材文件的大小上限(字节)", "size limit of one asset file, in bytes", int),
    "usage_logging": ("记录复制和搜索,供主管统计(on/off)", "record copies and searches (on/off)", bool),
    redlines.COPY_CHECK_SETTING: (
        "复制前检查红线,含禁止级红线词的回复不复制(主管设置,1 开 / 0 关)",
        "copy checks red lines and refuses block hits (supervisor setting, 1 on / 0 off)",
        bool,
    ),
}
_CONFIG_ALIASES = {"客服名": "agent_name", "agent": "agent_name", "团队文件夹": "team_folder"}
_SUPERVISOR_CONFIG = frozenset({"team_folder", "max_asset_bytes", redlines.COPY_CHECK_SETTING})
"""Settings only a supervisor changes (behind the PIN once one is set); the agent's own name stays open."""
_SUPERVISOR_COMMANDS = frozenset({"shop", "shops", "rule", "rules", "tag"})
"""Shop, rule and entry-tag commands change the library unless they only list or show."""
_BOOL_WORDS = {"1": True, "on": True, "true": True, "yes": True, "开": True, "是": True,
               "0": False, "off": False, "false": False, "no": False, "关": False, "否": False}  # fmt: skip


def _supervisor_action(args: argparse.Namespace) -> tuple[str, str] | None:
    """What ``args`` would change that needs the supervisor PIN, as (Chinese, English); None for reading."""
    if args.command == "import" and not args.dry_run:
        return "导入", "Importing"
    if args.command == "team" and args.action == "publish":
        return "发布团队话术库", "Publishing the team library"
    if args.command == "config" and args.value is not None:
        key = _CONFIG_ALIASES.get(args.key, args.key)
        if key in _SUPERVISOR_CONFIG:
            return f"修改设置「{key}」", f"Changing the setting '{key}'"
    action = getattr(args, "shop_action", None) or getattr(args, "action", None)
    if args.command in _SUPERVISOR_COMMANDS and action not in ("list", "show"):
        return f"命令「{args.command}」", f"The command '{args.command}'"
    return cli_coaching.supervisor_action(args)  # abtest start/end, quiz settings (issue 16)


def _ask_pin() -> str:
    import getpass

    return getpass.getpass(_say("主管 PIN:", "Supervisor PIN: "))


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
    if kind is bool and new_value != "":
        flag = _BOOL_WORDS.get(str(new_value).lower())
        if flag is None:
            raise CsdeskError(
                f"设置「{key}」只能是 on 或 off(也可以写 1/0、开/关),收到「{args.value}」。",
                f"The setting '{key}' is on or off (or 1/0), got '{args.value}'.",
            )
        new_value = flag
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
    from csdesk.core.backups import Backups

    store = Backups(lib)
    if args.action == "list":
        backups = store.list()
        if args.json:
            _print_json(
                [
                    {
                        "id": b.id,
                        "kind": b.kind,
                        "created": b.created.isoformat(timespec="seconds"),
                        "bytes": b.size,
                    }
                    for b in backups
                ]
            )
        elif not backups:
            print(_say("还没有备份。", "No backups yet."))
        for b in [] if args.json else backups:
            print(
                f"{b.id}  {b.created:%Y-%m-%d %H:%M:%S}  {_say(b.label('zh'), b.label('en'))}  {b.size // 1024} KB"
            )
        return EXIT_OK
    path = store.create("manual").database
    print(_say(f"已备份到 {path}", f"Backed up to {path}"))
    return EXIT_OK


def _cmd_restore(lib: Library, args: argparse.Namespace) -> int:
    from csdesk.core.backups import Backups

    restored, undo = Backups(lib).restore(args.backup_id)
    print(
        _say(
            f"已从备份 {restored.id} 恢复,共 {lib.entries.count()} 条话术。恢复前的状态已备份为 {undo.id}"
            f"(撤销:csdesk restore {undo.id})。",
            f"Restored the backup {restored.id}: {lib.entries.count()} entries. The state before is backed up as "
            f"{undo.id} (undo: csdesk restore {undo.id}).",
        )
    )
    return EXIT_OK


def _cmd_reindex(lib: Library, args: argparse.Namespace) -> int:
    total = lib.entries.count()
    lib.index.rebuild(progress=_progress_printer(sys.stderr))
    print(_say(f"索引已重建,共 {total} 条话术。", f"Index rebuilt: {total} entries."))
    _rebuild_vectors(lib)
    return EXIT_OK


def _rebuild_vectors(lib: Library) -> None:
    """Embed every entry again (the meaning layer's vectors) and return when they are ready."""
    lib.answers.rebuild()
    status = lib.answers.status()
    if status.state == "off":
        print(_say("语义向量:未启用(仅按字词搜索)。", "Meaning vectors: off (search is lexical only)."))
        return
    printer = _progress_printer(sys.stderr)
    service = lib.answers.start()
    if service is not None:
        service.add_progress_listener(lambda s: printer(s.done, s.total))
    ok = lib.answers.wait()
    status = lib.answers.status()
    if ok:
        print(_say(f"语义向量已重建,共 {status.total} 条({status.model})。",
                   f"Meaning vectors rebuilt: {status.total} entries ({status.model})."))  # fmt: skip
    else:
        print(_say(f"语义向量重建失败:{status.detail}", f"Rebuilding the meaning vectors failed: {status.detail}"),
              file=sys.stderr)  # fmt: skip


def _vector_info(lib: Library) -> str:
    """``csdesk info``'s line on the meaning layer: built, how far a build is, or off."""
    from csdesk.core.vectors import read_status

    status = read_status(lib.home)
    label = _say("语义向量", "Meaning vectors")
    if status is None:
        return f"{label}: " + _say(
            "尚未建立(打开程序或 csdesk reindex 时建立)", "not built yet (csdesk reindex builds it)"
        )
    states = {"ready": _say("就绪", "ready"), "building": _say("建立中", "building"),
              "failed": _say("失败", "failed"), "off": _say("未启用", "off")}  # fmt: skip
    line = f"{label}: {states.get(status.state, status.state)} {status.done}/{status.total} ({status.model})"
    return line + (f" {status.detail}" if status.detail else "")


def _doctor(args: argparse.Namespace) -> int:
    from csdesk.core.recovery import open_for_repair

    lib, recovered = open_for_repair(resolve_home(args.home), demo=not args.no_demo)
    with lib:
        return _cmd_doctor(lib, args, recovered)


def _cmd_doctor(lib: Library, args: argparse.Namespace, recovered: Sequence[str] = ()) -> int:
    report = lib.health.doctor(repair=True)
    for line in [*recovered, *report.repaired]:
        print(_say("已修复", "repaired") + f": {localized(line, _language())}")
    for line in report.problems:
        print(_say("问题", "problem") + f": {localized(line, _language())}", file=sys.stderr)
    if report.ok:
        print(_say("话术库完好。", "The library is healthy."))
        return EXIT_OK
    return EXIT_ERROR


def _cmd_info(lib: Library, args: argparse.Namespace) -> int:
    stats = lib.health.stats()
    print(f"{_say('目录', 'Home')}: {lib.home}")
    for shop in lib.shops.all():
        print(f"  {shop.name} {shop.platform}".rstrip())
    for key, value in stats.items():
        print(f"{_say(_STAT_LABELS_ZH.get(key, key), 'customer tags' if key == 'tags' else key)}: {value}")
    print(_vector_info(lib))
    return EXIT_OK


_STAT_LABELS_ZH = {
    "shops": "店铺",
    "categories": "分类",
    "entries": "话术",
    "variants": "变体",
    "assets": "素材",
    "tags": "客户标签",
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
    "shop": _cmd_shop,
    "config": _cmd_config,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "reindex": _cmd_reindex,
    "doctor": _cmd_doctor,
    "info": _cmd_info,
    **insight_cli.COMMANDS,
}
_COMMANDS.update(cli_coaching.COMMANDS)
_COMMANDS.update(cli_tags.COMMANDS)


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
