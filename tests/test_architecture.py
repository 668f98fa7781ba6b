"""Structural rules: the core never imports Qt, and shipped resources are where the code looks for them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import csdesk

PACKAGE = Path(csdesk.__file__).parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_and_formats_never_import_qt_statically() -> None:
    offenders = []
    for folder in ("core", "formats"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []


def test_core_and_formats_never_load_qt_at_runtime(tmp_path: Path) -> None:
    """Opening a library, searching and importing every core/formats module loads no Qt module."""
    script = f"""
import importlib, pkgutil, sys
import csdesk.core, csdesk.formats
for pkg in (csdesk.core, csdesk.formats):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
from csdesk import Library
with Library.open({str(tmp_path / "home")!r}) as lib:
    lib.search("尺码")
    lib.check("全网最低价")
bad = [m for m in sys.modules if m.split(".")[0] in {QT_MODULES!r}]
assert not bad, bad
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")


def test_cli_does_not_import_qt_for_subcommands() -> None:
    script = "import sys; import csdesk.cli; assert 'PySide6' not in sys.modules; print('ok')"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
