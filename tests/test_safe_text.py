"""creatorctl.safe_text: strangers' text made inert for a terminal (issue 10 §2)."""

from __future__ import annotations

import io
import json

import pytest
from rich.text import Text

from creatorctl.safe_text import (
    SafeStream,
    clean,
    clean_line,
    clean_rich,
    escape,
    json_dumps,
    raw_stream,
    safe_console,
)
from tests.hostile_text import HOSTILE, LONG_LINE


@pytest.mark.parametrize("s", [*HOSTILE, LONG_LINE])
def test_clean_leaves_no_control_and_no_bidi(s: str) -> None:
    out = clean(s)
    assert len(out) == len(s)  # one character for one: spans and widths stay put
    for ch in out:
        code = ord(ch)
        assert code >= 0x20 or ch in "\n\t", repr(ch)
        assert not 0x7F <= code <= 0x9F, repr(ch)
        assert not (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069), repr(ch)


def test_placeholders_are_visible() -> None:
    assert clean("a\x1b[2Jb\x07\x08\r\x00\x7f") == "a␛[2Jb␇␈␍␀␡"
    assert clean("\x9b2J") == "\ufffd2J"
    assert clean("x\u202ey\u2066z") == "x\ufffdy\ufffdz"
    assert clean("line\n\ttab 宽字符 😀") == "line\n\ttab 宽字符 😀"
    assert clean_line("a\nb\tc") == "a b c"
    assert clean(None) == "" and clean(12) == "12"


def test_markup_is_never_parsed() -> None:
    hostile = "[link=file:///etc/passwd]x[/link] [bold]b[/bold] [/]"
    assert escape(hostile).startswith("\\[link=")
    from rich.markup import render

    assert render(escape(hostile)).plain == hostile  # escaped markup renders as itself
    console = safe_console(file=io.StringIO(), width=200, color_system=None)
    console.print(hostile)  # a plain str: no MarkupError, no link
    console.print(Text("\x1b]52;c;cm0gLXJmIH4=\x07"))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert hostile in out and "\x1b" not in out and "␛]52;c;" in out


def test_clean_rich_keeps_styles() -> None:
    t = Text("ab\x1bcd")
    t.stylize("bold", 0, 2)
    cleaned = clean_rich(t)
    assert cleaned.plain == "ab␛cd" and cleaned.spans == t.spans
    assert clean_rich("[/]\x07").plain == "[/]␇"
    assert clean_rich(5) == 5


def test_json_is_exact_and_inert() -> None:
    data = {"t": HOSTILE}
    out = json_dumps(data)
    assert json.loads(out) == data
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert "宽字符" in out  # non-ASCII stays readable


def test_safe_stream_cleans_and_refuses_bytes() -> None:
    inner = io.StringIO()
    stream = SafeStream(inner)
    stream.write("a\x1b]0;x\x07b")
    assert inner.getvalue() == "a␛]0;x␇b"
    with pytest.raises(TypeError):
        stream.write(b"")  # type: ignore[arg-type]
    assert raw_stream(stream) is inner and raw_stream(inner) is inner
    assert not hasattr(stream, "buffer")


def test_chart_labels_are_cleaned() -> None:
    """Chart titles and axis labels (work titles, topics) pass through charting.widen."""
    from creatorctl.charting import widen

    label = widen("话题\x1b]52;c;cm0=\x07\u202e")
    assert "\x1b" not in label and "\x07" not in label and "\u202e" not in label
    assert "␛]52;c;cm0=␇" in label


def test_hook_stdin_is_exact_json_without_raw_controls(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A hook that echoes its stdin to a terminal gets no raw C1 or bidi byte from a title."""
    from creatorctl.hooks import run_hook

    out = tmp_path / "stdin.json"
    title = "t\x9b2J\u202e\x1b]52;c;x\x07 宽"
    result = run_hook(["/bin/sh", "-c", f"cat > {out}"], {}, {"title": title}, timeout=10)
    assert result.ok, result
    raw = out.read_bytes()
    assert b"\x1b" not in raw and b"\xc2\x9b" not in raw and "\u202e".encode() not in raw
    assert json.loads(raw) == {"title": title} and "宽".encode() in raw
