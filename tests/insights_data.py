"""Hand-built data for the insights tests: a store, an account, works and account days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from creatorctl.accounts import add_account
from creatorctl.store import Store, open_store
from creatorctl.timeutil import local_to_utc, to_db
from tests.backends import store_location

TODAY = date(2026, 11, 26)
FAKE_NOW = "2026-11-26T10:00:00"


def make_store(tmp_path: Path, *, niche: str = "美食", verified: bool = False) -> tuple[Store, int]:
    store = open_store(store_location(tmp_path))
    acc = add_account(store, "tester", niche=niche, verified=verified)
    return store, acc.id


def add_work(
    store: Store,
    account_id: int,
    *,
    title: str = "作品",
    published: datetime | None = None,
    plays: int = 1000,
    likes: int = 50,
    comments: int = 10,
    shares: int = 5,
    completion: float | None = 0.5,
    tags: str = "",
) -> int:
    published = published or datetime(2026, 11, 1, 20, 0)
    with store.write() as conn:
        return int(
            conn.execute(
                sa.text(
                    "INSERT INTO work(account_id, title, tags, published_at, plays, likes, "
                    "comments, shares, completion_rate) VALUES (:a, :t, :tags, :p, :pl, :l, :c, "
                    ":s, :cr) RETURNING id"
                ),
                {
                    "a": account_id,
                    "t": title,
                    "tags": tags,
                    "p": to_db(local_to_utc(published)),
                    "pl": plays,
                    "l": likes,
                    "c": comments,
                    "s": shares,
                    "cr": completion,
                },
            ).scalar_one()
        )


def add_days(store: Store, account_id: int, rows: list[dict[str, object]]) -> None:
    """rows: {day, plays?, likes?, ..., fans_total?, fans_gained?, fans_lost?}."""
    cols = ("plays", "likes", "comments", "shares", "favorites", "profile_visits")
    with store.write() as conn:
        for r in rows:
            conn.execute(
                sa.text(
                    "INSERT INTO accountdaily(account_id, day, plays, likes, comments, shares, "
                    "favorites, profile_visits, fans_total, fans_gained, fans_lost) VALUES "
                    "(:a, :d, :plays, :likes, :comments, :shares, :favorites, :profile_visits, "
                    ":ft, :g, :l)"
                ),
                {
                    "a": account_id,
                    "d": r["day"].isoformat(),  # type: ignore[attr-defined]
                    **{c: r.get(c, 0) for c in cols},
                    "ft": r.get("fans_total"),
                    "g": r.get("fans_gained", 0),
                    "l": r.get("fans_lost", 0),
                },
            )


def loss_days(losses: list[int], end: date = TODAY, gained: int = 0) -> list[dict[str, object]]:
    """Consecutive days ending at `end` with these losses."""
    start = end - timedelta(days=len(losses) - 1)
    return [
        {"day": start + timedelta(days=i), "fans_lost": lost, "fans_gained": gained}
        for i, lost in enumerate(losses)
    ]


def add_portrait(
    store: Store, account_id: int, dim: str, shares: dict[str, float], as_of: date = TODAY
) -> None:
    with store.write() as conn:
        for bucket, share in shares.items():
            conn.execute(
                sa.text(
                    "INSERT INTO fanportrait(account_id, dimension, bucket, share, as_of) "
                    "VALUES (:a, :d, :b, :s, :o)"
                ),
                {"a": account_id, "d": dim, "b": bucket, "s": share, "o": as_of.isoformat()},
            )
