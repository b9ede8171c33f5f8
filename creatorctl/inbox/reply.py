"""Replying to a comment: stored as the account's own comment under it, and sent through the
`[reply] command` hook when one is configured (the same hook mechanism as publishing)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.config import Config
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.inbox.comment_load import insert_comments
from creatorctl.inbox.comments import get_comment
from creatorctl.store import Store
from creatorctl.timeutil import utcnow

REPLY_MAX = 500


@dataclass(frozen=True)
class ReplyResult:
    reply_id: int
    status: str
    """sent, local (no hook configured) or failed."""
    error: str = ""


def reply_comment(
    store: Store, config: Config, account_id: int, comment_id: int, text: str
) -> ReplyResult:
    """Store a reply and send it. A failed send keeps the reply (status failed) and says why."""
    text = text.strip()
    if not text:
        raise UserError(t("err.empty", field=t("inbox.field_reply")))
    if len(text) > REPLY_MAX:
        raise UserError(
            t("err.too_long", field=t("inbox.field_reply"), limit=REPLY_MAX, n=len(text))
        )
    parent = get_comment(store, comment_id, account_id)
    status, error = "local", ""
    if config.reply.command:
        status, error = _send(config, parent.work_id, parent.comment_id, parent.id, text)
    with store.write() as conn:
        nickname = conn.execute(
            sa.text("SELECT nickname FROM account WHERE id=:a"), {"a": account_id}
        ).scalar()
        insert_comments(
            store.unit(conn),
            [
                {
                    "account_id": account_id,
                    "work_id": parent.work_id,
                    "user_id": "self",
                    "nickname": nickname or "",
                    "content": text,
                    "created_at": utcnow(),
                    "parent_id": parent.id,
                    "is_mine": True,
                    "send_status": status,
                }
            ],
            (),
        )
        reply_id = int(conn.execute(sa.text("SELECT max(id) FROM comment")).scalar_one())
        conn.execute(
            sa.text("UPDATE comment SET reply_text=:t WHERE id=:i"), {"t": text, "i": parent.id}
        )
        record(
            conn,
            action="reply",
            kind="comment",
            object_id=parent.id,
            account_id=account_id,
            before={"reply_text": parent.reply_text} if parent.reply_text else None,
            after={"reply_id": reply_id, "reply_text": text, "status": status},
        )
    return ReplyResult(reply_id, status, error)


def _send(
    config: Config, work_id: int, platform_id: str | None, comment_id: int, text: str
) -> tuple[str, str]:
    """Run the reply hook (argv template with {comment_id} {work_id} {text}; the same values
    as JSON on stdin): (status, error)."""
    from creatorctl.hooks import run_hook  # type: ignore[import-not-found,unused-ignore]
    from creatorctl.inbox.comment_load import is_local_key

    if is_local_key(platform_id):
        platform_id = None  # a key made here means nothing to the platform
    values = {
        "comment_id": platform_id or str(comment_id),
        "work_id": str(work_id),
        "text": text,
    }
    result = run_hook(config.reply.command, values, values, config.reply.timeout)
    return ("sent", "") if result.ok else ("failed", result.error)
