"""Red-line checks: word and regex rules, exceptions, overlaps, offsets, scope, built-in sets, pasted word lists."""

from __future__ import annotations

import itertools
import random
import re
import time
from pathlib import Path

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.models import Rule
from csdesk.core.rules import (
    RuleChecker,
    first_chars,
    fold,
    load_builtin_rules,
    parse_word_list,
    validate_rule,
    worst_severity,
)


def word(pattern: str, severity: str = "warn", **kw: object) -> Rule:
    return Rule(id=kw.pop("id", None), pattern=pattern, severity=severity, **kw)  # type: ignore[arg-type]


MOST = word(
    "最",
    "warn",
    id=1,
    reason="极限词",
    suggestion="换个说法",
    exceptions=("最近", "最后", "最快明天到", "最晚"),
    source="adlaw",
)
BEST = word("最好", "block", id=2, reason="最高级用语", suggestion="品质很好", source="adlaw")


def spans(hits: list) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.text) for h in hits]


# --- folding ---


def test_fold_keeps_length_and_maps_full_width() -> None:
    text = "ＶＸ１００％　Ａｂc最İ"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded[:6] == "vx100%"
    assert folded[6] == " "
    assert folded[7:10] == "abc"
    assert folded[-1] == "İ"  # lower-cases to two code points: kept as is


# --- exceptions and overlaps ---


def test_exceptions_suppress_hits_inside_them() -> None:
    checker = RuleChecker([MOST, BEST])
    assert checker.check("最近发货很快,最后一件了,最快明天到,最晚周五") == []
    hits = checker.check("这款是最好的")
    assert spans(hits) == [(3, 5, "最好")]
    assert hits[0].severity == "block"
    assert hits[0].rule_id == 2
    assert hits[0].source == "adlaw"
    assert hits[0].reason == "最高级用语"
    assert hits[0].suggestion == "品质很好"


def test_bare_word_flagged_outside_exception() -> None:
    checker = RuleChecker([MOST])
    hits = checker.check("最近最火的款,最快后天到")
    # 最近 is fine, 最火 is flagged, 最快后天到 is not the exception 最快明天到.
    assert spans(hits) == [(2, 3, "最"), (7, 8, "最")]
    assert all(h.severity == "warn" for h in hits)


def test_exception_must_cover_the_whole_hit() -> None:
    checker = RuleChecker([word("第一", exceptions=("第一次",))])
    assert checker.check("第一次买") == []
    assert spans(checker.check("销量第一")) == [(2, 4, "第一")]
    assert spans(checker.check("销量第一,第一次买")) == [(2, 4, "第一")]


def test_overlap_keeps_most_severe_then_longest() -> None:
    rules = [
        word("最", "warn", id=1),
        word("最好", "warn", id=2),
        word("最好用", "warn", id=3),
        word("好用", "block", id=4),
    ]
    hits = RuleChecker(rules).check("这个最好用")
    # block 好用 wins over the longer warn 最好用; then 最 remains free (最好 overlaps 好用).
    assert [(h.start, h.end, h.rule_id) for h in hits] == [(2, 3, 1), (3, 5, 4)]


def test_same_span_reported_once() -> None:
    rules = [word("绝对", "warn", id=1), word("绝对", "block", id=2), word("绝对", "warn", id=3)]
    hits = RuleChecker(rules).check("绝对正品")
    assert len(hits) == 1
    assert hits[0].rule_id == 2


def test_longest_wins_among_equal_severity() -> None:
    hits = RuleChecker([word("最"), word("最好")]).check("最好")
    assert spans(hits) == [(0, 2, "最好")]


def test_hits_sorted_by_start() -> None:
    checker = RuleChecker([word("最好", "block"), word("第一"), word("绝对")])
    hits = checker.check("绝对是第一,最好的")
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert [h.text for h in hits] == ["绝对", "第一", "最好"]


# --- offsets and folding ---


