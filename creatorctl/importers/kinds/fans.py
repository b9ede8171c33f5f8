"""Fans data in: the portrait (Open Platform fans data JSON or CSV), daily fan counts (Open
Platform user fans data JSON), fan activity CSV and trending topics CSV; and their exports.

Daily fans as CSV (date, total, gained, lost) are the account-daily kind's (`daily`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from creatorctl.fans import PORTRAIT_DIMENSIONS
from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    parse_amount,
    parse_count,
    parse_date,
    parse_rate,
    parse_text,
)
from creatorctl.timeutil import today

ALL_FANS = "all_fans"
"""The portrait row that carries the total fan count (`all_fans_num`), not a share."""

# Open Platform distribution lists → portrait dimensions.
DISTRIBUTIONS = {
    "gender_distributions": "gender",
    "age_distributions": "age",
    "geographical_distributions": "province",
    "device_distributions": "device",
    "interest_distributions": "interest",
}
DIMENSION_NAMES = {
    "性别": "gender",
    "年龄": "age",
    "地域": "province",
    "省份": "province",
    "地区": "province",
    "设备": "device",
    "兴趣": "interest",
    "兴趣分布": "interest",
    "粉丝总数": ALL_FANS,
    **{d: d for d in (*PORTRAIT_DIMENSIONS, ALL_FANS)},
}
GENDERS = {"1": "male", "2": "female", "0": "unknown", "男": "male", "女": "female",
           "未知": "unknown", "male": "male", "female": "female", "unknown": "unknown",
           "m": "male", "f": "female"}  # fmt: skip
SAMPLE_SPLIT_RE = re.compile(r"\s*(?:\n|\||｜)\s*")


def dimension_of(text: str | None) -> str | None:
    """'性别' / 'Gender' / 'gender' → 'gender'; None for a dimension the portrait does not have."""
    return DIMENSION_NAMES.get((text or "").strip().lower())


def _upsert(
    ctx: ImportContext,
    table: str,
    keys: Sequence[str],
    values: Sequence[str],
    rows: list[tuple[tuple[Any, ...], tuple[Any, ...]]],
) -> None:
    """Insert new (key → values) rows, update changed ones, count each.

    One lookup per row: these kinds' files are small (a portrait is tens of rows, activity
    168), so the batch-wide IN lookup of the big kinds would buy nothing.
    """
    conn = ctx.conn
    where = " AND ".join(f"{k} = ?" for k in keys)
    select = f"SELECT {', '.join(values)} FROM {table} WHERE {where}"
    current: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    inserts: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    updates: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for key, vals in rows:
        if key not in current:
            found = conn.execute(select, key).fetchone()
            if found is None:
                current[key] = inserts[key] = vals
                ctx.added()
                continue
            current[key] = tuple(found)
        if current[key] == vals:
            ctx.unchanged()
            continue
        current[key] = vals
        (inserts if key in inserts else updates)[key] = vals
        ctx.updated()
    if inserts:
        cols = (*keys, *values)
        conn.executemany(
            f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [(*k, *v) for k, v in inserts.items()],
        )
    if updates:
        conn.executemany(
            f"UPDATE {table} SET {', '.join(f'{v}=?' for v in values)} WHERE {where}",
            [(*v, *k) for k, v in updates.items()],
        )


def _set_fans_total(ctx: ImportContext, day: date, total: int) -> None:
    conn, acc = ctx.conn, ctx.account_id
    old = conn.execute(
        "SELECT fans_total FROM accountdaily WHERE account_id=? AND day=?", (acc, day.isoformat())
    ).fetchone()
    if old is None:
        conn.execute(
            "INSERT INTO accountdaily(account_id, day, fans_total) VALUES (?, ?, ?)",
            (acc, day.isoformat(), total),
        )
        ctx.added()
    elif old[0] == total:
        ctx.unchanged()
    else:
        conn.execute(
            "UPDATE accountdaily SET fans_total=? WHERE account_id=? AND day=?",
            (total, acc, day.isoformat()),
        )
        ctx.updated()


@register
class FanPortrait(Kind):
    """粉丝画像: one row per bucket (dimension, bucket, share); or the Open Platform JSON."""

    name = "portrait"
    label = ("粉丝画像", "fan portrait")
    uses_snapshot_date = True
    columns = (
        Column("dimension", ("维度", "Dimension", "dimension"), parse_text, required=True),
        Column("bucket", ("分布项", "项目", "Bucket", "item"), parse_text, required=True),
        Column("share", ("占比", "比例", "Share", "percent"), parse_rate),
        Column("count", ("人数", "数量", "Count", "value"), parse_count),
        Column("as_of", ("日期", "Date", "as_of"), parse_date),
    )

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = doc.get("data") if isinstance(doc, dict) else None
        fans = data.get("fans_data") if isinstance(data, dict) else None
        if not isinstance(fans, dict):
            return None
        return self._records(fans)

    @staticmethod
    def _records(fans: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if fans.get("all_fans_num") is not None:
            yield {"dimension": ALL_FANS, "bucket": "all", "count": fans["all_fans_num"]}
        for key, dim in DISTRIBUTIONS.items():
            items = fans.get(key)
            if not isinstance(items, list):
                continue
            values = [i.get("value") for i in items if isinstance(i, dict)]
            numeric = [v for v in values if isinstance(v, int | float) and v > 0]
            total = float(sum(numeric)) or 1.0
            for item in items:
                if not isinstance(item, dict):
                    yield {"dimension": dim, "bucket": item}
                    continue
                value = item.get("value")
                share = round(value / total, 6) if isinstance(value, int | float) else value
                yield {"dimension": dim, "bucket": item.get("item"), "share": share}

    def check(self, ctx: ImportContext, row: Row) -> None:
        dim = dimension_of(row["dimension"])
        if dim is None:
            raise RowProblem("dimension", "fans.imp_bad_dimension")
        if dim == ALL_FANS and row["count"] is None:
            raise RowProblem("count", "fans.imp_need_count")
        if dim != ALL_FANS and row["share"] is None:
            raise RowProblem("share", "fans.imp_need_share")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        upserts = []
        for row in rows:
            dim = dimension_of(row["dimension"])
            as_of = row["as_of"] or ctx.snapshot_date
            if dim == ALL_FANS:
                _set_fans_total(ctx, as_of, row["count"])
                continue
            bucket = str(row["bucket"]).strip()
            if dim == "gender":
                bucket = GENDERS.get(bucket.lower(), bucket)
            upserts.append(
                ((ctx.account_id, dim, bucket, as_of.isoformat()), (round(row["share"], 6),))
            )
        _upsert(
            ctx, "fanportrait", ("account_id", "dimension", "bucket", "as_of"), ("share",), upserts
        )


@register
class UserFans(Kind):
    """Open Platform user fans data: ``data.result_list[]`` of {date, new_fans, total_fans}.

    Lost fans are derived from the change in the total: lost = new − (total − yesterday's),
    when yesterday's total is known (from the file or the store); never below 0.
    """

    name = "user_fans"
    label = ("开放平台粉丝数据", "Open Platform user fans data")
    columns = (
        Column("day", ("日期", "date"), parse_date, required=True),
        Column("new_fans", ("新增粉丝", "new_fans"), parse_count, required=True),
        Column("total_fans", ("粉丝总数", "total_fans"), parse_count, required=True),
    )
    min_columns = 3

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = doc.get("data") if isinstance(doc, dict) else None
        items = data.get("result_list") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items or not isinstance(items[0], dict):
            return None
        if "total_fans" not in items[0] and "new_fans" not in items[0]:
            return None
        return (
            {"day": i.get("date"), "new_fans": i.get("new_fans"), "total_fans": i.get("total_fans")}
            if isinstance(i, dict)
            else {"day": i}
            for i in items
        )

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["today"] = today()
        ctx.state["totals"] = {}

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["day"] > ctx.state["today"]:
            raise RowProblem("day", "imp.future_time")

    def _total_on(self, ctx: ImportContext, day: date) -> int | None:
        totals: dict[date, int] = ctx.state["totals"]
        if day in totals:
            return totals[day]
        row = ctx.conn.execute(
            "SELECT fans_total FROM accountdaily WHERE account_id=? AND day=?",
            (ctx.account_id, day.isoformat()),
        ).fetchone()
        return row[0] if row else None

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        totals: dict[date, int] = ctx.state["totals"]
        for row in rows:
            totals[row["day"]] = row["total_fans"]
        conn, acc = ctx.conn, ctx.account_id
        for row in sorted(rows, key=lambda r: r["day"]):
            day, new, total = row["day"], row["new_fans"], row["total_fans"]
            before = self._total_on(ctx, day - timedelta(days=1))
            lost = None if before is None else max(0, new - (total - before))
            old = conn.execute(
                "SELECT fans_total, fans_gained, fans_lost FROM accountdaily "
                "WHERE account_id=? AND day=?",
                (acc, day.isoformat()),
            ).fetchone()
            if old is None:
                conn.execute(
                    "INSERT INTO accountdaily(account_id, day, fans_total, fans_gained, "
                    "fans_lost) VALUES (?, ?, ?, ?, ?)",
                    (acc, day.isoformat(), total, new, lost or 0),
                )
                ctx.added()
                continue
            merged = (total, new, old[2] if lost is None else lost)
            if tuple(old) == merged:
                ctx.unchanged()
                continue
            conn.execute(
                "UPDATE accountdaily SET fans_total=?, fans_gained=?, fans_lost=? "
                "WHERE account_id=? AND day=?",
                (*merged, acc, day.isoformat()),
            )
            ctx.updated()


@register
class FanActivity(Kind):
    """粉丝活跃时段: weekday (0 = Monday), hour (0–23) and how active fans are then."""

    name = "activity"
    label = ("粉丝活跃时段", "fan activity")
    columns = (
        Column("weekday", ("星期", "Weekday", "weekday"), parse_count, required=True),
        Column("hour", ("小时", "时段", "Hour", "hour"), parse_count, required=True),
        Column("value", ("活跃度", "活跃粉丝", "Active", "active", "value"), parse_amount,
               required=True),
    )  # fmt: skip

    def check(self, ctx: ImportContext, row: Row) -> None:
        if not 0 <= row["weekday"] <= 6:
            raise RowProblem("weekday", "fans.imp_bad_weekday")
        if not 0 <= row["hour"] <= 23:
            raise RowProblem("hour", "fans.imp_bad_hour")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        _upsert(
            ctx,
            "fanactivity",
            ("account_id", "weekday", "hour"),
            ("value",),
            [((ctx.account_id, r["weekday"], r["hour"]), (float(r["value"]),)) for r in rows],
        )


@register
class Trending(Kind):
    """热门话题: topic, heat, sample titles (one a line, or separated by |), date, niche."""

    name = "trending"
    label = ("热门话题", "trending topics")
    uses_snapshot_date = True
    columns = (
        Column("topic", ("话题", "Topic", "topic"), parse_text, required=True),
        Column("heat", ("热度", "Heat", "heat"), parse_count, required=True),
        Column("samples", ("示例标题", "Sample titles", "sample_titles", "samples"), parse_text),
        Column("day", ("日期", "Date", "day"), parse_date),
        Column("niche", ("领域", "Niche", "niche"), parse_text),
    )

    def begin(self, ctx: ImportContext) -> None:
        row = ctx.conn.execute("SELECT niche FROM account WHERE id=?", (ctx.account_id,)).fetchone()
        ctx.state["niche"] = (row[0] if row else "") or ""

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        upserts = []
        for r in rows:
            topic = "#" + str(r["topic"]).strip().lstrip("#＃").strip()
            samples = "\n".join(s for s in SAMPLE_SPLIT_RE.split(r.get("samples") or "") if s)
            day = (r.get("day") or ctx.snapshot_date).isoformat()
            niche = r.get("niche") or ctx.state["niche"]
            upserts.append(((niche, topic, day), (ctx.account_id, r["heat"], samples)))
        _upsert(
            ctx,
            "trendingtopic",
            ("niche", "topic", "day"),
            ("account_id", "heat", "sample_titles"),
            upserts,
        )


register_export(
    Export(
        name="portrait",
        label=FanPortrait.label,
        fields=fields_of(FanPortrait.columns, ("dimension", "bucket", "share", "as_of")),
        sql="SELECT id, dimension, bucket, share, as_of FROM fanportrait WHERE account_id = ? "
        "ORDER BY as_of, dimension, share DESC, bucket",
    )
)
register_export(
    Export(
        name="activity",
        label=FanActivity.label,
        fields=fields_of(FanActivity.columns, ("weekday", "hour", "value")),
        sql="SELECT id, weekday, hour, value FROM fanactivity WHERE account_id = ? "
        "ORDER BY weekday, hour",
    )
)
register_export(
    Export(
        name="trending",
        label=Trending.label,
        fields=fields_of(
            Trending.columns,
            ("topic", "heat", "sample_titles", "day", "niche"),
            {"sample_titles": "samples"},
        ),
        sql="SELECT t.id, t.topic, t.heat, t.sample_titles, t.day, t.niche FROM trendingtopic t "
        "JOIN account a ON a.id = ? WHERE t.account_id = a.id "
        "OR (t.account_id IS NULL AND t.niche = a.niche) ORDER BY t.day, t.heat DESC, t.topic",
    )
)
