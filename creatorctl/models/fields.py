"""Field helpers that give every defaulted column the server default its migration gave it.

A migration writes ``server_default="0"``; a plain SQLModel ``x: int = 0`` has only a Python
default, so Alembic's comparison reports drift and a row inserted by SQL without the column
fails. These helpers keep the two in step.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Text
from sqlalchemy import text as sa_text
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
