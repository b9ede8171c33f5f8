"""The trash: deleted things keep their row (marked `deleted_at`) and can be restored.

Any table with an `id` and a `deleted_at` column can use it; the trash row's `entity` is the
table name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, Unit
from creatorctl.timeutil import from_db, utcnow

TRASHABLE = {"work", "draft", "comment"}
"""Tables that may be trashed; later capabilities add theirs (e.g. comment)."""


@dataclass(frozen=True)
class TrashItem:
    id: int
    entity: str
    entity_id: int
    label: str
    deleted_at: datetime


def move_to_trash(
    conn: Unit, *, account_id: int, entity: str, ids: list[int], labels: list[str]
) -> int:
    """Mark rows deleted and list them in the trash, inside the caller's transaction."""
    if entity not in TRASHABLE:
        raise ValueError(f"{entity} cannot be trashed")
    from creatorctl.audit import record_many

    now = utcnow()
    n = 0
    record_many(
        conn,
        [
            ("delete", entity, entity_id, account_id, {"label": label[:200]}, None)
            for entity_id, label in zip(ids, labels, strict=True)
        ],
    )
    for entity_id, label in zip(ids, labels, strict=True):
        n += conn.execute(
            sa.text(f"UPDATE {entity} SET deleted_at=:d WHERE id=:i AND deleted_at IS NULL"),
            {"d": now, "i": entity_id},
        ).rowcount
        conn.execute(
            sa.text(
                "INSERT INTO trash(account_id, entity, entity_id, label, deleted_at) "
                "VALUES (:a, :e, :i, :l, :d)"
            ),
            {"a": account_id, "e": entity, "i": entity_id, "l": label[:200], "d": now},
        )
    return n


def list_trash(store: Store, account_id: int, entity: str | None = None) -> list[TrashItem]:
    sql = "SELECT id, entity, entity_id, label, deleted_at FROM trash WHERE account_id=:a"
    params: dict[str, object] = {"a": account_id}
    if entity:
        sql += " AND entity=:e"
        params["e"] = entity
    with store.read() as conn:
        return [
            TrashItem(r.id, r.entity, r.entity_id, r.label, from_db(r.deleted_at))
            for r in conn.execute(sa.text(sql + " ORDER BY id DESC"), params)
        ]


def restore(store: Store, trash_ids: list[int]) -> int:
    """Bring trashed things back; returns how many."""
    from creatorctl.audit import record

    with store.write() as conn:
        n = 0
        for tid in trash_ids:
            row = conn.execute(
                sa.text("SELECT entity, entity_id, account_id, label FROM trash WHERE id=:i"),
                {"i": tid},
            ).first()
            if row is None or row.entity not in TRASHABLE:
                raise UserError(t("err.not_in_trash", id=tid))
            conn.execute(
                sa.text(f"UPDATE {row.entity} SET deleted_at=NULL WHERE id=:i"),
                {"i": row.entity_id},
            )
            conn.execute(sa.text("DELETE FROM trash WHERE id=:i"), {"i": tid})
            record(
                conn,
                action="restore",
                kind=row.entity,
                object_id=row.entity_id,
                account_id=row.account_id,
                after={"label": row.label},
            )
            n += 1
    return n


def newest_trash_id(store: Store, account_id: int, entity: str, entity_id: int) -> int | None:
    """The trash row of the newest deletion of one thing (for "undo that delete")."""
    with store.read() as conn:
        tid = conn.execute(
            sa.text(
                "SELECT id FROM trash WHERE account_id=:a AND entity=:e AND entity_id=:i "
                "ORDER BY id DESC LIMIT 1"
            ),
            {"a": account_id, "e": entity, "i": entity_id},
        ).scalar()
    return int(tid) if tid is not None else None
