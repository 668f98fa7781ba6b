"""Coverage of the built-in red lines: the extreme-word lists and Advertising Law categories are flagged, ordinary
service replies are not blocked, and words broken up by spaces, punctuation or full-width letters still hit.

The lists live in tests/fixtures (redlines_forbidden.txt: ≥ 300 forbidden words and phrases; redlines_ordinary.txt:
≥ 1,000 ordinary replies, to which the demo library's replies are added). tests/benchmarks/bench_redlines.py prints
the same figures for the README.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csdesk.core.rules import RuleChecker, load_builtin_rules, worst_severity

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def lines_of(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def demo_replies() -> list[str]:
    data = json.loads((ROOT / "resources" / "demo" / "demo.json").read_text(encoding="utf-8"))
    entries = data["entries"]
    return [e["reply"] for e in entries] + [v["reply"] for e in entries for v in e.get("variants", ())]


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(load_builtin_rules())


def test_at_least_ninety_percent_of_the_forbidden_list_is_flagged(checker: RuleChecker) -> None:
    forbidden = lines_of("redlines_forbidden.txt")
    assert len(forbidden) >= 300
    missed = [line for line in forbidden if not checker.check(line)]
    assert 1 - len(missed) / len(forbidden) >= 0.90, missed


def test_at_most_one_percent_of_ordinary_replies_has_a_block_hit(checker: RuleChecker) -> None:
    ordinary = lines_of("redlines_ordinary.txt")
    assert len(ordinary) >= 1000
    replies = ordinary + demo_replies()
    blocked = [
        (r, [h.text for h in checker.check(r)])
        for r in replies
        if worst_severity(checker.check(r)) == "block"
    ]
    assert len(blocked) / len(replies) <= 0.01, blocked


@pytest.mark.parametrize(
    "category",
    [
        "最",
        "第一",
        "级/极",
        "首/家/国",
        "品牌",
        "虚假",
        "诱导",
        "时间",
        "医疗",
        "迷信",
        "投资",
        "教育",
        "站外",
        "刷单",
        "不退不换",
    ],
)
def test_every_category_of_the_list_has_lines_and_hits(checker: RuleChecker, category: str) -> None:
    """Each category named in the issue is represented in the fixture and flagged there."""
    text = (FIXTURES / "redlines_forbidden.txt").read_text(encoding="utf-8")
    sections = [s for s in text.split("# --- ")[1:] if s.split("---")[0].find(category.split("/")[0]) >= 0]
    assert sections, category
    lines = [x.strip() for s in sections for x in s.splitlines()[1:] if x.strip() and not x.startswith("#")]
    assert lines and sum(1 for x in lines if checker.check(x)) / len(lines) >= 0.85


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("加 微 信", "block"),
        ("加V信", "block"),
        ("加ｖｘ聊", "block"),
        ("可以加我 wx: shop_888", "block"),
        ("+v 详聊", "block"),
        ("＋微信", "block"),
        ("QQ：123456789", "block"),
        ("电话 138-1234-5678", "block"),
        ("打 138 1234 5678", "block"),
        ("看这里 http://abc.xyz/p", "block"),
        ("好 评 返 现", "block"),
        ("返现5元,给个好评", "block"),
        ("好评晒图送小礼物", "block"),
        ("全·网·最·低·价", "block"),
        ("国 家 级", "block"),
        ("ＴＯＰ１", "block"),
        ("特价商品不退不换", "block"),
        ("一经售出,概不退换", "block"),
        ("保过班", "block"),
        ("开光手串", "block"),
        ("投资回报高", "block"),
        ("最后一天了", "warn"),
        ("最后一天:6月18日", None),
    ],
)
def test_split_and_disguised_spellings_hit(checker: RuleChecker, text: str, severity: str | None) -> None:
    assert worst_severity(checker.check(text)) == severity


@pytest.mark.parametrize(
    "text",
    [
        "您的包裹已经到杭州转运中心了",
        "平台不支持微信支付,可以用支付宝或花呗",
        "订单号 2024061812345678901,快递单号 SF1234567890123",
        "亲,最近单量大,最快明天发,第一时间通知您",
        "面料 100% 纯棉",
        "详情页第1个视频是安装演示",
        "可以开增值税普通发票",
        "收到后觉得满意的话,欢迎分享您的真实感受",
        "质量问题的退换运费由我们承担",
        "淘宝链接:https://item.taobao.com/item.htm?id=123",
    ],
)
def test_everyday_wording_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert worst_severity(checker.check(text)) != "block", [h.text for h in checker.check(text)]


def test_hits_through_separators_point_at_the_original_text(checker: RuleChecker) -> None:
    text = "亲,可以加 微-信 聊"
    [hit] = [h for h in checker.check(text) if h.severity == "block"]
    assert text[hit.start : hit.end] == hit.text == "加 微-信"
