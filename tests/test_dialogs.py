"""Dialogs at 80x24 (issue 13 item 2 and 1): the body scrolls, the buttons and the outcome stay
on screen, and every state is readable without colour."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from creatorctl.i18n import catalog, t
from tests.helpers import settle
from tests.import_helpers import WORKS_HEADER, works_row, write_csv


def _on_screen(app, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """The widget has rows and all of them are inside the terminal."""
    region = app.screen.query_one(selector).region
    return region.height > 0 and region.y >= 0 and region.bottom <= app.size.height


async def test_profile_has_every_field_history_and_buttons_at_80x24(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        for button in ("#profile-save", "#profile-undo", "#profile-close"):
            assert _on_screen(app, button), button
        # the form scrolls to the avatar field and the history under it
        app.screen.query_one("#profile-history").scroll_visible(animate=False)
        await settle(pilot, app)
        assert _on_screen(app, "#profile-avatar")
        assert _on_screen(app, "#profile-history")
        assert t("detail.history") in str(app.screen.query_one("#profile-history").render())


async def test_ctrl_s_in_profile_says_what_happened(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        status = app.screen.query_one("#profile-status", Static)
        app.screen.query_one("#profile-nickname", Input).value = "新昵称"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert str(status.render()) == "✓ " + t("account.saved")
        assert _on_screen(app, "#profile-status")
        assert "新昵称" in str(app.screen.query_one("#profile-history").render())
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert str(status.render()) == t("cli.nothing_changed")
        app.screen.query_one("#profile-nickname", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert str(status.render()).startswith("✗ ") and status.has_class("error")
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert str(status.render()) == "↺ " + t("account.undone")
        assert app.screen.query_one("#profile-nickname", Input).value != "新昵称"


async def test_profile_verified_box_shows_its_state_by_a_mark(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        box = app.screen.query_one("#profile-verified")
        assert box.value is True  # the demo account is verified
        assert "✓" in str(box.render())
        box.value = False
        await pilot.pause()
        assert "✓" not in str(box.render())


async def test_edit_work_buttons_fit_at_80x24(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("e")
        await settle(pilot, app)
        assert _on_screen(app, "#edit-save") and _on_screen(app, "#edit-cancel")
        app.screen.query_one("#edit-title", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert _on_screen(app, "#edit-error") and _on_screen(app, "#edit-save")
        assert str(app.screen.query_one("#edit-error").render()).startswith("✗ ")


async def test_rejected_import_is_shown_on_screen_at_80x24(
    demo_db: Path, app_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    f = write_csv(tmp_path / "bad.csv", [WORKS_HEADER, works_row("甲", 5), works_row("乙", "很多")])
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        app.screen.query_one("#import-path", Input).value = str(f)
        await pilot.press("enter")
        await settle(pilot, app, rounds=6)
        shown = str(app.screen.query_one("#import-result", Static).render())
        assert shown.startswith("✗ " + t("imp.ui_rejected"))
        assert _on_screen(app, "#import-result-box") and _on_screen(app, "#import-start")
        assert app.screen.query_one("#import-result-box").has_class("error")


async def test_import_for_a_new_account_has_a_handle_field(
    db_path: Path, app_factory, frozen_clock: str
) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")  # the welcome screen's "import"
        await settle(pilot, app)
        assert app.screen.query_one("#import-new-account").region.height == 4  # label + input
        assert _on_screen(app, "#import-handle")


async def test_import_options_speak_the_ui_language(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """Not the CLI's English --help: every kind's option has a label in both languages."""
    from creatorctl.importers import load_kinds

    names = {o.name for k in load_kinds().values() for o in k.options}
    assert names and all(f"imp.opt.{n}" in catalog() for n in names)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        labels = " ".join(str(w.render()) for w in app.screen.query("Label"))
        assert "--work" not in labels and "belong to" not in labels
        assert t("imp.opt.work") in labels


async def test_profile_opens_with_the_nickname_field_focused(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    """Typing right after `P` goes to the first field (nothing was focused: keys went nowhere)."""
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        assert app.focused is app.screen.query_one("#profile-nickname", Input)
