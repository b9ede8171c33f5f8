"""Issue 10 §2: strangers' text reaches the terminal only cleaned, never as markup.

The hostile fixture (tests/hostile_text.py) goes in through the real importers; every CLI
listing then exits 0, prints no ESC (0x1b) and no C1 CSI (0x9b) byte, no bidi control, and shows
`[/]` literally. `--json` keeps the text exact (C1 and bidi as \\u escapes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile_text import HOSTILE, LONG_LINE, load_hostile_store
from tests.import_helpers import cli

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def _assert_inert(out: str, what: str) -> None:
    raw = out.encode("utf-8")
    assert b"\x1b" not in raw, what
    assert "\x9b" not in out and "\x9d" not in out and "\x07" not in out, what
    assert not any(c in out for c in BIDI), what
    assert "\x08" not in out and "\r" not in out, what


@pytest.fixture
def hostile(import_db: str, tmp_path: Path) -> str:
    load_hostile_store(tmp_path, import_db)
    return import_db


LISTINGS = [
    ("works", "list"),
    ("works", "list", "--limit", "100"),
    ("works", "show", "1"),
    ("works", "show", "8"),
    ("comments", "list"),
    ("messages", "list"),
    ("messages", "show", "1"),
    ("messages", "show", "8"),
    ("groups", "list"),
    ("groups", "members", "1"),
    ("groups", "members", "8"),
    ("report",),
    ("insights",),
    ("accounts", "list"),
    ("drafts", "list"),
    ("drafts", "show", "1"),
]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_listing_prints_no_escape_and_no_markup(hostile: str, args: tuple[str, ...]) -> None:
    code, out, err = cli(*args)
    assert code == 0, err
    _assert_inert(out + err, " ".join(args))
    assert "Traceback" not in out + err


def test_markup_shows_literally_and_escapes_as_pictures(hostile: str) -> None:
    code, out, err = cli("comments", "list", "--limit", "100")
    assert code == 0, err
    assert "[/]" in out and "[bold]b[/bold]" in out  # not parsed, not swallowed
    assert "␛]52;c;" in out  # the OSC 52 is visible as text, inert
    assert "\ufffd2J" in out  # the one-byte CSI became a replacement character
    assert "😀" in out and "宽字符" in out


def test_trash_lists_deleted_hostile_items(hostile: str) -> None:
    code, out, err = cli("works", "delete", "8", "--yes")
    assert code == 0, err
    code, out, err = cli("comments", "delete", "8")
    assert code == 0, err
    code, out, err = cli("trash", "list")
    assert code == 0, err
    _assert_inert(out + err, "trash list")
    assert "[/]" in out


def test_json_keeps_the_text_exact(hostile: str) -> None:
    code, out, err = cli("comments", "list", "--limit", "100", "--json")
    assert code == 0, err
    assert b"\x1b" not in out.encode() and "\x9b" not in out
    texts = {c["content"] for c in json.loads(out)}
    assert set(HOSTILE) - {HOSTILE[9]} | {LONG_LINE} <= texts
    code, out, err = cli("works", "list", "--limit", "100", "--json")
    assert {w["title"] for w in json.loads(out)} >= {HOSTILE[0], HOSTILE[5], HOSTILE[8]}


def test_the_store_keeps_the_original(hostile: str, import_store) -> None:  # type: ignore[no-untyped-def]
    from tests.import_helpers import rows

    contents = {r[0] for r in rows(import_store, "SELECT content FROM comment")}
    assert HOSTILE[3] in contents and HOSTILE[5] in contents and HOSTILE[8] in contents
