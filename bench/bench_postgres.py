"""The PostgreSQL team store beside SQLite: a million-comment import, works and comment search.

SPEC (issue 14 §5): import 1,000,000 comments into PostgreSQL ≤ 20 s; works search and comment
search ≤ 20 ms on the large demo in PostgreSQL. Both backends run in the same run, so the
figures compare even on a loaded box: the import into a fresh store of each (wall, and CPU:
this process's, plus PostgreSQL's server processes' read from /proc when it runs on this
machine and we may read them), then each search timed as the app's fetcher does it (the page of
100 rows plus the capped total), median of --runs, with the CPU of the median run.

The server: `--pg URL` (a role that may create databases), else CREATORCTL_TEST_PG_URL. The
large demo is built once with SQLite's generator and copied in (COPY per table), so both
backends hold the same rows. Throwaway databases are dropped at the end (`--keep` keeps and
reuses the large demo's). `--smoke`: 2,000 comments and the small demo, one run (CI).

    python bench/bench_postgres.py [--pg URL] [--runs 9] [--rows 1000000] [--skip-import]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import comments_file  # noqa: E402
from common import FROZEN, OUT, add_smoke_flag, large_store, load_line, median  # noqa: E402

TARGET_IMPORT_S = 20.0
TARGET_SEARCH_MS = 20.0


def _admin(server: str):  # type: ignore[no-untyped-def]
    import psycopg
    import sqlalchemy as sa

    url = sa.engine.make_url(server).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True), url


def _fresh_db(server: str, name: str) -> str:
    admin, url = _admin(server)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_db(server: str, name: str) -> None:
    admin, _ = _admin(server)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server_cpu(server: str, name: str) -> dict[int, float]:
    """CPU seconds each server process of database `name` has used ({} when unreadable)."""
    admin, _ = _admin(server)
    with admin:
        pids = [
            int(r[0])
            for r in admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
        ]
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return {}
        out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def _cpu_since(before: dict[int, float], after: dict[int, float]) -> float | None:
    if not after:
        return None
    return sum(v - before.get(pid, 0.0) for pid, v in after.items())


def _own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _import_once(url: str, data: Path) -> tuple[float, float, int]:
    """Import `data` into a fresh store at `url` (1,000 works first): (seconds, this
    process's CPU seconds, comments added)."""
    import sqlalchemy as sa

    from creatorctl.importers import import_file
    from creatorctl.store import open_store

    store = open_store(url)
    try:
        with store.write() as conn:
            conn.execute(
                sa.text("INSERT INTO account(handle, created_at) VALUES ('bench', '2026-01-01')")
            )
            conn.execute(
                sa.text(
                    "INSERT INTO work(account_id, title, published_at) "
                    "VALUES (1, :t, '2025-01-01 00:00:00')"
                ),
                [{"t": f"作品 {i}"} for i in range(1, 1001)],
            )
        cpu0, t0 = _own_cpu(), time.perf_counter()
        result = import_file(
            store, data, account_id=1, kind="comments", snapshot_date=date(2026, 6, 1)
        )
        return time.perf_counter() - t0, _own_cpu() - cpu0, result.counts.added
    finally:
        store.close()


def bench_import(server: str, rows: int) -> None:
    """The same comments file into a fresh SQLite store and a fresh PostgreSQL database."""
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / f"comments_{rows}.csv"
    if not data.exists():
        comments_file(data, rows)
    lite = OUT / f"bench_pg_import_{os.getpid()}.db"
    try:
        s_wall, s_cpu, s_added = _import_once(str(lite), data)
    finally:
        for suffix in ("", "-wal", "-shm", "-publish", "-writer"):
            Path(f"{lite}{suffix}").unlink(missing_ok=True)
    name = f"creatorctl_bench_import_{os.getpid()}"
    url = _fresh_db(server, name)
    try:
        before = _server_cpu(server, name)
        import creatorctl.store as store_mod

        # The server processes' CPU is read before the store closes them.
        close = store_mod.Store.close
        server_cpu: list[float | None] = []

        def close_reading_cpu(self: store_mod.Store) -> None:
            server_cpu.append(_cpu_since(before, _server_cpu(server, name)))
            close(self)

        store_mod.Store.close = close_reading_cpu  # type: ignore[method-assign]
        try:
            p_wall, p_cpu, p_added = _import_once(url, data)
        finally:
            store_mod.Store.close = close  # type: ignore[method-assign]
    finally:
        _drop_db(server, name)
    assert s_added == p_added, (s_added, p_added)
    srv = server_cpu[0] if server_cpu else None
    srv_text = f" + server {srv:.1f} s" if srv is not None else " (server CPU not readable here)"
    verdict = "OK" if p_wall <= TARGET_IMPORT_S else "OVER"
    print(f"import {rows:,} comments (added {p_added:,} on each); {load_line()}")
    print(f"  SQLite:     {s_wall:6.1f} s wall, CPU {s_cpu:.1f} s")
    print(f"  PostgreSQL: {p_wall:6.1f} s wall, CPU client {p_cpu:.1f} s{srv_text}")
    print(
        f"PostgreSQL import: {p_wall:.1f} s (target ≤ {TARGET_IMPORT_S:.0f} s) {verdict}; "
        f"×{p_wall / s_wall:.2f} SQLite's in the same run"
    )


def copy_into_postgres(sqlite_path: Path, url: str) -> None:
    """The SQLite store's rows into a migrated PostgreSQL store, table by table (COPY)."""
    import psycopg
    import sqlalchemy as sa

    from creatorctl.store import open_store

    store = open_store(url)
    with store.read() as conn:
        md = sa.MetaData()
        md.reflect(bind=conn)
    store.close()
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain) as pg:
        for table in md.sorted_tables:
            if table.name not in present or table.name == "alembic_version":
                continue
            cur = src.execute(f'SELECT * FROM "{table.name}"')
            cols = [d[0] for d in cur.description]
            names = ", ".join(f'"{c}"' for c in cols)
            with pg.cursor().copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in cur:
                    copy.write_row(row)
            if "id" in cols:
                pg.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f'(SELECT coalesce(max(id), 1) FROM "{table.name}"))'
                )
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE")


