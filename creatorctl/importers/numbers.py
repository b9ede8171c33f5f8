"""Numbers as people write them: the one parser every importer uses.

Each `parse_*` takes a cell as a reader gives it (a `str` from CSV, an `int`/`float`/`datetime`
from XLSX, any JSON scalar) and returns the value, `None` for an empty cell (``""``, ``-``,
``--``, ``/``, ``N/A`` — Douyin writes ``-`` for "no data"), or raises `ParseError` whose
`expected` says, as an i18n key, what the cell should have held.

Counts: ``12,345``  ``1.2万``  ``1.2w``  ``3亿``  ``1.5k``  ``12345次``  ``10w+``.
Money (yuan): ``¥1,234.50``  ``1234.5元``  ``1.2万``  ``￥800``  ``-50`` (a refund).
Rates (stored as a fraction 0–1): ``35.2%``  ``0.352``  ``35.2`` (above 1 means percent).
Durations (seconds): ``8.5秒``  ``8.5s``  ``00:08``  ``01:02:03``  ``1分20秒``  ``1m20s``.
Date-times (naive, on Douyin's clock: `timeutil.zone_name`, default Asia/Shanghai): ``2026-10-25 19:30``  ``2026/10/25 19:30:00``
``2026年10月25日 19:30``  ``20261025``, Excel serial days and date cells, unix seconds or
milliseconds.  Booleans: 是/否, yes/no, y/n, true/false, 1/0, on/off.

Speed matters (a million rows × sixteen cells): every parser tries the cheap common case first.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from creatorctl.timeutil import aware_to_local, timestamp_to_local

EMPTY = frozenset({"", "-", "--", "—", "–", "/", "n/a", "N/A", "null", "NULL", "None", "无"})

# Chinese and shorthand multipliers; an uppercase and a lowercase form of each Latin one.
_MULTIPLIERS = {
    "万": 10_000,
    "w": 10_000,
    "W": 10_000,
    "亿": 100_000_000,
    "千": 1_000,
    "k": 1_000,
    "K": 1_000,
    "m": 1_000_000,
    "M": 1_000_000,
}
_COUNT_RE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?|\.\d+)(万|亿|千|[wWkKmM])?\+?(?:次|个|人|条)?$")
_NUM_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$")
_DUR_UNITS_RE = re.compile(
    r"^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h|hr|hours?))?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|m|min|mins|minutes?))?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|sec|secs|seconds?))?$",
    re.IGNORECASE,
)
_DT_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?)?\s*[秒分]?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_SPACE_RE = re.compile(r"\s")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TRUE = frozenset({"是", "true", "yes", "y", "1", "on", "已认证", "对", "✓", "√"})
_FALSE = frozenset({"否", "false", "no", "n", "0", "off", "未认证", "错", "✗", "×"})
_EXCEL_EPOCH = datetime(1899, 12, 30)

COUNT_MAX = 10**15
"""Largest count or amount a cell may hold: a 23-digit count is a broken file, and SQLite's
integers end at 9.2e18 (a larger one raised OverflowError and aborted the whole file)."""
DIGITS_MAX = 20
"""Longest run of digits parsed at all (a 5,000-digit number is refused before any work)."""
DURATION_MAX = 30 * 86_400.0
"""Longest duration in seconds (30 days): `99999999999999分20秒` is not a watch time."""
YEAR_MIN, YEAR_MAX = 2000, 2100
"""Dates outside these years are refused: Douyin began in 2016; year 1 or 1900 is a broken
cell (year 1 also overflowed the local-time conversion)."""


def cacheable(parse: Any) -> Any:
    """Mark a parser as worth caching per column: costly, and cells repeat (dates, rates)."""
    parse.cacheable = True
    return parse


class ParseError(ValueError):
    """A cell does not hold what its column expects; `expected` is an i18n message key."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def _clean(v: str) -> str:
    # Thousands separators (ASCII and full-width), spaces and NBSP never change a value.
    return v.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u00a0", "")


def _is_empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() in EMPTY)


