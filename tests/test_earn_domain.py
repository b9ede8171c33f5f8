"""Earn domain: brand-task transitions, product return flags, platform-task qualification at its
edges, rewards counted once, earnings by month and source."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from creatorctl import earn
from creatorctl.config import Config, EarnConfig
from creatorctl.errors import UserError
from tests.earn_support import (
    add_brand_task,
    add_platform_task,
    add_product,
    add_work,
    ledger,
    make_store,
    set_fans,
)

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

START = datetime(2026, 11, 1, 0, 0, 0)
END = datetime(2026, 11, 20, 23, 59, 59)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00")


@pytest.fixture
def _acc(tmp_path):
    store, acc = make_store(tmp_path)
    set_fans(store, acc, 12_000)
    yield store, acc
    store.close()


# --- brand tasks -----------------------------------------------------------------------------


def test_accept_refused_below_xingtu_threshold_names_it(tmp_path) -> None:
    store, acc = make_store(tmp_path)
    set_fans(store, acc, 9_999)
    task = add_brand_task(store, acc, min_fans=0)
    with pytest.raises(UserError, match=re.escape("至少 10,000 粉丝,现有 9,999(还差 1)")):
        earn.accept_brand_task(store, acc, task)
    assert earn.get_brand_task(store, acc, task).state == "open"
    set_fans(store, acc, 10_000)
    assert earn.accept_brand_task(store, acc, task).state == "accepted"


def test_accept_refused_below_the_tasks_own_minimum(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc, min_fans=12_001)
    with pytest.raises(UserError, match=rf"商单 #{task} 要求至少 12,001 粉丝.*还差 1"):
        earn.accept_brand_task(store, acc, task)
    exact = add_brand_task(store, acc, min_fans=12_000)
    assert earn.accept_brand_task(store, acc, exact).accepted_at is not None


def test_accept_uses_configured_threshold(tmp_path) -> None:
    store, acc = make_store(tmp_path)
    set_fans(store, acc, 600)
    task = add_brand_task(store, acc)
    cfg = Config(earn=EarnConfig(xingtu_min_fans=500))
    assert earn.accept_brand_task(store, acc, task, cfg).state == "accepted"


def test_accept_refused_past_deadline(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc, deadline=date(2026, 11, 25))
    with pytest.raises(UserError, match="已过截止日期 2026-11-25"):
        earn.accept_brand_task(store, acc, task)
    today = add_brand_task(store, acc, deadline=date(2026, 11, 26))
    assert earn.accept_brand_task(store, acc, today).state == "accepted"


def test_full_lifecycle_records_the_payment_once(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc, commission=3000)
    work = add_work(store, acc, tags="#猫咪", published=START, plays=10, title="开箱")
    earn.accept_brand_task(store, acc, task)
    delivered = earn.deliver_brand_task(store, acc, task, work)
    assert (delivered.state, delivered.delivered_work_id) == ("delivered", work)
    assert delivered.delivered_work_title == "开箱"
    settled = earn.settle_brand_task(store, acc, task, 2800.5)
    assert (settled.state, settled.settled_amount) == ("settled", 2800.5)
    assert ledger(store, acc) == [("brand", 2800.5, f"brandtask:{task}")]
    with pytest.raises(UserError, match="已结算.*不能结算"):
        earn.settle_brand_task(store, acc, task)
    assert len(ledger(store, acc)) == 1


def test_settle_defaults_to_the_commission(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc, commission=1234.5)
    work = add_work(store, acc, tags="", published=START, plays=1)
    earn.accept_brand_task(store, acc, task)
    earn.deliver_brand_task(store, acc, task, work)
    assert earn.settle_brand_task(store, acc, task).settled_amount == 1234.5


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("deliver", "现在是「待接单」,不能交付(需要「已接单」)"),
        ("settle", "现在是「待接单」,不能结算(需要「已交付」)"),
    ],
)
def test_illegal_transitions_from_open(_acc, action: str, message: str) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc)
    work = add_work(store, acc, tags="", published=START, plays=1)
    with pytest.raises(UserError, match=re.escape(message)):
        if action == "deliver":
            earn.deliver_brand_task(store, acc, task, work)
        else:
            earn.settle_brand_task(store, acc, task)
    assert earn.get_brand_task(store, acc, task).state == "open"


def test_accept_twice_refused(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc)
    earn.accept_brand_task(store, acc, task)
    with pytest.raises(UserError, match="已接单.*不能接单"):
        earn.accept_brand_task(store, acc, task)


def test_deliver_needs_an_existing_work(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc)
    earn.accept_brand_task(store, acc, task)
    with pytest.raises(UserError, match="没有编号为 999 的作品"):
        earn.deliver_brand_task(store, acc, task, 999)
    assert earn.get_brand_task(store, acc, task).state == "accepted"


def test_negative_settlement_refused(_acc) -> None:
    store, acc = _acc
    task = add_brand_task(store, acc)
    work = add_work(store, acc, tags="", published=START, plays=1)
    earn.accept_brand_task(store, acc, task)
    earn.deliver_brand_task(store, acc, task, work)
    with pytest.raises(UserError, match="不能为负"):
        earn.settle_brand_task(store, acc, task, -1)
    assert ledger(store, acc) == []


def test_unknown_task(_acc) -> None:
    store, acc = _acc
    with pytest.raises(UserError, match="没有编号为 42 的商单"):
        earn.accept_brand_task(store, acc, 42)


def test_filters_by_category_and_qualification(_acc) -> None:
    store, acc = _acc
    a = add_brand_task(store, acc, category="美妆", min_fans=5_000)
    b = add_brand_task(store, acc, category="美妆", min_fans=50_000)
    c = add_brand_task(store, acc, category="宠物用品", min_fans=12_000)
    assert earn.brand_categories(store, acc) == ["宠物用品", "美妆"]
    assert [t.id for t in earn.list_brand_tasks(store, acc, category="美妆")] == [a, b]
    mine = earn.list_brand_tasks(store, acc, qualify_only=True)
    assert sorted(t.id for t in mine) == [a, c]
    assert earn.count_brand_tasks(store, acc, qualify_only=True, category="美妆") == 1
    set_fans(store, acc, 9_000, day=date(2026, 11, 26))
    assert earn.list_brand_tasks(store, acc, qualify_only=True) == []


def test_brand_totals(_acc) -> None:
    store, acc = _acc
    add_brand_task(store, acc, commission=100)
    t2 = add_brand_task(store, acc, commission=250)
    earn.accept_brand_task(store, acc, t2)
    totals = earn.brand_totals(store, acc)
    assert totals.counts == {"open": 1, "accepted": 1, "delivered": 0, "settled": 0}
    assert (totals.open_commission, totals.pending_commission, totals.settled) == (100, 250, 0)


# --- products --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("units", "returns", "flagged"),
    [(100, 10, True), (30, 3, True), (100, 9, False), (0, 0, False)],
)
def test_return_rate_flag_at_ten_percent(_acc, units: int, returns: int, flagged: bool) -> None:
    store, acc = _acc
    add_product(store, acc, name="冻干猫粮", units=units, returns=returns)
    (p,) = earn.product_stats(store, acc)
    assert p.flagged is flagged
    assert p.return_rate == (None if units == 0 else returns / units)


def test_top_return_reasons(_acc) -> None:
    store, acc = _acc
    pid = add_product(
        store,
        acc,
        name="冻干猫粮",
        units=50,
        returns=9,
        reasons={"包装破损": 5, "发货太慢": 1, "质量问题": 2, "七天无理由": 1},
    )
    with store.write() as conn:
        import sqlalchemy as sa

        sale = conn.execute(
            sa.text(
                "INSERT INTO productsale(product_id, day, units, gmv, commission, returns) "
                "VALUES (:p, '2026-11-02', 50, 5000, 1000, 2) RETURNING id"
            ),
            {"p": pid},
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO productreturnreason(sale_id, reason, count) VALUES (:s, '包装破损', 2)"
            ),
            {"s": sale},
        )
    (p,) = earn.product_stats(store, acc)
    assert (p.units, p.returns, p.gmv, p.commission) == (100, 11, 10000.0, 2000.0)
    assert p.top_reasons == (("包装破损", 7), ("质量问题", 2), ("七天无理由", 1))
    assert p.flagged


# --- platform tasks --------------------------------------------------------------------------


def _task(store, acc, threshold: int = 10_000) -> int:  # type: ignore[no-untyped-def]
    return add_platform_task(
        store, acc, topic="#春日好时光", starts=START, ends=END, threshold=threshold
    )


def test_plays_exactly_at_threshold_qualify(_acc) -> None:
    store, acc = _acc
    _task(store, acc)
    at = add_work(store, acc, tags="#春日好时光", published=START + timedelta(days=1), plays=10_000)
    below = add_work(
        store, acc, tags="#春日好时光", published=START + timedelta(days=1), plays=9_999
    )
    (status,) = earn.platform_tasks(store, acc)
    assert [w.work_id for w in status.qualifying] == [at]
    assert [w.work_id for w in status.in_progress] == [below]
    assert status.in_progress[0].progress == pytest.approx(0.9999)
    assert status.state == "ended"


def test_window_edges_are_inside(_acc) -> None:
    store, acc = _acc
    _task(store, acc)
    first = add_work(store, acc, tags="#春日好时光", published=START, plays=20_000)
    last = add_work(store, acc, tags="#春日好时光", published=END, plays=20_000)
    add_work(store, acc, tags="#春日好时光", published=START - timedelta(seconds=1), plays=90_000)
    add_work(store, acc, tags="#春日好时光", published=END + timedelta(seconds=1), plays=90_000)
    (status,) = earn.platform_tasks(store, acc)
    assert sorted(w.work_id for w in status.qualifying) == sorted([first, last])
    assert status.in_progress == ()


def test_window_edges_with_microsecond_storage(_acc) -> None:
    """Rows written by the ORM keep '.000000'; the edge still counts."""
    store, acc = _acc
    _task(store, acc)
    with store.write() as conn:
        import sqlalchemy as sa

        conn.execute(
            sa.text("UPDATE platformtask SET starts_at='2026-11-01 00:00:00.000000'"),
        )
    add_work(store, acc, tags="#春日好时光", published=START, plays=20_000)
    assert earn.platform_tasks(store, acc)[0].n_qualifying == 1


def test_topic_must_match_a_whole_tag(_acc) -> None:
    store, acc = _acc
    add_platform_task(store, acc, topic="#猫_咪", starts=START, ends=END, threshold=1)
    add_work(store, acc, tags="#猫咪 #猫_咪咪", published=START, plays=100)
    ok = add_work(store, acc, tags="#日常 #猫_咪", published=START, plays=100)
    (status,) = earn.platform_tasks(store, acc)
    assert [w.work_id for w in status.qualifying] == [ok]


def test_reward_recorded_once(_acc) -> None:
    store, acc = _acc
    task = _task(store, acc)
    other = add_platform_task(
        store, acc, topic="#萌宠", starts=START, ends=END, threshold=10_000, reward=500
    )
    add_work(store, acc, tags="#春日好时光", published=START, plays=10_000)
    add_work(store, acc, tags="#春日好时光", published=START, plays=30_000)
    add_work(store, acc, tags="#萌宠", published=START, plays=9_999)
    assert earn.record_task_rewards(store, acc) == 1
    assert earn.record_task_rewards(store, acc) == 0
    assert ledger(store, acc) == [("tasks", 300.0, f"platformtask:{task}")]
    statuses = {s.id: s for s in earn.platform_tasks(store, acc)}
    assert statuses[task].rewarded and not statuses[other].rewarded


def test_task_states(_acc) -> None:
    store, acc = _acc
    from creatorctl.timeutil import utcnow

    now, day = utcnow(), timedelta(days=1)
    for topic, starts, ends in (
        ("#a", now - day, now + day),
        ("#b", now + day, now + 2 * day),
        ("#c", now - 3 * day, now - 2 * day),
    ):
        add_platform_task(store, acc, topic=topic, starts=starts, ends=ends, threshold=1)
    assert [s.state for s in earn.platform_tasks(store, acc)] == ["active", "upcoming", "ended"]


# --- earnings --------------------------------------------------------------------------------


def test_earnings_by_month_and_source(_acc) -> None:
    store, acc = _acc
    with store.write() as conn:
        earn.record_earning(
            conn, account_id=acc, day=date(2026, 11, 3), source="brand", amount=100, ref="a"
        )
        earn.record_earning(
            conn, account_id=acc, day=date(2026, 11, 30), source="selling", amount=50.25, ref="b"
        )
        earn.record_earning(
            conn, account_id=acc, day=date(2026, 1, 1), source="tasks", amount=20, ref="c"
        )
        earn.record_earning(
            conn, account_id=acc, day=date(2025, 11, 30), source="tasks", amount=999, ref="old"
        )
        assert not earn.record_earning(
            conn, account_id=acc, day=date(2026, 11, 3), source="brand", amount=100, ref="a"
        )
    summary = earn.earnings(store, acc)
    assert summary.months[0] == "2025-12" and summary.months[-1] == "2026-11"
    assert summary.by_source["brand"][-1] == 100
    assert summary.by_source["selling"][-1] == 50.25
    assert summary.by_source["tasks"][1] == 20
    assert summary.totals == {"brand": 100, "selling": 50.25, "tasks": 20}
    assert summary.total == 170.25
    assert summary.month_totals()[-1] == 150.25
