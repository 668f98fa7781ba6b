"""The supervisor's workbench (the 管理 page): entries, categories, shops, assets, tags, rules, SOPs, trash.

``from csdesk.gui.manage import ManageWorkbench`` — imported lazily so that importing one page module stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ManageWorkbench"]


def __getattr__(name: str) -> Any:
    if name == "ManageWorkbench":
        from csdesk.gui.manage.workbench import ManageWorkbench

        return ManageWorkbench
    raise AttributeError(name)
