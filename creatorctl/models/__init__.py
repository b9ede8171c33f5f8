"""SQLModel tables. Each capability keeps its tables in a module of its own, imported here.

Tables never reach widgets: domain modules turn rows into plain dataclasses.
"""

from creatorctl.models.core import (
    Account,
    AccountDaily,
    EditHistory,
    Setting,
    Trash,
    Work,
    WorkSnapshot,
)
from creatorctl.models.inbox import (
    AutoReplyRule,
    Comment,
    Conversation,
    FanGroup,
    GroupAnnouncement,
    GroupMember,
    LivePreview,
    LiveSample,
    LiveSession,
    Message,
)
from creatorctl.models.insights import FanActivity, FanPortrait, TrendingTopic

__all__ = [
    "AutoReplyRule",
    "Comment",
    "Conversation",
    "FanGroup",
    "GroupAnnouncement",
    "GroupMember",
    "LivePreview",
    "LiveSample",
    "LiveSession",
    "Message",
    "Account",
    "AccountDaily",
    "EditHistory",
    "FanActivity",
    "FanPortrait",
    "Setting",
    "TrendingTopic",
    "Trash",
    "Work",
    "WorkSnapshot",
]
