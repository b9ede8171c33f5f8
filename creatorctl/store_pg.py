"""The PostgreSQL side of the one door: URL, engine, write transactions, schema details.

Imported only when `--db` names a `postgresql://` store, so the SQLite start-up path never
loads psycopg. What the rest of creatorctl sees is the same `Store` as on SQLite:

- **Writes are serialised per store**, as SQLite's single writer serialises them: every write
  transaction first takes one transaction-scoped advisory lock. Domain code written for SQLite
  (read, decide, write in one transaction) keeps its meaning; readers never wait (MVCC).
  Exactly-once claims do not rely on it: they use `UPDATE … RETURNING` on their own.
- **Short transactions**: a writer waits for the lock at most `lock_timeout` at a time (saying
  once that it waits, as on SQLite), and a session left idle inside a transaction is ended by
  the server after `IDLE_TX_TIMEOUT_MS`.
- **Stored instants are TEXT** in the one stored format (as SQLite keeps them), so the same
  SQL compares and slices them on both backends; `DateTime`/`Date` columns are created as TEXT.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles

from creatorctl.errors import StoreError

if TYPE_CHECKING:
    from creatorctl.store import Store

DRIVER = "postgresql+psycopg"
IDLE_TX_TIMEOUT_MS = 60_000
"""The server ends a session that sits idle inside a transaction this long (a crashed UI)."""
WRITE_LOCK_KEY = 0x63726561746F72
"""The advisory lock every write transaction takes first ("creator" in hex)."""


def pg_url(db: str, url: sa.engine.URL) -> str:
    """`postgresql://…`, `postgres://…` or `postgresql+psycopg://…` as an SQLAlchemy URL.

    `postgresql:///team` is the database `team` over the local Unix socket (peer auth)."""
    if url.drivername not in ("postgresql", "postgres", DRIVER):
        raise StoreError(f"unsupported PostgreSQL driver in {db!r}: use postgresql:///DATABASE")
    if not url.database:
        raise StoreError(f"--db {db!r} names no database: use postgresql:///DATABASE")
    return url.set(drivername=DRIVER).render_as_string(hide_password=False)


def label(url: str) -> str:
    """The store as a user would name it in a message: the URL without its password."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def split_password(url: str) -> tuple[str, str | None]:
    """`url` as a user writes it (`postgresql://…`) with no password, neither in its user part
    nor as `?password=`; and the password (None if it had none). For what others may read —
    files on disk (the scheduler's unit: the password belongs in `~/.pgpass`, which libpq reads
    by itself), other processes' command lines (`serve`'s sessions get it as PGPASSWORD)."""
    parsed = sa.engine.make_url(url)
    password = parsed.password
    if password is None and "password" in parsed.query:
        given = parsed.query["password"]
        password = given if isinstance(given, str) else given[-1]
    bare = parsed._replace(drivername="postgresql", password=None)
    bare = bare.difference_update_query(["password"])
    return bare.render_as_string(hide_password=False), None if password is None else str(password)


def without_password(url: str) -> tuple[str, bool]:
    """`split_password`'s URL, and whether a password was left out."""
    bare, password = split_password(url)
    return bare, password is not None


def make_engine(url: str) -> Engine:
    engine = sa.create_engine(
        url,
        pool_size=4,
        max_overflow=8,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": 10,
            "application_name": "creatorctl",
            "options": f"-c idle_in_transaction_session_timeout={IDLE_TX_TIMEOUT_MS}",
        },
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        _bind_instants_as_text(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        opts = conn.get_execution_options()
        if opts.get("sqlite_begin") != "IMMEDIATE":
            return
        wait_ms = int(opts.get("lock_wait_ms") or 0)
        if wait_ms:
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {wait_ms}")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        if wait_ms:
            conn.exec_driver_sql("SET LOCAL lock_timeout = 0")

    return engine


def _bind_instants_as_text(dbapi_conn: Any) -> None:
    """Bind `datetime` as the store's one stored form (`timeutil.to_db`, as creatorctl.store
    binds it on SQLite) and `date` as ISO text, so the same parameters write and compare alike
    on both backends."""
    import datetime as dt

    from psycopg.adapt import Dumper

    from creatorctl.timeutil import to_db

    text_oid = dbapi_conn.adapters.types["text"].oid

    class InstantDumper(Dumper):
        oid = text_oid

        def dump(self, obj: Any) -> bytes:
            return to_db(obj).encode()

    class DayDumper(Dumper):
        oid = text_oid

        def dump(self, obj: Any) -> bytes:
            return obj.isoformat().encode()

    dbapi_conn.adapters.register_dumper(dt.datetime, InstantDumper)
    dbapi_conn.adapters.register_dumper(dt.date, DayDumper)


def is_lock_timeout(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) == "55P03"


def begin_write(
    store: Store, conn: Connection, max_wait: float | None, first_try_ms: int
) -> sa.RootTransaction:
    """Begin a write transaction on `conn`: wait for the store's write lock as SQLite does
    (quietly for `first_try_ms`, then saying once, giving up after `max_wait` seconds)."""
    from creatorctl.i18n import t
    from creatorctl.store_wait import WRITE_WAIT_MAX_S, _say

    limit = WRITE_WAIT_MAX_S if max_wait is None else max_wait
    began = time.monotonic()
    announced = False
    step = conn.execution_options(lock_wait_ms=first_try_ms)
    while True:
        try:
            return step.begin()
        except sa.exc.OperationalError as exc:
            if not is_lock_timeout(exc):
                raise
            if conn.in_transaction():
                conn.rollback()
        waited = time.monotonic() - began
        if waited >= limit:
            raise StoreError(
                t(
                    "store.gave_up",
                    store=label(store.url),
                    s=f"{waited:.0f}",
                    holder=t("store.wait_other"),
                )
            ) from None
        if not announced:
            announced = True
            _say(store, t("store.wait_other"))
        step = conn.execution_options(lock_wait_ms=int(max(0.05, min(limit - waited, 10.0)) * 1000))


def try_begin_write(conn: Connection, timeout_ms: int) -> sa.RootTransaction | None:
    """A write transaction if the write lock comes within `timeout_ms`, else None."""
    try:
        return conn.execution_options(lock_wait_ms=max(1, timeout_ms)).begin()
    except sa.exc.OperationalError as exc:
        if not is_lock_timeout(exc):
            raise
        if conn.in_transaction():
            conn.rollback()
        return None


def has_table(conn: Connection, name: str) -> bool:
    return conn.exec_driver_sql(f"SELECT to_regclass('{name}') IS NOT NULL").scalar() is True


# Stored instants are TEXT on both backends (one format, compared and sliced as text).
@compiles(sa.DateTime, "postgresql")
@compiles(sa.Date, "postgresql")
def _instant_as_text(_type: Any, _compiler: Any, **_kw: Any) -> str:
    return "TEXT"
