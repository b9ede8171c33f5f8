"""The PostgreSQL team store beside SQLite: a million-comment import, works and comment search.

SPEC (issue 14 §5): import 1,000,000 comments into PostgreSQL ≤ 20 s; works search and comment
search ≤ 20 ms on the large demo in PostgreSQL. Each search is timed as the app's fetcher does
it (the page of 100 rows plus the capped total), median over --runs, on both backends in the
same run, so the table shows them side by side.

The server: `--pg URL` (a role that may create databases), else CREATORCTL_TEST_PG_URL. The
large demo is built once with SQLite's generator and copied in (COPY per table), so both
backends hold the same rows. Throwaway databases are dropped at the end.

    python bench/bench_postgres.py [--pg URL] [--runs 15] [--rows 1000000] [--skip-import]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import comments_file  # noqa: E402
from common import FROZEN, OUT, large_store, median  # noqa: E402

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


def bench_import(server: str, rows: int) -> float:
    import sqlalchemy as sa

    from creatorctl.importers import import_file
    from creatorctl.store import open_store

    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / f"comments_{rows}.csv"
    if not data.exists():
        comments_file(data, rows)
    name = f"creatorctl_bench_import_{os.getpid()}"
    store = open_store(_fresh_db(server, name))
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
        t0 = time.perf_counter()
        result = import_file(
            store, data, account_id=1, kind="comments", snapshot_date=date(2026, 6, 1)
        )
        seconds = time.perf_counter() - t0
        verdict = "OK" if seconds <= TARGET_IMPORT_S else "OVER"
        print(
            f"PostgreSQL import: {result.counts.rows:,} comments (added {result.counts.added:,}) "
            f"in {seconds:.1f} s (target ≤ {TARGET_IMPORT_S:.0f} s) {verdict}"
        )
        return seconds
    finally:
        store.close()
        _drop_db(server, name)


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default=os.environ.get("CREATORCTL_TEST_PG_URL"))
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument(
        "--keep", action="store_true", help="keep the large demo database (and reuse a kept one)"
    )
    args = ap.parse_args()
    if not args.pg:
        raise SystemExit("give --pg postgresql://ROLE:PW@127.0.0.1/postgres (a role with CREATEDB)")
    os.environ.setdefault("CREATORCTL_FAKE_NOW", FROZEN)
    print(f"load: {os.getloadavg()[0]:.1f} (1 min)")
    if not args.skip_import:
        bench_import(args.pg, args.rows)

    from creatorctl.store import open_store

    sqlite_path = large_store("large")
    name = "creatorctl_bench_large"
    _, server = _admin(args.pg)
    url = server.set(database=name).render_as_string(hide_password=False)
    if not (args.keep and _has_comments(url)):
        t0 = time.perf_counter()
        url = _fresh_db(args.pg, name)
        copy_into_postgres(sqlite_path, url)
        print(f"large demo copied into PostgreSQL in {time.perf_counter() - t0:.0f} s")
    stores = {"SQLite": open_store(str(sqlite_path)), "PostgreSQL": open_store(url)}
    try:
        results: dict[str, dict[str, float]] = {}
        for backend, store in stores.items():
            for label, fn in search_cases(store).items():
                fn()  # warm: the first query plans and fills caches on both
                times = []
                for _ in range(args.runs):
                    t1 = time.perf_counter()
                    fn()
                    times.append((time.perf_counter() - t1) * 1000)
                results.setdefault(label, {})[backend] = median(times)
        print(f"{'case (median of ' + str(args.runs) + ')':<38} {'SQLite':>9} {'PostgreSQL':>11}")
        for label, by in results.items():
            print(f"  {label:<36} {by['SQLite']:7.2f} ms {by['PostgreSQL']:8.2f} ms")
        worst = max(by["PostgreSQL"] for by in results.values())
        verdict = "OK" if worst <= TARGET_SEARCH_MS else "OVER"
        print(
            f"worst PostgreSQL search: {worst:.2f} ms (target ≤ {TARGET_SEARCH_MS:.0f} ms) {verdict}"
        )
    finally:
        for store in stores.values():
            store.close()
        if not args.keep:
            _drop_db(args.pg, name)


if __name__ == "__main__":
    main()
