"""Does opening the app cost more on 10× the data? Works list time on the huge demo vs large.

SPEC: opening Works (and Inbox) on the huge demo no more than 1.3× slower than on the large one.
Both are measured in the same run, in a real pty, medians over --runs.

    python bench/bench_scale.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import FROZEN, large_store, median, run_in_pty  # noqa: E402

MARKERS = {"large": b" of 5,000", "huge": b" of 50,000"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = dict(os.environ, LANG="en_US.UTF-8", CREATORCTL_FAKE_NOW=FROZEN, TERM="xterm-256color")
    stores = {size: large_store(size) for size in ("large", "huge")}
    times: dict[str, list[float]] = {"large": [], "huge": []}
    for _ in range(args.runs):
        for size, db in stores.items():  # interleaved, so load on the machine hits both alike
            (_, t), _ = run_in_pty(
                [sys.executable, "-m", "creatorctl", "--db", str(db)],
                [b"Works", MARKERS[size]],
                env=env,
            )
            times[size].append(t)
    large, huge = median(times["large"]), median(times["huge"])
    print(
        f"Works list has data: large {large:.3f} s, huge {huge:.3f} s, "
        f"ratio {huge / large:.2f} (target ≤ 1.3)"
    )


if __name__ == "__main__":
    main()
