"""The search index: what agents type (substrings, pinyin, codes, pasted messages) finds the right entry first."""

from __future__ import annotations

import dataclasses
import os
import random
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from csdesk.core import search as search_module
from csdesk.core.errors import LibraryLockedError
from csdesk.core.search import IndexDoc, IndexHit, SearchIndex, highlight_spans

SHOP_A, SHOP_B, SHARED = 1, 2, 3


def doc(
    entry_id: str,
    title: str,
    reply: str = "",
    *,
    shop: int = SHOP_A,
    cats: tuple[int, ...] = (),
    code: str = "",
    question: str = "",
    similar: tuple[str, ...] = (),
    scenario: str = "",
    guidance: str = "",
    tags: tuple[str, ...] = (),
    enabled: bool = True,
    popularity: float = 0.0,
) -> IndexDoc:
    return IndexDoc(
        entry_id=entry_id,
        shop_id=shop,
        category_ids=cats,
        title=title,
        code=code,
        question=question,
        similar=similar,
        scenario=scenario,
        reply=reply or f"{title}的回复",
        guidance=guidance,
        tags=tags,
        enabled=enabled,
        popularity=popularity,
    )


CORPUS = [
    doc(
        "size-big",
        "尺码偏大怎么办",
        "亲,这款尺码偏大,建议拍小一码哦",
        code="cmpd",
        cats=(10, 11),
        question="衣服尺码偏大吗",
        similar=("码子是不是偏大", "尺码标准吗"),
    ),
    doc(
        "size-chart",
        "身高体重选尺码",
        "亲,您把身高体重发我,帮您推荐合适的尺码",
        code="cm",
        cats=(10, 11),
        question="我身高体重穿什么码合适",
        similar=("多高多重穿多大码", "怎么选尺码"),
    ),
    doc(
        "express",
        "发什么快递",
        "默认中通快递,需要顺丰可以补差价",
        code="kd",
        cats=(10, 12),
        question="默认发什么快递",
        similar=("能发顺丰吗",),
        tags=("犹豫型",),
    ),
    doc(
        "refund",
        "退款多久到账",
        "退款审核通过后原路退回,一般1-3个工作日到账",
        code="tk",
        cats=(20,),
        question="退款什么时候到账",
        guidance="先安抚,再查售后单",
    ),
    doc(
        "return-fee",
        "退货运费谁承担",
        "质量问题运费由我们承担,非质量问题需您承担退货运费",
        code="thyf",
        cats=(20,),
        question="退货运费谁出",
        tags=("价格敏感型",),
    ),
    doc(
        "heavy",
        "重量说明",
        "这款净重约500克,比较轻便",
        code="zl",
        question="这个有多重",
    ),
    doc(
        "repeat",
        "重复下单怎么处理",
        "亲,重复拍的订单我们帮您取消一单",
        code="cf",
        question="不小心重复下单了",
    ),
    doc("xl", "XL码对应多少斤", "XL码适合130到145斤", code="xl1", question="XL码穿多少斤"),
    doc("b-size", "尺码偏小怎么办", "这款偏小,建议拍大一码", shop=SHOP_B, code="cmpx", question="尺码偏小吗"),
    doc("shared-hello", "欢迎语", "亲,您好,欢迎光临,有什么可以帮您", shop=SHARED, code="hy"),
    doc("disabled", "尺码偏大旧话术", "旧的尺码说法", enabled=False, code="cmold"),
    doc("big-number", "满减活动", "满299减30,可叠加店铺券", code="mj", question="有满减吗"),
    doc("invoice", "开发票", "可以开电子发票,下单备注抬头和税号", code="fp", question="能开发票吗"),
    doc("wash", "洗涤说明", "建议冷水手洗,不可机洗,不要暴晒", code="xd", question="可以机洗吗"),
    doc("gift", "赠品说明", "下单即送小样一份,送完即止", code="zp", question="有赠品吗", tags=("犹豫型",)),
]


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    ix = SearchIndex(tmp_path / "index")
    assert ix.rebuild(CORPUS, generation=7, total=len(CORPUS))
    yield ix
    ix.close()


def ids(hits: list[IndexHit]) -> list[str]:
    return [h.entry_id for h in hits]


# ------------------------------------------------------------------------------------------------ lifecycle


def test_missing_index(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "nothing")
    assert ix.generation is None
    assert not ix.is_usable()
    assert ix.search("尺码") == []
    assert not (tmp_path / "nothing").exists()


def test_rebuild_and_generation(index: SearchIndex) -> None:
    assert index.generation == 7
    assert index.is_usable()


