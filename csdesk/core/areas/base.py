"""What every library area is: a view of one part of the library, over the library's one database.

An area keeps no data of its own beyond caches; the database is the truth. Areas reach each other only through
the library (``self._lib.shops`` …), so an area can be read without the others, and the arrows are few:
everything may use ``shops`` and ``categories``; ``entries`` uses ``index`` to keep search current; ``index``
reads entries to build documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.storage import Database


class Area:
    """Base of the library's areas (``lib.shops``, ``lib.entries`` …)."""

    def __init__(self, lib: Library) -> None:
        self._lib = lib

    @property
    def _db(self) -> Database:
        return self._lib.database

    def _notify(self, kind: str, ids: Iterable[str] = ()) -> None:
        """Tell the library's listeners what a committed write changed."""
        self._lib._notify(kind, ids)

    def _meta(self, key: str) -> str | None:
        return self._lib._meta(key)

    def _set_meta(self, key: str, value: str) -> None:
        self._lib._set_meta(key, value)
