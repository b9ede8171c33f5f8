"""A partial index for counting an account's works that are not deleted.

Counting them (the account bar, the Works list's total) read every work row to test
deleted_at: 65 ms on 50,000 works, more than the whole list. This index answers alone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_work_acc_live",
        "work",
        ["account_id"],
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_work_acc_live", "work")
