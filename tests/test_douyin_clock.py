"""Douyin's clock (issue 12 §1): times are China Standard Time whatever the server's TZ.

`[account] timezone` (default Asia/Shanghai), overridable per account, decides how naive times
in files are read, how times are shown (CLI and app) and how schedule times are entered; the
schedule dialog names the zone. The same steps under TZ=UTC, TZ=America/New_York and
TZ=Asia/Shanghai must give identical results.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from creatorctl.store import Store
from creatorctl.timeutil import from_db, set_config_zone, to_db
from tests.import_helpers import cli, rows

# 2026-10-03 19:30 Beijing time = 11:30 UTC
TS = 1_791_027_000
WORKS_CSV = "作品名称,发布时间,播放量\n广州早茶攻略,2026-10-03 19:30,1000\n"


@pytest.fixture(params=["UTC", "America/New_York", "Asia/Shanghai"])
def server_tz(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The server's own clock: it must not matter."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _files(tmp_path: Path) -> tuple[Path, Path]:
    csv = tmp_path / "works.csv"
    csv.write_text(WORKS_CSV, encoding="utf-8")
    video = tmp_path / "video_list.json"
    video.write_text(
        json.dumps({"data": {"list": [{
            "item_id": "@9VxS1/qCUc80K2etd8wkU893p2/ZLqlmD5vgZ9lhAssSgS5lfTb4kLTSI0gWrxAg4Jx+Q==",
            "video_id": "7421100000000000001", "title": "广州早茶攻略 #早茶", "create_time": TS,
            "video_status": 5, "media_type": 4, "statistics": {"play_count": 1200}}]}}),
        encoding="utf-8",
    )  # fmt: skip
    return csv, video


def test_same_results_whatever_the_servers_tz(
    import_store: Store, tmp_path: Path, server_tz: str
) -> None:
    """A naive 19:30 in the export and the unix time of the same instant in the JSON are one
    work at 11:30 UTC; the CLI shows 19:30 and schedules 20:00 Beijing time at 12:00 UTC."""
    csv, video = _files(tmp_path)
    assert cli("import", str(csv))[0] == 0
    assert cli("import", str(video))[0] == 0
    assert rows(import_store, "SELECT title, published_at, plays FROM work") == [
        ("广州早茶攻略", "2026-10-03 11:30:00.000000", 1200)
    ]
    code, out, _err = cli("works", "show", "1")
    assert code == 0 and "published: 2026-10-03 19:30 Beijing time" in out
    (tmp_path / "v.mp4").write_bytes(b"\0")
    code, out, err = cli(
        "drafts", "add", "--title", "定时的那条", "--video", str(tmp_path / "v.mp4")
    )
    assert code == 0, err
    code, out, err = cli("drafts", "schedule", out.strip(), "--at", "2026-11-27 20:00")
    assert code == 0, err
    assert out.strip().endswith("2026-11-27 20:00:00 Beijing time")
    assert rows(import_store, "SELECT substr(scheduled_at, 1, 19) FROM draft") == [
        ("2026-11-27 12:00:00",)
    ]
    code, out, _err = cli("works", "show", "1", lang="zh")
    assert "2026-10-03 19:30 北京时间" in out


def test_an_accounts_own_zone(import_store: Store, tmp_path: Path, server_tz: str) -> None:
    """An account in Tokyo reads and shows its times in Tokyo time; a bad zone is one line."""
    code, out, err = cli("accounts", "edit", "--timezone", "Mars/Olympus")
    assert code == 1 and "invalid time zone 'Mars/Olympus'" in err and "Traceback" not in err
    code, out, err = cli("accounts", "edit", "--timezone", "Asia/Tokyo")
    assert code == 0, err
    csv, _video = _files(tmp_path)
    assert cli("import", str(csv))[0] == 0
    assert rows(import_store, "SELECT published_at FROM work") == [("2026-10-03 10:30:00.000000",)]
    code, out, _err = cli("works", "show", "1")
    assert "published: 2026-10-03 19:30 Asia/Tokyo" in out
    (tmp_path / "v.mp4").write_bytes(b"\0")
    code, out, err = cli("drafts", "add", "--title", "x", "--video", str(tmp_path / "v.mp4"))
    code, out, err = cli("drafts", "schedule", out.strip(), "--at", "2026-11-27 20:00")
    assert out.strip().endswith("2026-11-27 20:00:00 Asia/Tokyo")
    assert rows(import_store, "SELECT substr(scheduled_at, 1, 19) FROM draft") == [
        ("2026-11-27 11:00:00",)
    ]


def _config(text: str) -> None:
    from creatorctl.paths import config_path

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)


def test_the_account_timezone_setting(import_store: Store, tmp_path: Path) -> None:
    """``[account] timezone`` moves the default; a zone that does not exist is named."""
    _config('[account]\ntimezone = "Europe/Berlin"\n')
    csv, _video = _files(tmp_path)
    assert cli("import", str(csv))[0] == 0
    assert rows(import_store, "SELECT published_at FROM work") == [("2026-10-03 17:30:00.000000",)]
    _config('[account]\ntimezone = "Beijing"\n')
    set_config_zone(None)  # a new process: nothing read yet
    code, _out, err = cli("import", str(csv))
    assert code == 1 and "Traceback" not in err
    assert "[account]: 'timezone' should be a time zone such as \"Asia/Shanghai\"" in err
    assert rows(import_store, "SELECT count(*) FROM work") == [(1,)]


def test_upgrade_moves_no_stored_instant(tmp_path: Path) -> None:
    """A store made before this release keeps every stored time exactly (UTC in, UTC out)."""
    from creatorctl.store import current_revision, known_revisions, open_store

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "store_0001.db", path)
    raw = sqlite3.connect(path)
    before = raw.execute("SELECT id, published_at FROM work ORDER BY id").fetchall()
    raw.close()
    s = open_store(str(path))
    try:
        assert current_revision(s) == known_revisions()[-1]
        after = rows(s, "SELECT id, published_at FROM work ORDER BY id")
        # Rewritten into the one stored form (migration 0014), the same instants.
        assert [(i, from_db(at)) for i, at in after] == [(i, from_db(at)) for i, at in before]
        assert all(at == to_db(from_db(at)) for _i, at in after)
        assert rows(s, "SELECT DISTINCT timezone FROM account") == [("",)]
    finally:
        s.close()


def test_one_migration_head() -> None:
    """Two migrations with one number (as happened once) leave alembic with two heads and
    no store can be opened."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    from creatorctl.store import MIGRATIONS_DIR

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


