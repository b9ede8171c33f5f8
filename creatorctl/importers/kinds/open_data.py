"""Douyin Open Platform data APIs (数据开放服务): account days, fan source, per-work data.

- ``/data/external/user/item|profile|like|comment|share/``: ``data.result_list[]`` of
  {date, new_play / profile_uv / new_like / new_comment / new_share …} → account days.
- ``/data/external/fans/source/``: ``data.list[]`` of {source, percent: "62.35%"} → the fan
  portrait's ``source`` dimension.
- ``/data/external/item/base|play|like|comment|share/`` (one work per response: ``--work``) →
  that work's snapshots, so its daily numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.importers.base import (
    Column,
    ImportContext,
    Kind,
    Row,
    RowProblem,
    register,
)
from creatorctl.importers.kinds.fans import _upsert
from creatorctl.importers.kinds.inbox_comments import WORK_OPTION
from creatorctl.importers.numbers import (
    parse_count,
    parse_date,
    parse_duration,
    parse_rate,
    parse_text,
)
from creatorctl.importers.upsert import upsert
from creatorctl.models.columns import WORK_COUNTS, WORK_RATES
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import today


def op_data(doc: Any) -> dict[str, Any] | None:
    """The ``data`` object of an Open Platform response (or the bare object), if it is one."""
    if not isinstance(doc, dict):
        return None
    data = doc.get("data")
    return data if isinstance(data, dict) else None


def _first(items: Any) -> dict[str, Any] | None:
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0]
    return None


# --- account days ---------------------------------------------------------------------------

USER_FIELDS = {
    "new_play": "plays",
    "profile_uv": "profile_visits",
    "new_like": "likes",
    "new_comment": "comments",
    "new_share": "shares",
}
"""Open Platform user-data keys → account-day columns. `/user/item/` also gives new_issue and
total_issue (works published), which account days do not hold."""


@register
class OpenUserData(Kind):
    """``/data/external/user/item|profile|like|comment|share/``: one row per day, merged into
    the account's days (a field the response lacks keeps its stored value)."""

    name = "user_data"
    label = ("开放平台账号数据", "Open Platform user data")
    columns = (
        Column("day", ("日期", "date"), parse_date, required=True),
        Column("plays", ("new_play",), parse_count),
        Column("profile_visits", ("profile_uv",), parse_count),
        Column("likes", ("new_like",), parse_count),
        Column("comments", ("new_comment",), parse_count),
        Column("shares", ("new_share",), parse_count),
        Column("works_published", ("new_issue",), parse_count),
    )
    min_columns = 99  # JSON only: a CSV with 日期 and 播放量 is the `daily` kind's

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = op_data(doc)
        first = _first(data.get("result_list")) if data else None
        if first is None or not any(k in first for k in USER_FIELDS):
            return None
        assert data is not None
        return (self._record(i) for i in data["result_list"])

    @staticmethod
    def _record(item: Any) -> dict[str, Any]:
        if not isinstance(item, dict):
            return {"day": item}
        rec = {"day": item.get("date"), "works_published": item.get("new_issue")}
        for key, col in USER_FIELDS.items():
            rec[col] = item.get(key)
        return rec

    def begin(self, ctx: ImportContext) -> None:
        ctx.state["today"] = today()

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["day"] > ctx.state["today"]:
            raise RowProblem("day", "imp.future_time")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        fields = tuple(USER_FIELDS.values())
        upsert(
            ctx,
            rows,
            "accountdaily",
            key=("day",),
            fields=fields,
            fixed={"account_id": ctx.account_id},
            insert_defaults=dict.fromkeys(fields, 0),
        )


# --- fan source -----------------------------------------------------------------------------

SOURCE = "source"
"""The fan portrait dimension fan sources are stored under."""


