"""What csdesk puts into the Whoosh index, and how a typed query becomes index terms.

Indexing (like Lucene's CJKAnalyzer, without its cost): Chinese text becomes character unigrams and bigrams, so every
substring of two or more characters is found by the AND of its bigrams (码偏 → 码偏 ⊂ 尺码偏大); other text becomes
words (``xl``, ``165cm`` plus its parts ``165`` and ``cm``). Everything is folded first (:func:`textnorm.fold`).

Nothing goes through Whoosh's analyzer chain. Each document is turned here into ``{term: weight}`` per index field,
and :class:`WeightedTerms` hands those to the writer as they are: the weight already carries the field weight
(code > title > question/similar ≈ scenario > reply > guidance), a BM25-style saturation of the term frequency with a
mild length normalisation, and the small popularity boost. At query time a document's score is then just
``Σ idf(term) × weight`` over the matched terms — BM25F with everything that depends on the document computed once.
Postings carry no positions (bigrams already encode adjacency), which keeps the index small and writing fast.

Index fields:

``id``    the entry id (stored, unique)
``text``  unigrams/bigrams/words of title, code, question, similar questions, scenario, reply, guidance
``py``    pinyin of title, code, question and similar questions: syllables (``chi``), syllable bigrams (``chima``)
          and initial bigrams (``~cm``), for every reading of every character (多音字)
``code``  the shortcut code: ``=code`` exact, and each of its prefixes
``f``     filter terms: ``s<shop id>``, ``c<category id>`` (the category and its ancestors), ``t<tag>``
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import operator
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from csdesk.core import phonetic
from csdesk.core.textnorm import STOP_CHARS, STOP_WORDS, fold, is_han, runs

with warnings.catch_warnings():  # whoosh-reloaded still has a few invalid escape sequences and old idioms
    warnings.simplefilter("ignore")
    from whoosh.fields import ID, FieldType, Schema
    from whoosh.formats import Existence

__all__ = [
    "FIELD_WEIGHTS",
    "PINYIN_PLANS",
    "Clause",
    "Plan",
    "build_schema",
    "code_key",
    "doc_terms",
    "plan_query",
    "query_terms_for_highlight",
    "soften",
]

TEXT, PINYIN, CODE, FILTER = "text", "py", "code", "f"

FIELD_WEIGHTS: dict[str, float] = {
    "code": 6.0,
    "title": 5.0,
    "question": 3.0,
    "scenario": 2.5,
    "reply": 1.5,
    "guidance": 1.0,
}
"""How much a term found in each entry field counts. Shortcut-code matches are ranked first separately."""

_AVG_LEN = {"code": 4, "title": 10, "question": 16, "scenario": 16, "reply": 70, "guidance": 40}
_K1 = 1.2
_B = 0.4

UNIGRAM_FIELDS = frozenset({"code", "title", "question", "scenario"})
"""Fields whose single characters are indexed (one-character queries look at these). Indexing the unigrams of
long replies too would grow the index by a third and rank one-character queries no better."""

PINYIN_FIELDS = ("code", "title", "question")

SHORT_QUERY_CHARS = 6
"""Up to this many Chinese characters a query must match every one of its bigrams; longer ones are cut down."""

LONG_QUERY_TERMS = 8
"""A long (pasted) query keeps this many of its most telling (highest idf) terms."""

CODE_MAX_LEN = 32


# --------------------------------------------------------------------------------------------------------- schema


def build_schema() -> Schema:
    """The Whoosh schema of a csdesk index."""
    return Schema(
        id=ID(stored=True, unique=True),
        text=WeightedTerms(),
        py=WeightedTerms(),
        code=WeightedTerms(),
        f=WeightedTerms(),
    )


class WeightedTerms(FieldType):
    """A field whose value is a ready ``{term: weight}`` mapping: no analyzer, no positions, no field lengths."""

    def __init__(self) -> None:
        super().__init__(format=Existence(), analyzer=None, scorable=False, stored=False)

    def index(self, value: Mapping[str, float], **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        for term, weight in value.items():
            yield term.encode("utf-8"), 1, weight, b""

    def process_text(self, qstring: str, mode: str = "", **kwargs: Any) -> Iterator[str]:
        yield qstring


# --------------------------------------------------------------------------------------------------------- indexing


_HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN_RE = re.compile(f"([{_HAN_CLASS}]+)|([^\\W_{_HAN_CLASS}]+)")
"""Chinese runs (group 1) and word runs (group 2) of folded text, as :func:`textnorm.runs` splits them."""


def text_term_counts(folded: str, *, unigrams: bool) -> dict[str, int]:
    """Term → frequency for one folded text: Chinese unigrams (if asked) and bigrams, words and their parts."""
    terms: list[str] = []
    for han, word in _RUN_RE.findall(folded):
        if han:
            if unigrams or len(han) == 1:
                terms.extend(han)
            terms.extend(map(operator.add, han, han[1:]))  # the bigrams, without a Python loop
        else:
            terms.append(word)
            if not (word.isdigit() or word.isalpha()):
                terms.extend(_word_parts(word))
    return Counter(terms)


def _word_parts(word: str) -> list[str]:
    """``165cm`` → [``165``, ``cm``]: letters and digits apart, so either finds the word."""
    if word.isdigit() or word.isalpha():
        return []
    parts: list[str] = []
    start = 0
    for i in range(1, len(word)):
        if word[i].isdigit() != word[i - 1].isdigit():
            parts.append(word[start:i])
            start = i
    parts.append(word[start:])
    return parts if len(parts) > 1 else []


@lru_cache(maxsize=200_000)
def _pair_pinyin(pair: str) -> tuple[str, ...]:
    """Syllable bigrams and initial bigrams of two adjacent characters, over all their readings."""
    ra = phonetic.readings(pair[0])
    rb = phonetic.readings(pair[1])
    out = {a + b for a in ra for b in rb}
    out.update({"~" + a[0] + b[0] for a in ra for b in rb})
    return tuple(out)


def pinyin_terms(folded: str) -> set[str]:
    """Syllables, syllable bigrams and initial bigrams (``~cm``) of the Chinese runs, for every reading."""
    out: set[str] = set()
    readings = phonetic.readings
    pair = _pair_pinyin
    for han, _word in _RUN_RE.findall(folded):
        if not han:
            continue
        for ch in han:
            out.update(readings(ch))
        for i in range(len(han) - 1):
            out.update(pair(han[i : i + 2]))
    return out


@dataclass(frozen=True)
class DocFields:
    """The searchable text of one entry, by entry field; a group (similar questions) is a tuple of texts."""

    title: str = ""
    code: str = ""
    question: tuple[str, ...] = ()
    scenario: str = ""
    reply: str = ""
    guidance: str = ""


def code_key(code: str) -> str:
    """The folded form of a shortcut code that queries are compared with (no spaces)."""
    return "".join(fold(code).split())[:CODE_MAX_LEN]


def _text_weights(name: str, raw: str) -> tuple[dict[str, float], dict[str, float]]:
    """Text and pinyin ``{term: weight}`` of one text of one entry field (before the popularity boost).

    Short fields are cached per distinct text (:func:`_cached_text_weights`); replies are long and mostly unique.
    """
    if name == "reply":
        return _analyse_text(name, raw)
    return _cached_text_weights(name, raw)


def clear_caches() -> None:
    """Drop the per-text analysis cache (after a rebuild; it only pays off while many entries are indexed)."""
    _cached_text_weights.cache_clear()


def _analyse_text(name: str, raw: str) -> tuple[dict[str, float], dict[str, float]]:
    weight = FIELD_WEIGHTS[name]
    folded = fold(raw)
    # BM25 saturation tf·(k1+1)/(tf + k1·norm), with the length norm of this text
    k1n = _K1 * (1.0 - _B + _B * len(folded) / _AVG_LEN[name])
    scale = weight * (_K1 + 1.0)
    one = scale / (1.0 + k1n)
    text = {
        term: one if tf == 1 else scale * tf / (tf + k1n)
        for term, tf in text_term_counts(folded, unigrams=name in UNIGRAM_FIELDS).items()
    }
    py = dict.fromkeys(pinyin_terms(folded), one) if name in PINYIN_FIELDS else {}
    return text, py


_cached_text_weights = lru_cache(maxsize=8192)(_analyse_text)
"""Similar questions, scenarios, guidance and titles repeat across entries and shops; the returned dicts are
shared: never modify them."""


def _add_into(total: dict[str, float], part: dict[str, float]) -> dict[str, float]:
    if not total:
        return dict(part)
    get = total.get
    for term, w in part.items():
        total[term] = get(term, 0.0) + w
    return total


def doc_terms(
    doc: DocFields,
    *,
    shop_id: int,
    category_ids: Iterable[int],
    tags: Iterable[str],
    popularity: float = 0.0,
) -> dict[str, dict[str, float]]:
    """Index field → {term: weight} for one entry (see the module docstring)."""
    pop = 1.0 + 0.02 * min(max(popularity, 0.0), 10.0)
    groups: list[tuple[str, tuple[str, ...]]] = [
        ("code", (doc.code,)),
        ("title", (doc.title,)),
        ("question", doc.question),
        ("scenario", (doc.scenario,)),
        ("reply", (doc.reply,)),
        ("guidance", (doc.guidance,)),
    ]
    text: dict[str, float] = {}
    py: dict[str, float] = {}
    for name, texts in groups:
        parts = [_text_weights(name, raw) for raw in texts if raw]
        if not parts:
            continue
        if len(parts) == 1:
            best, best_py = parts[0]
        else:
            # A group (question + similar questions) counts each term once, at its best weight.
            best, best_py = dict(parts[0][0]), dict(parts[0][1])
            for part, part_py in parts[1:]:
                for term, w in part.items():
                    if w > best.get(term, 0.0):
                        best[term] = w
                for term, w in part_py.items():
                    if w > best_py.get(term, 0.0):
                        best_py[term] = w
        text = _add_into(text, best)
        if best_py:
            py = _add_into(py, best_py)
    if pop != 1.0:
        text = {t: w * pop for t, w in text.items()}
        py = {t: w * pop for t, w in py.items()}

    codes: dict[str, float] = {}
    key = code_key(doc.code)
    if key:
        codes["=" + key] = 2.0 * pop
        for k in range(1, len(key)):
            codes[key[:k]] = (0.5 + 0.5 * k / len(key)) * pop

    filters = {f"s{shop_id}": 1.0}
    for cid in category_ids:
        filters[f"c{cid}"] = 1.0
    for tag in tags:
        folded_tag = fold(tag).strip()
        if folded_tag:
            filters["t" + folded_tag] = 1.0
    return {TEXT: text, PINYIN: py, CODE: codes, FILTER: filters}


# --------------------------------------------------------------------------------------------------------- querying


@dataclass
class Clause:
    """One thing a query asks for: any of these (index field, term) alternatives; the best one counts."""

    alternatives: list[tuple[str, str]]


@dataclass
class Plan:
    """One reading of the query (as Chinese text, as pinyin, as a shortcut code …).

    ``require_all``: a document must match every clause (short, precise queries); otherwise it must match at least
    ``min_match`` clauses and more matches score more; if no plan of the query finds anything, the search is run
    again with ``min_match`` lowered to ``relax_to`` (when set). ``bonus`` is added to every match (shortcut codes rank
    first); ``use_idf`` False scores by the posting weight alone.
    """

    name: str
    clauses: list[Clause]
    require_all: bool = True
    min_match: int = 1
    relax_to: int | None = None
    boost: float = 1.0
    bonus: float = 0.0
    use_idf: bool = True
    highlight: list[str] = field(default_factory=list)


PINYIN_PLANS = frozenset({"initials", "pinyin"})
"""Names of the plans that read a query as pinyin."""


def _is_pinyin_candidate(q: str) -> bool:
    letters = q.replace(" ", "").replace("'", "")
    return bool(letters) and letters.isascii() and letters.isalpha()


def plan_query(
    query: str,
    doc_frequency: Callable[[str, str], int],
    term_bound: Callable[[str, str], float] | None = None,
) -> list[Plan]:
    """Turn a typed query into plans.

    ``doc_frequency(field, term)`` drops bigrams found nowhere and lets a long query keep its most telling terms;
    ``term_bound(field, term)`` (the most the term can add to a document's score: idf × its heaviest posting; an
    upper bound is fine) lets those be the terms that can score most, i.e. rare terms found in titles and questions
    rather than in replies only. Without it the rarest terms are kept.
    """
    q = fold(query).strip()
    if not q:
        return []
    plans: list[Plan] = []

    key = code_key(q)
    if key and not any(ch.isspace() for ch in q.strip()):
        plans.append(
            Plan(
                "code",
                [Clause([(CODE, "=" + key), (CODE, key)])],
                bonus=1000.0,
                boost=100.0,
                use_idf=False,
            )
        )

    text_plan = _text_plan(q, doc_frequency, term_bound)
    if text_plan is not None:
        plans.append(text_plan)

    if _is_pinyin_candidate(q):
        letters = q.replace(" ", "").replace("'", "")
        plans.extend(_pinyin_plans(letters))
    return plans


def soften(plan: Plan) -> Plan | None:
    """The soft-coordination reading of a text plan: any of its clauses may match, more matches rank higher.

    A short query's bigrams also match with their characters swapped (线开 finds 开线: customers and agents word
    the same thing both ways; a clause scores by its best alternative). None when there is nothing to soften.
    """
    if plan.name != "text":
        return None
    if not plan.require_all:
        relax = plan.relax_to or 1
        return dataclasses.replace(plan, min_match=relax) if relax < plan.min_match else None
    # Single characters a short query must match on their own (an uncovered 中 of 尺码偏中) are too common to
    # count as partial matches.
    kept = [c for c in plan.clauses if any(len(t) > 1 for _f, t in c.alternatives)]
    if not kept or (len(kept) < 2 and len(kept) == len(plan.clauses)):
        return None
    clauses = []
    for clause in kept:
        alternatives = list(clause.alternatives)
        for fieldname, term in clause.alternatives:
            if len(term) == 2 and is_han(term[0]) and is_han(term[1]) and term[0] != term[1]:
                alternatives.append((fieldname, term[::-1]))
        clauses.append(Clause(alternatives))
    # Half the query's bigrams (at least one): one shared common bigram (多久, 怎么) is no match.
    need = max(1, len(clauses) // 2)
    return dataclasses.replace(plan, clauses=clauses, require_all=False, min_match=need, relax_to=need)


def _text_plan(
    q: str, doc_frequency: Callable[[str, str], int], term_bound: Callable[[str, str], float] | None = None
) -> Plan | None:
    han_chars = 0
    required: list[str] = []
    grams: list[tuple[str, str | None, str | None]] = []  # (bigram, bigram before it, bigram after it)
    words: list[str] = []
    for kind, start, end in runs(q):
        piece = q[start:end]
        if kind == "han":
            han_chars += end - start
            required.extend(_required_han_terms(piece, doc_frequency))
            run = [piece[i : i + 2] for i in range(len(piece) - 1)]
            grams.extend(
                (g, run[i - 1] if i else None, run[i + 1] if i + 1 < len(run) else None)
                for i, g in enumerate(run)
            )
        else:
            required.append(piece)
            words.append(piece)
    if not required:
        return None
    unique = list(dict.fromkeys(required))
    if han_chars <= SHORT_QUERY_CHARS and len(unique) <= SHORT_QUERY_CHARS:
        return Plan("text", [Clause(_with_swapped(t, doc_frequency)) for t in unique], highlight=unique)
    chosen = _telling_terms(grams, words, doc_frequency, term_bound)
    if not chosen:
        return None
    return Plan(
        "text",
        [Clause(_with_swapped(t, doc_frequency)) for t in chosen],
        require_all=False,
        min_match=1,
        relax_to=1,
        highlight=chosen,
    )


def _with_swapped(term: str, doc_frequency: Callable[[str, str], int]) -> list[tuple[str, str]]:
    """A bigram and, when some entry holds it, the same two characters swapped (线开 / 开线)."""
    out = [(TEXT, term)] if doc_frequency(TEXT, term) > 0 or len(term) != 2 else []
    if len(term) == 2 and term[0] != term[1] and is_han(term[0]) and is_han(term[1]):
        swapped = term[::-1]
        if doc_frequency(TEXT, swapped) > 0:
            out.append((TEXT, swapped))
    return out


CROSS_WORD_RATIO = 4
"""A bigram of a long query whose neighbours on both sides are this many times more frequent is taken for the seam
between two words (果收 in 坚果收到) and not kept."""


def _telling_terms(
    grams: list[tuple[str, str | None, str | None]],
    words: list[str],
    doc_frequency: Callable[[str, str], int],
    term_bound: Callable[[str, str], float] | None,
) -> list[str]:
    """The :data:`LONG_QUERY_TERMS` most telling terms of a long (pasted) query.

    Stop words and bigrams with a stop character are left out, so are bigrams found nowhere and the seams between
    two words: a bigram occurring in a handful of entries while the bigrams overlapping it on both sides are common
    is an accident of the text (果收 in 坚果收到, 开发 in 打开发现), and being rare it would otherwise push out the
    words the customer actually wrote. The rest are ranked by what they can add to an entry's score, idf × their
    heaviest posting: a rare term found in some entry's title or question beats one found only in replies.
    """
    seen: set[str] = set()
    scored: list[tuple[float, int, str]] = []

    def consider(term: str, position: int) -> None:
        df = doc_frequency(TEXT, term)
        if df <= 0:
            swapped = term[::-1] if len(term) == 2 and is_han(term[0]) else ""
            if not swapped or doc_frequency(TEXT, swapped) <= 0:
                return
            term = swapped
        value = term_bound(TEXT, term) if term_bound is not None else 1.0 / df
        scored.append((-value, position, term))

    position = 0
    for gram, before, after in grams:
        position += 1
        if gram in seen or gram in STOP_WORDS or gram[0] in STOP_CHARS or gram[1] in STOP_CHARS:
            continue
        seen.add(gram)
        df = doc_frequency(TEXT, gram)
        if before is not None and after is not None and df > 0:
            floor = max(CROSS_WORD_RATIO * df, CROSS_WORD_RATIO)
            if doc_frequency(TEXT, before) >= floor and doc_frequency(TEXT, after) >= floor:
                continue
        consider(gram, position)
    for word in words:
        position += 1
        if word not in seen and word not in STOP_WORDS:
            seen.add(word)
            consider(word, position)
    scored.sort()
    return [t for _, _, t in scored[:LONG_QUERY_TERMS]]


def _required_han_terms(run: str, doc_frequency: Callable[[str, str], int]) -> list[str]:
    """What a short query's Chinese run must match: its bigrams, except those found nowhere in the index.

    A bigram that spans two words (裙现 in 连衣裙现货) occurs in no entry; requiring it would find nothing, so it
    is dropped as long as the other bigrams cover its characters; a character left uncovered must then match on
    its own (尺码偏中 still needs a 中).
    """
    if len(run) == 1:
        return [run]
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    kept = [i for i, g in enumerate(grams) if doc_frequency(TEXT, g) > 0 or doc_frequency(TEXT, g[::-1]) > 0]
    if len(kept) == len(grams):
        return grams
    covered: set[int] = set()
    for i in kept:
        covered.update((i, i + 1))
    out = [grams[i] for i in kept]
    # a particle left over (了 in 缩水了) says nothing; requiring it alone would find nothing
    out.extend(ch for i, ch in enumerate(run) if i not in covered and (ch not in STOP_CHARS or not out))
    return out


def _pinyin_plans(letters: str) -> list[Plan]:
    plans: list[Plan] = []
    if 2 <= len(letters) <= 12:
        clauses = [Clause([(PINYIN, "~" + letters[i : i + 2])]) for i in range(len(letters) - 1)]
        plans.append(Plan("initials", clauses, boost=0.9))
    split = phonetic.split_pinyin(letters)
    if split is not None:
        sylls, tail = split
        pieces = list(sylls)
        last_prefix = tail or pieces.pop()
        endings = phonetic.syllables_with_prefix(last_prefix)
        if len(letters) >= 2 and endings:
            if not pieces:
                clauses = [Clause([(PINYIN, s) for s in endings])]
            else:
                clauses = [Clause([(PINYIN, a + b)]) for a, b in itertools.pairwise(pieces)]
                clauses.append(Clause([(PINYIN, pieces[-1] + e) for e in endings]))
            plans.append(Plan("pinyin", clauses, boost=1.0))
    return plans


def query_terms_for_highlight(query: str) -> list[str]:
    """The folded pieces of a query worth marking in a text: Chinese runs and words (pinyin is not marked)."""
    q = fold(query)
    return [q[s:e] for _, s, e in runs(q)]


def idf(doc_freq: int, doc_count: int) -> float:
    return math.log(1.0 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5))
