"""`creatorctl export`: CSV the importer reads back, JSON with the store's ids; round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.importers import import_file
from creatorctl.store import Store, open_store
from tests.import_helpers import WORKS_HEADER, account_id, cli, rows, works_row, write_csv

WORK_COLS = (
    "item_id, title, published_at, genre, review_status, description, tags, plays, likes, "
    "comments, shares, favorites, profile_visits, fans_gained, completion_rate, completion_5s, "
    "cover_ctr, bounce_2s, avg_watch_s, stats_date"
)
SNAP_SQL = (
    "SELECT w.title, w.published_at, s.snapshot_date, s.plays, s.likes, s.comments, s.shares, "
    "s.favorites, s.profile_visits, s.fans_gained, s.completion_rate, s.completion_5s, "
    "s.cover_ctr, s.bounce_2s, s.avg_watch_s FROM worksnapshot s JOIN work w ON w.id = s.work_id "
    "ORDER BY 1, 2, 3"
)
DAILY_SQL = (
    "SELECT day, plays, likes, comments, shares, favorites, profile_visits, fans_total, "
    "fans_gained, fans_lost FROM accountdaily ORDER BY day"
)


def _fresh(tmp_path: Path, name: str) -> Store:
    store = open_store(str(tmp_path / name / "creator.db"))
    with store.write() as conn:
        conn.execute(sa.text("INSERT INTO account(handle, created_at) VALUES ('me', '2026-01-01')"))
    return store


def _fill(store: Store, tmp_path: Path) -> None:
    acc = account_id(store)
    first = [
        WORKS_HEADER,
        works_row("A", 100, "1"),
        works_row("B 无编号", "1.2万"),
        works_row("C", 7, "3"),
    ]
    second = [WORKS_HEADER, works_row("A", 180, "1"), works_row("B 无编号", "1.5万")]
    for name, data in (("x_20261024.csv", first), ("x_20261025.csv", second)):
        import_file(store, write_csv(tmp_path / name, data), account_id=acc)
    daily = [["日期", "播放量", "点赞量", "粉丝总数", "涨粉数", "掉粉数"],
             ["2026-10-24", 500, 20, 1000, 12, 2], ["2026-10-25", 700, 30, None, 15, 1]]  # fmt: skip
    import_file(store, write_csv(tmp_path / "daily.csv", daily), account_id=acc)


def _snapshot(store: Store) -> tuple[list, list, list]:
    return (
        rows(store, f"SELECT {WORK_COLS} FROM work ORDER BY title, published_at"),
        rows(store, SNAP_SQL),
        rows(store, DAILY_SQL),
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip(import_store: Store, tmp_path: Path, fmt: str) -> None:
    _fill(import_store, tmp_path)
    files = []
    for kind in ("snapshots", "works", "daily"):
        out = tmp_path / f"{kind}.{fmt}"
        code, _out, err = cli("export", kind, "--format", fmt, "-o", str(out))
        assert code == 0, err
        files.append(out)
    fresh = _fresh(tmp_path, "fresh")
    results = [import_file(fresh, f, account_id=account_id(fresh)) for f in files]
    assert _snapshot(fresh) == _snapshot(import_store)
    # rows dated by their own 统计日期: the file has no one snapshot date to show
    assert results[0].snapshot_date is None and results[0].counts.added == 3
    # and once more: everything is already there
    again = [import_file(fresh, f, account_id=account_id(fresh)).counts for f in files]
    assert all(c.added == c.updated == 0 and c.unchanged > 0 for c in again)
    fresh.close()


def test_round_trip_of_demo_numbers(import_store: Store, tmp_path: Path) -> None:
    from creatorctl.demo import generate

    generate(import_store, size="small", seed=3)
    demo = rows(import_store, "SELECT handle FROM account ORDER BY id DESC LIMIT 1")[0][0]
    for kind in ("works", "snapshots", "daily"):
        assert cli("--account", demo, "export", kind, "-o", str(tmp_path / f"{kind}.csv"))[0] == 0
    fresh = _fresh(tmp_path, "fresh")
    # Works last: the demo's latest numbers are a little ahead of its snapshot of the same day.
    for kind in ("snapshots", "works", "daily"):
        import_file(fresh, tmp_path / f"{kind}.csv", account_id=account_id(fresh))
    acc = account_id(import_store, demo)
    numbers = f"SELECT {WORK_COLS} FROM work WHERE account_id = :a ORDER BY published_at, title"
    assert rows(fresh, numbers, a=1) == rows(import_store, numbers, a=acc)
    daily = DAILY_SQL.replace("ORDER BY", "WHERE account_id = :a ORDER BY")
    assert rows(fresh, daily, a=1) == rows(import_store, daily, a=acc)
    # every earlier snapshot of the demo is in the copy
    snaps = SNAP_SQL.replace(
        "ORDER BY", "WHERE w.account_id = :a AND s.snapshot_date < w.stats_date ORDER BY"
    )
    assert set(rows(import_store, snaps, a=acc)) <= set(rows(fresh, snaps, a=1))
    fresh.close()


def test_json_carries_store_ids(import_store: Store, tmp_path: Path) -> None:
    _fill(import_store, tmp_path)
    code, out, _err = cli("export", "snapshots", "--format", "json")
    assert code == 0
    data = json.loads(out)
    ids = rows(import_store, "SELECT id, work_id FROM worksnapshot ORDER BY work_id, snapshot_date")
    assert [(d["id"], d["work_id"]) for d in data] == ids
    assert data[0]["published_at"] == "2026-10-20 19:30:00"


def test_csv_headers_and_bom(import_store: Store, tmp_path: Path) -> None:
    _fill(import_store, tmp_path)
    code, out, _err = cli("export", "daily")
    assert (
        out.splitlines()[0]
        == "日期,播放量,点赞量,评论量,分享量,收藏量,主页访问量,粉丝总数,新增粉丝,掉粉数"
    )
    assert out.splitlines()[2] == "2026-10-25,700,30,0,0,0,0,,15,1"
    target = tmp_path / "works.csv"
    code, _out, err = cli("export", "works", "-o", str(target))
    assert code == 0 and "exported 3 row(s)" in err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf\xe4\xbd\x9c\xe5\x93\x81ID")


def test_empty_export(import_store: Store) -> None:
    code, out, _err = cli("export", "works", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_unknown_export_lists_kinds(import_store: Store) -> None:
    code, _out, err = cli("export", "everything")
    assert code == 1
    assert err.count("\n") == 1
    assert all(name in err for name in ("daily", "snapshots", "works"))


def test_export_into_missing_folder(import_store: Store, tmp_path: Path) -> None:
    code, _out, err = cli("export", "works", "-o", str(tmp_path / "no" / "such" / "w.csv"))
    assert code == 1 and "Traceback" not in err
