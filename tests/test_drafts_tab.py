"""The Drafts tab, driven with the keyboard (Pilot), asserting on widgets and on the store."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from creatorctl.app import CreatorApp
from creatorctl.drafts import add_draft, get_draft, list_drafts, schedule_draft
from creatorctl.i18n import set_language
from creatorctl.screens.drafts.edit import DraftEditScreen
from creatorctl.screens.drafts.schedule import ScheduleScreen
from creatorctl.screens.drafts.tab import DraftsTab
from creatorctl.widgets.week_calendar import WeekCalendar
from tests._drafts_support import new_store

NOW = "2026-11-26T10:00:00"  # a Thursday


@pytest.fixture
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", NOW)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    set_language("zh")
    store, acc = new_store(tmp_path)
    video = tmp_path / "a.mp4"
    video.write_bytes(b"\0")
    yield store, acc, str(video)
    store.close()


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _open(pilot) -> DraftsTab:  # type: ignore[no-untyped-def]
    await _settle(pilot)
    await pilot.press("2")
    await _settle(pilot)
    return pilot.app.query_one(DraftsTab)


def _rows(tab: DraftsTab) -> list[tuple[str, str, str]]:
    table = tab.query_one(DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]  # type: ignore[misc]


async def test_create_a_draft_with_every_field(_env) -> None:  # type: ignore[no-untyped-def]
    store, acc, video = _env
    app = CreatorApp(store=store, scheduler=False)
    params = '{"filter": "清新",\n  "strength": 0.6, "music": "晴天", "speed": 1.0}'
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await _open(pilot)
        assert "按 n 新建" in str(tab.query_one("#drafts-status", Static).render())
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DraftEditScreen)
        form.query_one("#draft-title", Input).value = "广州早茶攻略:这5样必点"
        form.query_one("#draft-tags", Input).value = "美食 #探店"
        form.query_one("#draft-video", Input).value = "/nope/missing.mp4"
        await pilot.pause()
        warning = str(form.query_one("#draft-video-warning", Static).render())
        assert "视频文件不存在:/nope/missing.mp4" in warning  # a visible warning, not an error
        form.query_one("#draft-video", Input).value = video
        form.query_one("#draft-params", TextArea).text = params
        await pilot.pause()
        assert str(form.query_one("#draft-video-warning", Static).render()) == ""
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert not isinstance(app.screen, DraftEditScreen)
        (d,) = list_drafts(store, acc)
        assert (d.title, d.tags, d.video_path, d.edit_params) == (
            "广州早茶攻略:这5样必点",
            ("#美食", "#探店"),
            video,
            params,
        )
        assert _rows(tab) == [("草稿", "–", "广州早茶攻略:这5样必点")]
        # Resume it: the form shows it exactly as saved.
        await pilot.press("e")
        await _settle(pilot)
        assert app.screen.query_one("#draft-params", TextArea).text == params
        await pilot.press("escape")


async def test_bad_params_are_shown_in_the_form_and_nothing_is_saved(_env) -> None:  # type: ignore[no-untyped-def]
    store, acc, _video = _env
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#draft-title", Input).value = "标题"
        app.screen.query_one("#draft-params", TextArea).text = "{broken"
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert isinstance(app.screen, DraftEditScreen)
        assert "不是有效的 JSON" in str(app.screen.query_one("#draft-error", Static).render())
        assert list_drafts(store, acc) == []


async def test_schedule_prefills_the_best_slot_refuses_the_past_and_warns(_env) -> None:  # type: ignore[no-untyped-def]
    store, acc, video = _env
    other = add_draft(store, acc, title="早一点的那条", video_path=video)
    schedule_draft(store, other.id, datetime(2026, 11, 27, 20, 10))
    draft = add_draft(store, acc, title="要定时的这条", video_path=video)
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await _open(pilot)
        tab.table.move_cursor(row=tab.table.get_row_index(str(draft.id)))
        await pilot.press("s")
        await _settle(pilot)
        modal = app.screen
        assert isinstance(modal, ScheduleScreen)
        at = modal.query_one("#schedule-at", Input)
        assert at.value == "2026-11-26 20:00"  # today's evening slot is free
        at.value = "2026-11-26 09:30"
        await _settle(pilot)
        assert "已经过去" in str(modal.query_one("#schedule-check", Static).render())
        await pilot.press("enter")
        await _settle(pilot)
        assert "已经过去" in str(modal.query_one("#schedule-error", Static).render())
        # Said once (issue 13): the refusal replaces the live check's line.
        assert "已经过去" not in str(modal.query_one("#schedule-check", Static).render())
        assert get_draft(store, draft.id).state == "draft"
        at.value = "2026-11-27 20:00"  # ten minutes from the other post
        await _settle(pilot)
        check = str(modal.query_one("#schedule-check", Static).render())
        assert "30 分钟内还有一条" in check and "早一点的那条" in check
        await pilot.press("enter")
        await _settle(pilot)
        assert not isinstance(app.screen, ScheduleScreen)
        after = get_draft(store, draft.id)
        assert after.state == "scheduled" and after.scheduled_at == datetime(2026, 11, 27, 20, 0)
        assert any("30 分钟内还有一条" in n.message for n in app._notifications)
        assert ("定时", "11-27 20:00", "要定时的这条") in _rows(tab)


async def test_keys_move_the_proposed_time(_env) -> None:  # type: ignore[no-untyped-def]
    store, acc, video = _env
    add_draft(store, acc, title="调时间", video_path=video)
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("s")
        await _settle(pilot)
        await pilot.press("up", "up", "pageup", "down")
        assert app.screen.query_one("#schedule-at", Input).value == "2026-11-27 20:15"


async def test_cancel_then_publish_now_makes_a_work(_env) -> None:  # type: ignore[no-untyped-def]
    store, acc, video = _env
    draft = add_draft(store, acc, title="马上发", tags=("美食",), video_path=video)
    schedule_draft(store, draft.id, datetime(2026, 11, 28, 20, 0))
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await _open(pilot)
        assert _rows(tab) == [("定时", "11-28 20:00", "马上发")]
        await pilot.press("c")
        await _settle(pilot)
        assert get_draft(store, draft.id).state == "draft"
        assert _rows(tab) == [("草稿", "–", "马上发")]
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("n")  # asked first; "no" changes nothing
        await _settle(pilot)
        assert get_draft(store, draft.id).state == "draft"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("y")
        await _settle(pilot)
        published = get_draft(store, draft.id)
        assert published.state == "published" and published.work_id is not None
        assert any("已发布 #" in n.message for n in app._notifications)
        assert _rows(tab)[0][0] == "已发布"
        # …and the Works tab shows the new work at once.
        await pilot.press("1")
        await _settle(pilot)
        works = app.query_one("#works-table", DataTable)
        assert works.row_count == 1 and "马上发" in str(works.get_row_at(0)[1])


async def test_missed_posts_come_first_and_the_calendar_shows_the_week(_env) -> None:  # type: ignore[no-untyped-def]
    store, acc, video = _env
    import sqlalchemy as sa

    soon = add_draft(store, acc, title="周六的", video_path=video)
    schedule_draft(store, soon.id, datetime(2026, 11, 28, 19, 30))
    later = add_draft(store, acc, title="下周的", video_path=video)
    schedule_draft(store, later.id, datetime(2026, 12, 1, 21, 0))
    missed = add_draft(store, acc, title="错过的", video_path=video)
    with store.write() as conn:
        conn.execute(sa.text("UPDATE draft SET state='missed' WHERE id=:i"), {"i": missed.id})
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await _open(pilot)
        assert _rows(tab)[0][0] == "已错过"
        assert "1 条需要处理" in str(tab.query_one("#drafts-status", Static).render())
        cal = app.query_one(WeekCalendar)
        assert [(e.when, e.label) for e in cal.entries()] == [
            (datetime(2026, 11, 28, 19, 30), "周六的")
        ]
        cal.set_entries("live", [])  # another source can add entries (issue 6: live previews)
        await pilot.press("right_square_bracket")
        await _settle(pilot)
        assert [e.label for e in cal.entries()] == ["下周的"]
        await pilot.press("w")
        assert not cal.display or cal.has_class("hidden")


async def test_a_failed_post_shows_its_error_and_the_hooks_stderr(_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.config import PublishConfig
    from creatorctl.publishing import MAX_ATTEMPTS, publish_now, run_due
    from creatorctl.timeutil import local_to_utc
    from tests._drafts_support import write_script

    store, acc, video = _env
    hook = write_script(tmp_path / "bad.sh", "echo 'HTTP 413: 视频太大' >&2\nexit 1\n")
    config = PublishConfig(command=[str(hook)])
    draft = add_draft(store, acc, title="发不出去", video_path=video)
    at = local_to_utc(datetime(2026, 11, 26, 9, 0))
    publish_now(store, config, draft.id, clock=lambda: at)
    for k in (1, 3):  # the two retries, after 30 s and 2 min
        run_due(store, config, "t", now=at + timedelta(minutes=k))
    assert get_draft(store, draft.id).state == "failed"
    assert get_draft(store, draft.id).attempts == MAX_ATTEMPTS
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await _open(pilot)
        assert _rows(tab)[0][0] == "失败"
        detail = str(tab.query_one("#drafts-detail", Static).render())
        assert "HTTP 413: 视频太大" in detail  # the error, with the stderr tail under the tries
        assert detail.count("✗") >= 3


async def test_a_slot_near_a_live_preview_is_warned(_env) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: posting within an hour of a live preview warns (fans are in the live room)."""
    from creatorctl.inbox.live import add_preview

    store, acc, video = _env
    add_draft(store, acc, title="撞直播", video_path=video)
    add_preview(store, acc, "周五晚间直播", datetime(2026, 11, 27, 20, 30))
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("s")
        await _settle(pilot)
        modal = app.screen
        assert isinstance(modal, ScheduleScreen)
        modal.query_one("#schedule-at", Input).value = "2026-11-27 20:00"
        await _settle(pilot)
        check = str(modal.query_one("#schedule-check", Static).render())
        assert "直播预告「周五晚间直播」(20:30)" in check
        modal.query_one("#schedule-at", Input).value = "2026-11-28 20:00"
        await _settle(pilot)
        assert "直播预告" not in str(modal.query_one("#schedule-check", Static).render())


