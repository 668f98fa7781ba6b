"""Where the files shipped with csdesk live (schema migrations, demo library, rule sets, icons, translations).

In a source checkout they are the top-level ``resources/`` and ``db/`` folders; in an installed wheel they are
packed under ``csdesk/_data/`` (see ``[tool.hatch.build.targets.wheel.sources]`` in pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def _root(kind: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / kind
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"csdesk is missing its {kind}/ folder (looked in {installed} and {checkout})")


def resource_path(relative: str) -> Path:
    """Path of a file under ``resources/`` (``demo/demo.json``, ``rules/adlaw.json`` …)."""
    return _root("resources") / relative


def migrations_dir() -> Path:
    """Folder of the numbered SQL migrations (``db/migrations/0001_initial.sql`` …)."""
    return _root("db") / "migrations"
