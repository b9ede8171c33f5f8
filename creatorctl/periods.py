"""Reporting periods (last N days or a custom range) and how they map onto stored times.

No SQLAlchemy at import time: the tabs import this before the first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.timeutil import local_to_utc, to_db, today

if TYPE_CHECKING:
    from creatorctl.store import Store

PRESETS = (7, 28, 90, 365)
"""The period switch's choices, in days."""


@dataclass(frozen=True)
class Period:
    """Whole local days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def utc_bounds(self) -> tuple[str, str]:
        """[from, to) in the store's UTC form, for filtering `published_at`."""
        lo = local_to_utc(datetime.combine(self.start, time()))
        hi = local_to_utc(datetime.combine(self.end + timedelta(days=1), time()))
        return to_db(lo), to_db(hi)

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


def last_data_day(store: Store, account_id: int) -> date | None:
    """The newest day of account numbers not after today (imports may end before today)."""
    import sqlalchemy as sa

    with store.read() as conn:
        row = conn.execute(
            sa.text("SELECT max(day) FROM accountdaily WHERE account_id=:a AND day <= :today"),
            {"a": account_id, "today": today().isoformat()},
        ).scalar()
    return date.fromisoformat(str(row)) if row else None


def last_days(store: Store, account_id: int, days: int) -> Period:
    """The last `days` days ending on the newest day with numbers (today when there are none)."""
    if days < 1:
        raise UserError(t("ins.err_period", days=days))
    end = last_data_day(store, account_id) or today()
    return Period(end - timedelta(days=days - 1), end)


def custom(start: date, end: date) -> Period:
    if end < start:
        raise UserError(t("ins.err_range", start=start, end=end))
    return Period(start, end)


def parse_range(text: str) -> Period:
    """'2026-10-01..2026-10-31' (or with a space, '~' or ' - ' between) → Period."""
    cleaned = text.strip()
    for sep in ("..", "~", " - ", " "):
        if sep in cleaned:
            a, _, b = cleaned.partition(sep)
            try:
                return custom(date.fromisoformat(a.strip()), date.fromisoformat(b.strip()))
            except ValueError:
                break
    raise UserError(t("ins.err_range_format", text=text))
