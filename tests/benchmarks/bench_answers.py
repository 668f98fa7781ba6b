"""Does the right answer come first? csdesk against a character-bigram BM25 and SQLite FTS5 (trigram).

Run::

    python tests/benchmarks/bench_answers.py [--queries 500] [--entries 20000] [--seed 12] [--sets oppo,lcqmc,demo]

Sets
    ``oppo``   OPPO-xiaobu dev (short colloquial requests) and ``lcqmc`` LCQMC dev+test (general questions), read
               from ``../shared/data`` (never copied into the project). As that folder's README describes: ``--queries``
               pairs labelled 1 are drawn; one side of each becomes an entry (its question), the other the query;
               every other sentence of the set that is not a query is a distractor entry, up to ``--entries`` in all.
               A hit counts when the partner entry is in the top k.
    ``demo``   the customer messages of ``tests/data/demo_messages.tsv`` against the demo library, each searched in
               the shop it was written for (that shop plus 通用); the right entry is named by its shortcut code.

Systems, on the same entries in the same run
    ``csdesk``  :meth:`Library.search` on a library holding the entries (meaning layer included once its vectors are
                built: the benchmark waits for them, see :func:`wait_ready`).
    ``bm25``    plain BM25 (k1 1.2, b 0.75) over character bigrams (and single characters of one-character runs) of
                the entry text: what a textbook Chinese search does.
    ``fts5``    SQLite FTS5 ``tokenize='trigram'``, the query as an OR of its trigrams, ordered by ``bm25()``.

Reported per set and system: r@1, r@3, r@5 and the p50/p95 query latency (ms). The demo set reports r@3 as its
target. ``--learn`` also runs the learning-from-use measure: copies are replayed for half of a set's queries (the
other paraphrase of the entry — a learned phrasing) and the other half is searched before and after.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = Path(os.environ.get("CSDESK_BENCH_DATA", ROOT.parent.parent / "shared" / "data"))
DEMO_MESSAGES = ROOT / "tests" / "data" / "demo_messages.tsv"
SHOP = "测试店"
KS = (1, 3, 5)


@dataclass
class Bench:
    """One retrieval set: entries (key → text, shop) and queries (text, the key of the right entry, shop)."""

    name: str
    entries: dict[str, str]
    queries: list[tuple[str, str, str]]
    shops: dict[str, str] = field(default_factory=dict)
    partners: dict[str, set[str]] = field(default_factory=dict)
    """Sentence → the sentences labelled as meaning the same (paraphrase sets), for the learning measure."""


def read_pairs(paths: Sequence[Path]) -> list[tuple[str, str, int]]:
    pairs = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[2].strip() in ("0", "1"):
                pairs.append((parts[0].strip(), parts[1].strip(), int(parts[2])))
    return pairs


def paraphrase_bench(name: str, paths: Sequence[Path], n_queries: int, n_entries: int, seed: int) -> Bench:
    """Entries and queries from a paraphrase set, as ../shared/data/README.md describes."""
    pairs = read_pairs(paths)
    rnd = random.Random(seed)
    positives = [(a, b) for a, b, label in pairs if label == 1 and a and b and a != b]
    rnd.shuffle(positives)
    queries: list[tuple[str, str]] = []
    used: set[str] = set()
    for a, b in positives:
        if a in used or b in used:
            continue
        used.update((a, b))
        queries.append((b, a))
        if len(queries) == n_queries:
            break
    query_texts = {q for q, _ in queries}
    sentences: list[str] = []
    seen: set[str] = set()
    for a, b, _ in pairs:
        for s in (a, b):
            if s and s not in seen:
                seen.add(s)
                sentences.append(s)
    entries = {a: a for _, a in queries}
    others = [s for s in sentences if s not in query_texts and s not in entries]
    rnd.shuffle(others)
    for s in others[: max(0, n_entries - len(entries))]:
        entries[s] = s
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, label in pairs:
        if label == 1 and a and b and a != b:
            partners[a].add(b)
            partners[b].add(a)
    return Bench(name, entries, [(q, a, SHOP) for q, a in queries], partners=partners)


def demo_bench() -> tuple[Bench, list[dict[str, Any]]]:
    from csdesk.core.demo import load_demo_data

    data = load_demo_data()
    raw = data["entries"]
    entries = {}
    shops = {}
    for item in raw:
        text = " ".join(
            [
                item.get("title", ""),
                item.get("question", ""),
                *item.get("similar", []),
                item.get("scenario", ""),
            ]
        )
        entries[item["code"]] = text + " " + item.get("reply", "")
        shops[item["code"]] = item.get("shop") or "通用"
    queries = []
    for line in DEMO_MESSAGES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("shop\t"):
            continue
        shop, code, message = line.split("\t")
        queries.append((message, code, shop))
    return Bench("demo", entries, queries, shops), raw


# ---------------------------------------------------------------------------------------------------- reference


_HAN = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _HAN.findall(text.lower()):
        if len(run) == 1 or not ("\u3400" <= run[0] <= "\u9fff"):
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


class BM25:
    """Plain BM25 over character bigrams: the reference."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.keys = list(docs)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        lengths = []
        counts = []
        for text in docs.values():
            terms = bigrams(text)
            lengths.append(len(terms))
            counts.append(Counter(terms))
        avg = sum(lengths) / max(1, len(lengths))
        n = len(self.keys)
        for d, (c, length) in enumerate(zip(counts, lengths, strict=True)):
            norm = k1 * (1 - b + b * length / avg)
            for t, tf in c.items():
                self.postings[t].append((d, tf * (k1 + 1) / (tf + norm)))
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def search(self, query: str, allowed: set[str] | None = None, limit: int = 5) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        for t in set(bigrams(query)):
            w = self.idf.get(t)
            if w is None:
                continue
            for d, s in self.postings[t]:
                scores[d] += w * s
        ranked = sorted(scores.items(), key=lambda x: -x[1])
        out = []
        for d, _ in ranked:
            key = self.keys[d]
            if allowed is None or key in allowed:
                out.append(key)
                if len(out) == limit:
                    break
        return out


