"""Chart helpers that do not need a terminal."""

from __future__ import annotations

from creatorctl.charting import display_width, nice_ticks, text_bars


def test_nice_ticks() -> None:
    assert nice_ticks(404_303) == [0, 200_000, 400_000]
    assert nice_ticks(96) == [0, 25, 50, 75]
    assert nice_ticks(7) == [0, 2, 4, 6]
    assert nice_ticks(0.5) == [0.0, 0.2, 0.4]
    assert nice_ticks(0) == [] and nice_ticks(-3) == []


def test_text_bars_align_chinese_labels() -> None:
    lines = text_bars([("广东", 50), ("iPhone", 100)], width=10)
    assert lines == ["广东   █████ 50", "iPhone ██████████ 100"]
    assert display_width("广东") == 4
    assert text_bars([]) == []


def test_count_axes_are_whole_and_compact() -> None:
    """Issue 13: no "0.5 fans" tick; 200,000 reads 20.0万 / 200.0k, not 200000."""
    from creatorctl.charting import int_ticks, tick_label
    from creatorctl.i18n import set_language

    assert int_ticks(1) == [0.0, 1.0] and int_ticks(3) == [0, 1, 2, 3]
    assert int_ticks(0) == []
    assert tick_label(200_000) == "20.0万" and tick_label(25_000) == "2.5万"
    assert tick_label(5_000) == "5,000"
    set_language("en")
    assert tick_label(200_000) == "200.0k"
    set_language("zh")
