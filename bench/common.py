"""Shared benchmark helpers: the demo stores, medians, running a TUI in a real pty, and the
baseline every script reports against: a bare Textual app's first frame, measured in the same
run (so a figure holds on any box, however loaded: see `bare_baseline`)."""

from __future__ import annotations

import argparse
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

OUT = Path(os.environ.get("BENCH_OUT") or Path(__file__).parent / "out")
"""Where demo stores and generated files go (BENCH_OUT: elsewhere, e.g. a test's tmp dir)."""
FROZEN = "2026-11-26 10:00"
BARE_APP = Path(__file__).parent / "bare_app.py"


def large_store(size: str = "large", seed: int = 7) -> Path:
    """Build (once) and return a demo store of the given size."""
    OUT.mkdir(parents=True, exist_ok=True)
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


LAST_CPU: list[float] = []
"""CPU seconds (user + system) the last `run_in_pty` process had used at each of its markers:
unlike wall time, hardly moved by other people's load on a shared machine."""


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) process `pid` has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def pty_env() -> dict[str, str]:
    """The environment a TUI runs in under a bench: English, frozen clock, colour terminal,
    and creatorctl's modules compiled once (.pyc) as a pip install leaves them: with
    PYTHONDONTWRITEBYTECODE set (some dev shells set it) every start compiled them all from
    source again, about 0.2 s that the bare app, all of it in site-packages, never paid."""
    env = dict(os.environ, LANG="en_US.UTF-8", CREATORCTL_FAKE_NOW=FROZEN, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _compile_once()
    return env


def _compile_once() -> None:
    import compileall

    import creatorctl

    compileall.compile_dir(Path(creatorctl.__file__).parent, quiet=2)


def bare_first_frame() -> float:
    """Seconds from starting a bare Textual app (bench/bare_app.py) to its first frame (its
    CPU seconds to then: LAST_CPU[0])."""
    (t,), _ = run_in_pty([sys.executable, str(BARE_APP)], [b"bare-app-ready"], env=pty_env())
    return t


def bare_baseline(runs: int) -> float:
    """The median of `runs` bare-app first frames, printed with the machine's load."""
    bare = median([bare_first_frame() for _ in range(max(1, runs))])
    print(f"bare Textual app first frame {bare:.3f} s (median of {max(1, runs)}); {load_line()}")
    return bare


def load_line() -> str:
    """The machine's load, as `uptime` says it (the box may be shared)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def ratio(seconds: float, bare: float) -> str:
    """A figure as a multiple of the bare app's first frame: "×1.42 bare", "×0.013 bare"."""
    r = seconds / bare
    return f"×{r:.2f} bare" if r >= 0.1 else f"×{r:.3f} bare"


def add_smoke_flag(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="run once on the small demo: checks the script works (CI), measures nothing",
    )


def run_in_pty(
    argv: list[str],
    markers: list[bytes],
    *,
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 40),
    keys: dict[int, bytes] | None = None,
    exit_wait: float = 0.0,
    then_keys: list[bytes] | None = None,
    key_gap: float = 1.0,
    cwd: Path | None = None,
) -> tuple[list[float], int]:
    """Start `argv` in a pseudo-terminal; return seconds until each marker appeared in its
    output (in order), and the process's peak RSS in KiB (VmHWM) just before it is stopped.
    `keys`: after marker i appears, type keys[i] (e.g. {0: b"5"} switches tab).
    `then_keys`: after the last marker, type these one by one, `key_gap` seconds apart (then
    wait `key_gap` more). `exit_wait`: then let it end on its own for up to that long.
    `cwd`: where it runs (`python -m creatorctl` imports the package found there first)."""
    import fcntl
    import struct
    import termios

    LAST_CPU.clear()
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
        cwd=cwd,
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
                    LAST_CPU.append(process_cpu(proc.pid))
                    if keys and len(found) - 1 in keys:
                        buf = b""  # what follows the key press is looked at afresh
                        os.write(master, keys[len(found) - 1])
        for key in then_keys or []:
            _drain(master, key_gap)
            os.write(master, key)
        if then_keys:
            _drain(master, key_gap)
        end = time.perf_counter() + exit_wait
        while exit_wait and proc.poll() is None and time.perf_counter() < end:
            _drain(master, 0.05)
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


def _drain(master: int, seconds: float) -> None:
    """Read (and drop) the terminal's output for `seconds`, so the app never blocks writing."""
    end = time.perf_counter() + seconds
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], min(left, 0.05))
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                return
