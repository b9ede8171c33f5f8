"""User-facing text in Chinese and English.

Strings live in `creatorctl/locale/<area>.py` as `MESSAGES = {key: (zh, en)}`, so a string cannot
exist in one language only. Chinese when `LANG` (or `LC_ALL`/`LC_MESSAGES`) starts with `zh`,
else English; `--lang` overrides.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
from functools import cache

LANGS = ("zh", "en")
_lang: str | None = None
_log = logging.getLogger(__name__)


class MissingMessage(KeyError):
    """`t()` was asked for a key no locale file defines (raised only in strict mode)."""


def strict() -> bool:
    """Whether a missing message raises (tests, `CREATORCTL_STRICT_I18N=1`) rather than logs."""
    return os.environ.get("CREATORCTL_STRICT_I18N") == "1"


def detect_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Choose the language for this process (None: from the environment)."""
    global _lang
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    _lang = lang or detect_language()
    return _lang


def language() -> str:
    return _lang or set_language(None)


@cache
def catalog() -> dict[str, tuple[str, str]]:
    """Every message of every area, merged; a key defined twice is a bug."""
    from creatorctl.locale import AREAS

    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        module = importlib.import_module(f"creatorctl.locale.{area}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise KeyError(f"message {key!r} defined twice (in {area})")
            merged[key] = pair
    return merged


def t(key: str, **kwargs: object) -> str:
    """The message `key` in the current language, formatted with `kwargs`."""
    pair = catalog().get(key)
    if pair is None:
        # A missing key is a bug: loud in tests, logged (and shown as the key) for users.
        if strict():
            raise MissingMessage(key)
        _log.warning("missing message %r", key)
        return key
    text = pair[0] if language() == "zh" else pair[1]
    return text.format(**kwargs) if kwargs else text


@cache
def _templates(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Each message of `lang` as a pattern that captures its placeholders, longest first."""
    index = 0 if lang == "zh" else 1
    out: list[tuple[re.Pattern[str], str]] = []
    for key, pair in catalog().items():
        text = pair[index]
        if pair[0] == pair[1] or len(text) < 6:
            continue
        parts = re.split(r"\{(\w+)[^}]*\}", text)
        names = parts[1::2]
        literal = re.sub(r"[\s\W\d]", "", "".join(parts[0::2]))
        if len(names) != len(set(names)) or len(literal) < 6:
            continue  # mostly placeholders ("{a}: {b}") would match anything
        regex = "".join(
            re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)
        )
        out.append((re.compile(regex + r"\Z", re.S), key))
    out.sort(key=lambda item: -len(item[0].pattern))
    return out


def in_language(text: str) -> str:
    """A message stored in the other language (an error recorded while the UI was in
    Chinese), shown in the current one when it is one of ours; else as it was stored."""
    has_cjk = any("\u4e00" <= c <= "\u9fff" for c in text)
    lang = language()
    if not text or has_cjk == (lang == "zh"):
        return text
    for pattern, key in _templates("zh" if has_cjk else "en"):
        found = pattern.match(text)
        if found:
            try:
                return t(key, **found.groupdict())
            except (KeyError, ValueError, IndexError):
                continue
    return text


def fit_cells(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns with a closing '…' when it does not fit
    (CJK characters take two): 'comments' in 6 → 'comme…', never a silent 'commen'."""
    from unicodedata import east_asian_width

    def w(c: str) -> int:
        return 2 if east_asian_width(c) in "WF" else 1

    if sum(map(w, text)) <= width:
        return text
    out, used = "", 0
    for c in text:
        if used + w(c) > width - 1:
            break
        out += c
        used += w(c)
    return out + "…"


def fmt_int(n: int | float | None) -> str:
    """12345 -> '12,345'; None -> '–'."""
    if n is None:
        return "–"
    return f"{int(n):,}"


def fmt_count(n: int | float | None) -> str:
    """A compact count for narrow columns: 12,345 → '1.2万' in Chinese, '12.3k' in English."""
    if n is None:
        return "–"
    n = int(n)
    if language() == "zh":
        if abs(n) >= 100_000_000:
            return f"{n / 100_000_000:.1f}亿"
        if abs(n) >= 10_000:
            return f"{n / 10_000:.1f}万"
        return f"{n:,}"
    if abs(n) >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    if abs(n) >= 10_000:
        return f"{n / 1_000:.1f}k"
    return f"{n:,}"


def fmt_amount(x: float | None) -> str:
    """Yuan without the sign: whole amounts without decimals (4,200), others to the fen
    (1,800.50); the one rule for every table, line and message that shows money."""
    if x is None:
        return "–"
    return f"{x:,.0f}" if x == round(x) else f"{x:,.2f}"


def fmt_money(x: float | None) -> str:
    """¥4,200 / ¥1,800.50; None → '–'."""
    return "–" if x is None else "¥" + fmt_amount(x)


def fmt_pct(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x * 100:.{digits}f}%"
