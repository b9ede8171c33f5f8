"""Tab switch and fill times for every tab on the large demo, as ratios to a bare Textual app.

Headless Pilot at 120x40. Before each switch the data changes (`data_changed`) and the tab
shown then finishes its own reload, so what is timed is what the key costs a user after new
data: "switch" is from the key to the first frame that shows the tab (its workers started,
what it showed before still there); "filled" is until its workers have put every number on
screen and that has been painted. "UI CPU" is `time.thread_time()` of the UI thread over the
same span: what the key costs the event loop, however busy the shared machine is.

The yardstick, measured in the same run: a bare Textual app (bench/bare_app.py) repainting a
screenful of text at the same size.

    python bench/bench_tabs.py [--runs 9] [--size large]

Targets (issue 15): switch ≤ 60 ms; filled ≤ 250 ms with ≤ 100 ms of UI-thread CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import FROZEN, large_store, median  # noqa: E402

SWITCH_MS = 60.0
FILLED_MS = 250.0
FILL_CPU_MS = 100.0
TABS = ("works", "drafts", "data", "fans", "inbox", "earn")
SIZE = (120, 40)

Samples = tuple[list[float], list[float], list[float], list[float]]
"""switch ms, switch UI CPU ms, filled ms, filled UI CPU ms."""


def _time_frames() -> list[tuple[float, float, object]]:
    """Patch Screen's paint to record (wall, UI-thread CPU, the screen's app) per frame."""
    from textual.screen import Screen

    frames: list[tuple[float, float, object]] = []
    paint = Screen._compositor_refresh

    def timed_paint(screen: Screen) -> None:  # type: ignore[type-arg]
        paint(screen)
        frames.append((time.perf_counter(), time.thread_time(), screen.app))

    Screen._compositor_refresh = timed_paint  # type: ignore[method-assign]
    return frames


async def measure_bare(frames: list[tuple[float, float, object]], runs: int) -> list[float]:
    """ms from updating the bare app's text to the frame showing it (a full screen of text)."""
    from bare_app import Bare
    from textual.widgets import Static

    app = Bare()
    out: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        static = app.query_one(Static)
        for i in range(runs * 3):
            text = "\n".join(f"{i:>4} {'bare-app-line ' * 8} {row}" for row in range(SIZE[1]))
            frames.clear()
            t0 = time.perf_counter()
            static.update(text)
            for _ in range(2):
                await pilot.pause()
            out.append((frames[-1][0] - t0) * 1000)
    return out


async def measure(
    db: Path, frames: list[tuple[float, float, object]], runs: int
) -> dict[str, Samples]:
    from creatorctl.app import CreatorApp

    app = CreatorApp(db=str(db))
    results: dict[str, Samples] = {tab: ([], [], [], []) for tab in TABS}

    async def settle(rounds: int) -> None:
        for _ in range(rounds):
            await pilot.pause()
            await app.workers.wait_for_complete()

    async with app.run_test(size=SIZE) as pilot:
        await settle(3)
        await pilot.pause(2.5)  # the other tabs are built in the background after start-up
        for _ in range(runs):
            for tab in TABS:
                app.action_show_tab("fans" if tab == "works" else "works")
                await settle(2)
                app.data_changed()
                await settle(2)  # the tab on screen reloads now; not part of the timing
                frames.clear()
                t0, cpu0 = time.perf_counter(), time.thread_time()
                app.action_show_tab(tab)
                await settle(3)
                shown = [(f, cpu) for f, cpu, _ in frames]
                results[tab][0].append((shown[0][0] - t0) * 1000)
                results[tab][1].append((shown[0][1] - cpu0) * 1000)
                results[tab][2].append((shown[-1][0] - t0) * 1000)
                results[tab][3].append((shown[-1][1] - cpu0) * 1000)
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--size", default="large")
    args = ap.parse_args()
    db = large_store(args.size)
    os.environ["CREATORCTL_FAKE_NOW"] = FROZEN
    frames = _time_frames()
    bare = median(asyncio.run(measure_bare(frames, args.runs)))
    results = asyncio.run(measure(db, frames, args.runs))
    load = os.getloadavg()[0]
    print(f"store: {db} ({args.size}), runs: {args.runs}, {SIZE[0]}x{SIZE[1]} headless")
    print(f"bare app repaint (same run): {bare:.1f} ms; load average {load:.2f}")
    for tab, (switch, cpu, filled, fill_cpu) in results.items():
        ok = (
            median(switch) <= SWITCH_MS
            and median(filled) <= FILLED_MS
            and median(fill_cpu) <= FILL_CPU_MS
        )
        print(
            f"{tab:6} switch {median(switch):6.1f} ms ({median(switch) / bare:4.1f}× bare, "
            f"UI CPU {median(cpu):5.1f})   filled {median(filled):6.1f} ms "
            f"({median(filled) / bare:4.1f}× bare, UI CPU {median(fill_cpu):5.1f})   "
            f"{'ok' if ok else 'SLOW'}"
        )
    print(
        f"targets: switch ≤ {SWITCH_MS:.0f} ms, filled ≤ {FILLED_MS:.0f} ms with "
        f"≤ {FILL_CPU_MS:.0f} ms UI-thread CPU"
    )


if __name__ == "__main__":
    main()
