"""The audit log: every change is written with its login, object, action and before/after
values, in the change's own transaction; `creatorctl audit list` reads it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.accounts import add_account, undo_last, update_profile
from creatorctl.audit import AuditEntry, list_entries, record
from creatorctl.config import PublishConfig
from creatorctl.drafts import add_draft, cancel_draft, delete_draft, edit_draft, schedule_draft
from creatorctl.i18n import set_language
from creatorctl.importers import import_file
from creatorctl.inbox.messages import delete_rule, save_rule, set_rule_enabled
from creatorctl.publishing import publish_now
from creatorctl.store import Store, open_store
from creatorctl.trash import list_trash, restore
from tests.import_helpers import WORKS_HEADER, cli, works_row, write_csv

NOW = datetime(2026, 11, 26, 10, 0)


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    """getpass.getuser() reads LOGNAME first: every change here is made by `wang`."""
    monkeypatch.setenv("LOGNAME", "wang")
    set_language("en")


@pytest.fixture
def st(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The store on each backend (conftest's `store`: SQLite, then PostgreSQL)."""
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00:00")
    return store


def _me(store: Store) -> str:
    """Who the audit names: the Unix login on SQLite, the connected role on PostgreSQL."""
    if store.dialect != "postgresql":
        return "wang"
    with store.read() as conn:
        return str(conn.execute(sa.text("SELECT current_user")).scalar_one())


def _all(store: Store) -> list[AuditEntry]:
    return list(reversed(list_entries(store, limit=1000)))


def test_draft_life_is_audited_with_values_before_and_after(st: Store) -> None:
    acc = add_account(st, "me")
    d = add_draft(st, acc.id, title="旧标题", video_path="/v.mp4")
    edit_draft(st, d.id, title="新标题")
    schedule_draft(st, d.id, datetime(2026, 11, 27, 20, 0), now=NOW)
    cancel_draft(st, d.id)
    delete_draft(st, d.id)
    restore(st, [list_trash(st, acc.id)[0].id])
    got = [(e.action, e.kind, e.object_id) for e in _all(st)]
    assert got == [
        ("create", "account", acc.id),
        ("create", "draft", d.id),
        ("edit", "draft", d.id),
        ("schedule", "draft", d.id),
        ("cancel", "draft", d.id),
        ("delete", "draft", d.id),
        ("restore", "draft", d.id),
    ]
    assert {e.who for e in _all(st)} == {_me(st)}
    edit = _all(st)[2]
    assert (edit.before, edit.after) == ({"title": "旧标题"}, {"title": "新标题"})
    sched = _all(st)[3]
    assert sched.after == {"state": "scheduled", "scheduled_at": "2026-11-27 20:00:00"}
    assert all(e.account == "me" and e.account_id == acc.id for e in _all(st))


def test_profile_edit_and_undo(st: Store) -> None:
    acc = add_account(st, "me", nickname="甲")
    update_profile(st, acc.id, nickname="乙", niche="美食")
    undo_last(st, "account", acc.id)
    edit, undo = _all(st)[-2:]
    assert (edit.action, edit.before, edit.after) == (
        "edit",
        {"nickname": "甲", "niche": ""},
        {"nickname": "乙", "niche": "美食"},
    )
    assert (undo.action, undo.before, undo.after) == (
        "undo",
        {"nickname": "乙", "niche": "美食"},
        {"nickname": "甲", "niche": ""},
    )


def test_a_change_that_rolls_back_leaves_no_audit_row(st: Store) -> None:
    acc = add_account(st, "me")
    with pytest.raises(RuntimeError), st.write() as conn:
        record(conn, "edit", "work", 1, acc.id, {"title": "a"}, {"title": "b"})
        raise RuntimeError("the change failed")
    assert [e.action for e in _all(st)] == ["create"]


def test_rule_changes_are_audited(st: Store) -> None:
    acc = add_account(st, "me")
    rule = save_rule(st, acc.id, keyword="价格", reply="看橱窗")
    save_rule(st, acc.id, rule_id=rule.id, keyword="价格", reply="私信我", priority=2)
    set_rule_enabled(st, acc.id, rule.id, False)
    delete_rule(st, acc.id, rule.id)
    rows = [(e.action, e.before, e.after) for e in _all(st) if e.kind == "rule"]
    assert rows == [
        (
            "create",
            {},
            {"keyword": "价格", "reply": "看橱窗", "priority": 0, "enabled": True,
             "is_welcome": False},
        ),
        ("edit", {"reply": "看橱窗", "priority": 0}, {"reply": "私信我", "priority": 2}),
        ("edit", {"enabled": True}, {"enabled": False}),
        (
            "delete",
            {"keyword": "价格", "reply": "私信我", "priority": 2, "enabled": False,
             "is_welcome": False},
            {},
        ),
    ]  # fmt: skip


