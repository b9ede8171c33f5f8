"""The PostgreSQL store itself: URLs, the write lock that serialises writers as SQLite's single
writer does, waiting and giving up, short transactions, one-line errors (issue 14 §3)."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from creatorctl.errors import StoreError
from creatorctl.store import open_store, resolve_location
from tests.backends import hold_write_lock

PG_ONLY = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def test_a_password_never_shows_in_the_stores_name() -> None:
    from creatorctl.store_pg import label

    url, _ = resolve_location("postgresql://ops:s3cret@db.example:5433/team")
    assert "s3cret" in url  # the driver needs it
    assert label(url) == "postgresql+psycopg://ops:***@db.example:5433/team"


@PG_ONLY
def test_the_store_is_postgresql_with_text_instants(backend, store) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from creatorctl.accounts import add_account

    assert store.dialect == "postgresql" and store.path is None
    assert "***" in store.label
    add_account(store, "me")
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE account SET created_at=:t"), {"t": datetime(2026, 11, 26, 8, 0, 5, 7)}
        )
        stored = conn.execute(sa.text("SELECT created_at FROM account")).scalar_one()
        # Bound as SQLite's driver binds it, and compared as text with a bound datetime.
        assert stored == "2026-11-26 08:00:05.000007"
        later = conn.execute(
            sa.text("SELECT count(*) FROM account WHERE created_at < :t"),
            {"t": datetime(2026, 11, 26, 8, 0, 6)},
        ).scalar_one()
        assert later == 1


@PG_ONLY
def test_writers_take_turns_and_readers_never_wait(backend, store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import add_account, list_accounts

    add_account(store, "a1")
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with store.write() as conn:
            conn.execute(sa.text("UPDATE account SET nickname='first'"))
            inside.set()
            time.sleep(0.8)
            order.append("first done")

    t = threading.Thread(target=first)
    t.start()
    inside.wait(5)
    t0 = time.monotonic()
    assert list_accounts(store)[0].nickname == "a1"  # a reader: the old row, at once
    assert time.monotonic() - t0 < 0.5
    with store.write() as conn:  # a second writer waits for the first's commit
        order.append("second in")
        assert conn.execute(sa.text("SELECT nickname FROM account")).scalar_one() == "first"
    t.join()
    assert order == ["first done", "second in"]


@PG_ONLY
def test_try_write_gives_up_at_once_while_an_import_holds_the_lock(backend, store) -> None:  # type: ignore[no-untyped-def]
    with hold_write_lock(store):
        t0 = time.monotonic()
        with store.try_write(200) as conn:
            assert conn is None
        assert time.monotonic() - t0 < 2.0
    with store.try_write(200) as conn:
        assert conn is not None


@PG_ONLY
def test_a_waiting_writer_says_so_once_and_gives_up_with_one_line(backend, store) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    store.on_wait = said.append
    with hold_write_lock(store), pytest.raises(StoreError) as err:
        conn = store.write_engine.connect()
        try:
            store.begin_write(conn, max_wait=1.5)
        finally:
            conn.close()
    assert len(said) == 1
    assert "\n" not in str(err.value) and "***" in str(err.value)


@PG_ONLY
def test_a_transaction_left_idle_is_ended_by_the_server(backend, store) -> None:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        value = conn.exec_driver_sql("SHOW idle_in_transaction_session_timeout").scalar_one()
    assert value == "1min"


def test_an_unreachable_server_is_one_line() -> None:
    from tests.test_cli import assert_one_line_error, invoke

    err = assert_one_line_error(
        invoke("--db", "postgresql://nobody:pw@127.0.0.1:1/team", "accounts", "list")
    )
    assert "pw@" not in err and "127.0.0.1" in err


@PG_ONLY
def test_the_postgresql_leg_really_runs_on_postgresql(backend, store_db) -> None:  # type: ignore[no-untyped-def]
    s = open_store(store_db)
    with s.read() as conn:
        assert conn.exec_driver_sql("SELECT version()").scalar_one().startswith("PostgreSQL")
    s.close()


def test_a_failing_command_names_the_team_store_without_its_password(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import creatorctl.cli as cli

    monkeypatch.setattr(cli, "_db_option", "postgresql://ops:s3cret@127.0.0.1/team")
    assert cli._store_label() == "postgresql+psycopg://ops:***@127.0.0.1/team"


@PG_ONLY
def test_status_reads_a_team_store_as_it_reads_the_file(backend, demo_store, demo_db) -> None:  # type: ignore[no-untyped-def]
    """`creatorctl status` on PostgreSQL: psycopg alone, read-only, the same facts."""
    from datetime import datetime

    from creatorctl.status import read_status

    now = datetime(2026, 11, 26, 2, 0)
    on_pg = read_status(demo_store.url, None, now)
    assert on_pg == read_status(demo_db, None, now)
    assert on_pg.account and on_pg.unread_messages > 0