def test_offsets_on_full_width_and_emoji_text() -> None:
    checker = RuleChecker([word("vx", "block"), word("100%"), word("最好")])
    text = "亲😊👍加ＶＸ吧，１００％正品🎉最好"
    hits = checker.check(text)
    assert [text[h.start : h.end] for h in hits] == ["ＶＸ", "１００％", "最好"]
    assert [h.text for h in hits] == ["ＶＸ", "１００％", "最好"]
    assert hits[0].start == 4  # code points: each emoji counts one
    assert hits[0].severity == "block"


def test_case_insensitive() -> None:
    checker = RuleChecker([word("NO.1", "block"), word("QQ")])
    assert spans(checker.check("销量No.1,加qq")) == [(2, 6, "No.1"), (8, 10, "qq")]


def test_ascii_words_match_whole_tokens_only() -> None:
    checker = RuleChecker([word("qq"), word("100%")])
    assert checker.check("qqq群") == []
    assert checker.check("1100%") == []
    assert spans(checker.check("加qq好友,100%满意")) == [(1, 3, "qq"), (6, 10, "100%")]


# --- scope and enabled ---


def test_shop_scope() -> None:
    rules = [word("包邮", id=1, shop_id=7), word("秒发", id=2, shop_id=8), word("最好", id=3)]
    checker = RuleChecker(rules)
    text = "包邮秒发,最好"
    assert [h.rule_id for h in checker.check(text)] == [3]
    assert [h.rule_id for h in checker.check(text, shop_id=7)] == [1, 3]
    assert [h.rule_id for h in checker.check(text, shop_id=8)] == [2, 3]


def test_disabled_rules_ignored() -> None:
    checker = RuleChecker([word("最好", enabled=False), word("第一")])
    assert len(checker) == 1
    assert spans(checker.check("最好,第一")) == [(3, 5, "第一")]
    assert checker.skipped == []


def test_empty_text_and_no_rules() -> None:
    assert RuleChecker([]).check("最好") == []
    assert RuleChecker([MOST]).check("") == []


# --- regex rules ---


def test_regex_rule() -> None:
    rule = Rule(id=9, pattern=r"加.{0,3}(微信|vx|qq)", kind="regex", severity="block", source="platform")
    checker = RuleChecker([rule])
    text = "可以加我个ＶＸ吗"
    hits = checker.check(text)
    assert spans(hits) == [(2, 7, "加我个ＶＸ")]
    assert hits[0].rule_id == 9
    assert checker.check("加购物车") == []


def test_regex_rule_uppercase_pattern_and_exceptions() -> None:
    rule = Rule(id=1, pattern=r"CCTV推荐", kind="regex", exceptions=("不是cctv推荐",))
    checker = RuleChecker([rule])
    assert len(checker.check("cctv推荐")) == 1
    assert checker.check("这不是CCTV推荐的") == []


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(增强|提高)免疫力", set("增提")),
        (r"(?<!\d)1[3-9]\d{9}", {"1"}),
        (r"(一下)?(差评|好评)", set("一差好")),
        (r"(https?://|www\.)", set("hHwW")),
        (r"sk", {"s", "S", "\u017f"}),  # re.IGNORECASE also matches the long s
        (r"\d+元", None),  # a category: not worked out, the regex always runs
        (r".{0,3}微信", None),
    ],
)
def test_regex_first_chars(pattern: str, expected: set[str] | None) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert first_chars(compiled) == (None if expected is None else frozenset(expected))


