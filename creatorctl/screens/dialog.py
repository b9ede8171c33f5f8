"""What every dialog shares: a body that scrolls, so its status line and buttons stay on screen.

A dialog composes one `Vertical` (its box) holding a `VerticalScroll.dialog-body` with the
fields, then whatever must always be seen (a status line, the buttons). At 80x24 a tall form
scrolls inside the box instead of pushing its buttons off the bottom edge.
"""

from __future__ import annotations

from typing import TypeVar, cast

from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget

from creatorctl.screens.base import AppAccess

ResultType = TypeVar("ResultType")


class DialogScreen(AppAccess, ModalScreen[ResultType]):
    """A modal whose `.dialog-body` gets the rows the rest of the box leaves free."""

    DEFAULT_CSS = """
    DialogScreen { align: center middle; }
    DialogScreen .dialog-body { height: auto; }
    DialogScreen .dialog-status { height: auto; max-height: 8; }
    DialogScreen .dialog-status.error { text-style: bold; }
    """

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_body)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_body)

    def fit_body(self, tries: int = 6) -> None:
        """Cap the body's height at what the screen has left after the box's other rows.

        Sizes are read after a refresh; a status line that grew in the same frame may not be
        laid out yet, so the fit is checked again (a few times at most, as a busy machine may take several frames) until the box fits."""
        bodies = self.query(".dialog-body").results(VerticalScroll)
        body = next(iter(bodies), None)
        if body is None or body.parent is None or not body.is_mounted:
            return
        box = cast(Widget, body.parent)
        chrome = box.outer_size.height - body.outer_size.height
        room = max(3, self.size.height - chrome)
        if body.styles.max_height is None or body.styles.max_height.value != room:
            body.styles.max_height = room
        if tries > 1:
            self.call_after_refresh(self._check_fit, tries - 1)

    def _check_fit(self, tries: int) -> None:
        bodies = self.query(".dialog-body").results(VerticalScroll)
        body = next(iter(bodies), None)
        box = cast(Widget, body.parent) if body is not None else None
        if box is not None and box.outer_size.height > self.size.height:
            self.fit_body(tries)