def parse_signed_count(v: Any) -> int | None:
    """A whole number that may be negative (e.g. net fans): ``-12``, ``1.2万``."""
    if type(v) is int:
        return _in_range(v)
    if type(v) is str and len(v) <= DIGITS_MAX:
        try:
            return _in_range(int(v))
        except ValueError:
            pass
    if _is_empty(v):
        return None
    if isinstance(v, bool):
        raise ParseError("num.expected_count")
    if isinstance(v, float):
        if not math.isfinite(v) or abs(v - round(v)) > 1e-6:
            raise ParseError("num.expected_count")
        if abs(v) > COUNT_MAX:
            raise ParseError("num.too_large")
        return int(round(v))
    if not isinstance(v, str):
        raise ParseError("num.expected_count")
    m = _COUNT_RE.match(_clean(v))
    if not m:
        raise ParseError("num.expected_count")
    sign, digits, unit = m.groups()
    if len(digits) > DIGITS_MAX:
        raise ParseError("num.too_large")
    try:
        value = Decimal(digits) * _MULTIPLIERS.get(unit or "", 1)
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        raise ParseError("num.expected_count") from None
    if unit is None and value != value.to_integral_value():
        raise ParseError("num.expected_count")
    n = _in_range(int(value.to_integral_value()))
    return -n if sign == "-" else n


def _in_range(n: int) -> int:
    if -COUNT_MAX <= n <= COUNT_MAX:
        return n
    raise ParseError("num.too_large")


def parse_count(v: Any) -> int | None:
    """A count of something (never negative): ``12,345``, ``1.2万``, ``1.2w``, ``3亿``."""
    if type(v) is str and v.isdigit() and len(v) <= DIGITS_MAX:
        try:
            return _in_range(int(v))
        except ValueError:  # other scripts' digits ('²') pass isdigit but not int()
            pass
    n = parse_signed_count(v)
    if n is not None and n < 0:
        raise ParseError("num.expected_nonnegative")
    return n


def parse_amount(v: Any) -> float | None:
    """A non-negative number that may have decimals (an activity index, a heat score):
    ``0.85``, ``12,345.6``, ``1.2万``."""
    if _is_empty(v):
        return None
    if isinstance(v, str):
        m = _COUNT_RE.match(_clean(v))
        if not m:
            raise ParseError("num.expected_amount")
        sign, digits, unit = m.groups()
        if len(digits) > DIGITS_MAX:
            raise ParseError("num.too_large")
        x = float(Decimal(digits) * _MULTIPLIERS.get(unit or "", 1))
    else:
        sign, x = "", _number(v, "num.expected_amount")
    if x < 0 or (sign == "-" and x):
        raise ParseError("num.expected_nonnegative")
    if x > COUNT_MAX:
        raise ParseError("num.too_large")
    return x


def _number(v: Any, expected: str) -> float:
    if isinstance(v, bool):
        raise ParseError(expected)
    if isinstance(v, int | float):
        if not math.isfinite(v):
            raise ParseError(expected)
        return float(v)
    if isinstance(v, str):
        s = _clean(v)
        if _NUM_RE.match(s):
            x = float(s)
            if math.isfinite(x):
                return x
    raise ParseError(expected)


_MONEY_RE = re.compile(
    r"^([+-]?)[¥￥]?([+-]?)(\d+(?:\.\d+)?|\.\d+)(万|亿|千|[wWkK])?(?:元|块|RMB|CNY)?$"
)


def parse_money(v: Any) -> float | None:
    """An amount of yuan, to the fen: ``¥1,234.50``, ``1234.5元``, ``1.2万``, ``-50``."""
    if _is_empty(v):
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        if not math.isfinite(v):
            raise ParseError("num.expected_money")
        if abs(v) > COUNT_MAX:
            raise ParseError("num.too_large")
        return round(float(v), 2)
    if not isinstance(v, str):
        raise ParseError("num.expected_money")
    m = _MONEY_RE.match(_clean(v))
    if not m or (m.group(1) and m.group(2)):
        raise ParseError("num.expected_money")
    sign = m.group(1) or m.group(2)
    if len(m.group(3)) > DIGITS_MAX:
        raise ParseError("num.too_large")
    value = Decimal(m.group(3)) * _MULTIPLIERS.get(m.group(4) or "", 1)
    amount = float(round(value, 2))
    if amount > COUNT_MAX:
        raise ParseError("num.too_large")
    return -amount if sign == "-" else amount


