"""The one chart widget: PlotextPlot wrapped so every chart replots the same way.

`replot()` clears, plots, refreshes. Series are downsampled to the widget's width so a chart
never plots more points than it has columns. `build_chart()` draws the same picture on a figure
of its own, in a worker: `show(data, built)` then paints it without plotext on the UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from creatorctl.charting import (
    display_width,
    downsample,
    int_ticks,
    nice_ticks,
    repeatable_plotext,
    tick_label,
    widen,
)
from creatorctl.marks import series_marker

repeatable_plotext()

__all__ = [
    "BuiltChart",
    "Chart",
    "ChartData",
    "Series",
    "build_changed",
    "build_chart",
    "downsample",
    "widen",
]


@dataclass(frozen=True)
class Series:
    """One line or set of bars: a label and y values (x from the chart's labels)."""

    label: str
    values: Sequence[float]
    color: str | None = None
    right: bool = False
    """Line charts: plot on an axis of its own on the right (likes beside plays)."""


@dataclass(frozen=True)
class ChartData:
    """What a chart shows. `kind`: line, bar (grouped when several series), stacked, hbar."""

    title: str
    x_labels: Sequence[str]
    series: Sequence[Series]
    kind: str = "line"
    y_label: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    levels: bool = False
    """Values are levels (e.g. viewers online), not counts: downsampling averages them."""


@dataclass(frozen=True)
class BuiltChart:
    """A chart's picture drawn off the UI thread (`build_chart`), for one size and theme."""

    data: ChartData | None
    size: Size
    theme: str
    """The app's theme name it was drawn for."""
    rendered: RenderResult


def build_chart(data: ChartData | None, size: Size, theme: str) -> BuiltChart:
    """Draw `data` as a `Chart` of `size` would under the app theme `theme`, on a plotext
    figure of its own: safe in a worker (plotext takes 20–40 ms a chart). A chart whose size
    turns out different when shown draws itself again, as without this."""
    rendered: RenderResult
    if data is not None and data.kind == "hbar" and data.series:
        rendered = hbar_text(data, size.width, size.height)
    else:
        plt = Plot()
        plot_into(plt, data, size.width)
        rendered = _build_text(plt, size, f"textual-auto-{theme}")
    return BuiltChart(data, size, theme, rendered)


def build_changed(
    data: ChartData | None, size: Size, theme: str, shown: tuple[object, ...]
) -> BuiltChart | None:
    """`build_chart`, unless the chart shows that already (`shown`: its `Chart.shown` when the
    load began): new data often leaves a chart's figures as they were."""
    return None if shown == (data, size, theme) else build_chart(data, size, theme)


def _build_text(plt: Plot, size: Size, plotext_theme: str) -> RenderResult:
    """What PlotextPlot.render returns, without the zero-width spaces `widen` added for CJK.

    plotext needed them to give each CJK character its second cell; in the built text they
    would end up in copied text and screen readers, and the terminal gives the character its
    two columns anyway.
    """
    plt.plotsize(size.width, size.height)
    plt._set_size(size.width, size.height)  # as PlotextPlot.render does (textual-plotext #5)
    plt.theme(plotext_theme)
    built = plt.build()
    # Text.from_ansi keeps styles as spans over the plain text; building it from the ANSI
    # with the spaces removed keeps each span on its characters.
    return Text.from_ansi(built.replace("\u200b", "") if "\u200b" in built else built)


_EMPTY: dict[tuple[Size, str], RenderResult] = {}


def _empty_picture(size: Size, plotext_theme: str) -> RenderResult:
    """A chart with nothing to show (yet: a tab's charts while its data loads) is the same
    empty plotext canvas for every chart of a size: drawn once (2–10 ms each)."""
    key = (size, plotext_theme)
    if key not in _EMPTY:
        if len(_EMPTY) > 32:
            _EMPTY.clear()
        _EMPTY[key] = _build_text(Plot(), size, plotext_theme)
    return _EMPTY[key]


class Chart(PlotextPlot):
    """A chart that keeps its data and replots on resize and theme change."""

    DEFAULT_CSS = """
    Chart { height: 1fr; min-height: 8; }
    """

    def __init__(
        self, data: ChartData | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.data = data
        self._version = 0
        self._plotted_size: Size | None = None
        """The size the plotext figure (`plt`) was set up for."""
        self._shown_size: Size | None = None
        """The size the picture shown is for (plotted here, or built in a worker)."""
        self._rendered: tuple[tuple[object, ...], RenderResult] | None = None
        self._plt_version = 0
        """The `_version` whose data the plotext figure (`plt`) holds."""

    def render(self) -> RenderResult:
        if self.data is not None and self.data.kind == "hbar" and self.data.series:
            return hbar_text(self.data, self.size.width, self.size.height)
        # plotext rebuilds the whole figure on every render (20–40 ms); a tab shown again or a
        # page scrolled repaints without anything changed, so keep the last build.
        data = self.data
        if data is None or not data.x_labels or not data.series:
            return _empty_picture(self.size, self._get_plotext_theme_name(self.app.theme))
        key = (self.size, self.app.theme, self._version)
        if self._rendered is None or self._rendered[0] != key:
            if self._plotted_size != self.size or self._plt_version != self._version:
                self._plot_now()  # shown with a picture built for another size
            self._rendered = (key, self._render_plot())
        return self._rendered[1]

    @property
    def shown(self) -> tuple[object, ...]:
        """What the picture on screen is of: data, size, theme (for `build_changed`)."""
        return (self.data, self._shown_size, self.app.theme)

    def _render_plot(self) -> RenderResult:
        return _build_text(self.plt, self.size, self._get_plotext_theme_name(self.app.theme))

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())
        self.replot()

    def on_resize(self) -> None:
        # A tab shown again gets a Resize with the size it had: nothing to redo then.
        if self.size != self._shown_size:
            self.replot()

    def show(self, data: ChartData | None, built: BuiltChart | None = None) -> None:
        """Show `data`; `built`: its picture, drawn in a worker (`build_chart`)."""
        # A refresh after new data often brings the same figures (new comments leave plays
        # alone): keep the figure plotext built rather than build it again.
        if data == self.data and self._rendered is not None and self._shown_size == self.size:
            return
        self.data = data
        if built is None or built.data != data:
            self.replot()
            return
        # Drawn already: only the picture changes. It is for the size the chart will have once
        # laid out (a chart shown for the first time may not be yet); if it ends up another,
        # render() draws it here after all.
        self._version += 1
        self._shown_size = built.size
        self._rendered = ((built.size, built.theme, self._version), built.rendered)
        self.refresh()

    def replot(self) -> None:
        self._version += 1
        self._plot_now()
        self.refresh()

    def _plot_now(self) -> None:
        self._plotted_size = self._shown_size = self.size
        self._plt_version = self._version
        plot_into(self.plt, self.data, self.size.width)


def plot_into(plt: Plot, data: ChartData | None, widget_width: int) -> None:
    """Clear `plt` and plot `data` on it for a chart `widget_width` columns wide."""
    plt.clear_data()
    plt.clear_figure()
    if data is None or not data.x_labels or not data.series:
        return
    if data.kind == "hbar":  # drawn as text by render(): one row per bar, its own label
        return
    plt.title(widen(data.title))
    width = max(10, widget_width - 12)
    if data.kind in ("bar", "stacked"):
        labels, values = downsample(
            data.x_labels, [s.values for s in data.series], width // 2, mean=data.levels
        )
        if data.kind == "stacked" and len(data.series) > 1:
            # One bar per label, the series piled up (e.g. earnings by source per month).
            plt.stacked_bar(  # type: ignore[call-arg]  # plotext's stub lacks `labels`
                [widen(x) for x in labels],
                values,
                labels=[widen(s.label) for s in data.series],
                width=0.6,  # wider bars merge into their neighbours at terminal resolution
            )
            # Headroom above the tallest pile, so the legend (top left) hides no bar.
            top = max((sum(col) for col in zip(*values, strict=True)), default=0.0)
            if top > 0:
                plt.ylim(0, top * 1.35)
        elif len(data.series) == 1:
            plt.bar([widen(x) for x in labels], values[0], label=widen(data.series[0].label))
        else:
            plt.multiple_bar(  # type: ignore[call-arg]
                [widen(x) for x in labels], values, labels=[widen(s.label) for s in data.series]
            )
        _bar_ticks(plt, labels, width)
    else:
        labels, values = downsample(
            data.x_labels, [s.values for s in data.series], width, mean=data.levels
        )
        xs = list(range(len(labels)))
        peaks = {"left": 0.0, "right": 0.0}
        for i, (s, ys) in enumerate(zip(data.series, values, strict=True)):
            side = "right" if s.right else "left"
            marker = series_marker(i)  # a shape per series when there is no colour
            plt.plot(xs, ys, label=widen(s.label), marker=marker, yside=side)
            peaks[side] = max(peaks[side], max(ys, default=0.0))
        if peaks["right"]:
            # Two axes, each from 0 in whole counts (likes are not a flat line under plays).
            for side, top in peaks.items():
                at = int_ticks(top)
                if at:
                    # plotext's stub types yside as a float; it takes "left"/"right".
                    plt.ylim(0, max(top, at[-1]), yside=side)  # type: ignore[arg-type]
                    labels_at = [widen(tick_label(v)) for v in at]
                    plt.yticks(at, labels_at, yside=side)  # type: ignore[arg-type]
        ticks = max(2, min(len(labels), width // 12))
        idx = [round(i * (len(labels) - 1) / (ticks - 1)) for i in range(ticks)]
        plt.xticks([xs[i] for i in idx], [widen(labels[i]) for i in idx])
    # Round axis values, written compactly; on the value axis and after
    # downsampling (what is plotted, not the raw values).
    if data.kind == "stacked":
        peak = max((sum(col) for col in zip(*values, strict=True)), default=0)
    else:
        peak = max((v for ys in values for v in ys), default=0)
    at = nice_ticks(peak)
    if at and not (data.kind == "line" and any(s.right for s in data.series)):
        plt.yticks(at, [widen(tick_label(v)) for v in at])
    if data.y_label:
        plt.ylabel(widen(data.y_label))


def _bar_ticks(plt: Plot, labels: Sequence[str], width: int) -> None:
    """Label every bar when they fit, else every k-th counted back from the last.

    plotext silently drops a label that would touch its neighbour, often the last one (the
    earnings chart lost its current month at 80 columns); the newest bar must be named.
    """
    n = len(labels)
    need = max((display_width(x) for x in labels), default=0) + 1
    if n < 2 or width / n >= need:
        return
    step = -(-need * n // width)
    idx = list(range(n - 1, -1, -step))[::-1]
    plt.xticks([i + 1 for i in idx], [widen(labels[i]) for i in idx])


EIGHTHS = " ▏▎▍▌▋▊▉"


def hbar_text(data: ChartData, width: int, height: int) -> Text:
    """Horizontal bars as text, one row each with its label beside it and its value after it.

    plotext spreads N bars over however many rows the widget has, so at some heights a bar
    takes two rows and a label sits beside its neighbour's bar (issue 13). Here each bar has
    exactly one row. The first item is drawn at the bottom, as plotext does.
    """
    from creatorctl.charting import display_width

    values = list(data.series[0].values)
    items = list(zip(data.x_labels, values, strict=False))[::-1]
    rows = max(0, height - 1)
    items = items[:rows]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(data.title, style="bold")
    if not items:
        return text
    whole = all(float(v) == int(v) for _, v in items)
    shown = [f"{v:,.0f}" if whole else f"{v:,.1f}" for _, v in items]
    label_w = max(display_width(label) for label, _ in items)
    value_w = max(len(s) for s in shown)
    room = max(1, width - label_w - value_w - 3)
    peak = max((v for _, v in items), default=0) or 1
    for (label, value), value_text in zip(items, shown, strict=True):
        eighths = round(max(0.0, value) / peak * room * 8)
        bar = "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")
        text.append("\n" + label + " " * (label_w - display_width(label)) + " ")
        text.append(bar, style="bold")
        text.append(" " + value_text)
    return text