class FTS5:
    """SQLite FTS5 with the trigram tokenizer; the query is an OR of its trigrams (shorter ones: LIKE)."""

    def __init__(self, docs: dict[str, str]) -> None:
        self.con = sqlite3.connect(":memory:")
        self.con.execute("CREATE VIRTUAL TABLE t USING fts5(key UNINDEXED, body, tokenize='trigram')")
        self.con.executemany("INSERT INTO t(key, body) VALUES (?, ?)", docs.items())

    def search(self, query: str, allowed: set[str] | None = None, limit: int = 5) -> list[str]:
        q = "".join(query.split())
        grams = list(dict.fromkeys(q[i : i + 3] for i in range(len(q) - 2)))
        grams = [g for g in grams if '"' not in g]
        fetch = limit if allowed is None else limit * 40
        if grams:
            match = " OR ".join(f'"{g}"' for g in grams)
            rows = self.con.execute(
                "SELECT key FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT ?", (match, fetch)
            ).fetchall()
        else:
            rows = self.con.execute(
                "SELECT key FROM t WHERE body LIKE ? LIMIT ?", (f"%{q}%", fetch)
            ).fetchall()
        keys = [r[0] for r in rows if allowed is None or r[0] in allowed]
        return keys[:limit]


# ----------------------------------------------------------------------------------------------------- csdesk


