"""Lines the CLI and the app both print, written once (found by `duplicates` over screens/ and
cli/ for issue 13's "logic is written more than once"): the brand-task totals line (`earn tasks`
and the Earn tab's brand status) and the warning for another post within 30 minutes (`drafts
schedule`, `drafts queue`, the schedule dialog's check line, the Drafts tab's notices)."""

from __future__ import annotations

import ast
from pathlib import Path

from creatorctl.earn.brand import brand_totals
from creatorctl.store import open_store

ROOT = Path(__file__).parent.parent / "creatorctl"


def t_keys(path: Path) -> list[str]:
    """The keys of the literal `t("…")` calls in a module."""
    return [
        node.args[0].value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "t"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def _modules_using(key: str) -> list[str]:
    return [
        path.relative_to(ROOT).as_posix()
        for path in sorted(ROOT.rglob("*.py"))
        if "locale" not in path.parts and key in t_keys(path)
    ]


def test_each_line_is_formatted_in_one_place() -> None:
    assert _modules_using("earn.brand_totals") == ["earn/brand.py"]
    assert _modules_using("drafts.conflict") == ["posting_queue.py"]


def test_earn_tasks_prints_the_totals_line(demo_db: Path) -> None:
    from tests.test_cli import invoke

    store = open_store(str(demo_db))
    try:
        from creatorctl.accounts import current_account

        acc = current_account(store)
        assert acc is not None
        want = brand_totals(store, acc.id).line()
    finally:
        store.close()
    r = invoke("earn", "tasks", db=demo_db)
    assert r.exit_code == 0 and r.stdout.splitlines()[-1] == want