def test_publish_claim_and_outcome_are_audited(st: Store) -> None:
    acc = add_account(st, "me")
    d = add_draft(st, acc.id, title="发出去", video_path="/v.mp4")
    out = publish_now(st, PublishConfig(), d.id, clock=lambda: NOW)
    claim, outcome = _all(st)[-2:]
    assert (claim.action, claim.after["state"], claim.after["attempt"]) == (
        "claim",
        "publishing",
        1,
    )
    assert outcome.action == "publish"
    assert outcome.before == {"state": "publishing", "attempt": 1}
    assert outcome.after["state"] == "published"
    assert outcome.after["work_id"] == out.work_id


@pytest.mark.sqlite_only("imports do not run on PostgreSQL yet (temp.import_touched)")
def test_an_import_is_one_row_with_counts(st: Store, tmp_path: Path) -> None:
    acc = add_account(st, "me")
    rows = [WORKS_HEADER] + [works_row(f"作品{i}", item=f"i{i}") for i in range(30)]
    f = write_csv(tmp_path / "作品列表导出_20261025.csv", rows)
    import_file(st, f, account_id=acc.id)
    imports = [e for e in _all(st) if e.action == "import"]
    assert len(imports) == 1
    assert imports[0].after["added"] == 30 and imports[0].after["file"] == str(f)
    assert imports[0].after["kind"] == "works"
    with st.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM audit")).scalar() == 2


@pytest.mark.sqlite_only("imports do not run on PostgreSQL yet (temp.import_touched)")
def test_dry_run_import_writes_no_audit_row(st: Store, tmp_path: Path) -> None:
    acc = add_account(st, "me")
    f = write_csv(tmp_path / "作品列表导出_20261025.csv", [WORKS_HEADER, works_row("x")])
    import_file(st, f, account_id=acc.id, dry_run=True)
    assert [e.action for e in _all(st)] == ["create"]


# --- the command ---------------------------------------------------------------------------


