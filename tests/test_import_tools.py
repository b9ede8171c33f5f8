"""Files of crawler tools creators use (issue 12 §8): MediaCrawler and TikTokDownloader.

Fixture headers are copied from the tools' own field lists:
- MediaCrawler (NanmiCoder/MediaCrawler, store/douyin/__init__.py, update_douyin_aweme and
  update_dy_aweme_comment as of 9f4f8bf^, which still kept user_id/ip_location; the current
  version writes creator_hash instead of user_id): tests/fixtures/sources/mediacrawler_*;
- TikTokDownloader (JoeanAmier/TikTokDownloader, src/storage/manager.py, RecordManager.detail
  and .comment): tests/fixtures/sources/tiktokdownloader_作品数据.csv, …_评论数据.csv.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from creatorctl.importers import import_file
from tests.import_helpers import account_id, cli, rows, write_csv

SOURCES = Path(__file__).parent / "fixtures" / "sources"
EXAMPLES = Path(__file__).parent.parent / "examples"


def _works(store, acc: int, name: str = "mediacrawler_contents.csv", day: int = 24):  # type: ignore[no-untyped-def]
    return import_file(store, SOURCES / name, account_id=acc, snapshot_date=date(2026, 11, day))


@pytest.mark.parametrize("name", ["mediacrawler_contents.csv", "tiktokdownloader_作品数据.csv"])
def test_tool_works_carry_counts_and_no_invented_plays(import_store, name: str) -> None:  # type: ignore[no-untyped-def]
    acc = account_id(import_store)
    r = _works(import_store, acc, name)
    assert (r.kind, r.counts.added) == ("tool_works", 2)
    got = rows(
        import_store,
        "SELECT aweme_id, title, tags, genre, plays, likes, comments, favorites, shares "
        "FROM work ORDER BY aweme_id",
    )
    assert [g[0] for g in got] == ["7441100000000000101", "7441100000000000102"]
    assert got[0][1:3] == ("广州早茶攻略:虾饺烧卖哪家强", "#广州美食 #早茶")
    assert got[1][3] == "图文"  # aweme_type 68 / 作品类型 图集
    assert all(g[4] == 0 for g in got)  # no play count from these tools: none invented
    assert got[0][5] in (5210, 5302) and got[0][7] in (960, 977)
    again = _works(import_store, acc, name)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 2)


def test_tool_works_keep_the_plays_a_creator_center_export_gave(
    import_store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """TikTokDownloader's 播放数量 0 is "unseen": a later snapshot keeps the export's plays and
    takes the tool's likes; the xlsx work (no aweme id) is the tool's work, not a second one."""
    acc = account_id(import_store)
    xlsx = write_csv(
        tmp_path / "作品列表导出.csv",
        [
            ["作品名称", "发布时间", "播放量", "点赞量", "评论量", "分享量", "收藏量"],
            [
                "广州早茶攻略:虾饺烧卖哪家强 #广州美食",
                "2026-11-20 19:30",
                131208,
                5000,
                400,
                380,
                900,
            ],
        ],
    )
    import_file(import_store, xlsx, account_id=acc, snapshot_date=date(2026, 11, 23))
    r = _works(import_store, acc, "tiktokdownloader_作品数据.csv", day=24)
    assert r.counts.added == 1 and r.counts.updated == 1  # the other work is new
    assert rows(
        import_store,
        "SELECT aweme_id, plays, likes FROM work WHERE title LIKE '广州早茶%'",
    ) == [("7441100000000000101", 131208, 5302)]
    assert rows(import_store, "SELECT count(*) FROM work") == [(2,)]


@pytest.mark.parametrize(
    "name",
    ["mediacrawler_comments.csv", "mediacrawler_comments.json", "mediacrawler_comments.jsonl"],
)
def test_mediacrawler_comments_find_works_keep_likes_and_nest_replies(
    import_store, name: str
) -> None:  # type: ignore[no-untyped-def]
    acc = account_id(import_store)
    _works(import_store, acc)
    r = import_file(import_store, SOURCES / name, account_id=acc)
    assert (r.kind, r.counts.added) == ("comments", 3)
    got = rows(
        import_store,
        "SELECT w.aweme_id, c.comment_id, c.nickname, c.likes, p.comment_id FROM comment c "
        "JOIN work w ON w.id = c.work_id LEFT JOIN comment p ON p.id = c.parent_id "
        "ORDER BY c.comment_id",
    )
    assert got == [
        ("7441100000000000101", "7441200000000000001", "小林爱吃", 56, None),
        ("7441100000000000102", "7441200000000000002", "Cici", 12, None),
        ("7441100000000000101", "7441200000000000003", "阿强", 4, "7441200000000000001"),
    ]
    again = import_file(import_store, SOURCES / name, account_id=acc)
    assert again.counts.unchanged == 3


def test_mediacrawler_comments_of_an_unknown_video_are_one_clear_line(import_store) -> None:  # type: ignore[no-untyped-def]
    """Without the works, the file is refused naming the row and the aweme id; nothing lands.
    --work is only a fallback for rows without one, never a catch-all."""
    acc = account_id(import_store)
    code, _out, err = cli("import", str(SOURCES / "mediacrawler_comments.csv"))
    assert code == 1 and "mediacrawler_comments.csv" in err and "7441100000000000101" in err
    assert "Traceback" not in err
    import_file(import_store, EXAMPLES / "作品列表导出_20261025.xlsx", account_id=acc)
    code, _out, err = cli("import", str(SOURCES / "mediacrawler_comments.csv"), "--work", "1")
    assert code == 1 and "7441100000000000101" in err
    assert rows(import_store, "SELECT count(*) FROM comment") == [(0,)]


def test_tiktokdownloader_comments_keep_likes_nickname_uid_and_replies(import_store) -> None:  # type: ignore[no-untyped-def]
    """评论数据.csv names no work: --work does; 回复ID is the parent (0: none)."""
    acc = account_id(import_store)
    _works(import_store, acc)
    wid = rows(import_store, "SELECT id FROM work WHERE aweme_id='7441100000000000101'")[0][0]
    code, _out, err = cli("import", str(SOURCES / "tiktokdownloader_评论数据.csv"))
    assert code == 1 and "--work" in err
    r = import_file(
        import_store,
        SOURCES / "tiktokdownloader_评论数据.csv",
        account_id=acc,
        options={"work": str(wid)},
    )
    assert (r.kind, r.counts.added) == ("comments", 2)
    assert rows(
        import_store,
        "SELECT c.user_id, c.nickname, c.likes, p.comment_id FROM comment c "
        "LEFT JOIN comment p ON p.id = c.parent_id ORDER BY c.comment_id",
    ) == [("11112222", "小林爱吃", 56, None), ("33334444", "阿强", 4, "7441200000000000001")]


def test_mediacrawler_current_comment_fields(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Today's MediaCrawler (store/douyin/__init__.py at HEAD) writes creator_hash, not
    user_id, and no ip_location: still read, the hash kept as the commenter's id."""
    acc = account_id(import_store)
    _works(import_store, acc)
    header = ["comment_id", "create_time", "aweme_id", "content", "creator_hash", "nickname",
              "sub_comment_count", "like_count", "last_modify_ts", "parent_comment_id",
              "pictures"]  # fmt: skip
    path = write_csv(
        tmp_path / "1_comments_2026-11-25.csv",
        [header, ["7441200000000000009", "1795180000", "7441100000000000102", "好看", "a1b2c3",
                  "小*", "0", "7", "1795568400000", "0", ""]],
    )  # fmt: skip
    r = import_file(import_store, path, account_id=acc)
    assert (r.kind, r.counts.added) == ("comments", 1)
    assert rows(import_store, "SELECT user_id, nickname, likes FROM comment") == [
        ("a1b2c3", "小*", 7)
    ]


def test_tool_works_bad_count_is_one_line_and_writes_nothing(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = (SOURCES / "mediacrawler_contents.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "contents.csv"
    path.write_text(src.replace(",5210,", ",很多,"), encoding="utf-8")
    code, _out, err = cli("import", str(path))
    assert code == 1 and "contents.csv" in err and "row 2" in err and "liked_count" in err
    assert "Traceback" not in err
    assert rows(import_store, "SELECT count(*) FROM work") == [(0,)]


def test_work_option_is_checked_whatever_its_type(import_store) -> None:  # type: ignore[no-untyped-def]
    """--work from the app or the API may come as an int: an unknown one is still refused."""
    from creatorctl.errors import UserError

    acc = account_id(import_store)
    with pytest.raises(UserError) as exc:
        import_file(
            import_store,
            SOURCES / "tiktokdownloader_评论数据.csv",
            account_id=acc,
            options={"work": 424242},
        )
    assert "424242" in str(exc.value)
    assert rows(import_store, "SELECT count(*) FROM comment") == [(0,)]
