"""Helpers for the Earn tests: a store with one account and rows written the way imports do."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from creatorctl.accounts import add_account
from creatorctl.store import Store, open_store
from tests.backends import store_location


def make_store(tmp_path: Path, *, verified: bool = True) -> tuple[Store, int]:
    store = open_store(store_location(tmp_path, "earn.db"))
    acc = add_account(store, "tester", nickname="测试号", niche="宠物", verified=verified)
    return store, acc.id


def set_fans(store: Store, account_id: int, fans: int, day: date = date(2026, 11, 25)) -> None:
    with store.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO accountdaily(account_id, day, fans_total) VALUES (:a, :d, :f) "
                "ON CONFLICT(account_id, day) DO UPDATE SET fans_total=excluded.fans_total"
            ),
            {"a": account_id, "d": day, "f": fans},
        )


def set_verified(store: Store, account_id: int, verified: bool) -> None:
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE account SET verified=:v WHERE id=:a"), {"v": verified, "a": account_id}
        )


def add_work(
    store: Store,
    account_id: int,
    *,
    tags: str,
    published: datetime,
    plays: int,
    title: str = "作品",
) -> int:
    """`published` is UTC, as stored."""
    with store.write() as conn:
        return int(
            conn.execute(
                sa.text(
                    "INSERT INTO work(account_id, title, tags, published_at, plays) "
                    "VALUES (:a, :t, :g, :p, :n) RETURNING id"
                ),
                {"a": account_id, "t": title, "g": tags, "p": published, "n": plays},
            ).scalar_one()
        )


def add_brand_task(
    store: Store,
    account_id: int,
    *,
    min_fans: int = 0,
    commission: float = 1000.0,
    category: str = "美妆",
    deadline: date | None = None,
    title: str = "推广某款平价面膜",
) -> int:
    with store.write() as conn:
        return int(
            conn.execute(
                sa.text(
                    "INSERT INTO brandtask(account_id, brand, title, category, requirements, "
                    "commission, min_fans, deadline, state) VALUES (:a, '水光肌研所', :t, :c, "
                    "'要求展示上脸效果+真实感受', :m, :f, :d, 'open') RETURNING id"
                ),
                {
                    "a": account_id,
                    "t": title,
                    "c": category,
                    "m": commission,
                    "f": min_fans,
                    "d": deadline,
                },
            ).scalar_one()
        )


def add_platform_task(
    store: Store,
    account_id: int,
    *,
    topic: str,
    starts: datetime,
    ends: datetime,
    threshold: int,
    reward: float = 300.0,
) -> int:
    """`starts`/`ends` are UTC, as stored."""
    with store.write() as conn:
        return int(
            conn.execute(
                sa.text(
                    "INSERT INTO platformtask(account_id, topic, title, play_threshold, reward, "
                    "starts_at, ends_at) VALUES (:a, :t, '创作激励', :th, :r, :s, :e) RETURNING id"
                ),
                {"a": account_id, "t": topic, "th": threshold, "r": reward, "s": starts, "e": ends},
            ).scalar_one()
        )


def add_product(
    store: Store,
    account_id: int,
    *,
    name: str,
    units: int,
    returns: int,
    reasons: dict[str, int] | None = None,
    day: date = date(2026, 11, 1),
) -> int:
    with store.write() as conn:
        pid = int(
            conn.execute(
                sa.text(
                    "INSERT INTO product(account_id, name, category, price, commission_rate, shop)"
                    " VALUES (:a, :n, '宠物食品', 100, 0.2, '旗舰店') RETURNING id"
                ),
                {"a": account_id, "n": name},
            ).scalar_one()
        )
        sale = conn.execute(
            sa.text(
                "INSERT INTO productsale(product_id, day, units, gmv, commission, returns) "
                "VALUES (:p, :d, :u, :g, :c, :r) RETURNING id"
            ),
            {"p": pid, "d": day, "u": units, "g": units * 100.0, "c": units * 20.0, "r": returns},
        ).scalar_one()
        for reason, n in (reasons or {}).items():
            conn.execute(
                sa.text(
                    "INSERT INTO productreturnreason(sale_id, reason, count) VALUES (:s, :r, :n)"
                ),
                {"s": sale, "r": reason, "n": n},
            )
    return pid


def ledger(store: Store, account_id: int) -> list[tuple[str, float, str]]:
    with store.read() as conn:
        return [
            (r.source, r.amount, r.ref)
            for r in conn.execute(
                sa.text("SELECT source, amount, ref FROM earning WHERE account_id=:a ORDER BY id"),
                {"a": account_id},
            )
        ]