async def test_schedule_dialog_names_beijing_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_tz: str
) -> None:
    """On a UTC (or New York) server the dialog still proposes and takes Beijing time, and
    says so: "北京时间" in the hint and "20:00 北京时间" in the check line."""
    from textual.widgets import Input, Static

    from creatorctl.app import CreatorApp
    from creatorctl.drafts import add_draft, get_draft
    from creatorctl.screens.drafts.schedule import ScheduleScreen
    from tests._drafts_support import new_store

    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26T10:00:00")
    store, acc = new_store(tmp_path)
    video = tmp_path / "a.mp4"
    video.write_bytes(b"\0")
    draft = add_draft(store, acc, title="今晚八点发", video_path=str(video))
    app = CreatorApp(store=store, scheduler=False)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            app.push_screen(
                ScheduleScreen(draft.id, acc, draft.title, datetime(2026, 11, 26, 20, 0))
            )
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            modal = app.screen
            assert "北京时间 YYYY-MM-DD HH:MM" in str(
                modal.query_one("#schedule-hint", Static).render()
            )
            assert modal.query_one("#schedule-at", Input).value == "2026-11-26 20:00"
            check = str(modal.query_one("#schedule-check", Static).render())
            assert "将于 11-26 20:00 北京时间 发布(10 小时 0 分钟后)" in check
            await pilot.press("enter")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
        assert rows(store, "SELECT substr(scheduled_at, 1, 19) FROM draft WHERE id = :i",
                    i=draft.id) == [("2026-11-26 12:00:00",)]  # fmt: skip
        assert get_draft(store, draft.id).state == "scheduled"
    finally:
        store.close()
