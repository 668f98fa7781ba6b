"""A library with fixed synthetic logs whose statistics are known: the week of 2026-05-04 (Mon) – 2026-05-10 (Sun).

Shops 甲店 and 乙店; entries: 尺码 (甲), 发货 (甲), 退换 (通用), 材质 (乙), 闲置 (甲, never copied). Copies:

- 张三: 尺码 ×5 in 甲 (05-04 ×3, 05-05 ×2), 发货 ×2 in 甲 (05-06), 退换 ×1 in 乙 (05-10 23:30 Beijing, still 05-10)
- 李四: 尺码 ×1 in 甲 (05-07), 材质 ×3 in 乙 (05-08) of which 2 overridden on a red line, 1 warned
- outside the week: 发货 ×4 on 05-03 23:59 Beijing (05-03 15:59Z) and 闲置 ×1 on 05-11 00:00 Beijing

Searches (all abandoned, as the workspace logs them): 发新疆吗 ×3, 新疆能发吗 ×2, 新疆包邮吗 ×1 (found nothing), 起球吗
×2 (hits, not copied), and a phone number, masked when logged.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def utc(beijing: str) -> str:
    """Beijing ``2026-05-04 10:00`` as the log's UTC text."""
    moment = datetime.strptime(beijing, "%Y-%m-%d %H:%M") - timedelta(hours=8)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def add_copy(
    lib: Library,
    beijing: str,
    entry_id: str,
    shop: str,
    agent: str,
    action: str = "copy",
    note: str = "",
    customer: str = "",
) -> None:
    lib.database.execute(
        "INSERT INTO usage_log(ts, entry_id, shop_id, agent, action, note, customer) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (utc(beijing), entry_id, lib.shops.get(shop).id, agent, action, note, customer),
    )


def add_search(
    lib: Library, beijing: str, query: str, hits: int, agent: str = "张三", shop: str = "甲店"
) -> None:
    lib.database.execute(
        "INSERT INTO search_log(ts, query, shop_id, hits, copied, agent) VALUES (?, ?, ?, ?, 0, ?)",
        (utc(beijing), query, lib.shops.get(shop).id, hits, agent),
    )


def week_library(home: Path) -> Library:
    """The library of the module docstring (``lib.ids``: the entries' ids by key)."""
    lib = Library.open(home, demo=False, agent="主管")
    lib.shops.add("甲店", "淘宝")
    lib.shops.add("乙店", "拼多多")
    ids = {}
    for key, shop, title, code, cat in (
        ("size", "甲店", "尺码推荐", "cm", "售前/尺码"),
        ("ship", "甲店", "发货时间", "fh", "售前/物流"),
        ("return", None, "七天无理由退换", "th", "售后"),
        ("fabric", "乙店", "面料材质", "cz", "售前"),
        ("idle", "甲店", "节日问候", "jr", "其他"),
    ):
        entry = lib.create(
            EntryDraft(
                reply=f"{title}的回复", title=title, code=code, shop=shop, category=cat, question=f"{title}?"
            )
        )
        ids[key] = entry.id
    for day, n in (("2026-05-04 10:00", 3), ("2026-05-05 11:00", 2)):
        for _ in range(n):
            add_copy(lib, day, ids["size"], "甲店", "张三")
    add_copy(lib, "2026-05-06 09:00", ids["ship"], "甲店", "张三")
    add_copy(lib, "2026-05-06 15:00", ids["ship"], "甲店", "张三", customer="tb_小美")
    add_copy(lib, "2026-05-10 23:30", ids["return"], "乙店", "张三")
    add_copy(lib, "2026-05-07 12:00", ids["size"], "甲店", "李四")
    add_copy(
        lib, "2026-05-08 12:00", ids["fabric"], "乙店", "李四", "override", "客户坚持要 13812345678 回电"
    )
    add_copy(lib, "2026-05-08 12:05", ids["fabric"], "乙店", "李四", "override", "已核实")
    add_copy(lib, "2026-05-08 12:10", ids["fabric"], "乙店", "李四", "warned", "最")
    for _ in range(4):
        add_copy(lib, "2026-05-03 23:59", ids["ship"], "甲店", "张三")
    add_copy(lib, "2026-05-11 00:00", ids["idle"], "甲店", "张三")
    for i in range(3):
        add_search(lib, f"2026-05-0{5 + i} 10:00", "发新疆吗", 0)
    add_search(lib, "2026-05-06 11:00", "新疆能发吗", 0, agent="李四")
    add_search(lib, "2026-05-09 11:00", "新疆能发吗", 0)
    add_search(lib, "2026-05-09 12:00", "新疆包邮吗", 0)
    add_search(lib, "2026-05-07 12:00", "起球吗", 4)
    add_search(lib, "2026-05-08 12:00", "起球吗", 4, agent="李四")
    lib.usage.log_search("13812345678", hits=0, copied=False, shop="甲店")  # today: outside the week
    lib.ids = ids  # type: ignore[attr-defined]
    return lib
