"""The store: location, permissions, PRAGMAs, migrations, refusal of unsafe files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.errors import StoreError
from creatorctl.store import current_revision, known_revisions, open_store, resolve_location

FIXTURE = Path(__file__).parent / "fixtures" / "store_0001.db"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_new_store_is_migrated_to_head(store) -> None:  # type: ignore[no-untyped-def]
    """On both backends; SQLite gets FTS5 trigram tables, PostgreSQL bigram GIN indexes."""
    assert current_revision(store) == known_revisions()[-1]
    with store.read() as conn:
        inspector = sa.inspect(conn)
        tables = set(inspector.get_table_names())
        if store.dialect == "sqlite":
            tables |= {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            search = {"work_fts", "comment_fts"}
        else:
            tables |= {i["name"] for t in ("work", "comment") for i in inspector.get_indexes(t)}
            search = {"ix_work_bigrams", "ix_comment_bigrams"}
            kind = conn.exec_driver_sql(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name='work' AND column_name='published_at'"
            ).scalar()
            assert kind == "text"  # stored instants are TEXT in one format, as on SQLite
    for table in (
        "account",
        "work",
        "worksnapshot",
        "accountdaily",
        "edithistory",
        "trash",
        "setting",
        *search,
    ):
        assert table in tables


@pytest.mark.sqlite_only("PRAGMAs are SQLite's; PostgreSQL's write lock: test_store_pg.py")
def test_pragmas(store) -> None:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_write_rolls_back_on_error(store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import add_account, list_accounts

    add_account(store, "a1")
    with pytest.raises(RuntimeError), store.write() as conn:
        conn.execute(sa.text("UPDATE account SET nickname='changed'"))
        raise RuntimeError("boom")
    assert list_accounts(store)[0].nickname == "a1"


def test_fixture_store_from_first_release_opens_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, path)
    os.chmod(path, 0o600)
    s = open_store(str(path))
    try:
        assert current_revision(s) == known_revisions()[-1]
        from creatorctl.accounts import history, list_accounts
        from creatorctl.works import count_works, get_work, list_works

        (acc,) = list_accounts(s)
        assert acc.handle == "fixture_acc" and acc.verified and acc.fans == 12345
        assert acc.bio == "每天一道家常菜"
        assert count_works(s, acc.id) == 4  # one is in the trash
        assert get_work(s, 1).title == "红烧肉的1种做法(修订)"
        assert [p.plays for p in get_work(s, 2).daily] == [600, 600, 600]
        assert history(s, "work", 1)[0].old == "红烧肉的1种做法"
        assert list_works(s, acc.id, query="红烧肉")[0].title.startswith("红烧肉")
    finally:
        s.close()


def test_default_location_is_private_under_umask_022(monkeypatch: pytest.MonkeyPatch) -> None:
    old = os.umask(0o022)
    try:
        s = open_store(None)
        from creatorctl.accounts import add_account

        add_account(s, "someone")  # a write, so -wal and -shm exist
        path = s.path
        assert path is not None
        assert mode(path.parent) == 0o700
        for suffix in ("", "-wal", "-shm"):
            p = Path(f"{path}{suffix}")
            if p.exists():
                assert mode(p) == 0o600, suffix
        s.close()
    finally:
        os.umask(old)


def test_env_and_flag_override_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_DB", str(tmp_path / "env.db"))
    assert resolve_location(None)[1] == tmp_path / "env.db"
    assert resolve_location(str(tmp_path / "flag.db"))[1] == tmp_path / "flag.db"
    assert resolve_location(f"sqlite:///{tmp_path}/u.db")[1] == tmp_path / "u.db"


@pytest.mark.parametrize(
    ("db", "words"),
    [
        ("mysql://u@h/db", "unsupported --db URL"),
        ("postgresql://u@h/", "names no database"),
        ("postgresql+asyncpg:///team", "unsupported PostgreSQL driver"),
        ("sqlite+aiosqlite:///x.db", "unsupported SQLite driver"),
        ("://nothing", "malformed"),
    ],
)
def test_bad_urls_are_refused(db: str, words: str) -> None:
    with pytest.raises(StoreError, match=words):
        resolve_location(db)


def test_refuses_world_writable_store(db_path: Path) -> None:
    open_store(str(db_path)).close()
    db_path.chmod(0o666)
    with pytest.raises(StoreError, match="可被其他用户写入"):
        open_store(str(db_path))


@pytest.mark.skipif(os.getuid() != 0, reason="chown to another user needs root")
def test_refuses_store_owned_by_another_user(db_path: Path) -> None:
    open_store(str(db_path)).close()
    os.chown(db_path, 65534, 65534)
    with pytest.raises(StoreError, match="属于另一个用户"):
        open_store(str(db_path))


def test_refuses_folder_that_cannot_hold_a_store(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="无法创建文件夹"):
        open_store(str(blocker / "sub" / "s.db"))


def test_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    p = tmp_path / "notes.db"
    p.write_text("hello, this is not sqlite")
    p.chmod(0o600)
    with pytest.raises(StoreError, match="不是 creatorctl 的存储"):
        open_store(str(p))


def test_refuses_a_store_from_a_newer_release(db_path: Path) -> None:
    open_store(str(db_path)).close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num='9999'")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="newer creatorctl"):
        open_store(str(db_path))


def test_config_refused_when_others_can_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from creatorctl.config import load_config
    from creatorctl.errors import ConfigError

    cfg = tmp_path / "config.toml"
    cfg.write_text('[publish]\ncommand = ["echo", "{title}"]\n')
    monkeypatch.setenv("CREATORCTL_CONFIG", str(cfg))
    assert load_config().publish.command == ["echo", "{title}"]
    cfg.chmod(0o666)
    with pytest.raises(StoreError, match="可被其他用户写入"):
        load_config()
    cfg.chmod(0o600)
    cfg.write_text("[publish]\ntimeout = 'soon'\n")
    with pytest.raises(ConfigError, match="should be a number"):
        load_config()
    cfg.write_text("[nonsense]\n")
    with pytest.raises(ConfigError, match="unknown section"):
        load_config()


def test_delete_after_another_connection_changed_the_schema(db_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite 3.40 fails the first DELETE after another connection's schema change with
    "no such table" (foreign keys on); imports suspend indexes and triggers, so the app's
    open store sees such changes. Every transaction loads a changed schema first."""
    from creatorctl.store import open_store

    open_store(str(db_path)).close()  # made by another process earlier
    a = open_store(str(db_path))
    with a.write() as conn:
        conn.execute(sa.text("INSERT INTO account(handle, created_at) VALUES ('me', '2026-01-01')"))
    b = open_store(str(db_path))
    with b.write() as conn:
        conn.execute(sa.text("CREATE INDEX ix_test ON comment(likes)"))
        conn.execute(sa.text("DROP INDEX ix_test"))
    with a.write() as conn:
        conn.execute(sa.text("DELETE FROM comment"))
        conn.execute(sa.text("DELETE FROM account WHERE handle = 'nobody'"))
    a.close()
    b.close()


@pytest.mark.parametrize(
    ("db", "url"),
    [
        ("postgresql:///team", "postgresql+psycopg:///team"),
        ("postgres://ops@db.example/team", "postgresql+psycopg://ops@db.example/team"),
        (
            "postgresql+psycopg://u:pw@127.0.0.1:5433/t",
            "postgresql+psycopg://u:pw@127.0.0.1:5433/t",
        ),
    ],
)
def test_postgresql_urls_name_a_team_store(db: str, url: str) -> None:
    """`postgresql:///team` is the local Unix socket; a PostgreSQL store has no file."""
    assert resolve_location(db) == (url, None)


def test_sqlite_start_up_does_not_import_psycopg(db_path: Path) -> None:
    """The SQLite path (open, migrate, list) never loads psycopg or SQLAlchemy's PG dialect."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from creatorctl.cli import main\n"
        f"sys.argv = ['creatorctl', '--db', {str(db_path)!r}, 'works', 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m.startswith(('psycopg', 'sqlalchemy.dialects.postgresql'))]\n"
        "print('LOADED', bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "LOADED []" in out, out
