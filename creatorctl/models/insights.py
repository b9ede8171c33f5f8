"""Fan portrait, fan activity and trending topics: what the Data and Fans tabs read.

Daily fan numbers (total, gained, lost) live in `accountdaily` (models/core.py).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from creatorctl.models.fields import default, long_text

PORTRAIT_DIMENSIONS = ("gender", "age", "province", "device", "interest")
"""The portrait's dimensions, in the order the Fans tab shows them."""


class FanPortrait(SQLModel, table=True):
    """One bucket of one portrait dimension (e.g. province 广东 = 0.34) as of a date."""

    __table_args__ = (
        UniqueConstraint("account_id", "dimension", "bucket", "as_of", name="uq_portrait_bucket"),
        Index("ix_portrait_acc_dim", "account_id", "dimension", "as_of"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    dimension: str
    bucket: str
    share: float
    """Fraction of fans in this bucket, 0..1."""
    as_of: date


class FanActivity(SQLModel, table=True):
    """How active the fans are in one weekday × hour slot (any scale; higher is busier)."""

    __table_args__ = (UniqueConstraint("account_id", "weekday", "hour", name="uq_activity_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    weekday: int
    """0 = Monday … 6 = Sunday."""
    hour: int
    """0..23, local time."""
    value: float


class TrendingTopic(SQLModel, table=True):
    """A topic trending in a niche on a date, with its heat and a few sample titles."""

    __table_args__ = (
        UniqueConstraint("niche", "topic", "day", name="uq_trending_topic_day"),
        Index("ix_trending_niche_day", "niche", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", ondelete="CASCADE")
    """The account it was imported for (None: shared by every account in the niche)."""
    niche: str
    topic: str
    """Normalised, with its '#'."""
    heat: int = default(0)
    sample_titles: str = long_text()
    """Sample titles, one a line."""
    day: date
