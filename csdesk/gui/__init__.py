"""The PySide6 desktop app. Everything here talks to the library only through :class:`csdesk.core.library.Library`."""
