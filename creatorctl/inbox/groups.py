"""Fan groups 粉丝群: the announcement and its history, admins, members by activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.sorting import MEMBER_SORTS
from creatorctl.store import Store
from creatorctl.timeutil import from_db, utc_to_local, utcnow

ROLES = ("owner", "admin", "member")
ANNOUNCEMENT_MAX = 500
INACTIVE_DAYS = 30


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    announcement: str
    members: int
    admins: int
    inactive: int
    """Members with no activity in the last `INACTIVE_DAYS` days."""


@dataclass(frozen=True)
class MemberRow:
    id: int
    user_id: str
    nickname: str
    role: str
    joined_at: datetime
    """Local time."""
    last_active_at: datetime | None
    """Local time."""
    message_count: int

    def as_json(self) -> dict[str, object]:
        return {
            "user_id": self.user_id,
            "nickname": self.nickname,
            "role": self.role,
            "joined_at": self.joined_at.isoformat(sep=" "),
            "last_active_at": self.last_active_at.isoformat(sep=" ")
            if self.last_active_at
            else None,
            "message_count": self.message_count,
        }


@dataclass(frozen=True)
class Announcement:
    text: str
    changed_at: datetime
    """Local time."""


def _cutoff(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


def list_groups(
    store: Store, account_id: int, inactive_days: int = INACTIVE_DAYS
) -> list[GroupRow]:
    sql = """
    SELECT g.id, g.name, g.announcement,
      (SELECT count(*) FROM groupmember m WHERE m.group_id = g.id) AS members,
      (SELECT count(*) FROM groupmember m WHERE m.group_id = g.id
        AND m.role IN ('owner', 'admin')) AS admins,
      (SELECT count(*) FROM groupmember m WHERE m.group_id = g.id
        AND (m.last_active_at IS NULL OR m.last_active_at < :cut)) AS inactive
    FROM fangroup g WHERE g.account_id = :a ORDER BY g.id
    """
    with store.read() as conn:
        rows = conn.execute(sa.text(sql), {"a": account_id, "cut": _cutoff(inactive_days)})
        return [
            GroupRow(r.id, r.name, r.announcement, r.members, r.admins, r.inactive) for r in rows
        ]


def get_group(store: Store, account_id: int, group_id: int) -> GroupRow:
    for g in list_groups(store, account_id):
        if g.id == group_id:
            return g
    raise UserError(t("inbox.err_unknown_group", id=group_id))


def _member(r: Any) -> MemberRow:
    return MemberRow(
        r.id,
        r.user_id,
        r.nickname,
        r.role,
        utc_to_local(from_db(r.joined_at)),
        utc_to_local(from_db(r.last_active_at)) if r.last_active_at else None,
        r.message_count,
    )


def _member_where(group_id: int, inactive_days: int | None, params: dict[str, object]) -> str:
    params["g"] = group_id
    where = "group_id = :g"
    if inactive_days is not None:
        params["cut"] = _cutoff(inactive_days)
        where += " AND (last_active_at IS NULL OR last_active_at < :cut)"
    return where


def list_members(
    store: Store,
    account_id: int,
    group_id: int,
    *,
    sort: str = MEMBER_SORTS.default,
    inactive_days: int | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[MemberRow]:
    """Members, most recently active (or most messages) first; `inactive_days`: only those
    without activity for that long."""
    MEMBER_SORTS.check(sort)
    get_group(store, account_id, group_id)
    params: dict[str, object] = {"l": limit, "o": offset}
    where = _member_where(group_id, inactive_days, params)
    order = (
        "last_active_at IS NULL, last_active_at DESC, id"
        if sort == "active"
        else "message_count DESC, id"
    )
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, user_id, nickname, role, joined_at, last_active_at, message_count "
                f"FROM groupmember WHERE {where} ORDER BY {order} LIMIT :l OFFSET :o"
            ),
            params,
        )
        return [_member(r) for r in rows]


def count_members(store: Store, group_id: int, *, inactive_days: int | None = None) -> int:
    params: dict[str, object] = {}
    where = _member_where(group_id, inactive_days, params)
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text(f"SELECT count(*) FROM groupmember WHERE {where}"), params
            ).scalar_one()
        )


def admins(store: Store, account_id: int, group_id: int) -> list[MemberRow]:
    get_group(store, account_id, group_id)
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, user_id, nickname, role, joined_at, last_active_at, message_count "
                "FROM groupmember WHERE group_id=:g AND role IN ('owner', 'admin') "
                "ORDER BY role DESC, id"
            ),
            {"g": group_id},
        )
        return [_member(r) for r in rows]


def set_role(store: Store, account_id: int, group_id: int, user_id: str, role: str) -> None:
    """Make a member an admin or a plain member (the owner stays owner)."""
    if role not in ("admin", "member"):
        raise UserError(t("inbox.err_bad_role", role=role))
    get_group(store, account_id, group_id)
    with store.write() as conn:
        n = conn.execute(
            sa.text(
                "UPDATE groupmember SET role=:r WHERE group_id=:g AND user_id=:u AND role<>'owner'"
            ),
            {"r": role, "g": group_id, "u": user_id},
        ).rowcount
        if n:
            record(
                conn, "edit", "group", group_id, account_id, None, {"role": role, "user": user_id}
            )
    if not n:
        raise UserError(t("inbox.err_unknown_member", user=user_id))


def set_announcement(store: Store, account_id: int, group_id: int, text: str) -> bool:
    """Change the announcement (kept in the history); False when it is unchanged."""
    text = text.strip()
    if len(text) > ANNOUNCEMENT_MAX:
        raise UserError(
            t(
                "err.too_long",
                field=t("inbox.field_announcement"),
                limit=ANNOUNCEMENT_MAX,
                n=len(text),
            )
        )
    group = get_group(store, account_id, group_id)
    if group.announcement == text:
        return False
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE fangroup SET announcement=:t WHERE id=:g"), {"t": text, "g": group_id}
        )
        conn.execute(
            sa.text(
                "INSERT INTO groupannouncement(group_id, text, changed_at) VALUES (:g, :t, :d)"
            ),
            {"g": group_id, "t": text, "d": utcnow()},
        )
        was, now = {"announcement": group.announcement}, {"announcement": text}
        record(conn, "edit", "group", group_id, account_id, was, now)
    return True


def announcement_history(store: Store, account_id: int, group_id: int) -> list[Announcement]:
    """Every announcement the group has had, newest first."""
    get_group(store, account_id, group_id)
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT text, changed_at FROM groupannouncement WHERE group_id=:g ORDER BY id DESC"
            ),
            {"g": group_id},
        )
        return [Announcement(r.text, utc_to_local(from_db(r.changed_at))) for r in rows]
