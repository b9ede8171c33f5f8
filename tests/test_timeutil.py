"""Local time ↔ UTC, including the per-hour shortcut imports use across DST switches."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creatorctl.timeutil import LOCAL, LocalToUtc, local_to_utc, set_config_zone

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # a half-hour switch
    "Asia/Shanghai",
    "XST-1XDT,M3.5.0/2:10,M10.5.0/3:20",  # switches 10 and 20 minutes into an hour
]


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The zone as [account] timezone (IANA names), or as TZ with timezone = "local"."""
    if not request.param.startswith("XST"):
        set_config_zone(request.param)
    else:
        set_config_zone(LOCAL)
        monkeypatch.setenv("TZ", request.param)
        time.tzset()
    yield request.param
    set_config_zone(None)
    monkeypatch.undo()
    time.tzset()


def test_same_as_one_by_one_across_dst_switches(zone: str) -> None:
    convert = LocalToUtc()
    # Every 7 minutes through 2026 (both switches of every zone here), twice (cached hours).
    start = datetime(2026, 1, 1)
    times = [start + timedelta(minutes=7 * i) for i in range(365 * 24 * 60 // 7)]
    for dt in times + times[::-1]:
        assert convert(dt) == local_to_utc(dt), dt


@settings(max_examples=300)
@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2037, 12, 31)))
def test_same_as_one_by_one_anywhere(dt: datetime) -> None:
    # Under the suite's zone (Asia/Shanghai, which had DST in 1986–1991).
    assert LocalToUtc()(dt) == local_to_utc(dt)
