"""Real Douyin files (issue 12): opaque platform ids, the numeric aweme id, items that are not
public, the bare ``data`` object and ``/video/data/``, and ``#话题`` pulled out of titles.

The video-list fixtures follow the Open Platform field list as the public SDKs declare it:
github.com/zhangshuai/douyin-go ``video.go`` (``Video``: item_id, video_id, title, create_time,
is_reviewed, is_top, media_type 2 图集 / 4 视频, video_status, share_url, statistics{…};
``VideoListResData``: list, cursor, has_more) and the video_status codes "1:细化为5、6、7三种
状态;2:不适宜公开;4:审核中;5:公开视频;6:好友可见;7:私密视频" documented in the Open Platform
SDK models (e.g. the Java and Go clients found by searching the code corpus for "5:公开视频").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from creatorctl.importers import ImportRejected, import_file
from creatorctl.importers.numbers import ParseError, parse_id
from creatorctl.store import Store
from tests.import_helpers import account_id, cli, rows

# An Open Platform item_id as the API returns it: encrypted, 89 characters, with / + =.
ITEM_A = "@9VxS1/qCUc80K2etd8wkU893p2/ZLqlmD5vgZ9lhAssSgS5lfTb4kLTSI0gWrxAg4Jxx6iy/0MaV7jQhQ+pYdA=="
ITEM_B = "@9VxS1/qCUc80K2etd8wkU893p2/ZLqlmD5vgZ9lhAssSgS5lfTb4kLTSI0gWrxAg4Jxx6iy/0MaV7jQhQ+pYdB=="
ITEM_HIDDEN = (
    "@9VwKzuuES8gmaXS6K4IyFWwdPjPoNLBm/Zp8ZL9WGQ+q5Jm3cUtHkcHbt1/5CBkA4sq3FGy0vM9c5Ot8EDxb0A=="
)


def _video(item: str, vid: str, title: str, ts: int, status: int = 5, media: int = 4,
           plays: int = 1000) -> dict[str, Any]:  # fmt: skip
    return {
        "cover": "https://p3-sign.douyinpic.com/obj/tos-cn-p-0015/x~tplv-dy-360p.jpeg",
        "create_time": ts,
        "is_reviewed": True,
        "is_top": False,
        "item_id": item,
        "media_type": media,
        "share_url": f"https://www.iesdouyin.com/share/video/{vid}/",
        "statistics": {"comment_count": 12, "digg_count": 80, "download_count": 0,
                       "forward_count": 3, "play_count": plays, "share_count": 7},
        "title": title,
        "video_id": vid,
        "video_status": status,
    }  # fmt: skip


def _page(videos: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole /video/list/ response: cursor is in milliseconds."""
    return {
        "data": {"cursor": 1_791_027_000_000, "has_more": False, "list": videos,
                 "error_code": 0, "description": ""},
        "extra": {"error_code": 0, "description": "", "logid": "202611290900", "now": 1791027000},
    }  # fmt: skip


# 2026-10-03 19:30 Beijing time
TS = 1_791_027_000


def _import(store: Store, path: Path, **kw: Any) -> Any:
    return import_file(store, path, account_id=account_id(store), **kw)


def _write(tmp_path: Path, name: str, doc: Any) -> Path:
    f = tmp_path / name
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return f


def test_real_item_ids_are_kept_exactly(import_store: Store, tmp_path: Path) -> None:
    """An 89-character item_id with / + = imports (it was refused at 64), is stored exactly,
    and the numeric video_id is kept beside it as the aweme id."""
    assert len(ITEM_A) == 89
    f = _write(tmp_path, "video_list.json", _page([
        _video(ITEM_A, "7421100000000000001", "广州早茶攻略 #早茶 #广州美食", TS),
        _video(ITEM_B, "7421100000000000002", "一分钟学会做肠粉", TS + 86400),
    ]))  # fmt: skip
    r = _import(import_store, f)
    assert (r.kind, r.counts.added) == ("videos", 2)
    got = rows(import_store, "SELECT item_id, aweme_id, genre, review_status FROM work ORDER BY id")
    assert got == [
        (ITEM_A, "7421100000000000001", "视频", "公开"),
        (ITEM_B, "7421100000000000002", "视频", "公开"),
    ]
    # Matched exactly: importing again updates the same two works (ids differ in one char).
    assert _import(import_store, f).counts.unchanged == 2
    assert rows(import_store, "SELECT count(*) FROM work") == [(2,)]


