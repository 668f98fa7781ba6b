"""Turn a parsed file into changes to the library: match rows to entries, decide, then write all or nothing.

The plan is computed without writing (that is the dry run); the real import writes the same plan inside one
transaction, so a cancelled or failed import leaves nothing behind.

Matching (``merge``): by 编号 (id), then by shop + shortcut code, then by shop + title. ``merge`` updates only the
columns the file has; ``replace`` does the same and moves every other entry of the shops the file (or ``shop``)
names to the trash; ``skip`` leaves matched entries alone.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from csdesk.core.errors import CsdeskError, ImportRejected, Message, NotFoundError, Problem, ValidationError
from csdesk.core.models import SHARED_SHOP_NAME, Entry, EntryDraft, Shop
from csdesk.core.redlines import EarlyCheck, scan_rows
from csdesk.formats.base import (
    COLUMN_LABELS_ZH,
    ApplyContext,
    Extras,
    ImportCancelled,
    ImportReport,
    ImportRow,
    ParsedFile,
    RowOutcome,
    first_line,
    split_list,
)

if TYPE_CHECKING:
    from csdesk.core.library import Library

log = logging.getLogger(__name__)

MODES = ("merge", "replace", "skip")
_TEXT_FIELDS = ("title", "code", "question", "scenario", "reply", "guidance", "basis")


@dataclass
class _Plan:
    index: int
    row: ImportRow
    shop_name: str
    title: str
    match: Entry | None = None
    how: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    draft: EntryDraft | None = None
    children: bool = False
    """Variants, examples or asset links differ and will be synced."""
    outcome: str = ""
    detail: str = ""
    """A :class:`Message` (Chinese, with its English version)."""
    column: str = ""


class _ShopBook:
    """Shops and their live entries, looked up once per import."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._shops: dict[str, Shop | None] = {}
        self._entries: dict[int, list[Entry]] = {}

    def shop(self, name: str) -> Shop | None:
        """The shop called ``name`` or None when it does not exist yet."""
        if name not in self._shops:
            try:
                self._shops[name] = self.lib.shops.get(None if name == SHARED_SHOP_NAME else name)
            except NotFoundError:
                self._shops[name] = None
        return self._shops[name]

    def entries(self, shop: Shop | None) -> list[Entry]:
        if shop is None:
            return []
        if shop.id not in self._entries:
            self._entries[shop.id] = self.lib.entries.all(shop=shop.id)
        return self._entries[shop.id]


def normalize_shop(name: object) -> str:
    text = str(name or "").strip()
    return text or SHARED_SHOP_NAME


