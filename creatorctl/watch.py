"""Notice changes other processes made to the store (a CLI import, a scheduler, a restore).

`PRAGMA data_version` on one connection of its own changes when any *other* connection commits:
one cheap query tells whether anything changed at all. Only then are the tables' newest rowids
compared, to tell which areas changed, so the app reloads only the tabs that show them.
Updates in place (a reply, a deal accepted) add no rows; they are reported as "something
changed" (`tables` is empty) and the app reloads the tab on screen.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from creatorctl.store import Store

AREAS: dict[str, tuple[str, ...]] = {
    "works": ("work", "worksnapshot", "edithistory", "trash"),
    "drafts": ("draft", "publishattempt", "livepreview", "trash"),
    "data": ("work", "worksnapshot", "accountdaily", "trendingtopic", "trash"),
    "fans": ("accountdaily", "fanactivity", "fanportrait", "work", "trash"),
    "inbox": (
        "comment",
        "message",
        "conversation",
        "autoreplyrule",
        "fangroup",
        "groupannouncement",
        "groupmember",
        "livesession",
        "livesample",
        "livepreview",
        "trash",
    ),
    "earn": (
        "brandtask",
        "product",
        "productsale",
        "earning",
        "platformtask",
        "accountdaily",
        "account",
    ),
    "account": ("account", "accountdaily", "edithistory"),
}
"""Which tables each tab (and the account bar, `account`) shows."""

TABLES = tuple(sorted({table for tables in AREAS.values() for table in tables}))


@dataclass(frozen=True)
class Change:
    """What changed since the last look: the tables that gained or lost rows (may be empty)."""

    tables: frozenset[str]

    def areas(self) -> set[str]:
        """The areas to reload; every area when only in-place updates were seen."""
        if not self.tables:
            return set(AREAS)
        return {area for area, tables in AREAS.items() if self.tables & set(tables)}


class StoreWatcher:
    """Polled from a worker thread; holds one read-only connection of its own.

    `close` comes from the UI thread, maybe while a poll runs: closing an sqlite3 connection
    another thread is using crashed the process (seen at app exit), so both take `_lock`."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout=2000")
        self.conn: sqlite3.Connection | None = conn
        self.version = self._version()
        self.marks = self._marks()

    def _version(self) -> int:
        assert self.conn is not None
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _marks(self) -> dict[str, tuple[int, int]]:
        """Each table's newest rowid (one index seek); the trash also by its row count."""
        assert self.conn is not None
        marks: dict[str, tuple[int, int]] = {}
        present = {
            r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        for table in TABLES:
            if table not in present:
                continue
            newest = self.conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
            count = 0
            if table == "trash":
                count = self.conn.execute("SELECT count(*) FROM trash").fetchone()[0]
            marks[table] = (int(newest), int(count))
        return marks

    def poll(self, *, rebase: bool = False) -> Change | None:
        """None when nothing changed since the last poll; `rebase` takes the new state as known
        without reporting it (the app's own write, already shown)."""
        with self._lock:
            if self.conn is None:
                return None
            return self._poll(rebase)

    def _poll(self, rebase: bool) -> Change | None:
        version = self._version()
        if version == self.version:
            return None
        self.version = version
        marks = self._marks()
        changed = frozenset(
            t for t in marks.keys() | self.marks.keys() if marks.get(t) != self.marks.get(t)
        )
        self.marks = marks
        return None if rebase else Change(changed)

    def close(self) -> None:
        with self._lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None


class PgStoreWatcher:
    """The same for a PostgreSQL store: `storechange` counts the statements that changed each
    table (statement-level triggers, migration 0013), committed by any session. One small
    query per poll; it also names the tables changed in place."""

    _SQL = "SELECT tbl, n FROM storechange"

    def __init__(self, store: Store) -> None:
        self._lock = threading.Lock()
        self.conn: Connection | None = store.engine.connect()
        self.counts = self._counts()

    def _counts(self) -> dict[str, int]:
        assert self.conn is not None
        try:
            rows = self.conn.exec_driver_sql(self._SQL).all()
        finally:
            self.conn.rollback()  # no transaction held open between polls
        return {str(name): int(n) for name, n in rows if name in TABLES}

    def poll(self, *, rebase: bool = False) -> Change | None:
        with self._lock:
            if self.conn is None:
                return None
            counts = self._counts()
            changed = frozenset(
                t for t in counts.keys() | self.counts.keys() if counts.get(t) != self.counts.get(t)
            )
            self.counts = counts
            if not changed:
                return None
            return None if rebase else Change(changed)

    def close(self) -> None:
        with self._lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None


def watcher_for(store: Store) -> StoreWatcher | PgStoreWatcher | None:
    """A watcher for `store`: its file's, the server's counters, or None (in-memory)."""
    if store.dialect == "postgresql":
        return PgStoreWatcher(store)
    return StoreWatcher(str(store.path)) if store.path is not None else None
