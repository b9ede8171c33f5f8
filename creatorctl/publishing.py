"""Publishing: draft → scheduled → publishing → published | failed (| missed), exactly once.

The drafts table is the truth. A scheduler (in the app or headless, any number of them) runs
`run_due` every fraction of a second; `claim_due_posts` hands each due post to exactly one of
them with one atomic `UPDATE … RETURNING` inside BEGIN IMMEDIATE. A claim that a dead process
left behind is taken back after `[publish] claim_timeout`. Every function takes `now` (UTC,
naive) so tests drive the clock.

A claimer that dies mid-hook leaves a post whose outcome is lost: it becomes `unknown` and
is never re-run automatically (creatorctl.publish_recovery), unless the hook is declared
idempotent; every run carries an idempotency key stable per draft and scheduled time.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import sqlalchemy as sa

from creatorctl.config import PublishConfig
from creatorctl.drafts import SCHEDULABLE, conflicts, get_draft, ts
from creatorctl.errors import UserError
from creatorctl.hooks import HookResult, run_hook
from creatorctl.i18n import t
from creatorctl.publish_recovery import (
    has_due_work,
    idempotency_key,
    mark_missed,
    record_hook_start,
    recover_stale_claims,
)
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
    "d.cover_path, d.edit_params, d.scheduled_at, d.attempts, d.claimed_at "
    "FROM draft d JOIN account a ON a.id = d.account_id WHERE d.id = :i"
)


def _claim_from(conn: sa.Connection, draft_id: int, attempt_id: int) -> Claim:
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
        scheduled_at=as_datetime(r.scheduled_at) if r.scheduled_at is not None else None,
        attempt=r.attempts,
        attempt_id=attempt_id,
        claimed_at=as_datetime(r.claimed_at) if r.claimed_at is not None else utcnow_exact(),
    )


def _claims(conn: sa.Connection, ids: list[int], worker_id: str, now: datetime) -> list[Claim]:
    """Log an attempt for each claimed draft and return the claims (same transaction)."""
    out = [_claim_from(conn, draft_id, 0) for draft_id in ids]
    for i, claim in enumerate(out):
        attempt_id = conn.execute(
            sa.text(
                "INSERT INTO publishattempt(draft_id, worker_id, started_at, ok, error, "
                "stderr_tail, idem_key) VALUES (:d, :w, :s, 0, '', '', :k) RETURNING id"
            ),
            {"d": claim.draft_id, "w": worker_id, "s": ts(now), "k": claim.idempotency_key},
        ).scalar_one()
        out[i] = replace(claim, attempt_id=attempt_id)
    return out


Event = Callable[[str, int], object]
"""`on_event(kind, draft_id)`: publish_unknown / publish_missed / publish_failed, after commit."""


def claim_due_posts(
    store: Store,
    now: datetime,
    worker_id: str,
    limit: int = CLAIM_BATCH,
    *,
    grace_hours: float = 1.0,
    claim_timeout: float = 300.0,
    rerun_lost: bool = False,
    on_event: Event | None = None,
) -> list[Claim]:
    """Claim up to `limit` due posts for `worker_id`, atomically; nobody else gets them.

    In the same short BEGIN IMMEDIATE transaction: dead claims are recovered (to `unknown`,
    or due again when `rerun_lost`) and posts beyond the grace period are marked missed, so
    only posts inside it are claimed.
    """
    if not has_due_work(store, now, claim_timeout):
        return []
    with store.write() as conn:
        recovered = recover_stale_claims(conn, now, claim_timeout, rerun=rerun_lost)
        missed = mark_missed(conn, now, grace_hours)
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
        claims = _claims(conn, sorted(ids), worker_id, now)
    for r in recovered if on_event else ():
        if r.state in ("unknown", "failed"):
            on_event(f"publish_{r.state}", r.draft_id)  # type: ignore[misc]
    for draft_id in missed if on_event else ():
        on_event("publish_missed", draft_id)  # type: ignore[misc]
    return claims


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


def execute_claim(claim: Claim, config: PublishConfig, store: Store | None = None) -> HookResult:
    """Run the publish hook for a claim (or publish locally). With `store`, the hook's pid and
    start are noted on the attempt in the background; nothing else touches the database."""
    if not config.command:  # no hook: publishing is local (the draft becomes a Work)
        return HookResult(True, None, "", "")
    return run_hook(
        config.command,
        claim.hook_values(),
        claim.hook_payload(),
        config.timeout,
        env={"CREATORCTL_IDEMPOTENCY_KEY": claim.idempotency_key},
        on_start=(lambda pid: record_hook_start(store, claim.attempt_id, pid)) if store else None,
    )


def _item_id(result: HookResult) -> str | None:
    value = result.data.get("item_id")
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def create_work_for(conn: sa.Connection, draft_id: int, item_id: str | None, now: datetime) -> int:
    """The Work for a draft the user says did go out (`drafts resolve --published`)."""
    return _create_work(conn, _claim_from(conn, draft_id, 0), item_id, now)


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
    item_id = _item_id(result)
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
            if item_id is not None:  # it said "posted" and "failed": a person must look
                state = "unknown"
                result = replace(
                    result, error=t("pub.unknown_said", item=item_id, error=result.error)
                )
            elif claim.attempt >= MAX_ATTEMPTS:
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
    result = execute_claim(claim, config, store)
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
    on_event: Event | None = None,
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
            rerun_lost=config.idempotent or not config.command,
            on_event=on_event,
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
            if on_event is not None and outcome.state in ("failed", "unknown"):
                on_event(f"publish_{outcome.state}", outcome.draft_id)
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
