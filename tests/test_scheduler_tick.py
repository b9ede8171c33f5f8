"""One scheduler tick (issue 13 review: "the scheduler tick", written twice). `scheduler run`
(HeadlessScheduler) and the app's scheduler (InAppScheduler) each had a copy of the tick:
register, run what is due, heartbeat, digest, report an error once. Both now run one
`scheduler_tick.Tick`, so both behave alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from creatorctl.config import PublishConfig
from creatorctl.scheduler import HeadlessScheduler, InAppScheduler
from creatorctl.scheduler_tick import Tick
from tests._drafts_support import new_store

ROOT = Path(__file__).parent.parent / "creatorctl"


def test_run_due_is_called_from_one_tick() -> None:
    """Only Tick calls publishing.run_due among the schedulers."""
    calls = []
    for name in ("scheduler.py", "scheduler_tick.py"):
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        calls += [
            (name, node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "run_due"
        ]
    assert [name for name, _ in calls] == ["scheduler_tick.py"]


@pytest.mark.parametrize("which", ["headless", "app"])
def test_both_schedulers_register_and_report_an_error_once(
    which: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the app the error also came back from the notify spool, so it was shown twice."""
    store, _acc = new_store(tmp_path)
    errors: list[str] = []
    if which == "headless":
        sched = HeadlessScheduler(store, PublishConfig(), log=errors.append)
        tick = sched.tick
    else:
        app_sched = InAppScheduler(store, PublishConfig(), on_outcome=print, on_error=errors.append)
        tick = app_sched.tick
        sched = app_sched  # type: ignore[assignment]
    assert isinstance(tick, Tick) and tick.kind == which

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("creatorctl.scheduler_tick.run_due", broken)
    for _ in range(3):
        tick() if which == "headless" else app_sched._work()
    assert tick.registered
    assert len(errors) == 1 and "the disk went away" in errors[0]
    from creatorctl.scheduler import scheduler_status
    from creatorctl.timeutil import utcnow_exact

    (proc,) = scheduler_status(store, utcnow_exact()).processes
    assert proc.kind == which and proc.worker_id == sched.worker_id and proc.alive
    tick.unregister()
    assert not [p for p in scheduler_status(store, utcnow_exact()).processes if p.alive]
