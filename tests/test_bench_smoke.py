"""Every bench script still runs: each one, with `--smoke`, on the small demo (issue 15).

Not timed tests — the figures on a shared CI box mean nothing — but each script must start,
measure the bare Textual app it compares against, and print its report lines with their
ratios, so that the benchmarks cannot rot between the times someone measures with them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"

SCRIPTS = {
    "bench_startup.py": ["creatorctl first frame", "Works list has data", "every tab", "search"],
    "bench_scale.py": ["Works list has data: large", "Inbox comments shown: large"],
    "bench_tabs.py": ["works  switch", "inbox  switch", "filled", "UI CPU"],
    "bench_inbox.py": ["search: 收藏了 (common)", "list: page 50 by keyset", "worst comment"],
    "bench_import.py": ["imported 2,000 rows", "rows/s", "peak RSS"],
    "bench_demo.py": ["small demo build:", "CPU", "user + sys", "peak RSS"],
    "bench_scheduler.py": ["posts published: 3 of 3", "lateness: median"],
    "profile_startup.py": ["click + cli", "first paint", "data painted", "store open"],
}
"""Script → lines its report must hold (besides the bare app's baseline and a ratio)."""


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_bench_script_runs_on_the_small_demo(script: str, tmp_path: Path) -> None:
    env = dict(os.environ, BENCH_OUT=str(tmp_path), CREATORCTL_CONFIG=str(tmp_path / "none.toml"))
    env.pop("CREATORCTL_DB", None)
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "bare Textual app first frame" in out
    assert re.search(r"×\d+\.\d+ bare", out)  # figures are given as multiples of it
    assert "load " in out
    for line in SCRIPTS[script]:
        assert line in out, f"{line!r} missing from:\n{out}"


NOT_SMOKED = {"bench_postgres.py": "needs a PostgreSQL server: test_postgres_bench_smoke"}
"""Scripts left out of the smoke run, and why."""


def test_every_bench_script_has_a_smoke_run() -> None:
    """A new script in bench/ joins SCRIPTS (and so takes `--smoke`), or says here why not."""
    scripts = {p.name for p in BENCH.glob("*.py")} - {"common.py", "bare_app.py"}
    assert scripts - set(NOT_SMOKED) == set(SCRIPTS)


@pytest.mark.postgresql
def test_postgres_bench_smoke(tmp_path: Path) -> None:
    """bench_postgres.py --smoke against the test server: the import on both backends (wall,
    CPU) and every search case side by side, with the verdict lines the targets name."""
    import sqlalchemy as sa

    from tests import pg_backend

    try:
        server = sa.engine.make_url(pg_backend.session_url()).set(database="postgres")
    except RuntimeError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL leg NOT RUN: {exc}")
        pytest.skip(f"PostgreSQL leg NOT RUN: {exc}")
    env = dict(os.environ, BENCH_OUT=str(tmp_path), CREATORCTL_CONFIG=str(tmp_path / "none.toml"))
    env.pop("CREATORCTL_DB", None)
    env["HOME"] = str(tmp_path)
    pg = server.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_postgres.py"), "--smoke", "--pg", pg],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "import 2,000 comments (added 2,000 on each)" in out
    assert re.search(r"PostgreSQL import: \d+\.\d s \(target ≤ 20 s\) (OK|OVER); ×\d", out)
    assert re.search(r"comment search: 微信 \(2 chars\) +\d+\.\d\d ms +\d+\.\d\d ms", out)
    assert "worst PostgreSQL search:" in out and "load " in out
