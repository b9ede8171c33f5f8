"""Issue 13 code review, for the screens other than works/earn/inbox/account: "Workers report
back through `call_from_thread` callbacks instead of typed messages" and "A worker starts a
worker". Their thread workers post typed messages; the `@on` handler, on the UI thread, starts
whatever runs next (see tests/test_screen_ownership.py for app.py and screens/works, earn)."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "creatorctl"
SCREENS = PACKAGE / "screens"

CHECKED = sorted(
    [
        *(SCREENS / "drafts").glob("*.py"),
        *(SCREENS / "data").glob("*.py"),
        *(SCREENS / "fans").glob("*.py"),
        SCREENS / "import_file.py",
        SCREENS / "store_sync.py",
        SCREENS / "trash.py",
        SCREENS / "base.py",
        SCREENS / "publisher.py",
        *(PACKAGE / "widgets").glob("*.py"),
    ]
)
"""This slice's files (screens/inbox and screens/account are checked by their own test)."""

UI_CODE = sorted([PACKAGE / "app.py", *SCREENS.rglob("*.py"), *(PACKAGE / "widgets").glob("*.py")])
"""Where a method that starts a worker may be defined (names are matched across them)."""


def _functions(tree: ast.AST) -> Iterable[ast.FunctionDef | ast.AsyncFunctionDef]:
    return (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))


def _is_work(decorator: ast.expr, *, thread_only: bool) -> bool:
    """`@work`, `@work(...)`; with `thread_only`, only `@work(thread=True, ...)`."""
    call = decorator if isinstance(decorator, ast.Call) else None
    target = call.func if call else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    if name != "work":
        return False
    if not thread_only:
        return True
    return call is not None and any(
        k.arg == "thread" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in call.keywords
    )


def _attributes(func: ast.AST, *, on_self: bool = False) -> set[str]:
    """The attributes a function mentions (`x.reload()`, `self.refresh_all` handed on as a
    callable); with `on_self`, only those reached from `self` (`self.query_one(…).load`)."""
    used: set[str] = set()
    for node in ast.walk(func):
        if not isinstance(node, ast.Attribute):
            continue
        root: ast.expr = node
        while isinstance(root, ast.Attribute | ast.Call):
            root = root.value if isinstance(root, ast.Attribute) else root.func
        if not on_self or (isinstance(root, ast.Name) and root.id == "self"):
            used.add(node.attr)
    return used


def worker_starters(sources: Iterable[str]) -> set[str]:
    """Names of methods that start a worker: `@work` ones, ones calling `run_worker`, and ones
    that (transitively) use one of those."""
    uses: dict[str, set[str]] = {}
    starters = {"run_worker"}
    for source in sources:
        for f in _functions(ast.parse(source)):
            if any(_is_work(d, thread_only=False) for d in f.decorator_list):
                starters.add(f.name)
            uses.setdefault(f.name, set()).update(_attributes(f))
    grew = True
    while grew:
        more = {name for name, used in uses.items() if used & starters} - starters
        starters |= more
        grew = bool(more)
    return starters


def workers_starting_workers(source: str, starters: set[str]) -> list[str]:
    """`name -> what` for each thread worker in `source` that starts (or hands on) a worker."""
    found = []
    for f in _functions(ast.parse(source)):
        if any(_is_work(d, thread_only=True) for d in f.decorator_list):
            body = ast.Module(body=f.body, type_ignores=[])
            for name in sorted((_attributes(body, on_self=True) & starters) - {f.name}):
                found.append(f"{f.name} -> {name}")
    return found


def calls_from_thread(source: str) -> list[int]:
    return [
        n.lineno
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Attribute) and n.attr == "call_from_thread"
    ]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_slice_is_what_the_review_named() -> None:
    names = {str(p.relative_to(PACKAGE)) for p in CHECKED}
    for name in (
        "screens/drafts/tab.py",
        "screens/drafts/queue.py",
        "screens/drafts/edit.py",
        "screens/drafts/schedule.py",
        "screens/drafts/resolve.py",
        "screens/import_file.py",
        "screens/store_sync.py",
        "screens/trash.py",
        "screens/base.py",
        "widgets/paged_table.py",
        "screens/data/tab.py",
        "screens/fans/tab.py",
    ):
        assert name in names, name


def test_no_call_from_thread() -> None:
    """Workers post typed messages (a nested `Message` subclass on the sender) instead."""
    found = {str(p.relative_to(PACKAGE)): calls_from_thread(_read(p)) for p in CHECKED}
    assert {f: lines for f, lines in found.items() if lines} == {}


