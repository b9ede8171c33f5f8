"""`creatorctl works list|show|edit|history|undo|delete|restore`."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table
from creatorctl.sorting import WORK_SORTS


@click.group("works")
def works() -> None:
    """Published works: list, search, edit without republishing."""


@works.command("list")
@click.option("--search", "query", metavar="Q", help="Keywords in title, description or topics.")
@click.option(
    "--sort", type=click.Choice(WORK_SORTS.keys), default=WORK_SORTS.default, show_default=True
)
@click.option(
    "--asc/--desc",
    default=None,
    help="Ascending or descending (default: as the Works tab: titles A→Z, the rest most first).",
)
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_cmd(
    ctx: Ctx,
    query: str | None,
    sort: str,
    asc: bool | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List works, newest first."""
    from creatorctl.i18n import fmt_int, fmt_pct, t
    from creatorctl.works import count_works, list_works

    acc = ctx.require_account()
    descending = WORK_SORTS.descending(sort) if asc is None else not asc
    rows = list_works(
        ctx.store, acc.id, query=query, sort=sort, descending=descending, offset=offset, limit=limit
    )
    if len(rows) == limit or offset:
        # A cut list must say so (on stderr, so pipes and --json stay clean).
        total = count_works(ctx.store, acc.id, query)
        if offset + len(rows) < total or offset:
            shown = fmt_int(len(rows))
            click.echo(t("cli.shown_of", shown=shown, total=fmt_int(total)), err=True)
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        click.echo(t("works.none_found") if query else t("works.none"))
        return
    echo_table(
        [
            "ID",
            t("col.published"),
            t("col.title"),
            t("col.plays"),
            t("col.likes"),
            t("col.comments"),
            t("col.shares"),
            t("col.completion"),
        ],
        [
            [
                r.id,
                r.published_at.strftime("%Y-%m-%d %H:%M"),
                r.title,
                fmt_int(r.plays),
                fmt_int(r.likes),
                fmt_int(r.comments),
                fmt_int(r.shares),
                fmt_pct(r.completion_rate),
            ]
            for r in rows
        ],
    )


