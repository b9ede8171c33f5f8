"""`creatorctl status`: the few facts a status line needs, read cheaply.

A tmux `status-right` runs this every few seconds, so it must start in well under 150 ms: it
uses the standard library's sqlite3 on a read-only connection and imports nothing of the
store, SQLAlchemy or the domain. Times in the store are naive UTC ("YYYY-MM-DD HH:MM:SS").
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.timeutil import from_db, to_db

ATTENTION_STATES = ("failed", "missed", "unknown")
"""Posts that need the creator: they did not go out, or nobody knows whether they did."""
NEW_FLAGGED_HOURS = 24
"""A flagged comment is new for this long after it was written."""
SHORT_MAX = 60


@dataclass(frozen=True)
class Status:
    account: str
    next_post_id: int | None
    next_post_title: str | None
    next_post_at: datetime | None
    """UTC, naive."""
    attention: dict[str, int]
    unread_messages: int
    new_flagged_comments: int
    now: datetime
    """UTC, naive: the moment the facts were read."""

    @property
    def attention_total(self) -> int:
        return sum(self.attention.values())

    @property
    def next_in_s(self) -> int | None:
        if self.next_post_at is None:
            return None
        return max(0, int((self.next_post_at - self.now).total_seconds()))

    def as_json(self) -> dict[str, object]:
        nxt = None
        if self.next_post_at is not None:
            nxt = {
                "draft_id": self.next_post_id,
                "title": self.next_post_title,
                "at": self.next_post_at.isoformat() + "Z",
                "in_seconds": self.next_in_s,
            }
        return {
            "account": self.account,
            "next_post": nxt,
            "attention": self.attention_total,
            "attention_by_state": self.attention,
            "unread_messages": self.unread_messages,
            "new_flagged_comments": self.new_flagged_comments,
        }


def countdown(seconds: int) -> str:
    """12m, 2h05m, 3d04h: short enough for a status line."""
    minutes = (seconds + 59) // 60
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h{minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d{hours:02d}h"


def read_status(path: Path | str, account: str | None, now_utc: datetime) -> Status:
    """The facts for `account` (default: the current one) from the store at `path` (or a
    PostgreSQL store's URL: read with psycopg alone, in a read-only transaction)."""
    if isinstance(path, str):
        return _read_postgres(path, account, now_utc)
    if not path.is_file():
        raise UserError(t("status.err_no_store", path=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error as exc:
        raise UserError(t("status.err_read", path=path, why=exc)) from None
    try:
        return _read(conn, account, now_utc)
    except sqlite3.Error as exc:
        raise UserError(t("status.err_read", path=path, why=exc)) from None
    finally:
        conn.close()


class _Qmark:
    """A psycopg connection taking the `?` placeholders the SQLite queries here use."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), params)


def _read_postgres(url: str, account: str | None, now_utc: datetime) -> Status:
    import psycopg

    from creatorctl.store_pg import label

    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        conn = psycopg.connect(
            plain, connect_timeout=5, options="-c default_transaction_read_only=on"
        )
    except psycopg.Error as exc:
        why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(t("status.err_read", path=label(url), why=why)) from None
    try:
        return _read(_Qmark(conn), account, now_utc)  # type: ignore[arg-type]
    except psycopg.Error as exc:
        why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(t("status.err_read", path=label(url), why=why)) from None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, account: str | None, now: datetime) -> Status:
    if account is None:
        row = conn.execute("SELECT value FROM setting WHERE key='current_account'").fetchone()
        account = row[0] if row else None
    if account is None:
        row = conn.execute("SELECT handle FROM account ORDER BY id LIMIT 1").fetchone()
        account = row[0] if row else None
    row = conn.execute("SELECT id FROM account WHERE handle=?", (account,)).fetchone()
    if row is None:
        if account is None:
            raise UserError(t("err.no_account"))
        raise UserError(t("err.unknown_account", handle=account))
    acc = int(row[0])
    nxt = conn.execute(
        "SELECT id, title, scheduled_at FROM draft WHERE account_id=? AND deleted_at IS NULL "
        "AND state='scheduled' AND scheduled_at IS NOT NULL ORDER BY scheduled_at, id LIMIT 1",
        (acc,),
    ).fetchone()
    marks = ",".join("?" * len(ATTENTION_STATES))
    attention = dict.fromkeys(ATTENTION_STATES, 0)
    for state, n in conn.execute(
        f"SELECT state, count(*) FROM draft WHERE account_id=? AND deleted_at IS NULL "
        f"AND state IN ({marks}) GROUP BY state",
        (acc, *ATTENTION_STATES),
    ):
        attention[state] = int(n)
    unread = conn.execute(
        "SELECT coalesce(sum(unread), 0) FROM conversation WHERE account_id=?", (acc,)
    ).fetchone()[0]
    since = to_db(now - timedelta(hours=NEW_FLAGGED_HOURS))
    flagged = conn.execute(
        "SELECT count(*) FROM comment WHERE account_id=? AND deleted_at IS NULL AND flags != '' "
        "AND NOT is_mine AND created_at >= ?",
        (acc, since),
    ).fetchone()[0]
    return Status(
        account=str(account),
        next_post_id=int(nxt[0]) if nxt else None,
        next_post_title=str(nxt[1]) if nxt else None,
        next_post_at=from_db(nxt[2]) if nxt else None,
        attention=attention,
        unread_messages=int(unread),
        new_flagged_comments=int(flagged),
        now=now,
    )


def short_line(s: Status, colour: bool) -> str:
    """One line of at most 60 characters (counted before colour codes)."""
    nxt = s.next_in_s
    parts: list[tuple[str, str | None]] = [
        (t("status.next", left=countdown(nxt)) if nxt is not None else t("status.none"), None)
    ]
    if s.attention_total:
        parts.append((t("status.attention", n=s.attention_total), "31"))
    if s.unread_messages:
        parts.append((t("status.unread", n=s.unread_messages), "33"))
    if s.new_flagged_comments:
        parts.append((t("status.flagged", n=s.new_flagged_comments), "35"))
    plain = " | ".join(p for p, _ in parts)
    if len(plain) > SHORT_MAX:
        return plain[: SHORT_MAX - 1] + "…"
    if not colour:
        return plain
    return " | ".join(f"\x1b[{c}m{p}\x1b[0m" if c else p for p, c in parts)


def long_text(s: Status) -> str:
    """The same facts, one per line, for a person."""
    lines = [t("status.account", handle=s.account)]
    if s.next_post_at is not None and s.next_in_s is not None:
        lines.append(
            t(
                "status.next_long",
                id=s.next_post_id,
                title=s.next_post_title,
                left=countdown(s.next_in_s),
            )
        )
    else:
        lines.append(t("status.none"))
    by_state = ", ".join(f"{t('state.' + k)} {n}" for k, n in s.attention.items() if n)
    lines.append(
        t("status.attention", n=s.attention_total) + (f" ({by_state})" if by_state else "")
    )
    lines.append(t("status.unread", n=s.unread_messages))
    lines.append(t("status.flagged", n=s.new_flagged_comments))
    return "\n".join(lines)
