"""A demo work's rates: each drifts around the account's own level, like a real creator's.

Real works of one account resemble each other: the same audience, the same editing. So each
rate is the account's level (which wanders slowly, work after work) times the work's quality
(shared by all its rates: a work that lands gets more likes, comments and shares together)
times a little noise of its own. Most works then sit near the median of the works before them;
about one in ten misses clearly and a few hit, which is what the relative diagnosis
(creatorctl.diagnosis, 0.7× / 1.4× the recent median) should find — not every work.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

MISS_SHARE = 0.10
HIT_SHARE = 0.07


@dataclass(frozen=True)
class Rates:
    completion: float
    completion_5s: float
    like_rate: float
    """Likes per play."""
    comments_per_like: float
    shares_per_comment: float
    favorites_per_like: float
    visits_per_play: float
    fans_per_play: float
    cover_ctr: float
    bounce_2s: float
    avg_watch_s: float


class AccountStyle:
    """The account's levels, drifting from work to work; `next()` gives one work's rates."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.drift = 0.0
        self.completion = rng.uniform(0.28, 0.42)
        self.like_rate = rng.uniform(0.03, 0.06)
        self.discuss = rng.uniform(0.06, 0.1)
        self.share = rng.uniform(0.25, 0.45)
        self.fav = rng.uniform(0.15, 0.25)
        self.visits = rng.uniform(0.006, 0.012)
        self.fans = rng.uniform(0.0015, 0.003)
        self.ctr = rng.uniform(0.07, 0.11)
        self.bounce = rng.uniform(0.2, 0.3)
        self.watch = rng.uniform(14, 24)

    def next(self) -> Rates:
        rng = self.rng
        # The level wanders slowly and is pulled back (log scale, about ±10% over months).
        self.drift = 0.95 * self.drift + rng.gauss(0, 0.02)
        r = rng.random()
        quality = (
            rng.gauss(-0.5, 0.12)
            if r < MISS_SHARE
            else rng.gauss(0.45, 0.12)
            if r > 1 - HIT_SHARE
            else rng.gauss(0, 0.06)
        )
        level = self.drift + quality

        def rate(base: float, weight: float = 1.0, noise: float = 0.05) -> float:
            return base * math.exp(weight * level + rng.gauss(0, noise))

        completion = min(0.92, max(0.05, rate(self.completion, 0.6)))
        return Rates(
            completion=completion,
            completion_5s=min(0.98, completion + rate(0.25, 0.3)),
            like_rate=rate(self.like_rate),
            comments_per_like=rate(self.discuss, 0.5),
            shares_per_comment=rate(self.share, 0.5),
            favorites_per_like=rate(self.fav, 0.3),
            visits_per_play=rate(self.visits),
            fans_per_play=rate(self.fans),
            cover_ctr=rate(self.ctr, 0.3),
            bounce_2s=min(0.9, rate(self.bounce, -0.5)),
            avg_watch_s=rate(self.watch, 0.4),
        )
