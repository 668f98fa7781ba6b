"""Property-based fuzzing of every importer, the renderer, the rule checker and the query path (hypothesis).

The properties: a file, however broken or hostile, is imported or refused with a :class:`CsdeskError` (never any
other exception: that would be an "internal error" for the user), and a refused file leaves the library exactly as it
was. Text of any kind renders, checks and searches without an exception.

Shared by tests/test_fuzz.py (a fast profile in the default run) and tests/benchmarks/bench_fuzz.py (the long
profile, 10,000+ cases per importer). Each case is counted in :data:`CASES`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import plistlib
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library

CASES: Counter[str] = Counter()
"""Cases run per importer (and per other target), for the benchmark's report."""
INTERNAL: Counter[str] = Counter()
REAL_EVERY = 20

KEYS = [
    "matches", "trigger", "triggers", "replace", "vars", "global_vars", "imports", "label", "word", "form", "html",
    "markdown", "image_path", "name", "type", "params", "combos", "groups", "keyword", "snippet", "uuid", "group",
    "enabled", "fileFormatVersion", "snippets", "abbreviation", "plainText", "snippetType", "groupInfo", "groupName",
    "entries", "reply", "title", "code", "question", "similar", "tags", "shop", "category", "variants", "examples",
    "rules", "pattern", "severity", "kind", "customers", "sops", "steps", "assets", "sort_order", "id", "format",
    "format_version", "shops", "platform", "categories", "path",
]  # fmt: skip
COLUMNS = [
    "标题",
    "回复",
    "店铺",
    "分类",
    "快捷编码",
    "问题",
    "相似问法",
    "标签",
    "启用",
    "排序",
    "编号",
    "短语",
    "分组",
]

_text = st.text(max_size=40)
_scalar = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | _text
)
values: st.SearchStrategy[Any] = st.recursive(
    _scalar,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=30,
)
"""JSON-like values whose keys are mostly the ones the formats look for."""

_cell = st.one_of(
    _text,
    st.sampled_from(
        ["=1+1", "-", "+86 138", "'=x", "\r开头", "是", "否", "1e308", "9" * 400, "\x00", "{订单号}"]
    ),
)
rows = st.lists(st.lists(_cell, min_size=0, max_size=8), min_size=0, max_size=8)


