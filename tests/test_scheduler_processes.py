"""Exactly once, proved with real processes: several `creatorctl scheduler run` on one store."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from creatorctl.timeutil import utcnow_exact
from tests._drafts_support import (
    insert_due,
    new_store,
    scheduler_cmd,
    scheduler_env,
    states,
    write_config,
    write_script,
)


def _wait(predicate, timeout: float, step: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def _stop(procs: list[subprocess.Popen[str]]) -> list[int]:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    return [p.wait(timeout=20) for p in procs]


def test_four_schedulers_publish_200_posts_exactly_once(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    out = tmp_path / "published.txt"
    hook = write_script(tmp_path / "hook.sh", f"printf '%s\\n' \"$1\" >> '{out}'\n")
    config = write_config(
        tmp_path / "config.toml",
        f'[publish]\ncommand = ["{hook}", "{{draft_id}}"]\ntimeout = 20\n'
        "claim_timeout = 60\npoll_seconds = 0.2\n",
    )
    # Due within a few seconds, while the four processes are starting up.
    start = utcnow_exact() + timedelta(seconds=3)
    ids = insert_due(
        store, acc, [start + timedelta(milliseconds=10 * i) for i in range(200)], "/v/a.mp4"
    )
    procs = [
        subprocess.Popen(
            scheduler_cmd(tmp_path / "store.db"),
            env=scheduler_env(config),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    try:
        done = _wait(lambda: states(store).get("published", 0) == 200, timeout=45)
    finally:
        codes = _stop(procs)
    logs = [p.stdout.read() if p.stdout else "" for p in procs]
    assert done, (states(store), logs)
    assert codes == [0, 0, 0, 0], [p.stderr.read() if p.stderr else "" for p in procs]
    lines = out.read_text().split()
    counts = Counter(int(x) for x in lines)
    assert sorted(counts) == sorted(ids)  # none lost
    assert set(counts.values()) == {1}  # none twice
    with store.read() as conn:
        works = conn.execute(
            sa.text(
                "SELECT count(*), count(DISTINCT draft_id) FROM work WHERE draft_id IS NOT NULL"
            )
        ).one()
        attempts = conn.execute(
            sa.text("SELECT count(*), sum(ok), count(DISTINCT worker_id) FROM publishattempt")
        ).one()
    assert tuple(works) == (200, 200)
    assert attempts[0] == 200 and attempts[1] == 200
    assert attempts[2] >= 2, "the posts were shared between processes"
    assert sum(line.count("published #") for line in logs) == 200  # one log line per publish
    store.close()


def test_a_killed_scheduler_leaves_a_claim_that_another_recovers(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    out = tmp_path / "published.txt"
    mark = tmp_path / "first-run.pid"
    # The first run hangs (it stands for a slow upload); later runs publish.
    hook = write_script(
        tmp_path / "hook.sh",
        f"if [ ! -e '{mark}' ]; then echo $$ > '{mark}'; sleep 60; fi\n"
        f"printf '%s\\n' \"$1\" >> '{out}'\n",
    )
    config = write_config(
        tmp_path / "config.toml",
        f'[publish]\ncommand = ["{hook}", "{{draft_id}}"]\ntimeout = 90\n'
        "claim_timeout = 2\npoll_seconds = 0.2\n",
    )
    (draft_id,) = insert_due(store, acc, [utcnow_exact() + timedelta(seconds=1)], "/v/a.mp4")
    first = subprocess.Popen(
        scheduler_cmd(tmp_path / "store.db"),
        env=scheduler_env(config),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait(lambda: mark.exists() and mark.read_text().strip() != "", timeout=20)
    finally:
        first.kill()  # SIGKILL: no chance to clean up
        first.wait()
    # The hook dies with it, as under systemd (control-group kill) or a power cut.
    os.kill(int(mark.read_text()), signal.SIGKILL)
    with store.read() as conn:
        row = conn.execute(
            sa.text("SELECT state, claimed_by, claimed_at FROM draft WHERE id=:i"), {"i": draft_id}
        ).one()
    assert row.state == "publishing" and row.claimed_by.startswith("headless@")

    second = subprocess.Popen(
        scheduler_cmd(tmp_path / "store.db"),
        env=scheduler_env(config),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait(lambda: states(store).get("published", 0) == 1, timeout=20)
    finally:
        assert _stop([second]) == [0]
    assert out.read_text().split() == [str(draft_id)]
    with store.read() as conn:
        tries = conn.execute(
            sa.text(
                "SELECT ok, error, worker_id FROM publishattempt WHERE draft_id=:i ORDER BY id"
            ),
            {"i": draft_id},
        ).all()
        draft = conn.execute(
            sa.text("SELECT attempts, published_at, work_id FROM draft WHERE id=:i"),
            {"i": draft_id},
        ).one()
    assert [bool(t.ok) for t in tries] == [False, True]
    assert "died" in tries[0].error  # the abandoned try is logged
    assert tries[0].worker_id != tries[1].worker_id
    assert draft.attempts == 2 and draft.work_id is not None
    store.close()


def test_ctrl_c_stops_the_headless_scheduler_cleanly(tmp_path: Path) -> None:
    store, _acc = new_store(tmp_path)
    config = write_config(tmp_path / "config.toml", "[publish]\npoll_seconds = 0.2\n")
    proc = subprocess.Popen(
        scheduler_cmd(tmp_path / "store.db"),
        env=scheduler_env(config),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def running() -> bool:
        with store.read() as conn:
            return bool(
                conn.execute(
                    sa.text("SELECT count(*) FROM schedulerprocess WHERE stopped_at IS NULL")
                ).scalar()
            )

    try:
        assert _wait(running, timeout=20)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "Traceback" not in err
    assert "scheduler started" in out and out.rstrip().endswith("scheduler stopped")
    assert not running()
    store.close()
