"""The one number parser: the forms Douyin and people write, and what it refuses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creatorctl.importers.numbers import (
    ParseError,
    parse_bool,
    parse_count,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_id,
    parse_rate,
    parse_signed_count,
    parse_text,
)

COUNTS = [
    ("12,345", 12345),
    ("12，345", 12345),
    (" 987 ", 987),
    ("1.2万", 12000),
    ("1.2w", 12000),
    ("1.2W", 12000),
    ("3亿", 300_000_000),
    ("1.5k", 1500),
    ("2.5K", 2500),
    ("1.25万", 12500),
    ("12345次", 12345),
    ("10w+", 100_000),  # Douyin's "at least" display
    ("100万+", 1_000_000),
    ("0", 0),
    (12345, 12345),
    (12345.0, 12345),
    ("-", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_counts(text: object, expected: int | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["abc", "1.5", "12.5.3", "1万2", "--5", "1e3", True, 3.7, "∞"])
def test_counts_refused(text: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_count(text)
    assert exc.value.expected == "num.expected_count"


def test_negative_counts_refused_unless_signed() -> None:
    with pytest.raises(ParseError) as exc:
        parse_count("-5")
    assert exc.value.expected == "num.expected_nonnegative"
    assert parse_signed_count("-5") == -5
    assert parse_signed_count("-1.2万") == -12000


RATES = [
    ("35.2%", 0.352),
    ("35.2％", 0.352),
    ("0.352", 0.352),
    ("35.2", 0.352),
    (0.352, 0.352),
    (35.2, 0.352),
    ("100%", 1.0),
    ("0%", 0.0),
    ("1", 1.0),
    ("-", None),
]


@pytest.mark.parametrize(("text", "expected"), RATES)
def test_rates(text: object, expected: float | None) -> None:
    assert parse_rate(text) == expected


@pytest.mark.parametrize("text", ["abc", "150%", "-3%", "101", "35.2%%"])
def test_rates_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_rate(text)


DURATIONS = [
    ("8.5秒", 8.5),
    ("8.5s", 8.5),
    ("8.5", 8.5),
    ("00:08", 8.0),
    ("01:02:03", 3723.0),
    ("1分20秒", 80.0),
    ("1m20s", 80.0),
    ("2分钟", 120.0),
    ("1小时2分3秒", 3723.0),
    (12, 12.0),
    (time(0, 1, 5), 65.0),
    (timedelta(seconds=9.5), 9.5),
]


@pytest.mark.parametrize(("text", "expected"), DURATIONS)
def test_durations(text: object, expected: float) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["abc", "1:2:3:4", "-5秒", "秒", "8.5 days"])
def test_durations_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_duration(text)


DATETIMES = [
    ("2026-10-25 19:30", datetime(2026, 10, 25, 19, 30)),
    ("2026/10/25 19:30:00", datetime(2026, 10, 25, 19, 30)),
    ("2026年10月25日 19:30", datetime(2026, 10, 25, 19, 30)),
    ("2026年10月25日", datetime(2026, 10, 25)),
    ("2026-10-25T19:30:05", datetime(2026, 10, 25, 19, 30, 5)),
    ("2026.10.5 8:05", datetime(2026, 10, 5, 8, 5)),
    ("20261025", datetime(2026, 10, 25)),
    (datetime(2026, 10, 25, 19, 30), datetime(2026, 10, 25, 19, 30)),
    (date(2026, 10, 25), datetime(2026, 10, 25)),
    (46320.8125, datetime(2026, 10, 25, 19, 30)),  # an Excel serial date
]


@pytest.mark.parametrize(("text", "expected"), DATETIMES)
def test_datetimes(text: object, expected: datetime) -> None:
    assert parse_datetime(text) == expected


def test_unix_timestamps_are_douyins_clock() -> None:
    """Unix times read as Beijing time (the default [account] timezone), whatever TZ is."""
    ts = 1_761_391_800  # 2025-10-25 11:30 UTC
    beijing = datetime(2025, 10, 25, 19, 30)
    assert parse_datetime(ts) == beijing
    assert parse_datetime(ts * 1000) == beijing
    assert parse_datetime(str(ts)) == beijing
    assert parse_datetime("2025-10-25T11:30:00Z") == beijing


@pytest.mark.parametrize(
    "text", ["abc", "2026-13-01", "2026-02-30 10:00", "25/10/2026", "99999999999999999999"]
)
def test_datetimes_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_datetime(text)


def test_dates() -> None:
    assert parse_date("2026-10-25 19:30") == date(2026, 10, 25)
    with pytest.raises(ParseError) as exc:
        parse_date("soon")
    assert exc.value.expected == "num.expected_date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("是", True), ("否", False), ("yes", True), ("No", False), ("1", True), ("0", False),
     ("TRUE", True), ("false", False), (1, True), (0, False), ("", None)],
)  # fmt: skip
def test_bools(text: object, expected: bool | None) -> None:
    assert parse_bool(text) is expected


def test_bool_refused() -> None:
    with pytest.raises(ParseError):
        parse_bool("maybe")


def test_text_and_ids() -> None:
    assert parse_text("  广州早茶  ") == "广州早茶"
    assert parse_text(2026.0) == "2026"
    assert parse_text("   ") is None
    with pytest.raises(ParseError):
        parse_text("x" * 1_048_576)
    assert parse_id(7.123456789012e12) == "7123456789012"
    assert parse_id("-") is None
    with pytest.raises(ParseError):
        parse_id("12 34")


# --- properties ------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**15))
def test_count_roundtrips_with_separators(n: int) -> None:
    assert parse_count(f"{n:,}") == n
    assert parse_count(str(n)) == n
    assert parse_count(n) == n


@given(st.integers(min_value=0, max_value=10**8), st.sampled_from(["万", "w", "W"]))
def test_wan_is_ten_thousand(n: int, unit: str) -> None:
    assert parse_count(f"{n / 10:.1f}{unit}") == n * 1000


@given(st.integers(min_value=0, max_value=1000))
def test_percent_and_fraction_agree(permille: int) -> None:
    pct = f"{permille / 10:.1f}%"
    fraction = permille / 1000
    assert parse_rate(pct) == pytest.approx(fraction)
    assert parse_rate(str(fraction)) == pytest.approx(fraction)


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=0, max_value=59))
def test_duration_forms_agree(minutes: int, seconds: int) -> None:
    total = minutes * 60 + seconds
    assert parse_duration(f"{minutes:02d}:{seconds:02d}") == total
    assert parse_duration(f"{minutes}分{seconds}秒") == total
    assert parse_duration(f"{total}秒") == total


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
def test_datetime_forms_agree(dt: datetime) -> None:
    dt = dt.replace(microsecond=0)
    assert parse_datetime(dt.strftime("%Y-%m-%d %H:%M:%S")) == dt
    assert parse_datetime(dt.strftime("%Y/%m/%d %H:%M:%S")) == dt
    assert parse_datetime(f"{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M:%S}") == dt


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parsers_never_crash(value: object) -> None:
    for parse in (parse_count, parse_rate, parse_duration, parse_datetime, parse_bool, parse_text):
        try:
            parse(value)
        except ParseError as exc:
            assert exc.expected.startswith("num.")


# The fast paths (common shapes parsed in C) must agree with the general parsers on anything
# that reaches them: the same value, or a refusal from both.
def _same(fast: Any, general: Any, value: object) -> None:
    def outcome(parse: Any) -> object:
        try:
            return parse(value)
        except ParseError as exc:
            return ("refused", exc.expected)

    assert outcome(fast) == outcome(general)


@given(st.text(alphabet="0123456789-: T/年+Z.x", min_size=14, max_size=20))
def test_datetime_fast_path_agrees(text: str) -> None:
    from creatorctl.importers.numbers import _parse_datetime

    _same(parse_datetime, _parse_datetime, text)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31)))
def test_datetime_fast_path_agrees_on_real_times(dt: datetime) -> None:
    from creatorctl.importers.numbers import _parse_datetime

    for text in (f"{dt:%Y-%m-%d %H:%M:%S}", f"{dt:%Y-%m-%dT%H:%M}", f"{dt:%Y-%m-%d %H:%M}"):
        _same(parse_datetime, _parse_datetime, text)


@given(st.one_of(st.text(max_size=70), st.sampled_from(["null", "None", "无", "N/A", "-"])))
def test_id_fast_path_agrees(text: str) -> None:
    from creatorctl.importers.numbers import _parse_id

    _same(parse_id, _parse_id, text)


def test_one_money_format_everywhere() -> None:
    """Issue 13: whole yuan without decimals, anything else to the fen, in the CLI and the app
    alike (before: the CLI said ¥4,200.00 where the app said ¥4,200; the app rounded ¥1,800.50)."""
    from creatorctl.i18n import fmt_amount, fmt_money
    from creatorctl.screens.earn.panels import money

    assert fmt_money(4200) == "¥4,200" and fmt_money(4200.0) == "¥4,200"
    assert fmt_money(1800.5) == "¥1,800.50" and fmt_money(0.07) == "¥0.07"
    assert fmt_money(None) == "–" and fmt_amount(1_234_567.891) == "1,234,567.89"
    assert money(1800.5) == fmt_money(1800.5)


def test_cli_and_app_show_the_same_commission(demo_db) -> None:  # type: ignore[no-untyped-def]
    from tests.test_cli import invoke

    out = invoke("earn", "tasks", db=demo_db).stdout
    assert "¥4,200 " in out and ".00" not in out
