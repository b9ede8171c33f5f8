"""Exactly once, proved with real processes: several `creatorctl scheduler run` on one store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.store import Store
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
from tests.backends import store_location


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


@pytest.mark.backends  # PostgreSQL: claims are INSERT … ON CONFLICT DO NOTHING RETURNING
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
            scheduler_cmd(store_location(tmp_path)),
            env=scheduler_env(config),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    try:
        # Exactly once is what is tested; the time only bounds a hang (a loaded 2-core box
        # with four schedulers and a PostgreSQL server needs more than a quiet one).
        done = _wait(lambda: states(store).get("published", 0) == 200, timeout=120)
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
            sa.text(
                "SELECT count(*), sum(CASE WHEN ok THEN 1 ELSE 0 END), "
                "count(DISTINCT worker_id) FROM publishattempt"
            )
        ).one()
    assert tuple(works) == (200, 200)
    assert attempts[0] == 200 and attempts[1] == 200
    assert attempts[2] >= 2, "the posts were shared between processes"
    assert sum(line.count("published #") for line in logs) == 200  # one log line per publish
    store.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[1].startswith("Z"))


def _kill_mid_hook(tmp_path: Path, extra: str = "") -> tuple[Store, int, Path, Path, Path]:
    """A headless scheduler SIGKILLed while its hook runs; the hook must die with it."""
    store, acc = new_store(tmp_path)
    runs = tmp_path / "runs.txt"
    mark = tmp_path / "hook.pid"
    # The first run hangs (a slow upload, with a child of its own); later runs publish.
    hook = write_script(
        tmp_path / "hook.sh",
        f"echo \"$1 $CREATORCTL_IDEMPOTENCY_KEY\" >> '{runs}'\n"
        f"if [ ! -e '{mark}' ]; then sleep 60 & echo $$ $! > '{mark}'; wait; fi\n",
    )
    config = write_config(
        tmp_path / "config.toml",
        f'[publish]\ncommand = ["{hook}", "{{draft_id}}"]\ntimeout = 90\n'
        f"claim_timeout = 120\npoll_seconds = 0.2\n{extra}",
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
    hook_pid, child_pid = (int(p) for p in mark.read_text().split())
    assert _wait(lambda: not _alive(hook_pid) and not _alive(child_pid), timeout=3)
    with store.read() as conn:
        row = conn.execute(
            sa.text("SELECT state, claimed_by FROM draft WHERE id=:i"), {"i": draft_id}
        ).one()
    assert row.state == "publishing" and row.claimed_by.startswith("headless@")
    return store, draft_id, runs, config, mark


def _second_scheduler(tmp_path: Path, config: Path, until: Callable[[], bool]) -> None:
    second = subprocess.Popen(
        scheduler_cmd(tmp_path / "store.db"),
        env=scheduler_env(config),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait(until, timeout=20)
        time.sleep(1.0)  # several more ticks: nothing else may happen
    finally:
        assert _stop([second]) == [0]


def test_a_killed_scheduler_takes_its_hook_along_and_the_post_goes_unknown(
    tmp_path: Path,
) -> None:
    """kill -9 mid-hook: hook group dead at once; the next scheduler (long before
    claim_timeout: the claimer's pid is gone on this host) sets the post `unknown`, never
    re-runs it, and the user settles it."""
    told = tmp_path / "told.jsonl"
    notify = write_script(tmp_path / "notify.sh", f"cat >> '{told}'\n")
    store, draft_id, runs, config, _mark = _kill_mid_hook(
        tmp_path, f'[notify]\ncommand = ["{notify}"]\n'
    )
    _second_scheduler(tmp_path, config, lambda: told.exists() and told.read_text() != "")
    assert states(store).get("unknown", 0) == 1
    assert len(runs.read_text().splitlines()) == 1  # no second run
    (event,) = [json.loads(line) for line in told.read_text().splitlines()]
    assert event["event"] == "publish_unknown" and event["draft_id"] == draft_id
    with store.read() as conn:
        tries = conn.execute(
            sa.text("SELECT ok, error, hook_pid, idem_key FROM publishattempt WHERE draft_id=:i"),
            {"i": draft_id},
        ).all()
        last_error = conn.execute(
            sa.text("SELECT last_error FROM draft WHERE id=:i"), {"i": draft_id}
        ).scalar_one()
    assert len(tries) == 1 and not tries[0].ok and tries[0].hook_pid
    assert f"hook pid {tries[0].hook_pid}" in last_error and "died" in last_error
    assert runs.read_text().split()[1] == tries[0].idem_key
    store.close()


def test_an_idempotent_hook_is_re_run_with_the_same_key(tmp_path: Path) -> None:
    store, draft_id, runs, config, _mark = _kill_mid_hook(tmp_path, "idempotent = true\n")
    _second_scheduler(tmp_path, config, lambda: states(store).get("published", 0) == 1)
    lines = [line.split() for line in runs.read_text().splitlines()]
    assert len(lines) == 2 and lines[0] == lines[1] == [str(draft_id), lines[0][1]]
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