def test_regex_prefilter_keeps_every_hit(builtin: RuleChecker) -> None:
    """Skipping a regex whose first characters are all absent from a reply changes no hit (built-in rules and the
    red-line fixtures, as written, upper-cased and spread out with spaces)."""
    lines: list[str] = []
    for name in ("redlines_forbidden.txt", "redlines_ordinary.txt"):
        text = (Path(__file__).resolve().parents[1] / "fixtures" / name).read_text(encoding="utf-8")
        lines += [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    lines += [line.upper() for line in lines] + [" ".join(line) for line in lines[:300]]
    lines += ["加我ＶＸ：ABC123456", "瘦了10KG", "访问 WWW.ABC.COM", "电话 13912345678"]
    fast = [builtin.check(line) for line in lines]
    unfiltered = RuleChecker(builtin.rules)
    unfiltered._regexes = [(index, regex, None) for index, regex, _starts in unfiltered._regexes]
    assert fast == [unfiltered.check(line) for line in lines]
    assert sum(map(len, fast)) > 1000


def test_invalid_regex_raises_and_is_skipped() -> None:
    bad = Rule(id=5, pattern="加(微信", kind="regex")
    with pytest.raises(ValidationError) as info:
        validate_rule(bad)
    assert "正则表达式无效" in info.value.message
    assert "invalid regular expression" in info.value.english
    checker = RuleChecker([bad, word("最好")])
    assert len(checker) == 1
    assert checker.skipped[0][0] is bad
    assert spans(checker.check("最好")) == [(0, 2, "最好")]


def test_regex_matching_empty_text_is_invalid() -> None:
    with pytest.raises(ValidationError, match="空文本"):
        validate_rule(Rule(id=None, pattern="a*", kind="regex"))


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Rule(id=None, pattern="  "), "不能为空"),
        (Rule(id=None, pattern="最", severity="fatal"), "级别"),  # type: ignore[arg-type]
        (Rule(id=None, pattern="最", kind="glob"), "类型"),  # type: ignore[arg-type]
        (Rule(id=None, pattern="最好", exceptions=("最近",)), "例外词"),
        (Rule(id=None, pattern="最" * 500), "太长"),
    ],
)
def test_validate_rule_errors(rule: Rule, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_rule(rule)


def test_worst_severity() -> None:
    checker = RuleChecker([word("最"), word("第一", "block")])
    assert worst_severity(checker.check("很好")) is None
    assert worst_severity(checker.check("最")) == "warn"
    assert worst_severity(checker.check("最,第一")) == "block"


# --- built-in rule sets ---


def test_builtin_rules_load_and_validate() -> None:
    rules = load_builtin_rules()
    assert len(rules) >= 40
    assert {r.source for r in rules} == {"adlaw", "platform"}
    for rule in rules:
        validate_rule(rule)
        assert rule.builtin
        assert rule.reason and rule.suggestion, rule.pattern
        assert rule.severity in ("block", "warn")
    assert RuleChecker(rules).skipped == []


@pytest.fixture(scope="module")
def builtin() -> RuleChecker:
    return RuleChecker(load_builtin_rules())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这款面料是最好的", [("最好", "warn", "adlaw")]),
        ("全网最低价", [("全网最低", "block", "adlaw")]),
        ("本店销量第一", [("销量第一", "block", "adlaw")]),
        ("品质第一", [("第一", "warn", "adlaw")]),
        ("国家级工艺", [("国家级", "block", "adlaw")]),
        ("央视推荐产品", [("央视推荐", "block", "adlaw")]),
        ("喝了能降血压", [("降血压", "block", "adlaw")]),
        ("美白祛斑效果好", [("美白", "warn", "adlaw"), ("祛斑", "warn", "adlaw")]),
        ("可以加我微信聊", [("加我微信", "block", "platform")]),
        ("咱们私下交易便宜点", [("私下交易", "block", "platform")]),
        ("好评返现5元", [("好评返现", "block", "platform")]),
        ("五星好评返10元红包", [("五星好评返10元红包", "block", "platform")]),
        ("这件保证不起球", [("保证不起球", "warn", "platform")]),
        ("退货运费您自己承担哦", [("退货运费您自己承担", "warn", "platform")]),
        ("不要刷单", [("刷单", "block", "platform")]),
    ],
)
def test_builtin_hits(builtin: RuleChecker, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(h.text, h.severity, h.source) for h in builtin.check(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "亲,最近发货量大,最快明天到,最晚周五也能到",
        "这是最后一件了,您最好先量一下腰围",
        "第一次购买可以领券,我们第一时间给您发货",
        "面料是100%纯棉的",
        "面料是１００％纯棉的",
        "亲,尺码偏小,建议拍大一码",
        "您的订单已经发货了,快递单号发您了",
    ],
)
def test_builtin_no_false_alarms_on_everyday_replies(builtin: RuleChecker, text: str) -> None:
    assert builtin.check(text) == []