@register
class FanSource(Kind):
    """``/data/external/fans/source/``: where fans come from, as shares ("62.35%")."""

    name = "fan_source"
    label = ("粉丝来源", "fan source")
    uses_snapshot_date = True
    columns = (
        Column("source", ("粉丝来源", "来源", "source"), parse_text, required=True),
        Column("share", ("占比", "percent"), parse_rate, required=True),
    )

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = op_data(doc)
        first = _first(data.get("list")) if data else None
        if first is None or "source" not in first or "percent" not in first:
            return None
        assert data is not None
        return (
            {"source": i.get("source"), "share": i.get("percent")}
            if isinstance(i, dict)
            else {"source": i}
            for i in data["list"]
        )

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        day = ctx.snapshot_date.isoformat()
        _upsert(
            ctx,
            "fanportrait",
            ("account_id", "dimension", "bucket", "as_of"),
            ("share",),
            [((ctx.account_id, SOURCE, r["source"], day), (round(r["share"], 6),)) for r in rows],
        )


# --- per-work data --------------------------------------------------------------------------

DAILY_KEYS = {"play": "plays", "like": "likes", "comment": "comments", "share": "shares"}
"""`/data/external/item/<key>/` → the snapshot column its daily counts add to."""
TOTAL_KEYS = {
    "total_play": "plays",
    "total_like": "likes",
    "total_comment": "comments",
    "total_share": "shares",
}
SNAP_COUNTS = WORK_COUNTS
SNAP_RATES = WORK_RATES


def find_work(conn: Bulk, account_id: int, ref: str) -> int | None:
    """A work by its store id, item_id or aweme id."""
    for col in ("item_id", "aweme_id"):
        row = conn.execute(
            f"SELECT id FROM work WHERE account_id=? AND {col}=? AND deleted_at IS NULL",
            (account_id, ref),
        ).fetchone()
        if row:
            return int(row[0])
    if ref.isdigit():
        row = conn.execute(
            "SELECT id FROM work WHERE account_id=? AND id=? AND deleted_at IS NULL",
            (account_id, int(ref)),
        ).fetchone()
        if row:
            return int(row[0])
    return None


@register
class WorkData(Kind):
    """``/data/external/item/base|play|like|comment|share/`` for one work (``--work``).

    ``base`` gives the work's totals (``result``, as of the snapshot date; or a dated
    ``result_list``): a snapshot. ``play``/``like``/``comment``/``share`` give what each day
    added: they are summed into the work's snapshots of those days, starting from its snapshot
    before the first day (0 when it has none), so its daily numbers are the file's.
    """

    name = "work_data"
    label = ("开放平台作品数据", "Open Platform work data")
    uses_snapshot_date = True
    columns = (
        Column("day", ("date",), parse_date),
        Column("plays", ("play",), parse_count),
        Column("likes", ("like",), parse_count),
        Column("comments", ("comment",), parse_count),
        Column("shares", ("share",), parse_count),
        Column("total_plays", ("total_play",), parse_count),
        Column("total_likes", ("total_like",), parse_count),
        Column("total_comments", ("total_comment",), parse_count),
        Column("total_shares", ("total_share",), parse_count),
        Column("avg_watch_s", ("avg_play_duration",), parse_duration),
    )
    options = (WORK_OPTION,)
    min_columns = 99  # JSON only

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = op_data(doc)
        if data is None:
            return None
        result = data.get("result")
        if isinstance(result, dict) and any(k in result for k in TOTAL_KEYS):
            return iter([self._record(result)])
        first = _first(data.get("result_list"))
        if first is None or not any(k in first for k in (*DAILY_KEYS, *TOTAL_KEYS)):
            return None
        return (self._record(i) for i in data["result_list"])

    @staticmethod
    def _record(item: Any) -> dict[str, Any]:
        if not isinstance(item, dict):
            return {"day": item}
        rec: dict[str, Any] = {
            "day": item.get("date"),
            "avg_watch_s": item.get("avg_play_duration"),
        }
        for key, col in DAILY_KEYS.items():
            rec[col] = item.get(key)
        for key, col in TOTAL_KEYS.items():
            rec["total_" + col] = item.get(key)
        return rec

    def begin(self, ctx: ImportContext) -> None:
        ref = ctx.options.get("work")
        if ref is None:
            raise UserError(t("src.work_data_needs_work", file=str(ctx.source)))
        work_id = find_work(ctx.conn, ctx.account_id, str(ref).strip())
        if work_id is None:
            raise UserError(t("err.unknown_work", id=ref))
        ctx.state.update(work=work_id, today=today(), daily=[], totals=[])

    def check(self, ctx: ImportContext, row: Row) -> None:
        day = row["day"] or ctx.snapshot_date
        if day > ctx.state["today"]:
            raise RowProblem("day", "imp.future_time")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        # Daily counts are summed in date order: gather them all, write in `finish`.
        for r in rows:
            day = r["day"] or ctx.snapshot_date
            if any(r["total_" + c] is not None for c in DAILY_KEYS.values()) or r["avg_watch_s"]:
                ctx.state["totals"].append((day, r))
            else:
                ctx.state["daily"].append((day, r))

    def finish(self, ctx: ImportContext) -> None:
        from creatorctl.importers.worksdb import refresh_works

        st = ctx.state
        snaps = _Snapshots(ctx, st["work"])
        for day, r in st["totals"]:
            values = {c: r["total_" + c] for c in DAILY_KEYS.values()}
            values["avg_watch_s"] = r["avg_watch_s"]
            snaps.set(day, values)
        daily: list[tuple[date, Row]] = sorted(st["daily"], key=lambda d: d[0])
        for col in DAILY_KEYS.values():
            days = [(d, r[col]) for d, r in daily if r[col] is not None]
            if not days:
                continue
            running = snaps.before(days[0][0], col)
            for day, added in days:
                running += added
                snaps.set(day, {col: running})
        snaps.flush()
        refresh_works(ctx.conn, [st["work"]])


