"""How the Drafts tab looks (small demo, seed 7, clock frozen at 2026-11-26 10:00, zh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle

SIZES = [(80, 24), (120, 40)]


async def _drafts_tab(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, pilot.app)
    await pilot.press("2")
    await settle(pilot, pilot.app)


class TestDraftsLook:
    """The status line starts with what needs the user in red (2 条需要处理…), then the counts,
    ending in … at 80 columns; missed and failed posts on top; scheduled posts in cyan; the selected
    draft's details (error, its demo video and cover under ~/demo-media/demo_pets_7/, edit
    parameters as saved) on the right; only the draft with no footage yet has ⚠ (the demo
    makes the others' files); the week's posts in the calendar at the bottom, today
    highlighted."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_drafts_tab(self, snap_compare, demo_db: Path, app_factory, size) -> None:  # type: ignore[no-untyped-def]
        """Drafts needing attention first, the selected one's detail, the week calendar; the
        footer fits 80 columns with ? 帮助 (q 排队 is in the help, not the footer)."""
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_drafts_tab)

    def test_schedule_modal(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """The schedule modal, prefilled with the next free evening slot, saying when the post
        would go out and naming the zone: 北京时间 in the hint and after the time."""

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await _drafts_tab(pilot)
            await pilot.press("s")
            await settle(pilot, pilot.app)

        assert snap_compare(app_factory(demo_db), terminal_size=(80, 24), run_before=run_before)
