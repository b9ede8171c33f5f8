"""Every dialog at 80x24 with its buttons on screen and the outcome of its action shown (small
demo, seed 7, clock frozen at 2026-11-26 10:00, zh; issue 13 "Required")."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.helpers import settle
from tests.import_helpers import WORKS_HEADER, works_row, write_csv

SIZE = (80, 24)


async def _quiet(pilot) -> None:  # type: ignore[no-untyped-def]
    """No blinking cursor in the picture, and everything loaded."""
    await settle(pilot, pilot.app)
    pilot.app.screen.set_focus(None)
    pilot.app.clear_notifications()  # the dialog says it itself; toasts would hide its buttons
    await pilot.pause()
    # A status line that grew is fitted over the next frames: on a busy machine (the whole
    # suite on 2 cores) the box could still overflow the screen here, so wait until it fits.
    for _ in range(20):
        if pilot.app.screen.max_scroll_y == 0:
            break
        await pilot.pause(0.05)
    await pilot.pause()


class TestDialogsLook:
    def test_profile_saved(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """账号信息 after Ctrl+S with a new nickname: 昵称, 简介, 领域, ✓ 已实名, 头像, and
        修改记录 with the change just saved (操作记录 is below it, scrolled out: the scrollbar
        is at the top); "✓ 资料已保存" left of 保存/撤销/返回."""

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("P")
            await settle(pilot, pilot.app)
            pilot.app.screen.query_one("#profile-nickname", Input).value = "橘座和二哈的家"
            await pilot.press("ctrl+s")
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)

    def test_edit_work_refused(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """Editing work #240 with an empty title: "✗ 标题不能为空" above 保存/取消, all on
        screen; the fields scroll above them."""

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("e")
            await settle(pilot, pilot.app)
            pilot.app.screen.query_one("#edit-title", Input).value = ""
            await pilot.press("ctrl+s")
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)

    def test_import_rejected(  # type: ignore[no-untyped-def]
        self, snap_compare, demo_db: Path, app_factory, tmp_path: Path, monkeypatch
    ) -> None:
        """A file with a bad count on row 3: "✗ 未导入,未写入任何数据:" and the row, column and
        value, above 导入/返回 (the import with a result: test_snapshots_import)."""
        folder = tmp_path / "in"
        folder.mkdir()
        write_csv(folder / "bad.csv", [WORKS_HEADER, works_row("甲", 5), works_row("乙", "很多")])
        monkeypatch.chdir(folder)  # the message names the file as typed: no temporary path

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("i")
            await settle(pilot, pilot.app)
            pilot.app.screen.query_one("#import-path", Input).value = "bad.csv"
            await pilot.press("enter")
            await settle(pilot, pilot.app, rounds=6)
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)

    def test_confirm_delete(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """Works `x`: the question names the work (#240 and its title) and says it can be
        restored, wrapped onto a second line; 是 (y) / 否 (n)."""

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("x")
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)

    def test_trash_restored(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """回收站 after deleting two works (x, y twice) and restoring the newer deletion: one
        work listed, "↺ 已恢复作品:…" above 恢复/返回."""

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("x", "y")
            await settle(pilot, pilot.app)
            await pilot.press("x", "y")
            await settle(pilot, pilot.app)
            await pilot.press("T")
            await settle(pilot, pilot.app)
            await pilot.press("r")
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)

    def test_rules_tested(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """自动回复规则 (Inbox › 私信, R) with "什么时候发货" tested: the six rules (#, ● 启用 /
        ○ 停用, priority, keywords, reply), the tester and its answer "没有规则会回复这条消息";
        this dialog has keys instead of buttons, listed in its footer."""

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            from creatorctl.app import TAB_IDS

            await settle(pilot, pilot.app)
            await pilot.press(str(TAB_IDS.index("inbox") + 1))
            await settle(pilot, pilot.app)
            await pilot.press("right_square_bracket")
            await settle(pilot, pilot.app)
            await pilot.press("R")
            await settle(pilot, pilot.app)
            await pilot.press("t")
            box = pilot.app.screen.query_one("#rule-test", Input)
            box.value = "什么时候发货"
            await pilot.press("enter")
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)

    def test_schedule_refused(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """定时发布 for draft #11 at 09:30, already past: one line says so and asks for a time to
        come, above 定时 (enter) / 取消 (esc)."""

        async def run(pilot) -> None:  # type: ignore[no-untyped-def]
            from creatorctl.app import TAB_IDS

            await settle(pilot, pilot.app)
            await pilot.press(str(TAB_IDS.index("drafts") + 1))
            await settle(pilot, pilot.app)
            await pilot.press("s")
            await settle(pilot, pilot.app)
            pilot.app.screen.query_one("#schedule-at", Input).value = "2026-11-26 09:30"
            await settle(pilot, pilot.app)
            await pilot.press("enter")
            await _quiet(pilot)

        assert snap_compare(app_factory(demo_db), terminal_size=SIZE, run_before=run)
