"""`Store.bulk()` and `Store.unit()`: the one way row-heavy code reaches the driver.

The PostgreSQL cases run in the test session's PostgreSQL database (`pg_session_url`), in
temporary tables rolled back afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.store import BULK_CACHE_KIB
from creatorctl.store_bulk import Bulk, pg_sql

PACKAGE = Path(__file__).parent.parent / "creatorctl"


def _pragma(store, name: str) -> int:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return int(conn.exec_driver_sql(f"PRAGMA {name}").scalar_one())


def _sqlite_only(store) -> None:  # type: ignore[no-untyped-def]
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's PRAGMAs and writer marker file")


def test_bulk_tunes_the_connection_and_puts_it_back(store) -> None:  # type: ignore[no-untyped-def]
    _sqlite_only(store)
    cache, temp = _pragma(store, "cache_size"), _pragma(store, "temp_store")
    assert cache != -BULK_CACHE_KIB and temp != 2
    with store.bulk() as work:
        assert work.execute("PRAGMA cache_size").fetchone()[0] == -BULK_CACHE_KIB
        assert work.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        work.execute("INSERT INTO setting(key, value) VALUES (?, ?)", ("k", "v"))
    # The pooled connection (a file store keeps one) is back as it was, and the row committed.
    assert (_pragma(store, "cache_size"), _pragma(store, "temp_store")) == (cache, temp)
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT value FROM setting WHERE key='k'").scalar() == "v"


def test_bulk_rolls_back_on_error_and_on_a_dry_run(store) -> None:  # type: ignore[no-untyped-def]
    sqlite = store.engine.dialect.name == "sqlite"
    cache = _pragma(store, "cache_size") if sqlite else None
    with pytest.raises(RuntimeError), store.bulk() as work:
        work.execute("INSERT INTO setting(key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")
    with store.bulk(commit=False) as work:
        work.execute("INSERT INTO setting(key, value) VALUES ('b', '1')")
    with store.read() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM setting WHERE key IN ('a','b')").scalar()
    assert n == 0
    assert (_pragma(store, "cache_size") if sqlite else None) == cache


def test_bulk_on_a_callers_transaction_tunes_only_the_block(store) -> None:  # type: ignore[no-untyped-def]
    _sqlite_only(store)
    cache = _pragma(store, "cache_size")
    with store.write() as conn:
        with store.bulk(conn) as work:
            assert work.conn is conn
            assert work.execute("PRAGMA cache_size").fetchone()[0] == -BULK_CACHE_KIB
            work.insert_rows("setting", ("key", "value"), [("x", "1"), ("y", "2")])
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == cache
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM setting WHERE key IN ('x','y')").scalar()


def test_a_long_bulk_names_itself_for_waiting_writers(store) -> None:  # type: ignore[no-untyped-def]
    _sqlite_only(store)
    marker = Path(f"{store.path}-writer")
    with store.bulk(long="import"):
        assert "import" in marker.read_text()
    assert not marker.exists()


def test_unit_changes_no_setting(store) -> None:  # type: ignore[no-untyped-def]
    _sqlite_only(store)
    cache = _pragma(store, "cache_size")
    with store.write() as conn:
        work = store.unit(conn)
        assert work.is_sqlite and work.execute("PRAGMA cache_size").fetchone()[0] == cache


def test_qmark_sql_becomes_psycopg_format() -> None:
    assert pg_sql("SELECT a FROM t WHERE b = ? AND c LIKE '%x?' AND d = ?") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE '%%x?' AND d = %s"
    )
    assert pg_sql('SELECT "we?ird" FROM t WHERE x % 2 = ?') == (
        'SELECT "we?ird" FROM t WHERE x %% 2 = %s'
    )


def test_only_the_store_reaches_the_driver() -> None:
    """Issue 14 §1: `driver_connection` only in store.py; no domain function takes a sqlite3
    connection (status.py, watch.py and publish_ledger.py open their own read-only or
    side files with sqlite3 on purpose: they are not the store's door)."""
    own_sqlite = {"status.py", "watch.py", "publish_ledger.py"}
    reach, raw_params = [], []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        if "driver_connection" in text and rel != "store.py":
            reach.append(rel)
        if rel not in own_sqlite and re.search(r"sqlite3\.Connection", text):
            raw_params.append(rel)
    assert reach == [] and raw_params == []


@pytest.fixture
def pg_work(pg_session_url: str) -> Iterator[Bulk]:
    url = sa.engine.make_url(pg_session_url).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(url)
    with engine.connect() as conn, conn.begin() as trans:
        conn.exec_driver_sql(
            "CREATE TEMP TABLE bulk_t(id serial PRIMARY KEY, name text UNIQUE, n integer)"
        )
        yield Bulk(conn, conn.connection.driver_connection)
        trans.rollback()
    engine.dispose()


def test_pg_unit_speaks_qmark_and_copies(pg_work: Bulk) -> None:
    assert pg_work.dialect == "postgresql"
    pg_work.insert_rows("bulk_t", ("name", "n"), [(f"r{i}", i) for i in range(1000)])
    pg_work.executemany(
        "INSERT INTO bulk_t(name, n) VALUES (?, ?) ON CONFLICT DO NOTHING", [("r1", 5), ("new", 7)]
    )
    row = pg_work.execute(
        "SELECT count(*), sum(n) FROM bulk_t WHERE name LIKE ? OR name = '100%'", ("r%",)
    ).fetchone()
    assert tuple(row) == (1000, sum(range(1000)))
    assert pg_work.execute("SELECT n FROM bulk_t WHERE name = 'new'").fetchone()[0] == 7


def test_screens_open_no_transaction_and_write_no_sql() -> None:
    """Issue 14 §1: the UI calls domain functions; it never holds a transaction or a query
    (fans and data tabs used to open `store.read()` for `periods.last_days`)."""
    pattern = re.compile(
        r"store\.(read|write|try_write|session|bulk|unit|begin_write)\(|\.execute\(|"
        r"\"\s*(SELECT|INSERT|UPDATE|DELETE)\s"
    )
    ui = [
        PACKAGE / "app.py",
        *(PACKAGE / "screens").rglob("*.py"),
        *(PACKAGE / "widgets").rglob("*.py"),
    ]
    offenders = [
        f"{p.relative_to(PACKAGE)}:{n}"
        for p in ui
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
