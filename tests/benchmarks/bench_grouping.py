"""How well the knowledge-gap grouping puts paraphrases together and keeps different questions apart.

For each labelled pair set (shared/data/lcqmc, shared/data/oppo-xiaobu; tab-separated: sentence, sentence, label),
all sentences of the set are grouped together in one run, as the gaps page groups a period's searches; then for
each pair: a positive pair (label 1) should land in one group, a negative pair (label 0) in two. Reported: the share
of positive pairs together, of negative pairs apart, their mean (balanced accuracy), and the time.

    python tests/benchmarks/bench_grouping.py [--threshold 0.5] [--sweep]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from csdesk.core.insight.grouping import DEFAULT_THRESHOLD, Grouper, normalise

DATA = Path("/work/shared/data")
SETS = {
    "lcqmc dev": DATA / "lcqmc" / "dev.tsv",
    "lcqmc test": DATA / "lcqmc" / "test.tsv",
    "oppo-xiaobu dev": DATA / "oppo-xiaobu" / "dev.tsv",
}


def load(path: Path) -> list[tuple[str, str, int]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].strip() in ("0", "1"):
            pairs.append((parts[0], parts[1], int(parts[2])))
    return pairs


def measure(pairs: list[tuple[str, str, int]], threshold: float) -> dict[str, float]:
    texts = [t for a, b, _ in pairs for t in (a, b)]
    started = time.perf_counter()
    groups = Grouper(threshold).group(texts)
    seconds = time.perf_counter() - started
    where = {normal: i for i, g in enumerate(groups) for normal in g.normals}
    together = apart = positives = negatives = 0
    for a, b, label in pairs:
        ga, gb = where.get(normalise(a), -1), where.get(normalise(b), -2)
        if label:
            positives += 1
            together += ga == gb
        else:
            negatives += 1
            apart += ga != gb
    pos, neg = together / max(positives, 1), apart / max(negatives, 1)
    return {
        "pairs": len(pairs),
        "positive_together": pos,
        "negative_apart": neg,
        "balanced": (pos + neg) / 2,
        "groups": len(groups),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="similarity threshold")
    parser.add_argument("--sweep", action="store_true", help="try thresholds 0.30–0.70 on every set")
    args = parser.parse_args()
    thresholds = [round(0.3 + 0.05 * i, 2) for i in range(9)] if args.sweep else [args.threshold]
    print(
        "| set | threshold | pairs | positive pairs in one group | negative pairs apart | balanced | groups | s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, path in SETS.items():
        if not path.exists():
            print(f"| {name} | missing: {path} |")
            continue
        pairs = load(path)
        for threshold in thresholds:
            r = measure(pairs, threshold)
            print(
                f"| {name} | {threshold:.2f} | {r['pairs']:,} | {r['positive_together']:.1%} | "
                f"{r['negative_apart']:.1%} | {r['balanced']:.1%} | {r['groups']:,} | {r['seconds']:.1f} |"
            )


if __name__ == "__main__":
    main()
