"""Usage statistics over a period, per shop, category and agent: what is used, what never is, what trips red lines.

Counts come from migration 0003's daily roll-ups (``usage_daily``, ``usage_daily_agent``, ``search_daily``), summed in
SQL; only a filter on one agent reads the raw ``usage_log`` (through its ``(agent, ts)`` index, a twentieth of a
team's rows). The shop of a copy is the shop the agent was serving (``usage_log.shop_id``); copies made without a
shop count under shop 0, "no shop".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from csdesk.core.insight.period import Period
from csdesk.core.library import Library

__all__ = ["AgentUse", "EntryUse", "GroupUse", "Totals", "UsageStats"]

COPY_ACTIONS = ("copy", "override", "warned")
"""Every action of usage_log is a copy; ``override`` a block-level red line overridden, ``warned`` a warning."""


@dataclass(frozen=True)
class EntryUse:
    entry_id: str
    title: str
    code: str
    shop: str
    category: str
    copies: int
    overrides: int = 0
    warned: int = 0

    @property
    def override_share(self) -> float:
        return self.overrides / self.copies if self.copies else 0.0


@dataclass(frozen=True)
class AgentUse:
    agent: str
    copies: int
    overrides: int
    searches_failed: int
    searches_not_copied: int


@dataclass(frozen=True)
class GroupUse:
    """Copies per shop or per category."""

    name: str
    copies: int
    overrides: int = 0


@dataclass(frozen=True)
class Totals:
    copies: int = 0
    overrides: int = 0
    warned: int = 0
    searches_failed: int = 0
    searches_not_copied: int = 0
    entries_used: int = 0
    entries_never_used: int = 0
    agents: int = 0
    days: int = 0


@dataclass
class UsageStats:
    """The statistics of one period, optionally for one shop, agent and category (subtree)."""

    lib: Library
    period: Period
    shop: str | int | None = None
    agent: str | None = None
    category: int | None = None
    _shop_id: int | None = field(default=None, init=False)
    _category_ids: list[int] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.shop not in (None, ""):
            self._shop_id = self.lib.shops.get(self.shop).id  # NotFoundError (zh + en) for an unknown shop
        if self.category is not None:
            self.lib.categories.get(self.category)
            self._category_ids = self.lib.categories.subtree(self.category)
        if self.agent == "":
            self.agent = None

    # -- SQL building --------------------------------------------------------------------------------------
    def _usage(self, *, by_day: bool = False) -> tuple[str, list[Any]]:
        """A subquery of (day, entry_id, shop_id, action, n) rows inside the period and the filters.

        Without ``by_day`` the whole months inside the period come from ``usage_monthly`` (their ``day`` is the
        month, ``YYYY-MM``) and only the days at its edges from ``usage_daily``: a year sums 12 rows per entry and
        shop, not 250.
        """
        params: list[Any] = []
        if self.agent is not None:
            sql = (
                "SELECT date(ts, '+8 hours') AS day, entry_id, COALESCE(shop_id, 0) AS shop_id, action,"
                " COUNT(*) AS n FROM usage_log WHERE agent = ? AND ts >= ? AND ts < ? GROUP BY 1, 2, 3, 4"
            )
            params += [self.agent, self.period.start_ts, self.period.end_ts]
        else:
            months = [] if by_day else _whole_months(self.period)
            if not months:
                sql = "SELECT day, entry_id, shop_id, action, n FROM usage_daily WHERE day BETWEEN ? AND ?"
                params += [self.period.first_day, self.period.last_day]
            else:
                first_month, last_month = months[0], months[-1]
                sql = (
                    "SELECT month AS day, entry_id, shop_id, action, n FROM usage_monthly WHERE month BETWEEN ? AND ?"
                    " UNION ALL SELECT day, entry_id, shop_id, action, n FROM usage_daily"
                    " WHERE (day >= ? AND day < ?) OR (day > ? AND day <= ?)"
                )
                params += [
                    first_month, last_month,
                    self.period.first_day, f"{first_month}-01",
                    f"{last_month}-31", self.period.last_day,
                ]  # fmt: skip
        outer = f"SELECT u.* FROM ({sql}) u"
        conditions: list[str] = []
        if self._shop_id is not None:
            conditions.append("u.shop_id = ?")
            params.append(self._shop_id)
        if self._category_ids is not None:
            outer += " JOIN entries ce ON ce.id = u.entry_id"
            conditions.append(f"ce.category_id IN ({','.join('?' * len(self._category_ids))})")
            params.extend(self._category_ids)
        if conditions:
            outer += " WHERE " + " AND ".join(conditions)
        return outer, params

    def _searches(self) -> tuple[str, list[Any]]:
        """A subquery of (day, agent, shop_id, failed, n) inside the period and the shop / agent filters."""
        return self._daily("search_daily", "day, agent, shop_id, failed, n")

    def _daily(self, table: str, columns: str) -> tuple[str, list[Any]]:
        """``columns`` of a per-day, per-agent roll-up (``search_daily``, ``usage_daily_agent``) inside the period
        and the shop / agent filters."""
        sql = f"SELECT {columns} FROM {table} WHERE day BETWEEN ? AND ?"
        params: list[Any] = [self.period.first_day, self.period.last_day]
        if self._shop_id is not None:
            sql += " AND shop_id = ?"
            params.append(self._shop_id)
        if self.agent is not None:
            sql += " AND agent = ?"
            params.append(self.agent)
        return sql, params

    def _in_scope_entries(self) -> tuple[str, list[Any]]:
        """WHERE clause (on alias e) of the live, enabled entries the filters cover."""
        where = ["e.deleted_at IS NULL", "e.enabled = 1"]
        params: list[Any] = []
        if self._shop_id is not None:
            where.append("e.shop_id IN (?, ?)")
            params += [self._shop_id, self.lib.shops.shared.id]
        if self._category_ids is not None:
            where.append(f"e.category_id IN ({','.join('?' * len(self._category_ids))})")
            params.extend(self._category_ids)
        return " AND ".join(where), params

    # -- statistics ----------------------------------------------------------------------------------------
    def totals(self) -> Totals:
        db = self.lib.database
        usage, params = self._usage()
        row = db.one(
            f"""SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN action = 'override' THEN n END), 0),
                       COALESCE(SUM(CASE WHEN action = 'warned' THEN n END), 0), COUNT(DISTINCT entry_id)
                FROM ({usage})""",
            tuple(params),
        )
        searches, sparams = self._searches()
        srow = db.one(
            f"""SELECT COALESCE(SUM(CASE WHEN failed = 1 THEN n END), 0),
                       COALESCE(SUM(CASE WHEN failed = 0 THEN n END), 0) FROM ({searches})""",
            tuple(sparams),
        )
        agents = len([a for a in self.per_agent() if a.copies]) if self.agent is None else 1
        assert row is not None and srow is not None
        return Totals(
            copies=int(row[0]),
            overrides=int(row[1]),
            warned=int(row[2]),
            searches_failed=int(srow[0]),
            searches_not_copied=int(srow[1]),
            entries_used=int(row[3]),
            entries_never_used=self.count_never_used(),
            agents=agents,
            days=self.period.days,
        )

    def over_time(self) -> list[tuple[str, int]]:
        """(day, copies) for every day of the period, days without a copy included (a chart needs them)."""
        if self._category_ids is None:  # the agents' roll-up is the smallest that has every day
            usage, params = self._daily("usage_daily_agent", "day, n")
        else:
            usage, params = self._usage(by_day=True)
        counts = {
            r[0]: int(r[1])
            for r in self.lib.database.all(f"SELECT day, SUM(n) FROM ({usage}) GROUP BY day", tuple(params))
        }
        return [(day, counts.get(day, 0)) for day in self.period.each_day()]

    def _entry_counts(self, order: str, limit: int | None, having: str = "") -> list[EntryUse]:
        usage, params = self._usage()
        sql = f"""SELECT u.entry_id, SUM(u.n) AS copies,
                         SUM(CASE WHEN u.action = 'override' THEN u.n ELSE 0 END) AS overrides,
                         SUM(CASE WHEN u.action = 'warned' THEN u.n ELSE 0 END) AS warned
                  FROM ({usage}) u JOIN entries e ON e.id = u.entry_id
                  WHERE e.deleted_at IS NULL
                  GROUP BY u.entry_id {having} ORDER BY {order}"""
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.lib.database.all(sql, tuple(params))
        return self._entry_uses([(r[0], int(r[1]), int(r[2]), int(r[3])) for r in rows])

    def _entry_uses(self, counted: list[tuple[str, int, int, int]]) -> list[EntryUse]:
        entries = {e.id: e for e in self.lib.get_many([c[0] for c in counted])}
        shops = {s.id: s.name for s in self.lib.shops.all()}
        out = []
        for entry_id, copies, overrides, warned in counted:
            entry = entries.get(entry_id)
            if entry is None:
                continue
            out.append(
                EntryUse(
                    entry_id,
                    entry.title,
                    entry.code,
                    shops.get(entry.shop_id, ""),
                    entry.category_path,
                    copies,
                    overrides,
                    warned,
                )
            )
        return out

    def top_entries(self, limit: int = 20) -> list[EntryUse]:
        """Most copied first."""
        return self._entry_counts("copies DESC, u.entry_id", limit)

    def least_used(self, limit: int = 20) -> list[EntryUse]:
        """Used at least once in the period, least copied first (never used ones: :meth:`never_used`)."""
        return self._entry_counts("copies ASC, u.entry_id", limit)

    def _never_used_sql(self) -> tuple[str, list[Any]]:
        usage, params = self._usage()
        where, wparams = self._in_scope_entries()
        sql = f"""FROM entries e WHERE {where}
                  AND e.id NOT IN (SELECT entry_id FROM ({usage}))"""
        return sql, [*wparams, *params]

    def count_never_used(self) -> int:
        sql, params = self._never_used_sql()
        return int(self.lib.database.scalar(f"SELECT COUNT(*) {sql}", tuple(params)) or 0)

    def never_used(self, limit: int | None = 200) -> list[EntryUse]:
        """Live, enabled entries in scope not copied once in the period (to prune or retire), oldest first."""
        sql, params = self._never_used_sql()
        query = f"SELECT e.id {sql} ORDER BY e.updated_at, e.id"
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        ids = [r[0] for r in self.lib.database.all(query, tuple(params))]
        return self._entry_uses([(entry_id, 0, 0, 0) for entry_id in ids])

    def overridden(self, limit: int = 20) -> list[EntryUse]:
        """Entries copied and then overridden on a block-level red line, most overrides first."""
        return self._entry_counts("overrides DESC, copies DESC, u.entry_id", limit, "HAVING overrides > 0")

    def override_reasons(self, entry_id: str, limit: int = 5) -> list[str]:
        """The newest reasons agents gave for overriding a red line on ``entry_id`` in the period."""
        params: list[Any] = [entry_id, self.period.start_ts, self.period.end_ts]
        sql = "SELECT note FROM usage_log WHERE entry_id = ? AND action = 'override' AND ts >= ? AND ts < ?"
        if self.agent is not None:
            sql += " AND agent = ?"
            params.append(self.agent)
        sql += " AND note != '' ORDER BY ts DESC LIMIT ?"
        return [r[0] for r in self.lib.database.all(sql, (*params, limit))]

    def per_agent(self) -> list[AgentUse]:
        """Copies, overrides and unanswered searches per agent, most copies first."""
        db = self.lib.database
        params: list[Any] = [self.period.first_day, self.period.last_day]
        sql = "SELECT agent, SUM(n), SUM(CASE WHEN action = 'override' THEN n ELSE 0 END) FROM usage_daily_agent"
        sql += " WHERE day BETWEEN ? AND ?"
        if self._shop_id is not None:
            sql += " AND shop_id = ?"
            params.append(self._shop_id)
        if self.agent is not None:
            sql += " AND agent = ?"
            params.append(self.agent)
        copies = {r[0]: (int(r[1]), int(r[2])) for r in db.all(sql + " GROUP BY agent", tuple(params))}
        searches, sparams = self._searches()
        failed: dict[str, list[int]] = {}
        for r in db.all(
            f"SELECT agent, failed, SUM(n) FROM ({searches}) GROUP BY agent, failed", tuple(sparams)
        ):
            failed.setdefault(r[0], [0, 0])[0 if r[1] else 1] += int(r[2])
        agents = sorted(set(copies) | set(failed), key=lambda a: (-copies.get(a, (0, 0))[0], a))
        out = []
        for a in agents:
            made, overridden = copies.get(a, (0, 0))
            found_nothing, not_copied = failed.get(a, [0, 0])
            out.append(AgentUse(a, made, overridden, found_nothing, not_copied))
        return out

    def per_shop(self) -> list[GroupUse]:
        usage, params = self._usage()
        shops = {s.id: s.name for s in self.lib.shops.all()}
        rows = self.lib.database.all(
            f"""SELECT shop_id, SUM(n), SUM(CASE WHEN action = 'override' THEN n ELSE 0 END)
                FROM ({usage}) GROUP BY shop_id ORDER BY 2 DESC""",
            tuple(params),
        )
        return [GroupUse(shops.get(int(r[0]), "") if r[0] else "", int(r[1]), int(r[2])) for r in rows]

    def per_category(self) -> list[GroupUse]:
        usage, params = self._usage()
        rows = self.lib.database.all(
            f"""SELECT e.category_id, SUM(u.n), SUM(CASE WHEN u.action = 'override' THEN u.n ELSE 0 END)
                FROM ({usage}) u JOIN entries e ON e.id = u.entry_id GROUP BY e.category_id ORDER BY 2 DESC""",
            tuple(params),
        )
        paths = {c.id: c.path for c in self.lib.categories.all("*")}
        return [GroupUse(paths.get(r[0], "") if r[0] is not None else "", int(r[1]), int(r[2])) for r in rows]

    def agents(self) -> list[str]:
        """Every agent with a copy or a search in the logs (for a chooser)."""
        rows = self.lib.database.all(
            "SELECT agent FROM usage_daily_agent UNION SELECT agent FROM search_daily ORDER BY 1"
        )
        return [r[0] for r in rows]

    def as_dict(self, limit: int = 20) -> dict[str, Any]:
        """Everything above as plain data (``csdesk stats --json``)."""
        shops = {s.id: s.name for s in self.lib.shops.all()}
        return {
            "period": {"start": self.period.first_day, "end": self.period.last_day},
            "shop": shops.get(self._shop_id, "") if self._shop_id is not None else None,
            "agent": self.agent,
            "totals": asdict(self.totals()),
            "over_time": [{"day": d, "copies": n} for d, n in self.over_time()],
            "top_entries": [asdict(e) for e in self.top_entries(limit)],
            "least_used": [asdict(e) for e in self.least_used(limit)],
            "never_used": [asdict(e) for e in self.never_used(limit)],
            "overridden": [asdict(e) for e in self.overridden(limit)],
            "per_agent": [asdict(a) for a in self.per_agent()],
            "per_shop": [asdict(s) for s in self.per_shop()],
            "per_category": [asdict(c) for c in self.per_category()],
        }


def _whole_months(period: Period) -> list[str]:
    """The months (``YYYY-MM``) that lie entirely inside ``period``."""
    months = []
    year, month = period.start.year, period.start.month
    if period.start.day != 1:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while True:
        first = date(year, month, 1)
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        if first < period.start or following - timedelta(days=1) > period.end:
            break
        months.append(f"{year:04d}-{month:02d}")
        year, month = following.year, following.month
    return months
