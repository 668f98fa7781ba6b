"""Highlighting a search's hits: what marking the query in twenty hits costs, and its share of ``lib.search``.

    python tests/benchmarks/bench_highlight.py [--home DIR] [--rounds 30]

Every hit of ``lib.search`` comes with the spans of its title, code, question and reply where the query occurs,
pinyin matches included (``cm`` marks 尺码). The pinyin scan tries a text's characters one by one; it skips a
character none of whose readings starts with the typed first letter. The reference, measured in the same run
and the same process, is the scan without that check (every character tried, as before it), so the ratio holds on
a noisy machine. Reported per query: the median time to highlight the 20 hits of its search both ways, and the
median ``lib.search`` (limit 20, meaning layer as configured) with each. Default library: a new demo library.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from string import ascii_lowercase

QUERIES = ["cm", "fh", "jg", "chima", "尺码", "什么时候发货呀"]


def _median_ms(run: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", help="library home (default: a new demo library in a temporary folder)")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    from csdesk.core import search
    from csdesk.core.areas._common import HIGHLIGHT_FIELDS
    from csdesk.core.library import Library

    home = args.home or tempfile.mkdtemp(prefix="csdesk-highlight-")
    checked = search._first_letters
    with Library.open(home) as lib:
        print(f"library: {home} ({lib.entries.count()} entries), {args.rounds} rounds, medians")
        print(f"{'query':<16}{'highlight 20 hits':>26}{'ratio':>8}{'lib.search':>24}")
        for query in QUERIES:
            hits = lib.search(query, limit=20)  # warm: index, postings, the meaning layer
            texts = [getattr(h.entry, name) or "" for h in hits for name in HIGHLIGHT_FIELDS]

            def highlight_all(query: str = query, texts: list[str] = texts) -> None:
                for text in texts:
                    search.highlight_spans(query, text)

            def search_once(query: str = query) -> None:
                lib.search(query, limit=20)

            figures = {}
            for name, first_letters in (("checked", checked), ("every char", lambda ch: ascii_lowercase)):
                search._first_letters = first_letters  # type: ignore[assignment]
                try:
                    figures[name] = (
                        _median_ms(highlight_all, args.rounds),
                        _median_ms(search_once, args.rounds),
                    )
                finally:
                    search._first_letters = checked
            (h_new, s_new), (h_old, s_old) = figures["checked"], figures["every char"]
            print(
                f"{query:<16}{h_old:>10.2f} → {h_new:.2f} ms ({len(hits):>2} hits)"
                f"{h_old / h_new if h_new else 0:>7.1f}×{s_old:>13.2f} → {s_new:.2f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
