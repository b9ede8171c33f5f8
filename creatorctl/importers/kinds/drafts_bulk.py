"""Bulk drafts 批量草稿 (CSV/XLSX, Chinese or English headers): one draft per row.

标题/title and 视频/video are required columns (the video column tells a drafts sheet from a
works export that also has 标题 and 发布时间); 描述/description, 话题/topics, 封面/cover and
发布时间/time are optional. 发布时间 is a local time (the draft is scheduled), `queue` (it goes
to the next free posting slot, see creatorctl.posting_queue) or empty (a plain draft).

All or nothing, like every import: a bad row (a time in the past, a draft over one of Douyin's
hard limits that would be scheduled) refuses the file. A row whose title is already a draft or
a published work, or repeats an earlier row, is skipped and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.numbers import ParseError, parse_datetime, parse_text
from creatorctl.timeutil import local_to_utc, to_db

QUEUE_WORDS = {"queue", "排队", "队列", "加入队列", "q"}


def parse_when(v: object) -> datetime | str | None:
    """A local time, the word `queue` (排队), or None."""
    text = parse_text(v)
    if text is None:
        return None
    if text.strip().lower() in QUEUE_WORDS:
        return "queue"
    return parse_datetime(text)


def parse_topics(v: object) -> str | None:
    text = parse_text(v)
    if text is None:
        return None
    return " ".join(p for p in text.replace(",", " ").replace(",", " ").replace("#", " ").split())


@register
class BulkDrafts(Kind):
    name = "drafts"
    label = ("批量草稿", "bulk drafts")
    columns = (
        Column("title", ("标题", "作品标题", "Title"), parse_text, required=True),
        Column("video", ("视频", "视频文件", "视频路径", "Video", "Video path"), parse_text,
               required=True),
        Column("description", ("描述", "简介", "作品描述", "Description", "Caption"), parse_text),
        Column("topics", ("话题", "Topics", "Tags", "Hashtags"), parse_topics),
        Column("cover", ("封面", "封面图", "Cover"), parse_text),
        Column("when", ("发布时间", "定时", "时间", "Time", "Publish time", "Schedule"),
               parse_when),
    )  # fmt: skip
    min_columns = 2

    def begin(self, ctx: ImportContext) -> None:
        from creatorctl.platform_limits import configured_limits
        from creatorctl.timeutil import now_local

        ctx.state["now"] = now_local()
        ctx.state["limits"] = configured_limits()
        ctx.state["seen"] = set()

    def check(self, ctx: ImportContext, row: Row) -> None:
        from creatorctl.drafts import validate_fields
        from creatorctl.platform_limits import check_post

        try:
            clean = validate_fields(
                title=row["title"],
                description=row["description"] or "",
                tags=tuple((row["topics"] or "").split()),
                video_path=row["video"] or "",
                cover_path=row["cover"] or "",
            )
        except UserError as exc:
            raise RowProblem("title", "drafts.imp.bad", why=str(exc)) from None
        row["clean"] = clean
        when = row["when"]
        if isinstance(when, datetime) and when <= ctx.state["now"]:
            raise RowProblem("when", "drafts.imp.past", when=f"{when:%Y-%m-%d %H:%M}")
        if when is not None:
            hard = [
                v.message
                for v in check_post(
                    ctx.state["limits"],
                    title=clean["title"],
                    description=clean.get("description", ""),
                    tags=tuple(clean.get("tags", "").split()),
                    video_path=clean.get("video_path", ""),
                    cover_path=clean.get("cover_path", ""),
                )
                if v.hard
            ]
            if hard:
                raise RowProblem("title", "drafts.imp.limits", why="; ".join(hard))

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn, acc = ctx.conn, ctx.account_id
        now = ts(local_to_utc(ctx.state["now"]))
        for row in rows:
            clean = row["clean"]
            title = clean["title"]
            dup = self._duplicate(ctx, title)
            if dup is not None:
                ctx.skip(row["_line"], dup)
                continue
            ctx.state["seen"].add(title)
            when = row["when"]
            if when == "queue":
                when = self._next_slot(ctx, tuple(clean.get("tags", "").split()))
            at = ts(local_to_utc(when)) if isinstance(when, datetime) else None
            conn.execute(
                "INSERT INTO draft(account_id, title, description, tags, video_path, cover_path, "
                "edit_params, state, scheduled_at, next_try_at, attempts, last_error, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, 0, '', ?, ?)",
                (
                    acc,
                    title,
                    clean.get("description", ""),
                    clean.get("tags", ""),
                    clean.get("video_path", ""),
                    clean.get("cover_path", ""),
                    "scheduled" if at else "draft",
                    at,
                    at,
                    now,
                    now,
                ),
            )
            if isinstance(when, datetime):
                ctx.state.setdefault("taken", []).append(when)
            ctx.added()

    def _duplicate(self, ctx: ImportContext, title: str) -> str | None:
        """Why a row with this title is not imported again, or None."""
        if title in ctx.state["seen"]:
            return t("drafts.imp.dup_file")
        row = ctx.conn.execute(
            "SELECT id FROM draft WHERE account_id = ? AND title = ? AND deleted_at IS NULL",
            (ctx.account_id, title),
        ).fetchone()
        if row:
            return t("drafts.imp.dup_draft", id=row[0])
        row = ctx.conn.execute(
            "SELECT id FROM work WHERE account_id = ? AND title = ? AND deleted_at IS NULL",
            (ctx.account_id, title),
        ).fetchone()
        return t("drafts.imp.dup_work", id=row[0]) if row else None

    def _next_slot(self, ctx: ImportContext, tags: tuple[str, ...]) -> datetime:
        """The queue's rule (posting_queue.next_free_slot): no post within 30 minutes, no live
        preview within an hour; this file's own rows count as posts."""
        from creatorctl.posting_queue import CONFLICT_WINDOW, free_slot, slots_from

        if "slots" not in ctx.state:
            ctx.state["slots"] = _slots(ctx, slots_from)
            ctx.state.setdefault("taken", []).extend(_scheduled(ctx))
            ctx.state["lives"] = _lives(ctx)
        taken: list[datetime] = ctx.state["taken"]
        lives = ctx.state["lives"]

        def is_taken(when: datetime) -> bool:
            if any(abs(when - other) < CONFLICT_WINDOW for other in taken):
                return True
            return lives.skip_reason(when) is not None

        when, _slot = free_slot(ctx.state["slots"], tags, ctx.state["now"], is_taken)
        return when


