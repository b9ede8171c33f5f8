"""Stale-marking written once (issue 13 review: "stale-marking"). After a change made on a tab,
the Drafts and Works tabs each marked the others stale their own way (the Drafts tab marked
itself too and then reloaded again: two loads per change), the Earn tab had a loop of its own,
and a deleted or edited work left the other tabs showing it. Now every tab calls
`TabView.changed_here`."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import settle

SCREENS = Path(__file__).parent.parent / "creatorctl" / "screens"


def test_only_the_base_marks_tabs_stale() -> None:
    """No screen but base.py calls mark_stale() or walks the tabs with query(TabView)."""
    found = []
    for path in SCREENS.rglob("*.py"):
        if path.name == "base.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                named = [a.id for a in node.args if isinstance(a, ast.Name)]
                if node.func.attr == "mark_stale" or (
                    node.func.attr == "query" and named == ["TabView"]
                ):
                    found.append((path.name, node.lineno))
    assert found == []


async def test_a_change_on_the_drafts_tab_reloads_it_once(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("2")  # Drafts
        await settle(pilot, app)
        drafts = app.view("drafts")
        assert app.active_tab == "drafts"
        loads: list[int] = []
        real = drafts.reload
        drafts.reload = lambda: (loads.append(1), real())[1]  # type: ignore[method-assign]
        drafts.refresh_all()
        await settle(pilot, app)
        assert loads == [1] and not drafts.stale
        assert app.view("works").stale  # the other tabs reload when next shown


async def test_deleting_a_work_marks_the_other_tabs_stale(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")  # Data: built and loaded once
        await settle(pilot, app)
        data = app.view("data")
        assert not data.stale
        await pilot.press("1")
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        works = app.view("works")
        assert works.table.total == 239 and not works.stale
        assert data.stale  # its top works and totals include the deleted one until reloaded
