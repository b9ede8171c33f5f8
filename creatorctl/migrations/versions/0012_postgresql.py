"""PostgreSQL team stores: search indexes and the publishing ledger (SQLite: nothing).

SQLite searches with FTS5's trigram tokenizer (0001, 0005) and falls back to LIKE for queries
shorter than three characters. PostgreSQL does the same with pg_trgm: GIN trigram indexes
serve `ILIKE '%q%'` on each searched column (Chinese and Latin alike), so the results match
SQLite's. The publishing ledger, a file of its own beside a SQLite store (publish_ledger), is
the table `publishclaim` here (publish_ledger_pg). A SQLite store gets nothing from this
revision.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = (
    ("ix_work_title_trgm", "work", "title"),
    ("ix_work_description_trgm", "work", "description"),
    ("ix_work_tags_trgm", "work", "tags"),
    ("ix_comment_content_trgm", "comment", "content"),
    ("ix_comment_nickname_trgm", "comment", "nickname"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")
    op.create_table(
        "publishclaim",
        sa.Column("draft_id", sa.Integer, nullable=False),
        sa.Column("due", sa.Text, nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("worker_id", sa.Text, nullable=False),
        sa.Column("claimed_at", sa.Text, nullable=False),
        sa.Column("attempt_id", sa.Integer, nullable=False, server_default="0"),
        sa.Column("hook_pid", sa.Integer, nullable=True),
        sa.Column("hook_started_at", sa.Text, nullable=True),
        sa.Column("finished_at", sa.Text, nullable=True),
        sa.Column("result", sa.Text, nullable=True),
        sa.Column("applied", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("draft_id", "due", "attempt"),
    )
    op.create_index("ix_publishclaim_open", "publishclaim", ["applied", "finished_at"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table("publishclaim")
    for name, _table, _column in TRIGRAM_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
