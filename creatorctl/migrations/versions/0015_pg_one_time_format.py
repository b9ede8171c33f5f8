"""One stored-time form on PostgreSQL too: what 0014 did for SQLite stores.

A PostgreSQL store keeps instants as TEXT, as SQLite does (store_pg.py). A team store made at
0012 or 0013 by an older release holds them in the forms that release wrote — whole seconds
when the microseconds were 0 (``isoformat(" ")``), whole seconds from imports, a ``T``
separator, an offset — and 0014 skipped PostgreSQL. This rewrites them into
``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC), `timeutil.to_db`'s form: one set-based UPDATE per table
for the common shapes (pure text operations, which cannot fail on a bad value), then Python for
the few odd values left (an offset, a ``Z``), through a temporary table so that many of them
still cost one UPDATE. Values already right are untouched; a value Python cannot read is left
as it is (nothing is lost).

SQLite stores need nothing: 0014 did it there.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Every DateTime column at revision 0014 (frozen here: a migration must not follow the models).
INSTANTS = {
    "account": ("created_at",),
    "work": ("published_at", "deleted_at"),
    "edithistory": ("changed_at",),
    "trash": ("deleted_at",),
    "draft": (
        "scheduled_at",
        "next_try_at",
        "claimed_at",
        "published_at",
        "created_at",
        "updated_at",
        "deleted_at",
    ),
    "publishattempt": ("started_at", "finished_at", "hook_started_at"),
    "schedulerprocess": ("started_at", "heartbeat_at", "stopped_at"),
    "comment": ("created_at", "deleted_at"),
    "autoreplyrule": ("created_at",),
    "conversation": ("last_at",),
    "message": ("created_at",),
    "fangroup": ("created_at",),
    "groupmember": ("joined_at", "last_active_at"),
    "groupannouncement": ("changed_at",),
    "livepreview": ("start_at", "created_at"),
    "livesession": ("started_at", "ended_at"),
    "livesample": ("ts",),
    "brandtask": ("accepted_at", "delivered_at", "settled_at"),
    "platformtask": ("starts_at", "ends_at"),
}
LENGTH = 26
ONE_FORM = "____-__-__ __:__:__.______"


def _fix(c: str) -> str:
    """SQL for the fixed-up value of column `c` (dates, minutes, seconds, short fractions; a
    ``T`` separator becomes a space). Portable: replace, substr, length, ||."""
    x = f"replace({c}, 'T', ' ')"
    return (
        f"CASE length({c}) WHEN 10 THEN {x} || ' 00:00:00.000000' "
        f"WHEN 16 THEN {x} || ':00.000000' WHEN 19 THEN {x} || '.000000' "
        f"ELSE substr({x} || '000000', 1, {LENGTH}) END"
    )


def _shapes(c: str) -> str:
    """SQL true for the values `_fix` handles that are not already in the one form."""
    return (
        f"substr({c}, 5, 1) = '-' AND substr({c}, 8, 1) = '-' AND (length({c}) IN (10, 16, 19) OR (length({c}) BETWEEN 21 "
        f"AND {LENGTH} AND substr({c}, 20, 1) = '.' AND (length({c}) < {LENGTH} OR "
        f"substr({c}, 11, 1) = 'T')))"
    )


def _odd_value(text: str) -> str | None:
    """Any other form Python can read (an offset, a ``Z``) → the one form; None if not."""
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None  # left as it is: nothing is lost, and readers fail on it as before
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.isoformat(sep=" ", timespec="microseconds")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, columns in INSTANTS.items():
        sets = ", ".join(
            f"{c} = CASE WHEN {_shapes(c)} THEN {_fix(c)} ELSE {c} END" for c in columns
        )
        where = " OR ".join(f"({_shapes(c)})" for c in columns)
        # Driver SQL: the literals hold ':00', which sa.text would take for a parameter.
        bind.exec_driver_sql(f"UPDATE {table} SET {sets} WHERE {where}")
        for c in columns:
            odd = bind.execute(
                sa.text(
                    f"SELECT DISTINCT {c} FROM {table} WHERE {c} IS NOT NULL "
                    f"AND (length({c}) <> {LENGTH} OR {c} NOT LIKE '{ONE_FORM}')"
                )
            ).scalars()
            fixes = [
                {"old": old, "new": new}
                for old in odd
                if (new := _odd_value(old)) is not None and new != old
            ]
            if not fixes:
                continue
            bind.exec_driver_sql("CREATE TEMPORARY TABLE instant_fix (old TEXT, new TEXT)")
            bind.execute(sa.text("INSERT INTO instant_fix(old, new) VALUES (:old, :new)"), fixes)
            bind.exec_driver_sql(
                f"UPDATE {table} SET {c} = f.new FROM instant_fix f WHERE {table}.{c} = f.old"
            )
            bind.exec_driver_sql("DROP TABLE instant_fix")


def downgrade() -> None:
    """Nothing to undo: every release reads the one form."""
