"""The tiny process between creatorctl and a hook: the hook's whole group dies with us.

Run as ``python -I -S hook_supervisor.py PARENT_PID ARGV...`` in a new session (so it leads the
hook's process group). The kernel sends it SIGUSR2 when the thread that started it dies —
SIGKILL of the scheduler included (``PR_SET_PDEATHSIG``); it then SIGKILLs its group, the hook
and everything the hook started that stayed in the group. It exits with the hook's status
(128 + signal for a killed hook; 126/127 when the hook cannot be run).

Plain standard library and no creatorctl import, so it starts in about 15 ms.
"""

import contextlib
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def _kill_group(*_args: object) -> None:
    os.killpg(os.getpgid(0), signal.SIGKILL)


def main() -> int:
    parent, argv = int(sys.argv[1]), sys.argv[2:]
    signal.signal(signal.SIGUSR2, _kill_group)
    # A TERM for the group (the timeout) is meant for the hook; we go on waiting for it.
    signal.signal(signal.SIGTERM, lambda *_: None)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: no parent-death signal
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGUSR2, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        _kill_group()
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGUSR2, signal.SIG_DFL)
        try:
            os.execvp(argv[0], argv)
        except OSError as exc:
            os.write(2, f"{argv[0]}: {exc.strerror}\n".encode())
            os._exit(126 if isinstance(exc, PermissionError) else 127)
    while True:
        try:
            _pid, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
