"""The Earn tab in Pilot: cards, filters, accept refused/allowed, deliver, settle, products,
platform tasks, earnings chart — asserting on widgets and on the store."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from creatorctl.app import CreatorApp
from creatorctl.screens.confirm import ConfirmScreen
from creatorctl.screens.earn.panels import EligibilityCard
from creatorctl.screens.earn.settle import SettleScreen
from creatorctl.screens.earn.tab import EarnTab
from creatorctl.screens.works.picker import WorkPickerScreen
from creatorctl.store import Store
from creatorctl.widgets.chart import Chart
from creatorctl.widgets.paged_table import PagedTable

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

SIZE = (120, 40)


@pytest.fixture
def _store(demo_store: Store) -> Store:
    return demo_store


def _q(store: Store, sql: str, **params: object) -> list[sa.Row]:
    with store.read() as conn:
        return list(conn.execute(sa.text(sql), params))


async def _open_earn(pilot) -> EarnTab:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    pilot.app.action_show_tab("earn")
    return await _settle(pilot)


async def _settle(pilot) -> EarnTab:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return pilot.app.query_one(EarnTab)


async def _select(pilot, tab: EarnTab, task_id: int) -> None:  # type: ignore[no-untyped-def]
    table = tab.query_one("#earn-brand-table", PagedTable)
    table.move_cursor(row=table.get_row_index(str(task_id)))
    await pilot.pause()
    assert tab._selected_task() is not None and tab._selected_task().id == task_id


def _messages(app: CreatorApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_cards_show_what_is_missing(_store: Store) -> None:
    with _store.write() as conn:
        conn.execute(sa.text("UPDATE account SET verified=FALSE"))
        conn.execute(
            sa.text(
                "UPDATE accountdaily SET fans_total=7655 WHERE day=(SELECT max(day) FROM accountdaily)"
            )
        )
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        xingtu = tab.query_one("#earn-card-xingtu", EligibilityCard)
        live = tab.query_one("#earn-card-live_commerce", EligibilityCard)
        tasks = tab.query_one("#earn-card-tasks", EligibilityCard)
        assert "还差 2,345 粉丝" in str(xingtu.content)
        assert "需要实名认证" in str(live.content) and "还差" not in str(live.content)
        assert "已开通" in str(tasks.content)
        assert xingtu.has_class("missing") and not tasks.has_class("missing")


async def test_filter_by_category_and_qualify(_store: Store) -> None:
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        everything = tab.brand_table.total
        await pilot.press("c")
        tab = await _settle(pilot)
        first = tab.summary.categories[0]
        assert tab.category == first
        assert {t.category for t in tab.tasks.values()} == {first}
        assert first in str(tab.query_one("#earn-brand-status").content)
        await pilot.press("c", "c", "c", "c")  # back round to every category
        tab = await _settle(pilot)
        assert tab.category is None and tab.brand_table.total == everything
        await pilot.press("f")
        tab = await _settle(pilot)
        assert 0 < tab.brand_table.total < everything
        fans = pilot.app.account.fans
        assert all(t.state == "open" and t.min_fans <= fans for t in tab.tasks.values())


async def test_accept_refused_names_the_threshold(_store: Store) -> None:
    (task,) = _q(_store, "SELECT id FROM brandtask WHERE state='open' AND min_fans=100000")
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await _select(pilot, tab, task.id)
        await pilot.press("j")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        short = f"还差 {100_000 - app.account.fans:,}"
        assert any("要求至少 100,000 粉丝" in m and short in m for m in _messages(app))
    assert _q(_store, "SELECT state FROM brandtask WHERE id=:i", i=task.id)[0].state == "open"


async def test_accept_allowed_after_confirmation(_store: Store) -> None:
    (task,) = _q(_store, "SELECT id FROM brandtask WHERE state='open' AND min_fans<=10000 LIMIT 1")
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await _select(pilot, tab, task.id)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await _settle(pilot)
        assert _q(_store, "SELECT state FROM brandtask WHERE id=:i", i=task.id)[0].state == "open"
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("y")
        tab = await _settle(pilot)
        assert tab.tasks[task.id].state == "accepted"
    assert _q(_store, "SELECT state FROM brandtask WHERE id=:i", i=task.id)[0].state == "accepted"


async def test_deliver_links_the_chosen_work(_store: Store) -> None:
    (task,) = _q(_store, "SELECT id, brand, title FROM brandtask WHERE state='accepted'")
    (newest,) = _q(_store, "SELECT id, title FROM work ORDER BY published_at DESC LIMIT 1")
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await _select(pilot, tab, task.id)
        await pilot.press("d")
        await _settle(pilot)
        assert isinstance(app.screen, WorkPickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        # Issue 13: the question names the work and the task by title, not only by number.
        question = app.screen.question
        assert newest.title in question and task.title in question and task.brand in question
        await pilot.press("y")
        await _settle(pilot)
    row = _q(_store, "SELECT state, delivered_work_id FROM brandtask WHERE id=:i", i=task.id)[0]
    assert (row.state, row.delivered_work_id) == ("delivered", newest.id)


async def test_settle_checks_the_amount_and_pays_the_ledger(_store: Store) -> None:
    (task,) = _q(_store, "SELECT id FROM brandtask WHERE state='delivered'")
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        before = tab.summary.earnings.totals["brand"]
        await _select(pilot, tab, task.id)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettleScreen)
        amount = app.screen.query_one("#settle-amount")
        amount.value = "abc"
        await pilot.press("enter")
        await pilot.pause()
        assert "金额无效:abc" in str(app.screen.query_one("#settle-error").content)
        amount.value = "1,234.5"
        await pilot.press("enter")
        tab = await _settle(pilot)
        assert not isinstance(app.screen, SettleScreen)
        assert tab.summary.earnings.totals["brand"] == pytest.approx(before + 1234.5)
    rows = _q(_store, "SELECT amount FROM earning WHERE ref=:r", r=f"brandtask:{task.id}")
    assert [r.amount for r in rows] == [1234.5]


async def test_illegal_transition_is_refused_with_a_message(_store: Store) -> None:
    (task,) = _q(_store, "SELECT id FROM brandtask WHERE state='open' LIMIT 1")
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await _select(pilot, tab, task.id)
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SettleScreen)
        assert any("不能结算" in m for m in _messages(app))


async def test_products_flag_high_returns(_store: Store) -> None:
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert not tab.check_action("accept", ())  # brand keys leave the footer
        table = tab.query_one("#earn-products-table")
        flagged = [
            table.get_row_at(i)
            for i in range(table.row_count)
            if "⚠" in str(table.get_row_at(i)[4])
        ]
        assert len(flagged) == 1
        assert str(flagged[0][5]).startswith("包装破损")
        assert "1 个商品退货率 ≥ 10%" in str(tab.query_one("#earn-products-status").content)


async def test_platform_tasks_show_progress(_store: Store) -> None:
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await pilot.press("t")
        await pilot.pause()
        panels = tab.query_one("#earn-platform-body").content.renderables
        lines = [str(line) for panel in panels for line in panel.renderables]
        assert any(line.strip().startswith("✓") for line in lines)
        assert any("█" in line and "%" in line for line in lines)
        assert any("已达标,奖励已入账" in line for line in lines)
        running = [s for s in tab.summary.platform if s.state == "active"]
        assert running and all(w.progress < 1 for s in running for w in s.in_progress)


async def test_new_qualification_is_rewarded_once(_store: Store) -> None:
    (task,) = _q(
        _store, "SELECT id, topic, play_threshold FROM platformtask WHERE reward=500 LIMIT 1"
    )
    with _store.write() as conn:
        conn.execute(
            sa.text(
                "UPDATE work SET plays=:p WHERE id=(SELECT id FROM work WHERE tags LIKE :t "
                "ORDER BY published_at DESC LIMIT 1)"
            ),
            {"p": task.play_threshold, "t": f"%{task.topic}%"},
        )
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_earn(pilot)
        assert "新记入 1 笔全民任务奖励" in _messages(app)
    refs = _q(_store, "SELECT ref FROM earning WHERE ref=:r", r=f"platformtask:{task.id}")
    assert len(refs) == 1


async def test_earnings_chart_by_month_and_source(_store: Store) -> None:
    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open_earn(pilot)
        await pilot.press("m")
        await pilot.pause()
        chart = tab.query_one("#earn-chart", Chart)
        assert chart.data is not None and chart.data.kind == "stacked"
        assert [s.label for s in chart.data.series] == ["商单", "带货", "全民任务"]
        assert len(chart.data.x_labels) == 12 and chart.data.x_labels[-1] == "26.11"
        assert "近 12 个月合计" in str(tab.query_one("#earn-earnings-totals").content)
        assert app.focused is tab.query_one("#earn-earnings")
        await pilot.press("b")
        await pilot.pause()
        assert app.focused is tab.brand_table


async def test_help_lists_the_earn_keys(_store: Store) -> None:
    from creatorctl.screens.help import HelpScreen

    app = CreatorApp(store=_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_earn(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {d for _key, d in app.screen.keys}
        assert {"接单", "交付", "结算", "分类", "我能接", "橱窗", "全民任务", "收益"} <= described