def test_id_limit_is_named(import_store: Store, tmp_path: Path) -> None:
    """Ids longer than 256 characters are refused with a message naming the real limit, not
    the 5,000-character text limit; the store is unchanged."""
    long_id = "@" + "A/+=" * 70
    f = _write(tmp_path, "video_list.json", _page([_video(long_id, "1", "x", TS)]))
    with pytest.raises(ImportRejected) as exc:
        _import(import_store, f)
    msg = str(exc.value)
    assert "at most 256 printable ASCII characters" in msg
    assert "5,000" not in msg
    assert rows(import_store, "SELECT count(*) FROM work") == [(0,)]


def test_parse_id_rules() -> None:
    assert parse_id(ITEM_A) == ITEM_A
    assert parse_id("x" * 256) == "x" * 256
    for bad in ("x" * 257, "广州", "12 34", "a\tb", True):
        with pytest.raises(ParseError):
            parse_id(bad)


def test_non_public_items_do_not_reject_the_file(import_store: Store, tmp_path: Path) -> None:
    """create_time 0 with an empty title (what the API gives for a private item) is skipped
    with a counted reason; a 自见 item with a time is imported with its status; 图集 is 图文."""
    f = _write(tmp_path, "video_list.json", _page([
        _video(ITEM_A, "7421100000000000001", "广州早茶攻略", TS),
        _video(ITEM_HIDDEN, "7421100000000000009", "", 0, status=7, plays=0),
        _video(ITEM_B, "7421100000000000002", "相册 #周末", TS + 3600, status=7, media=2),
    ]))  # fmt: skip
    r = _import(import_store, f)
    assert (r.counts.added, r.counts.skipped) == (2, 1)
    assert list(r.counts.reasons) == ["no publish time (not public: create_time 0)"]
    got = rows(import_store, "SELECT item_id, title, genre, review_status FROM work ORDER BY id")
    assert got == [(ITEM_A, "广州早茶攻略", "视频", "公开"), (ITEM_B, "相册", "图文", "自见")]
    code, out, err = cli("import", str(f), "--dry-run")
    assert code == 0, err
    assert "skipped 1" in out and "create_time 0" in out


@pytest.mark.parametrize("shape", ["bare_data", "video_data"])
def test_other_video_shapes(import_store: Store, tmp_path: Path, shape: str) -> None:
    """The bare ``data`` object of /video/list/ and the /video/data/ response read the same."""
    videos = [_video(ITEM_A, "7421100000000000001", "广州早茶攻略", TS),
              _video(ITEM_HIDDEN, "7421100000000000009", "", 0, status=7)]  # fmt: skip
    doc: Any = (
        {"cursor": 1_791_027_000_000, "has_more": True, "list": videos}
        if shape == "bare_data"
        else {"data": {"list": videos, "error_code": 0, "description": ""}, "extra": {}}
    )
    r = _import(import_store, _write(tmp_path, f"{shape}.json", doc))
    assert (r.kind, r.counts.added, r.counts.skipped) == ("videos", 1, 1)
    assert rows(import_store, "SELECT item_id, aweme_id FROM work") == [
        (ITEM_A, "7421100000000000001")
    ]


def test_comments_find_their_work_by_aweme_id(import_store: Store, tmp_path: Path) -> None:
    """A comment file that names its work by the numeric aweme id (as third-party tools do)
    finds the work the Open Platform list brought in under its opaque item_id."""
    _import(import_store, _write(tmp_path, "v.json", _page([
        _video(ITEM_A, "7421100000000000001", "广州早茶攻略", TS)])))  # fmt: skip
    f = tmp_path / "comments.csv"
    f.write_text(
        "评论ID,作品ID,用户昵称,评论内容,评论时间\n"
        "c1,7421100000000000001,小明,好吃!,2026-10-04 10:00\n",
        encoding="utf-8",
    )
    r = _import(import_store, f, kind="comments")
    assert r.counts.added == 1
    assert rows(
        import_store, "SELECT w.item_id FROM comment c JOIN work w ON w.id = c.work_id"
    ) == [(ITEM_A,)]


# --- topics from text (§4) --------------------------------------------------------------------


def test_split_title_topics_cjk_ascii_emoji() -> None:
    from creatorctl.topics import split_title_topics

    text = "在家做围炉煮茶 冬天一定要试试\n材料很简单#围炉煮茶#冬日 @小明 #🍵好物 #Tea_time，真香"
    title, desc, topics = split_title_topics(text)
    assert title == "在家做围炉煮茶 冬天一定要试试"
    assert desc == text  # the caption is kept whole
    # stops at the next # or @, at whitespace and at punctuation; emoji and _ are kept
    assert topics == ("#围炉煮茶", "#冬日", "#🍵好物", "#Tea_time")
    assert split_title_topics("一分钟学会做肠粉") == ("一分钟学会做肠粉", "", ())
    assert split_title_topics("#猫咪 #萌宠\n今天的小猫") == (
        "今天的小猫", "#猫咪 #萌宠\n今天的小猫", ("#猫咪", "#萌宠")
    )  # fmt: skip
    assert split_title_topics("＃全角话题 和 #a#a") == (
        "和",
        "＃全角话题 和 #a#a",
        ("#全角话题", "#a"),
    )


