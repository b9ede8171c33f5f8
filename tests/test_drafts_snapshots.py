"""Pictures of the Drafts tab on the demo store (seed 7, clock frozen at 2026-11-26 10:00)."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatorctl.app import CreatorApp
from creatorctl.demo import generate
from creatorctl.i18n import set_language
from creatorctl.store import open_store


@pytest.fixture
def _demo_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26T10:00:00")
    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    set_language("zh")
    store = open_store(str(tmp_path / "demo.db"))
    generate(store, size="small", seed=7)
    yield CreatorApp(store=store, scheduler=False)
    store.close()


async def _drafts_tab(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.press("2")
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


class TestDraftsTab:
    """Missed and failed posts on top in red with a hint; scheduled posts in cyan; the selected
    draft's details (error, missing-file warning, edit parameters as saved) on the right; the
    week's posts in the calendar at the bottom, today highlighted."""

    @pytest.mark.parametrize("size", [(80, 24), (120, 40)])
    def test_drafts_tab(self, snap_compare, _demo_app, size) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(_demo_app, terminal_size=size, run_before=_drafts_tab)


class TestScheduleModal:
    """The schedule modal over the tab, prefilled with the next free evening slot, saying when
    the post would go out."""

    def test_schedule_modal(self, snap_compare, _demo_app) -> None:  # type: ignore[no-untyped-def]
        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await _drafts_tab(pilot)
            await pilot.press("s")
            for _ in range(3):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()

        assert snap_compare(_demo_app, terminal_size=(80, 24), run_before=run_before)
