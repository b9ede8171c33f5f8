"""The quick start (issue 15): the Works list's first page read through sqlite3 while Textual
loads, so the first frame has data — and nothing of the store's safety or behaviour lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from creatorctl.quickstart import PAGE_SIZE, QuickStart, head_revision, read_first_page, store_file
from tests.helpers import settle


def test_the_quick_read_gives_what_the_store_gives(demo_db: Path) -> None:
    """Same account (every field) and the same first page as accounts/works through the
    store: the two copies of the SQL cannot drift apart."""
    from creatorctl.accounts import current_account
    from creatorctl.store import known_revisions, open_store
    from creatorctl.widgets.paged_table import PAGE_SIZE as TABLE_PAGE
    from creatorctl.works import count_works, list_works

    first = read_first_page(demo_db, None)
    assert first is not None
    store = open_store(str(demo_db))
    account = current_account(store)
    assert first.account == account
    rows = list_works(store, account.id, limit=PAGE_SIZE)
    assert [r.id for r in first.rows] == [r.id for r in rows] and len(rows) == 100
    assert [
        (q.title, q.published_at, q.tags, q.plays, q.likes, q.comments, q.shares)
        + (q.completion_rate,)
        for q in first.rows
    ] == [
        (r.title, r.published_at, r.tags, r.plays, r.likes, r.comments, r.shares)
        + (r.completion_rate,)
        for r in rows
    ]
    assert first.total == count_works(store, account.id) == 240
    assert head_revision() == known_revisions()[-1] and PAGE_SIZE == TABLE_PAGE
    store.close()


def test_the_account_option_and_the_chosen_account_are_read(demo_db: Path) -> None:
    from creatorctl.accounts import add_account, use_account
    from creatorctl.store import open_store

    store = open_store(str(demo_db))
    add_account(store, "second")
    use_account(store, "second")
    store.close()
    chosen = read_first_page(demo_db, None)
    assert chosen is not None and chosen.account.handle == "second" and chosen.rows == []
    named = read_first_page(demo_db, "demo_pets_7")
    assert named is not None and named.account.handle == "demo_pets_7"
    assert read_first_page(demo_db, "nobody") is None  # the ordinary path says so


def test_only_a_store_at_this_schema_with_an_account_takes_the_quick_path(
    demo_db: Path, db_path: Path
) -> None:
    """A store to migrate, a store made by a newer release, or one without an account (the
    welcome screen) is left to open_store."""
    from creatorctl.store import open_store

    open_store(str(db_path)).close()
    assert read_first_page(db_path, None) is None  # fresh store: no account
    raw = sqlite3.connect(demo_db)
    for version in ("0008", "9999"):
        raw.execute("UPDATE alembic_version SET version_num = ?", (version,))
        raw.commit()
        assert read_first_page(demo_db, None) is None
    raw.close()


def test_urls_and_missing_files_take_the_ordinary_path(tmp_path: Path, demo_db: Path) -> None:
    assert store_file("postgresql://u@/db?host=/var/run/postgresql") is None
    assert store_file("sqlite://") is None
    assert store_file(str(tmp_path / "nope.db")) is None
    assert store_file(f"sqlite:///{demo_db}") == demo_db
    assert store_file(str(demo_db)) == demo_db


@pytest.mark.parametrize("unsafe", ["mode", "header"])
def test_an_unsafe_or_foreign_file_is_never_read(demo_db: Path, unsafe: str) -> None:
    """The checks open_store makes (safe_fs, the SQLite header) come before any read."""
    from creatorctl.errors import StoreError

    if unsafe == "mode":
        demo_db.chmod(0o666)
    else:
        demo_db.write_bytes(b"not a store at all" * 10)
    with pytest.raises(StoreError):
        read_first_page(demo_db, None)
    assert QuickStart.start(str(demo_db), None).result(5) is None


def test_the_quick_path_loads_neither_sqlalchemy_nor_textual(demo_db: Path) -> None:
    code = (
        "import sys\n"
        "from creatorctl.quickstart import QuickStart\n"
        f"first = QuickStart.start({str(demo_db)!r}, None).result(10)\n"
        "assert first is not None and len(first.rows) == 100, first\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel',"
        " 'alembic', 'textual', 'psycopg')]\n"
        "print(bad)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


async def test_the_first_frame_has_data_before_the_store_opens(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list is filled from the quick read while the store (SQLAlchemy) is not yet open;
    when it opens, the list is read again in place: the cursor stays on its work."""
    from creatorctl.app import CreatorApp
    from creatorctl.widgets.paged_table import PagedTable

    opened: list[bool] = []
    real_open = CreatorApp.open_store

    def held_open(self: CreatorApp) -> None:
        opened.append(True)  # the store opens only when the test says

    monkeypatch.setattr(CreatorApp, "open_store", held_open)
    app = CreatorApp(db=str(demo_db), quick=QuickStart.start(str(demo_db), None))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one("#works-table", PagedTable)
        assert app.store is None and table.row_count == 100 and table.total == 240
        assert "@demo_pets_7" in str(app.query_one("#account-bar").render())
        assert "240" in str(app.query_one("#works-status").render())
        assert opened == [True]  # asked for once the first frame was there
        for _ in range(3):
            await pilot.press("down")
        chosen = table.selected_key
        monkeypatch.setattr(CreatorApp, "open_store", real_open)
        app.open_store()
        await settle(pilot, app)
        assert app.store is not None and table.fetcher is not None
        assert table.cursor_row == 3 and table.selected_key == chosen
        await pilot.press("end")  # paging works from the store now
        await settle(pilot, app)
        assert table.row_offset == 200


async def test_no_account_still_shows_the_welcome(db_path: Path) -> None:
    from creatorctl.app import CreatorApp
    from creatorctl.screens.account.welcome import WelcomeScreen
    from creatorctl.store import open_store

    open_store(str(db_path)).close()
    app = CreatorApp(db=str(db_path), quick=QuickStart.start(str(db_path), None))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, WelcomeScreen)


async def test_the_collector_paused_for_start_up_runs_again_after_the_first_frame(
    demo_db: Path,
) -> None:
    """`creatorctl` pauses the garbage collector while it starts (cli.root); the app must turn
    it back on, or a long session would never collect a cycle."""
    import gc

    from creatorctl.app import CreatorApp

    gc.unfreeze()
    gc.disable()
    try:
        app = CreatorApp(db=str(demo_db), quick=QuickStart.start(str(demo_db), None))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            assert gc.isenabled()
            # What start-up built is out of the collector's sight: a full collection walks
            # only what came after (gc.freeze; ~110 ms per collection on the large demo).
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_opening_the_app_pauses_the_collector_and_starts_the_quick_read(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from click.testing import CliRunner

    import creatorctl.app
    from creatorctl.cli import root

    seen: list[tuple[bool, object]] = []

    def fake_run_app(db: str | None, account: str | None, quick: QuickStart | None) -> None:
        first = quick.result(10) if quick is not None else None
        seen.append((gc.isenabled(), first.account.handle if first else None))

    monkeypatch.setattr(creatorctl.app, "run_app", fake_run_app)
    try:
        result = CliRunner().invoke(root, ["--db", str(demo_db)])
    finally:
        gc.enable()
    assert result.exit_code == 0, result.output
    assert seen == [(False, "demo_pets_7")]
