"""Direct messages 私信: conversations with unread counts, auto-reply rules applied on arrival.

A rule answers a message when one of its keywords appears in it (highest priority first); a
welcome rule answers a fan's first message when no keyword rule does. Auto replies are stored
as outgoing messages marked `auto_reply` with the rule that wrote them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from creatorctl.audit import record
from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.inbox.rules import KEYWORD_SPLIT as KEYWORD_SPLIT
from creatorctl.inbox.rules import REPLY_MAX as REPLY_MAX
from creatorctl.inbox.rules import Rule as Rule
from creatorctl.inbox.rules import delete_rule as delete_rule  # importable here too
from creatorctl.inbox.rules import list_rules as list_rules
from creatorctl.inbox.rules import match_rule as match_rule
from creatorctl.inbox.rules import rule_name as rule_name
from creatorctl.inbox.rules import save_rule as save_rule
from creatorctl.inbox.rules import set_rule_enabled as set_rule_enabled
from creatorctl.inbox.rules import test_rules as test_rules
from creatorctl.store import Store
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import from_db, to_db, utc_to_local, utcnow

TEXT_MAX = 2000


@dataclass(frozen=True)
class ConversationRow:
    id: int
    fan_id: str
    fan_nickname: str
    last_at: datetime
    """Local time."""
    last_text: str
    unread: int


@dataclass(frozen=True)
class MessageRow:
    id: int
    conversation_id: int
    direction: str
    text: str
    created_at: datetime
    """Local time."""
    read: bool
    auto_reply: bool
    rule_id: int | None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "conversation_id": self.conversation_id,
            "direction": self.direction,
            "text": self.text,
            "created_at": self.created_at.isoformat(sep=" "),
            "read": self.read,
            "auto_reply": self.auto_reply,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True)
class Incoming:
    """A message to store: from the fan (in) or from the account (out), in UTC."""

    fan_id: str
    fan_nickname: str
    text: str
    created_at: datetime
    direction: str = "in"
    read: bool = False
    auto_reply: bool = False
    """An automatic reply (from an export), stored as such but never answered."""


# --- conversations ----------------------------------------------------------------------------


def _conv(r: Any) -> ConversationRow:
    return ConversationRow(
        r.id, r.fan_id, r.fan_nickname, utc_to_local(from_db(r.last_at)), r.last_text, r.unread
    )


def list_conversations(
    store: Store, account_id: int, *, unread_only: bool = False, offset: int = 0, limit: int = 100
) -> list[ConversationRow]:
    """Conversations, the most recent first."""
    where = "account_id=:a" + (" AND unread > 0" if unread_only else "")
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT id, fan_id, fan_nickname, last_at, last_text, unread FROM conversation "
                f"WHERE {where} ORDER BY last_at DESC, id DESC LIMIT :l OFFSET :o"
            ),
            {"a": account_id, "l": limit, "o": offset},
        )
        return [_conv(r) for r in rows]


def count_conversations(store: Store, account_id: int, *, unread_only: bool = False) -> int:
    where = "account_id=:a" + (" AND unread > 0" if unread_only else "")
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text(f"SELECT count(*) FROM conversation WHERE {where}"), {"a": account_id}
            ).scalar_one()
        )


def unread_total(store: Store, account_id: int) -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text("SELECT coalesce(sum(unread), 0) FROM conversation WHERE account_id=:a"),
                {"a": account_id},
            ).scalar_one()
        )


def get_conversation(store: Store, account_id: int, conv_id: int) -> ConversationRow:
    with store.read() as conn:
        r = conn.execute(
            sa.text(
                "SELECT id, fan_id, fan_nickname, last_at, last_text, unread FROM conversation "
                "WHERE id=:i AND account_id=:a"
            ),
            {"i": conv_id, "a": account_id},
        ).first()
    if r is None:
        raise UserError(t("inbox.err_unknown_conversation", id=conv_id))
    return _conv(r)


def _msg(r: Any) -> MessageRow:
    return MessageRow(
        r.id,
        r.conversation_id,
        r.direction,
        r.text,
        utc_to_local(from_db(r.created_at)),
        bool(r.read),
        bool(r.auto_reply),
        r.rule_id,
    )


_MSG_COLS = "id, conversation_id, direction, text, created_at, read, auto_reply, rule_id"


def conversation_messages(
    store: Store, account_id: int, conv_id: int, limit: int = 200
) -> list[MessageRow]:
    """The latest `limit` messages of a conversation, oldest first."""
    get_conversation(store, account_id, conv_id)
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                f"SELECT {_MSG_COLS} FROM message WHERE conversation_id=:c ORDER BY id DESC "
                "LIMIT :l"
            ),
            {"c": conv_id, "l": limit},
        ).all()
    return [_msg(r) for r in reversed(rows)]


def mark_read(store: Store, account_id: int, conv_id: int) -> int:
    """Mark a conversation's messages read; returns how many were unread."""
    get_conversation(store, account_id, conv_id)
    with store.write() as conn:
        n = conn.execute(
            sa.text(
                "UPDATE message SET read=TRUE WHERE conversation_id=:c AND direction='in' AND NOT read"
            ),
            {"c": conv_id},
        ).rowcount
        conn.execute(sa.text("UPDATE conversation SET unread=0 WHERE id=:c"), {"c": conv_id})
    return int(n)


