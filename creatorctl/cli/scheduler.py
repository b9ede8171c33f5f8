"""`creatorctl scheduler run|status|install`: publish scheduled posts with nobody logged in."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table


@click.group("scheduler")
def scheduler() -> None:
    """The headless scheduler that publishes due posts."""


@scheduler.command("run")
@pass_ctx
def run_cmd(ctx: Ctx) -> None:
    """Publish due posts until SIGTERM or Ctrl-C; one log line per post."""
    from creatorctl.scheduler import HeadlessScheduler
    from creatorctl.timeutil import utc_to_local, utcnow_exact

    def log(line: str) -> None:  # stamped on Douyin's clock, like every time shown
        click.echo(f"{utc_to_local(utcnow_exact()):%Y-%m-%d %H:%M:%S} {line}", err=False)

    HeadlessScheduler(ctx.store, ctx.config.publish, log=log, notify=ctx.config.notify).run()


@scheduler.command("status")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def status_cmd(ctx: Ctx, as_json: bool) -> None:
    """Which schedulers run, what is due next, who holds claims, the latest tries."""
    from creatorctl.i18n import t
    from creatorctl.scheduler import scheduler_status
    from creatorctl.timeutil import utcnow_exact

    st = scheduler_status(ctx.store, utcnow_exact())
    if as_json:
        echo_json(
            {
                "processes": [
                    {
                        "worker_id": p.worker_id,
                        "pid": p.pid,
                        "host": p.host,
                        "kind": p.kind,
                        "started_at": p.started_at.isoformat(sep=" "),
                        "heartbeat_at": p.heartbeat_at.isoformat(sep=" "),
                        "alive": p.alive,
                    }
                    for p in st.processes
                ],
                "due": [d.as_json() for d in st.due],
                "claims": [
                    {"id": d.id, "title": d.title, "claimed_by": d.claimed_by} for d in st.claims
                ],
                "recent": [a.as_json() for a in st.recent],
                "ledger": {"running": st.ledger_running, "pending": st.ledger_pending},
                "store_held_by": st.held_by or None,
            }
        )
        return
    alive = [p for p in st.processes if p.alive]
    if alive:
        for p in alive:
            click.echo(
                t(
                    "sched.running",
                    worker=p.worker_id,
                    kind=p.kind,
                    since=f"{p.started_at:%m-%d %H:%M}",
                )
            )
    else:
        click.echo(t("sched.none_running"))
    click.echo(t("sched.due_heading"))
    if st.due:
        echo_table(
            ["ID", t("col.when"), t("col.title"), t("col.note")],
            [
                [
                    d.id,
                    d.next_try_at.strftime("%Y-%m-%d %H:%M:%S") if d.next_try_at else "–",
                    d.title,
                    t("sched.retry_n", n=d.attempts + 1) if d.attempts else "",
                ]
                for d in st.due
            ],
        )
    else:
        click.echo("  –")
    if st.held_by or st.ledger_running or st.ledger_pending:
        click.echo(
            t("sched.ledger", running=st.ledger_running, pending=st.ledger_pending)
            + (f" ({st.held_by})" if st.held_by else "")
        )
    if st.claims:
        click.echo(t("sched.claims_heading"))
        echo_table(
            ["ID", t("col.title"), t("sched.col_claimed_by")],
            [[d.id, d.title, d.claimed_by] for d in st.claims],
        )
    if st.recent:
        click.echo(t("sched.recent_heading"))
        echo_table(
            [t("col.when"), "ID", t("col.title"), t("col.state")],
            [
                [
                    f"{a.started_at:%Y-%m-%d %H:%M:%S}",
                    a.draft_id,
                    a.title,
                    "OK" if a.ok else (a.error or "…"),
                ]
                for a in st.recent
            ],
        )


@scheduler.command("install")
@click.option("--print", "print_only", is_flag=True, help="Print the unit; write nothing.")
@pass_ctx
def install_cmd(ctx: Ctx, print_only: bool) -> None:
    """Write a systemd user unit that runs `scheduler run` on this store."""
    from creatorctl.i18n import t
    from creatorctl.scheduler import install_unit, unit_location, unit_text

    db, had_password = unit_location(ctx.store)
    timeout = ctx.config.publish.timeout
    if print_only:
        click.echo(unit_text(db, timeout), nl=False)
    else:
        unit, commands = install_unit(db, timeout)
        click.echo(t("sched.unit_written", path=unit))
        click.echo(t("sched.enable_with"))
        for command in commands:
            click.echo(f"  {command}")
    if had_password:  # the unit runs without it: say where it goes
        click.echo(f"creatorctl: {t('sched.password_left_out')}", err=True)


COMMANDS = [scheduler]
