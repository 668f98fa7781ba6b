"""Pinyin for search: every reading of a character, full syllables and initials, and splitting typed pinyin.

Agents type ``cm`` (initials), ``chima`` (full pinyin) or ``chim`` (a prefix) to find 尺码. A character with several
readings (多音字: 重 zhong/chong, 长 chang/zhang) is indexed under all of them, so whichever the agent has in mind
matches. Tones are dropped and ü is written ``v`` (绿 → ``lv``), as on a keyboard.

The readings come straight from pypinyin's per-character table (no phrase segmentation), which is fast and gives
every reading; the table is loaded on first use.
"""

from __future__ import annotations

import importlib.util
import os
import unicodedata
from functools import cache, lru_cache

__all__ = [
    "MAX_READINGS",
    "full_pinyin",
    "initials",
    "is_syllable",
    "readings",
    "split_pinyin",
    "syllables",
    "syllables_with_prefix",
]

MAX_READINGS = 3
"""Readings kept per character (pypinyin lists the common ones first; 4+ readings are archaic)."""

_INTERJECTIONS = frozenset({"m", "n", "ng", "hm", "hng", "r"})
"""Readings of interjections (呣 m, 嗯 ng); left out of splitting so that ``chim`` reads as chi + m…"""


def _plain(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def _table() -> dict[int, str]:
    """pypinyin's character table, loaded on its own: importing the pypinyin package also loads its phrase
    dictionaries (~50 MB resident) that csdesk does not use."""
    spec = importlib.util.find_spec("pypinyin")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in locations:
        path = os.path.join(folder, "pinyin_dict.py")
        if os.path.exists(path):
            file_spec = importlib.util.spec_from_file_location("_csdesk_pinyin_dict", path)
            if file_spec is not None and file_spec.loader is not None:
                module = importlib.util.module_from_spec(file_spec)
                file_spec.loader.exec_module(module)
                table: dict[int, str] = module.pinyin_dict
                return table
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=65536)
def readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one character, most common first (at most :data:`MAX_READINGS`); () if none."""
    raw = _table().get(ord(ch))
    if not raw:
        return ()
    out: list[str] = []
    for item in raw.split(","):
        plain = _plain(item.strip())
        if plain and plain.isascii() and plain.isalpha() and plain not in out:
            out.append(plain)
        if len(out) == MAX_READINGS:
            break
    return tuple(out)


def full_pinyin(text: str, separator: str = "") -> str:
    """The first (most common) reading of each Chinese character; other characters are kept as they are."""
    return separator.join(r[0] if (r := readings(ch)) else ch for ch in text)


def initials(text: str) -> str:
    """First letter of the first reading of each Chinese character (尺码 → ``cm``); others kept as they are."""
    return "".join(r[0][0] if (r := readings(ch)) else ch for ch in text)


@cache
def syllables() -> frozenset[str]:
    """Every toneless syllable that occurs in the table (about 400).

    The table's 40,000 characters share about 1,500 toned readings: each is made plain once (the first pinyin query
    of a session paid ~0.1 s when all 54,000 were)."""
    toned = {item.strip() for raw in _table().values() for item in raw.split(",")}
    out: set[str] = set()
    for item in toned:
        plain = _plain(item)
        if plain.isascii() and plain.isalpha() and plain not in _INTERJECTIONS:
            out.add(plain)
    return frozenset(out)


@cache
def _max_syllable_len() -> int:
    return max(len(s) for s in syllables())


def is_syllable(text: str) -> bool:
    return text in syllables()


@lru_cache(maxsize=1024)
def syllables_with_prefix(prefix: str) -> tuple[str, ...]:
    """Syllables that start with ``prefix`` (``m`` → ma, mai, man …), sorted."""
    return tuple(sorted(s for s in syllables() if s.startswith(prefix)))


@lru_cache(maxsize=4096)
def split_pinyin(text: str) -> tuple[tuple[str, ...], str] | None:
    """Split typed pinyin into whole syllables plus an unfinished tail: ``chim`` → ((``chi``,), ``m``).

    Longest syllables are tried first, with backtracking (``xian`` → xian, ``xianggang`` → xiang gang). Returns
    None when the text cannot be read as pinyin. The tail is "" when the text ends on a whole syllable; otherwise it
    is a prefix of at least one syllable.
    """
    text = text.lower()
    if not text or not text.isascii() or not text.isalpha():
        return None
    sylls = syllables()
    longest = _max_syllable_len()

    @cache
    def solve(i: int) -> tuple[tuple[str, ...], str] | None:
        if i == len(text):
            return (), ""
        for j in range(min(len(text), i + longest), i, -1):
            piece = text[i:j]
            if piece in sylls:
                rest = solve(j)
                if rest is not None:
                    return (piece, *rest[0]), rest[1]
        tail = text[i:]
        if len(tail) < longest and syllables_with_prefix(tail):
            return (), tail
        return None

    return solve(0)
