"""A row of KPI cells: label, value and the change against the previous period (▲/▼ %)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from creatorctl.charting import change_text


@dataclass(frozen=True)
class KpiCell:
    label: str
    value: str
    change: float | None
    """Relative change; None when there is nothing to compare with."""


class KpiRow(Static):
    """KPI cells laid out in as many columns as fit (two lines of cells at 80 columns)."""

    DEFAULT_CSS = """
    KpiRow { height: auto; padding: 0 1; }
    """
    CELL_WIDTH = 14

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells: Sequence[KpiCell] = ()

    def show(self, cells: Sequence[KpiCell]) -> None:
        self.cells = cells
        self.refresh(layout=True)

    def on_resize(self) -> None:
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        if not self.cells:
            return Text("")
        per_row = max(1, min(len(self.cells), (self.size.width or 80) // self.CELL_WIDTH))
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in range(per_row):
            grid.add_column(ratio=1)
        for start in range(0, len(self.cells), per_row):
            chunk = list(self.cells[start : start + per_row])
            chunk += [KpiCell("", "", None)] * (per_row - len(chunk))
            grid.add_row(*(Text(c.label, style="dim") for c in chunk))
            grid.add_row(
                *(
                    Text.assemble((c.value, "bold"), " ", change_text(c.change))
                    if c.label
                    else Text("")
                    for c in chunk
                )
            )
        return grid
