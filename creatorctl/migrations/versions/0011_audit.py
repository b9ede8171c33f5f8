"""The audit log: who changed what, when, with the values before and after.

- ``audit``: one row per change (edit, delete, restore, publish step, reply, rule change,
  import — one row per import with its counts). ``who`` is the Unix login on SQLite and
  ``current_user`` on PostgreSQL; ``at`` is UTC text in the store's time format; ``before`` and
  ``after`` are JSON objects. No foreign key: the log outlives what it describes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("who", sa.String, nullable=False),
        sa.Column("account_id", sa.Integer, nullable=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("object_id", sa.Integer, nullable=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("before", sa.Text, nullable=False, server_default=""),
        sa.Column("after", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    op.create_index("ix_audit_who_at", "audit", ["who", "at"])
    op.create_index("ix_audit_account", "audit", ["account_id", "id"])


def downgrade() -> None:
    op.drop_table("audit")