XLSX_HEADER = ["作品名称", "发布时间", "体裁", "发布状态", "播放量", "点赞量", "评论量", "分享量"]


def _works_xlsx(path: Path, rows_: list[list[Any]]) -> Path:
    """The Creator Center 作品列表导出 as creators hold it: 作品名称 is the title, a space, then
    the caption with line breaks and #话题; no 作品ID (seed doc and issue 12)."""
    from tests.import_helpers import write_xlsx

    return write_xlsx(path, [XLSX_HEADER, *rows_])


def test_topics_from_titles_drive_trending_and_tasks(import_store: Store, tmp_path: Path) -> None:
    """Topics pulled from real-shaped titles make trending coverage and 全民任务 qualification
    match (they never did: the topics stayed inside 作品名称)."""
    from creatorctl import earn
    from creatorctl.insights import trending

    examples = Path(__file__).resolve().parent.parent / "examples"
    acc = account_id(import_store)
    _import(import_store, examples / "trending.csv")
    _import(import_store, examples / "platform_tasks.csv")
    f = _works_xlsx(tmp_path / "作品列表导出 (1).xlsx", [
        ["围炉煮茶在家做 冬天必须安排上\n材料清单在评论区#围炉煮茶 #冬日限定", "2026-11-20 20:00",
         "视频", "公开", 8000, 300, 20, 10],
        ["我家猫又拆家了 #猫咪#萌宠日常", "2026-11-21 12:00", "视频", "公开", 6000, 200, 5, 3],
    ])  # fmt: skip
    r = _import(import_store, f)
    assert r.counts.added == 2
    assert rows(import_store, "SELECT title, tags FROM work ORDER BY id") == [
        ("围炉煮茶在家做 冬天必须安排上", "#围炉煮茶 #冬日限定"),
        ("我家猫又拆家了", "#猫咪 #萌宠日常"),
    ]
    assert rows(import_store, "SELECT description FROM work ORDER BY id LIMIT 1") == [
        ("围炉煮茶在家做 冬天必须安排上\n材料清单在评论区#围炉煮茶 #冬日限定",)
    ]
    with import_store.write() as conn:
        import sqlalchemy as sa

        conn.execute(sa.text("UPDATE account SET niche='美食'"))
    covered = {tr.topic: tr.covered for tr in trending(import_store, acc)}
    assert covered["#围炉煮茶"] is True and covered["#家常菜"] is False
    cats = [s for s in earn.platform_tasks(import_store, acc) if s.topic == "#猫咪"]
    assert [(s.n_qualifying, [w.title for w in s.qualifying]) for s in cats] == [
        (1, ["我家猫又拆家了"])
    ]
    # Re-importing never duplicates a topic; explicit topics merge with the found ones.
    assert _import(import_store, f).counts.unchanged == 2
    f2 = tmp_path / "works.csv"
    f2.write_text(
        "作品名称,发布时间,播放量,话题\n我家猫又拆家了 #猫咪,2026-11-21 12:00,6100,猫咪 #宠物\n",
        encoding="utf-8",
    )
    _import(import_store, f2)
    assert rows(import_store, "SELECT tags FROM work ORDER BY id") == [
        ("#围炉煮茶 #冬日限定",),
        ("#猫咪 #萌宠日常 #宠物",),
    ]


# --- one work, many sources (§5) --------------------------------------------------------------


