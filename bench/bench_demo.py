"""Demo build speed: `creatorctl demo --size huge` into a fresh store, timed (issue 15).

    python bench/bench_demo.py                 # the huge demo: 50,000 works, 10,000,000 comments
    python bench/bench_demo.py --size large    # 5,000 works, 1,000,000 comments

Runs the build as its own process (the frozen clock the other benches use, seed 7) and prints
its wall time against the target (huge: ≤ 120 s), its CPU time (user + system, all threads:
the comments are written by a second thread beside their generation, so on an idle two-core
box the wall time is below the CPU time) and its peak RSS. The store goes to bench/out/ (or
$BENCH_OUT) and is deleted afterwards unless --keep. `--smoke`: the small demo.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from common import FROZEN, OUT, add_smoke_flag, bare_baseline, load_line, ratio  # noqa: E402

TARGETS = {"huge": 120.0}
"""Size → the build's wall-time target in seconds (issue 15)."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", choices=("small", "large", "huge"), default="huge")
    ap.add_argument("--keep", action="store_true", help="keep the store afterwards")
    add_smoke_flag(ap)
    args = ap.parse_args()
    if args.smoke:
        args.size = "small"
    bare = bare_baseline(1 if args.smoke else 3)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"bench-demo-{args.size}.db"
    for suffix in ("", "-wal", "-shm", "-writer", "-publish"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = dict(os.environ, CREATORCTL_FAKE_NOW=FROZEN)
    argv = [sys.executable, "-m", "creatorctl", "--db", str(db), "demo", "--size", args.size]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([*argv, "--seed", "7"], check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    target = TARGETS.get(args.size)
    verdict = (
        f"; target ≤ {target:.0f} s: {'met' if wall <= target else 'NOT met'}" if target else ""
    )
    print(
        f"{args.size} demo build: {wall:.1f} s wall ({ratio(wall, bare)}){verdict}; "
        f"CPU {cpu:.1f} s (user + sys, both threads; wall/CPU {wall / cpu:.2f}); "
        f"peak RSS {after.ru_maxrss / 1024:.0f} MB; {load_line()}"
    )
    print(f"store: {db.stat().st_size / 1e6:,.0f} MB")
    if not args.keep:
        for suffix in ("", "-wal", "-shm", "-writer", "-publish"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
