"""One summary of the wording tests and the training quizzes, for reports (the weekly report of the insight area).

Qt-free and read-only: :func:`summary` returns plain data (JSON-ready) and changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core import abtest, training

if TYPE_CHECKING:
    from csdesk.core.library import Library


def summary(lib: Library, *, team_folder: str | Path | None = None) -> dict[str, Any]:
    """``{"abtests": [...], "quiz": [...]}``: each A/B test (running first) with its per-arm rates and a plain
    verdict ("B 比 A 更好的把握 94%"), and per agent the quizzes taken, latest/best score and whether one passed.
    ``team_folder`` adds the other agents' A/B files."""
    return {
        "abtests": abtest.summary(lib, team_folder=team_folder),
        "quiz": training.summary(lib),
    }
