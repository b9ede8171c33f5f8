"""橱窗 products and their sales: units, GMV, commission, return rate and why people return."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import sqlalchemy as sa

from creatorctl.config import Config
from creatorctl.store import Store

TOP_REASONS = 3


@dataclass(frozen=True)
class ProductStats:
    """One product's sales totals; `flagged` when its return rate reaches the configured limit."""

    id: int
    name: str
    category: str
    shop: str
    price: float
    commission_rate: float
    units: int
    gmv: float
    commission: float
    returns: int
    return_rate: float | None
    """returns / units; None before anything sold."""
    top_reasons: tuple[tuple[str, int], ...]
    """The most given return reasons with their counts, most first."""
    flagged: bool

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        out["top_reasons"] = [{"reason": r, "count": n} for r, n in self.top_reasons]
        return out


def return_rate(units: int, returns: int) -> float | None:
    return returns / units if units > 0 else None


def is_flagged(rate: float | None, limit: float) -> bool:
    """Return rate at or above the limit. Division is exact to the nearest double, as is the
    limit, so 3/30 meets 0.10 exactly; the tiny slack only absorbs configured limits like 0.07."""
    return rate is not None and rate >= limit - 1e-12


def product_stats(
    store: Store, account_id: int, *, since: date | None = None, config: Config | None = None
) -> list[ProductStats]:
    """Every product with its totals (since `since` if given), best-selling (by GMV) first."""
    limit = (config or Config()).earn.return_rate_flag
    params: dict[str, object] = {"a": account_id, "s": since or date.min}
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT p.id, p.name, p.category, p.shop, p.price, p.commission_rate, "
                "coalesce(sum(s.units), 0) AS units, coalesce(sum(s.gmv), 0) AS gmv, "
                "coalesce(sum(s.commission), 0) AS commission, "
                "coalesce(sum(s.returns), 0) AS returns "
                "FROM product p LEFT JOIN productsale s ON s.product_id = p.id AND s.day >= :s "
                "WHERE p.account_id = :a GROUP BY p.id ORDER BY gmv DESC, p.id"
            ),
            params,
        ).all()
        reasons: dict[int, list[tuple[str, int]]] = {}
        for r in conn.execute(
            sa.text(
                "SELECT s.product_id AS pid, r.reason, sum(r.count) AS n "
                "FROM productreturnreason r JOIN productsale s ON s.id = r.sale_id "
                "JOIN product p ON p.id = s.product_id "
                "WHERE p.account_id = :a AND s.day >= :s "
                "GROUP BY s.product_id, r.reason ORDER BY pid, n DESC, r.reason"
            ),
            params,
        ):
            reasons.setdefault(r.pid, []).append((r.reason, int(r.n)))
    out = []
    for r in rows:
        rate = return_rate(r.units, r.returns)
        out.append(
            ProductStats(
                id=r.id,
                name=r.name,
                category=r.category,
                shop=r.shop,
                price=r.price,
                commission_rate=r.commission_rate,
                units=int(r.units),
                gmv=round(r.gmv, 2),
                commission=round(r.commission, 2),
                returns=int(r.returns),
                return_rate=rate,
                top_reasons=tuple(reasons.get(r.id, [])[:TOP_REASONS]),
                flagged=is_flagged(rate, limit),
            )
        )
    return out