def paraphrase_library(home: Path, bench: Bench) -> tuple[Any, dict[str, str]]:
    """A library with one entry per bench entry (its question); returns it and entry id → bench key."""
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft

    lib = Library.open(home, demo=False)
    lib.shops.add(SHOP, "taobao")
    keys = list(bench.entries)
    drafts = [EntryDraft(reply="好的", question=bench.entries[k], shop=SHOP) for k in keys]
    lib._index_dirty = True  # one bulk rebuild (a private switch, as bench_search uses it)
    ids: list[str] = []
    for start in range(0, len(drafts), 5000):
        ids.extend(e.id for e in lib.entries.create_many(drafts[start : start + 5000]))
    lib.index.rebuild()
    return lib, dict(zip(ids, keys, strict=True))


def demo_library(home: Path) -> tuple[Any, dict[str, str]]:
    from csdesk.core.library import Library

    lib = Library.open(home, demo=True)
    return lib, {e.id: e.code for e in lib.entries.all()}


def wait_ready(lib: Any, timeout: float = 1800.0) -> float:
    """Wait until every derived store of ``lib`` (index, vectors) is built; seconds waited."""
    t0 = time.perf_counter()
    answers = getattr(lib, "answers", None)
    if answers is not None:
        answers.start()
        answers.wait(timeout)
    return time.perf_counter() - t0


# ------------------------------------------------------------------------------------------------------ scoring


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def evaluate(
    search: Callable[[str, str], list[str]], queries: list[tuple[str, str, str]]
) -> dict[str, float]:
    hits = dict.fromkeys(KS, 0)
    times = []
    for text, right, shop in queries:
        t0 = time.perf_counter()
        keys = search(text, shop)
        times.append((time.perf_counter() - t0) * 1000)
        for k in KS:
            if right in keys[:k]:
                hits[k] += 1
    n = max(1, len(queries))
    out = {f"r@{k}": hits[k] / n for k in KS}
    out["p50"] = statistics.median(times) if times else 0.0
    out["p95"] = percentile(times, 95) if times else 0.0
    return out


def run_set(bench: Bench, workdir: Path, learn: bool) -> dict[str, dict[str, float]]:
    print(f"\n=== {bench.name}: {len(bench.entries)} entries, {len(bench.queries)} queries ===", flush=True)
    results: dict[str, dict[str, float]] = {}
    t0 = time.perf_counter()
    if bench.name == "demo":
        lib, key_of = demo_library(workdir / bench.name)
    else:
        lib, key_of = paraphrase_library(workdir / bench.name, bench)
    print(f"library filled in {time.perf_counter() - t0:.1f} s", flush=True)
    waited = wait_ready(lib)
    print(f"derived stores ready after a further {waited:.1f} s", flush=True)

    def csdesk_search(text: str, shop: str) -> list[str]:
        return [key_of.get(h.entry_id, "") for h in lib.search(text, shop=shop, limit=5)]

    results["csdesk"] = evaluate(csdesk_search, bench.queries)
    by_shop: dict[str, set[str]] = defaultdict(set)
    for key, shop in bench.shops.items():
        by_shop[shop].add(key)

    def allowed(shop: str) -> set[str] | None:
        if not bench.shops:
            return None
        return by_shop[shop] | by_shop["通用"]

    bm25 = BM25(bench.entries)
    results["bm25"] = evaluate(lambda text, shop: bm25.search(text, allowed(shop)), bench.queries)
    fts = FTS5(bench.entries)
    results["fts5"] = evaluate(lambda text, shop: fts.search(text, allowed(shop)), bench.queries)
    if learn and bench.name != "demo":
        results.update(measure_learning(lib, key_of, bench))
    if bench.name == "demo":
        misses = []
        for text, right, shop in bench.queries:
            keys = csdesk_search(text, shop)
            if right not in keys[:3]:
                misses.append(f"  {text} → want {right}, got {keys[:3]}")
        if misses:
            print("csdesk misses (top 3):\n" + "\n".join(misses))
    lib.close()
    for system, figures in results.items():
        print(
            f"{system:14s} "
            + "  ".join(f"{k} {v:.3f}" for k, v in figures.items() if k.startswith("r@"))
            + f"  p50 {figures['p50']:.1f} ms  p95 {figures['p95']:.1f} ms",
            flush=True,
        )
    return results