def run_import(
    lib: Library,
    parsed: ParsedFile,
    *,
    shop: str | None = None,
    mode: str = "merge",
    dry_run: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    origin: str = "import",
    origin_ref: str | None = None,
    match_filter: Callable[[Entry], bool] | None = None,
    extras: Extras | None = None,
    yield_codes: bool = False,
    before_write: Callable[[ImportReport], bool] | None = None,
) -> ImportReport:
    """Plan and (unless ``dry_run``) write the import of ``parsed``. Raises ImportRejected for error rows.

    ``match_filter`` limits which existing entries code/title matching and ``replace`` may touch (the team library
    only ever replaces team entries, never an agent's own). With ``yield_codes``, a row whose shortcut code is taken
    by an entry outside ``match_filter`` is still imported, without the code, and the clash is a warning (a team
    update never leaves a team entry out, nor touches the agent's entry that has the code).
    """
    if mode not in MODES:
        raise CsdeskError(
            f"不认识的导入方式「{mode}」,可用:merge(合并)、replace(替换)、skip(跳过已有)。",
            f"Unknown import mode '{mode}'; use merge, replace or skip.",
        )
    file = parsed.file
    errors: list[Problem] = list(parsed.errors)
    warnings: list[Problem] = list(parsed.warnings)
    report = ImportReport(format=parsed.format, dry_run=dry_run, file=file)
    book = _ShopBook(lib)
    allowed = match_filter or (lambda _e: True)
    default_shop = normalize_shop(shop)
    ctx = ApplyContext(mode=mode, dry_run=dry_run, origin=origin, origin_ref=origin_ref or file)

    def err(row: ImportRow, message: str, english: str, column: str = "") -> None:
        errors.append(row.problem(message, english, file, COLUMN_LABELS_ZH.get(column, column)))

    if extras is None:
        extras = parsed.extras
    if extras is not None:
        extras.prepare(lib)

    # the red lines of a big file are checked by a helper meanwhile, with each row's shop as the file names it
    early = EarlyCheck.start(
        lib, [(r, normalize_shop(str(r.fields.get("shop") or "").strip() or shop)) for r in parsed.rows]
    )

    # -- 1. match every row ----------------------------------------------------------------------------------
    wanted_ids = [str(r.fields.get("id") or "").strip() for r in parsed.rows]
    known = {e.id: e for e in lib.get_many([i for i in wanted_ids if _is_uuid(i)])}
    plans: list[_Plan] = []
    claimed: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for index, row in enumerate(parsed.rows):
        f = row.fields
        row_shop = str(f.get("shop") or "").strip()
        shop_name = normalize_shop(row_shop or shop)
        explicit_shop = bool(row_shop or shop)
        reply = str(f.get("reply") or "").strip("\n")
        question = str(f.get("question") or "").strip()
        plan = _Plan(
            index, row, shop_name, str(f.get("title") or "").strip() or question or first_line(reply)
        )
        plans.append(plan)
        entry_id = wanted_ids[index]
        if entry_id:
            if not _is_uuid(entry_id):
                err(
                    row,
                    f"编号「{entry_id}」不是有效的条目编号(UUID),新条目请留空。",
                    f"'{entry_id}' is not a valid entry id (a UUID); leave the id empty for a new entry.",
                    "id",
                )
                continue
            if entry_id in seen_ids:
                other = parsed.rows[seen_ids[entry_id]]
                err(
                    row,
                    f"编号「{entry_id}」与{_row_label(other)}重复。",
                    f"The id '{entry_id}' is also on {_row_label(other, 'en')}.",
                    "id",
                )
                continue
            seen_ids[entry_id] = index
        category = f.get("category")
        if category:
            try:
                lib.categories.split_path(str(category))
            except ValidationError as exc:
                err(row, exc.message, exc.english, "category")
        code = str(f.get("code") or "").strip()
        if code and (any(ch.isspace() for ch in code) or len(code) > 32):
            err(
                row,
                f"快捷编码「{code}」不能含空格,且不超过 32 个字符。",
                f"The code '{code}' must have no spaces and at most 32 characters.",
                "code",
            )
        target = book.shop(shop_name)
        match: Entry | None = None
        if entry_id and entry_id in known:
            found = known[entry_id]
            if found.deleted_at is not None:
                plan.outcome = "conflicting"
                plan.detail = Message(
                    "同编号的条目在回收站中,请先恢复或清空回收站",
                    "the entry with this id is in the trash; restore it or empty the trash first",
                )
                plan.column = COLUMN_LABELS_ZH["id"]
                continue
            match, plan.how = found, "id"
        if match is None and code and target is not None:
            match = next(
                (e for e in book.entries(target) if e.code and e.code.lower() == code.lower() and allowed(e)),
                None,
            )
            plan.how = "code" if match else ""
        if match is None and plan.title and target is not None:
            same = [e for e in book.entries(target) if e.title.strip() == plan.title and allowed(e)]
            if len(same) > 1:
                plan.outcome = "conflicting"
                plan.detail = Message(
                    f"店铺「{shop_name}」中有 {len(same)} 条标题为「{plan.title}」的条目,无法确定更新哪一条",
                    f"the shop '{shop_name}' has {len(same)} entries titled '{plan.title}'; "
                    "csdesk cannot tell which one to update",
                )
                plan.column = COLUMN_LABELS_ZH["title"]
                continue
            if same:
                match, plan.how = same[0], "title"
        if match is not None:
            if match.id in claimed:
                plan.outcome = "conflicting"
                other = parsed.rows[claimed[match.id]]
                plan.detail = Message(
                    f"与{_row_label(other)}匹配到同一条目「{match.title}」",
                    f"matches the same entry '{match.title}' as {_row_label(other, 'en')}",
                )
                continue
            claimed[match.id] = index
            plan.match = match
            if not explicit_shop:
                plan.shop_name = match.shop_name
        if match is None and not reply.strip() and not question:
            err(row, "这一行既没有回复也没有问题。", "This row has neither a reply nor a question.", "reply")

    # -- 2. replace: what leaves the shops the file names ----------------------------------------------------
    removed: list[Entry] = []
    if mode == "replace":
        scope = (
            set(parsed.replace_scope) if parsed.replace_scope is not None else {p.shop_name for p in plans}
        )
        if shop:
            scope.add(default_shop)
        ctx.shops_in_scope = scope
        for name in sorted(scope):
            for entry in book.entries(book.shop(name)):
                if entry.id not in claimed and allowed(entry):
                    removed.append(entry)
    removed_ids = {e.id for e in removed}

    # -- 3. decide each row ----------------------------------------------------------------------------------
    codes_in_file: dict[tuple[str, str], ImportRow] = {}
    for plan in plans:
        if plan.outcome == "conflicting":
            continue
        row, f = plan.row, plan.row.fields
        code = str(f.get("code") or "").strip() if "code" in f else (plan.match.code if plan.match else "")
        if code:
            key = (plan.shop_name, code.lower())
            if key in codes_in_file:
                other = codes_in_file[key]
                err(
                    row,
                    f"快捷编码「{code}」与{_row_label(other)}在同一店铺中重复。",
                    f"The code '{code}' is also on {_row_label(other, 'en')}, in the same shop.",
                    "code",
                )
            else:
                codes_in_file[key] = row
        target = book.shop(plan.shop_name)
        if plan.match is not None:
            if mode == "skip":
                plan.outcome = "skipped"
                plan.detail = Message(
                    f"已有(按{_HOW_ZH[plan.how]}匹配)", f"already there (matched by {_HOW_EN[plan.how]})"
                )
                continue
            plan.changes = _changes(plan, parsed, lib, origin, ctx.origin_ref)
            new_reply = plan.changes.get("reply", plan.match.reply)
            new_question = plan.changes.get("question", plan.match.question)
            if not str(new_reply).strip() and not str(new_question).strip():
                err(
                    row,
                    "更新后这一条既没有回复也没有问题。",
                    "After the update this entry would have neither a reply nor a question.",
                    "reply",
                )
                continue
            if code and ("code" in plan.changes or "shop" in plan.changes):
                owner = _code_owner(book, target, code, exclude={plan.match.id} | removed_ids)
                if owner is not None and yield_codes and not allowed(owner):
                    warnings.append(_code_yielded(plan, code, owner, file))
                    if plan.match.code and plan.shop_name == plan.match.shop_name:
                        plan.changes["code"] = ""
                    else:
                        plan.changes.pop("code", None)
                    if set(plan.changes) <= {"origin", "origin_ref"} and plan.match.origin == origin:
                        plan.changes.clear()
                elif owner is not None:
                    plan.outcome = "conflicting"
                    plan.detail = _code_taken(code, plan.shop_name, owner)
                    plan.column = COLUMN_LABELS_ZH["code"]
                    continue
            plan.children = _children_differ(lib, plan.row, plan.match, extras)
            if plan.changes or plan.children:
                plan.outcome = "updated"
                keys = [k for k in plan.changes if k not in ("origin", "origin_ref")]
                names = [COLUMN_LABELS_ZH.get(k, k) for k in keys]
                names_en = [_COLUMN_EN.get(k, k) for k in keys]
                if plan.children:
                    names.append("变体/案例/素材")
                    names_en.append("variants/examples/assets")
                how_zh, how_en = _HOW_ZH[plan.how], _HOW_EN[plan.how]
                plan.detail = (
                    Message(
                        f"按{how_zh}匹配,更新:" + "、".join(names),
                        f"matched by {how_en}; updates " + ", ".join(names_en),
                    )
                    if names
                    else Message(f"按{how_zh}匹配", f"matched by {how_en}")
                )
            else:
                plan.outcome = "unchanged"
                plan.detail = Message(
                    f"按{_HOW_ZH[plan.how]}匹配,内容相同", f"matched by {_HOW_EN[plan.how]}; no changes"
                )
            continue
        drop_code = False
        if code:
            owner = _code_owner(book, target, code, exclude=removed_ids)
            if owner is not None and yield_codes and not allowed(owner):
                warnings.append(_code_yielded(plan, code, owner, file))
                drop_code = True
            elif owner is not None:
                plan.outcome = "conflicting"
                plan.detail = _code_taken(code, plan.shop_name, owner)
                plan.column = COLUMN_LABELS_ZH["code"]
                continue
        plan.outcome = "added"
        plan.draft = _draft(plan, origin, ctx.origin_ref)
        if drop_code:
            plan.draft = replace(plan.draft, code="")
        plan.children = bool(row.variants or row.examples or row.asset_ids)

    # -- 4. extras and the verdict ---------------------------------------------------------------------------
    new_shops = list(
        dict.fromkeys(
            n
            for n in [*parsed.shops, *(p.shop_name for p in plans if p.outcome in ("added", "updated"))]
            if book.shop(n) is None
        )
    )
    if shop and mode == "replace" and book.shop(default_shop) is None:
        new_shops.append(default_shop)
    ctx.entry_ids = {p.index: p.match.id for p in plans if p.match is not None}
    ctx.entry_ids.update({p.index: p.draft.id for p in plans if p.draft is not None and p.draft.id})
    if extras is not None:
        counts, extra_errors, extra_warnings = extras.check(lib, ctx)
        errors.extend(extra_errors)
        warnings.extend(extra_warnings)
        report.extras.update({k: v for k, v in counts.items() if v})
    if new_shops:
        report.extras["shops"] = len(new_shops)
    report.warnings = warnings
    if errors:
        errors.sort(key=lambda p: (p.file, p.row if p.row is not None else 0, p.path))
        raise ImportRejected(errors=errors, warnings=warnings)
    for plan in plans:
        outcome = RowOutcome(
            plan.row.row, plan.title, plan.shop_name, plan.match.id if plan.match else (plan.draft.id if plan.draft else None),
            plan.detail, plan.row.path, plan.column,
        )  # fmt: skip
        getattr(report, plan.outcome).append(outcome)
    gone = Message("不在文件中,移入回收站", "not in the file: moved to the trash")
    report.removed = [RowOutcome(None, e.title, e.shop_name, e.id, gone) for e in removed]
    report.red_lines = scan_rows(
        lib, ((p.row, p.title, p.shop_name) for p in plans if p.outcome in ("added", "updated")), early=early
    )
    if dry_run:
        return report
    if before_write is not None and not before_write(report):  # e.g. the CLI lists red lines and asks
        raise ImportCancelled()

    # -- 5. write everything in one transaction --------------------------------------------------------------
    updates = {
        p.match.id: p.changes for p in plans if p.outcome == "updated" and p.match is not None and p.changes
    }
    creates = [p for p in plans if p.outcome == "added"]
    total = max(1, len(updates) + len(creates))
    cancelled = False

    def step(offset: int) -> Callable[[int, int], bool]:
        def report_progress(done: int, _total: int) -> bool:
            nonlocal cancelled
            if progress is not None and progress(offset + done, total) is False:
                cancelled = True
                return False
            return True

        return report_progress

    try:
        with lib.database.transaction():
            for name in new_shops:
                lib.shops.ensure(name, parsed.shops.get(name, ""))
            for shop_name, path in parsed.categories:
                lib.categories.ensure(None if shop_name == SHARED_SHOP_NAME else shop_name, path)
            if extras is not None:
                extras.before_entries(lib, ctx)
            if removed:
                lib.entries.delete_many([e.id for e in removed])
            if updates:
                lib.entries.update_each(updates, progress=step(0))
            if creates:
                drafts = [p.draft for p in creates if p.draft is not None]
                created = lib.entries.create_many_ids(drafts, action="import", progress=step(len(updates)))
                for plan, entry_id in zip(creates, created, strict=True):
                    ctx.entry_ids[plan.index] = entry_id
                _keep_created_stamps(lib, creates, created)
            for plan in plans:
                if plan.children and plan.outcome in ("added", "updated"):
                    _sync_children(lib, ctx.entry_ids[plan.index], plan.row, extras)
            if extras is not None:
                extras.after_entries(lib, ctx)
            if progress is not None and progress(total, total) is False:
                cancelled = True
                raise ImportCancelled()
    except BaseException as exc:
        if extras is not None:
            try:
                extras.discard(lib)
            except Exception:  # the rollback itself stands; leftovers are for the doctor
                log.exception("removing the files of a rolled-back import failed")
        if cancelled and not isinstance(exc, ImportCancelled):
            raise ImportCancelled() from exc
        raise
    _fill_new_ids(report, plans, ctx)
    return report