@cacheable
def parse_rate(v: Any) -> float | None:
    """A rate as a fraction 0–1: ``35.2%`` → 0.352, ``0.352`` → 0.352, ``35.2`` → 0.352."""
    if _is_empty(v):
        return None
    if isinstance(v, str):
        s = _clean(v)
        if s.endswith(("%", "％")):
            x = _number(s[:-1], "num.expected_rate") / 100
        else:
            x = _number(s, "num.expected_rate")
            if x > 1:
                x /= 100
    else:
        x = _number(v, "num.expected_rate")
        if x > 1:
            x /= 100
    if not 0 <= x <= 1:
        raise ParseError("num.expected_rate")
    return round(x, 6)


@cacheable
def parse_duration(v: Any) -> float | None:
    """Seconds: ``8.5秒``, ``8.5s``, ``8.5``, ``00:08``, ``01:02:03``, ``1分20秒``."""
    if _is_empty(v):
        return None
    if isinstance(v, timedelta):
        if not 0 <= v.total_seconds() <= DURATION_MAX:
            raise ParseError("num.duration_too_long")
        return v.total_seconds()
    if isinstance(v, time):
        return v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
    if not isinstance(v, str):
        x = _number(v, "num.expected_duration")
    else:
        s = _clean(v)
        if ":" in s or "：" in s:
            parts = s.replace("：", ":").split(":")
            if len(parts) > 3 or not all(_NUM_RE.match(p) for p in parts):
                raise ParseError("num.expected_duration")
            x = 0.0
            for p in parts:
                x = x * 60 + float(p)
        elif _NUM_RE.match(s):
            x = float(s)
        else:
            m = _DUR_UNITS_RE.match(s)
            if not m or not any(m.groups()):
                raise ParseError("num.expected_duration")
            h, mi, se = (float(g) if g else 0.0 for g in m.groups())
            x = h * 3600 + mi * 60 + se
    if x < 0 or not math.isfinite(x):
        raise ParseError("num.expected_duration")
    if x > DURATION_MAX:
        raise ParseError("num.duration_too_long")
    return round(x, 3)


def _from_number(x: float) -> datetime:
    """Excel serial days (up to year 9999), unix seconds, or unix milliseconds."""
    if x >= 1e11:
        return timestamp_to_local(x / 1000)
    if x >= 1e8:
        return timestamp_to_local(x)
    if 1 <= x < 2_958_466:
        return (_EXCEL_EPOCH + timedelta(days=x)).replace(microsecond=0)
    raise ParseError("num.expected_datetime")


@cacheable
def parse_datetime(v: Any) -> datetime | None:
    """A local date-time, naive; a date alone means midnight; years 2000–2100 only."""
    if type(v) is str and len(v) in (16, 19) and v[4] == "-" and v[7] == "-" and v[10] in " T":
        try:  # the common ``2026-10-25 19:30[:00]``, parsed in C (a tenth of the time)
            dt = datetime.fromisoformat(v)
        except ValueError:
            pass  # the general path words the error
        else:
            if YEAR_MIN <= dt.year <= YEAR_MAX:
                return dt
            raise ParseError("num.date_out_of_range")
    parsed = _parse_datetime(v)
    if parsed is not None and not YEAR_MIN <= parsed.year <= YEAR_MAX:
        raise ParseError("num.date_out_of_range")
    return parsed