def test_xlsx_and_json_are_one_work(import_store: Store, tmp_path: Path) -> None:
    """The export (no 作品ID, 作品名称 = title + caption + topics, Beijing time to the minute)
    and the Open Platform list (ids, title with topics, unix seconds) name the same works:
    the JSON attaches its ids, the summary lists the merges; the title kept is the short one."""
    f = _works_xlsx(tmp_path / "作品列表导出 (1).xlsx", [
        ["广州早茶攻略 虾饺烧卖哪家强\n人均50吃到扶墙#早茶 #广州美食", "2026-10-03 19:30", "视频",
         "公开", 120000, 5000, 400, 380],
        ["一分钟学会做肠粉", "2026-10-04 19:30", "视频", "公开", 45000, 2000, 58, 96],
    ])  # fmt: skip
    assert _import(import_store, f).counts.added == 2
    doc = _page([
        _video(ITEM_A, "7421100000000000001", "广州早茶攻略 #早茶", TS + 42),
        _video(ITEM_B, "7421100000000000002", "一分钟学会做肠粉 #肠粉", TS + 86400 + 5),
    ])  # fmt: skip
    r = _import(import_store, _write(tmp_path, "video_list.json", doc))
    assert (r.counts.added, r.counts.merged) == (0, 2)
    assert r.counts.merges[0] == (
        f"  merged: work #1 “广州早茶攻略 虾饺烧卖哪家强” ← {ITEM_A} 7421100000000000001 "
        "(same title, 42 s apart)"
    )
    got = rows(import_store, "SELECT id, title, item_id, aweme_id, tags FROM work ORDER BY id")
    assert got == [
        (1, "广州早茶攻略", ITEM_A, "7421100000000000001", "#早茶 #广州美食"),
        (2, "一分钟学会做肠粉", ITEM_B, "7421100000000000002", "#肠粉"),
    ]
    # The export again: no new work, no merge line (the ids are known now).
    again = _import(import_store, f)
    assert (again.counts.added, again.counts.merged) == (0, 2)
    assert rows(import_store, "SELECT count(*) FROM work") == [(2,)]
    code, out, _err = cli("import", str(f), "--dry-run")
    assert "merged: work #1" in out


def test_same_title_other_time_stays_separate(import_store: Store, tmp_path: Path) -> None:
    """A series posted under one title on two days, and a work 61 s off, are separate works."""
    f = _works_xlsx(tmp_path / "data.xlsx", [
        ["每日一练 #英语", "2026-10-03 19:30", "视频", "公开", 100, 1, 1, 1],
        ["每日一练 #英语", "2026-10-04 19:30", "视频", "公开", 100, 1, 1, 1],
    ])  # fmt: skip
    assert _import(import_store, f).counts.added == 2
    doc = _page([_video(ITEM_A, "1", "每日一练", TS + 61)])
    r = _import(import_store, _write(tmp_path, "v.json", doc))
    assert (r.counts.added, r.counts.merged) == (1, 0)
    assert rows(import_store, "SELECT count(*) FROM work WHERE title = '每日一练'") == [(3,)]


def test_newer_header_set(import_store: Store, tmp_path: Path) -> None:
    """The newer export: 发布状态 (公开/自见) for 审核状态, 作品时长 for 封面点击率, 评论量 before
    分享量, and `-`/`—`/`--` for missing values (issue 12, the Creator Center works export)."""
    header = ["作品名称", "发布时间", "发布状态", "作品时长", "播放量", "点赞量", "评论量", "分享量",
              "完播率"]  # fmt: skip
    from tests.import_helpers import write_xlsx

    f = write_xlsx(tmp_path / "data.xlsx", [
        header,
        ["公开的那条", "2026-10-03 19:30", "公开", "00:35", 1000, 10, "-", "—", "--"],
        ["自见的那条", "2026-10-04 19:30", "自见", "12秒", 0, 0, 0, 0, ""],
    ])  # fmt: skip
    r = _import(import_store, f)
    assert r.counts.added == 2
    assert rows(
        import_store,
        "SELECT title, review_status, duration_s, comments, shares, completion_rate FROM work "
        "ORDER BY id",
    ) == [("公开的那条", "公开", 35.0, 0, 0, None), ("自见的那条", "自见", 12.0, 0, 0, None)]
    code, out, _err = cli("works", "show", "1")
    assert code == 0 and "duration: 35 s" in out


def test_a_name_without_a_date_says_the_snapshot_is_todays(
    import_store: Store, tmp_path: Path
) -> None:
    """The browser saves `作品列表导出 (1).xlsx`; the summary says the date was taken as today's
    and how to set another; a dated name says nothing of the kind."""
    from tests.import_helpers import WORKS_HEADER, cli, works_row, write_xlsx

    f = write_xlsx(tmp_path / "作品列表导出 (1).xlsx", [WORKS_HEADER, works_row("A", item="1")])
    code, out, _err = cli("--lang", "en", "import", str(f))
    assert code == 0 and "the file name has no date" in out and "--snapshot-date" in out
    g = write_xlsx(
        tmp_path / "作品列表导出_20261025.xlsx", [WORKS_HEADER, works_row("B", item="2")]
    )
    code, out, _err = cli("--lang", "en", "import", str(g))
    assert code == 0 and "no date" not in out
