"""SQLModel tables: the one definition of the store's schema.

Each capability keeps its tables in a module of its own. Importing this package is cheap: the
table classes (and sqlmodel, ~0.2 s to import) load on first use of a name below, so modules on
the start-up path may import ``creatorctl.models.columns`` freely. Alembic compares these tables
with every migrated store (``tests/test_schema.py``); ``metadata()`` loads them all.

Tables never reach widgets: domain modules turn rows into plain dataclasses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import MetaData

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

_MODULES = ("core", "insights", "drafts", "inbox", "earn", "audit")
_WHERE = {
    **dict.fromkeys(
        ("Account", "AccountDaily", "EditHistory", "Setting", "Trash", "Work", "WorkSnapshot"),
        "core",
    ),
    **dict.fromkeys(("Draft", "PublishAttempt", "SchedulerProcess"), "drafts"),
    **dict.fromkeys(
        ("BrandTask", "Earning", "PlatformTask", "Product", "ProductReturnReason", "ProductSale"),
        "earn",
    ),
    **dict.fromkeys(
        (
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
        ),
        "inbox",
    ),
    **dict.fromkeys(("FanActivity", "FanPortrait", "TrendingTopic"), "insights"),
    "Audit": "audit",
}

__all__ = [
    "Account",
    "AccountDaily",
    "Audit",
    "AutoReplyRule",
    "BrandTask",
    "Comment",
    "Conversation",
    "Draft",
    "Earning",
    "EditHistory",
    "FanActivity",
    "FanGroup",
    "FanPortrait",
    "GroupAnnouncement",
    "GroupMember",
    "LivePreview",
    "LiveSample",
    "LiveSession",
    "Message",
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
    "include_object",
    "metadata",
]


def metadata() -> MetaData:
    """Every table's metadata (what Alembic's env compares and autogenerates against)."""
    for name in _MODULES:
        importlib.import_module(f"creatorctl.models.{name}")
    from sqlmodel import SQLModel

    return SQLModel.metadata


NOT_MODELLED_PREFIXES = ("work_fts", "comment_fts", "comment_bigram", "comment_liked_bigram")
"""SQLite FTS5 virtual tables and their shadow tables (``work_fts_data``, ``_idx``, ``_docsize``,
``_config``), made by raw DDL in migrations 0001/0005/0010/0017 with their triggers. SQLAlchemy cannot
describe a virtual table, so they have no model; Alembic must neither drop nor create them."""


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: compare every table except the FTS ones and Alembic's own bookkeeping.

    (Triggers are not compared by Alembic at all; `tests/test_migrations.py` checks that the
    search triggers still index new rows.)
    """
    if type_ == "table" and name is not None:
        return name != "alembic_version" and not name.startswith(NOT_MODELLED_PREFIXES)
    return True


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'creatorctl.models' has no attribute {name!r}")
    return getattr(importlib.import_module(f"creatorctl.models.{module}"), name)
