"""Publishing: draft → scheduled → publishing → published | failed (| missed | unknown).

The drafts table is the truth; the publishing ledger (`publish_ledger`, a file of its own that
imports never lock) is where posts are claimed and results first written, so a long import
delays no due post. A scheduler (in the app or headless, any number of them) runs `run_due`
every fraction of a second; `claim_due_posts` hands each due post to exactly one of them (one
INSERT per key in the ledger's BEGIN IMMEDIATE) and mirrors the claim into the drafts table
when its lock is free. Every function takes `now` (UTC, naive) so tests drive the clock.

A claimer that dies mid-hook leaves a post whose outcome is lost: it becomes `unknown` and
is never re-run automatically (creatorctl.publish_recovery), unless the hook is declared
idempotent; every run carries an idempotency key stable per draft and scheduled time.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.config import PublishConfig
from creatorctl.drafts import SCHEDULABLE, conflicts, get_draft, ts
from creatorctl.errors import UserError
from creatorctl.hooks import HookResult, run_hook
from creatorctl.i18n import t
from creatorctl.publish_ledger import Ledger, key_of, ledger_for, result_from
from creatorctl.publish_record import (
    LOST,
    RETRY_BACKOFF_S,
    apply_result,
    create_work_for,
    outcome_of,
)
from creatorctl.publish_recovery import (
    MAX_ATTEMPTS,
    claimer_dead,
    has_due_work,
    lost_line,
    mark_missed,
    record_hook_start,
    recover_stale_claims,
)
from creatorctl.publish_types import Claim, PublishOutcome, claim_from
from creatorctl.store import Store, Unit
from creatorctl.store_wait import read_marker
from creatorctl.timeutil import from_db, utcnow_exact

__all__ = [
    "MAX_ATTEMPTS",
    "RETRY_BACKOFF_S",
    "Claim",
    "PublishOutcome",
    "claim_due_posts",
    "create_work_for",
    "publish_now",
    "run_due",
]
MAIN_WAIT_MS = 300
"""How long a scheduler waits for the main store's lock before leaving the write to later."""
CLAIM_BATCH = 5
"""Posts one scheduler claims at a time: small, so several processes share a burst."""
BEST_HOUR = 20
"""Until fan activity is known: evenings at 20:00 are when most fans scroll (the seed)."""


def new_worker_id(kind: str = "cli") -> str:
    """A name for this process in claims and the status: host, pid and a random suffix."""
    return f"{kind}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _main_busy(store: Store) -> bool:
    """An import (or another long writer) has said it holds the main store: do not queue."""
    return read_marker(store) is not None


def _mirror(conn: Unit, ledger: Ledger, claim: Claim, worker_id: str) -> Claim | None:
    """Tell the main store about a ledger claim: the draft becomes 'publishing', ours, with an
    attempt row. None if the draft changed meanwhile (the ledger claim is dropped)."""
    row = conn.execute(
        sa.text(
            "UPDATE draft SET state='publishing', claimed_by=:w, claimed_at=:now, attempts=:a, "
            "updated_at=:now WHERE id=:i AND state='scheduled' AND next_try_at=:due "
            "AND attempts=:a - 1 AND deleted_at IS NULL RETURNING id"
        ),
        {
            "w": worker_id,
            "now": ts(claim.claimed_at),
            "a": claim.attempt,
            "i": claim.draft_id,
            "due": claim.key[1],
        },
    ).first()
    if row is None:
        ledger.forget(claim.key)
        return None
    return _log_attempt(conn, ledger, claim, worker_id)


def _log_attempt(conn: Unit, ledger: Ledger, claim: Claim, worker_id: str) -> Claim:
    attempt_id = conn.execute(
        sa.text(
            "INSERT INTO publishattempt(draft_id, worker_id, started_at, ok, error, "
            "stderr_tail, idem_key) VALUES (:d, :w, :s, FALSE, '', '', :k) RETURNING id"
        ),
        {
            "d": claim.draft_id,
            "w": worker_id,
            "s": ts(claim.claimed_at),
            "k": claim.idempotency_key,
        },
    ).scalar_one()
    ledger.update(claim.key, attempt_id=attempt_id)
    record(
        conn,
        action="claim",
        kind="draft",
        object_id=claim.draft_id,
        account_id=claim.account_id,
        after={"state": "publishing", "attempt": claim.attempt, "worker": worker_id},
    )
    return replace(claim, attempt_id=attempt_id)


