"""Training before an agent goes live: flash cards, SOP walk-throughs, example dialogues, a quiz, scenario drills.

考核通过再上岗: the library itself is the teaching material. A quiz shows a customer message (an entry's question,
one of its similar questions, or its scenario) and the agent finds the reply the real way (search or a shortcut
code, within a time limit) or picks from choices. The supervisor sets the question count, the pass mark and the time
limit (library settings); every finished quiz is kept per agent (table ``quiz_results``), misses can be retried.
A drill walks a short scenario (an SOP whose steps name entries, or a good example dialogue): the agent answers each
customer turn and sees the expected reply and the good example afterwards. Qt-free.
"""

from __future__ import annotations

import difflib
import json
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.models import Entry

SETTING = "quiz_settings"
CHOICES = 4
_PLACEHOLDER = re.compile(r"\{[^{}]{1,20}\}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ----------------------------------------------------------------------------------------------------------
# Flash cards, SOPs, examples
# ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    """One flash card: the customer's question on the front, the reply with its guidance and basis on the back."""

    entry_id: str
    front: str
    reply: str
    guidance: str
    basis: str
    shop: str
    category: str
    code: str


def _front(entry: Entry) -> str:
    return entry.question or entry.scenario or entry.title


def _entries_for(lib: Library, shop: str | int | None) -> list[Entry]:
    """A shop's entries and the shared ones its agents use too ("*": every entry)."""
    if shop in ("*", None, ""):
        return lib.entries.all(include_disabled=False)
    own = lib.shops.get(shop)
    found = lib.entries.all(shop=own.id, include_disabled=False)
    if not own.is_shared:
        found += lib.entries.all(shop=lib.shops.shared.id, include_disabled=False)
    return found


def flash_cards(lib: Library, *, shop: str | int | None = "*", category: str = "") -> list[Card]:
    """Cards of the enabled entries of ``shop`` ("*" = all), under ``category`` (a path prefix) when given."""
    cards = []
    for entry in _entries_for(lib, shop):
        if not entry.reply.strip():
            continue
        if category and not (
            entry.category_path == category or entry.category_path.startswith(category + "/")
        ):
            continue
        cards.append(
            Card(
                entry.id,
                _front(entry),
                entry.reply,
                entry.guidance,
                entry.basis,
                entry.shop_name,
                entry.category_path,
                entry.code,
            )
        )
    return cards


@dataclass(frozen=True)
class DialogueTurn:
    speaker: str
    """``customer`` or ``agent``."""
    text: str


def parse_dialogue(text: str) -> list[DialogueTurn]:
    """ "客户:…" / "客服:…" lines → turns (a line without a speaker continues the previous turn)."""
    turns: list[DialogueTurn] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = re.match(r"^(客户|买家|顾客|customer|客服|卖家|agent)\s*[::]\s*(.*)$", line, re.IGNORECASE)
        if match:
            who = "customer" if match.group(1).lower() in ("客户", "买家", "顾客", "customer") else "agent"
            turns.append(DialogueTurn(who, match.group(2).strip()))
        elif turns:
            turns[-1] = DialogueTurn(turns[-1].speaker, turns[-1].text + "\n" + line)
    return turns


# ----------------------------------------------------------------------------------------------------------
# Quiz
# ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuizSettings:
    """What the supervisor sets: how many questions, the pass mark (percent), seconds per question, the mode."""

    count: int = 10
    pass_mark: int = 80
    time_limit: int = 60
    mode: str = "search"
    """``search``: find the reply in the library; ``choice``: pick one of four."""
    chat_questions: bool = False
    """Ask real customer messages kept from imported chat records (:mod:`csdesk.core.chatquiz`) where an entry has
    them."""

    def validated(self) -> QuizSettings:
        if not 1 <= self.count <= 200:
            raise ValidationError("题目数量要在 1 到 200 之间。", "The question count must be 1 to 200.")
        if not 0 <= self.pass_mark <= 100:
            raise ValidationError("及格线要在 0 到 100 之间。", "The pass mark must be 0 to 100.")
        if not 0 <= self.time_limit <= 3600:
            raise ValidationError(
                "每题限时要在 0(不限时)到 3600 秒之间。", "The time limit must be 0 (none) to 3600 seconds."
            )
        if self.mode not in ("search", "choice"):
            raise ValidationError(f"答题方式「{self.mode}」不认识。", f"Unknown quiz mode “{self.mode}”.")
        if not isinstance(self.chat_questions, bool):
            raise ValidationError(
                "「聊天记录题」只能是开或关。", "“Questions from chat records” must be on or off."
            )
        return self


def quiz_settings(lib: Library) -> QuizSettings:
    data = lib.setting(SETTING, None)
    if not isinstance(data, dict):
        return QuizSettings()
    try:
        return QuizSettings(
            **{k: v for k, v in data.items() if k in QuizSettings.__dataclass_fields__}
        ).validated()
    except (TypeError, ValidationError):
        return QuizSettings()


def save_quiz_settings(lib: Library, settings: QuizSettings) -> QuizSettings:
    """Store the supervisor's quiz settings; bad values raise a ValidationError and store nothing."""
    settings = settings.validated()
    lib.set_setting(SETTING, asdict(settings))
    return settings


@dataclass(frozen=True)
class Question:
    entry_id: str
    prompt: str
    kind: str
    """``question``, ``similar``, ``scenario`` or ``chat`` (a customer's message from a chat record)."""
    choices: tuple[str, ...] = ()
    """Entry ids to pick from (choice mode), the right one among them."""


def _prompts(entry: Entry, chat: dict[str, list[str]] | None = None) -> list[tuple[str, str]]:
    """What a question about ``entry`` may show; with chat records (``chat``: entry id → customer messages) an
    entry that has real messages is asked with one of them, since that is what customers really write."""
    if chat and chat.get(entry.id):
        return [(text, "chat") for text in chat[entry.id]]
    found = []
    if entry.question:
        found.append((entry.question, "question"))
    found += [(s, "similar") for s in entry.similar if s.strip()]
    if entry.scenario:
        found.append((f"场景:{entry.scenario}", "scenario"))
    return found


def make_quiz(
    lib: Library,
    settings: QuizSettings | None = None,
    *,
    shop: str | int | None = "*",
    entry_ids: Sequence[str] | None = None,
    rng: random.Random | None = None,
) -> list[Question]:
    """Questions from entries that have a question, a similar question or a scenario, or (with the chat-record
    source on) a kept customer message (``entry_ids``: only those, for a retry of the misses). Raises a
    ValidationError when the library has none to ask."""
    from csdesk.core.chatquiz import prompts_by_entry

    settings = (settings or quiz_settings(lib)).validated()
    rng = rng or random.Random()
    chat = prompts_by_entry(lib) if settings.chat_questions else None
    pool = [e for e in _entries_for(lib, shop) if _prompts(e, chat)]
    if entry_ids is not None:
        wanted = set(entry_ids)
        pool = [e for e in pool if e.id in wanted]
    if not pool:
        raise ValidationError(
            "没有可出题的条目:条目要有「客户问题」「相似问法」或「场景」。",
            "No entry to ask about: entries need a question, a similar question or a scenario.",
        )
    rng.shuffle(pool)
    picked = pool[: settings.count] if entry_ids is None else pool
    questions = []
    for entry in picked:
        prompt, kind = rng.choice(_prompts(entry, chat))
        choices: tuple[str, ...] = ()
        if settings.mode == "choice":
            others = [e.id for e in pool if e.id != entry.id and e.reply != entry.reply]
            if len(others) < CHOICES - 1:
                others += [
                    e.id for e in lib.entries.all() if e.id != entry.id and e.id not in others and e.enabled
                ]
            options = [entry.id, *rng.sample(others, min(CHOICES - 1, len(others)))]
            rng.shuffle(options)
            choices = tuple(options)
        questions.append(Question(entry.id, prompt, kind, choices))
    return questions


@dataclass
class Answer:
    entry_id: str
    prompt: str
    answer_id: str | None
    correct: bool
    seconds: float
    timed_out: bool = False


def is_right(lib: Library, expected: str, given: str | None) -> bool:
    """The given entry is the expected one, or another with the very same reply (a copy in another shop)."""
    if not given:
        return False
    if given == expected:
        return True
    try:
        return lib.get(given).reply.strip() == lib.get(expected).reply.strip()
    except NotFoundError:
        return False


@dataclass
class QuizRun:
    """One quiz in progress: answer each question in turn, then :meth:`finish` stores the result."""

    lib: Library
    questions: list[Question]
    settings: QuizSettings
    mode: str = "search"
    shop_id: int | None = None
    answers: list[Answer] = field(default_factory=list)
    started_at: str = field(default_factory=_now)

    @property
    def current(self) -> Question | None:
        return self.questions[len(self.answers)] if len(self.answers) < len(self.questions) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def answer(self, entry_id: str | None, seconds: float) -> Answer:
        """The agent's answer to the current question; past the time limit it counts as a miss."""
        question = self.current
        if question is None:
            raise ValidationError("这次考核已经答完了。", "This quiz is finished.")
        timed_out = bool(self.settings.time_limit) and seconds > self.settings.time_limit
        right = not timed_out and is_right(self.lib, question.entry_id, entry_id)
        answer = Answer(question.entry_id, question.prompt, entry_id, right, round(seconds, 1), timed_out)
        self.answers.append(answer)
        return answer

    def finish(self) -> QuizResult:
        correct = sum(a.correct for a in self.answers)
        total = len(self.questions)
        score = round(100 * correct / total) if total else 0
        result = QuizResult(
            id=0, agent=self.lib.agent, started_at=self.started_at, finished_at=_now(), mode=self.mode,
            shop_id=self.shop_id, total=total, correct=correct, pass_mark=self.settings.pass_mark,
            passed=score >= self.settings.pass_mark, seconds=round(sum(a.seconds for a in self.answers), 1),
            items=[asdict(a) for a in self.answers],
        )  # fmt: skip
        cursor = self.lib.database.execute(
            "INSERT INTO quiz_results(agent, started_at, finished_at, mode, shop_id, total, correct, pass_mark, "
            "passed, seconds, items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.agent, result.started_at, result.finished_at, result.mode, result.shop_id, result.total,
                result.correct, result.pass_mark, int(result.passed), result.seconds,
                json.dumps(result.items, ensure_ascii=False),
            ),
        )  # fmt: skip
        result.id = int(cursor.lastrowid or 0)
        return result


