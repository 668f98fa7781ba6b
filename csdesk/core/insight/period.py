"""A period of Beijing days, and the filters (shop, agent, category) every statistic takes.

The logs store UTC times (``2026-05-01T16:30:00Z``); the shops and platforms count in Beijing days, so a day here runs
from 16:00 UTC the evening before. Migration 0003's roll-ups use the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from csdesk.core.errors import ValidationError

__all__ = ["BEIJING", "Period", "beijing_today", "parse_day"]

BEIJING = timedelta(hours=8)


def beijing_today() -> date:
    return (datetime.now(UTC) + BEIJING).date()


def parse_day(text: str, what: str = "日期") -> date:
    """``2026-05-01`` (also ``2026/5/1``, ``20260501``) as a date; anything else is a clear ValidationError."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    try:
        if len(cleaned) == 8 and cleaned.isdigit():
            return date(int(cleaned[:4]), int(cleaned[4:6]), int(cleaned[6:]))
        year, month, day = (int(p) for p in cleaned.split("-"))
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"{what}「{text}」无法识别,请写成 2026-05-01 这样的日期。",
            f"Cannot read the date '{text}'; write it like 2026-05-01.",
        ) from None


@dataclass(frozen=True)
class Period:
    """Beijing days ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                f"时间段的结束日期 {self.end} 早于开始日期 {self.start}。",
                f"The period ends ({self.end}) before it starts ({self.start}).",
            )

    @classmethod
    def last_days(cls, days: int, today: date | None = None) -> Period:
        """The ``days`` days up to and including ``today`` (Beijing)."""
        end = today or beijing_today()
        return cls(end - timedelta(days=max(days, 1) - 1), end)

    @classmethod
    def since(cls, since: str | None, until: str | None = None, *, default_days: int = 7) -> Period:
        """From the command line: ``since`` and ``until`` as dates; without ``since`` the last ``default_days``."""
        end = parse_day(until, "结束日期") if until else beijing_today()
        if not since:
            return cls.last_days(default_days, end)
        return cls(parse_day(since, "开始日期"), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[str]:
        return [(self.start + timedelta(days=i)).isoformat() for i in range(self.days)]

    @property
    def first_day(self) -> str:
        return self.start.isoformat()

    @property
    def last_day(self) -> str:
        return self.end.isoformat()

    @property
    def start_ts(self) -> str:
        """The first UTC log time inside the period (compare with ``ts >=``)."""
        moment = datetime(self.start.year, self.start.month, self.start.day) - BEIJING
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def end_ts(self) -> str:
        """The first UTC log time after the period (compare with ``ts <``)."""
        after = self.end + timedelta(days=1)
        moment = datetime(after.year, after.month, after.day) - BEIJING
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def previous(self) -> Period:
        """The period of the same length just before this one (for "compared with last week")."""
        length = timedelta(days=self.days)
        return Period(self.start - length, self.end - length)

    def label(self) -> str:
        return f"{self.first_day} – {self.last_day}"
