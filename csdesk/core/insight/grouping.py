"""Group different wordings of one question: 发新疆吗 / 新疆能发吗 / 新疆包邮吗 count as one knowledge gap.

Each text is normalised (folded like the search index, personal numbers masked, particles and greetings dropped) and
becomes a set of features: its Chinese characters, character bigrams and non-Chinese words, each weighted by its
rarity in the texts being grouped (IDF). Two texts are alike when their similarity (the mean of the cosine of their weighted feature sets and
of how much of the shorter one the longer contains) reaches ``threshold``. Grouping is leader clustering, most frequent wording first: a wording joins the group whose
representatives (the leader and the first few members) it is most like, or starts a new one. Candidate groups come
from an inverted index of their representatives' rarer features, so 100,000 wordings are grouped in seconds.

The threshold is measured on labelled paraphrase pairs (LCQMC, OPPO 小布): see tests/benchmarks/bench_grouping.py and
the README's "The supervisor's week".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from csdesk.core.masking import mask_query
from csdesk.core.textnorm import STOP_CHARS, fold, is_han

__all__ = ["DEFAULT_THRESHOLD", "Group", "Grouper", "features", "group_texts", "normalise", "similarity"]

DEFAULT_THRESHOLD = 0.5
"""Cosine at which two wordings count as one question (chosen on LCQMC dev, reported on LCQMC test and OPPO)."""

REPRESENTATIVES = 4
"""Members of a group a new wording is compared with (the leader and the next most frequent)."""

MIN_CORPUS = 1000
"""IDF counts at least this many texts: in a week's ten searches a word seen twice is not common."""

COMMON_SHARE = 0.05
COMMON_FLOOR = 50
"""A feature in more than 5 % of the wordings (and more than 50) suggests no candidate group."""

QUERY_KEYS = 5
"""A wording looks for groups through its rarest features: sharing none of them, it is not the same question."""

MAX_POSTINGS = 400
"""Groups (the newest) a feature suggests: a common feature (发, 的) says little about which group."""


_GREETINGS = (
    "你好",
    "您好",
    "亲亲",
    "亲",
    "请问",
    "在吗",
    "在不在",
    "在么",
    "客服",
    "老板",
    "掌柜",
    "麻烦",
    "谢谢",
    "一下",
)
_GREETING_RE = re.compile("|".join(sorted(map(re.escape, _GREETINGS), key=len, reverse=True)))

_SYNONYMS: dict[str, str] = {
    # question frames that carry no topic: 能不能发 = 能发吗 = 发吗
    "能不能": "",
    "可不可以": "",
    "是不是": "",
    "有没有": "有",
    "会不会": "",
    "行不行": "",
    "可以": "",
    "能否": "",
    "可否": "",
    "能": "",
    "这件": "",
    "这个": "",
    "衣服": "",
    "宝贝": "",
    "东西": "",
    # one word for one meaning
    "什么时候": "几时",
    "啥时候": "几时",
    "多久": "几时",
    "几天": "几时",
    "多长时间": "几时",
    "哪天": "几时",
    "免运费": "包邮",
    "免邮": "包邮",
    "包运费": "包邮",
    "寄": "发",
    "送到": "发",
    "发到": "发",
    "啥": "什么",
    "咋": "怎么",
    "怎么样": "怎样",
    "如何": "怎样",
    "多少钱": "价格",
    "什么价": "价格",
    "退货": "退",
    "退款": "退",
    "换货": "换",
}
"""Customer-service wordings folded to one form before comparing (几天能发货 = 什么时候发货)."""
_SYNONYM_RE = re.compile("|".join(sorted(map(re.escape, _SYNONYMS), key=len, reverse=True)))
_MASK_RE = re.compile(r"\[[^\[\]]{1,6}\]")
_EXTRA_STOP = frozenset("呀嘛哈啦")


def normalise(text: str) -> str:
    """The comparable form of a wording: folded, numbers masked, greetings, particles, punctuation and spaces gone.

    Two wordings with the same normal form are the same wording (counted together before any comparison).
    """
    masked = mask_query(text.strip())
    folded = fold(masked)
    folded = _MASK_RE.sub(" ", folded)
    folded = _GREETING_RE.sub(" ", folded)
    folded = _SYNONYM_RE.sub(lambda m: _SYNONYMS[m.group()], folded)
    return "".join(
        ch for ch in folded if (is_han(ch) or ch.isalnum()) and ch not in STOP_CHARS and ch not in _EXTRA_STOP
    )


def features(normal: str) -> set[str]:
    """Chinese characters, Chinese bigrams and non-Chinese words of a normalised wording."""
    out: set[str] = set()
    word = ""
    previous = ""
    for ch in normal:
        if is_han(ch):
            if word:
                out.add(word)
                word = ""
            out.add(ch)
            if previous:
                out.add(previous + ch)
            previous = ch
        else:
            word += ch
            previous = ""
    if word:
        out.add(word)
    return out


