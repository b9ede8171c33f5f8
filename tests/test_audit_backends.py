"""`creatorctl audit list` on each backend (SQLite, PostgreSQL): the same rows, the acting
login (the Unix user on SQLite, the connected role on PostgreSQL), --who and --since."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from creatorctl.accounts import add_account
from creatorctl.store import open_store
from creatorctl.works import delete_work
from tests.import_helpers import cli


def test_audit_list_reads_the_log_on_each_backend(
    store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "wang")
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00:00")
    s = open_store(store_db)
    acc = add_account(s, "me")
    with s.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO work(account_id, title, tags, published_at) "
                "VALUES (:a, '旧作品 [b]x[/b]', '', '2026-11-01 12:00:00')"
            ),
            {"a": acc.id},
        )
        work_id = conn.execute(sa.text("SELECT max(id) FROM work")).scalar_one()
    delete_work(s, work_id)
    who = "wang"
    if s.dialect == "postgresql":  # the role the test connects as
        with s.read() as conn:
            who = str(conn.execute(sa.text("SELECT current_user")).scalar_one())
    s.close()
    code, out, err = cli("--db", store_db, "audit", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["action"], r["kind"], r["who"]) for r in rows] == [
        ("delete", "work", who),
        ("create", "account", who),
    ]
    assert rows[0]["before"] == {"label": "旧作品 [b]x[/b]"} and rows[0]["account"] == "me"
    code, out, _ = cli("--db", store_db, "audit", "list", "--who", "nobody", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("--db", store_db, "audit", "list", "--since", "2026-11-27", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("--db", store_db, "audit", "list")
    assert code == 0 and "work #" in out and "label: 旧作品 [b]x[/b]" in out