async def test_the_proposed_slot_avoids_a_live_preview_and_says_why(_env) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 §11: the dialog proposed 20:00 beside a 20:30 live with no word; now it
    proposes the next evening and names the slot it passed over and the live."""
    from creatorctl.inbox.live import add_preview

    store, acc, video = _env
    add_draft(store, acc, title="避开直播", video_path=video)
    add_preview(store, acc, "今晚直播", datetime(2026, 11, 26, 20, 30))
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("s")
        await _settle(pilot)
        modal = app.screen
        assert isinstance(modal, ScheduleScreen)
        assert modal.query_one("#schedule-at", Input).value == "2026-11-27 20:00"
        skipped = str(modal.query_one("#schedule-skipped", Static).render())
        assert skipped == "跳过了 11-26 20:00:与直播预告「今晚直播」(20:30)相隔不到 1 小时"
        assert "直播预告" not in str(modal.query_one("#schedule-check", Static).render())


async def test_hints_name_keys_not_commands(_env) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: in the app a hint says which key to press (e to set the video, T for the
    trash), not which command to run."""
    store, acc, _video = _env
    bare = add_draft(store, acc, title="还没视频")
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await pilot.press("s")
        await _settle(pilot)
        if isinstance(app.screen, ScheduleScreen):
            await pilot.press("enter")
            await _settle(pilot)
        said = [n.message for n in app._notifications]
        said += [str(w.render()) for w in app.screen.query("#schedule-error")]
        assert any("按 e" in m for m in said), said
        if isinstance(app.screen, ScheduleScreen):
            await pilot.press("escape")
            await _settle(pilot)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await _settle(pilot)
        assert list_drafts(store, acc) == [] and bare.id
        assert any("按 T" in n.message for n in app._notifications)
