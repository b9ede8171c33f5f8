"""The demo's fans data tells the story each seed is meant to tell."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from creatorctl.config import InsightsConfig
from creatorctl.demo import generate
from creatorctl.fans import LossDay, best_times, fan_loss, find_spikes, portrait, region
from creatorctl.insights import trending

pytestmark = pytest.mark.backends


@pytest.mark.parametrize(
    ("seed", "declining", "regional"), [(6, False, False), (7, True, True), (8, False, True)]
)
def test_story_by_seed(
    store, frozen_clock: str, seed: int, declining: bool, regional: bool
) -> None:  # type: ignore[no-untyped-def]
    acc = generate(store, size="small", seed=seed)
    loss = fan_loss(store, acc.id)
    # One controversial work, one spike, attributed to a work published the day before.
    assert len(loss.spikes) == 1 and loss.spikes[0].work_id is not None
    assert (loss.decline is not None) is declining
    if declining:
        assert len(loss.decline.early_works) == 3  # type: ignore[union-attr]
    reg = region(store, acc.id, InsightsConfig())
    assert reg.concentrated is regional
    p = portrait(store, acc.id)
    assert list(p) == ["gender", "age", "province", "device", "interest"]
    for shares in p.values():
        assert sum(s.share for s in shares) == pytest.approx(1.0, abs=1e-3)
    for slot in best_times(store, acc.id):
        assert slot.weekday <= 4 and 19 <= slot.hour <= 21
    trends = trending(store, acc.id)
    assert any(t.covered for t in trends) and any(not t.covered for t in trends)


def test_even_seeds_declined_earlier(store, frozen_clock: str) -> None:  # type: ignore[no-untyped-def]
    """An earlier month of slow decline (net negative, no spike) for seeds whose last 30 days
    are fine: the Fans tab then shows no advice, but the history has the shape."""
    acc = generate(store, size="small", seed=6)
    with store.read() as conn:
        days = [
            LossDay(date.fromisoformat(str(d)), gained, lost)
            for d, gained, lost in conn.execute(
                sa.text("SELECT day, fans_gained, fans_lost FROM accountdaily ORDER BY day")
            )
        ]
    last = days[-1].day
    month_nets = [
        sum(d.gained - d.lost for d in days if end - timedelta(days=29) <= d.day <= end)
        for end in (last - timedelta(days=k) for k in range(31, 300))
    ]
    assert min(month_nets) < 0  # some earlier month lost fans …
    assert len(find_spikes(days)) == 1  # … without a spike beyond the controversial work's
    assert fan_loss(store, acc.id).decline is None  # and the last 30 days are fine
