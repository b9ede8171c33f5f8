"""`creatorctl drafts list|show|add|edit|schedule|cancel|publish|resolve|delete` (and
check|queue|slots, in drafts_plan)."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table

STATES = ["draft", "scheduled", "publishing", "published", "failed", "missed", "unknown"]


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(f"creatorctl: ⚠ {line}", err=True)


def _limits(ctx: Ctx, draft: object) -> list[str]:
    """Douyin's limits the saved draft breaks: a warning now, a refusal when scheduled."""
    from creatorctl.platform_limits import draft_violations

    return [v.message for v in draft_violations(draft, ctx.config.platform)]


@click.group("drafts")
def drafts() -> None:
    """Drafts and scheduled posts 草稿与定时发布."""


@drafts.command("list")
@click.option("--state", "states", multiple=True, type=click.Choice(STATES), help="Only these.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_cmd(ctx: Ctx, states: tuple[str, ...], as_json: bool) -> None:
    """Drafts: missed and failed first, then upcoming posts, then the rest."""
    from creatorctl.drafts import list_drafts
    from creatorctl.i18n import t

    acc = ctx.require_account()
    rows = list_drafts(ctx.store, acc.id, states or None)
    if as_json:
        echo_json([d.as_json() for d in rows])
        return
    if not rows:
        click.echo(t("drafts.none"))
        return
    echo_table(
        ["ID", t("col.state"), t("col.scheduled"), t("col.title"), t("col.tags"), t("col.note")],
        [
            [
                d.id,
                t(f"state.{d.state}"),
                d.scheduled_at.strftime("%Y-%m-%d %H:%M") if d.scheduled_at else "–",
                d.title,
                " ".join(d.tags),
                d.last_error or ("; ".join(d.warnings()) if d.state != "published" else ""),
            ]
            for d in rows
        ],
    )


@drafts.command("show")
@click.argument("draft_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show_cmd(ctx: Ctx, draft_id: int, as_json: bool) -> None:
    """Everything about a draft, exactly as saved, and its publish attempts."""
    from creatorctl.drafts import get_draft
    from creatorctl.i18n import t
    from creatorctl.publish_log import list_attempts
    from creatorctl.timeutil import fmt_local

    acc = ctx.require_account()
    d = get_draft(ctx.store, draft_id, acc.id)
    attempts = list_attempts(ctx.store, draft_id)
    if as_json:
        echo_json({**d.as_json(), "attempts_log": [a.as_json() for a in attempts]})
        return
    click.echo(f"#{d.id} {d.title}  [{t('state.' + d.state)}]")
    for key, value in (
        ("field.description", d.description),
        ("field.tags", " ".join(d.tags)),
        ("field.video_path", d.video_path),
        ("field.cover_path", d.cover_path),
        ("field.edit_params", d.edit_params),
        ("col.scheduled", d.scheduled_at.strftime("%Y-%m-%d %H:%M:%S") if d.scheduled_at else ""),
        ("col.note", d.last_error),
    ):
        if value:
            click.echo(f"{t(key)}: {value}")
    _warn(d.warnings())
    for a in attempts:
        click.echo(
            f"  {fmt_local(a.started_at, seconds=True)} {a.worker_id} "
            f"{'OK' if a.ok else a.error or '…'}"
        )


def _params(params: str | None, params_file: str | None) -> str | None:
    if params_file is not None:
        from pathlib import Path

        from creatorctl.errors import UserError
        from creatorctl.i18n import t

        try:
            return Path(params_file).read_text(encoding="utf-8")
        except OSError:
            raise UserError(t("err.no_file", path=params_file)) from None
    return params


@drafts.command("add")
@click.option("--title", required=True)
@click.option("--video", "video_path", metavar="PATH", default="", help="The video file.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A topic (#tag); repeatable.")
@click.option("--description", default="")
@click.option("--cover", "cover_path", metavar="PATH", default="")
@click.option("--params", metavar="JSON", help='Edit parameters, e.g. \'{"filter": "清新"}\'.')
@click.option("--params-file", metavar="FILE", help="Edit parameters from a JSON file.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def add_cmd(
    ctx: Ctx,
    title: str,
    video_path: str,
    tags: tuple[str, ...],
    description: str,
    cover_path: str,
    params: str | None,
    params_file: str | None,
    as_json: bool,
) -> None:
    """Save a new draft; prints its id."""
    from creatorctl.drafts import add_draft

    acc = ctx.require_account()
    d = add_draft(
        ctx.store,
        acc.id,
        title=title,
        description=description,
        tags=tags,
        video_path=video_path,
        cover_path=cover_path,
        edit_params=_params(params, params_file) or "",
    )
    _warn(d.warnings() + _limits(ctx, d))
    if as_json:
        echo_json(d.as_json())
    else:
        click.echo(d.id)


@drafts.command("edit")
@click.argument("draft_id", type=int)
@click.option("--title")
@click.option("--description")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Replace the topics.")
@click.option("--clear-tags", is_flag=True, help="Remove every topic.")
@click.option("--video", "video_path", metavar="PATH")
@click.option("--cover", "cover_path", metavar="PATH")
@click.option("--params", metavar="JSON")
@click.option("--params-file", metavar="FILE")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def edit_cmd(
    ctx: Ctx,
    draft_id: int,
    title: str | None,
    description: str | None,
    tags: tuple[str, ...],
    clear_tags: bool,
    video_path: str | None,
    cover_path: str | None,
    params: str | None,
    params_file: str | None,
    as_json: bool,
) -> None:
    """Change a draft (not one being published or already published)."""
    from creatorctl.drafts import edit_draft, get_draft
    from creatorctl.i18n import t

    acc = ctx.require_account()
    changes = edit_draft(
        ctx.store,
        draft_id,
        account_id=acc.id,
        title=title,
        description=description,
        tags=() if clear_tags else (tags or None),
        video_path=video_path,
        cover_path=cover_path,
        edit_params=_params(params, params_file),
    )
    d = get_draft(ctx.store, draft_id)
    _warn(d.warnings() + _limits(ctx, d))
    if as_json:
        echo_json({"changes": {k: {"old": o, "new": n} for k, (o, n) in changes.items()}})
        return
    if not changes:
        click.echo(t("cli.nothing_changed"))
    for key, (old, new) in changes.items():
        click.echo(f"{t('field.' + key)}: {old or '–'} → {new or '–'}")


@drafts.command("schedule")
@click.argument("draft_id", type=int)
@click.option(
    "--at",
    "at",
    required=True,
    metavar="'YYYY-MM-DD HH:MM[:SS]'",
    help="Time on Douyin's clock (the account's zone; default Beijing time).",
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def schedule_cmd(ctx: Ctx, draft_id: int, at: str, as_json: bool) -> None:
    """Schedule (or reschedule) a draft for a time in the future (Beijing time by default)."""
    from creatorctl.drafts import parse_local_time, schedule_draft
    from creatorctl.i18n import t
    from creatorctl.posting_queue import schedule_warnings
    from creatorctl.timeutil import zone_label

    acc = ctx.require_account()
    result = schedule_draft(
        ctx.store, draft_id, parse_local_time(at), account_id=acc.id, limits=ctx.config.platform
    )
    _warn(schedule_warnings(result))
    d = result.draft
    if as_json:
        echo_json({**d.as_json(), "conflicts": [c.id for c in result.conflicts]})
        return
    assert d.scheduled_at is not None
    when = f"{d.scheduled_at:%Y-%m-%d %H:%M:%S} {zone_label()}"
    click.echo(t("drafts.scheduled", id=d.id, when=when))


@drafts.command("cancel")
@click.argument("draft_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def cancel_cmd(ctx: Ctx, draft_id: int, as_json: bool) -> None:
    """Unschedule a post: it goes back to being a draft."""
    from creatorctl.drafts import cancel_draft
    from creatorctl.i18n import t

    acc = ctx.require_account()
    d = cancel_draft(ctx.store, draft_id, account_id=acc.id)
    if as_json:
        echo_json(d.as_json())
    else:
        click.echo(t("drafts.cancelled", id=d.id))


@drafts.command("publish")
@click.argument("draft_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def publish_cmd(ctx: Ctx, draft_id: int, as_json: bool) -> None:
    """Publish a draft now (through the publish hook, or locally without one)."""
    from creatorctl.errors import UserError
    from creatorctl.notify import Notifier
    from creatorctl.publishing import publish_now
    from creatorctl.scheduler import describe_outcome

    acc = ctx.require_account()
    outcome = publish_now(ctx.store, ctx.config.publish, draft_id, account_id=acc.id)
    if outcome.state in ("failed", "unknown"):
        notifier = Notifier(ctx.config.notify, ctx.store)
        notifier.publish_event(f"publish_{outcome.state}", outcome.draft_id)
        notifier.flush()
    if as_json:
        echo_json(
            {
                "id": outcome.draft_id,
                "ok": outcome.ok,
                "state": outcome.state,
                "work_id": outcome.work_id,
                "item_id": outcome.item_id,
                "error": outcome.error,
                "stderr_tail": outcome.stderr_tail,
            }
        )
        if not outcome.ok:
            raise SystemExit(1)
        return
    if not outcome.ok:
        if outcome.stderr_tail:
            click.echo(outcome.stderr_tail, err=True)
        raise UserError(describe_outcome(outcome))
    click.echo(describe_outcome(outcome))


@drafts.command("resolve")
@click.argument("draft_id", type=int)
@click.option("--published", is_flag=True, help="It did go out on Douyin: record it.")
@click.option("--item-id", metavar="ID", help="With --published: the platform's item id.")
@click.option("--retry", is_flag=True, help="It did not go out: publish again now (same key).")
@pass_ctx
def resolve_cmd(ctx: Ctx, draft_id: int, published: bool, item_id: str | None, retry: bool) -> None:
    """Settle a post whose outcome is unknown (待确认): --published [--item-id X] | --retry."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.publish_recovery import idempotency_key, resolve_draft
    from creatorctl.timeutil import local_to_utc

    if published == retry or (item_id is not None and not published):
        raise UserError(t("drafts.err_resolve_how"))
    acc = ctx.require_account()
    d = resolve_draft(ctx.store, draft_id, published=published, item_id=item_id, account_id=acc.id)
    if published:
        work = f" → #{d.work_id}" if d.work_id else ""
        click.echo(t("drafts.resolved_published", id=d.id, work=work))
    else:
        when = local_to_utc(d.scheduled_at) if d.scheduled_at else None
        key = idempotency_key(acc.handle, d.id, when)
        click.echo(t("drafts.resolved_retry", id=d.id, idem=key))


@drafts.command("delete")
@click.argument("draft_id", type=int)
@pass_ctx
def delete_cmd(ctx: Ctx, draft_id: int) -> None:
    """Move a draft to the trash (restorable with `trash restore`)."""
    from creatorctl.drafts import delete_draft
    from creatorctl.i18n import t

    acc = ctx.require_account()
    delete_draft(ctx.store, draft_id, account_id=acc.id)
    click.echo(t("drafts.deleted", id=draft_id))


def _add_plan_commands() -> None:
    from creatorctl.cli.drafts_plan import PLAN_COMMANDS

    for command in PLAN_COMMANDS:
        drafts.add_command(command)


_add_plan_commands()
COMMANDS = [drafts]
