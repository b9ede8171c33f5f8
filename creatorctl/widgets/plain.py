"""A Static that never reads its text as markup: what a user typed or imported shows as typed.

Textual parses a plain `str` given to `Static` as content markup, so a title or a typed value
holding `[/]` raises MarkupError when it is drawn and `[link=…]` becomes a live link. Lines
that interpolate such values (errors quoting the input, status lines naming a file) use this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from creatorctl import safe_text

if TYPE_CHECKING:
    from textual.visual import VisualType


def _plain(content: VisualType) -> VisualType:
    return safe_text.text(content) if isinstance(content, str) else content


class PlainStatic(Static):
    """`Static` for text that is not ours: a `str` is shown cleaned and as it is, never parsed.

    Rich renderables (a `Text`, a `Table`) pass through unchanged."""

    def __init__(self, content: VisualType = "", **kwargs: Any) -> None:
        super().__init__(_plain(content), **kwargs)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(_plain(content), layout=layout)
