"""A deterministic demo: the same seed gives the same store, with realistic Chinese data.

The core (this module) makes the account, works, their daily snapshots and the account's days.
Each later capability adds its tables in a module listed in `EXTENDERS`, called with the same
`DemoContext` inside the same transaction.
"""

from __future__ import annotations

import importlib
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from creatorctl.accounts import AccountInfo, get_account
from creatorctl.demo.content import NICHES, make_title
from creatorctl.demo.rates import AccountStyle
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, Unit, set_setting
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import local_to_utc, now_local

Progress = Callable[[str, int, int], None]

SIZES = {
    # works, years of works, snapshots per work, account days
    "small": (240, 2, 30, 365),
    "large": (5_000, 5, 90, 1_095),
    "huge": (50_000, 5, 90, 1_095),
}

SNAPSHOT_COLUMNS = (
    "work_id", "snapshot_date", "plays", "likes", "comments", "shares", "favorites",
    "profile_visits", "fans_gained", "completion_rate", "completion_5s", "cover_ctr",
    "bounce_2s", "avg_watch_s",
)  # fmt: skip

EXTENDERS: tuple[str, ...] = ("insights", "earn", "drafts", "inbox")
"""Modules under creatorctl.demo with `extend(conn, ctx)`, run in this order."""


@dataclass
class DemoWork:
    id: int
    title: str
    tags: tuple[str, ...]
    published: datetime
    """Local time."""
    plays: int
    likes: int
    comments: int
    shares: int
    completion: float


@dataclass
class DemoContext:
    """What an extender gets: the seeded RNG and what the core made."""

    rng: random.Random
    seed: int
    size: str
    account_id: int
    niche: str
    today: date
    now: datetime
    bulk: Bulk
    """The demo's unit of work (its one write transaction), for rows by the thousand."""
    works: list[DemoWork] = field(default_factory=list)
    fans_total: int = 0
    fan_loss_day: date | None = None
    """The day of the core's fan-loss spike (after a controversial work), if any."""
    progress: Progress | None = None
    media_dir: Path | None = None
    """Where the demo drafts' placeholder video and cover files go (a private folder next to
    the store); None: the drafts get no files."""


def media_dir_for(store: Store, handle: str) -> Path:
    """The private folder for a demo account's draft files: `demo-media/<handle>` next to the
    store file (in the data folder for a store that is not a file)."""
    from creatorctl.paths import data_dir

    base = store.path.resolve().parent if store.path else data_dir()
    return base / "demo-media" / handle


def niche_for_seed(seed: int) -> str:
    return list(NICHES)[seed % len(NICHES)]


def demo_handle(seed: int) -> str:
    """The demo account's handle for a seed, e.g. demo_pets_7."""
    return f"demo_{NICHES[niche_for_seed(seed)].slug}_{seed}"


def _growth(day: float, tau: float) -> float:
    """Share of a work's 90-day plays reached `day` days after publishing: fast, then decaying."""
    return 1 - math.exp(-(day + 1) / tau) * (1 - 0.02 * min(day, 30) / 30)


def generate(
    store: Store,
    *,
    size: str = "small",
    seed: int = 7,
    handle: str | None = None,
    progress: Progress | None = None,
) -> AccountInfo:
    """Create one demo account and everything under it in a single transaction."""
    if size not in SIZES:
        raise UserError(t("err.bad_size", size=size, sizes=", ".join(SIZES)))
    n_works, years, n_snaps, n_days = SIZES[size]
    rng = random.Random(seed)
    niche_key = niche_for_seed(seed)
    niche = NICHES[niche_key]
    handle = handle or demo_handle(seed)
    now = now_local().replace(second=0)
    today = now.date()

    with store.bulk(long="demo") as work:
        conn = work.conn
        if conn.execute(sa.text("SELECT 1 FROM account WHERE handle=:h"), {"h": handle}).first():
            raise UserError(t("err.demo_exists", handle=handle))
        acc_id = conn.execute(
            sa.text(
                "INSERT INTO account(handle, nickname, avatar_path, bio, niche, verified, "
                "created_at) VALUES (:h, :n, '', :b, :niche, :v, :c) RETURNING id"
            ),
            {
                "h": handle,
                "n": niche.nickname,
                "b": niche.bio,
                "niche": niche_key,
                "v": seed % 3 != 2,
                "c": local_to_utc(now - timedelta(days=365 * years)),
            },
        ).scalar_one()
        set_setting(conn, "current_account", handle)
        ctx = DemoContext(
            rng=rng,
            seed=seed,
            size=size,
            account_id=acc_id,
            niche=niche_key,
            today=today,
            now=now,
            bulk=work,
            progress=progress,
            media_dir=media_dir_for(store, handle),
        )
        _make_works(conn, ctx, n_works, years, n_snaps)
        _make_days(conn, ctx, n_days)
        for name in EXTENDERS:
            # Each extender draws from its own stream, so adding or reordering one never
            # changes what another makes.
            ctx.rng = random.Random(f"{seed}:{name}")
            module = importlib.import_module(f"creatorctl.demo.{name}")
            module.extend(conn, ctx)
    return get_account(store, handle)


