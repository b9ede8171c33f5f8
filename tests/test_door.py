"""One door to the data: domain functions take a Store or the unit of work it hands out."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "creatorctl"
DOOR = ("store.py", "store_bulk.py", "store_pg.py", "store_wait.py", "sqlport.py")
"""The store modules: the only code that may hold a raw connection."""
RAW = {"Connection", "sa.Connection", "sqlite3.Connection", "Any", "object", "Engine"}


def _annotation(arg: ast.arg) -> str:
    return "" if arg.annotation is None else ast.unparse(arg.annotation)


def _raw_connection_params() -> list[str]:
    """`file:line function(param: annotation)` for every public function (and method) outside
    the store modules that takes a connection that did not come through the Store."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in DOOR or rel.startswith("migrations/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if node.name.startswith("_"):
                continue
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                note = _annotation(arg).replace("sqlalchemy.", "sa.")
                named_conn = arg.arg in ("conn", "connection", "db")
                if (named_conn and note in RAW | {""}) or note.endswith("Connection"):
                    offenders.append(f"{rel}:{node.lineno} {node.name}({arg.arg}: {note or '?'})")
    return offenders


def test_public_domain_functions_take_a_store_or_its_unit_of_work() -> None:
    """A public function outside the store modules takes a `Store` (and opens its own short
    transaction) or a `Unit`/`Bulk` (the open transaction a Store handed out), never a raw
    connection typed `sa.Connection`, `sqlite3.Connection` or `Any` that any code could have
    opened around the Store."""
    assert _raw_connection_params() == []
