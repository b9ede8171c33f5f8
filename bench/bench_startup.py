"""Start-up and Works search on the large demo, against a bare Textual app in the same run.

Measures, in a real pseudo-terminal (not a headless test): process start → first frame, and
→ the Works list showing data; works search (Chinese and Latin); peak memory. Prints medians.

    python bench/bench_startup.py [--runs 7] [--size large]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import FROZEN, large_store, median, run_in_pty  # noqa: E402

TARGETS = {"first_frame": 0.4, "works_data": 0.9, "search_ms": 20.0, "peak_mb": 300.0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="large")
    args = ap.parse_args()
    db = large_store(args.size)
    env = dict(os.environ, LANG="en_US.UTF-8", CREATORCTL_FAKE_NOW=FROZEN, TERM="xterm-256color")
    env.pop("NO_COLOR", None)

    bare, first, data, peaks = [], [], [], []
    for _ in range(args.runs):
        (t,), _ = run_in_pty(
            [sys.executable, str(Path(__file__).parent / "bare_app.py")],
            [b"bare-app-ready"],
            env=env,
        )
        bare.append(t)
        (f, d), peak = run_in_pty(
            [sys.executable, "-m", "creatorctl", "--db", str(db)],
            [b"Works", b" of 5,000" if args.size == "large" else b" of "],
            env=env,
        )
        first.append(f)
        data.append(d)
        peaks.append(peak / 1024)

    from creatorctl.accounts import require_account
    from creatorctl.store import open_store
    from creatorctl.works import count_works, list_works

    store = open_store(str(db))
    acc = require_account(store)
    search = {}
    for q in ("红烧肉", "拆家", "猫", "镜子的反应", "vlog", "Excel"):
        times = []
        for _ in range(15):
            t0 = time.perf_counter()
            list_works(store, acc.id, query=q, limit=100)
            count_works(store, acc.id, q)
            times.append((time.perf_counter() - t0) * 1000)
        search[q] = median(times)

    print(f"store: {db} ({args.size}), runs: {args.runs}")
    print(f"bare Textual app first frame   {median(bare):.3f} s   (baseline)")
    print(
        f"creatorctl first frame         {median(first):.3f} s   "
        f"(×{median(first) / median(bare):.2f} baseline; target ≤ {TARGETS['first_frame']} s)"
    )
    print(
        f"creatorctl Works list has data {median(data):.3f} s   "
        f"(target ≤ {TARGETS['works_data']} s)"
    )
    print(
        f"creatorctl peak RSS            {median(peaks):.0f} MB  "
        f"(target ≤ {TARGETS['peak_mb']:.0f} MB)"
    )
    for q, ms in search.items():
        print(
            f"works search {q!r:12} page+count  {ms:.2f} ms  (target ≤ {TARGETS['search_ms']} ms)"
        )


if __name__ == "__main__":
    main()
