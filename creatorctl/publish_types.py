"""What publishing passes around: a claimed post and how its try ended."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from creatorctl.drafts import ts
from creatorctl.publish_ledger import Key
from creatorctl.publish_recovery import idempotency_key
from creatorctl.store import Unit
from creatorctl.timeutil import from_db, utc_to_local, utcnow_exact
from creatorctl.works import split_tags


@dataclass(frozen=True)
class Claim:
    """A post this process now owns and must publish (times UTC)."""

    draft_id: int
    account_id: int
    account: str
    title: str
    description: str
    tags: tuple[str, ...]
    video_path: str
    cover_path: str
    edit_params: str
    scheduled_at: datetime | None
    attempt: int
    attempt_id: int
    """The attempt's row in the main store; 0 while the main store has not heard of it."""
    claimed_at: datetime
    due: datetime | None = None
    """The draft's `next_try_at` when claimed: part of the ledger key."""

    @property
    def key(self) -> Key:
        """The claim's key in the publishing ledger."""
        return (self.draft_id, ts(self.due) if self.due else "", self.attempt)

    @property
    def idempotency_key(self) -> str:
        return idempotency_key(self.account, self.draft_id, self.scheduled_at)

    def hook_values(self) -> dict[str, str]:
        return {
            "video": self.video_path,
            "title": self.title,
            "cover": self.cover_path,
            "tags": " ".join(self.tags),
            "draft_id": str(self.draft_id),
        }

    def hook_payload(self) -> dict[str, object]:
        """What the hook reads on stdin."""
        try:
            params: object = json.loads(self.edit_params) if self.edit_params else {}
        except ValueError:
            params = self.edit_params
        return {
            "draft_id": self.draft_id,
            "account": self.account,
            "title": self.title,
            "description": self.description,
            "tags": list(self.tags),
            "video": self.video_path,
            "cover": self.cover_path,
            "edit_params": params,
            "scheduled_at": utc_to_local(self.scheduled_at).isoformat(sep=" ")
            if self.scheduled_at
            else None,
            "attempt": self.attempt,
            "idempotency_key": self.idempotency_key,
        }


@dataclass(frozen=True)
class PublishOutcome:
    """How one try ended."""

    draft_id: int
    title: str
    ok: bool
    state: str
    """The draft's state afterwards: published, scheduled (a retry is due) or failed."""
    attempt: int
    work_id: int | None
    item_id: str | None
    error: str
    stderr_tail: str
    next_try_at: datetime | None
    """UTC, when a retry is due."""
    scheduled_at: datetime | None
    started_at: datetime

    @property
    def lateness_s(self) -> float | None:
        """Seconds between the scheduled time and the start of the try."""
        if self.scheduled_at is None:
            return None
        return (self.started_at - self.scheduled_at).total_seconds()


_CLAIM_COLS = (
    "SELECT d.id, d.account_id, a.handle, d.title, d.description, d.tags, d.video_path, "
    "d.cover_path, d.edit_params, d.scheduled_at, d.attempts, d.claimed_at, d.next_try_at "
    "FROM draft d JOIN account a ON a.id = d.account_id WHERE d.id = :i"
)


def claim_from(conn: Unit, draft_id: int, attempt_id: int) -> Claim:
    r = conn.execute(sa.text(_CLAIM_COLS), {"i": draft_id}).one()
    return Claim(
        draft_id=r.id,
        account_id=r.account_id,
        account=r.handle,
        title=r.title,
        description=r.description,
        tags=split_tags(r.tags),
        video_path=r.video_path,
        cover_path=r.cover_path,
        edit_params=r.edit_params,
        scheduled_at=from_db(r.scheduled_at) if r.scheduled_at is not None else None,
        attempt=r.attempts,
        attempt_id=attempt_id,
        claimed_at=from_db(r.claimed_at) if r.claimed_at is not None else utcnow_exact(),
        due=from_db(r.next_try_at) if r.next_try_at is not None else None,
    )
