"""Which ways of earning the account qualifies for, and what it still lacks (the seed's table).

星图商单 (xingtu) needs enough fans; 直播带货 (live_commerce) needs real-name verification and
enough fans; 全民任务 (tasks) is open to everyone. Thresholds come from `[earn]`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from creatorctl.config import Config
from creatorctl.errors import UserError
from creatorctl.i18n import fmt_int, t
from creatorctl.store import Store

PROGRAMS = ("xingtu", "live_commerce", "tasks")


@dataclass(frozen=True)
class Eligibility:
    """Whether the account qualifies, and each thing missing as a sentence for people."""

    eligible: bool
    missing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"eligible": self.eligible, "missing": list(self.missing)}


def _check(fans: int, need_fans: int, verified: bool | None = None) -> Eligibility:
    missing = []
    if verified is False:
        missing.append(t("elig.need_verified"))
    if fans < need_fans:
        missing.append(t("elig.fans_short", n=fmt_int(need_fans - fans)))
    return Eligibility(not missing, tuple(missing))


def eligibility(store: Store, account_id: int, config: Config) -> dict[str, Eligibility]:
    """xingtu, live_commerce and tasks, in that order, for the account's latest fan count."""
    with store.read() as conn:
        row = conn.execute(
            sa.text(
                "SELECT a.verified, (SELECT fans_total FROM accountdaily d WHERE d.account_id=a.id "
                "AND d.fans_total IS NOT NULL ORDER BY d.day DESC LIMIT 1) FROM account a "
                "WHERE a.id=:a"
            ),
            {"a": account_id},
        ).first()
    if row is None:
        raise UserError(t("err.unknown_account", handle=f"#{account_id}"))
    verified, fans = bool(row[0]), int(row[1] or 0)
    earn = config.earn
    return {
        "xingtu": _check(fans, earn.xingtu_min_fans),
        "live_commerce": _check(fans, earn.live_commerce_min_fans, verified),
        "tasks": Eligibility(True),
    }
