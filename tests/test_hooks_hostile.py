"""Hostile hooks against the runner itself: the exit status decides, bounded time and memory.

Each hook here is a real shell script; the publishing-level twins (final draft state and the
number of runs) are in test_publish_hostile.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from creatorctl.hooks import run_hook
from creatorctl.i18n import set_language
from tests._drafts_support import ROOT, write_script


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[1].startswith("Z"))


def _wait_gone(pid: int, within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_background_child_holding_stdout_does_not_make_success_a_timeout(
    tmp_path: Path,
) -> None:
    pidfile = tmp_path / "child.pid"
    hook = write_script(
        tmp_path / "h.sh",
        f'sleep 30 &\necho $! > {pidfile}\necho \'{{"item_id": "77"}}\'\nexit 0\n',
    )
    began = time.monotonic()
    result = run_hook([str(hook)], {}, {}, timeout=5)
    assert time.monotonic() - began < 2
    assert result.ok and result.data == {"item_id": "77"}
    child = int(pidfile.read_text())
    assert _alive(child)  # children of a successful hook are left alone (documented)
    os.kill(child, signal.SIGKILL)


def test_a_detached_child_holding_the_pipes_does_not_hang(tmp_path: Path) -> None:
    pidfile = tmp_path / "child.pid"
    hook = write_script(
        tmp_path / "h.sh",
        f"setsid sh -c 'echo $$ > {pidfile}; exec sleep 30' &\nsleep 0.2\necho ok >&2\nexit 0\n",
    )
    began = time.monotonic()
    result = run_hook([str(hook)], {}, {}, timeout=5)
    assert time.monotonic() - began < 2
    assert result.ok and result.stderr_tail == "ok"
    os.kill(int(pidfile.read_text()), signal.SIGKILL)


def test_a_hang_is_killed_with_its_whole_group(tmp_path: Path) -> None:
    pidfile = tmp_path / "child.pid"
    hook = write_script(
        tmp_path / "h.sh", f"sleep 60 &\necho $! > {pidfile}\necho started >&2\nsleep 60\n"
    )
    began = time.monotonic()
    result = run_hook([str(hook)], {}, {}, timeout=0.5)
    assert time.monotonic() - began < 4
    assert not result.ok and result.exit_code is None and "timed out" in result.error
    assert _wait_gone(int(pidfile.read_text()))


def test_a_hook_ignoring_sigterm_is_killed_after_the_grace(tmp_path: Path) -> None:
    hook = write_script(tmp_path / "h.sh", "trap '' TERM\nwhile :; do sleep 0.1; done\n")
    began = time.monotonic()
    result = run_hook([str(hook)], {}, {}, timeout=0.3)
    assert 2.0 <= time.monotonic() - began < 5
    assert not result.ok and "timed out" in result.error


def test_item_id_then_exit_1_is_a_failure_that_keeps_the_id(tmp_path: Path) -> None:
    hook = write_script(tmp_path / "h.sh", 'echo \'{"item_id": "7301"}\'\nexit 1\n')
    result = run_hook([str(hook)], {}, {}, timeout=5)
    assert not result.ok and result.exit_code == 1 and result.data == {"item_id": "7301"}


def test_100_mb_of_output_keeps_memory_bounded(tmp_path: Path) -> None:
    """A hook printing 100 MB on each stream; the runner's peak RSS stays far below that."""
    hook = write_script(
        tmp_path / "h.sh",
        "head -c 100000000 /dev/zero | tr '\\0' x\nhead -c 100000000 /dev/zero >&2\n"
        'echo\necho \'{"item_id": "big"}\'\n',
    )
    # VmHWM, not ru_maxrss: the latter keeps the forking pytest worker's peak across exec.
    code = (
        "from pathlib import Path\n"
        "from creatorctl.hooks import run_hook\n"
        f"r = run_hook([{str(hook)!r}], {{}}, {{}}, timeout=60)\n"
        "assert r.ok and r.data == {'item_id': 'big'}, r\n"
        "status = Path('/proc/self/status').read_text().splitlines()\n"
        "print([x.split()[1] for x in status if x.startswith('VmHWM:')][0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stdout.strip()) / 1024
    assert peak_mb < 80, peak_mb


def test_the_hook_group_dies_with_a_killed_parent(tmp_path: Path) -> None:
    """SIGKILL of the process running the hook: the hook and its child die within a second."""
    pids = tmp_path / "pids"
    hook = write_script(tmp_path / "h.sh", f"sleep 60 &\necho $$ $! > {pids}\nsleep 60\n")
    code = (
        "from creatorctl.hooks import run_hook\n"
        f"run_hook([{str(hook)!r}], {{}}, {{}}, timeout=60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    end = time.monotonic() + 10
    while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < end:
        time.sleep(0.05)
    hook_pid, child_pid = (int(p) for p in pids.read_text().split())
    parent.kill()
    parent.wait()
    assert _wait_gone(hook_pid, 3) and _wait_gone(child_pid, 3)


def test_the_idempotency_key_reaches_the_environment(tmp_path: Path) -> None:
    hook = write_script(tmp_path / "h.sh", 'echo "$CREATORCTL_IDEMPOTENCY_KEY" >&2\n')
    result = run_hook([str(hook)], {}, {}, 5, env={"CREATORCTL_IDEMPOTENCY_KEY": "k-1"})
    assert result.ok and result.stderr_tail == "k-1"
