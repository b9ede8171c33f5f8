"""Settling an `unknown` (待确认) post from the Drafts tab: it is listed first, `r` resolves it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from textual.widgets import DataTable, Input, Label

from creatorctl.app import CreatorApp
from creatorctl.drafts import add_draft, get_draft
from creatorctl.i18n import set_language
from creatorctl.screens.drafts.resolve import ResolveScreen
from creatorctl.screens.drafts.tab import DraftsTab
from tests._drafts_support import new_store

LOST = "结果未知:进程 4242(box)在钩子运行中退出;钩子 pid 4243,2026-11-26 20:00:01 开始。"


@pytest.fixture
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26T10:00:00")
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    set_language("zh")
    store, acc = new_store(tmp_path)
    add_draft(store, acc, title="普通草稿", video_path="/v.mp4")
    lost = add_draft(store, acc, title="丢了结果", video_path="/v.mp4").id
    add_draft(store, acc, title="另一个", video_path="/v.mp4")
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE draft SET state='unknown', last_error=:e WHERE id=:i"),
            {"e": LOST, "i": lost},
        )
    yield store, lost
    store.close()


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_unknown_first_and_resolved_as_published(_env) -> None:  # type: ignore[no-untyped-def]
    store, lost = _env
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("2")
        await _settle(pilot)
        table = app.query_one(DraftsTab).query_one(DataTable)
        first = [str(c) for c in table.get_row_at(0)]
        assert any("丢了结果" in c for c in first) and any("待确认" in c for c in first)
        await pilot.press("r")
        await _settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        assert "钩子 pid 4243" in str(app.screen.query_one("#known", Label).render())
        app.screen.query_one(Input).value = "7301234567890123456"
        await pilot.press("enter")
        await _settle(pilot)
        assert not isinstance(app.screen, ResolveScreen)
    d = get_draft(store, lost)
    assert d.state == "published" and d.item_id == "7301234567890123456" and d.work_id


async def test_r_on_a_post_that_is_not_unknown_only_warns(_env) -> None:  # type: ignore[no-untyped-def]
    store, lost = _env
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("2")
        await _settle(pilot)
        await pilot.press("down", "r")
        await _settle(pilot)
        assert not isinstance(app.screen, ResolveScreen)
    assert get_draft(store, lost).state == "unknown"
