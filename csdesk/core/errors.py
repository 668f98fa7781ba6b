"""Errors the user can cause, kept apart from bugs.

A :class:`CsdeskError` carries a message written for the user, in Chinese with an English version; the CLI prints it
and exits 2, the GUI shows it in a message box. Anything else that escapes is a bug and gets a traceback in the log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def user_language() -> str:
    """``en`` when the environment asks for English (CSDESK_LANG, LC_ALL, LANG, first one set), otherwise ``zh``.

    The language of messages printed outside the GUI (the command line, a start-up that fails before Qt runs).
    """
    for name in ("CSDESK_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def say(zh: str, en: str) -> str:
    """``zh`` or ``en`` by :func:`user_language`."""
    return en if user_language() == "en" else zh


class Message(str):
    """A line for the user: the string itself is the Chinese text, ``english`` its English version.

    Used where a list of plain strings is expected (a doctor's report) and code that only knows ``str`` keeps
    working; :func:`localized` picks the language.
    """

    english: str

    def __new__(cls, text: str, english: str = "") -> Message:
        line = super().__new__(cls, text)
        line.english = english or text
        return line


def localized(text: str, language: str = "zh") -> str:
    """``text`` in ``language``: the English of a :class:`Message`, any other string as it is."""
    if language.startswith("en") and isinstance(text, Message):
        return text.english
    return str(text)


class CsdeskError(Exception):
    """An error the user can understand and act on."""

    def __init__(self, message: str, english: str = "", *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.english = english or message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"

    def localized(self, language: str = "zh") -> str:
        """The message in the user's language (``zh`` or ``en``)."""
        return self.message if language.startswith("zh") else self.english


class NotFoundError(CsdeskError, KeyError):
    """An id, code, shop or file that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return CsdeskError.__str__(self)


class ValidationError(CsdeskError, ValueError):
    """Input that cannot be stored as it is (an empty reply, a duplicate shortcut code …)."""


class HomeError(CsdeskError):
    """The library home folder cannot be used (a file, not writable, a newer schema …)."""


class LibraryLockedError(CsdeskError):
    """The database or the search index is busy in another process for longer than we are willing to wait."""


class PermissionDeniedError(CsdeskError):
    """A read-only entry (team library) or a locked supervisor mode."""


@dataclass
class Problem:
    """One error or warning found while reading a file: where it is and what is wrong."""

    message: str
    row: int | None = None
    """Row as a spreadsheet shows it (the header is row 1), or None."""
    column: str = ""
    file: str = ""
    path: str = ""
    """Location inside a structured file (YAML/JSON path), when there are no rows."""
    english: str = ""
    """The message in English (a :class:`Message` as ``message`` carries its own); empty: the Chinese one."""

    def localized(self, language: str = "zh") -> str:
        """The whole line (location and message) in ``language``; a message without English stays Chinese."""
        if not language.startswith("en"):
            return str(self)
        message = self.text("en")
        where = self.location("en")
        return f"{where}: {message}" if where else message

    def text(self, language: str = "zh") -> str:
        """The message alone in ``language`` (the Chinese one when it has no English)."""
        if language.startswith("en"):
            return self.english or localized(self.message, "en")
        return str(self.message)

    def location(self, language: str = "zh") -> str:
        """File, row, path and column, in ``language``."""
        english = language.startswith("en")
        parts = []
        if self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"row {self.row}" if english else f"第 {self.row} 行")
        if self.path:
            parts.append(self.path)
        if self.column:
            parts.append(f"column '{self.column}'" if english else f"列「{self.column}」")
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ImportRejected(CsdeskError):
    """A file with rows that cannot become entries: nothing was imported."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.errors)
        CsdeskError.__init__(
            self,
            f"文件有 {n} 处错误,未导入任何内容:\n" + "\n".join(str(p) for p in self.errors),
            f"The file has {n} error(s); nothing was imported:\n"
            + "\n".join(p.localized("en") for p in self.errors),
        )

    def __str__(self) -> str:
        return self.message
