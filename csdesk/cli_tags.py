"""``csdesk tag list|add|rename|merge|delete``: the entry tags (条目标签) from the command line.

Listing is open; the rest changes entries and needs the supervisor PIN once one is set (cli.py's
``_SUPERVISOR_COMMANDS`` gate, like ``shop``). Customer tags are not touched here (they live in the workbench).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from csdesk.core.errors import say
from csdesk.core.library import Library


def add_parsers(sub: Any) -> None:
    """Add ``tag`` with its actions to cli.py's subparsers (every argument has help)."""
    p = sub.add_parser(
        "tag",
        help=say(
            "条目标签:列出(含条目数)、新建、改名、合并、删除未用的",
            "entry tags: list (with counts), add, rename, merge, delete unused",
        ),
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser(
        "list", help=say("列出条目标签和用它的条目数", "list entry tags and their entry counts")
    )
    q.add_argument("--json", action="store_true", help=say("输出 JSON", "print JSON"))
    q.add_argument(
        "--unused", action="store_true", help=say("只列没有条目使用的", "only those no entry uses")
    )
    name_help = say("条目标签名", "entry tag name")
    q = actions.add_parser("add", help=say("新建条目标签(还没有条目用)", "add an entry tag (no entries yet)"))
    q.add_argument("name", metavar="NAME", help=name_help)
    q = actions.add_parser(
        "rename", help=say("条目标签改名,用它的条目一起改", "rename an entry tag on every entry that has it")
    )
    q.add_argument("name", metavar="NAME", help=say("现在的名字", "the name now"))
    q.add_argument("new_name", metavar="NEW", help=say("新名字(不能是已有的标签:那是合并)", "the new name (not an existing tag: that is a merge)"))  # fmt: skip
    q = actions.add_parser(
        "merge",
        help=say(
            "把一个或几个条目标签并入另一个,条目都改用它",
            "fold entry tags into another; their entries get it",
        ),
    )
    q.add_argument(
        "sources", metavar="SOURCE", nargs="+", help=say("要并入的条目标签", "entry tags to fold in")
    )
    q.add_argument(
        "--into", required=True, metavar="TARGET", help=say("并入的目标条目标签", "the tag they become")
    )
    q = actions.add_parser(
        "delete", help=say("删除没有条目使用的条目标签", "delete an entry tag no entry uses")
    )
    q.add_argument("name", metavar="NAME", help=name_help)


def cmd_tag(lib: Library, args: argparse.Namespace) -> int:
    area = lib.entry_tags
    if args.action == "list":
        tags = [t for t in area.all() if t.unused or not args.unused]
        if args.json:
            rows = [{"name": t.name, "entries": t.entries, "trashed": t.trashed, "created_by": t.created_by,
                     "created_at": t.created_at, "updated_by": t.updated_by, "updated_at": t.updated_at}
                    for t in tags]  # fmt: skip
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        for t in tags:
            trash = say(f"(回收站 {t.trashed})", f" ({t.trashed} in trash)") if t.trashed else ""
            print(f"{t.name}\t{say(f'{t.entries} 条', f'{t.entries} entries')}{trash}")
        if not tags:
            print(say("(没有条目标签)", "(no entry tags)"))
        return 0
    if args.action == "add":
        name = area.create(args.name)
        print(say(f"已新建条目标签「{name}」", f"Added the entry tag '{name}'"))
    elif args.action == "rename":
        done = area.rename(args.name, args.new_name)
        n = len(done.entry_ids)
        print(say(f"条目标签「{args.name}」已改名为「{done.target}」({n} 个条目)",
                  f"Renamed the entry tag '{args.name}' to '{done.target}' ({n} entries)"))  # fmt: skip
    elif args.action == "merge":
        done = area.merge(args.sources, args.into)
        n, joined = len(done.entry_ids), "、".join(done.sources)
        print(say(f"已把「{joined}」合并到「{done.target}」({n} 个条目)",
                  f"Merged '{', '.join(done.sources)}' into '{done.target}' ({n} entries)"))  # fmt: skip
    else:
        area.delete(args.name)
        print(say(f"已删除条目标签「{args.name.strip()}」", f"Deleted the entry tag '{args.name.strip()}'"))
    return 0


COMMANDS = {"tag": cmd_tag}
