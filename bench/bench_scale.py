"""Does opening the app cost more on 10× the data? Works and Inbox on the huge demo vs large.

SPEC: opening Works and Inbox on the huge demo (10×: 50,000 works, 10,000,000 comments) no
more than 1.3× slower than on the large one. Works: start until the list shows its data;
Inbox: from pressing 5 until the comment list shows its data. Both stores in the same run,
interleaved, in a real pty, medians over --runs.

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
INBOX_MARKER = b" of 10,000+"
"""The comment list's status once it has data (both stores have more than 10,000)."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = dict(os.environ, LANG="en_US.UTF-8", CREATORCTL_FAKE_NOW=FROZEN, TERM="xterm-256color")
    stores = {size: large_store(size) for size in ("large", "huge")}
    times: dict[str, list[float]] = {"large": [], "huge": []}
    inbox: dict[str, list[float]] = {"large": [], "huge": []}
    for _ in range(args.runs):
        for size, db in stores.items():  # interleaved, so load on the machine hits both alike
            (works_t, inbox_t), _ = run_in_pty(
                [sys.executable, "-m", "creatorctl", "--db", str(db)],
                [MARKERS[size], INBOX_MARKER],
                env=env,
                keys={0: b"5"},
            )
            times[size].append(works_t)
            inbox[size].append(inbox_t - works_t)
    for name, got in (("Works list has data", times), ("Inbox comments shown", inbox)):
        large, huge = median(got["large"]), median(got["huge"])
        print(
            f"{name}: large {large:.3f} s, huge {huge:.3f} s, "
            f"ratio {huge / large:.2f} (target ≤ 1.3)"
        )


if __name__ == "__main__":
    main()
