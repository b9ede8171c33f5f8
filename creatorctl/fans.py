"""Fans: loss spikes and slow decline, the portrait, active hours and the best posting slots.

Spike rule (SPEC): a day whose losses are at least twice the median of the trailing 30 days'
losses and at least 10 is a spike. It is blamed on the work whose own fan count fell most that
day, where the data has per-work fans (the export's 粉丝增量, snapshot to snapshot); else on the
latest work published in the 3 days up to it (the spike day and the two before). A slow decline is a last 30 days with fewer fans
gained than lost and no spike in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median

import sqlalchemy as sa

from creatorctl.config import InsightsConfig
from creatorctl.i18n import fmt_pct, t
from creatorctl.store import Store, Unit
from creatorctl.timeutil import local_to_utc, to_db

TRAILING_DAYS = 30
SPIKE_FACTOR = 2.0
SPIKE_MIN_LOST = 10
ATTRIBUTION_DAYS = 3
DECLINE_DAYS = 30
MIN_DECLINE_DATA_DAYS = 7
"""A decline needs at least this many days of numbers in its 30: one bad day is not a trend."""
EARLY_TOP = 3
PORTRAIT_DIMENSIONS = ("gender", "age", "province", "device", "interest")


@dataclass(frozen=True)
class LossDay:
    day: date
    gained: int
    lost: int


@dataclass(frozen=True)
class Spike:
    """A day of unusual fan loss and the work it is attributed to (None: none published)."""

    day: date
    lost: int
    baseline: float
    """The trailing-30-day median of daily losses."""
    work_id: int | None = None
    title: str | None = None
    work_lost: int | None = None
    """Fans the work itself lost that day (per-work data); None when blamed by the 3-day rule."""

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "lost": self.lost,
            "work_id": self.work_id,
            "title": self.title,
        }


@dataclass(frozen=True)
class EarlyWork:
    id: int
    title: str
    plays: int


@dataclass(frozen=True)
class Decline:
    """The last 30 days lost more fans than they gained, with no spike to blame."""

    start: date
    end: date
    net: int
    early_works: tuple[EarlyWork, ...]

    @property
    def advice(self) -> str:
        titles = "、".join(f"《{w.title}》" for w in self.early_works)
        if not titles:
            return t("fans.decline_advice_plain")
        return t("fans.decline_advice", works=titles)


@dataclass(frozen=True)
class FanLoss:
    spikes: tuple[Spike, ...]
    decline: Decline | None


def find_spikes(days: Sequence[LossDay]) -> list[tuple[LossDay, float]]:
    """Spike days (oldest first) with their baseline; `days` sorted by day, gaps allowed.

    The baseline is the median loss over the 30 calendar days before the day (days without
    numbers are not counted). A day with no earlier numbers (the first day) has no baseline and
    is never a spike: there is nothing to call it unusual against.
    """
    out: list[tuple[LossDay, float]] = []
    lo = 0
    for i, d in enumerate(days):
        while days[lo].day < d.day - timedelta(days=TRAILING_DAYS):
            lo += 1
        window = [x.lost for x in days[lo:i]]
        if not window:
            continue
        base = float(median(window))
        if d.lost >= SPIKE_FACTOR * base and d.lost >= SPIKE_MIN_LOST:
            out.append((d, base))
    return out


def _loss_days(conn: Unit, account_id: int) -> list[LossDay]:
    rows = conn.execute(
        sa.text(
            "SELECT day, fans_gained, fans_lost FROM accountdaily WHERE account_id=:a ORDER BY day"
        ),
        {"a": account_id},
    ).all()
    return [LossDay(date.fromisoformat(str(r[0])), r[1], r[2]) for r in rows]


def _attribute(conn: Unit, account_id: int, day: date) -> tuple[int, str] | None:
    """The latest work published from two days before `day` to the end of `day` (local)."""
    lo = local_to_utc(datetime.combine(day - timedelta(days=ATTRIBUTION_DAYS - 1), time()))
    hi = local_to_utc(datetime.combine(day + timedelta(days=1), time()))
    row = conn.execute(
        sa.text(
            "SELECT id, title FROM work WHERE account_id=:a AND deleted_at IS NULL "
            "AND published_at >= :lo AND published_at < :hi ORDER BY published_at DESC, id DESC "
            "LIMIT 1"
        ),
        {"a": account_id, "lo": to_db(lo), "hi": to_db(hi)},
    ).first()
    return (row[0], row[1]) if row else None


_PER_WORK_SQL = """
SELECT w.id, w.title, p.fans_gained - s.fans_gained AS lost
FROM work w JOIN worksnapshot s ON s.work_id = w.id AND s.snapshot_date = :d
JOIN worksnapshot p ON p.work_id = w.id AND p.snapshot_date = (
  SELECT max(snapshot_date) FROM worksnapshot WHERE work_id = w.id AND snapshot_date < :d)
