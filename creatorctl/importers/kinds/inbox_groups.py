"""Fan groups and their members CSV: one member per row, with the group's name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from creatorctl.importers.base import Column, ImportContext, Kind, Row, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    ParseError,
    parse_count,
    parse_datetime,
    parse_id,
    parse_text,
)
from creatorctl.timeutil import local_to_utc, to_db, utcnow

ROLES = {
    "owner": "owner", "群主": "owner", "admin": "admin", "管理员": "admin", "管理": "admin",
    "member": "member", "成员": "member", "群成员": "member",
}  # fmt: skip
_FIELDS = ("nickname", "role", "joined_at", "last_active_at", "message_count")


def parse_role(v: Any) -> str | None:
    s = parse_text(v, max_len=10)
    if s is None:
        return None
    role = ROLES.get(s.lower())
    if role is None:
        raise ParseError("inbox.imp_bad_role")
    return role


@register
class GroupMembers(Kind):
    name = "groups"
    label = ("粉丝群成员", "fan group members")
    columns = (
        Column("group", ("粉丝群", "群名称", "群名", "Group", "group"), parse_text, required=True),
        Column("user_id", ("用户ID", "User ID", "user_id"), parse_id, required=True),
        Column("nickname", ("昵称", "用户昵称", "Nickname", "nickname"), parse_text),
        Column("role", ("角色", "身份", "Role", "role"), parse_role),
        Column("joined_at", ("入群时间", "Joined", "joined_at"), parse_datetime),
        Column("last_active_at", ("最近活跃", "最后发言时间", "Last active", "last_active_at"),
               parse_datetime),
        Column("message_count", ("发言数", "消息数", "Messages", "message_count"), parse_count),
    )  # fmt: skip

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["groups"] = {}

    def _group(self, ctx: ImportContext, name: str) -> int:
        groups: dict[str, int] = ctx.state["groups"]
        if name not in groups:
            row = ctx.conn.execute(
                "SELECT id FROM fangroup WHERE account_id=? AND name=?", (ctx.account_id, name)
            ).fetchone()
            if row is None:
                row = ctx.conn.execute(
                    "INSERT INTO fangroup(account_id, name, created_at) VALUES (?, ?, ?) "
                    "RETURNING id",
                    (ctx.account_id, name, to_db(utcnow())),
                ).fetchone()
            groups[name] = int(row[0])
        return groups[name]

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        for row in rows:
            gid = self._group(ctx, row["group"])
            values = (
                row["nickname"] or "",
                row["role"] or "member",
                to_db(local_to_utc(row["joined_at"])) if row["joined_at"] else to_db(utcnow()),
                to_db(local_to_utc(row["last_active_at"])) if row["last_active_at"] else None,
                row["message_count"] or 0,
            )
            old = ctx.conn.execute(
                f"SELECT {', '.join(_FIELDS)} FROM groupmember WHERE group_id=? AND user_id=?",
                (gid, row["user_id"]),
            ).fetchone()
            if old is None:
                ctx.conn.execute(
                    f"INSERT INTO groupmember(group_id, user_id, {', '.join(_FIELDS)}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (gid, row["user_id"], *values),
                )
                ctx.added()
            elif tuple(old) == values or (
                row["joined_at"] is None and old[:1] + old[3:] == values[:1] + values[3:]
            ):
                ctx.unchanged()
            else:
                ctx.conn.execute(
                    f"UPDATE groupmember SET {', '.join(f'{f}=?' for f in _FIELDS)} "
                    "WHERE group_id=? AND user_id=?",
                    (*values, gid, row["user_id"]),
                )
                ctx.updated()


register_export(
    Export(
        name="groups",
        label=("粉丝群成员", "fan group members"),
        fields=fields_of(GroupMembers.columns, ("group", "user_id", *_FIELDS)),
        sql=(
            'SELECT m.id, g.name AS "group", m.user_id, m.nickname, m.role, m.joined_at, '
            "m.last_active_at, m.message_count FROM groupmember m JOIN fangroup g "
            "ON g.id = m.group_id WHERE g.account_id = ? ORDER BY g.id, m.id"
        ),
        local_times=("joined_at", "last_active_at"),
    )
)
