"""Per-work fan effect (issue 16 §3): the export's per-work 粉丝增量, snapshot to snapshot.

Douyin's Creator Center works export (作品列表导出.xlsx) carries 粉丝增量 per work; each import
is a snapshot, so a work's own fans gained and lost are the rises and falls between snapshots.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from creatorctl import fans
from creatorctl.i18n import set_language
from tests.insights_data import FAKE_NOW, TODAY, add_days, add_work, loss_days, make_store


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FAKE_NOW)
    set_language("zh")


def _snapshots(store, work_id: int, values: list[tuple[date, int]]) -> None:  # type: ignore[no-untyped-def]
    with store.write() as conn:
        for day, fans_gained in values:
            conn.execute(
                sa.text(
                    "INSERT INTO worksnapshot(work_id, snapshot_date, fans_gained) "
                    "VALUES (:w, :d, :f)"
                ),
                {"w": work_id, "d": day.isoformat(), "f": fans_gained},
            )


def test_work_fan_change_sums_rises_and_falls(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, acc = make_store(tmp_path)
    w = add_work(store, acc)
    assert fans.work_fan_change(store, w) is None  # no snapshots: nothing known
    d0 = date(2026, 11, 1)
    # 10 → 25 → 18 → 30: gained 10 + 15 + 12 = 37, lost 7.
    _snapshots(store, w, [(d0, 10), (d0 + timedelta(1), 25), (d0 + timedelta(2), 18),
                          (d0 + timedelta(3), 30)])  # fmt: skip
    assert fans.work_fan_change(store, w) == (37, 7)


def test_spike_prefers_the_work_whose_own_fans_fell(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The 3-day rule would blame the newest post; the per-work numbers show an older work
    lost 25 fans that day, so the spike is its."""
    store, acc = make_store(tmp_path)
    spike_day = TODAY - timedelta(days=5)
    add_days(store, acc, loss_days([4] * 30 + [40] + [4] * 5))
    old = add_work(store, acc, title="老作品", published=datetime(2026, 10, 1, 20, 0))
    new = add_work(
        store, acc, title="新作品", published=datetime.combine(spike_day, datetime.min.time())
    )
    assert fans.fan_loss(store, acc).spikes[0].work_id == new  # fallback: no per-work data
    _snapshots(store, old, [(spike_day - timedelta(1), 100), (spike_day, 75)])
    _snapshots(store, new, [(spike_day - timedelta(1), 3), (spike_day, 9)])  # it gained
    spike = fans.fan_loss(store, acc).spikes[0]
    assert (spike.work_id, spike.title, spike.work_lost) == (old, "老作品", 25)
    assert spike.as_json() == {
        "date": spike_day.isoformat(),
        "lost": 40,
        "work_id": old,
        "title": "老作品",
    }


def test_work_fan_effects_lists_each_works_gains_and_losses_in_the_period(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Only the period's day-to-day moves count; the day before the period is the base."""
    store, acc = make_store(tmp_path)
    a = add_work(store, acc, title="甲")
    b = add_work(store, acc, title="乙")
    add_work(store, acc, title="丙")  # no snapshots: not listed
    d0 = date(2026, 11, 1)
    # 甲: 50 before the period, then 60, 55: gained 10, lost 5 (the 50 itself is not counted).
    _snapshots(store, a, [(d0 - timedelta(1), 50), (d0, 60), (d0 + timedelta(1), 55)])
    # 乙: first seen in the period with 8, then 30: gained 8 + 22 = 30.
    _snapshots(store, b, [(d0, 8), (d0 + timedelta(1), 30)])
    got = fans.work_fan_effects(store, acc, d0)
    assert [(w.title, w.gained, w.lost) for w in got] == [("乙", 30, 0), ("甲", 10, 5)]
    assert fans.work_fan_effects(store, acc, d0 + timedelta(2)) == []