def send_message(store: Store, account_id: int, conv_id: int, text: str) -> MessageRow:
    """Store a message written by the account (which also reads the conversation)."""
    text = text.strip()
    if not text:
        raise UserError(t("err.empty", field=t("inbox.field_message")))
    if len(text) > TEXT_MAX:
        raise UserError(
            t("err.too_long", field=t("inbox.field_message"), limit=TEXT_MAX, n=len(text))
        )
    conv = get_conversation(store, account_id, conv_id)
    mark_read(store, account_id, conv.id)
    now = utcnow()
    with store.write() as conn:
        mid = conn.execute(
            sa.text(
                "INSERT INTO message(conversation_id, direction, text, created_at, read) "
                "VALUES (:c, 'out', :t, :d, 1) RETURNING id"
            ),
            {"c": conv_id, "t": text, "d": now},
        ).scalar_one()
        conn.execute(
            sa.text("UPDATE conversation SET last_at=:d, last_text=:t WHERE id=:c"),
            {"d": now, "t": text, "c": conv_id},
        )
        sent = {"message_id": mid, "text": text}
        record(conn, "reply", "conversation", conv_id, account_id, None, sent)
    return MessageRow(mid, conv_id, "out", text, utc_to_local(now), True, False, None)


@dataclass(frozen=True)
class IngestResult:
    added: int
    auto_replies: int
    conversations: int


def ingest_messages(
    work: Bulk,
    account_id: int,
    items: Iterable[Incoming],
    rules: Sequence[Rule] | None,
    *,
    dedupe: bool = True,
) -> IngestResult:
    """Store messages in time order inside the caller's transaction, applying the rules to each
    new incoming message (None: the account's rules).

    With `dedupe`, a message already stored (same fan, time, direction and text) adds nothing,
    so importing a file twice, or an export back, writes nothing new.
    """
    if rules is None:
        rules = [
            Rule(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]))
            for r in work.execute(
                "SELECT id, keyword, reply, priority, enabled, is_welcome FROM autoreplyrule "
                "WHERE account_id=? ORDER BY priority DESC, id",
                (account_id,),
            )
        ]
    execute = work.execute
    convs: dict[str, int] = {}
    has_incoming: dict[int, bool] = {}
    touched: set[int] = set()
    added = replies = 0
    for m in sorted(items, key=lambda x: x.created_at):
        cid = convs.get(m.fan_id)
        if cid is None:
            row = execute(
                "SELECT id FROM conversation WHERE account_id=? AND fan_id=?",
                (account_id, m.fan_id),
            ).fetchone()
            if row is None:
                row = execute(
                    "INSERT INTO conversation(account_id, fan_id, fan_nickname, last_at) "
                    "VALUES (?,?,?,?) RETURNING id",
                    (account_id, m.fan_id, m.fan_nickname, to_db(m.created_at)),
                ).fetchone()
                has_incoming[row[0]] = False
            cid = convs[m.fan_id] = int(row[0])
        if cid not in has_incoming:
            has_incoming[cid] = (
                execute(
                    "SELECT 1 FROM message WHERE conversation_id=? AND direction='in' LIMIT 1",
                    (cid,),
                ).fetchone()
                is not None
            )
        when = to_db(m.created_at)
        if (
            dedupe
            and execute(
                "SELECT 1 FROM message WHERE conversation_id=? AND created_at=? AND direction=? "
                "AND text=?",
                (cid, when, m.direction, m.text),
            ).fetchone()
        ):
            continue
        execute(
            "INSERT INTO message(conversation_id, direction, text, created_at, read, auto_reply) "
            "VALUES (?,?,?,?,?,?)",
            (cid, m.direction, m.text, when, m.read or m.direction == "out", m.auto_reply),
        )
        added += 1
        touched.add(cid)
        if m.direction != "in":
            continue
        first = not has_incoming[cid]
        has_incoming[cid] = True
        rule = match_rule(rules, m.text, first=first)
        if rule is not None:
            execute(
                "INSERT INTO message(conversation_id, direction, text, created_at, read, "
                "auto_reply, rule_id) VALUES (?, 'out', ?, ?, TRUE, TRUE, ?)",
                (cid, rule.reply, to_db(m.created_at + timedelta(seconds=1)), rule.id),
            )
            replies += 1
    refresh_conversations(work, touched)
    return IngestResult(added, replies, len(touched))


def refresh_conversations(work: Bulk, ids: Iterable[int]) -> None:
    """Recompute last message and unread count of conversations from their messages."""
    work.executemany(
        "UPDATE conversation SET "
        "last_at=(SELECT created_at FROM message WHERE conversation_id=conversation.id "
        "ORDER BY id DESC LIMIT 1), "
        "last_text=(SELECT text FROM message WHERE conversation_id=conversation.id "
        "ORDER BY id DESC LIMIT 1), "
        "unread=(SELECT count(*) FROM message WHERE conversation_id=conversation.id "
        "AND direction='in' AND NOT read) WHERE id=?",
        [(i,) for i in ids],
    )


def receive_message(store: Store, account_id: int, item: Incoming) -> IngestResult:
    """One message arriving now-ish: stored and answered by the rules."""
    if not item.text.strip():
        raise UserError(t("err.empty", field=t("inbox.field_message")))
    with store.write() as conn:
        return ingest_messages(store.unit(conn), account_id, [item], None)
