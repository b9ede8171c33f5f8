"""Douyin Creator Center works export (数据中心 → 投稿作品 → 导出数据, 作品列表导出.xlsx/.csv).

Also reads back what ``creatorctl export works`` and ``export snapshots`` write: a 统计日期
column, when present, gives each row its own snapshot date.
"""

from __future__ import annotations

from creatorctl.importers.base import Column, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    parse_count,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_id,
    parse_rate,
    parse_signed_count,
    parse_text,
)
from creatorctl.importers.worksdb import METRICS, WorksKind

ITEM_ID = Column(
    "item_id", ("作品ID", "作品id", "视频ID", "作品编号", "Item ID", "Video ID"), parse_id
)
TITLE = Column(
    "title",
    ("作品名称", "作品标题", "标题", "视频标题", "作品", "Title", "Work title", "Video title"),
    parse_text,
    required=True,
)
PUBLISHED = Column(
    "published_at",
    (
        "发布时间",
        "发布日期",
        "发表时间",
        "Published",
        "Publish time",
        "Published at",
        "create_time",
    ),
    parse_datetime,
    required=True,
)
SNAPSHOT_DATE = Column(
    "snapshot_date", ("统计日期", "快照日期", "数据日期", "Snapshot date", "stats_date"), parse_date
)
METRIC_COLUMNS = (
    Column("plays", ("播放量", "播放数", "播放次数", "观看量", "Plays", "Views", "play_count"),
           parse_count, required=True),
    Column("completion_rate", ("完播率", "Completion rate", "Completion"), parse_rate),
    Column("completion_5s", ("5s完播率", "5秒完播率", "5s完播", "5s completion rate"), parse_rate),
    Column("cover_ctr", ("封面点击率", "点击率", "Cover CTR", "Cover click rate"), parse_rate),
    Column("bounce_2s", ("2s跳出率", "2秒跳出率", "跳出率", "2s bounce rate", "Bounce rate"),
           parse_rate),
    Column("avg_watch_s", ("平均播放时长", "平均观看时长", "Average watch time", "Avg watch"),
           parse_duration),
    Column("likes", ("点赞量", "点赞数", "点赞", "Likes", "digg_count"), parse_count),
    Column("shares", ("分享量", "分享数", "分享", "转发量", "Shares", "share_count"), parse_count),
    Column("comments", ("评论量", "评论数", "评论", "Comments", "comment_count"), parse_count),
    Column("favorites", ("收藏量", "收藏数", "收藏", "Favourites", "Favorites", "collect_count"),
           parse_count),
    Column("profile_visits", ("主页访问量", "主页访问数", "主页访问", "Profile visits"), parse_count),
    Column("fans_gained", ("粉丝增量", "涨粉量", "涨粉数", "新增粉丝", "Fans gained", "New fans"),
           parse_signed_count),
)  # fmt: skip


@register
class WorksExport(WorksKind):
    name = "works"
    label = ("作品数据(作品列表导出)", "works export")
    columns = (
        ITEM_ID,
        TITLE,
        PUBLISHED,
        Column("genre", ("体裁", "作品类型", "类型", "Genre", "Type"), parse_text),
        Column(
            "review_status",
            ("审核状态", "发布状态", "作品状态", "状态", "Review status", "Status"),
            parse_text,
        ),  # fmt: skip
        Column("description", ("作品描述", "描述", "简介", "Description"), parse_text),
        Column("tags", ("话题", "标签", "Topics", "Tags"), parse_text),
        *METRIC_COLUMNS,
        Column("duration_s", ("作品时长", "视频时长", "时长", "Duration"), parse_duration),
        SNAPSHOT_DATE,
    )


_WORK_FIELDS = ("item_id", "title", "published_at", "genre", "review_status", "description",
                "tags", *METRICS, "stats_date")  # fmt: skip

register_export(
    Export(
        name="works",
        label=("作品", "works"),
        fields=fields_of(
            WorksExport.columns, _WORK_FIELDS, renames={"stats_date": "snapshot_date"}
        ),
        sql=(
            f"SELECT id, {', '.join(_WORK_FIELDS)} FROM work "
            "WHERE account_id = ? AND deleted_at IS NULL ORDER BY published_at, id"
        ),
        local_times=("published_at",),
    )
)

_SNAP_FIELDS = ("work_id", "item_id", "title", "published_at", "snapshot_date", *METRICS)

register_export(
    Export(
        name="snapshots",
        label=("作品每日快照", "work snapshots"),
        fields=fields_of(WorksExport.columns, _SNAP_FIELDS[1:]),
        sql=(
            "SELECT s.id, s.work_id, w.item_id, w.title, w.published_at, s.snapshot_date, "
            + ", ".join(f"s.{m}" for m in METRICS)
            + " FROM worksnapshot s JOIN work w ON w.id = s.work_id "
            "WHERE w.account_id = ? AND w.deleted_at IS NULL ORDER BY s.work_id, s.snapshot_date"
        ),
        local_times=("published_at",),
    )
)
