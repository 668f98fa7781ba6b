"""Structural rules: the core never imports Qt nor the layers built on it (formats, team library, GUI, CLI), and
shipped resources are where the code looks for them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import csdesk

PACKAGE = Path(csdesk.__file__).parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
UPPER_LAYERS = ("csdesk.formats", "csdesk.gui", "csdesk.cli", "csdesk.team", "csdesk.__main__")
"""Built on the core: the core imports none of them (data flows one way, the core stays readable alone)."""


def _imports(path: Path, package: list[str] | None = None) -> set[str]:
    """Every module ``path`` imports, anywhere in it (also inside functions and ``TYPE_CHECKING`` blocks), with
    relative imports resolved against the package (``from ..formats import x`` is ``csdesk.formats`` and
    ``csdesk.formats.x``); ``package`` is the dotted package ``path`` sits in, found from its place by default."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = ["csdesk", *path.parent.relative_to(PACKAGE).parts]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            if base:
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _is_upper_layer(name: str) -> bool:
    return any(name == layer or name.startswith(layer + ".") for layer in UPPER_LAYERS)


def test_core_never_imports_formats_team_gui_cli_or_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        for name in sorted(_imports(path))
        if _is_upper_layer(name) or name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_the_layer_check_sees_lazy_relative_and_type_checking_imports(tmp_path: Path) -> None:
    """The rule above is only as good as :func:`_imports`: an import hidden in a function, a relative one and a
    TYPE_CHECKING one are all seen."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from csdesk.gui.errors import error_text\n"
        "def f():\n    from ..formats import bundle\n    import csdesk.cli\n",
        encoding="utf-8",
    )
    found = {name for name in _imports(probe, ["csdesk", "core"]) if _is_upper_layer(name)}
    assert {"csdesk.gui.errors", "csdesk.formats", "csdesk.formats.bundle", "csdesk.cli"} <= found


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


def test_core_loads_no_upper_layer_at_runtime(tmp_path: Path) -> None:
    """Importing every core module, opening a library, searching and checking loads neither the formats, the team
    library, the GUI nor the CLI."""
    script = f"""
import importlib, pkgutil, sys
import csdesk.core
for info in pkgutil.walk_packages(csdesk.core.__path__, "csdesk.core."):
    importlib.import_module(info.name)
from csdesk import Library
with Library.open({str(tmp_path / "home")!r}) as lib:
    lib.search("尺码")
    lib.check("全网最低价")
upper = sorted(m for m in sys.modules if m.startswith({UPPER_LAYERS!r}))
assert not upper, upper
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")


def test_cli_does_not_import_qt_for_subcommands() -> None:
    script = "import sys; import csdesk.cli; assert 'PySide6' not in sys.modules; print('ok')"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