def _has_comments(url: str) -> bool:
    """Whether a kept large-demo database is there from an earlier `--keep` run."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return bool(conn.execute("SELECT count(*) > 0 FROM comment").fetchone()[0])  # type: ignore[index]
    except psycopg.Error:
        return False


def search_cases(store):  # type: ignore[no-untyped-def]
    from creatorctl.accounts import current_account
    from creatorctl.inbox.comments import CommentFilter, CommentPager
    from creatorctl.works import count_works, list_works

    acc = current_account(store)
    assert acc is not None

    def comments(query: str, sort: str = "new") -> None:
        pager = CommentPager(store, CommentFilter(acc.id, query=query, sort=sort))
        pager.page(0, 100)
        _ = pager.total

    def works(query: str) -> None:
        list_works(store, acc.id, query=query, limit=100)
        count_works(store, acc.id, query)

    return {
        "works search: 红烧肉 (3 chars)": lambda: works("红烧肉"),
        "works search: 家常 (2 chars)": lambda: works("家常"),
        "works search: 没有这个词 (no hit)": lambda: works("没有这个词"),
        "comment search: 收藏了 (common)": lambda: comments("收藏了"),
        "comment search: 看我主页 (rare)": lambda: comments("看我主页"),
        "comment search: 没有这句话 (no hit)": lambda: comments("没有这句话"),
        "comment search: 微信 (2 chars)": lambda: comments("微信"),
        "comment search: 收藏了, most liked": lambda: comments("收藏了", "likes"),
    }


def _read_cpu(pids: list[int]) -> float | None:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def bench_search(server: str, sqlite_path: Path, url: str, name: str, runs: int) -> None:
    """Each case on both backends, their runs interleaved (the same load for both)."""
    from creatorctl.store import open_store

    stores = {"SQLite": open_store(str(sqlite_path)), "PostgreSQL": open_store(url)}
    cases = {backend: search_cases(store) for backend, store in stores.items()}
    rows = []
    try:
        for label in cases["SQLite"]:
            for backend in stores:
                cases[backend][label]()  # warm: plans, caches, the pool's connections
            pids = list(_server_cpu(server, name))
            walls: dict[str, list[float]] = {"SQLite": [], "PostgreSQL": []}
            cpus: dict[str, list[float]] = {"SQLite": [], "PostgreSQL": []}
            for _ in range(runs):
                for backend, fn in ((b, cases[b][label]) for b in stores):
                    srv0 = _read_cpu(pids) if backend == "PostgreSQL" else 0.0
                    cpu0, t0 = time.process_time(), time.perf_counter()
                    fn()
                    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
                    srv1 = _read_cpu(pids) if backend == "PostgreSQL" else 0.0
                    walls[backend].append(wall * 1000)
                    srv = (srv1 - srv0) if srv0 is not None and srv1 is not None else float("nan")
                    cpus[backend].append((cpu + srv) * 1000)
            rows.append((label, {b: (median(walls[b]), median(cpus[b])) for b in stores}))
    finally:
        for store in stores.values():
            store.close()
    print(f"search, median of {runs} (CPU: PostgreSQL's with its server's); {load_line()}")
    print(f"  {'case':<36} {'SQLite':>9} {'PostgreSQL':>11} {'×':>6} {'PG CPU':>9}")
    for label, by in rows:
        (s_ms, _), (p_ms, p_cpu) = by["SQLite"], by["PostgreSQL"]
        print(
            f"  {label:<36} {s_ms:6.2f} ms {p_ms:8.2f} ms {p_ms / max(s_ms, 1e-6):6.1f} "
            f"{p_cpu:6.2f} ms"
        )
    worst = max(by["PostgreSQL"][0] for _, by in rows)
    verdict = "OK" if worst <= TARGET_SEARCH_MS else "OVER"
    print(f"worst PostgreSQL search: {worst:.2f} ms (target ≤ {TARGET_SEARCH_MS:.0f} ms) {verdict}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default=os.environ.get("CREATORCTL_TEST_PG_URL"))
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument(
        "--keep", action="store_true", help="keep the large demo database (and reuse a kept one)"
    )
    add_smoke_flag(ap)
    args = ap.parse_args()
    if not args.pg:
        raise SystemExit("give --pg postgresql://ROLE:PW@127.0.0.1/postgres (a role with CREATEDB)")
    size = "large"
    if args.smoke:
        args.rows, args.runs, args.keep, size = 2_000, 1, False, "small"
    os.environ.setdefault("CREATORCTL_FAKE_NOW", FROZEN)
    print(load_line())
    if not args.skip_import:
        bench_import(args.pg, args.rows)

    sqlite_path = large_store(size)
    name = f"creatorctl_bench_{size}"
    _, server = _admin(args.pg)
    url = server.set(database=name).render_as_string(hide_password=False)
    if not (args.keep and _has_comments(url)):
        t0 = time.perf_counter()
        url = _fresh_db(args.pg, name)
        copy_into_postgres(sqlite_path, url)
        print(f"{size} demo copied into PostgreSQL in {time.perf_counter() - t0:.0f} s")
    try:
        bench_search(args.pg, sqlite_path, url, name, args.runs)
    finally:
        if not args.keep:
            _drop_db(args.pg, name)


if __name__ == "__main__":
    main()
