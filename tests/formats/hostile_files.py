"""Hostile and broken files, made on the fly: shared by the tests, the fuzz tests and tests/benchmarks/bench_reliability.

Each maker writes one file into a folder and returns its path; :data:`HOSTILE` lists them by what they attack.
"""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from csdesk.formats.hostile import MAX_FIELD_CHARS

DEEP = 100_000
"""Nesting far beyond Python's recursion limit."""


def deep_json(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    return path


def deep_yaml(folder: Path) -> Path:
    path = folder / "deep.yml"
    path.write_text("matches: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    return path


def espanso_global_vars_number(folder: Path) -> Path:
    path = folder / "vars.yml"
    path.write_text("global_vars: 5\nmatches:\n  - trigger: ':a'\n    replace: 'b'\n", encoding="utf-8")
    return path


def espanso_yaml_tag(folder: Path) -> Path:
    path = folder / "tag.yml"
    path.write_text(
        "matches:\n  - trigger: !!python/object/apply:os.system ['echo pwned']\n    replace: x\n",
        encoding="utf-8",
    )
    return path


def beeftext_groups_number(folder: Path) -> Path:
    path = folder / "groups.json"
    path.write_text(json.dumps({"fileFormatVersion": 8, "groups": 5, "combos": []}), encoding="utf-8")
    return path


def beeftext_combos_wrong(folder: Path) -> Path:
    path = folder / "combos.json"
    path.write_text(
        json.dumps({"combos": [5, "x", None, {"keyword": 3, "snippet": ["a"]}]}), encoding="utf-8"
    )
    return path


def _workbook_bytes(cells: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in cells:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
    return out.getvalue()


def _body(xml: bytes) -> bytes:
    """An XML part without its declaration (openpyxl writes none)."""
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def _header() -> list[object]:
    return ["标题", "回复"]


def xlsx_xxe(folder: Path) -> Path:
    secret = folder / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            decl = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
            return decl + _body(data).replace(b"<v>", b"<v>&xxe;", 1)
        return data

    path = folder / "xxe.xlsx"
    path.write_bytes(_rewrite_zip(_workbook_bytes([_header(), ["a", "b"]]), change))
    return path


def xlsx_billion_laughs(folder: Path) -> Path:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/sharedStrings.xml" or name == "xl/worksheets/sheet1.xml":
            decl = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'.encode()
            return decl + _body(data)
        return data

    path = folder / "laughs.xlsx"
    path.write_bytes(_rewrite_zip(_workbook_bytes([_header(), ["a", "b"]]), change))
    return path


def xlsx_corrupt_xml(folder: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        return data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data

    path = folder / "corrupt.xlsx"
    path.write_bytes(_rewrite_zip(_workbook_bytes([_header(), ["a", "b"], ["c", "d"]]), change))
    return path


def xlsx_huge_number(folder: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b"<v>7</v>", b"<v>" + b"9" * 400 + b"</v>").replace(b't="n"', b"")
        return data

    path = folder / "huge.xlsx"
    path.write_bytes(_rewrite_zip(_workbook_bytes([[*_header(), "排序"], ["a", "b", 7]]), change))
    return path


def _bundle(folder: Path, name: str) -> Path:
    from csdesk.core.library import Library
    from csdesk.core.models import EntryDraft
    from csdesk.formats import export_file

    home = folder / f"home-{name}"
    with Library.open(home, demo=False) as lib:
        lib.create(EntryDraft(reply="你好,在的", title="问候"))
        path = folder / f"{name}.csdesk"
        export_file(lib, path)
    return path


def bundle_corrupt_deflate(folder: Path) -> Path:
    path = _bundle(folder, "corrupt")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data.json")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 40)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def _bundle_with(folder: Path, name: str, members: dict[str, bytes], *, links: tuple[str, ...] = ()) -> Path:
    path = folder / f"{name}.csdesk"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            info = zipfile.ZipInfo(member)
            info.compress_type = zipfile.ZIP_DEFLATED
            if member in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return path


def bundle_zip_slip(folder: Path) -> Path:
    return _bundle_with(folder, "slip", {"manifest.json": b"{}", "data.json": b"{}", "../../evil.txt": b"x"})


def bundle_absolute_path(folder: Path) -> Path:
    return _bundle_with(folder, "absolute", {"manifest.json": b"{}", "data.json": b"{}", "/etc/evil": b"x"})


def bundle_link(folder: Path) -> Path:
    return _bundle_with(
        folder,
        "link",
        {"manifest.json": b"{}", "data.json": b"{}", "assets/a.png": b"/etc/passwd"},
        links=("assets/a.png",),
    )


def bundle_ratio_bomb(folder: Path) -> Path:
    return _bundle_with(folder, "bomb", {"manifest.json": b"{}", "data.json": b"\x00" * (64 * 1024 * 1024)})


def bundle_many_members(folder: Path) -> Path:
    path = folder / "many.csdesk"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for i in range(100_001):
            archive.writestr(f"m{i}", b"")
    return path


def bundle_oversize_field(folder: Path) -> Path:
    source = _bundle(folder, "oversize-src")
    with zipfile.ZipFile(source) as archive:
        data = json.loads(archive.read("data.json"))
        manifest = json.loads(archive.read("manifest.json"))
    data["entries"][0]["reply"] = "好" * (MAX_FIELD_CHARS + 1)
    payload = json.dumps(data, ensure_ascii=False).encode()
    import hashlib

    manifest["members"]["data.json"] = hashlib.sha256(payload).hexdigest()
    return _bundle_with(
        folder, "oversize", {"manifest.json": json.dumps(manifest).encode(), "data.json": payload}
    )


def csv_oversize_field(folder: Path) -> Path:
    path = folder / "long.csv"
    path.write_text("标题,回复\n长," + "长" * 250_000 + "\n", encoding="utf-8")
    return path


def csv_gbk_broken(folder: Path) -> Path:
    path = folder / "gbk.csv"
    path.write_bytes("标题,回复\n".encode("gbk") + b"\x81\x20\xff\xfe,\x80\n")
    return path


HOSTILE: dict[str, Callable[[Path], Path]] = {
    "deep JSON (Beeftext)": deep_json,
    "deep YAML (Espanso)": deep_yaml,
    "Espanso global_vars: 5": espanso_global_vars_number,
    "YAML python tag": espanso_yaml_tag,
    "Beeftext groups: 5": beeftext_groups_number,
    "Beeftext combos of wrong types": beeftext_combos_wrong,
    "XXE in XLSX": xlsx_xxe,
    "billion laughs in XLSX": xlsx_billion_laughs,
    "corrupt XLSX XML": xlsx_corrupt_xml,
    "huge number in XLSX": xlsx_huge_number,
    "corrupt bundle deflate": bundle_corrupt_deflate,
    "zip slip": bundle_zip_slip,
    "absolute path": bundle_absolute_path,
    "symbolic link": bundle_link,
    "ratio bomb": bundle_ratio_bomb,
    "100,001 members": bundle_many_members,
    "oversize bundle field": bundle_oversize_field,
    "oversize CSV field": csv_oversize_field,
    "broken GBK CSV": csv_gbk_broken,
}
