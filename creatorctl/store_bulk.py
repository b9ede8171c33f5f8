"""The unit of work for row-heavy code (imports, the demo, comment loads), handed out by the Store.

`Store.unit(conn)` wraps a connection already in a transaction; `Store.bulk()` also tunes the
connection for a big load and puts its settings back. Code holding a `Bulk` never sees the
driver: it writes ``?`` placeholders, and the unit of work speaks the engine's dialect — on
SQLite its `execute`/`executemany` *are* the sqlite3 connection's (no layer in between), on
PostgreSQL they translate the placeholders for psycopg, and `insert_rows` uses COPY.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from creatorctl.store import Unit


BULK_CACHE_KIB = 32 * 1024
"""The page cache of a bulk load's connection (SQLite). A big load touches index pages all
over its tables; with this they are not re-read from the WAL. 64 MB was slower (works
snapshots: 22 s a million rows against 18–19.6 s) and took more memory."""


class Cursor(Protocol):
    """What `Bulk.execute` returns: the DB-API cursor subset both drivers share."""

    rowcount: int

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Any: ...


class Bulk:
    """One connection inside one write transaction, for code that moves many rows.

    Attributes:
        conn: the transaction's `Unit` (for ``sa.text`` statements in the same transaction).
        dialect: ``"sqlite"`` or ``"postgresql"``: the few statements spelled differently
            (search indexes, temporary tables, suspending indexes) branch on it.
        execute: ``(sql, params=()) -> Cursor``; SQL with ``?`` placeholders.
        executemany: ``(sql, rows) -> Cursor``; the same, once per row, in one call.
    """

    execute: Callable[..., Cursor]
    executemany: Callable[..., Any]

    def __init__(self, conn: Unit, driver: Any) -> None:
        self.conn = conn
        self.dialect: str = conn.dialect.name
        self._driver = driver
        if self.dialect == "sqlite":
            # The sqlite3 connection's own methods: a million-row import pays nothing extra.
            self.execute = driver.execute
            self.executemany = driver.executemany
        else:
            self.execute = self._pg_execute
            self.executemany = self._pg_executemany

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> None:
        """Append `rows` (tuples in the order of `columns`) to `table`, the engine's fastest way:
        one prepared INSERT run for every row on SQLite, COPY on PostgreSQL."""
        cols = ", ".join(columns)
        if self.is_sqlite:
            marks = ",".join("?" * len(columns))
            self._driver.executemany(f"INSERT INTO {table}({cols}) VALUES ({marks})", rows)
            return
        with self._driver.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def trigger_sql(self, name: str) -> str | None:
        """The statement that makes trigger `name`, None if there is none. (PostgreSQL keeps
        its search indexes with no trigger: none there.)"""
        if not self.is_sqlite:
            return None
        row = self.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def plain_indexes(self, table: str) -> list[tuple[str, str]]:
        """(name, the statement that makes it) of `table`'s indexes that back no constraint,
        the ones a bulk load may drop and build again. On PostgreSQL unique indexes are left
        out too: ON CONFLICT needs them while the rows go in."""
        if self.is_sqlite:
            sql = (
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL"
            )
        else:
            sql = (
                "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass(?) "
                "AND NOT x.indisunique AND NOT x.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            )
        return [(str(n), str(q)) for n, q in self.execute(sql, (table,)).fetchall()]

    def last_id(self, table: str) -> int:
        """The largest id in `table` (0 when empty): instant, from the primary key (SQLite:
        the rowid, which an INTEGER PRIMARY KEY id is)."""
        col = "rowid" if self.is_sqlite else "id"
        return int(self.execute(f"SELECT coalesce(max({col}), 0) FROM {table}").fetchone()[0])

    def ids_taken(self, table: str) -> None:
        """After rows went in with ids given by the caller: on PostgreSQL, move the table's id
        sequence past them (SQLite hands out max(id) + 1 by itself)."""
        if not self.is_sqlite:
            self.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"greatest(coalesce(max(id), 0), 1), max(id) IS NOT NULL) FROM {table}"
            )

    def interrupt(self) -> None:
        """Stop the statement running on this connection now (from another thread); the
        transaction is then only good for a rollback."""
        if self.is_sqlite:
            self._driver.interrupt()
        else:
            self._driver.cancel()

    def _pg_execute(self, sql: str, params: Sequence[object] | None = None) -> Cursor:
        cur = self._driver.cursor()
        if params:
            cur.execute(pg_sql(sql), params)
        else:
            cur.execute(sql)  # no parameters: psycopg sends the text as it is
        return cur  # type: ignore[no-any-return]

    def _pg_executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> Cursor:
        cur = self._driver.cursor()
        cur.executemany(pg_sql(sql), rows)
        return cur  # type: ignore[no-any-return]


def tune_for_bulk(work: Bulk, *, temp_store: bool) -> Callable[[], None]:
    """Set a bulk load's PRAGMAs on `work`'s connection; returns what puts them back."""
    if not work.is_sqlite:
        return lambda: None
    # PRAGMA temp_store drops the connection's temporary tables: only on a connection
    # of its own, before its transaction.
    pragmas = ("cache_size", "temp_store") if temp_store else ("cache_size",)
    before = {p: int(work.execute(f"PRAGMA {p}").fetchone()[0]) for p in pragmas}
    work.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    if temp_store:
        work.execute("PRAGMA temp_store=MEMORY")
    driver_error = work.conn.dialect.loaded_dbapi.Error

    def restore() -> None:
        with suppress(driver_error):  # an interrupted connection still takes PRAGMAs
            for p, value in before.items():
                work.execute(f"PRAGMA {p}={value}")

    return restore


_TOKEN_RE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=256)
def pg_sql(sql: str) -> str:
    """qmark SQL → psycopg's format style: ``?`` → ``%s`` and ``%`` → ``%%`` (psycopg reads
    ``%`` everywhere, in quoted text too); a ``?`` in quoted text or a quoted name stays."""

    def swap(m: re.Match[str]) -> str:
        tok = m.group(0)
        return "%s" if tok == "?" else tok.replace("%", "%%")

    return _TOKEN_RE.sub(swap, sql)
