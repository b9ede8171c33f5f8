"""Load: a 300k-row import holds the main store's write lock while a post falls due. The post
still goes out ≤ 2 s late (claimed and recorded in the publishing ledger), a CLI write made
during the import waits and succeeds, and the draft reads `published` once the import ends."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, timedelta
from pathlib import Path

import sqlalchemy as sa

from creatorctl.timeutil import as_datetime, utcnow_exact
from tests._drafts_support import (
    ROOT,
    insert_due,
    new_store,
    scheduler_cmd,
    scheduler_env,
    write_config,
    write_script,
)
from tests.import_helpers import WORKS_HEADER, works_row, write_csv

ROWS = 300_000


def _wait(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_a_post_goes_out_on_time_during_a_300k_row_import(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    db = tmp_path / "store.db"
    marker = Path(f"{db}-writer")
    big = write_csv(
        tmp_path / "big_20261025.csv",
        [WORKS_HEADER] + [works_row(f"作品{i}", i, f"9{i}") for i in range(ROWS)],
    )
    ran = tmp_path / "ran.txt"
    hook = write_script(
        tmp_path / "hook.sh",
        f"date +%s.%N > '{ran}.tmp'\n[ -e '{marker}' ] && echo during >> '{ran}.tmp'\n"
        f"mv '{ran}.tmp' '{ran}'\necho '{{\"item_id\": \"7300000000000000009\"}}'\n",
    )
    config = write_config(
        tmp_path / "config.toml", f'[publish]\ncommand = ["{hook}"]\npoll_seconds = 0.2\n'
    )
    env = {**scheduler_env(config), "CREATORCTL_DB": str(db)}
    sched = subprocess.Popen(
        scheduler_cmd(db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    importer = None
    try:
        (draft_id,) = insert_due(store, acc, [utcnow_exact() + timedelta(seconds=5)], "/v.mp4")
        with store.read() as conn:
            due = conn.execute(
                sa.text("SELECT next_try_at FROM draft WHERE id=:i"), {"i": draft_id}
            ).scalar_one()
        importer = subprocess.Popen(
            [sys.executable, "-m", "creatorctl", "import", str(big)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert _wait(marker.exists, 60), "the import never took the lock"
        writer = subprocess.Popen(  # a CLI write while the import holds the lock
            [sys.executable, "-m", "creatorctl", "drafts", "add", "--title", "导入时新建"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert _wait(ran.exists, 30), "the post never went out"
        went_out, *during = ran.read_text().split()
        lateness = float(went_out) - as_datetime(due).replace(tzinfo=UTC).timestamp()
        assert during == ["during"], "the import had finished: the test proved nothing"
        assert lateness <= 2.0, lateness
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert out.strip().isdigit() and "waiting for an import in process" in err
        out, err = importer.communicate(timeout=300)
        assert importer.returncode == 0, err
        # The result reached the main store once the import let go.
        assert _wait(lambda: _state(store, draft_id) == "published", 20)
    finally:
        sched.terminate()
        sched.wait(30)
        if importer is not None and importer.poll() is None:
            importer.kill()
    with store.read() as conn:
        item = conn.execute(
            sa.text("SELECT item_id FROM work WHERE draft_id=:d"), {"d": draft_id}
        ).scalar_one()
        works = conn.execute(sa.text("SELECT count(*) FROM work")).scalar_one()
    assert item == "7300000000000000009" and works == ROWS + 1
    store.close()


def _state(store, draft_id: int) -> str:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return str(
            conn.execute(sa.text("SELECT state FROM draft WHERE id=:i"), {"i": draft_id}).scalar()
        )
