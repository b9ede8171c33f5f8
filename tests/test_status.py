"""`creatorctl status [--short|--json]` (issue 16 §7): one cheap line for tmux and prompts."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.status import countdown
from creatorctl.timeutil import local_to_utc, to_db
from tests.insights_data import FAKE_NOW, make_store
from tests.test_cli import assert_one_line_error, invoke

NOW = datetime.fromisoformat(FAKE_NOW)
ROOT = Path(__file__).resolve().parents[1]


def _ts(local: datetime) -> str:
    return to_db(local_to_utc(local))


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two scheduled posts (the nearer in 2 h 05 m), a failed and a missed one, 3 + 2 unread
    messages, and flagged comments of which one is new (the others: a day old, the
    account's own, deleted, unflagged)."""
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FAKE_NOW)
    store, acc = make_store(tmp_path)
    with store.write() as conn:

        def draft(title: str, state: str, at: datetime | None) -> None:
            conn.execute(
                sa.text(
                    "INSERT INTO draft(account_id, title, state, scheduled_at, created_at, "
                    "updated_at) VALUES (:a, :t, :s, :at, :n, :n)"
                ),
                {"a": acc, "t": title, "s": state, "at": at and _ts(at), "n": _ts(NOW)},
            )

        draft("later", "scheduled", NOW + timedelta(days=1))
        draft("soon", "scheduled", NOW + timedelta(hours=2, minutes=5))
        draft("broken", "failed", NOW - timedelta(hours=1))
        draft("late", "missed", NOW - timedelta(hours=5))
        draft("plain", "draft", None)
        for fan, unread in (("f1", 3), ("f2", 2), ("f3", 0)):
            conn.execute(
                sa.text(
                    "INSERT INTO conversation(account_id, fan_id, last_at, unread) "
                    "VALUES (:a, :f, :t, :u)"
                ),
                {"a": acc, "f": fan, "t": _ts(NOW), "u": unread},
            )
        wid = conn.execute(
            sa.text(
                "INSERT INTO work(account_id, title, published_at) VALUES (:a, 'w', :p) "
                "RETURNING id"
            ),
            {"a": acc, "p": _ts(NOW - timedelta(days=3))},
        ).scalar_one()
        for flags, age_h, mine, deleted in (
            ("link", 1, False, False),  # the one new flagged comment
            ("word", 30, False, False),
            ("link", 1, True, False),
            ("phone", 1, False, True),
            ("", 1, False, False),
        ):
            conn.execute(
                sa.text(
                    "INSERT INTO comment(account_id, work_id, content, created_at, flags, "
                    "is_mine, deleted_at) VALUES (:a, :w, 'c', :t, :f, :m, :d)"
                ),
                {
                    "a": acc,
                    "w": wid,
                    "t": _ts(NOW - timedelta(hours=age_h)),
                    "f": flags,
                    "m": mine,
                    "d": _ts(NOW) if deleted else None,
                },
            )
    store.close()
    return tmp_path / "store.db"


def test_json_has_the_facts(db: Path) -> None:
    r = invoke("status", "--json", db=db)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["next_post"]["title"] == "soon"
    assert data["next_post"]["in_seconds"] == 2 * 3600 + 5 * 60
    assert data["attention"] == 2
    assert data["attention_by_state"] == {"failed": 1, "missed": 1, "unknown": 0}
    assert data["unread_messages"] == 5 and data["new_flagged_comments"] == 1


def test_short_line_plain_when_not_a_terminal(db: Path) -> None:
    r = invoke("--lang", "en", "status", "--short", db=db)
    assert r.exit_code == 0, r.output
    line = r.stdout.rstrip("\n")
    assert line == "next 2h05m | attention 2 | unread 5 | flagged 1"
    assert "\x1b" not in r.stdout and len(line) <= 60
    zh = invoke("--lang", "zh", "status", "--short", db=db).stdout.strip()
    assert zh == "发布 2h05m | 待处理 2 | 私信 5 | 新标记评论 1"


def test_short_line_colours_on_a_terminal(db: Path) -> None:
    """Through a real pty, so stdout.isatty() is true."""
    import os
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "CREATORCTL_FAKE_NOW": FAKE_NOW, "LANG": "C"}
    proc = subprocess.run(
        [sys.executable, "-m", "creatorctl", "--db", str(db), "status", "--short"],
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    os.close(slave)
    out = os.read(master, 4096).decode()
    os.close(master)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[31mattention 2\x1b[0m" in out


def test_short_line_stays_within_60(db: Path) -> None:
    from creatorctl.i18n import set_language
    from creatorctl.status import Status, short_line

    set_language("zh")
    huge = Status("x", 1, "t", NOW + timedelta(days=999), {"failed": 10**9}, 10**12, 10**15, NOW)
    assert len(short_line(huge, colour=False)) <= 60


def test_countdown() -> None:
    assert [countdown(s) for s in (0, 59, 60, 3599, 3600, 86_399, 86_400, 90_000)] == [
        "0m",
        "1m",
        "1m",
        "1h00m",  # rounded up to the minute
        "1h00m",
        "1d00h",
        "1d00h",
        "1d01h",
    ]


def test_nothing_queued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", FAKE_NOW)
    store, _ = make_store(tmp_path)
    store.close()
    r = invoke("--lang", "en", "status", "--short", db=tmp_path / "store.db")
    assert r.stdout.strip() == "none queued"


def test_errors(tmp_path: Path) -> None:
    err = assert_one_line_error(invoke("status", "--short", db=tmp_path / "none.db"))
    assert "none.db" in err
    assert not (tmp_path / "none.db").exists()  # status never creates a store
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    assert_one_line_error(invoke("status", "--short", db=bad))


def test_imports_nothing_heavy(db: Path) -> None:
    """The 150 ms budget: no SQLAlchemy, Textual or domain modules are loaded."""
    code = (
        "import sys; from creatorctl.cli import main\n"
        "try:\n    main(['--db', sys.argv[1], 'status', '--short'])\n"
        "except SystemExit: pass\n"
        "heavy = [m for m in ('sqlalchemy', 'textual', 'rich', 'creatorctl.store', "
        "'creatorctl.drafts') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
