"""Douyin Open Platform video list JSON (``/video/list/``): ``data.list[]`` of videos."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from creatorctl.importers.base import Column, register
from creatorctl.importers.numbers import parse_count, parse_datetime, parse_id, parse_text
from creatorctl.importers.worksdb import WorksKind

VIDEO_STATUS = {1: "已发布", 2: "不适宜公开", 4: "审核中"}
"""Open Platform `video_status` codes → the 审核状态 words of the Creator Center export."""


def parse_video_status(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool):
        return VIDEO_STATUS.get(v, str(v))
    return parse_text(v, max_len=40)


@register
class VideoList(WorksKind):
    name = "videos"
    label = ("开放平台视频列表", "Open Platform video list")
    columns = (
        Column("item_id", ("item_id",), parse_id, required=True),
        Column("title", ("title",), parse_text),
        Column("published_at", ("create_time",), parse_datetime),
        Column("review_status", ("video_status",), parse_video_status),
        Column("plays", ("play_count",), parse_count),
        Column("likes", ("digg_count",), parse_count),
        Column("comments", ("comment_count",), parse_count),
        Column("shares", ("share_count",), parse_count),
    )

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = doc.get("data") if isinstance(doc, dict) else None
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
            "title": video.get("title"),
            "published_at": video.get("create_time"),
            "review_status": video.get("video_status"),
            "plays": stats.get("play_count"),
            "likes": stats.get("digg_count"),
            "comments": stats.get("comment_count"),
            "shares": stats.get("share_count"),
        }
