"""The publishing ledger: while an import holds the main store, posts are claimed and results
written in `<store>-publish`; the drafts table catches up once the lock is free."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from creatorctl.config import PublishConfig
from creatorctl.drafts import get_draft, ts
from creatorctl.i18n import set_language
from creatorctl.publish_ledger import ledger_for
from creatorctl.publishing import claim_due_posts, run_due
from creatorctl.scheduler import scheduler_status
from creatorctl.store_wait import write_marker
from creatorctl.works import list_works
from tests._drafts_support import insert_due, new_store, write_script

T0 = datetime(2026, 11, 26, 12, 0, 0)


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


class Held:
    """Another process's import: the main store's write lock, named in the marker."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.con = sqlite3.connect(db, isolation_level=None)
        self.con.execute("BEGIN IMMEDIATE")
        write_marker(Path(f"{db}-writer"), "import")

    def release(self) -> None:
        self.con.execute("ROLLBACK")
        self.con.close()
        Path(f"{self.db}-writer").unlink()


def test_a_post_goes_out_while_the_store_is_held_and_is_recorded_after(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    runs = tmp_path / "runs"
    hook = write_script(
        tmp_path / "h.sh", f"echo run >> '{runs}'\necho '{{\"item_id\": \"88\"}}'\n"
    )
    config = PublishConfig(command=[str(hook)])
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    held = Held(tmp_path / "store.db")
    try:
        (outcome,) = run_due(store, config, "w1", now=T0)
        assert outcome.ok and outcome.state == "published" and outcome.work_id is None
        assert get_draft(store, d).state == "scheduled"  # the main store has not caught up
        (row,) = ledger_for(store).pending()
        assert row["draft_id"] == d and row["due"] == ts(T0)
        st = scheduler_status(store, T0)
        assert (st.ledger_pending, st.ledger_running) == (1, 0) and "import" in st.held_by
        # Other schedulers' ticks while it is held: nothing is claimed twice.
        assert run_due(store, config, "w2", now=T0 + timedelta(seconds=1)) == []
        assert claim_due_posts(store, T0 + timedelta(seconds=2), "w3") == []
    finally:
        held.release()
    assert run_due(store, config, "w2", now=T0 + timedelta(seconds=3)) == []
    draft = get_draft(store, d)
    assert draft.state == "published" and draft.item_id == "88" and draft.work_id
    assert [w.id for w in list_works(store, acc)] == [draft.work_id]
    assert runs.read_text().splitlines() == ["run"]
    assert ledger_for(store).pending() == []
    st = scheduler_status(store, T0)
    assert (st.ledger_pending, st.held_by) == (0, "")


def test_a_failed_try_during_the_hold_is_retried_once_after(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    runs = tmp_path / "runs"
    hook = write_script(tmp_path / "h.sh", f"echo run >> '{runs}'\nexit 3\n")
    config = PublishConfig(command=[str(hook)])
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    held = Held(tmp_path / "store.db")
    try:
        (outcome,) = run_due(store, config, "w1", now=T0)
        assert outcome.state == "scheduled" and not outcome.ok
        assert run_due(store, config, "w1", now=T0 + timedelta(seconds=60)) == []
    finally:
        held.release()
    run_due(store, config, "w1", now=T0 + timedelta(seconds=61))
    draft = get_draft(store, d)
    assert draft.attempts == 2 and draft.state == "scheduled"  # 2nd try ran, 3rd is due later
    assert len(runs.read_text().splitlines()) == 2


def test_a_ledger_claim_whose_claimer_died_goes_unknown(tmp_path: Path) -> None:
    store, acc = new_store(tmp_path)
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    held = Held(tmp_path / "store.db")
    try:
        (claim,) = claim_due_posts(store, T0, "headless@elsewhere:1:abc")
        assert claim.attempt_id == 0  # the main store never heard of it …and its process dies
        assert claim_due_posts(store, T0 + timedelta(seconds=301), "b") == []
    finally:
        held.release()
    events: list[tuple[str, int]] = []
    claim_due_posts(
        store, T0 + timedelta(seconds=302), "b", on_event=lambda k, i: events.append((k, i))
    )
    draft = get_draft(store, d)
    assert draft.state == "unknown" and "process 1 on elsewhere died" in draft.last_error
    assert events == [("publish_unknown", d)]
