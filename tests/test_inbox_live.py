"""The live monitor: drop alerts by the samples' own time, tail-reading a growing file, and
`creatorctl live watch` (with --once, and following a file another process appends to)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from creatorctl.inbox.live import LiveMonitor, Sample, SampleFollower, parse_ts

T0 = datetime(2026, 11, 20, 20, 0, 0)


def s(sec: int, online: int, gifts: int = 0, likes: int = 0, fans: int = 0) -> Sample:
    return Sample(T0 + timedelta(seconds=sec), online, gifts, likes, fans)


def test_fast_drop_alerts_once() -> None:
    m = LiveMonitor(0.2, 60)
    alerts = [m.feed(x) for x in (s(0, 1000), s(10, 1000), s(20, 950), s(30, 790), s(40, 700))]
    assert [a is not None for a in alerts] == [False, False, False, True, False]
    a = alerts[3]
    assert a is not None and a.peak == 1000 and a.online == 790 and a.seconds == 20
    assert a.drop == pytest.approx(0.21)


def test_slow_decline_does_not_alert() -> None:
    m = LiveMonitor(0.2, 60)
    # -10% per 40 s: never 20% within 60 s.
    online = 1000.0
    for k in range(0, 400, 40):
        assert m.feed(s(k, int(online))) is None
        online *= 0.9


def test_second_drop_alerts_again_and_summary() -> None:
    m = LiveMonitor(0.2, 60)
    for x in (
        s(0, 1000, 1, 10, 0),
        s(30, 700, 5, 40, 2),
        s(200, 900, 9, 90, 4),
        s(230, 600, 12, 150, 5),
    ):
        m.feed(x)
    m.feed(s(100, 5000))  # older than the last: ignored
    summary = m.summary()
    assert len(summary.alerts) == 2
    assert summary.peak == 1000 and summary.peak_at == T0
    assert summary.average == pytest.approx((1000 + 700 + 900 + 600) / 4)
    assert (summary.gifts, summary.likes, summary.new_fans) == (12, 150, 5)
    assert summary.duration_s == 230 and summary.samples == 4


def test_configurable_ratio_and_window() -> None:
    m = LiveMonitor(0.5, 10)
    assert m.feed(s(0, 1000)) is None
    assert m.feed(s(20, 400)) is None  # the peak is outside a 10 s window
    assert m.feed(s(25, 150)) is not None


def test_parse_ts_forms() -> None:
    assert parse_ts("2026-11-20 20:00:05") == T0 + timedelta(seconds=5)
    assert parse_ts("20:01:00", T0) == T0 + timedelta(minutes=1)
    # A unix time is an instant, shown on Douyin's clock (Beijing), whatever the server's TZ.
    assert parse_ts(str(int(T0.replace(tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()))) == T0
    with pytest.raises(ValueError):
        parse_ts("soon")


def test_follower_reads_only_complete_lines_and_continues(tmp_path: Path) -> None:
    path = tmp_path / "live.csv"
    path.write_text(
        "ts,online,gifts,likes,new_fans\n2026-11-20 20:00:00,1000,0,0,0\n2026-11-20 20:00:1"
    )
    f = SampleFollower(path)
    assert [x.online for x in f.poll()] == [1000]
    with path.open("a") as fh:
        fh.write("0,990,1,5,0\n2026-11-20 20:00:20,bad,0,0,0\n")
    got = f.poll()
    assert [(x.ts.second, x.online) for x in got] == [(10, 990)]
    assert f.bad and f.bad[0][0] == 4
    assert f.poll() == []


def test_follower_json_lines_chinese_headers_and_final_line(tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    path.write_text(
        json.dumps({"时间": "2026-11-20 20:00:00", "在线人数": "1.2万", "音浪": 3}) + "\n"
        + json.dumps({"ts": 1795608005, "online": 800})
    )  # fmt: skip
    follower = SampleFollower(path)
    samples = follower.poll(final=True)
    assert [x.online for x in samples] == [12000, 800] and samples[0].gifts == 3
    assert follower.bad == []


def test_follower_starts_over_when_the_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "live.csv"
    path.write_text("ts,online\n2026-11-20 20:00:00,1000\n2026-11-20 20:00:10,900\n")
    f = SampleFollower(path)
    assert len(f.poll()) == 2
    path.write_text("ts,online\n2026-11-20 21:00:00,50\n")
    assert [x.online for x in f.poll()] == [50]


def _csv(rows: list[tuple[int, int]]) -> str:
    return "".join(
        f"{(T0 + timedelta(seconds=sec)).isoformat(sep=' ')},{n},0,0,0\n" for sec, n in rows
    )


def test_live_watch_once(tmp_path: Path) -> None:
    from tests.test_cli import invoke

    path = tmp_path / "live.csv"
    path.write_text("ts,online,gifts,likes,new_fans\n" + _csv([(0, 1000), (30, 700), (60, 720)]))
    r = invoke("--lang", "en", "live", "watch", str(path), "--once")
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "viewers 1,000 → 700 (-30% in 30 s)" in lines[0]
    assert "peak 1,000" in lines[1] and "1 drop alerts" in lines[1]
    r = invoke("live", "watch", str(path), "--once", "--json")
    data = json.loads(r.stdout)
    assert data["peak"] == 1000 and len(data["alerts"]) == 1 and data["samples"] == 3


def test_live_watch_reports_bad_lines_and_missing_file(tmp_path: Path) -> None:
    from tests.test_cli import assert_one_line_error, invoke

    path = tmp_path / "live.csv"
    path.write_text("ts,online\nnot-a-time,5\n2026-11-20 20:00:00,7\n")
    r = invoke("--lang", "en", "live", "watch", str(path), "--once")
    assert r.exit_code == 0 and "line 2 skipped" in r.stderr and "peak 7" in r.stdout
    r = invoke("live", "watch", str(tmp_path / "nope.csv"))
    assert_one_line_error(r, code=2)


def test_live_watch_follows_a_growing_file_until_interrupted(tmp_path: Path) -> None:
    """Another process appends samples; the alert line appears while it runs; Ctrl+C ends it
    with the summary — even when it was started with SIGINT ignored, as a non-interactive
    shell starts a background job (CI launched that way hung here for 20 s)."""
    path = tmp_path / "live.csv"
    path.write_text("ts,online,gifts,likes,new_fans\n" + _csv([(0, 1000), (10, 1010)]))
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "LANG": "en_US.UTF-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "creatorctl", "--lang", "en", "live", "watch", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        time.sleep(1.5)
        with path.open("a") as fh:
            fh.write(_csv([(20, 990), (30, 600)]))
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the monitor prints the alert
        assert "viewers 1,010 → 600 (-41% in 20 s)" in line
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "live summary" in rest and "peak 1,010" in rest and "1 drop alerts" in rest
    assert "Traceback" not in err
