"""`creatorctl insights [--json]` and `creatorctl report`: the exact JSON shape, plain output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from creatorctl.insights import WORK_FLAGS
from tests.test_cli import assert_one_line_error, invoke

pytestmark = pytest.mark.backends  # SQLite and PostgreSQL (conftest `backend`)


def test_insights_json_has_exactly_the_spec_shape(demo_db: Path) -> None:
    r = invoke("insights", "--json", db=demo_db)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert list(data) == ["works", "region", "fan_loss", "best_times", "eligibility"]
    assert data["works"], "the demo has flagged works"
    for w in data["works"]:
        assert set(w) == {"work_id", "title", "flags", "advice", "relative"}
        assert isinstance(w["work_id"], int) and w["flags"]
        assert set(w["flags"]) <= set(WORK_FLAGS)
        assert len(w["advice"]) == len(w["flags"])
        # Issue 16 §1 contract: completion_rate always there; each metric has exactly these keys.
        assert "completion_rate" in w["relative"]
        for m in w["relative"].values():
            assert set(m) == {"value", "recent_median", "ratio", "percentile", "n"}
            if m["n"] < 3:
                assert m["recent_median"] is m["ratio"] is m["percentile"] is None
    assert set(data["region"]) == {"top", "share", "concentrated", "advice"}
    # Seed 7: a regional audience in 上海 (the pets niche's home province).
    assert data["region"]["top"] == "上海" and data["region"]["concentrated"] is True
    assert data["region"]["share"] >= 0.3 and "#上海" in data["region"]["advice"]
    assert set(data["fan_loss"]) == {"spikes", "gradual"}
    assert data["fan_loss"]["gradual"] is True
    spikes = data["fan_loss"]["spikes"]
    assert len(spikes) == 1 and set(spikes[0]) == {"date", "lost", "work_id", "title"}
    assert spikes[0]["lost"] >= 60 and isinstance(spikes[0]["work_id"], int)
    assert len(data["best_times"]) == 3
    for slot in data["best_times"]:
        assert set(slot) == {"weekday", "hour", "score"}
        assert 0 <= slot["weekday"] <= 4 and 19 <= slot["hour"] <= 21
    assert data["best_times"][0]["score"] == 1.0
    assert list(data["eligibility"]) == ["xingtu", "live_commerce", "tasks"]
    for e in data["eligibility"].values():
        assert set(e) == {"eligible", "missing"}
    fans = json.loads(invoke("accounts", "list", "--json", db=demo_db).stdout)[0]["fans"]
    xingtu = data["eligibility"]["xingtu"]
    assert xingtu["eligible"] is (fans >= 10_000)
    assert xingtu["missing"] == ([] if fans >= 10_000 else [f"还差 {10_000 - fans:,} 粉丝"])
    assert data["eligibility"]["tasks"] == {"eligible": True, "missing": []}


def test_insights_json_work_ids_match_the_store(demo_db: Path, demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.config import InsightsConfig
    from creatorctl.insights import count_flagged

    data = json.loads(invoke("insights", "--json", db=demo_db).stdout)
    assert len(data["works"]) == count_flagged(demo_store, demo_account.id, InsightsConfig())


def test_insights_text(demo_db: Path) -> None:
    r = invoke("insights", db=demo_db)
    assert r.exit_code == 0, r.output
    assert "需要改进的作品" in r.stdout and "最佳发布时间" in r.stdout
    assert "回归初心" in r.stdout and "变现资格" in r.stdout and "星图商单" in r.stdout
    assert "\x1b[" not in r.stdout


def test_report_is_plain_text_with_charts(demo_db: Path) -> None:
    r = invoke("report", "--period", "28", db=demo_db)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "\x1b[" not in out
    for heading in ("核心指标", "每日播放与点赞", "每日涨粉与掉粉", "粉丝变化", "完播率分布"):
        assert heading in out
    assert "▲" in out or "▼" in out
    assert "回归初心" in out
    assert "┌" in out  # a plotext frame
    assert "2026-10-30 – 2026-11-26" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_report_english_and_width(demo_db: Path) -> None:
    r = invoke("--lang", "en", "report", "--period", "7", "--width", "60", db=demo_db)
    assert r.exit_code == 0, r.output
    assert "Key numbers" in r.stdout and "2026-11-20 – 2026-11-26" in r.stdout


def test_report_on_an_empty_account(tmp_path: Path, frozen_clock: str) -> None:
    db = tmp_path / "s.db"
    assert invoke("accounts", "add", "newbie", db=db).exit_code == 0
    r = invoke("report", db=db)
    assert r.exit_code == 0, r.output
    assert "这个周期没有账号数据" in r.stdout and "没有需要改进的作品" in r.stdout
    data = json.loads(invoke("insights", "--json", db=db).stdout)
    assert data["works"] == [] and data["best_times"] == []
    assert data["fan_loss"] == {"spikes": [], "gradual": False}


def test_errors(tmp_path: Path, demo_db: Path) -> None:
    assert_one_line_error(invoke("insights", db=tmp_path / "none.db"))
    assert_one_line_error(invoke("report", db=tmp_path / "none2.db"))
    assert_one_line_error(invoke("report", "--period", "0", db=demo_db), code=2)
    assert_one_line_error(invoke("report", "--period", "x", db=demo_db), code=2)
    assert_one_line_error(invoke("--account", "nobody", "insights", "--json", db=demo_db))


def test_thresholds_from_the_config_file(demo_db: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    default = json.loads(invoke("insights", "--json", db=demo_db).stdout)
    config = tmp_path / "config.toml"
    config.write_text(
        "[insights]\nlow_completion = 0.0\nlikes_per_comment = 1000.0\nmin_likes_no_comments = 1000000\n"
        "share_min_comments = 1000000\nregion_share = 0.9\nbelow_recent = 0.0\n"
        "above_recent = 1000.0\nhigh_bounce_2s = 1.0\nlow_completion_5s = 0.0\n\n[earn]\nxingtu_min_fans = 100\n",
        encoding="utf-8",
    )
    config.chmod(0o600)
    monkeypatch.setenv("CREATORCTL_CONFIG", str(config))
    strict = json.loads(invoke("insights", "--json", db=demo_db).stdout)
    assert default["works"] and strict["works"] == []
    assert strict["region"]["concentrated"] is False and strict["region"]["advice"] is None
    assert strict["eligibility"]["xingtu"] == {"eligible": True, "missing": []}


def _axis_labels(chart: str) -> tuple[list[str], list[str]]:
    """The left and right y-axis labels of a plotext text chart (rows with ┤ or ├)."""
    import re

    left = [m.group(1).strip() for m in re.finditer(r"^ *(\S+)┤", chart, re.M)]
    right = [m.group(1) for m in re.finditer(r"├(\S+) *$", chart, re.M)]
    return left, right


def test_report_axes_are_readable_counts(demo_db: Path) -> None:
    """Issue 13: plays in 万 on the left, likes on an axis of their own (not flat at 0),
    fans in whole numbers."""
    out = invoke("report", "--period", "28", db=demo_db).stdout
    plays = out[out.index("每日播放与点赞") : out.index("每日涨粉与掉粉")]
    fans = out[out.index("每日涨粉与掉粉") : out.index("完播率分布")]
    left, right = _axis_labels(plays)
    assert "10.0万" in left and "20.0万" in left, left
    assert "1.0万" in right and "0" in right, right  # likes: a second axis, right
    fan_left, _ = _axis_labels(fans)
    assert fan_left and all(x.isdigit() for x in fan_left), fan_left
    assert "\u200b" not in out
