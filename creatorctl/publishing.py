"""Publishing: draft → scheduled → publishing → published | failed (| missed), exactly once.

The drafts table is the truth. A scheduler (in the app or headless, any number of them) runs
`run_due` every fraction of a second; `claim_due_posts` hands each due post to exactly one of
them with one atomic `UPDATE … RETURNING` inside BEGIN IMMEDIATE. A claim that a dead process
left behind is taken back after `[publish] claim_timeout`. Every function takes `now` (UTC,
naive) so tests drive the clock.

Exactly once holds for every crash except one: a process that dies after the hook succeeded
and before it wrote the result. That post is retried after the claim timeout (the hook gets
the same `draft_id` and can make it idempotent).
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from creatorctl.config import PublishConfig
from creatorctl.drafts import SCHEDULABLE, conflicts, get_draft, ts
from creatorctl.errors import UserError
from creatorctl.hooks import HookResult, run_hook
from creatorctl.i18n import t
from creatorctl.store import Store
from creatorctl.timeutil import as_datetime, utc_to_local, utcnow_exact
from creatorctl.works import split_tags

MAX_ATTEMPTS = 3
RETRY_BACKOFF_S = (30.0, 120.0, 600.0)
"""Wait after the 1st, 2nd (3rd) failed try before the next one."""
CLAIM_BATCH = 5
"""Posts one scheduler claims at a time: small, so several processes share a burst."""
RECORD_RETRIES = 6
"""Tries at writing a hook's result while the store is locked (each waits the busy timeout)."""
BEST_HOUR = 20
"""Until fan activity is known: evenings at 20:00 are when most fans scroll (the seed)."""


def new_worker_id(kind: str = "cli") -> str:
    """A name for this process in claims and the status: host, pid and a random suffix."""
    return f"{kind}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


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
    claimed_at: datetime

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
    "d.cover_path, d.edit_params, d.scheduled_at, d.attempts, d.claimed_at "
    "FROM draft d JOIN account a ON a.id = d.account_id WHERE d.id = :i"
)


def _claims(conn: sa.Connection, ids: list[int], worker_id: str, now: datetime) -> list[Claim]:
    """Log an attempt for each claimed draft and return the claims (same transaction)."""
    out = []
    for draft_id in ids:
        r = conn.execute(sa.text(_CLAIM_COLS), {"i": draft_id}).one()
        attempt_id = conn.execute(
            sa.text(
                "INSERT INTO publishattempt(draft_id, worker_id, started_at, ok, error, "
                "stderr_tail) VALUES (:d, :w, :s, 0, '', '') RETURNING id"
            ),
            {"d": draft_id, "w": worker_id, "s": ts(now)},
        ).scalar_one()
        out.append(
            Claim(
                draft_id=r.id,
                account_id=r.account_id,
                account=r.handle,
                title=r.title,
                description=r.description,
                tags=split_tags(r.tags),
                video_path=r.video_path,
                cover_path=r.cover_path,
                edit_params=r.edit_params,
                scheduled_at=as_datetime(r.scheduled_at) if r.scheduled_at is not None else None,
                attempt=r.attempts,
                attempt_id=attempt_id,
                claimed_at=as_datetime(r.claimed_at),
            )
        )
    return out


def recover_stale_claims(conn: sa.Connection, now: datetime, claim_timeout: float) -> list[int]:
    """Take back posts left 'publishing' longer than `claim_timeout` (their process died).

    The abandoned try counts as one of the three; the post is due again at once.
    """
    cutoff = ts(now - timedelta(seconds=claim_timeout))
    rows = conn.execute(
        sa.text(
            "UPDATE draft SET state=CASE WHEN attempts >= :max THEN 'failed' ELSE 'scheduled' END,"
            " next_try_at=:now, last_error=:err || coalesce(claimed_by, ''), claimed_by=NULL, "
            "claimed_at=NULL, updated_at=:now "
            "WHERE state='publishing' AND claimed_at < :cutoff RETURNING id"
        ),
        {"max": MAX_ATTEMPTS, "now": ts(now), "err": t("pub.abandoned") + " ", "cutoff": cutoff},
    ).all()
    ids = [r.id for r in rows]
    for draft_id in ids:
        conn.execute(
            sa.text(
                "UPDATE publishattempt SET finished_at=:now, ok=0, error=:err "
                "WHERE draft_id=:d AND finished_at IS NULL"
            ),
            {"now": ts(now), "err": t("pub.abandoned"), "d": draft_id},
        )
    return ids


