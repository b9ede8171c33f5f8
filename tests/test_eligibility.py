"""Eligibility at the seed's thresholds: 10,000 fans for 星图, 1,000 + real name for live."""

from __future__ import annotations

from datetime import date

import pytest

from creatorctl.config import Config, EarnConfig
from creatorctl.eligibility import KEYS, eligibility, evaluate, to_json
from creatorctl.i18n import set_language
from tests.earn_support import make_store, set_fans, set_verified

EARN = EarnConfig()


@pytest.mark.parametrize(("fans", "eligible"), [(9_999, False), (10_000, True), (10_001, True)])
def test_xingtu_needs_ten_thousand_fans(fans: int, eligible: bool) -> None:
    result = evaluate(fans, False, EARN)["xingtu"]
    assert result.eligible is eligible
    assert result.missing == ([] if eligible else ["还差 1 粉丝"])


@pytest.mark.parametrize(("fans", "eligible"), [(999, False), (1_000, True)])
def test_live_commerce_needs_a_thousand_fans_when_verified(fans: int, eligible: bool) -> None:
    result = evaluate(fans, True, EARN)["live_commerce"]
    assert result.eligible is eligible
    assert result.missing == ([] if eligible else ["还差 1 粉丝"])


def test_live_commerce_needs_real_name_even_with_fans() -> None:
    result = evaluate(50_000, False, EARN)["live_commerce"]
    assert not result.eligible
    assert result.missing == ["需要实名认证"]


def test_live_commerce_lists_both_gaps() -> None:
    result = evaluate(0, False, EARN)["live_commerce"]
    assert result.missing == ["还差 1,000 粉丝", "需要实名认证"]


def test_the_seed_example_gap() -> None:
    assert evaluate(7_655, True, EARN)["xingtu"].missing == ["还差 2,345 粉丝"]


@pytest.mark.parametrize("fans", [None, 0, 5])
def test_tasks_need_nothing(fans: int | None) -> None:
    result = evaluate(fans, False, EARN)["tasks"]
    assert result.eligible and result.missing == []


def test_unknown_fans_count_as_none() -> None:
    result = evaluate(None, True, EARN)
    assert result["xingtu"].missing == ["还差 10,000 粉丝"]
    assert result["xingtu"].fans_short == 10_000


def test_thresholds_come_from_the_config() -> None:
    earn = EarnConfig(xingtu_min_fans=500, live_commerce_min_fans=100)
    result = evaluate(500, True, earn)
    assert result["xingtu"].eligible
    assert evaluate(99, True, earn)["live_commerce"].missing == ["还差 1 粉丝"]


def test_english_message() -> None:
    set_language("en")
    try:
        assert evaluate(7_655, False, EARN)["xingtu"].missing == ["2,345 more fans needed"]
        assert evaluate(7_655, False, EARN)["live_commerce"].missing == [
            "real-name verification needed"
        ]
    finally:
        set_language("zh")


def test_from_the_store_uses_latest_fans_and_verified(tmp_path) -> None:
    store, acc = make_store(tmp_path, verified=False)
    set_fans(store, acc, 20_000, day=date(2026, 1, 1))
    set_fans(store, acc, 9_999)
    result = eligibility(store, acc, Config())
    assert list(result) == list(KEYS)
    assert result["xingtu"].missing == ["还差 1 粉丝"]
    assert result["live_commerce"].missing == ["需要实名认证"]
    set_verified(store, acc, True)
    set_fans(store, acc, 10_000, day=date(2026, 11, 26))
    assert to_json(eligibility(store, acc, Config())) == {
        "xingtu": {"eligible": True, "missing": []},
        "live_commerce": {"eligible": True, "missing": []},
        "tasks": {"eligible": True, "missing": []},
    }
