"""Does opening the app cost more on 10× the data? Works and Inbox on the huge demo vs large.

SPEC: opening Works and Inbox on the huge demo (10×: 50,000 works, 10,000,000 comments) no
more than 1.3× slower than on the large one. Works: start until the list shows its data;
Inbox: from pressing 5 until the comment list shows its data. Both stores in the same run,
interleaved, in a real pty, medians over --runs; a bare Textual app's first frame is measured
in the same rounds, and each figure is also given as a multiple of it.

    python bench/bench_scale.py [--runs 5] [--smoke]
"""

from __future__ import annotations

import argparse
import sys
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

MARKERS = {"large": b" of 5,000", "huge": b" of 50,000"}
INBOX_MARKER = b" of 10,000+"
"""The comment list's status once it has data (both stores have more than 10,000)."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    add_smoke_flag(ap)
    args = ap.parse_args()
    env = pty_env()
    markers, inbox_marker = MARKERS, INBOX_MARKER
    if args.smoke:  # two small stores stand in for large and huge: the script runs, that is all
        args.runs = 1
        stores = {"large": large_store("small", 7), "huge": large_store("small", 8)}
        markers, inbox_marker = {"large": b" of ", "huge": b" of "}, b" of "
    else:
        stores = {size: large_store(size) for size in ("large", "huge")}
    print(f"at start: {load_line()}")
    times: dict[str, list[float]] = {"large": [], "huge": []}
    inbox: dict[str, list[float]] = {"large": [], "huge": []}
    bare: list[float] = []
    for _ in range(args.runs):
        bare.append(bare_first_frame())
        for size, db in stores.items():  # interleaved, so load on the machine hits both alike
            (works_t, inbox_t), _ = run_in_pty(
                [sys.executable, "-m", "creatorctl", "--db", str(db)],
                [markers[size], inbox_marker],
                env=env,
                keys={0: b"5"},
            )
            times[size].append(works_t)
            inbox[size].append(inbox_t - works_t)
    b = median(bare)
    print(f"at end: {load_line()}")
    print(f"bare Textual app first frame: {b:.3f} s (baseline, median of {args.runs})")
    for name, got in (("Works list has data", times), ("Inbox comments shown", inbox)):
        large, huge = median(got["large"]), median(got["huge"])
        print(
            f"{name}: large {large:.3f} s ({ratio(large, b)}), huge {huge:.3f} s "
            f"({ratio(huge, b)}), huge/large {huge / large:.2f} (target ≤ 1.3)"
        )


if __name__ == "__main__":
    main()
