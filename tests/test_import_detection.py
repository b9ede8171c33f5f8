"""Kind detection never takes one kind for another (issue 12 §9).

Every data file under examples/ and under tests/fixtures/ must be listed here with its kind: a
new example or fixture without an entry fails the test, so detection is checked on it too.
Unsupported shapes copy the headers of JoeanAmier/TikTokDownloader src/storage/manager.py
(RecordManager.search_live, .user) and of NanmiCoder/MediaCrawler store/douyin/__init__.py
save_creator (as of 9f4f8bf^).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from creatorctl.errors import UserError
from creatorctl.i18n import set_language
from creatorctl.importers.run import detect_kind
from tests.import_helpers import write_csv

ROOT = Path(__file__).resolve().parent.parent
NOT_DATA = {".py", ".sh", ".db", ".md"}

EXPECTED = {
    "examples/billboard_hot_video.json": "hot_list",
    "examples/brand_tasks.csv": "brand_tasks",
    "examples/comment_replies.json": "comments",
    "examples/comments.csv": "comments",
    "examples/earnings.csv": "earnings",
    "examples/fan-groups.csv": "groups",
    "examples/fan_activity.csv": "activity",
    "examples/fans_data.json": "portrait",
    "examples/fans_source.json": "fan_source",
    "examples/hotsearch_sentences.json": "hot_list",
    "examples/im_receive_msg.jsonl": "im_webhook",
    "examples/item_play.json": "work_data",
    "examples/live-samples.csv": "live",
    "examples/mediacrawler_comments.jsonl": "comments",
    "examples/mediacrawler_contents.csv": "tool_works",
    "examples/messages.csv": "messages",
    "examples/open-platform-comments.json": "comments",
    "examples/platform_tasks.csv": "platform_tasks",
    "examples/批量草稿.csv": "drafts",
    "examples/portrait.csv": "portrait",
    "examples/product_sales.csv": "product_sales",
    "examples/products.csv": "products",
    "examples/trending.csv": "trending",
    "examples/user_fans.json": "user_fans",
    "examples/user_item.json": "user_data",
    "examples/user_profile.json": "user_data",
    "examples/video_list_20261025.json": "videos",
    "examples/作品列表导出_20261025.xlsx": "works",
    "examples/作品数据.csv": "tool_works",
    "examples/热榜_20261025.csv": "hot_list",
    "examples/账号每日数据.csv": "daily",
    "examples/评论数据.csv": "comments",
    "tests/fixtures/sources/im_receive_msg.json": "im_webhook",
    "tests/fixtures/sources/im_receive_msg.jsonl": "im_webhook",
    "tests/fixtures/sources/mediacrawler_comments.csv": "comments",
    "tests/fixtures/sources/mediacrawler_comments.json": "comments",
    "tests/fixtures/sources/mediacrawler_comments.jsonl": "comments",
    "tests/fixtures/sources/mediacrawler_contents.csv": "tool_works",
    "tests/fixtures/sources/op_billboard_hot_video.json": "hot_list",
    "tests/fixtures/sources/op_comment_replies.json": "comments",
    "tests/fixtures/sources/op_fans_source.json": "fan_source",
    "tests/fixtures/sources/op_hotsearch_sentences.json": "hot_list",
    "tests/fixtures/sources/op_item_base.json": "work_data",
    "tests/fixtures/sources/op_item_like.json": "work_data",
    "tests/fixtures/sources/op_item_play.json": "work_data",
    "tests/fixtures/sources/op_user_item.json": "user_data",
    "tests/fixtures/sources/op_user_profile.json": "user_data",
    "tests/fixtures/sources/tiktokdownloader_作品数据.csv": "tool_works",
    "tests/fixtures/sources/tiktokdownloader_热榜.csv": "hot_list",
    "tests/fixtures/sources/tiktokdownloader_评论数据.csv": "comments",
}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language(None)


def _data_files() -> list[str]:
    found = []
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures"):
        for p in folder.rglob("*"):
            if p.is_file() and p.suffix not in NOT_DATA and "__pycache__" not in p.parts:
                found.append(p.relative_to(ROOT).as_posix())
    return sorted(found)


def test_every_example_and_fixture_is_listed() -> None:
    assert [f for f in _data_files() if f not in EXPECTED] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_detection_finds_the_right_kind(name: str) -> None:
    assert detect_kind(ROOT / name) == EXPECTED[name]


def test_tiktokdownloader_live_data_is_named_not_guessed(tmp_path: Path) -> None:
    """A recognised shape creatorctl does not read is named in the refusal."""
    path = write_csv(
        tmp_path / "直播数据.csv",
        [
            ["采集时间", "直播ID", "UID", "SEC_UID", "账号昵称", "SHORT_ID", "头像链接", "签名",
             "标签", "企业"],
            ["2026-11-25 20:00:00", "7441122334455667788", "1234567", "MS4wLjABAAAA", "吃货",
             "88990011", "https://p3.douyinpic.com/a.jpeg", "", "", ""],
        ],
    )  # fmt: skip
    with pytest.raises(UserError) as exc:
        detect_kind(path)
    assert "TikTokDownloader's 直播数据" in str(exc.value)
    assert "does not read yet" in str(exc.value) and "直播数据.csv" in str(exc.value)


def test_mediacrawler_creators_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "creator_creators_2026-11-25.json"
    creator = {"user_id": "1234567", "nickname": "吃货", "gender": "女", "avatar": "",
               "desc": "", "ip_location": "广东", "follows": 12, "fans": 3400,
               "interaction": 56000, "videos_count": 41, "last_modify_ts": 1795568400000}  # fmt: skip
    path.write_text(json.dumps([creator], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        detect_kind(path)
    assert "MediaCrawler's creators file" in str(exc.value)


def test_an_unknown_file_still_says_use_kind(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["甲", "乙"], ["1", "2"]])
    with pytest.raises(UserError) as exc:
        detect_kind(path)
    assert "--kind" in str(exc.value)
