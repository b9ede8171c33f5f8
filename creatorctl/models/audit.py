"""The audit log: who changed what, when, and the values before and after."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from creatorctl.models.fields import long_text


class Audit(SQLModel, table=True):
    """One change by one login: an edit, a delete or restore, a publish step, a reply, a rule
    change, an import (one row per import, with its counts).

    `who` is the acting Unix login on SQLite and the database role (`current_user`) on
    PostgreSQL. `at` is UTC in the store's one time format. `before` and `after` hold the
    changed values as JSON objects ("" when there is nothing on that side). There is no
    foreign key to the account: the log outlives what it describes.
    """

    __table_args__ = (
        Index("ix_audit_at", "at"),
        Index("ix_audit_who_at", "who", "at"),
        Index("ix_audit_account", "account_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: str
    who: str
    account_id: int | None = None
    kind: str
    object_id: int | None = None
    action: str
    before: str = long_text("")
    after: str = long_text("")
