"""The examples of files from other tools and of Open Platform data APIs (run by
make_examples.py). Each keeps the shape its source writes; docs/import-formats.md names it.

热榜_20261025.csv              TikTokDownloader's hot list (kind hot_list)
hotsearch_sentences.json     Open Platform /hotsearch/sentences/ (kind hot_list)
billboard_hot_video.json     Open Platform /data/extern/billboard/hot_video/ (kind hot_list)
user_item.json               Open Platform /data/external/user/item/ (kind user_data)
user_profile.json            Open Platform /data/external/user/profile/ (kind user_data)
fans_source.json             Open Platform /data/external/fans/source/ (kind fan_source)
item_play.json               Open Platform /data/external/item/play/ (kind work_data, --work)
im_receive_msg.jsonl         the im_receive_msg webhook as a receiver saves it (kind im_webhook)
comment_replies.json         Open Platform /item/comment/reply/list/ (kind comments, --parent)
mediacrawler_contents.csv    MediaCrawler's contents export (kind tool_works)
mediacrawler_comments.jsonl  MediaCrawler's comments, many videos, replies (kind comments)
作品数据.csv                  TikTokDownloader's 作品数据 (kind tool_works)
评论数据.csv                  TikTokDownloader's 评论数据 (kind comments, --work)
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

BEIJING = timezone(timedelta(hours=8))
EXTRA = {"description": "", "error_code": "0", "logid": "202610250900010101980821035705926A",
         "now": "1761354000000", "sub_description": "", "sub_error_code": "0"}  # fmt: skip


def _ts(day: int, hour: int, minute: int = 0) -> int:
    return int(datetime(2026, 10, day, hour, minute, tzinfo=BEIJING).timestamp())


def _json(path: Path, doc: Any) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _data(body: dict[str, Any]) -> dict[str, Any]:
    return {"data": {"description": "", "error_code": "0", **body}, "extra": EXTRA}


HOT = [("秋天第一碗双皮奶", 11_950_000), ("广州早茶新吃法", 10_870_000), ("打工人午餐", 9_120_000),
       ("沙面一日游", 6_400_000), ("糖水铺测评", 5_010_000)]  # fmt: skip


def hot_list_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(
            ["排名", "内容", "热度", "封面", "时间", "浏览数量", "视频数量", "SENTENCE_ID"]
        )
        for n, (word, heat) in enumerate(HOT, 1):
            out.writerow([n, word, heat, f"https://p3-sign.douyinpic.com/obj/hot{n}.jpeg",
                          _ts(25, 8, n), heat * 3, 40 - n * 5, 2063820 + n])  # fmt: skip


def hotsearch_json(path: Path) -> None:
    items = [{"hot_level": heat, "sentence": word} for word, heat in HOT]
    _json(path, _data({"active_time": "2026-10-25 09:00:37", "list": items}))


def billboard_json(path: Path) -> None:
    videos = [
        ("广州早茶天花板 #早茶 #美食探店 @抖音小助手", "早茶,虾饺,广州", 50_440_215),
        ("秋天第一碗双皮奶 #秋天的第一杯奶茶 #甜品", "双皮奶,甜品", 30_440_215),
        ("打工人 15 元午餐 #打工人 #美食探店", "午餐,便当", 20_112_000),
    ]
    items = [
        {"comment_count": 1673 - n * 300, "item_cover": f"https://p3-sign.douyinpic.com/obj/c{n}.jpeg",
         "rank": n, "play_count": heat // 2, "author": f"作者{n}", "digg_count": heat // 50,
         "hot_words": words, "hot_value": heat,
         "share_url": f"https://www.iesdouyin.com/share/video/74411000000000000{n:02d}/?region=CN",
         "title": title}
        for n, (title, words, heat) in enumerate(videos, 1)
    ]  # fmt: skip
    _json(path, {"extra": {**EXTRA, "error_code": 0, "sub_error_code": 0}, "data": {"list": items}})


def user_item_json(path: Path) -> None:
    days = [{"date": f"2026-10-{d:02d}", "new_issue": str(int(d in (3, 8, 12))),
             "new_play": str(8_000 + d * 611 % 5_000), "total_issue": str(38 + (d >= 3) + (d >= 8))}
            for d in range(1, 15)]  # fmt: skip
    _json(path, _data({"result_list": days}))


def user_profile_json(path: Path) -> None:
    days = [
        {"date": f"2026-10-{d:02d}", "profile_uv": str(140 + d * 17 % 90)} for d in range(1, 15)
    ]
    _json(path, _data({"result_list": days}))


def fans_source_json(path: Path) -> None:
    shares = [
        ("视频详情页", "62.35%"),
        ("个人主页", "21.40%"),
        ("直播间", "9.93%"),
        ("其他", "6.32%"),
    ]
    items = [{"source": s, "percent": p} for s, p in shares]
    _json(path, {"data": {"list": items, "error_code": 0, "description": ""},
                 "extra": {**EXTRA, "error_code": 0, "sub_error_code": 0}})  # fmt: skip


def item_play_json(path: Path) -> None:
    """The plays each day added to 广州早茶攻略 (published 2026-10-03): --work 7421100000000000001."""
    plays = [52_310, 31_200, 17_450, 9_880, 6_120, 4_030, 2_980]
    days = [{"date": f"2026-10-{3 + i:02d}", "play": str(p)} for i, p in enumerate(plays)]
    _json(path, _data({"result_list": days}))


def im_jsonl(path: Path) -> None:
    fans = [("0d1e3f7a-ae9b-4dbf-add1-bf67e4093fab", "小林爱吃", "你好,请问怎么合作?"),
            ("8f9e0d1c-1111-4222-8333-944455556666", "阿强", "双皮奶那家店在哪里"),
            ("0d1e3f7a-ae9b-4dbf-add1-bf67e4093fab", "小林爱吃", "好的谢谢")]  # fmt: skip
    me = "5b6c7d8e-7ae0-4399-914a-5eb1df5861ba"
    lines = []
    for n, (fan, nick, text) in enumerate(fans):
        content = {
            "conversation_short_id": f"@9Vxc1/yDU8sqaS+gN4koEc7912foPPiLPZVyrQmgKVQab{n}==",
            "server_message_id": f"@9Vxc1/yDU8sqaS+gN4koEc7912foPPyAPpF2rgykLFgbaf{n}==",
            "conversation_type": 1, "create_time": (_ts(24, 21, n * 7)) * 1000,
            "message_type": "text", "source": "", "scene_type": 100, "text": text,
            "user_infos": [{"open_id": fan, "nick_name": nick, "avatar": ""},
                           {"open_id": me, "nick_name": "广州美食日记", "avatar": ""}],
        }  # fmt: skip
        event = {"event": "im_receive_msg", "client_key": "awq1n0n7aheyh1cz", "from_user_id": fan,
                 "to_user_id": me, "content": json.dumps(content, ensure_ascii=False)}  # fmt: skip
        lines.append(json.dumps(event, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def comment_replies_json(path: Path) -> None:
    """Replies to @9VwKzuuES8gmaXS6ZohyQM7 of open-platform-comments.json."""
    replies = [
        {"comment_id": "@9VwKzuuES8gmaXS6ZohyQR1", "comment_user_id": "u2003",
         "content": "同问,第二步是先蒸还是先煮?", "create_time": 1795609000, "digg_count": 5,
         "reply_comment_total": 0, "top": False},
        {"comment_id": "@9VwKzuuES8gmaXS6ZohyQR2", "comment_user_id": "u2001",
         "content": "看懂了,谢谢", "create_time": 1795612600, "digg_count": 1,
         "reply_comment_total": 0, "top": False},
    ]  # fmt: skip
    _json(path, {"extra": {**EXTRA, "error_code": 0, "sub_error_code": 0},
                 "data": {"cursor": 2, "has_more": False, "list": replies}})  # fmt: skip


# The works of the works example as the tools see them: by aweme id (the xlsx's 作品ID is the
# Creator Center's), same titles and times, no play count.
TOOL_WORKS = [
    ("7421100000000000001", "0", "广州早茶攻略:虾饺烧卖哪家强 #广州美食 #早茶", (3, 19, 30),
     5_230, 961, 415, 381),
    ("7421100000000000003", "68", "周末带娃去哪儿|沙面一日游 #遛娃", (12, 12, 0), 312, 88, 27, 12),
]  # fmt: skip


def mediacrawler_contents_csv(path: Path) -> None:
    header = ["aweme_id", "aweme_type", "title", "desc", "create_time", "user_id", "sec_uid",
              "short_user_id", "user_unique_id", "user_signature", "nickname", "avatar",
              "liked_count", "collected_count", "comment_count", "share_count", "ip_location",
              "last_modify_ts", "aweme_url", "cover_url", "video_download_url",
              "music_download_url", "note_download_url", "source_keyword"]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for aid, typ, desc, (d, h, m), likes, favs, comments, shares in TOOL_WORKS:
            out.writerow([aid, typ, desc, desc, _ts(d, h, m), "98765432101", "MS4wLjABAAAAx1",
                          "3344556677", "gzfood", "", "广州美食日记", "", likes, favs, comments,
                          shares, "广东", 1761354000000, f"https://www.douyin.com/video/{aid}",
                          "", "", "", "", ""])  # fmt: skip


def tiktokdownloader_works_csv(path: Path) -> None:
    header = ["作品类型", "采集时间", "UID", "SEC_UID", "ID", "作品ID", "作品描述", "作品话题",
              "视频时长", "视频高度", "视频宽度", "作品链接", "发布时间", "视频URI", "账号昵称",
              "年龄", "账号签名", "下载地址", "音乐作者", "音乐标题", "音乐链接", "静态封面",
              "动态封面", "隐藏标签", "点赞数量", "评论数量", "收藏数量", "分享数量", "播放数量",
              "额外信息"]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for aid, typ, desc, (d, h, m), likes, favs, comments, shares in TOOL_WORKS:
            when = f"2026-10-{d:02d} {h:02d}:{m:02d}:00"
            out.writerow(["图集" if typ == "68" else "视频", "2026-10-25 09:00:00", "98765432101",
                          "MS4wLjABAAAAx1", "gzfood", aid, desc, "", "00:00:58", 1920, 1080,
                          f"https://www.douyin.com/video/{aid}", when, "", "广州美食日记", -1, "",
                          "", "", "", "", "", "", "", likes, comments, favs, shares, 0, ""])  # fmt: skip


COMMENTS = [  # comment id, aweme id, text, nickname, uid, likes, parent, (day, hour, minute)
    ("7431200000000000001", "7421100000000000001", "虾饺真的绝了", "小林爱吃", "11112222", 56, "0", (4, 8, 10)),
    ("7431200000000000002", "7421100000000000001", "同意!下次去试试", "阿强", "33334444", 4,
     "7431200000000000001", (4, 9, 0)),
    ("7431200000000000003", "7421100000000000003", "沙面拍照超好看", "Cici", "55556666", 12, "0", (12, 13, 5)),
]  # fmt: skip


def mediacrawler_comments_jsonl(path: Path) -> None:
    lines = []
    for cid, aid, text, nick, uid, likes, parent, (d, h, m) in COMMENTS:
        item = {"comment_id": cid, "create_time": _ts(d, h, m), "ip_location": "广东",
                "aweme_id": aid, "content": text, "user_id": uid, "sec_uid": "MS4wLjABAAAA" + uid,
                "short_user_id": "", "user_unique_id": "", "user_signature": "", "nickname": nick,
                "avatar": "", "sub_comment_count": "0", "like_count": likes,
                "last_modify_ts": 1761354000000, "parent_comment_id": parent, "pictures": ""}  # fmt: skip
        lines.append(json.dumps(item, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def tiktokdownloader_comments_csv(path: Path) -> None:
    """The comments of 广州早茶攻略 (--work 7421100000000000001)."""
    header = ["采集时间", "评论ID", "评论时间", "UID", "SEC_UID", "账号昵称", "账号签名", "年龄",
              "IP归属地", "评论内容", "评论表情", "评论图片", "点赞数量", "回复数量", "回复ID",
              "回复对象"]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for cid, aid, text, nick, uid, likes, parent, (d, h, m) in COMMENTS:
            if aid == "7421100000000000001":
                out.writerow(["2026-10-25 09:00:00", cid, f"2026-10-{d:02d} {h:02d}:{m:02d}:00",
                              uid, "MS4wLjABAAAA" + uid, nick, "", -1, "广东", text, "", "", likes,
                              0, parent, "0"])  # fmt: skip


def write_all(here: Path) -> None:
    hot_list_csv(here / "热榜_20261025.csv")
    hotsearch_json(here / "hotsearch_sentences.json")
    billboard_json(here / "billboard_hot_video.json")
    user_item_json(here / "user_item.json")
    user_profile_json(here / "user_profile.json")
    fans_source_json(here / "fans_source.json")
    item_play_json(here / "item_play.json")
    im_jsonl(here / "im_receive_msg.jsonl")
    comment_replies_json(here / "comment_replies.json")
    mediacrawler_contents_csv(here / "mediacrawler_contents.csv")
    mediacrawler_comments_jsonl(here / "mediacrawler_comments.jsonl")
    tiktokdownloader_works_csv(here / "作品数据.csv")
    tiktokdownloader_comments_csv(here / "评论数据.csv")
