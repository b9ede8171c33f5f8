"""Relative diagnosis 作品诊断: each work against the median of the account's recent works.

Douyin's own 作品诊断 compares a work with the account's last works rather than with fixed
thresholds, because a 25% completion rate is poor for a 15-second clip and excellent for a
3-minute one. Here every rate of a work is compared with the median of the same rate over up to
`recent_works` (10) earlier works that have it; where durations are known, also with earlier
works of the same length bucket. The fixed rules of the seed (creatorctl.insights) stay and
apply where a work has no history (fewer than 3 earlier works with the rate).

Completion rates mean nothing for 图文 (picture) posts, and nothing for works with few plays
(a 0-play 自见 work has no viewers to lose): those works get no completion flags, and say why.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from creatorctl.config import InsightsConfig
from creatorctl.i18n import fmt_pct, t

MIN_HISTORY = 3
"""Fewer earlier works than this is no history: median, ratio and percentile stay None."""
HISTORY_ROWS = 300
"""How many works before the first one diagnosed are read for its history (it needs up to 10
per rate and per length bucket; 300 leaves room for works that lack a rate)."""
PICTURE_GENRES = frozenset({"图文", "图集", "图片", "image", "images", "photo", "picture", "note"})
DURATION_BUCKETS = ((15.0, "<15s"), (60.0, "15-60s"), (180.0, "1-3min"), (float("inf"), "3min+"))
"""Length buckets (upper bound in seconds, label), after the lengths Douyin's publisher names."""


@dataclass(frozen=True)
class Metric:
    """One rate of a work; `better` is +1 when higher is better, -1 when lower is."""

    key: str
    better: int
    completion: bool
    """A completion-family rate: none for picture posts or works under `min_plays`."""
    value: Callable[[Any], float | None]


def _per_play(col: str, scale: float = 1.0) -> Callable[[Any], float | None]:
    def value(r: Any) -> float | None:
        return getattr(r, col) * scale / r.plays if r.plays else None

    return value


def _watch_ratio(r: Any) -> float | None:
    d = r.duration_s
    return r.avg_watch_s / d if d and r.avg_watch_s is not None else None


METRICS: tuple[Metric, ...] = (
    Metric("completion_rate", 1, True, lambda r: r.completion_rate),
    Metric("completion_5s", 1, True, lambda r: r.completion_5s),
    Metric("bounce_2s", -1, True, lambda r: r.bounce_2s),
    Metric("watch_ratio", 1, True, _watch_ratio),
    Metric("likes_per_play", 1, False, _per_play("likes")),
    Metric("comments_per_play", 1, False, _per_play("comments")),
    Metric("shares_per_play", 1, False, _per_play("shares")),
    Metric("favorites_per_play", 1, False, _per_play("favorites")),
    Metric("fans_per_1k_plays", 1, False, _per_play("fans_gained", 1000.0)),
    Metric("profile_visits_per_play", 1, False, _per_play("profile_visits")),
)
METRIC_KEYS = tuple(m.key for m in METRICS)
_BY_KEY = {m.key: m for m in METRICS}


@dataclass(frozen=True)
class Comparison:
    """A rate of one work against the earlier works' (the `insights --json` contract)."""

    value: float | None
    recent_median: float | None
    ratio: float | None
    """value / recent_median; None without history, without a value or when the median is 0."""
    percentile: float | None
    """0–100: the share of the earlier works below this one (ties count half)."""
    n: int
    """How many earlier works were used."""

    def as_json(self) -> dict[str, object]:
        def r(x: float | None, digits: int) -> float | None:
            return None if x is None else round(x, digits)

        return {
            "value": r(self.value, 6),
            "recent_median": r(self.recent_median, 6),
            "ratio": r(self.ratio, 4),
            "percentile": r(self.percentile, 1),
            "n": self.n,
        }


def compare(value: float | None, history: Sequence[float]) -> Comparison:
    """`value` against `history` (the earlier works' values, any order)."""
    n = len(history)
    if n < MIN_HISTORY:
        return Comparison(value, None, None, None, n)
    s = sorted(history)
    half = n // 2
    med = float(s[half] if n % 2 else (s[half - 1] + s[half]) / 2)
    if value is None:
        return Comparison(None, med, None, None, n)
    below = bisect_left(s, value)
    equal = bisect_right(s, value) - below
    ratio = value / med if med else None
    return Comparison(value, med, ratio, 100.0 * (below + 0.5 * equal) / n, n)


def duration_bucket(seconds: float | None) -> str | None:
    if not seconds or seconds <= 0:
        return None
    return next(label for top, label in DURATION_BUCKETS if seconds < top)


