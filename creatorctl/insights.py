"""The Data centre's numbers: period KPIs, daily series, distributions, diagnostics, trending.

Everything is aggregated in SQL, so the cost follows what is shown, not how much is stored.
Fan numbers (loss spikes, decline, portrait, activity) are in `creatorctl.fans`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from creatorctl import diagnosis
from creatorctl.config import Config, InsightsConfig
from creatorctl.diagnosis import Diagnosis
from creatorctl.periods import Period
from creatorctl.sqlport import contains, days_between, dialect_of, trunc_int
from creatorctl.store import Store, Unit
from creatorctl.timeutil import from_db, utc_to_local

KPI_KEYS = ("plays", "likes", "comments", "shares", "favorites", "profile_visits", "net_fans")
WORK_FLAGS = (
    "low_completion",
    "low_discussion",
    "low_share",
    "below_recent",
    "above_recent",
    "high_bounce",
    "weak_hook",
    "slow_middle",
)
SERIES_METRICS = ("plays", "likes", "comments", "shares", "fans_gained", "fans_lost")


@dataclass(frozen=True)
class Kpi:
    """One number for the period, the previous period's, and the change (None: no base)."""

    key: str
    value: int
    previous: int
    change: float | None


@dataclass(frozen=True)
class KpiReport:
    period: Period
    previous: Period
    kpis: tuple[Kpi, ...]

    def get(self, key: str) -> Kpi:
        return next(k for k in self.kpis if k.key == key)


def change(value: float, previous: float) -> float | None:
    """Relative change; None when the previous period had nothing to compare with."""
    if previous == 0:
        return None
    return (value - previous) / abs(previous)


_KPI_SQL = """
SELECT coalesce(sum(plays),0), coalesce(sum(likes),0), coalesce(sum(comments),0),
  coalesce(sum(shares),0), coalesce(sum(favorites),0), coalesce(sum(profile_visits),0),
  coalesce(sum(fans_gained - fans_lost),0)
FROM accountdaily WHERE account_id=:a AND day BETWEEN :lo AND :hi
"""


def kpis(store: Store, account_id: int, period: Period) -> KpiReport:
    """The period's totals against the same-length period before it."""
    prev = period.previous()
    with store.read() as conn:
        cur_row = conn.execute(sa.text(_KPI_SQL), _day_args(account_id, period)).one()
        prev_row = conn.execute(sa.text(_KPI_SQL), _day_args(account_id, prev)).one()
    return KpiReport(
        period,
        prev,
        tuple(
            Kpi(key, int(c), int(p), change(c, p))
            for key, c, p in zip(KPI_KEYS, cur_row, prev_row, strict=True)
        ),
    )


def _day_args(account_id: int, period: Period) -> dict[str, object]:
    return {"a": account_id, "lo": period.start.isoformat(), "hi": period.end.isoformat()}


@dataclass(frozen=True)
class DailySeries:
    """Per-bucket sums (a bucket is `step` days) of some daily metrics, oldest first."""

    step: int
    days: tuple[date, ...]
    """The first day of each bucket."""
    values: dict[str, tuple[int, ...]]
    totals: tuple[int | None, ...] = ()
    """The fan total at the end of each bucket (when asked for)."""


