"""The account's daily numbers (CSV with Chinese or English headers), one row per day."""

from __future__ import annotations

from collections.abc import Sequence

from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import parse_count, parse_date
from creatorctl.importers.upsert import upsert
from creatorctl.timeutil import today

FIELDS = ("plays", "likes", "comments", "shares", "favorites", "profile_visits", "fans_total",
          "fans_gained", "fans_lost")  # fmt: skip
_COLS = ", ".join(FIELDS)


@register
class AccountDaily(Kind):
    name = "daily"
    label = ("账号每日数据", "account daily numbers")
    columns = (
        Column("day", ("日期", "Date", "Day"), parse_date, required=True),
        Column("plays", ("播放量", "视频播放量", "播放数", "Plays", "Views"), parse_count),
        Column("likes", ("点赞量", "点赞数", "Likes"), parse_count),
        Column("comments", ("评论量", "评论数", "Comments"), parse_count),
        Column("shares", ("分享量", "分享数", "Shares"), parse_count),
        Column("favorites", ("收藏量", "收藏数", "Favourites", "Favorites"), parse_count),
        Column("profile_visits", ("主页访问量", "主页访问数", "主页访问", "Profile visits"),
               parse_count),
        Column("fans_total", ("粉丝总数", "总粉丝数", "粉丝总量", "粉丝数", "Fans total",
                              "Total fans", "Fans"), parse_count),
        Column("fans_gained", ("新增粉丝", "新增粉丝数", "涨粉数", "涨粉量", "Fans gained",
                               "Gained", "New fans"), parse_count),
        Column("fans_lost", ("掉粉数", "取关数", "掉粉量", "取关粉丝数", "Fans lost", "Lost",
                             "Unfollows"), parse_count),
    )  # fmt: skip

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["today"] = today()

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["day"] > ctx.state["today"]:
            raise RowProblem("day", "imp.future_time")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        upsert(
            ctx,
            rows,
            "accountdaily",
            key=("day",),
            fields=FIELDS,
            fixed={"account_id": ctx.account_id},
            insert_defaults={f: 0 for f in FIELDS if f != "fans_total"},
        )


register_export(
    Export(
        name="daily",
        label=("账号每日数据", "account daily numbers"),
        fields=fields_of(AccountDaily.columns, ("day", *FIELDS)),
        sql=f"SELECT id, day, {_COLS} FROM accountdaily WHERE account_id = ? ORDER BY day",
    )
)
