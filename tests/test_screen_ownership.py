"""Issue 13 code review: each tab owns its actions, and workers report back through typed
messages handled with `@on`, not through `call_from_thread` callbacks."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets import Input

from creatorctl.app import CreatorApp
from creatorctl.screens.works.detail import WorkDetailScreen
from creatorctl.screens.works.editing import WorkEditing
from creatorctl.screens.works.tab import WorksTab
from creatorctl.store import open_store
from creatorctl.works import get_work
from tests.helpers import settle

PACKAGE = Path(__file__).resolve().parent.parent / "creatorctl"


def test_the_app_does_not_do_the_works_tabs_job() -> None:
    """Edit, undo and delete of works live on the Works tab; the App only routes (open_work)."""
    for name in (
        "edit_work",
        "undo_work_edit",
        "delete_work",
        "undo_delete_work",
        "last_deleted_work",
        "_reload_works_in_place",
    ):
        assert not hasattr(CreatorApp, name), name
    for name in ("action_edit", "action_undo", "action_delete", "edit_work", "undo_work_edit"):
        assert name in dir(WorksTab), name
    assert issubclass(WorkDetailScreen, WorkEditing)


def _calls_from_thread(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "call_from_thread"
    ]


def test_the_works_screens_and_the_app_post_messages() -> None:
    """No `call_from_thread` in app.py or screens/works/: their workers post typed messages."""
    files = [PACKAGE / "app.py", *sorted((PACKAGE / "screens" / "works").glob("*.py"))]
    found = {str(f.relative_to(PACKAGE)): _calls_from_thread(f) for f in files}
    assert {f: lines for f, lines in found.items() if lines} == {}


def test_one_base_class_for_tabs_and_inbox_panes() -> None:
    """Tabs and the Inbox's panes share one lazy-loading base, not two parallel copies."""
    from creatorctl.screens.base import LazyView, TabView
    from creatorctl.screens.inbox.tab import InboxPane

    assert issubclass(TabView, LazyView) and issubclass(InboxPane, LazyView)
    for name in ("show", "reload_in_place", "focus_default", "ready"):
        assert name not in vars(TabView) and name not in vars(InboxPane), name


def test_earn_actions_are_methods_not_a_string_dispatch() -> None:
    """Accept, deliver and settle are one worker each; no `_change(action: str, …)` remains."""
    from creatorctl.screens.earn.tab import EarnTab

    assert not hasattr(EarnTab, "_change")
    for name in ("_accept", "_deliver", "_settle"):
        assert callable(getattr(EarnTab, name)), name
    earn = sorted((PACKAGE / "screens" / "earn").glob("*.py"))
    assert {str(f.name): _calls_from_thread(f) for f in earn if _calls_from_thread(f)} == {}


def _title(app: CreatorApp) -> str:
    return str(app.main_screen.query_one("#works-table").get_cell_at((0, 1)))


async def test_edit_and_undo_from_the_detail_screen_reach_the_list(
    demo_db: Path, app_factory
) -> None:  # type: ignore[no-untyped-def]
    """`e` on a work's detail saves, and both the detail and the Works list show the new
    title; `u` there puts the old title back in the store, the detail and the list."""
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        works = app.view("works")
        work_id = int(works.table.selected_key)
        s = open_store(str(demo_db))
        old = get_work(s, work_id).title
        works.last_deleted_work = 12345  # an earlier `x`: a saved edit makes `u` about it
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen)
        await pilot.press("e")
        await settle(pilot, app)
        app.screen.query_one("#edit-title", Input).value = "详情页改的标题"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, WorkDetailScreen)
        assert get_work(s, work_id).title == "详情页改的标题"
        assert str(app.screen.query_one("#detail-title").render()) == "详情页改的标题"
        assert works.last_deleted_work is None
        assert works.table.selected_key == str(work_id)
        assert "详情页改的标题" in _title(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert get_work(s, work_id).title == old
        assert str(app.screen.query_one("#detail-title").render()) == old
        assert old[:8] in _title(app)
        await pilot.press("u")  # nothing left to undo: a warning, the store unchanged
        await settle(pilot, app)
        assert get_work(s, work_id).title == old
        s.close()


def test_screens_reach_the_app_through_a_typed_accessor() -> None:
    """No `self.app.store  # type: ignore[attr-defined]`: screens use AppAccess (capp,
    need_store), so mypy checks what they do with the app."""
    files = [*PACKAGE.glob("screens/**/*.py"), *PACKAGE.glob("widgets/*.py")]
    found = [
        f"{f.relative_to(PACKAGE)}:{n}"
        for f in sorted(files)
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if "self.app.store" in line or "type: ignore[attr-defined]" in line
    ]
    assert found == []


def test_no_ui_code_calls_from_thread_or_starts_a_worker_from_a_worker() -> None:
    """The whole UI (app.py, every screen, every widget), not one slice: no `call_from_thread`
    anywhere, and no thread worker starts or hands on a worker (the helpers of
    tests/test_screen_workers_rest.py do the scanning)."""
    from tests.test_screen_workers_rest import (
        UI_CODE,
        calls_from_thread,
        worker_starters,
        workers_starting_workers,
    )

    sources = {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in UI_CODE}
    assert len(sources) > 40  # every screen and widget, found by rglob
    called = {f: calls_from_thread(s) for f, s in sources.items()}
    assert {f: lines for f, lines in called.items() if lines} == {}
    starters = worker_starters(sources.values())
    started = {f: workers_starting_workers(s, starters) for f, s in sources.items()}
    assert {f: hits for f, hits in started.items() if hits} == {}
