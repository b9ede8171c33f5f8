"""How Works, Data and Fans look under NO_COLOR (small demo, seed 7, clock frozen, zh, 80x24).

Textual turns every colour grey then; a warning must still stand out by reverse video, bold or
its shape (issue 13 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def _on_tab(tab: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, pilot.app)
        pilot.app.action_show_tab(tab)
        await settle(pilot, pilot.app)

    return run_before


class TestNoColorLook:
    @pytest.mark.usefixtures("no_color")
    def test_works(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """Grey only; completion rates under 30% (24.8%, 29.6% …) in reverse video."""
        assert snap_compare(
            app_factory(demo_db), terminal_size=(80, 24), run_before=_on_tab("works")
        )

    @pytest.mark.usefixtures("no_color")
    def test_data(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """The KPI changes ▲/▼ in bold; in the daily chart plays are braille dots and likes are
        x marks (two shapes, two axes), the legend says which is which."""
        assert snap_compare(
            app_factory(demo_db), terminal_size=(80, 24), run_before=_on_tab("data")
        )

    @pytest.mark.usefixtures("no_color")
    def test_fans(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        """Gained fans as braille dots, lost fans as x marks; the 30-day net in bold."""
        assert snap_compare(
            app_factory(demo_db), terminal_size=(80, 24), run_before=_on_tab("fans")
        )


def test_marks_follow_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from creatorctl.charting import change_text
    from creatorctl.marks import series_marker, warn

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert warn("red") == "red" and series_marker(1) == "braille"
    assert str(change_text(0.1).style) == "red"
    monkeypatch.setenv("NO_COLOR", "1")
    assert "reverse" in warn("red") and series_marker(0) != series_marker(1)
    assert "bold" in str(change_text(0.1).style) and "bold" in str(change_text(-0.1).style)
