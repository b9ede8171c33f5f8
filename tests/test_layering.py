"""Dependencies point one way: nothing below the screens imports textual."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "creatorctl"
UI = ("app.py", "screens/", "widgets/")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_textual_outside_the_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(UI) or rel == "app.py":
            continue
        if {"textual", "textual_plotext"} & _imports(path):
            offenders.append(rel)
    assert offenders == []


def test_app_module_does_not_import_the_database_layer_at_start() -> None:
    """Painting the first frame must not wait for SQLAlchemy (imported lazily in workers)."""
    import subprocess
    import sys

    code = (
        "import sys, creatorctl.app; "
        "print(any(m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_message_has_both_languages() -> None:
    from creatorctl.i18n import catalog

    for key, (zh, en) in catalog().items():
        assert zh.strip() and en.strip(), key


def test_the_command_line_entry_loads_no_database_layer() -> None:
    """`creatorctl` alone opens the app: the CLI must not import SQLAlchemy before it does."""
    import subprocess
    import sys

    code = (
        "import sys, creatorctl.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'alembic', 'apscheduler', 'openpyxl', 'plotext'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_command_is_in_the_lazy_table() -> None:
    import importlib

    from creatorctl.cli import COMMAND_MODULES

    found = {}
    for name in set(COMMAND_MODULES.values()):
        for command in importlib.import_module(f"creatorctl.cli.{name}").COMMANDS:
            found[command.name] = name
    assert found == COMMAND_MODULES


def test_no_sql_in_the_screens() -> None:
    """Issue 13: SQL lives in the domain; screens and widgets call functions that return data."""
    import re

    offenders = []
    for folder in ("screens", "widgets"):
        for path in (PACKAGE / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "sqlalchemy" in _imports(path) or re.search(r"\bSELECT\b.+\bFROM\b", text):
                offenders.append(path.relative_to(PACKAGE).as_posix())
    assert offenders == []


def _contracts() -> dict[str, dict]:  # type: ignore[type-arg]
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_import_linter_contracts_hold() -> None:
    """pyproject's [tool.importlinter] contracts: UI has no SQL, domain has no textual, the CLI
    reaches no screen (also run by .ci/run)."""
    import shutil
    import subprocess

    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is in the test extras"
    out = subprocess.run(
        [exe, "--no-cache"], capture_output=True, text=True, cwd=PACKAGE.parent, check=False
    )
    assert out.returncode == 0, out.stdout[-3000:]
    assert "3 kept, 0 broken" in out.stdout


def test_every_module_is_on_one_side_of_the_textual_contract() -> None:
    """A new top-level module must be named as domain (no textual) or be one of the UI ones."""
    ui = {"app", "screens", "widgets", "cli", "serving", "web_child", "__main__", "migrations"}
    domain = {
        m.removeprefix("creatorctl.") for m in _contracts()["domain-no-textual"]["source_modules"]
    }
    found = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    assert found - ui - domain == set()
    assert domain - found == set()