def _keep_created_stamps(lib: Library, plans: list[_Plan], created: list[str]) -> None:
    """When and by whom an entry was first written, as the file says (bundles): the library stamps new entries
    with now and the importing agent."""
    for plan, entry_id in zip(plans, created, strict=True):
        f = plan.row.fields
        at, by = str(f.get("created_at") or ""), str(f.get("created_by") or "")
        if at or by:
            lib.database.execute(
                "UPDATE entries SET created_at = COALESCE(NULLIF(?, ''), created_at), "
                "created_by = COALESCE(NULLIF(?, ''), created_by) WHERE id = ?",
                (at, by, entry_id),
            )


_HOW_ZH = {"id": "编号", "code": "快捷编码", "title": "标题"}
_HOW_EN = {"id": "id", "code": "code", "title": "title"}
_COLUMN_EN = {
    "shop": "shop", "category": "category", "title": "title", "code": "code", "question": "question",
    "similar": "similar questions", "scenario": "scenario", "reply": "reply", "guidance": "guidance",
    "basis": "basis", "tags": "tags", "enabled": "enabled", "sort_order": "sort order",
}  # fmt: skip


def _code_taken(code: str, shop: str, owner: Entry) -> Message:
    return Message(
        f"快捷编码「{code}」在店铺「{shop}」已被「{owner.title}」使用",
        f"the code '{code}' is already used by '{owner.title}' in the shop '{shop}'",
    )


