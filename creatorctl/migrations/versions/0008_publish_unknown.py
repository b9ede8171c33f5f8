"""What is known about a publish try whose outcome may be lost: the hook's pid, its start, its key.

A post whose claimer died mid-hook goes to state `unknown` (待确认) and waits for the user;
these columns let the Drafts tab say which process, host, hook pid and start time it was.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("publishattempt", sa.Column("hook_pid", sa.Integer(), nullable=True))
    op.add_column("publishattempt", sa.Column("hook_started_at", sa.DateTime(), nullable=True))
    op.add_column(
        "publishattempt",
        sa.Column("idem_key", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("publishattempt") as batch:
        batch.drop_column("idem_key")
        batch.drop_column("hook_started_at")
        batch.drop_column("hook_pid")
