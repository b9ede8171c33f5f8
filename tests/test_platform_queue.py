"""Douyin's limits (`[platform]`) and the posting queue (issue 16 §4–§5).

Default limits: the video file size and length come from the Open Platform upload page
(https://open.douyin.com/platform/resource/docs/openapi/video-management/douyin/create/upload/:
"视频总大小4GB以内", "时长在15分钟以内"); the 30-character title and the 3:4 / 4:3 covers from
publishing tools built on the Creator Center publisher (glama.ai panwenda/douyin-publish-mcp and
kungful/douyin-ops-mcp tool schemas: "作品标题(≤30 字)", "竖版封面 3:4", "横版封面 4:3"),
marked unverified in config.py and docs/publishing.md.
"""

from __future__ import annotations

import json
import struct
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.config import PlatformConfig, PublishConfig
from creatorctl.drafts import add_draft, get_draft, schedule_draft
from creatorctl.errors import UserError
from creatorctl.i18n import set_language
from creatorctl.inbox.live import add_preview
from creatorctl.platform_limits import check_post, image_size, mp4_duration
from creatorctl.posting_queue import (
    QueueSlot,
    account_slots,
    next_free_slot,
    parse_slots,
    queue_draft,
    set_account_slots,
)
from creatorctl.publishing import run_due
from creatorctl.store import open_store
from creatorctl.timeutil import local_to_utc, to_db
from tests._drafts_support import new_store, write_script
from tests.test_cli import invoke

NOW = datetime(2026, 11, 26, 10, 0)  # a Thursday, local time
LIMITS = PlatformConfig()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", NOW.isoformat())
    set_language("en")


def mp4(path: Path, seconds: float, *, version: int = 0) -> Path:
    """A minimal MP4: ftyp, then moov holding mvhd (timescale 1000)."""
    if version == 0:
        mvhd_body = bytes([0, 0, 0, 0]) + struct.pack(">IIII", 0, 0, 1000, int(seconds * 1000))
    else:
        mvhd_body = bytes([1, 0, 0, 0]) + struct.pack(">QQIQ", 0, 0, 1000, int(seconds * 1000))
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body + bytes(80)
    mvhd = struct.pack(">I4s", len(mvhd), b"mvhd") + mvhd[8:]
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    ftyp = struct.pack(">I4s", 16, b"ftyp") + b"isom" + bytes(4)
    mdat = struct.pack(">I4s", 8 + 100, b"mdat") + bytes(100)
    path.write_bytes(ftyp + mdat + moov)  # moov at the end, as many encoders write it
    return path


def png(path: Path, w: int, h: int) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII", 13, b"IHDR", w, h) + bytes(5))
    return path


def jpeg(path: Path, w: int, h: int) -> Path:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9)
    sof = b"\xff\xc0" + struct.pack(">HBHH", 11, 8, h, w) + bytes(6)
    path.write_bytes(b"\xff\xd8" + app0 + sof + b"\xff\xd9")
    return path


class TestLimits:
    def _check(self, **kw: object) -> list[tuple[str, bool]]:
        post: dict[str, object] = dict(
            title="t", description="", tags=(), video_path="", cover_path=""
        )
        post.update(kw)
        return [(v.key, v.hard) for v in check_post(LIMITS, **post)]  # type: ignore[arg-type]

    def test_text_limits_at_the_edge(self) -> None:
        assert self._check(title="字" * 30) == []
        assert self._check(title="字" * 31) == [("title_max", True)]
        assert self._check(description="x" * 1000) == []
        assert self._check(description="x" * 1001) == [("caption_max", True)]
        assert self._check(tags=tuple("abcde")) == []
        assert self._check(tags=tuple("abcdef")) == [("topics_max", True)]

    def test_message_names_the_numbers(self) -> None:
        (v,) = check_post(
            LIMITS, title="字" * 31, description="", tags=(), video_path="", cover_path=""
        )
        assert v.message == "title has 31 characters; Douyin allows 30"

    def test_video_length_from_the_mp4_header(self, tmp_path: Path) -> None:
        assert mp4_duration(mp4(tmp_path / "a.mp4", 900)) == 900
        assert mp4_duration(mp4(tmp_path / "b.mp4", 75.5, version=1)) == 75.5
        assert mp4_duration(png(tmp_path / "c.mp4", 1, 1)) is None  # not judged
        assert self._check(video_path=str(tmp_path / "a.mp4")) == []
        long = mp4(tmp_path / "long.mp4", 901)
        assert self._check(video_path=str(long)) == [("video_max_s", True)]

    def test_video_size(self, tmp_path: Path) -> None:
        big = tmp_path / "big.mp4"
        with big.open("wb") as f:  # sparse: 2 MiB + 1 byte without writing them
            f.truncate(2 * 1024 * 1024 + 1)
        found = check_post(
            PlatformConfig(video_max_mb=2),
            title="t",
            description="",
            tags=(),
            video_path=str(big),
            cover_path="",
        )
        assert [(v.key, v.hard) for v in found] == [("video_max_mb", True)]

    def test_cover_aspect_is_a_warning(self, tmp_path: Path) -> None:
        assert image_size(jpeg(tmp_path / "c.jpg", 1080, 1440)) == (1080, 1440)
        assert self._check(cover_path=str(tmp_path / "c.jpg")) == []  # 3:4
        assert self._check(cover_path=str(png(tmp_path / "sq.png", 500, 500))) == [
            ("cover_aspects", False)
        ]


