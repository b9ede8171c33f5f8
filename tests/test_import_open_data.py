"""Open Platform data files and hot lists (issue 12 §8), read from faithful fixtures.

The Open Platform fixtures in tests/fixtures/sources/op_*.json and im_receive_msg.json keep the
shapes (keys, nesting, numbers written as text, ``error_code`` as "0") of the response samples
of the Douyin Open Platform SDK fudiwei/DotNetCore.SKIT.FlurlHttpClient.ByteDance,
test/SKIT.FlurlHttpClient.ByteDance.DouyinOpen.UnitTests/ModelSamples/ (DataExternal/User/
DataExternalUserItemResponse.json, …UserProfileResponse.json, DataExternal/Fans/
DataExternalFansSourceResponse.json, DataExternal/Item/DataExternalItem{Base,Play,Like}
Response.json, HotSearch/HotSearchSentencesResponse.json, DataExternal/Billboard/HotVideo/
DataExternalBillboardHotVideoResponse.json, Item/Comment/ItemCommentReplyListResponse.json) and
EventSamples/IM/IMReceiveMessageEvent.json; the webhook's ``content`` is a JSON string, as
Douyin sends it (https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/webhooks/
event-list/im/receive-msg). The hot list CSV has the columns of TikTokDownloader's
RecordManager.hot (JoeanAmier/TikTokDownloader, src/storage/manager.py).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from creatorctl.errors import UserError
from creatorctl.importers import import_file
from tests.import_helpers import account_id, cli, rows
from tests.insights_data import add_work

SOURCES = Path(__file__).parent / "fixtures" / "sources"
EXAMPLES = Path(__file__).parent.parent / "examples"


def test_user_item_and_profile_merge_into_account_days(import_store) -> None:  # type: ignore[no-untyped-def]
    """/data/external/user/item/ (new_play) and /user/profile/ (profile_uv) fill one day each,
    and neither wipes what the other (or the daily CSV) gave."""
    acc = account_id(import_store)
    r = import_file(import_store, SOURCES / "op_user_item.json", account_id=acc)
    assert (r.kind, r.counts.added) == ("user_data", 3)
    r = import_file(import_store, SOURCES / "op_user_profile.json", account_id=acc)
    assert (r.counts.added, r.counts.updated) == (0, 3)
    assert rows(import_store, "SELECT day, plays, profile_visits, likes FROM accountdaily") == [
        ("2026-11-20", 8120, 312, 0),
        ("2026-11-21", 6035, 287, 0),
        ("2026-11-22", 12877, 455, 0),
    ]
    again = import_file(import_store, SOURCES / "op_user_item.json", account_id=acc)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 3)


def test_fan_source_percentages(import_store) -> None:  # type: ignore[no-untyped-def]
    """/data/external/fans/source/: "62.35%" is a share of 0.6235, under dimension `source`."""
    acc = account_id(import_store)
    r = import_file(
        import_store,
        SOURCES / "op_fans_source.json",
        account_id=acc,
        snapshot_date=date(2026, 11, 25),
    )
    assert (r.kind, r.counts.added) == ("fan_source", 4)
    got = rows(
        import_store,
        "SELECT bucket, share, as_of FROM fanportrait WHERE dimension='source' ORDER BY share DESC",
    )
    assert got[0] == ("视频详情页", 0.6235, "2026-11-25")
    assert [g[0] for g in got] == ["视频详情页", "个人主页", "直播间", "其他"]
    again = import_file(
        import_store,
        SOURCES / "op_fans_source.json",
        account_id=acc,
        snapshot_date=date(2026, 11, 25),
    )
    assert again.counts.unchanged == 4


def test_work_daily_data_feeds_the_works_daily_numbers(import_store) -> None:  # type: ignore[no-untyped-def]
    """/data/external/item/play|like/ are what each day added: the work's daily numbers are
    exactly them; /item/base/ gives the totals as of the snapshot date."""
    from creatorctl.works import daily_numbers, get_work

    acc = account_id(import_store)
    wid = add_work(import_store, acc, title="广州早茶", plays=0, likes=0, comments=0, shares=0)
    opts = {"work": str(wid)}
    for name in ("op_item_play.json", "op_item_like.json"):
        r = import_file(import_store, SOURCES / name, account_id=acc, options=opts)
        assert r.kind == "work_data" and r.counts.rows == 3
    points = daily_numbers(import_store, wid)
    assert [(p.day.isoformat(), p.plays, p.likes) for p in points] == [
        ("2026-11-20", 90210, 3600),
        ("2026-11-21", 30115, 1250),
        ("2026-11-22", 10883, 452),
    ]
    assert get_work(import_store, wid).plays == 90210 + 30115 + 10883
    again = import_file(import_store, SOURCES / "op_item_play.json", account_id=acc, options=opts)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 3)
    r = import_file(
        import_store,
        SOURCES / "op_item_base.json",
        account_id=acc,
        options=opts,
        snapshot_date=date(2026, 11, 25),
    )
    assert r.counts.added == 1
    work = get_work(import_store, wid)
    assert (work.plays, work.likes, work.comments, work.shares) == (131208, 5302, 431, 392)
    assert work.avg_watch_s == pytest.approx(8.6)


def test_work_data_needs_a_known_work(import_store) -> None:  # type: ignore[no-untyped-def]
    acc = account_id(import_store)
    add_work(import_store, acc)
    code, _out, err = cli("import", str(SOURCES / "op_item_play.json"))
    assert code == 1 and "--work" in err and "op_item_play.json" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, _out, err = cli("import", str(SOURCES / "op_item_play.json"), "--work", "@nope")
    assert code == 1 and "@nope" in err
    assert rows(import_store, "SELECT count(*) FROM worksnapshot") == [(0,)]


def test_tiktokdownloader_hot_list_is_trending_not_comments(import_store) -> None:  # type: ignore[no-untyped-def]
    """热榜.csv (排名/内容/热度/时间 …) was taken for comments: its 内容 and 时间 look like theirs."""
    acc = account_id(import_store)
    r = import_file(import_store, SOURCES / "tiktokdownloader_热榜.csv", account_id=acc)
    assert (r.kind, r.counts.added) == ("hot_list", 3)
    assert rows(import_store, "SELECT topic, heat, day FROM trendingtopic ORDER BY heat DESC") == [
        ("#秋冬第一碗羊肉汤", 11950000, "2026-11-25"),
        ("#广州早茶新吃法", 10870000, "2026-11-25"),
        ("#打工人带饭", 9120000, "2026-11-25"),
    ]
    assert rows(import_store, "SELECT count(*) FROM comment") == [(0,)]


def test_hot_search_sentences_and_hot_video_billboard(import_store) -> None:  # type: ignore[no-untyped-def]
    acc = account_id(import_store)
    r = import_file(import_store, SOURCES / "op_hotsearch_sentences.json", account_id=acc)
    assert (r.kind, r.counts.added) == ("hot_list", 3)
    # The day is the list's active_time, not the day it was imported.
    assert rows(import_store, "SELECT DISTINCT day FROM trendingtopic") == [("2026-11-25",)]
    r = import_file(
        import_store,
        SOURCES / "op_billboard_hot_video.json",
        account_id=acc,
        snapshot_date=date(2026, 11, 24),
    )
    assert r.kind == "hot_list"
    got = dict(
        (t, (h, s))
        for t, h, s in rows(
            import_store,
            "SELECT topic, heat, sample_titles FROM trendingtopic WHERE day='2026-11-24'",
        )
    )
    # Hot words and the titles' #话题 are topics; a topic of two videos keeps the higher heat.
    assert set(got) == {"#早茶", "#虾饺", "#广州", "#美食探店", "#羊肉汤", "#冬季"}
    assert got["#美食探店"][0] == 50440215
    assert got["#美食探店"][1].splitlines() == [
        "广州早茶天花板 #早茶 #美食探店 @抖音小助手",
        "一碗羊肉汤暖一冬 #美食探店",
    ]
    again = import_file(
        import_store,
        SOURCES / "op_billboard_hot_video.json",
        account_id=acc,
        snapshot_date=date(2026, 11, 24),
    )
    assert again.counts.unchanged == 6 and again.counts.added == 0


@pytest.mark.parametrize("name", ["im_receive_msg.json", "im_receive_msg.jsonl"])
def test_im_webhook_messages_run_auto_replies(import_store, name: str) -> None:  # type: ignore[no-untyped-def]
    """`content` is a JSON string; create_time is in ms; nicknames come from user_infos."""
    from creatorctl.inbox.messages import save_rule

    acc = account_id(import_store)
    save_rule(import_store, acc, keyword="合作", reply="商务请发邮件", priority=5)
    r = import_file(import_store, SOURCES / name, account_id=acc)
    assert r.kind == "im_webhook"
    got = rows(
        import_store,
        "SELECT c.fan_id, c.fan_nickname, m.direction, m.text, m.auto_reply, m.created_at "
        "FROM message m JOIN conversation c ON c.id = m.conversation_id "
        "ORDER BY m.created_at, m.id",
    )
    assert got[0][:5] == (
        "0d1e3f7a-ae9b-4dbf-add1-bf67e4093fab", "小林爱吃", "in", "请问怎么合作?", 0
    )  # fmt: skip
    assert got[0][5].startswith("2026-11-20 18:40:00")  # 1795200000000 ms, in UTC
    assert got[1][2:5] == ("out", "商务请发邮件", 1)
    if name.endswith(".jsonl"):
        assert [g[3] for g in got[2:]] == ["在吗", "店在哪里"]
        assert got[2][1] == "阿强"
    again = import_file(import_store, SOURCES / name, account_id=acc)
    assert again.counts.added == 0 and again.counts.unchanged == r.counts.rows


def test_im_webhook_bad_content_is_one_line_and_writes_nothing(
    import_store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    event = json.loads((SOURCES / "im_receive_msg.json").read_text(encoding="utf-8"))
    good = json.dumps(event, ensure_ascii=False)
    bad = json.dumps({**event, "content": "{not json"}, ensure_ascii=False)
    path = tmp_path / "hook.jsonl"
    path.write_text(good + "\n" + bad + "\n", encoding="utf-8")
    code, _out, err = cli("import", str(path))
    assert code == 1 and "hook.jsonl" in err and "row 2" in err and "content" in err
    assert rows(import_store, "SELECT count(*) FROM message") == [(0,)]


def test_comment_replies_nest_under_their_parent(import_store) -> None:  # type: ignore[no-untyped-def]
    """/item/comment/reply/list/ does not name its parent: --parent does (the work follows)."""
    acc = account_id(import_store)
    wid = add_work(import_store, acc)
    code, _out, err = cli(
        "import", str(EXAMPLES / "open-platform-comments.json"), "--work", str(wid)
    )
    assert code == 0, err
    parent = rows(import_store, "SELECT id, comment_id FROM comment ORDER BY id")[0]
    code, out, err = cli("import", str(SOURCES / "op_comment_replies.json"), "--parent", parent[1])
    assert code == 0, err
    assert rows(
        import_store, "SELECT work_id, parent_id, content FROM comment WHERE id > 2 ORDER BY id"
    ) == [(wid, parent[0], "谢谢推荐,周末就去"), (wid, parent[0], "虾饺确实好吃")]
    code, out, err = cli("import", str(SOURCES / "op_comment_replies.json"), "--parent", "@nope")
    assert code == 1 and "@nope" in err


def test_error_code_written_as_text(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Data APIs write error_code as "0" on success; a real error is still reported."""
    acc = account_id(import_store)
    doc = json.loads((SOURCES / "op_user_profile.json").read_text(encoding="utf-8"))
    doc["data"] = {"error_code": "2190008", "description": "access_token过期,请刷新"}
    path = tmp_path / "expired.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        import_file(import_store, path, account_id=acc)
    assert "access_token过期" in str(exc.value)