def _parse_datetime(v: Any) -> datetime | None:
    if _is_empty(v):
        return None
    if type(v) is datetime:
        if not YEAR_MIN <= v.year <= YEAR_MAX:
            raise ParseError("num.date_out_of_range")
        return v.replace(tzinfo=None) if v.tzinfo is None else aware_to_local(v)
    if type(v) is date:
        return datetime(v.year, v.month, v.day)
    if isinstance(v, bool):
        raise ParseError("num.expected_datetime")
    try:
        if isinstance(v, int | float):
            if not math.isfinite(v):
                raise ParseError("num.expected_datetime")
            return _from_number(float(v))
        if not isinstance(v, str):
            raise ParseError("num.expected_datetime")
        s = v.strip()
        m = _DT_RE.match(s)
        if m:
            y, mo, d, hh, mm, ss, tz = m.groups()
            if not YEAR_MIN <= int(y) <= YEAR_MAX:
                raise ParseError("num.date_out_of_range")
            dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
            if tz:
                dt = datetime.fromisoformat(f"{dt.isoformat()}{'+00:00' if tz == 'Z' else tz}")
                dt = aware_to_local(dt)
            return dt
        m = _COMPACT_DATE_RE.match(s)
        if m:
            return datetime(int(m[1]), int(m[2]), int(m[3]))
        if _NUM_RE.match(s) and len(s) <= 40:
            return _from_number(float(s))
    except (ValueError, OverflowError, OSError) as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError("num.expected_datetime") from None
    raise ParseError("num.expected_datetime")


@cacheable
def parse_date(v: Any) -> date | None:
    """A calendar date (a time of day, if given, is dropped)."""
    try:
        dt = parse_datetime(v)
    except ParseError as exc:
        if exc.expected == "num.date_out_of_range":
            raise
        raise ParseError("num.expected_date") from None
    return None if dt is None else dt.date()


@cacheable
def parse_bool(v: Any) -> bool | None:
    """是/否, yes/no, true/false, 1/0, on/off."""
    if _is_empty(v):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float) and v in (0, 1):
        return bool(v)
    if isinstance(v, str):
        s = v.strip().lower()
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
    raise ParseError("num.expected_bool")


TEXT_MAX = 5_000
"""Longest text a cell may hold; a longer one is almost surely a broken file, not a title."""


def parse_text(v: Any, max_len: int = TEXT_MAX) -> str | None:
    """Text with surrounding whitespace removed; numbers from XLSX become their plain digits."""
    if type(v) is str:
        s = v.strip()
        if len(s) > max_len:
            raise ParseError("num.expected_short_text")
        if "\x00" in s:  # SQLite and C readers would cut the text here
            raise ParseError("num.nul_in_text")
        return s or None
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = v.isoformat(sep=" ") if isinstance(v, datetime) else str(v).strip()
    if not s:
        return None
    if len(s) > max_len:
        raise ParseError("num.expected_short_text")
    return s


ID_MAX = 256
"""Longest platform id: the Open Platform's encrypted item_id is about 90 characters."""
_ID_RE = re.compile(r"^[!-~]{1,256}$")
"""Printable ASCII without spaces: ids are opaque (``/``, ``+``, ``=``, ``@``, ``.`` occur)."""


def parse_id(v: Any) -> str | None:
    """A platform id such as a Douyin item_id: opaque, at most `ID_MAX` printable ASCII
    characters, kept exactly as written (case and punctuation matter); digits from XLSX lose
    any ``.0``; ``-`` is none."""
    if type(v) is str and v.isascii() and v.isalnum() and len(v) <= ID_MAX and v not in EMPTY:
        return v  # the common case: plain letters and digits
    return _parse_id(v)


def _parse_id(v: Any) -> str | None:
    if v is None or (isinstance(v, str) and v.strip() in EMPTY):
        return None
    if isinstance(v, bool):
        raise ParseError("num.expected_id")
    if isinstance(v, float):
        if not v.is_integer():
            raise ParseError("num.expected_id")
        v = int(v)
    s = v.strip() if isinstance(v, str) else str(v) if isinstance(v, int) else None
    if s is None or not _ID_RE.match(s):
        raise ParseError("num.expected_id")
    return s