def _long_draft(store, acc) -> int:  # type: ignore[no-untyped-def]
    return add_draft(store, acc, title="标" * 31, video_path="/v/a.mp4").id


def test_schedule_refuses_a_hard_limit_and_changes_nothing(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    did = _long_draft(store, acc)
    with pytest.raises(UserError, match="title has 31 characters; Douyin allows 30"):
        schedule_draft(store, did, NOW + timedelta(days=1), now=NOW, limits=LIMITS)
    assert get_draft(store, did).state == "draft"
    far = schedule_draft(
        store,
        add_draft(store, acc, title="ok", video_path="/v/b.mp4").id,
        NOW + timedelta(days=20),
        now=NOW,
        limits=LIMITS,
    )
    assert "scheduled 20 days ahead; Douyin allows 14" in far.warnings


def test_the_hook_is_never_called_for_a_draft_over_a_limit(tmp_path: Path) -> None:
    """A draft edited past a limit after it was scheduled fails at once, with the reason."""
    store, acc = new_store(tmp_path)
    did = add_draft(store, acc, title="ok", video_path="/v/a.mp4").id
    schedule_draft(store, did, NOW + timedelta(minutes=5), now=NOW, limits=LIMITS)
    with store.write() as conn:  # as an edit made outside creatorctl would
        conn.execute(sa.text("UPDATE draft SET title=:t WHERE id=:i"), {"t": "标" * 40, "i": did})
    marker = tmp_path / "hook-ran"
    hook = write_script(tmp_path / "hook.sh", f"touch '{marker}'\necho '{{}}'\n")
    due = local_to_utc(NOW + timedelta(minutes=6))
    (outcome,) = run_due(store, PublishConfig(command=[str(hook)]), "w1", now=due)
    assert not marker.exists()
    assert outcome.state == "failed" and outcome.attempt == 1
    d = get_draft(store, did)
    assert d.state == "failed" and "title has 40 characters" in d.last_error
    assert "publish hook was not run" in d.last_error


def test_cli_check(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    did = _long_draft(store, acc)
    ok = add_draft(store, acc, title="ok", video_path="/v/a.mp4").id
    store.close()
    db = tmp_path / "store.db"
    r = invoke("--lang", "en", "drafts", "check", str(did), db=db)
    assert r.exit_code == 1 and "✗ over limit: title has 31 characters" in r.stdout
    data = json.loads(invoke("--lang", "en", "drafts", "check", str(ok), "--json", db=db).stdout)
    assert data["ok"] is True and data["violations"] == []
    r = invoke("--lang", "en", "drafts", "schedule", str(did), "--at", "2026-11-27 20:00", db=db)
    assert r.exit_code == 1 and "cannot be scheduled" in r.stderr
    r = invoke("--lang", "en", "drafts", "edit", str(ok), "--title", "长" * 35, db=db)
    assert r.exit_code == 0 and "title has 35 characters" in r.stderr  # saved, with a warning


class TestSlots:
    def test_parse(self) -> None:
        assert parse_slots("周三 20:00, mon 9:30; fri 20:00 #周五探店, 星期日 08:00") == [
            QueueSlot(0, time(9, 30)),
            QueueSlot(2, time(20, 0)),
            QueueSlot(4, time(20, 0), "周五探店"),
            QueueSlot(6, time(8, 0)),
        ]
        for bad in ("someday 20:00", "mon 25:00", "mon", "mon 20:61"):
            with pytest.raises(UserError, match="cannot read the slot"):
                parse_slots(bad)

    def test_sources_in_order(self, tmp_path: Path) -> None:
        store, acc = new_store(tmp_path)
        slots, source = account_slots(store, acc, [])
        assert source == "default" and len(slots) == 7
        with store.write() as conn:
            for wd, hour, v in ((1, 21, 9.0), (3, 12, 5.0), (5, 20, 7.0), (0, 8, 1.0)):
                conn.execute(
                    sa.text(
                        "INSERT INTO fanactivity(account_id, weekday, hour, value) "
                        "VALUES (:a, :w, :h, :v)"
                    ),
                    {"a": acc, "w": wd, "h": hour, "v": v},
                )
        slots, source = account_slots(store, acc, [])
        assert source == "fans"
        assert [s.as_text() for s in slots] == ["tue 21:00", "thu 12:00", "sat 20:00"]
        assert account_slots(store, acc, ["wed 19:00"])[0] == [QueueSlot(2, time(19))]
        set_account_slots(store, acc, parse_slots("sun 10:00"))
        assert account_slots(store, acc, ["wed 19:00"]) == ([QueueSlot(6, time(10))], "account")
        set_account_slots(store, acc, None)
        assert account_slots(store, acc, ["wed 19:00"])[1] == "config"


class TestQueue:
    def test_next_free_slot_skips_taken_ones_and_keeps_series_slots(self, tmp_path: Path) -> None:
        store, acc = new_store(tmp_path)
        slots = parse_slots("thu 10:05, thu 20:00, fri 20:00 #周五探店")
        # 10:05 today is within the 10-minute lead; 20:00 today is free.
        assert next_free_slot(store, acc, slots, (), NOW)[0] == datetime(2026, 11, 26, 20, 0)
        other = add_draft(store, acc, title="x", video_path="/v/x.mp4").id
        schedule_draft(store, other, datetime(2026, 11, 26, 20, 20), now=NOW, limits=LIMITS)
        # taken within 30 minutes → next week's Thursday 10:05 comes first
        assert next_free_slot(store, acc, slots, (), NOW)[0] == datetime(2026, 12, 3, 10, 5)
        # a draft of the series goes to Friday's slot; nothing else ever does
        when, slot = next_free_slot(store, acc, slots, ("周五探店",), NOW)
        assert when == datetime(2026, 11, 27, 20, 0) and slot.series == "周五探店"

    def test_queue_skips_a_slot_near_a_live_preview_and_says_why(self, tmp_path: Path) -> None:
        """Issue 13 §11: the suggested slot clashed with a live preview (直播预告) and said
        nothing; the queue now passes over a slot within an hour of a live and names it."""
        store, acc = new_store(tmp_path)
        set_account_slots(store, acc, parse_slots("fri 20:00"))
        with store.write() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO livepreview(account_id, topic, start_at, created_at) "
                    "VALUES (:a, '周五直播', :s, :s)"
                ),
                {"a": acc, "s": to_db(local_to_utc(datetime(2026, 11, 27, 20, 15)))},
            )
        did = add_draft(store, acc, title="周末", video_path="/v/a.mp4").id
        done = queue_draft(store, did, account_id=acc, configured=[], limits=LIMITS, now=NOW)
        assert done.scheduled.draft.scheduled_at == datetime(2026, 12, 4, 20, 0)
        assert done.skipped == (
            "skipped 11-27 20:00: within an hour of the live preview “周五直播” at 20:15",
        )
        assert not any("live" in w for w in done.scheduled.warnings)
        nxt = add_draft(store, acc, title="下一条", video_path="/v/b.mp4").id
        again = queue_draft(store, nxt, account_id=acc, configured=[], limits=LIMITS, now=NOW)
        assert again.scheduled.draft.scheduled_at == datetime(2026, 12, 11, 20, 0)
        # Choosing the clashing time by hand is allowed, with a warning.
        third = add_draft(store, acc, title="手动", video_path="/v/c.mp4").id
        by_hand = schedule_draft(
            store, third, datetime(2026, 11, 27, 19, 20), now=NOW, limits=LIMITS
        )
        assert "within an hour of the live preview “周五直播” at 20:15" in by_hand.warnings

    def test_cli_queue_and_slots(self, tmp_path: Path) -> None:
        store, acc = new_store(tmp_path)
        did = add_draft(store, acc, title="a", video_path="/v/a.mp4").id
        store.close()
        db = tmp_path / "store.db"
        r = invoke(
            "--lang", "en", "drafts", "slots", "--set", "sat 09:00, 周日 20:00", "--json", db=db
        )
        assert json.loads(r.stdout) == {"source": "account", "slots": ["sat 09:00", "sun 20:00"]}
        r = invoke("--lang", "en", "drafts", "queue", str(did), db=db)
        assert (
            r.exit_code == 0 and "draft 1 queued for 2026-11-28 09:00 (slot Sat 09:00)" in r.stdout
        )
        store = open_store(str(db))
        add_preview(store, acc, "周日直播", datetime(2026, 11, 29, 20, 15))
        nxt = add_draft(store, acc, title="b", video_path="/v/b.mp4").id
        store.close()
        r = invoke("--lang", "en", "drafts", "queue", str(nxt), "--json", db=db)
        assert r.exit_code == 0 and json.loads(r.stdout)["scheduled_at"] == "2026-12-05 09:00:00"
        assert json.loads(r.stdout)["skipped"] == [
            "skipped 11-29 20:00: within an hour of the live preview “周日直播” at 20:15"
        ]
        assert "creatorctl: skipped 11-29 20:00" in r.stderr
        r = invoke("--lang", "en", "drafts", "slots", "--set", "someday", db=db)
        assert r.exit_code == 1 and "cannot read the slot 'someday'" in r.stderr
        r = invoke("--lang", "en", "drafts", "slots", "--clear", "--json", db=db)
        assert json.loads(r.stdout)["source"] == "default"