ts = to_db


def _slots(ctx: ImportContext, slots_from: Any) -> Any:
    from creatorctl.config import load_config
    from creatorctl.posting_queue import SETTING_KEY

    own = ctx.conn.execute(
        "SELECT value FROM setting WHERE key = ?", (SETTING_KEY.format(account=ctx.account_id),)
    ).fetchone()
    grid = [[0.0] * 24 for _ in range(7)]
    for wd, hour, value in ctx.conn.execute(
        "SELECT weekday, hour, value FROM fanactivity WHERE account_id = ?", (ctx.account_id,)
    ):
        if 0 <= wd < 7 and 0 <= hour < 24:
            grid[wd][hour] = float(value)
    from creatorctl.fans import best_slots

    best = [(s.weekday, s.hour) for s in best_slots(grid)]
    try:
        configured = load_config().queue.slots
    except UserError:
        configured = []
    return slots_from(own[0] if own else None, configured, best)[0]


def _scheduled(ctx: ImportContext) -> list[datetime]:
    from creatorctl.timeutil import from_db, utc_to_local

    rows = ctx.conn.execute(
        "SELECT scheduled_at FROM draft WHERE account_id = ? AND deleted_at IS NULL "
        "AND state IN ('scheduled', 'publishing') AND scheduled_at IS NOT NULL",
        (ctx.account_id,),
    ).fetchall()
    return [utc_to_local(from_db(r[0])) for r in rows]


def _lives(ctx: ImportContext) -> Any:
    """The account's live previews (read in the import's own transaction)."""
    from creatorctl.inbox.live import Preview
    from creatorctl.posting_queue import LiveCalendar
    from creatorctl.timeutil import from_db, utc_to_local

    since = local_to_utc(ctx.state["now"] - timedelta(hours=2))  # a slot is >= now + 10 min
    rows = ctx.conn.execute(
        "SELECT id, topic, start_at FROM livepreview WHERE account_id = ? AND start_at >= ?",
        (ctx.account_id, to_db(since)),
    ).fetchall()
    return LiveCalendar([Preview(r[0], r[1], utc_to_local(from_db(r[2]))) for r in rows])


_ = (time, ParseError)
