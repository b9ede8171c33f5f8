"""Tab switch time for the Data, Fans and Inbox tabs on the large demo (target: ≤ 100 ms).

Headless Pilot at 120x40. For each switch the tab is marked stale first, so it reloads as a
user would see it after new data: "switch" is from the switch to the first frame that shows
the tab (its workers started, what it showed before still there); "filled" is until its
workers have put every number on screen and that has been painted. Each figure is also given
as a multiple of a bare Textual app's first frame, measured (in a pty) in the same run.

    python bench/bench_tabs.py [--runs 9] [--size large] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import FROZEN, add_smoke_flag, bare_baseline, large_store, median, ratio  # noqa: E402

TARGET_MS = 100.0
TABS = ("works", "drafts", "data", "fans", "inbox", "earn")
"""Every tab; Works (the shell's own) is the reference."""


async def measure(db: Path, runs: int) -> dict[str, tuple[list[float], list[float], list[float]]]:
    from textual.screen import Screen

    from creatorctl.app import CreatorApp

    frames: list[tuple[float, float, str]] = []
    paint = Screen._compositor_refresh

    def timed_paint(screen: Screen) -> None:  # type: ignore[type-arg]
        paint(screen)
        active = screen.app.active_tab  # type: ignore[attr-defined]
        frames.append((time.perf_counter(), time.thread_time(), active))

    Screen._compositor_refresh = timed_paint  # type: ignore[method-assign]
    app = CreatorApp(db=str(db))
    results: dict[str, tuple[list[float], list[float], list[float], list[float]]] = {
        tab: ([], [], [], []) for tab in TABS
    }
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause(2.5)  # the other tabs are built in the background after start-up
        for _ in range(runs):
            for tab in TABS:
                app.action_show_tab("fans" if tab == "works" else "works")
                for _ in range(2):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                app.data_changed()
                frames.clear()
                t0, cpu0 = time.perf_counter(), time.thread_time()
                app.action_show_tab(tab)
                for _ in range(3):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                shown = [(f, cpu) for f, cpu, active in frames if active == tab]
                results[tab][0].append((shown[0][0] - t0) * 1000)
                results[tab][1].append((shown[0][1] - cpu0) * 1000)
                results[tab][2].append((shown[-1][0] - t0) * 1000)
                results[tab][3].append((shown[-1][1] - cpu0) * 1000)
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--size", default="large")
    add_smoke_flag(ap)
    args = ap.parse_args()
    if args.smoke:
        args.runs, args.size = 1, "small"
    db = large_store(args.size)
    bare = bare_baseline(1 if args.smoke else 5)
    os.environ["CREATORCTL_FAKE_NOW"] = FROZEN
    results = asyncio.run(measure(db, args.runs))
    print(f"store: {db} ({args.size}), runs: {args.runs}, 120x40 headless")
    for tab, (switch, cpu, filled, fill_cpu) in results.items():
        verdict = "ok" if median(switch) <= TARGET_MS else "SLOW"
        print(
            f"{tab:5} switch {median(switch):6.1f} ms (max {max(switch):6.1f}, UI-thread CPU "
            f"{median(cpu):5.1f})   filled {median(filled):6.1f} ms (UI-thread CPU "
            f"{median(fill_cpu):5.1f})   target ≤ {TARGET_MS:.0f} ms: {verdict}   "
            f"(switch {ratio(median(switch) / 1000, bare)}, "
            f"filled {ratio(median(filled) / 1000, bare)})"
        )
    print("(UI-thread CPU is what the switch costs when the machine is not shared)")


if __name__ == "__main__":
    main()
