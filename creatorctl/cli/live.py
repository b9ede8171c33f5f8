"""`creatorctl live watch|previews|preview|sessions|session`."""

from __future__ import annotations

import signal
import time
from datetime import datetime
from pathlib import Path

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table

POLL_S = 0.5


@click.group("live")
def live() -> None:
    """Live 直播: follow a live's samples, previews, past sessions."""


@live.command("watch")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--once", is_flag=True, help="Read what is there, print the summary and exit.")
@click.option(
    "--json", "as_json", is_flag=True, help="With --once: print alerts and summary as JSON."
)
@pass_ctx
def watch_cmd(ctx: Ctx, path: Path, once: bool, as_json: bool) -> None:
    """Follow a growing sample file (JSON lines or CSV: ts, online, gifts, likes, new_fans),
    printing one line per viewer-drop alert until interrupted; then a summary."""
    from creatorctl.i18n import t
    from creatorctl.inbox.live import LiveMonitor, SampleFollower, alert_line, summary_line
    from creatorctl.notify import Notifier

    cfg = ctx.config.inbox
    monitor = LiveMonitor(cfg.live_drop_ratio, cfg.live_drop_window_s)
    follower = SampleFollower(path)
    notifier = Notifier(ctx.config.notify)
    reported = 0

    def drain(final: bool = False) -> None:
        nonlocal reported
        for sample in follower.poll(final=final):
            alert = monitor.feed(sample)
            if alert is not None:
                notifier.live_drop(alert, ctx.account)
            if alert is not None and not as_json:
                click.echo(alert_line(alert))
        for line_no, error in follower.bad[reported:]:
            click.echo(t("inbox.bad_line", path=path, line=line_no, error=error), err=True)
        reported = len(follower.bad)

    if once:
        drain(final=True)
    else:
        click.echo(t("inbox.watching", path=path), err=True)
        # Started from a script's background job, a process inherits SIGINT ignored; the line
        # above promises that Ctrl+C (or `kill -INT`) ends it with the summary, so it does.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            while True:
                drain()
                time.sleep(POLL_S)
        except KeyboardInterrupt:
            drain(final=True)
    notifier.flush()
    summary = monitor.summary()
    if as_json:
        echo_json(summary.as_json())
    else:
        click.echo(summary_line(summary))


@live.command("previews")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def previews_cmd(ctx: Ctx, as_json: bool) -> None:
    """Upcoming live previews."""
    from creatorctl.i18n import t
    from creatorctl.inbox.live import list_previews

    acc = ctx.require_account()
    rows = list_previews(ctx.store, acc.id)
    if as_json:
        echo_json(
            [
                {"id": p.id, "topic": p.topic, "start_at": p.start_at.isoformat(sep=" ")}
                for p in rows
            ]
        )
        return
    if not rows:
        click.echo(t("inbox.none_previews"))
        return
    echo_table(
        ["ID", t("inbox.col_start"), t("inbox.col_topic")],
        [[p.id, f"{p.start_at:%Y-%m-%d %H:%M}", p.topic] for p in rows],
    )


def parse_local(value: str) -> datetime:
    from creatorctl.errors import UserError
    from creatorctl.i18n import t

    try:
        return datetime.fromisoformat(value.strip().replace("/", "-"))
    except ValueError:
        raise UserError(t("inbox.err_bad_time", value=value)) from None


@live.command("preview")
@click.argument("topic", required=False)
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'", help="Start time (local).")
@click.option("--delete", "delete_id", type=int, metavar="ID", help="Delete a preview.")
@pass_ctx
def preview_cmd(ctx: Ctx, topic: str | None, at: str | None, delete_id: int | None) -> None:
    """Announce a live (TOPIC --at TIME), or delete one (--delete ID)."""
    from creatorctl.i18n import t
    from creatorctl.inbox.live import add_preview, delete_preview

    acc = ctx.require_account()
    if delete_id is not None:
        delete_preview(ctx.store, acc.id, delete_id)
        click.echo(t("inbox.preview_deleted", id=delete_id))
        return
    if topic is None or at is None:
        raise click.UsageError("give TOPIC and --at, or --delete ID")
    p = add_preview(ctx.store, acc.id, topic, parse_local(at))
    click.echo(t("inbox.preview_added", id=p.id))


@live.command("sessions")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def sessions_cmd(ctx: Ctx, as_json: bool) -> None:
    """Past lives, each with its summary."""
    from creatorctl.i18n import t
    from creatorctl.inbox.live import (
        alert_line,
        list_sessions,
        replay,
        session_samples,
        summary_line,
    )

    acc = ctx.require_account()
    cfg = ctx.config.inbox
    out = []
    for s in list_sessions(ctx.store, acc.id):
        summary = replay(
            session_samples(ctx.store, acc.id, s.id), cfg.live_drop_ratio, cfg.live_drop_window_s
        )
        out.append((s, summary))
    if as_json:
        echo_json([{"id": s.id, "title": s.title, **summary.as_json()} for s, summary in out])
        return
    if not out:
        click.echo(t("inbox.none_sessions"))
        return
    for s, summary in out:
        click.echo(f"#{s.id} {s.started_at:%Y-%m-%d %H:%M} {s.title}")
        click.echo("   " + summary_line(summary))
        for a in summary.alerts:
            click.echo("   " + alert_line(a))


COMMANDS = [live]
