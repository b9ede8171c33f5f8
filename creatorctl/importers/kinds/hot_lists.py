"""Hot lists read as trending topics (the Data tab's trending list):

- TikTokDownloader's 热榜 CSV/XLSX (排名, 内容, 热度, 封面, 时间, 浏览数量, 视频数量, SENTENCE_ID);
- the Open Platform hot search ``/hotsearch/sentences/`` (``data.list[]`` of {sentence,
  hot_level}, ``data.active_time``);
- the Open Platform hot video billboard ``/data/extern/billboard/hot_video/`` (``data.list[]``
  of {title, hot_value, hot_words, rank …}): each hot word and each ``#话题`` of a title is a
  topic, with the highest heat of its videos and their titles as samples.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from creatorctl.importers.base import Column, Kind, register
from creatorctl.importers.kinds.fans import Trending
from creatorctl.importers.kinds.open_data import op_data
from creatorctl.importers.numbers import parse_count, parse_date, parse_id, parse_text
from creatorctl.topics import find_topics

SAMPLES_MAX = 3
"""Sample titles kept per topic of the hot video billboard."""


@register
class HotList(Kind):
    name = "hot_list"
    label = ("热榜", "hot list")
    uses_snapshot_date = True
    begin = Trending.begin
    write = Trending.write
    columns: ClassVar[tuple[Column, ...]] = (
        Column("rank", ("排名", "rank", "position"), parse_count, required=True),
        Column("topic", ("内容", "热词", "word", "sentence"), parse_text, required=True),
        Column("heat", ("热度", "hot_value", "hot_level"), parse_count, required=True),
        Column("day", ("时间", "event_time", "active_time"), parse_date),
        Column("views", ("浏览数量", "view_count"), parse_count),
        Column("videos", ("视频数量", "video_count"), parse_count),
        Column("sentence_id", ("SENTENCE_ID", "sentence_id"), parse_id),
        Column("samples", ("示例标题", "samples"), parse_text),
    )
    min_columns = 3

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = op_data(doc)
        items = data.get("list") if data else None
        if not isinstance(items, list) or not items or not isinstance(items[0], dict):
            return None
        assert data is not None
        first = items[0]
        if "sentence" in first:
            day = data.get("active_time")
            return (
                {"rank": n, "topic": i.get("sentence"), "heat": i.get("hot_level"), "day": day}
                if isinstance(i, dict)
                else {"topic": i}
                for n, i in enumerate(items, 1)
            )
        if "hot_value" in first and "title" in first and "item_id" not in first:
            return iter(_billboard_topics(items))
        return None


def _billboard_topics(items: list[Any]) -> list[dict[str, Any]]:
    """One record per topic of the billboard: its best rank and heat, its videos' titles."""
    from creatorctl.importers.numbers import ParseError

    topics: dict[str, dict[str, Any]] = {}
    bad: list[dict[str, Any]] = []
    for n, video in enumerate(items, 1):
        if not isinstance(video, dict):
            bad.append({"topic": video})
            continue
        title = str(video.get("title") or "").strip()
        words = [w.strip() for w in str(video.get("hot_words") or "").split(",")]
        words += find_topics(title)
        try:
            heat = parse_count(video.get("hot_value"))
        except ParseError:
            bad.append({"rank": n, "topic": title or "?", "heat": video.get("hot_value")})
            continue
        for word in dict.fromkeys(w.lstrip("#＃") for w in words if w.strip("#＃ ")):
            rec = topics.setdefault(word, {"rank": n, "topic": word, "heat": heat, "titles": []})
            rec["heat"] = max(rec["heat"] or 0, heat or 0)
            if title and len(rec["titles"]) < SAMPLES_MAX:
                rec["titles"].append(title)
    out = [
        {
            "rank": r["rank"],
            "topic": r["topic"],
            "heat": r["heat"],
            "samples": "\n".join(r["titles"]),
        }
        for r in topics.values()
    ]
    return out + bad
