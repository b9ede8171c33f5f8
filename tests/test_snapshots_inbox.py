"""How the Inbox tab looks (small demo, seed 7, clock frozen at 2026-11-26 10:00, zh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatorctl.app import TAB_IDS
from tests.helpers import settle

SIZES = [(80, 24), (120, 40)]
INBOX_KEY = str(TAB_IDS.index("inbox") + 1)
VIEWS = {"comments": 0, "messages": 1, "groups": 2, "live": 3}


def _open(view: int):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, pilot.app)
        await pilot.press(INBOX_KEY)
        await settle(pilot, pilot.app)
        for _ in range(view):
            await pilot.press("right_square_bracket")
            await settle(pilot, pilot.app)
        if view == 1:
            await pilot.press("enter")  # open the newest conversation
            await settle(pilot, pilot.app)
        if view == 3:
            # The newest past live is replayed after the lists load: wait for its summary.
            summary = pilot.app.query_one("#live-summary")
            for _ in range(50):
                if str(summary.render()).strip():
                    break
                await settle(pilot, pilot.app)
            await settle(pilot, pilot.app)

    return run


class TestInboxLook:
    """Comments newest first with flag marks (手机号, 微信引流 in red) and the selected comment's
    work under the list; messages with unread counts beside an open conversation whose auto
    replies are marked; a fan group's announcement, admins and members by last activity; the
    live view with previews, past lives and the replayed live's viewers chart, its drop alert
    and summary."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    @pytest.mark.parametrize("view", list(VIEWS))
    def test_inbox_view(self, snap_compare, demo_db: Path, app_factory, view, size) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app_factory(demo_db), terminal_size=size, run_before=_open(VIEWS[view]))


def _rules_with_a_test(pilot_text: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        from textual.widgets import Input

        await _open(1)(pilot)
        await pilot.press("escape")  # from the conversation back to the list
        await pilot.press("R")
        await settle(pilot, pilot.app)
        pilot.app.screen.query_one("#rule-test", Input).value = pilot_text
        await settle(pilot, pilot.app)
        pilot.app.screen.query_one("#rules-table").focus()
        await settle(pilot, pilot.app)

    return run


class TestRulesLook:
    """The auto-reply rules dialog at 80x24: columns # / 状态 (● 启用 or ○ 停用) / 优先级 /
    关键词 / 回复 (cut with …), the tester's result naming the rule as #id「keyword」, and a
    footer with a 新增, e 编辑, space 启用/停用, d 删除, t 测试."""

    def test_rules_dialog(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(
            app_factory(demo_db), terminal_size=(80, 24), run_before=_rules_with_a_test("多少钱")
        )
