"""Waiting for the store's write lock instead of failing, and saying for whom.

SQLite lets one writer at a time. An import may hold the lock for tens of seconds (it is one
transaction, so kill -9 leaves the store as it was); meanwhile every other writer waits here:
it says once, on stderr or in the app, "waiting for an import in process 1234…", and if the
lock is still held after `WRITE_WAIT_MAX_S` it gives up with one line. A long writer names
itself in a small marker file next to the store (`<store>-writer`: pid and what); a holder
that did not (a short write) gets the usual busy timeout.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from creatorctl.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from creatorctl.store import Store

FIRST_TRY_MS = 1_000
"""How long a writer waits quietly before it says it is waiting."""
WRITE_WAIT_MAX_S = 600.0
"""How long it waits in all before giving up (a 1M-row import takes about a minute)."""


def is_locked(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return isinstance(exc, sa.exc.OperationalError) and "locked" in str(orig)


def writer_marker(store: Store) -> Path | None:
    return Path(f"{store.path}-writer") if store.path is not None else None


def write_marker(path: Path, what: str) -> None:
    data = json.dumps({"pid": os.getpid(), "what": what}).encode()
    try:
        # O_NOFOLLOW: a symlink planted beside a store in a shared sticky folder is not
        # written through (docs/security.md).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    except OSError:
        return  # only a courtesy to waiting writers
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def read_marker(store: Store) -> dict[str, Any] | None:
    """Who holds the lock for long, if it said so and is still alive."""
    path = writer_marker(store)
    if path is None:
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if isinstance(info, dict) else None


def _say(store: Store, line: str) -> None:
    on_wait = getattr(store, "on_wait", None)
    if on_wait is not None:
        on_wait(line)
    else:
        print(f"creatorctl: {line}", file=sys.stderr, flush=True)


def holder_text(store: Store) -> str:
    from creatorctl.i18n import t

    info = read_marker(store)
    if info is None:
        return t("store.wait_other")
    return t(
        "store.wait_import" if info.get("what") == "import" else "store.wait_for",
        pid=info["pid"],
        what=info.get("what", "?"),
    )


def wait_for_write_lock(
    store: Store, conn: Connection, max_wait: float | None = None
) -> sa.RootTransaction:
    """BEGIN (IMMEDIATE, per the engine) on `conn`.

    While a long writer that named itself (an import: the `<store>-writer` marker) holds the
    lock, wait — saying so once — until `max_wait` (WRITE_WAIT_MAX_S), then give up with one
    line. Any other holder is a short writer: the usual busy timeout, then SQLite's error
    (which the CLI and the app turn into one line).
    """
    from creatorctl.i18n import t
    from creatorctl.store import BUSY_TIMEOUT_MS, set_busy_timeout

    limit = WRITE_WAIT_MAX_S if max_wait is None else max_wait
    began = time.monotonic()
    announced = False
    try:
        set_busy_timeout(conn, min(FIRST_TRY_MS, BUSY_TIMEOUT_MS))
        while True:
            try:
                return conn.begin()
            except sa.exc.OperationalError as exc:
                if not is_locked(exc):
                    raise
                if conn.in_transaction():
                    conn.rollback()
                waited = time.monotonic() - began
                holder = read_marker(store)
                if holder is None and waited >= BUSY_TIMEOUT_MS / 1000:
                    raise
            if waited >= limit:
                raise StoreError(
                    t(
                        "store.gave_up",
                        store=store.path or store.url,
                        s=f"{waited:.0f}",
                        holder=holder_text(store),
                    )
                ) from None
            if holder is not None and not announced:
                announced = True
                _say(store, holder_text(store))
            left_ms = int(max(0.05, min(limit - waited, BUSY_TIMEOUT_MS / 1000)) * 1000)
            set_busy_timeout(conn, left_ms)
    finally:
        set_busy_timeout(conn, BUSY_TIMEOUT_MS)
