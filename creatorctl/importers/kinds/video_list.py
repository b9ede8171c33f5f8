"""Douyin Open Platform video list JSON: ``/video/list/`` and ``/video/data/`` responses.

Accepted shapes: the whole response (``{"data": {"list": [...], "cursor", "has_more"}}``), the
bare ``data`` object (``{"list": [...], "cursor": …}``; ``cursor`` is in milliseconds and is not
read), and ``/video/data/`` (``{"data": {"list": [...]}}``, no cursor).

Field list from the Open Platform SDKs, e.g. github.com/zhangshuai/douyin-go ``video.go``
(``Video``): item_id (opaque, ~90 characters), video_id (the numeric aweme id), title,
create_time (unix seconds; 0 for items that are not public), video_status, media_type,
statistics{play_count, digg_count, comment_count, share_count, …}.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from creatorctl.importers.base import Column, register
from creatorctl.importers.numbers import parse_count, parse_datetime, parse_id, parse_text
from creatorctl.importers.worksdb import WorksKind

VIDEO_STATUS = {
    1: "已发布",
    2: "不适宜公开",
    4: "审核中",
    5: "公开",
    6: "好友可见",
    7: "自见",
}
"""Open Platform `video_status` codes → the 审核状态/发布状态 words of the Creator Center
export (1 is the old "published", since split into 5 public / 6 friends / 7 private)."""
MEDIA_TYPE = {2: "图文", 4: "视频"}
"""Open Platform `media_type` → 体裁 (2 is a picture set, 图集/图文)."""


def parse_video_status(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool):
        return VIDEO_STATUS.get(v, str(v))
    return parse_text(v, max_len=40)


def parse_media_type(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool):
        return MEDIA_TYPE.get(v)
    return parse_text(v, max_len=40)


def parse_create_time(v: Any) -> Any:
    """``create_time``; 0 (what the API gives for items that are not public) means none."""
    if v == 0 and not isinstance(v, bool):
        return None
    return parse_datetime(v)


@register
class VideoList(WorksKind):
    name = "videos"
    label = ("开放平台视频列表", "Open Platform video list")
    columns = (
        Column("item_id", ("item_id",), parse_id, required=True),
        Column("aweme_id", ("video_id",), parse_id),
        Column("title", ("title",), parse_text),
        Column("published_at", ("create_time",), parse_create_time),
        Column("review_status", ("video_status",), parse_video_status),
        Column("genre", ("media_type",), parse_media_type),
        Column("plays", ("play_count",), parse_count),
        Column("likes", ("digg_count",), parse_count),
        Column("comments", ("comment_count",), parse_count),
        Column("shares", ("share_count",), parse_count),
    )

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = doc.get("data") if isinstance(doc, dict) else None
        if not isinstance(data, dict) and isinstance(doc, dict) and "list" in doc:
            data = doc  # the bare `data` object
        items = data.get("list") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            return None
        if not isinstance(items[0], dict) or "item_id" not in items[0]:
            return None
        return (self._record(v) for v in items)

    @staticmethod
    def _record(video: Any) -> dict[str, Any]:
        if not isinstance(video, dict):
            return {"item_id": video}
        stats = video.get("statistics")
        stats = stats if isinstance(stats, dict) else {}
        return {
            "item_id": video.get("item_id"),
            "aweme_id": video.get("video_id"),
            "title": video.get("title"),
            "published_at": video.get("create_time"),
            "review_status": video.get("video_status"),
            "genre": video.get("media_type"),
            "plays": stats.get("play_count"),
            "likes": stats.get("digg_count"),
            "comments": stats.get("comment_count"),
            "shares": stats.get("share_count"),
        }
