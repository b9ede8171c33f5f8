"""Errors a user can act on: the CLI prints them as one line and exits 1."""

from __future__ import annotations

import sqlite3


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why, in one line."""


class StoreError(UserError):
    """The store cannot be opened or used safely (location, permissions, URL)."""


class ConfigError(UserError):
    """The config file is unreadable, unsafe or holds a bad value."""


# SQLite's primary result codes (sqlite3.h); an extended code's low byte is its primary code.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_PERM = 3

_WHAT_TO_DO = {
    _FULL: "is full (no room on its disk, or its size limit): free some space, then try again",
    _READONLY: "is read-only: make the file and its folder writable by you, or work on a copy",
    _PERM: "is read-only: make the file and its folder writable by you, or work on a copy",
    _CORRUPT: "is damaged: restore it from a backup, or move it away to start a new store",
    _NOTADB: "is damaged: restore it from a backup, or move it away to start a new store",
    _BUSY: "is busy (another creatorctl is writing to it): try again when that has finished",
    _LOCKED: "is busy (another creatorctl is writing to it): try again when that has finished",
    _CANTOPEN: "cannot be opened: check that its folder exists and is yours",
    _IOERR: "could not be read or written (a disk error): check the disk, then try again",
}


def _sqlite_cause(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind `exc` (SQLAlchemy wraps it as `.orig`), if there is one."""
    seen = 0
    cur: BaseException | None = exc
    while cur is not None and seen < 8:
        if isinstance(cur, sqlite3.Error):
            return cur
        orig = getattr(cur, "orig", None)
        cur = orig if isinstance(orig, BaseException) else cur.__cause__
        seen += 1
    return None


def store_error(exc: BaseException, where: object) -> StoreError | None:
    """The one line a user sees when the store itself fails (full, read-only, damaged, busy).

    `where` names the store (its path). Returns None when `exc` is not a database error, so
    callers can fall through to their other handling. The line never holds SQL text or its
    parameters (SQLAlchemy's own message does): only the store, what happened and what to do.
    """
    cause = _sqlite_cause(exc)
    if cause is None:
        return None
    code = getattr(cause, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(cause.args[0]) if cause.args else ""
    if primary is None:  # no code (older Python, or a hand-made error): go by the words
        lowered = text.lower()
        for words, guess in (
            ("disk is full", _FULL),
            ("readonly", _READONLY),
            ("read-only", _READONLY),
            ("malformed", _CORRUPT),
            ("not a database", _NOTADB),
            ("locked", _BUSY),
            ("unable to open", _CANTOPEN),
            ("i/o error", _IOERR),
        ):
            if words in lowered:
                primary = guess
                break
    what = _WHAT_TO_DO.get(primary) if primary is not None else None
    if what is None:
        # Something else (a schema problem, a bug): SQLite's own words carry no SQL or values.
        reason = text.splitlines()[0][:200] if text else type(cause).__name__
        what = f"cannot be used ({reason}): run `creatorctl` again; if it keeps failing, report it"
    error = StoreError(f"the store {where} {what}")
    error.__cause__ = exc
    return error
