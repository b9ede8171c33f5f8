"""`upsert`, the write most kinds share: multi-column keys, empty cells, repeats, counting."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from creatorctl.importers import ImportContext
from creatorctl.importers.upsert import upsert
from creatorctl.store import Store


def _ctx() -> ImportContext:
    store = Store("sqlite://", None)
    work = store.unit(store.engine.connect())
    work.execute("CREATE TABLE t(acc INT, day TEXT, hour INT, v INT, note TEXT, at TEXT)")
    return ImportContext(
        conn=work, account_id=1, snapshot_date=date(2026, 10, 25), options={}, source=Path("x.csv")
    )


def _write(ctx: ImportContext, rows: list[dict]) -> range:
    return upsert(
        ctx,
        rows,
        "t",
        key=("day", "hour"),
        fields=("v", "note", "at"),
        fixed={"acc": 1},
        insert_defaults={"v": 0},
    )


def test_upsert_counts_and_merges() -> None:
    ctx = _ctx()
    d = date(2026, 10, 24)
    _write(ctx, [
        {"day": d, "hour": 9, "v": 5, "note": "a", "at": datetime(2026, 10, 24, 9, 30)},
        {"day": d, "hour": 10, "v": None, "note": None, "at": None},
        {"day": d, "hour": 9, "v": 6, "note": None, "at": None},  # a repeat in the batch: merged
    ])  # fmt: skip
    c = ctx.counts
    assert (c.added, c.updated, c.unchanged) == (2, 1, 0)
    assert ctx.conn.execute("SELECT * FROM t ORDER BY hour").fetchall() == [
        (1, "2026-10-24", 9, 6, "a", "2026-10-24 01:30:00.000000"),  # Beijing 09:30 in UTC
        (1, "2026-10-24", 10, 0, None, None),
    ]
    ctx2 = _ctx()
    ctx2.conn = ctx.conn
    _write(ctx2, [
        {"day": d, "hour": 9, "v": 6, "note": None, "at": None},  # empty cells keep what is there
        {"day": d, "hour": 10, "v": 3, "note": "b", "at": None},
    ])  # fmt: skip
    assert (ctx2.counts.added, ctx2.counts.updated, ctx2.counts.unchanged) == (0, 1, 1)
    assert ctx.conn.execute("SELECT v, note FROM t WHERE hour = 10").fetchone() == (3, "b")


def test_upsert_many_keys_in_chunks() -> None:
    ctx = _ctx()
    rows = [
        {"day": date(2026, 1, 1 + i % 28), "hour": i // 28, "v": i, "note": None, "at": None}
        for i in range(1000)
    ]
    assert _write(ctx, rows[:600]) == range(1, 601)
    assert _write(ctx, rows) == range(601, 1001)
    assert _write(ctx, rows) == range(0)
    assert (ctx.counts.added, ctx.counts.unchanged) == (1000, 1600)
    assert ctx.conn.execute("SELECT min(v), max(v) FROM t WHERE rowid >= 601").fetchone() == (
        600,
        999,
    )
    assert ctx.conn.execute("SELECT count(*), sum(v) FROM t").fetchone() == (1000, sum(range(1000)))
