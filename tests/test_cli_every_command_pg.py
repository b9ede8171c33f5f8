"""Every read-only command of `creatorctl --help` works on a PostgreSQL team store (issue 14 §3).

The commands come from the click group itself, so a new one is covered the day it is added: a
command with no required argument runs as it is (and with `--json` when it has one); one that
needs arguments, or that writes, must be listed below, or the first test fails and says so.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import click
import pytest
import sqlalchemy as sa

from tests.test_cli import invoke

PG_ONLY = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

WRITES = {
    "accounts add", "accounts edit", "accounts use",
    "comments delete", "comments pin", "comments purge-flagged", "comments reflag",
    "comments reply", "comments restore",
    "demo",
    "drafts add", "drafts cancel", "drafts delete", "drafts edit", "drafts publish",
    "drafts queue", "drafts resolve", "drafts schedule",
    "earn accept", "earn deliver", "earn settle",
    "groups role",
    "import",
    "live preview",
    "messages receive", "messages rule", "messages send",
    "migrate-store",
    "trash restore",
    "works delete", "works edit", "works undo",
}  # fmt: skip
"""Commands that change the store (tested on both backends in their own files)."""
ELSEWHERE = {
    "serve": "a server: tests/test_serve_pg.py",
    "scheduler run": "runs until stopped: tests/test_scheduler_processes.py",
    "live watch": "follows a growing file until stopped",
    "notify test": "runs the user's notify command",
}
NEEDS_ARGS = {
    "drafts check": ["{draft}"],
    "drafts show": ["{draft}"],
    "groups announce": ["{group}", "--history"],
    "groups members": ["{group}"],
    "messages show": ["{conversation}"],
    "messages test-rule": ["多少钱"],
    "scheduler install": ["--print"],
    "works history": ["{work}"],
    "works show": ["{work}"],
    "export": ["{export_kind}", "-o", "-"],
}
"""Read-only commands and the arguments they get (from the demo's rows)."""


def _leaves() -> Iterator[tuple[str, click.Command]]:
    from creatorctl.cli import _register, root

    _register()

    def walk(cmd: click.Command, path: list[str]) -> Iterator[tuple[str, click.Command]]:
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                assert sub is not None
                yield from walk(sub, [*path, name])
        else:
            yield " ".join(path), cmd

    yield from walk(root, [])


def _read_only() -> list[tuple[str, click.Command]]:
    return [(n, c) for n, c in _leaves() if n not in WRITES and n not in ELSEWHERE]


def test_every_command_is_run_here_or_said_to_be_tested_elsewhere() -> None:
    unlisted = [
        name
        for name, cmd in _read_only()
        if name not in NEEDS_ARGS and any(p.required for p in cmd.params)
    ]
    assert unlisted == [], "add these to NEEDS_ARGS (read-only) or WRITES"
    known = {n for n, _ in _leaves()}
    assert set(NEEDS_ARGS) | WRITES | set(ELSEWHERE) <= known  # no stale names


def _ids(url: str) -> dict[str, str]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:

            def first(sql: str) -> str:
                return str(conn.execute(sa.text(sql)).scalar_one())

            return {
                "draft": first("SELECT min(id) FROM draft WHERE deleted_at IS NULL"),
                "work": first("SELECT min(id) FROM work WHERE deleted_at IS NULL"),
                "group": first("SELECT min(id) FROM fangroup"),
                "conversation": first("SELECT min(id) FROM conversation"),
            }
    finally:
        engine.dispose()


def _runs() -> list[list[str]]:
    from creatorctl.importers.exports import exports

    runs: list[list[str]] = []
    for name, cmd in _read_only():
        args = name.split()
        extra = NEEDS_ARGS.get(name, [])
        if name == "export":
            for fmt in ("csv", "json"):
                runs += [[*args, kind, "--format", fmt, *extra[1:]] for kind in exports()]
            continue
        runs.append([*args, *extra])
        if any("--json" in p.opts for p in cmd.params):
            runs.append([*args, *extra, "--json"])
    return runs


@PG_ONLY
def test_every_read_only_command_works_on_postgresql(
    backend: str,
    demo_store,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests import pg_backend

    url = pg_backend.LEG.current
    assert url is not None
    monkeypatch.setenv("CREATORCTL_DEBUG", "1")  # an unexpected error raises, with its trace
    ids = _ids(url)
    from creatorctl.importers.exports import exports

    assert exports(), "export has kinds to run"
    failures = []
    outputs: dict[str, str] = {}
    for lang in ("en", "zh"):
        for argv in _runs():
            argv = [a.format(**ids) for a in argv]
            shown = f"--lang {lang} {' '.join(argv)}"
            try:
                r = invoke("--lang", lang, *argv, db=url)  # type: ignore[arg-type]
            except Exception as exc:  # noqa: BLE001 - collect them all, then say which
                failures.append(f"{shown}: {type(exc).__name__}: {exc}")
                continue
            text = r.output + r.stderr
            if r.exit_code != 0 or "Traceback" in text or "unexpected error" in text:
                failures.append(f"{shown}: exit {r.exit_code}: {text.strip()[-300:]}")
            elif argv[-1] == "--json" or argv[-3:-1] == ["--format", "json"]:
                json.loads(r.stdout)
            outputs[shown] = r.stdout
    assert failures == []
    assert len(outputs) >= 2 * 80, len(outputs)
    # They read the team store's demo, not some other store.
    assert "demo_pets_7" in outputs["--lang en accounts list"]
    with demo_store.read() as conn:
        title = conn.execute(sa.text(f"SELECT title FROM work WHERE id = {ids['work']}")).scalar()
    assert title and title in outputs[f"--lang zh works show {ids['work']}"]
    assert os.environ.get("CREATORCTL_DEBUG") == "1"
