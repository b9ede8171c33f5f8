"""Fan-loss spikes, slow decline, region, best times and eligibility, around each threshold."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from creatorctl import fans
from creatorctl.config import Config, EarnConfig, InsightsConfig
from creatorctl.eligibility import eligibility
from creatorctl.fans import LossDay, best_slots, find_spikes
from creatorctl.i18n import set_language
from tests.insights_data import (
    FAKE_NOW,
    TODAY,
    add_days,
    add_portrait,
    add_work,
    loss_days,
    make_store,
)

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FAKE_NOW)
    set_language("zh")


@pytest.fixture
def _store(tmp_path):  # type: ignore[no-untyped-def]
    return make_store(tmp_path)


def _days(losses: list[int], start: date = date(2026, 1, 1)) -> list[LossDay]:
    return [LossDay(start + timedelta(days=i), 0, lost) for i, lost in enumerate(losses)]


class TestFindSpikes:
    def test_at_twice_the_median_and_ten(self) -> None:
        # median of [5]*30 is 5: 10 is exactly 2× and ≥ 10 → spike; 9 is not.
        assert [(d.lost, b) for d, b in find_spikes(_days([5] * 30 + [10]))] == [(10, 5.0)]
        assert find_spikes(_days([5] * 30 + [9])) == []

    def test_ten_is_the_floor(self) -> None:
        # median 2: 9 is 4.5× but under 10 → no spike; 10 → spike.
        assert find_spikes(_days([2] * 30 + [9])) == []
        assert len(find_spikes(_days([2] * 30 + [10]))) == 1

    def test_zero_median(self) -> None:
        assert len(find_spikes(_days([0] * 10 + [10]))) == 1
        assert find_spikes(_days([0] * 10 + [0])) == []

    def test_first_day_is_never_a_spike(self) -> None:
        assert find_spikes(_days([500])) == []
        assert [d.lost for d, _ in find_spikes(_days([500, 500]))] == []
        assert [d.lost for d, _ in find_spikes(_days([0, 50]))] == [50]

    def test_trailing_window_is_30_calendar_days(self) -> None:
        # 31 days ago the losses were high; they are outside the window now.
        days = _days([100] * 5 + [5] * 30 + [12])
        assert [d.lost for d, _ in find_spikes(days)] == [12]
        # 29 high days inside the window push the median up: 12 is no spike.
        assert [d.lost for d, _ in find_spikes(_days([5] + [100] * 29 + [12]))] == [100]

    def test_gaps_only_count_days_with_numbers(self) -> None:
        start = date(2026, 1, 1)
        days = [LossDay(start, 0, 6), LossDay(start + timedelta(days=20), 0, 12)]
        assert [d.lost for d, _ in find_spikes(days)] == [12]
        days = [LossDay(start, 0, 6), LossDay(start + timedelta(days=31), 0, 12)]
        assert find_spikes(days) == []  # the only earlier day is 31 days back

    def test_ties_equal_losses_are_not_spikes(self) -> None:
        assert find_spikes(_days([20] * 40)) == []


class TestFanLoss:
    def test_spike_attributed_to_latest_work_in_three_days(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        spike_day = TODAY - timedelta(days=5)
        add_days(store, acc, loss_days([4] * 30 + [40] + [4] * 5))
        add_work(
            store,
            acc,
            title="太早",
            published=datetime.combine(spike_day - timedelta(days=3), datetime.max.time()).replace(
                microsecond=0
            ),
        )
        first = add_work(
            store,
            acc,
            title="前两天",
            published=datetime.combine(spike_day - timedelta(days=2), datetime.min.time()),
        )
        loss = fans.fan_loss(store, acc)
        assert [(s.day, s.lost, s.work_id) for s in loss.spikes] == [(spike_day, 40, first)]
        latest = add_work(
            store,
            acc,
            title="当天",
            published=datetime.combine(spike_day, datetime.min.time()).replace(hour=23, minute=59),
        )
        add_work(
            store,
            acc,
            title="之后",
            published=datetime.combine(spike_day + timedelta(days=1), datetime.min.time()),
        )
        spike = fans.fan_loss(store, acc).spikes[0]
        assert (spike.work_id, spike.title) == (latest, "当天")
        assert spike.as_json() == {
            "date": spike_day.isoformat(),
            "lost": 40,
            "work_id": latest,
            "title": "当天",
        }

    def test_same_time_ties_go_to_the_newer_work(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([4] * 30 + [40]))
        when = datetime.combine(TODAY, datetime.min.time()).replace(hour=8)
        add_work(store, acc, published=when)
        second = add_work(store, acc, published=when)
        assert fans.fan_loss(store, acc).spikes[0].work_id == second

    def test_spike_with_no_work_before_it(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([4] * 30 + [40]))
        spike = fans.fan_loss(store, acc).spikes[0]
        assert (spike.work_id, spike.title) == (None, None)

    def test_spikes_newest_first(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([4] * 30 + [40] + [4] * 30 + [50]))
        assert [s.lost for s in fans.fan_loss(store, acc).spikes] == [50, 40]

    def test_no_data(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        assert fans.fan_loss(store, acc) == fans.FanLoss((), None)

    def test_single_day(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([80]))
        assert fans.fan_loss(store, acc) == fans.FanLoss((), None)


class TestDecline:
    def test_net_negative_without_spikes_suggests_early_works(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        early = [
            add_work(store, acc, title=f"早期{i}", plays=p, published=datetime(2024, 1, 1 + i, 20))
            for i, p in enumerate((500, 9000, 100, 7000, 8000, 1, 2, 3, 4, 5))
        ]
        for i in range(40):
            add_work(
                store,
                acc,
                title=f"后来{i}",
                plays=99999,
                published=datetime(2026, 1, 1, 20) + timedelta(days=i),
            )
        add_days(store, acc, loss_days([5] * 30, gained=4))
        decline = fans.fan_loss(store, acc).decline
        assert decline is not None
        assert decline.net == -30
        assert (decline.start, decline.end) == (TODAY - timedelta(days=29), TODAY)
        # The early works are the first fifth (10 of 50): the later hits are not among them.
        assert [w.id for w in decline.early_works] == [early[1], early[4], early[3]]
        assert "回归初心" in decline.advice and "《早期1》" in decline.advice

    def test_break_even_is_not_a_decline(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([5] * 30, gained=5))
        assert fans.fan_loss(store, acc).decline is None

    def test_a_spike_in_the_30_days_is_not_slow(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([5] * 40 + [60] + [5] * 10, gained=4))
        loss = fans.fan_loss(store, acc)
        assert len(loss.spikes) == 1 and loss.decline is None

    def test_only_the_last_30_days_count(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([9] * 40 + [1] * 30, gained=5))
        assert fans.fan_loss(store, acc).decline is None

    def test_too_few_days_to_call_a_trend(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, loss_days([5] * 6, gained=0))
        assert fans.fan_loss(store, acc).decline is None
        add_days(store, acc, loss_days([5], end=TODAY - timedelta(days=6)))
        decline = fans.fan_loss(store, acc).decline
        assert decline is not None and decline.early_works == ()
        assert "回归初心" in decline.advice


class TestRegion:
    def test_threshold_and_other_bucket(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_portrait(store, acc, "province", {"其他": 0.5, "广东": 0.30, "江苏": 0.2})
        region = fans.region(store, acc, InsightsConfig())
        assert (region.top, region.share, region.concentrated) == ("广东", 0.3, True)
        assert region.advice is not None and "#广东美食攻略" in region.advice
        assert not fans.region(store, acc, InsightsConfig(region_share=0.3001)).concentrated

    def test_newest_portrait_wins(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_portrait(store, acc, "province", {"广东": 0.6}, as_of=TODAY - timedelta(days=30))
        add_portrait(store, acc, "province", {"广东": 0.2999, "浙江": 0.1})
        region = fans.region(store, acc, InsightsConfig())
        assert (region.share, region.concentrated, region.advice) == (0.2999, False, None)

    def test_no_portrait(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        assert fans.region(store, acc, InsightsConfig()).as_json() == {
            "top": None,
            "share": None,
            "concentrated": False,
            "advice": None,
        }

    def test_portrait_order_and_gender_labels(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_portrait(store, acc, "gender", {"male": 0.4, "female": 0.6})
        add_portrait(store, acc, "age", {"18-23": 0.5, "24-30": 0.5})
        p = fans.portrait(store, acc)
        assert list(p) == ["gender", "age"]
        assert [s.label for s in p["gender"]] == ["女", "男"]
        assert [s.bucket for s in p["age"]] == ["18-23", "24-30"]  # ties by name


class TestBestSlots:
    def test_top_three_ties_by_day_then_hour(self) -> None:
        grid = [[0.0] * 24 for _ in range(7)]
        grid[2][20] = 10
        grid[0][21] = 10
        grid[0][20] = 10
        grid[6][11] = 20
        assert [(s.weekday, s.hour, s.score) for s in best_slots(grid)] == [
            (6, 11, 1.0),
            (0, 20, 0.5),
            (0, 21, 0.5),
        ]

    def test_empty(self) -> None:
        assert best_slots([[0.0] * 24 for _ in range(7)]) == []

    def test_from_store(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        with store.write() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO fanactivity(account_id, weekday, hour, value) VALUES (:a, 4, 20, 8), (:a, 5, 10, 2)"
                ),
                {"a": acc},
            )
        assert [s.as_json() for s in fans.best_times(store, acc)] == [
            {"weekday": 4, "hour": 20, "score": 1.0},
            {"weekday": 5, "hour": 10, "score": 0.25},
        ]
        assert fans.activity_grid(store, acc)[4][20] == 8.0


class TestEligibility:
    def _set(self, store, acc, fans_total, verified):  # type: ignore[no-untyped-def]
        add_days(store, acc, [{"day": TODAY, "fans_total": fans_total}])
        with store.write() as conn:
            conn.execute(
                sa.text("UPDATE account SET verified=:v WHERE id=:a"), {"v": verified, "a": acc}
            )

    def test_just_short(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        self._set(store, acc, 999, False)
        e = eligibility(store, acc, Config())
        assert e["xingtu"].to_json() == {"eligible": False, "missing": ["还差 9,001 粉丝"]}
        assert e["live_commerce"].missing == ["还差 1 粉丝", "需要实名认证"]
        assert e["tasks"].eligible

    def test_exactly_enough(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        self._set(store, acc, 10_000, True)
        e = eligibility(store, acc, Config())
        assert list(e) == ["xingtu", "live_commerce", "tasks"]
        assert all(x.eligible and x.missing == [] for x in e.values())

    def test_thresholds_from_config(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        self._set(store, acc, 10_000, True)
        e = eligibility(store, acc, Config(earn=EarnConfig(xingtu_min_fans=12_345)))
        set_language("en")
        assert e["xingtu"].missing == ["还差 2,345 粉丝"]
        e = eligibility(store, acc, Config(earn=EarnConfig(xingtu_min_fans=12_345)))
        assert e["xingtu"].missing == ["2,345 more fans needed"]


def test_drafts_propose_the_next_best_slot(_store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.publishing import next_best_slot

    store, acc = _store
    thursday = datetime(2026, 11, 26, 10, 0)
    assert next_best_slot(store, acc, thursday) == datetime(2026, 11, 26, 20, 0)  # no activity
    with store.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO fanactivity(account_id, weekday, hour, value) VALUES "
                "(:a, 4, 20, 9), (:a, 0, 21, 8), (:a, 5, 11, 7), (:a, 3, 9, 1)"
            ),
            {"a": acc},
        )
    assert next_best_slot(store, acc, thursday) == datetime(2026, 11, 27, 20, 0)  # Friday 20:00
    assert next_best_slot(store, acc, datetime(2026, 11, 27, 19, 55)) == datetime(
        2026, 11, 28, 11, 0
    )
    assert next_best_slot(store, acc, datetime(2026, 11, 28, 12, 0)) == datetime(
        2026, 11, 30, 21, 0
    )