WHERE w.account_id = :a AND w.deleted_at IS NULL AND s.fans_gained < p.fans_gained
ORDER BY lost DESC, w.id LIMIT 1
"""


def _attribute_per_work(conn: Unit, account_id: int, day: date) -> tuple[int, str, int] | None:
    """The work whose own fan count (the export's per-work 粉丝增量, snapshot to snapshot) fell
    most on `day`: (id, title, fans it lost); None when no work's numbers show a fall."""
    row = conn.execute(sa.text(_PER_WORK_SQL), {"a": account_id, "d": day.isoformat()}).first()
    return (row[0], row[1], int(row[2])) if row else None


def work_fan_change(store: Store, work_id: int) -> tuple[int, int] | None:
    """(fans gained, fans lost) by one work: the rises and falls of its per-work fan count
    between snapshots (the first snapshot counts whole); None without snapshots."""
    sql = """
    SELECT coalesce(sum(max(d, 0)), 0), coalesce(sum(max(-d, 0)), 0), count(*) FROM (
      SELECT fans_gained - coalesce(lag(fans_gained) OVER (ORDER BY snapshot_date), 0) AS d
      FROM worksnapshot WHERE work_id = :w)
    """
    with store.read() as conn:
        gained, lost, n = conn.execute(sa.text(sql), {"w": work_id}).one()
    return (int(gained), int(lost)) if n else None


@dataclass(frozen=True)
class WorkFans:
    """Fans one work brought and cost in a period (its per-work 粉丝增量, day to day)."""

    work_id: int
    title: str
    gained: int
    lost: int


_WORK_FANS_SQL = """
SELECT w.id, w.title, sum(max(x.d, 0)) AS gained, sum(max(-x.d, 0)) AS lost FROM (
  SELECT work_id, snapshot_date,
         fans_gained - coalesce(lag(fans_gained) OVER (
           PARTITION BY work_id ORDER BY snapshot_date), 0) AS d
  FROM worksnapshot
  WHERE snapshot_date >= :lo
    AND work_id IN (SELECT id FROM work WHERE account_id = :a AND deleted_at IS NULL)
) x JOIN work w ON w.id = x.work_id
WHERE x.snapshot_date >= :since
GROUP BY w.id HAVING gained > 0 OR lost > 0
ORDER BY gained + lost DESC, w.id DESC LIMIT :n
"""


def work_fan_effects(store: Store, account_id: int, since: date, n: int = 5) -> list[WorkFans]:
    """The works whose own fan counts moved most since `since`: fans gained and lost each.

    The day before `since` comes from snapshots up to 30 days earlier; a work first seen in the
    period counts its first snapshot whole, as `work_fan_change` does."""
    params = {
        "a": account_id,
        "lo": (since - timedelta(days=30)).isoformat(),
        "since": since.isoformat(),
        "n": n,
    }
    with store.read() as conn:
        rows = conn.execute(sa.text(_WORK_FANS_SQL), params).all()
    return [WorkFans(int(r[0]), r[1], int(r[2]), int(r[3])) for r in rows]


def early_top_works(conn: Unit, account_id: int, n: int = EARLY_TOP) -> list[EarlyWork]:
    """The most-played of the account's early works (its first fifth, at least 10)."""
    count = conn.execute(
        sa.text("SELECT count(*) FROM work WHERE account_id=:a AND deleted_at IS NULL"),
        {"a": account_id},
    ).scalar_one()
    early = max(10, count // 5)
    rows = conn.execute(
        sa.text(
            "SELECT id, title, plays FROM (SELECT id, title, plays FROM work "
            "WHERE account_id=:a AND deleted_at IS NULL ORDER BY published_at, id LIMIT :k) AS early "
            "ORDER BY plays DESC, id LIMIT :n"
        ),
        {"a": account_id, "k": early, "n": n},
    ).all()
    return [EarlyWork(r.id, r.title, r.plays) for r in rows]


def fan_loss(store: Store, account_id: int) -> FanLoss:
    """Every spike in the account's history (newest first) and the current slow decline."""
    with store.read() as conn:
        days = _loss_days(conn, account_id)
        found = find_spikes(days)
        spikes = []
        for d, base in reversed(found):
            own = _attribute_per_work(conn, account_id, d.day)
            if own is not None:
                spikes.append(Spike(d.day, d.lost, base, own[0], own[1], own[2]))
                continue
            work = _attribute(conn, account_id, d.day)
            spikes.append(
                Spike(d.day, d.lost, base, work[0] if work else None, work[1] if work else None)
            )
        decline = None
        if days:
            end = days[-1].day
            start = end - timedelta(days=DECLINE_DAYS - 1)
            recent = [d for d in days if d.day >= start]
            net = sum(d.gained - d.lost for d in recent)
            spiky = any(s.day >= start for s in spikes)
            if net < 0 and not spiky and len(recent) >= MIN_DECLINE_DATA_DAYS:
                decline = Decline(start, end, net, tuple(early_top_works(conn, account_id)))
    return FanLoss(tuple(spikes), decline)


@dataclass(frozen=True)
class Share:
    bucket: str
    share: float

    @property
    def label(self) -> str:
        return bucket_label(self.bucket)


def bucket_label(bucket: str) -> str:
    """Gender buckets are stored as male/female and shown in the UI's language."""
    return t(f"fans.gender.{bucket}") if bucket in ("male", "female", "unknown") else bucket


def portrait(store: Store, account_id: int) -> dict[str, list[Share]]:
    """Each dimension's buckets as of its newest date, largest first."""
    sql = """
    SELECT p.dimension, p.bucket, p.share FROM fanportrait p
    WHERE p.account_id = :a AND p.as_of = (SELECT max(as_of) FROM fanportrait q
      WHERE q.account_id = :a AND q.dimension = p.dimension)
    ORDER BY p.dimension, p.share DESC, p.bucket
    """
    out: dict[str, list[Share]] = {}
    with store.read() as conn:
        for dim, bucket, share in conn.execute(sa.text(sql), {"a": account_id}):
            out.setdefault(dim, []).append(Share(bucket, float(share)))
    return {d: out[d] for d in PORTRAIT_DIMENSIONS if d in out} | {
        d: v for d, v in out.items() if d not in PORTRAIT_DIMENSIONS
    }


@dataclass(frozen=True)
class Region:
    top: str | None
    share: float | None
    concentrated: bool
    niche: str = ""

    @property
    def advice(self) -> str | None:
        if not self.concentrated or self.top is None:
            return None
        topic = f"#{self.top}{self.niche or t('ins.local')}攻略"
        return t("ins.advice.region", province=self.top, share=fmt_pct(self.share), topic=topic)

    def as_json(self) -> dict[str, object]:
        return {
            "top": self.top,
            "share": self.share,
            "concentrated": self.concentrated,
            "advice": self.advice,
        }


def region(store: Store, account_id: int, cfg: InsightsConfig) -> Region:
    """The top province (其他/unknown buckets aside) and whether it holds ≥ the threshold."""
    provinces = [
        s for s in portrait(store, account_id).get("province", []) if s.bucket not in OTHER
    ]
    if not provinces:
        return Region(None, None, False)
    with store.read() as conn:
        niche = conn.execute(
            sa.text("SELECT niche FROM account WHERE id=:a"), {"a": account_id}
        ).scalar()
    top = provinces[0]
    return Region(top.bucket, round(top.share, 4), top.share >= cfg.region_share, niche or "")


OTHER = {"其他", "其它", "未知", "other", "unknown"}


@dataclass(frozen=True)
class Slot:
    weekday: int
    """0 = Monday."""
    hour: int
    score: float
    """The slot's activity relative to the busiest slot (1.0)."""

    @property
    def label(self) -> str:
        """周三 20:00 / Wed 20:00."""
        return slot_label(self.weekday, self.hour)

    def as_json(self) -> dict[str, object]:
        return {"weekday": self.weekday, "hour": self.hour, "score": self.score}


def slot_label(weekday: int, hour: int) -> str:
    return t("fans.slot", weekday=t(f"weekday.{weekday}"), hour=hour)


def activity_grid(store: Store, account_id: int) -> list[list[float]]:
    """7 × 24 activity values (weekday 0 = Monday); missing slots are 0."""
    grid = [[0.0] * 24 for _ in range(7)]
    with store.read() as conn:
        rows = conn.execute(
            sa.text("SELECT weekday, hour, value FROM fanactivity WHERE account_id=:a"),
            {"a": account_id},
        ).all()
    for wd, hour, value in rows:
        if 0 <= wd < 7 and 0 <= hour < 24:
            grid[wd][hour] = float(value)
    return grid


def best_slots(grid: Sequence[Sequence[float]], n: int = 3) -> list[Slot]:
    """The `n` busiest slots; ties go to the earlier weekday, then the earlier hour."""
    peak = max((v for row in grid for v in row), default=0.0)
    if peak <= 0:
        return []
    cells = sorted(
        ((v, wd, h) for wd, row in enumerate(grid) for h, v in enumerate(row) if v > 0),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    return [Slot(wd, h, round(v / peak, 3)) for v, wd, h in cells[:n]]


def best_times(store: Store, account_id: int, n: int = 3) -> list[Slot]:
    """The best `n` posting slots from fan activity (also used by Drafts to propose a time)."""
    return best_slots(activity_grid(store, account_id), n)
