"""Errors a user can act on: the CLI prints them as one line and exits 1."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why, in one line."""


class StoreError(UserError):
    """The store cannot be opened or used safely (location, permissions, URL)."""


class ConfigError(UserError):
    """The config file is unreadable, unsafe or holds a bad value."""


# SQLite's primary result codes (sqlite3.h); an extended code's low byte is its primary code.
_MESSAGE_BY_CODE = {
    13: "store.full",  # SQLITE_FULL
    8: "store.read_only",  # SQLITE_READONLY
    3: "store.read_only",  # SQLITE_PERM
    11: "store.damaged",  # SQLITE_CORRUPT
    26: "store.damaged",  # SQLITE_NOTADB
    5: "store.busy",  # SQLITE_BUSY (after the busy timeout)
    6: "store.busy",  # SQLITE_LOCKED
    14: "store.cant_open",  # SQLITE_CANTOPEN
    10: "store.io",  # SQLITE_IOERR
}
_MESSAGE_BY_WORDS = (  # when the error carries no code (a hand-made one)
    ("disk is full", "store.full"),
    ("readonly", "store.read_only"),
    ("malformed", "store.damaged"),
    ("not a database", "store.damaged"),
    ("locked", "store.busy"),
    ("unable to open", "store.cant_open"),
    ("i/o error", "store.io"),
)


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of the PostgreSQL error behind `exc` (psycopg's `.sqlstate`), if any."""
    cur: BaseException | None = exc
    for _ in range(8):
        if cur is None:
            return None
        state = getattr(cur, "sqlstate", None)
        if isinstance(state, str):
            return state
        orig = getattr(cur, "orig", None)
        cur = orig if isinstance(orig, BaseException) else cur.__cause__
    return None


def _sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind `exc` (SQLAlchemy wraps it as `.orig`), if there is one."""
    import sqlite3

    cur: BaseException | None = exc
    for _ in range(8):
        if cur is None:
            return None
        if isinstance(cur, sqlite3.Error):
            return cur
        orig = getattr(cur, "orig", None)
        cur = orig if isinstance(orig, BaseException) else cur.__cause__
    return None


def store_error(exc: BaseException, where: object) -> StoreError | None:
    """The one line a user sees when the store itself fails (full, read-only, damaged, busy).

    `where` names the store (its path). Returns None when `exc` is not a database error, so
    callers fall through to their other handling. The line never holds SQL text or its
    parameters (SQLAlchemy's own message does): only the store, what happened and what to do.
    """
    from creatorctl.i18n import t

    if _sqlstate(exc) == "42501":  # PostgreSQL: this role lacks the right (a viewer writing)
        return StoreError(t("store.denied", where=where))
    cause = _sqlite_cause(exc)
    if cause is None:
        return _postgres_error(exc, where)
    code = getattr(cause, "sqlite_errorcode", None)
    text = str(cause.args[0]) if cause.args else ""
    key = _MESSAGE_BY_CODE.get(code & 0xFF) if isinstance(code, int) else None
    if key is None and not isinstance(code, int):
        key = next((k for words, k in _MESSAGE_BY_WORDS if words in text.lower()), None)
    if key is None:
        # Something else (a schema problem, a bug): SQLite's own words carry no SQL or values.
        reason = text.splitlines()[0][:200] if text else type(cause).__name__
        error = StoreError(t("store.other", where=where, reason=reason))
    else:
        error = StoreError(t(key, where=where))
    error.__cause__ = exc
    return error


_PG_MESSAGE_BY_STATE = {
    "53100": "store.full",  # disk_full
    "25006": "store.read_only",  # read_only_sql_transaction (a standby)
    "55P03": "store.busy",  # lock_not_available (lock_timeout)
    "40P01": "store.busy",  # deadlock_detected
    "57014": "store.busy",  # query_canceled (statement_timeout)
}


def _postgres_error(exc: BaseException, where: object) -> StoreError | None:
    """The one line for a PostgreSQL failure: the server's own first line (never SQL text)."""
    from creatorctl.i18n import t

    cur: BaseException | None = exc
    for _ in range(8):
        if cur is None or type(cur).__module__.startswith("psycopg"):
            break
        orig = getattr(cur, "orig", None)
        cur = orig if isinstance(orig, BaseException) else cur.__cause__
    if cur is None or not type(cur).__module__.startswith("psycopg"):
        return None
    state = getattr(cur, "sqlstate", None)
    key = _PG_MESSAGE_BY_STATE.get(state or "")
    if key is not None:
        error = StoreError(t(key, where=where))
    else:
        diag = getattr(cur, "diag", None)
        text = (getattr(diag, "message_primary", None) or str(cur) or type(cur).__name__).strip()
        # A connection failure spans lines (where, why, a hint): one line of them, joined.
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        reason = ("; ".join(lines) if text.startswith("connection") else lines[0])[:240]
        error = StoreError(t("store.other", where=where, reason=reason))
    error.__cause__ = exc
    return error
