"""`creatorctl serve`: the app in a browser (textual-serve), bound to 127.0.0.1 only."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx

HOST = "127.0.0.1"
"""Loopback only: on a shared box, other users reach it through an SSH tunnel of their own."""


def serve_command(ctx: Ctx) -> str:
    """The shell command textual-serve runs per browser session (every part quoted)."""
    import shlex
    import sys

    parts = [sys.executable, "-m", "creatorctl"]
    if ctx.db:
        parts += ["--db", ctx.db]
    if ctx.account:
        parts += ["--account", ctx.account]
    if ctx.lang:
        parts += ["--lang", ctx.lang]
    return " ".join(shlex.quote(p) for p in parts)


@click.command("serve")
@click.option("--port", type=click.IntRange(1024, 65535), default=8000, show_default=True)
@pass_ctx
def serve(ctx: Ctx, port: int) -> None:
    """Open the app in a browser at http://127.0.0.1:PORT (this machine only)."""
    from textual_serve.server import Server

    from creatorctl.i18n import t

    ctx.store  # noqa: B018 - refuse an unsafe or broken store before serving it
    click.echo(t("cli.serving", url=f"http://{HOST}:{port}", port=port), err=True)
    Server(serve_command(ctx), host=HOST, port=port, title="creatorctl").serve()


COMMANDS = [serve]