# --- performance ---


def test_thirty_thousand_rules_build_and_check() -> None:
    rng = random.Random(20240501)
    alphabet = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴"
    words = {"".join(rng.choices(alphabet, k=rng.randint(2, 6))) for _ in range(31_000)}
    patterns = sorted(words)[:30_000]
    rules = [
        Rule(id=i, pattern=p, severity="block" if i % 7 == 0 else "warn", shop_id=None if i % 3 else 1)
        for i, p in enumerate(patterns)
    ]
    planted = [p for i, p in enumerate(patterns) if i % 3][:20]
    text = "".join(rng.choices(alphabet, k=5_000)) + "。" + "。".join(planted)

    started = time.perf_counter()
    checker = RuleChecker(rules)
    built = time.perf_counter()
    hits = checker.check(text)
    checked = time.perf_counter()
    for _ in range(100):
        checker.check("亲,这款是我们店的热销款,面料舒适,尺码标准,最近发货很快哦")
    short = (time.perf_counter() - checked) / 100

    assert len(checker) == 30_000
    # Every planted word is reported, or overlapped by a more severe / longer hit that won.
    tail = len(text) - len("。".join(planted))
    for p in planted:
        start = text.index(p, tail)
        assert any(h.start < start + len(p) and start < h.end for h in hits), p
    assert {h.text for h in hits} & set(planted)
    assert all(text[h.start : h.end] == h.text for h in hits)
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
    assert all(h.rule_id is not None and h.rule_id % 3 for h in hits)  # shop-1 rules stay out
    print(
        f"\n30k rules: build {built - started:.3f}s, check 5k-char text {checked - built:.4f}s "
        f"({len(hits)} hits), short reply {short * 1000:.3f}ms"
    )


# --- pasted word lists ---


def test_parse_word_list_columns_comments_and_header() -> None:
    text = """
# 店铺自定义禁用词
词,级别,原因,建议
秒杀
保真\tblock\t不能保证\t正品保障
全网独家, 禁止, 独家需授权, 本店特色款
国货之光，提醒，夸大宣传，国货好物
"假一赔十", warn, "没开通服务, 不能承诺", 支持正品保障
最\t提醒\t极限词\t换个说法\t最近、最后|最晚
"re:加.{0,2}微信",block,站外引流,平台内沟通
秒杀
"""
    rules = parse_word_list(text, source="shop")
    assert [r.pattern for r in rules] == [
        "秒杀",
        "保真",
        "全网独家",
        "国货之光",
        "假一赔十",
        "最",
        "加.{0,2}微信",
    ]
    assert [r.severity for r in rules] == ["warn", "block", "block", "warn", "warn", "warn", "block"]
    assert rules[1].reason == "不能保证" and rules[1].suggestion == "正品保障"
    assert rules[3].reason == "夸大宣传"
    assert rules[4].reason == "没开通服务, 不能承诺"
    assert rules[5].exceptions == ("最近", "最后", "最晚")
    assert rules[6].kind == "regex"
    assert all(r.source == "shop" and not r.builtin and r.id is None for r in rules)


def test_parse_word_list_default_severity() -> None:
    rules = parse_word_list("刷单\n返现,warn", severity="block", source="platform")
    assert [(r.severity, r.source) for r in rules] == [("block", "platform"), ("warn", "platform")]


def test_parse_word_list_bad_severity_names_line() -> None:
    with pytest.raises(ValidationError) as info:
        parse_word_list("# 注释\n最好,block\n第一,严禁\n")
    assert "第 3 行" in info.value.message
    assert "严禁" in info.value.message
    assert "Line 3" in info.value.english


def test_parse_word_list_bad_regex_names_line() -> None:
    with pytest.raises(ValidationError, match=r"第 2 行.*正则"):
        parse_word_list("最好\nre:加(微信\n")


