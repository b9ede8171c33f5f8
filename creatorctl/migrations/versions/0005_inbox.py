"""Inbox: comments (with trigram search), direct messages and auto-reply rules, fan groups, live.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _account() -> sa.Column:
    return sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column(
            "work_id", sa.Integer, sa.ForeignKey("work.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("comment_id", sa.String, nullable=True),
        sa.Column("user_id", sa.String, nullable=False, server_default=""),
        sa.Column("nickname", sa.String, nullable=False, server_default=""),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("likes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pinned", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("parent_id", sa.Integer, nullable=True),
        sa.Column("is_mine", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("reply_text", sa.Text, nullable=True),
        sa.Column("send_status", sa.String, nullable=False, server_default=""),
        sa.Column("flags", sa.String, nullable=False, server_default=""),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
    )
    # Keyset pages: newest first (id rises with time) and most liked, per work and per account.
    # deleted_at sits in the key so "not deleted" is an equality and the order comes free.
    op.create_index("ix_comment_work_new", "comment", ["work_id", "deleted_at", "id"])
    op.create_index("ix_comment_acc_new", "comment", ["account_id", "deleted_at", "id"])
    op.create_index("ix_comment_work_likes", "comment", ["work_id", "deleted_at", "likes", "id"])
    op.create_index("ix_comment_acc_likes", "comment", ["account_id", "deleted_at", "likes", "id"])
    op.create_index(
        "ix_comment_flagged",
        "comment",
        ["account_id", "id"],
        sqlite_where=sa.text("flags <> '' AND deleted_at IS NULL"),
        postgresql_where=sa.text("flags <> '' AND deleted_at IS NULL"),
    )
    op.create_index(
        "uq_comment_platform",
        "comment",
        ["work_id", "comment_id"],
        unique=True,
        sqlite_where=sa.text("comment_id IS NOT NULL"),
        postgresql_where=sa.text("comment_id IS NOT NULL"),
    )
    op.create_index(
        "uq_comment_pinned",
        "comment",
        ["work_id"],
        unique=True,
        sqlite_where=sa.text("pinned"),
        postgresql_where=sa.text("pinned"),
    )
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL: pg_trgm indexes, in 0012
        _comment_fts()
    _more_tables()


def _comment_fts() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE comment_fts USING fts5("
        "content, nickname, content='comment', content_rowid='id', tokenize='trigram')"
    )
    # Bulk loads (demo, import) pause this trigger with a setting row inside their transaction
    # and index the new rows in one statement at the end: four times faster, and no DDL.
    op.execute(
        "CREATE TRIGGER comment_fts_ai AFTER INSERT ON comment "
        "WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'comment_fts_paused') BEGIN "
        "INSERT INTO comment_fts(rowid, content, nickname) "
        "VALUES (new.id, new.content, new.nickname); END"
    )
    op.execute(
        "CREATE TRIGGER comment_fts_ad AFTER DELETE ON comment BEGIN "
        "INSERT INTO comment_fts(comment_fts, rowid, content, nickname) "
        "VALUES ('delete', old.id, old.content, old.nickname); END"
    )
    op.execute(
        "CREATE TRIGGER comment_fts_au AFTER UPDATE OF content, nickname ON comment BEGIN "
        "INSERT INTO comment_fts(comment_fts, rowid, content, nickname) "
        "VALUES ('delete', old.id, old.content, old.nickname); "
        "INSERT INTO comment_fts(rowid, content, nickname) "
        "VALUES (new.id, new.content, new.nickname); END"
    )


def _more_tables() -> None:
    op.create_table(
        "autoreplyrule",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("keyword", sa.String, nullable=False, server_default=""),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False, server_default="0"),
        sa.Column("enabled", sa.Boolean, nullable=False, server_default="1"),
        sa.Column("is_welcome", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("fan_id", sa.String, nullable=False),
        sa.Column("fan_nickname", sa.String, nullable=False, server_default=""),
        sa.Column("last_at", sa.DateTime, nullable=False),
        sa.Column("last_text", sa.Text, nullable=False, server_default=""),
        sa.Column("unread", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("account_id", "fan_id", name="uq_conversation_fan"),
    )
    op.create_index("ix_conversation_last", "conversation", ["account_id", "last_at", "id"])
    op.create_table(
        "message",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "conversation_id",
            sa.Integer,
            sa.ForeignKey("conversation.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("auto_reply", sa.Boolean, nullable=False, server_default="0"),
        sa.Column(
            "rule_id",
            sa.Integer,
            sa.ForeignKey("autoreplyrule.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index("ix_message_conv", "message", ["conversation_id", "id"])

    op.create_table(
        "fangroup",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("announcement", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("account_id", "name", name="uq_fangroup_name"),
    )
    op.create_table(
        "groupmember",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "group_id", sa.Integer, sa.ForeignKey("fangroup.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("user_id", sa.String, nullable=False),
        sa.Column("nickname", sa.String, nullable=False, server_default=""),
        sa.Column("role", sa.String, nullable=False, server_default="member"),
        sa.Column("joined_at", sa.DateTime, nullable=False),
        sa.Column("last_active_at", sa.DateTime, nullable=True),
        sa.Column("message_count", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("group_id", "user_id", name="uq_groupmember_user"),
    )
    op.create_index("ix_member_active", "groupmember", ["group_id", "last_active_at"])
    op.create_index("ix_member_messages", "groupmember", ["group_id", "message_count"])
    op.create_table(
        "groupannouncement",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "group_id", sa.Integer, sa.ForeignKey("fangroup.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_announcement_group", "groupannouncement", ["group_id", "id"])

    op.create_table(
        "livepreview",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("start_at", sa.DateTime, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_livepreview_start", "livepreview", ["account_id", "start_at"])
    op.create_table(
        "livesession",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("title", sa.String, nullable=False, server_default=""),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("ended_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("account_id", "started_at", name="uq_livesession_start"),
    )
    op.create_table(
        "livesample",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("livesession.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("ts", sa.DateTime, nullable=False),
        sa.Column("online", sa.Integer, nullable=False, server_default="0"),
        sa.Column("gifts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("likes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("new_fans", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("session_id", "ts", name="uq_livesample_ts"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trig in ("comment_fts_au", "comment_fts_ad", "comment_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {trig}")
        op.execute("DROP TABLE IF EXISTS comment_fts")
    for table in (
        "livesample",
        "livesession",
        "livepreview",
        "groupannouncement",
        "groupmember",
        "fangroup",
        "message",
        "conversation",
        "autoreplyrule",
        "comment",
    ):
        op.drop_table(table)
