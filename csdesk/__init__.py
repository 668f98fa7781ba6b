"""csdesk — 客服话术库: a shop's whole service knowledge, searchable in Chinese and pinyin, one key from the chat.

The public Python API is the :class:`~csdesk.core.library.Library` façade::

    from csdesk import Library
    lib = Library.open(home)
    hits = lib.search("尺码")
"""

from csdesk.core.errors import CsdeskError, NotFoundError
from csdesk.core.library import Library

__all__ = ["CsdeskError", "Library", "NotFoundError", "__version__"]
__version__ = "0.1.0"
