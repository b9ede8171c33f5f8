"""The idle collector (screens/idle_gc.py): full garbage-collection passes wait for a pause in
the user's input, so they no longer land in the middle of a tab switch (issue 15)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from creatorctl.screens import idle_gc
from creatorctl.screens.idle_gc import IdleCollector
from tests.helpers import settle


class _App(IdleCollector):
    def __init__(self) -> None:
        self.intervals: list[float] = []

    def set_interval(self, every: float, _callback: object) -> None:
        self.intervals.append(every)


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    saved = gc.get_threshold()
    app = _App()
    passes: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a: passes.append(1) or 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    app.start_idle_collector()
    yield app, passes
    app.stop_idle_collector()
    assert gc.get_threshold() == saved  # Python's own thresholds are back


def test_automatic_full_passes_are_off_while_it_runs(collector) -> None:  # type: ignore[no-untyped-def]
    app, _ = collector
    assert gc.get_threshold()[2] == idle_gc.NEVER
    assert app.intervals == [idle_gc.CHECK_EVERY]


def test_a_due_full_pass_waits_for_a_pause_in_the_input(
    collector, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app, passes = collector
    now = [1000.0]
    monkeypatch.setattr(idle_gc.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 50))  # a full pass is due
    app._last_full = now[0]
    app.note_activity()
    now[0] += 0.5
    app._collect_when_idle()
    assert passes == []  # a key half a second ago: not now
    now[0] += idle_gc.IDLE_AFTER
    app._collect_when_idle()
    assert passes == [1]


def test_nothing_due_no_pass_until_the_latest(collector, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app, passes = collector
    now = [1000.0]
    monkeypatch.setattr(idle_gc.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 0))
    app._last_full = now[0]
    now[0] += 10
    app._collect_when_idle()
    assert passes == []
    app.note_activity()  # busy all the time: a minute after the last pass it runs anyway
    now[0] += idle_gc.AT_LATEST
    app.note_activity()
    app._collect_when_idle()
    assert passes == [1]


async def test_the_app_starts_it_once_built_and_stops_it_on_exit(demo_db: Path) -> None:
    import asyncio

    from creatorctl.app import TAB_IDS, CreatorApp

    saved = gc.get_threshold()
    gc.unfreeze()
    app = CreatorApp(db=str(demo_db), prebuild=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            for _ in range(100):
                if gc.get_threshold()[2] == idle_gc.NEVER:
                    break
                await asyncio.sleep(0.05)
            assert all(app.main_screen.query(f"#view-{tab_id}") for tab_id in TAB_IDS)
            assert gc.get_threshold()[2] == idle_gc.NEVER
            assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == saved
    finally:
        gc.unfreeze()
        gc.set_threshold(*saved)
