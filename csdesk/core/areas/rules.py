"""lib.rules: red-line rules (the built-in sets and the supervisor's own) and checking text against them."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from csdesk.core.areas._common import (
    clean_list,
    log,
    rule_from_row,
)
from csdesk.core.areas.base import Area

if TYPE_CHECKING:
    from csdesk.core.library import Library
from csdesk.core.errors import NotFoundError
from csdesk.core.models import (
    Rule,
    RuleHit,
)
from csdesk.core.rules import RuleChecker, builtin_rule_versions, load_builtin_rules


class RulesArea(Area):
    """Red-line rules: the built-in sets and the supervisor's own, and checking text against them."""

    def __init__(self, lib: Library) -> None:
        super().__init__(lib)
        self._checker: RuleChecker | None = None
        self._checker_lock = threading.Lock()

    def all(self, *, include_disabled: bool = True) -> list[Rule]:
        sql = (
            "SELECT * FROM rules"
            + ("" if include_disabled else " WHERE enabled = 1")
            + " ORDER BY builtin, id"
        )
        return [rule_from_row(r) for r in self._db.all(sql)]

    def get(self, rule_id: int) -> Rule:
        row = self._db.one("SELECT * FROM rules WHERE id = ?", (rule_id,))
        if row is None:
            raise NotFoundError(f"找不到规则 {rule_id}。", f"No rule {rule_id}.")
        return rule_from_row(row)

    def add(self, rule: Rule) -> Rule:
        from csdesk.core.rules import validate_rule

        validate_rule(rule)
        with self._db.transaction():
            rule_id = self._insert(rule)
        self._changed()
        return self.get(rule_id)

    def add_many(self, rules: Sequence[Rule]) -> int:
        """Add many rules at once (a pasted word list); all or nothing."""
        from csdesk.core.rules import validate_rule

        for rule in rules:
            validate_rule(rule)
        with self._db.transaction():
            for rule in rules:
                self._insert(rule)
        self._changed()
        return len(rules)

    def update(self, rule_id: int, **changes: Any) -> Rule:
        from csdesk.core.rules import validate_rule

        current = self.get(rule_id)
        if "exceptions" in changes:
            changes["exceptions"] = tuple(clean_list(changes["exceptions"]))
        updated = Rule(**{**asdict(current), **changes})
        validate_rule(updated)
        with self._db.transaction():
            self._db.execute(
                "UPDATE rules SET pattern = ?, kind = ?, severity = ?, reason = ?, suggestion = ?, exceptions = ?, "
                "source = ?, shop_id = ?, enabled = ? WHERE id = ?",
                (updated.pattern, updated.kind, updated.severity, updated.reason, updated.suggestion,
                 json.dumps(list(updated.exceptions), ensure_ascii=False), updated.source, updated.shop_id,
                 int(updated.enabled), rule_id),
            )  # fmt: skip
        self._changed()
        return self.get(rule_id)

    def delete(self, rule_id: int) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM rules WHERE id = ?", (rule_id,))
        self._changed()

    def _insert(self, rule: Rule) -> int:
        cur = self._db.execute(
            "INSERT INTO rules(pattern, kind, severity, reason, suggestion, exceptions, source, shop_id, enabled, builtin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rule.pattern, rule.kind, rule.severity, rule.reason, rule.suggestion,
             json.dumps(list(rule.exceptions), ensure_ascii=False), rule.source, rule.shop_id, int(rule.enabled),
             int(rule.builtin)),
        )  # fmt: skip
        return int(cur.lastrowid or 0)

    def _set_builtin_versions(self, versions: Mapping[str, int]) -> None:
        for source, version in versions.items():
            self._set_meta(f"rules_version.{source}", str(version))

    def upgrade_builtin(self) -> None:
        """Add the built-in rules that a newer csdesk ships to a library made with older rule files.

        The library remembers the version of each rule file it holds (meta ``rules_version.<source>``; none means
        version 1). When a shipped file is newer, its rules whose pattern the library lacks are added; rules already
        there stay as the supervisor left them (switched off, reworded), and none is removed.
        """
        shipped = builtin_rule_versions()
        stale = {
            source: version
            for source, version in shipped.items()
            if int(self._meta(f"rules_version.{source}") or 1) < version
        }
        if not stale:
            return
        with self._db.transaction():
            held = {
                (row["source"], row["pattern"])
                for row in self._db.all("SELECT source, pattern FROM rules WHERE builtin = 1")
            }
            added = 0
            for rule in load_builtin_rules():
                if rule.source in stale and (rule.source, rule.pattern) not in held:
                    self._insert(rule)
                    added += 1
            self._set_builtin_versions(stale)
        log.info("built-in rules upgraded (%s): %d added", ", ".join(sorted(stale)), added)
        self._changed()

    def _changed(self) -> None:
        with self._checker_lock:
            self._checker = None
        self._notify("rules")

    def check(self, text: str, *, shop: str | int | None = None) -> list[RuleHit]:
        """Red-line hits in ``text`` for ``shop`` (library-wide rules always apply)."""
        shop_id = self._lib.shops.get(shop).id if shop not in (None, "") else None
        return self.checker().check(text, shop_id=shop_id)

    def checker(self) -> RuleChecker:
        """The checker of the enabled rules (built once, rebuilt after a rule changes): for checking many texts,
        by shop id."""
        with self._checker_lock:
            if self._checker is None:
                self._checker = RuleChecker(self.all(include_disabled=False))
            return self._checker
