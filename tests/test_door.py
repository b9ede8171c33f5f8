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


AROUND_THE_DOOR = ("driver_connection", ".engine.connect(", ".engine.begin(", "write_engine")
"""Ways to a connection that skip `Store.read/write/bulk/session` (and their Unit)."""
KNOWN_EXCEPTIONS = {
    "watch.py": "the PostgreSQL change watcher holds one idle connection between polls",
    "publish_ledger_pg.py": "the publish ledger's claims commit outside the store's write lock",
}


def test_no_code_outside_the_store_modules_reaches_around_the_door() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in DOOR or rel.startswith("migrations/") or rel in KNOWN_EXCEPTIONS:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{rel}: {way}" for way in AROUND_THE_DOOR if way in text]
    assert offenders == []