def test_parse_word_list_too_many_columns() -> None:
    with pytest.raises(ValidationError, match=r"第 1 行.*列太多"):
        parse_word_list("最好,warn,a,b,c,d")


def test_parse_word_list_empty() -> None:
    assert parse_word_list("\n  \n# only comments\n") == []


def test_parsed_rules_check() -> None:
    checker = RuleChecker(parse_word_list("保真\tblock\n最\twarn\t\t\t最近"))
    assert [(h.text, h.severity) for h in checker.check("最近到货,保真,最好")] == [
        ("保真", "block"),
        ("最", "warn"),
    ]


# --- audit: traditional characters, 不退不换, shipping on quality problems ---


def test_traditional_characters_fold_to_the_simplified_rules() -> None:
    checker = RuleChecker(load_builtin_rules())
    text = "親,這款全網最低價,保證有效"
    hits = checker.check(text)
    assert worst_severity(hits) == "block"
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text  # offsets point into the original (traditional) text
    assert any(h.text.startswith("全網最") for h in hits)
    regex_rule = Rule(id=None, pattern="(退|換)貨.{0,4}運費", kind="regex", severity="warn")
    assert spans(RuleChecker([regex_rule]).check("退货运费")) == [(0, 4, "退货运费")]
    assert spans(RuleChecker([regex_rule]).check("退貨運費")) == [(0, 4, "退貨運費")]


@pytest.mark.parametrize(
    "text", ["不退不换", "本店商品不退换", "定制款不能退也不能换", "不予退换", "不退不換"]
)
def test_refusing_any_return_blocks(text: str) -> None:
    hits = RuleChecker(load_builtin_rules()).check(text)
    assert worst_severity(hits) == "block", text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("质量问题退货运费您自己承担", "block"),
        ("质量问题需要您自己承担运费哦", "block"),
        ("質量問題退貨運費您自己承擔", "block"),
        # 7天无理由: the buyer may pay, unless the shop promised otherwise
        ("非质量问题退货运费您自己承担", "warn"),
        ("质量问题的退换运费由我们承担", None),
    ],
)
def test_quality_problem_shipping_is_on_the_seller(text: str, expected: str | None) -> None:
    assert worst_severity(RuleChecker(load_builtin_rules()).check(text)) == expected


def test_an_older_library_gets_the_new_builtin_rules_and_keeps_its_switches(tmp_path: object) -> None:
    """Rule files carry a version: a library made with older files gets the added rules on its next open."""
    import sqlite3
    from pathlib import Path

    from csdesk.core.library import Library
    from csdesk.core.rules import builtin_rule_versions

    home = Path(str(tmp_path)) / "home"
    with Library.open(home, demo=False) as lib:
        platform = [r for r in lib.rules.all() if r.builtin and r.source == "platform"]
        newest, kept = platform[-1], platform[0]
        lib.rules.update(kept.id, enabled=False)  # type: ignore[arg-type]
        shipped = len(lib.rules.all())
    # Make it look like a library of the previous platform rule file: one rule fewer, no version mark.
    con = sqlite3.connect(home / "library.sqlite3")
    with con:
        con.execute("DELETE FROM rules WHERE id = ?", (newest.id,))
        con.execute("DELETE FROM meta WHERE key = 'rules_version.platform'")
    con.close()
    assert builtin_rule_versions()["platform"] >= 2

    with Library.open(home, demo=False) as lib:
        assert len(lib.rules.all()) == shipped
        assert any(r.pattern == newest.pattern and r.builtin for r in lib.rules.all())
        # the supervisor's switch stays
        assert next(r for r in lib.rules.all() if r.id == kept.id).enabled is False
        added = next(r for r in lib.rules.all() if r.pattern == newest.pattern)
        assert (added.severity, added.reason) == (newest.severity, newest.reason)
    with Library.open(home, demo=False) as lib:
        assert len(lib.rules.all()) == shipped  # once only