async def test_q_in_drafts_queues_and_shift_q_edits_the_slots(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pilot: Q opens the slots line (saved per account), q schedules the selected draft at
    the next free slot."""
    from textual.widgets import DataTable, Input

    from creatorctl.app import CreatorApp
    from creatorctl.screens.drafts.queue import SlotsScreen
    from tests.test_drafts_tab import _open, _settle

    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    store, acc = new_store(tmp_path)
    did = add_draft(store, acc, title="周末探店", video_path="/v/a.mp4").id
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await _open(pilot)
        tab.query_one(DataTable).focus()
        await pilot.press("Q")
        await _settle(pilot)
        assert isinstance(app.screen, SlotsScreen)
        slots_input = app.screen.query_one(Input)
        assert slots_input.value.startswith("mon 20:00")  # no fan activity: every day 20:00
        slots_input.value = "sat 09:30"
        await pilot.press("enter")
        await _settle(pilot)
        assert account_slots(store, acc, [])[1] == "account"
        await pilot.press("q")
        await _settle(pilot)
        d = get_draft(store, did)
        assert d.state == "scheduled" and d.scheduled_at == datetime(2026, 11, 28, 9, 30)
    store.close()


async def test_the_editor_saves_a_draft_over_a_limit_and_warns(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pilot: a 31-character title is saved (a draft is work in progress) with a warning
    naming the limit; scheduling it is what is refused."""
    from textual.widgets import Input

    from creatorctl.app import CreatorApp
    from creatorctl.drafts import list_drafts
    from creatorctl.screens.drafts.edit import DraftEditScreen
    from tests.test_drafts_tab import _open, _settle

    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    store, acc = new_store(tmp_path)
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DraftEditScreen)
        form.query_one("#draft-title", Input).value = "标" * 31
        form.query_one("#draft-video", Input).value = "/v/a.mp4"
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert not isinstance(app.screen, DraftEditScreen)
        assert [d.title for d in list_drafts(store, acc)] == ["标" * 31]
        said = [n.message for n in app._notifications]
        assert "title has 31 characters; Douyin allows 30" in said
    store.close()
