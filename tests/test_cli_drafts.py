"""`creatorctl drafts …` and `creatorctl scheduler …`, including every error path."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from creatorctl.cli import main
from tests._drafts_support import write_config, write_script


class Run:
    """Runs the real entry point (errors as one line, exit codes) on one store."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.db = db
        self.env = env

    def __call__(self, *args: str) -> tuple[int, str, str]:
        runner = CliRunner()
        code = 0
        with runner.isolation(env=self.env) as (out, err, _):
            try:
                main(["--db", str(self.db), "--create", "--lang", "en", *args])
            except SystemExit as exc:
                code = int(exc.code or 0)
        return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    env = {
        "CREATORCTL_CONFIG": str(tmp_path / "none.toml"),
        "CREATORCTL_FAKE_NOW": "2026-11-26T10:00:00",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    r = Run(tmp_path / "s.db", env)
    assert r("accounts", "add", "me")[0] == 0
    return r


@pytest.fixture
def video(tmp_path: Path) -> str:
    path = tmp_path / "a.mp4"
    path.write_bytes(b"\0")
    return str(path)


def _add(run: Run, *extra: str) -> int:
    code, out, err = run("drafts", "add", "--title", "周末探店", *extra)
    assert code == 0, err
    return int(out.strip())


def test_add_prints_the_id_and_keeps_params_exactly(run: Run, video: str) -> None:
    params = '{"filter": "清新",  "strength": 0.6, "music": "晴天", "speed": 1.0}'
    draft_id = _add(run, "--video", video, "--tag", "美食", "--tag", "#探店", "--params", params)
    code, out, _ = run("drafts", "show", str(draft_id), "--json")
    shown = json.loads(out)
    assert code == 0 and shown["edit_params"] == params
    assert shown["tags"] == ["#美食", "#探店"] and shown["state"] == "draft"
    code, out, _ = run("drafts", "add", "--title", "B", "--json")
    assert code == 0 and json.loads(out)["warnings"] == ["no video file yet"]


def test_a_missing_video_file_is_a_warning(run: Run) -> None:
    code, out, err = run("drafts", "add", "--title", "T", "--video", "/nope/a.mp4")
    assert code == 0 and out.strip().isdigit()
    assert "the video file does not exist: /nope/a.mp4" in err


def test_bad_params_and_titles_are_refused(run: Run) -> None:
    code, _, err = run("drafts", "add", "--title", "T", "--params", "{not json")
    assert code == 1 and err.startswith("creatorctl: edit parameters are not valid JSON")
    code, _, err = run("drafts", "add", "--title", "T", "--params", "[1, 2]")
    assert code == 1 and "JSON object" in err
    code, _, err = run("drafts", "add", "--title", "   ")
    assert code == 1 and "cannot be empty" in err
    assert json.loads(run("drafts", "list", "--json")[1]) == []


def test_schedule_list_and_conflict_warning(run: Run, video: str) -> None:
    a = _add(run, "--video", video)
    b = _add(run, "--video", video)
    code, out, err = run("drafts", "schedule", str(a), "--at", "2026-11-26 20:00")
    assert code == 0 and "scheduled #1 for 2026-11-26 20:00:00" in out and err == ""
    code, out, err = run("drafts", "schedule", str(b), "--at", "2026-11-26 20:20:30")
    assert code == 0 and "another post within 30 minutes: #1" in err
    rows = json.loads(run("drafts", "list", "--state", "scheduled", "--json")[1])
    assert [(r["id"], r["scheduled_at"]) for r in rows] == [
        (a, "2026-11-26 20:00:00"),
        (b, "2026-11-26 20:20:30"),
    ]
    code, out, _ = run("drafts", "list")
    assert code == 0 and "scheduled" in out and "2026-11-26 20:20" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "2026-11-26 09:59"], "is in the past"),
        (["--at", "2026-11-26 10:00:00"], "is in the past"),
        (["--at", "tomorrow 8pm"], "cannot read the time 'tomorrow 8pm'"),
        (["--at", "2026-13-01 10:00"], "cannot read the time"),
    ],
)
def test_schedule_refuses_bad_times(run: Run, video: str, args: list[str], message: str) -> None:
    draft_id = _add(run, "--video", video)
    code, out, err = run("drafts", "schedule", str(draft_id), *args)
    assert code == 1 and out == "" and message in err and len(err.strip().splitlines()) == 1
    assert json.loads(run("drafts", "show", str(draft_id), "--json")[1])["state"] == "draft"


def test_unknown_drafts_and_no_video(run: Run) -> None:
    for args in (
        ["show", "42"],
        ["edit", "42", "--title", "x"],
        ["schedule", "42", "--at", "2030-01-01 10:00"],
        ["cancel", "42"],
        ["publish", "42"],
        ["delete", "42"],
    ):
        code, _, err = run("drafts", *args)
        assert (code, err.strip()) == (
            1,
            "creatorctl: no draft with id 42 (see: creatorctl drafts list)",
        )
    bare = _add(run)
    code, _, err = run("drafts", "schedule", str(bare), "--at", "2030-01-01 10:00")
    assert code == 1 and "has no video path" in err
    assert run("drafts", "schedule", "x", "--at", "2030-01-01 10:00")[0] == 2  # usage error


