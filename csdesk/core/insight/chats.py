"""Chat records: the customers' questions in the shop's exported transcripts, grouped, with the library's answer.

Accepted shapes:

- plain text as chat clients export it: ``2026-05-04 10:00:01 name: text`` lines (``：`` too; a line without a time
  continues the message above), or a ``name 2026-05-04 10:00:01`` header line followed by the message's lines
  (千牛 / QQ style);
- CSV (UTF-8 or GB18030) and XLSX with a header row naming a time, a speaker and a text column (时间/time,
  发送人/speaker/name/昵称, 内容/text/message/消息), optionally a role column (角色/role: 客服 / 顾客).

Who is an agent: the role column when there is one, otherwise the names in the ``chat_agent_names`` setting, the
agents in the usage log and this machine's agent, and any ``店铺:客服`` sub-account name (a shop name or any name
before ``:``). Everyone else is a customer.

Nothing of a transcript is stored: :func:`analyse_chats` returns the statistics (groups, counts, masked wordings,
the agents' replies as drafts); the caller decides whether to keep them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.insight.gaps import Suggestion, suggest_entry
from csdesk.core.insight.grouping import DEFAULT_THRESHOLD, Grouper, normalise
from csdesk.core.library import Library
from csdesk.core.masking import mask_query

__all__ = [
    "AGENT_NAMES_SETTING",
    "ChatAnalysis",
    "ChatMessage",
    "QuestionGroup",
    "agent_names",
    "analyse_chats",
    "read_chat_file",
]

AGENT_NAMES_SETTING = "chat_agent_names"
"""Library setting: a list of the names agents appear under in chat records."""

_DATETIME = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ T]+\d{1,2}:\d{2}(?::\d{2})?"
# name: a sub-account 店铺:客服 (the part after the colon a short word, no space) or a name without a colon
_LINE_RE = re.compile(
    rf"^\s*\[?(?P<time>{_DATETIME})\]?\s+(?P<name>[^:：\s][^:：]{{0,39}}?(?:[:：]\w{{1,12}})?)\s*[:：]\s?(?P<text>.*)$"
)
_HEADER_RE = re.compile(rf"^\s*(?P<name>\S.{{0,40}}?)\s*[(（\[]?(?P<time>{_DATETIME})[)）\]]?\s*$")
_COLUMNS = {
    "time": ("时间", "time", "date", "日期", "发送时间", "timestamp"),
    "speaker": ("发送人", "speaker", "name", "昵称", "发送者", "sender", "用户", "from"),
    "text": ("内容", "text", "message", "消息", "消息内容", "聊天内容", "content"),
    "role": ("角色", "role", "身份", "类型"),
}
_AGENT_ROLES = ("客服", "agent", "卖家", "seller", "商家", "staff")
_NOT_A_QUESTION = re.compile(r"^(?:\[[^\]]*\]|[\W_]|[0-9a-zA-Z])*$")
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ChatMessage:
    time: str
    speaker: str
    text: str
    role: str = ""
    """``agent`` or ``customer`` when the file says so; empty: decided by name."""


@dataclass
class QuestionGroup:
    label: str
    count: int
    wordings: list[tuple[str, int]]
    replies: list[tuple[str, int]] = field(default_factory=list)
    """What agents answered (masked), most frequent first: the draft of a new entry."""
    suggestion: Suggestion | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "count": self.count,
            "wordings": [{"text": t, "count": n} for t, n in self.wordings[:10]],
            "replies": [{"text": t, "count": n} for t, n in self.replies[:5]],
            "answered": bool(self.suggestion and self.suggestion.answers),
            "suggestion": None
            if self.suggestion is None
            else {
                "entry_id": self.suggestion.entry_id,
                "title": self.suggestion.title,
                "code": self.suggestion.code,
                "sureness": round(self.suggestion.sureness, 3),
            },
        }


@dataclass
class ChatAnalysis:
    files: int = 0
    messages: int = 0
    customer_messages: int = 0
    agent_messages: int = 0
    questions: int = 0
    customers: int = 0
    agents: list[str] = field(default_factory=list)
    groups: list[QuestionGroup] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "messages": self.messages,
            "customer_messages": self.customer_messages,
            "agent_messages": self.agent_messages,
            "questions": self.questions,
            "customers": self.customers,
            "agents": self.agents,
            "groups": [g.as_dict() for g in self.groups],
        }


# -- reading ---------------------------------------------------------------------------------------------------
def _bad_file(path: Path, zh: str, en: str) -> ValidationError:
    return ValidationError(f"聊天记录「{path.name}」{zh}", f"Chat record '{path.name}': {en}")


def read_chat_file(path: Path) -> list[ChatMessage]:
    """The messages of one transcript file (see the module docstring); a file of no known shape is an error."""
    if not path.is_file():
        raise CsdeskError(f"找不到聊天记录文件「{path}」。", f"No chat record file '{path}'.")
    if path.stat().st_size > MAX_BYTES:
        raise _bad_file(
            path, "超过 200 MB,请分成几个文件导入。", "is over 200 MB; split it into several files."
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
        messages = _table_messages(path, rows)
    elif suffix == ".csv":
        messages = _table_messages(path, list(csv.reader(io.StringIO(_text(path)))))
    else:
        messages = _text_messages(_text(path))
    if not messages:
        raise _bad_file(
            path,
            "里没有找到聊天消息。支持「时间 名字: 内容」格式的文本,以及带时间、发送人、内容列的 CSV/XLSX。",
            "has no chat messages. Accepted: 'time name: text' lines, and CSV/XLSX with time, speaker, text columns.",
        )
    return messages


def _text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        for encoding in ("utf-16",):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
        raise _bad_file(path, "不是文本文件。", "is not a text file.")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _bad_file(path, "的编码无法识别(请存为 UTF-8)。", "has an unknown encoding (save it as UTF-8).")


def _xlsx_rows(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _bad_file(
            path, f"无法作为 Excel 文件打开:{exc}", f"cannot be opened as an Excel file: {exc}"
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _table_messages(path: Path, rows: list[list[str]]) -> list[ChatMessage]:
    if not rows:
        return []
    header = [c.strip().lower() for c in rows[0]]
    where: dict[str, int] = {}
    for key, names in _COLUMNS.items():
        for i, name in enumerate(header):
            if name in names and key not in where:
                where[key] = i
    missing = [k for k in ("speaker", "text") if k not in where]
    if missing:
        raise _bad_file(
            path,
            "的第一行需要列名:发送人(或 speaker/昵称)和内容(或 text/消息),可选时间、角色。",
            "needs a header row naming a speaker column (发送人/speaker/name) and a text column (内容/text/message);"
            " time and role are optional.",
        )
    out = []

    def cell(row: list[str], key: str) -> str:
        i = where.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    for row in rows[1:]:
        text = cell(row, "text")
        if not text:
            continue
        role = cell(row, "role").lower()
        kind = "" if not role else ("agent" if any(r in role for r in _AGENT_ROLES) else "customer")
        out.append(ChatMessage(cell(row, "time"), cell(row, "speaker"), text, kind))
    return out


def _text_messages(text: str) -> list[ChatMessage]:
    out: list[ChatMessage] = []
    pending: tuple[str, str] | None = None  # (time, name) of a header line waiting for its text
    lines: list[str] = []

    def flush() -> None:
        nonlocal pending, lines
        if pending is not None and any(s.strip() for s in lines):
            out.append(ChatMessage(pending[0], pending[1], "\n".join(s for s in lines if s.strip())))
        pending, lines = None, []

    for raw in text.splitlines():
        match = _LINE_RE.match(raw)
        if match:
            flush()
            out.append(ChatMessage(match["time"], match["name"].strip(), match["text"].strip()))
            continue
        header = _HEADER_RE.match(raw)
        if header:
            flush()
            pending = (header["time"], header["name"].strip())
            continue
        if pending is not None:
            lines.append(raw.strip())
        elif out and raw.strip():  # a continuation line of the message above
            last = out[-1]
            out[-1] = ChatMessage(last.time, last.speaker, f"{last.text}\n{raw.strip()}", last.role)
    flush()
    return [m for m in out if m.text]


# -- who is who ------------------------------------------------------------------------------------------------
def agent_names(lib: Library) -> set[str]:
    """Names that are agents: the setting, the usage log's agents, this machine's agent."""
    names = {str(n).strip() for n in lib.setting(AGENT_NAMES_SETTING, []) or [] if str(n).strip()}
    names |= {r[0] for r in lib.database.all("SELECT DISTINCT agent FROM usage_daily_agent") if r[0]}
    if lib.agent:
        names.add(lib.agent)
    return names


def _is_agent(message: ChatMessage, names: set[str], shops: Sequence[str]) -> bool:
    if message.role:
        return message.role == "agent"
    speaker = message.speaker
    if speaker in names:
        return True
    if ":" in speaker or "：" in speaker:  # 店铺名:客服名, the platforms' sub-accounts
        return True
    return any(shop and speaker.startswith(shop) for shop in shops)


def _is_question(text: str) -> bool:
    """A customer's message worth grouping: some words, not only an emoji, a number or a greeting."""
    if len(text) > 120 or _NOT_A_QUESTION.match(text):
        return False
    return len(normalise(text)) >= 2


