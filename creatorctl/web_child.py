"""The app run by `serve` for one browser session ends when its server or its browser goes.

`serve` starts `python -m creatorctl` per browser session with `CREATORCTL_SERVE_PARENT` set to
its own pid. That child then (a) asks Linux to send it SIGTERM when the parent dies
(PR_SET_PDEATHSIG), and (b) watches, every half second, for its parent to have changed (it
was orphaned) or its stdin pipe to have hung up (the server dropped the session). Either way
it asks the app to exit, and if the app has not gone within a few seconds (wedged, or it
ignored the signal), it ends the process outright. SQLite keeps the store whole either way.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable

PARENT_ENV = "CREATORCTL_SERVE_PARENT"
POLL_S = 0.5
GRACE_S = 3.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: SIGTERM to us when the process that started us ends (best effort elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def _stdin_hung_up() -> bool:
    """The server closed its end of our stdin pipe (poll reports POLLHUP; nothing is read)."""
    try:
        poller = select.poll()
        poller.register(sys.__stdin__.fileno() if sys.__stdin__ else 0, 0)
        return any(
            ev & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, ev in poller.poll(0)
        )
    except (OSError, ValueError):
        return False


def parent_gone(parent: int) -> bool:
    return os.getppid() != parent or _stdin_hung_up()


def guard_child(request_exit: Callable[[], object]) -> bool:
    """Tie this process to the `serve` that started it; False when not started by `serve`.

    `request_exit` is called (from a watcher thread) once the parent or the session is gone;
    `GRACE_S` later the process ends regardless.
    """
    value = os.environ.pop(PARENT_ENV, None)  # the app's own hooks must not inherit it
    if not value or not value.isdigit():
        return False
    parent = int(value)
    _die_with_parent()
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while not parent_gone(parent):
            time.sleep(POLL_S)
        with contextlib.suppress(Exception):
            request_exit()
        time.sleep(GRACE_S)
        os._exit(0)

    threading.Thread(target=watch, name="creatorctl-serve-parent", daemon=True).start()
    return True
