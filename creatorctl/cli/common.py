"""Helpers shared by the command modules: JSON output and plain tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.progress import TaskID


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain table (rich), readable when piped to a file too."""
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*("" if c is None else str(c) for c in row))
    Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(
        table
    )


class ProgressBar:
    """Progress for long CLI work: a rich bar on stderr when it is a terminal; silent otherwise."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        import sys

        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._p = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
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