# -- analysis --------------------------------------------------------------------------------------------------
def analyse_chats(
    lib: Library,
    files: Iterable[Path],
    *,
    shop: str | int | None = None,
    extra_agents: Iterable[str] = (),
    limit: int = 50,
    min_count: int = 2,
    suggest: int = 50,
    threshold: float = DEFAULT_THRESHOLD,
) -> ChatAnalysis:
    """Read the transcripts, take the customers' questions and the agents' next replies, group, look up answers.

    Customer names and anything masked (phones, orders) never reach the result: wordings and replies pass through
    :func:`~csdesk.core.masking.mask_query`.
    """
    names = agent_names(lib) | {n.strip() for n in extra_agents if n.strip()}
    shops = [s.name for s in lib.shops.all() if not s.is_shared]
    if shop not in (None, ""):
        lib.shops.get(shop)
    result = ChatAnalysis()
    questions: Counter[str] = Counter()
    replies: dict[str, Counter[str]] = defaultdict(Counter)
    customers: set[str] = set()
    agents: set[str] = set()
    for path in files:
        messages = read_chat_file(Path(path))
        result.files += 1
        waiting: dict[str, list[str]] = {}  # customer → their questions since the last agent reply
        last_customer = ""
        for message in messages:
            result.messages += 1
            if _is_agent(message, names, shops):
                result.agent_messages += 1
                agents.add(message.speaker)
                asked = waiting.pop(last_customer, [])
                reply = mask_query(message.text.strip())
                for question in asked:
                    replies[question][reply] += 1
                continue
            result.customer_messages += 1
            customers.add(message.speaker)
            last_customer = message.speaker
            if _is_question(message.text):
                wording = mask_query(" ".join(message.text.split()))
                questions[wording] += 1
                waiting.setdefault(message.speaker, []).append(wording)
    result.questions = sum(questions.values())
    result.customers = len(customers)
    result.agents = sorted(agents)
    grouper = Grouper(threshold)
    for group in grouper.group(questions):
        if group.count < min_count or len(result.groups) >= limit:
            break
        said: Counter[str] = Counter()
        for text, _ in group.wordings:
            said.update(replies.get(text, {}))
        result.groups.append(QuestionGroup(group.label, group.count, group.wordings, said.most_common(5)))
    for found in result.groups[:suggest]:
        found.suggestion = suggest_entry(lib, [t for t, _ in found.wordings], shop=shop, grouper=grouper)
    return result