NEW_EXAMPLES = [
    ("热榜_20261025.csv", "hot_list", 5, {}),
    ("hotsearch_sentences.json", "hot_list", 5, {}),
    ("billboard_hot_video.json", "hot_list", 10, {}),
    ("user_item.json", "user_data", 14, {}),
    ("user_profile.json", "user_data", 14, {}),
    ("fans_source.json", "fan_source", 4, {}),
    ("item_play.json", "work_data", 7, {"work": "7421100000000000001"}),
    ("im_receive_msg.jsonl", "im_webhook", 3, {}),
    ("comment_replies.json", "comments", 2, {"parent": "@9VwKzuuES8gmaXS6ZohyQM7"}),
    ("mediacrawler_contents.csv", "tool_works", 2, {}),
    ("作品数据.csv", "tool_works", 2, {}),
    ("mediacrawler_comments.jsonl", "comments", 3, {}),
    ("评论数据.csv", "comments", 2, {"work": "7421100000000000001"}),
]


def test_examples_of_other_sources_import_and_reimport(import_store) -> None:  # type: ignore[no-untyped-def]
    """Every example make_sources.py writes imports as its kind; the second time, unchanged."""
    acc = account_id(import_store)
    import_file(import_store, EXAMPLES / "作品列表导出_20261025.xlsx", account_id=acc)
    wid = rows(import_store, "SELECT id FROM work WHERE item_id='7421100000000000001'")[0][0]
    import_file(
        import_store,
        EXAMPLES / "open-platform-comments.json",
        account_id=acc,
        options={"work": wid},
    )
    for name, kind, n, opts in NEW_EXAMPLES:
        first = import_file(import_store, EXAMPLES / name, account_id=acc, options=opts)
        assert (first.kind, first.counts.rows, first.counts.skipped) == (kind, n, 0), name
        again = import_file(import_store, EXAMPLES / name, account_id=acc, options=opts)
        assert again.counts.unchanged == n, name
    replies = rows(import_store, "SELECT count(*) FROM comment WHERE parent_id IS NOT NULL")
    assert replies == [(3,)]
    # The tools' works are the xlsx's works (title and time), now with their aweme ids.
    assert rows(import_store, "SELECT count(*), count(aweme_id) FROM work") == [(6, 2)]


