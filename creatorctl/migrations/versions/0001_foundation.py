"""Foundation: accounts, works, snapshots, account days, edit history, trash, works search.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

METRICS = ("plays", "likes", "comments", "shares", "favorites", "profile_visits", "fans_gained")
RATES = ("completion_rate", "completion_5s", "cover_ctr", "bounce_2s", "avg_watch_s")


def _metrics() -> list[sa.Column]:
    return [sa.Column(m, sa.Integer, nullable=False, server_default="0") for m in METRICS] + [
        sa.Column(r, sa.Float, nullable=True) for r in RATES
    ]


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False, server_default=""),
    )
    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("handle", sa.String, nullable=False),
        sa.Column("nickname", sa.String, nullable=False, server_default=""),
        sa.Column("avatar_path", sa.String, nullable=False, server_default=""),
        sa.Column("bio", sa.String, nullable=False, server_default=""),
        sa.Column("niche", sa.String, nullable=False, server_default=""),
        sa.Column("verified", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_account_handle", "account", ["handle"], unique=True)
    op.create_table(
        "work",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("item_id", sa.String, nullable=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("tags", sa.String, nullable=False, server_default=""),
        sa.Column("cover_path", sa.String, nullable=False, server_default=""),
        sa.Column("published_at", sa.DateTime, nullable=False),
        sa.Column("genre", sa.String, nullable=False, server_default=""),
        sa.Column("review_status", sa.String, nullable=False, server_default=""),
        *_metrics(),
        sa.Column("stats_date", sa.Date, nullable=True),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("account_id", "item_id", name="uq_work_item"),
    )
    for name, col in (
        ("pub", "published_at"),
        ("plays", "plays"),
        ("likes", "likes"),
        ("comments", "comments"),
        ("shares", "shares"),
        ("completion", "completion_rate"),
        ("title", "title"),
    ):
        op.create_index(f"ix_work_acc_{name}", "work", ["account_id", col, "id"])
    op.create_table(
        "worksnapshot",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "work_id", sa.Integer, sa.ForeignKey("work.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("snapshot_date", sa.Date, nullable=False),
        *_metrics(),
        sa.UniqueConstraint("work_id", "snapshot_date", name="uq_snapshot_day"),
    )
    op.create_table(
        "accountdaily",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date, nullable=False),
        *[
            sa.Column(m, sa.Integer, nullable=False, server_default="0")
            for m in ("plays", "likes", "comments", "shares", "favorites", "profile_visits")
        ],
        sa.Column("fans_total", sa.Integer, nullable=True),
        sa.Column("fans_gained", sa.Integer, nullable=False, server_default="0"),
        sa.Column("fans_lost", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("account_id", "day", name="uq_account_day"),
    )
    op.create_table(
        "edithistory",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("entity", sa.String, nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("field", sa.String, nullable=False),
        sa.Column("old_value", sa.String, nullable=False, server_default=""),
        sa.Column("new_value", sa.String, nullable=False, server_default=""),
        sa.Column("batch", sa.String, nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("undone", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_index("ix_edit_entity", "edithistory", ["entity", "entity_id", "id"])
    op.create_table(
        "trash",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("entity", sa.String, nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("label", sa.String, nullable=False, server_default=""),
        sa.Column("deleted_at", sa.DateTime, nullable=False),
    )
    # Keyword search over title, description and topics; trigram handles Chinese without a
    # word segmenter. External content: the text lives once, in `work`. (PostgreSQL: pg_trgm
    # indexes instead, in 0012.)
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE work_fts USING fts5("
        "title, description, tags, content='work', content_rowid='id', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER work_fts_ai AFTER INSERT ON work BEGIN "
        "INSERT INTO work_fts(rowid, title, description, tags) "
        "VALUES (new.id, new.title, new.description, new.tags); END"
    )
    op.execute(
        "CREATE TRIGGER work_fts_ad AFTER DELETE ON work BEGIN "
        "INSERT INTO work_fts(work_fts, rowid, title, description, tags) "
        "VALUES ('delete', old.id, old.title, old.description, old.tags); END"
    )
    op.execute(
        "CREATE TRIGGER work_fts_au AFTER UPDATE OF title, description, tags ON work BEGIN "
        "INSERT INTO work_fts(work_fts, rowid, title, description, tags) "
        "VALUES ('delete', old.id, old.title, old.description, old.tags); "
        "INSERT INTO work_fts(rowid, title, description, tags) "
        "VALUES (new.id, new.title, new.description, new.tags); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trig in ("work_fts_au", "work_fts_ad", "work_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {trig}")
        op.execute("DROP TABLE IF EXISTS work_fts")
    for table in (
        "trash",
        "edithistory",
        "accountdaily",
        "worksnapshot",
        "work",
        "account",
        "setting",
    ):
        op.drop_table(table)
