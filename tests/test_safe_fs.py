"""Files and folders on a shared box (issue 10 §3 and §4's systemd unit).

Every folder creatorctl creates (parents included) is 0700 whatever the umask; every file it
writes is 0600 and goes only into a folder owned by the user and not writable by others; a
store or config in a folder others could swap files in is refused with one line naming the
folder and the fix; a symlink is followed only if its target passes the same checks.
Tests run as root, so "another user" is uid 65534 given with os.chown.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_cli import assert_one_line_error, invoke

OTHER_UID = 65534
needs_root = pytest.mark.skipif(os.getuid() != 0, reason="chown to another user needs root")


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_default_store_folders_are_0700_under_umask_000(tmp_path: Path, umask_000: None) -> None:
    """Both XDG_DATA_HOME (missing) and its creatorctl folder are made 0700, not 0777."""
    r = invoke("accounts", "add", "someone")
    assert r.exit_code == 0, r.output
    assert mode(tmp_path / "xdg-data") == 0o700
    assert mode(tmp_path / "xdg-data" / "creatorctl") == 0o700
    assert mode(tmp_path / "xdg-data" / "creatorctl" / "creatorctl.db") == 0o600


def test_db_parents_are_0700_and_existing_folders_left_alone(
    tmp_path: Path, umask_000: None
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o755)
    r = invoke("accounts", "add", "someone", db=mine / "a" / "b" / "s.db")
    assert r.exit_code == 0, r.output
    assert [mode(mine / "a"), mode(mine / "a" / "b")] == [0o700, 0o700]
    assert mode(mine) == 0o755  # existed before: not ours to change
    assert mode(mine / "a" / "b" / "s.db") == 0o600


def test_store_in_a_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    team.chmod(0o777)
    err = assert_one_line_error(invoke("--lang", "en", "works", "list", db=team / "s.db"))
    assert err == (
        f"creatorctl: refusing the store in the folder {team}: it can be written by others "
        f"(mode 777); run: chmod go-w {team}"
    )
    assert not (team / "s.db").exists()


def test_store_in_a_sticky_shared_folder_is_accepted(tmp_path: Path) -> None:
    """Like /tmp: others may create files there but cannot remove or rename ours."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    r = invoke("accounts", "add", "someone", db=shared / "s.db")
    assert r.exit_code == 0, r.output


@needs_root
def test_store_in_a_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, OTHER_UID, OTHER_UID)
    err = assert_one_line_error(invoke("--lang", "en", "works", "list", db=theirs / "s.db"))
    assert err.startswith(
        f"creatorctl: refusing the store in the folder {theirs}: it belongs to another user "
        f"(uid {OTHER_UID})"
    )


