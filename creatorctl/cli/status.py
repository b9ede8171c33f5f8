"""`creatorctl status [--short] [--json]`: next post, posts needing attention, unread, flagged."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx


@click.command("status")
@click.option("--short", is_flag=True, help="One line of at most 60 characters (tmux, prompts).")
@click.option("--json", "as_json", is_flag=True, help="The same facts as one JSON object.")
@pass_ctx
def status_cmd(ctx: Ctx, short: bool, as_json: bool) -> None:
    """Countdown to the next post, posts needing attention, unread messages, flagged comments.

    Reads the store read-only with the standard library, so it is cheap enough for a status
    line that runs every few seconds.
    """
    import os
    import sys
    from datetime import UTC, datetime

    from creatorctl.status import long_text, read_status, short_line

    path = _store_path(ctx.db)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    fake = os.environ.get("CREATORCTL_FAKE_NOW")
    if fake:  # tests and demos freeze the clock in local time, as timeutil does
        now = datetime.fromisoformat(fake).astimezone(UTC).replace(tzinfo=None)
    status = read_status(path, ctx.account, now)
    if as_json:
        import json

        click.echo(json.dumps(status.as_json(), ensure_ascii=False))
    elif short:
        click.echo(short_line(status, colour=sys.stdout.isatty()), color=sys.stdout.isatty())
    else:
        click.echo(long_text(status))


def _store_path(db: str | None):  # type: ignore[no-untyped-def]
    """The store's file as `--db`/`CREATORCTL_DB`/the default name it, without SQLAlchemy."""
    import os
    from pathlib import Path

    from creatorctl.errors import StoreError
    from creatorctl.paths import default_db_path

    db = db if db is not None else os.environ.get("CREATORCTL_DB") or None
    if not db:
        return default_db_path()
    if db.startswith("sqlite:///"):
        return Path(db.removeprefix("sqlite:///").split("?")[0]).expanduser()
    if "://" in db or db.startswith("sqlite:"):
        raise StoreError(f"unsupported --db URL {db!r} for status: use a path or sqlite:///PATH")
    return Path(db).expanduser()


COMMANDS = [status_cmd]
