"""The demo: deterministic, realistic, fast enough."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from creatorctl.demo import generate
from creatorctl.errors import UserError
from creatorctl.store import open_store

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)


def fingerprint(store) -> str:  # type: ignore[no-untyped-def]
    h = hashlib.sha256()
    with store.read() as conn:
        for table in ("work", "worksnapshot", "accountdaily"):
            for row in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def test_same_seed_same_data(tmp_path, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    a = open_store(str(tmp_path / "a.db"))
    b = open_store(str(tmp_path / "b.db"))
    generate(a, seed=3)
    generate(b, seed=3)
    assert fingerprint(a) == fingerprint(b)
    c = open_store(str(tmp_path / "c.db"))
    generate(c, seed=4)
    assert fingerprint(c) != fingerprint(a)


def test_demo_looks_real(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    with demo_store.read() as conn:
        plays = sorted(r[0] for r in conn.execute(sa.text("SELECT plays FROM work")))
        n_snap = conn.execute(sa.text("SELECT count(*) FROM worksnapshot")).scalar_one()
        days = conn.execute(sa.text("SELECT count(*) FROM accountdaily")).scalar_one()
        low = conn.execute(sa.text("SELECT count(*) FROM work WHERE completion_rate < 0.3"))
        cjk = conn.execute(sa.text("SELECT title FROM work LIMIT 1")).scalar_one()
    assert demo_account.works == 240 and days == 365 and n_snap > 240 * 5
    median, top = plays[len(plays) // 2], plays[-1]
    assert top > 10 * median  # heavy tail: a few works go viral
    assert low.scalar_one() > 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in cjk)
    assert demo_account.fans and demo_account.fans > 0


def test_demo_twice_with_same_seed_is_refused(demo_store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="已存在"):
        generate(demo_store, seed=7)