def recover_lost_in_ledger(
    ledger: Ledger, now: datetime, claim_timeout: float, rerun: bool
) -> None:
    """Tries claimed in the ledger only, whose claimer died: their result is 'lost'."""
    cutoff = ts(now - timedelta(seconds=claim_timeout))
    for row in ledger.open_unmirrored():
        if row["claimed_at"] >= cutoff and not claimer_dead(row["worker_id"]):
            continue
        line = lost_line(
            row["worker_id"], row["hook_pid"], row["hook_started_at"] or row["claimed_at"]
        )
        lost = HookResult(False, None, line, "", {LOST: "rerun" if rerun else "unknown"})
        ledger.finish(key_of(row), lost, ts(now))


def apply_pending(
    store: Store, now: datetime, on_event: Event | None = None
) -> list[PublishOutcome]:
    """Write results that only the ledger holds into the main store, if its lock is free."""
    ledger = ledger_for(store)
    rows = ledger.pending()
    if not rows or _main_busy(store):
        return []
    outcomes, done = [], []
    with store.try_write(MAIN_WAIT_MS) as conn:
        if conn is None:
            return []
        for row in rows:
            claim = replace(
                claim_from(conn, row["draft_id"], row["attempt_id"]),
                attempt=row["attempt"],
                claimed_at=from_db(row["claimed_at"]),
                due=from_db(row["due"]),
            )
            hook = (row["hook_pid"], row["hook_started_at"])
            result = result_from(row["result"])
            at = from_db(row["finished_at"])  # when it went out, not when we heard
            outcomes.append(apply_result(conn, claim, result, row["worker_id"], at, hook))
            done.append(key_of(row))
    ledger.mark_applied(done, now)
    for o in outcomes if on_event else ():
        if o.state in ("failed", "unknown"):
            on_event(f"publish_{o.state}", o.draft_id)  # type: ignore[misc]
    return outcomes


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

    First, when the main store's lock is free: results only the ledger holds are written,
    dead claims are recovered (to `unknown`, or due again when `rerun_lost`) and posts beyond
    the grace period are marked missed. Then due posts inside the grace period are claimed in
    the ledger, and the claims mirrored into the main store when it is free.
    """
    ledger = ledger_for(store)
    recover_lost_in_ledger(ledger, now, claim_timeout, rerun_lost)
    apply_pending(store, now, on_event)
    if not has_due_work(store, now, claim_timeout):
        return []
    recovered, missed = [], []
    if not _main_busy(store):
        with store.try_write(MAIN_WAIT_MS) as conn:
            if conn is not None:
                recovered = recover_stale_claims(conn, now, claim_timeout, rerun=rerun_lost)
                missed = mark_missed(conn, now, grace_hours)
        if recovered:
            ledger.close_claims([(r.draft_id, r.worker_id) for r in recovered], ts(now))
    for r in recovered if on_event else ():
        if r.state in ("unknown", "failed"):
            on_event(f"publish_{r.state}", r.draft_id)  # type: ignore[misc]
    for draft_id in missed if on_event else ():
        on_event("publish_missed", draft_id)  # type: ignore[misc]
    held = ledger.held_ids()  # claimed, or done but not yet in the main store: not due
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, next_try_at, attempts FROM draft WHERE state='scheduled' "
                "AND deleted_at IS NULL AND next_try_at <= :now AND next_try_at >= :oldest "
                "ORDER BY next_try_at, id LIMIT :lim"
            ),
            {
                "now": ts(now),
                "oldest": ts(now - timedelta(hours=grace_hours)),
                "lim": len(held) + 4 * limit,
            },
        ).all()
        keys = [
            (r.id, ts(from_db(r.next_try_at)), r.attempts + 1) for r in rows if r.id not in held
        ]
        mine = ledger.take(keys, worker_id, ts(now), limit)
        claims = [replace(claim_from(conn, k[0], 0), attempt=k[2], claimed_at=now) for k in mine]
    if not claims or _main_busy(store):
        return claims
    with store.try_write(MAIN_WAIT_MS) as conn:
        if conn is None:
            return claims
        mirrored = [_mirror(conn, ledger, c, worker_id) for c in claims]
    return [c for c in mirrored if c is not None]


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
    ledger = ledger_for(store)
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
        claim = replace(claim_from(conn, draft_id, 0), claimed_at=now, due=now)
        ledger.take([claim.key], worker_id, ts(now), 1)
        return _log_attempt(conn, ledger, claim, worker_id)


def execute_claim(claim: Claim, config: PublishConfig, store: Store | None = None) -> HookResult:
    """Run the publish hook for a claim (or publish locally). With `store`, the hook's pid and
    start are noted (ledger, then attempt log); nothing else touches the database."""
    if not config.command:  # no hook: publishing is local (the draft becomes a Work)
        return HookResult(True, None, "", "")
    return run_hook(
        config.command,
        claim.hook_values(),
        claim.hook_payload(),
        config.timeout,
        env={"CREATORCTL_IDEMPOTENCY_KEY": claim.idempotency_key},
        on_start=(lambda pid: record_hook_start(store, claim, pid)) if store else None,
    )


def publish_claim(
    store: Store,
    claim: Claim,
    config: PublishConfig,
    worker_id: str,
    clock: Callable[[], datetime] = utcnow_exact,
) -> PublishOutcome:
    """Run the hook; write its result to the ledger at once (an import cannot delay that),
    then to the main store if its lock comes within MAIN_WAIT_MS, else at a later tick."""
    from creatorctl.platform_limits import refuse_over_limits

    ledger = ledger_for(store)
    # A post breaking a hard [platform] limit fails at once; the hook never sees it.
    result = refuse_over_limits(claim) or execute_claim(claim, config, store)
    now = clock()
    ledger.finish(claim.key, result, ts(now))
    outcome = None
    if not _main_busy(store):
        with store.try_write(MAIN_WAIT_MS) as conn:
            if conn is not None:
                outcome = apply_result(conn, claim, result, worker_id, now)
    if outcome is None:  # the main store is busy: a later tick writes it
        return outcome_of(claim, result, now)
    ledger.mark_applied([claim.key], now)
    return outcome


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


@dataclass(frozen=True)
class SlotProposal:
    when: datetime
    """Local, naive."""
    skipped: tuple[str, ...] = ()
    """Why earlier best slots were passed over (a live preview near them), one line each."""


def next_best_slot(store: Store, account_id: int, now: datetime) -> datetime:
    """The time to propose when scheduling (see `propose_slot`)."""
    return propose_slot(store, account_id, now).when


def propose_slot(store: Store, account_id: int, now: datetime) -> SlotProposal:
    """The time to propose when scheduling (local, naive): the next of the fans' three best
    weekday × hour slots (fan activity, see `creatorctl.fans.best_times`; every evening at
    20:00 while none is known) that is at least 10 minutes away, has no other post within
    30 minutes and no live preview within an hour (those it passes over are named).
    """
    from creatorctl.fans import best_times
    from creatorctl.posting_queue import LiveCalendar

    days = 15
    best = [(s.weekday, s.hour) for s in best_times(store, account_id)]
    earliest = now + timedelta(minutes=10)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    lives = LiveCalendar.read(store, account_id, now, midnight + timedelta(days=days))
    skipped: list[str] = []
    candidate = midnight.replace(hour=BEST_HOUR)
    for day in range(days):
        date0 = midnight + timedelta(days=day)
        hours = sorted(h for wd, h in best if wd == date0.weekday()) if best else [BEST_HOUR]
        for hour in hours:
            candidate = date0.replace(hour=hour)
            if candidate < earliest or conflicts(store, account_id, candidate):
                continue
            reason = lives.skip_reason(candidate)
            if reason is None:
                return SlotProposal(candidate, tuple(skipped))
            skipped.append(reason)
    return SlotProposal(candidate, tuple(skipped))
