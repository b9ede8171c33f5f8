"""`creatorctl notify test`: send a sample event through `[notify] command`."""

from __future__ import annotations

from typing import Any

import click

from creatorctl.cli import Ctx, pass_ctx

SAMPLE_KINDS = ["publish_failed", "publish_missed", "publish_unknown", "scheduler_error", "digest"]


@click.group("notify")
def notify() -> None:
    """Notifications 通知: who hears about failed, missed and unknown posts."""


@notify.command("test")
@click.option(
    "--event",
    "kind",
    type=click.Choice(SAMPLE_KINDS),
    default="publish_failed",
    show_default=True,
    help="The kind of sample event.",
)
@pass_ctx
def test_cmd(ctx: Ctx, kind: str) -> None:
    """Run the notify command once with a sample event (marked "test": true); exit 1 if it
    fails."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.notify import Notifier, both, make_event

    cfg = ctx.config
    if not cfg.notify.command:
        raise UserError(t("notify.no_command", path=cfg.path))
    extra: dict[str, Any] = {"test": True}
    if kind.startswith("publish_"):
        extra.update(draft_id=0, title="测试作品 test post")
    event = make_event(kind, both("notify.test"), account=ctx.account, **extra)
    result = Notifier(cfg.notify).send(event)
    if not result.ok:
        if result.stderr_tail:
            click.echo(result.stderr_tail, err=True)
        raise UserError(t("notify.failed", error=result.error))
    click.echo(t("notify.sent", event=kind))


COMMANDS = [notify]
