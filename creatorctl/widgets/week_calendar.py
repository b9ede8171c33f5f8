"""A week at a glance: seven day columns listing what goes out when (posts, live previews …).

Entries come from several sources: the Drafts tab sets the "posts" source; another tab can add
its own (e.g. live previews) with `set_entries("live", [...])` and they are shown together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from creatorctl.i18n import t
from creatorctl.timeutil import today as local_today

KIND_STYLES = {
    "scheduled": "bold cyan",
    "publishing": "bold yellow",
    "published": "green",
    "failed": "bold red",
    "missed": "bold red",
    "live": "bold magenta",
}


@dataclass(frozen=True)
class CalendarEntry:
    """One thing in the week."""

    when: datetime
    """Local time."""
    label: str
    kind: str = "scheduled"
    """Chooses the style: a draft state, or e.g. 'live'."""
    key: str = ""
    """Who it is (e.g. 'draft:12'), for callers that want to find it again."""


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


class WeekCalendar(Static):
    """Seven columns, Monday to Sunday, each listing its entries by time."""

    DEFAULT_CSS = """
    WeekCalendar { height: auto; min-height: 5; padding: 0 1; border-top: solid $primary; }
    """

    def __init__(self, *, max_per_day: int = 4, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.max_per_day = max_per_day
        self.today = local_today()
        self.start = week_start(self.today)
        self.sources: dict[str, list[CalendarEntry]] = {}

    @property
    def end(self) -> date:
        return self.start + timedelta(days=7)

    def show_week(self, start: date, today: date) -> None:
        self.start = week_start(start)
        self.today = today
        self.refresh_view()

    def set_entries(self, source: str, entries: Sequence[CalendarEntry]) -> None:
        """Replace the entries of one source ('posts', 'live', …) and redraw."""
        self.sources[source] = list(entries)
        self.refresh_view()

    def entries(self) -> list[CalendarEntry]:
        """Every source's entries inside the shown week, by time."""
        lo = datetime.combine(self.start, datetime.min.time())
        hi = datetime.combine(self.end, datetime.min.time())
        merged = [e for es in self.sources.values() for e in es if lo <= e.when < hi]
        return sorted(merged, key=lambda e: (e.when, e.label))

    def refresh_view(self) -> None:
        self.update(self.render_week())

    def on_resize(self) -> None:
        self.refresh_view()

    def render_week(self) -> Table:
        table = Table(
            box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1), title=None
        )
        days = [self.start + timedelta(days=i) for i in range(7)]
        by_day: dict[date, list[CalendarEntry]] = {d: [] for d in days}
        for entry in self.entries():
            by_day[entry.when.date()].append(entry)
        for d in days:
            day = f"{d:%m-%d}" if self.size.width >= 100 or not self.size.width else f"{d.day}"
            header = Text(f"{t(f'calendar.weekday.{d.weekday()}')} {day}")
            header.stylize("bold reverse" if d == self.today else "bold")
            # Equal columns whatever the entries hold (ratio alone bends to long labels).
            width = (self.size.width - 2 - 6) // 7 if self.size.width else None
            table.add_column(
                header,
                width=width,
                ratio=None if width else 1,
                no_wrap=True,
                overflow="ellipsis",
            )
        rows = max([len(v) for v in by_day.values()] + [1])
        rows = min(rows, self.max_per_day)
        for i in range(rows):
            cells: list[Text] = []
            for d in days:
                items = by_day[d]
                if i < len(items) and not (i == rows - 1 and len(items) > rows):
                    e = items[i]
                    cell = Text(f"{e.when:%H:%M} ", style=KIND_STYLES.get(e.kind, ""))
                    cell.append(e.label)
                    cells.append(cell)
                elif i == rows - 1 and len(items) > rows:
                    cells.append(Text(t("calendar.more", n=len(items) - rows + 1), style="dim"))
                elif i == 0 and not items:
                    cells.append(Text("·", style="dim"))
                else:
                    cells.append(Text(""))
            table.add_row(*cells)
        return table
