"""How late do scheduled posts go out? 100 posts due over ~20 s, the headless scheduler running.

    python bench/bench_scheduler.py [--posts 100] [--span 20] [--procs 1] [--hook]

Lateness is the time from a post's scheduled time to the start of its publish try (read back
from the publish-attempt log). The target (SPEC): every post within 2 s of its time.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from creatorctl.accounts import add_account  # noqa: E402
from creatorctl.drafts import ts  # noqa: E402
from creatorctl.store import open_store  # noqa: E402
from creatorctl.timeutil import utcnow_exact  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--span", type=float, default=20.0, help="seconds the posts spread over")
    parser.add_argument("--procs", type=int, default=1, help="scheduler processes")
    parser.add_argument("--hook", action="store_true", help="publish through a tiny shell hook")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o700)
        db = folder / "bench.db"
        config = folder / "config.toml"
        lines = ["[publish]", "poll_seconds = 0.5"]
        if args.hook:
            hook = folder / "hook.sh"
            hook.write_text("#!/bin/sh\ncat > /dev/null\necho '{\"item_id\": \"'$1'\"}'\n")
            hook.chmod(0o700)
            lines.append(f'command = ["{hook}", "{{draft_id}}"]')
        config.write_text("\n".join(lines) + "\n")
        config.chmod(0o600)

        store = open_store(str(db))
        acc = add_account(store, "bench")
        start = utcnow_exact() + timedelta(seconds=3)
        step = args.span / max(1, args.posts - 1)
        with store.write() as conn:
            for i in range(args.posts):
                when = ts(start + timedelta(seconds=i * step))
                conn.execute(
                    sa.text(
                        "INSERT INTO draft(account_id, title, video_path, state, scheduled_at, "
                        "next_try_at, created_at, updated_at) VALUES (:a, :t, '/v.mp4', "
                        "'scheduled', :w, :w, :w, :w)"
                    ),
                    {"a": acc.id, "t": f"bench {i}", "w": when},
                )
        env = dict(os.environ, CREATORCTL_CONFIG=str(config), PYTHONPATH=str(ROOT))
        env.pop("CREATORCTL_FAKE_NOW", None)
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "creatorctl", "--db", str(db), "scheduler", "run"],
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(args.procs)
        ]
        deadline = time.monotonic() + args.span + 30
        try:
            while time.monotonic() < deadline:
                with store.read() as conn:
                    left = conn.execute(
                        sa.text("SELECT count(*) FROM draft WHERE state != 'published'")
                    ).scalar_one()
                if left == 0:
                    break
                time.sleep(0.5)
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                p.wait(timeout=30)
        with store.read() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT d.scheduled_at, p.started_at FROM publishattempt p "
                    "JOIN draft d ON d.id = p.draft_id WHERE p.ok = 1"
                )
            ).all()
        store.close()

    def dt(v: object) -> datetime:
        return v if isinstance(v, datetime) else datetime.fromisoformat(str(v))

    late = sorted((dt(r.started_at) - dt(r.scheduled_at)).total_seconds() for r in rows)
    print(
        f"posts published: {len(late)} of {args.posts} ({args.procs} process(es), "
        f"{'shell hook' if args.hook else 'local publish'})"
    )
    if not late:
        return 1
    p95 = late[min(len(late) - 1, int(0.95 * len(late)))]
    print(
        f"lateness: median {statistics.median(late):.3f} s, p95 {p95:.3f} s, "
        f"max {late[-1]:.3f} s, min {late[0]:.3f} s"
    )
    ok = len(late) == args.posts and late[-1] <= 2.0
    print("within 2 s: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
