"""Every message the code asks for exists, and a missing one is loud rather than silent."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from creatorctl import i18n
from creatorctl.i18n import MissingMessage, catalog, t

PACKAGE = Path(__file__).parent.parent / "creatorctl"


def _t_calls() -> list[tuple[str, int, ast.expr]]:
    """(file, line, first argument) of every `t(...)` call in the package."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
            ):
                rel = path.relative_to(PACKAGE).as_posix()
                calls.append((rel, node.lineno, node.args[0]))
    return calls


def test_every_literal_key_exists() -> None:
    """A literal `t("key")` whose key is in no locale file would show the raw key to a user."""
    keys = catalog()
    literals = [
        (f, line, a.value)
        for f, line, a in _t_calls()
        if isinstance(a, ast.Constant) and isinstance(a.value, str)
    ]
    assert len(literals) > 500  # the scan really sees the package's calls
    missing = [f"{f}:{line} {k}" for f, line, k in literals if k not in keys]
    assert missing == []


def test_every_built_key_has_a_family() -> None:
    """`t(f"earn.state.{s}")`: at least one key starts with the literal prefix."""
    keys = catalog()
    orphans = []
    for f, line, a in _t_calls():
        if isinstance(a, ast.JoinedStr) and a.values and isinstance(a.values[0], ast.Constant):
            prefix = str(a.values[0].value)
            if not any(k.startswith(prefix) for k in keys):
                orphans.append(f"{f}:{line} {prefix}")
    assert orphans == []


def test_a_missing_key_raises_in_strict_mode() -> None:
    with pytest.raises(MissingMessage):
        t("no.such.message")


def test_a_missing_key_is_logged_for_users(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Outside tests the user sees the key (better than a crash), and the log says why."""
    monkeypatch.delenv("CREATORCTL_STRICT_I18N")
    assert not i18n.strict()
    with caplog.at_level("WARNING", logger="creatorctl.i18n"):
        assert t("no.such.message") == "no.such.message"
    assert "no.such.message" in caplog.text


def test_fit_cells_ellipsises_instead_of_cutting() -> None:
    """Issue 13: 'commen', 'schedu' were cut silently; now they end in … within the width."""
    from creatorctl.i18n import fit_cells

    assert fit_cells("comments", 6) == "comme…"
    assert fit_cells("scheduled", 6) == "sched…"
    assert fit_cells("评论数量", 5) == "评论…"  # CJK takes two columns
    assert fit_cells("plays", 6) == "plays"


def test_a_stored_chinese_message_is_shown_in_english() -> None:
    """A draft's error recorded while the UI was Chinese reads in English in the English UI."""
    from creatorctl.i18n import in_language, set_language

    stored = "到点时没有调度器在运行,已超过 1 小时宽限:请重新定时或立即发布"
    set_language("en")
    try:
        assert in_language(stored) == (
            "nothing ran when it fell due and it is over 1 h late: reschedule or publish now"
        )
        assert in_language("HTTP 413: 视频太大") == "HTTP 413: 视频太大"  # not ours: as stored
    finally:
        set_language("zh")
    assert in_language(stored) == stored


async def test_table_headers_end_in_an_ellipsis(app_factory, demo_db) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.i18n import set_language
    from creatorctl.widgets.paged_table import PagedTable
    from tests.helpers import settle

    set_language("en")  # English labels are the long ones ("comments" in 5 columns)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("s")  # re-sorting relabels the headers (the sort arrow)
        await settle(pilot, app)
        table = app.query_one("#works-table", PagedTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert "comm…" in labels and "compl…" in labels, labels
        for spec, column in zip(table.specs, table.columns.values(), strict=True):
            if spec.width:
                assert column.label.cell_len <= spec.width, column.label


def test_every_fixed_width_column_goes_through_fixed_column() -> None:
    """Issue 13 item 9 for every table, not only the paged ones: a header added with a fixed
    width is cut with … (`fixed_column`), never silently (`priori`, `commen`)."""
    import ast
    from pathlib import Path

    screens = Path(__file__).resolve().parent.parent / "creatorctl" / "screens"
    bare = [
        f"{path.relative_to(screens)}:{node.lineno}"
        for path in sorted(screens.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_column"
        and any(k.arg == "width" for k in node.keywords)
    ]
    assert bare == []


async def test_rules_table_headers_end_in_an_ellipsis(app_factory, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The auto-reply rules table in English at 80x24: 'priority' in 6 columns is 'prior…'."""
    from textual.widgets import DataTable

    from creatorctl.i18n import set_language
    from creatorctl.screens.inbox.rules import RulesScreen
    from tests.helpers import settle
    from tests.test_app_inbox import open_inbox

    set_language("en")
    try:
        app = app_factory(demo_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_inbox(pilot, app, view=1)
            await pilot.press("R")
            await settle(pilot, app)
            assert isinstance(app.screen, RulesScreen)
            table = app.screen.query_one("#rules-table", DataTable)
            labels = [str(c.label) for c in table.columns.values()]
            assert "prior…" in labels, labels
            for column in table.columns.values():
                assert column.label.cell_len <= column.width, column.label
    finally:
        set_language("zh")
