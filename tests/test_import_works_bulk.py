"""Big works imports: the stored works near each row found per run of windows, the work table's
indexes built once after a file bigger than the table, and the result the same as row by row."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.importers import import_file
from creatorctl.importers.samework import WINDOW, near_works
from creatorctl.importers.worksdb import FIELDS
from creatorctl.store import Store
from creatorctl.timeutil import from_db, to_db
from tests.import_helpers import WORKS_HEADER, account_id, rows, works_row, write_csv

BASE = datetime(2026, 3, 1, 12, 0)
# Stored works: a run a minute apart, two at one second, one alone far away, one at a window's
# very edge.
OFFSETS = [0, 60, 120, 180, 180, 3600 * 5, 3600 * 5 + 121, 86_400 * 3]


def _store_works(store: Store, acc: int) -> None:
    with store.write() as conn:
        for i, secs in enumerate(OFFSETS):
            conn.execute(
                sa.text("INSERT INTO work(account_id, title, published_at) VALUES (:a, :t, :p)"),
                {"a": acc, "t": f"作品{i}", "p": to_db(BASE + timedelta(seconds=secs))},
            )


@pytest.mark.backends
def test_near_works_gives_each_time_the_works_within_a_minute(store: Store) -> None:
    """Windows that overlap are fetched as one range; each time still gets exactly the works
    within 60 s of it (edges included), in publish-time then id order, as one range per time
    gave them."""
    with store.write() as conn:
        conn.execute(sa.text("INSERT INTO account(handle, created_at) VALUES ('me', :c)"),
                     {"c": to_db(BASE)})  # fmt: skip
    acc = account_id(store)
    _store_works(store, acc)
    times = [to_db(BASE + timedelta(seconds=s)) for s in (30, 90, 240, 3600 * 5 + 60, 86_400)]
    with store.bulk() as work:
        got = near_works(work, acc, times, FIELDS)
        stored = work.execute("SELECT id, published_at FROM work ORDER BY published_at, id")
        stored = [(i, from_db(p)) for i, p in stored.fetchall()]
    expected = {t: [i for i, p in stored if abs(p - from_db(t)) <= WINDOW] for t in times}
    assert {t: [r[0] for r in recs] for t, recs in got.items()} == {
        t: ids for t, ids in expected.items() if ids
    }
    # 00:01:30 reaches 00:01:00 and 00:02:00; 00:04:00 the two works at 00:03:00 (60 s: the
    # edge is in); 05:01:00 the work at 05:00:00 but not the one 61 s later; nothing at day 1.
    assert [len(got.get(t, [])) for t in times] == [2, 2, 2, 1, 0]
    assert all(len(r) == 1 + len(FIELDS) for recs in got.values() for r in recs)


def _indexes(store: Store) -> list[tuple[str, str]]:
    return rows(
        store,
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='work' "
        "AND sql IS NOT NULL ORDER BY name",
    )


def test_a_file_bigger_than_the_table_gets_the_same_works_and_indexes(
    import_store: Store, tmp_path: Path
) -> None:
    """A file of more works than the store holds loads with the plain indexes dropped and built
    again before the commit: the indexes are all back, the search index finds the new works,
    and a second import of the same file (now smaller than the table) changes nothing."""
    before = _indexes(import_store)
    assert len(before) >= 8
    data = [WORKS_HEADER] + [
        works_row(f"早茶{i} 攻略 #美食", 1000 + i, f"70{i:04d}", f"2026-10-{1 + i // 60:02d} "
                  f"{8 + i % 12:02d}:{i % 60:02d}")
        for i in range(300)
    ]  # fmt: skip
    f = write_csv(tmp_path / "作品列表导出_20261025.csv", data)
    r = import_file(import_store, f, account_id=account_id(import_store))
    assert (r.counts.added, r.counts.updated) == (300, 0)
    assert _indexes(import_store) == before
    assert rows(import_store, "PRAGMA integrity_check") == [("ok",)]
    hits = rows(
        import_store,
        "SELECT count(*) FROM work_fts JOIN work ON work.id = work_fts.rowid "
        "WHERE work_fts MATCH '\"早茶17\"'",
    )
    assert hits == [(11,)]  # 早茶17, 早茶170 … 早茶179
    again = import_file(import_store, f, account_id=account_id(import_store))
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 300)
    assert _indexes(import_store) == before
