"""An account as the screens see it (no SQLAlchemy here: the app's quick start builds one
before SQLAlchemy has loaded; creatorctl.accounts reads and writes them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountInfo:
    """An account as the screens see it."""

    id: int
    handle: str
    nickname: str
    avatar_path: str
    bio: str
    niche: str
    verified: bool
    fans: int | None
    """The latest known fan total (None before any account numbers are in)."""
    works: int
    timezone: str = ""
    """The account's own zone for Douyin's times; "" : ``[account] timezone``."""
