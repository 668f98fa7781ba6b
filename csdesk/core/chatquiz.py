"""Quiz questions from imported chat records: real customer messages, each paired with the entry that answered it.

How the right entry is known — from the chat record itself, never guessed: a customer's message becomes a question
only when the agent's next reply in that chat *is a library reply*, i.e. the reply or a variant of one entry with
its placeholders filled in (at least :data:`REPLY_MATCH` alike once the placeholders are taken out, the measure the
drills use). Agents who answered in their own words leave no question behind, because nobody can say which entry
was right there. When the customer wrote several messages before that reply ("在吗" · "这个几天发货" · "好的"), the
one paired is the message for which the library's own search ranks that entry highest (within its top
:data:`SEARCH_DEPTH`; of equals the longer one); when the search ties none of them to the entry, none is kept.

What is kept (table ``quiz_chat_questions``, migration 0007): the customer's message masked like every insight
wording (phones, order and tracking numbers, e-mails → labels), the entry id, the file name and when; no customer
name, no agent reply. The supervisor switches the source on in the quiz settings (``chat_questions``) and can list
and remove the kept messages (``csdesk quiz chats``). Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from csdesk.core.errors import NotFoundError
from csdesk.core.insight.chats import _is_agent, _is_question, agent_names, read_chat_file
from csdesk.core.masking import mask_query
from csdesk.core.training import similarity

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.models import Entry

REPLY_MATCH = 0.85
"""How alike (0–1, placeholders removed) an agent's message and an entry's wording must be to count as that entry."""
SEARCH_DEPTH = 10
"""The entry must be among this many search hits of the customer's message to be paired with it."""


@dataclass(frozen=True)
class ChatQuestion:
    """One customer message of a chat record with the entry whose reply answered it."""

    text: str
    entry_id: str
    source: str = ""
    id: int = 0
    added_at: str = ""


def _wordings(entry: Entry) -> list[str]:
    return [entry.reply, *(v.reply for v in entry.variants if v.enabled)]


def _reply_entry(lib: Library, reply: str, shop: str | None, cache: dict[str, str | None]) -> str | None:
    """The entry whose reply (or variant) the agent sent, or None when the agent wrote their own words."""
    key = " ".join(reply.split())
    if key in cache:
        return cache[key]
    found = None
    best = REPLY_MATCH
    for hit in lib.search(key[:200], shop=shop, limit=5):
        for wording in _wordings(hit.entry):
            score = similarity(key, wording) if wording.strip() else 0.0
            if score >= best:
                found, best = hit.entry_id, score
    cache[key] = found
    return found


def _rank(lib: Library, text: str, entry_id: str, shop: str | None) -> int | None:
    for rank, hit in enumerate(lib.search(text, shop=shop, limit=SEARCH_DEPTH)):
        if hit.entry_id == entry_id:
            return rank
    return None


def find_answered(
    lib: Library, files: Iterable[Path], *, shop: str | None = None, extra_agents: Iterable[str] = ()
) -> list[ChatQuestion]:
    """Customer messages of the chat records that an agent answered with a library reply (see the module docstring),
    masked, once each. Stores nothing; an unreadable file raises the reader's error."""
    names = agent_names(lib) | {n.strip() for n in extra_agents if n.strip()}
    shops = [s.name for s in lib.shops.all() if not s.is_shared]
    cache: dict[str, str | None] = {}
    found: dict[tuple[str, str], ChatQuestion] = {}
    for path in files:
        path = Path(path)
        waiting: dict[str, list[str]] = {}  # customer → their messages since the last agent reply
        last_customer = ""
        for message in read_chat_file(path):
            if _is_agent(message, names, shops):
                asked = waiting.pop(last_customer, [])
                if not asked:
                    continue
                entry_id = _reply_entry(lib, message.text, shop, cache)
                if entry_id is None:
                    continue
                ranked = [(r, -len(t), t) for t in asked if (r := _rank(lib, t, entry_id, shop)) is not None]
                if ranked:
                    text = min(ranked)[2]  # the best-ranked message; of equals, the longer (在吗 says little)
                    found.setdefault((text, entry_id), ChatQuestion(text, entry_id, path.name))
                continue
            last_customer = message.speaker
            if _is_question(message.text):
                waiting.setdefault(message.speaker, []).append(mask_query(" ".join(message.text.split())))
    return list(found.values())


def keep(lib: Library, questions: Iterable[ChatQuestion]) -> int:
    """Store the questions for the quiz (a message already kept for that entry is not doubled); returns how many
    are new."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    added = 0
    with lib.database.transaction():
        for q in questions:
            cursor = lib.database.execute(
                "INSERT OR IGNORE INTO quiz_chat_questions(text, entry_id, source, added_at) VALUES (?, ?, ?, ?)",
                (q.text, q.entry_id, q.source, now),
            )
            added += cursor.rowcount
    return added


def kept(lib: Library) -> list[ChatQuestion]:
    """Every kept chat question, newest first."""
    rows = lib.database.all("SELECT * FROM quiz_chat_questions ORDER BY id DESC")
    return [ChatQuestion(r["text"], r["entry_id"], r["source"], int(r["id"]), r["added_at"]) for r in rows]


def prompts_by_entry(lib: Library) -> dict[str, list[str]]:
    """entry id → the kept customer messages it answered (what the quiz asks when the source is on)."""
    out: dict[str, list[str]] = {}
    for row in lib.database.all("SELECT text, entry_id FROM quiz_chat_questions ORDER BY id"):
        out.setdefault(row["entry_id"], []).append(row["text"])
    return out


def remove(lib: Library, ids: Iterable[int] | None = None) -> int:
    """Remove the kept questions with these ids (None: all of them); an unknown id is an error and removes nothing."""
    with lib.database.transaction():
        if ids is None:
            return lib.database.execute("DELETE FROM quiz_chat_questions").rowcount
        wanted = sorted(set(ids))
        known = {
            int(r[0])
            for r in lib.database.all(
                f"SELECT id FROM quiz_chat_questions WHERE id IN ({','.join('?' * len(wanted))})",
                tuple(wanted),
            )
        }
        missing = [i for i in wanted if i not in known]
        if missing:
            listed = ", ".join(map(str, missing))
            raise NotFoundError(f"没有这些聊天记录题:{listed}。", f"No such chat questions: {listed}.")
        for i in wanted:
            lib.database.execute("DELETE FROM quiz_chat_questions WHERE id = ?", (i,))
        return len(wanted)
