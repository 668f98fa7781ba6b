"""What a team update does to an agent's own library besides importing: demo content, shortcut codes, what changed.

An agent's first day: csdesk starts once (the home gets the demo library), then the team update arrives. Without
care the home would hold both (demo + team), the team entries would lose their codes to the demo copies, and ``/bj``
would find the stale demo copy. So:

- Demo content is recognisable: origin ``demo`` *and* still the text csdesk ships (``resources/demo/demo.json``,
  matched by shop and title; reply and code unchanged). No migration is needed: the origin mark exists since the
  first schema, and comparing with the shipped text tells an untouched demo entry from one the agent edited.
- The first team update may replace untouched demo content (moved to the trash, restorable); the agent is asked
  once (CLI: ``--replace-demo``/``--keep-demo`` or a prompt; GUI: a question before the first update) and the answer
  is remembered in the setting :data:`SETTING_DEMO`.
- A team entry wins its shortcut code over an untouched demo entry or a personal entry never edited (that entry
  keeps its text and loses the code). Where the agent's own *edited* entry has the code, the team entry comes without
  it (as before) and the clash is recorded in :data:`SETTING_CLASHES`; the agent sees both and chooses once
  (:func:`choose`): ``team`` frees the code for the team entry on every later update, ``mine`` keeps it.
- Publishes carry a change note and the publisher (``version.json``); :func:`change_lines` says what an update
  added, changed and removed, by title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import CsdeskError, Message
from csdesk.core.models import SHARED_SHOP_NAME

if TYPE_CHECKING:
    from csdesk.core.library import Library
    from csdesk.core.models import Entry
    from csdesk.formats.base import ImportReport, ParsedFile

SETTING_DEMO = "team_replace_demo"
"""True (replace untouched demo content at the first team update), False (keep it) or unset (not asked yet)."""
SETTING_CLASHES = "team_code_clashes"
"""Code clashes with the agent's own edited entries: ``{"shop|code": {"mine": id, "team": id, "choice": ...}}``."""

MINE, TEAM = "mine", "team"


def _key(shop: str, code: str) -> str:
    return f"{shop or SHARED_SHOP_NAME}|{code.lower()}"


def untouched_demo(lib: Library) -> list[Entry]:
    """The live demo entries still as csdesk shipped them (same shop, title, reply and code)."""
    from csdesk.core.demo import load_demo_data

    shipped = {
        (str(item.get("shop") or "") or SHARED_SHOP_NAME, str(item.get("title", "")).strip()): item
        for item in load_demo_data().get("entries", [])
    }
    found = []
    for entry in lib.entries.all():
        if entry.origin != "demo":
            continue
        item = shipped.get((entry.shop_name or SHARED_SHOP_NAME, entry.title.strip()))
        if item and item.get("reply", "") == entry.reply and str(item.get("code", "")) == entry.code:
            found.append(entry)
    return found


def _never_edited(lib: Library, entry: Entry) -> bool:
    """A personal entry as it was written (its history holds only its creation; times have whole seconds)."""
    return entry.origin == "personal" and len(lib.entries.history(entry.id)) <= 1


def demo_question(lib: Library) -> int:
    """How many untouched demo entries a first team update could replace (0: nothing to ask, or already asked)."""
    if lib.setting(SETTING_DEMO) is not None or int(lib.setting("team_version", 0) or 0):
        return 0
    return len(untouched_demo(lib))


def clashes(lib: Library, *, pending_only: bool = False) -> list[dict[str, Any]]:
    """The recorded code clashes (``shop``, ``code``, ``mine``, ``team`` ids and ``choice``: "" until chosen)."""
    record = lib.setting(SETTING_CLASHES) or {}
    result = []
    for key, value in record.items() if isinstance(record, dict) else ():
        shop, _sep, code = key.partition("|")
        item = {"shop": shop, "code": value.get("code", code), "mine": value.get("mine", ""),
                "team": value.get("team", ""), "choice": value.get("choice", "")}  # fmt: skip
        if not pending_only or not item["choice"]:
            result.append(item)
    return result


def choose(lib: Library, code: str, choice: str, *, shop: str | None = None) -> dict[str, Any]:
    """The agent's choice for a clash on ``code``: ``team`` gives the code to the team entry now (the agent's entry
    keeps its text, without the code) and on later updates; ``mine`` keeps the agent's. Remembered."""
    if choice not in (MINE, TEAM):
        raise CsdeskError(
            f"选择应为 mine 或 team,收到「{choice}」。", f"Choose mine or team, not '{choice}'."
        )
    record = dict(lib.setting(SETTING_CLASHES) or {})
    keys = [
        k for k in record if k.split("|", 1)[1] == code.lower() and (shop is None or k.split("|")[0] == shop)
    ]
    if not keys:
        raise CsdeskError(
            f"快捷编码「{code}」没有与团队条目冲突。", f"The code '{code}' has no clash with a team entry."
        )
    if len(keys) > 1:
        shops = "、".join(k.split("|")[0] for k in keys)
        raise CsdeskError(
            f"快捷编码「{code}」在几个店铺都有冲突({shops}),请用 --shop 指定。",
            f"The code '{code}' clashes in several shops ({shops}); name one with --shop.",
        )
    item = dict(record[keys[0]])
    item["choice"] = choice
    record[keys[0]] = item
    with lib.database.transaction():
        if choice == TEAM:
            mine, team = _live(lib, item.get("mine", "")), _live(lib, item.get("team", ""))
            if mine is not None and mine.code.lower() == code.lower():
                lib.update(mine.id, code="")
            if team is not None:
                lib.update(team.id, code=item.get("code", code))
        lib.set_setting(SETTING_CLASHES, record)
    return item


