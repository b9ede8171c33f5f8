"""`scheduler install` on a PostgreSQL store: the unit names the store, never its password."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.test_cli import invoke

pytestmark = pytest.mark.postgresql
UNIT = Path("xdg-config") / "systemd" / "user" / "creatorctl-scheduler.service"


def _exec_db(text: str) -> str:
    exec_line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    return exec_line.split(" --db ", 1)[1].removesuffix(" scheduler run")


def test_the_unit_gets_the_url_without_its_password_and_the_user_is_told_where_it_goes(
    pg_session_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = sa.engine.make_url(pg_session_url)
    assert url.password, "the test server's URL carries a password"
    pgpass = tmp_path / "home" / "team.pgpass"
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    r = invoke("--lang", "en", "scheduler", "install", db=pg_session_url)  # type: ignore[arg-type]
    assert r.exit_code == 0, r.output
    unit = tmp_path / UNIT
    text = unit.read_text()
    assert url.password not in text
    assert stat.S_IMODE(unit.stat().st_mode) == 0o600
    db = _exec_db(text)
    assert db == f"postgresql://{url.username}@{url.host}:{url.port}/{url.database}"
    assert f"Environment=PGPASSFILE={pgpass}" in text
    # One line on stderr says where the password belongs; stdout is what it was.
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert "password in --db was left out" in r.stderr and "~/.pgpass" in r.stderr
    assert str(unit) in r.stdout and "systemctl --user" in r.stdout
    assert url.password not in r.stdout + r.stderr

    # What the unit runs reaches the store once the password is where the line says.
    pgpass.write_text(f"{url.host}:{url.port}:{url.database}:{url.username}:{url.password}\n")
    os.chmod(pgpass, 0o600)
    r = invoke("scheduler", "status", "--json", db=db)  # type: ignore[arg-type]
    assert r.exit_code == 0, r.output


def test_print_and_a_password_in_the_query_string_are_stripped_too(
    pg_session_url: str, tmp_path: Path
) -> None:
    url = sa.engine.make_url(pg_session_url)
    assert url.password
    in_query = url._replace(password=None).update_query_dict({"password": url.password})
    given = in_query.render_as_string(hide_password=False)
    r = invoke("--lang", "zh", "scheduler", "install", "--print", db=given)  # type: ignore[arg-type]
    assert r.exit_code == 0, r.output
    assert url.password not in r.stdout and "password=" not in r.stdout
    assert _exec_db(r.stdout) == f"postgresql://{url.username}@{url.host}:{url.port}/{url.database}"
    assert "~/.pgpass" in r.stderr and "密码从不写到磁盘上" in r.stderr
    assert not (tmp_path / UNIT).exists()


def test_a_url_without_a_password_says_nothing_more(pg_session_url: str, tmp_path: Path) -> None:
    """Peer authentication (or a password already in ~/.pgpass): no line about passwords."""
    url = sa.engine.make_url(pg_session_url)
    bare = url._replace(password=None).render_as_string(hide_password=False)
    pgpass = tmp_path / "home" / ".pgpass"
    pgpass.write_text(f"*:*:*:{url.username}:{url.password}\n")
    os.chmod(pgpass, 0o600)
    r = invoke("--lang", "en", "scheduler", "install", db=bare)  # type: ignore[arg-type]
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    assert _exec_db((tmp_path / UNIT).read_text()).startswith("postgresql://")
