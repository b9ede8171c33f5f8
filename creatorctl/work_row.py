"""One line of the Works list, light enough for the quick start to build before SQLAlchemy loads
(creatorctl.quickstart) and the same type the store's reads return (creatorctl.works)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WorkRow:
    """One line of the Works list."""

    id: int
    title: str
    published_at: datetime
    """Local time."""
    tags: tuple[str, ...]
    plays: int
    likes: int
    comments: int
    shares: int
    completion_rate: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "published_at": self.published_at.isoformat(sep=" "),
            "tags": list(self.tags),
            "plays": self.plays,
            "likes": self.likes,
            "comments": self.comments,
            "shares": self.shares,
            "completion_rate": self.completion_rate,
        }
