"""Files leave the library under their title: titled copies with safe names, never the content hash."""

from __future__ import annotations

import os
from pathlib import Path

from csdesk.core.library import Library
from csdesk.core.outbox import outgoing_copies, safe_file_name


def test_safe_file_names() -> None:
    assert safe_file_name("质检报告", ".pdf") == "质检报告.pdf"
    assert safe_file_name("尺码表: 上衣/裤子?", ".png") == "尺码表_ 上衣_裤子_.png"
    assert safe_file_name("  ..隐藏.  ", ".jpg") == "隐藏.jpg"
    assert safe_file_name("", ".pdf") == "附件.pdf"
    assert safe_file_name("CON", ".txt") == "附件_CON.txt"
    assert safe_file_name("报告.pdf", ".pdf") == "报告.pdf"
    assert len(safe_file_name("很长" * 100, ".pdf")) <= 64
    assert safe_file_name("a\nb\x00c", ".pdf") == "a_b_c.pdf"


def test_assets_leave_under_their_title(tmp_path: Path) -> None:
    with Library.open(tmp_path / "home", demo=True) as lib:
        pdf = next(a for a in lib.assets.all() if a.kind == "pdf")
        image = next(a for a in lib.assets.all() if a.kind == "image")
        stored = [
            (pdf, lib.assets.path(pdf)),
            (image, lib.assets.path(image)),
            (image, lib.assets.path(image)),
        ]
        assert pdf.sha256[:8] in stored[0][1].name  # the store names files by content
        copies = outgoing_copies(stored, root=tmp_path / "outbox")
        names = [p.name for _a, p in copies]
        assert names[0] == safe_file_name(pdf.title, ".pdf")
        assert names[1] != names[2] and names[2].startswith(Path(names[1]).stem + " (2)")
        for (_a, original), (_b, copy) in zip(stored, copies, strict=True):
            assert copy.read_bytes() == original.read_bytes() and pdf.sha256[:8] not in copy.name
            assert copy.parent.parent == tmp_path / "outbox"


def test_old_outbox_folders_are_cleaned(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    old = root / "old"
    old.mkdir(parents=True)
    (old / "x.pdf").write_bytes(b"x")
    os.utime(old, (0, 0))
    with Library.open(tmp_path / "home", demo=True) as lib:
        pdf = next(a for a in lib.assets.all() if a.kind == "pdf")
        outgoing_copies([(pdf, lib.assets.path(pdf))], root=root)
    assert not old.exists() and len(list(root.iterdir())) == 1
