"""Time: stored in UTC (naive), entered and shown in local time (`TZ` honoured).

`CREATORCTL_FAKE_NOW` (ISO, local time) freezes the clock for tests, demos and screenshots.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta


def now_local() -> datetime:
    """Local wall-clock time, naive."""
    fake = os.environ.get("CREATORCTL_FAKE_NOW")
    if fake:
        return datetime.fromisoformat(fake).replace(tzinfo=None)
    return datetime.now().replace(microsecond=0)


def utcnow() -> datetime:
    """Now in UTC, naive (the form the store keeps)."""
    return local_to_utc(now_local())


def utcnow_exact() -> datetime:
    """Now in UTC, naive, to the microsecond (the scheduler's clock); frozen like `utcnow`."""
    if os.environ.get("CREATORCTL_FAKE_NOW"):
        return utcnow()
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return now_local().date()


def local_to_utc(dt: datetime) -> datetime:
    """A naive local time → naive UTC."""
    return dt.astimezone(UTC).replace(tzinfo=None)


class LocalToUtc:
    """`local_to_utc` for many times (an import): the zone's offset is looked up once per
    local hour. An hour in which the offset changes (a DST switch) is converted time by time."""

    def __init__(self) -> None:
        self._offsets: dict[tuple[int, int, int, int], timedelta | None] = {}

    def __call__(self, dt: datetime) -> datetime:
        key = (dt.year, dt.month, dt.day, dt.hour)
        offset = self._offsets.get(key, _UNKNOWN)
        if offset is _UNKNOWN:
            start = dt.replace(minute=0, second=0, microsecond=0)
            end = start + timedelta(minutes=59, seconds=59, microseconds=999_999)
            first, last = start - local_to_utc(start), end - local_to_utc(end)
            offset = first if first == last else None
            if len(self._offsets) > 100_000:
                self._offsets.clear()
            self._offsets[key] = offset
        return local_to_utc(dt) if offset is None else dt - offset  # type: ignore[operator]


_UNKNOWN = object()


def utc_to_local(dt: datetime) -> datetime:
    """A naive UTC time from the store → naive local time for display."""
    return dt.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def fmt_local(dt: datetime | None, *, seconds: bool = False) -> str:
    if dt is None:
        return "–"
    return utc_to_local(dt).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def fmt_short(dt: datetime, now: datetime | None = None) -> str:
    """A local time in 11 columns: '11-20 21:05' this year, '2024-11-20' in another year.

    Without the year, comments from 2024 and 2026 would look interleaved in one list.
    """
    year = (now or now_local()).year
    return dt.strftime("%m-%d %H:%M" if dt.year == year else "%Y-%m-%d")


def as_datetime(value: object) -> datetime:
    """A datetime from what SQLite hands back (a datetime, or its ISO text)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
