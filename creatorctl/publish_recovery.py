"""When a publisher dies: claims taken back, posts whose outcome was lost set aside as `unknown`.

A post is `unknown` (待确认) when its hook may have run but nobody recorded how it ended — the
process that claimed it died (kill -9, power loss) — or when the hook contradicted itself (it
printed an `item_id` and exited non-zero). Such a post is **never re-run automatically**: a
duplicate post is worse than a late one. The user settles it with `drafts resolve ID
--published [--item-id X]` or `--retry` (or `R` in the Drafts tab). The one exception is a hook
declared idempotent (`[publish] idempotent = true`): it is re-run with the same
`CREATORCTL_IDEMPOTENCY_KEY`, which is stable per draft and scheduled time.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from creatorctl.audit import record, record_many
from creatorctl.drafts import DraftInfo, get_draft, ts
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, Unit
from creatorctl.timeutil import fmt_local, from_db, utc_to_local, utcnow_exact

MAX_ATTEMPTS = 3


def idempotency_key(account: str, draft_id: int, scheduled_at: datetime | None) -> str:
    """Stable per draft and scheduled time (UTC): every try of one post shares it."""
    when = scheduled_at.strftime("%Y%m%dT%H%M%SZ") if scheduled_at else "now"
    return f"creatorctl:{account}:{draft_id}:{when}"


def worker_host_pid(worker_id: str) -> tuple[str, int | None]:
    """`kind@host:pid:rand` (publishing.new_worker_id) → (host, pid)."""
    _, _, rest = worker_id.partition("@")
    parts = rest.split(":")
    if len(parts) < 3:
        return rest, None
    try:
        return ":".join(parts[:-2]), int(parts[-2])
    except ValueError:
        return rest, None


def claimer_dead(worker_id: str | None) -> bool:
    """The claiming process ran on this host and is gone (a reused pid counts as alive)."""
    if not worker_id:
        return False
    host, pid = worker_host_pid(worker_id)
    if pid is None or host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def dead_claims(conn: Unit, now: datetime, claim_timeout: float) -> list[int]:
    """Drafts left 'publishing' by a process that died: older than the claim timeout, or
    claimed by a process of this host that no longer exists."""
    cutoff = ts(now - timedelta(seconds=claim_timeout))
    rows = conn.execute(
        sa.text("SELECT id, claimed_by, claimed_at FROM draft WHERE state='publishing'")
    ).all()
    return [
        r.id
        for r in rows
        if (r.claimed_at is None or r.claimed_at < cutoff) or claimer_dead(r.claimed_by)
    ]


def has_due_work(store: Store, now: datetime, claim_timeout: float) -> bool:
    """Is anything due, or a claim to recover? A read (WAL: never waits for a writer), so an
    idle scheduler does not take the write lock twice a second — nor queue behind an import."""
    with store.read() as conn:
        due = conn.execute(
            sa.text(
                "SELECT 1 FROM draft WHERE state='scheduled' AND next_try_at <= :now "
                "AND deleted_at IS NULL LIMIT 1"
            ),
            {"now": ts(now)},
        ).first()
        return due is not None or bool(dead_claims(conn, now, claim_timeout))


@dataclass(frozen=True)
class Recovered:
    draft_id: int
    state: str
    """`unknown`, or `scheduled`/`failed` when the try could safely be re-run."""
    worker_id: str = ""
    """The dead claimer."""


def lost_line(worker: str, hook_pid: int | None, started: object) -> str:
    """What is known about a try whose claimer died: process, host, hook pid and start."""
    host, pid = worker_host_pid(worker)
    return t(
        "pub.unknown_lost",
        pid=pid if pid is not None else "?",
        host=host or "?",
        when=fmt_local(utc_to_local(from_db(started)), seconds=True) if started else "?",
        hook_pid=hook_pid or "?",
    )


def _lost_line(conn: Unit, draft_id: int, worker: str) -> str:
    att = conn.execute(
        sa.text(
            "SELECT hook_pid, hook_started_at, started_at FROM publishattempt "
            "WHERE draft_id=:d ORDER BY id DESC LIMIT 1"
        ),
        {"d": draft_id},
    ).first()
    if att is None:
        return lost_line(worker, None, None)
    return lost_line(worker, att.hook_pid, att.hook_started_at or att.started_at)


def recover_stale_claims(
    conn: Unit, now: datetime, claim_timeout: float, *, rerun: bool = False
) -> list[Recovered]:
    """Take back posts whose claimer died. `rerun` (no hook, or an idempotent one): due again
    at once, the lost try counting as one of three; else `unknown`, for the user to settle."""
    out = []
    for draft_id in dead_claims(conn, now, claim_timeout):
        row = conn.execute(
            sa.text("SELECT claimed_by, attempts, account_id FROM draft WHERE id=:i"),
            {"i": draft_id},
        ).one()
        worker = row.claimed_by or ""
        line = _lost_line(conn, draft_id, worker)
        state = ("failed" if row.attempts >= MAX_ATTEMPTS else "scheduled") if rerun else "unknown"
        conn.execute(
            sa.text(
                "UPDATE draft SET state=:s, next_try_at=:next, "
                "last_error=:err, claimed_by=NULL, claimed_at=NULL, updated_at=:now "
                "WHERE id=:i AND state='publishing'"
            ),
            {
                "s": state,
                "next": ts(now) if state == "scheduled" else None,
                "now": ts(now),
                "err": line,
                "i": draft_id,
            },
        )
        conn.execute(
            sa.text(
                "UPDATE publishattempt SET finished_at=:now, ok=FALSE, error=:err "
                "WHERE draft_id=:d AND finished_at IS NULL"
            ),
            {"now": ts(now), "err": line, "d": draft_id},
        )
        record(
            conn,
            action="publish",
            kind="draft",
            object_id=draft_id,
            account_id=row.account_id,
            before={"state": "publishing", "worker": worker},
            after={"state": state, "error": line},
        )
        out.append(Recovered(draft_id, state, worker))
    return out


def mark_missed(conn: Unit, now: datetime, grace_hours: float) -> list[int]:
    """Posts that fell due more than the grace period ago while nothing ran: the user decides."""
    oldest = ts(now - timedelta(hours=grace_hours))
    rows = conn.execute(
        sa.text(
            "UPDATE draft SET state='missed', last_error=:err, updated_at=:now "
            "WHERE state='scheduled' AND deleted_at IS NULL AND next_try_at < :oldest "
            "RETURNING id, account_id"
        ),
        {"err": t("pub.missed", hours=f"{grace_hours:g}"), "now": ts(now), "oldest": oldest},
    ).all()
    record_many(
        conn,
        [
            ("publish", "draft", r.id, r.account_id, {"state": "scheduled"}, {"state": "missed"})
            for r in rows
        ],
    )
    return [r.id for r in rows]


def record_hook_start(store: Store, claim: Any, pid: int) -> threading.Thread:
    """Note the hook's pid and start: in the ledger now (never locked by imports), on the
    attempt row in the background (best effort: a busy main store must not hold anything up)."""
    from creatorctl.publish_ledger import ledger_for

    at = ts(utcnow_exact())
    with contextlib.suppress(Exception):
        ledger_for(store).update(claim.key, hook_pid=pid, hook_started_at=at)

    def write() -> None:
        with contextlib.suppress(Exception), store.try_write(2_000) as conn:
            if conn is not None and claim.attempt_id:
                conn.execute(
                    sa.text(
                        "UPDATE publishattempt SET hook_pid=:p, hook_started_at=:at WHERE id=:i"
                    ),
                    {"p": pid, "at": at, "i": claim.attempt_id},
                )

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def resolve_draft(
    store: Store,
    draft_id: int,
    *,
    published: bool,
    item_id: str | None = None,
    account_id: int | None = None,
    now: datetime | None = None,
) -> DraftInfo:
    """Settle an `unknown` post: it did go out (a Work is made, with its item_id if given), or
    try again now (same idempotency key, three fresh tries)."""
    from creatorctl.publish_record import create_work_for

    current = get_draft(store, draft_id, account_id)
    if current.state != "unknown":
        raise UserError(t("drafts.err_not_unknown", id=draft_id, state=t(f"state.{current.state}")))
    item_id = (item_id or "").strip() or None
    if item_id is not None and len(item_id) > 256:
        raise UserError(t("drafts.err_item_id"))
    now = now or utcnow_exact()
    with store.write() as conn:
        if published:
            work_id = create_work_for(conn, draft_id, item_id, now)
            n = conn.execute(
                sa.text(
                    "UPDATE draft SET state='published', work_id=:w, item_id=:item, "
                    "published_at=:now, last_error='', next_try_at=NULL, updated_at=:now "
                    "WHERE id=:i AND state='unknown'"
                ),
                {"w": work_id, "item": item_id, "now": ts(now), "i": draft_id},
            ).rowcount
        else:
            n = conn.execute(
                sa.text(
                    "UPDATE draft SET state='scheduled', next_try_at=:now, attempts=0, "
                    "last_error='', updated_at=:now WHERE id=:i AND state='unknown'"
                ),
                {"now": ts(now), "i": draft_id},
            ).rowcount
        if n != 1:
            raise UserError(t("drafts.err_not_unknown", id=draft_id, state="?"))
        record(
            conn,
            action="resolve",
            kind="draft",
            object_id=draft_id,
            account_id=current.account_id,
            before={"state": "unknown"},
            after={"state": "published" if published else "scheduled", "item_id": item_id},
        )
    return get_draft(store, draft_id)


def unknown_ids(ids: Iterable[Recovered]) -> list[int]:
    return [r.draft_id for r in ids if r.state == "unknown"]
