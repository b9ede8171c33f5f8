"""The last line of defence between strangers' text and the terminal, for the whole app.

Screens build user text as `rich.text.Text` or escaped markup and clean it with
`creatorctl.safe_text` (the table cells, toasts and titles do: there an escape becomes a
visible ␛). Any text a widget still carries raw is stripped here: `Strip.render` is where
Textual turns each line on screen into terminal sequences, with text and styles apart, so
deleting control and bidi characters from the text cannot touch Textual's own escapes. They
are deleted rather than pictured because the line's width was measured without them. The cost
is one `str.translate` per segment when a line is first drawn (Textual caches the result).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from textual.strip import Strip

from creatorctl.safe_text import clean, strip_controls

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

_installed = False


def install() -> None:
    """Strip control and bidi characters from every line Textual writes (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    original = Strip.render

    def render(self: Strip, console: Any) -> str:
        if self._render_cache is None:
            segments = list(self)
            if any(strip_controls(seg.text) != seg.text for seg in segments if not seg.control):
                safe = Strip(
                    [
                        seg if seg.control else Segment(strip_controls(seg.text), seg.style)
                        for seg in segments
                    ]
                )
                self._render_cache = original(safe, console)
        return original(self, console)

    Strip.render = render  # type: ignore[method-assign]


class CleanToasts:
    """App mixin: installs the guard, and cleans every toast (widgets' `notify` land here).

    Toasts carry titles, nicknames and errors naming files: cleaned, never parsed as markup.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install()
        super().__init__(*args, **kwargs)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        super().notify(  # type: ignore[misc]
            clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False
        )