def no_completion_reason(genre: str, plays: int, cfg: InsightsConfig) -> str | None:
    """Why a work gets no completion flags ("picture" / "few_plays"), or None when it does."""
    if genre.strip().lower() in PICTURE_GENRES:
        return "picture"
    if plays < cfg.min_plays:
        return "few_plays"
    return None


@dataclass(frozen=True)
class Finding:
    """A flag of a work with its advice, which names the numbers behind it."""

    flag: str
    advice: str


@dataclass
class Diagnosis:
    """Everything the diagnosis knows about one work."""

    work_id: int
    relative: dict[str, Comparison] = field(default_factory=dict)
    same_length: dict[str, Comparison] = field(default_factory=dict)
    """The same comparisons within the work's length bucket (only where its length is known)."""
    bucket: str | None = None
    no_completion: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(f.flag for f in self.findings)

    @property
    def advice(self) -> tuple[str, ...]:
        return tuple(f.advice for f in self.findings)

    def used(self, key: str) -> Comparison | None:
        """The comparison that judges `key`: the length bucket's when it has history."""
        same = self.same_length.get(key)
        if same is not None and same.n >= MIN_HISTORY:
            return same
        return self.relative.get(key)

    def relative_json(self) -> dict[str, object]:
        return {k: c.as_json() for k, c in self.relative.items()}


def fmt_value(key: str, x: float | None) -> str:
    if x is None:
        return "–"
    if key == "fans_per_1k_plays":
        return f"{x:.1f}"
    return fmt_pct(x, 2 if x < 0.1 else 1)


def _verdict(m: Metric, c: Comparison | None, cfg: InsightsConfig) -> int:
    """-1 clearly worse than recent works, +1 clearly better, 0 neither (or no history)."""
    if c is None or c.ratio is None:
        return 0
    r = c.ratio if m.better > 0 else (1 / c.ratio if c.ratio else float("inf"))
    if r < cfg.below_recent:
        return -1
    if r > cfg.above_recent:
        return 1
    return 0


def _rel_text(key: str, c: Comparison) -> str:
    return t(
        "diag.rel",
        metric=t(f"diag.m.{key}"),
        value=fmt_value(key, c.value),
        median=fmt_value(key, c.recent_median),
        ratio=f"{c.ratio:.2f}" if c.ratio is not None else "–",
        pct=f"{c.percentile:.0f}" if c.percentile is not None else "–",
        n=c.n,
    )


def _retention(d: Diagnosis, row: Any, cfg: InsightsConfig) -> list[Finding]:
    """SPEC issue 16 §2: one distinct piece of advice per pattern, naming its numbers."""
    out: list[Finding] = []

    def judged(key: str, value: float | None, fixed: float) -> tuple[bool, str] | None:
        """(worse?, the baseline's text) by recent works, or the fixed setting without them."""
        if value is None:
            return None
        m = _BY_KEY[key]
        c = d.used(key)
        if c is not None and c.ratio is not None:
            return _verdict(m, c, cfg) < 0, t(
                "diag.vs_recent", median=fmt_value(key, c.recent_median)
            )
        worse = value > fixed if m.better < 0 else value < fixed
        return worse, t("diag.vs_fixed", limit=fmt_value(key, fixed))

    bounce = judged("bounce_2s", row.bounce_2s, cfg.high_bounce_2s)
    if bounce and bounce[0]:
        out.append(
            Finding(
                "high_bounce",
                t(
                    "diag.advice.high_bounce",
                    value=fmt_value("bounce_2s", row.bounce_2s),
                    base=bounce[1],
                ),
            )
        )
    hook = judged("completion_5s", row.completion_5s, cfg.low_completion_5s)
    if hook and hook[0]:
        out.append(
            Finding(
                "weak_hook",
                t(
                    "diag.advice.weak_hook",
                    value=fmt_value("completion_5s", row.completion_5s),
                    base=hook[1],
                ),
            )
        )
    full = judged("completion_rate", row.completion_rate, cfg.low_completion)
    if full and full[0] and hook and not hook[0]:
        out.append(
            Finding(
                "slow_middle",
                t(
                    "diag.advice.slow_middle",
                    c5=fmt_value("completion_5s", row.completion_5s),
                    value=fmt_value("completion_rate", row.completion_rate),
                    base=full[1],
                ),
            )
        )
    return out


