"""Demo Earn data: 星图 brand tasks, 橱窗 products with a year of sales, 全民任务, the ledger.

Built from what the core demo made: brand-task fan thresholds straddle the account's fans, task
topics are topics the works use, task thresholds sit among those works' plays, and a year of
earnings follows from settled deals, sales commission and task rewards.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from creatorctl.demo import DemoContext, DemoWork
from creatorctl.demo.earn_content import (
    BRAND_TASKS,
    DAMAGED,
    PRODUCTS,
    RETURN_REASONS,
    SEASONAL_TOPIC,
    TASK_RULES,
    TASK_TITLES,
)
from creatorctl.store import Unit
from creatorctl.timeutil import local_to_utc

YEAR = 365


def extend(conn: Unit, ctx: DemoContext) -> None:
    _brand_tasks(conn, ctx)
    _products(conn, ctx)
    _platform_tasks(conn, ctx)


def _earning(
    conn: Unit,
    ctx: DemoContext,
    day: date,
    source: str,
    amount: float,
    ref: str,
    note: str,
) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO earning(account_id, day, source, amount, ref, note) "
            "VALUES (:a, :d, :s, :m, :r, :n)"
        ),
        {"a": ctx.account_id, "d": day, "s": source, "m": round(amount, 2), "r": ref, "n": note},
    )


def _nice(n: float, *, up: bool) -> int:
    """Round to two significant digits (up or down): 12,345 → 13,000 / 12,000."""
    if n < 10:
        return max(1, int(n))
    step = 10 ** (int(math.log10(n)) - 1)
    return int((math.ceil(n / step) if up else math.floor(n / step)) * step)


def _work_after(ctx: DemoContext, when: datetime) -> DemoWork | None:
    later = [w for w in ctx.works if when <= w.published <= when + timedelta(days=20)]
    return later[0] if later else None


def _brand_tasks(conn: Unit, ctx: DemoContext) -> None:
    rng, fans = ctx.rng, ctx.fans_total
    templates = BRAND_TASKS[ctx.niche]
    # Thresholds both sides of the account's fans, so "I qualify" filters something out.
    thresholds = (1_000, 5_000, 10_000, _nice(fans * 1.6, up=True), 50_000, 100_000, 3_000)
    insert = sa.text(
        "INSERT INTO brandtask(account_id, platform_id, brand, title, category, requirements, "
        "commission, min_fans, deadline, state, accepted_at, delivered_work_id, delivered_at, "
        "settled_at, settled_amount) VALUES (:a, :pid, :brand, :title, :cat, :req, :fee, :min, "
        ":deadline, :state, :acc, :work, :dlv, :stl, :amt) RETURNING id"
    )
    n = 0

    def add(tpl: tuple[str, str, str, str, int], min_fans: int, **extra: object) -> int:
        nonlocal n
        n += 1
        brand, cat, title, req, fee = tpl
        scale = 1 + min_fans / 40_000
        row: dict[str, object] = {
            "a": ctx.account_id,
            "pid": f"XT{ctx.seed:03d}{n:06d}",
            "brand": brand,
            "title": title,
            "cat": cat,
            "req": req,
            "fee": float(round(fee * scale * rng.uniform(0.8, 1.3), -1)),
            "min": min_fans,
            "deadline": ctx.today + timedelta(days=rng.randint(6, 45)),
            "state": "open",
            "acc": None,
            "work": None,
            "dlv": None,
            "stl": None,
            "amt": None,
        }
        row.update(extra)
        return int(conn.execute(insert, row).scalar_one())

    # Open offers: every template at least once, thresholds cycling.
    for i, tpl in enumerate(templates + templates[:4]):
        add(tpl, thresholds[i % len(thresholds)])
    # One accepted and one delivered, in flight.
    now = ctx.now
    add(templates[1], 3_000, state="accepted", acc=local_to_utc(now - timedelta(days=3)))
    recent = ctx.works[-1]
    add(
        templates[2],
        5_000,
        state="delivered",
        acc=local_to_utc(recent.published - timedelta(days=4)),
        work=recent.id,
        dlv=local_to_utc(recent.published + timedelta(hours=1)),
    )
    # A year of settled deals (about one a month), each paid into the ledger.
    for m in range(11, 0, -1):
        accepted = now - timedelta(days=30 * m + rng.randint(0, 20))
        work = _work_after(ctx, accepted)
        if work is None:
            continue
        settled = min(now, work.published + timedelta(days=rng.randint(7, 20)))
        tpl = templates[m % len(templates)]
        task_id = add(
            tpl,
            rng.choice((1_000, 3_000, 5_000)),
            state="settled",
            deadline=(accepted + timedelta(days=30)).date(),
            acc=local_to_utc(accepted),
            work=work.id,
            dlv=local_to_utc(work.published),
            stl=local_to_utc(settled),
        )
        fee = conn.execute(
            sa.text("SELECT commission FROM brandtask WHERE id=:i"), {"i": task_id}
        ).scalar_one()
        conn.execute(
            sa.text("UPDATE brandtask SET settled_amount=:f WHERE id=:i"), {"f": fee, "i": task_id}
        )
        _earning(
            conn, ctx, settled.date(), "brand", fee, f"brandtask:{task_id}", f"{tpl[0]} {tpl[2]}"
        )


def _products(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    bulk = ctx.bulk
    start = ctx.today - timedelta(days=YEAR - 1)
    monthly: dict[str, float] = {}
    for k, (name, cat, price, rate, shop) in enumerate(PRODUCTS[ctx.niche]):
        pid = conn.execute(
            sa.text(
                "INSERT INTO product(account_id, name, category, price, commission_rate, shop) "
                "VALUES (:a, :n, :c, :p, :r, :s) RETURNING id"
            ),
            {"a": ctx.account_id, "n": name, "c": cat, "p": price, "r": rate, "s": shop},
        ).scalar_one()
        # The first product ships badly: many returns, most of them for damaged packaging.
        damaged = k == 0
        p_return = 0.14 if damaged else rng.uniform(0.015, 0.06)
        weights = [0.12] * len(RETURN_REASONS) + [0.55 if damaged else 0.05]
        reasons = (*RETURN_REASONS, DAMAGED)
        popularity = rng.uniform(1.5, 8) * (60 / price) ** 0.4
        sales: list[tuple] = []
        why: list[tuple[str, str, int]] = []
        for d in range(YEAR):
            day = start + timedelta(days=d)
            season = 1 + 0.4 * math.sin(d / YEAR * 2 * math.pi)
            weekend = 1.3 if day.weekday() >= 5 else 1.0
            units = max(0, int(rng.gauss(popularity * season * weekend, popularity * 0.4)))
            if units == 0:
                continue
            returns = sum(rng.random() < p_return for _ in range(units))
            gmv = round(units * price * rng.uniform(0.88, 1.0), 2)
            commission = round(gmv * rate, 2)
            sales.append((pid, day.isoformat(), units, gmv, commission, returns))
            month = day.isoformat()[:7]
            monthly[month] = monthly.get(month, 0.0) + commission
            counts: dict[str, int] = {}
            for reason in rng.choices(reasons, weights, k=returns):
                counts[reason] = counts.get(reason, 0) + 1
            why.extend((day.isoformat(), r, c) for r, c in counts.items())
        bulk.insert_rows(
            "productsale", ("product_id", "day", "units", "gmv", "commission", "returns"), sales
        )
        ids = dict(
            bulk.execute("SELECT day, id FROM productsale WHERE product_id=?", (pid,)).fetchall()
        )
        bulk.insert_rows(
            "productreturnreason",
            ("sale_id", "reason", "count"),
            [(ids[day], reason, c) for day, reason, c in why],
        )
    # Selling commission is paid monthly, on the month's last day (this month: so far).
    for month, amount in sorted(monthly.items()):
        y, m = int(month[:4]), int(month[5:])
        day = min(ctx.today, date(y, m, calendar.monthrange(y, m)[1]))
        _earning(conn, ctx, day, "selling", amount, f"selling:{month}", "")


def _topic_works(ctx: DemoContext, topic: str, start: datetime, end: datetime) -> list[int]:
    return sorted(
        (w.plays for w in ctx.works if topic in w.tags and start <= w.published <= end),
        reverse=True,
    )


def _platform_tasks(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    used: dict[str, int] = {}
    for w in ctx.works:
        for tag in w.tags:
            used[tag] = used.get(tag, 0) + 1
    topics = sorted(used, key=lambda k: (-used[k], k))
    day0 = datetime.combine(ctx.today, time())
    insert = sa.text(
        "INSERT INTO platformtask(account_id, topic, title, play_threshold, reward, starts_at, "
        "ends_at, rules) VALUES (:a, :t, :title, :th, :r, :s, :e, :rules) RETURNING id"
    )

    def add(topic: str, start: datetime, end: datetime, threshold: int, reward: int) -> int:
        return int(
            conn.execute(
                insert,
                {
                    "a": ctx.account_id,
                    "t": topic,
                    "title": rng.choice(TASK_TITLES).format(topic=topic),
                    "th": threshold,
                    "r": float(reward),
                    "s": local_to_utc(start),
                    "e": local_to_utc(end),
                    "rules": rng.choice(TASK_RULES),
                },
            ).scalar_one()
        )

    def best_topic(start: datetime, end: datetime, skip: set[str]) -> str:
        return max(
            (t for t in topics if t not in skip),
            key=lambda t: (len(_topic_works(ctx, t, start, end)), -topics.index(t)),
        )

    # Two running tasks: one some works have already passed, one nobody has reached yet.
    start, end = day0 - timedelta(days=25), day0 + timedelta(days=10, hours=23, minutes=59)
    first = best_topic(start, end, set())
    plays = _topic_works(ctx, first, start, end) or [0]
    threshold = _nice(plays[min(len(plays) - 1, max(1, len(plays) // 3))] + 1, up=True)
    if plays[0] < threshold:
        threshold = _nice(plays[0], up=False)
    running = add(first, start, end, threshold, 300)
    if plays[0] >= threshold:  # already counted, as the app would have on its last run
        _earning(conn, ctx, ctx.today, "tasks", 300, f"platformtask:{running}", first)
    second = best_topic(start, end, {first})
    plays = _topic_works(ctx, second, start, end) or [0]
    add(second, start, end, _nice(plays[0] * 1.8 + 1000, up=True), 500)
    # One about to start.
    add(topics[2 % len(topics)], day0 + timedelta(days=5), day0 + timedelta(days=35), 50_000, 800)
    # The spring campaign: works on it qualify only in the travel niche.
    spring = datetime(ctx.today.year if ctx.today.month > 4 else ctx.today.year - 1, 3, 20)
    _ended(ctx, conn, add, SEASONAL_TOPIC, spring, spring + timedelta(days=31), 200)
    # Ended tasks over the past year, every two months or so.
    for m in range(10, 0, -2):
        start = day0 - timedelta(days=30 * m + rng.randint(0, 10))
        end = start + timedelta(days=rng.choice((14, 21, 30)), hours=23, minutes=59)
        _ended(ctx, conn, add, best_topic(start, end, {first, second}), start, end, None)


def _ended(ctx, conn, add, topic, start, end, reward) -> None:  # type: ignore[no-untyped-def]
    """An ended task; when a work qualified, its reward is in the ledger a few days later."""
    plays = _topic_works(ctx, topic, start, end)
    threshold = _nice(plays[len(plays) // 2], up=False) if plays else 10_000
    reward = reward or ctx.rng.choice((100, 200, 300, 500))
    task_id = add(topic, start, end, threshold, reward)
    if plays and plays[0] >= threshold:
        paid = min(ctx.today, (end + timedelta(days=3)).date())
        _earning(conn, ctx, paid, "tasks", reward, f"platformtask:{task_id}", topic)
