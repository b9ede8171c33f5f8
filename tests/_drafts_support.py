"""Helpers for the drafts/publishing/scheduler tests (plain functions, not fixtures)."""

from __future__ import annotations

import os
import stat
import sys
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from creatorctl.accounts import add_account
from creatorctl.drafts import ts
from creatorctl.store import Store, open_store
from tests.backends import store_location

ROOT = Path(__file__).resolve().parent.parent


def new_store(tmp_path: Path, handle: str = "me") -> tuple[Store, int]:
    store = open_store(store_location(tmp_path))
    acc = add_account(store, handle)
    return store, acc.id


def write_script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def insert_due(store: Store, account_id: int, due_utc: list[datetime], video: str) -> list[int]:
    """Many scheduled drafts at once (straight SQL: the tests need hundreds, fast)."""
    now = ts(datetime(2026, 1, 1))
    ids = []
    with store.write() as conn:
        for i, when in enumerate(due_utc):
            ids.append(
                conn.execute(
                    sa.text(
                        "INSERT INTO draft(account_id, title, video_path, state, scheduled_at, "
                        "next_try_at, created_at, updated_at) VALUES (:a, :t, :v, 'scheduled', "
                        ":w, :w, :n, :n) RETURNING id"
                    ),
                    {"a": account_id, "t": f"定时作品 {i}", "v": video, "w": ts(when), "n": now},
                ).scalar_one()
            )
    return ids


def scheduler_env(config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CREATORCTL_CONFIG"] = str(config)
    env.pop("CREATORCTL_FAKE_NOW", None)
    env["PYTHONPATH"] = str(ROOT)
    env["LANG"] = "C.UTF-8"
    return env


def scheduler_cmd(db: Path | str) -> list[str]:
    return [sys.executable, "-m", "creatorctl", "--db", str(db), "scheduler", "run"]


def states(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return dict(
            conn.execute(sa.text("SELECT state, count(*) FROM draft GROUP BY state")).all()  # type: ignore[arg-type]
        )
