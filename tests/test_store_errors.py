"""Stores that cannot be used (issue 10 §5): full, read-only, damaged or locked.

Each gives one line naming the store and what to do, exit 1 (CLI) or a toast (app); never
SQL text or its parameters, and never a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from creatorctl.errors import StoreError, store_error
from creatorctl.i18n import set_language
from creatorctl.store import open_store
from tests.test_cli import assert_one_line_error, invoke

SQL_WORDS = ("INSERT", "UPDATE", "SELECT", "parameters", "[SQL", "sqlalche.me")


def _with_pragma(monkeypatch: pytest.MonkeyPatch, pragma: Callable[[Any], str]) -> None:
    """Every connection the store makes runs `pragma(dbapi_conn)` first (a real SQLite limit)."""
    import creatorctl.store as store_mod

    real = store_mod._make_engine

    def make(url: str) -> sa.engine.Engine:
        engine = real(url)

        @event.listens_for(engine, "connect")
        def _limit(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute(pragma(dbapi_conn))

        return engine

    monkeypatch.setattr(store_mod, "_make_engine", make)


def _no_sql(text: str) -> None:
    for word in SQL_WORDS:
        assert word not in text, text


def test_full_store_is_one_line(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that cannot grow (PRAGMA max_page_count at its current size: SQLITE_FULL)."""
    open_store(str(db_path)).close()

    def cap(conn: Any) -> str:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        return f"PRAGMA max_page_count = {pages}"

    _with_pragma(monkeypatch, cap)
    err = assert_one_line_error(invoke("--lang", "en", "demo", db=db_path))
    assert (
        err == f"creatorctl: the store {db_path} is full (no room on its disk, or its size "
        "limit): free some space, then try again"
    )
    _no_sql(err)


def test_read_only_store_is_one_line(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real read-only connection (PRAGMA query_only; chmod does not stop root)."""
    open_store(str(db_path)).close()
    _with_pragma(monkeypatch, lambda _c: "PRAGMA query_only = ON")
    err = assert_one_line_error(invoke("--lang", "en", "accounts", "add", "someone", db=db_path))
    assert err.startswith(f"creatorctl: the store {db_path} is read-only: make the file")
    _no_sql(err)
    assert "someone" not in err  # a parameter of the failed INSERT


def test_locked_store_after_the_busy_timeout(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(str(db_path)).close()
    monkeypatch.setattr("creatorctl.store.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        err = assert_one_line_error(
            invoke("--lang", "en", "accounts", "add", "someone", db=db_path)
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert err.startswith(f"creatorctl: the store {db_path} is busy (another creatorctl")
    _no_sql(err)


def test_garbage_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    p = tmp_path / "junk.db"
    p.write_bytes(bytes(range(256)) * 64)
    p.chmod(0o600)
    err = assert_one_line_error(invoke("--lang", "en", "works", "list", db=p))
    assert str(p) in err and "not an SQLite database" in err and "--db" in err


def test_damaged_store_behind_a_valid_header(db_path: Path) -> None:
    """The header says SQLite, the pages are garbage: SQLite says 'malformed' or 'not a db'."""
    open_store(str(db_path)).close()
    data = bytearray(db_path.read_bytes())
    data[100:] = b"\xa5" * (len(data) - 100)
    db_path.write_bytes(bytes(data))
    err = assert_one_line_error(invoke("--lang", "en", "works", "list", db=db_path))
    assert err.startswith(f"creatorctl: the store {db_path} is damaged: restore it from a backup")


def test_mapping_names_store_and_hides_sql() -> None:
    set_language("en")
    orig = sqlite3.OperationalError("database or disk is full")
    wrapped = sa.exc.OperationalError("INSERT INTO comment (text) VALUES (?)", ("secret",), orig)
    assert "secret" in str(wrapped)  # what the user saw before
    mapped = store_error(wrapped, "/srv/s.db")
    assert isinstance(mapped, StoreError)
    assert str(mapped).startswith("the store /srv/s.db is full")
    assert "secret" not in str(mapped) and "INSERT" not in str(mapped)
    assert store_error(ValueError("x"), "/srv/s.db") is None
    set_language("zh")
    assert str(store_error(wrapped, "/srv/s.db")).startswith("存储 /srv/s.db 已满")


async def test_app_toasts_a_read_only_store(db_path: Path) -> None:
    """In the app a failing write is a toast with the same line, and the app keeps running."""
    from creatorctl.app import CreatorApp
    from tests.helpers import settle

    set_language("en")
    store = open_store(str(db_path))
    event.listen(store.engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = ON"))
    store.engine.dispose()
    app = CreatorApp(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.add_account("someone")
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith(f"the store {db_path} is read-only") for m in messages), messages
        for m in messages:
            _no_sql(m)
        assert app.is_running
    store.close()
