"""`Store.session()`: simple CRUD through the SQLModel models, on both backends (issue 14 §2).

The session joins one `write` transaction (the audit row goes in through `unit_of(session)`),
and the models' instants (`models.fields.Instant`) go in and come back as naive UTC in the one
stored form — SQLModel's own datetime type failed on PostgreSQL's TEXT instants at the first
row read.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from creatorctl.accounts import add_account
from creatorctl.errors import UserError
from creatorctl.inbox.rules import delete_rule, list_rules, save_rule, set_rule_enabled
from creatorctl.store import Store, unit_of
from tests.store_checks import bad_instants

pytestmark = pytest.mark.backends


@pytest.fixture
def st(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00:00")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    return store


def _audit_rows(store: Store) -> list[tuple[str, str]]:
    with store.read() as conn:
        return [
            tuple(r) for r in conn.execute(sa.text("SELECT kind, action FROM audit ORDER BY id"))
        ]  # type: ignore[misc]


def test_a_rule_made_by_a_session_reads_back_through_the_model(st: Store) -> None:
    from creatorctl.models import AutoReplyRule
    from creatorctl.timeutil import utcnow

    acc = add_account(st, "me")
    rule = save_rule(st, acc.id, keyword="价格|多少钱", reply="看橱窗", priority=3)
    with st.session() as session:
        row = session.get(AutoReplyRule, rule.id)
        assert row is not None
        assert (row.keyword, row.reply, row.priority, row.enabled) == (
            "价格|多少钱",
            "看橱窗",
            3,
            True,
        )
        assert row.created_at == utcnow() and row.created_at.tzinfo is None
    assert list_rules(st, acc.id) == [rule]
    checked, bad = bad_instants(st)
    assert checked >= 2 and bad == []


def test_an_aware_time_is_stored_as_utc_in_the_one_form(st: Store) -> None:
    from creatorctl.models import AutoReplyRule

    acc = add_account(st, "me")
    beijing = timezone(timedelta(hours=8))
    with st.session() as session:
        row = AutoReplyRule(
            account_id=acc.id,
            keyword="hi",
            reply="hello",
            created_at=datetime(2026, 11, 26, 18, 30, tzinfo=beijing),
        )
        session.add(row)
    with st.read() as conn:
        stored = conn.execute(sa.text("SELECT created_at FROM autoreplyrule")).scalar_one()
    assert stored == "2026-11-26 10:30:00.000000"
    with st.session() as session:
        again = session.get(AutoReplyRule, row.id)
        assert again is not None
        assert again.created_at == datetime(2026, 11, 26, 10, 30)
        assert again.created_at.replace(tzinfo=UTC) == datetime(
            2026, 11, 26, 18, 30, tzinfo=beijing
        )


def test_a_session_that_fails_leaves_nothing_not_even_its_audit_row(st: Store) -> None:
    from creatorctl.audit import record
    from creatorctl.models import AutoReplyRule

    acc = add_account(st, "me")
    before = _audit_rows(st)
    with pytest.raises(RuntimeError), st.session() as session:
        session.add(
            AutoReplyRule(account_id=acc.id, keyword="a", reply="b", created_at=datetime.now())
        )
        session.flush()
        record(unit_of(session), "create", "rule", 1, acc.id, None, {"keyword": "a"})
        raise RuntimeError("the change failed")
    assert list_rules(st, acc.id) == []
    assert _audit_rows(st) == before


def test_an_unknown_or_foreign_rule_is_one_clear_error_and_changes_nothing(st: Store) -> None:
    acc = add_account(st, "me")
    other = add_account(st, "other")
    theirs = save_rule(st, other.id, keyword="价格", reply="私信我")
    before = _audit_rows(st)
    for change in (
        lambda: set_rule_enabled(st, acc.id, theirs.id, False),
        lambda: delete_rule(st, acc.id, theirs.id),
        lambda: save_rule(st, acc.id, rule_id=theirs.id, keyword="x", reply="y"),
        lambda: delete_rule(st, acc.id, 999),
    ):
        with pytest.raises(UserError, match="自动回复规则"):
            change()
    assert list_rules(st, other.id) == [theirs]
    assert _audit_rows(st) == before


@pytest.mark.sqlite_only("holds the SQLite file's write lock from another connection")
def test_a_session_waits_for_an_import_as_a_write_does_and_says_so_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`accounts add` goes through a session: it waits for the import, names it once, and
    succeeds (a bare ORM session would wait silently, then fail after the busy timeout)."""
    import os
    import time

    from tests.test_cli_drafts import Run
    from tests.test_store_wait import _hold

    run = Run(tmp_path / "s.db", {"CREATORCTL_CONFIG": str(tmp_path / "none.toml")})
    assert run("accounts", "add", "me")[0] == 0
    holder = _hold(run.db, 2.5)
    began = time.monotonic()
    code, _out, err = run("accounts", "add", "second")
    assert code == 0, err
    assert 2.0 < time.monotonic() - began < 8
    assert err.count(f"waiting for an import in process {os.getpid()}…") == 1
    holder.join()
    assert "second" in run("accounts", "list")[1]