class _Snapshots:
    """One work's snapshots, read once, changed in memory, written back with counts."""

    def __init__(self, ctx: ImportContext, work_id: int) -> None:
        self.ctx, self.work_id = ctx, work_id
        cols = ", ".join((*SNAP_COUNTS, *SNAP_RATES))
        self.rows: dict[str, dict[str, Any]] = {}
        for r in ctx.conn.execute(
            f"SELECT snapshot_date, {cols} FROM worksnapshot WHERE work_id=?", (work_id,)
        ):
            self.rows[str(r[0])] = dict(zip((*SNAP_COUNTS, *SNAP_RATES), r[1:], strict=True))
        self.old = {d: dict(v) for d, v in self.rows.items()}
        self.seen: dict[str, None] = {}

    def before(self, day: date, col: str) -> int:
        """`col` of the newest snapshot before `day` (0 when there is none)."""
        earlier = [d for d in self.rows if d < day.isoformat()]
        return int(self.rows[max(earlier)][col] or 0) if earlier else 0

    def set(self, day: date, values: dict[str, Any]) -> None:
        key = day.isoformat()
        self.seen[key] = None
        row = self.rows.get(key)
        if row is None:
            # A new day starts from the day before's numbers: a field this file does not give
            # did not change that day (never an invented jump from 0).
            prev = [d for d in self.rows if d < key]
            base = dict(self.rows[max(prev)]) if prev else dict.fromkeys(SNAP_COUNTS, 0)
            row = self.rows[key] = {c: base.get(c) for c in (*SNAP_COUNTS, *SNAP_RATES)}
        for c, v in values.items():
            if v is not None:
                row[c] = v

    def flush(self) -> None:
        conn, ctx = self.ctx.conn, self.ctx
        cols = (*SNAP_COUNTS, *SNAP_RATES)
        for key in self.seen:
            row, old = self.rows[key], self.old.get(key)
            if old is None:
                conn.execute(
                    f"INSERT INTO worksnapshot(work_id, snapshot_date, {', '.join(cols)}) "
                    f"VALUES (?, ?, {', '.join('?' * len(cols))})",
                    (self.work_id, key, *(row[c] for c in cols)),
                )
                ctx.added()
            elif old == row:
                ctx.unchanged()
            else:
                conn.execute(
                    f"UPDATE worksnapshot SET {', '.join(f'{c}=?' for c in cols)} "
                    "WHERE work_id=? AND snapshot_date=?",
                    (*(row[c] for c in cols), self.work_id, key),
                )
                ctx.updated()
