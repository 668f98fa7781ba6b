"""csdesk — 客服话术库: a shop's whole service knowledge, searchable in Chinese and pinyin, one key from the chat.

The public Python API is the :class:`~csdesk.core.library.Library` façade::

    from csdesk import Library
    lib = Library.open(home)
    hits = lib.search("尺码")

The names are loaded on first use (PEP 562): ``import csdesk.gui.app`` must not pay for the whole core (the
search engine, the database introspection) before the window is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csdesk.core.errors import CsdeskError, NotFoundError
    from csdesk.core.library import Library

__all__ = ["CsdeskError", "Library", "NotFoundError", "__version__"]
__version__ = "0.1.0"

_LAZY = {
    "CsdeskError": "csdesk.core.errors",
    "NotFoundError": "csdesk.core.errors",
    "Library": "csdesk.core.library",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'csdesk' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
