"""Earn 变现服务 tables: 星图 brand tasks, 橱窗 products and their sales, 全民任务, the ledger."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from creatorctl.models.fields import default, instant, long_text


class BrandTask(SQLModel, table=True):
    """A 星图 brand deal offered to the account, and how far it has got."""

    __table_args__ = (
        UniqueConstraint("account_id", "platform_id", name="uq_brandtask_platform"),
        Index("ix_brandtask_acc_state", "account_id", "state", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    platform_id: str | None = None
    """星图's own id for the task, when it came from an export."""
    brand: str
    title: str
    category: str = default("")
    requirements: str = long_text()
    commission: float = default(0.0)
    """Offered fee in yuan."""
    min_fans: int = default(0)
    deadline: date | None = None
    state: str = default("open")
    """open → accepted → delivered → settled (creatorctl.earn.brand.BRAND_STATES)."""
    accepted_at: datetime | None = instant(None)
    delivered_work_id: int | None = Field(default=None, foreign_key="work.id", ondelete="SET NULL")
    delivered_at: datetime | None = instant(None)
    settled_at: datetime | None = instant(None)
    settled_amount: float | None = None


class Product(SQLModel, table=True):
    """A product in the account's 橱窗 (shop window)."""

    __table_args__ = (UniqueConstraint("account_id", "name", "shop", name="uq_product_name"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    name: str
    category: str = default("")
    price: float = default(0.0)
    commission_rate: float = default(0.0)
    """Share of GMV paid to the creator (0.2 = 20%)."""
    shop: str = default("")


class ProductSale(SQLModel, table=True):
    """One product's sales on one day."""

    __table_args__ = (UniqueConstraint("product_id", "day", name="uq_productsale_day"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", ondelete="CASCADE")
    day: date
    units: int = default(0)
    gmv: float = default(0.0)
    commission: float = default(0.0)
    returns: int = default(0)


class ProductReturnReason(SQLModel, table=True):
    """Why returns happened: a reason and how many of one day's returns gave it."""

    __table_args__ = (UniqueConstraint("sale_id", "reason", name="uq_return_reason"),)

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="productsale.id", ondelete="CASCADE")
    reason: str
    count: int = default(0)


class PlatformTask(SQLModel, table=True):
    """A 全民任务: post with the topic inside the window and reach the plays to earn the reward."""

    __table_args__ = (UniqueConstraint("account_id", "topic", "starts_at", name="uq_ptask"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    topic: str
    """A normalised topic, '#春日好时光'."""
    title: str = default("")
    play_threshold: int = default(0)
    reward: float = default(0.0)
    starts_at: datetime = instant()
    """UTC; the window includes both ends."""
    ends_at: datetime = instant()
    rules: str = long_text()


class Earning(SQLModel, table=True):
    """One entry of the earnings ledger. `ref` names what paid, so nothing is counted twice."""

    __table_args__ = (
        UniqueConstraint("account_id", "ref", name="uq_earning_ref"),
        Index("ix_earning_acc_day", "account_id", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    day: date
    source: str
    """brand, selling or tasks (creatorctl.earn.ledger.EARNING_SOURCES)."""
    amount: float
    ref: str
    note: str = default("")
