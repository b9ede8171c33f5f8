"""A checkbox that shows its state by its mark, not only by colour (readable under NO_COLOR)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    """`▐✓▌` when on, `▐ ▌` when off: the same in colour, in monochrome and on a screen reader."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