def test_cli_audit_list_filters_and_json(import_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    st = open_store(import_db)
    with st.write() as conn:
        record(conn, "edit", "work", 7, 1, {"title": "a"}, {"title": "b"})
    monkeypatch.setenv("LOGNAME", "li")
    with st.write() as conn:
        record(conn, "delete", "draft", 3, 1, {"label": "x"})
    st.close()
    code, out, err = cli("audit", "list", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [(r["who"], r["action"], r["object_id"]) for r in data] == [
        ("li", "delete", 3),
        ("wang", "edit", 7),
    ]
    assert data[1]["before"] == {"title": "a"} and data[1]["account"] == "me"
    code, out, _ = cli("audit", "list", "--who", "wang", "--json")
    assert [r["who"] for r in json.loads(out)] == ["wang"]
    code, out, _ = cli("audit", "list", "--limit", "1", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = cli("audit", "list", "--since", "2026-11-27", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("audit", "list", "--since", "2026-11-26", "--json")
    assert len(json.loads(out)) == 2
    code, out, _ = cli("audit", "list")
    assert "li" in out and "draft #3" in out and "title: a → b" in out


def test_cli_audit_list_cleans_hostile_values(import_db: str) -> None:
    st = open_store(import_db)
    with st.write() as conn:
        record(conn, "edit", "work", 1, 1, {"title": "\x1b[2J\u202eevil"}, {"title": "[b]ok[/b]"})
    st.close()
    code, out, err = cli("audit", "list")
    assert code == 0, err
    assert "\x1b" not in out and "\u202e" not in out
    assert "[b]ok[/b]" in out  # shown as itself, not parsed as markup
    code, out, _ = cli("audit", "list", "--json")
    assert "\x1b" not in out and "\\u001b[2J\\u202eevil" in out
    assert json.loads(out)[0]["before"]["title"] == "\x1b[2J\u202eevil"  # exact


def test_cli_audit_list_bad_since_is_one_line(import_db: str) -> None:
    code, out, err = cli("audit", "list", "--since", "yesterday")
    assert code == 1
    assert err.strip().splitlines() == ["creatorctl: --since yesterday: give a date as YYYY-MM-DD"]
    code, out, err = cli("audit", "list", "--since", "2026-11-01", lang="zh")
    assert code == 0 and out.strip() == "还没有操作记录"


def test_permission_denied_on_postgresql_is_one_line_naming_the_remedy() -> None:
    """A viewer role writing: psycopg raises InsufficientPrivilege (SQLSTATE 42501) inside
    SQLAlchemy's ProgrammingError; the user sees one line that says what to do."""
    from creatorctl.errors import store_error

    class InsufficientPrivilege(Exception):  # psycopg.errors.InsufficientPrivilege's shape
        sqlstate = "42501"

    class ProgrammingError(Exception):
        def __init__(self, orig: BaseException) -> None:
            super().__init__("(psycopg.errors.InsufficientPrivilege) permission denied\n[SQL: x]")
            self.orig = orig

    err = store_error(ProgrammingError(InsufficientPrivilege()), "postgresql:///team")
    assert err is not None
    assert str(err) == (
        "postgresql:///team: your database role may not make this change (permission denied); "
        "ask the team store's owner for editor rights"
    )


def test_an_outcome_held_in_the_ledger_is_audited_when_it_reaches_the_store(
    st: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main store is busy (an import) when the hook returns: the outcome waits in the
    publish ledger (`<store>-publish`) and is audited, once, when a later tick writes it."""
    import creatorctl.publishing as publishing

    acc = add_account(st, "me")
    d = add_draft(st, acc.id, title="忙时发布", video_path="/v.mp4")
    schedule_draft(st, d.id, datetime(2026, 11, 26, 10, 5), now=NOW)
    due = datetime(2026, 11, 26, 2, 5, 30)  # UTC, just after it fell due
    [claim] = publishing.claim_due_posts(st, due, "w1")
    monkeypatch.setattr(publishing, "_main_busy", lambda _store: True)
    publishing.publish_claim(st, claim, PublishConfig(), "w1", clock=lambda: due)
    assert [e.action for e in _all(st)][-1] == "claim"  # not written yet
    monkeypatch.setattr(publishing, "_main_busy", lambda _store: False)
    publishing.apply_pending(st, due)
    publishing.apply_pending(st, due)
    outcomes = [e for e in _all(st) if e.action == "publish"]
    assert len(outcomes) == 1 and outcomes[0].after["state"] == "published"
    assert outcomes[0].object_id == d.id and outcomes[0].after["worker"] == "w1"


def test_posting_slots_changes_are_audited(st: Store) -> None:
    from creatorctl.posting_queue import parse_slots, set_account_slots

    acc = add_account(st, "me")
    set_account_slots(st, acc.id, parse_slots("fri 20:00, sat 12:00"))
    set_account_slots(st, acc.id, parse_slots("fri 20:00, sat 12:00"))  # unchanged: no row
    set_account_slots(st, acc.id, None)
    rows = [(e.kind, e.before, e.after) for e in _all(st) if e.kind == "slots"]
    assert [(b["slots"], a["slots"]) for _k, b, a in rows] == [
        ("", "fri 20:00, sat 12:00"),
        ("fri 20:00, sat 12:00", ""),
    ]


def test_an_upgrade_refused_for_lack_of_rights_names_the_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor opening a team store that a new release must migrate: PostgreSQL refuses the
    DDL (SQLSTATE 42501) and the line says only the owner can upgrade (docs/team.md)."""
    import alembic.command
    import sqlalchemy.exc

    from creatorctl.errors import StoreError
    from creatorctl.store import known_revisions, migrate_store

    s = open_store(str(tmp_path / "s.db"), migrate=False)

    class Denied(Exception):
        sqlstate = "42501"

    def refuse(*_a: object, **_k: object) -> None:
        raise sqlalchemy.exc.ProgrammingError("CREATE TABLE x", {}, Denied())

    monkeypatch.setattr(alembic.command, "upgrade", refuse)
    with pytest.raises(StoreError) as got:
        migrate_store(s)
    s.close()
    assert str(got.value) == (
        f"{tmp_path / 's.db'} needs this release's schema ({known_revisions()[-1]}), which only "
        "the store's owner may make: ask the owner to run creatorctl once"
    )
