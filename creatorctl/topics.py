"""Topics (``#话题``) in the text Douyin gives for a work, and the title shown for it.

The Creator Center export's 作品名称 holds the title, a space, then the whole caption (line
breaks and ``#话题`` included); the Open Platform's ``title`` carries ``#话题`` too. Here the
text is split into the title part, the caption (kept as the work's description) and the topics.

A topic starts at ``#`` (or the full-width ``＃``) and stops at whitespace, at the next ``#``
or ``@``, or at punctuation that cannot be in a topic; CJK, Latin letters, digits, ``_`` and
emoji are kept. Topics are stored the way `works.normalize_tag` writes them: ``#话题``.
"""

from __future__ import annotations

import re
import unicodedata

TOPIC_MAX = 30
"""Longest topic kept (as `works.TAG_MAX`); a longer run is cut there."""

# Characters a topic may hold: letters/digits/_ of any script, plus emoji and their joiners.
_EMOJI = "\u200d\ufe0f\u20e3\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff"
_TOPIC_RE = re.compile(rf"[#＃]((?:[^\W]|[{_EMOJI}])+)")
_MENTION_RE = re.compile(r"@\S+")
_SPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def find_topics(text: str | None) -> tuple[str, ...]:
    """Every ``#话题`` in `text`, in order, each once, as ``#话题``."""
    if not text:
        return ()
    out: list[str] = []
    for m in _TOPIC_RE.finditer(text):
        tag = "#" + m.group(1)[:TOPIC_MAX]
        if tag not in out:
            out.append(tag)
    return tuple(out)


def strip_topics(text: str) -> str:
    """`text` without its ``#话题`` (and the ``#`` left alone), spaces folded."""
    return _SPACE_RE.sub(" ", _TOPIC_RE.sub(" ", text).replace("#", " ").replace("＃", " ")).strip()


def split_title_topics(text: str | None) -> tuple[str, str, tuple[str, ...]]:
    """(title, description, topics) from a work's text as Douyin gives it.

    - The title is the first line without its topics (the first line that has more than
      topics, when the text starts with a line of topics alone).
    - The description is the whole text as written (caption, line breaks and topics kept)
      when it holds more than the title, else empty.
    - The topics are every ``#话题`` in the whole text, each once.
    """
    if not text or not text.strip():
        return "", "", ()
    text = text.strip()
    topics = find_topics(text)
    title = ""
    for line in text.splitlines():
        title = strip_topics(line)
        if title:
            break
    if not title:  # nothing but topics: the first topic names the work
        title = topics[0] if topics else text
    description = text if text != title else ""
    return title, description, topics


def merge_topics(stored: str | None, *groups: tuple[str, ...] | list[str]) -> str:
    """Space-separated topics (as ``work.tags`` keeps them): `stored` first, then each new
    one not already there. Re-importing the same text never duplicates a topic."""
    out = [t for t in (stored or "").split() if t]
    for group in groups:
        for tag in group:
            if tag not in out:
                out.append(tag)
    return " ".join(out)


_FOLD_RE = re.compile(r"[\W_]+")


def title_key(text: str | None) -> str:
    """A title folded for matching the same work across files: caption stripped, topics
    removed, case, width, whitespace and punctuation dropped."""
    title, _desc, _topics = split_title_topics(text)
    s = unicodedata.normalize("NFKC", strip_topics(title)).casefold()
    return _FOLD_RE.sub("", s)
