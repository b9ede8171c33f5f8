"""Notifications: the `[notify] command` receives every event kind as one JSON object on stdin;
a failing one never blocks publishing; an open app shows spooled events with a toast + bell."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from creatorctl.app import CreatorApp
from creatorctl.config import NotifyConfig, PublishConfig
from creatorctl.drafts import ts
from creatorctl.i18n import set_language
from creatorctl.notify import EVENTS, Notifier, spool_path
from creatorctl.publishing import claim_due_posts, run_due
from creatorctl.scheduler import HeadlessScheduler
from creatorctl.timeutil import local_to_utc
from tests._drafts_support import insert_due, new_store, write_config, write_script
from tests.test_cli_drafts import Run

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

T0 = datetime(2026, 11, 26, 12, 0, 0)


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def _recorder(tmp_path: Path) -> tuple[list[str], Path]:
    out = tmp_path / "events.jsonl"
    hook = write_script(tmp_path / "notify.sh", f"cat >> '{out}'\n")
    return [str(hook)], out


def _events(out: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in out.read_text().splitlines()] if out.exists() else []


def _common(event: dict[str, Any], kind: str) -> None:
    assert event["event"] == kind and kind in EVENTS
    assert event["text"] == event["text_en"] and "\n" not in event["text_zh"]
    assert datetime.fromisoformat(event["time"]).tzinfo is not None


def test_failed_missed_and_unknown_posts_are_sent(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    argv, out = _recorder(tmp_path)
    notifier = Notifier(NotifyConfig(command=argv), store)
    fail = write_script(tmp_path / "fail.sh", "echo 'quota exceeded' >&2\nexit 2\n")
    failing, missed, lost = insert_due(
        store, acc, [T0, T0 - timedelta(hours=5), T0 + timedelta(days=1)], "/v.mp4"
    )
    cfg = PublishConfig(command=[str(fail)])
    for step in range(3):
        run_due(
            store,
            cfg,
            "w",
            now=T0 + timedelta(seconds=700 * step),
            on_event=notifier.publish_event,
        )
    later = T0 + timedelta(days=1)
    assert [c.draft_id for c in claim_due_posts(store, later, "dead")] == [lost]
    claim_due_posts(store, later + timedelta(seconds=301), "b", on_event=notifier.publish_event)
    notifier.flush()
    got = {e["event"]: e for e in _events(out)}
    assert set(got) == {"publish_failed", "publish_missed", "publish_unknown"}
    for kind, draft_id in (
        ("publish_failed", failing),
        ("publish_missed", missed),
        ("publish_unknown", lost),
    ):
        _common(got[kind], kind)
        assert got[kind]["draft_id"] == draft_id and got[kind]["account"] == "me"
        assert got[kind]["title"].startswith("定时作品")
    assert "quota exceeded" in got["publish_failed"]["text_en"]
    assert "错过发布" in got["publish_missed"]["text_zh"]
    assert "drafts resolve" in got["publish_unknown"]["text_en"]


def test_a_scheduler_error_is_sent_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _acc = new_store(tmp_path)
    argv, out = _recorder(tmp_path)
    lines: list[str] = []
    sched = HeadlessScheduler(
        store, PublishConfig(), log=lines.append, notify=NotifyConfig(command=argv)
    )

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("creatorctl.scheduler_tick.run_due", broken)
    sched.tick()
    sched.tick()
    sched.notifier.flush()
    (event,) = _events(out)
    _common(event, "scheduler_error")
    assert "the disk went away" in event["text_en"] and "draft_id" not in event


def test_a_live_drop_is_sent(tmp_path: Path) -> None:
    argv, out = _recorder(tmp_path)
    cfg = write_config(tmp_path / "c.toml", f'[notify]\ncommand = ["{argv[0]}"]\n')
    samples = tmp_path / "live.csv"
    samples.write_text(
        "时间,在线人数,音浪,点赞,新增粉丝\n2026-11-22 20:00:00,1000,0,0,0\n"
        "2026-11-22 20:00:30,700,0,0,0\n",
        encoding="utf-8",
    )
    run = Run(tmp_path / "s.db", {"CREATORCTL_CONFIG": str(cfg)})
    assert run("accounts", "add", "me")[0] == 0
    code, _out, err = run("live", "watch", str(samples), "--once")
    assert code == 0, err
    (event,) = _events(out)
    _common(event, "live_drop")
    assert event["peak"] == 1000 and event["online"] == 700 and "30%" in event["text_en"]


def test_the_daily_digest_is_sent_once_a_day(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    argv, out = _recorder(tmp_path)
    notifier = Notifier(NotifyConfig(command=argv, digest="09:00"), store)
    yday = date(2026, 11, 25)
    at = local_to_utc(datetime(2026, 11, 25, 20, 0))
    (pub, failed) = insert_due(store, acc, [at, at], "/v.mp4")
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE draft SET state='published', published_at=:t WHERE id=:i"),
            {"t": ts(at), "i": pub},
        )
        conn.execute(
            sa.text("UPDATE draft SET state='failed', updated_at=:t WHERE id=:i"),
            {"t": ts(at), "i": failed},
        )
        conn.execute(
            sa.text(
                "INSERT INTO accountdaily(account_id, day, plays, likes, comments, shares, "
                "favorites, profile_visits, fans_gained, fans_lost) "
                "VALUES (:a, :d, 0, 0, 0, 0, 0, 0, 15, 3)"
            ),
            {"a": acc, "d": yday.isoformat()},
        )
    assert not notifier.maybe_digest(datetime(2026, 11, 26, 8, 59))
    assert notifier.maybe_digest(datetime(2026, 11, 26, 9, 0))
    assert not notifier.maybe_digest(datetime(2026, 11, 26, 21, 0))  # once a day
    notifier.flush()
    (event,) = _events(out)
    _common(event, "digest")
    assert event["day"] == "2026-11-25" and event["fan_change"] == 12
    assert [p["draft_id"] for p in event["published"]] == [pub]
    assert [p["draft_id"] for p in event["failed"]] == [failed] and event["missed"] == []
    assert "published 1 · failed 1 · missed 0" in event["text_en"] and "+12" in event["text_en"]


def test_a_failing_or_hanging_notify_command_never_blocks_publishing(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    hang = write_script(tmp_path / "hang.sh", "sleep 30\n")
    lines: list[str] = []
    notifier = Notifier(NotifyConfig(command=[str(hang)], timeout=1), store, log_line=lines.append)
    fail = write_script(tmp_path / "fail.sh", "exit 2\n")
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    began = time.monotonic()
    for step in range(3):
        run_due(
            store,
            PublishConfig(command=[str(fail)]),
            "w",
            now=T0 + timedelta(seconds=700 * step),
            on_event=notifier.publish_event,
        )
    # The 30 s notify command held nothing up (three runs of a failing hook, on a loaded box:
    # well under the notify command's 30 s, and its 1 s timeout each time).
    assert time.monotonic() - began < 5.0
    notifier.flush()
    assert lines and "notify publish_failed: the hook timed out (1 s)" in lines[0]
    missing = Notifier(NotifyConfig(command=["/nonexistent/notify"]), store, log_line=lines.append)
    missing.publish_event("publish_failed", d)
    missing.flush()
    assert "not found" in lines[-1]


def test_notify_test_sends_a_sample(tmp_path: Path) -> None:
    argv, out = _recorder(tmp_path)
    cfg = write_config(tmp_path / "c.toml", f'[notify]\ncommand = ["{argv[0]}"]\n')
    run = Run(tmp_path / "s.db", {"CREATORCTL_CONFIG": str(cfg)})
    code, stdout, err = run("notify", "test", "--event", "publish_unknown")
    assert code == 0, err
    assert "sent a publish_unknown event" in stdout
    (event,) = _events(out)
    _common(event, "publish_unknown")
    assert event["test"] is True and event["draft_id"] == 0


def test_notify_test_without_a_command_or_with_a_failing_one(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "c.toml", "")
    run = Run(tmp_path / "s.db", {"CREATORCTL_CONFIG": str(cfg)})
    code, _, err = run("notify", "test")
    assert code == 1 and "no [notify] command is set" in err and err.count("\n") == 1
    bad = write_script(tmp_path / "bad.sh", "echo 'webhook 403' >&2\nexit 22\n")
    write_config(tmp_path / "c.toml", f'[notify]\ncommand = ["{bad}"]\n')
    code, _, err = run("notify", "test")
    assert code == 1 and "exited with 22: webhook 403" in err


async def test_an_open_app_shows_another_process_event_and_rings_the_bell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CREATORCTL_FAKE_NOW", raising=False)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    store, _acc = new_store(tmp_path)
    app = CreatorApp(store=store, scheduler=True)
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(30):  # the scheduler (and its spool watcher) is up
            await asyncio.sleep(0.1)
            if app.scheduler is not None and app.scheduler.tick.registered:
                break
        event = {"event": "publish_unknown", "text": "unknown #7 “猫爬架”: check Douyin", "pid": 1}
        with spool_path(store).open("a") as spool:  # type: ignore[union-attr]  # another process's line
            spool.write(json.dumps(event, ensure_ascii=False) + "\n")
        for _ in range(40):
            await asyncio.sleep(0.1)
            if rings:
                break
        await pilot.pause()
        assert rings == [1]
        assert any("猫爬架" in n.message for n in app._notifications)
    store.close()
