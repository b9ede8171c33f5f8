"""Earn: brand tasks, products, product sales and return reasons, platform tasks, earnings.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def _account() -> sa.Column:
    return sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "brandtask",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("platform_id", sa.String, nullable=True),
        sa.Column("brand", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False, server_default=""),
        sa.Column("requirements", sa.Text, nullable=False, server_default=""),
        sa.Column("commission", sa.Float, nullable=False, server_default="0"),
        sa.Column("min_fans", sa.Integer, nullable=False, server_default="0"),
        sa.Column("deadline", sa.Date, nullable=True),
        sa.Column("state", sa.String, nullable=False, server_default="open"),
        sa.Column("accepted_at", sa.DateTime, nullable=True),
        sa.Column(
            "delivered_work_id",
            sa.Integer,
            sa.ForeignKey("work.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("delivered_at", sa.DateTime, nullable=True),
        sa.Column("settled_at", sa.DateTime, nullable=True),
        sa.Column("settled_amount", sa.Float, nullable=True),
        sa.UniqueConstraint("account_id", "platform_id", name="uq_brandtask_platform"),
    )
    op.create_index("ix_brandtask_acc_state", "brandtask", ["account_id", "state", "id"])
    op.create_table(
        "product",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False, server_default=""),
        sa.Column("price", sa.Float, nullable=False, server_default="0"),
        sa.Column("commission_rate", sa.Float, nullable=False, server_default="0"),
        sa.Column("shop", sa.String, nullable=False, server_default=""),
        sa.UniqueConstraint("account_id", "name", "shop", name="uq_product_name"),
    )
    op.create_table(
        "productsale",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "product_id",
            sa.Integer,
            sa.ForeignKey("product.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("units", sa.Integer, nullable=False, server_default="0"),
        sa.Column("gmv", sa.Float, nullable=False, server_default="0"),
        sa.Column("commission", sa.Float, nullable=False, server_default="0"),
        sa.Column("returns", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("product_id", "day", name="uq_productsale_day"),
    )
    op.create_table(
        "productreturnreason",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "sale_id",
            sa.Integer,
            sa.ForeignKey("productsale.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("count", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("sale_id", "reason", name="uq_return_reason"),
    )
    op.create_table(
        "platformtask",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("title", sa.String, nullable=False, server_default=""),
        sa.Column("play_threshold", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reward", sa.Float, nullable=False, server_default="0"),
        sa.Column("starts_at", sa.DateTime, nullable=False),
        sa.Column("ends_at", sa.DateTime, nullable=False),
        sa.Column("rules", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("account_id", "topic", "starts_at", name="uq_ptask"),
    )
    op.create_table(
        "earning",
        sa.Column("id", sa.Integer, primary_key=True),
        _account(),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("amount", sa.Float, nullable=False),
        sa.Column("ref", sa.String, nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
        sa.UniqueConstraint("account_id", "ref", name="uq_earning_ref"),
    )
    op.create_index("ix_earning_acc_day", "earning", ["account_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_earning_acc_day", "earning")
    op.drop_index("ix_brandtask_acc_state", "brandtask")
    for table in (
        "earning",
        "platformtask",
        "productreturnreason",
        "productsale",
        "product",
        "brandtask",
    ):
        op.drop_table(table)
