"""One import summary (issue 13 review: "the import summary, twice"): `creatorctl import` and
the app's Import dialog show the same lines for the same file, in both languages, because both
print `FileResult.summary()`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from creatorctl.i18n import set_language, t
from creatorctl.screens.import_file import ImportScreen
from creatorctl.widgets.toggle import MarkedCheckbox
from tests.helpers import settle
from tests.import_helpers import WORKS_HEADER, cli, works_row, write_csv


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_cli_and_dialog_print_the_same_summary(
    lang: str, demo_db: Path, app_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A dry run that skips a bad row: the counts line marked as a dry run, the reason and the
    example row. The dialog used to put the dry-run mark on a line of its own."""
    f = write_csv(
        tmp_path / "作品列表导出_20261120.csv",
        [WORKS_HEADER, works_row("新作品一", 5), works_row("坏行", "很多")],
    )
    code, out, err = cli(
        "--db", str(demo_db), "import", str(f), "--dry-run", "--skip-bad-rows", lang=lang
    )
    assert code == 0, err
    printed = out.splitlines()
    assert len(printed) >= 3 and t("imp.dry_run") in printed[0]  # counts, reason, example

    set_language(lang)
    app = app_factory(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path", Input).value = str(f)
        app.screen.query_one("#import-skip", MarkedCheckbox).value = True
        app.screen.query_one("#import-dry", MarkedCheckbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, app, rounds=6)
        shown = str(app.screen.query_one("#import-result", Static).render())
    assert shown.splitlines() == printed