def _code_yielded(plan: _Plan, code: str, owner: Entry, file: str) -> Problem:
    return plan.row.problem(
        f"「{plan.title}」的快捷编码「{code}」在店铺「{plan.shop_name}」已被你自己的条目「{owner.title}」使用:"
        "这一条已导入,但暂时没有快捷编码;你的条目保持不变。改掉自己条目的编码后,下次更新会补上。",
        f"The code '{code}' of '{plan.title}' is already used by your own entry '{owner.title}' in the shop "
        f"'{plan.shop_name}': this entry was imported without a code for now, and yours is unchanged. Change the "
        "code of your entry and the next update will add it.",
        file,
        COLUMN_LABELS_ZH["code"],
    )


def _fill_new_ids(report: ImportReport, plans: list[_Plan], ctx: ApplyContext) -> None:
    added = [p for p in plans if p.outcome == "added"]
    for outcome, plan in zip(report.added, added, strict=True):
        outcome.entry_id = ctx.entry_ids.get(plan.index, outcome.entry_id)


def _row_label(row: ImportRow, language: str = "zh") -> str:
    if language.startswith("en"):
        return f"row {row.row}" if row.row is not None else (row.path or "another row")
    return f"第 {row.row} 行" if row.row is not None else (row.path or "另一行")


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _code_owner(book: _ShopBook, shop: Shop | None, code: str, *, exclude: set[str]) -> Entry | None:
    return next(
        (e for e in book.entries(shop) if e.code and e.code.lower() == code.lower() and e.id not in exclude),
        None,
    )


