"""kill -9 in the middle of a large import leaves the store exactly as it was (Linux: the test
watches the importer's read position in /proc to kill it mid-file)."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.import_helpers import WORKS_HEADER, works_row, write_csv

ROOT = Path(__file__).resolve().parent.parent


def _read_position(pid: int, path: Path) -> int | None:
    """How far process `pid` has read `path` (Linux /proc), or None if it has not opened it."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            if os.readlink(fd) == str(path):
                for line in Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().splitlines():
                    if line.startswith("pos:"):
                        return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def _dump(db: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_kill_9_mid_import_changes_nothing(import_db: str, tmp_path: Path) -> None:
    # Something in the store already, so "as before" is not just "empty".
    small = write_csv(
        tmp_path / "small_20261020.csv", [WORKS_HEADER, works_row("已有作品", 5, "1")]
    )
    big_rows = [WORKS_HEADER] + [works_row(f"作品{i}", i, f"9{i}") for i in range(150_000)]
    big = write_csv(tmp_path / "big_20261025.csv", big_rows)
    env = {**os.environ, "CREATORCTL_DB": import_db, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "creatorctl", "import"]
    subprocess.run([*cmd, str(small)], env=env, check=True, capture_output=True)
    con = sqlite3.connect(import_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before_bytes = hashlib.sha256(Path(import_db).read_bytes()).hexdigest()
    before_rows = _dump(import_db)

    proc = subprocess.Popen(
        [*cmd, str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    size = big.stat().st_size
    deadline = time.monotonic() + 120
    killed_at = None
    while time.monotonic() < deadline and proc.poll() is None:
        pos = _read_position(proc.pid, big)
        if pos is not None and pos > size // 4:
            os.kill(proc.pid, signal.SIGKILL)
            killed_at = pos
            break
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert killed_at is not None and killed_at < size, "the import ended before it could be killed"
    assert proc.returncode == -signal.SIGKILL

    assert hashlib.sha256(Path(import_db).read_bytes()).hexdigest() == before_bytes
    assert _dump(import_db) == before_rows
    con = sqlite3.connect(import_db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM work").fetchone() == (1,)
    con.close()
