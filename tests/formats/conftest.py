"""Fixtures for the format tests: empty and demo libraries in temporary homes, and a snapshot to prove nothing
changed after a rejected, cancelled or dry-run import."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from csdesk.core.library import Library

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home", demo=False, agent="测试员")
    yield library
    library.close()


@pytest.fixture
def other_lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "home2", demo=False, agent="测试员")
    yield library
    library.close()


@pytest.fixture(scope="session")
def _demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("formats-demo") / "home"
    Library.open(home, demo=True).close()
    return home


@pytest.fixture
def demo(tmp_path: Path, _demo_home: Path) -> Iterator[Library]:
    target = tmp_path / "demo"
    shutil.copytree(_demo_home, target)
    library = Library.open(target, agent="测试员")
    yield library
    library.close()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def snapshot(lib: Library) -> Any:
    """Everything an import may change, in comparable form."""
    entries = sorted(
        (e.id, e.shop_name, e.category_path, e.title, e.code, e.question, e.similar, e.scenario, e.reply, e.guidance,
         e.basis, e.tags, e.enabled, e.origin, e.updated_at, tuple((v.label, v.reply) for v in e.variants),
         e.asset_ids, tuple((x.kind, x.dialogue) for x in e.examples))
        for e in lib.entries.all()
    )  # fmt: skip
    return (
        entries,
        [(s.name, s.platform) for s in lib.shops.all()],
        sorted((c.shop_id, c.path) for c in lib.categories.all("*")),
        [(r.pattern, r.kind, r.severity, r.enabled, r.shop_id) for r in lib.rules.all()],
        sorted((c.nickname, c.shop_id, c.tags, c.notes) for c in lib.customers.all()),
        [(s.name, s.shop_id, [(st.instruction, st.entry_id) for st in s.steps]) for s in lib.sops.all()],
        [(t.name, t.group_id) for t in lib.tags.all()],
        [(a.id, a.sha256) for a in lib.assets.all()],
        len(lib.entries.trash()),
    )


@pytest.fixture(autouse=True)
def _every_problem_has_english(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every :class:`Problem` made while a format test runs (row errors, warnings, export notes) carries an English
    text besides the Chinese one: a message without one fails the test that produced it."""
    from csdesk.core.errors import Problem

    made: list[Problem] = []
    original = Problem.__init__

    def recording(self: Problem, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Problem, "__init__", recording)
    yield made
    lacking = [f"{p.message!r}" for p in made if not p.english or p.english == p.message]
    assert not lacking, "problems without an English text: " + ", ".join(lacking)
