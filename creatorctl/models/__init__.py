"""SQLModel tables. Each capability keeps its tables in a module of its own, imported here.

Tables never reach widgets: domain modules turn rows into plain dataclasses.
"""

from creatorctl.models.audit import Audit
from creatorctl.models.core import (
    Account,
    AccountDaily,
    EditHistory,
    Setting,
    Trash,
    Work,
    WorkSnapshot,
)
from creatorctl.models.drafts import Draft, PublishAttempt, SchedulerProcess
from creatorctl.models.earn import (
    BrandTask,
    Earning,
    PlatformTask,
    Product,
    ProductReturnReason,
    ProductSale,
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
    "Audit",
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
    "BrandTask",
    "Draft",
    "Earning",
    "EditHistory",
    "FanActivity",
    "FanPortrait",
    "PlatformTask",
    "Product",
    "ProductReturnReason",
    "ProductSale",
    "PublishAttempt",
    "SchedulerProcess",
    "Setting",
    "Trash",
    "TrendingTopic",
    "Work",
    "WorkSnapshot",
]