def _live(lib: Library, entry_id: str) -> Entry | None:
    from csdesk.core.errors import NotFoundError

    if not entry_id:
        return None
    try:
        entry = lib.get(entry_id)
    except NotFoundError:
        return None
    return entry if entry.deleted_at is None else None


@dataclass
class Preparation:
    """What :func:`prepare` did before the import (inside the update's transaction)."""

    replaced_demo: int = 0
    freed: list[tuple[str, str, str]] | None = None
    """(code, shop, title of the entry that gave it up)."""


def prepare(lib: Library, parsed: ParsedFile, *, replace_demo: bool | None) -> Preparation:
    """Before a team import (inside its transaction): trash untouched demo content when asked, and free the codes
    the team entries win (from untouched demo entries, never-edited personal ones, and where the agent chose
    ``team``)."""
    done = Preparation(freed=[])
    if replace_demo is not None and lib.setting(SETTING_DEMO) != bool(replace_demo):
        lib.set_setting(SETTING_DEMO, bool(replace_demo))
    demo = untouched_demo(lib)
    if replace_demo and demo and not int(lib.setting("team_version", 0) or 0):
        lib.entries.delete_many([e.id for e in demo])
        done.replaced_demo = len(demo)
        demo = []
    untouched = {e.id for e in demo}
    choices = {k: v.get("choice", "") for k, v in (lib.setting(SETTING_CLASHES) or {}).items()}
    by_code: dict[str, Entry] = {}
    for entry in lib.entries.all():
        if entry.code and entry.origin != "team":
            by_code[_key(entry.shop_name, entry.code)] = entry
    for row in parsed.rows:
        code = str(row.fields.get("code") or "").strip()
        if not code:
            continue
        key = _key(str(row.fields.get("shop") or "").strip(), code)
        owner = by_code.get(key)
        if owner is None:
            continue
        if owner.id in untouched or _never_edited(lib, owner) or choices.get(key) == TEAM:
            lib.update(owner.id, code="")
            done.freed.append((code, owner.shop_name, owner.title))  # type: ignore[union-attr]
            del by_code[key]
    return done


def record_clashes(lib: Library, parsed: ParsedFile, report: ImportReport) -> None:
    """Remember the codes the team entries could not take from the agent's own edited entries (asked once)."""
    record = dict(lib.setting(SETTING_CLASHES) or {})
    mine = {_key(e.shop_name, e.code): e.id for e in lib.entries.all() if e.code and e.origin != "team"}
    for row in parsed.rows:
        code = str(row.fields.get("code") or "").strip()
        key = _key(str(row.fields.get("shop") or "").strip(), code)
        if code and key in mine and key not in record:
            record[key] = {
                "code": code,
                "mine": mine[key],
                "team": str(row.fields.get("id") or ""),
                "choice": "",
            }
    if record != (lib.setting(SETTING_CLASHES) or {}):
        lib.set_setting(SETTING_CLASHES, record)


def change_lines(report: ImportReport, *, language: str = "zh", shown: int = 10) -> list[str]:
    """What an update changed, by title: one line each for added, changed and removed (empty kinds left out)."""
    english = language.startswith("en")
    lines = []
    for outcomes, zh, en in (
        (report.added, "新增", "Added"),
        (report.updated, "修改", "Changed"),
        (report.removed, "删除", "Removed"),
    ):
        if not outcomes:
            continue
        titles = [o.title for o in outcomes[:shown]]
        more = len(outcomes) - len(titles)
        if english:
            text = f"{en} ({len(outcomes)}): " + ", ".join(f"'{t}'" for t in titles)
            lines.append(text + (f" … and {more} more" if more else ""))
        else:
            text = f"{zh} {len(outcomes)} 条:" + "、".join(f"「{t}」" for t in titles)
            lines.append(text + (f"……另有 {more} 条" if more else ""))
    return lines


def freed_message(preparation: Preparation) -> list[Message]:
    """One note per code the team took over (the entry that gave it up keeps its text)."""
    return [
        Message(
            f"快捷编码「{code}」给了团队条目;「{title}」({shop})保留内容,不再有这个编码。",
            f"The code '{code}' went to the team entry; '{title}' ({shop}) keeps its text without the code.",
        )
        for code, shop, title in preparation.freed or []
    ]
