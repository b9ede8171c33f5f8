"""Drafts, their publish attempts, and the scheduler processes that publish them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from creatorctl.models.fields import default, instant, long_text

DRAFT_STATES = (
    "draft",
    "scheduled",
    "publishing",
    "published",
    "failed",
    "missed",
    "unknown",
)
"""`unknown` (待确认): the hook may have run but its outcome was lost; the user settles it."""


class Draft(SQLModel, table=True):
    """A post being prepared, scheduled or published. This table is the scheduler's truth.

    `next_try_at` is when the scheduler should next try (the scheduled time, then the retry
    times); `claimed_by`/`claimed_at` name the process publishing it right now.
    """

    __table_args__ = (
        Index("ix_draft_due", "state", "next_try_at"),
        Index("ix_draft_acc_state", "account_id", "state", "scheduled_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    title: str
    description: str = long_text()
    tags: str = default("")
    video_path: str = default("")
    cover_path: str = default("")
    edit_params: str = long_text()
    """The editor's parameters as JSON text, kept byte for byte as saved."""
    state: str = default("draft")
    scheduled_at: datetime | None = instant(None)
    next_try_at: datetime | None = instant(None)
    attempts: int = default(0)
    last_error: str = default("")
    claimed_by: str | None = None
    claimed_at: datetime | None = instant(None)
    work_id: int | None = Field(default=None, foreign_key="work.id", ondelete="SET NULL")
    item_id: str | None = None
    published_at: datetime | None = instant(None)
    created_at: datetime = instant()
    updated_at: datetime = instant()
    deleted_at: datetime | None = instant(None)


class PublishAttempt(SQLModel, table=True):
    """One try at publishing a draft: who, when, and how it ended."""

    __table_args__ = (Index("ix_attempt_draft", "draft_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id", ondelete="CASCADE")
    worker_id: str = default("")
    started_at: datetime = instant()
    finished_at: datetime | None = instant(None)
    ok: bool = default(False)
    exit_code: int | None = None
    error: str = default("")
    stderr_tail: str = long_text()
    item_id: str | None = None
    hook_pid: int | None = None
    """The hook supervisor's pid (it leads the hook's process group)."""
    hook_started_at: datetime | None = instant(None)
    idem_key: str = default("")
    """CREATORCTL_IDEMPOTENCY_KEY of this run: stable per draft and scheduled time."""


class SchedulerProcess(SQLModel, table=True):
    """A scheduler (in the app or headless) that is or was running, with its heartbeat."""

    worker_id: str = Field(primary_key=True)
    pid: int
    host: str = default("")
    kind: str = default("")
    started_at: datetime = instant()
    heartbeat_at: datetime = instant()
    stopped_at: datetime | None = instant(None)