def _category_path(lib: Library, value: object) -> str:
    return "/".join(lib.categories.split_path(str(value or "")))


def _changes(plan: _Plan, parsed: ParsedFile, lib: Library, origin: str, origin_ref: str) -> dict[str, Any]:
    """The fields of the matched entry that the row changes (only columns the file has)."""
    assert plan.match is not None
    current, f, cols = plan.match, plan.row.fields, parsed.columns
    changes: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        if name not in cols or name == "title":
            continue
        raw = str(f.get(name) or "")
        value = raw.strip("\n") if name == "reply" else raw.strip()
        if value != getattr(current, name):
            changes[name] = value
    if "title" in cols:
        # an empty title (an Espanso match without a label, an empty cell) carries nothing: the entry keeps its own
        title = str(f.get("title") or "").strip()
        if title and title != current.title:
            changes["title"] = title
    for name in ("similar", "tags"):
        if name in cols:
            values = tuple(split_list(f.get(name)))
            if values != tuple(getattr(current, name)):
                changes[name] = list(values)
    if "category" in cols:
        path = _category_path(lib, f.get("category"))
        if path != current.category_path or plan.shop_name != current.shop_name:
            changes["category"] = path or None
    if plan.shop_name != current.shop_name:
        changes["shop"] = None if plan.shop_name == SHARED_SHOP_NAME else plan.shop_name
    for name in ("enabled", "sort_order"):
        if name in f and f[name] is not None and f[name] != getattr(current, name):
            changes[name] = f[name]
    if origin == "team" and (changes or current.origin != "team"):
        changes["origin"] = "team"
        changes["origin_ref"] = origin_ref
    return changes


