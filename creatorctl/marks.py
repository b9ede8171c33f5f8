"""Emphasis that survives NO_COLOR (https://no-color.org): a warning must not be colour alone.

With NO_COLOR set, Textual turns every colour to grey, so red-for-bad becomes grey on grey.
These styles keep the colour when there is colour and use bold or reverse when there is not.
"""

from __future__ import annotations

import os


def no_color() -> bool:
    """NO_COLOR is set (to anything, as Textual reads it)."""
    return "NO_COLOR" in os.environ


def warn(colour: str) -> str:
    """A warning cell (e.g. a low completion rate): its colour, or reverse video without."""
    return "bold reverse" if no_color() else colour


def emphasis(colour: str) -> str:
    """A change or a state that matters (▲/▼, a flag): its colour, or bold without."""
    return "bold" if no_color() else colour


SERIES_MARKERS = ("braille", "x", "o")
"""Line markers by series without colour: plays/likes and gained/lost must differ in shape."""


def series_marker(index: int) -> str:
    return SERIES_MARKERS[index % len(SERIES_MARKERS)] if no_color() else "braille"
