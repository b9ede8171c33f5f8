"""`creatorctl migrate-store`: an SQLite store copied table by table, counts checked; a dry
run writes nothing; a target holding rows is refused unless --replace."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from creatorctl.migrate_store import source_counts, tables
from creatorctl.store import open_store
from tests.test_cli import assert_one_line_error, invoke


def _counts(path: Path) -> dict[str, int]:
    s = open_store(str(path))
    try:
        return {c.table: c.source for c in source_counts(s)}
    finally:
        s.close()


def test_tables_come_parents_first() -> None:
    names = [t.name for t in tables()]
    assert names.index("account") < names.index("work") < names.index("worksnapshot")
    assert names.index("draft") < names.index("publishattempt")
    assert "audit" in names and "alembic_version" not in names


def test_copy_to_a_new_store_keeps_every_row(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "team.db"
    r = invoke("migrate-store", "--to", str(target), db=demo_db)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("已复制,行数核对一致")
    want = _counts(demo_db)
    assert want["comment"] > 1000 and want["worksnapshot"] > 1000
    assert _counts(target) == want
    # The copy is a working store: search finds what the source finds, ids go on.
    r = invoke("works", "list", "--search", "拆家", "--json", "--limit", "500", db=target)
    r0 = invoke("works", "list", "--search", "拆家", "--json", "--limit", "500", db=demo_db)
    assert json.loads(r.output) == json.loads(r0.output) != []
    r = invoke("drafts", "add", "--title", "迁移之后", db=target)
    assert r.exit_code == 0 and int(r.stdout.split()[0]) > 0


def test_dry_run_writes_nothing(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "team.db"
    r = invoke("--lang", "en", "migrate-store", "--to", str(target), "--dry-run", db=demo_db)
    assert r.exit_code == 0, r.output
    assert "Would copy (dry run, nothing written)" in r.output
    assert "does not exist yet" in r.output
    assert "worksnapshot" in r.output and not target.exists()


def test_a_target_with_rows_is_refused_unless_replace(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "team.db"
    assert invoke("migrate-store", "--to", str(target), db=demo_db).exit_code == 0
    s = open_store(str(target))
    with s.write() as conn:
        conn.execute(sa.text("UPDATE work SET title='changed in the team store'"))
    s.close()
    err = assert_one_line_error(
        invoke("--lang", "en", "migrate-store", "--to", str(target), db=demo_db)
    )
    assert "is not empty (account has 1 rows); add --replace" in err
    err = assert_one_line_error(
        invoke("--lang", "en", "migrate-store", "--to", str(target), "--dry-run", db=demo_db)
    )
    assert "add --replace" in err
    r = invoke("migrate-store", "--to", str(target), "--replace", db=demo_db)
    assert r.exit_code == 0, r.output
    assert _counts(target) == _counts(demo_db)
    s = open_store(str(target))
    with s.read() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM work WHERE title LIKE 'changed%'")).scalar()
    s.close()
    assert n == 0


def test_same_store_is_refused(demo_db: Path) -> None:
    err = assert_one_line_error(
        invoke("--lang", "en", "migrate-store", "--to", str(demo_db), db=demo_db)
    )
    assert "names the store --db already opens" in err


def test_copy_into_the_backend_store(backend: str, demo_db: Path, tmp_path: Path) -> None:
    """The same copy into a store of each backend (on PostgreSQL: the session's database, just
    emptied): every count matches, and new rows get fresh ids (sequences moved past the
    copied ones)."""
    from tests.backends import store_location

    target = store_location(tmp_path, "team.db")
    r = invoke("--lang", "en", "migrate-store", "--to", target, "--replace", db=demo_db)
    assert r.exit_code == 0, r.output
    assert "row counts match" in r.output and "secret" not in r.output
    want = _counts(demo_db)
    assert _counts_url(target) == want
    r = invoke("--db", target, "drafts", "add", "--title", "迁移之后")
    assert r.exit_code == 0, r.output
    assert int(r.stdout.split()[0]) == want["draft"] + 1


def _counts_url(url: str) -> dict[str, int]:
    s = open_store(url)
    try:
        return {c.table: c.source for c in source_counts(s)}
    finally:
        s.close()


def test_a_post_being_published_stops_the_move(tmp_path: Path) -> None:
    """A claim open in the publish ledger (`<store>-publish`) means a result may still land in
    the old store: the move is refused with one line naming the draft; a result already
    finished in the ledger is written into the store first, and so copied."""
    from datetime import datetime

    from creatorctl.accounts import add_account
    from creatorctl.drafts import add_draft, get_draft, schedule_draft
    from creatorctl.publish_ledger import ledger_for

    src = tmp_path / "mine.db"
    s = open_store(str(src))
    acc = add_account(s, "me")
    d = add_draft(s, acc.id, title="正在发", video_path="/v.mp4")
    now = datetime(2026, 11, 26, 10, 0)
    schedule_draft(s, d.id, datetime(2026, 11, 26, 10, 5), now=now)
    ledger_for(s).take([(d.id, "2026-11-26 02:05:00.000000", 1)], "w1", "2026-11-26 02:05:01", 1)
    s.close()
    for extra in ((), ("--dry-run",)):
        err = assert_one_line_error(
            invoke("--lang", "en", "migrate-store", "--to", str(tmp_path / "t.db"), *extra, db=src)
        )
        assert err == (
            f"creatorctl: draft #{d.id} is being published and its result is not in this store "
            "yet; stop the scheduler and try again in a moment"
        )
    assert not (tmp_path / "t.db").exists()
    s = open_store(str(src))
    assert get_draft(s, d.id).state == "scheduled"
    s.close()
