"""The app's own scheduler publishes a due post within 2 s and tells the user."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from creatorctl.app import CreatorApp
from creatorctl.drafts import add_draft, get_draft, schedule_draft
from creatorctl.i18n import set_language
from creatorctl.scheduler import scheduler_status
from creatorctl.timeutil import now_local, utcnow_exact
from tests._drafts_support import new_store


async def test_the_app_publishes_a_due_post_on_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CREATORCTL_FAKE_NOW", raising=False)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    set_language("zh")
    store, acc = new_store(tmp_path)
    draft = add_draft(store, acc, title="到点自动发", video_path="/v/a.mp4")
    due = now_local().replace(microsecond=0) + timedelta(seconds=3)
    schedule_draft(store, draft.id, due)
    app = CreatorApp(store=store, scheduler=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(80):
            await asyncio.sleep(0.1)
            if get_draft(store, draft.id).state == "published":
                break
        await pilot.pause()
        published = get_draft(store, draft.id)
        assert published.state == "published"
        assert published.published_at is not None
        assert (published.published_at - due).total_seconds() < 2.0
        assert any(
            "已发布 #" in n.message and "到点自动发" in n.message for n in app._notifications
        )
        status = scheduler_status(store, utcnow_exact())
        assert [p.kind for p in status.processes if p.alive] == ["app"]
    # Closing the app stops its scheduler and says so in the store.
    assert [p for p in scheduler_status(store, utcnow_exact()).processes] == []
    store.close()
