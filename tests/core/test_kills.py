"""SIGKILL in the middle of each long operation: the database stays intact, imports and restores are all or
nothing, acknowledged edits survive, and the next open leaves no leftovers in the home or the export folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.killing import fresh_copy, kill_once, make_import_file, make_library, make_team_folder

# Kill as soon as the operation has written its first temporary file (so there is something to clean up), or
# after a delay for operations whose temporary state is too short-lived to catch.
WHEN = {
    "reindex": ("", "home/.index.building-*/*"),
    "export": ("", "out/.csdesk-*"),
    "restore": ("", "home/backups/.library-*.partial"),
    "import": ("0.8", ""),
    "edits": ("1.0", ""),
    "team": ("1.5", ""),  # a team update: its backup, then the import of the team's entries
    "publish": ("", "out/published/.csdesk-*"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("kills") / "home"
    make_library(home, 3000)
    return home


@pytest.mark.parametrize("kind", list(WHEN))
def test_kill_during_operation_leaves_nothing_broken(kind: str, template: Path, tmp_path: Path) -> None:
    home = fresh_copy(template, tmp_path / "home")
    folder = tmp_path / "out"
    folder.mkdir()
    make_import_file(folder)
    make_team_folder(folder)
    delay, when = WHEN[kind]
    result = kill_once(kind, home, folder, float(delay or 0), when=when)
    assert result.problems == []
    if when:
        assert result.leftovers, "killed mid-operation, so there was something to clean up"
    if kind == "edits":
        assert any(line.startswith("edit ") for line in result.acknowledged)