def mark_missed(conn: sa.Connection, now: datetime, grace_hours: float) -> int:
    """Posts that fell due more than the grace period ago while nothing ran: the user decides."""
    oldest = ts(now - timedelta(hours=grace_hours))
    return conn.execute(
        sa.text(
            "UPDATE draft SET state='missed', last_error=:err, updated_at=:now "
            "WHERE state='scheduled' AND deleted_at IS NULL AND next_try_at < :oldest"
        ),
        {"err": t("pub.missed", hours=f"{grace_hours:g}"), "now": ts(now), "oldest": oldest},
    ).rowcount


def has_due_work(store: Store, now: datetime, claim_timeout: float) -> bool:
    """Is anything due, or a claim to recover? A read (WAL: never waits for a writer), so an
    idle scheduler does not take the write lock twice a second — nor queue behind an import."""
    cutoff = ts(now - timedelta(seconds=claim_timeout))
    with store.read() as conn:
        return (
            conn.execute(
                sa.text(
                    "SELECT 1 FROM draft WHERE state='scheduled' AND next_try_at <= :now "
                    "AND deleted_at IS NULL UNION ALL SELECT 1 FROM draft "
                    "WHERE state='publishing' AND claimed_at < :cutoff LIMIT 1"
                ),
                {"now": ts(now), "cutoff": cutoff},
            ).first()
            is not None
        )


def claim_due_posts(
    store: Store,
    now: datetime,
    worker_id: str,
    limit: int = CLAIM_BATCH,
    *,
    grace_hours: float = 1.0,
    claim_timeout: float = 300.0,
) -> list[Claim]:
    """Claim up to `limit` due posts for `worker_id`, atomically; nobody else gets them.

    In the same short BEGIN IMMEDIATE transaction: dead claims are recovered and posts beyond
    the grace period are marked missed, so only posts inside it are claimed.
    """
    if not has_due_work(store, now, claim_timeout):
        return []
    with store.write() as conn:
        recover_stale_claims(conn, now, claim_timeout)
        mark_missed(conn, now, grace_hours)
        ids = [
            r.id
            for r in conn.execute(
                sa.text(
                    "UPDATE draft SET state='publishing', claimed_by=:w, claimed_at=:now, "
                    "attempts=attempts+1, updated_at=:now WHERE id IN (SELECT id FROM draft "
                    "WHERE state='scheduled' AND deleted_at IS NULL AND next_try_at <= :now "
                    "ORDER BY next_try_at, id LIMIT :lim) AND state='scheduled' RETURNING id"
                ),
                {"w": worker_id, "now": ts(now), "lim": limit},
            )
        ]
        return _claims(conn, sorted(ids), worker_id, now)


def claim_draft(
    store: Store, draft_id: int, now: datetime, worker_id: str, account_id: int | None = None
) -> Claim:
    """Claim one draft to publish it now ('publish now'); refused if it cannot go out."""
    current = get_draft(store, draft_id, account_id)
    if current.state not in SCHEDULABLE:
        raise UserError(
            t("drafts.err_not_publishable", id=draft_id, state=t(f"state.{current.state}"))
        )
    if not current.video_path:
        raise UserError(t("drafts.err_no_video", id=draft_id))
    with store.write() as conn:
        row = conn.execute(
            sa.text(
                "UPDATE draft SET state='publishing', claimed_by=:w, claimed_at=:now, attempts=1, "
                "scheduled_at=:now, next_try_at=:now, last_error='', updated_at=:now "
                "WHERE id=:i AND deleted_at IS NULL "
                "AND state IN ('draft', 'scheduled', 'failed', 'missed') RETURNING id"
            ),
            {"w": worker_id, "now": ts(now), "i": draft_id},
        ).first()
        if row is None:  # a scheduler claimed it a moment ago
            raise UserError(
                t("drafts.err_not_publishable", id=draft_id, state=t("state.publishing"))
            )
        return _claims(conn, [draft_id], worker_id, now)[0]


