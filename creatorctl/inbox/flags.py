"""Spam, ad and abuse flags for comments: links, phone numbers, WeChat handles, a word list.

Flags are computed when a comment is stored (demo, import, reply) and kept in `comment.flags`
as space-separated names, so listing and bulk deletion never re-run the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

LINK_RE = re.compile(
    r"(https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|cn|net|cc|top|xyz|vip|shop|club|me|io)\b",
    re.IGNORECASE,
)
# Mainland mobile numbers, also written with spaces or dashes (138 1234 5678, 138-1234-5678).
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
# Ways people write "add me on WeChat" to slip past filters: 加v, ➕V, vx, wx, 薇信, V信, 威❤ …
WECHAT_RE = re.compile(
    r"(?:加|➕|\+|＋)\s*(?:v|V|ｖ|Ｖ|微|薇|威|wx|WX)"
    r"|(?<![a-z])(?:v\s*x|w\s*x|ｖｘ|ｗｘ)(?![a-z])"
    r"|[微薇威]\s*[信❤♥]|[vV]\s*信|扣扣|(?<![a-z])qq\s*[:：号]",
    re.IGNORECASE,
)


# A character or a run every rule needs (a link a '.' or ':', a phone number its first seven
# digits, a WeChat handle 加/+/v/w/微/薇/威/扣/q): most comments have none and are clean at once.
_QUICK = r"[.:加➕+＋vwｖｗ微薇威扣q]|1[3-9]\d[ -]?\d{4}"


@lru_cache(maxsize=8)
def _quick_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """What a text (lowercased) must contain to earn any flag: the rules' cue or a word."""
    parts = [_QUICK] + [re.escape(w) for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=8)
def _lowered(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words if w)


@lru_cache(maxsize=8)
def _any_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every rule: most comments are clean and pass with a single search."""
    parts = [LINK_RE.pattern, PHONE_RE.pattern, WECHAT_RE.pattern]
    parts += [re.escape(w) for w in words if w]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def comment_flags(text: str, words: Sequence[str] = ()) -> str:
    """The flags `text` earns, space-separated in a fixed order ('' when clean)."""
    key = words if type(words) is tuple else tuple(words)
    if not _quick_re(_lowered(key)).search(text.lower()):
        return ""
    return _all_flags(text, key)


def _has_word(text: str, words: Sequence[str]) -> bool:
    low = text.lower()
    return any(w in low for w in _lowered(tuple(words)))


def _all_flags(text: str, words: Sequence[str]) -> str:
    if not _any_re(tuple(words)).search(text):
        return ""
    found: list[str] = []
    if LINK_RE.search(text):
        found.append("link")
    if PHONE_RE.search(text):
        found.append("phone")
    if WECHAT_RE.search(text):
        found.append("wechat")
    if words and _has_word(text, words):
        found.append("word")
    return " ".join(found)


def parse_flags(flags: str) -> tuple[str, ...]:
    return tuple(f for f in flags.split() if f)
