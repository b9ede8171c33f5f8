"""Relative diagnosis and retention advice (issue 16 §1–§2, issue 12 §7) on hand-computed values.

Every expected number below was worked out by hand from the small data written in the test.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from creatorctl import insights
from creatorctl.config import InsightsConfig
from creatorctl.diagnosis import compare, diagnose_rows, duration_bucket
from creatorctl.i18n import set_language
from tests.insights_data import FAKE_NOW, add_work, make_store

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

CFG = InsightsConfig()


@pytest.fixture(autouse=True)
def _zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FAKE_NOW)
    set_language("zh")


def row(i: int, **kw: Any) -> SimpleNamespace:
    """A work row as the store gives it: 1,000 plays and middling numbers unless told."""
    base: dict[str, Any] = dict(
        id=i,
        genre="视频",
        plays=1000,
        likes=50,
        comments=10,
        shares=5,
        favorites=5,
        profile_visits=10,
        fans_gained=2,
        completion_rate=None,
        completion_5s=None,
        bounce_2s=None,
        avg_watch_s=None,
        duration_s=None,
    )
    base.update(kw)
    return SimpleNamespace(**base)


class TestCompare:
    def test_median_ratio_percentile(self) -> None:
        c = compare(0.2, [0.3, 0.4, 0.5])
        assert c.recent_median == pytest.approx(0.4)
        assert c.ratio == pytest.approx(0.5)
        assert c.percentile == 0.0 and c.n == 3

    def test_even_history_and_ties(self) -> None:
        # median of 0.3 0.4 0.5 0.6 is 0.45; one below, one equal: (1 + 0.5) / 4 = 37.5%.
        c = compare(0.4, [0.6, 0.3, 0.5, 0.4])
        assert c.recent_median == pytest.approx(0.45)
        assert c.ratio == pytest.approx(0.4 / 0.45)
        assert c.percentile == pytest.approx(37.5)

    def test_under_three_is_no_history(self) -> None:
        c = compare(0.2, [0.3, 0.4])
        assert (c.recent_median, c.ratio, c.percentile, c.n) == (None, None, None, 2)
        assert c.as_json() == {
            "value": 0.2,
            "recent_median": None,
            "ratio": None,
            "percentile": None,
            "n": 2,
        }

    def test_buckets(self) -> None:
        assert [duration_bucket(s) for s in (None, 0, 14.9, 15, 59, 60, 179, 180)] == [
            None,
            None,
            "<15s",
            "15-60s",
            "15-60s",
            "1-3min",
            "1-3min",
            "3min+",
        ]


class TestRelative:
    def test_only_the_last_ten_with_the_rate_count(self) -> None:
        # Works 1–2 (0.9) are older than the last ten; work 7 has no rate and is skipped, so
        # the ten are works 3–6 and 8–13, all 0.30. Work 14 at 0.20: ratio 2/3, percentile 0.
        rows = [row(1, completion_rate=0.9), row(2, completion_rate=0.9)]
        rows += [row(i, completion_rate=None if i == 7 else 0.30) for i in range(3, 14)]
        rows.append(row(14, completion_rate=0.20))
        d = diagnose_rows(rows, CFG, {14})[14]
        c = d.relative["completion_rate"]
        assert (c.n, c.recent_median, c.percentile) == (10, pytest.approx(0.30), 0.0)
        assert c.ratio == pytest.approx(2 / 3)
        assert "below_recent" in d.flags
        assert "完播率 20.0%,近 10 个作品中位数 30.0%(0.67 倍,高于 0% 的作品)" in d.advice[0]
        # With history, the fixed 30% rule no longer speaks for completion.
        assert "low_completion" not in d.flags

    def test_per_play_rates_and_what_worked(self) -> None:
        # Shares per play: history 5/1000 = 0.5% ×4 → median 0.5%; 20/2000 = 1.0% is 2.0×,
        # above all four (percentile 100): above_recent names it.
        rows = [row(i) for i in range(1, 5)] + [row(5, plays=2000, shares=20, likes=100)]
        d = diagnose_rows(rows, CFG, {5})[5]
        c = d.relative["shares_per_play"]
        assert (c.value, c.ratio, c.percentile, c.n) == (0.01, pytest.approx(2.0), 100.0, 4)
        assert d.relative["likes_per_play"].ratio == pytest.approx(1.0)
        # fans gained per 1,000 plays: 2 per 1,000 before, 2 per 2,000 now → 1.0 vs 2.0.
        fans = d.relative["fans_per_1k_plays"]
        assert (fans.value, fans.recent_median) == (pytest.approx(1.0), pytest.approx(2.0))
        assert d.flags == ("below_recent", "above_recent")
        assert "分享/播放 1.00%,近 4 个作品中位数 0.50%(2.00 倍" in d.advice[1]
        assert "每千次播放涨粉 1.0,近 4 个作品中位数 2.0(0.50 倍" in d.advice[0]

    def test_same_length_bucket_judges_when_it_has_history(self) -> None:
        # Overall median of 0.2 0.2 0.2 0.6 0.6 0.6 is 0.4: 0.25 would be 0.625× (below).
        # Long works alone have a median of 0.2: 1.25×, so the long work is not below.
        rows = [row(i, completion_rate=0.20, duration_s=200) for i in (1, 2, 3)]
        rows += [row(i, completion_rate=0.60, duration_s=10) for i in (4, 5, 6)]
        rows.append(row(7, completion_rate=0.25, duration_s=240))
        d = diagnose_rows(rows, CFG, {7})[7]
        assert d.relative["completion_rate"].ratio == pytest.approx(0.625)
        assert d.same_length["completion_rate"].ratio == pytest.approx(1.25)
        assert d.bucket == "3min+" and "below_recent" not in d.flags

    def test_watch_time_against_length(self) -> None:
        # 30 s watched of 60 s = 0.5 ×3; 12 s of 60 s = 0.2 → 0.4×.
        rows = [row(i, avg_watch_s=30.0, duration_s=60) for i in (1, 2, 3)]
        rows.append(row(4, avg_watch_s=12.0, duration_s=60))
        d = diagnose_rows(rows, CFG, {4})[4]
        assert d.relative["watch_ratio"].ratio == pytest.approx(0.4)
        assert "watch_ratio" not in diagnose_rows([row(1, avg_watch_s=3.0)], CFG)[1].relative

    def test_bounce_lower_is_better(self) -> None:
        # 2s bounce 60% against a median of 30%: ratio 2.0, i.e. 0.5 on the better-is-higher
        # scale → below_recent, and high_bounce names both numbers.
        rows = [row(i, bounce_2s=0.30) for i in (1, 2, 3)] + [row(4, bounce_2s=0.60)]
        d = diagnose_rows(rows, CFG, {4})[4]
        assert d.relative["bounce_2s"].ratio == pytest.approx(2.0)
        assert d.flags == ("below_recent", "high_bounce")
        assert d.advice[1] == ("2秒跳出率 60.0%(近期中位数 30.0%):封面或第一帧留不住人,换开头镜头")

    def test_settings_move_the_lines(self) -> None:
        rows = [row(i, completion_rate=0.30) for i in (1, 2, 3)] + [row(4, completion_rate=0.25)]
        assert "below_recent" not in diagnose_rows(rows, CFG, {4})[4].flags  # 0.83×
        strict = InsightsConfig(below_recent=0.9)
        assert "below_recent" in diagnose_rows(rows, strict, {4})[4].flags


class TestNoCompletionFlags:
    """Issue 12 §7: no completion flags for 图文 posts or works under `min_plays` (100)."""

    def test_picture_post(self) -> None:
        rows = [row(i, completion_rate=0.5) for i in (1, 2, 3)]
        rows.append(row(4, genre="图文", completion_rate=0.05, completion_5s=0.1))
        rows.append(row(5, completion_rate=0.5))
        found = diagnose_rows(rows, CFG)
        d = found[4]
        assert d.no_completion == "picture"
        assert not {"low_completion", "weak_hook", "slow_middle"} & set(d.flags)
        assert d.relative["completion_rate"].value is None  # always present, never judged
        assert "shares_per_play" in d.relative  # the other rates still are
        assert found[5].relative["completion_rate"].n == 3  # not history for later works

    @pytest.mark.parametrize(
        ("plays", "reason"), [(99, "few_plays"), (0, "few_plays"), (100, None)]
    )
    def test_few_plays(self, plays: int, reason: str | None) -> None:
        d = diagnose_rows([row(1, plays=plays, completion_rate=0.05)], CFG)[1]
        assert d.no_completion == reason
        assert ("low_completion" in d.flags) is (reason is None)

    def test_min_plays_is_a_setting(self) -> None:
        d = diagnose_rows([row(1, plays=150, completion_rate=0.05)], InsightsConfig(min_plays=200))
        assert d[1].no_completion == "few_plays" and not d[1].flags


class TestRetention:
    """Issue 16 §2: distinct advice per pattern, naming the numbers (fixed lines without history)."""

    def test_each_pattern_alone(self) -> None:
        found = diagnose_rows(
            [
                row(1, bounce_2s=0.45, completion_5s=0.60, completion_rate=0.40),
                row(2, bounce_2s=0.20, completion_5s=0.40, completion_rate=0.40),
                row(3, bounce_2s=0.20, completion_5s=0.70, completion_rate=0.20),
            ],
            CFG,
            {1},
        )
        assert found[1].flags == ("high_bounce",)
        assert found[1].advice == ("2秒跳出率 45.0%(参考线 40.0%):封面或第一帧留不住人,换开头镜头",)
        single = diagnose_rows(
            [row(2, bounce_2s=0.20, completion_5s=0.40, completion_rate=0.40)], CFG
        )[2]
        assert single.flags == ("weak_hook",)
        assert "5秒完播率 40.0%(参考线 50.0%):开头钩子太弱" in single.advice[0]
        middle = diagnose_rows(
            [row(3, bounce_2s=0.20, completion_5s=0.70, completion_rate=0.20)], CFG
        )[3]
        assert middle.flags == ("slow_middle",)
        assert middle.advice[0] == (
            "5秒完播率 70.0% 不错,但完播率只有 20.0%(参考线 30.0%):中段拖沓,剪短中间"
        )

    def test_weak_hook_is_not_also_slow_middle(self) -> None:
        d = diagnose_rows([row(1, completion_5s=0.30, completion_rate=0.10)], CFG)[1]
        assert d.flags == ("weak_hook",)

    def test_against_recent_works(self) -> None:
        # 5s completion 0.6 ×3 then 0.3: 0.5× → weak_hook against the recent median.
        rows = [row(i, completion_5s=0.6, completion_rate=0.3) for i in (1, 2, 3)]
        rows.append(row(4, completion_5s=0.3, completion_rate=0.3))
        d = diagnose_rows(rows, CFG, {4})[4]
        assert "weak_hook" in d.flags
        assert "5秒完播率 30.0%(近期中位数 60.0%)" in d.advice[d.flags.index("weak_hook")]

    def test_english(self) -> None:
        set_language("en")
        d = diagnose_rows([row(1, completion_5s=0.70, completion_rate=0.20)], CFG)[1]
        assert d.advice == (
            "5s completion 70.0% is fine but completion is 20.0% (threshold 30.0%): "
            "the middle drags; cut it",
        )


def test_store_backed_history_and_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The store path: history is the account's earlier works, deleted ones left out."""
    store, acc = make_store(tmp_path)
    t0 = datetime(2026, 11, 1, 20, 0)
    ids = [
        add_work(store, acc, published=t0 + timedelta(days=i), completion=c)
        for i, c in enumerate((0.40, 0.50, 0.99, 0.60, 0.20))
    ]
    with store.write() as conn:
        conn.execute(
            sa.text("UPDATE work SET deleted_at = published_at WHERE id=:w"), {"w": ids[2]}
        )
    stat = insights.work_flags(store, ids[4], CFG)
    assert stat is not None and stat.diagnosis is not None
    rel = stat.as_json()["relative"]
    assert rel["completion_rate"] == {  # type: ignore[index]
        "value": 0.2,
        "recent_median": 0.5,
        "ratio": 0.4,
        "percentile": 0.0,
        "n": 3,
    }
    assert "below_recent" in stat.flags
    first = insights.work_flags(store, ids[0], CFG)
    assert first is not None
    assert first.as_json()["relative"]["completion_rate"]["n"] == 0  # type: ignore[index]
