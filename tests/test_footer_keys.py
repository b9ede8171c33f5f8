"""The footer at 80 columns: every key it shows fits, `?` is there, `^p` once (issue 13, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.helpers import settle

VIEWS = [
    ("works", None),
    ("drafts", None),
    ("data", None),
    ("fans", None),
    ("inbox", "comments"),
    ("inbox", "messages"),
    ("inbox", "groups"),
    ("inbox", "live"),
    ("earn", None),
]


def footer_keys(app) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """(key display, left, right) of every key the screen's footer shows."""
    footer = app.screen.query_one(Footer)
    return [
        (k.key_display, k.region.x, k.region.right) for k in footer.query(FooterKey) if k.display
    ]


@pytest.mark.parametrize(("tab", "sub"), VIEWS)
async def test_the_footer_fits_80_columns(
    demo_db: Path, app_factory, tab: str, sub: str | None
) -> None:  # type: ignore[no-untyped-def]
    """Key labels are fixed when the app module loads (in Chinese here)."""
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.action_show_tab(tab)
        await settle(pilot, app)
        if sub:
            app.view("inbox").show_view(sub)
            await settle(pilot, app)
        for _ in range(30):  # the footer recomposes after focus moves (slower under load)
            await pilot.pause(0.1)
            keys = footer_keys(app)
            if keys and keys[-1][0] == "^p" and "?" in [k[0] for k in keys]:
                break
        shown = [k[0] for k in keys]
        assert shown[-1] == "^p", keys  # Footer's own palette key, at the right edge
        palette_left = keys[-1][1]
        cut = [k for k in keys[:-1] if k[2] > palette_left]
        assert cut == [], keys
        assert "?" in shown
        assert shown.count("^p") == 1, shown


async def test_enter_is_in_the_footer_and_help(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """Enter opens a work: the footer says so and so does `?`."""
    from creatorctl.screens.help import HelpScreen

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert "⏎" in [k[0] for k in footer_keys(app)]
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        assert any(key == "⏎" and desc == "详情" for key, desc in app.screen.keys)


async def test_comments_w_and_esc_leave_a_works_filter(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """On one work's comments `w` shows in the footer, and Esc goes back to all works."""
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.action_show_tab("inbox")
        await settle(pilot, app)
        inbox = app.view("inbox")
        inbox.show_work_comments(1)
        await settle(pilot, app)
        pane = app.query_one("#pane-comments")
        assert pane.work_id == 1
        await pilot.pause(0.2)
        assert "w" in [k[0] for k in footer_keys(app)]
        pane.table.focus()
        await pilot.press("escape")
        await settle(pilot, app)
        assert pane.work_id is None
        await pilot.pause(0.2)
        assert "w" not in [k[0] for k in footer_keys(app)]


async def test_the_footer_keeps_its_keys_until_they_change(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """Recomposing restyles every key (a tenth of a tab switch): the same keys keep their
    widgets; another tab's keys replace them (issue 15 §tabs)."""
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(Footer)
        before = list(footer.query(FooterKey))
        await footer.recompose()  # what a bindings change with the same keys did
        await pilot.pause()
        assert list(footer.query(FooterKey)) == before
        app.action_show_tab("data")
        await settle(pilot, app)
        after = [k.key_display for k in footer.query(FooterKey)]
        assert "p" in after and not set(footer.query(FooterKey)) & set(before)
