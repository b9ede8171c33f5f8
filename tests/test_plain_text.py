"""A title or a typed value holding `[/]` can never crash a screen: text that interpolates a
value reaches a widget as a rich `Text` (safe_text.text) or through `PlainStatic`, never as a
markup string (issue 13 code review)."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from creatorctl.widgets.plain import PlainStatic

PACKAGE = Path(__file__).resolve().parent.parent / "creatorctl"
SAFE_CALLS = {"text", "Text", "Group", "escape", "assemble", "Table"}
"""Calls whose result is not markup (rich objects, or escaped)."""
NUMBER_CALLS = {"fmt_int", "fmt_count", "fmt_pct", "fmt_amount", "strftime", "zone_label", "len"}
"""Calls whose result holds no one's text: numbers, dates, our own zone name."""


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        f = node.func
        return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
    return ""


def _interpolates_a_value(arg: ast.expr) -> bool:
    """Whether `arg` is a markup string built from a value that may be someone's text."""
    if isinstance(arg, ast.JoinedStr):
        return any(
            isinstance(v, ast.FormattedValue)
            and not (isinstance(v.value, ast.Call) and _call_name(v.value) in {"t", *NUMBER_CALLS})
            and not (isinstance(v.value, ast.Attribute) and v.value.attr == "id")
            for v in arg.values
        )
    if isinstance(arg, ast.BinOp):
        return any(
            isinstance(side, ast.Name | ast.Attribute | ast.Subscript)
            or _interpolates_a_value(side)
            for side in (arg.left, arg.right)
        )
    if _call_name(arg) == "t":
        assert isinstance(arg, ast.Call)
        return any(
            isinstance(k.value, ast.Name | ast.Attribute | ast.Subscript | ast.JoinedStr)
            for k in arg.keywords
        )
    return False


def _plain_receiver(node: ast.Call) -> bool:
    """`x.update(…)` where x is `query_one(…, PlainStatic)` or `PlainStatic(…)` itself."""
    return "PlainStatic" in ast.unparse(node.func)


def _markup_risks() -> list[str]:
    found = []
    files = [*PACKAGE.glob("screens/**/*.py"), *PACKAGE.glob("widgets/*.py")]
    for path in sorted(files):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _call_name(node)
            if name not in {"update", "Static", "Label"} or _plain_receiver(node):
                continue
            if _interpolates_a_value(node.args[0]):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_no_widget_gets_a_markup_string_holding_a_value() -> None:
    """Every `Static(…)`, `Label(…)` and `.update(…)` in screens/ and widgets/ that builds its
    string from a value passes it through safe_text.text / Text, or uses PlainStatic."""
    assert _markup_risks() == []


def test_the_scan_catches_what_it_is_for() -> None:
    """The scan flags the patterns that crashed: a typed value in t(), in an f-string."""
    for source in (
        "w.update(t('err.bad_handle', handle=handle))",
        "Static(f'{title} #{n}')",
        "self.query_one('#x', Static).update('x ' + name)",
    ):
        call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
        assert _interpolates_a_value(call.args[0]), source
    for source in (
        "w.update(safe_text.text(t('err.bad_handle', handle=handle)))",
        "w.update(t('works.position', first=fmt_int(a)))",
        "self.query_one('#x', PlainStatic).update(t('a', name=name))",
    ):
        call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
        assert not _interpolates_a_value(call.args[0]) or _plain_receiver(call), source


class _Shows(App[None]):
    def compose(self) -> ComposeResult:
        yield PlainStatic("[/] [link=file:///etc/passwd]x[/link] \x1b]52;c;AAAA\x07", id="a")
        yield Static("", id="b")


async def test_plain_static_shows_markup_as_typed() -> None:
    """`[/]` and `[link=…]` show as typed, an escape sequence as its visible picture."""
    app = _Shows()
    async with app.run_test(size=(80, 5)) as pilot:
        a = app.query_one("#a", PlainStatic)
        assert str(a.render()) == "[/] [link=file:///etc/passwd]x[/link] ␛]52;c;AAAA␇"
        a.update("标题 [/] 里有括号")
        await pilot.pause()
        assert str(a.render()) == "标题 [/] 里有括号"


async def test_a_bad_handle_holding_markup_is_shown_not_a_crash(tmp_path: Path) -> None:
    """Welcome → new account: a handle `[/]x` is refused with a line quoting it as typed."""
    from creatorctl.app import CreatorApp
    from creatorctl.screens.account.welcome import WelcomeScreen
    from tests.helpers import settle

    app = CreatorApp(db=str(tmp_path / "empty.db"), scheduler=False, prebuild=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        for key in "[/]x":
            await pilot.press(key)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, WelcomeScreen)
        shown = str(app.screen.query_one("#welcome-error").render())
        assert "[/]x" in shown
