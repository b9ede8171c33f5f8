"""The baseline: a bare Textual app with one line of text (what painting costs here)."""

from textual.app import App
from textual.widgets import Static


class Bare(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("bare-app-ready")


if __name__ == "__main__":
    Bare().run()
