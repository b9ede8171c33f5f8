"""The publish-attempt log: every try at publishing a draft, who ran it and how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from creatorctl.store import Store
from creatorctl.timeutil import from_db, utc_to_local


@dataclass(frozen=True)
class AttemptInfo:
    """One logged publish try (times local)."""

    id: int
    draft_id: int
    title: str
    worker_id: str
    started_at: datetime
    finished_at: datetime | None
    ok: bool
    exit_code: int | None
    error: str
    stderr_tail: str
    item_id: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "draft_id": self.draft_id,
            "worker_id": self.worker_id,
            "started_at": self.started_at.isoformat(sep=" "),
            "finished_at": self.finished_at.isoformat(sep=" ") if self.finished_at else None,
            "ok": self.ok,
            "exit_code": self.exit_code,
            "error": self.error,
            "stderr_tail": self.stderr_tail,
            "item_id": self.item_id,
        }


def list_attempts(store: Store, draft_id: int | None = None, limit: int = 20) -> list[AttemptInfo]:
    """Publish tries, newest first: of one draft, or of all."""
    where = "WHERE p.draft_id = :d" if draft_id is not None else ""
    sql = (
        "SELECT p.*, d.title FROM publishattempt p JOIN draft d ON d.id = p.draft_id "
        f"{where} ORDER BY p.id DESC LIMIT :lim"
    )
    with store.read() as conn:
        return [
            AttemptInfo(
                id=r.id,
                draft_id=r.draft_id,
                title=r.title,
                worker_id=r.worker_id,
                started_at=utc_to_local(from_db(r.started_at)),
                finished_at=utc_to_local(from_db(r.finished_at))
                if r.finished_at is not None
                else None,
                ok=bool(r.ok),
                exit_code=r.exit_code,
                error=r.error,
                stderr_tail=r.stderr_tail,
                item_id=r.item_id,
            )
            for r in conn.execute(sa.text(sql), {"d": draft_id, "lim": limit})
        ]
