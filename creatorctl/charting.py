"""Chart helpers shared by the Chart widget and the plain-terminal report (no textual here)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from creatorctl.safe_text import clean_line

if TYPE_CHECKING:
    from rich.text import Text

ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def repeatable_plotext() -> None:
    """Make plotext draw the same picture on every run.

    plotext de-duplicates plotted points through a set, so their drawing order (which colour
    wins where bars or lines overlap) follows the process's hash seed and the same chart
    differs from run to run; an order-keeping de-duplication makes charts and snapshots
    repeatable.
    """
    import plotext._utility as utility

    utility.no_duplicates = lambda data: list(dict.fromkeys(data))


def downsample(
    labels: Sequence[str], values: Sequence[Sequence[float]], width: int, *, mean: bool = False
) -> tuple[list[str], list[list[float]]]:
    """Sum (or, for levels such as viewers online, average) consecutive points into at most
    `width` buckets (labels: each bucket's first)."""
    n = len(labels)
    if width <= 0 or n <= width:
        return list(labels), [list(v) for v in values]
    step = -(-n // width)
    out_labels = [labels[i] for i in range(0, n, step)]
    out_values = [
        [
            float(sum(v[i : i + step])) / (len(v[i : i + step]) if mean else 1)
            for i in range(0, n, step)
        ]
        for v in values
    ]
    return out_labels, out_values


def widen(text: str) -> str:
    """Make wide (CJK) characters take two plotext cells so labels line up.

    plotext puts one character per cell, but a CJK character is two terminal columns wide and
    pushes the rest of its row right. A zero-width space after each one gives it its second cell.
    Every chart label passes here, so it is also where a label (a title, a topic) is cleaned of
    terminal escapes and bidi controls (creatorctl.safe_text).
    """
    return "".join(c + "\u200b" if east_asian_width(c) in "WF" else c for c in clean_line(text))


def int_ticks(peak: float) -> list[float]:
    """`nice_ticks` for counts: whole numbers only (no "0.5 fans"), at least 0 and 1."""
    at = [v for v in nice_ticks(peak) if v == int(v)]
    return at if len(at) > 1 else ([0.0, 1.0] if peak > 0 else [])


def tick_label(value: float) -> str:
    """An axis value as people read it: 200,000 → 20.0万 (zh) / 200.0k (en); 0.5 → 0.5."""
    from creatorctl.i18n import fmt_count

    return fmt_count(value) if value == int(value) else f"{value:g}"


def text_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    width: int = 80,
    height: int = 14,
    color: bool = False,
    right: frozenset[str] = frozenset(),
) -> str:
    """A plotext line chart as text for a plain terminal or a file (no ANSI unless `color`).

    Series named in `right` get their own axis on the right, so likes beside plays (a hundred
    times fewer) are not a flat line at 0. Axis values are whole, compact counts (5.0万).
    """
    import plotext as plt

    repeatable_plotext()
    plt.clear_figure()
    plt.plotsize(width, height)
    if not color:
        plt.theme("clear")
    names = [s[0] for s in series]
    out_labels, values = downsample(labels, [s[1] for s in series], max(2, width - 12))
    xs = list(range(len(out_labels)))
    peaks = {"left": 0.0, "right": 0.0}
    for name, ys in zip(names, values, strict=True):
        side = "right" if name in right else "left"
        plt.plot(xs, ys, label=widen(name), marker="braille", yside=side)
        peaks[side] = max(peaks[side], max(ys, default=0.0))
    for side, peak in peaks.items():
        at = int_ticks(peak)
        if at:
            plt.ylim(0, max(peak, at[-1]), yside=side)
            plt.yticks(at, [widen(tick_label(v)) for v in at], yside=side)
    if out_labels:
        ticks = max(2, min(len(out_labels), width // 14))
        idx = sorted({round(i * (len(out_labels) - 1) / (ticks - 1)) for i in range(ticks)})
        plt.xticks([xs[i] for i in idx], [out_labels[i] for i in idx])
    plt.title(widen(title))
    text = plt.build().replace("\u200b", "")
    plt.clear_figure()
    return text if color else ANSI_RE.sub("", text)


def text_bars(
    items: Sequence[tuple[str, float]], width: int = 40, fmt: str = "{:,.0f}"
) -> list[str]:
    """Horizontal bars, one line each: label, bar scaled to the largest value, the value."""
    if not items:
        return []
    peak = max((v for _, v in items), default=0) or 1
    label_w = max(display_width(label) for label, _ in items)
    lines = []
    for label, value in items:
        bar = "█" * max(0, round(value / peak * width))
        pad = " " * (label_w - display_width(label))
        lines.append(f"{label}{pad} {bar} {fmt.format(value)}")
    return lines


def display_width(text: str) -> int:
    """Terminal columns `text` takes (CJK characters take two)."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def change_text(change: float | None) -> Text:
    """▲ in red, ▼ in green (the Chinese convention, as in Douyin's own centre); – with no base."""
    from rich.text import Text

    from creatorctl.i18n import fmt_pct

    if change is None:
        return Text("–", style="dim")
    from creatorctl.marks import emphasis

    if change >= 0:
        return Text(f"▲{fmt_pct(change)}", style=emphasis("red"))
    return Text(f"▼{fmt_pct(-change)}", style=emphasis("green"))


def nice_ticks(peak: float, count: int = 4) -> list[float]:
    """Round axis values from 0 up to about `peak` (0, 5万, 10万 … rather than 68722.2)."""
    if peak <= 0:
        return []
    import math

    raw = peak / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step >= 1:
        step = round(step)
    return [round(i * step, 6) for i in range(int(peak // step) + 1)]
