"""The Data centre's rules, at and around every threshold, on hand-built data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from creatorctl import insights
from creatorctl.config import Config, InsightsConfig
from creatorctl.errors import UserError
from creatorctl.i18n import set_language
from creatorctl.periods import Period, last_days, parse_range
from tests.insights_data import FAKE_NOW, TODAY, add_days, add_work, make_store

pytestmark = pytest.mark.backends

CFG = InsightsConfig()


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FAKE_NOW)
    set_language("zh")


@pytest.fixture
def _store(tmp_path):  # type: ignore[no-untyped-def]
    return make_store(tmp_path)


def _flags(store, acc, cfg=CFG, **work):  # type: ignore[no-untyped-def]
    wid = add_work(store, acc, **work)
    stat = insights.work_flags(store, wid, cfg)
    assert stat is not None
    return set(stat.flags)


class TestWorkFlags:
    """SPEC table: low_completion < 30%, low_discussion > 10:1 (or 0 comments and ≥ 10
    likes), low_share: comments ≥ 20 and shares < 20% of comments."""

    @pytest.mark.parametrize(
        ("completion", "flagged"), [(0.30, False), (0.2999, True), (0.0, True), (None, False)]
    )
    def test_low_completion(self, _store, completion, flagged):  # type: ignore[no-untyped-def]
        store, acc = _store
        flags = _flags(store, acc, completion=completion, likes=10, comments=5)
        assert ("low_completion" in flags) is flagged

    @pytest.mark.parametrize(
        ("likes", "comments", "flagged"),
        [
            (100, 10, False),  # exactly 10:1 is fine
            (101, 10, True),
            (9, 0, False),  # no comments, under 10 likes: too small to judge
            (10, 0, True),  # no comments and ≥ 10 likes
            (0, 0, False),
        ],
    )
    def test_low_discussion(self, _store, likes, comments, flagged):  # type: ignore[no-untyped-def]
        store, acc = _store
        flags = _flags(store, acc, likes=likes, comments=comments, shares=comments)
        assert ("low_discussion" in flags) is flagged

    @pytest.mark.parametrize(
        ("comments", "shares", "flagged"),
        [(19, 0, False), (20, 4, False), (20, 3, True), (100, 19, True), (100, 20, False)],
    )
    def test_low_share(self, _store, comments, shares, flagged):  # type: ignore[no-untyped-def]
        store, acc = _store
        flags = _flags(store, acc, likes=comments, comments=comments, shares=shares)
        assert ("low_share" in flags) is flagged

    def test_thresholds_come_from_config(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        strict = InsightsConfig(low_completion=0.6, likes_per_comment=2, share_ratio=0.5)
        flags = _flags(store, acc, strict, completion=0.5, likes=50, comments=20, shares=9)
        assert flags == {"low_completion", "low_discussion", "low_share"}
        assert _flags(store, acc, completion=0.5, likes=50, comments=20, shares=9) == set()

    def test_advice_is_the_spec_text(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        wid = add_work(store, acc, completion=0.1, likes=201, comments=20, shares=0)
        stat = insights.work_flags(store, wid, CFG)
        assert stat is not None
        assert stat.flags == ("low_completion", "low_discussion", "low_share")
        assert stat.advice == (
            "前 3 秒设置钩子:抛出冲突或提问",
            "结尾向观众提一个问题,引导评论",
            "加一句“转给需要的人”的引导",
        )
        set_language("en")
        stat = insights.work_flags(store, wid, CFG)
        assert stat is not None
        assert stat.advice[0] == "hook in the first 3 s: a conflict or a question"

    def test_unknown_work(self, _store):  # type: ignore[no-untyped-def]
        store, _ = _store
        assert insights.work_flags(store, 999, CFG) is None


class TestFlaggedWorks:
    def test_only_flagged_newest_first_and_period(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        old = add_work(store, acc, title="旧", published=datetime(2026, 9, 1, 20), completion=0.1)
        add_work(store, acc, title="好", published=datetime(2026, 11, 20, 20))
        new = add_work(store, acc, title="新", published=datetime(2026, 11, 25, 20), completion=0.1)
        assert [w.id for w in insights.flagged_works(store, acc, CFG)] == [new, old]
        assert insights.count_flagged(store, acc, CFG) == 2
        recent = Period(date(2026, 11, 1), TODAY)
        assert [w.id for w in insights.flagged_works(store, acc, CFG, recent)] == [new]
        assert insights.count_flagged(store, acc, CFG, recent) == 1
        assert [w.id for w in insights.flagged_works(store, acc, CFG, limit=1, offset=1)] == [old]

    def test_deleted_works_are_left_out(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        wid = add_work(store, acc, completion=0.1)
        with store.write() as conn:
            conn.execute(
                sa.text("UPDATE work SET deleted_at='2026-11-26 00:00:00' WHERE id=:w"), {"w": wid}
            )
        assert insights.flagged_works(store, acc, CFG) == []

    def test_no_data(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        assert insights.flagged_works(store, acc, CFG) == []
        assert insights.top_works(store, acc) == []
        assert all(b.count == 0 for b in insights.completion_histogram(store, acc))


class TestKpis:
    def test_against_previous_period(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        rows = [
            {"day": TODAY - timedelta(days=i), "plays": 100 if i < 7 else 50, "likes": 10,
             "fans_gained": 5, "fans_lost": 7 if i < 7 else 1}
            for i in range(14)
        ]  # fmt: skip
        add_days(store, acc, rows)
        period = last_days(store, acc, 7)
        assert period == Period(TODAY - timedelta(days=6), TODAY)
        report = insights.kpis(store, acc, period)
        assert report.previous == Period(TODAY - timedelta(days=13), TODAY - timedelta(days=7))
        plays = report.get("plays")
        assert (plays.value, plays.previous, plays.change) == (700, 350, 1.0)
        assert report.get("likes").change == 0.0
        net = report.get("net_fans")
        assert (net.value, net.previous) == (-14, 28)
        assert net.change == pytest.approx(-1.5)

    def test_no_previous_data_means_no_change(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, [{"day": TODAY, "plays": 10}])
        report = insights.kpis(store, acc, Period(TODAY, TODAY))
        assert report.get("plays").change is None
        assert report.get("comments").value == 0

    def test_period_ends_on_the_last_day_with_numbers(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, [{"day": date(2026, 10, 31), "plays": 1}])
        assert last_days(store, acc, 28).end == date(2026, 10, 31)
        with pytest.raises(UserError):
            last_days(store, acc, 0)

    def test_no_days_at_all_ends_today(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        period = last_days(store, acc, 7)
        assert period.end == TODAY
        assert all(
            k.value == 0 and k.change is None for k in insights.kpis(store, acc, period).kpis
        )

    def test_custom_ranges(self) -> None:
        assert parse_range("2026-10-01..2026-10-31") == Period(
            date(2026, 10, 1), date(2026, 10, 31)
        )
        assert parse_range("2026-10-01 2026-10-02").days == 2
        with pytest.raises(UserError):
            parse_range("2026-10-31..2026-10-01")
        with pytest.raises(UserError):
            parse_range("last week")


class TestSeries:
    def test_at_most_max_points_and_sums_kept(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(
            store,
            acc,
            [{"day": TODAY - timedelta(days=i), "plays": 1, "likes": 2} for i in range(365)],
        )
        period = Period(TODAY - timedelta(days=364), TODAY)
        series = insights.daily_series(store, acc, period, 40)
        assert len(series.days) <= 40
        assert sum(series.values["plays"]) == 365
        assert sum(series.values["likes"]) == 730
        assert series.days[0] == period.start

    def test_single_day_and_totals(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_days(store, acc, [{"day": TODAY, "plays": 5, "fans_total": 1234}])
        series = insights.daily_series(
            store, acc, Period(TODAY, TODAY), 80, ("plays",), with_total=True
        )
        assert series.values["plays"] == (5,)
        assert series.totals == (1234,)

    def test_unknown_metric_refused(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        with pytest.raises(ValueError):
            insights.daily_series(store, acc, Period(TODAY, TODAY), 10, ("plays; DROP",))


def test_completion_histogram_edges(_store):  # type: ignore[no-untyped-def]
    store, acc = _store
    for cr in (0.0, 0.099, 0.1, 0.3, 0.999, 1.0, None):
        add_work(store, acc, completion=cr)
    counts = [b.count for b in insights.completion_histogram(store, acc)]
    assert counts == [2, 1, 0, 1, 0, 0, 0, 0, 0, 2]
    assert insights.completion_histogram(store, acc)[3].label == "30-40%"


def test_top_works_ties_prefer_newer_id(_store):  # type: ignore[no-untyped-def]
    store, acc = _store
    a = add_work(store, acc, plays=10)
    b = add_work(store, acc, plays=10)
    c = add_work(store, acc, plays=99)
    assert [w.id for w in insights.top_works(store, acc, n=3)] == [c, b, a]


class TestTrending:
    def _topics(self, store, acc, niche, rows, day=TODAY, account_id=None):  # type: ignore[no-untyped-def]
        with store.write() as conn:
            for topic, heat in rows:
                conn.execute(
                    sa.text(
                        "INSERT INTO trendingtopic(account_id, niche, topic, heat, sample_titles, day) "
                        "VALUES (:acc, :n, :t, :h, :s, :d)"
                    ),
                    {
                        "acc": account_id,
                        "n": niche,
                        "t": topic,
                        "h": heat,
                        "s": "标题一\n标题二",
                        "d": day.isoformat(),
                    },
                )

    def test_covered_by_own_topics_newest_list_only(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        add_work(store, acc, tags="#家常菜 #快手菜")
        add_work(store, acc, tags="#家常菜教程")  # a longer topic does not cover #家常
        self._topics(store, acc, "美食", [("#家常菜", 500), ("#围炉煮茶", 900), ("#家常", 100)])
        self._topics(store, acc, "美食", [("#旧话题", 9999)], day=TODAY - timedelta(days=7))
        self._topics(store, acc, "穿搭", [("#老钱风", 9999)])
        trends = insights.trending(store, acc)
        assert [(x.topic, x.covered) for x in trends] == [
            ("#围炉煮茶", False),
            ("#家常菜", True),
            ("#家常", False),
        ]
        assert trends[0].samples == ("标题一", "标题二")

    def test_none(self, _store):  # type: ignore[no-untyped-def]
        store, acc = _store
        assert insights.trending(store, acc) == []


def test_insights_json_shape_on_empty_account(_store):  # type: ignore[no-untyped-def]
    store, acc = _store
    data = insights.insights_json(store, acc, Config())
    assert data == {
        "works": [],
        "region": {"top": None, "share": None, "concentrated": False, "advice": None},
        "fan_loss": {"spikes": [], "gradual": False},
        "best_times": [],
        "eligibility": {
            "xingtu": {"eligible": False, "missing": ["还差 10,000 粉丝"]},
            "live_commerce": {"eligible": False, "missing": ["还差 1,000 粉丝", "需要实名认证"]},
            "tasks": {"eligible": True, "missing": []},
        },
    }
