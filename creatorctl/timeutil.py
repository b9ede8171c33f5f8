"""Time on Douyin's clock: stored in UTC (naive), entered and shown in the account's zone.

Douyin's times are China Standard Time. The zone is ``[account] timezone`` in the config
(default ``Asia/Shanghai``), overridden per account (`Account.timezone`); the server's ``TZ``
does not matter, except with the value ``local``, which means "this machine's zone". It decides
how naive times in files are read, how times are shown, and how schedule times are entered.

`CREATORCTL_FAKE_NOW` (ISO, in that zone) freezes the clock for tests, demos and screenshots.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
LOCAL = "local"
"""The zone value meaning this machine's own zone (``TZ``)."""
BEIJING_ZONES = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", "Asia/Urumqi"})
"""Zones shown as 北京时间 / Beijing time (Asia/Urumqi is officially on Beijing time too)."""

_config_zone: str | None = None
"""``[account] timezone`` as the config file says (None: not read yet)."""
_account_zone: str = ""
"""The current account's own zone ("" : the config's)."""


def valid_zone(name: str) -> bool:
    """Whether `name` is a zone this machine knows (an IANA name such as Asia/Tokyo, or local)."""
    if name == LOCAL:
        return True
    try:
        _zone_info(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def _zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def set_config_zone(name: str | None) -> None:
    """The ``[account] timezone`` setting (called when the config is read; None forgets it)."""
    global _config_zone
    _config_zone = name


def use_account_zone(name: str | None) -> None:
    """The current account's own zone ("" or None: the setting's)."""
    global _account_zone
    _account_zone = name or ""


def zone_name() -> str:
    """The zone in force: the account's, else ``[account] timezone``, else Asia/Shanghai."""
    if _account_zone:
        return _account_zone
    if _config_zone is None:
        from creatorctl.config import account_timezone

        # A bad zone raises ConfigError (one line, exit 1) rather than guess it.
        set_config_zone(account_timezone())
        if _config_zone is None:
            set_config_zone(DEFAULT_ZONE)
    return _config_zone or DEFAULT_ZONE


def zone() -> tzinfo | None:
    """The zone in force as a tzinfo; None for `LOCAL` (this machine's zone)."""
    name = zone_name()
    return None if name == LOCAL else _zone_info(name)


def zone_label(name: str | None = None) -> str:
    """How the UI names the zone: 北京时间 / Beijing time, else the zone's name."""
    from creatorctl.i18n import t

    name = name or zone_name()
    if name in BEIJING_ZONES:
        return t("time.beijing")
    if name == LOCAL:
        return t("time.local")
    return name


def now_local() -> datetime:
    """Wall-clock time in the zone in force, naive."""
    fake = os.environ.get("CREATORCTL_FAKE_NOW")
    if fake:
        return datetime.fromisoformat(fake).replace(tzinfo=None)
    return datetime.now(zone()).replace(microsecond=0, tzinfo=None)


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
    """A naive time in the zone in force → naive UTC."""
    z = zone()
    if z is None:
        return dt.astimezone(UTC).replace(tzinfo=None)
    return dt.replace(tzinfo=z).astimezone(UTC).replace(tzinfo=None)


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
    """A naive UTC time from the store → naive time in the zone in force, for display."""
    return dt.replace(tzinfo=UTC).astimezone(zone()).replace(tzinfo=None)


def aware_to_local(dt: datetime) -> datetime:
    """A time with an offset (``…+08:00``, ``…Z``) → naive time in the zone in force."""
    return dt.astimezone(zone()).replace(tzinfo=None)


def timestamp_to_local(seconds: float) -> datetime:
    """Unix seconds → naive time in the zone in force."""
    z = zone()
    if z is None:
        return datetime.fromtimestamp(seconds)
    return datetime.fromtimestamp(seconds, z).replace(tzinfo=None)


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


# --- stored instants ------------------------------------------------------------------------

DB_TIME_LEN = 26
"""Every stored instant is UTC text ``YYYY-MM-DD HH:MM:SS.ffffff``: 26 characters, always.

Why this one: fixed width, so comparing the text compares the times (a whole-second
``… 10:00:00`` sorts before ``… 10:00:00.000000``, the same instant, which is how mixed forms
broke range queries); microseconds, because the scheduler orders claims and heartbeats within a
second; and it is exactly what SQLAlchemy's SQLite DateTime type writes and reads, so the
SQLModel tables and hand-written SQL agree. Dates (``day``, ``snapshot_date``) stay
``YYYY-MM-DD``. Migration 0014 rewrote older stores into this form."""


def to_db(dt: datetime) -> str:
    """The stored text of an instant: naive UTC (an aware time is converted to UTC first)."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.isoformat(sep=" ", timespec="microseconds")


def from_db(value: object) -> datetime:
    """An instant as the store hands it back (its text, or a datetime on PostgreSQL) → naive
    UTC. Reads older forms too (whole seconds, a ``T``), so it never fails on a value the
    release before migration 0014 wrote."""
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def as_datetime(value: object) -> datetime:
    """Old name of `from_db`, kept for code written before it."""
    return from_db(value)
