"""The example files under examples/ import as documented, and again without changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from creatorctl.store import Store
from tests.import_helpers import cli, rows

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Douyin's files are in Beijing time; the JSON's unix times agree with them there."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_examples_import(import_store: Store, beijing_time: None) -> None:
    files = [
        EXAMPLES / "作品列表导出_20261025.xlsx",
        EXAMPLES / "video_list_20261025.json",
        EXAMPLES / "账号每日数据.csv",
    ]
    code, out, err = cli("import", *map(str, files))
    assert code == 0, err
    assert "作品列表导出_20261025.xlsx → works export, snapshot 2026-10-25: added 6" in out
    # the JSON names four of the same videos by other ids; title and time find them
    assert "video_list_20261025.json → Open Platform video list, snapshot 2026-10-25: " in out
    assert "added 0, updated 0, unchanged 4" in out
    assert "账号每日数据.csv → account daily numbers: added 14" in out
    assert rows(import_store, "SELECT count(*) FROM work") == [(6,)]
    assert rows(
        import_store,
        "SELECT plays, completion_rate, avg_watch_s FROM work WHERE title LIKE '打工人%'",
    ) == [(302_518, 0.276, 6.9)]
    code, out, _err = cli("import", *map(str, files))
    assert out.count("added 0, updated 0, unchanged") == 3 + 3  # each file, then the totals
