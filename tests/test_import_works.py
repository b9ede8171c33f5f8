"""Importing works (Douyin's export, Open Platform JSON) and account days into the store."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from creatorctl.importers import ImportRejected, import_file
from creatorctl.store import Store
from creatorctl.works import daily_numbers
from tests.import_helpers import (
    WORKS_HEADER,
    account_id,
    rows,
    works_row,
    write_csv,
    write_xlsx,
)


def _import(store: Store, path: Path, **kw: object):
    return import_file(store, path, account_id=account_id(store), **kw)  # type: ignore[arg-type]


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_works_export_csv(import_store: Store, tmp_path: Path, shanghai: None) -> None:
    f = write_csv(
        tmp_path / "作品列表导出_20261025.csv",
        [WORKS_HEADER, works_row("广州早茶攻略", "1.2万", "7001"), works_row("第二条", "12,345")],
    )
    result = _import(import_store, f)
    assert (result.kind, result.snapshot_date) == ("works", date(2026, 10, 25))
    assert (result.counts.added, result.counts.unchanged) == (2, 0)
    got = rows(
        import_store,
        "SELECT item_id, title, published_at, plays, completion_rate, avg_watch_s, stats_date "
        "FROM work ORDER BY id",
    )
    # 19:30 in Beijing is 11:30 UTC; the store keeps UTC.
    assert got == [
        ("7001", "广州早茶攻略", "2026-10-20 11:30:00.000000", 12000, 0.352, 8.5, "2026-10-25"),
        (None, "第二条", "2026-10-20 11:30:00.000000", 12345, 0.352, 8.5, "2026-10-25"),
    ]
    assert rows(
        import_store, "SELECT count(*) FROM worksnapshot WHERE snapshot_date='2026-10-25'"
    ) == [(2,)]


def test_reimport_adds_nothing(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "a_2026-10-25.csv", [WORKS_HEADER, works_row("A"), works_row("B", 5, "9")]
    )
    _import(import_store, f)
    before = (
        rows(import_store, "SELECT * FROM work"),
        rows(import_store, "SELECT * FROM worksnapshot"),
    )
    again = _import(import_store, f)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    assert (
        rows(import_store, "SELECT * FROM work"),
        rows(import_store, "SELECT * FROM worksnapshot"),
    ) == before


def test_newer_snapshot_updates_and_older_does_not_override(
    import_store: Store, tmp_path: Path
) -> None:
    old = write_csv(tmp_path / "x_20261024.csv", [WORKS_HEADER, works_row("A", 1000, "1")])
    new = write_csv(tmp_path / "x_20261025.csv", [WORKS_HEADER, works_row("A", 1600, "1")])
    _import(import_store, new)
    late = _import(import_store, old)
    assert late.counts.updated == 1  # a new snapshot for an existing work
    assert rows(import_store, "SELECT plays, stats_date FROM work") == [(1600, "2026-10-25")]
    wid = rows(import_store, "SELECT id FROM work")[0][0]
    assert [(p.day, p.plays) for p in daily_numbers(import_store, wid)] == [
        (date(2026, 10, 24), 1000),
        (date(2026, 10, 25), 600),
    ]


def test_snapshot_date_option_beats_file_name(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "x_20261024.csv", [WORKS_HEADER, works_row("A")])
    r = _import(import_store, f, snapshot_date=date(2026, 10, 1))
    assert r.snapshot_date == date(2026, 10, 1)
    assert rows(import_store, "SELECT snapshot_date FROM worksnapshot") == [("2026-10-01",)]


def test_duplicate_rows_make_one_work(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "d.csv", [WORKS_HEADER, works_row("A"), works_row("A"), works_row("A", 7)]
    )
    r = _import(import_store, f)
    assert (r.counts.added, r.counts.unchanged, r.counts.updated) == (1, 1, 1)
    assert rows(import_store, "SELECT title, plays FROM work") == [("A", 7)]
    assert rows(import_store, "SELECT count(*) FROM worksnapshot") == [(1,)]


def test_title_and_time_match_then_id_attaches(import_store: Store, tmp_path: Path) -> None:
    _import(
        import_store, write_csv(tmp_path / "a_20261024.csv", [WORKS_HEADER, works_row("A", 10)])
    )
    r = _import(
        import_store,
        write_csv(tmp_path / "b_20261025.csv", [WORKS_HEADER, works_row("A", 20, "77")]),
    )
    assert r.counts.updated == 1
    assert rows(import_store, "SELECT item_id, plays FROM work") == [("77", 20)]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings(import_store: Store, tmp_path: Path, encoding: str) -> None:
    f = write_csv(
        tmp_path / "enc.csv", [WORKS_HEADER, works_row("广州早茶·攻略", "1.2万")], encoding
    )
    assert _import(import_store, f).counts.added == 1
    assert rows(import_store, "SELECT title, plays FROM work") == [("广州早茶·攻略", 12000)]


def test_tab_separated(import_store: Store, tmp_path: Path) -> None:
    text = "\t".join(WORKS_HEADER) + "\n" + "\t".join(map(str, works_row("A", "3亿"))) + "\n"
    f = tmp_path / "tsv.csv"
    f.write_text(text, encoding="utf-8")
    _import(import_store, f)
    assert rows(import_store, "SELECT plays FROM work") == [(300_000_000,)]


def test_xlsx_with_title_row_and_typed_cells(import_store: Store, tmp_path: Path) -> None:
    from datetime import datetime

    row = works_row("A", 4321)
    row[1] = datetime(2026, 10, 20, 19, 30)
    row[5] = 0.352
    row[16] = 7123456789012
    f = write_xlsx(
        tmp_path / "作品列表导出.xlsx",
        [["作品列表导出 2026-10-01 至 2026-10-25"], [], WORKS_HEADER + ["备注"], row + ["x"]],
    )
    r = _import(import_store, f, snapshot_date=date(2026, 10, 25))
    assert r.counts.added == 1
    assert rows(import_store, "SELECT item_id, plays, completion_rate FROM work") == [
        ("7123456789012", 4321, 0.352)
    ]


def test_header_variants(import_store: Store, tmp_path: Path) -> None:
    header = ["作品标题", "发布时间", "播放数", "5秒完播率", "涨粉量", "平均播放时长(秒)", "无关列"]
    f = write_csv(
        tmp_path / "v.csv", [header, ["A", "2026-10-20 10:00", "1.5k", "61%", "-3", "00:12", "?"]]
    )
    _import(import_store, f)
    assert rows(
        import_store, "SELECT plays, completion_5s, fans_gained, avg_watch_s FROM work"
    ) == [(1500, 0.61, -3, 12.0)]


def test_english_headers(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "en.csv",
        [["Title", "Publish time", "Plays", "Likes"], ["A", "2026-10-20 10:00", "10", "2"]],
    )
    assert _import(import_store, f).kind == "works"
    assert rows(import_store, "SELECT plays, likes FROM work") == [(10, 2)]


def _video_list(plays: int) -> dict:
    return {
        "data": {
            "list": [
                {
                    "item_id": "@9VwKzuuES8gmaXS6K4IyFW",
                    "title": "广州早茶攻略 #美食",
                    "create_time": 1761391800,
                    "cover": "https://p3.douyinpic.com/x.jpeg",
                    "is_top": False,
                    "video_status": 1,
                    "statistics": {
                        "play_count": plays,
                        "digg_count": 50,
                        "comment_count": 5,
                        "share_count": 2,
                        "forward_count": 1,
                        "download_count": 0,
                    },
                }  # fmt: skip
            ],
            "has_more": False,
            "cursor": 0,
            "error_code": 0,
            "description": "",
        },
        "extra": {"logid": "x", "now": 1761400000},
    }


def test_open_platform_video_list(import_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "video_list_2026-10-25.json"
    f.write_text(json.dumps(_video_list(900)), encoding="utf-8")
    r = _import(import_store, f)
    assert (r.kind, r.counts.added) == ("videos", 1)
    assert rows(
        import_store, "SELECT item_id, review_status, plays, likes, favorites FROM work"
    ) == [("@9VwKzuuES8gmaXS6K4IyFW", "已发布", 900, 50, 0)]
    # the works export of the same video (by ID) fills what the API does not give
    export = works_row("广州早茶攻略 #美食", 950, "@9VwKzuuES8gmaXS6K4IyFW")
    _import(import_store, write_csv(tmp_path / "e_20261025.csv", [WORKS_HEADER, export]))
    assert rows(import_store, "SELECT count(*), max(plays), max(favorites) FROM work") == [
        (1, 950, 5)
    ]
    # and importing the JSON again keeps the favourites the export gave
    f.write_text(json.dumps(_video_list(960)), encoding="utf-8")
    assert _import(import_store, f).counts.updated == 1
    assert rows(import_store, "SELECT plays, favorites FROM work") == [(960, 5)]


def test_platform_error_response(import_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "err.json"
    f.write_text(json.dumps({"data": {"error_code": 2190008, "description": "access_token过期"}}))
    with pytest.raises(Exception, match="access_token过期"):
        _import(import_store, f)


DAILY_HEADER = [
    "日期",
    "播放量",
    "点赞量",
    "评论量",
    "分享量",
    "收藏量",
    "主页访问量",
    "总粉丝数",
    "涨粉数",
    "取关数",
]


def test_account_daily(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "daily.csv",
        [DAILY_HEADER, ["2026-10-24", "1.2万", 300, 20, 5, 9, 40, "10,500", 60, 10],
         ["2026/10/25", 9000, 200, 10, 3, 4, 30, 10550, 70, 20]],
    )  # fmt: skip
    r = _import(import_store, f)
    assert (r.kind, r.counts.added, r.snapshot_date) == ("daily", 2, None)
    assert rows(
        import_store,
        "SELECT day, plays, fans_total, fans_gained, fans_lost FROM accountdaily ORDER BY day",
    ) == [
        ("2026-10-24", 12000, 10500, 60, 10),
        ("2026-10-25", 9000, 10550, 70, 20),
    ]
    assert _import(import_store, f).counts.unchanged == 2
    f2 = write_csv(tmp_path / "d2.csv", [["date", "fans lost"], ["2026-10-25", 25]])
    r2 = _import(import_store, f2)
    assert (r2.kind, r2.counts.updated) == ("daily", 1)
    assert rows(
        import_store, "SELECT plays, fans_lost FROM accountdaily WHERE day='2026-10-25'"
    ) == [(9000, 25)]


def test_dry_run_writes_nothing(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "a.csv", [WORKS_HEADER, works_row("A"), works_row("B")])
    r = _import(import_store, f, dry_run=True)
    assert (r.counts.added, r.dry_run) == (2, True)
    assert rows(import_store, "SELECT count(*) FROM work") == [(0,)]
    assert rows(import_store, "SELECT count(*) FROM worksnapshot") == [(0,)]


def test_bad_rows_reject_the_file_or_are_skipped(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "bad.csv",
        [WORKS_HEADER, works_row("A"), works_row("B", "lots"), works_row("C", -4), works_row("D")],
    )
    with pytest.raises(ImportRejected) as exc:
        _import(import_store, f)
    assert len(exc.value.problems) == 2
    assert "row 3, column 播放量" in exc.value.problems[0] and "'lots'" in exc.value.problems[0]
    assert rows(import_store, "SELECT count(*) FROM work") == [(0,)]
    r = _import(import_store, f, skip_bad_rows=True)
    assert (r.counts.added, r.counts.skipped) == (2, 2)
    assert rows(import_store, "SELECT title FROM work ORDER BY title") == [("A",), ("D",)]


def test_future_publish_time_is_a_bad_row(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "f.csv", [WORKS_HEADER, works_row("A", when="2027-05-01 10:00")])
    with pytest.raises(ImportRejected, match="future"):
        _import(import_store, f)


def test_many_batches(import_store: Store, tmp_path: Path) -> None:
    n = 12_345
    data = (
        [WORKS_HEADER]
        + [works_row(f"作品{i}", i, str(i)) for i in range(n)]
        + [works_row("作品7", 7, "7")]
    )
    f = write_csv(tmp_path / "big.csv", data)
    r = _import(import_store, f)
    assert (r.counts.added, r.counts.unchanged) == (n, 1)
    assert rows(import_store, "SELECT count(*), sum(plays) FROM work") == [(n, sum(range(n)))]


def test_json_lines_stream_as_a_table(import_store: Store, tmp_path: Path) -> None:
    lines = [
        {"日期": "2026-10-24", "播放量": "1.2万", "粉丝总数": 100, "extra": {"nested": [1]}},
        {"日期": "2026-10-25", "播放量": 900, "涨粉数": 7},
    ]
    f = tmp_path / "days.jsonl"
    f.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8"
    )
    r = _import(import_store, f)
    assert (r.kind, r.counts.added) == ("daily", 2)
    assert rows(
        import_store, "SELECT day, plays, fans_total, fans_gained FROM accountdaily ORDER BY day"
    ) == [
        ("2026-10-24", 12000, 100, 0),
        ("2026-10-25", 900, None, 7),
    ]
    f.write_text(
        f.read_text(encoding="utf-8") + '{"日期": "2026-10-26", "播放量": "很多"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected, match="row 3, column 播放量"):
        _import(import_store, f)
    f.write_text('{"日期": "2026-10-24"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(Exception, match="line 2"):
        _import(import_store, f)


def test_imported_works_are_searchable_and_the_search_trigger_survives(
    import_store: Store, tmp_path: Path
) -> None:
    from creatorctl.works import edit_work, list_works

    trigger = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'work_fts_ai'"
    acc = account_id(import_store)
    bad = write_csv(
        tmp_path / "bad.csv", [WORKS_HEADER, works_row("早茶攻略", 1), works_row("x", "?")]
    )
    with pytest.raises(ImportRejected):
        _import(import_store, bad)
    assert rows(import_store, trigger) == [(1,)]
    many = [WORKS_HEADER] + [works_row(f"广州早茶第{i}家", i, str(i)) for i in range(6_000)]
    _import(import_store, write_csv(tmp_path / "a.csv", many), dry_run=True)
    assert rows(import_store, trigger) == [(1,)]
    _import(import_store, write_csv(tmp_path / "a.csv", many))
    assert rows(import_store, trigger) == [(1,)]
    assert [w.title for w in list_works(import_store, acc, query="第5999家")] == [
        "广州早茶第5999家"
    ]
    assert len(list_works(import_store, acc, query="广州早茶", limit=10_000)) == 6_000
    # the search index stays consistent when an imported work is edited, and for new works
    wid = list_works(import_store, acc, query="第42家")[0].id
    edit_work(import_store, wid, title="沙面下午茶")
    assert [w.id for w in list_works(import_store, acc, query="沙面下午茶")] == [wid]
    assert list_works(import_store, acc, query="第42家") == []
    _import(import_store, write_csv(tmp_path / "b.csv", [WORKS_HEADER, works_row("荔湾艇仔粥", 3)]))
    assert len(list_works(import_store, acc, query="艇仔粥")) == 1
    # FTS5 checks its index against the works table; a mismatch raises
    with import_store.write() as conn:
        conn.exec_driver_sql("INSERT INTO work_fts(work_fts, rank) VALUES ('integrity-check', 1)")
