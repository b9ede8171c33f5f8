"""The publishing ledger: claims and hook results in a database file of their own.

An import holds the main store's write lock for as long as it runs (one transaction, so that
kill -9 leaves the store exactly as it was). Due posts must not wait for it. So a post is
claimed in the ledger (`<store>-publish`, a small SQLite file only schedulers write, in short
transactions), its hook runs, and its result is written to the ledger at once; the main store
(the draft's state, the Work, the attempt log) follows as soon as its lock is free — at once
when nothing else writes, else at a later tick of any scheduler (`apply_pending`).

A claim's key is (draft id, the draft's `next_try_at`, attempt number): while its result is
not in the main store the draft still reads as due with that key, so nobody claims it again;
once applied, the draft has moved on (published, a new retry time, …) and a new key is due.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from creatorctl.hooks import HookResult
from creatorctl.timeutil import to_db

_SCHEMA = """
CREATE TABLE IF NOT EXISTS claim(
    draft_id INTEGER NOT NULL,
    due TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    worker_id TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    attempt_id INTEGER NOT NULL DEFAULT 0,
    hook_pid INTEGER,
    hook_started_at TEXT,
    finished_at TEXT,
    result TEXT,
    applied INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (draft_id, due, attempt)
);
CREATE INDEX IF NOT EXISTS ix_claim_open ON claim(applied, finished_at);
"""
BUSY_MS = 5_000
KEEP_DAYS = 7
Key = tuple[int, str, int]
"""(draft_id, due as the store writes it, attempt)."""


def result_json(result: HookResult) -> str:
    return json.dumps(asdict(result), ensure_ascii=False)


def result_from(text: str) -> HookResult:
    return HookResult(**json.loads(text))


class Ledger:
    """One ledger file (or an in-memory one for an in-memory store)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._memory: sqlite3.Connection | None = None
        if path is None:
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
            self._memory.isolation_level = None
            self._memory.executescript(_SCHEMA)
            return
        if not path.exists():
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        with self._connect() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if self._memory is not None:
            with self._lock:
                yield self._memory
            return
        con = sqlite3.connect(str(self.path), timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            con.execute("PRAGMA synchronous=NORMAL")
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction."""
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def take(self, keys: list[Key], worker_id: str, now: str, limit: int) -> list[Key]:
        """Claim up to `limit` keys nobody holds; the keys that are now ours. A key whose
        earlier result is already in the main store is free again (the draft came back to
        it, e.g. rescheduled to the same second)."""
        mine: list[Key] = []
        with self.tx() as con:
            for key in keys:
                if len(mine) >= limit:
                    break
                con.execute(
                    "DELETE FROM claim WHERE draft_id=? AND due=? AND attempt=? AND applied=1",
                    key,
                )
                cur = con.execute(
                    "INSERT OR IGNORE INTO claim(draft_id, due, attempt, worker_id, claimed_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (*key, worker_id, now),
                )
                if cur.rowcount == 1:
                    mine.append(key)
        return mine

    def update(self, key: Key, **values: Any) -> None:
        cols = ", ".join(f"{k}=?" for k in values)
        with self.tx() as con:
            con.execute(
                f"UPDATE claim SET {cols} WHERE draft_id=? AND due=? AND attempt=?",
                (*values.values(), *key),
            )

    def forget(self, key: Key) -> None:
        with self.tx() as con:
            con.execute("DELETE FROM claim WHERE draft_id=? AND due=? AND attempt=?", key)

    def finish(self, key: Key, result: HookResult, now: str) -> None:
        self.update(key, finished_at=now, result=result_json(result))

    def rows(self, where: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._connect() as con:
            con.row_factory = sqlite3.Row
            try:
                return list(con.execute(f"SELECT * FROM claim WHERE {where}", args))
            finally:
                con.row_factory = None

    def pending(self) -> list[sqlite3.Row]:
        """Finished tries whose result is not in the main store yet."""
        return self.rows("applied=0 AND finished_at IS NOT NULL ORDER BY finished_at")

    def open_unmirrored(self) -> list[sqlite3.Row]:
        """Tries running (or lost) that the main store does not know about."""
        return self.rows("applied=0 AND finished_at IS NULL AND attempt_id=0")

    def close_claims(self, claims: list[tuple[int, str]], now: str) -> None:
        """(draft id, worker) claims the main store settled itself (their claimer died)."""
        with self.tx() as con:
            con.executemany(
                "UPDATE claim SET applied=1, finished_at=coalesce(finished_at, ?) "
                "WHERE draft_id=? AND worker_id=? AND applied=0",
                [(now, *c) for c in claims],
            )

    def held_ids(self) -> set[int]:
        """Drafts with a claim whose result is not in the main store yet."""
        return {int(r["draft_id"]) for r in self.rows("applied=0")}

    def mark_applied(self, keys: list[Key], now: datetime) -> None:
        with self.tx() as con:
            con.executemany(
                "UPDATE claim SET applied=1 WHERE draft_id=? AND due=? AND attempt=?", keys
            )
            old = to_db(now - timedelta(days=KEEP_DAYS))
            con.execute("DELETE FROM claim WHERE applied=1 AND claimed_at < ?", (old,))


_LEDGERS: dict[int, Ledger] = {}
_LEDGERS_LOCK = threading.Lock()


def ledger_for(store: Any) -> Ledger:
    """The ledger next to `store` (one object per open store)."""
    with _LEDGERS_LOCK:
        ledger = getattr(store, "_publish_ledger", None)
        if ledger is None:
            if getattr(store, "dialect", "sqlite") == "postgresql":
                from creatorctl.publish_ledger_pg import PgLedger

                ledger = PgLedger(store)
            else:
                path = Path(f"{store.path}-publish") if store.path is not None else None
                ledger = Ledger(path)
            store._publish_ledger = ledger
        return ledger


def key_of(row: sqlite3.Row) -> Key:
    return (int(row["draft_id"]), str(row["due"]), int(row["attempt"]))
