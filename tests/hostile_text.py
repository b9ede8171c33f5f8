"""Strangers' text that tries to act on the terminal: the fixture of issue 10 §2.

Every escape kind a terminal acts on (CSI, OSC 0/2/52, DCS, the one-byte C1 CSI, BEL,
backspace, CR), Rich markup (a live link, bold, a stray `[/]`), bidi overrides and isolates, a
10,000-character line, emoji and wide CJK. `load_hostile_store` imports them through the real
importers as work titles and descriptions, comments and their nicknames, messages and fan
nicknames, group names and member nicknames, plus a draft title and the account's nickname.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from creatorctl.search import BIGRAM_FUNCTION, bigrams
from tests.import_helpers import WORKS_HEADER, cli, works_row

OSC52_PAYLOAD = "cm0gLXJmIH4="  # base64 of "rm -rf ~"
HOSTILE = [
    "csi \x1b[2J\x1b[H\x1b[31mred",
    "osc0 \x1b]0;PWNED-TITLE\x07",
    "osc2 \x1b]2;PWNED-TITLE\x1b\\",
    f"osc52 \x1b]52;c;{OSC52_PAYLOAD}\x07",
    "dcs \x1bP+q544e\x1b\\",
    "c1csi \x9b2J \x9d0;PWNED-TITLE\x9c",
    "bel\x07 back\x08space cr\rreturn",
    "[link=file:///etc/passwd]x[/link] [bold]b[/bold] stray [/]",
    "bidi \u202eevil\u202c \u2066iso\u2069 \u202a\u202b\u202d \u2067\u2068",
    "long " + "长" * 2500 + "x" * 2495,
    "emoji 😀👍🏽 宽字符 测试 ｆｕｌｌ",
]
"""One of each; `long` is 5,000 characters, the most an import takes (a 10,000-character line
goes in as a draft's description)."""
LONG_LINE = "十" * 5000 + "[/]" * 1000 + "y" * 2000
MARKERS = ["csi", "osc0", "osc2", "osc52", "dcs", "c1csi", "bel", "[link=", "bidi", "long", "emoji"]


_BUILT: dict[str, bytes] = {}


def load_hostile_store(tmp_path: Path, db: str) -> None:
    """Import HOSTILE into the store `db` (CREATORCTL_DB, account `me`, see `import_db`);
    the first call imports, later ones copy its result (a test session builds it once)."""
    if "db" in _BUILT:
        Path(db).write_bytes(_BUILT["db"])
        return
    _load(tmp_path)
    raw = sqlite3.connect(db)
    # The comment search triggers (migration 0010) call a function creatorctl's connections
    # register; a raw connection must register it too.
    raw.create_function(BIGRAM_FUNCTION, 2, bigrams, deterministic=True)
    raw.execute("UPDATE comment SET content = ? WHERE comment_id = 'c9'", (LONG_LINE,))
    raw.commit()
    raw.close()
    _BUILT["db"] = Path(db).read_bytes()


def _load(tmp_path: Path) -> None:
    works = [WORKS_HEADER] + [
        works_row(text, item=f"90000{i}", when=f"2026-11-{10 + i:02d} 19:30")
        for i, text in enumerate(HOSTILE)
    ]
    comments = [["评论ID", "作品ID", "用户ID", "用户昵称", "评论内容", "评论时间", "点赞数"]] + [
        [f"c{i}", f"90000{i}", f"u{i}", text[:200], text, f"2026-11-20 1{i % 10}:00", i]
        for i, text in enumerate(HOSTILE)
    ]
    messages = [["粉丝ID", "粉丝昵称", "消息内容", "时间"]] + [
        [f"f{i}", text[:200], text, f"2026-11-21 1{i % 10}:00"] for i, text in enumerate(HOSTILE)
    ]
    groups = [["粉丝群", "用户ID", "昵称", "角色"]] + [
        [text[:200], f"g{i}", text[:200], "成员"] for i, text in enumerate(HOSTILE)
    ]
    # Ordinary members, so the control characters are under the 1% that makes a file "binary".
    groups += [[HOSTILE[10], f"p{i}", "普通成员" * 20, "成员"] for i in range(60)]
    for kind, rows in (
        ("works", works),
        ("comments", comments),
        ("messages", messages),
        ("groups", groups),
    ):
        path = tmp_path / f"hostile_{kind}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)  # "\r\n" rows, so a CR in a cell is quoted
        code, out, err = cli("import", str(path), "--kind", kind)
        assert code == 0, (kind, out, err)
    code, out, err = cli("accounts", "edit", "--nickname", "\x1b]52;c;cm0=\x07[/]\u202e")
    assert code == 0, err
    code, out, err = cli("drafts", "add", "--title", "\x1b]0;PWNED-TITLE\x07[/]\x9b2J")
    assert code == 0, err
