"""Which ways of earning the account qualifies for, and what is missing (the seed's table).

星图商单 needs `xingtu_min_fans` fans; 直播带货 needs real-name verification and
`live_commerce_min_fans` fans; 全民任务 needs nothing. The fan count is the account's latest
known `fans_total`; none known counts as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from creatorctl.i18n import fmt_int, t

if TYPE_CHECKING:
    from creatorctl.config import Config, EarnConfig
    from creatorctl.store import Store

KEYS = ("xingtu", "live_commerce", "tasks")
"""The ways of earning, in the order they are shown."""


@dataclass(frozen=True)
class Eligibility:
    """One way of earning: eligible or not, and what is missing, one sentence per gap."""

    key: str
    eligible: bool
    missing: list[str] = field(default_factory=list)
    min_fans: int = 0
    needs_verified: bool = False
    fans: int = 0
    """The fan count it was judged on."""

    @property
    def fans_short(self) -> int:
        """How many more fans are needed (0 when enough)."""
        return max(0, self.min_fans - self.fans)

    def to_json(self) -> dict[str, object]:
        return {"eligible": self.eligible, "missing": list(self.missing)}


def evaluate(fans: int | None, verified: bool, earn: EarnConfig) -> dict[str, Eligibility]:
    """Eligibility from a fan count and the real-name flag (pure: no store)."""
    have = fans or 0
    rules = {
        "xingtu": (earn.xingtu_min_fans, False),
        "live_commerce": (earn.live_commerce_min_fans, True),
        "tasks": (0, False),
    }
    out: dict[str, Eligibility] = {}
    for key, (min_fans, needs_verified) in rules.items():
        missing: list[str] = []
        if have < min_fans:
            missing.append(t("earn.missing_fans", n=fmt_int(min_fans - have)))
        if needs_verified and not verified:
            missing.append(t("earn.missing_verified"))
        out[key] = Eligibility(key, not missing, missing, min_fans, needs_verified, have)
    return out


def eligibility(
    store: Store, account_id: int, config: Config | None = None
) -> dict[str, Eligibility]:
    """The account's eligibility for each way of earning, keyed xingtu, live_commerce, tasks."""
    from creatorctl.accounts import get_account_by_id
    from creatorctl.config import Config

    cfg = config or Config()
    acc = get_account_by_id(store, account_id)
    return evaluate(acc.fans, acc.verified, cfg.earn)


def to_json(result: dict[str, Eligibility]) -> dict[str, dict[str, object]]:
    """`{xingtu: {eligible, missing}, live_commerce: …, tasks: …}` for `--json` output."""
    return {key: result[key].to_json() for key in KEYS if key in result}
