"""Real Douyin files: a work's numeric aweme id and duration; an account's time zone.

- ``work.aweme_id``: the numeric id (Open Platform ``video_id``, third-party tools'
  ``aweme_id``) beside the opaque Open Platform ``item_id``; indexed, as comment files from
  tools name their work by it.
- ``work.duration_s``: the work's length in seconds (作品时长).
- ``account.timezone``: the IANA zone Douyin's times are read and shown in for this account;
  empty means the ``[account] timezone`` setting (default Asia/Shanghai). Stored instants are
  UTC and do not move.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: no table rebuild, so the work table's triggers and rows stay as they are.
    op.add_column("work", sa.Column("aweme_id", sa.String, nullable=True))
    op.add_column("work", sa.Column("duration_s", sa.Float, nullable=True))
    op.create_index("ix_work_acc_aweme", "work", ["account_id", "aweme_id"])
    op.add_column("account", sa.Column("timezone", sa.String, nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_index("ix_work_acc_aweme", "work")
    with op.batch_alter_table("work") as batch:
        batch.drop_column("duration_s")
        batch.drop_column("aweme_id")
    with op.batch_alter_table("account") as batch:
        batch.drop_column("timezone")
