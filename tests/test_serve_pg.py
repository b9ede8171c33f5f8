"""`creatorctl --db postgresql://… serve`: the page is served and each browser session's app
runs on the team store — with the password nowhere on a command line."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.test_serve import DEADLINE_S, Served, open_session, sessions_of, start_serve

PG_ONLY = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def _app_connections(store) -> int:  # type: ignore[no-untyped-def]
    """Sessions of other creatorctl processes on this database (application_name)."""
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name = 'creatorctl' AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        )


@pytest.fixture
def served_pg(demo_store) -> Iterator[tuple[Served, str]]:  # type: ignore[no-untyped-def]
    from tests import pg_backend

    url = pg_backend.LEG.current
    assert url is not None and sa.engine.make_url(url).password
    s = start_serve(url)  # type: ignore[arg-type]
    yield s, url
    if s.proc.poll() is None:
        s.proc.send_signal(signal.SIGTERM)
        try:
            s.proc.wait(DEADLINE_S)
        except subprocess.TimeoutExpired:
            s.proc.kill()
    for pid in sessions_of(_bare(url)):  # type: ignore[arg-type]
        os.kill(pid, signal.SIGKILL)


def _bare(url: str) -> str:
    """The URL as `serve` hands it to a session: no password."""
    from creatorctl.store_pg import split_password

    return split_password(url)[0]


def _cmdline(pid: int) -> list[str]:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


def _every_pid() -> list[int]:
    return [int(e) for e in os.listdir("/proc") if e.isdigit()]


@PG_ONLY
async def test_serve_on_postgresql_serves_the_page_and_the_app_runs_on_the_team_store(
    backend: str,
    served_pg: tuple[Served, str],
    demo_store,  # type: ignore[no-untyped-def]
) -> None:
    served, url = served_pg
    password = sa.engine.make_url(url).password
    assert password
    assert "Traceback" not in "".join(served.stderr)
    before = _app_connections(demo_store)
    http, ws, got = await open_session(served)  # the page (200), then the app's first frames
    try:
        assert got >= 2000
        # The session's app got the URL without the password on its command line.
        children = sessions_of(_bare(url))  # type: ignore[arg-type]
        assert len(children) == 1, children
        argv = _cmdline(children[0])
        assert argv[argv.index("--db") + 1] == _bare(url)
        assert password not in " ".join(argv)
        # Only `serve` itself holds it there: that is what the user typed.
        shown = [p for p in _every_pid() if password in " ".join(_cmdline(p))]
        assert shown == [served.proc.pid]
        # The app opened the team store: a creatorctl session more on this database.
        end = time.monotonic() + DEADLINE_S
        while _app_connections(demo_store) <= before and time.monotonic() < end:
            time.sleep(0.2)
        assert _app_connections(demo_store) > before
    finally:
        await ws.close()
        await http.close()
