"""The Works and Drafts edit dialogs share one form (issue 13 review: the two dialogs composed
title, description, topics, cover and Save/Cancel each in their own way). Both are now a
`PostFormScreen`; the draft dialog adds its video and editor parameters only, and so it also
got the shared dialog's layout: the form scrolls, the status line and buttons stay on screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from creatorctl.screens.drafts.edit import DraftEditScreen
from creatorctl.screens.post_form import PostFormScreen
from creatorctl.screens.works.edit import WorkEditScreen
from tests.helpers import settle

SCREENS = Path(__file__).parent.parent / "creatorctl" / "screens"


def test_both_dialogs_are_the_post_form() -> None:
    assert issubclass(WorkEditScreen, PostFormScreen)
    assert issubclass(DraftEditScreen, PostFormScreen)


def test_the_shared_fields_are_composed_once() -> None:
    """t("field.title") / t("edit.tags_hint") / t("field.cover_path") and the Save and
    Cancel buttons' labels stand in post_form.py, not in either dialog."""
    from tests.test_shared_lines import t_keys

    shared = {"field.title", "field.description", "edit.tags_hint", "field.cover_path"}
    shared |= {"key.save", "key.cancel"}
    for path in (SCREENS / "works" / "edit.py", SCREENS / "drafts" / "edit.py"):
        assert shared.isdisjoint(t_keys(path)), path
    assert shared <= set(t_keys(SCREENS / "post_form.py"))


async def test_draft_edit_keeps_its_buttons_and_error_on_screen_at_80x24(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    from tests.test_dialogs import _on_screen

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("2")  # Drafts
        await settle(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        assert isinstance(app.screen, DraftEditScreen)
        assert _on_screen(app, "#draft-save") and _on_screen(app, "#draft-cancel")
        await pilot.press("ctrl+s")  # no title
        await settle(pilot, app)
        assert isinstance(app.screen, DraftEditScreen)
        error = str(app.screen.query_one("#draft-error").render())
        assert error.startswith("✗ ") and _on_screen(app, "#draft-error")
        assert _on_screen(app, "#draft-save")
        assert app.screen.query_one("#draft-title", Input).value == ""
