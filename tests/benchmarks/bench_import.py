"""Benchmark of importing a large entry table (CSV and XLSX) and a large Espanso package, against ``create_many``.

Run::

    python tests/benchmarks/bench_import.py [--rows 100000] [--espanso 31000] [--seed 7] [--profile]

Each measurement runs in a fresh process on an empty library (no demo), so its peak memory (``ru_maxrss``) is the
import's own: reading the file, validating every row, planning, writing in one transaction and indexing. A big
import gives shares of its red-line scan and its index to helper processes (``csdesk/core/helperproc.py``): their
CPU time, the peak memory of the largest one (Linux: its ``VmHWM``) and the largest sum of the import's and its
helpers' resident memory at one moment (sampled every 0.1 s) are listed beside the import's own. The
reference, in the same run on the same machine, is ``Library.create_many`` of the same entries (no file, no
validation, no plan): what the import costs on top of the bare write.

The table: ``--rows`` entries over 8 shops and the shared scope, a category of a small tree, a title, a unique
shortcut code, a question, 0–2 similar questions, a reply of 60–160 characters and 0–2 tags — the columns of the
csdesk entry table. The Espanso package: ``--espanso`` triggers of which a fifth repeat an earlier trigger (as in a
translation package from the Espanso hub), imported as entries with variants.

``--profile`` prints the 25 most expensive functions of the CSV import (cProfile) instead of timing everything.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHOPS = ["通用", *(f"店铺{n}" for n in range(1, 9))]
CATEGORIES = ["售前/尺码", "售前/材质", "售前/优惠", "售后/退换", "售后/物流", "售后/质量", "通用/接待"]
WORDS = [
    "尺码",
    "面料",
    "发货",
    "快递",
    "退款",
    "换货",
    "优惠券",
    "赠品",
    "保修",
    "发票",
    "颜色",
    "库存",
    "预售",
    "包邮",
    "洗涤",
    "质量",
    "色差",
    "破损",
]
TAGS = ["价格敏感", "老客户", "大促", "新品", "会员"]


def rows(n: int, seed: int) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        a, b = rnd.sample(WORDS, 2)
        reply = "".join(
            f"亲,关于{rnd.choice(WORDS)}的问题,{rnd.choice(WORDS)}这边已经为您查好了,请您放心。"
            for _ in range(rnd.randint(2, 4))
        )
        out.append(
            {
                "店铺": rnd.choice(SHOPS),
                "分类": rnd.choice(CATEGORIES),
                "标题": f"{a}{b}说明{i}",
                "快捷编码": f"k{i}",
                "问题": f"请问{a}和{b}怎么样?",
                "相似问法": "|".join(f"{a}{b}问{j}" for j in range(rnd.randint(0, 2))),
                "回复": reply[:160],
                "标签": "|".join(rnd.sample(TAGS, rnd.randint(0, 2))),
            }
        )
    return out


def write_csv(path: Path, data: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)


def write_xlsx(path: Path, data: list[dict[str, str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("条目")
    sheet.append(list(data[0]))
    for row in data:
        sheet.append(list(row.values()))
    book.save(path)


def write_espanso(path: Path, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    distinct = int(n * 0.8)
    lines = ["matches:"]
    for i in range(n):
        word = f"w{i if i < distinct else rnd.randrange(distinct)}"
        lines.append(f'  - trigger: ":{word}"\n    replace: "{word} 的中文意思,第 {i} 种说法"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


_CHILD = """
import json, os, resource, sys, threading, time
sys.path.insert(0, {root!r})
# Linux: the helpers' own peak (VmHWM after their exec; ru_maxrss of children also counts the moment between fork
# and exec, when a child shares the parent's pages) and the largest sum of this process and its helpers at one time
helper_peak, together = [0], [0]
def _kb(text, key):
    return int(text.split(key)[1].split()[0]) if key in text else 0
