"""The library's areas: one module per part of a library, each handed out by :class:`~csdesk.core.library.Library`.

``lib.shops``, ``lib.categories``, ``lib.entries`` (entries, trash, history), ``lib.variants``, ``lib.examples``,
``lib.assets`` (files and folders), ``lib.tags`` (customer tag groups and tags), ``lib.customers``, ``lib.rules``
(red lines), ``lib.placeholders`` (and rendering), ``lib.sops``, ``lib.usage`` (copy and search logs),
``lib.index`` (search and the derived Whoosh index), ``lib.health`` (doctor, backups, counts).
"""
