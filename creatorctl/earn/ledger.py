"""The earnings ledger: one row per payment, summed by month and by source."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.store import Store, Unit
from creatorctl.timeutil import today

EARNING_SOURCES = ("brand", "selling", "tasks")
"""Where money comes from: 星图 brand deals, 橱窗 selling, 全民任务 platform tasks."""


def as_date(v: object) -> date:
    """A date from SQLite (text) or SQLAlchemy (date)."""
    return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])


def parse_amount(value: str) -> float:
    """'1,234.5', '¥800', '800元' → yuan; anything else, or a negative, is a user error."""
    text = re.sub(r"[,\s¥￥元]", "", value)
    try:
        amount = float(text)
    except ValueError:
        raise UserError(t("earn.err.bad_amount", value=value)) from None
    if not math.isfinite(amount):
        raise UserError(t("earn.err.bad_amount", value=value))
    if amount < 0:
        raise UserError(t("earn.err.negative_amount", amount=value))
    return amount


def record_earning(
    conn: Unit,
    *,
    account_id: int,
    day: date,
    source: str,
    amount: float,
    ref: str,
    note: str = "",
) -> bool:
    """Add a ledger entry inside the caller's transaction; False if `ref` was already paid."""
    if source not in EARNING_SOURCES:
        raise ValueError(f"unknown earning source {source!r}")
    added = (
        conn.execute(
            sa.text(
                "INSERT INTO earning(account_id, day, source, amount, ref, note) "
                "VALUES (:a, :d, :s, :m, :r, :n) ON CONFLICT(account_id, ref) DO NOTHING"
            ),
            {"a": account_id, "d": day, "s": source, "m": round(amount, 2), "r": ref, "n": note},
        ).rowcount
        == 1
    )
    if added:
        from creatorctl.audit import record

        paid = {"source": source, "amount": round(amount, 2), "ref": ref, "day": str(day)}
        record(conn, "create", "earning", None, account_id, None, paid)
    return added


@dataclass(frozen=True)
class EarningsSummary:
    """Earnings per month (oldest first) and per source, with totals."""

    months: list[str]
    """'YYYY-MM', one per month of the period, also those without earnings."""
    by_source: dict[str, list[float]]
    """source → amount per month, aligned with `months`."""
    totals: dict[str, float] = field(default_factory=dict)
    """source → total over the period."""

    @property
    def total(self) -> float:
        return round(sum(self.totals.values()), 2)

    def month_totals(self) -> list[float]:
        return [
            round(sum(self.by_source[s][i] for s in EARNING_SOURCES), 2)
            for i in range(len(self.months))
        ]

    def as_json(self) -> dict[str, object]:
        return {
            "months": [
                {"month": m, **{s: self.by_source[s][i] for s in EARNING_SOURCES}}
                for i, m in enumerate(self.months)
            ],
            "totals": self.totals,
            "total": self.total,
        }


def _month_list(end: date, months: int) -> list[str]:
    y, m = end.year, end.month
    out = []
    for _ in range(months):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def earnings(store: Store, account_id: int, *, months: int = 12) -> EarningsSummary:
    """The last `months` months (this one included) of earnings, summed in SQL."""
    labels = _month_list(today(), months)
    start = date.fromisoformat(labels[0] + "-01")
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT substr(day, 1, 7) AS month, source, sum(amount) AS amount FROM earning "
                "WHERE account_id=:a AND day >= :s GROUP BY month, source"
            ),
            {"a": account_id, "s": start},
        ).all()
    index = {m: i for i, m in enumerate(labels)}
    by_source = {s: [0.0] * len(labels) for s in EARNING_SOURCES}
    for r in rows:
        if r.month in index and r.source in by_source:
            by_source[r.source][index[r.month]] = round(r.amount, 2)
    totals = {s: round(sum(v), 2) for s, v in by_source.items()}
    return EarningsSummary(labels, by_source, totals)