def _make_works(conn: Unit, ctx: DemoContext, n: int, years: int, n_snaps: int) -> None:
    rng, niche = ctx.rng, NICHES[ctx.niche]
    span_min = years * 365 * 24 * 60
    # Publish times spread over the years, more recent ones denser (the account grew).
    minutes = sorted(int(span_min * (1 - rng.random() ** 1.6)) for _ in range(n))
    start = ctx.now - timedelta(minutes=span_min)
    work_rows: list[dict[str, Any]] = []
    works: list[DemoWork] = []
    style = AccountStyle(random.Random(f"{ctx.seed}:style"))
    for i, m in enumerate(minutes):
        published = start + timedelta(minutes=m)
        # Posts cluster in the evening, like real creators'.
        hour = rng.choice((7, 8, 12, 12, 18, 19, 19, 20, 20, 20, 21, 21, 22))
        published = published.replace(hour=hour, minute=rng.randrange(60))
        if published > ctx.now - timedelta(hours=2):
            published = ctx.now - timedelta(hours=2 + rng.randrange(48))
        title, tags = make_title(rng, ctx.niche, i)
        age_days = max(0.0, (ctx.now - published).total_seconds() / 86400)
        # Heavy tail: most works get a few thousand plays, a few go viral.
        final = int(min(3e8, rng.lognormvariate(8.3, 1.5) * (1 + 3 * (i / n))))
        tau = rng.uniform(1.2, 6.0)
        plays = int(final * _growth(min(age_days, 89), tau)) + 1
        # The rates come from the account's style (its own stream). The numbers drawn here for
        # them before are still drawn, so everything after (titles, times, plays) stays as was.
        rng.betavariate(3.2, 5.5), rng.random(), rng.randrange(5), rng.randrange(5)
        r = style.next()
        completion = r.completion
        likes = round(plays * r.like_rate)
        comments = round(likes * r.comments_per_like)
        shares = round(comments * r.shares_per_comment + plays * 0.0005)
        works.append(
            DemoWork(0, title, tags, published, plays, likes, comments, shares, completion)
        )
        work_rows.append(
            {
                "a": ctx.account_id,
                "item": f"7{ctx.seed:03d}{i:09d}",
                "t": title,
                "d": rng.choice(niche.descriptions),
                "tags": " ".join(tags),
                "p": local_to_utc(published),
                "g": "视频" if rng.random() > 0.12 else "图文",
                "s": "已发布",
                "plays": plays,
                "likes": likes,
                "comments": comments,
                "shares": shares,
                "fav": round(likes * r.favorites_per_like),
                "pv": round(plays * r.visits_per_play),
                "fans": round(plays * r.fans_per_play),
                "cr": round(completion, 4),
                "c5": round(r.completion_5s, 4),
                "ctr": round(r.cover_ctr, 4),
                "b2": round(r.bounce_2s, 4),
                "aw": round(r.avg_watch_s, 1),
                "sd": ctx.today,
                "tau": tau,
                "age": age_days,
            }
        )
        for _ in range(7):  # the seven rates drawn here before (see above)
            rng.random()
    insert = sa.text(
        "INSERT INTO work(account_id, item_id, title, description, tags, cover_path, "
        "published_at, genre, review_status, plays, likes, comments, shares, favorites, "
        "profile_visits, fans_gained, completion_rate, completion_5s, cover_ctr, bounce_2s, "
        "avg_watch_s, stats_date) VALUES (:a, :item, :t, :d, :tags, '', :p, :g, :s, :plays, "
        ":likes, :comments, :shares, :fav, :pv, :fans, :cr, :c5, :ctr, :b2, :aw, :sd)"
    )
    # Many rows per statement; the new account's works are all of its works, in id order.
    for i in range(0, len(work_rows), 5_000):
        conn.execute(insert, work_rows[i : i + 5_000])
        if ctx.progress:
            ctx.progress(t("demo.works"), i, n)
    ids = list(
        conn.execute(
            sa.text("SELECT id FROM work WHERE account_id=:a ORDER BY id"), {"a": ctx.account_id}
        ).scalars()
    )
    for w, wid in zip(works, ids, strict=True):
        w.id = wid
    ctx.works = works

    # Dated cumulative snapshots: the first n_snaps days of each work's life (or up to today).
    batch: list[tuple] = []
    for i, (w, row) in enumerate(zip(works, work_rows, strict=True)):
        days = min(n_snaps, int(row["age"]) + 1)
        pub_day = w.published.date()
        end_share = _growth(min(row["age"], 89), row["tau"])
        for d in range(days):
            share = _growth(d, row["tau"]) / end_share if end_share else 1.0
            share = min(1.0, share)
            batch.append(
                (
                    w.id,
                    (pub_day + timedelta(days=d)).isoformat(),
                    int(w.plays * share),
                    int(w.likes * share),
                    int(w.comments * share),
                    int(w.shares * share),
                    int(row["fav"] * share),
                    int(row["pv"] * share),
                    int(row["fans"] * share),
                    row["cr"],
                    row["c5"],
                    row["ctr"],
                    row["b2"],
                    row["aw"],
                )
            )
        if len(batch) >= 20_000:
            ctx.bulk.insert_rows("worksnapshot", SNAPSHOT_COLUMNS, batch)
            batch.clear()
        if ctx.progress and i % 250 == 0:
            ctx.progress(t("demo.snapshots"), i, n)
    if batch:
        ctx.bulk.insert_rows("worksnapshot", SNAPSHOT_COLUMNS, batch)


