"""Comments: CSV (Chinese or English headers) and the Open Platform comment list JSON.

The Open Platform response (``data.list[]`` with ``comment_id``, ``comment_user_id``,
``content``, ``create_time``, ``digg_count``, ``top``) does not name its work, so
``--work ID`` says which; a CSV may name each row's work in a 作品ID column instead.
Flags are computed as rows go in; the search index is filled once at the end of the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
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
from creatorctl.timeutil import local_to_utc, now_local

WORK_OPTION = KindOption(
    "work", "The work the comments belong to (store id); needed for Open Platform JSON.",
    metavar="ID", parse=int,
)  # fmt: skip


@register
class Comments(Kind):
    name = "comments"
    label = ("评论", "comments")
    columns = (
        Column("comment_id", ("评论ID", "Comment ID", "comment_id"), parse_id),
        Column("work", ("作品ID", "Work ID", "work_id", "item_id"), parse_id),
        Column("user_id", ("用户ID", "User ID", "comment_user_id", "user_id"), parse_id),
        Column("nickname", ("用户昵称", "昵称", "评论用户", "Nickname", "nickname"), parse_text),
        Column("content", ("评论内容", "内容", "Content", "content"), parse_text, required=True),
        Column("created_at", ("评论时间", "时间", "Time", "create_time", "created_at"),
               parse_datetime, required=True),
        Column("likes", ("点赞数", "点赞", "Likes", "digg_count", "likes"), parse_count),
        Column("pinned", ("置顶", "Pinned", "top", "pinned"), parse_bool),
    )  # fmt: skip
    options = (WORK_OPTION,)
    batch_size = 20_000

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

        work = ctx.options.get("work")
        if (
            work is not None
            and not ctx.conn.execute(
                "SELECT 1 FROM work WHERE id=? AND account_id=? AND deleted_at IS NULL",
                (work, ctx.account_id),
            ).fetchone()
        ):
            raise UserError(t("err.unknown_work", id=work))
        ctx.state["words"] = load_config().inbox.flag_words
        ctx.state["works"] = {}
        ctx.state["now"] = now_local()
        ctx.state["start"] = pause_search_index(ctx.conn)

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
            if row is None and ref.isdigit():
                row = ctx.conn.execute(
                    "SELECT id FROM work WHERE account_id=? AND id=? AND deleted_at IS NULL",
                    (ctx.account_id, int(ref)),
                ).fetchone()
            cache[ref] = int(row[0]) if row else None
        return cache[ref]

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        from creatorctl.inbox.comment_load import insert_comments

        prepared: dict[tuple[int, str], dict[str, object]] = {}
        for row in rows:
            work_id = self._work_id(ctx, row["work"])
            assert work_id is not None  # check() refused rows of unknown works
            created = local_to_utc(row["created_at"])
            key = (
                row["comment_id"]
                or "h:"
                + hashlib.sha1(
                    f"{row['user_id']}|{row['nickname']}|{created}|{row['content']}".encode()
                ).hexdigest()[:20]
            )
            prepared[(work_id, key)] = {
                "account_id": ctx.account_id,
                "work_id": work_id,
                "comment_id": key,
                "user_id": row["user_id"] or "",
                "nickname": row["nickname"] or "",
                "content": row["content"],
                "created_at": created,
                "likes": row["likes"] or 0,
                "pinned": bool(row["pinned"]),
            }
        existing: dict[tuple[int, str], int] = {}
        keys = list(prepared)
        for i in range(0, len(keys), 400):
            chunk = keys[i : i + 400]
            sql = "SELECT work_id, comment_id, likes FROM comment WHERE " + " OR ".join(
                "(work_id=? AND comment_id=?)" for _ in chunk
            )
            for w, c, likes in ctx.conn.execute(sql, [x for k in chunk for x in k]):
                existing[(w, c)] = likes
        new = [r for k, r in prepared.items() if k not in existing]
        changed = [
            (r["likes"], k[0], k[1])
            for k, r in prepared.items()
            if k in existing and existing[k] != r["likes"]
        ]
        insert_comments(ctx.conn, new, ctx.state["words"])
        if changed:
            ctx.conn.executemany(
                "UPDATE comment SET likes=? WHERE work_id=? AND comment_id=?", changed
            )
        ctx.added(len(new))
        ctx.updated(len(changed))
        ctx.unchanged(len(prepared) - len(new) - len(changed))
        # A row repeated inside the batch counts once as written, its repeats as unchanged.
        ctx.unchanged(len(rows) - len(prepared))

    def finish(self, ctx: ImportContext) -> None:
        from creatorctl.inbox.comment_load import resume_search_index

        resume_search_index(ctx.conn, ctx.state["start"])


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
