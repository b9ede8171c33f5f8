"""A search line that stays hidden until `/` opens it, used by every searchable list."""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input


class SearchBox(Input):
    """Hidden until `open()`; Enter posts `Searched` (and hides the box again when empty)."""

    DEFAULT_CSS = """
    SearchBox { display: none; }
    SearchBox.visible { display: block; }
    """

    class Searched(Message):
        """The user submitted a search (an empty query means: show everything)."""

        def __init__(self, box: SearchBox, query: str) -> None:
            super().__init__()
            self.box = box
            """The box searched from."""
            self.query = query
            """What to look for, stripped."""

        @property
        def control(self) -> SearchBox:
            return self.box

    def open(self) -> None:
        self.add_class("visible")
        self.focus()

    def close(self) -> None:
        self.value = ""
        self.remove_class("visible")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            self.remove_class("visible")
        self.post_message(self.Searched(self, query))