def test_im_send_msg_is_the_accounts_own_message(import_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """im_send_msg (the account wrote it): stored as sent, in the fan's conversation, and it
    triggers no auto reply."""
    from creatorctl.inbox.messages import save_rule

    acc = account_id(import_store)
    save_rule(import_store, acc, keyword="", reply="欢迎~", is_welcome=True)
    event = json.loads((SOURCES / "im_receive_msg.json").read_text(encoding="utf-8"))
    content = json.loads(event["content"])
    content["text"] = "您好,合作请发邮件"
    sent = {**event, "event": "im_send_msg", "from_user_id": event["to_user_id"],
            "to_user_id": event["from_user_id"], "content": content}  # fmt: skip
    path = tmp_path / "sent.json"
    path.write_text(json.dumps([sent], ensure_ascii=False), encoding="utf-8")
    r = import_file(import_store, path, account_id=acc)
    assert (r.kind, r.counts.added) == ("im_webhook", 1)
    assert rows(
        import_store,
        "SELECT c.fan_id, c.fan_nickname, m.direction, m.text FROM message m "
        "JOIN conversation c ON c.id = m.conversation_id",
    ) == [("0d1e3f7a-ae9b-4dbf-add1-bf67e4093fab", "小林爱吃", "out", "您好,合作请发邮件")]
