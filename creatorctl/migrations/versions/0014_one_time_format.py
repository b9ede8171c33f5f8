"""One stored-time form: every instant becomes ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC).

Releases before this one wrote instants four ways: microseconds (drafts, SQLAlchemy), whole
seconds (imports), sqlite3's default (whole seconds when the microseconds were 0) and ``str()``.
Text comparisons only worked where the prefixes happened to line up: ``… 10:00:00`` sorts
before ``… 10:00:00.000000``, the same instant. `timeutil.to_db` now writes the one form; this
rewrites what older releases stored (one pass per table; values already right are untouched).

It also clears a comment search index pause row (``setting.comment_fts_paused``) that a store
kept: a bulk load writes and deletes it inside one transaction, so a committed one is stale and
would stop every later comment from being indexed. The indexes (trigram and, from 0010,
two-character) are rebuilt in that case, so the comments that went in meanwhile become
findable.

SQLite only (no FTS table on PostgreSQL); 0015 rewrites the instants of PostgreSQL stores.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Every DateTime column at revision 0013 (frozen here: a migration must not follow the models).
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


def _fix(c: str) -> str:
    """SQL for the fixed-up value of column `c` (dates, minutes, seconds, short fractions; a
    ``T`` separator becomes a space)."""
    x = f"replace({c}, 'T', ' ')"
    return (
        f"CASE length({c}) WHEN 10 THEN {x} || ' 00:00:00.000000' "
        f"WHEN 16 THEN {x} || ':00.000000' WHEN 19 THEN {x} || '.000000' "
        f"ELSE substr({x} || '000000', 1, {LENGTH}) END"
    )


def _shapes(c: str) -> str:
    """SQL true for the values `_fix` handles that are not already in the one form."""
    return (
        f"typeof({c}) = 'text' AND (length({c}) IN (10, 16, 19) OR (length({c}) BETWEEN 21 AND "
        f"{LENGTH} AND substr({c}, 20, 1) = '.' AND (length({c}) < {LENGTH} OR "
        f"substr({c}, 11, 1) = 'T')))"
    )


def _odd_value(text: str) -> str | None:
    """Any other form Python can read (an offset, nanoseconds) → the one form; None if not."""
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None  # left as it is: nothing is lost, and readers fail on it as before
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.isoformat(sep=" ", timespec="microseconds")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
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
                    f"SELECT DISTINCT {c} FROM {table} WHERE typeof({c}) = 'text' "
                    f"AND (length({c}) <> {LENGTH} OR {c} NOT LIKE '____-__-__ __:__:__.______')"
                )
            ).scalars()
            for old in list(odd):
                new = _odd_value(old)
                if new is not None and new != old:
                    bind.execute(
                        sa.text(f"UPDATE {table} SET {c} = :new WHERE {c} = :old"),
                        {"new": new, "old": old},
                    )
    stale = bind.execute(sa.text("SELECT 1 FROM setting WHERE key = 'comment_fts_paused'")).first()
    if stale:
        op.execute("DELETE FROM setting WHERE key = 'comment_fts_paused'")
        op.execute("INSERT INTO comment_fts(comment_fts) VALUES ('rebuild')")
        # The two-character index (0010) is contentless: emptied and filled again.
        op.execute("INSERT INTO comment_bigram(comment_bigram) VALUES ('delete-all')")
        op.execute(
            "INSERT INTO comment_bigram(rowid, grams) "
            "SELECT id, creatorctl_bigrams(content, nickname) FROM comment"
        )


def downgrade() -> None:
    """Nothing to undo: every release reads the one form."""
