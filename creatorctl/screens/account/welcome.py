"""First run on an empty store: demo data, an import, or a new account."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from creatorctl.i18n import t
from creatorctl.widgets.plain import PlainStatic


class WelcomeScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with ("demo", ""), ("import", ""), ("account", handle) or None (quit)."""

    BINDINGS = [
        Binding("d", "choose('demo')", t("welcome.demo")),
        Binding("i", "choose('import')", t("welcome.import")),
        Binding("n", "new_account", t("welcome.account")),
        Binding("escape", "dismiss_none", t("key.quit")),
    ]
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen > Vertical { width: 76; height: auto; border: thick $accent; background: $surface;
        padding: 1 2; }
    WelcomeScreen Button { width: 100%; margin-top: 1; }
    WelcomeScreen #welcome-handle { display: none; }
    WelcomeScreen #welcome-handle.visible { display: block; }
    WelcomeScreen #welcome-error { color: $error; height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("welcome.title"), id="welcome-title")
            yield Static(t("welcome.body"))
            yield Button(t("welcome.demo") + " (d)", variant="primary", id="welcome-demo")
            yield Button(t("welcome.import") + " (i)", id="welcome-import")
            yield Button(t("welcome.account") + " (n)", id="welcome-account")
            yield Input(placeholder=t("switch.add_placeholder"), id="welcome-handle")
            yield PlainStatic("", id="welcome-error")

    @on(Button.Pressed, "#welcome-demo")
    def _demo(self) -> None:
        self.dismiss(("demo", ""))

    @on(Button.Pressed, "#welcome-import")
    def _import(self) -> None:
        self.dismiss(("import", ""))

    @on(Button.Pressed, "#welcome-account")
    def action_new_account(self) -> None:
        box = self.query_one("#welcome-handle", Input)
        box.add_class("visible")
        box.focus()

    @on(Input.Submitted, "#welcome-handle")
    def _handle(self, event: Input.Submitted) -> None:
        from creatorctl.accounts import HANDLE_RE

        handle = event.value.strip()
        if not HANDLE_RE.match(handle):
            self.query_one("#welcome-error", PlainStatic).update(t("err.bad_handle", handle=handle))
            return
        self.dismiss(("account", handle))

    def action_choose(self, what: str) -> None:
        if isinstance(self.focused, Input):
            return
        self.dismiss((what, ""))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
