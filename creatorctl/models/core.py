"""The ground tables: accounts, works, their snapshots, account days, history and trash."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from creatorctl.models.fields import default, instant, long_text


class WorkMetrics(SQLModel):
    """The numbers a work and its dated snapshots share: running totals as of the snapshot
    (`models.columns.WORK_COUNTS`) and rates (`WORK_RATES`), in that order."""

    plays: int = default(0)
    likes: int = default(0)
    comments: int = default(0)
    shares: int = default(0)
    favorites: int = default(0)
    profile_visits: int = default(0)
    fans_gained: int = default(0)
    completion_rate: float | None = None
    completion_5s: float | None = None
    cover_ctr: float | None = None
    bounce_2s: float | None = None
    avg_watch_s: float | None = None


class Setting(SQLModel, table=True):
    """Small key/value facts about the store, such as the current account."""

    key: str = Field(primary_key=True)
    value: str = default("")


class Account(SQLModel, table=True):
    """One Douyin account (a store may hold several, e.g. for an operations team)."""

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(index=True, unique=True)
    nickname: str = default("")
    avatar_path: str = default("")
    bio: str = default("")
    niche: str = default("")
    verified: bool = default(False)
    created_at: datetime = instant()
    timezone: str = default("")
    """IANA zone this account's Douyin times are read and shown in; empty: the
    ``[account] timezone`` setting (default Asia/Shanghai)."""


class Work(WorkMetrics, table=True):
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
    description: str = long_text()
    tags: str = default("")
    cover_path: str = default("")
    published_at: datetime = instant()
    genre: str = default("")
    review_status: str = default("")
    duration_s: float | None = None
    """The work's length in seconds (作品时长)."""
    stats_date: date | None = None
    deleted_at: datetime | None = instant(None)
    draft_id: int | None = Field(default=None, index=True)
    """The draft this work was published from (creatorctl.publishing), if any."""


class WorkSnapshot(WorkMetrics, table=True):
    """A work's running totals on one date; daily numbers are differences of these."""

    __table_args__ = (UniqueConstraint("work_id", "snapshot_date", name="uq_snapshot_day"),)

    id: int | None = Field(default=None, primary_key=True)
    work_id: int = Field(foreign_key="work.id", ondelete="CASCADE")
    snapshot_date: date


class AccountDaily(SQLModel, table=True):
    """The account's numbers for one day (not cumulative), including the fan count."""

    __table_args__ = (UniqueConstraint("account_id", "day", name="uq_account_day"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    day: date
    plays: int = default(0)
    likes: int = default(0)
    comments: int = default(0)
    shares: int = default(0)
    favorites: int = default(0)
    profile_visits: int = default(0)
    fans_total: int | None = None
    fans_gained: int = default(0)
    fans_lost: int = default(0)


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
    old_value: str = default("")
    new_value: str = default("")
    batch: str
    changed_at: datetime = instant()
    undone: bool = default(False)


class Trash(SQLModel, table=True):
    """Something deleted that can be restored; the row itself keeps a `deleted_at` mark."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    entity: str
    entity_id: int
    label: str = default("")
    deleted_at: datetime = instant()