def test_rebuild_progress_and_cancel_keeps_old_index(index: SearchIndex) -> None:
    many = [doc(f"new-{i}", f"新条目{i}", "新的回复") for i in range(1200)]
    calls: list[tuple[int, int]] = []

    def cancel_at_1000(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 1000

    assert index.rebuild(many, generation=8, total=len(many), progress=cancel_at_1000) is False
    assert calls[0] == (500, 1200)
    assert index.generation == 7
    assert ids(index.search("尺码偏大"))[0] == "size-big"
    assert index.search("新条目") == []
    leftovers = [p.name for p in index.directory.parent.iterdir() if p.name != index.directory.name]
    assert leftovers == []


def test_rebuild_replaces_content(index: SearchIndex) -> None:
    assert index.search("尺码") != []
    assert index.rebuild([doc("only", "唯一条目")], generation=9)
    assert index.generation == 9
    assert index.search("尺码") == []
    assert ids(index.search("唯一")) == ["only"]


@pytest.mark.parametrize("victim", ["toc", "segments", "meta"])
def test_corrupt_index_detected(index: SearchIndex, victim: str) -> None:
    index.close()
    files = sorted(index.directory.iterdir())
    if victim == "toc":
        targets = [p for p in files if p.suffix == ".toc"]
    elif victim == "segments":
        targets = [p for p in files if p.suffix in (".trm", ".pst")]
    else:
        targets = [p for p in files if p.name.endswith(".json")]
    assert targets
    for p in targets:
        p.write_bytes(b"\x00garbage" * 10)
    fresh = SearchIndex(index.directory)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fresh.generation is None
        assert not fresh.is_usable()
    # and it can be repaired by rebuilding
    assert fresh.rebuild(CORPUS, generation=10)
    assert fresh.is_usable() and fresh.generation == 10
    assert ids(fresh.search("码偏"))[0] == "size-big"
    fresh.close()


def test_truncated_postings_detected(index: SearchIndex) -> None:
    index.close()
    for p in index.directory.iterdir():
        if p.suffix in (".trm", ".pst"):
            data = p.read_bytes()
            p.write_bytes(data[: len(data) // 3])
    assert not SearchIndex(index.directory).is_usable()


# ------------------------------------------------------------------------------------------------ matching


def test_substring_bigrams(index: SearchIndex) -> None:
    assert ids(index.search("码偏"))[0] == "size-big"
    assert "b-size" in ids(index.search("码偏"))  # no shop filter: every shop
    assert ids(index.search("偏大")) == ["size-big"]


def test_short_query_exact_matches_first_then_partial(index: SearchIndex) -> None:
    """Soft coordination: entries holding every bigram come first; entries holding half of them follow."""
    assert ids(index.search("退货运费"))[0] == "return-fee"
    partial = index.search(
        "尺码偏中"
    )  # no entry holds 偏中: the 尺码偏… entries still come, after any exact one
    assert "size-big" in ids(partial)


def test_short_query_across_words(index: SearchIndex) -> None:
    # 送小 and 样份 span two words, occur nowhere, and must not make the query fail.
    assert ids(index.search("赠品小样")) == ["gift"]
    assert ids(index.search("快递顺丰")) == ["express"]


def test_single_character(index: SearchIndex) -> None:
    hits = ids(index.search("退"))
    assert set(hits) >= {"refund", "return-fee"}
    assert "express" not in hits


def test_pinyin_initials_full_and_prefix(index: SearchIndex) -> None:
    for typed in ("chima", "chim", "chi ma", "CHIMA"):
        hits = ids(index.search(typed))
        assert hits[0] in {"size-big", "size-chart"}, typed
        assert {"size-big", "size-chart"} <= set(hits), typed
    # initials: the code "cm" ranks first, then entries whose text reads c… m…
    hits = ids(index.search("cm"))
    assert hits[0] == "size-chart"
    assert "size-big" in hits
    assert ids(index.search("tkdz")) == [
        "refund"
    ]  # 退款到账? no: 退款多久到账 → t k d j d z; tk … dz bigrams
    assert ids(index.search("kuaid"))[0] == "express"


def test_polyphones(index: SearchIndex) -> None:
    # 重 reads zhong (重量) and chong (重复): both readings find both entries.
    assert "heavy" in ids(index.search("zhongliang"))
    assert "repeat" in ids(index.search("chongfu"))
    assert "repeat" in ids(index.search("zhongfu"))
    assert "repeat" in ids(index.search("cfxd"))


def test_codes_exact_and_prefix_first(index: SearchIndex) -> None:
    assert ids(index.search("tk"))[0] == "refund"
    hits = ids(index.search("cmp"))
    assert hits[:2] == ["size-big", "b-size"] or hits[:2] == ["b-size", "size-big"]
    hits = ids(index.search("cm"))
    assert hits[0] == "size-chart"  # exact code before prefix matches
    assert set(hits[1:3]) == {"size-big", "b-size"}
    assert ids(index.search("XL1"))[0] == "xl"


def test_words_and_numbers(index: SearchIndex) -> None:
    assert ids(index.search("xl"))[0] == "xl"
    assert ids(index.search("299")) == ["big-number"]
    assert ids(index.search("xl码"))[0] == "xl"


def test_traditional_and_full_width(index: SearchIndex) -> None:
    assert ids(index.search("尺碼偏大"))[0] == "size-big"
    assert ids(index.search("退貨運費")) == ["return-fee"]
    assert ids(index.search("ＸＬ碼"))[0] == "xl"
    assert ids(index.search("２９９")) == ["big-number"]
    assert ids(index.search("ＴＫ"))[0] == "refund"


def test_pasted_customer_message_ranks_question_first(index: SearchIndex) -> None:
    assert ids(index.search("你好,我身高165体重110斤穿什么码合适啊"))[0] == "size-chart"
    assert ids(index.search("亲,你们默认发什么快递呀,能不能发顺丰的"))[0] == "express"
    assert ids(index.search("在吗在吗,我想问下退货的话运费是谁出呢?"))[0] == "return-fee"
    assert ids(index.search("我昨天申请的退款,请问多久能到账啊,急用钱"))[0] == "refund"


def test_blank_query(index: SearchIndex) -> None:
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search(",。!") == []


def test_disabled_excluded(index: SearchIndex) -> None:
    assert "disabled" not in ids(index.search("尺码偏大"))
    assert "disabled" not in ids(index.search("cmold"))


# ------------------------------------------------------------------------------------------------ filters


def test_shop_filter(index: SearchIndex) -> None:
    hits = ids(index.search("尺码", shop_ids=[SHOP_A, SHARED]))
    assert "b-size" not in hits and "size-big" in hits
    assert ids(index.search("尺码", shop_ids=[SHOP_B])) == ["b-size"]
    assert ids(index.search("欢迎", shop_ids=[SHOP_B, SHARED])) == ["shared-hello"]
    assert index.search("尺码", shop_ids=[]) == []


def test_category_filter(index: SearchIndex) -> None:
    assert set(ids(index.search("尺码", category_ids=[11]))) == {"size-big", "size-chart"}
    assert ids(index.search("快递", category_ids=[10])) == ["express"]
    assert index.search("快递", category_ids=[20]) == []


def test_tags_and_boost_tags(index: SearchIndex) -> None:
    assert ids(index.search("说明", tags=["犹豫型"])) == ["gift"]
    assert index.search("说明", tags=["犹豫型", "价格敏感型"]) == []
    plain = ids(index.search("说明"))
    assert plain[0] != "gift"
    boosted = ids(index.search("说明", boost_tags=["犹豫型"]))
    assert boosted[0] == "gift" and set(boosted) == set(plain)


def test_popularity_breaks_ties(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "ix")
    ix.rebuild(
        [doc("a", "包邮吗", "包邮"), doc("b", "包邮吗", "包邮", popularity=3.0), doc("c", "包邮吗", "包邮")],
        generation=1,
    )
    assert ids(ix.search("包邮"))[0] == "b"
    ix.close()


# ------------------------------------------------------------------------------------------------ updates


def test_update_and_delete_visible_immediately(index: SearchIndex) -> None:
    assert index.search("以旧换新") == []
    index.update([doc("trade-in", "以旧换新活动", "旧机折价抵扣", code="yjhx")], [], generation=8)
    assert index.generation == 8
    assert ids(index.search("以旧换新")) == ["trade-in"]
    index.update(
        [doc("refund", "退款进度查询", "可以在订单详情查看退款进度", code="tk")], ["express"], generation=9
    )
    assert ids(index.search("退款进度")) == ["refund"]
    assert index.search("退款多久到账") == []
    assert index.search("kd") == [] or "express" not in ids(index.search("kd"))
    assert index.search("快递") == []
    index.update([doc("trade-in", "以旧换新活动", "旧机折价", enabled=False)], [], generation=10)
    assert index.search("以旧换新") == []
    assert index.generation == 10


def test_update_on_missing_index_is_a_no_op(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "ix")
    ix.update([doc("a", "标题")], [], generation=3)
    assert ix.generation is None


def test_update_waits_for_another_writer(index: SearchIndex) -> None:
    from whoosh import index as whoosh_index

    other = whoosh_index.open_dir(str(index.directory)).writer()  # as if the CLI were writing

    def release() -> None:
        time.sleep(0.4)
        other.cancel()

    t = threading.Thread(target=release)
    t.start()
    started = time.monotonic()
    index.update([doc("late", "晚到的条目")], [], generation=8)
    t.join()
    assert time.monotonic() - started >= 0.3
    assert ids(index.search("晚到")) == ["late"]


def test_update_gives_up_with_library_locked(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "ix", lock_timeout=0.3)
    ix.rebuild(CORPUS, generation=1)
    from whoosh import index as whoosh_index

    other = whoosh_index.open_dir(str(ix.directory)).writer()
    try:
        with pytest.raises(LibraryLockedError):
            ix.update([doc("x", "不会写入")], [], generation=2)
    finally:
        other.cancel()
    assert ix.generation == 1
    ix.close()


def test_search_while_updating_from_another_thread(index: SearchIndex) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def searcher() -> None:
        try:
            while not stop.is_set():
                index.search("尺码", shop_ids=[SHOP_A, SHARED])
                index.search("chim")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(15):
        index.update([doc(f"n{i}", f"新增尺码条目{i}")], [], generation=100 + i)
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert ids(index.search("新增尺码", limit=50))[:15] == [f"n{i}" for i in range(15)]


def test_two_instances_see_each_others_writes(index: SearchIndex) -> None:
    other = SearchIndex(index.directory)
    assert ids(other.search("码偏"))[0] == "size-big"
    index.update([doc("fresh", "新鲜条目")], [], generation=8)
    assert ids(other.search("新鲜")) == ["fresh"]
    assert other.rebuild([doc("z", "重建后的条目")], generation=9)
    assert ids(index.search("重建后")) == ["z"]
    assert index.generation == 9
    other.close()


# ------------------------------------------------------------------------------------------------ highlighting


def test_highlight_spans() -> None:
    assert highlight_spans("码偏", "衣服尺码偏大") == ((3, 5),)
    assert highlight_spans("尺碼", "尺码表,尺码偏大") == ((0, 2), (4, 6))
    assert highlight_spans("ＸＬ", "XL码适合130斤") == ((0, 2),)
    assert highlight_spans("xl 130", "XL码适合130斤") == ((0, 2), (5, 8))
    assert highlight_spans("尺码偏大", "尺码 偏大") == ((0, 2), (3, 5))
    assert highlight_spans("", "尺码") == ()
    assert highlight_spans("退款", "") == ()
    assert highlight_spans("cm", "165cm") == ((3, 5),)
    assert highlight_spans("m", "cm码") == ()


def test_empty_index_searches_to_nothing(tmp_path: Path) -> None:
    """A library with no entries yet: its index has no segments, and a search simply finds nothing."""
    index = SearchIndex(tmp_path / "index")
    assert index.rebuild([], generation=1, total=0)
    assert index.search("尺码") == []
    assert index.search("cm") == []
    index.close()


# ------------------------------------------------------------------------------------------------ top-k shortcuts


def _random_corpus(rnd: random.Random, n: int) -> list[IndexDoc]:
    words = [
        "尺码",
        "偏大",
        "偏小",
        "发货",
        "快递",
        "退款",
        "退货",
        "运费",
        "质量",
        "清洗",
        "发票",
        "优惠",
        "库存",
        "颜色",
    ]
    words += [
        "什么",
        "时候",
        "怎么",
        "可以",
        "吗",
        "亲",
        "连衣裙",
        "衬衫",
        "鞋子",
        "保温杯",
        "面霜",
        "XL",
        "165cm",
    ]
    docs = []
    for i in range(n):
        title = "".join(rnd.choices(words, k=rnd.randint(2, 4)))
        question = "".join(rnd.choices(words, k=rnd.randint(2, 6)))
        reply = ",".join("".join(rnd.choices(words, k=rnd.randint(3, 8))) for _ in range(rnd.randint(1, 3)))
        code = "".join(rnd.choices("cmpdkfthx", k=rnd.randint(2, 4))) + str(i)
        docs.append(
            doc(
                f"r{i}",
                title,
                reply,
                shop=rnd.choice((SHOP_A, SHOP_B, SHARED)),
                code=code,
                question=question,
                similar=tuple("".join(rnd.choices(words, k=3)) for _ in range(rnd.randint(0, 2))),
                tags=tuple(rnd.sample(["犹豫型", "老客户"], rnd.randint(0, 1))),
                popularity=rnd.choice((0.0, 0.5, 1.5)),
            )
        )
    return docs


def test_top_k_shortcuts_match_exhaustive_scoring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Weight-ordered reading of frequent terms, max-score pruning of pasted queries, the code-plan bound and
    array scoring of all-terms queries return exactly what scoring every posting in dicts returns (same entries,
    same order, same scores)."""
    rnd = random.Random(11)
    corpus = _random_corpus(rnd, 400)
    ix = SearchIndex(tmp_path / "ix")
    assert ix.rebuild(corpus, generation=1)
    # A few edits, so that more than one segment (with deletions) is involved.
    ix.update([dataclasses.replace(corpus[3], title="尺码偏大什么时候发货"), corpus[5]], ["r7"], generation=2)
    queries = ["尺", "码", "尺码", "什么", "吗", "xl", "cm", "cmp", "ck", "tk", "chima", "cmpd", "kd"]
    queries += [c.code for c in corpus[:15]] + [c.code[:2] for c in corpus[15:30]]
    queries += [
        "亲,在吗,我身高165体重110斤,连衣裙尺码偏大吗,什么时候发货啊",
        "退货运费谁出呢?质量问题可以退款吗",
    ]
    queries += [
        "".join(rnd.choices("尺码偏大发货快递退款什么时候可以", k=rnd.randint(8, 30))) for _ in range(20)
    ]
    filters: list[dict[str, Any]] = [
        {},
        {"shop_ids": [SHOP_A, SHARED]},
        {"shop_ids": [SHOP_B]},
        {"tags": ["犹豫型"]},
        {"shop_ids": [SHOP_A], "boost_tags": ["老客户"]},
    ]
    # Shortcuts on: tiny thresholds so that a 400-entry corpus takes the weight-ordered path.
    monkeypatch.setattr(search_module, "_IMPACT_MIN_DF", 8)
    monkeypatch.setattr(search_module, "_IMPACT_TOP", 12)
    monkeypatch.setattr(search_module, "_ARRAY_MIN_DF", 8)  # all-terms queries scored on arrays
    fast = {
        (q, i, limit): ix.search(q, limit=limit, **f)
        for q in queries
        for i, f in enumerate(filters)
        for limit in (1, 5, 20)
    }
    taken = [len(v) for v in fast.values()]
    assert sum(taken) > 0
    ix.close()
    # Shortcuts off: every plan scores every posting.
    monkeypatch.setattr(search_module, "_IMPACT_MIN_DF", 10**9)
    monkeypatch.setattr(search_module, "_ARRAY_MIN_DF", 10**9)
    monkeypatch.setattr(
        search_module._View, "_run_any_top", lambda self, plan, allowed, limit: self._run_any(plan, allowed)
    )
    monkeypatch.setattr(
        search_module.SearchIndex, "_among_codes", staticmethod(lambda codes, allowed: allowed)
    )
    ix = SearchIndex(tmp_path / "ix")
    for (q, i, limit), hits in fast.items():
        assert ix.search(q, limit=limit, **filters[i]) == hits, (q, filters[i], limit)
    ix.close()


def test_code_prefix_ranks_codes_first_among_many(tmp_path: Path) -> None:
    """A short code prefix shared by many entries: codes first (exact code, then shorter codes), filters apply."""
    corpus = [
        doc(f"c{i}", f"尺码问题{i}", code=f"cm{i}", shop=SHOP_A if i % 2 else SHOP_B) for i in range(300)
    ]
    corpus.append(doc("exact", "尺码表", code="cm", shop=SHOP_A))
    corpus += [doc(f"t{i}", "尺码偏大", shop=SHOP_A) for i in range(50)]  # match the initials, not the code
    ix = SearchIndex(tmp_path / "ix")
    assert ix.rebuild(corpus, generation=1)
    hits = ids(ix.search("cm", shop_ids=[SHOP_A], limit=10))
    assert hits[0] == "exact"
    assert all(h.startswith("c") for h in hits[1:])
    assert all(int(h[1:]) % 2 for h in hits[1:])
    assert set(hits[1:6]) == {f"c{i}" for i in range(1, 10, 2)}  # cm1, cm3 … (shortest codes) before cm11 …
    ix.close()


@pytest.mark.parametrize(
    ("query", "text", "spans"),
    [
        ("cm", "尺码推荐(连衣裙)", ((0, 2),)),
        ("chima", "换尺码", ((1, 3),)),
        ("chim", "尺码推荐", ((0, 2),)),
        ("cm", "尺码偏大4cm", ((0, 2), (5, 7))),
        ("th", "七天无理由退货", ((5, 7),)),
        ("chong", "重新发货", ((0, 1),)),  # 多音字: 重 is zhong and chong
        ("zhong", "重量", ((0, 1),)),
        ("xyz", "尺码", ()),
    ],
)
def test_highlight_spans_mark_pinyin_matches(
    query: str, text: str, spans: tuple[tuple[int, int], ...]
) -> None:
    assert highlight_spans(query, text) == spans


def test_pinyin_highlighting_skips_only_characters_that_cannot_start_a_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The scan tries a character only when one of its readings starts with the typed first letter; with that check
    made to pass everywhere (the scan as it was), every span is the same, on texts rich in 多音字 and mixed with
    letters and digits."""
    from string import ascii_lowercase

    from csdesk.core.phonetic import readings

    rng = random.Random(7)
    chars = "尺码发货重量长大行乐和都还只的了地得着退换七天无理由快递单号包邮优惠券价格保质期aBc9 ,。"
    words = [
        "cm",
        "fh",
        "chima",
        "zhong",
        "chong",
        "zl",
        "th",
        "qtwly",
        "xing",
        "hang",
        "le",
        "yue",
        "de",
        "di",
    ]
    words += [
        "".join(rng.choice(readings(c))[: rng.randint(1, 3)] for c in rng.sample(chars[:40], 2))
        for _ in range(40)
    ]
    cases = [
        (w, "".join(rng.choice(chars) for _ in range(rng.randint(1, 60)))) for w in words for _ in range(25)
    ]
    fast = [search_module._pinyin_spans(w, text) for w, text in cases]
    monkeypatch.setattr(search_module, "_first_letters", lambda ch: ascii_lowercase)
    assert [search_module._pinyin_spans(w, text) for w, text in cases] == fast
    assert sum(map(len, fast)) > 200  # the cases do match


# ------------------------------------------------------------------------------------------------ pasted messages (demo)


@pytest.mark.parametrize(
    ("message", "code"),
    [
        # One telling term (漏气) shared with the entry, among seams such as 果收/开发 that occur once by accident.
        ("我买的坚果收到了打开发现有一包是漏气的能给我补发吗", "lq"),
        ("打开发现有一包是漏气的", "lq"),
        ("收到的坚果软了不脆,是不是漏气了", "lq"),
        ("你好,我昨天下的单,到现在还没发货,能不能快点发啊", "cfh"),
        ("快递显示已经签收了,但是我根本没有收到啊,怎么回事", "wl2"),
        ("亲,这个边几放在沙发旁边会不会太高啊,尺寸多大", "cc"),
        ("东西收到了,桌面上有划痕,边角也磕掉漆了", "kp"),
        ("孩子对坚果过敏,这个能吃吗,里面有花生吗", "gm"),
        ("地址填错了,能帮我改一下收货地址吗,还没发货吧", "gdz"),
        ("收到少了几颗螺丝,装不上,能给我补发吗", "qpj"),
        ("这个桌子有甲醛吗,放小孩房间安全吗", "jq"),
        ("我买了没两天就降价了,能退差价吗", "bj"),
        ("这件衣服穿着有点偏大了,能换小一码吗", "pdx"),
        ("零食买多了吃不完,没拆开的能退吗", "spth"),
        ("在吗?我想问下退货的话运费是我自己出吗", "yf"),
    ],
)
def test_pasted_messages_find_the_demo_entry(demo_lib: Any, message: str, code: str) -> None:
    hits = demo_lib.search(message, limit=5)
    assert [h.entry.code for h in hits][:1] == [code], [h.entry.code for h in hits]


def test_pasted_message_keeps_words_not_seams(index: SearchIndex) -> None:
    """A seam between two words (果收 in 坚果收到) is rare by accident; it must not push out the words around it."""
    from csdesk.core import analysis

    view = index._current_view()
    assert view is not None
    df = {"坚果": 40, "果收": 1, "收到": 90, "漏气": 2, "补发": 30, "发吗": 1, "到了": 3}
    plans = analysis.plan_query("坚果收到了漏气补发吗", lambda f, t: df.get(t, 0))
    text = next(p for p in plans if p.name == "text")
    kept = [c.alternatives[0][1] for c in text.clauses]
    assert "果收" not in kept
    assert {"坚果", "收到", "漏气", "补发"} <= set(kept)


def test_pasted_message_with_a_single_matching_term_still_finds_it(tmp_path: Path) -> None:
    """No entry shares two of the message's kept terms: the one sharing its most telling term comes first."""
    ix = SearchIndex(tmp_path / "ix")
    corpus = [
        doc("leak", "漏气胀袋", "拍照给您补寄", question="袋子漏气了怎么办"),
        doc("keep", "开封后保存", "密封放阴凉处", question="坚果回潮了怎么办"),
        doc("resend", "补发说明", "核实后补发"),
        doc("open", "怎么打开", "沿着虚线撕开"),
        doc("check", "签收检查", "签收前先验货", question="东西收到了"),
    ]
    assert ix.rebuild(corpus, generation=1)
    message = "我买的坚果收到了打开发现有一包是漏气的能给我补发吗"
    view = ix._current_view()
    assert view is not None
    strict = [p for p in search_module.plan_query(message, view.doc_frequency, view.term_bound)]
    # Soft coordination: one telling term is enough to be a candidate; more terms rank higher.
    assert next(p for p in strict if p.name == "text").min_match == 1
    hits = ids(ix.search(message))
    assert hits[0] == "leak"
    assert set(hits) == {"leak", "keep", "resend", "open", "check"}
    # A short query with no entry holding all its bigrams lists the entries holding some of them.
    assert set(ids(ix.search("漏气坚果"))) == {"leak", "keep"}
    ix.close()


def test_term_dictionary_max_weight_bounds_the_postings(index: SearchIndex) -> None:
    """Bounds come from the term dictionary (no decoding): they must never be below a real posting."""
    index.update([doc("late", "尺码偏大晚到", code="cmwd")], ["gift"], generation=8)
    view = index._current_view()
    assert view is not None
    for leaf in view.leaves:
        for fieldname, tbytes in leaf.reader._terms.terms():
            term = tbytes.decode("utf-8")
            _ids, weights = search_module._read_postings(leaf.reader, fieldname, tbytes)
            assert view.max_weight(fieldname, term) >= max(weights), (fieldname, term)


def test_bulk_written_blocks_are_whoosh_blocks(index: SearchIndex) -> None:
    """A rebuild writes posting blocks with arrays where Whoosh writes tuples: Whoosh's own matcher reads them
    (posting by posting) as csdesk's block decoder does, and Whoosh's merge of small segments takes them in."""
    view = index._current_view()
    assert view is not None
    reader = view.leaves[0].reader
    checked = 0
    for fieldname, tbytes in reader._terms.terms():
        m = reader._terms.matcher(fieldname, tbytes, reader.schema[fieldname].format)
        stepped: list[tuple[int, float]] = []
        while m.is_active():
            stepped.append((m.id(), m.weight()))
            m.next()
        got_ids, got_weights = search_module._read_postings(reader, fieldname, tbytes)
        assert list(got_ids) == [d for d, _ in stepped], (fieldname, tbytes)
        assert list(got_weights) == pytest.approx([w for _, w in stepped]), (fieldname, tbytes)
        checked += 1
    assert checked > 100
    queries = ["尺码", "cm", "退款多久到账", "chima", "kd", "亲,你们默认发什么快递呀,能不能发顺丰的"]
    before = {q: ids(index.search(q)) for q in queries}
    for i in range(3):
        index.update([doc(f"n{i}", f"新增条目{i}")], [], generation=8 + i)
    index._merge_small()  # the bulk segment is small too: everything becomes one Whoosh-written segment
    view = index._current_view()
    assert view is not None and len(view.leaves) == 1
    assert {q: ids(index.search(q)) for q in queries} == before
    assert len(index.search("新增条目")) == 3


def test_steady_updates_keep_few_segments_without_rewriting_the_pile(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Programs that keep writing never leave the background merge an idle moment: the updates themselves merge
    the newest tiny segments tier by tier, so a searching program never has dozens of segments to open and look
    every term up in, no update copies more than a few tiny segments, and entries keep their order."""
    monkeypatch.setattr(search_module, "_MERGE_IDLE_S", 3600.0)  # no idle moment: only the updates merge
    copied: list[int] = []
    add_segments = getattr(search_module, "_add_segments", None)

    def counting(writer: Any, chosen: Any) -> None:
        copied.append(sum(seg.doc_count_all() for seg in chosen))
        assert add_segments is not None
        add_segments(writer, chosen)

    monkeypatch.setattr(search_module, "_add_segments", counting, raising=False)
    most = 0
    for i in range(60):
        index.update([doc(f"n{i}", f"稳定写入条目{i}")], [], generation=100 + i)
        view = index._current_view()
        assert view is not None
        most = max(most, len(view.leaves))
    assert most <= 8  # (up to 25 before: one more segment per update until a forced merge of them all)
    assert copied and max(copied) <= search_module._MERGE_INLINE_DOCS
    assert ids(index.search("稳定写入条目", limit=60)) == [f"n{i}" for i in range(60)]


def test_after_another_programs_commit_terms_are_looked_up_in_the_new_segment_only(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment's term table never changes: a search after another program's commit looks the query's terms up
    in the segment that commit wrote, not again in every segment it had already read (under steady writing by
    others every search meets a new version of the index)."""
    from whoosh.codec.whoosh3 import W3TermsReader

    queries = ["尺码", "退款多久到账", "chima", "新写入的条目"]
    before = {q: ids(index.search(q)) for q in queries}
    assert before["新写入的条目"] == []
    old = {leaf.segid: leaf.reader._terms for leaf in (index._current_view() or pytest.fail()).leaves}
    other = SearchIndex(index.directory)
    other.update([doc("n1", "新写入的条目")], [], generation=8)
    other.close()
    looked_up: set[int] = set()
    contains = W3TermsReader.__contains__

    def counting(self: Any, key: Any) -> bool:
        looked_up.add(id(self))
        return bool(contains(self, key))

    monkeypatch.setattr(W3TermsReader, "__contains__", counting)
    assert {q: ids(index.search(q)) for q in queries} == {**before, "新写入的条目": ["n1"]}
    view = index._current_view()
    assert view is not None and len(view.leaves) == len(old) + 1
    assert looked_up and not looked_up & {id(terms) for terms in old.values()}


def test_codes_that_fill_the_limit_rank_as_codes(tmp_path: Path) -> None:
    """Enough code matches: exact code, then shorter codes, then popularity; titles that merely read as the same
    initials (尺码 for cm) are not mixed in, whatever they weigh."""
    corpus = [doc(f"c{i}", f"条目{i}", code=f"cm{i:03d}", popularity=(i % 7) / 2) for i in range(40)]
    corpus += [doc("short", "条目短", code="cmx"), doc("exact", "条目", code="cm")]
    corpus += [doc(f"t{i}", "尺码偏大尺码偏小", question="尺码问题", popularity=5.0) for i in range(30)]
    ix = SearchIndex(tmp_path / "ix")
    assert ix.rebuild(corpus, generation=1)
    hits = ix.search("cm", limit=10)
    got = ids(hits)
    assert got[:2] == ["exact", "short"]
    assert all(h.startswith("c") for h in got[2:])
    pops = [corpus[int(h[1:])].popularity for h in got[2:]]
    assert pops == sorted(pops, reverse=True)
    ix.close()


# ------------------------------------------------------------------------------------------------ writer lock (library)


def test_edit_while_another_program_writes_the_index_is_queued_not_rebuilt(
    demo_lib: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds Whoosh's writer lock: the edit returns quickly, its index update waits in a queue and
    is applied incrementally once the lock is free (by the next search, or by a timer); no full rebuild."""
    from whoosh import index as whoosh_index

    from csdesk.core.areas.index import IndexArea

    def no_rebuild(self: Any, progress: Any = None) -> bool:
        raise AssertionError("the index must not be rebuilt")

    monkeypatch.setattr(IndexArea, "rebuild", no_rebuild)
    lq = next(h.entry for h in demo_lib.search("漏气胀袋") if h.entry.code == "lq")
    gone = next(h.entry for h in demo_lib.search("吃出异物") if h.entry.code == "yw")
    other = whoosh_index.open_dir(
        str(demo_lib.index._whoosh.directory)
    ).writer()  # as if the CLI were writing
    try:
        started = time.monotonic()
        demo_lib.update(lq.id, title="漏气胀袋鼓包补寄", code="gbbj")
        demo_lib.delete(gone.id)
        assert time.monotonic() - started < 3.0  # not 5 s per edit
        # Still locked: searches do not wait, and still see this program's own edits (from the overlay).
        assert [h.entry_id for h in demo_lib.search("鼓包补寄")][:1] == [lq.id]
        assert "yw" not in [h.entry.code for h in demo_lib.search("吃出异物")]
        assert [h.entry_id for h in demo_lib.search("漏气")][:1] == [lq.id]
        raw = demo_lib.index._whoosh.search("gbbj")  # the index itself is behind meanwhile: no such code yet
        assert lq.id not in [h.entry_id for h in raw]
        assert [h.entry_id for h in demo_lib.search("gbbj")][:1] == [lq.id]  # the new code, too
    finally:
        other.cancel()
    # Lock free: the next search applies the queued update first (or, when the retry timer is applying it at
    # that moment, finds the edits in the overlay without waiting for the timer, which finishes at once).
    assert [h.entry_id for h in demo_lib.search("gbbj")][:1] == [lq.id]
    assert "yw" not in [h.entry.code for h in demo_lib.search("吃出异物")]
    deadline = time.monotonic() + 2.0
    while not demo_lib.index.is_current() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert demo_lib.index.is_current()


def test_queued_index_update_is_retried_by_a_timer(demo_lib: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from whoosh import index as whoosh_index

    from csdesk.core.areas.index import IndexArea

    monkeypatch.setattr(IndexArea, "rebuild", lambda self, progress=None: pytest.fail("rebuilt"))
    lq = next(h.entry for h in demo_lib.search("漏气胀袋") if h.entry.code == "lq")
    other = whoosh_index.open_dir(str(demo_lib.index._whoosh.directory)).writer()
    try:
        demo_lib.update(lq.id, title="漏气胀袋定时重试")
    finally:
        other.cancel()
    deadline = time.monotonic() + 5.0
    while demo_lib.index.stale_ids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert demo_lib.index.stale_ids() == []
    # Found through the index itself, without a search of the library flushing anything.
    assert [h.entry_id for h in demo_lib.index._whoosh.search("定时重试")] == [lq.id]
    assert demo_lib.index.is_current()


def test_a_reopened_reader_keeps_unchanged_segments_open_and_sees_their_new_deletions(demo_lib: Any) -> None:
    """After another commit the searching program keeps the readers of the segments it already had (reopening
    them was most of a search's cost under sharing) and sees the deletions the commit made in them."""
    from csdesk.core.models import EntryDraft

    whoosh = demo_lib.index._whoosh
    lq = next(h.entry for h in demo_lib.search("漏气胀袋") if h.entry.code == "lq")
    yw = next(h.entry for h in demo_lib.search("吃出异物") if h.entry.code == "yw")
    before = {leaf.segid: leaf.reader._terms for leaf in whoosh._current_view().leaves}
    assert before
    demo_lib.delete(yw.id)  # a deletion inside an old segment, nothing added
    demo_lib.update(lq.id, title="漏气胀袋鼓包补寄")  # old document deleted, the new one in a new segment
    made = demo_lib.create(EntryDraft(title="新条目复用读者", reply="回复"))
    assert demo_lib.index.is_current()
    view = whoosh._current_view()
    kept = {leaf.segid: leaf.reader._terms for leaf in view.leaves if leaf.segid in before}
    assert kept and all(before[segid] is terms for segid, terms in kept.items())  # the same open term tables
    assert len(view.leaves) > len(kept)  # and the new segments opened
    assert yw.id not in [h.entry_id for h in whoosh.search("吃出异物", limit=50)]
    assert [h.entry_id for h in whoosh.search("鼓包补寄", limit=50)].count(
        lq.id
    ) == 1  # the old copy is deleted
    assert [h.entry_id for h in whoosh.search("复用读者", limit=50)] == [made.id]
    assert whoosh.doc_count() == len(whoosh.doc_ids() or ())


def test_swapping_in_a_build_survives_other_programs_swapping_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four programs opening a new home at once all rebuild: the index can vanish (moved aside by another) or
    reappear (another's build put in place) between the steps of a swap; each swap still ends with a whole index."""
    ix = SearchIndex(tmp_path / "ix")
    assert ix.rebuild([doc("a", "尺码偏大")], generation=1)
    real_replace = os.replace
    events: list[str] = []

    def racing_replace(src: Any, dst: Any) -> None:
        if str(dst) == str(ix.directory) and not events:
            events.append("another program's build lands first")
            other = tmp_path / "other-build"
            other.mkdir()
            (other / "x").write_text("another whole index")
            real_replace(other, dst)
        real_replace(src, dst)

    monkeypatch.setattr(search_module.os, "replace", racing_replace)
    assert ix.rebuild([doc("b", "发货很快")], generation=2)
    assert events and [h.entry_id for h in ix.search("发货")] == ["b"]
    monkeypatch.setattr(search_module.os, "replace", real_replace)
    import shutil

    shutil.rmtree(ix.directory)  # moved away by another program just before this one's swap
    assert ix.rebuild([doc("c", "退款到账")], generation=3)
    assert [h.entry_id for h in ix.search("退款")] == ["c"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ix.")]
    ix.close()
