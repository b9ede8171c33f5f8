"""Horizontal bar charts label the right bar (issue 13 item 3): plotext spread 5 age bars over
6 rows, so `18-23` sat beside the 31–40 bar and the real 18–23 bar had no label."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatorctl.widgets.chart import Chart, ChartData, Series, hbar_text
from tests.helpers import settle

AGES = [("24-30", 32.3), ("31-40", 28.0), ("18-23", 17.8), ("41-50", 15.2), ("50+", 6.6)]


@pytest.mark.parametrize("height", [6, 7, 8, 10, 13])
def test_each_label_shares_its_row_with_its_own_bar(height: int) -> None:
    # The Fans tab passes the biggest share last (plotext drew the first item at the bottom).
    data = ChartData("年龄", [a for a, _ in reversed(AGES)], [Series("%", [v for _, v in reversed(AGES)])], kind="hbar")  # fmt: skip
    lines = hbar_text(data, 50, height).plain.splitlines()
    assert lines[0] == "年龄"
    rows = lines[1:]
    assert len(rows) == min(len(AGES), height - 1)
    for (label, value), row in zip(AGES, rows, strict=False):
        assert row.startswith(label) and row.endswith(f"{value:.1f}")
    bars = [row.count("█") for row in rows]
    assert bars == sorted(bars, reverse=True) and bars[0] > bars[-1] > 0


async def test_fans_age_chart_on_screen(demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.fans import portrait

    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        app.action_show_tab("fans")
        await settle(pilot, app)
        chart = app.query_one("#portrait-age", Chart)
        shown = chart.render().plain.splitlines()  # type: ignore[union-attr]
        shares = portrait(app.store, app.account.id)["age"]
        for share in shares:
            (row,) = [r for r in shown if r.startswith(share.label)]
            assert row.rstrip().endswith(f"{share.share * 100:.1f}")
