"""The Import dialog: a file path, the same checks and summary as `creatorctl import`, progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, ProgressBar, Static

from creatorctl import safe_text
from creatorctl.i18n import t
from creatorctl.screens.dialog import DialogScreen
from creatorctl.widgets.toggle import MarkedCheckbox

if TYPE_CHECKING:
    from creatorctl.importers import FileResult


@dataclass
class DataImported(Message):
    """Posted to the app when an import wrote to the store: open tabs reload."""

    kind: str
    """The kind imported (``works``, ``daily`` …)."""


def option_label(name: str) -> str:
    """A kind's extra option, named in the UI's language (the CLI's --help text is English)."""
    key = f"imp.opt.{name}"
    from creatorctl.i18n import catalog

    return t(key) if key in catalog() else name


class ImportScreen(DialogScreen[bool]):
    """Dismisses with True when something was written (the app then refreshes), else False."""

    BINDINGS = [
        Binding("ctrl+s", "start", t("imp.ui_start")),
        Binding("escape", "close", t("key.back")),
    ]
    DEFAULT_CSS = """
    ImportScreen > Vertical { width: 90%; max-width: 100; height: auto;
        border: thick $accent; background: $surface; padding: 0 1; }
    ImportScreen #import-new-account { display: none; height: auto; }
    ImportScreen #import-new-account.visible { display: block; }
    ImportScreen Horizontal { height: auto; }
    ImportScreen #import-buttons { align-horizontal: right; }
    ImportScreen Button { margin-left: 1; }
    ImportScreen ProgressBar { display: none; }
    ImportScreen ProgressBar.running { display: block; }
    ImportScreen #import-result-box { height: auto; max-height: 8; }
    ImportScreen #import-result-box.empty { display: none; }
    ImportScreen #import-result { height: auto; }
    ImportScreen #import-result.error { color: $error; }
    ImportScreen #import-result-box.error { border-left: thick $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.changed = False
        self.running = False

    def compose(self) -> ComposeResult:
        from creatorctl.importers import load_kinds

        options = {o.name: o for k in load_kinds().values() for o in k.options}
        with Vertical():
            yield Label(t("imp.ui_title"), id="import-title")
            with VerticalScroll(classes="dialog-body"):
                yield Label(t("imp.ui_path"))
                yield Input(placeholder="~/Downloads/作品列表导出_20261025.xlsx", id="import-path")
                with Vertical(id="import-new-account"):
                    yield Label(t("imp.ui_handle"))
                    yield Input(value="me", id="import-handle")
                yield Label(t("imp.ui_snapshot"))
                yield Input(placeholder="YYYY-MM-DD", id="import-date")
                for opt in options.values():
                    yield Label(option_label(opt.name))
                    yield Input(id=f"import-opt-{opt.name}", classes="import-option")
                with Horizontal():
                    yield MarkedCheckbox(t("imp.ui_skip"), id="import-skip")
                    yield MarkedCheckbox(t("imp.ui_dry"), id="import-dry")
            yield ProgressBar(id="import-progress", show_eta=False)
            with VerticalScroll(id="import-result-box", classes="empty"):
                yield Static("", id="import-result")
            with Horizontal(id="import-buttons"):
                yield Button(t("imp.ui_start") + " (ctrl+s)", variant="primary", id="import-start")
                yield Button(t("key.back") + " (esc)", id="import-close")

    def on_mount(self) -> None:
        if getattr(self.app, "account", None) is None:
            self.query_one("#import-new-account").add_class("visible")
        self.query_one("#import-path", Input).focus()

    # --- starting ------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-start")
    def action_start(self) -> None:
        if self.running:
            return
        raw = self.query_one("#import-path", Input).value.strip().strip("'\"")
        path = Path(raw).expanduser()
        if not raw or not path.is_file():
            self._show([t("err.no_file", path=raw or "–")], error=True)
            self.query_one("#import-path", Input).focus()
            return
        text = self.query_one("#import-date", Input).value.strip()
        try:
            snapshot = date.fromisoformat(text) if text else None
        except ValueError:
            self._show([t("imp.ui_bad_date", value=text)], error=True)
            return
        options = {
            box.id.removeprefix("import-opt-"): box.value.strip()
            for box in self.query(".import-option").results(Input)
            if box.id and box.value.strip()
        }
        handle = None
        if getattr(self.app, "account", None) is None:
            handle = self.query_one("#import-handle", Input).value.strip()
        self.running = True
        self._show([t("imp.reading", file=path.name)])
        self.query_one("#import-progress", ProgressBar).add_class("running")
        self.call_after_refresh(self.fit_body)
        self.run_import(
            path,
            snapshot,
            options,
            handle,
            self.query_one("#import-skip", MarkedCheckbox).value,
            self.query_one("#import-dry", MarkedCheckbox).value,
        )

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(
        self,
        path: Path,
        snapshot: date | None,
        options: dict[str, Any],
        handle: str | None,
        skip_bad_rows: bool,
        dry_run: bool,
    ) -> None:
        from creatorctl.errors import UserError
        from creatorctl.importers import ImportRejected, import_file

        store = self.need_store()
        try:
            if handle is not None:
                from creatorctl.accounts import add_account, get_account

                try:
                    account = get_account(store, handle)
                except UserError:
                    account = add_account(store, handle)
            else:
                assert self.capp.account is not None
                account = self.capp.account
            result = import_file(
                store,
                path,
                account_id=account.id,
                snapshot_date=snapshot,
                dry_run=dry_run,
                skip_bad_rows=skip_bad_rows,
                options=options,
                progress=self._progress,
            )
        except ImportRejected as exc:
            self.post_message(self.Rejected(list(exc.problems)))
            return
        except UserError as exc:
            self.post_message(self.Rejected([str(exc)]))
            return
        self.post_message(self.Imported(result))

    def _progress(self, _label: str, done: int, total: int) -> None:
        """Called from the import's thread after each batch."""
        self.post_message(self.Progress(done, total))

    @dataclass
    class Progress(Message):
        """A batch of the file is in."""

        done: int
        """Rows read so far."""
        total: int
        """Rows in the file (an estimate while reading)."""

    @on(Progress)
    def _show_progress(self, event: Progress) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(event.total, 1), progress=event.done)

    # --- the outcome ---------------------------------------------------------------------

    @dataclass
    class Imported(Message):
        """The file was read (and, unless a dry run, written)."""

        result: FileResult

    @dataclass
    class Rejected(Message):
        """The file was refused: nothing was written."""

        problems: list[str]
        """What is wrong, one line each (file/row/column)."""

    @on(Rejected)
    def _rejected(self, event: Rejected) -> None:
        self.running = False
        self.query_one("#import-progress", ProgressBar).remove_class("running")
        self._show(["✗ " + t("imp.ui_rejected"), *event.problems], error=True)

    @on(Imported)
    def _done(self, event: Imported) -> None:
        self.running = False
        self.query_one("#import-progress", ProgressBar).remove_class("running")
        result = event.result
        c = result.counts
        lines = result.summary() if result.dry_run else [t("imp.ui_done"), *result.summary()]
        self._show(lines)
        if not result.dry_run and (c.added or c.updated):
            self.changed = True
            self.app.post_message(DataImported(result.kind))
        elif getattr(self.app, "account", None) is None and not result.dry_run:
            self.changed = True  # an account was made for the import

    def _show(self, lines: list[str], *, error: bool = False) -> None:
        """The outcome under the form, above the buttons: always on screen, scrolled to its top."""
        result = self.query_one("#import-result", Static)
        result.update(safe_text.text("\n".join(lines)))  # problems quote the file's cells
        result.set_class(error, "error")
        box = self.query_one("#import-result-box", VerticalScroll)
        box.set_class(error, "error")
        box.set_class(not lines, "empty")
        box.scroll_home(animate=False)
        self.call_after_refresh(self.fit_body)

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        if not self.running:
            self.dismiss(self.changed)