def _watch():
    while True:
        try:
            total = _kb(open("/proc/self/status").read(), "VmRSS:")
            for task in os.listdir("/proc/self/task"):
                for pid in open("/proc/self/task/" + task + "/children").read().split():
                    try:
                        if b"csdesk.core.helperproc" not in open("/proc/" + pid + "/cmdline", "rb").read().split(b"\\0"):
                            continue  # not (yet) a helper: a fork before its exec shares this process's pages
                        st = open("/proc/" + pid + "/status").read()
                    except OSError:
                        continue
                    helper_peak[0] = max(helper_peak[0], _kb(st, "VmHWM:"))
                    total += _kb(st, "VmRSS:")
        except OSError:
            continue
        together[0] = max(together[0], total)
        time.sleep(0.1)
if os.path.isdir("/proc/self"):
    threading.Thread(target=_watch, daemon=True).start()
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft
kind, path, home = sys.argv[1], sys.argv[2], sys.argv[3]
lib = Library.open(home, demo=False)
start = time.perf_counter()
cpu_start = time.process_time()
if kind == "create_many":
    import csv
    with open(path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    for name in sorted({{r["店铺"] for r in table}}):
        lib.shops.ensure(name)
    drafts = [EntryDraft(reply=r["回复"], title=r["标题"], shop=None if r["店铺"] == "通用" else r["店铺"],
                         category=r["分类"], code=r["快捷编码"], question=r["问题"],
                         similar=tuple(x for x in r["相似问法"].split("|") if x),
                         tags=tuple(x for x in r["标签"].split("|") if x)) for r in table]
    lib.entries.create_many(drafts, action="import")
    added = len(drafts)
else:
    from csdesk.formats import import_file
    report = import_file(lib, path, format=None if kind != "espanso" else "espanso")
    added = len(report.added)
hits = lib.search("尺码", limit=5)
seconds = time.perf_counter() - start
cpu = time.process_time() - cpu_start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
helper_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
helper_cpu = helper_cpu.ru_utime + helper_cpu.ru_stime
print(json.dumps({{"seconds": seconds, "cpu": cpu, "helper_cpu": helper_cpu, "peak_mb": peak,
                  "helper_mb": helper_peak[0] / 1024, "together_mb": together[0] / 1024,
                  "added": added, "entries": lib.entries.count()}}))
lib.close()
"""


def measure(kind: str, path: Path, workdir: Path) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=workdir))
    script = _CHILD.format(root=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", script, kind, str(path), str(home / "home")],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def profile(path: Path, workdir: Path) -> None:
    import cProfile
    import pstats

    from csdesk.core.library import Library
    from csdesk.formats import import_file

    lib = Library.open(workdir / "profile-home", demo=False)
    profiler = cProfile.Profile()
    profiler.enable()
    import_file(lib, path)
    lib.search("尺码")
    profiler.disable()
    lib.close()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--espanso", type=int, default=31_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        workdir = Path(tmp)
        data = rows(args.rows, args.seed)
        table_csv = workdir / "entries.csv"
        write_csv(table_csv, data)
        if args.profile:
            profile(table_csv, workdir)
            return
        table_xlsx = workdir / "entries.xlsx"
        write_xlsx(table_xlsx, data)
        package = workdir / "package.yml"
        write_espanso(package, args.espanso, args.seed)
        del data
        jobs = [
            (f"create_many, {args.rows:,} entries (reference)", "create_many", table_csv, args.rows),
            (f"CSV entry table, {args.rows:,} rows", "csv", table_csv, args.rows),
            (f"XLSX entry table, {args.rows:,} rows", "xlsx", table_xlsx, args.rows),
            (
                f"Espanso package, {args.espanso:,} triggers (a fifth repeated)",
                "espanso",
                package,
                args.espanso,
            ),
        ]
        print(
            "| import (fresh process, empty library, index included) | seconds | CPU s (+ helpers) | ms/row "
            "| × create_many | peak MB: import · largest helper · both at once |"
        )
        print("|---|---:|---:|---:|---:|---:|", flush=True)
        reference = 0.0
        for name, kind, path, count in jobs:
            r = measure(kind, path, workdir)  # printed as each finishes: a long run shows its figures early
            reference = reference or r["seconds"]
            print(
                f"| {name} | {r['seconds']:.1f} | {r['cpu']:.1f} (+ {r['helper_cpu']:.1f}) | "
                f"{1000 * r['seconds'] / count:.2f} | {r['seconds'] / reference:.2f} | "
                f"{r['peak_mb']:.0f} · {r['helper_mb']:.0f} · {r['together_mb']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
