"""橱窗 products and their daily sales (CSV/XLSX, Chinese or English headers).

Products are identified by name + shop. A sales row names its product (and shop, when several
shops sell one name); an unknown product is added to the shop window. Return reasons come in
one cell, ``包装破损:3;发货太慢:1`` (also ``、`` ``，`` ``|`` between, ``×3`` or `` 3`` for the
count, a bare reason counting once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    ParseError,
    parse_count,
    parse_date,
    parse_money,
    parse_rate,
    parse_text,
)

PRODUCT = Column("name", ("商品名称", "商品", "商品标题", "Product", "Product name"), parse_text,
                 required=True)  # fmt: skip
SHOP = Column("shop", ("店铺", "店铺名称", "Shop", "Store"), parse_text)
_REASON_SPLIT = re.compile(r"[;；、,，|\n]+")
_REASON_COUNT = re.compile(r"^(.*?)[\s:：×xX*]*(\d+)(?:件|次|个)?$")


def parse_reasons(v: object) -> dict[str, int] | None:
    """``包装破损:3;发货太慢`` → {'包装破损': 3, '发货太慢': 1}."""
    text = parse_text(v)
    if text is None:
        return None
    out: dict[str, int] = {}
    for part in _REASON_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        m = _REASON_COUNT.match(part)
        reason, n = (m.group(1).strip(), int(m.group(2))) if m else (part, 1)
        if not reason or len(reason) > 50:
            raise ParseError("earn.imp.expected_reasons")
        out[reason] = out.get(reason, 0) + n
    return out or None


@register
class Products(Kind):
    name = "products"
    label = ("橱窗商品", "shop-window products")
    columns = (
        PRODUCT,
        Column("category", ("商品类目", "类目", "Category"), parse_text),
        Column("price", ("价格", "售价", "商品价格", "Price"), parse_money, required=True),
        Column("commission_rate", ("佣金率", "佣金比例", "Commission rate"), parse_rate),
        SHOP,
    )
    min_columns = 3
    """A bare "商品, 价格" list (a shopping list) is not a shop window: ask for a third column."""

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["price"] < 0:
            raise RowProblem("price", "num.expected_nonnegative")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn, acc = ctx.conn, ctx.account_id
        for row in rows:
            shop = row["shop"] or ""
            old = conn.execute(
                "SELECT id, category, price, commission_rate FROM product "
                "WHERE account_id = ? AND name = ? AND shop = ?",
                (acc, row["name"], shop),
            ).fetchone()
            values = (row["category"] or "", row["price"], row["commission_rate"] or 0.0)
            if old is None:
                conn.execute(
                    "INSERT INTO product(account_id, name, shop, category, price, "
                    "commission_rate) VALUES (?, ?, ?, ?, ?, ?)",
                    (acc, row["name"], shop, *values),
                )
                ctx.added()
            elif tuple(old[1:]) == values:
                ctx.unchanged()
            else:
                conn.execute(
                    "UPDATE product SET category = ?, price = ?, commission_rate = ? WHERE id = ?",
                    (*values, old[0]),
                )
                ctx.updated()


@register
class ProductSales(Kind):
    name = "product_sales"
    label = ("商品销售", "product sales")
    columns = (
        PRODUCT,
        SHOP,
        Column("day", ("日期", "成交日期", "Date", "Day"), parse_date, required=True),
        Column("units", ("销量", "成交件数", "销售件数", "Units", "Units sold"), parse_count,
               required=True),
        Column("gmv", ("成交金额", "销售额", "GMV"), parse_money),
        Column("commission", ("佣金收入", "预估佣金", "佣金", "Commission"), parse_money),
        Column("returns", ("退货件数", "退货数", "退货量", "Returns"), parse_count),
        Column("reasons", ("退货原因", "Return reasons", "Reasons"), parse_reasons),
    )  # fmt: skip

    def check(self, ctx: ImportContext, row: Row) -> None:
        reasons = row["reasons"] or {}
        if row["returns"] is None:
            row["returns"] = sum(reasons.values())
        if row["returns"] > row["units"]:
            raise RowProblem("returns", "earn.imp.returns_over_units")
        if sum(reasons.values()) > row["returns"]:
            raise RowProblem("reasons", "earn.imp.reasons_over_returns")

    def _product(self, ctx: ImportContext, row: Row) -> int:
        """The product's id (added to the shop window when new, priced from the sale: the
        shop-window file, imported later, corrects price and commission rate)."""
        name, shop = row["name"], row["shop"]
        conn, acc = ctx.conn, ctx.account_id
        known = ctx.state.setdefault("products", {})
        if (name, shop) in known:
            return int(known[(name, shop)])
        sql = "SELECT id, price, commission_rate FROM product WHERE account_id = ? AND name = ?"
        args: list[object] = [acc, name]
        if shop is not None:
            sql += " AND shop = ?"
            args.append(shop)
        found = conn.execute(sql + " ORDER BY id LIMIT 1", args).fetchone()
        if found is None:
            units, gmv, commission = row["units"], row["gmv"], row["commission"]
            price = round(gmv / units, 2) if gmv and units else 0.0
            rate = round(commission / gmv, 4) if commission is not None and gmv else 0.0
            found = conn.execute(
                "INSERT INTO product(account_id, name, shop, price, commission_rate) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id, price, commission_rate",
                (acc, name, shop or "", price, rate),
            ).fetchone()
        known[(name, shop)] = found[0]
        ctx.state.setdefault("terms", {})[found[0]] = (found[1], found[2])
        return int(found[0])

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn = ctx.conn
        for row in rows:
            pid = self._product(ctx, row)
            price, rate = ctx.state["terms"][pid]
            gmv = row["gmv"] if row["gmv"] is not None else round(row["units"] * price, 2)
            commission = row["commission"]
            if commission is None:
                commission = round(gmv * rate, 2)
            values = (row["units"], gmv, commission, row["returns"])
            day = row["day"].isoformat()
            reasons = sorted((row["reasons"] or {}).items())
            old = conn.execute(
                "SELECT id, units, gmv, commission, returns FROM productsale "
                "WHERE product_id = ? AND day = ?",
                (pid, day),
            ).fetchone()
            if old is None:
                sale = conn.execute(
                    "INSERT INTO productsale(product_id, day, units, gmv, commission, returns) "
                    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (pid, day, *values),
                ).fetchone()[0]
                ctx.added()
            else:
                sale = old[0]
                had = sorted(
                    conn.execute(
                        "SELECT reason, count FROM productreturnreason WHERE sale_id = ?", (sale,)
                    ).fetchall()
                )
                if tuple(old[1:]) == values and had == reasons:
                    ctx.unchanged()
                    continue
                conn.execute(
                    "UPDATE productsale SET units = ?, gmv = ?, commission = ?, returns = ? "
                    "WHERE id = ?",
                    (*values, sale),
                )
                conn.execute("DELETE FROM productreturnreason WHERE sale_id = ?", (sale,))
                ctx.updated()
            conn.executemany(
                "INSERT INTO productreturnreason(sale_id, reason, count) VALUES (?, ?, ?)",
                [(sale, r, n) for r, n in reasons],
            )


register_export(
    Export(
        name="products",
        label=Products.label,
        fields=fields_of(
            Products.columns, ("name", "category", "price", "commission_rate", "shop")
        ),
        sql=(
            "SELECT id, name, category, price, commission_rate, shop FROM product "
            "WHERE account_id = ? ORDER BY id"
        ),
    )
)
register_export(
    Export(
        name="product_sales",
        label=ProductSales.label,
        fields=fields_of(
            ProductSales.columns,
            ("name", "shop", "day", "units", "gmv", "commission", "returns", "reasons"),
        ),
        sql=(
            "SELECT s.id, p.name, p.shop, s.day, s.units, s.gmv, s.commission, s.returns, "
            "(SELECT group_concat(r.reason || ':' || r.count, ';') FROM productreturnreason r "
            "WHERE r.sale_id = s.id) AS reasons FROM productsale s "
            "JOIN product p ON p.id = s.product_id WHERE p.account_id = ? ORDER BY p.id, s.day"
        ),
    )
)
