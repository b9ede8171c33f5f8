"""Textual's own command palette entries (theme, quit, keys, maximize, screenshot), translated.

Textual yields them in English whatever the UI language; these are the same commands in zh/en.
The screenshot goes to a private folder that exists (the data folder's `screenshots/`), not to
~/Downloads, which many servers lack, and the notification says where it went.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from creatorctl.i18n import t


def screenshot_dir() -> Path:
    """Where screenshots go: `<data folder>/screenshots`, made private (0700) on first use."""
    from creatorctl.paths import data_dir, ensure_private_dir

    folder = data_dir() / "screenshots"
    ensure_private_dir(folder)
    return folder


def save_screenshot(app: App[Any]) -> Path | None:
    """Save an SVG of the screen; notify where it is (or why it could not be saved)."""
    from creatorctl.errors import UserError

    try:
        folder = screenshot_dir()
        path = Path(app.save_screenshot(path=str(folder)))
    except (OSError, UserError) as exc:
        app.notify(t("palette.screenshot_failed", error=str(exc)), severity="error")
        return None
    app.notify(t("palette.screenshot_saved", path=str(path)), timeout=10)
    return path


def builtin_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Textual's built-in palette entries, in the UI language."""
    yield SystemCommand(t("palette.theme"), t("palette.theme_help"), app.action_change_theme)
    yield SystemCommand(t("key.quit"), t("palette.quit_help"), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(t("palette.keys"), t("palette.keys_hide"), app.action_hide_help_panel)
    else:
        yield SystemCommand(t("palette.keys"), t("palette.keys_show"), app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand(
            t("palette.minimize"), t("palette.minimize_help"), screen.action_minimize
        )
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(
            t("palette.maximize"), t("palette.maximize_help"), screen.action_maximize
        )
    yield SystemCommand(
        t("palette.screenshot"),
        t("palette.screenshot_help"),
        lambda: app.set_timer(0.1, lambda: save_screenshot(app)),
    )
