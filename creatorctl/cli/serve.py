"""`creatorctl serve`: the app in a browser (textual-serve), bound to 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path

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


_WEB_FONT = '<link\n      rel="stylesheet"\n      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"\n    />'
_LOCAL_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; "
    "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }</style>"
)


def offline_templates() -> Path | None:
    """textual-serve's page template with its one outside request (a Google web font) turned
    into the same font from textual-serve's own static files; None if the template changed
    and no longer has it (it is then served as it comes)."""
    import textual_serve
    from platformdirs import user_cache_path

    html = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text()
    if _WEB_FONT not in html:
        return None
    folder = user_cache_path("creatorctl") / "serve-templates"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / "app_index.html").write_text(html.replace(_WEB_FONT, _LOCAL_FONT))
    return folder


@click.command("serve")
@click.option("--port", type=click.IntRange(1024, 65535), default=8000, show_default=True)
@pass_ctx
def serve(ctx: Ctx, port: int) -> None:
    """Open the app in a browser at http://127.0.0.1:PORT (this machine only)."""
    import textual_serve
    from textual_serve.server import Server

    from creatorctl.i18n import t

    ctx.store  # noqa: B018 - refuse an unsafe or broken store before serving it
    click.echo(t("cli.serving", url=f"http://{HOST}:{port}", port=port), err=True)
    templates = offline_templates()
    Server(
        serve_command(ctx),
        host=HOST,
        port=port,
        title="creatorctl",
        templates_path=templates or Path(textual_serve.__file__).parent / "templates",
    ).serve()


COMMANDS = [serve]