def execute_claim(claim: Claim, config: PublishConfig) -> HookResult:
    """Run the publish hook for a claim (or publish locally). No database access here."""
    if not config.command:  # no hook: publishing is local (the draft becomes a Work)
        return HookResult(True, None, "", "")
    return run_hook(config.command, claim.hook_values(), claim.hook_payload(), config.timeout)


def _item_id(result: HookResult) -> str | None:
    value = result.data.get("item_id")
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def _create_work(conn: sa.Connection, claim: Claim, item_id: str | None, now: datetime) -> int:
    """The published work, linked both ways to its draft; visible in Works at once."""
    if item_id is not None:
        existing = conn.execute(
            sa.text("SELECT id FROM work WHERE account_id=:a AND item_id=:item"),
            {"a": claim.account_id, "item": item_id},
        ).first()
        if existing is not None:
            conn.execute(
                sa.text("UPDATE work SET draft_id=:d WHERE id=:w"),
                {"d": claim.draft_id, "w": existing.id},
            )
            return int(existing.id)
    return int(
        conn.execute(
            sa.text(
                "INSERT INTO work(account_id, item_id, title, description, tags, cover_path, "
                "published_at, genre, review_status, draft_id) VALUES (:a, :item, :title, :d, "
                ":tags, :cover, :p, '视频', '已发布', :draft) RETURNING id"
            ),
            {
                "a": claim.account_id,
                "item": item_id,
                "title": claim.title,
                "d": claim.description,
                "tags": " ".join(claim.tags),
                "cover": claim.cover_path,
                "p": ts(now),
                "draft": claim.draft_id,
            },
        ).scalar_one()
    )


def record_result(
    store: Store, claim: Claim, result: HookResult, worker_id: str, now: datetime
) -> PublishOutcome:
    """Write how the try ended: published (with its Work), a retry with backoff, or failed."""
    item_id = _item_id(result) if result.ok else None
    work_id: int | None = None
    next_try: datetime | None = None
    with store.write() as conn:
        conn.execute(
            sa.text(
                "UPDATE publishattempt SET finished_at=:now, ok=:ok, exit_code=:code, error=:err, "
                "stderr_tail=:tail, item_id=:item WHERE id=:i"
            ),
            {
                "now": ts(now),
                "ok": result.ok,
                "code": result.exit_code,
                "err": result.error,
                "tail": result.stderr_tail,
                "item": item_id,
                "i": claim.attempt_id,
            },
        )
        mine = {"i": claim.draft_id, "w": worker_id}
        still_mine = conn.execute(
            sa.text("SELECT 1 FROM draft WHERE id=:i AND state='publishing' AND claimed_by=:w"),
            mine,
        ).first()
        if result.ok:
            state = "published"
            if still_mine:
                work_id = _create_work(conn, claim, item_id, now)
                conn.execute(
                    sa.text(
                        "UPDATE draft SET state='published', work_id=:work, item_id=:item, "
                        "published_at=:now, last_error='', claimed_by=NULL, claimed_at=NULL, "
                        "next_try_at=NULL, updated_at=:now WHERE id=:i AND claimed_by=:w"
                    ),
                    {**mine, "work": work_id, "item": item_id, "now": ts(now)},
                )
        else:
            if claim.attempt >= MAX_ATTEMPTS:
                state = "failed"
            else:
                state = "scheduled"
                next_try = now + timedelta(seconds=RETRY_BACKOFF_S[claim.attempt - 1])
            if still_mine:
                conn.execute(
                    sa.text(
                        "UPDATE draft SET state=:state, next_try_at=:next, last_error=:err, "
                        "claimed_by=NULL, claimed_at=NULL, updated_at=:now "
                        "WHERE id=:i AND claimed_by=:w"
                    ),
                    {
                        **mine,
                        "state": state,
                        "next": ts(next_try) if next_try else None,
                        "err": result.error,
                        "now": ts(now),
                    },
                )
    return PublishOutcome(
        draft_id=claim.draft_id,
        title=claim.title,
        ok=result.ok,
        state=state,
        attempt=claim.attempt,
        work_id=work_id,
        item_id=item_id,
        error=result.error,
        stderr_tail=result.stderr_tail,
        next_try_at=next_try,
        scheduled_at=claim.scheduled_at,
        started_at=claim.claimed_at,
    )


