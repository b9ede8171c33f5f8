"""Strangers' text made safe to show: no terminal escapes, no bidi tricks, never markup.

Comments, messages, nicknames and titles come from other people (imported files, the
platform). Shown raw, an OSC 52 sequence in a title writes the terminal clipboard, OSC 0/2 sets
the window title, CSI clears the screen; shown as Rich markup, `[link=file:///etc/passwd]` is a
live link and a stray `[/]` raises MarkupError. This module is the one place that turns such text
into something safe for a terminal, at the moment it is shown: the store keeps the original,
and `--json` and export keep it exact.

- C0 controls other than newline and tab become the visible U+2400 pictures (ESC → ␛, BEL → ␇,
  CR → ␍, NUL → ␀), DEL becomes ␡;
- C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B) become U+FFFD;
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) become U+FFFD, so
  they cannot reorder what follows them;
- `text()` builds a `rich.text.Text` (never parsed as markup); `escape()` is for the rare place
  that must hand a markup string to a widget.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

REPLACEMENT = "\ufffd"

_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_TABLE[0x7F] = "\u2421"
_TABLE.update({c: REPLACEMENT for c in range(0x80, 0xA0)})
_TABLE.update({c: REPLACEMENT for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

# What JSON output escapes beyond what json.dumps does: C1, DEL and bidi controls are legal in
# JSON strings but a terminal acts on them (U+009B is CSI to many terminals).
_JSON_ESCAPE = {c: f"\\u{c:04x}" for c in _TABLE if c >= 0x7F}


def clean(value: object) -> str:
    """`value` as a string with every control and bidi character made visible and inert."""
    s = value if isinstance(value, str) else ("" if value is None else str(value))
    return s.translate(_TABLE)


def clean_line(value: object) -> str:
    """As `clean`, and newlines and tabs become spaces (a table cell, a title, a status line)."""
    return clean(value).replace("\n", " ").replace("\t", " ")


def text(value: object, style: str = "", **kwargs: Any) -> Text:
    """A rich Text of the cleaned value: shown as it is, never parsed as markup."""
    from rich.text import Text

    return Text(clean(value), style=style, **kwargs)


def escape(value: object) -> str:
    """The cleaned value with Rich/Textual markup escaped, for a widget that parses markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(clean(value))


def json_dumps(obj: Any, **kwargs: Any) -> str:
    """json.dumps that keeps non-ASCII text readable but escapes C1, DEL and bidi controls.

    The data is exact (json.loads gives back the original string); only the bytes a terminal
    would act on are written as \\uXXXX.
    """
    return json.dumps(obj, ensure_ascii=False, **kwargs).translate(_JSON_ESCAPE)


class SafeStream:
    """A text stream that cleans everything written through it (the CLI's stdout and stderr).

    Every line the CLI prints passes here, so a nickname in a new `click.echo` cannot reach the
    terminal raw. Writers that emit their own escapes on purpose (rich tables and progress bars
    on a terminal) write to `raw_stream(...)` after cleaning their cells themselves.
    """

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        """The stream written to."""

    def write(self, s: str) -> int:
        if not isinstance(s, str):  # click probes streams with b"" to tell binary from text
            raise TypeError("SafeStream takes text")
        return int(self.raw.write(clean(s)))

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # writing bytes would go around the cleaning
            raise AttributeError(name)
        return getattr(self.raw, name)


def raw_stream(stream: Any) -> Any:
    """The stream under a SafeStream (or the stream itself)."""
    return stream.raw if isinstance(stream, SafeStream) else stream


def safe_console(**kwargs: Any) -> Any:
    """A rich Console that never parses markup and cleans every piece of text it renders.

    Rich's own control segments (cursor moves, styles) pass; text segments are cleaned, so a
    title inside a table, a heading or a chart label cannot carry an escape to the terminal.
    """
    from rich.console import Console
    from rich.segment import Segment

    class _SafeConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Any:
            for seg in super().render(renderable, options):
                if seg.control or not seg.text:
                    yield seg
                else:
                    yield Segment(clean(seg.text), seg.style)

    kwargs.setdefault("markup", False)
    return _SafeConsole(**kwargs)


def clean_rich(value: Any) -> Any:
    """A cell for a table: str → cleaned Text (no markup); Text → cleaned copy, styles kept
    (cleaning maps one character to one, so spans stay where they were); others unchanged."""
    from rich.text import Text

    if isinstance(value, str):
        return Text(clean_line(value))
    if isinstance(value, Text):
        cleaned = clean_line(value.plain)
        if cleaned == value.plain:
            return value
        copy = value.copy()
        copy.plain = cleaned
        return copy
    return value


_STRIP = {c: None for c in _TABLE}
_STRIP.update({0x09: None, 0x0A: None})


def strip_controls(s: str) -> str:
    """Delete every control and bidi character (all are zero-width, so widths stay put)."""
    return s.translate(_STRIP)
