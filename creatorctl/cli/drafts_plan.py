"""`creatorctl drafts check|queue|slots`: Douyin's limits and the posting queue (issue 16)."""

from __future__ import annotations

import sys

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json


@click.command("check")
@click.argument("draft_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def check_cmd(ctx: Ctx, draft_id: int, as_json: bool) -> None:
    """Check a draft against Douyin's limits ([platform]); exit 1 if it breaks a hard one."""
    from creatorctl.drafts import get_draft
    from creatorctl.i18n import t
    from creatorctl.platform_limits import draft_violations

    acc = ctx.require_account()
    draft = get_draft(ctx.store, draft_id, acc.id)
    found = draft_violations(draft, ctx.config.platform)
    if as_json:
        echo_json(
            {
                "draft_id": draft_id,
                "ok": not any(v.hard for v in found),
                "violations": [v.as_json() for v in found],
                "warnings": draft.warnings(),
            }
        )
    else:
        for v in found:
            click.echo(
                f"{'✗' if v.hard else '⚠'} {t('limit.hard' if v.hard else 'limit.soft')}: {v.message}"
            )
        for w in draft.warnings():
            click.echo(f"⚠ {t('limit.soft')}: {w}")
        if not found:
            click.echo(t("limit.ok", id=draft_id))
    if any(v.hard for v in found):
        sys.exit(1)


@click.command("queue")
@click.argument("draft_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def queue_cmd(ctx: Ctx, draft_id: int, as_json: bool) -> None:
    """Schedule a draft at the next free posting slot (see: drafts slots)."""
    from creatorctl.i18n import t
    from creatorctl.posting_queue import queue_draft, schedule_warnings

    acc = ctx.require_account()
    done = queue_draft(
        ctx.store,
        draft_id,
        account_id=acc.id,
        configured=ctx.config.queue.slots,
        limits=ctx.config.platform,
    )
    s = done.scheduled
    warnings = schedule_warnings(s)  # a conflict cannot happen for a free slot: never hidden
    for w in warnings:
        click.echo(f"creatorctl: ⚠ {w}", err=True)
    for reason in done.skipped:
        click.echo(f"creatorctl: {reason}", err=True)
    d = s.draft
    assert d.scheduled_at is not None
    if as_json:
        echo_json(
            {
                **d.as_json(),
                "slot": done.slot.as_text(),
                "warnings": warnings,
                "skipped": list(done.skipped),
            }
        )
        return
    when = d.scheduled_at.strftime("%Y-%m-%d %H:%M")
    click.echo(t("queue.queued", id=d.id, when=when, slot=done.slot.label))


@click.command("slots")
@click.option(
    "--set", "new", metavar="SLOTS", help="e.g. 'wed 20:00, 周五 19:30, sat 10:00 #周末'."
)
@click.option("--clear", is_flag=True, help="Forget this account's own slots.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def slots_cmd(ctx: Ctx, new: str | None, clear: bool, as_json: bool) -> None:
    """Show (or set) the weekly posting slots the queue fills."""
    from creatorctl.i18n import t
    from creatorctl.posting_queue import account_slots, parse_slots, set_account_slots

    acc = ctx.require_account()
    if new is not None or clear:
        set_account_slots(ctx.store, acc.id, None if clear else parse_slots(new or ""))
    slots, source = account_slots(ctx.store, acc.id, ctx.config.queue.slots)
    if as_json:
        echo_json({"source": source, "slots": [s.as_text() for s in slots]})
        return
    click.echo(t("queue.slots_head", source=t(f"queue.source.{source}")))
    for s in slots:
        click.echo(f"  {s.label}")


PLAN_COMMANDS = [check_cmd, queue_cmd, slots_cmd]
