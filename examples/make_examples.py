"""Write the example files in this folder, one per import kind (run from anywhere):

    python examples/make_examples.py

作品列表导出_20261025.xlsx  the Creator Center works export, title row above the header (kind works)
video_list_20261025.json    an Open Platform /video/list/ response page (kind videos)
账号每日数据.csv             the account's daily numbers, Chinese headers (kind daily)
批量草稿.csv                 a week planned as drafts: a time, queue or empty (kind drafts)
and, from make_sources.py, the files of other tools and of Open Platform data APIs.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
BEIJING = timezone(timedelta(hours=8))

WORKS = [
    # title, published, genre, plays, completion, 5s, ctr, bounce, avg, likes, shares, comments, favs, visits, fans, id
    ("广州早茶攻略:虾饺烧卖哪家强", datetime(2026, 10, 3, 19, 30), "视频", 128_430, 0.352, 0.61, 0.082, 0.22, 8.5, 5_210, 380, 412, 960, 1_340, 186, "7421100000000000001"),
    ("一分钟学会做肠粉", datetime(2026, 10, 8, 20, 5), "视频", 45_210, 0.418, 0.66, 0.071, 0.19, 12.3, 2_031, 96, 58, 402, 510, 64, "7421100000000000002"),
    ("周末带娃去哪儿|沙面一日游", datetime(2026, 10, 12, 12, 0), "图文", 9_874, 0.0, 0.0, 0.055, 0.0, 0.0, 311, 12, 27, 88, 97, 9, "7421100000000000003"),
    ("打工人午餐 15 元吃饱", datetime(2026, 10, 16, 12, 20), "视频", 302_518, 0.276, 0.52, 0.104, 0.31, 6.9, 18_604, 2_210, 1_087, 3_922, 4_806, 712, "7421100000000000004"),
    ("老字号糖水铺测评", datetime(2026, 10, 20, 21, 15), "视频", 21_066, 0.334, 0.58, 0.067, 0.24, 9.8, 803, 41, 133, 158, 276, 31, "7421100000000000005"),
    ("秋天第一碗双皮奶", datetime(2026, 10, 24, 18, 45), "视频", 3_912, 0.291, 0.49, 0.049, 0.28, 7.4, 122, 3, 9, 20, 35, 2, "7421100000000000006"),
]  # fmt: skip
HEADER = ["作品名称", "发布时间", "体裁", "审核状态", "播放量", "完播率", "5s完播率", "封面点击率",
          "2s跳出率", "平均播放时长", "点赞量", "分享量", "评论量", "收藏量", "主页访问量", "粉丝增量",
          "作品ID"]  # fmt: skip


def works_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "作品列表"
    ws.append(["作品列表导出(统计周期:2026-10-01 至 2026-10-25)"])
    ws.append(HEADER)
    for (
        t,
        pub,
        genre,
        plays,
        cr,
        c5,
        ctr,
        b2,
        avg,
        likes,
        shares,
        comments,
        favs,
        visits,
        fans,
        item,
    ) in WORKS:
        ws.append([t, pub, genre, "已发布", plays, f"{cr:.1%}" if cr else "-", f"{c5:.1%}" if c5 else "-",
                   f"{ctr:.1%}", f"{b2:.1%}" if b2 else "-", f"{avg}秒" if avg else "-", likes, shares,
                   comments, favs, visits, fans, item])  # fmt: skip
    for row in ws.iter_rows(min_row=3, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd hh:mm"
    fixed = datetime(2026, 10, 25, 9, 0)
    wb.properties.created = wb.properties.modified = fixed
    wb.save(path)


def video_list_json(path: Path) -> None:
    videos = []
    for t, pub, _g, plays, *_rest, likes, shares, comments, _f, _v, _fans, item in WORKS[:4]:
        videos.append({
            "item_id": f"@9VwKzuuES8gm{item[-6:]}",
            "title": t,
            "create_time": int(pub.replace(tzinfo=BEIJING).timestamp()),
            "cover": f"https://p3-sign.douyinpic.com/obj/tos-cn-p-0015/{item}~tplv-dy-360p.jpeg",
            "is_top": False,
            "video_status": 1,
            "share_url": f"https://www.iesdouyin.com/share/video/{item}/",
            "statistics": {"play_count": plays, "digg_count": likes, "comment_count": comments,
                           "share_count": shares, "forward_count": shares // 3, "download_count": 7},
        })  # fmt: skip
    doc = {"data": {"list": videos, "has_more": False, "cursor": 0, "error_code": 0, "description": ""},
           "extra": {"error_code": 0, "description": "", "sub_error_code": 0, "sub_description": "",
                     "logid": "2026102509000001", "now": 1761354000}}  # fmt: skip
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def daily_csv(path: Path) -> None:
    rows = [
        [
            "日期",
            "播放量",
            "点赞量",
            "评论量",
            "分享量",
            "收藏量",
            "主页访问量",
            "粉丝总数",
            "新增粉丝",
            "掉粉数",
        ]
    ]
    fans = 12_480
    for day in range(1, 15):
        plays = 8_000 + day * 611 % 5_000 + (40_000 if day == 4 else 0)
        gained, lost = 30 + day * 7 % 40, 8 + day * 3 % 11 + (45 if day == 9 else 0)
        fans += gained - lost
        rows.append([f"2026-10-{day:02d}", f"{plays:,}", plays // 25, plays // 300, plays // 900,
                     plays // 120, plays // 60, fans, gained, lost])  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def drafts_csv(path: Path) -> None:
    """A week planned as drafts (kind drafts): a fixed time, two for the queue, one plain."""
    rows = [
        ["标题", "描述", "话题", "视频", "封面", "发布时间"],
        ["周五探店:巷子里的老面馆", "开了三十年的面馆", "#美食 #探店", "~/视频/探店01.mp4",
         "~/视频/探店01_封面.jpg", "2027-12-03 19:00"],
        ["在家做红烧肉", "", "#家常菜", "~/视频/红烧肉.mp4", "", "queue"],
        ["十分钟早餐", "", "#早餐 #家常菜", "~/视频/早餐.mp4", "", "queue"],
        ["剪辑中的一条", "", "", "~/视频/草稿03.mp4", "", ""],
    ]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


if __name__ == "__main__":
    drafts_csv(HERE / "批量草稿.csv")
    works_xlsx(HERE / "作品列表导出_20261025.xlsx")
    video_list_json(HERE / "video_list_20261025.json")
    daily_csv(HERE / "账号每日数据.csv")
    from make_sources import write_all  # files from other tools and Open Platform data APIs

    write_all(HERE)
    print("wrote the examples in", HERE)
