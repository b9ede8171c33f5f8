"""全民任务 platform tasks and the earnings ledger (CSV/XLSX, Chinese or English headers).

A platform task is identified by its topic and start; an end given as a bare date (midnight)
means the end of that day. An earnings row is identified by its reference (流水号); rows
without one are identified by date, source, amount and note.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import time, timedelta
from typing import TYPE_CHECKING

from creatorctl.errors import UserError
from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    ParseError,
    parse_count,
    parse_date,
    parse_datetime,
    parse_id,
    parse_money,
    parse_text,
)
from creatorctl.timeutil import local_to_utc, to_db

if TYPE_CHECKING:
    pass

SOURCES = {
    "brand": "brand", "商单": "brand", "星图": "brand", "星图商单": "brand", "品牌合作": "brand",
    "selling": "selling", "带货": "selling", "橱窗": "selling", "商品": "selling",
    "直播带货": "selling", "sales": "selling",
    "tasks": "tasks", "全民任务": "tasks", "任务": "tasks", "task": "tasks",
}  # fmt: skip


def parse_source(v: object) -> str | None:
    """商单/带货/全民任务 (or brand/selling/tasks) → the ledger's source."""
    text = parse_text(v)
    if text is None:
        return None
    source = SOURCES.get(text.lower())
    if source is None:
        raise ParseError("earn.imp.bad_source")
    return source


@register
class PlatformTasks(Kind):
    name = "platform_tasks"
    label = ("全民任务", "platform tasks")
    columns = (
        Column("topic", ("任务话题", "话题", "Topic", "Hashtag"), parse_text, required=True),
        Column("title", ("任务名称", "活动名称", "Task", "Title"), parse_text),
        Column("play_threshold", ("播放量门槛", "播放门槛", "播放量要求", "Play threshold",
                                  "Min plays"), parse_count, required=True),
        Column("reward", ("奖励", "奖励金额", "Reward"), parse_money),
        Column("starts_at", ("开始时间", "开始日期", "Start", "Starts"), parse_datetime,
               required=True),
        Column("ends_at", ("结束时间", "结束日期", "End", "Ends"), parse_datetime, required=True),
        Column("rules", ("任务规则", "规则", "Rules"), parse_text),
    )  # fmt: skip

    def check(self, ctx: ImportContext, row: Row) -> None:
        from creatorctl.works import normalize_tag

        try:
            row["topic"] = normalize_tag(row["topic"])
        except UserError:
            raise RowProblem("topic", "earn.imp.bad_topic", topic=row["topic"]) from None
        if row["ends_at"].time() == time(0, 0):
            row["ends_at"] += timedelta(days=1, seconds=-1)
        if row["ends_at"] < row["starts_at"]:
            raise RowProblem("ends_at", "earn.imp.window_order")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn, acc = ctx.conn, ctx.account_id
        for row in rows:
            starts = to_db(local_to_utc(row["starts_at"]))
            ends = to_db(local_to_utc(row["ends_at"]))
            values = (
                row["title"] or "",
                row["play_threshold"],
                row["reward"] or 0.0,
                ends,
                row["rules"] or "",
            )
            old = conn.execute(
                "SELECT id, title, play_threshold, reward, ends_at, rules "
                "FROM platformtask WHERE account_id = ? AND topic = ? AND starts_at = ?",
                (acc, row["topic"], starts),
            ).fetchone()
            if old is None:
                conn.execute(
                    "INSERT INTO platformtask(account_id, topic, starts_at, title, "
                    "play_threshold, reward, ends_at, rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (acc, row["topic"], starts, *values),
                )
                ctx.added()
            elif tuple(old[1:]) == values:
                ctx.unchanged()
            else:
                conn.execute(
                    "UPDATE platformtask SET title = ?, play_threshold = ?, reward = ?, "
                    "ends_at = ?, rules = ? WHERE id = ?",
                    (*values, old[0]),
                )
                ctx.updated()


@register
class Earnings(Kind):
    name = "earnings"
    label = ("收益明细", "earnings")
    columns = (
        Column("day", ("日期", "结算日期", "入账日期", "Date"), parse_date, required=True),
        Column("source", ("收入来源", "来源", "收入类型", "Source"), parse_source, required=True),
        Column("amount", ("金额", "收入", "入账金额", "Amount"), parse_money, required=True),
        Column("ref", ("流水号", "订单号", "参考号", "Reference", "Ref"), parse_id),
        Column("note", ("备注", "说明", "Note"), parse_text),
    )

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn, acc = ctx.conn, ctx.account_id
        for row in rows:
            day = row["day"].isoformat()
            note = row["note"] or ""
            # Without a reference the row names itself; the note goes in as a short digest so
            # the reference stays an id (no spaces) that an export reads back.
            digest = hashlib.sha1(note.encode()).hexdigest()[:8]
            ref = row["ref"] or f"import:{day}:{row['source']}:{row['amount']:.2f}:{digest}"
            values = (day, row["source"], row["amount"], note)
            old = conn.execute(
                "SELECT id, day, source, amount, note FROM earning WHERE account_id = ? AND ref = ?",
                (acc, ref),
            ).fetchone()
            if old is None:
                conn.execute(
                    "INSERT INTO earning(account_id, ref, day, source, amount, note) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (acc, ref, *values),
                )
                ctx.added()
            elif tuple(old[1:]) == values:
                ctx.unchanged()
            else:
                conn.execute(
                    "UPDATE earning SET day = ?, source = ?, amount = ?, note = ? WHERE id = ?",
                    (*values, old[0]),
                )
                ctx.updated()


register_export(
    Export(
        name="platform_tasks",
        label=PlatformTasks.label,
        fields=fields_of(
            PlatformTasks.columns,
            ("topic", "title", "play_threshold", "reward", "starts_at", "ends_at", "rules"),
        ),
        sql=(
            "SELECT id, topic, title, play_threshold, reward, starts_at, ends_at, rules "
            "FROM platformtask WHERE account_id = ? ORDER BY starts_at, id"
        ),
        local_times=("starts_at", "ends_at"),
    )
)
register_export(
    Export(
        name="earnings",
        label=Earnings.label,
        fields=fields_of(Earnings.columns, ("day", "source", "amount", "ref", "note")),
        sql=(
            "SELECT id, day, source, amount, ref, note FROM earning "
            "WHERE account_id = ? ORDER BY day, id"
        ),
    )
)
