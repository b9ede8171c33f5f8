"""Live samples CSV (or JSON lines): ts, online, gifts, likes, new_fans — one past live."""

from __future__ import annotations

from collections.abc import Sequence

from creatorctl.importers.base import Column, ImportContext, Kind, KindOption, Row, register
from creatorctl.importers.numbers import parse_count, parse_datetime


@register
class LiveSamples(Kind):
    name = "live"
    label = ("直播数据", "live samples")
    columns = (
        Column("ts", ("时间", "时间点", "ts", "Time", "timestamp"), parse_datetime, required=True),
        Column("online", ("在线人数", "在线", "在线观众", "online", "Viewers"), parse_count,
               required=True),
        Column("gifts", ("礼物", "音浪", "礼物数", "gifts", "Gifts"), parse_count),
        Column("likes", ("点赞", "点赞数", "likes", "Likes"), parse_count),
        Column("new_fans", ("新增粉丝", "涨粉", "新粉丝", "new_fans", "New fans", "fans"),
               parse_count),
    )  # fmt: skip
    """The one vocabulary of a sample file's headers: the import reads them, and so does the
    live monitor that follows a growing file (`inbox.live.sample_from`)."""
    options = (KindOption("title", "The live's title (default: the file name).", metavar="TEXT"),)
    batch_size = 50_000

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["samples"] = []

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        from creatorctl.inbox.live import Sample

        ctx.state["samples"].extend(
            Sample(r["ts"], r["online"], r["gifts"] or 0, r["likes"] or 0, r["new_fans"] or 0)
            for r in rows
        )

    def finish(self, ctx: ImportContext) -> None:
        from creatorctl.inbox.live import save_session

        samples = ctx.state["samples"]
        if not samples:
            return
        title = ctx.options.get("title") or ctx.source.stem
        _sid, added = save_session(ctx.conn, ctx.account_id, title, samples)
        ctx.added(added)
        ctx.unchanged(len(samples) - added)
