"""Where start-up time goes: the app in a real pty, with a timestamp at each phase.

Runs `creatorctl --db STORE` (in-process, in a child in a pseudo-terminal) with hooks that note
the wall-clock time at each phase, and stops it once the Works list's data has been painted
and the store is open; a bare Textual app runs in the same round. Prints medians, each phase
since process start, and as a multiple of the bare app's first frame, and the process's CPU
time at each (which other people's load on the machine hardly moves):

    interpreter up      → Python has started and run site (before any creatorctl import)
    click + cli         → creatorctl.cli imported (click)
    app imported        → creatorctl.app imported (Textual, our widgets and screens)
    mounted             → the app's on_mount ran (compose, CSS, mounting done)
    first paint         → the first frame was written to the terminal
    data painted        → a frame with the Works list's rows was written
    quick read done     → the quick start's sqlite3 read finished (its own thread)
    store open          → SQLAlchemy imported, the store opened and checked (worker)

    python bench/profile_startup.py [--runs 5] [--size large] [--smoke]

PROFILE_STARTUP_CPROFILE=PATH also writes a cProfile of the (last) run to PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import (  # noqa: E402
    add_smoke_flag,
    bare_first_frame,
    large_store,
    load_line,
    median,
    pty_env,
    ratio,
    run_in_pty,
)

PHASES = (
    "interpreter up",
    "click + cli",
    "app imported",
    "mounted",
    "first paint",
    "data painted",
    "quick read done",
    "store open",
)


def child(db: str, log: str) -> None:
    """Run the app with phase hooks; write {phase: time.time()} to `log` when done."""
    marks: dict[str, tuple[float, float]] = {"interpreter up": (time.time(), time.process_time())}

    def note(name: str) -> None:
        marks.setdefault(name, (time.time(), time.process_time()))

    import creatorctl.cli as cli

    note("click + cli")
    import creatorctl.quickstart as quickstart

    run = quickstart.QuickStart._run

    def timed_run(self: quickstart.QuickStart) -> None:
        run(self)
        note("quick read done")

    quickstart.QuickStart._run = timed_run  # type: ignore[method-assign]
    import creatorctl.app as app_module

    note("app imported")
    from textual.screen import Screen

    from creatorctl.widgets.paged_table import PagedTable

    cls = app_module.CreatorApp
    on_mount, on_message, paint = cls.on_mount, cls._on_message, Screen._compositor_refresh

    def timed_mount(self: app_module.CreatorApp) -> None:
        note("mounted")
        on_mount(self)

    # The store-opened handler is registered with @on when the class is made, so patching the
    # method would time nothing: wrap the message dispatch instead.
    async def timed_message(self: app_module.CreatorApp, message: object) -> None:
        await on_message(self, message)  # type: ignore[arg-type]
        if isinstance(message, cls.StoreOpened):
            note("store open")
            maybe_done(self)

    def timed_paint(screen: Screen) -> None:  # type: ignore[type-arg]
        paint(screen)
        note("first paint")
        tables = list(screen.query(PagedTable))
        if tables and tables[0].row_count:
            note("data painted")
        maybe_done(screen.app)

    def maybe_done(app: object) -> None:
        if "data painted" in marks and "store open" in marks:
            Path(log).write_text(json.dumps(marks))
            app.exit()  # type: ignore[attr-defined]

    cls.on_mount = timed_mount  # type: ignore[method-assign]
    cls._on_message = timed_message  # type: ignore[method-assign]
    Screen._compositor_refresh = timed_paint  # type: ignore[method-assign]
    cli.main(["--db", db])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="large")
    ap.add_argument("--child", nargs=2, metavar=("DB", "LOG"), help=argparse.SUPPRESS)
    add_smoke_flag(ap)
    args = ap.parse_args()
    if args.child:
        stats = os.environ.get("PROFILE_STARTUP_CPROFILE")
        if stats:  # a cProfile of the child, for a closer look: pstats.Stats(path)
            import cProfile

            cProfile.runctx("child(*args.child)", globals(), locals(), stats)
        else:
            child(*args.child)
        return
    if args.smoke:
        args.runs, args.size = 1, "small"
    db = large_store(args.size)
    env = pty_env()
    print(f"store: {db} ({args.size}), runs: {args.runs}; at start: {load_line()}")
    bare: list[float] = []
    phases: dict[str, list[float]] = {p: [] for p in PHASES}
    cpu: dict[str, list[float]] = {p: [] for p in PHASES}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "marks.json"
        for _ in range(args.runs):
            bare.append(bare_first_frame())
            log.unlink(missing_ok=True)
            t0 = time.time()
            run_in_pty(
                [sys.executable, __file__, "--child", str(db), str(log)],
                [b"Works"],
                env=env,
                exit_wait=30.0,
            )
            marks = json.loads(log.read_text())
            for p in PHASES:
                phases[p].append(marks[p][0] - t0)
                cpu[p].append(marks[p][1])
    b = median(bare)
    print(f"at end: {load_line()}")
    print(f"bare Textual app first frame  {b:.3f} s (baseline, median of {args.runs})")
    print(f"{'phase':<18} {'wall':>7}  {'':14} CPU (s, all threads, since the interpreter began)")
    for p in PHASES:
        m = median(phases[p])
        print(f"{p:<18} {m:6.3f} s  ({ratio(m, b):>12})  {median(cpu[p]):6.3f}")
    if os.environ.get("PROFILE_STARTUP_RAW"):
        print(json.dumps({"bare": bare, **phases}))


if __name__ == "__main__":
    main()