def start_quiz(
    lib: Library,
    *,
    shop: str | int | None = "*",
    settings: QuizSettings | None = None,
    retry_of: int | None = None,
    rng: random.Random | None = None,
) -> QuizRun:
    """A new quiz with the supervisor's settings; ``retry_of`` (a result id) asks only that quiz's misses again."""
    settings = (settings or quiz_settings(lib)).validated()
    entry_ids = None
    mode = settings.mode
    if retry_of is not None:
        previous = quiz_result(lib, retry_of)
        entry_ids = [m["entry_id"] for m in previous.misses]
        if not entry_ids:
            raise ValidationError("这次考核没有答错的题,不用重做。", "That quiz had no misses to retry.")
        mode = "retry"
    questions = make_quiz(lib, settings, shop=shop, entry_ids=entry_ids, rng=rng)
    shop_id = lib.shops.get(shop).id if shop not in ("*", None, "") else None
    return QuizRun(lib, questions, settings, mode, shop_id)


@dataclass
class QuizResult:
    id: int
    agent: str
    started_at: str
    finished_at: str
    mode: str
    shop_id: int | None
    total: int
    correct: int
    pass_mark: int
    passed: bool
    seconds: float
    items: list[dict[str, Any]]

    @property
    def score(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def misses(self) -> list[dict[str, Any]]:
        return [i for i in self.items if not i.get("correct")]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "score": self.score}


