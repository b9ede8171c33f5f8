"""Comments: CSV (Chinese or English headers) and the Open Platform comment list JSON.

The Open Platform response (``data.list[]`` with ``comment_id``, ``comment_user_id``,
``content``, ``create_time``, ``digg_count``, ``top``) does not name its work, so
``--work ID`` says which (store id, item_id or aweme id); a CSV may name each row's work in a
作品ID / ``aweme_id`` column instead (MediaCrawler), so one file may span many works. Replies:
a parent column (``parent_comment_id``, 回复ID; ``0`` none) or ``--parent`` for the Open
Platform's reply list; they are attached in `finish`, once every comment of the file is in.
Flags are computed as rows go in; the search index is filled once at the end of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from creatorctl.errors import UserError
from creatorctl.i18n import t
from creatorctl.importers.base import (
    Column,
    ImportContext,
    Kind,
    KindOption,
    Row,
    RowProblem,
    register,
)
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import (
    parse_bool,
    parse_count,
    parse_datetime,
    parse_id,
    parse_text,
)
from creatorctl.store_bulk import Bulk
from creatorctl.timeutil import LocalToUtc, now_local, to_db

PARENT_OPTION = KindOption(
    "parent", "The comment the file's comments reply to (its platform comment_id or store id); "
    "for Open Platform /item/comment/reply/list/.", metavar="COMMENT",
)  # fmt: skip
NO_PARENT = ("0", "")
"""What tools write as the parent of a top-level comment (MediaCrawler, TikTokDownloader)."""
WORK_OPTION = KindOption(
    "work", "The work the file is about (store id, item_id or aweme id): for Open Platform "
    "comments and work data, TikTokDownloader comments.", metavar="ID",
)  # fmt: skip


@register
class Comments(Kind):
    name = "comments"
    label = ("评论", "comments")
    columns = (
        Column("comment_id", ("评论ID", "Comment ID", "comment_id"), parse_id),
        Column("work", ("作品ID", "Work ID", "work_id", "item_id", "aweme_id"), parse_id),
        Column("user_id", ("用户ID", "User ID", "comment_user_id", "user_id", "UID",
                           "creator_hash"), parse_id),
        Column("nickname", ("用户昵称", "昵称", "评论用户", "Nickname", "nickname", "账号昵称"),
               parse_text),
        Column("content", ("评论内容", "内容", "Content", "content"), parse_text, required=True),
        Column("created_at", ("评论时间", "时间", "Time", "create_time", "created_at"),
               parse_datetime, required=True),
        Column("likes", ("点赞数", "点赞", "Likes", "digg_count", "likes", "like_count", "点赞数量"),
               parse_count),
        Column("pinned", ("置顶", "Pinned", "top", "pinned"), parse_bool),
        Column("parent", ("父评论ID", "回复ID", "Parent comment ID", "parent_comment_id",
                          "parent"), parse_id),
    )  # fmt: skip
    options = (WORK_OPTION, PARENT_OPTION)
    batch_size = 20_000
    pipelined = True  # check() looks works up; write() never adds any

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        data = doc.get("data") if isinstance(doc, dict) else None
        items = data.get("list") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            return None
        if not isinstance(items[0], dict) or "comment_id" not in items[0]:
            return None
        return (
            {
                "comment_id": c.get("comment_id"),
                "user_id": c.get("comment_user_id"),
                "nickname": c.get("nickname") or c.get("comment_user_nickname"),
                "content": c.get("content"),
                "created_at": c.get("create_time"),
                "likes": c.get("digg_count"),
                "pinned": c.get("top"),
            }
            if isinstance(c, dict)
            else {"content": c}
            for c in items
        )

    def begin(self, ctx: ImportContext) -> None:
        from creatorctl.config import load_config
        from creatorctl.inbox.comment_load import pause_search_index

        ctx.state["replies"] = []
        ctx.state["parent"] = None
        if ctx.options.get("parent") is not None:
            parent = find_comment(ctx.conn, ctx.account_id, ctx.options["parent"])
            if parent is None:
                raise UserError(t("src.unknown_parent", id=ctx.options["parent"]))
            ctx.state["parent"] = parent
            ctx.options.setdefault("work", parent[1])
        work = ctx.options.get("work")
        if work is not None:
            from creatorctl.importers.kinds.open_data import find_work

            found = find_work(ctx.conn, ctx.account_id, str(work).strip())
            if found is None:
                raise UserError(t("err.unknown_work", id=work))
            ctx.options["work"] = found
        ctx.state["words"] = load_config().inbox.flag_words
        ctx.state["works"] = {}
        ctx.state["now"] = now_local()
        ctx.state["to_utc"] = LocalToUtc()
        ctx.state["start"] = pause_search_index(ctx.conn)
        if ctx.rows_estimate() >= ctx.table_rows("comment"):
            # More rows coming than there are: some indexes are cheaper built once at the end.
            ctx.suspend_indexes("comment", keep=KEEP_INDEXES if ctx.conn.is_sqlite else PG_KEEP)

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["work"] is None and "work" not in ctx.options:
            raise RowProblem("work", "inbox.imp_no_work")
        if row["created_at"] > ctx.state["now"]:
            raise RowProblem("created_at", "imp.future_time")
        if self._work_id(ctx, row["work"]) is None:
            raise RowProblem("work", "inbox.imp_unknown_work", ref=row["work"])

    def _work_id(self, ctx: ImportContext, ref: str | None) -> int | None:
        if ref is None:
            return int(ctx.options["work"])
        cache: dict[str, int | None] = ctx.state["works"]
        if ref not in cache:
            row = ctx.conn.execute(
                "SELECT id FROM work WHERE account_id=? AND item_id=? AND deleted_at IS NULL",
                (ctx.account_id, ref),
            ).fetchone()
            if row is None:  # tools name a work by its numeric aweme id
                row = ctx.conn.execute(
                    "SELECT id FROM work WHERE account_id=? AND aweme_id=? AND deleted_at IS NULL",
                    (ctx.account_id, ref),
                ).fetchone()
            if row is None and ref.isdigit():
                row = ctx.conn.execute(
                    "SELECT id FROM work WHERE account_id=? AND id=? AND deleted_at IS NULL",
                    (ctx.account_id, int(ref)),
                ).fetchone()
            cache[ref] = int(row[0]) if row else None
        return cache[ref]

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> _Batch:
        from creatorctl.inbox.comment_load import local_key, merge_payload
        from creatorctl.inbox.flags import comment_flags

        words = ctx.state["words"]
        to_utc = ctx.state["to_utc"]
        works: dict[str, int | None] = ctx.state["works"]  # filled by check()
        staged: dict[tuple[int, str], tuple[object, ...]] = {}
        pinned: list[tuple[int, str]] = []
        replies: list[tuple[str | None, int | None, int, str]] = ctx.state["replies"]
        for row in rows:
            ref = row["work"]
            work_id = works[ref] if ref is not None else int(ctx.options["work"])
            assert work_id is not None  # check() refused rows of unknown works
            created = to_db(to_utc(row["created_at"]))
            content = row["content"]
            # A comment without a platform id is known by who wrote what when.
            key = row["comment_id"] or local_key(row["user_id"], row["nickname"], created, content)
            # Same order as comment_load.MERGE_COLUMNS; a row repeated in the batch: the last
            # one wins.
            staged[(work_id, key)] = (
                work_id, key, row["user_id"] or "", row["nickname"] or "", content, created,
                row["likes"] or 0, comment_flags(content, words),
            )  # fmt: skip
            if row["pinned"]:
                pinned.append((work_id, key))
            parent = row["parent"]
            if parent is not None and parent not in NO_PARENT:
                replies.append((parent, None, work_id, key))
            elif ctx.state["parent"] is not None:
                replies.append((None, ctx.state["parent"][0], work_id, key))
        distinct = list(staged.values())
        # PostgreSQL takes the tuples as they are (COPY); SQLite one JSON text (merge_payload).
        payload = merge_payload(distinct) if ctx.conn.is_sqlite else distinct
        return _Batch(len(rows), len(staged), payload, pinned)

    def write(self, ctx: ImportContext, rows: _Batch) -> None:
        from creatorctl.inbox.comment_load import merge_rows, pin_comments

        added, updated = merge_rows(ctx.conn, ctx.account_id, rows.staged, rows.distinct)
        pin_comments(ctx.conn, rows.pinned)
        ctx.added(added)
        ctx.updated(updated)
        # A row repeated inside the batch counts once as written, its repeats as unchanged.
        ctx.unchanged(rows.rows - added - updated)

    def finish(self, ctx: ImportContext) -> None:
        from creatorctl.inbox.comment_load import resume_search_index

        # Indexed for search in one statement at the end: cheaper in all than batch by batch
        # (each search-index insert also merges part of the index).
        resume_search_index(ctx.conn, ctx.state["start"])
        # Replies under their parents, once every comment of the file is in (a parent may come
        # after its replies). A parent not stored yet: the reply stays top-level until it is.
        ctx.conn.executemany(
            "UPDATE comment SET parent_id = coalesce(?, (SELECT p.id FROM comment p "
            "WHERE p.work_id = comment.work_id AND p.comment_id = ?), parent_id) "
            "WHERE work_id = ? AND comment_id = ?",
            [(store_id, ref, w, k) for ref, store_id, w, k in ctx.state["replies"]],
        )


def find_comment(conn: Bulk, account_id: int, ref: str) -> tuple[int, int] | None:
    """(store id, work id) of a comment named by its platform comment_id or store id."""
    row = conn.execute(
        "SELECT id, work_id FROM comment WHERE account_id=? AND comment_id=? "
        "AND deleted_at IS NULL",
        (account_id, ref),
    ).fetchone()
    if row is None and ref.isdigit():
        row = conn.execute(
            "SELECT id, work_id FROM comment WHERE account_id=? AND id=? AND deleted_at IS NULL",
            (account_id, int(ref)),
        ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


KEEP_INDEXES = (
    "uq_comment_platform",
    "uq_comment_pinned",
    "ix_comment_acc_new",
    "ix_comment_work_new",
)
"""Kept while a big file loads: the platform-id one finds the comments already stored; new
rows only append to the newest-first ones (cheaper kept than built again). The others (most
liked, flagged) are built once at the end."""
PG_KEEP: tuple[str, ...] = ()
"""PostgreSQL keeps its unique indexes anyway (`Bulk.plain_indexes`); every other one costs
more kept than built again at the end: the newest-first btrees too, and the bigram search
index (kept up batch by batch it cost the server a tenth more than one build, measured on
200,000 comments twice each way)."""


@dataclass
class _Batch:
    rows: int
    """How many rows the batch had (repeats included)."""
    distinct: int
    """How many distinct comments they are."""
    staged: str | list[tuple[object, ...]]
    """The distinct comments: `comment_load.merge_payload`'s JSON on SQLite, the tuples on
    PostgreSQL."""
    pinned: list[tuple[int, str]]


register_export(
    Export(
        name="comments",
        label=("评论", "comments"),
        fields=fields_of(
            Comments.columns,
            ("comment_id", "work_id", "user_id", "nickname", "content", "created_at", "likes",
             "pinned"),
            renames={"work_id": "work"},
        )
        + (("flags", "标记"), ("reply_text", "作者回复")),
        sql=(
            "SELECT id, comment_id, work_id, user_id, nickname, content, created_at, likes, "
            "pinned, flags, reply_text, parent_id, is_mine, send_status FROM comment "
            "WHERE account_id = ? AND deleted_at IS NULL ORDER BY id"
        ),
        local_times=("created_at",),
    )
)  # fmt: skip
