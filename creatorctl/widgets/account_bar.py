"""The bar at the top: app name, the current account and its fan count."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from creatorctl.i18n import fmt_int, t
from creatorctl.safe_text import clean_line


class AccountBar(Static):
    """Shows who we are working as; updated by the app when the account changes."""

    DEFAULT_CSS = """
    AccountBar { dock: top; height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def show_account(
        self, nickname: str | None, handle: str | None, fans: int | None, verified: bool = False
    ) -> None:
        text = Text()
        text.append("creatorctl", style="bold")
        text.append("  ")
        if handle is None:
            text.append(t("app.no_account"), style="italic")
        else:
            text.append(clean_line(nickname or handle), style="bold")  # strangers may name it
            text.append(f" @{handle}", style="dim")
            text.append(f"  {t('col.fans')} ")
            text.append(fmt_int(fans), style="bold")
            if verified:
                text.append(f"  ✓{t('app.verified')}", style="green")
        self.update(text)