def similarity(a: set[str], b: set[str], weight: Mapping[str, float]) -> float:
    """Cosine of two feature sets, each feature weighted by ``weight`` (1.0 when unknown)."""
    if not a or not b:
        return 0.0
    common = sum(weight.get(f, 1.0) ** 2 for f in a & b)
    if not common:
        return 0.0
    na = sum(weight.get(f, 1.0) ** 2 for f in a)
    nb = sum(weight.get(f, 1.0) ** 2 for f in b)
    return _score(common, na, nb)


def _score(common: float, na: float, nb: float) -> float:
    """The mean of the cosine and of how much of the shorter wording the longer one contains.

    Customers' questions are short and add words freely (发新疆吗 / 新疆包邮吗): containment alone would join
    anything to a one-word query, the cosine alone splits a question from its longer wordings.
    """
    return (common / math.sqrt(na * nb) + common / min(na, nb)) / 2


@dataclass
class Group:
    """Wordings taken for one question; ``label`` is the most frequent wording."""

    label: str
    wordings: list[tuple[str, int]] = field(default_factory=list)
    """(wording as typed, how often), most frequent first."""
    normals: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(n for _, n in self.wordings)


class Grouper:
    """Leader clustering of wordings; see the module docstring. Feed all texts at once with :meth:`group`."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.weight: dict[str, float] = {}
        self.df: Counter[str] = Counter()
        self.common = COMMON_FLOOR

    def fit_weights(self, feature_sets: Iterable[set[str]]) -> None:
        """The square root of each feature's IDF among the texts being grouped.

        The root keeps a topic many customers suddenly ask about (新疆, after a courier change) from weighing too
        little against the words around it; on the paraphrase sets it loses under 0.5 points against plain IDF.
        """
        df: Counter[str] = Counter()
        total = 0
        for feats in feature_sets:
            df.update(feats)
            total += 1
        self.df = df
        self.common = max(COMMON_FLOOR, int(total * COMMON_SHARE))
        total = max(total, MIN_CORPUS)
        self.weight = {f: math.sqrt(math.log((total + 1) / (n + 0.5)) + 1.0) for f, n in df.items()}

    def _keys(self, mine: set[str], squares: dict[str, float]) -> list[str]:
        """The wording's rarest features that are not common (in over ``COMMON_SHARE`` of the wordings): a
        common feature points to hundreds of groups and would make every wording a comparison with all of them."""
        ranked = sorted(mine, key=lambda f: -squares[f])
        keys = [f for f in ranked if self.df.get(f, 0) <= self.common][:QUERY_KEYS]
        return keys or ranked[:2]

    def group(self, counted: Mapping[str, int] | Sequence[str]) -> list[Group]:
        """Group ``counted`` ({wording: count}, or a list with repeats); groups most asked first."""
        counts: Counter[str] = Counter()
        if isinstance(counted, Mapping):
            counts.update({k: int(v) for k, v in counted.items()})
        else:
            counts.update(counted)
        # wordings with one normal form count together before any comparison
        by_normal: dict[str, Counter[str]] = defaultdict(Counter)
        for text, n in counts.items():
            normal = normalise(text)
            if normal:
                by_normal[normal][text] += n
        normals = sorted(by_normal, key=lambda k: (-sum(by_normal[k].values()), k))
        feats = {k: features(k) for k in normals}
        self.fit_weights(feats.values())
        groups: list[Group] = []
        rep_feats: list[list[tuple[dict[str, float], float]]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for normal in normals:
            mine = feats[normal]
            squares = {f: self.weight.get(f, 1.0) ** 2 for f in mine}
            norm = sum(squares.values()) or 1.0
            candidates: set[int] = set()
            for key in self._keys(mine, squares):
                candidates.update(postings.get(key, ())[-MAX_POSTINGS:])
            best, best_sim = -1, 0.0
            for gid in candidates:
                for other, other_norm in rep_feats[gid]:
                    common = sum(other[f] for f in squares if f in other)
                    sim = _score(common, norm, other_norm) if common else 0.0
                    if sim > best_sim:
                        best, best_sim = gid, sim
            if best >= 0 and best_sim >= self.threshold:
                gid = best
            else:
                gid = len(groups)
                groups.append(Group(label=""))
                rep_feats.append([])
            groups[gid].normals.append(normal)
            groups[gid].wordings.extend(by_normal[normal].most_common())
            if len(rep_feats[gid]) < REPRESENTATIVES:
                rep_feats[gid].append((squares, norm))
                for key in mine:
                    postings[key].append(gid)
        for group in groups:
            group.wordings.sort(key=lambda w: -w[1])
            group.label = group.wordings[0][0].strip()
        groups.sort(key=lambda g: -g.count)
        return groups


def group_texts(
    counted: Mapping[str, int] | Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[Group]:
    """Group wordings (see :class:`Grouper`)."""
    return Grouper(threshold).group(counted)