def _result(row: Any) -> QuizResult:
    return QuizResult(
        int(row["id"]), row["agent"], row["started_at"], row["finished_at"], row["mode"], row["shop_id"],
        int(row["total"]), int(row["correct"]), int(row["pass_mark"]), bool(row["passed"]), float(row["seconds"]),
        json.loads(row["items"] or "[]"),
    )  # fmt: skip


def quiz_results(
    lib: Library, *, agent: str | None = None, team_folder: str | Path | None = None
) -> list[QuizResult]:
    """Finished quizzes, newest first (one agent's when given): what the supervisor looks at. ``team_folder`` adds
    the other agents' quizzes from their team files (written by the A/B sync, one file per agent, replaced each
    time: a file read twice counts once; an agent's own file is skipped, their quizzes are here already)."""
    if agent:
        rows = lib.database.all("SELECT * FROM quiz_results WHERE agent = ? ORDER BY id DESC", (agent,))
    else:
        rows = lib.database.all("SELECT * FROM quiz_results ORDER BY id DESC")
    found = [_result(r) for r in rows]
    if team_folder:
        found += [r for r in team_results(Path(team_folder), skip=lib.agent) if not agent or r.agent == agent]
        found.sort(key=lambda r: r.finished_at, reverse=True)
    return found


def team_results(folder: Path, *, skip: str = "") -> list[QuizResult]:
    """The quizzes in the team files of the agents other than ``skip``; malformed items are left out."""
    from csdesk.core.abtest import read_team

    found = []
    for name, data in read_team(folder).items():
        if name == skip:
            continue
        for item in data.get("quiz") or []:
            try:
                found.append(
                    QuizResult(
                        int(item["id"]), str(item["agent"] or name), str(item["started_at"]),
                        str(item["finished_at"]), str(item["mode"]), None, int(item["total"]),
                        int(item["correct"]), int(item["pass_mark"]), bool(item["passed"]), float(item["seconds"]),
                        list(item.get("items") or []),
                    )
                )  # fmt: skip
            except (KeyError, TypeError, ValueError):
                continue
    return found


