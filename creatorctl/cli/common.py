"""Helpers shared by the command modules: JSON output and plain tables."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.progress import TaskID


def echo_json(obj: Any) -> None:
    """JSON, exact: C1 and bidi controls are \\u-escaped so a terminal cannot act on them."""
    from creatorctl.safe_text import json_dumps

    click.echo(json_dumps(obj, indent=2, default=str))


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain table (rich), readable when piped to a file too.

    Cells are strangers' text: cleaned and never parsed as markup (`[/]` shows as itself).
    """
    from rich.table import Table

    from creatorctl.safe_text import clean_line, raw_stream, safe_console, text

    table = Table(*headers, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*(text(clean_line(c)) for c in row))
    out = raw_stream(sys.stdout)
    safe_console(file=out, soft_wrap=False, width=None if out.isatty() else 200).print(table)


class ProgressBar:
    """Progress for long CLI work: a rich bar on stderr when it is a terminal; silent otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        import sys

        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from creatorctl.safe_text import raw_stream

        self._p = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=Console(file=raw_stream(sys.stderr)),
            transient=True,
            disable=not sys.stderr.isatty(),
        )
        self._p.__enter__()
        self._task: TaskID | None = None
        return self

    def __call__(self, label: str, done: int, total: int) -> None:
        if self._task is None:
            self._task = self._p.add_task(label, total=total)
        self._p.update(self._task, description=label, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self._p.__exit__(None, None, None)