def test_no_thread_worker_starts_a_worker() -> None:
    """No `@work(thread=True)` body calls `run_worker`, a `@work` method, or a method that
    starts one (e.g. `reload`, `refresh_all`, a table's `load`), nor hands one to the UI
    thread to call: it posts a message, and the handler starts the next worker."""
    starters = worker_starters(_read(p) for p in UI_CODE)
    assert {"fetch", "reload", "refresh_all", "load", "_fetch"} <= starters  # the scan works
    found = {
        str(p.relative_to(PACKAGE)): workers_starting_workers(_read(p), starters) for p in CHECKED
    }
    assert {f: hits for f, hits in found.items() if hits} == {}


def test_the_scan_catches_a_worker_starting_a_worker() -> None:
    """The checks above would catch the shapes the review found (as the Drafts tab had them)."""
    source = """
class Tab:
    @work(thread=True, exclusive=True)
    def fetch(self):
        self.app.call_from_thread(self._show, 1)

    def reload(self):
        self.fetch()

    def refresh_all(self):
        self.reload()

    @work(thread=True)
    def _cancel(self, draft_id):
        self.app.call_from_thread(self.refresh_all)

    @work(thread=True)
    def _direct(self):
        self.run_worker(self.fetch)
"""
    starters = worker_starters([source])
    assert {"fetch", "reload", "refresh_all", "_cancel", "_direct"} <= starters
    assert workers_starting_workers(source, starters) == [
        "_cancel -> refresh_all",
        "_direct -> fetch",
        "_direct -> run_worker",
    ]
    assert calls_from_thread(source) == [5, 15]


async def test_a_message_after_its_dialog_closed_is_dropped(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pilot: a worker's message reaching a dialog the user already closed (edit, schedule,
    import, trash) is dropped (the closed screen takes no messages): no crash, and the Drafts
    tab still answers messages and keys."""
    from textual.screen import Screen

    from creatorctl.app import CreatorApp
    from creatorctl.drafts import add_draft, get_draft, list_drafts
    from creatorctl.screens.drafts.edit import DraftEditScreen
    from creatorctl.screens.drafts.schedule import ScheduleScreen
    from creatorctl.screens.import_file import ImportScreen
    from creatorctl.screens.trash import TrashScreen
    from tests._drafts_support import new_store
    from tests.test_drafts_tab import _open, _settle

    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    store, acc = new_store(tmp_path)
    draft = get_draft(store, add_draft(store, acc, title="周末探店").id)
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await _open(pilot)
        closed: list[Screen[object]] = []
        for key, kind in (("e", DraftEditScreen), ("s", ScheduleScreen), ("i", ImportScreen)):
            await pilot.press(key)
            await _settle(pilot)
            assert isinstance(app.screen, kind), key
            closed.append(app.screen)
            await pilot.press("escape")
            await _settle(pilot)
        app.action_trash()
        await _settle(pilot)
        assert isinstance(app.screen, TrashScreen)
        closed.append(app.screen)
        await pilot.press("escape")
        await _settle(pilot)
        edit, schedule, importer, trash = closed
        assert not edit.post_message(DraftEditScreen.Loaded(draft))
        edit.post_message(DraftEditScreen.Refused("late"))
        schedule.post_message(ScheduleScreen.Refused("late"))
        importer.post_message(ImportScreen.Rejected(["late"]))
        trash.post_message(TrashScreen.Loaded([]))
        tab.post_message(tab.Changed("a late change"))  # the tab is alive: it reloads
        await _settle(pilot)
        assert app.screen is app.main_screen and app.is_running
        assert "a late change" in [n.message for n in app._notifications]
        await pilot.press("n")
        await _settle(pilot)
        assert isinstance(app.screen, DraftEditScreen)
    assert [d.title for d in list_drafts(store, acc)] == ["周末探店"]
    store.close()


async def test_a_refused_draft_says_why_on_screen_at_80x24(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pilot at 80x24: saving a draft with an empty title shows the refusal inside the visible
    part of the dialog (it was below the fold), and nothing is saved."""
    from textual.widgets import Input, Static

    from creatorctl.app import CreatorApp
    from creatorctl.drafts import add_draft, list_drafts
    from creatorctl.screens.drafts.edit import DraftEditScreen
    from tests._drafts_support import new_store
    from tests.test_drafts_tab import _open, _settle

    monkeypatch.setenv("CREATORCTL_CONFIG", str(tmp_path / "none.toml"))
    store, acc = new_store(tmp_path)
    add_draft(store, acc, title="周末探店", edit_params='{\n "a": 1,\n "b": 2\n}')
    app = CreatorApp(store=store, scheduler=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("e")
        await _settle(pilot)
        assert isinstance(app.screen, DraftEditScreen)
        app.screen.query_one("#draft-title", Input).value = ""
        await pilot.press("ctrl+s")
        await _settle(pilot)
        error = app.screen.query_one("#draft-error", Static)
        assert str(error.render()).strip()
        box = error.parent
        assert box is not None and box.region.contains_region(error.region)
        assert error.region.height >= 1 and error.region.bottom <= 24
    assert [d.title for d in list_drafts(store, acc)] == ["周末探店"]
    store.close()
