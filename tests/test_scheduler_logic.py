"""The publishing state machine, driven by an explicit clock (no sleeping)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from creatorctl.config import PublishConfig
from creatorctl.drafts import add_draft, get_draft, schedule_draft
from creatorctl.errors import UserError
from creatorctl.i18n import set_language
from creatorctl.publish_log import list_attempts
from creatorctl.publishing import (
    MAX_ATTEMPTS,
    RETRY_BACKOFF_S,
    claim_due_posts,
    next_best_slot,
    publish_now,
    run_due,
)
from creatorctl.timeutil import local_to_utc
from creatorctl.works import list_works
from tests._drafts_support import insert_due, new_store, write_script
from tests.backends import hold_write_lock

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)

T0 = datetime(2026, 11, 26, 12, 0, 0)
"""UTC."""


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


@pytest.fixture
def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store, acc = new_store(tmp_path)
    yield store, acc
    store.close()


def _state(store, draft_id: int) -> str:  # type: ignore[no-untyped-def]
    return get_draft(store, draft_id).state


def test_a_post_is_claimed_when_due_and_by_one_worker_only(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    assert claim_due_posts(store, T0 - timedelta(seconds=1), "a") == []
    first = claim_due_posts(store, T0, "a")
    second = claim_due_posts(store, T0, "b")
    assert [c.draft_id for c in first] == [d] and second == []
    assert first[0].attempt == 1
    assert _state(store, d) == "publishing"


def test_claims_come_in_small_batches_in_due_order(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    ids = insert_due(store, acc, [T0 + timedelta(seconds=i) for i in range(12)], "/v.mp4")
    got = claim_due_posts(store, T0 + timedelta(minutes=1), "a", limit=5)
    assert [c.draft_id for c in got] == ids[:5]


def test_local_publish_creates_a_work_linked_to_its_draft(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    draft = add_draft(store, acc, title="秋天的第一杯奶茶", tags=("美食",), video_path="/v.mp4")
    schedule_draft(store, draft.id, datetime(2030, 1, 1, 20, 0), now=datetime(2029, 12, 31))
    at = local_to_utc(datetime(2030, 1, 1, 20, 0, 1))
    (outcome,) = run_due(store, PublishConfig(), "a", now=at)
    assert outcome.ok and outcome.state == "published"
    after = get_draft(store, draft.id)
    assert after.state == "published" and after.work_id == outcome.work_id
    works = list_works(store, acc)
    assert [(w.id, w.title, w.tags) for w in works] == [
        (after.work_id, "秋天的第一杯奶茶", ("#美食",))
    ]
    with store.read() as conn:
        assert (
            conn.execute(
                sa.text("SELECT draft_id FROM work WHERE id=:i"), {"i": after.work_id}
            ).scalar()
            == draft.id
        )


def test_a_post_late_within_the_grace_period_goes_out(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    outcomes = run_due(store, PublishConfig(grace_hours=1), "a", now=T0 + timedelta(minutes=59))
    assert [o.draft_id for o in outcomes] == [d]
    assert outcomes[0].lateness_s == 59 * 60


def test_a_post_later_than_the_grace_period_is_missed_for_the_user(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    assert run_due(store, PublishConfig(grace_hours=1), "a", now=T0 + timedelta(minutes=61)) == []
    missed = get_draft(store, d)
    assert missed.state == "missed" and "reschedule or publish now" in missed.last_error
    # The user decides: publish now.
    outcome = publish_now(store, PublishConfig(), d, clock=lambda: T0 + timedelta(minutes=62))
    assert outcome.ok and _state(store, d) == "published"


def test_failures_retry_with_backoff_then_fail_with_the_error(_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    hook = write_script(tmp_path / "bad.sh", "echo 'upload refused: 403' >&2\nexit 3\n")
    config = PublishConfig(command=[str(hook)])
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    now = T0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        (o,) = run_due(store, config, "a", now=now)
        assert o.attempt == attempt and not o.ok
        assert "exited with 3" in o.error and "403" in o.stderr_tail
        if attempt < MAX_ATTEMPTS:
            wait = timedelta(seconds=RETRY_BACKOFF_S[attempt - 1])
            assert o.state == "scheduled" and o.next_try_at == now + wait
            assert run_due(store, config, "a", now=now + wait - timedelta(seconds=1)) == []
            now += wait
    failed = get_draft(store, d)
    assert failed.state == "failed" and failed.attempts == MAX_ATTEMPTS
    assert "upload refused: 403" in failed.last_error
    assert run_due(store, config, "a", now=now + timedelta(days=1)) == []
    assert [a.ok for a in list_attempts(store, d)] == [False] * MAX_ATTEMPTS


def test_a_dead_claim_is_recovered_only_after_the_timeout(_store) -> None:  # type: ignore[no-untyped-def]
    """A lost try that may safely be re-run (no hook, or an idempotent one) is due again."""
    store, acc = _store
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    assert len(claim_due_posts(store, T0, "dead")) == 1  # …and that process dies
    later = T0 + timedelta(seconds=299)
    assert claim_due_posts(store, later, "b", claim_timeout=300, rerun_lost=True) == []
    got = claim_due_posts(
        store, T0 + timedelta(seconds=301), "b", claim_timeout=300, rerun_lost=True
    )
    assert [c.draft_id for c in got] == [d] and got[0].attempt == 2
    first = list_attempts(store, d)[-1]
    assert first.worker_id == "dead" and not first.ok and "died" in first.error


def test_a_dead_claim_with_a_hook_goes_unknown_and_is_not_re_run(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    (d,) = insert_due(store, acc, [T0], "/v.mp4")
    assert len(claim_due_posts(store, T0, "dead")) == 1
    events: list[tuple[str, int]] = []
    later = T0 + timedelta(seconds=301)
    got = claim_due_posts(
        store, later, "b", claim_timeout=300, on_event=lambda k, i: events.append((k, i))
    )
    assert got == [] and events == [("publish_unknown", d)]
    assert get_draft(store, d).state == "unknown"
    assert claim_due_posts(store, later + timedelta(hours=1), "c", claim_timeout=300) == []


def test_the_hook_gets_argv_and_json_and_may_give_an_item_id(_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    seen = tmp_path / "seen"
    hook = write_script(
        tmp_path / "ok.sh",
        f"printf '%s\\n' \"$@\" > '{seen}.argv'\ncat > '{seen}.json'\n"
        'echo "uploading…"\necho \'{"item_id": "7300000000000000001"}\'\n',
    )
    # Hostile, and within Douyin's 30-character title limit (a longer one is never published).
    title = '";rm -rf ~;$(touch x){video}'
    draft = add_draft(
        store,
        acc,
        title=title,
        tags=("探店", "美食"),
        video_path="/videos/a b.mp4",
        edit_params='{"filter": "清新",  "strength": 0.6}',
    )
    config = PublishConfig(
        command=[str(hook), "--title={title}", "{video}", "{tags}", "{draft_id}", "{cover}"]
    )
    outcome = publish_now(store, config, draft.id, clock=lambda: T0)
    assert outcome.ok and outcome.item_id == "7300000000000000001"
    argv = Path(f"{seen}.argv").read_text().split("\n")[:5]
    assert argv == [f"--title={title}", "/videos/a b.mp4", "#探店 #美食", str(draft.id), ""]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    payload = json.loads(Path(f"{seen}.json").read_text())
    assert payload["edit_params"] == {"filter": "清新", "strength": 0.6}
    assert payload["tags"] == ["#探店", "#美食"] and payload["draft_id"] == draft.id
    assert get_draft(store, draft.id).item_id == "7300000000000000001"


def test_publish_now_refuses_what_cannot_go_out(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    no_video = add_draft(store, acc, title="没视频")
    with pytest.raises(UserError, match="no video path"):
        publish_now(store, PublishConfig(), no_video.id)
    with pytest.raises(UserError, match="no draft with id 999"):
        publish_now(store, PublishConfig(), 999)
    ok = add_draft(store, acc, title="有视频", video_path="/v.mp4")
    publish_now(store, PublishConfig(), ok.id, clock=lambda: T0)
    with pytest.raises(UserError, match="published and cannot be published"):
        publish_now(store, PublishConfig(), ok.id)


def test_next_best_slot_is_the_evening_and_avoids_other_posts(_store) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    morning = datetime(2030, 3, 4, 9, 30)
    assert next_best_slot(store, acc, morning) == datetime(2030, 3, 4, 20, 0)
    assert next_best_slot(store, acc, datetime(2030, 3, 4, 19, 55)) == datetime(2030, 3, 5, 20, 0)
    taken = add_draft(store, acc, title="占位", video_path="/v.mp4")
    schedule_draft(store, taken.id, datetime(2030, 3, 4, 20, 10), now=morning)
    assert next_best_slot(store, acc, morning) == datetime(2030, 3, 5, 20, 0)


def test_an_idle_tick_does_not_wait_for_a_long_write(_store) -> None:  # type: ignore[no-untyped-def]
    import time

    store, acc = _store
    insert_due(store, acc, [T0 + timedelta(hours=1)], "/v.mp4")
    with hold_write_lock(store):  # an import holding the write lock
        began = time.monotonic()
        assert run_due(store, PublishConfig(), "a", now=T0) == []
        assert time.monotonic() - began < 1.0


def test_an_on_time_post_says_nothing_about_lateness() -> None:
    """Issue 13: "(晚 0.0 秒)" read like an error; under a second late says nothing, later whole
    seconds."""
    from creatorctl.publish_types import PublishOutcome
    from creatorctl.scheduler import describe_outcome

    set_language("zh")
    at = datetime(2026, 11, 26, 9, 0)

    def outcome(late: float) -> PublishOutcome:
        return PublishOutcome(
            1, "标题", True, "published", 1, None, None, "", "", None, at,
            at + timedelta(seconds=late),
        )  # fmt: skip

    assert "晚" not in describe_outcome(outcome(0.04))
    assert describe_outcome(outcome(61.6)).endswith("(晚 62 秒)")
