"""Insights: fan portrait, fan activity, trending topics.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def _account(nullable: bool = False) -> sa.Column:
    return sa.Column(
        "account_id",
        sa.Integer,
        sa.ForeignKey("account.id", ondelete="CASCADE"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "fanportrait",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("dimension", sa.String, nullable=False),
        sa.Column("bucket", sa.String, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.UniqueConstraint(
            "account_id", "dimension", "bucket", "as_of", name="uq_portrait_bucket"
        ),
    )
    op.create_index("ix_portrait_acc_dim", "fanportrait", ["account_id", "dimension", "as_of"])
    op.create_table(
        "fanactivity",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("hour", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.UniqueConstraint("account_id", "weekday", "hour", name="uq_activity_slot"),
    )
    op.create_table(
        "trendingtopic",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(nullable=True),
        sa.Column("niche", sa.String, nullable=False),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("heat", sa.Integer, nullable=False, server_default="0"),
        sa.Column("sample_titles", sa.Text, nullable=False, server_default=""),
        sa.Column("day", sa.Date, nullable=False),
        sa.UniqueConstraint("niche", "topic", "day", name="uq_trending_topic_day"),
    )
    op.create_index("ix_trending_niche_day", "trendingtopic", ["niche", "day"])


def downgrade() -> None:
    op.drop_index("ix_trending_niche_day", "trendingtopic")
    op.drop_table("trendingtopic")
    op.drop_table("fanactivity")
    op.drop_index("ix_portrait_acc_dim", "fanportrait")
    op.drop_table("fanportrait")
