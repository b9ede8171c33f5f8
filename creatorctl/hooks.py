"""Run a user's hook program (publish, reply …): argv from a template, never through a shell.

Every placeholder `{name}` in an argument is replaced by `values[name]` in one pass, so a value
that itself holds `{video}` or `"; rm -rf ~` stays plain text inside its own argument.

How a run is judged (docs/publishing.md, "The publish hook"):
- the hook's **exit status** decides: we wait on its pid, and the timeout applies to that, not
  to its pipes (a background child still holding stdout changes nothing);
- at the timeout its whole process group gets SIGTERM, then SIGKILL after `KILL_GRACE_S`;
- output is read by a thread with a selector and only the last `TAIL_BYTES` of each stream are
  kept, so a hook printing 100 MB costs 128 KB;
- children that outlive a successful hook are left alone (an upload it put in the background
  goes on); we stop reading their output `DRAIN_S` after the hook exits;
- the hook runs under `hook_supervisor.py`, which kills the hook's group if this process dies
  (SIGKILL included).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creatorctl import safe_text
from creatorctl.i18n import t

STDERR_TAIL_CHARS = 2000
"""How much of a failed hook's stderr is kept and shown."""
TAIL_BYTES = 64 * 1024
"""Output kept per stream (the last bytes); the rest is read and dropped."""
KILL_GRACE_S = 2.0
"""After SIGTERM at the timeout, how long the group has before SIGKILL."""
DRAIN_S = 0.3
"""After the hook exits, how long we go on reading output its children may still hold."""
SUPERVISOR = str(Path(__file__).with_name("hook_supervisor.py"))
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class HookResult:
    """How one hook run ended."""

    ok: bool
    """Exit 0 and a readable stdout."""
    exit_code: int | None
    """None when the program never ran or was killed on timeout."""
    error: str
    """One line saying what went wrong ('' when ok)."""
    stderr_tail: str
    data: dict[str, Any] = field(default_factory=dict)
    """The last JSON object line the hook printed on stdout (e.g. {"item_id": "…"})."""
    duration_s: float = 0.0
    pid: int | None = None
    """The supervisor's pid (it leads the hook's process group)."""


def render_argv(template: Sequence[str], values: Mapping[str, str]) -> list[str]:
    """Substitute `{name}` placeholders per argument; unknown names are left as written."""

    def one(arg: str) -> str:
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), arg)

    return [one(arg) for arg in template]


def _tail(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").strip()
    return text[-STDERR_TAIL_CHARS:]


def _parse_stdout(raw: bytes) -> dict[str, Any]:
    """The last line that parses as a JSON object; {} when there is none."""
    text = raw.decode("utf-8", errors="replace")
    for line in reversed(text.splitlines()):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            return obj
    return {}


class _Pump:
    """Feeds stdin and keeps the last TAIL_BYTES of stdout and stderr, in one thread."""

    def __init__(self, proc: subprocess.Popen[bytes], payload: bytes) -> None:
        self.proc = proc
        self.payload = payload
        self.out = bytearray()
        self.err = bytearray()
        self.stop_at: float | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _keep(self, buf: bytearray, chunk: bytes) -> None:
        buf += chunk
        if len(buf) > 2 * TAIL_BYTES:
            del buf[: len(buf) - TAIL_BYTES]

    def _run(self) -> None:
        proc = self.proc
        assert proc.stdin and proc.stdout and proc.stderr
        sel = selectors.DefaultSelector()
        os.set_blocking(proc.stdin.fileno(), False)
        sel.register(proc.stdin, selectors.EVENT_WRITE)
        sel.register(proc.stdout, selectors.EVENT_READ, self.out)
        sel.register(proc.stderr, selectors.EVENT_READ, self.err)
        sent = 0
        try:
            while len(sel.get_map()) and (self.stop_at is None or time.monotonic() < self.stop_at):
                for key, _ev in sel.select(0.05):
                    if key.fileobj is proc.stdin:
                        try:
                            sent += os.write(proc.stdin.fileno(), self.payload[sent : sent + 65536])
                        except BlockingIOError:
                            continue
                        except OSError:  # the hook closed its stdin: it does not want it
                            sent = len(self.payload)
                        if sent >= len(self.payload):
                            sel.unregister(proc.stdin)
                            proc.stdin.close()
                        continue
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        sel.unregister(key.fileobj)
                    else:
                        self._keep(key.data, chunk)
        finally:
            sel.close()
            for f in (proc.stdin, proc.stdout, proc.stderr):
                with contextlib.suppress(OSError):
                    f.close()

    def finish(self, drain_s: float) -> tuple[bytes, bytes]:
        self.stop_at = time.monotonic() + drain_s
        self._thread.join()
        return bytes(self.out[-TAIL_BYTES:]), bytes(self.err[-TAIL_BYTES:])


def _kill_group(proc: subprocess.Popen[bytes], grace: float = KILL_GRACE_S) -> None:
    """SIGTERM the hook's group, SIGKILL it after `grace` (it runs in a session of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _check_program(program: str) -> str | None:
    """Why `program` cannot be run ('' if it can), before anything starts."""
    if os.sep in program:
        if not os.path.exists(program):
            return t("hook.not_found", program=program)
        if os.path.isdir(program) or not os.access(program, os.X_OK):
            return t("hook.not_executable", program=program)
        return None
    if shutil.which(program) is None:
        return t("hook.not_found", program=program)
    return None


def run_hook(
    argv_template: Sequence[str],
    values: Mapping[str, str],
    stdin_json: Any,
    timeout: float,
    *,
    env: Mapping[str, str] | None = None,
    on_start: Callable[[int], object] | None = None,
) -> HookResult:
    """Run the hook once: argv rendered from the template, `stdin_json` as JSON on stdin.

    `env` adds variables to the hook's environment; `on_start(pid)` is called once it runs.
    Never raises for anything the hook does: a missing program, a non-zero exit or a timeout
    each come back as a failed `HookResult` with a one-line `error`.
    """
    argv = render_argv(argv_template, values)
    if not argv or not argv[0]:
        return HookResult(False, None, t("hook.empty_command"), "")
    problem = _check_program(argv[0])
    if problem:
        return HookResult(False, None, problem, "")
    # Exact JSON; C1 and bidi controls in titles are \u-escaped, so a hook that echoes its
    # input to a terminal cannot be made to act on them (creatorctl.safe_text).
    payload = safe_text.json_dumps(stdin_json).encode("utf-8") + b"\n"
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", SUPERVISOR, str(os.getpid()), *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            shell=False,
            env={**os.environ, **env} if env else None,
        )
    except OSError as exc:
        return HookResult(False, None, t("hook.cannot_run", program=argv[0], why=exc), "")
    pump = _Pump(proc, payload)
    if on_start is not None:
        on_start(proc.pid)
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        _out, err = pump.finish(DRAIN_S)
        return HookResult(
            False,
            None,
            t("hook.timeout", seconds=f"{timeout:g}"),
            _tail(err),
            duration_s=time.monotonic() - started,
            pid=proc.pid,
        )
    out, err = pump.finish(DRAIN_S)
    duration = time.monotonic() - started
    tail = _tail(err)
    if code != 0:
        last = tail.splitlines()[-1] if tail else ""
        return HookResult(
            False,
            code,
            t("hook.exit", code=code, last=last).rstrip(": "),
            tail,
            _parse_stdout(out),
            duration,
            proc.pid,
        )
    return HookResult(True, 0, "", tail, _parse_stdout(out), duration, proc.pid)