def _make_days(conn: Unit, ctx: DemoContext, n_days: int) -> None:
    """The account's daily numbers: plays from the works' early lives, fans that mostly grow."""
    rng = ctx.rng
    start = ctx.today - timedelta(days=n_days - 1)
    plays_by_day: dict[date, float] = {}
    for w in ctx.works:
        pub = w.published.date()
        for d in range(0, 20):
            day = pub + timedelta(days=d)
            if day < start or day > ctx.today:
                continue
            inc = math.exp(-d / 2.5) * (1 - math.exp(-1 / 2.5))
            plays_by_day[day] = plays_by_day.get(day, 0.0) + w.plays * inc
    # A controversial work: a loss spike a day after it.
    recent = [w for w in ctx.works if 20 <= (ctx.today - w.published.date()).days <= 60]
    spike_work = recent[len(recent) // 2] if recent else None
    spike_day = spike_work.published.date() + timedelta(days=1) if spike_work else None
    ctx.fan_loss_day = spike_day
    # The fans the account had when its daily numbers start: those its earlier works brought
    # in (about 4 per 1,000 plays).
    earlier = sum(w.plays for w in ctx.works if w.published.date() < start)
    fans = max(500, int(earlier * 0.004))
    rows = []
    for k in range(n_days):
        day = start + timedelta(days=k)
        plays = int(plays_by_day.get(day, 0) + rng.uniform(50, 400) * (1 + k / n_days))
        likes = int(plays * rng.uniform(0.03, 0.06))
        comments = int(likes * rng.uniform(0.04, 0.1))
        shares = int(comments * rng.uniform(0.2, 0.8))
        gained = int(plays * rng.uniform(0.001, 0.004)) + rng.randrange(0, 6)
        lost = int(gained * rng.uniform(0.1, 0.35)) + rng.randrange(0, 4)
        if day == spike_day:
            lost = max(lost * 8, 60)
        fans = max(0, fans + gained - lost)
        rows.append(
            {
                "a": ctx.account_id,
                "d": day,
                "plays": plays,
                "likes": likes,
                "comments": comments,
                "shares": shares,
                "fav": int(likes * 0.2),
                "pv": int(plays * 0.01),
                "ft": fans,
                "g": gained,
                "l": lost,
            }
        )
    conn.execute(
        sa.text(
            "INSERT INTO accountdaily(account_id, day, plays, likes, comments, shares, favorites, "
            "profile_visits, fans_total, fans_gained, fans_lost) VALUES (:a, :d, :plays, :likes, "
            ":comments, :shares, :fav, :pv, :ft, :g, :l)"
        ),
        rows,
    )
    ctx.fans_total = fans
