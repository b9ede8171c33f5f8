"""Start-up and Works search on the large demo, against a bare Textual app in the same run.

Measures, in a real pseudo-terminal (not a headless test): process start → first frame, and
→ the Works list showing data; works search (Chinese and Latin); peak memory (at the data, and
after a run that shows every tab, 2 s each). Prints medians,
each start-up figure also as a multiple of the bare app's first frame (runs interleaved, so
load on a shared machine hits both alike).

    python bench/bench_startup.py [--runs 7] [--size large] [--smoke] [--before DIR]

`--before DIR`: also time the creatorctl in another checkout (e.g. `git worktree add DIR
<commit>`), interleaved with this one and the bare app, for a before/after in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import (  # noqa: E402
    LAST_CPU,
    add_smoke_flag,
    bare_first_frame,
    large_store,
    load_line,
    median,
    pty_env,
    ratio,
    run_in_pty,
)

TARGETS = {"first_frame": 1.3, "works_data": 1.6, "search_ms": 20.0, "peak_mb": 150.0}
"""Start-up targets are multiples of the bare app's first frame (issue 15)."""
DATA_MARKERS = {"large": b" of 5,000", "huge": b" of 50,000"}
"""What the Works status line says once the list has its data."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="large")
    ap.add_argument("--before", type=Path, help="another checkout to time alongside")
    add_smoke_flag(ap)
    args = ap.parse_args()
    if args.smoke:
        args.runs, args.size = 1, "small"
    db = large_store(args.size).resolve()
    env = pty_env()
    print(f"store: {db} ({args.size}), runs: {args.runs}; at start: {load_line()}")

    bare, first, data, peaks = [], [], [], []
    cpu: dict[str, list[float]] = {"bare": [], "first": [], "data": [], "before": []}
    before: tuple[list[float], list[float]] = ([], [])
    argv = [sys.executable, "-m", "creatorctl", "--db", str(db)]
    markers = [b"Works", DATA_MARKERS.get(args.size, b" of ")]
    for _ in range(args.runs):
        bare.append(bare_first_frame())
        cpu["bare"].append(LAST_CPU[0])
        (f, d), peak = run_in_pty(argv, markers, env=env)
        cpu["first"].append(LAST_CPU[0])
        cpu["data"].append(LAST_CPU[1])
        first.append(f)
        data.append(d)
        peaks.append(peak / 1024)
        if args.before:
            # Run from there: `-m` looks in the working folder before PYTHONPATH.
            old = dict(env, PYTHONPATH=str(args.before.resolve()))
            (f, d), _ = run_in_pty(argv, markers, env=old, cwd=args.before.resolve())
            before[0].append(f)
            before[1].append(d)
            cpu["before"].append(LAST_CPU[1])

    # Memory once everything is loaded: SQLAlchemy, every tab built and shown with its data.
    _, settled = run_in_pty(
        argv,
        markers,
        env=env,
        then_keys=[b"2", b"3", b"4", b"5", b"6", b"1"],
        key_gap=0.3 if args.smoke else 2.0,
    )

    from creatorctl.accounts import require_account
    from creatorctl.store import open_store
    from creatorctl.works import count_works, list_works

    store = open_store(str(db))
    acc = require_account(store)
    search = {}
    for q in ("红烧肉", "拆家", "猫", "镜子的反应", "vlog", "Excel"):
        times = []
        for _ in range(1 if args.smoke else 15):
            t0 = time.perf_counter()
            list_works(store, acc.id, query=q, limit=100)
            count_works(store, acc.id, q)
            times.append((time.perf_counter() - t0) * 1000)
        search[q] = median(times)

    b = median(bare)
    print(f"at end: {load_line()}")
    print(f"bare Textual app first frame   {b:.3f} s   (baseline, median of {args.runs})")
    print(
        f"creatorctl first frame         {median(first):.3f} s   "
        f"({ratio(median(first), b)}; target ≤ ×{TARGETS['first_frame']})"
    )
    print(
        f"creatorctl Works list has data {median(data):.3f} s   "
        f"({ratio(median(data), b)}; target ≤ ×{TARGETS['works_data']})"
    )
    if args.before:
        for name, got in zip(("first frame", "Works list has data"), before, strict=True):
            print(f"  before ({args.before}) {name}: {median(got):.3f} s ({ratio(median(got), b)})")
    c = {k: median(v) for k, v in cpu.items() if v}
    print(
        f"CPU seconds (user+sys, all threads; load hardly moves these): bare app to its first "
        f"frame {c['bare']:.2f}; creatorctl to first frame {c['first']:.2f} "
        f"({ratio(c['first'], c['bare'])}), to the Works data {c['data']:.2f} "
        f"({ratio(c['data'], c['bare'])})"
        + (
            f"; before, to the Works data {c['before']:.2f} ({ratio(c['before'], c['bare'])})"
            if "before" in c
            else ""
        )
    )
    print(
        f"creatorctl peak RSS            {median(peaks):.0f} MB at the Works data; "
        f"{settled / 1024:.0f} MB after showing every tab (target ≤ {TARGETS['peak_mb']:.0f} MB)"
    )
    for q, ms in search.items():
        print(
            f"works search {q!r:12} page+count  {ms:.2f} ms  "
            f"({ratio(ms / 1000, b)}; target ≤ {TARGETS['search_ms']} ms)"
        )


if __name__ == "__main__":
    main()
