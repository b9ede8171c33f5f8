"""Sort keys written once (issue 13 review: "sort columns, in three places"). The Works tab,
`works list`, the Comments pane, `comments list`, the group members pane and `groups members`
each had their own list or toggle of keys; now all read creatorctl.sorting."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from creatorctl import sorting
from creatorctl.sorting import COMMENT_SORTS, MEMBER_SORTS, WORK_SORTS
from tests.helpers import settle
from tests.test_cli import invoke

ROOT = Path(__file__).parent.parent / "creatorctl"
ALL = {"WORK_SORTS": WORK_SORTS, "COMMENT_SORTS": COMMENT_SORTS, "MEMBER_SORTS": MEMBER_SORTS}


def _strings(nodes: list[ast.expr]) -> set[object]:
    return {n.value for n in nodes if isinstance(n, ast.Constant)}


def test_no_other_module_spells_out_a_sort_cycle() -> None:
    """Outside sorting.py no literal lists every key of a SortKeys, and no `a if … else b`
    flips between two of its keys (the Comments and members panes' old toggles)."""
    found = []
    for path in ROOT.rglob("*.py"):
        if path.name == "sorting.py" or {"locale", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name, keys in ALL.items():
                if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                    if set(keys.keys) <= _strings(node.elts):
                        found.append((path.name, node.lineno, name))
                elif isinstance(node, ast.IfExp) and _strings([node.body, node.orelse]) == set(
                    keys.keys
                ):
                    found.append((path.name, node.lineno, name))
    assert found == []


def test_the_tabs_and_the_cli_hold_the_shared_keys() -> None:
    from creatorctl.cli import _register, root
    from creatorctl.screens.inbox import comments as comments_pane
    from creatorctl.screens.inbox import groups as groups_pane
    from creatorctl.screens.works import tab as works_tab

    assert works_tab.WORK_SORTS is sorting.WORK_SORTS
    assert comments_pane.COMMENT_SORTS is sorting.COMMENT_SORTS
    assert groups_pane.MEMBER_SORTS is sorting.MEMBER_SORTS

    def sort_option(*path: str):  # type: ignore[no-untyped-def]
        _register()
        cmd = root
        for name in path:
            cmd = cmd.commands[name]  # type: ignore[attr-defined]
        return next(p for p in cmd.params if p.name == "sort")

    for path, keys in [
        (("works", "list"), WORK_SORTS),
        (("comments", "list"), COMMENT_SORTS),
        (("groups", "members"), MEMBER_SORTS),
    ]:
        option = sort_option(*path)
        assert tuple(option.type.choices) == keys.keys and option.default == keys.default


async def test_works_tab_s_walks_the_shared_cycle(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        view = app.query_one("#view-works")
        seen = [(view.sort, view.descending)]
        for _ in WORK_SORTS.keys:
            await pilot.press("s")
            seen.append((view.sort, view.descending))
    want = [WORK_SORTS.default]
    for _ in WORK_SORTS.keys:
        want.append(WORK_SORTS.after(want[-1]))
    assert seen == [(k, WORK_SORTS.descending(k)) for k in want]
    assert seen[0] == seen[-1] == ("published_at", True) and ("title", False) in seen


def test_works_list_sorts_titles_a_to_z_like_the_tab(demo_db: Path) -> None:
    """`works list --sort title` ran Z→A (every key descending) while the tab runs titles A→Z;
    both now take the direction from WORK_SORTS (`--desc` reverses)."""
    titles = [
        w["title"]
        for w in json.loads(
            invoke("works", "list", "--sort", "title", "--limit", "5", "--json", db=demo_db).stdout
        )
    ]
    assert titles == sorted(titles) and len(titles) == 5
    r = invoke("works", "list", "--sort", "title", "--desc", "--limit", "5", "--json", db=demo_db)
    desc = [w["title"] for w in json.loads(r.stdout)]
    assert desc == sorted(desc, reverse=True) and desc != titles


@pytest.mark.parametrize("keys", list(ALL.values()))
def test_a_key_it_does_not_know_is_one_line(keys: sorting.SortKeys) -> None:
    from creatorctl.errors import UserError

    with pytest.raises(UserError, match="nonsense"):
        keys.check("nonsense")
    assert keys.after("nonsense") == keys.default
