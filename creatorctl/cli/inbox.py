"""`creatorctl comments …` (export: `creatorctl export comments`, registered with the importer)."""

from __future__ import annotations

import sys

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table
from creatorctl.sorting import COMMENT_SORTS


@click.group("comments")
def comments() -> None:
    """Comments 评论: list, search, pin, delete/restore, reply, purge flagged."""


@comments.command("list")
@click.option("--work", "work_id", type=int, metavar="ID", help="Only this work's comments.")
@click.option(
    "--sort",
    type=click.Choice(COMMENT_SORTS.keys),
    default=COMMENT_SORTS.default,
    show_default=True,
)
@click.option("--search", "query", metavar="Q", help="Keywords in the text or nickname.")
@click.option("--flagged", is_flag=True, help="Only comments flagged as ads, spam or abuse.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_cmd(
    ctx: Ctx,
    work_id: int | None,
    sort: str,
    query: str | None,
    flagged: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Comments, newest (or most liked) first."""
    from creatorctl.i18n import fmt_int, t
    from creatorctl.inbox.comments import CommentFilter, check_work, list_comments

    acc = ctx.require_account()
    if work_id is not None:
        check_work(ctx.store, work_id, acc.id)
    f = CommentFilter(acc.id, work_id=work_id, sort=sort, query=query or "", flagged=flagged)
    rows = list_comments(ctx.store, f, limit=limit)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(t("inbox.none_comments"))
        return
    echo_table(
        [
            "ID",
            t("inbox.col_time"),
            t("inbox.col_user"),
            t("inbox.col_content"),
            t("inbox.col_likes"),
            t("inbox.col_flags"),
        ],
        [
            [
                r.id,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.nickname,
                ("📌 " if r.pinned else "") + r.content,
                fmt_int(r.likes),
                " ".join(t(f"inbox.flag.{x}") for x in r.flags),
            ]
            for r in rows
        ],
    )


@comments.command("pin")
@click.argument("comment_id", type=int)
@click.option("--unpin", is_flag=True, help="Unpin it instead.")
@pass_ctx
def pin_cmd(ctx: Ctx, comment_id: int, unpin: bool) -> None:
    """Pin a comment to the top of its work (one per work)."""
    from creatorctl.i18n import t
    from creatorctl.inbox.comments import pin_comment, unpin_comment

    acc = ctx.require_account()
    if unpin:
        unpin_comment(ctx.store, comment_id, acc.id)
        click.echo(t("inbox.unpinned_done", id=comment_id))
        return
    old = pin_comment(ctx.store, comment_id, acc.id)
    click.echo(
        t("inbox.pinned_replaced", id=comment_id, old=old)
        if old
        else t("inbox.pinned_done", id=comment_id)
    )


@comments.command("delete")
@click.argument("ids", type=int, nargs=-1, required=True)
@pass_ctx
def delete_cmd(ctx: Ctx, ids: tuple[int, ...]) -> None:
    """Move comments to the trash (restorable)."""
    from creatorctl.i18n import t
    from creatorctl.inbox.comments import delete_comments

    acc = ctx.require_account()
    click.echo(t("inbox.deleted_done", n=delete_comments(ctx.store, list(ids), acc.id)))


@comments.command("restore")
@click.argument("ids", type=int, nargs=-1, required=True)
@pass_ctx
def restore_cmd(ctx: Ctx, ids: tuple[int, ...]) -> None:
    """Bring deleted comments back from the trash."""
    from creatorctl.i18n import t
    from creatorctl.inbox.comments import restore_comments

    acc = ctx.require_account()
    click.echo(t("inbox.restored_done", n=restore_comments(ctx.store, list(ids), acc.id)))


@comments.command("reply")
@click.argument("comment_id", type=int)
@click.argument("text")
@pass_ctx
def reply_cmd(ctx: Ctx, comment_id: int, text: str) -> None:
    """Reply to a comment (sent through the [reply] command hook when configured)."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.inbox.reply import reply_comment

    acc = ctx.require_account()
    result = reply_comment(ctx.store, ctx.config, acc.id, comment_id, text)
    if result.status == "failed":
        raise UserError(t("inbox.err_reply_hook", error=result.error))
    click.echo(t("inbox.replied_done", id=comment_id, status=t(f"inbox.status.{result.status}")))


@comments.command("purge-flagged")
@click.option("--work", "work_id", type=int, metavar="ID", help="Only this work's comments.")
@click.option("--yes", is_flag=True, help="Do it without asking.")
@pass_ctx
def purge_cmd(ctx: Ctx, work_id: int | None, yes: bool) -> None:
    """Move every flagged comment (ads, spam, abuse) to the trash."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.inbox.comments import check_work, count_flagged, purge_flagged

    acc = ctx.require_account()
    if work_id is not None:
        check_work(ctx.store, work_id, acc.id)
    n = count_flagged(ctx.store, acc.id, work_id)
    if not n:
        click.echo(t("inbox.purge_none"))
        return
    if not yes:
        if not sys.stdin.isatty():
            raise UserError(t("inbox.err_need_yes", n=n))
        click.confirm(t("inbox.confirm_purge", n=n), abort=True)
    click.echo(t("inbox.purged_done", n=purge_flagged(ctx.store, acc.id, work_id)))


@comments.command("reflag")
@pass_ctx
def reflag_cmd(ctx: Ctx) -> None:
    """Flag every comment again with the current rules and [inbox] flag_words."""
    from creatorctl.i18n import t
    from creatorctl.inbox.comment_load import reflag_comments

    acc = ctx.require_account()
    n = reflag_comments(ctx.store, acc.id, ctx.config.inbox.flag_words)
    click.echo(t("inbox.reflagged", n=n))


COMMANDS = [comments]