def test_env_store_in_a_world_writable_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: CREATORCTL_DB=/srv/team/s.db with /srv/team 0777."""
    team = tmp_path / "srv-team"
    team.mkdir()
    team.chmod(0o777)
    monkeypatch.setenv("CREATORCTL_DB", str(team / "s.db"))
    # --create: a new store there is what was asked for (without it: "add --create" first).
    err = assert_one_line_error(invoke("--create", "works", "list"))
    assert str(team) in err and "chmod go-w" in err


def test_config_in_a_world_writable_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from creatorctl.config import load_config
    from creatorctl.errors import StoreError
    from creatorctl.i18n import set_language

    set_language("en")
    folder = tmp_path / "conf"
    folder.mkdir()
    cfg = folder / "config.toml"
    cfg.write_text('[publish]\ncommand = ["echo"]\n')
    cfg.chmod(0o600)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(cfg))
    assert load_config().publish.command == ["echo"]
    folder.chmod(0o777)
    with pytest.raises(StoreError, match=f"refusing the config file in the folder {folder}"):
        load_config()


def test_symlinked_store_is_followed_only_to_a_safe_place(tmp_path: Path) -> None:
    safe = tmp_path / "safe"
    safe.mkdir(mode=0o700)
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    open_dir.chmod(0o777)
    (open_dir / "s.db").touch(mode=0o600)
    link = safe / "link.db"
    link.symlink_to(open_dir / "s.db")
    err = assert_one_line_error(invoke("--lang", "en", "works", "list", db=link))
    assert f"in the folder {open_dir}: it can be written by others" in err
    # The same link to a target in a private folder is followed.
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    link.unlink()
    link.symlink_to(private / "s.db")
    r = invoke("accounts", "add", "someone", db=link)
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and (private / "s.db").stat().st_size > 0


def test_symlinked_store_folder_into_an_open_folder_is_refused(tmp_path: Path) -> None:
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    open_dir.chmod(0o777)
    (tmp_path / "data").symlink_to(open_dir)
    err = assert_one_line_error(
        invoke("--lang", "en", "works", "list", db=tmp_path / "data" / "s.db")
    )
    assert f"in the folder {open_dir}: it can be written by others" in err


def test_export_is_0600_and_refused_into_an_open_folder(
    demo_db: Path, tmp_path: Path, umask_000: None
) -> None:
    out = tmp_path / "out" / "works.csv"
    (tmp_path / "out").mkdir(mode=0o700)
    r = invoke("export", "works", "-o", str(out), db=demo_db)
    assert r.exit_code == 0, r.output
    assert mode(out) == 0o600
    (tmp_path / "out").chmod(0o777)
    err = assert_one_line_error(
        invoke("--lang", "en", "export", "works", "-o", str(out), db=demo_db)
    )
    assert f"refusing the export in the folder {tmp_path / 'out'}" in err


@needs_root
def test_export_into_a_folder_of_another_user_is_refused(demo_db: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, OTHER_UID, OTHER_UID)
    err = assert_one_line_error(
        invoke("--lang", "en", "export", "works", "-o", str(theirs / "w.csv"), db=demo_db)
    )
    assert "belongs to another user" in err
    assert list(theirs.iterdir()) == []


def test_systemd_unit_and_its_folders_are_private_under_umask_000(
    demo_db: Path, tmp_path: Path, umask_000: None
) -> None:
    r = invoke("scheduler", "install", db=demo_db)
    assert r.exit_code == 0, r.output
    unit = tmp_path / "xdg-config" / "systemd" / "user" / "creatorctl-scheduler.service"
    assert mode(unit) == 0o600
    for folder in (unit.parent, unit.parent.parent, tmp_path / "xdg-config"):
        assert mode(folder) == 0o700, folder


def test_systemd_unit_refuses_a_db_path_with_a_newline(tmp_path: Path) -> None:
    """A newline in --db once wrote an extra `ExecStartPre=` line into the unit."""
    odd = tmp_path / "s.db\nExecStartPre=/bin/touch /tmp/pwned"
    for args in (("scheduler", "install"), ("scheduler", "install", "--print")):
        err = assert_one_line_error(invoke("--lang", "en", *args, db=odd))
        assert "control character \\x0a" in err, err
    assert not (tmp_path / "xdg-config" / "systemd").exists()


def test_systemd_unit_quotes_spaces_quotes_and_percent(tmp_path: Path) -> None:
    from creatorctl.scheduler import unit_text

    text = unit_text(tmp_path / 'my "store" 100%.db')
    exec_line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    assert f'"{tmp_path}/my \\"store\\" 100%%.db"' in exec_line
    assert len([x for x in text.splitlines() if x.startswith("Exec")]) == 1


def test_event_spool_never_writes_through_a_planted_symlink(tmp_path: Path) -> None:
    """The notify spool sits beside the store; in a sticky shared folder another user could
    plant `<store>-events.jsonl` as a symlink to one of our files."""
    from creatorctl.notify import append_spool

    victim = tmp_path / "bashrc"
    victim.write_text("original\n")
    spool = tmp_path / "s.db-events.jsonl"
    spool.symlink_to(victim)
    append_spool(spool, {"event": "x", "text": "hello"})
    assert victim.read_text() == "original\n"


def test_writer_marker_never_writes_through_a_planted_symlink(tmp_path: Path) -> None:
    """The long-writer marker (`<store>-writer`, issue 11) sits beside the store too."""
    from creatorctl.store_wait import write_marker

    victim = tmp_path / "bashrc"
    victim.write_text("original\n")
    marker = tmp_path / "s.db-writer"
    marker.symlink_to(victim)
    write_marker(marker, "import")
    assert victim.read_text() == "original\n"


def test_runtime_folder_is_xdg_runtime_dir_when_safe_else_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where `serve` writes its URL file: never a runtime folder others could write to."""
    from creatorctl.safe_fs import private_runtime_dir

    run = tmp_path / "run-user"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    assert private_runtime_dir() == run / "creatorctl"
    assert mode(run / "creatorctl") == 0o700
    run.chmod(0o777)
    assert private_runtime_dir() == tmp_path / "xdg-data" / "creatorctl" / "run"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    assert private_runtime_dir() == tmp_path / "xdg-data" / "creatorctl" / "run"
