"""Shared benchmark helpers: the large demo store, medians, running a TUI in a real pty."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
FROZEN = "2026-11-26 10:00"


def large_store(size: str = "large", seed: int = 7) -> Path:
    """Build (once) and return a demo store of the given size."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{size}-{seed}.db"
    if not path.exists():
        print(f"building the {size} demo in {path} (once) …", file=sys.stderr)
        t0 = time.perf_counter()
        env = dict(os.environ, CREATORCTL_FAKE_NOW=FROZEN)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "creatorctl",
                "--db",
                str(path),
                "demo",
                "--size",
                size,
                "--seed",
                str(seed),
            ],
            check=True,
            env=env,
        )
        print(f"  built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def run_in_pty(
    argv: list[str],
    markers: list[bytes],
    *,
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 40),
    keys: dict[int, bytes] | None = None,
) -> tuple[list[float], int]:
    """Start `argv` in a pseudo-terminal; return seconds until each marker appeared in its
    output (in order), and the process's peak RSS in KiB (VmHWM) just before it is stopped.
    `keys`: after marker i appears, type keys[i] (e.g. {0: b"5"} switches tab)."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
        env=env or dict(os.environ),
        start_new_session=True,
    )
    os.close(slave)
    buf = b""
    found: list[float] = []
    deadline = t0 + timeout
    try:
        while len(found) < len(markers) and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                buf += chunk
                while len(found) < len(markers) and markers[len(found)] in buf:
                    found.append(time.perf_counter() - t0)
                    if keys and len(found) - 1 in keys:
                        buf = b""  # what follows the key press is looked at afresh
                        os.write(master, keys[len(found) - 1])
            # Answer the terminal's queries so Textual does not wait for a reply.
        peak = 0
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
        except OSError:
            pass
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    if len(found) < len(markers):
        raise RuntimeError(
            f"markers not seen in {timeout}s: {markers[len(found) :]!r}; tail: {buf[-300:]!r}"
        )
    return found, peak
