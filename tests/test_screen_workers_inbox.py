"""Issue 13 code review, for screens/inbox/ and screens/account/: workers report back through
typed messages defined on their sender and handled with `@on` (no `call_from_thread`
callbacks), and a worker never starts a worker: the message handler on the UI thread does."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from tests.helpers import settle

PACKAGE = Path(__file__).resolve().parent.parent / "creatorctl"
DIRS = ("screens/inbox", "screens/account")
FILES = sorted(f for d in DIRS for f in (PACKAGE / d).glob("*.py"))


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE)) if path.is_relative_to(PACKAGE) else path.name


def _work_decorator(fn: ast.FunctionDef) -> ast.expr | None:
    """The `@work` / `@work(...)` decorator of a function, if it has one."""
    for dec in fn.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if (isinstance(target, ast.Name) and target.id == "work") or (
            isinstance(target, ast.Attribute) and target.attr == "work"
        ):
            return dec
    return None


def _is_thread_worker(fn: ast.FunctionDef) -> bool:
    dec = _work_decorator(fn)
    return isinstance(dec, ast.Call) and any(
        k.arg == "thread" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in dec.keywords
    )


def _self_attrs(fn: ast.FunctionDef) -> set[str]:
    """Every `self.<name>` the function mentions (called, or passed on as a callback)."""
    return {
        node.attr
        for node in ast.walk(fn)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }


def _workers_starting_workers(path: Path) -> list[str]:
    """Thread workers that start a worker: `run_worker`, or a `@work` method of their class,
    reached from the worker's body directly or through the plain methods it calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
        workers = {name for name, f in methods.items() if _work_decorator(f) is not None}
        for name, fn in methods.items():
            if not _is_thread_worker(fn):
                continue
            seen, todo = {name}, [fn]
            while todo:
                body = todo.pop()
                if any(
                    isinstance(n, ast.Attribute) and n.attr == "run_worker" for n in ast.walk(body)
                ):
                    found.append(f"{_name(path)}:{cls.name}.{name} -> run_worker")
                for attr in _self_attrs(body):
                    if attr in workers and attr != name:
                        found.append(f"{_name(path)}:{cls.name}.{name} -> {attr}")
                    elif attr in methods and attr not in seen and attr not in workers:
                        seen.add(attr)
                        todo.append(methods[attr])
    return sorted(set(found))


def test_inbox_and_account_screens_do_not_call_from_thread() -> None:
    """Their workers post typed messages; no `call_from_thread` callback is left."""
    found = {
        _name(f): [
            n.lineno
            for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
            if isinstance(n, ast.Attribute) and n.attr == "call_from_thread"
        ]
        for f in FILES
    }
    assert {f: lines for f, lines in found.items() if lines} == {}


def test_no_thread_worker_starts_a_worker() -> None:
    """A thread worker posts what it did; the handler on the UI thread starts the next load
    (not `call_from_thread(self._load_groups)` from inside the worker)."""
    assert [hit for f in FILES for hit in _workers_starting_workers(f)] == []


def test_the_scan_sees_a_worker_starting_a_worker(tmp_path: Path) -> None:
    """The scan above finds both forms it bans (so an empty result means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "class P:\n"
        "    @work(thread=True)\n"
        "    def load(self): ...\n"
        "    def _then(self):\n"
        "        self.load()\n"
        "    @work(thread=True, exit_on_error=False)\n"
        "    def save(self):\n"
        "        self.app.call_from_thread(self._then)\n"
        "    @work(thread=True)\n"
        "    def other(self):\n"
        "        self.run_worker(print)\n",
        encoding="utf-8",
    )
    hits = [h.split(":", 1)[1] for h in _workers_starting_workers(bad)]
    assert hits == ["P.other -> run_worker", "P.save -> load"]


def test_worker_messages_have_typed_fields() -> None:
    """Each message a worker posts is a nested class of its sender with annotated fields,
    none of them `Any`."""
    messages = []
    for f in FILES:
        for cls in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for inner in cls.body:
                if isinstance(inner, ast.ClassDef) and any(
                    ast.unparse(b) == "Message" for b in inner.bases
                ):
                    messages.append(f"{cls.name}.{inner.name}")
                    for field in (n for n in inner.body if isinstance(n, ast.AnnAssign)):
                        assert "Any" not in ast.unparse(field.annotation), (inner.name, field)
    # one at least per converted sender
    for sender in (
        "CommentsPane",
        "GroupsPane",
        "LivePane",
        "MessagesPane",
        "RulesScreen",
        "RuleEditScreen",
        "ProfileScreen",
        "AccountSwitcher",
    ):
        assert any(m.startswith(sender + ".") for m in messages), sender


async def test_profile_closed_while_its_save_runs_does_not_crash(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Esc while Ctrl+S is still saving: the save lands in the store, and its report, which
    arrives after the dialog is gone, is dropped with the dialog (no error toast). A guard for
    the conversion: a message posted to a closed screen must die with it."""
    import creatorctl.accounts as accounts
    from creatorctl.screens.account.dialogs import ProfileScreen

    release = threading.Event()
    real = accounts.update_profile

    def slow_update(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(accounts, "update_profile", slow_update)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        errors: list[str] = []
        real_notify = app.notify

        def notify(message, *args, **kwargs):  # type: ignore[no-untyped-def]
            if kwargs.get("severity") == "error":
                errors.append(str(message))
            return real_notify(message, *args, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        await pilot.press("P")
        await settle(pilot, app)
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#profile-bio").value = "关掉之后才存好"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileScreen)
        release.set()
        await pilot.pause(0.5)
        await settle(pilot, app)
        assert errors == []
        assert app.is_running
        assert accounts.get_account_by_id(app.store, app.account.id).bio == "关掉之后才存好"


async def test_rule_dialog_closed_while_its_save_runs_leaves_the_rules_open(
    demo_db: Path, app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Esc on the new-rule dialog while its save still runs: the rule is stored, and the
    save's report, arriving after the dialog is gone, does not close the rules list under it
    (`dismiss` pops whatever screen is on top). A guard for the conversion."""
    import creatorctl.inbox.messages as messages
    from creatorctl.screens.inbox.rules import RuleEditScreen, RulesScreen

    release = threading.Event()
    real = messages.save_rule

    def slow_save(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(messages, "save_rule", slow_save)
    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("5", "right_square_bracket")
        await settle(pilot, app)
        await pilot.press("R")
        await settle(pilot, app)
        assert isinstance(app.screen, RulesScreen)
        rules = app.screen
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, RuleEditScreen)
        app.screen.query_one("#rule-keyword").value = "发货"  # type: ignore[attr-defined]
        app.screen.query_one("#rule-reply").value = "三天内发货"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is rules
        release.set()
        await pilot.pause(0.5)
        await settle(pilot, app)
        assert app.screen is rules
        stored = messages.list_rules(app.store, app.account.id)
        assert any(r.keyword == "发货" for r in stored)
