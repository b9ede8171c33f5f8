"""Fans data in and out: portrait JSON/CSV, user fans JSON, activity CSV, trending CSV."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from creatorctl.config import InsightsConfig
from creatorctl.errors import UserError
from creatorctl.importers import import_file
from creatorctl.importers.numbers import ParseError, parse_amount
from tests.import_helpers import cli, rows, write_csv
from tests.insights_data import make_store

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def _store(tmp_path, frozen_clock):  # type: ignore[no-untyped-def]
    return make_store(tmp_path)


def test_open_platform_fans_data(_store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.fans import portrait, region

    store, acc = _store
    result = import_file(store, EXAMPLES / "fans_data.json", account_id=acc)
    assert result.kind == "portrait" and result.counts.added == 26
    p = portrait(store, acc)
    assert {s.bucket: s.share for s in p["gender"]} == {
        "female": round(8753 / 12873, 6),
        "male": round(4120 / 12873, 6),
    }
    assert [s.label for s in p["gender"]] == ["女", "男"]
    assert pytest.approx(sum(s.share for s in p["province"]), abs=1e-5) == 1.0
    assert region(store, acc, InsightsConfig()).top == "广东"
    # all_fans_num becomes the fan total on the snapshot date (today, by default).
    assert rows(store, "SELECT day, fans_total FROM accountdaily") == [("2026-11-26", 12873)]
    again = import_file(store, EXAMPLES / "fans_data.json", account_id=acc)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 26)


def test_portrait_csv_and_snapshot_dates(_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    import_file(store, EXAMPLES / "portrait.csv", account_id=acc)
    assert rows(
        store,
        "SELECT bucket, share, as_of FROM fanportrait WHERE dimension='gender' ORDER BY bucket",
    ) == [
        ("female", 0.68, "2026-11-25"),
        ("male", 0.32, "2026-11-25"),
    ]
    bad = write_csv(tmp_path / "bad.csv", [["维度", "分布项", "占比"], ["星座", "白羊", "10%"]])
    with pytest.raises(UserError) as exc:
        import_file(store, bad, account_id=acc)
    assert "bad.csv" in str(exc.value) and "2" in str(exc.value)


def test_user_fans_derives_lost(_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    doc = {
        "data": {
            "result_list": [
                {"date": "2026-11-02", "new_fans": 30, "total_fans": 1010},
                {"date": "2026-11-01", "new_fans": 10, "total_fans": 1000},
                {"date": "2026-11-03", "new_fans": 5, "total_fans": 1020},  # grew more than new
                {"date": "2026-11-05", "new_fans": 8, "total_fans": 1000},  # no 11-04 total
            ]
        }
    }
    path = tmp_path / "fans.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = import_file(store, path, account_id=acc)
    assert result.kind == "user_fans" and result.counts.added == 4
    assert rows(
        store, "SELECT day, fans_total, fans_gained, fans_lost FROM accountdaily ORDER BY day"
    ) == [
        ("2026-11-01", 1000, 10, 0),
        ("2026-11-02", 1010, 30, 20),  # lost = 30 - (1010 - 1000)
        ("2026-11-03", 1020, 5, 0),  # never below 0
        ("2026-11-05", 1000, 8, 0),
    ]
    # The previous day's total may come from the store (an earlier import).
    later = tmp_path / "later.json"
    later.write_text(
        json.dumps(
            {"data": {"result_list": [{"date": "2026-11-06", "new_fans": 4, "total_fans": 990}]}}
        ),
        encoding="utf-8",
    )
    import_file(store, later, account_id=acc)
    assert rows(store, "SELECT fans_lost FROM accountdaily WHERE day='2026-11-06'") == [(14,)]
    assert import_file(store, path, account_id=acc).counts.unchanged == 4


def test_user_fans_example_makes_a_spike(_store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.fans import fan_loss

    store, acc = _store
    import_file(store, EXAMPLES / "user_fans.json", account_id=acc)
    spikes = fan_loss(store, acc).spikes
    assert [(s.day, s.lost) for s in spikes] == [(date(2026, 11, 10), 95)]


def test_activity_csv_and_bad_rows(_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.fans import best_times

    store, acc = _store
    result = import_file(store, EXAMPLES / "fan_activity.csv", account_id=acc)
    assert result.kind == "activity" and result.counts.added == 168
    assert all(s.weekday <= 4 and s.hour == 20 for s in best_times(store, acc))
    bad = write_csv(
        tmp_path / "act.csv",
        [["weekday", "hour", "active"], [0, 20, "1.2万"], [7, 20, 5], [1, 24, 5], [2, 3, "x"]],
    )
    with pytest.raises(UserError):
        import_file(store, bad, account_id=acc)
    assert rows(store, "SELECT value FROM fanactivity WHERE weekday=0 AND hour=20") != [(12000.0,)]
    partial = import_file(store, bad, account_id=acc, skip_bad_rows=True)
    assert (partial.counts.updated, partial.counts.skipped) == (1, 3)
    assert rows(store, "SELECT value FROM fanactivity WHERE weekday=0 AND hour=20") == [(12000.0,)]


def test_trending_csv_covered_by_own_topics(_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.insights import trending
    from tests.insights_data import add_work

    store, acc = _store
    add_work(store, acc, tags="#家常菜")
    result = import_file(store, EXAMPLES / "trending.csv", account_id=acc)
    assert result.kind == "trending" and result.counts.added == 5
    trends = trending(store, acc)
    assert trends[0].topic == "#围炉煮茶" and trends[0].heat == 3_285_000
    assert trends[0].samples[0] == "围炉煮茶的正确打开方式" and len(trends[0].samples) == 3
    assert {t.topic for t in trends if t.covered} == {"#家常菜"}
    plain = write_csv(tmp_path / "t.csv", [["topic", "heat"], ["露营", "12"]])
    import_file(store, plain, account_id=acc)
    assert rows(store, "SELECT niche, topic, day FROM trendingtopic WHERE topic='#露营'") == [
        ("美食", "#露营", "2026-11-26")
    ]


@pytest.mark.parametrize("kind", ["portrait", "activity", "trending"])
def test_export_reads_back(_store, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    store, acc = _store
    for name in ("fans_data.json", "fan_activity.csv", "trending.csv"):
        import_file(store, EXAMPLES / name, account_id=acc)
    out = tmp_path / f"{kind}.csv"
    db = str(store.path)
    code, _out, err = cli("--db", db, "export", kind, "--format", "csv", "-o", str(out))
    assert code == 0, err
    assert import_file(store, out, account_id=acc).counts.unchanged > 0
    again = import_file(store, out, account_id=acc)
    assert again.kind == kind and again.counts.added == again.counts.updated == 0
    as_json = tmp_path / f"{kind}.json"
    code, _out, err = cli("--db", db, "export", kind, "--format", "json", "-o", str(as_json))
    assert code == 0, err
    assert json.loads(as_json.read_text(encoding="utf-8"))


def test_parse_amount() -> None:
    assert parse_amount("0.85") == 0.85
    assert parse_amount("1.2万") == 12_000
    assert parse_amount("12,345.5") == 12_345.5
    assert parse_amount(3) == 3.0
    assert parse_amount("-") is None
    for bad in ("-1", "abc", -0.5):
        with pytest.raises(ParseError):
            parse_amount(bad)
