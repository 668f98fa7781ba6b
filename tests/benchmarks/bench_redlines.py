"""Coverage and false alarms of the built-in red lines, against the rule files of an earlier revision.

Run::

    python tests/benchmarks/bench_redlines.py [--reference REV]

Lists (tests/fixtures): ``redlines_forbidden.txt`` holds ≥ 300 forbidden words and phrases assembled from the extreme-word
lists circulating among Taobao/Tmall sellers, Articles 9 and 16–18 of the Advertising Law and the platforms' rules,
in categories; ``redlines_ordinary.txt`` holds ≥ 1,000 ordinary service replies, to which the demo library's
replies and variants are added.

Reported, for the rules in this working tree and for the rule files of ``REV`` (default: the revision before the
coverage work, read with ``git show``; skipped when git or the revision is not there): the share of forbidden lines
flagged (any hit) and blocked, the share of ordinary replies with a block hit and with any hit, per category the
share flagged, and the time of one check of an ordinary reply (median over all of them).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from csdesk.core.models import Rule  # noqa: E402
from csdesk.core.rules import BUILTIN_RULE_FILES, RuleChecker, load_builtin_rules, worst_severity  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_REFERENCE = "7ef2d8b"


def forbidden_by_category() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in (FIXTURES / "redlines_forbidden.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("# ---"):
            current = line.strip("# -")
            sections[current] = []
        elif line and not line.startswith("#") and current:
            sections[current].append(line)
    return sections


def ordinary_replies() -> list[str]:
    text = (FIXTURES / "redlines_ordinary.txt").read_text(encoding="utf-8")
    lines = [x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")]
    data = json.loads((ROOT / "resources" / "demo" / "demo.json").read_text(encoding="utf-8"))
    entries = data["entries"]
    return (
        lines + [e["reply"] for e in entries] + [v["reply"] for e in entries for v in e.get("variants", ())]
    )


def reference_rules(revision: str) -> list[Rule] | None:
    rules: list[Rule] = []
    for source, relative in BUILTIN_RULE_FILES:
        try:
            shown = subprocess.run(
                ["git", "show", f"{revision}:resources/{relative}"],
                cwd=ROOT, capture_output=True, check=True, text=True, encoding="utf-8",
            )  # fmt: skip
        except (OSError, subprocess.CalledProcessError):
            return None
        for item in json.loads(shown.stdout)["rules"]:
            rules.append(
                Rule(id=None, pattern=item["pattern"], severity=item.get("severity", "warn"),
                     kind=item.get("kind", "word"), exceptions=tuple(item.get("exceptions", ())), source=source)
            )  # fmt: skip
    return rules


def measure(name: str, checker: RuleChecker, sections: dict[str, list[str]], ordinary: list[str]) -> None:
    forbidden = [line for lines in sections.values() for line in lines]
    flagged = sum(1 for line in forbidden if checker.check(line))
    blocked = sum(1 for line in forbidden if worst_severity(checker.check(line)) == "block")
    times = []
    ordinary_blocked = ordinary_any = 0
    for reply in ordinary:
        started = time.perf_counter()
        hits = checker.check(reply)
        times.append(time.perf_counter() - started)
        ordinary_any += bool(hits)
        ordinary_blocked += worst_severity(hits) == "block"
    print(f"\n== {name}: {len(checker)} rules")
    print(f"forbidden flagged   {flagged}/{len(forbidden)} = {flagged / len(forbidden):.1%}")
    print(f"forbidden blocked   {blocked}/{len(forbidden)} = {blocked / len(forbidden):.1%}")
    print(f"ordinary with block {ordinary_blocked}/{len(ordinary)} = {ordinary_blocked / len(ordinary):.2%}")
    print(f"ordinary with a hit {ordinary_any}/{len(ordinary)} = {ordinary_any / len(ordinary):.1%}")
    print(f"check of one reply  median {statistics.median(times) * 1e6:.0f} µs")
    for category, lines in sections.items():
        share = sum(1 for line in lines if checker.check(line)) / len(lines)
        print(f"  {category:<28} {share:6.0%} of {len(lines)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--reference", default=DEFAULT_REFERENCE, help="git revision of the reference rule files"
    )
    args = parser.parse_args()
    sections = forbidden_by_category()
    ordinary = ordinary_replies()
    measure("built-in rules (this tree)", RuleChecker(load_builtin_rules()), sections, ordinary)
    old = reference_rules(args.reference)
    if old is None:
        print(f"\n(reference {args.reference} not available)")
    else:
        measure(f"reference: rule files of {args.reference}", RuleChecker(old), sections, ordinary)


if __name__ == "__main__":
    main()
