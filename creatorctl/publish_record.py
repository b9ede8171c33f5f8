"""Writing how a try ended into the main store: the draft's state, its Work, the attempt log.

`apply_result` runs in one short main-store transaction, either right after the hook (the
usual case) or later from the publishing ledger (`publish_ledger`) when an import held the
store. It is safe to apply the same result twice: every change is conditional on the draft
still being where the claim left it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import sqlalchemy as sa

from creatorctl.drafts import ts
from creatorctl.hooks import HookResult
from creatorctl.i18n import t
from creatorctl.publish_recovery import MAX_ATTEMPTS
from creatorctl.publish_types import Claim, PublishOutcome, claim_from
from creatorctl.store import Unit

RETRY_BACKOFF_S = (30.0, 120.0, 600.0)
"""Wait after the 1st, 2nd (3rd) failed try before the next one."""
LOST = "__lost__"
"""Marks a result made up for a try whose claimer died: its value is 'unknown' or 'rerun'."""


def item_id_of(result: HookResult) -> str | None:
    value = result.data.get("item_id")
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()[:256]
    return None


def create_work_for(conn: Unit, draft_id: int, item_id: str | None, now: datetime) -> int:
    """The Work for a draft the user says did go out (`drafts resolve --published`)."""
    return _create_work(conn, claim_from(conn, draft_id, 0), item_id, now)


def _create_work(conn: Unit, claim: Claim, item_id: str | None, now: datetime) -> int:
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


def decide(
    claim: Claim, result: HookResult, now: datetime
) -> tuple[str, datetime | None, HookResult]:
    """The draft's next state (and retry time) after this try; pure."""
    lost = result.data.get(LOST)
    if result.ok:
        return "published", None, result
    if lost == "unknown":
        return "unknown", None, result
    item_id = item_id_of(result)
    if item_id is not None and lost is None:  # it said "posted" and "failed": a person looks
        error = t("pub.unknown_said", item=item_id, error=result.error)
        return "unknown", None, replace(result, error=error)
    if claim.attempt >= MAX_ATTEMPTS or result.data.get("over_limits"):
        return "failed", None, result
    if lost == "rerun":
        return "scheduled", now, result
    return "scheduled", now + timedelta(seconds=RETRY_BACKOFF_S[claim.attempt - 1]), result


def outcome_of(
    claim: Claim, result: HookResult, now: datetime, work_id: int | None = None
) -> PublishOutcome:
    state, next_try, result = decide(claim, result, now)
    return PublishOutcome(
        draft_id=claim.draft_id,
        title=claim.title,
        ok=result.ok,
        state=state,
        attempt=claim.attempt,
        work_id=work_id,
        item_id=item_id_of(result) if result.ok else None,
        error=result.error,
        stderr_tail=result.stderr_tail,
        next_try_at=next_try,
        scheduled_at=claim.scheduled_at,
        started_at=claim.claimed_at,
    )


def _still_mine(conn: Unit, claim: Claim, worker_id: str, ok: bool) -> bool:
    """Is the draft where this claim left it (so the result may be written)?"""
    if claim.attempt_id:  # the main store knows the claim: state 'publishing', ours
        sql = "SELECT 1 FROM draft WHERE id=:i AND state='publishing' AND claimed_by=:w"
    else:  # claimed in the ledger only: still due with the same key
        sql = (
            "SELECT 1 FROM draft WHERE id=:i AND state='scheduled' AND next_try_at=:due "
            "AND attempts=:a - 1"
        )
        if ok:  # it went out: record that, whatever happened to the draft meanwhile
            sql += " UNION ALL SELECT 1 FROM draft WHERE id=:i AND state NOT IN "
            sql += "('published', 'publishing')"
    params = {"i": claim.draft_id, "w": worker_id, "due": claim.key[1], "a": claim.attempt}
    return conn.execute(sa.text(sql), params).first() is not None


def apply_result(
    conn: Unit,
    claim: Claim,
    result: HookResult,
    worker_id: str,
    now: datetime,
    hook: tuple[int | None, str | None] = (None, None),
) -> PublishOutcome:
    """Write how the try ended: published (with its Work), a retry with backoff, failed or
    unknown. `hook` = (pid, start) of the hook, for a claim the main store has not seen."""
    out = outcome_of(claim, result, now)
    state, next_try = out.state, out.next_try_at
    item_id = item_id_of(result)
    mine = _still_mine(conn, claim, worker_id, result.ok)
    attempt = {
        "now": ts(now),
        "ok": result.ok,
        "code": result.exit_code,
        "err": out.error,
        "tail": result.stderr_tail,
        "item": item_id,
    }
    if claim.attempt_id:
        conn.execute(
            sa.text(
                "UPDATE publishattempt SET finished_at=:now, ok=:ok, exit_code=:code, error=:err, "
                "stderr_tail=:tail, item_id=:item WHERE id=:i"
            ),
            {**attempt, "i": claim.attempt_id},
        )
    elif mine:
        conn.execute(
            sa.text(
                "INSERT INTO publishattempt(draft_id, worker_id, started_at, finished_at, ok, "
                "exit_code, error, stderr_tail, item_id, idem_key, hook_pid, hook_started_at) "
                "VALUES (:d, :w, :s, :now, :ok, :code, :err, :tail, :item, :k, :hp, :hs)"
            ),
            {
                **attempt,
                "d": claim.draft_id,
                "w": worker_id,
                "s": ts(claim.claimed_at),
                "k": claim.idempotency_key,
                "hp": hook[0],
                "hs": hook[1],
            },
        )
    work_id: int | None = None
    if mine and result.ok:
        work_id = _create_work(conn, claim, item_id, now)
        conn.execute(
            sa.text(
                "UPDATE draft SET state='published', work_id=:work, item_id=:item, attempts=:a, "
                "published_at=:now, last_error='', claimed_by=NULL, claimed_at=NULL, "
                "next_try_at=NULL, updated_at=:now WHERE id=:i"
            ),
            {
                "i": claim.draft_id,
                "a": claim.attempt,
                "work": work_id,
                "item": item_id,
                "now": ts(now),
            },
        )
    elif mine:
        conn.execute(
            sa.text(
                "UPDATE draft SET state=:state, next_try_at=:next, last_error=:err, attempts=:a, "
                "claimed_by=NULL, claimed_at=NULL, updated_at=:now WHERE id=:i"
            ),
            {
                "i": claim.draft_id,
                "a": claim.attempt,
                "state": state,
                "next": ts(next_try) if next_try else None,
                "err": out.error,
                "now": ts(now),
            },
        )
    if mine:
        from creatorctl.audit import record

        record(
            conn,
            action="publish",
            kind="draft",
            object_id=claim.draft_id,
            account_id=claim.account_id,
            before={"state": "publishing", "attempt": claim.attempt},
            after={
                "state": state,
                "work_id": work_id,
                "item_id": item_id,
                "error": out.error,
                "worker": worker_id,
            },
        )
    return replace(out, work_id=work_id)