def daily_series(
    store: Store,
    account_id: int,
    period: Period,
    max_points: int,
    metrics: Sequence[str] = ("plays", "likes"),
    *,
    with_total: bool = False,
) -> DailySeries:
    """The account's daily numbers over `period`, summed in SQL into at most `max_points`."""
    unknown = [m for m in metrics if m not in SERIES_METRICS]
    if unknown:
        raise ValueError(f"unknown series metric {unknown[0]!r}")
    step = max(1, -(-period.days // max(1, max_points)))
    sums = "".join(f", sum({m})" for m in metrics)
    sql = (
        "SELECT {days} / :step AS b, min(day){sums}, "
        "max(day) AS last_day FROM accountdaily WHERE account_id=:a AND day BETWEEN :lo AND :hi "
        "GROUP BY b ORDER BY b"
    )
    if with_total:
        # The fan total at the end of each bucket: its last day's.
        sql = (
            f"SELECT g.*, d.fans_total FROM ({sql}) g LEFT JOIN accountdaily d "
            "ON d.account_id = :a AND d.day = g.last_day ORDER BY g.b"
        )
    with store.read() as conn:
        sql = sql.replace("{days}", days_between(conn, "day", ":lo")).replace("{sums}", sums)
        rows = conn.execute(sa.text(sql), {**_day_args(account_id, period), "step": step}).all()
    return DailySeries(
        step=step,
        days=tuple(date.fromisoformat(str(r[1])) for r in rows),
        values={m: tuple(int(r[2 + i] or 0) for r in rows) for i, m in enumerate(metrics)},
        totals=tuple(r[-1] for r in rows) if with_total else (),
    )


@dataclass(frozen=True)
class Bucket:
    label: str
    count: int


def completion_histogram(
    store: Store, account_id: int, period: Period | None = None, buckets: int = 10
) -> list[Bucket]:
    """How many works (published in `period`, or all) fall in each completion-rate band."""
    where, args = _works_where(account_id, period)
    with store.read() as conn:
        band = trunc_int(conn, "completion_rate * :n")
        sql = (
            f"SELECT CASE WHEN {band} < :n - 1 THEN {band} ELSE :n - 1 END AS b, count(*) "
            f"FROM work WHERE {where} AND completion_rate IS NOT NULL GROUP BY b"
        )
        rows = conn.execute(sa.text(sql), {**args, "n": buckets}).all()
    counts = {int(b): int(c) for b, c in rows}
    width = 100 // buckets
    return [Bucket(f"{i * width}-{(i + 1) * width}%", counts.get(i, 0)) for i in range(buckets)]


def _works_where(account_id: int, period: Period | None) -> tuple[str, dict[str, object]]:
    where = "account_id=:a AND deleted_at IS NULL"
    args: dict[str, object] = {"a": account_id}
    if period is not None:
        lo, hi = period.utc_bounds()
        where += " AND published_at >= :plo AND published_at < :phi"
        args.update(plo=lo, phi=hi)
    return where, args


@dataclass(frozen=True)
class WorkStat:
    """A work's latest numbers, its diagnostic flags and their advice."""

    id: int
    title: str
    published_at: datetime
    """Local time."""
    plays: int
    likes: int
    comments: int
    shares: int
    completion_rate: float | None
    flags: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    """One piece of advice per flag, in the same order; it names the numbers behind it."""
    diagnosis: Diagnosis | None = None

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "work_id": self.id,
            "title": self.title,
            "flags": list(self.flags),
            "advice": list(self.advice),
        }
        if self.diagnosis is not None:
            out["relative"] = self.diagnosis.relative_json()
        return out


_STAT_COLS = "id, title, published_at, plays, likes, comments, shares, completion_rate"


def _stat(r: sa.Row, d: Diagnosis | None = None) -> WorkStat:
    return WorkStat(
        id=r.id,
        title=r.title,
        published_at=utc_to_local(from_db(r.published_at)),
        plays=r.plays,
        likes=r.likes,
        comments=r.comments,
        shares=r.shares,
        completion_rate=r.completion_rate,
        flags=d.flags if d else (),
        advice=d.advice if d else (),
        diagnosis=d,
    )


def diagnosed_works(
    store: Store, account_id: int, cfg: InsightsConfig, period: Period | None = None
) -> list[WorkStat]:
    """Every work published in `period` (or ever) with its diagnosis, newest first."""
    where, args = "", dict[str, object]()
    if period is not None:
        lo, hi = period.utc_bounds()
        where, args = "AND published_at >= :plo AND published_at < :phi", {"plo": lo, "phi": hi}
    found = diagnosis.load(store, account_id, cfg, where=where, args=args)
    return [_stat(r, d) for r, d in reversed(found)]


def flagged_works(
    store: Store,
    account_id: int,
    cfg: InsightsConfig,
    period: Period | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[WorkStat]:
    """Works with at least one flag, newest first (published in `period`, or all)."""
    flagged = [w for w in diagnosed_works(store, account_id, cfg, period) if w.flags]
    return flagged[offset : None if limit is None else offset + limit]


def count_flagged(
    store: Store, account_id: int, cfg: InsightsConfig, period: Period | None = None
) -> int:
    return sum(1 for w in diagnosed_works(store, account_id, cfg, period) if w.flags)


def work_flags(store: Store, work_id: int, cfg: InsightsConfig) -> WorkStat | None:
    """One work's numbers and diagnosis (for the work detail screen); None if there is none."""
    with store.read() as conn:
        acc = conn.execute(sa.text("SELECT account_id FROM work WHERE id=:w"), {"w": work_id})
        account_id = acc.scalar()
    if account_id is None:
        return None
    found = diagnosis.load(store, account_id, cfg, where="AND id = :w", args={"w": work_id})
    return _stat(*found[0]) if found else None


def top_works(
    store: Store, account_id: int, period: Period | None = None, n: int = 5
) -> list[WorkStat]:
    """The most-played works published in `period` (or ever)."""
    where, args = _works_where(account_id, period)
    sql = f"SELECT {_STAT_COLS} FROM work WHERE {where} ORDER BY plays DESC, id DESC LIMIT :n"
    with store.read() as conn:
        return [_stat(r) for r in conn.execute(sa.text(sql), {**args, "n": n})]


@dataclass(frozen=True)
class Trend:
    """A trending topic in the account's niche, and whether the account has used it."""

    topic: str
    heat: int
    samples: tuple[str, ...]
    covered: bool
    day: date


def trending(store: Store, account_id: int, limit: int = 30) -> list[Trend]:
    """The newest list of trending topics for the account (or its niche), hottest first."""
    scope = (
        "(t.account_id = :a OR (t.account_id IS NULL "
        "AND t.niche = (SELECT niche FROM account WHERE id = :a)))"
    )
    sql = f"""
    SELECT t.topic, t.heat, t.sample_titles, t.day FROM trendingtopic t
    WHERE {scope} AND t.day = (SELECT max(day) FROM trendingtopic t WHERE {scope})
    ORDER BY t.heat DESC, t.topic LIMIT :lim
    """
    with store.read() as conn:
        rows = conn.execute(sa.text(sql), {"a": account_id, "lim": limit}).all()
        return [
            Trend(
                topic=r.topic,
                heat=r.heat,
                samples=tuple(s for s in r.sample_titles.splitlines() if s.strip()),
                covered=_covered(conn, account_id, r.topic),
                day=date.fromisoformat(str(r.day)),
            )
            for r in rows
        ]


def _covered(conn: Unit, account_id: int, topic: str) -> bool:
    """Whether one of the account's works carries `topic` (a whole topic, not a prefix).

    The trigram index finds candidates without scanning every work (topics of 3+ characters);
    the exact check is on the space-separated tags.
    """
    exact = contains(conn, "' ' || w.tags || ' '", "' ' || :t || ' '")
    if len(topic) >= 3 and dialect_of(conn) == "sqlite":
        sql = (
            "SELECT 1 FROM work w WHERE w.id IN (SELECT rowid FROM work_fts WHERE work_fts "
            f"MATCH :m) AND w.account_id = :a AND w.deleted_at IS NULL AND {exact} LIMIT 1"
        )
        args = {"m": 'tags:"' + topic.replace('"', '""') + '"', "a": account_id, "t": topic}
    else:
        sql = f"SELECT 1 FROM work w WHERE w.account_id = :a AND w.deleted_at IS NULL AND {exact} LIMIT 1"
        args = {"a": account_id, "t": topic}
    return conn.execute(sa.text(sql), args).first() is not None


def insights_json(store: Store, account_id: int, config: Config) -> dict[str, object]:
    """The object `creatorctl insights --json` prints (SPEC "Command line"), exactly."""
    from creatorctl.eligibility import eligibility
    from creatorctl.fans import best_times, fan_loss, region

    loss = fan_loss(store, account_id)
    reg = region(store, account_id, config.insights)
    return {
        "works": [w.as_json() for w in flagged_works(store, account_id, config.insights)],
        "region": reg.as_json(),
        "fan_loss": {
            "spikes": [s.as_json() for s in loss.spikes],
            "gradual": loss.decline is not None,
        },
        "best_times": [s.as_json() for s in best_times(store, account_id)],
        "eligibility": {
            key: e.to_json() for key, e in eligibility(store, account_id, config).items()
        },
    }
