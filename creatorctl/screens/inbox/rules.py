"""Auto-reply rules: a list to add, edit, switch and delete rules, and a tester for sample text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Label, Static

if TYPE_CHECKING:
    from creatorctl.store import Store

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.inbox.messages import Rule, rule_name
from creatorctl.screens.base import AppAccess
from creatorctl.widgets.paged_table import fixed_column
from creatorctl.widgets.toggle import MarkedCheckbox


class RulesScreen(AppAccess, ModalScreen[None]):
    """The account's auto-reply rules in the order they are tried.

    Rules are named by their id (the table's first column) and keyword in every message; the
    footer lists a/e/space/d/t. The table gets focus once, when the dialog opens: focusing it
    again after each load took keys from a dialog opened on top (a Tab typed after `a`).
    """

    AUTO_FOCUS = "#rules-table"

    BINDINGS = [
        Binding("a", "add", t("inbox.key_add")),
        Binding("e", "edit", t("key.edit")),
        Binding("space", "toggle_rule", t("inbox.key_toggle")),
        Binding("d", "delete", t("key.delete")),
        Binding("t", "tester", t("inbox.key_test")),
        Binding("escape", "close", t("key.back")),
    ]
    DEFAULT_CSS = """
    RulesScreen { align: center middle; }
    RulesScreen > Vertical { width: 95%; max-width: 120; height: 1fr; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1; }
    RulesScreen DataTable { height: 1fr; }
    RulesScreen #rule-test-result { height: 2; }
    RulesScreen #rule-test-row { height: auto; }
    RulesScreen #rule-test { width: 1fr; }
    RulesScreen #rule-test-first { width: auto; }
    """

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id
        self.rules: list[Rule] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("inbox.rules_title"), style="bold"))
            yield DataTable(id="rules-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="rule-test-row"):
                yield Input(placeholder=t("inbox.test_placeholder"), id="rule-test")
                yield MarkedCheckbox(t("inbox.test_first"), id="rule-test-first")
            yield Static("", id="rule-test-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Short columns first, the reply last in what is left: at 80 columns on/off stays in
        # view and the reply ends in an ellipsis.
        table = self.query_one("#rules-table", DataTable)
        inner = min(120, int(self.app.size.width * 0.95)) - 4
        fixed_column(table, "#", key="id", width=3)
        fixed_column(table, t("inbox.col_state"), key="state", width=6)
        fixed_column(table, t("inbox.col_priority"), key="priority", width=6)
        fixed_column(table, t("inbox.col_keyword"), key="keyword", width=16)
        fixed_column(table, t("inbox.col_reply"), key="reply", width=max(10, inner - 31 - 10))
        self.load()

    @property
    def store(self) -> Store:
        return self.need_store()

    @work(thread=True, exclusive=True, group="rules", exit_on_error=False)
    def load(self) -> None:
        from creatorctl.inbox.messages import list_rules

        rules = list_rules(self.store, self.account_id)
        self.post_message(self.Loaded(rules))

    @dataclass
    class Loaded(Message):
        """The account's rules, in the order they are tried."""

        rules: list[Rule]
        """The rules."""

    @dataclass
    class Changed(Message):
        """A rule was switched on/off or deleted: the list reloads."""

        note: str = ""
        """A toast to show first (empty: none)."""

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        if self not in self.app.screen_stack:  # closed while the worker ran
            return
        rules = event.rules
        self.rules = rules
        table = self.query_one("#rules-table", DataTable)
        row = table.cursor_row
        table.clear()
        for r in rules:
            table.add_row(
                Text(str(r.id), justify="right"),
                Text("● " + t("inbox.on"), style="green")
                if r.enabled
                else Text("○ " + t("inbox.off"), style="dim"),
                Text(str(r.priority), justify="right"),
                Text(t("inbox.welcome"), style="magenta")
                if r.is_welcome
                else Text(r.keyword, no_wrap=True, overflow="ellipsis"),
                Text(r.reply, no_wrap=True, overflow="ellipsis"),
                key=str(r.id),
            )
        if rules:
            table.move_cursor(row=min(row, len(rules) - 1))

    @property
    def selected(self) -> Rule | None:
        table = self.query_one("#rules-table", DataTable)
        if not self.rules:
            return None
        return self.rules[min(table.cursor_row, len(self.rules) - 1)]

    def action_add(self) -> None:
        self.app.push_screen(RuleEditScreen(self.account_id, None), self._edited)

    def action_edit(self) -> None:
        if self.selected is not None:
            self.app.push_screen(RuleEditScreen(self.account_id, self.selected), self._edited)

    @on(DataTable.RowSelected, "#rules-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def _edited(self, rule: Rule | None) -> None:
        if rule is not None:
            self.notify(t("inbox.rule_saved", id=rule.id, keyword=rule_name(rule)))
            self.load()

    def action_toggle_rule(self) -> None:
        if self.selected is not None:
            self._toggle(self.selected.id, not self.selected.enabled)

    @work(thread=True, group="rules-change", exit_on_error=False)
    def _toggle(self, rule_id: int, enabled: bool) -> None:
        from creatorctl.inbox.messages import set_rule_enabled

        set_rule_enabled(self.store, self.account_id, rule_id, enabled)
        self.post_message(self.Changed())

    @on(Changed)
    def _changed(self, event: Changed) -> None:
        if self not in self.app.screen_stack:  # closed while the worker ran
            return
        if event.note:
            self.notify(event.note)
        self.load()

    def action_delete(self) -> None:
        rule = self.selected
        if rule is None:
            return
        from creatorctl.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(rule.id, rule_name(rule))

        self.app.push_screen(
            ConfirmScreen(t("inbox.confirm_delete_rule", id=rule.id, keyword=rule_name(rule))),
            answered,
        )

    @work(thread=True, group="rules-change", exit_on_error=False)
    def _delete(self, rule_id: int, name: str) -> None:
        from creatorctl.inbox.messages import delete_rule

        delete_rule(self.store, self.account_id, rule_id)
        self.post_message(self.Changed(t("inbox.rule_deleted", id=rule_id, keyword=name)))

    def action_tester(self) -> None:
        self.query_one("#rule-test", Input).focus()

    @on(Input.Submitted, "#rule-test")
    @on(Input.Changed, "#rule-test")
    @on(Checkbox.Changed, "#rule-test-first")
    def _test(self) -> None:
        from creatorctl.inbox.messages import match_rule

        text = self.query_one("#rule-test", Input).value
        first = self.query_one("#rule-test-first", Checkbox).value
        out = self.query_one("#rule-test-result", Static)
        if not text.strip():
            out.update("")
            return
        rule = match_rule(self.rules, text, first=first)
        out.update(  # keywords and replies are typed text: shown as they are, never as markup
            safe_text.text(
                t("inbox.test_match", id=rule.id, keyword=rule_name(rule), reply=rule.reply)
                if rule
                else t("inbox.test_none")
            )
        )

    def action_close(self) -> None:
        focused = self.focused
        if isinstance(focused, Input) and focused.value:
            focused.value = ""
            self.query_one("#rules-table", DataTable).focus()
            return
        self.dismiss(None)


class RuleEditScreen(AppAccess, ModalScreen[Rule | None]):
    """Add or change a rule: keywords, reply, priority, on/off, welcome."""

    AUTO_FOCUS = "#rule-keyword"  # once, as the screen opens (not again after a key typed)

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save")),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    RuleEditScreen { align: center middle; }
    RuleEditScreen > Vertical { width: 90%; max-width: 90; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1; }
    RuleEditScreen #rule-error { color: $error; height: auto; }
    RuleEditScreen Horizontal { height: auto; }
    RuleEditScreen #rule-buttons { align-horizontal: right; }
    RuleEditScreen Button { margin-left: 1; }
    """

    def __init__(self, account_id: int, rule: Rule | None) -> None:
        super().__init__()
        self.account_id = account_id
        self.rule = rule

    def compose(self) -> ComposeResult:
        r = self.rule
        with Vertical():
            yield Label(
                Text(t("inbox.rule_edit_title") if r else t("inbox.rule_add_title"), style="bold")
            )
            yield Label(t("inbox.field_keyword"))
            yield Input(r.keyword if r else "", id="rule-keyword")
            yield Label(t("inbox.field_reply"))
            yield Input(r.reply if r else "", id="rule-reply")
            yield Label(t("inbox.field_priority"))
            yield Input(str(r.priority) if r else "0", id="rule-priority", type="integer")
            with Horizontal():
                yield MarkedCheckbox(
                    t("inbox.field_enabled"), r.enabled if r else True, id="rule-enabled"
                )
                yield MarkedCheckbox(
                    t("inbox.field_welcome"), r.is_welcome if r else False, id="rule-welcome"
                )
            yield Static("", id="rule-error")
            with Horizontal(id="rule-buttons"):
                yield Button(t("key.save") + " (ctrl+s)", variant="primary", id="rule-save")
                yield Button(t("key.cancel") + " (esc)", id="rule-cancel")

    @on(Button.Pressed, "#rule-save")
    def action_save(self) -> None:
        raw_priority = self.query_one("#rule-priority", Input).value.strip() or "0"
        try:
            priority = int(raw_priority)
        except ValueError:
            self.query_one("#rule-error", Static).update(t("inbox.err_priority"))
            return
        self.save(
            self.query_one("#rule-keyword", Input).value,
            self.query_one("#rule-reply", Input).value,
            priority,
            self.query_one("#rule-enabled", Checkbox).value,
            self.query_one("#rule-welcome", Checkbox).value,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, keyword: str, reply: str, priority: int, enabled: bool, welcome: bool) -> None:
        from creatorctl.errors import UserError
        from creatorctl.inbox.messages import save_rule

        try:
            rule = save_rule(
                self.need_store(),
                self.account_id,
                rule_id=self.rule.id if self.rule else None,
                keyword=keyword,
                reply=reply,
                priority=priority,
                enabled=enabled,
                is_welcome=welcome,
            )
        except UserError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Saved(rule))

    @dataclass
    class Saved(Message):
        """The store took the rule: the dialog closes with it."""

        rule: Rule
        """The rule as saved (with its id)."""

    @dataclass
    class Refused(Message):
        """The store refused the rule (no keyword, no reply …)."""

        error: str
        """Why, in one line."""

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        if self.is_active:  # not after Esc (dismiss would close the screen below)
            self.dismiss(event.rule)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        if self.is_active:
            self.query_one("#rule-error", Static).update(safe_text.text(event.error))

    @on(Button.Pressed, "#rule-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
