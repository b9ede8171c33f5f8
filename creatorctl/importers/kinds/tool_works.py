"""Works as crawler tools save them: MediaCrawler's contents export (csv/json/jsonl: aweme_id,
title/desc, create_time, liked_count, collected_count, comment_count, share_count …) and
TikTokDownloader's 作品数据 (作品ID, 作品描述, 发布时间, 点赞数量, 评论数量, 收藏数量, 分享数量,
播放数量 …).

Works are keyed by the numeric aweme id (and found by title and time when the store knows them
from the Creator Center export). These tools see no play count: MediaCrawler has none, and
TikTokDownloader's 播放数量 is 0 for anyone's works, so a 0 is "unknown", never a count — the
work keeps the plays it had.
"""

from __future__ import annotations

from typing import Any

from creatorctl.importers.base import Column, register
from creatorctl.importers.numbers import parse_count, parse_datetime, parse_id, parse_text
from creatorctl.importers.worksdb import WorksKind

AWEME_TYPES = {"0": "视频", "4": "视频", "51": "视频", "55": "视频", "61": "视频", "68": "图文",
               "150": "图文", "视频": "视频", "图集": "图文", "图文": "图文", "实况": "图文"}  # fmt: skip
"""aweme_type codes (and TikTokDownloader's 作品类型 words) → the Creator Center's 体裁."""


def parse_unknown_zero(v: Any) -> int | None:
    """A count where 0 means the tool could not see it (TikTokDownloader's 播放数量)."""
    n = parse_count(v)
    return n or None


def parse_genre(v: Any) -> str | None:
    s = parse_text(v, max_len=40)
    return None if s is None else AWEME_TYPES.get(s, s)


@register
class ToolWorks(WorksKind):
    name = "tool_works"
    label = ("作品数据(MediaCrawler/TikTokDownloader)", "works from MediaCrawler/TikTokDownloader")
    columns = (
        Column("aweme_id", ("作品ID", "aweme_id"), parse_id, required=True),
        Column("title", ("作品描述", "desc", "title"), parse_text, required=True),
        Column("published_at", ("发布时间", "create_time"), parse_datetime, required=True),
        Column("genre", ("作品类型", "aweme_type"), parse_genre),
        Column("likes", ("点赞数量", "liked_count"), parse_count),
        Column("comments", ("评论数量", "comment_count"), parse_count),
        Column("favorites", ("收藏数量", "collected_count"), parse_count),
        Column("shares", ("分享数量", "share_count"), parse_count),
        Column("plays", ("播放数量",), parse_unknown_zero),
    )
    min_columns = 4
