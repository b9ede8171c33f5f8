"""Bulk drafts import (issue 16 §6): a CSV/XLSX of drafts, Chinese or English headers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.drafts import list_drafts
from creatorctl.posting_queue import parse_slots, set_account_slots
from tests._drafts_support import new_store
from tests.import_helpers import cli, write_csv, write_xlsx

NOW = "2026-11-26T10:00:00"  # a Thursday


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", NOW)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    store, acc = new_store(tmp_path)
    set_account_slots(store, acc, parse_slots("fri 20:00, sat 12:00"))
    with store.write() as conn:
        conn.execute(
            sa.text("INSERT INTO work(account_id, title, published_at) VALUES (:a, '旧作品', :p)"),
            {"a": acc, "p": "2026-11-01 12:00:00"},
        )
    store.close()
    return tmp_path / "store.db"


def _drafts(db: Path) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    from creatorctl.store import open_store

    store = open_store(str(db))
    try:
        rows = list_drafts(store, 1)
        return sorted(
            (
                d.title,
                d.state,
                f"{d.scheduled_at:%Y-%m-%d %H:%M}" if d.scheduled_at else None,
                d.tags,
            )
            for d in rows
        )
    finally:
        store.close()


ZH = [
    ["标题", "描述", "话题", "视频", "封面", "发布时间"],
    ["周五探店", "一家老店", "#美食 #探店", "/v/1.mp4", "", "2026-11-28 19:00"],
    ["排队的一条", "", "美食", "/v/2.mp4", "", "queue"],
    ["先存草稿", "", "", "/v/3.mp4", "/v/3.jpg", ""],
    ["再排一条", "", "", "/v/4.mp4", "", "排队"],
]


def test_chinese_csv_schedules_queues_and_saves(db: Path, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "草稿.csv", ZH)
    code, out, err = cli("--db", str(db), "import", str(src))
    assert code == 0, err
    assert _drafts(db) == [
        ("先存草稿", "draft", None, ()),
        ("再排一条", "scheduled", "2026-11-28 12:00", ()),  # the next free slot after Fri 20:00
        ("周五探店", "scheduled", "2026-11-28 19:00", ("#美食", "#探店")),
        ("排队的一条", "scheduled", "2026-11-27 20:00", ("#美食",)),
    ]


def test_english_xlsx_is_detected_and_dry_run_writes_nothing(db: Path, tmp_path: Path) -> None:
    src = write_xlsx(
        tmp_path / "plan.xlsx",
        [["Title", "Video", "Topics", "Time"], ["Weekend", "/v/a.mp4", "food, travel", ""]],
    )
    code, out, err = cli("--db", str(db), "import", str(src), "--dry-run")
    assert code == 0, err
    assert "bulk drafts" in out and _drafts(db) == []
    assert cli("--db", str(db), "import", str(src))[0] == 0
    assert _drafts(db) == [("Weekend", "draft", None, ("#food", "#travel"))]


def test_duplicates_are_skipped_and_counted(db: Path, tmp_path: Path) -> None:
    src = write_csv(
        tmp_path / "d.csv",
        [["标题", "视频"], ["新的", "/v/1.mp4"], ["新的", "/v/1.mp4"], ["旧作品", "/v/2.mp4"]],
    )
    code, out, err = cli("--db", str(db), "import", str(src))
    assert code == 0, err
    assert "repeats an earlier row's title" in out + err
    assert "already published (work #1)" in out + err
    assert [d[0] for d in _drafts(db)] == ["新的"]
    _code, out, err = cli("--db", str(db), "import", str(src))
    assert "already a draft (#1)" in out + err and len(_drafts(db)) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["过去的", "/v/1.mp4", "2026-11-20 20:00"], "the time 2026-11-20 20:00 has passed"),
        (["标" * 31, "/v/1.mp4", "queue"], "title has 31 characters; Douyin allows 30"),
        (["时间坏了", "/v/1.mp4", "明天晚上"], "d.csv"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(db: Path, tmp_path: Path, row, message) -> None:  # type: ignore[no-untyped-def]
    src = write_csv(
        tmp_path / "d.csv", [["标题", "视频", "发布时间"], ["好的", "/v/0.mp4", ""], row]
    )
    code, out, err = cli("--db", str(db), "import", str(src))
    assert code == 1 and message in err, out + err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and _drafts(db) == []


def test_a_works_sheet_is_not_taken_for_drafts(db: Path, tmp_path: Path) -> None:
    """标题 + 发布时间 + 播放量 is a works export (no 视频 column)."""
    src = write_csv(
        tmp_path / "w.csv", [["标题", "发布时间", "播放量"], ["某作品", "2026-11-01 20:00", "100"]]
    )
    code, out, err = cli("--db", str(db), "import", str(src), "--dry-run")
    assert code == 0, err
    assert "bulk drafts" not in out and "works" in out


def test_queued_rows_keep_an_hour_from_a_live_preview(
    store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 (s5): the bulk import picked the queue's slots without looking at live
    previews (直播预告), so a queued row landed next to a live that the schedule dialog and
    `drafts queue` pass over. Now all three follow posting_queue.LiveCalendar: a row's slot is
    more than an hour from every live. On both backends (the previews are read in the import's
    own transaction)."""
    from creatorctl.accounts import add_account
    from creatorctl.inbox.live import add_preview

    monkeypatch.setenv("CREATORCTL_FAKE_NOW", NOW)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    acc = add_account(store, "me").id
    set_account_slots(store, acc, parse_slots("fri 20:00, sat 12:00"))
    live = datetime(2026, 11, 27, 20, 30)  # Friday: half an hour after the 20:00 slot
    add_preview(store, acc, "周五直播", live)
    src = write_csv(
        tmp_path / "q.csv", [["标题", "视频", "发布时间"], ["排一条", "/v/1.mp4", "queue"]]
    )
    code, _out, err = cli("--db", store.url, "import", str(src))
    assert code == 0, err
    [draft] = list_drafts(store, acc)
    assert draft.state == "scheduled"
    assert draft.scheduled_at == datetime(2026, 11, 28, 12, 0)  # Saturday's slot, not Friday's
    assert abs(draft.scheduled_at - live).total_seconds() > 3600