def _draft(plan: _Plan, origin: str, origin_ref: str) -> EntryDraft:
    f = plan.row.fields
    entry_id = str(f.get("id") or "").strip() or None
    if origin == "import" and f.get("origin"):
        # a bundle says where each entry came from (personal, team …): an import keeps it; a team update does not
        origin, origin_ref = str(f["origin"]), str(f.get("origin_ref") or "")
    return EntryDraft(
        reply=str(f.get("reply") or "").strip("\n"),
        title=str(f.get("title") or "").strip(),
        shop=None if plan.shop_name == SHARED_SHOP_NAME else plan.shop_name,
        category=str(f.get("category") or "").strip() or None,
        code=str(f.get("code") or "").strip(),
        question=str(f.get("question") or "").strip(),
        similar=tuple(split_list(f.get("similar"))),
        scenario=str(f.get("scenario") or "").strip(),
        guidance=str(f.get("guidance") or "").strip(),
        basis=str(f.get("basis") or "").strip(),
        tags=tuple(split_list(f.get("tags"))),
        enabled=bool(f.get("enabled", True)),
        sort_order=int(f.get("sort_order") or 0),
        origin=origin,  # type: ignore[arg-type]
        origin_ref=origin_ref,
        id=entry_id or str(uuid.uuid4()),
    )


# -- variants, examples and asset links (bundles) ------------------------------------------------------------------
def _variant_key(v: dict[str, Any]) -> tuple[Any, ...]:
    return (
        str(v.get("label", "")), str(v.get("reply", "")), str(v.get("target_tag", "")), str(v.get("ab_group", "")),
        bool(v.get("enabled", True)),
    )  # fmt: skip


def _example_key(x: dict[str, Any]) -> tuple[str, str, str]:
    return (str(x.get("kind", "")), str(x.get("dialogue", "")), str(x.get("comment", "")))


def _asset_targets(row: ImportRow, extras: Extras | None) -> list[str]:
    mapping = extras.asset_map if extras is not None else {}
    return [mapping.get(a, a) for a in row.asset_ids or []]


def _children_differ(lib: Library, row: ImportRow, entry: Entry, extras: Extras | None) -> bool:
    if row.variants is not None:
        have = [_variant_key({"label": v.label, "reply": v.reply, "target_tag": v.target_tag, "ab_group": v.ab_group,
                              "enabled": v.enabled}) for v in entry.variants]  # fmt: skip
        if have != [_variant_key(v) for v in row.variants]:
            return True
    if row.examples is not None:
        have_x = sorted(
            _example_key({"kind": x.kind, "dialogue": x.dialogue, "comment": x.comment})
            for x in entry.examples
        )
        if have_x != sorted(_example_key(x) for x in row.examples):
            return True
    if row.asset_ids is not None:
        return list(entry.asset_ids) != _asset_targets(row, extras)
    return False


def _sync_children(lib: Library, entry_id: str, row: ImportRow, extras: Extras | None) -> None:
    entry = lib.get(entry_id)
    if row.variants is not None:
        wanted = row.variants
        if [_variant_key({"label": v.label, "reply": v.reply, "target_tag": v.target_tag, "ab_group": v.ab_group,
                          "enabled": v.enabled}) for v in entry.variants] != [_variant_key(v) for v in wanted]:  # fmt: skip
            for variant in entry.variants:
                lib.variants.delete(variant.id)
            for v in wanted:
                vid = str(v.get("id") or "") or None
                if vid and (
                    not _is_uuid(vid) or lib.database.scalar("SELECT 1 FROM variants WHERE id = ?", (vid,))
                ):
                    vid = None
                lib.variants.add(
                    entry_id, str(v.get("reply", "")), label=str(v.get("label", "")),
                    target_tag=str(v.get("target_tag", "")), ab_group=str(v.get("ab_group", "")),
                    enabled=bool(v.get("enabled", True)), variant_id=vid,
                )  # fmt: skip
    if row.examples is not None:
        have = {
            _example_key({"kind": x.kind, "dialogue": x.dialogue, "comment": x.comment}): x.id
            for x in entry.examples
        }
        wanted_keys = [_example_key(x) for x in row.examples]
        for key, example_id in have.items():
            if key not in wanted_keys:
                lib.examples.delete(example_id)
        for key in wanted_keys:
            if key not in have:
                lib.examples.add(entry_id, key[0], key[1], key[2])
    if row.asset_ids is not None:
        targets = _asset_targets(row, extras)
        for asset_id in entry.asset_ids:
            if asset_id not in targets:
                lib.assets.unlink(entry_id, asset_id)
        for asset_id in targets:
            if asset_id not in entry.asset_ids:
                lib.assets.link(entry_id, asset_id)
