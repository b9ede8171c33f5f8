"""The ground tables: accounts, works, their snapshots, account days, history and trash."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# Metric columns shared by a work and its snapshots: running totals at the time of the snapshot.
WORK_METRICS = (
    "plays",
    "likes",
    "comments",
    "shares",
    "favorites",
    "profile_visits",
    "fans_gained",
)
WORK_RATES = ("completion_rate", "completion_5s", "cover_ctr", "bounce_2s", "avg_watch_s")


class Setting(SQLModel, table=True):
    """Small key/value facts about the store, such as the current account."""

    key: str = Field(primary_key=True)
    value: str = ""


class Account(SQLModel, table=True):
    """One Douyin account (a store may hold several, e.g. for an operations team)."""

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(index=True, unique=True)
    nickname: str = ""
    avatar_path: str = ""
    bio: str = ""
    niche: str = ""
    verified: bool = False
    created_at: datetime
    timezone: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """IANA zone this account's Douyin times are read and shown in; empty: the
    ``[account] timezone`` setting (default Asia/Shanghai)."""


class Work(SQLModel, table=True):
    """A published work with its latest cumulative numbers (copied from the newest snapshot).

    The latest numbers live on the row so the Works list sorts and pages on indexes alone.
    """

    __table_args__ = (
        UniqueConstraint("account_id", "item_id", name="uq_work_item"),
        Index("ix_work_acc_pub", "account_id", "published_at", "id"),
        Index("ix_work_acc_plays", "account_id", "plays", "id"),
        Index("ix_work_acc_likes", "account_id", "likes", "id"),
        Index("ix_work_acc_comments", "account_id", "comments", "id"),
        Index("ix_work_acc_shares", "account_id", "shares", "id"),
        Index("ix_work_acc_completion", "account_id", "completion_rate", "id"),
        Index("ix_work_acc_title", "account_id", "title", "id"),
        Index("ix_work_acc_aweme", "account_id", "aweme_id"),
        # Counting an account's works that are not deleted, from the index alone.
        Index("ix_work_acc_live", "account_id", sqlite_where=text("deleted_at IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    item_id: str | None = None
    """The Open Platform item_id (opaque, up to 256 printable ASCII characters)."""
    aweme_id: str | None = None
    """The numeric aweme/video id that third-party tools key works by."""
    title: str
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    tags: str = ""
    cover_path: str = ""
    published_at: datetime
    genre: str = ""
    review_status: str = ""
    plays: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    favorites: int = 0
    profile_visits: int = 0
    fans_gained: int = 0
    completion_rate: float | None = None
    completion_5s: float | None = None
    cover_ctr: float | None = None
    bounce_2s: float | None = None
    avg_watch_s: float | None = None
    duration_s: float | None = None
    """The work's length in seconds (作品时长)."""
    stats_date: date | None = None
    deleted_at: datetime | None = None
    draft_id: int | None = Field(default=None, index=True)
    """The draft this work was published from (creatorctl.publishing), if any."""


class WorkSnapshot(SQLModel, table=True):
    """A work's running totals on one date; daily numbers are differences of these."""

    __table_args__ = (UniqueConstraint("work_id", "snapshot_date", name="uq_snapshot_day"),)

    id: int | None = Field(default=None, primary_key=True)
    work_id: int = Field(foreign_key="work.id", ondelete="CASCADE")
    snapshot_date: date
    plays: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    favorites: int = 0
    profile_visits: int = 0
    fans_gained: int = 0
    completion_rate: float | None = None
    completion_5s: float | None = None
    cover_ctr: float | None = None
    bounce_2s: float | None = None
    avg_watch_s: float | None = None


class AccountDaily(SQLModel, table=True):
    """The account's numbers for one day (not cumulative), including the fan count."""

    __table_args__ = (UniqueConstraint("account_id", "day", name="uq_account_day"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    day: date
    plays: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    favorites: int = 0
    profile_visits: int = 0
    fans_total: int | None = None
    fans_gained: int = 0
    fans_lost: int = 0


class EditHistory(SQLModel, table=True):
    """One field changed on a work or on an account profile: old → new, when; undoable.

    Fields changed together share a `batch` so undo restores them together.
    """

    __table_args__ = (Index("ix_edit_entity", "entity", "entity_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    entity: str
    entity_id: int
    field: str
    old_value: str = ""
    new_value: str = ""
    batch: str
    changed_at: datetime
    undone: bool = False


class Trash(SQLModel, table=True):
    """Something deleted that can be restored; the row itself keeps a `deleted_at` mark."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    entity: str
    entity_id: int
    label: str = ""
    deleted_at: datetime
