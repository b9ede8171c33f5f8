"""Inbox tables: comments, direct messages and auto-reply rules, fan groups, live sessions.

Kept in agreement with migration 0005 (which also creates the `comment_fts` trigram index).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from creatorctl.models.fields import default, instant, long_text


class Comment(SQLModel, table=True):
    """A comment on a work. `id` rises with time, so newest-first is id order.

    `flags` holds the spam/ad/abuse rules it matched (space-separated: link phone wechat word),
    computed when it was stored.
    """

    __table_args__ = (
        Index("ix_comment_work_new", "work_id", "deleted_at", "id"),
        Index("ix_comment_acc_new", "account_id", "deleted_at", "id"),
        Index("ix_comment_work_likes", "work_id", "deleted_at", "likes", "id"),
        Index("ix_comment_acc_likes", "account_id", "deleted_at", "likes", "id"),
        Index(
            "ix_comment_flagged",
            "account_id",
            "id",
            sqlite_where=text("flags <> '' AND deleted_at IS NULL"),
        ),
        Index(
            "uq_comment_platform",
            "work_id",
            "comment_id",
            unique=True,
            sqlite_where=text("comment_id IS NOT NULL"),
        ),
        Index("uq_comment_pinned", "work_id", unique=True, sqlite_where=text("pinned")),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    work_id: int = Field(foreign_key="work.id", ondelete="CASCADE")
    comment_id: str | None = None
    """The platform's id (Open Platform `comment_id`), when known."""
    user_id: str = default("")
    nickname: str = default("")
    content: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = instant()
    likes: int = default(0)
    pinned: bool = default(False)
    parent_id: int | None = None
    """The comment this one answers."""
    is_mine: bool = default(False)
    """Written by the account (a reply)."""
    reply_text: str | None = long_text(None, nullable=True)
    """The account's latest reply to this comment."""
    send_status: str = default("")
    """For the account's replies: sent, failed, or local (no reply hook configured)."""
    flags: str = default("")
    deleted_at: datetime | None = instant(None)


class AutoReplyRule(SQLModel, table=True):
    """Keyword → reply for direct messages; `is_welcome` answers a fan's first message."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    keyword: str = default("")
    """Alternatives separated by | , or ，; matched case-insensitively anywhere in the text."""
    reply: str = Field(sa_column=Column(Text, nullable=False))
    priority: int = default(0)
    """Higher first."""
    enabled: bool = default(True)
    is_welcome: bool = default(False)
    created_at: datetime = instant()


class Conversation(SQLModel, table=True):
    """Direct messages with one fan; `unread` counts incoming messages not yet read."""

    __table_args__ = (
        UniqueConstraint("account_id", "fan_id", name="uq_conversation_fan"),
        Index("ix_conversation_last", "account_id", "last_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    fan_id: str
    fan_nickname: str = default("")
    last_at: datetime = instant()
    last_text: str = long_text()
    unread: int = default(0)


class Message(SQLModel, table=True):
    """One direct message, in (from the fan) or out (from the account, maybe automatic)."""

    __table_args__ = (Index("ix_message_conv", "conversation_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", ondelete="CASCADE")
    direction: str = Field(max_length=3)
    """in or out."""
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = instant()
    read: bool = default(False)
    auto_reply: bool = default(False)
    rule_id: int | None = Field(default=None, foreign_key="autoreplyrule.id", ondelete="SET NULL")


class FanGroup(SQLModel, table=True):
    """A fan group 粉丝群 with its current announcement."""

    __table_args__ = (UniqueConstraint("account_id", "name", name="uq_fangroup_name"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    name: str
    announcement: str = long_text()
    created_at: datetime = instant()


class GroupMember(SQLModel, table=True):
    """A member of a fan group; role owner, admin or member."""

    __table_args__ = (
        UniqueConstraint("group_id", "user_id", name="uq_groupmember_user"),
        Index("ix_member_active", "group_id", "last_active_at"),
        Index("ix_member_messages", "group_id", "message_count"),
    )

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="fangroup.id", ondelete="CASCADE")
    user_id: str
    nickname: str = default("")
    role: str = default("member")
    joined_at: datetime = instant()
    last_active_at: datetime | None = instant(None)
    message_count: int = default(0)


class GroupAnnouncement(SQLModel, table=True):
    """Every announcement a group has had, newest last."""

    __table_args__ = (Index("ix_announcement_group", "group_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="fangroup.id", ondelete="CASCADE")
    text: str = Field(sa_column=Column(Text, nullable=False))
    changed_at: datetime = instant()


class LivePreview(SQLModel, table=True):
    """A planned live 直播预告: topic and start time."""

    __table_args__ = (Index("ix_livepreview_start", "account_id", "start_at"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    topic: str
    start_at: datetime = instant()
    created_at: datetime = instant()


class LiveSession(SQLModel, table=True):
    """A past live; its numbers are in its samples."""

    __table_args__ = (UniqueConstraint("account_id", "started_at", name="uq_livesession_start"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", ondelete="CASCADE")
    title: str = default("")
    started_at: datetime = instant()
    ended_at: datetime | None = instant(None)


class LiveSample(SQLModel, table=True):
    """One reading during a live: viewers online now; gifts, likes, new fans so far."""

    __table_args__ = (UniqueConstraint("session_id", "ts", name="uq_livesample_ts"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="livesession.id", ondelete="CASCADE")
    ts: datetime = instant()
    online: int = default(0)
    gifts: int = default(0)
    likes: int = default(0)
    new_fans: int = default(0)
