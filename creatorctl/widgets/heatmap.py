"""A weekday × hour heatmap drawn with shade blocks (readable without colour too)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

SHADES = " ░▒▓█"


class Heatmap(Static):
    """Rows (e.g. weekdays) × 24 hours; each cell's shade and colour follow its value."""

    DEFAULT_CSS = """
    Heatmap { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: Sequence[Sequence[float]] = ()
        self.row_labels: Sequence[str] = ()
        self.marked: set[tuple[int, int]] = set()

    def show(
        self,
        grid: Sequence[Sequence[float]],
        row_labels: Sequence[str],
        marked: set[tuple[int, int]] | None = None,
    ) -> None:
        """Show `grid[row][hour]`; `marked` cells (row, hour) are outlined as the best slots."""
        self.grid = grid
        self.row_labels = row_labels
        self.marked = marked or set()
        self.refresh(layout=True)

    @property
    def has_data(self) -> bool:
        return any(v > 0 for row in self.grid for v in row)

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> RenderableType:
        if not self.grid:
            return Text("")
        label_w = max((_width(label) for label in self.row_labels), default=0) + 1
        cell = 3 if (self.size.width or 80) - 2 >= label_w + 24 * 3 else 2
        peak = max((v for row in self.grid for v in row), default=0.0) or 1.0
        text = Text()
        text.append(" " * label_w)
        for hour in range(24):
            text.append(f"{hour:<{cell}}" if hour % 3 == 0 else " " * cell, style="dim")
        for r, row in enumerate(self.grid):
            text.append("\n")
            label = self.row_labels[r] if r < len(self.row_labels) else str(r)
            text.append(label + " " * (label_w - _width(label)))
            for hour, value in enumerate(row):
                level = value / peak
                shade = SHADES[min(len(SHADES) - 1, round(level * (len(SHADES) - 1)))]
                if (r, hour) in self.marked:
                    # A best slot: asterisks stay readable without colour.
                    text.append(
                        "*" * cell, style=Style(color="white", bgcolor=_color(level), bold=True)
                    )
                else:
                    text.append(shade * cell, style=Style(color=_color(level)))
        return text


def _width(text: str) -> int:
    from creatorctl.charting import display_width

    return display_width(text)


def _color(level: float) -> str:
    """Cool to hot: blue → yellow → red."""
    if level < 0.35:
        return "#3b6fb6"
    if level < 0.6:
        return "#8fae3c"
    if level < 0.8:
        return "#e0a526"
    return "#e0432b"
