"""The demo library a new csdesk home starts with (``resources/demo/demo.json`` and its asset files).

Checks the shape the demo loader relies on, that every reference resolves (shops, assets, tags, SOP steps), and
that the demo does what it is for: enough entries in every part of the tree, question–scenario–answer rows,
variants, examples — and replies that the rule checker would not flag. No Qt, no library: plain JSON.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
SHARED = "通用"
TOP_CATEGORIES = {"售前", "售中", "售后", "投诉", "老客维护"}
BUILTIN_PLACEHOLDERS = {
    "客户昵称",
    "订单号",
    "快递单号",
    "快递公司",
    "店铺名",
    "客服名",
    "日期",
    "商品名",
    "尺码",
}

TOP_KEYS = {
    "format",
    "shops",
    "placeholders",
    "tag_groups",
    "assets",
    "entries",
    "customers",
    "rules",
    "sops",
}
ENTRY_KEYS = {
    "shop",
    "category",
    "title",
    "code",
    "question",
    "similar",
    "scenario",
    "reply",
    "guidance",
    "basis",
    "tags",
    "assets",
    "variants",
    "examples",
}
VARIANT_KEYS = {"label", "reply", "target_tag", "ab_group"}
EXAMPLE_KEYS = {"kind", "dialogue", "comment"}
CUSTOMER_KEYS = {"nickname", "shop", "tags", "notes", "birthday", "after_sale"}
RULE_KEYS = {"pattern", "severity", "kind", "reason", "suggestion", "exceptions", "source", "shop"}
SOP_KEYS = {"name", "shop", "description", "steps"}

# Advertising-law absolute terms and the demo's own red lines: a reply or variant sent to a customer must not
# contain them (the bad example dialogue may — that is its point).
FORBIDDEN_IN_REPLIES = (
    "最",
    "第一",
    "100%",
    "绝对",
    "首选",
    "顶级",
    "极致",
    "万能",
    "国家级",
    "全网",
    "独家",
    "唯一",
    "永久",
    "史上",
    "保证",
    "零甲醛",
    "无甲醛",
    "减肥",
    "纯天然",
    "微信",
    "返现",
    "秒杀",
    "无添加",
    "治疗",
)
PLACEHOLDER = re.compile(r"\{([^{}\n]+)\}")


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DEMO_DIR / "demo.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def entries(demo: dict[str, Any]) -> list[dict[str, Any]]:
    return list(demo["entries"])


def shop_names(demo: dict[str, Any]) -> set[str]:
    return {shop["name"] for shop in demo["shops"]}


def tag_names(demo: dict[str, Any]) -> set[str]:
    return {tag["name"] for group in demo["tag_groups"] for tag in group["tags"]}


def all_replies(entries: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(where, text) for every reply and variant reply."""
    out = []
    for e in entries:
        out.append((f"{e['shop']}/{e['title']}", e["reply"]))
        out.extend((f"{e['shop']}/{e['title']} · {v['label']}", v["reply"]) for v in e.get("variants", []))
    return out


def test_file_is_pretty_utf8_json() -> None:
    raw = (DEMO_DIR / "demo.json").read_text(encoding="utf-8")
    assert "\\u" not in raw, "write with ensure_ascii=False"
    assert raw.startswith("{\n  "), "pretty-printed"


def test_top_level(demo: dict[str, Any]) -> None:
    assert demo["format"] == "csdesk-demo/1"
    assert set(demo) <= TOP_KEYS
    assert set(demo) >= {"format", "shops", "entries"}


def test_shops(demo: dict[str, Any]) -> None:
    shops = demo["shops"]
    assert len(shops) >= 2
    names = [shop["name"] for shop in shops]
    assert len(set(names)) == len(names)
    assert SHARED not in names
    for shop in shops:
        assert set(shop) <= {"name", "platform"}
        assert shop["platform"] in {"淘宝", "天猫", "京东", "拼多多", "抖店", "其他"}
    platforms = {shop["platform"] for shop in shops}
    assert {"淘宝", "天猫"} <= platforms


def test_placeholders_and_tag_groups(demo: dict[str, Any]) -> None:
    for placeholder in demo["placeholders"]:
        assert set(placeholder) <= {"name", "description"}
        assert placeholder["name"] and not set(placeholder["name"]) & set("{}\n")
    groups = demo["tag_groups"]
    assert len(groups) >= 2
    for group in groups:
        assert set(group) <= {"name", "color", "tags"}
        for tag in group["tags"]:
            assert set(tag) <= {"name", "color", "description"}
            assert re.fullmatch(r"#[0-9a-fA-F]{6}", tag.get("color", "#000000"))
    customer_types = next(g for g in groups if g["name"] == "客户类型")
    assert {"价格敏感型", "品质关注型", "犹豫型", "老客户", "易售后"} <= {
        t["name"] for t in customer_types["tags"]
    }
    names = [tag["name"] for group in groups for tag in group["tags"]]
    assert len(set(names)) == len(names), "tag names are unique across groups"


