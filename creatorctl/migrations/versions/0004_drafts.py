"""Drafts and scheduled publishing: drafts, publish attempts, scheduler processes, work.draft_id.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("account.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("tags", sa.String, nullable=False, server_default=""),
        sa.Column("video_path", sa.String, nullable=False, server_default=""),
        sa.Column("cover_path", sa.String, nullable=False, server_default=""),
        sa.Column("edit_params", sa.Text, nullable=False, server_default=""),
        sa.Column("state", sa.String, nullable=False, server_default="draft"),
        sa.Column("scheduled_at", sa.DateTime, nullable=True),
        sa.Column("next_try_at", sa.DateTime, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.String, nullable=False, server_default=""),
        sa.Column("claimed_by", sa.String, nullable=True),
        sa.Column("claimed_at", sa.DateTime, nullable=True),
        sa.Column(
            "work_id", sa.Integer, sa.ForeignKey("work.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("item_id", sa.String, nullable=True),
        sa.Column("published_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_draft_due", "draft", ["state", "next_try_at"])
    op.create_index("ix_draft_acc_state", "draft", ["account_id", "state", "scheduled_at"])
    op.create_table(
        "publishattempt",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "draft_id", sa.Integer, sa.ForeignKey("draft.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("worker_id", sa.String, nullable=False, server_default=""),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.Column("ok", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("exit_code", sa.Integer, nullable=True),
        sa.Column("error", sa.String, nullable=False, server_default=""),
        sa.Column("stderr_tail", sa.Text, nullable=False, server_default=""),
        sa.Column("item_id", sa.String, nullable=True),
    )
    op.create_index("ix_attempt_draft", "publishattempt", ["draft_id", "id"])
    op.create_table(
        "schedulerprocess",
        sa.Column("worker_id", sa.String, primary_key=True),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("host", sa.String, nullable=False, server_default=""),
        sa.Column("kind", sa.String, nullable=False, server_default=""),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("heartbeat_at", sa.DateTime, nullable=False),
        sa.Column("stopped_at", sa.DateTime, nullable=True),
    )
    # A plain column (ALTER TABLE ADD COLUMN), not a batch rebuild: rebuilding `work` would
    # drop its full-text triggers. The link's owner is draft.work_id; this is the way back.
    op.add_column("work", sa.Column("draft_id", sa.Integer, nullable=True))
    op.create_index("ix_work_draft_id", "work", ["draft_id"])


def downgrade() -> None:
    op.drop_index("ix_work_draft_id", "work")
    op.drop_column("work", "draft_id")
    op.drop_table("schedulerprocess")
    op.drop_table("publishattempt")
    op.drop_table("draft")