def quiz_result(lib: Library, result_id: int) -> QuizResult:
    row = lib.database.one("SELECT * FROM quiz_results WHERE id = ?", (result_id,))
    if row is None:
        raise NotFoundError(f"找不到考核记录 {result_id}。", f"No quiz result {result_id}.")
    return _result(row)


def summary(lib: Library, *, team_folder: str | Path | None = None) -> list[dict[str, Any]]:
    """Per agent: quizzes taken, the latest and best score, passed or not — for the weekly report."""
    by_agent: dict[str, list[QuizResult]] = {}
    for result in quiz_results(lib, team_folder=team_folder):
        by_agent.setdefault(result.agent, []).append(result)
    return [
        {
            "agent": agent,
            "quizzes": len(results),
            "latest_score": results[0].score,
            "best_score": max(r.score for r in results),
            "passed": any(r.passed for r in results),
            "latest_at": results[0].finished_at,
        }
        for agent, results in sorted(by_agent.items())
    ]


# ----------------------------------------------------------------------------------------------------------
# Drills
# ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DrillTurn:
    customer: str
    """What the customer says."""
    expected_entry: str | None
    """The entry whose reply is expected (SOP drills), or None."""
    expected_text: str
    """The expected reply text (the entry's, or the good example's agent turn)."""


@dataclass(frozen=True)
class Drill:
    title: str
    turns: tuple[DrillTurn, ...]
    good_example: str = ""
    comment: str = ""


def drills(lib: Library, *, shop: str | int | None = "*") -> list[Drill]:
    """Every drill the library offers: its SOPs (steps that name an entry with a question) and its good example
    dialogues (customer turns, with the agent turn that followed as the expected reply)."""
    found: list[Drill] = []
    for sop in lib.sops.all(shop=shop) if shop != "*" else lib.sops.all():
        turns = []
        for step in sop.steps:
            if not step.entry_id:
                continue
            try:
                entry = lib.get(step.entry_id)
            except NotFoundError:
                continue
            turns.append(DrillTurn(_front(entry) or step.instruction, entry.id, entry.reply))
        if turns:
            found.append(Drill(f"SOP:{sop.name}", tuple(turns), comment=sop.description))
    for entry in lib.entries.with_examples():
        if shop != "*" and entry.shop_id != lib.shops.get(shop).id:
            continue
        for example in entry.examples:
            if example.kind != "good":
                continue
            lines = parse_dialogue(example.dialogue)
            turns = []
            for i, turn in enumerate(lines):
                if turn.speaker != "customer":
                    continue
                reply = next((t.text for t in lines[i + 1 :] if t.speaker == "agent"), "")
                turns.append(DrillTurn(turn.text, entry.id if not turns else None, reply))
            if turns:
                found.append(Drill(f"范例:{entry.title}", tuple(turns), example.dialogue, example.comment))
    return found


def similarity(a: str, b: str) -> float:
    """How close two replies read (0–1), placeholders and spacing ignored."""

    def clean(text: str) -> str:
        return re.sub(r"\s+", "", _PLACEHOLDER.sub("", text))

    return difflib.SequenceMatcher(None, clean(a), clean(b)).ratio()


@dataclass(frozen=True)
class TurnCheck:
    ok: bool
    score: float
    expected: str


def check_turn(lib: Library, turn: DrillTurn, *, entry_id: str | None = None, text: str = "") -> TurnCheck:
    """Compare the agent's answer (an entry found, or text typed) with the expected one. An entry matches when it
    is the expected entry; otherwise the texts are compared (≥ 0.6 of the expected reply counts as right)."""
    if turn.expected_entry and entry_id and is_right(lib, turn.expected_entry, entry_id):
        return TurnCheck(True, 1.0, turn.expected_text)
    given = text
    if entry_id and not given:
        try:
            given = lib.get(entry_id).reply
        except NotFoundError:
            given = ""
    score = similarity(given, turn.expected_text) if given else 0.0
    return TurnCheck(score >= 0.6, round(score, 2), turn.expected_text)