def _mutate(seed: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(seed)
    for position, value in edits:
        if data:
            data[position % len(data)] = value
    if cut is not None and data:
        del data[cut % len(data) :]
    return bytes(data)


def mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` with a few bytes changed and maybe cut short."""
    return st.builds(
        _mutate,
        st.just(seed),
        st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)), max_size=8),
        st.none() | st.integers(0, 1 << 30),
    )


def csv_bytes(table: list[list[str]], encoding: str, header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in table:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(table: list[list[Any]], header: list[str]) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: Any) -> Any:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *table]:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bundle_bytes(data: Any) -> bytes:
    """A bundle holding ``data`` as its data.json, with a manifest whose checksum matches (so the reader gets past
    the integrity check and meets the content)."""
    payload = json.dumps(data, ensure_ascii=False, default=str).encode()
    manifest = {
        "format": _bundle_format_name(), "format_version": 1, "entries": 0,
        "members": {"data.json": hashlib.sha256(payload).hexdigest()},
    }  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("data.json", payload)
    return out.getvalue()


def _bundle_format_name() -> str:
    from csdesk.formats.bundle import FORMAT_NAME

    return str(FORMAT_NAME)


def _header_strategy() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(COLUMNS) | _text, min_size=1, max_size=8)


def _yaml_text(value: Any) -> str:
    try:
        return yaml.safe_dump(value, allow_unicode=True)
    except yaml.YAMLError:
        return "matches: []\n"


def _plist(value: Any) -> bytes:
    try:
        return plistlib.dumps(value if isinstance(value, dict | list) else {"snippets": value})
    except (TypeError, OverflowError, ValueError):
        return plistlib.dumps({"snippets": []})


def files() -> dict[str, tuple[str, str, st.SearchStrategy[bytes]]]:
    """Importer name → (file suffix, ``--format`` name, strategy of file contents)."""
    seed_csv = csv_bytes([["问候", "您好,在的"], ["尺码", "亲,参考尺码表"]], "utf-8-sig", ["标题", "回复"])
    seed_xlsx = xlsx_bytes([["问候", "您好,在的", 3]], ["标题", "回复", "排序"])
    seed_bundle = bundle_bytes(
        {"entries": [{"title": "问候", "reply": "您好", "shop": "通用", "tags": ["a"], "similar": ["你好"]}]}
    )
    seed_yaml = b"matches:\n  - trigger: ':hi'\n    replace: '\xe6\x82\xa8\xe5\xa5\xbd'\n"
    seed_json = json.dumps(
        {
            "fileFormatVersion": 8,
            "combos": [{"keyword": "hi", "snippet": "您好", "name": "问候", "enabled": True}],
        }
    ).encode()
    seed_plist = plistlib.dumps({"snippets": [{"abbreviation": "hi", "plainText": "您好", "label": "问候"}]})
    table = st.tuples(rows, _header_strategy())
    mixed_rows = st.lists(st.lists(_scalar, max_size=6), max_size=6)
    return {
        "csv (UTF-8)": (
            ".csv",
            "csv",
            st.one_of(table.map(lambda t: csv_bytes(t[0], "utf-8", t[1])), mutations(seed_csv)),
        ),
        "csv (GBK)": (".csv", "csv", table.map(lambda t: csv_bytes(t[0], "gb18030", t[1]))),
        "xlsx": (
            ".xlsx",
            "xlsx",
            st.one_of(
                st.tuples(mixed_rows, _header_strategy()).map(lambda t: xlsx_bytes(t[0], t[1])),
                mutations(seed_xlsx),
            ),
        ),
        "bundle": (
            ".csdesk",
            "csdesk",
            st.one_of(
                values.map(bundle_bytes),
                st.dictionaries(st.sampled_from(KEYS), values, max_size=5).map(bundle_bytes),
                mutations(seed_bundle),
            ),
        ),
        "espanso": (
            ".yml",
            "espanso",
            st.one_of(
                values.map(lambda v: _yaml_text(v).encode()), mutations(seed_yaml), _text.map(str.encode)
            ),
        ),
        "beeftext": (
            ".json",
            "beeftext",
            st.one_of(values.map(lambda v: json.dumps(v, default=str).encode()), mutations(seed_json)),
        ),
        "textexpander": (
            ".textexpander",
            "textexpander",
            st.one_of(values.map(_plist), mutations(seed_plist)),
        ),
        "qianniu (CSV)": (
            ".csv",
            "qianniu",
            st.tuples(rows, _header_strategy()).map(lambda t: csv_bytes(t[0], "gb18030", t[1])),
        ),
        "qianniu (XLSX)": (
            ".xlsx",
            "qianniu",
            st.tuples(mixed_rows, _header_strategy()).map(lambda t: xlsx_bytes(t[0], t[1])),
        ),
        "detected (any bytes)": (".csv", "", st.binary(max_size=400).map(lambda b: codecs.BOM_UTF8 + b)),
    }


def fingerprint(lib: Library) -> tuple[Any, ...]:
    """What an import may change, summed up cheaply: equal before and after a refused import (counts, total text
    and newest change of every table an import writes)."""
    entries = lib.database.all(
        "SELECT COUNT(*), TOTAL(length(reply)), TOTAL(length(title)), MAX(updated_at), MAX(rowid) FROM entries"
    )
    others = [
        tuple(lib.database.all(f"SELECT COUNT(*), MAX(rowid) FROM {table}")[0])
        for table in ("shops", "categories", "rules", "tags", "customers", "sops", "assets", "variants")
    ]
    return (tuple(entries[0]), *others)


def import_case(lib: Library, folder: Path, name: str, suffix: str, fmt: str, data: bytes) -> None:
    """Import ``data`` as a ``suffix`` file: accepted, or refused with a CsdeskError and nothing changed.

    Every :data:`REAL_EVERY`-th case is imported for real (a backup, a transaction, the index); the others as a dry
    run, which reads the file and plans every row the same way at a fraction of the cost."""
    from csdesk.formats import import_file

    CASES[name] += 1
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    before = fingerprint(lib)
    try:
        import_file(lib, path, format=fmt or None, mode="merge", dry_run=CASES[name] % REAL_EVERY != 1)
    except CsdeskError as exc:
        assert exc.message and exc.english, "a refusal says why, in Chinese and English"
        assert fingerprint(lib) == before, f"{name}: a refused file changed the library"
    except Exception:
        INTERNAL[name] += 1
        raise


def text_case(lib: Library, text: str, values_: dict[str, str]) -> None:
    """Render, check and search ``text``: none of them raises."""
    from csdesk.core.render import find_placeholders, known_names, render

    known = known_names(values_)
    for target, run in (
        ("renderer", lambda: (render(text, values_, known), find_placeholders(text, known))),
        ("rule checker", lambda: lib.check(text)),
        ("query", lambda: (lib.search(text, limit=5), lib.search("/" + text[:10], limit=5))),
    ):
        CASES[target] += 1
        try:
            run()
        except Exception:
            INTERNAL[target] += 1
            raise


def strategies_for_text() -> st.SearchStrategy[tuple[str, dict[str, str]]]:
    braces = st.sampled_from(
        ["{", "}", "{{", "}}", "{订单号}", "{客服名}", "{ }", "{" * 50, "\\", "*", "?", "~", '"']
    )
    pieces = st.lists(st.one_of(st.text(max_size=12), braces), max_size=12).map("".join)
    names = st.dictionaries(
        st.sampled_from(["订单号", "客服名", "店铺名", "x", ""]) | st.text(max_size=6), _text, max_size=4
    )
    return st.tuples(pieces, names)
