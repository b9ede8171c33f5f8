"""Field helpers that give every defaulted column the server default its migration gave it.

A migration writes ``server_default="0"``; a plain SQLModel ``x: int = 0`` has only a Python
default, so Alembic's comparison reports drift and a row inserted by SQL without the column
fails. These helpers keep the two in step.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Text
from sqlalchemy import text as sa_text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


def _sql(value: object) -> Any:
    if value == "":
        # Alembic's comparison takes a plain "" for "no default"; the migrations' DDL says
        # DEFAULT '', which is what this renders.
        return sa_text("''")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def default(value: Any) -> Any:
    """A NOT NULL column with `value` as both Python and server default."""
    return Field(default=value, sa_column_kwargs={"server_default": _sql(value)})


def long_text(value: str | None = "", *, nullable: bool = False) -> Any:
    """A TEXT column (long text: descriptions, replies); `value=None` means no default."""
    if value is None:
        return Field(default=None, sa_column=Column(Text, nullable=nullable))
    return Field(
        default=value,
        sa_column=Column(Text, nullable=nullable, default=value, server_default=_sql(value)),
    )


class Instant(TypeDecorator[datetime]):
    """A stored instant (`timeutil.to_db`'s text): naive UTC in, naive UTC out, on both backends.

    SQLModel's own type for `datetime` fields (UTCDateTime) wants aware values, and on
    PostgreSQL — where the column is TEXT and the driver hands back a string — it fails on the
    first row read. This one takes aware or naive (UTC) times and reads the text back with
    `timeutil.from_db`, so an ORM session (`Store.session()`) works on both.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: object, dialect: Dialect) -> datetime | None:
        from creatorctl.timeutil import from_db

        return None if value is None else from_db(value)


def instant(value: None | Any = ...) -> Any:
    """A column of instants (`Instant`): required, or `instant(None)` for a nullable one."""
    if value is ...:
        return Field(sa_type=Instant)
    return Field(default=value, sa_type=Instant)
