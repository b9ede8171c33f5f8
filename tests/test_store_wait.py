"""A writer that finds the store locked by a long import waits, says so once, and succeeds;
if the lock outlasts WRITE_WAIT_MAX_S it gives up with one line."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from creatorctl import store_wait
from creatorctl.store import open_store
from tests.test_cli_drafts import Run


def _hold(db: Path, seconds: float, marker: bool = True) -> threading.Thread:
    """Another 'import': BEGIN IMMEDIATE on the store for `seconds`, named in the marker."""
    ready = threading.Event()

    def run() -> None:
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        if marker:
            store_wait.write_marker(Path(f"{db}-writer"), "import")
        ready.set()
        time.sleep(seconds)
        con.execute("ROLLBACK")
        Path(f"{db}-writer").unlink(missing_ok=True)
        con.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(5)
    return thread


@pytest.fixture
def run(tmp_path: Path) -> Run:
    r = Run(tmp_path / "s.db", {"CREATORCTL_CONFIG": str(tmp_path / "none.toml")})
    assert r("accounts", "add", "me")[0] == 0
    return r


def test_a_cli_write_waits_for_an_import_and_says_so_once(run: Run) -> None:
    import os

    holder = _hold(run.db, 2.5)
    began = time.monotonic()
    code, out, err = run("drafts", "add", "--title", "等一等", "--video", "/v.mp4")
    assert code == 0, err
    assert 2.0 < time.monotonic() - began < 8
    assert err.count(f"waiting for an import in process {os.getpid()}…") == 1
    assert out.strip().isdigit()
    holder.join()


def test_a_writer_gives_up_in_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(store_wait, "WRITE_WAIT_MAX_S", 1.5)
    holder = _hold(run.db, 4)
    code, _out, err = run("drafts", "add", "--title", "等不及", "--video", "/v.mp4")
    lines = err.strip().splitlines()
    assert code == 1
    assert lines[0] == f"creatorctl: waiting for an import in process {os.getpid()}…"
    assert len(lines) == 2 and "is still locked after 2 s" in lines[1] and "SELECT" not in err
    holder.join()
    store = open_store(str(run.db))
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM draft").scalar_one() == 0
    store.close()
