"""Each hostile hook as a fixture: the post's final state and how many times the hook ran.

The scheduler is driven by an explicit clock far enough apart that every retry falls due
(30 s, then 2 min), so a post reaches its final state in at most three ticks.
"""

from __future__ import annotations

import json
import signal
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from creatorctl.config import PublishConfig
from creatorctl.drafts import get_draft
from creatorctl.i18n import set_language
from creatorctl.publish_log import list_attempts
from creatorctl.publishing import run_due
from creatorctl.works import list_works
from tests._drafts_support import insert_due, new_store, write_script
from tests.test_cli_drafts import Run

T0 = datetime(2026, 11, 26, 12, 0, 0)


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


HOSTILE = {
    # name: (hook body after the run counter, final state, runs, item_id on the draft)
    "background child holding stdout": (
        'sleep 30 &\necho $! >> "$PIDS"\necho \'{"item_id": "bg1"}\'\n',
        "published",
        1,
        "bg1",
    ),
    "detached setsid child holding the pipes": (
        "setsid sh -c 'echo $$ >> \"$PIDS\"; exec sleep 30' &\nsleep 0.1\n",
        "published",
        1,
        None,
    ),
    "100 MB of output": (
        "head -c 100000000 /dev/zero | tr '\\0' x\necho\necho '{\"item_id\": \"big\"}'\n",
        "published",
        1,
        "big",
    ),
    "a hang": ("sleep 60\n", "failed", 3, None),
    "prints an item_id then exits 1": (
        "echo '{\"item_id\": \"7301\"}'\necho 'server said 500' >&2\nexit 1\n",
        "unknown",
        1,
        None,
    ),
}


def _drive(store, draft_id: int, config: PublishConfig) -> None:  # type: ignore[no-untyped-def]
    now = T0
    for _ in range(5):
        run_due(store, config, "w", now=now)
        if get_draft(store, draft_id).state != "scheduled":
            return
        now += timedelta(seconds=700)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_hook(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body, final, runs_expected, item = HOSTILE[name]
    store, acc = new_store(tmp_path)
    runs, pids = tmp_path / "runs", tmp_path / "pids"
    monkeypatch.setenv("PIDS", str(pids))
    hook = write_script(tmp_path / "hook.sh", f"echo run >> '{runs}'\n{body}")
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    _drive(store, d, PublishConfig(command=[str(hook)], timeout=0.5 if "hang" in name else 20))
    draft = get_draft(store, d)
    ran = len(runs.read_text().splitlines()) if runs.exists() else 0
    assert (draft.state, ran, draft.item_id) == (final, runs_expected, item)
    assert len(list_attempts(store, d)) == runs_expected
    works = list_works(store, acc)
    assert len(works) == (1 if final == "published" else 0)
    if final == "unknown":
        assert "7301" in draft.last_error and "server said 500" in draft.last_error
    for pid in pids.read_text().split() if pids.exists() else []:
        with __import__("contextlib").suppress(ProcessLookupError):
            __import__("os").kill(int(pid), signal.SIGKILL)


def test_a_hook_that_is_not_executable_never_runs_and_fails(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    plain = tmp_path / "hook.sh"
    plain.write_text(f"#!/bin/sh\necho run >> '{tmp_path / 'runs'}'\n")
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    _drive(store, d, PublishConfig(command=[str(plain)]))
    draft = get_draft(store, d)
    assert draft.state == "failed" and "not executable" in draft.last_error
    assert not (tmp_path / "runs").exists() and len(list_attempts(store, d)) == 3


def test_every_run_gets_the_same_idempotency_key(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    seen = tmp_path / "seen"
    hook = write_script(
        tmp_path / "hook.sh",
        f"echo \"$CREATORCTL_IDEMPOTENCY_KEY\" >> '{seen}'\ncat >> '{seen}'\nexit 3\n",
    )
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    _drive(store, d, PublishConfig(command=[str(hook)]))
    lines = seen.read_text().splitlines()
    keys, payloads = lines[0::2], [json.loads(x) for x in lines[1::2]]
    assert len(set(keys)) == 1 and len(keys) == 3
    assert keys[0] == f"creatorctl:me:{d}:20261126T120000Z"
    assert {p["idempotency_key"] for p in payloads} == {keys[0]}


# --- resolving an unknown post ------------------------------------------------------------


@pytest.fixture
def unknown_run(tmp_path: Path) -> tuple[Run, int]:
    """A store with one `unknown` post (its hook printed an item_id and exited 1)."""
    hook = write_script(tmp_path / "hook.sh", 'echo \'{"item_id": "7301"}\'\nexit 1\n')
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[publish]\ncommand = ["{hook}"]\n')
    cfg.chmod(0o600)
    env = {
        "CREATORCTL_CONFIG": str(cfg),
        "CREATORCTL_FAKE_NOW": "2026-11-26T10:00:00",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    run = Run(tmp_path / "s.db", env)
    assert run("accounts", "add", "me")[0] == 0
    code, out, _ = run("drafts", "add", "--title", "周末探店", "--video", "/v.mp4")
    draft_id = int(out.strip())
    code, _, err = run("drafts", "publish", str(draft_id))
    assert code == 1 and "unknown" in err and "7301" in err
    return run, draft_id


def test_unknown_is_listed_first(unknown_run: tuple[Run, int]) -> None:
    run, draft_id = unknown_run
    assert run("drafts", "add", "--title", "later", "--video", "/v.mp4")[0] == 0
    listed = json.loads(run("drafts", "list", "--json")[1])
    assert listed[0]["id"] == draft_id and listed[0]["state"] == "unknown"


def test_resolve_published_records_the_work(unknown_run: tuple[Run, int]) -> None:
    run, draft_id = unknown_run
    code, out, err = run("drafts", "resolve", str(draft_id), "--published", "--item-id", "7301")
    assert code == 0, err
    shown = json.loads(run("drafts", "show", str(draft_id), "--json")[1])
    assert shown["state"] == "published" and shown["item_id"] == "7301"
    assert shown["work_id"] is not None and f"→ #{shown['work_id']}" in out
    code, _, err = run("drafts", "resolve", str(draft_id), "--retry")
    assert code == 1 and err.count("\n") == 1 and "not unknown" in err


def test_resolve_retry_makes_it_due_now(unknown_run: tuple[Run, int]) -> None:
    run, draft_id = unknown_run
    code, out, _ = run("drafts", "resolve", str(draft_id), "--retry")
    assert code == 0 and f"creatorctl:me:{draft_id}:" in out
    shown = json.loads(run("drafts", "show", str(draft_id), "--json")[1])
    assert shown["state"] == "scheduled" and shown["attempts"] == 0


@pytest.mark.parametrize("args", [[], ["--published", "--retry"], ["--retry", "--item-id", "1"]])
def test_resolve_needs_exactly_one_way(unknown_run: tuple[Run, int], args: list[str]) -> None:
    run, draft_id = unknown_run
    code, _, err = run("drafts", "resolve", str(draft_id), *args)
    assert code == 1 and "exactly one" in err and err.count("\n") == 1
