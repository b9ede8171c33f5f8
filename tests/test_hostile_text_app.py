"""Issue 10 §2 in the app (Pilot): hostile titles, comments, nicknames and group names open in
every tab, detail and conversation without a MarkupError, and show `[/]` as itself.

The store is tests/hostile_text.py's. A stray `[/]` in a title parsed as markup raised
MarkupError and closed the app; `[link=file:///etc/passwd]` made a live link.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Static

from creatorctl.widgets.paged_table import PagedTable
from tests.helpers import settle
from tests.hostile_text import load_hostile_store


def _shown(app) -> str:  # type: ignore[no-untyped-def]
    out = []
    for w in app.screen.query(Static):
        try:
            out.append(str(w.render()))
        except Exception as exc:  # noqa: BLE001 - the test reports which widget failed
            raise AssertionError(f"{w!r} cannot render: {exc}") from exc
    return "\n".join(out)


async def _walk_rows(pilot, app, table_id: str, n: int = 11) -> None:  # type: ignore[no-untyped-def]
    table = app.query_one(table_id, PagedTable)
    table.focus()
    for _ in range(n):
        await pilot.press("down")
        await settle(pilot, app, rounds=1)


async def test_every_tab_over_hostile_text(import_db: str, tmp_path: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    load_hostile_store(tmp_path, import_db)
    app = app_factory(import_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await _walk_rows(pilot, app, "#works-table")
        await pilot.press("enter")  # the work detail of a hostile title
        await settle(pilot, app)
        _shown(app)
        await pilot.press("escape")
        await settle(pilot, app)
        for key in "2345":
            await pilot.press(key)
            await settle(pilot, app)
            _shown(app)
        await _walk_rows(pilot, app, "#comments-table")
        assert "[/]" in _shown(app) or "[bold]" in _shown(app)
        await pilot.press("right_square_bracket")  # messages
        await settle(pilot, app)
        app.query_one("#conversations", PagedTable).focus()
        heads = []
        for _ in range(11):  # open each conversation; the markup nickname shows as typed
            await pilot.press("enter")
            await settle(pilot, app, rounds=1)
            heads.append(str(app.query_one("#conversation-head", Static).render()))
            app.query_one("#conversations", PagedTable).focus()
            await pilot.press("down")
            await settle(pilot, app, rounds=1)
        markup = [h for h in heads if "stray" in h]
        assert markup and "[link=file:///etc/passwd]x[/link] [bold]b[/bold] stray [/]" in markup[0]
        assert not any("\x1b" in h or "\x9b" in h for h in heads)
        for _ in range(3):  # groups, live, rules
            await pilot.press("right_square_bracket")
            await settle(pilot, app)
            _shown(app)
        await pilot.press("6")
        await settle(pilot, app)
        await pilot.press("2")  # drafts: the hostile draft title, and deleting it asks first
        await settle(pilot, app)
        app.query_one("#drafts-table").focus()
        await pilot.press("x")
        await settle(pilot, app)
        question = str(app.screen.query_one(Label).render())
        assert "PWNED-TITLE" in question and "[/]" in question  # Label(markup) raised before
        assert "\x1b" not in question and "\x9b" not in question
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("ctrl+p")  # the palette over hostile titles
        await settle(pilot, app)
        await pilot.press(*"osc")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
    assert app.return_code in (None, 0)
