"""Run a user's hook program (publish, reply …): argv from a template, never through a shell.

Every placeholder `{name}` in an argument is replaced by `values[name]` in one pass, so a value
that itself holds `{video}` or `"; rm -rf ~` stays plain text inside its own argument.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from creatorctl.i18n import t

STDERR_TAIL_CHARS = 2000
"""How much of a failed hook's stderr is kept and shown."""
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


def render_argv(template: Sequence[str], values: Mapping[str, str]) -> list[str]:
    """Substitute `{name}` placeholders per argument; unknown names are left as written."""

    def one(arg: str) -> str:
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), arg)

    return [one(arg) for arg in template]


def _tail(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").strip()
    return text[-STDERR_TAIL_CHARS:]


def _parse_stdout(raw: bytes) -> dict[str, Any] | None:
    """The last line that is a JSON object; {} for an empty stdout; None for garbage."""
    text = raw.decode("utf-8", errors="replace").strip()
    if not text:
        return {}
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
    return None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the hook and anything it started (it runs in a session of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def run_hook(
    argv_template: Sequence[str],
    values: Mapping[str, str],
    stdin_json: Any,
    timeout: float,
) -> HookResult:
    """Run the hook once: argv rendered from the template, `stdin_json` as JSON on stdin.

    Never raises for anything the hook does: a missing program, a non-zero exit, a timeout or
    unreadable stdout each come back as a failed `HookResult` with a one-line `error`.
    """
    argv = render_argv(argv_template, values)
    if not argv or not argv[0]:
        return HookResult(False, None, t("hook.empty_command"), "")
    payload = json.dumps(stdin_json, ensure_ascii=False).encode("utf-8") + b"\n"
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            shell=False,
        )
    except FileNotFoundError:
        return HookResult(False, None, t("hook.not_found", program=argv[0]), "")
    except PermissionError:
        return HookResult(False, None, t("hook.not_executable", program=argv[0]), "")
    except OSError as exc:
        return HookResult(False, None, t("hook.cannot_run", program=argv[0], why=exc), "")
    try:
        out, err = proc.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        return HookResult(
            False,
            None,
            t("hook.timeout", seconds=f"{timeout:g}"),
            _tail(err),
            duration_s=time.monotonic() - started,
        )
    duration = time.monotonic() - started
    tail = _tail(err)
    if proc.returncode != 0:
        last = tail.splitlines()[-1] if tail else ""
        return HookResult(
            False,
            proc.returncode,
            t("hook.exit", code=proc.returncode, last=last).rstrip(": "),
            tail,
            duration_s=duration,
        )
    data = _parse_stdout(out)
    if data is None:
        return HookResult(
            False,
            0,
            t("hook.garbage", text=_tail(out)[:80]),
            tail,
            duration_s=duration,
        )
    return HookResult(True, 0, "", tail, data, duration)
