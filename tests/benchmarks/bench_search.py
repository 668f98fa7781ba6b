"""Benchmark of csdesk's search index against SQLite FTS5 (trigram) on a generated service-text corpus.

Run::

    python tests/benchmarks/bench_search.py [--sizes 10000,100000] [--queries 200] [--seed 7]
    python tests/benchmarks/bench_search.py --meaning --sizes 100000 [--reuse DIR]   # the meaning layer (run_meaning)
    python tests/benchmarks/bench_search.py --interleaved DIR/meaning100000/index --sizes 100000 --queries 150

The corpus
    Entries are built from templates of pre-sale (售前) and after-sale (售后) questions and replies — size, material,
    stock, delivery, price, invoice, washing, warranty, refund, return, exchange, logistics, quality problems,
    gifts — crossed with ~70 product nouns, attributes (colours, sizes S–XXL, materials, capacities) and numbers
    (heights, weights, prices, days). Each entry has a title (6–14 chars), a question and 0–3 similar questions
    (paraphrase templates), a reply of 2–4 sentences (60–160 chars, as real quick phrases), guidance for half of
    them, a scenario for a third, a shortcut code made of the pinyin initials of the title plus a number
    (``cmpd12``; every entry has one, unique), 0–2 customer tags, and belongs to one of 8 shops or the shared scope
    (about 1 in 8) and to a category of a small tree. 5 % are disabled.

Query kinds (drawn from the corpus, so they match something):
    ``1-2 chars``     a character or a two-character word of a title (码, 退款)
    ``3-6 chars``     a 3–6 character substring of a title or question
    ``code``          an exact shortcut code, or its first 2–3 characters
    ``initials``      pinyin initials of 2–4 title characters (``cmpd``)
    ``pasted``        a customer's message of 20–40 characters around an entry's question
                      (greeting, context such as height/weight or order date, particles)

Every query is filtered to one shop plus the shared scope, as the app does.

Reference: SQLite FTS5 with ``tokenize='trigram'`` on the same fields (plus a column with the pinyin initials and
full pinyin of title and question, which is what an FTS-based app would do for pinyin). 1–2 character queries use
``LIKE '%q%'`` (trigram cannot match them); pasted messages become an OR of their trigrams; results are ordered by
``bm25`` with the same field weights and limited to 20; the shop filter is a ``WHERE shop_id IN (…)``.

Reported: p50/p95 per kind for csdesk (warm: the posting cache as it is during use; cold: cache cleared before
every query) and for FTS5, the ratio, the full build time, "one edit searchable" (update of one entry + a search
that finds it), the resident memory of a fresh process that opens the 100k index and runs every query kind, and
``Library.open`` of an existing library of the same entries (SQLite + index) in a running process.

"One edit searchable" is measured twice: in that fresh process after its queries (what the app holds: the index,
no corpus), which is the figure held against the target, and in the benchmark process itself, which also holds the
generated corpus: its ~100k objects make each full run of Python's cyclic garbage collector take 100–250 ms, and
an edit that happens to trigger one waits for it.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from csdesk.core import phonetic  # noqa: E402
from csdesk.core.search import IndexDoc, SearchIndex  # noqa: E402

SHOPS = list(range(1, 9))
SHARED = 100

PRODUCTS = [
    "连衣裙",
    "半身裙",
    "衬衫",
    "T恤",
    "卫衣",
    "毛衣",
    "羽绒服",
    "棉服",
    "风衣",
    "西装",
    "牛仔裤",
    "休闲裤",
    "运动裤",
    "打底裤",
    "睡衣",
    "内衣",
    "袜子",
    "帽子",
    "围巾",
    "运动鞋",
    "帆布鞋",
    "皮鞋",
    "凉鞋",
    "靴子",
    "拖鞋",
    "双肩包",
    "手提包",
    "钱包",
    "行李箱",
    "电饭煲",
    "空气炸锅",
    "电水壶",
    "保温杯",
    "吸尘器",
    "扫地机器人",
    "电风扇",
    "加湿器",
    "台灯",
    "床单",
    "被套",
    "枕头",
    "四件套",
    "毛巾",
    "面霜",
    "精华液",
    "洗面奶",
    "防晒霜",
    "口红",
    "洗发水",
    "沐浴露",
    "牙刷",
    "坚果礼盒",
    "牛肉干",
    "茶叶",
    "咖啡豆",
    "蜂蜜",
    "儿童书包",
    "积木",
    "玩偶",
    "蓝牙耳机",
    "充电宝",
    "数据线",
    "手机壳",
    "键盘",
    "鼠标",
    "显示器",
    "收纳箱",
    "晾衣架",
]
COLORS = [
    "黑色",
    "白色",
    "杏色",
    "卡其色",
    "藏青色",
    "灰色",
    "粉色",
    "红色",
    "蓝色",
    "绿色",
    "米白色",
    "焦糖色",
]
SIZES = ["S", "M", "L", "XL", "XXL", "3XL", "均码"]
MATERIALS = [
    "纯棉",
    "真丝",
    "羊毛",
    "涤纶",
    "亚麻",
    "不锈钢",
    "食品级硅胶",
    "真皮",
    "PU皮",
    "实木",
    "ABS塑料",
]
EXPRESS = ["中通", "圆通", "韵达", "申通", "顺丰", "京东", "邮政", "极兔"]
TAGS = ["价格敏感型", "品质关注型", "犹豫型", "老客户", "新客户", "急性子", "学生党", "宝妈"]
CATS = [
    "售前/尺码",
    "售前/材质",
    "售前/库存",
    "售前/发货",
    "售前/优惠",
    "售后/退款",
    "售后/退货",
    "售后/物流",
    "售后/质量",
]

# (category, title, question, similars, reply sentences)
TEMPLATES: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "售前/尺码",
        "{p}尺码偏大还是偏小",
        "{p}的尺码标准吗,会不会偏大",
        ("{p}尺码准不准", "{p}码数偏小吗", "平时穿{s}码拍哪个码"),
        (
            "亲,这款{p}是标准尺码,按平时的码数拍就可以哦",
            "如果您喜欢宽松一点的效果,可以拍大一码",
            "详情页有尺码表,您可以对照一下肩宽和胸围",
            "身高{h}体重{w}斤左右一般穿{s}码",
        ),
    ),
    (
        "售前/尺码",
        "身高体重推荐{p}尺码",
        "身高{h}体重{w}斤穿什么码合适",
        ("{h}的个子{w}斤穿多大码", "我{w}斤{p}选哪个码", "帮我推荐一下尺码"),
        (
            "亲,按您的身高体重推荐{s}码,穿着会比较合身",
            "如果肩宽或者胯比较宽,建议再大一码",
            "收到不合适也支持七天无理由退换,您放心拍",
        ),
    ),
    (
        "售前/材质",
        "{p}是什么材质",
        "{p}是什么面料的,{m}的吗",
        ("{p}什么材质", "{p}会不会起球", "{p}透气吗"),
        (
            "亲,这款{p}采用{m}材质,手感柔软,透气性好",
            "经过质检,不起球不掉色",
            "详情页有质检报告可以查看,品质有保障",
        ),
    ),
    (
        "售前/库存",
        "{p}{c}有没有货",
        "{p}{c}还有货吗,{s}码有吗",
        ("{c}的{p}什么时候补货", "{p}{c}缺货吗"),
        (
            "亲,{c}的{p}目前{s}码有现货,下单后{d}天内发货",
            "其他尺码正在补货中,预计{d}天左右到货",
            "您可以先收藏加购,到货第一时间通知您",
        ),
    ),
    (
        "售前/发货",
        "{p}什么时候发货",
        "今天下单{p}什么时候能发货",
        ("{p}多久发货", "拍了{p}今天能发吗", "几点之前下单当天发"),
        (
            "亲,下午{t}点前付款的订单当天发出,之后的次日发出",
            "默认发{e}快递,一般{d}天左右到",
            "偏远地区时效会慢一些,请您耐心等待",
        ),
    ),
    (
        "售前/发货",
        "{p}默认发什么快递",
        "{p}发什么快递,能发{e}吗",
        ("{p}可以指定快递吗", "能不能发{e}", "{e}能到吗"),
        (
            "亲,{p}默认发{e}快递,全国大部分地区都能到",
            "需要指定顺丰的话补{n}元差价就可以",
            "下单时备注一下快递,我们会尽量安排",
        ),
    ),
    (
        "售前/优惠",
        "{p}能便宜点吗",
        "{p}还能再便宜一点吗,有优惠券吗",
        ("{p}有没有优惠", "{p}能不能少点", "{p}有满减吗"),
        (
            "亲,{p}现在已经是活动价了,满{n}减{k}可以叠加店铺券",
            "关注店铺还可以领{k}元无门槛券",
            "价格是全网最低的,品质也有保障,您放心",
        ),
    ),
    (
        "售前/优惠",
        "{p}开发票",
        "{p}可以开发票吗,能开专票吗",
        ("{p}有发票吗", "能开电子发票吗"),
        (
            "亲,{p}支持开具电子发票,下单时备注抬头和税号",
            "确认收货后{d}个工作日内发送到您的邮箱",
        ),
    ),
    (
        "售后/退款",
        "{p}退款多久到账",
        "{p}申请退款多久能到账",
        ("{p}退款什么时候到", "退款怎么还没到账", "钱什么时候退回来"),
        (
            "亲,退款审核通过后会原路退回,一般{d}个工作日内到账",
            "如果是信用卡或花呗支付,到账时间以银行为准",
            "您可以在订单详情里查看退款进度",
        ),
    ),
    (
        "售后/退货",
        "{p}退货运费谁出",
        "{p}退货的话运费谁承担",
        ("{p}退货要自己出运费吗", "{p}有运费险吗", "七天无理由退货运费"),
        (
            "亲,如果是质量问题,退货运费由我们承担",
            "非质量问题需要您承担退回的运费,订单有运费险的话会自动理赔",
            "退货时请保持{p}吊牌完好,不影响二次销售",
        ),
    ),
    (
        "售后/退货",
        "{p}怎么换货",
        "{p}尺码不合适怎么换",
        ("{p}能换{s}码吗", "{p}换个颜色可以吗", "换货流程是什么"),
        (
            "亲,在订单里申请换货,选择要换的尺码或颜色就可以",
            "寄回时在包裹里放一张纸条写上订单号和要换的{s}码",
            "我们收到后{d}天内给您重新发出",
        ),
    ),
    (
        "售后/物流",
        "{p}物流不动了",
        "{p}的物流{d}天没更新了怎么回事",
        ("快递到哪了", "{p}怎么还没到", "物流一直不动"),
        (
            "亲,非常抱歉让您久等了,我这边马上帮您联系{e}快递核实",
            "最近件量比较大,物流更新会有延迟",
            "如果{d}天内还没有更新,我们给您补发或者退款",
        ),
    ),
    (
        "售后/质量",
        "{p}质量有问题",
        "收到的{p}有{q},怎么处理",
        ("{p}有{q}", "{p}坏了怎么办", "{p}是不是质量不好"),
        (
            "亲,非常抱歉给您带来不好的体验,麻烦拍一下{q}的照片发给我",
            "核实后给您补发或者退款,运费由我们承担",
            "这是我们的问题,再给您申请{k}元补偿",
        ),
    ),
    (
        "售后/质量",
        "{p}怎么清洗保养",
        "{p}可以机洗吗,怎么洗",
        ("{p}怎么洗不会缩水", "{p}可以水洗吗", "{p}怎么保养"),
        (
            "亲,建议{p}冷水手洗,不要用力拧干,平铺晾干",
            "不可以暴晒和烘干,避免变形褪色",
            "深色和浅色分开洗,第一次洗可能会有轻微浮色",
        ),
    ),
    (
        "售前/材质",
        "{p}保修多久",
        "{p}坏了保修吗,保修多久",
        ("{p}有质保吗", "{p}保修期多长"),
        (
            "亲,{p}支持{n}天只换不修,一年保修",
            "保修期内非人为损坏免费维修,来回运费我们承担",
        ),
    ),
]
PROBLEMS = ["线头", "污渍", "破洞", "色差", "异味", "开胶", "划痕", "漏液", "少配件", "不通电"]
GREETINGS = ("你好,", "亲,在吗,", "在吗在吗,", "老板,", "客服你好,", "您好,请问一下,", "")
CONTEXT = (
    "我身高{h}体重{w}斤,",
    "我昨天买的{p},",
    "上周拍的{p}{c},",
    "我是老顾客了,",
    "我{d}号下的单,",
    "给我妈妈买的,",
    "着急用的,",
)
ENDINGS = ("啊", "呢", "吗", "呀?", "?谢谢", ",急", "?麻烦快点回复", "")
GUIDANCE = (
    "先安抚情绪,再问订单号",
    "确认尺码表后再推荐,不要承诺一定合适",
    "优先推荐搭配款,提高客单价",
    "查清物流节点后再回复,不要说不知道",
    "涉及赔付先报主管",
)
SCENARIOS = ("客户犹豫不下单", "客户比较着急", "客户情绪不好", "老客户回购", "大促期间咨询量大")


def _fill(template: str, rnd: random.Random, values: dict[str, str]) -> str:
    return template.format(**values)


def _values(rnd: random.Random) -> dict[str, str]:
    return {
        "p": rnd.choice(PRODUCTS),
        "c": rnd.choice(COLORS),
        "s": rnd.choice(SIZES),
        "m": rnd.choice(MATERIALS),
        "e": rnd.choice(EXPRESS),
        "q": rnd.choice(PROBLEMS),
        "h": str(rnd.randint(150, 185)),
        "w": str(rnd.randint(80, 180)),
        "d": str(rnd.randint(1, 15)),
        "t": str(rnd.randint(14, 18)),
        "n": str(rnd.choice([99, 129, 199, 299, 399])),
        "k": str(rnd.choice([5, 10, 20, 30, 50])),
    }


def generate(n: int, seed: int) -> list[IndexDoc]:
    rnd = random.Random(seed)
    docs: list[IndexDoc] = []
    codes: set[str] = set()
    cat_ids = {name: i + 1 for i, name in enumerate(CATS)}
    for i in range(n):
        cat, title_t, question_t, similar_t, reply_t = rnd.choice(TEMPLATES)
        v = _values(rnd)
        title = _fill(title_t, rnd, v)
        question = _fill(question_t, rnd, v)
        similar = tuple(
            _fill(s, rnd, v) for s in rnd.sample(similar_t, rnd.randint(0, min(3, len(similar_t))))
        )
        k = rnd.randint(2, len(reply_t))
        reply = ",".join(_fill(s, rnd, v) for s in reply_t[:k]) + "。"
        base = "".join(phonetic.initials(ch) for ch in title if phonetic.readings(ch))[:4] or "x"
        code = f"{base}{i % 97}"
        while code in codes:
            code = f"{base}{rnd.randint(100, 99999)}"
        codes.add(code)
        shop = SHARED if rnd.random() < 0.12 else rnd.choice(SHOPS)
        top = cat_ids[cat]
        docs.append(
            IndexDoc(
                entry_id=f"e{i:07d}",
                shop_id=shop,
                category_ids=(top * 100 + shop, top),
                title=title,
                code=code,
                question=question,
                similar=similar,
                scenario=rnd.choice(SCENARIOS) if rnd.random() < 0.33 else "",
                reply=reply,
                guidance=rnd.choice(GUIDANCE) if rnd.random() < 0.5 else "",
                tags=tuple(rnd.sample(TAGS, rnd.randint(0, 2))),
                enabled=rnd.random() >= 0.05,
                popularity=math.log1p(rnd.randint(0, 50)),
            )
        )
    return docs


def make_queries(docs: list[IndexDoc], per_kind: int, seed: int) -> dict[str, list[tuple[str, int]]]:
    rnd = random.Random(seed + 1)
    kinds: dict[str, list[tuple[str, int]]] = {
        k: [] for k in ("1-2 chars", "3-6 chars", "code", "initials", "pasted")
    }
    while min(len(q) for q in kinds.values()) < per_kind:
        d = rnd.choice(docs)
        shop = d.shop_id if d.shop_id != SHARED else rnd.choice(SHOPS)
        han = [ch for ch in d.title if "\u4e00" <= ch <= "\u9fff"]
        if len(kinds["1-2 chars"]) < per_kind and len(han) >= 2:
            n = rnd.choice((1, 2))
            start = rnd.randrange(0, len(d.title) - n + 1)
            q = d.title[start : start + n]
            if all("\u4e00" <= ch <= "\u9fff" for ch in q):
                kinds["1-2 chars"].append((q, shop))
        if len(kinds["3-6 chars"]) < per_kind:
            src = rnd.choice((d.title, d.question))
            n = rnd.randint(3, 6)
            if len(src) > n:
                start = rnd.randrange(0, len(src) - n)
                q = src[start : start + n]
                if "," not in q:
                    kinds["3-6 chars"].append((q, shop))
        if len(kinds["code"]) < per_kind:
            q = d.code if rnd.random() < 0.5 else d.code[: rnd.randint(2, 3)]
            kinds["code"].append((q, shop))
        if len(kinds["initials"]) < per_kind and len(han) >= 4:
            n = rnd.randint(2, 4)
            start = rnd.randrange(0, len(han) - n + 1)
            kinds["initials"].append(("".join(phonetic.initials(ch) for ch in han[start : start + n]), shop))
        if len(kinds["pasted"]) < per_kind:
            v = _values(rnd)
            v["p"] = rnd.choice(PRODUCTS)
            msg = rnd.choice(GREETINGS) + rnd.choice(CONTEXT).format(**v) + d.question + rnd.choice(ENDINGS)
            if 20 <= len(msg) <= 40:
                kinds["pasted"].append((msg, shop))
    return kinds


# --------------------------------------------------------------------------------------------------------- FTS5


def build_fts(path: Path, docs: list[IndexDoc]) -> tuple[sqlite3.Connection, float]:
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(entry_id UNINDEXED, shop_id UNINDEXED, code, title, question, "
        "scenario, reply, guidance, py, tokenize='trigram')"
    )

    def rows() -> Iterator[tuple[object, ...]]:
        for d in docs:
            if not d.enabled:
                continue
            qtext = " ".join((d.question, *d.similar))
            py = " ".join(
                (
                    phonetic.initials(d.title),
                    phonetic.full_pinyin(d.title),
                    phonetic.initials(d.question),
                    phonetic.full_pinyin(d.question),
                )
            )
            yield (d.entry_id, d.shop_id, d.code, d.title, qtext, d.scenario, d.reply, d.guidance, py)

    con.executemany("INSERT INTO fts VALUES (?,?,?,?,?,?,?,?,?)", rows())
    con.commit()
    return con, time.perf_counter() - started


_FTS_COLUMNS = ("code", "title", "question", "scenario", "reply", "guidance", "py")


def fts_search(con: sqlite3.Connection, query: str, shops: tuple[int, ...], kind: str) -> list[str]:
    marks = ",".join("?" * len(shops))
    q = "".join(ch for ch in query if ch.isalnum())
    if not q:
        return []
    if len(q) < 3:
        like = " OR ".join(f"{c} LIKE ?" for c in _FTS_COLUMNS)
        sql = f"SELECT entry_id FROM fts WHERE shop_id IN ({marks}) AND ({like}) LIMIT 20"
        return [r[0] for r in con.execute(sql, (*shops, *([f"%{q}%"] * len(_FTS_COLUMNS))))]
    if kind == "pasted":
        grams = list(dict.fromkeys(q[i : i + 3] for i in range(len(q) - 2)))
        match = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
    else:
        match = '"' + q.replace('"', '""') + '"'
    sql = (
        f"SELECT entry_id FROM fts WHERE fts MATCH ? AND shop_id IN ({marks}) "
        "ORDER BY bm25(fts, 0, 0, 8, 5, 3, 2.5, 1.5, 1, 2) LIMIT 20"
    )
    return [r[0] for r in con.execute(sql, (match, *shops))]


# --------------------------------------------------------------------------------------------------------- timing


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def timed(fn: Callable[..., object], *args: Any) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure_process(
    index_dir: Path,
    queries: dict[str, list[tuple[str, int]]],
    edits: list[tuple[IndexDoc, str]],
    generation: int,
) -> tuple[float, float, list[float]]:
    """A fresh process opens the index and runs every query, then makes the edits (update + search that finds it).

    Returns RSS in MB after import and after the queries, and the edit times in ms.
    """
    flat = [(q, s) for qs in queries.values() for q, s in qs]
    payload = {
        "queries": flat,
        "edits": [(d.__dict__, marker) for d, marker in edits],
        "generation": generation,
    }
    code = (
        "import sys, json\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "def rss_mb():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'): return int(line.split()[1]) / 1024\n"
        f"SHARED = {SHARED}\n"
        "import time\n"
        "from csdesk.core.search import IndexDoc, SearchIndex\n"
        "before = rss_mb()\n"
        f"ix = SearchIndex(__import__('pathlib').Path({str(index_dir)!r}))\n"
        "job = json.loads(sys.stdin.read())\n"
        "for q, s in job['queries']: ix.search(q, shop_ids=(s, SHARED))\n"
        "after = rss_mb()\n"
        "times = []\n"
        "for i, (fields, marker) in enumerate(job['edits']):\n"
        "    for name in ('category_ids', 'similar', 'tags'): fields[name] = tuple(fields[name])\n"
        "    d = IndexDoc(**fields)\n"
        "    t0 = time.perf_counter()\n"
        "    ix.update([d], [], generation=job['generation'] + i)\n"
        "    hits = ix.search(marker, shop_ids=(d.shop_id, SHARED))\n"
        "    times.append((time.perf_counter() - t0) * 1000)\n"
        "    assert hits and hits[0].entry_id == d.entry_id, (marker, hits[:3])\n"
        "print(before, after, *times)\n"
    )
    import json

    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(payload), capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), [float(t) for t in out[2:]]


def fill_library(
    home: Path, docs: list[IndexDoc], progress: Callable[[int], None] | None = None
) -> tuple[Any, dict[int, str]]:
    """A new library in ``home`` holding ``docs`` as entries (shops 店铺1…, the corpus's categories), index built.

    Returns the open library and the shop names by the corpus's shop ids. Shared by the GUI benchmark.
    """
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft

    lib = Library.open(home, demo=False)
    shop_names = {shop: f"店铺{shop}" for shop in SHOPS}
    for name in shop_names.values():
        lib.shops.add(name, "taobao")
    cat_names = {i + 1: name for i, name in enumerate(CATS)}
    drafts = [
        EntryDraft(
            reply=d.reply,
            title=d.title,
            shop=shop_names.get(d.shop_id),
            category=cat_names[d.category_ids[-1]],
            code=d.code,
            question=d.question,
            similar=d.similar,
            scenario=d.scenario,
            guidance=d.guidance,
            tags=d.tags,
            enabled=d.enabled,
        )
        for d in docs
    ]
    # One bulk rebuild instead of an incremental index write per batch (a private switch, for benchmarks only).
    lib._index_dirty = True
    for start in range(0, len(drafts), 5000):
        lib.entries.create_many(drafts[start : start + 5000])
        if progress is not None:
            progress(min(start + 5000, len(drafts)))
    lib.index.rebuild()
    return lib, shop_names


def measure_library_open(docs: list[IndexDoc], workdir: Path, opens: int = 7) -> tuple[float, float, float]:
    """A library of ``docs`` (entries in SQLite, index built), then ``Library.open`` of it in this process.

    Returns (time to fill the library in s, first open in ms, median of the following opens in ms). Each open is
    a new :class:`Library` on the same home, as when the app reopens the library or the CLI runs in a resident
    process: imports and pinyin tables are loaded already, the index and database are not.
    """
    from csdesk.core.library import Library

    home = workdir / f"lib{len(docs)}"
    started = time.perf_counter()
    lib, shop_names = fill_library(home, docs)
    lib.close()
    fill_s = time.perf_counter() - started
    times = []
    for _ in range(opens):
        t0 = time.perf_counter()
        lib = Library.open(home, demo=False)
        times.append((time.perf_counter() - t0) * 1000)
        assert lib.search("尺码", shop=shop_names[1])
        lib.close()
    return fill_s, times[0], statistics.median(times[1:])


def run(size: int, per_kind: int, seed: int, workdir: Path) -> dict[str, Any]:
    print(f"\n=== {size} entries ===", flush=True)
    t0 = time.perf_counter()
    docs = generate(size, seed)
    print(f"corpus generated in {time.perf_counter() - t0:.1f} s", flush=True)
    queries = make_queries(docs, per_kind, seed)

    index_dir = workdir / f"ix{size}"
    ix = SearchIndex(index_dir)
    t0 = time.perf_counter()
    ix.rebuild(docs, generation=1, total=len(docs))
    build_s = time.perf_counter() - t0
    print(f"csdesk index built in {build_s:.1f} s", flush=True)

    con, fts_build = build_fts(workdir / f"fts{size}.db", docs)
    print(f"FTS5 built in {fts_build:.1f} s", flush=True)

    results: dict[str, dict[str, float]] = {}
    misses: dict[str, int] = {}
    for kind, qs in queries.items():
        # warm-up pass over other queries of the kind is NOT done: the first query of each kind pays its own way.
        warm = [timed(partial(ix.search, q, shop_ids=(s, SHARED))) for q, s in qs]
        cold = []
        for q, s in qs:
            ix._cache.clear()
            ix._view.filters.clear() if ix._view is not None else None
            cold.append(timed(partial(ix.search, q, shop_ids=(s, SHARED))))
        fts = [timed(fts_search, con, q, (s, SHARED), kind) for q, s in qs]
        misses[kind] = sum(1 for q, s in qs if not ix.search(q, shop_ids=(s, SHARED)))
        results[kind] = {
            "p50": statistics.median(warm),
            "p95": percentile(warm, 95),
            "cold50": statistics.median(cold),
            "cold95": percentile(cold, 95),
            "fts50": statistics.median(fts),
            "fts95": percentile(fts, 95),
        }
        r = results[kind]
        print(
            f"{kind:10s} csdesk p50 {r['p50']:6.2f} p95 {r['p95']:6.2f} | cold p50 {r['cold50']:6.2f} "
            f"p95 {r['cold95']:6.2f} | fts5 p50 {r['fts50']:6.2f} p95 {r['fts95']:6.2f} | no hit {misses[kind]}",
            flush=True,
        )

    # One edit searchable: update an entry with a new word, then search for it.
    edit_times = []
    rnd = random.Random(seed + 2)
    edits = []
    for i in range(40):
        d = rnd.choice(docs)
        marker = f"新词{i}测款{chr(0x4E00 + rnd.randrange(20000))}"
        edits.append((IndexDoc(**{**d.__dict__, "title": d.title + marker, "enabled": True}), marker))
    for i, (changed, marker) in enumerate(edits[:20]):
        started = time.perf_counter()
        ix.update([changed], [], generation=2 + i)
        hits = ix.search(marker, shop_ids=(changed.shop_id, SHARED))
        edit_times.append((time.perf_counter() - started) * 1000)
        assert hits and hits[0].entry_id == changed.entry_id, (marker, hits[:3])
    ix.close()
    con.close()
    gc.collect()
    rss_before, rss_after, fresh_edits = measure_process(index_dir, queries, edits[20:], generation=22)
    print(
        f"edit searchable (fresh process) p50 {statistics.median(fresh_edits):.1f} ms, max {max(fresh_edits):.1f} "
        f"ms; (benchmark process) p50 {statistics.median(edit_times):.1f} ms, max {max(edit_times):.1f} ms; "
        f"RSS {rss_before:.0f} MB after import, {rss_after:.0f} MB after searching",
        flush=True,
    )
    fill_s, open_first, open_median = measure_library_open(docs, workdir)
    print(
        f"Library.open: first {open_first:.0f} ms, then median {open_median:.0f} ms (library filled in {fill_s:.0f} s)",
        flush=True,
    )
    return {
        "size": size,
        "build": build_s,
        "fts_build": fts_build,
        "kinds": results,
        "misses": misses,
        "edit50": statistics.median(fresh_edits),
        "edit_max": max(fresh_edits),
        "inproc_edit50": statistics.median(edit_times),
        "inproc_edit_max": max(edit_times),
        "rss": rss_after,
        "rss_import": rss_before,
        "index_mb": sum(p.stat().st_size for p in index_dir.iterdir()) / 2**20,
        "open_first": open_first,
        "open_median": open_median,
        "queries": per_kind,
    }


def markdown(all_results: list[dict[str, Any]]) -> str:
    lines = []
    for res in all_results:
        size = int(res["size"])
        target = 5.0 if size <= 10_000 else 16.0
        lines.append(f"\n### {size:,} entries ({res['queries']} queries per kind, shop + 通用 filter)\n")
        lines.append(
            "| query kind | csdesk p50 | csdesk p95 | csdesk cold p95 | FTS5 p50 | FTS5 p95 | p95 ratio csdesk/FTS5 "
            f"| target p95 ≤ {target:g} ms and ≤ FTS5 |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---:|---|")
        kinds = res["kinds"]
        assert isinstance(kinds, dict)
        for kind, r in kinds.items():
            ok = r["p95"] <= target and r["p95"] <= r["fts95"]
            lines.append(
                f"| {kind} | {r['p50']:.2f} | {r['p95']:.2f} | {r['cold95']:.2f} | {r['fts50']:.2f} | "
                f"{r['fts95']:.2f} | {r['p95'] / r['fts95']:.2f} | {'✅' if ok else '❌'} |"
            )
        lines.append("")
        lines.append("| measure | value | target |")
        lines.append("|---|---:|---|")
        build = float(res["build"])
        lines.append(
            f"| full build (csdesk) | {build:.1f} s | ≤ 30 s at 100k {'✅' if build <= 30 or size < 100_000 else '❌'} |"
        )
        lines.append(f"| full build (FTS5, reference) | {float(res['fts_build']):.1f} s | |")
        e50, emax = float(res["edit50"]), float(res["edit_max"])
        lines.append(
            f"| one edit searchable (update + search), fresh process after all queries | p50 {e50:.1f} ms, "
            f"max {emax:.1f} ms | ≤ 100 ms {'✅' if emax <= 100 else '❌'} |"
        )
        i50, imax = float(res["inproc_edit50"]), float(res["inproc_edit_max"])
        lines.append(
            f"| one edit searchable, benchmark process (holds the generated corpus) | p50 {i50:.1f} ms, "
            f"max {imax:.1f} ms | {'✅' if imax <= 100 else '❌ (a full GC run over the corpus)'} |"
        )
        rss = float(res["rss"])
        lines.append(
            f"| RSS, fresh process, index open + all queries run | {rss:.0f} MB "
            f"(import: {float(res['rss_import']):.0f} MB) | ≤ 300 MB {'✅' if rss <= 300 else '❌'} |"
        )
        lines.append(f"| index size on disk | {float(res['index_mb']):.0f} MB | |")
        om = float(res["open_median"])
        lines.append(
            f"| `Library.open` of an existing library, running process | median {om:.0f} ms "
            f"(first {float(res['open_first']):.0f} ms) | ≤ 300 ms {'✅' if om <= 300 else '❌'} |"
        )
    return "\n".join(lines)


def run_meaning(
    size: int, per_kind: int, seed: int, workdir: Path, reuse: Path | None = None
) -> dict[str, Any]:
    """The meaning layer at ``size`` entries, through :class:`Library` (``--meaning``).

    A library of the corpus is filled (lexical index built; ``--reuse DIR`` keeps it in DIR for the next run),
    its vectors are removed, and FTS5 is built on the same corpus. Then the vectors are built in the background
    while typing queries (3–6 characters) and pasted messages run against it (one every 50 ms): their p95 during
    the build shows that search is not blocked. Then pasted messages and typing queries are timed round-robin —
    with the meaning layer, the same library with the layer off (plain lexical search) and FTS5 — so the machine's
    load weighs on all three alike. Last, a fresh process opens the library, loads the saved vectors and runs
    every query: its resident memory is the figure held against the target (this process holds the corpus).
    """
    import shutil

    print(f"\n=== meaning layer, {size} entries ===", flush=True)
    docs = generate(size, seed)
    queries = make_queries(docs, per_kind, seed)
    home = (reuse or workdir) / f"meaning{size}"
    os.environ["CSDESK_EMBEDDER"] = "off"
    from csdesk.core.library import Library

    if (home / "library.sqlite3").exists():
        lib = Library.open(home, demo=False)
        shop_names = {shop: f"店铺{shop}" for shop in SHOPS}
        print("library reused", flush=True)
    else:
        t0 = time.perf_counter()
        lib, shop_names = fill_library(home, docs)
        print(f"library filled in {time.perf_counter() - t0:.0f} s", flush=True)
    lib.close()
    shutil.rmtree(home / "vectors", ignore_errors=True)
    con, _fts_build = build_fts(workdir / f"fts-meaning{size}.db", docs)
    typing_q = [(q, shop_names.get(s), s) for q, s in queries["3-6 chars"]]
    pasted_q = [(q, shop_names.get(s), s) for q, s in queries["pasted"]]
    del docs
    gc.collect()

    plain = Library.open(home, demo=False)  # CSDESK_EMBEDDER=off: plain lexical search
    plain.search("尺码", shop=shop_names[1])
    os.environ.pop("CSDESK_EMBEDDER", None)
    lib = Library.open(home, demo=False)
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    lib.answers.start()
    during_typing: list[float] = []
    during_pasted: list[float] = []
    i = 0
    while not lib.answers.status().ready and lib.answers.status().state != "failed":
        q, shop, _ = typing_q[i % len(typing_q)]
        during_typing.append(timed(partial(lib.search, q, shop=shop)))
        q, shop, _ = pasted_q[i % len(pasted_q)]
        during_pasted.append(timed(partial(lib.search, q, shop=shop)))
        i += 1
        time.sleep(0.05)
    lib.answers.wait()
    build_s = time.perf_counter() - t0
    load_after = os.getloadavg()[0]
    status = lib.answers.status()
    print(
        f"vectors: {status.state} {status.done}/{status.total} in {build_s:.1f} s (load {load_before:.1f} → "
        f"{load_after:.1f}); during the build: typing p95 {percentile(during_typing, 95):.1f} ms, pasted p95 "
        f"{percentile(during_pasted, 95):.1f} ms ({len(during_typing)} of each)",
        flush=True,
    )
    times: dict[str, list[float]] = {
        k: [] for k in ("meaning", "lexical", "fts5", "typing", "typing_lex", "typing_fts")
    }
    for (q, shop, sid), (tq, tshop, tsid) in zip(pasted_q, typing_q, strict=False):
        times["meaning"].append(timed(partial(lib.search, q, shop=shop)))
        times["lexical"].append(timed(partial(plain.search, q, shop=shop)))
        times["fts5"].append(timed(fts_search, con, q, (sid, SHARED), "pasted"))
        times["typing"].append(timed(partial(lib.search, tq, shop=tshop)))
        times["typing_lex"].append(timed(partial(plain.search, tq, shop=tshop)))
        times["typing_fts"].append(timed(fts_search, con, tq, (tsid, SHARED), "3-6 chars"))
    load_end = os.getloadavg()[0]
    lib.close()
    plain.close()
    con.close()
    code = (
        "import sys, json, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "def rss_mb():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'): return int(line.split()[1]) / 1024\n"
        "from csdesk.core.library import Library\n"
        f"lib = Library.open({str(home)!r}, demo=False)\n"
        "t0 = time.perf_counter(); lib.answers.wait(); load = time.perf_counter() - t0\n"
        "for q, shop in json.loads(sys.stdin.read()): lib.search(q, shop=shop)\n"
        "print(rss_mb(), load)\n"
    )
    import json

    job = [(q, shop) for q, shop, _ in pasted_q + typing_q]
    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(job), capture_output=True, text=True, check=True
    ).stdout.split()
    rss, reopen = float(out[0]), float(out[1])
    result: dict[str, Any] = {
        "size": size,
        "build_s": build_s,
        "load": (load_before, load_after, load_end),
        "during_n": len(during_typing),
        "during_typing_p95": percentile(during_typing, 95) if during_typing else float("nan"),
        "during_pasted_p95": percentile(during_pasted, 95) if during_pasted else float("nan"),
        "rss": rss,
        "reopen_s": reopen,
    }
    for name, values in times.items():
        result[f"{name}_p50"] = statistics.median(values)
        result[f"{name}_p95"] = percentile(values, 95)
    print(f"fresh process: vectors loaded in {reopen:.1f} s, RSS after all queries {rss:.0f} MB", flush=True)
    print(f"\n| query kind, {size:,} entries, {len(times['meaning'])} queries | p50 ms | p95 ms |")
    print("|---|---:|---:|")
    rows = [
        ("pasted + meaning (csdesk)", "meaning"),
        ("pasted, lexical only (csdesk, layer off)", "lexical"),
        ("pasted, FTS5 trigram", "fts5"),
        ("typing 3–6 characters + meaning (csdesk)", "typing"),
        ("typing 3–6 characters, lexical only", "typing_lex"),
        ("typing 3–6 characters, FTS5", "typing_fts"),
    ]
    for label, key in rows:
        print(f"| {label} | {result[key + '_p50']:.1f} | {result[key + '_p95']:.1f} |")
    print(
        f"load average {load_before:.1f} (build start), {load_after:.1f} (build end), {load_end:.1f} (timings end)"
    )
    return result


def run_interleaved(
    size: int, per_kind: int, seed: int, index_dir: Path, workdir: Path, passes: int = 3
) -> None:
    """Typing kinds on an existing index (``--interleaved DIR``: a library home's ``index``), each query timed on
    csdesk and on FTS5 in turn, ``passes`` times: the load of a shared machine weighs on both alike."""
    docs = generate(size, seed)
    queries = make_queries(docs, per_kind, seed)
    con, _ = build_fts(workdir / f"fts-interleaved{size}.db", docs)
    del docs
    ix = SearchIndex(index_dir)
    for kind in ("1-2 chars", "3-6 chars"):
        for n in range(passes):
            ours, theirs = [], []
            for q, shop in queries[kind]:
                ours.append(timed(partial(ix.search, q, shop_ids=(shop, SHARED))))
                theirs.append(timed(fts_search, con, q, (shop, SHARED), kind))
            print(
                f"{kind:10s} pass {n + 1}: csdesk p50 {statistics.median(ours):.2f} p95 {percentile(ours, 95):.2f} | "
                f"fts5 p50 {statistics.median(theirs):.2f} p95 {percentile(theirs, 95):.2f} | p95 ratio "
                f"{percentile(ours, 95) / percentile(theirs, 95):.2f} (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    ix.close()
    con.close()


MEANING_COST_SCRIPT = """
import json, sys, time
sys.path.insert(0, ROOT)
import numpy as np
def rss_mb():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'): return int(line.split()[1]) / 1024
from csdesk.core.semantic import UseEmbedder
from csdesk.core.vectors import VectorStore
job = json.loads(sys.stdin.read())
size, queries = job['size'], job['queries']
before = rss_mb()
embedder = UseEmbedder()
embedder.encode(['热身'])
model = rss_mb()
rng = np.random.default_rng(7)
store = VectorStore(__import__('pathlib').Path('/nonexistent'), 512, 'random')
matrix = rng.standard_normal((size, 512), dtype=np.float32)
matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
store.put([(f'e{i}', 1 + i % 9, '') for i in range(size)], matrix)
del matrix
loaded = rss_mb()
enc, top = [], []
for q, shop in queries:
    t0 = time.perf_counter(); v = embedder.encode([q])[0]; t1 = time.perf_counter()
    hits = store.top(v, [shop, 100], 30); store.similarity(v, [h for h, _ in hits]); t2 = time.perf_counter()
    enc.append((t1 - t0) * 1000); top.append((t2 - t1) * 1000)
print(json.dumps({'rss_import': before, 'rss_model': model, 'rss_vectors': loaded, 'rss_end': rss_mb(),
                  'enc': enc, 'top': top}))
"""


def measure_meaning_cost(size: int, per_kind: int, seed: int) -> dict[str, Any]:
    """What the meaning layer adds to a pasted message at ``size`` entries, in a fresh process (``--meaning-cost``).

    The query's embedding (the bundled model) and the top-30 over ``size`` unit vectors (random: the product costs
    the same whatever the vectors hold) with a shop filter, plus the resident memory of model and vectors. The
    lexical part is this script's own "pasted sentence" figure; the fusion's SQL read of ~50 candidates is not
    included (about 1 ms).
    """
    import json

    docs = generate(min(size, 20000), seed)
    queries = make_queries(docs, per_kind, seed)["pasted"]
    code = f"ROOT = {str(ROOT)!r}\n" + MEANING_COST_SCRIPT
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps({"size": size, "queries": queries}),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    result = {
        "size": size,
        "encode_p50": statistics.median(data["enc"]),
        "encode_p95": percentile(data["enc"], 95),
        "top_p50": statistics.median(data["top"]),
        "top_p95": percentile(data["top"], 95),
        "both_p95": percentile([a + b for a, b in zip(data["enc"], data["top"], strict=True)], 95),
        "rss_import": data["rss_import"],
        "rss_model": data["rss_model"],
        "rss_vectors": data["rss_vectors"],
        "rss_end": data["rss_end"],
    }
    print(
        f"meaning cost at {size}: encode p50 {result['encode_p50']:.1f} p95 {result['encode_p95']:.1f} ms, "
        f"top-30 p50 {result['top_p50']:.1f} p95 {result['top_p95']:.1f} ms, both p95 {result['both_p95']:.1f} ms; "
        f"RSS import {result['rss_import']:.0f}, +model {result['rss_model']:.0f}, +vectors "
        f"{result['rss_vectors']:.0f}, end {result['rss_end']:.0f} MB",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--meaning", action="store_true", help="measure the meaning layer through Library instead"
    )
    parser.add_argument(
        "--meaning-cost", action="store_true", help="what the meaning layer adds per query, memory"
    )
    parser.add_argument(
        "--reuse", type=Path, help="--meaning: keep the filled library in this folder for next runs"
    )
    parser.add_argument(
        "--interleaved", type=Path, help="typing kinds vs FTS5 in turn on this existing index"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(
        f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs", flush=True
    )
    if args.meaning_cost:
        for size in sizes:
            measure_meaning_cost(size, args.queries, args.seed)
        return
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-") as tmp:
        if args.interleaved:
            for size in sizes:
                run_interleaved(size, args.queries, args.seed, args.interleaved, Path(tmp))
            return
        if args.meaning:
            for size in sizes:
                run_meaning(size, args.queries, args.seed, Path(tmp), args.reuse)
            return
        results = [run(size, args.queries, args.seed, Path(tmp)) for size in sizes]
    print("\n## Search benchmark results")
    print(markdown(results))


if __name__ == "__main__":
    main()