def measure_learning(lib: Any, key_of: dict[str, str], bench: Bench) -> dict[str, dict[str, float]]:
    """Learning from use, two ways.

    Halves: copies are replayed (search the query, copy its entry) for the first half of the queries; then the
    first half is searched again (the same wording again: a customer phrasing seen before) and the second half
    (other entries: learning must not disturb them). Other paraphrase: entries of the library that the set pairs
    with two or more other sentences (not entries themselves); a copy is replayed with one of them and the other
    is searched before and after (a similar, unseen phrasing of a learned request).
    """
    id_of = {key: entry_id for entry_id, key in key_of.items()}
    half = len(bench.queries) // 2
    train, test = bench.queries[:half], bench.queries[half:]

    def search(text: str, shop: str) -> list[str]:
        return [key_of.get(h.entry_id, "") for h in lib.search(text, shop=shop, limit=5)]

    rnd = random.Random(7)
    others = []
    for key in bench.entries:
        mates = sorted(bench.partners.get(key, set()) - bench.entries.keys())
        if len(mates) >= 2:
            rnd.shuffle(mates)
            others.append((mates[0], mates[1], key))
    others = others[:200]
    seen_before = evaluate(search, train)
    unseen_before = evaluate(search, test)
    other_before = evaluate(search, [(probe, key, SHOP) for _, probe, key in others])
    for text, right, shop in train:
        lib.log_copy(id_of[right], query=text, shop=shop)
    for taught, _, key in others:
        lib.log_copy(id_of[key], query=taught, shop=SHOP)
    wait_ready(lib)
    other_after = evaluate(search, [(probe, key, SHOP) for _, probe, key in others])
    result = {
        "learn: same wording, before": seen_before,
        "learn: same wording, after": evaluate(search, train),
        "learn: untaught half, before": unseen_before,
        "learn: untaught half, after": evaluate(search, test),
    }
    if others:  # OPPO-xiaobu has none: every sentence that is not a query is an entry
        result[f"learn: other paraphrase ({len(others)}), before"] = other_before
        result[f"learn: other paraphrase ({len(others)}), after"] = other_after
    return result


def markdown(all_results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = ["| set | system | r@1 | r@3 | r@5 | p50 ms | p95 ms |", "|---|---|---|---|---|---|---|"]
    for name, results in all_results.items():
        for system, f in results.items():
            lines.append(
                f"| {name} | {system} | {f['r@1']:.3f} | {f['r@3']:.3f} | {f['r@5']:.3f} | {f['p50']:.1f} | {f['p95']:.1f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--sets", default="oppo,lcqmc,demo")
    parser.add_argument("--learn", action="store_true", help="also measure learning from copies")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--compress-from",
        type=int,
        help="project the entry vectors from this many entries on (default: csdesk's, 20,000): measures what the "
        "projection that keeps 100k libraries within memory costs in recall",
    )
    args = parser.parse_args()
    if args.compress_from:
        from csdesk.core import vectors

        vectors.COMPRESS_FROM = args.compress_from
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    all_results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="csdesk-answers-") as tmp:
        for name in wanted:
            if name == "oppo":
                bench = paraphrase_bench(
                    "oppo", [DATA / "oppo-xiaobu" / "dev.tsv"], args.queries, args.entries, args.seed
                )
            elif name == "lcqmc":
                bench = paraphrase_bench(
                    "lcqmc",
                    [DATA / "lcqmc" / "dev.tsv", DATA / "lcqmc" / "test.tsv"],
                    args.queries,
                    args.entries,
                    args.seed,
                )
            elif name == "demo":
                bench, _raw = demo_bench()
            else:
                raise SystemExit(f"unknown set {name!r}")
            all_results[name] = run_set(bench, Path(tmp), args.learn)
    print("\n" + markdown(all_results))
    if args.json:
        args.json.write_text(json.dumps(all_results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