@works.command("show")
@click.argument("work_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show_cmd(ctx: Ctx, work_id: int, as_json: bool) -> None:
    """A work's details and its last 14 days."""
    from dataclasses import asdict

    from creatorctl.i18n import fmt_int, fmt_pct, t
    from creatorctl.timeutil import zone_label
    from creatorctl.works import get_work

    acc = ctx.require_account()
    w = get_work(ctx.store, work_id, acc.id)
    if as_json:
        echo_json(asdict(w))
        return
    click.echo(f"#{w.id} {w.title}")
    when = f"{w.published_at:%Y-%m-%d %H:%M} {zone_label()}"  # Douyin's clock, named
    click.echo(f"{t('col.published')}: {when}   {' '.join(w.tags)}")
    if w.description:
        click.echo(w.description)
    click.echo(
        f"{t('col.plays')} {fmt_int(w.plays)} · {t('col.likes')} {fmt_int(w.likes)} · "
        f"{t('col.comments')} {fmt_int(w.comments)} · {t('col.shares')} {fmt_int(w.shares)} · "
        f"{t('col.completion')} {fmt_pct(w.completion_rate)}"
    )
    if w.duration_s is not None:
        click.echo(f"{t('col.duration')}: {w.duration_s:g} s")
    if w.daily:
        echo_table(
            [t("col.day"), t("col.plays"), t("col.likes"), t("col.comments"), t("col.shares")],
            [
                [d.day, fmt_int(d.plays), fmt_int(d.likes), fmt_int(d.comments), fmt_int(d.shares)]
                for d in w.daily[-14:]
            ],
        )


@works.command("edit")
@click.argument("work_id", type=int)
@click.option("--title")
@click.option("--description")
@click.option("--add-tag", "add_tags", multiple=True, metavar="TAG", help="Add a topic (#tag).")
@click.option("--remove-tag", "remove_tags", multiple=True, metavar="TAG", help="Remove a topic.")
@click.option("--tags", "tags", metavar="'#A #B'", help="Replace all topics.")
@click.option("--cover", "cover_path", metavar="PATH", help="Cover image path ('' to clear).")
@pass_ctx
def edit_cmd(
    ctx: Ctx,
    work_id: int,
    title: str | None,
    description: str | None,
    add_tags: tuple[str, ...],
    remove_tags: tuple[str, ...],
    tags: str | None,
    cover_path: str | None,
) -> None:
    """Edit a work without republishing; every change is kept and can be undone."""
    from creatorctl.i18n import t
    from creatorctl.works import edit_work

    acc = ctx.require_account()
    changes = edit_work(
        ctx.store,
        work_id,
        title=title,
        description=description,
        tags=(tags,) if tags is not None else None,
        add_tags=add_tags,
        remove_tags=remove_tags,
        cover_path=cover_path,
        account_id=acc.id,
    )
    if not changes:
        click.echo(t("cli.nothing_changed"))
    for key, (old, new) in changes.items():
        click.echo(f"{t('field.' + key)}: {old or '–'} → {new or '–'}")


@works.command("history")
@click.argument("work_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def history_cmd(ctx: Ctx, work_id: int, as_json: bool) -> None:
    """Every edit of a work, newest first."""
    from creatorctl.accounts import history
    from creatorctl.i18n import t
    from creatorctl.timeutil import fmt_local
    from creatorctl.works import get_work

    acc = ctx.require_account()
    get_work(ctx.store, work_id, acc.id)
    changes = history(ctx.store, "work", work_id)
    if as_json:
        echo_json(
            [
                {
                    "field": c.field,
                    "old": c.old,
                    "new": c.new,
                    "changed_at": c.changed_at.isoformat(),
                    "undone": c.undone,
                }
                for c in changes
            ]
        )
        return
    if not changes:
        click.echo(t("works.no_history"))
        return
    echo_table(
        [t("col.when"), t("col.field"), t("col.old"), t("col.new")],
        [[fmt_local(c.changed_at), c.field, c.old, c.new] for c in changes],
    )


@works.command("undo")
@click.argument("work_id", type=int)
@pass_ctx
def undo_cmd(ctx: Ctx, work_id: int) -> None:
    """Undo the last edit of a work."""
    from creatorctl.accounts import undo_last
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.works import get_work

    acc = ctx.require_account()
    get_work(ctx.store, work_id, acc.id)
    restored = undo_last(ctx.store, "work", work_id)
    if restored is None:
        raise UserError(t("works.nothing_to_undo"))
    for key, value in restored.items():
        click.echo(f"{t('field.' + key)} ← {value or '–'}")


@works.command("delete")
@click.argument("work_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask.")
@pass_ctx
def delete_cmd(ctx: Ctx, work_id: int, yes: bool) -> None:
    """Move a work to the trash (restorable)."""
    from creatorctl.i18n import t
    from creatorctl.works import delete_work, get_work

    acc = ctx.require_account()
    w = get_work(ctx.store, work_id, acc.id)
    if not yes:
        click.confirm(t("works.confirm_delete", title=w.title), abort=True)
    delete_work(ctx.store, work_id, acc.id)
    click.echo(t("works.deleted", title=w.title))


@click.group("trash")
def trash() -> None:
    """Deleted things, restorable."""


@trash.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def trash_list(ctx: Ctx, as_json: bool) -> None:
    """What is in the trash."""
    from creatorctl.i18n import t
    from creatorctl.timeutil import fmt_local
    from creatorctl.trash import list_trash

    acc = ctx.require_account()
    items = list_trash(ctx.store, acc.id)
    if as_json:
        echo_json(
            [
                {
                    "id": i.id,
                    "entity": i.entity,
                    "entity_id": i.entity_id,
                    "label": i.label,
                    "deleted_at": i.deleted_at.isoformat(),
                }
                for i in items
            ]
        )
        return
    if not items:
        click.echo(t("trash.empty"))
        return
    echo_table(
        ["ID", t("col.kind"), t("col.title"), t("col.when")],
        [[i.id, i.entity, i.label, fmt_local(i.deleted_at)] for i in items],
    )


@trash.command("restore")
@click.argument("trash_ids", type=int, nargs=-1, required=True)
@pass_ctx
def trash_restore(ctx: Ctx, trash_ids: tuple[int, ...]) -> None:
    """Restore items (IDs from `trash list`)."""
    from creatorctl.i18n import t
    from creatorctl.trash import restore

    n = restore(ctx.store, list(trash_ids))
    click.echo(t("trash.restored", n=n))


COMMANDS = [works, trash]
