"""Direct messages CSV: one message per row; auto-reply rules answer the incoming ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    ParseError,
    parse_bool,
    parse_datetime,
    parse_id,
    parse_text,
)
from creatorctl.timeutil import local_to_utc, now_local

DIRECTIONS = {
    "in": "in", "收到": "in", "接收": "in", "粉丝": "in", "received": "in",
    "out": "out", "发出": "out", "发送": "out", "我": "out", "sent": "out",
}  # fmt: skip


def parse_direction(v: Any) -> str | None:
    s = parse_text(v, max_len=10)
    if s is None:
        return None
    d = DIRECTIONS.get(s.lower())
    if d is None:
        raise ParseError("inbox.imp_bad_direction")
    return d


@register
class Messages(Kind):
    name = "messages"
    label = ("私信", "direct messages")
    columns = (
        Column("fan_id", ("粉丝ID", "用户ID", "Fan ID", "fan_id"), parse_id, required=True),
        Column("fan_nickname", ("粉丝昵称", "昵称", "Nickname", "fan_nickname"), parse_text),
        Column("direction", ("方向", "Direction", "direction"), parse_direction),
        Column("text", ("消息内容", "内容", "Message", "Text", "text"), parse_text, required=True),
        Column("created_at", ("时间", "发送时间", "Time", "created_at"), parse_datetime,
               required=True),
        Column("read", ("已读", "Read", "read"), parse_bool),
        Column("auto_reply", ("自动回复", "Auto reply", "auto_reply"), parse_bool),
    )  # fmt: skip
    batch_size = 20_000

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["now"] = now_local()

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["created_at"] > ctx.state["now"]:
            raise RowProblem("created_at", "imp.future_time")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        from creatorctl.inbox.messages import Incoming, ingest_messages

        items = [
            Incoming(
                fan_id=r["fan_id"],
                fan_nickname=r["fan_nickname"] or "",
                text=r["text"],
                created_at=local_to_utc(r["created_at"]),
                direction=r["direction"] or "in",
                read=bool(r["read"]),
                auto_reply=bool(r["auto_reply"]) and r["direction"] == "out",
            )
            for r in rows
        ]
        result = ingest_messages(ctx.conn, ctx.account_id, items, None)
        ctx.added(result.added)
        ctx.unchanged(len(rows) - result.added)


register_export(
    Export(
        name="messages",
        label=("私信", "direct messages"),
        fields=fields_of(
            Messages.columns,
            ("fan_id", "fan_nickname", "direction", "text", "created_at", "read", "auto_reply"),
        ),
        sql=(
            "SELECT m.id, c.fan_id, c.fan_nickname, m.direction, m.text, m.created_at, m.read, "
            "m.auto_reply, m.rule_id FROM message m JOIN conversation c ON c.id = m.conversation_id "
            "WHERE c.account_id = ? ORDER BY m.id"
        ),
        local_times=("created_at",),
    )
)
