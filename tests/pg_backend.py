"""The PostgreSQL leg of the test suite: a server, a throwaway database per test session.

`CREATORCTL_TEST_PG_URL` names a server and a role that may create databases, e.g.
`postgresql://ci:secret@127.0.0.1/postgres` (`.ci/run` sets it). Without it, on a box where
Debian's PostgreSQL is installed and the tests run as root, the cluster is started
(`pg_ctlcluster 15 main start`) and a throwaway role made for this session. Each test session
(each xdist worker) makes its own database, migrates it once, and empties it before every
test that runs on PostgreSQL; the database and the role are dropped at the end.

When no server can be had the PostgreSQL leg is skipped with a loud message, and fails when
`CI=true`.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass, field

ENV = "CREATORCTL_TEST_PG_URL"


@dataclass
class PgLeg:
    url: str | None = None
    """The session database's URL, once made."""
    error: str | None = None
    """Why there is no PostgreSQL leg, once that is known."""
    tables: list[str] = field(default_factory=list)
    sequences: list[str] = field(default_factory=list)
    current: str | None = None
    """The store URL of the test running now on PostgreSQL (None on SQLite)."""


LEG = PgLeg()


def _as_postgres(sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _local_server() -> str:
    """Start Debian's cluster if needed and make a throwaway role; return its server URL."""
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster") or not shutil.which("runuser"):
        raise RuntimeError(f"{ENV} is not set and no local PostgreSQL cluster can be started")
    subprocess.run(
        ["pg_ctlcluster", "15", "main", "start"], capture_output=True, timeout=60, check=False
    )
    role = f"creatorctl_test_{os.getpid()}"
    password = secrets.token_hex(12)
    done = _as_postgres(f"CREATE ROLE {role} LOGIN CREATEDB PASSWORD '{password}'")
    if done.returncode != 0:
        raise RuntimeError(f"cannot make a test role: {done.stderr.strip() or done.stdout}")
    atexit.register(_as_postgres, f"DROP ROLE IF EXISTS {role}")
    port = _as_postgres("SHOW port").stdout.strip() or "5432"
    return f"postgresql://{role}:{password}@127.0.0.1:{port}/postgres"


def session_url() -> str:
    """The session database (made and migrated on first use); raises RuntimeError if none."""
    if LEG.url is not None:
        return LEG.url
    if LEG.error is not None:
        raise RuntimeError(LEG.error)
    try:
        LEG.url = _make_session_db()
    except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL leg
        LEG.error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
        raise RuntimeError(LEG.error) from exc
    return LEG.url


def _make_session_db() -> str:
    import psycopg
    import sqlalchemy as sa

    server = os.environ.get(ENV) or _local_server()
    base = sa.engine.make_url(server).set(drivername="postgresql")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"creatorctl_t_{worker}_{os.getpid()}"
    admin_url = base.set(database=base.database or "postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        try:
            with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception:  # noqa: BLE001, S110 - best effort at exit
            pass

    atexit.register(drop)
    url = base.set(database=name).render_as_string(hide_password=False)
    from creatorctl.store import open_store

    store = open_store(url)
    with store.read() as conn:
        LEG.tables = [t.name for t in reversed(_sorted_tables(conn))]
    store.close()
    return url


def _sorted_tables(conn):  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    md = sa.MetaData()
    md.reflect(bind=conn)
    return [t for t in md.sorted_tables if t.name != "alembic_version"]


def reset() -> str:
    """Empty the session database (every table, ids from 1 again); return its URL."""
    import psycopg

    url = session_url()
    with psycopg.connect(url, autocommit=False) as conn:
        conn.execute("SET synchronous_commit = off")
        if not LEG.sequences:
            LEG.sequences = [
                r[0]
                for r in conn.execute(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
                )
            ]
        for table in LEG.tables:
            conn.execute(f'DELETE FROM "{table}"')
        for seq in LEG.sequences:
            conn.execute(f"SELECT setval('{seq}', 1, false)")
        conn.commit()
    return url


_COPIES: dict[str, list[tuple[str, list[str], list[tuple[object, ...]]]]] = {}


def load_copy_of(sqlite_path: str) -> str:
    """Empty the session database and fill it with the rows of a SQLite store (the small demo,
    made once per session by SQLite's generator): the same data on both backends."""
    import sqlite3

    import psycopg

    url = reset()
    if sqlite_path not in _COPIES:
        src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
        tables = []
        present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in reversed(LEG.tables):  # parents first
            if table not in present:
                continue
            cur = src.execute(f'SELECT * FROM "{table}"')
            cols = [d[0] for d in cur.description]
            tables.append((table, cols, cur.fetchall()))
        src.close()
        _COPIES[sqlite_path] = tables
    with psycopg.connect(url) as conn:
        conn.execute("SET synchronous_commit = off")
        for table, cols, rows in _COPIES[sqlite_path]:
            if not rows:
                continue
            names = ", ".join(f'"{c}"' for c in cols)
            with conn.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            if "id" in cols:
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f'(SELECT max(id) FROM "{table}"))'
                )
        conn.commit()
    return url


def scratch_db(tag: str) -> str:
    """A new empty database of its own (no schema), dropped at exit: for a test that needs a
    store at an older revision. Raises RuntimeError when there is no server, like `reset`."""
    import psycopg
    import sqlalchemy as sa

    session = sa.engine.make_url(session_url())
    name = f"{session.database}_{tag}"
    admin_url = session.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        try:
            with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception:  # noqa: BLE001, S110 - best effort at exit
            pass

    atexit.register(drop)
    return session.set(database=name).render_as_string(hide_password=False)