def test_asset_files_exist_and_are_small(demo: dict[str, Any]) -> None:
    files = [asset["file"] for asset in demo["assets"]]
    assert len(set(files)) == len(files)
    for asset in demo["assets"]:
        assert set(asset) <= {"file", "folder", "title"}
        path = DEMO_DIR / "assets" / asset["file"]
        assert path.is_file(), path
        assert 0 < path.stat().st_size < 200 * 1024, path
        assert asset["folder"] and asset["title"]
    assert any(f.endswith(".pdf") for f in files)
    assert sum(f.endswith(".png") for f in files) >= 3
    assert any(f.endswith(".mp4") for f in files)  # an install video (resources/demo/make_video.py)


def test_install_video_is_linked_to_the_furniture_install_entries(
    demo: dict[str, Any], entries: list[dict[str, Any]]
) -> None:
    linked = {e.get("code") for e in entries if "install-video-sidetable.mp4" in e.get("assets", [])}
    assert {"az", "kw2"} <= linked


def test_entry_shape(demo: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    shops = shop_names(demo) | {SHARED}
    assets = {asset["file"] for asset in demo["assets"]}
    tags = tag_names(demo)
    for e in entries:
        where = f"{e.get('shop')}/{e.get('title')}"
        assert set(e) <= ENTRY_KEYS, (where, set(e) - ENTRY_KEYS)
        assert e["reply"].strip(), where
        assert e["title"].strip(), where
        assert e["shop"] in shops, where
        parts = e["category"].split("/")
        assert 1 <= len(parts) <= 2 and all(parts), where
        assert parts[0] in TOP_CATEGORIES, where
        if "code" in e:
            assert re.fullmatch(r"[a-z][a-z0-9]{0,7}", e["code"]), where
        assert isinstance(e.get("similar", []), list)
        assert set(e.get("tags", [])) <= tags, where
        assert set(e.get("assets", [])) <= assets, where
        for variant in e.get("variants", []):
            assert set(variant) <= VARIANT_KEYS, where
            assert variant["reply"].strip() and variant["label"].strip(), where
            assert not variant.get("target_tag") or variant["target_tag"] in tags, where
            assert variant.get("ab_group", "") in {"", "A", "B"}, where
        for example in e.get("examples", []):
            assert set(example) <= EXAMPLE_KEYS, where
            assert example["kind"] in {"good", "bad"}, where
            assert "客户:" in example["dialogue"] and "客服:" in example["dialogue"], where


def test_codes_unique_per_shop(entries: list[dict[str, Any]]) -> None:
    codes = Counter((e["shop"], e["code"]) for e in entries if e.get("code"))
    assert [key for key, n in codes.items() if n > 1] == []
    # a shop's own code must not shadow a shared one either: agents search both at once
    shared = {e["code"] for e in entries if e.get("code") and e["shop"] == SHARED}
    assert [e["code"] for e in entries if e.get("code") and e["shop"] != SHARED and e["code"] in shared] == []


def test_coverage(demo: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    assert len(entries) >= 80
    by_shop = Counter(e["shop"] for e in entries)
    assert by_shop[SHARED] >= 15
    for shop in shop_names(demo):
        assert by_shop[shop] >= 10, shop
    by_top = Counter(e["category"].split("/")[0] for e in entries)
    assert set(by_top) == TOP_CATEGORIES
    for top in TOP_CATEGORIES:
        subs = {e["category"] for e in entries if e["category"].startswith(top + "/")}
        assert len(subs) >= 2, top
    for wanted in (
        "售前/尺码",
        "售前/材质",
        "售前/发货",
        "售前/优惠",
        "售中/改地址",
        "售中/催发货",
        "售后/退换货",
        "售后/质量问题",
        "售后/物流",
        "投诉/差评挽回",
        "老客维护/复购",
    ):
        assert wanted in {e["category"] for e in entries}, wanted
    with_code = sum(1 for e in entries if e.get("code"))
    assert with_code >= len(entries) * 0.8


def test_question_scenario_answer_rows(entries: list[dict[str, Any]]) -> None:
    rows = [
        e
        for e in entries
        if e.get("question") and e.get("guidance") and e.get("basis") and 2 <= len(e.get("similar", [])) <= 4
    ]
    assert len(rows) >= 12
    assert sum(1 for e in rows if e.get("scenario")) >= 12


def test_placeholders_used_are_known(demo: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    known = BUILTIN_PLACEHOLDERS | {p["name"] for p in demo["placeholders"]}
    used: Counter[str] = Counter()
    for where, text in all_replies(entries):
        names = PLACEHOLDER.findall(text)
        assert set(names) <= known, (where, set(names) - known)
        used.update(names)
    assert sum(1 for e in entries if PLACEHOLDER.search(e["reply"])) >= 10
    assert {"客户昵称", "订单号", "快递单号", "尺码"} <= set(used)


def test_variants_for_tags_and_one_ab_pair(entries: list[dict[str, Any]]) -> None:
    variants = [v for e in entries for v in e.get("variants", [])]
    assert sum(1 for v in variants if v.get("target_tag") == "犹豫型") >= 3
    assert sum(1 for v in variants if v.get("ab_group")) >= 1


def test_examples(entries: list[dict[str, Any]]) -> None:
    kinds = Counter(x["kind"] for e in entries for x in e.get("examples", []))
    assert kinds["good"] >= 1 and kinds["bad"] >= 1


def test_replies_avoid_absolute_terms_and_red_lines(
    demo: dict[str, Any], entries: list[dict[str, Any]]
) -> None:
    offending = [
        (where, term) for where, text in all_replies(entries) for term in FORBIDDEN_IN_REPLIES if term in text
    ]
    assert offending == []
    # and the demo's own rules do not fire on its own replies
    for rule in demo["rules"]:
        pattern = rule["pattern"] if rule["kind"] == "regex" else re.escape(rule["pattern"])
        for where, text in all_replies(entries):
            for exception in rule.get("exceptions", []):
                text = text.replace(exception, "")
            assert not re.search(pattern, text), (where, rule["pattern"])


def test_bad_example_shows_the_red_lines(entries: list[dict[str, Any]]) -> None:
    bad = [x["dialogue"] for e in entries for x in e.get("examples", []) if x["kind"] == "bad"]
    assert any(term in dialogue for dialogue in bad for term in ("绝对", "最"))


def test_search_demo_words_find_several(entries: list[dict[str, Any]]) -> None:
    def text(e: dict[str, Any]) -> str:
        return " ".join([e["title"], e.get("question", ""), *e.get("similar", []), e["reply"]])

    for word in ("尺码", "偏大", "退货", "运费", "发货", "过敏", "保质期", "起球"):
        assert sum(1 for e in entries if word in text(e)) >= 3, word


def test_customers(demo: dict[str, Any]) -> None:
    customers = demo["customers"]
    assert 4 <= len(customers) <= 6
    shops = shop_names(demo)
    tags = tag_names(demo)
    for c in customers:
        assert set(c) <= CUSTOMER_KEYS
        assert c["nickname"] and c["shop"] in shops
        assert c["tags"] and set(c["tags"]) <= tags
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["birthday"])
        assert c["notes"]
    assert sum(1 for c in customers if c.get("after_sale")) >= 3
    assert sum(1 for c in customers if re.search(r"\d{3}.*\d{2}kg", c["notes"])) >= 3, "身高体重 in notes"


def test_rules(demo: dict[str, Any]) -> None:
    rules = demo["rules"]
    shops = shop_names(demo)
    assert sum(1 for r in rules if r["source"] == "shop") >= 5
    for r in rules:
        assert set(r) <= RULE_KEYS
        assert r["severity"] in {"block", "warn"}
        assert r["kind"] in {"word", "regex"}
        assert r["source"] in {"shop", "platform", "adlaw"}
        assert r["reason"] and r["suggestion"]
        assert r.get("shop") is None or r["shop"] in shops
        assert r["source"] != "shop" or r.get("shop") in shops
        if r["kind"] == "regex":
            re.compile(r["pattern"])
        for exception in r.get("exceptions", []):
            assert r["kind"] == "regex" or r["pattern"] in exception


def test_sops_reference_existing_entries(demo: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    codes = {(e["shop"], e["code"]) for e in entries if e.get("code")}
    sops = demo["sops"]
    assert len(sops) >= 2
    names = {sop["name"] for sop in sops}
    assert {"客户说没收到货", "客户反映质量问题"} <= names
    for sop in sops:
        assert set(sop) <= SOP_KEYS
        assert sop.get("shop") is None or sop["shop"] in shop_names(demo)
        assert len(sop["steps"]) >= 3
        for step in sop["steps"]:
            assert set(step) <= {"instruction", "entry"}
            assert step["instruction"]
            if step.get("entry"):
                ref = step["entry"]
                assert set(ref) == {"shop", "code"}
                assert (ref["shop"], ref["code"]) in codes, (sop["name"], ref)
        assert sum(1 for step in sop["steps"] if step.get("entry")) >= 2