def test_edit_cancel_and_publish_now(run: Run, video: str) -> None:
    draft_id = _add(run, "--video", video)
    code, out, _ = run("drafts", "edit", str(draft_id), "--title", "改过的标题", "--tag", "vlog")
    assert code == 0 and "title: 周末探店 → 改过的标题" in out
    assert (
        run("drafts", "edit", str(draft_id), "--title", "改过的标题")[1].strip()
        == "nothing changed"
    )
    code, _, err = run("drafts", "cancel", str(draft_id))
    assert code == 1 and "no schedule to cancel" in err
    run("drafts", "schedule", str(draft_id), "--at", "2026-11-27 20:00")
    code, out, _ = run("drafts", "cancel", str(draft_id), "--json")
    assert (
        code == 0
        and json.loads(out)["state"] == "draft"
        and json.loads(out)["scheduled_at"] is None
    )
    code, out, _ = run("drafts", "publish", str(draft_id), "--json")
    result = json.loads(out)
    assert code == 0 and result["ok"] and result["state"] == "published"
    works = json.loads(run("works", "list", "--json")[1])
    assert [w["id"] for w in works] == [result["work_id"]] and works[0]["title"] == "改过的标题"
    code, _, err = run("drafts", "edit", str(draft_id), "--title", "again")
    assert code == 1 and "published and cannot change" in err


def test_publish_through_a_failing_hook(run: Run, video: str, tmp_path: Path) -> None:
    hook = write_script(tmp_path / "hook.sh", "echo 'quota exceeded' >&2\nexit 4\n")
    write_config(tmp_path / "none.toml", f'[publish]\ncommand = ["{hook}", "{{video}}"]\n')
    draft_id = _add(run, "--video", video)
    code, _, err = run("drafts", "publish", str(draft_id))
    assert code == 1 and "quota exceeded" in err and "try 1" in err
    shown = json.loads(run("drafts", "show", str(draft_id), "--json")[1])
    assert shown["state"] == "scheduled" and shown["attempts"] == 1
    assert shown["attempts_log"][0]["exit_code"] == 4


def test_delete_moves_a_draft_to_the_trash(run: Run) -> None:
    draft_id = _add(run)
    code, out, _ = run("drafts", "delete", str(draft_id))
    assert code == 0 and "trash" in out
    assert json.loads(run("drafts", "list", "--json")[1]) == []
    trash = json.loads(run("trash", "list", "--json")[1])
    assert [(x["entity"], x["entity_id"]) for x in trash] == [("draft", draft_id)]


def test_scheduler_status_and_install(run: Run, video: str, tmp_path: Path) -> None:
    draft_id = _add(run, "--video", video)
    run("drafts", "schedule", str(draft_id), "--at", "2026-11-26 20:00")
    code, out, _ = run("scheduler", "status")
    assert code == 0 and "no scheduler is running" in out and "周末探店" in out
    status = json.loads(run("scheduler", "status", "--json")[1])
    assert [d["id"] for d in status["due"]] == [draft_id] and status["processes"] == []
    code, out, _ = run("scheduler", "install")
    unit = tmp_path / "xdg" / "systemd" / "user" / "creatorctl-scheduler.service"
    assert code == 0 and str(unit) in out
    assert (
        "systemctl --user daemon-reload && systemctl --user enable --now creatorctl-scheduler"
        in out
    )
    assert "loginctl enable-linger" in out
    text = unit.read_text()
    assert f"--db {(tmp_path / 's.db').resolve()} scheduler run" in text
    assert "WantedBy=default.target" in text
    assert "KillMode=mixed" in text and "TimeoutStopSec=150" in text
    assert run("scheduler", "install", "--print")[1] == text


def test_schedule_in_local_time_is_stored_in_utc(tmp_path: Path, video: str) -> None:
    env = {
        "CREATORCTL_CONFIG": str(tmp_path / "none.toml"),
        "CREATORCTL_FAKE_NOW": "2026-11-26T10:00:00",
        "TZ": "Asia/Shanghai",
    }
    import time

    import sqlalchemy as sa

    from creatorctl.store import open_store

    r = Run(tmp_path / "tz.db", env)
    r("accounts", "add", "me")
    draft_id = _add(r, "--video", video)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        code, out, _ = r("drafts", "schedule", str(draft_id), "--at", "2026-11-26 20:00")
        store = open_store(str(tmp_path / "tz.db"))
        with store.read() as conn:
            stored = conn.execute(sa.text("SELECT scheduled_at FROM draft")).scalar()
        store.close()
    time.tzset()
    assert code == 0 and "2026-11-26 20:00:00" in out
    assert str(stored).startswith("2026-11-26 12:00:00")  # UTC+8
    assert datetime.fromisoformat(str(stored)) + timedelta(hours=8) == datetime(2026, 11, 26, 20)