def publish_claim(
    store: Store,
    claim: Claim,
    config: PublishConfig,
    worker_id: str,
    clock: Callable[[], datetime] = utcnow_exact,
) -> PublishOutcome:
    result = execute_claim(claim, config)
    # The hook has run: its result must be written, even if a long import holds the store
    # for a while (else the claim would be recovered later and the post published twice).
    for _ in range(RECORD_RETRIES - 1):
        try:
            return record_result(store, claim, result, worker_id, clock())
        except sa.exc.OperationalError as exc:
            if "locked" not in str(exc.orig):
                raise
    return record_result(store, claim, result, worker_id, clock())


def run_due(
    store: Store,
    config: PublishConfig,
    worker_id: str,
    *,
    now: datetime | None = None,
    clock: Callable[[], datetime] = utcnow_exact,
    on_outcome: Callable[[PublishOutcome], object] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[PublishOutcome]:
    """One scheduler tick: claim what is due, publish it, until nothing is due (or `stop()`).

    With `now` given the whole tick happens at that instant (tests); else `clock` is read
    before each claim.
    """
    outcomes: list[PublishOutcome] = []
    while stop is None or not stop():
        at = now or clock()
        claims = claim_due_posts(
            store,
            at,
            worker_id,
            grace_hours=config.grace_hours,
            claim_timeout=config.claim_timeout,
        )
        if not claims:
            break
        for claim in claims:
            outcome = publish_claim(
                store, claim, config, worker_id, (lambda: now) if now else clock
            )
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return outcomes


def publish_now(
    store: Store,
    config: PublishConfig,
    draft_id: int,
    *,
    account_id: int | None = None,
    worker_id: str | None = None,
    clock: Callable[[], datetime] = utcnow_exact,
) -> PublishOutcome:
    """Publish one draft at once, in this process; a failure goes on to the normal retries."""
    worker_id = worker_id or new_worker_id("now")
    claim = claim_draft(store, draft_id, clock(), worker_id, account_id)
    return publish_claim(store, claim, config, worker_id, clock)


def next_best_slot(store: Store, account_id: int, now: datetime) -> datetime:
    """The time to propose when scheduling (local, naive): the next of the fans' three best
    weekday × hour slots (fan activity, see `creatorctl.fans.best_times`; every evening at
    20:00 while none is known) that is at least 10 minutes away and has no other post within
    30 minutes.
    """
    from creatorctl.fans import best_times

    best = [(s.weekday, s.hour) for s in best_times(store, account_id)]
    earliest = now + timedelta(minutes=10)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    candidate = midnight.replace(hour=BEST_HOUR)
    for day in range(15):
        date0 = midnight + timedelta(days=day)
        hours = sorted(h for wd, h in best if wd == date0.weekday()) if best else [BEST_HOUR]
        for hour in hours:
            candidate = date0.replace(hour=hour)
            if candidate >= earliest and not conflicts(store, account_id, candidate):
                return candidate
    return candidate
