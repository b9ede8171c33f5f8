"""Drafts as data: kept exactly, edited with history, trashed and restored, migrated in place."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.accounts import history
from creatorctl.config import PublishConfig
from creatorctl.drafts import (
    add_draft,
    cancel_draft,
    conflicts,
    delete_draft,
    edit_draft,
    get_draft,
    list_drafts,
    schedule_draft,
)
from creatorctl.errors import UserError
from creatorctl.hooks import run_hook
from creatorctl.i18n import set_language
from creatorctl.publishing import publish_now
from creatorctl.store import current_revision, known_revisions, open_store
from creatorctl.trash import list_trash, restore
from tests._drafts_support import ROOT, new_store

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

NOW = datetime(2026, 11, 26, 10, 0)


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


@pytest.fixture
def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store, acc = new_store(tmp_path)
    yield store, acc
    store.close()


def test_edit_params_are_kept_byte_for_byte(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    params = '{\n  "filter" : "清新",\t"strength": 0.60,\n  "music": "晴天\\u2764", "speed": 1.0 }'
    d = add_draft(store, acc, title="滤镜不会丢", edit_params=params)
    assert get_draft(store, d.id).edit_params == params
    store.close()
    reopened = open_store(store.url)
    assert get_draft(reopened, d.id).edit_params == params
    reopened.close()


def test_edits_are_recorded_and_locked_once_published(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    d = add_draft(store, acc, title="旧标题", video_path="/v.mp4")
    changes = edit_draft(store, d.id, title="新标题", edit_params='{"speed": 1.25}')
    assert changes == {"title": ("旧标题", "新标题"), "edit_params": ("", '{"speed": 1.25}')}
    assert {(c.field, c.old, c.new) for c in history(store, "draft", d.id)} == {
        ("title", "旧标题", "新标题"),
        ("edit_params", "", '{"speed": 1.25}'),
    }
    assert edit_draft(store, d.id, title="新标题") == {}
    publish_now(store, PublishConfig(), d.id, clock=lambda: NOW)
    with pytest.raises(UserError, match="published and cannot change"):
        edit_draft(store, d.id, title="再改")


def test_schedule_rules(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    a = add_draft(store, acc, title="A", video_path="/v.mp4")
    b = add_draft(store, acc, title="B", video_path="/v.mp4")
    with pytest.raises(UserError, match="in the past"):
        schedule_draft(store, a.id, datetime(2026, 11, 26, 9, 0), now=NOW)
    first = schedule_draft(store, a.id, datetime(2026, 11, 26, 20, 0), now=NOW)
    assert first.conflicts == [] and first.warnings == ["the video file does not exist: /v.mp4"]
    second = schedule_draft(store, b.id, datetime(2026, 11, 26, 20, 29, 59), now=NOW)
    assert [c.id for c in second.conflicts] == [a.id]
    assert conflicts(store, acc, datetime(2026, 11, 26, 20, 30)) == [get_draft(store, b.id)]
    assert conflicts(store, acc, datetime(2026, 11, 26, 21, 0)) == []  # exactly 30 min: fine
    # Rescheduling moves it; cancelling takes it back to a draft.
    schedule_draft(store, a.id, datetime(2026, 11, 27, 20, 0), now=NOW)
    assert get_draft(store, a.id).scheduled_at == datetime(2026, 11, 27, 20, 0)
    assert cancel_draft(store, a.id).state == "draft"
    assert get_draft(store, a.id).scheduled_at is None


def test_a_deleted_draft_goes_to_the_trash_unscheduled(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    d = add_draft(store, acc, title="删了又后悔", video_path="/v.mp4")
    schedule_draft(store, d.id, datetime(2026, 11, 27, 20, 0), now=NOW)
    delete_draft(store, d.id)
    assert list_drafts(store, acc) == []
    with pytest.raises(UserError, match="no draft"):
        get_draft(store, d.id)
    (item,) = list_trash(store, acc)
    assert restore(store, [item.id]) == 1
    back = get_draft(store, d.id)
    assert back.state == "draft"  # it will not fire late; schedule it again


def test_the_migration_keeps_earlier_stores_and_their_search(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = open_store(str(db), migrate=False)
    from alembic import command
    from alembic.config import Config as AlembicConfig

    from creatorctl.store import MIGRATIONS_DIR

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.write_engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.commit()
    with store.write() as conn:
        conn.execute(
            sa.text("INSERT INTO account(handle, created_at) VALUES ('old', '2025-01-01 00:00:00')")
        )
        conn.execute(
            sa.text(
                "INSERT INTO work(account_id, title, published_at) "
                "VALUES (1, '老作品:广州早茶攻略', '2025-01-02 12:00:00')"
            )
        )
    store.close()
    store = open_store(str(db))
    assert current_revision(store) == known_revisions()[-1]
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT title, draft_id FROM work")).one() == (
            "老作品:广州早茶攻略",
            None,
        )
        hits = conn.execute(
            sa.text("SELECT rowid FROM work_fts WHERE work_fts MATCH '\"早茶攻略\"'")
        ).all()
    assert len(hits) == 1  # the full-text triggers survived the new column
    d = add_draft(store, 1, title="新草稿", video_path="/v.mp4")
    outcome = publish_now(store, PublishConfig(), d.id, clock=lambda: NOW)
    with store.read() as conn:
        found = (
            conn.execute(sa.text("SELECT rowid FROM work_fts WHERE work_fts MATCH '\"新草稿\"'"))
            .scalars()
            .all()
        )
    assert found == [outcome.work_id]
    store.close()


def test_the_example_hook_publishes_into_an_outbox(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CREATORCTL_OUTBOX", str(tmp_path / "outbox"))
    video = tmp_path / "v.mp4"
    video.write_bytes(b"video")
    hook = ROOT / "examples" / "publish_hook.sh"
    argv = [str(hook), "{video}", "{title}", "{draft_id}"]
    ok = run_hook(
        argv, {"video": str(video), "title": '"; rm -rf ~', "draft_id": "7"}, {"a": 1}, 10
    )
    assert ok.ok and ok.data == {"item_id": "local-7"}
    assert (tmp_path / "outbox" / "draft-7.mp4").read_bytes() == b"video"
    assert '"; rm -rf ~' in (tmp_path / "outbox" / "published.log").read_text()
    missing = run_hook(argv, {"video": "/nope.mp4", "title": "t", "draft_id": "8"}, {}, 10)
    assert not missing.ok and missing.exit_code == 2 and "video file not found" in missing.error
    assert subprocess.run(["sh", "-n", str(hook)], check=False).returncode == 0


def test_count_by_state_skips_deleted_drafts(_store) -> None:  # type: ignore[no-untyped-def]
    """The Drafts tab's counts come from the domain (issue 13: no SQL in screens/drafts/)."""
    from creatorctl.drafts import count_by_state

    store, acc = _store
    assert count_by_state(store, acc) == {}
    a = add_draft(store, acc, title="一")
    add_draft(store, acc, title="二")
    assert count_by_state(store, acc) == {"draft": 2}
    delete_draft(store, a.id)
    assert count_by_state(store, acc) == {"draft": 1}