def _findings(d: Diagnosis, row: Any, cfg: InsightsConfig) -> list[Finding]:
    out: list[Finding] = []
    rel = d.relative
    completion_ok = d.no_completion is None
    cr = rel.get("completion_rate")
    # The seed's fixed rules, where the work has no history for the rate they judge. Where the
    # 5s completion is known, the retention patterns below say more than low_completion would.
    if (
        completion_ok
        and row.completion_rate is not None
        and row.completion_5s is None
        and (cr is None or cr.n < MIN_HISTORY)
        and row.completion_rate < cfg.low_completion
    ):
        out.append(Finding("low_completion", t("ins.advice.low_completion")))
    many_likes = (row.comments > 0 and row.likes > cfg.likes_per_comment * row.comments) or (
        row.comments == 0 and row.likes >= cfg.min_likes_no_comments
    )
    if many_likes and _no_history(rel, "comments_per_play"):
        out.append(Finding("low_discussion", t("ins.advice.low_discussion")))
    few_shares = (
        row.comments >= cfg.share_min_comments and row.shares < cfg.share_ratio * row.comments
    )
    if few_shares and _no_history(rel, "shares_per_play"):
        out.append(Finding("low_share", t("ins.advice.low_share")))
    worse: list[str] = []
    better: list[str] = []
    for m in METRICS:
        c = d.used(m.key)
        if c is None:
            continue
        v = _verdict(m, c, cfg)
        if v < 0:
            worse.append(_rel_text(m.key, c))
        elif v > 0:
            better.append(_rel_text(m.key, c))
    if worse:
        out.append(Finding("below_recent", t("diag.advice.below_recent", what="; ".join(worse))))
    if better:
        out.append(Finding("above_recent", t("diag.advice.above_recent", what="; ".join(better))))
    if completion_ok:
        out.extend(_retention(d, row, cfg))
    return out


def _no_history(rel: dict[str, Comparison], key: str) -> bool:
    c = rel.get(key)
    return c is None or c.n < MIN_HISTORY


def diagnose_rows(
    rows: Iterable[Any], cfg: InsightsConfig, targets: set[int] | None = None
) -> dict[int, Diagnosis]:
    """Diagnose `rows` (oldest first; each has the work columns, `duration_s` included).

    Every row is history for the rows after it; only works in `targets` (all when None) are
    diagnosed. A rate a work cannot have (completion of a picture post, anything of a work under
    `min_plays`) is neither judged nor used as history.
    """
    keep = cfg.recent_works
    hist: dict[str, deque[float]] = {m.key: deque(maxlen=keep) for m in METRICS}
    by_len: dict[tuple[str, str], deque[float]] = {}
    out: dict[int, Diagnosis] = {}
    for r in rows:
        reason = no_completion_reason(r.genre or "", r.plays, cfg)
        bucket = duration_bucket(r.duration_s)
        values = {
            m.key: (None if (reason and (m.completion or reason == "few_plays")) else m.value(r))
            for m in METRICS
        }
        if targets is None or r.id in targets:
            d = Diagnosis(r.id, bucket=bucket, no_completion=reason)
            for m in METRICS:
                v = values[m.key]
                if v is None and m.key != "completion_rate":
                    continue
                d.relative[m.key] = compare(v, hist[m.key])
                if bucket is not None and v is not None:
                    d.same_length[m.key] = compare(v, by_len.get((m.key, bucket), ()))
            d.findings = _findings(d, r, cfg)
            out[r.id] = d
        for key, v in values.items():
            if v is None:
                continue
            hist[key].append(v)
            if bucket is not None:
                by_len.setdefault((key, bucket), deque(maxlen=keep)).append(v)
    return out


_COLS = (
    "id, title, published_at, genre, plays, likes, comments, shares, favorites, profile_visits, "
    "fans_gained, completion_rate, completion_5s, bounce_2s, avg_watch_s, duration_s"
)


def load(
    store: Any,
    account_id: int,
    cfg: InsightsConfig,
    *,
    where: str = "",
    args: dict[str, object] | None = None,
) -> list[tuple[Any, Diagnosis]]:
    """Diagnose the account's works matching `where` (SQL on `work`), oldest first.

    `where` selects a run of works next to each other in time (a period, or one work).

    The history of the first of them is read from the works just before it, so a period's
    diagnosis costs its own works plus `HISTORY_ROWS`, however long the account's past.
    """
    import sqlalchemy as sa

    base = "account_id = :a AND deleted_at IS NULL"
    params: dict[str, object] = {"a": account_id, **(args or {})}
    with store.read() as conn:
        cols = _COLS
        targets = conn.execute(
            sa.text(f"SELECT {cols} FROM work WHERE {base} {where} ORDER BY published_at, id"),
            params,
        ).all()
        if not targets:
            return []
        first = targets[0]
        before = conn.execute(
            sa.text(
                f"SELECT {cols} FROM work WHERE {base} AND (published_at < :p OR "
                "(published_at = :p AND id < :i)) ORDER BY published_at DESC, id DESC LIMIT :k"
            ),
            {"a": account_id, "p": first.published_at, "i": first.id, "k": HISTORY_ROWS},
        ).all()
    ids = {r.id for r in targets}
    rows = [*reversed(before), *targets]
    found = diagnose_rows(rows, cfg, ids)
    return [(r, found[r.id]) for r in targets]
