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
from creatorctl.models.drafts import Draft, PublishAttempt, SchedulerProcess

__all__ = [
    "Account",
    "AccountDaily",
    "Draft",
    "EditHistory",
    "PublishAttempt",
    "SchedulerProcess",
    "Setting",
    "Trash",
    "Work",
    "WorkSnapshot",
]
