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
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


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
        conn: the SQLAlchemy connection (for ``sa.text`` statements in the same transaction).
        dialect: ``"sqlite"`` or ``"postgresql"``: the few statements spelled differently
            (search indexes, temporary tables, suspending indexes) branch on it.
        execute: ``(sql, params=()) -> Cursor``; SQL with ``?`` placeholders.
        executemany: ``(sql, rows) -> Cursor``; the same, once per row, in one call.
    """

    execute: Callable[..., Cursor]
    executemany: Callable[..., Any]

    def __init__(self, conn: Connection, driver: Any) -> None:
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


_TOKEN_RE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=256)
def pg_sql(sql: str) -> str:
    """qmark SQL → psycopg's format style: ``?`` → ``%s`` and ``%`` → ``%%`` (psycopg reads
    ``%`` everywhere, in quoted text too); a ``?`` in quoted text or a quoted name stays."""

    def swap(m: re.Match[str]) -> str:
        tok = m.group(0)
        return "%s" if tok == "?" else tok.replace("%", "%%")

    return _TOKEN_RE.sub(swap, sql)
