"""How settling an `unknown` (待确认) post looks (small demo, seed 7, clock frozen, zh)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers import settle

LOST = (
    "结果未知:进程 4242(box)在钩子运行中退出;钩子 pid 4243,2026-11-25 20:00:01 开始。"
    "请到抖音确认后用 drafts resolve 处理"
)


def _make_one_unknown(db: Path) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "UPDATE draft SET state='unknown', last_error=? WHERE id = "
            "(SELECT id FROM draft WHERE state='missed' ORDER BY id LIMIT 1)",
            (LOST,),
        )
    con.close()


class TestResolveLook:
    """The dialog `r` opens on the unknown post (listed first in Drafts): which process, host,
    hook pid and start time it was (wrapped, nothing cut off), an item_id field, and the two
    answers 已发布 / 重新发布."""

    def test_resolve_dialog(self, snap_compare, demo_db: Path, app_factory) -> None:  # type: ignore[no-untyped-def]
        _make_one_unknown(demo_db)

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await settle(pilot, pilot.app)
            await pilot.press("2")
            await settle(pilot, pilot.app)
            await pilot.press("r")
            await settle(pilot, pilot.app)

        assert snap_compare(app_factory(demo_db), terminal_size=(80, 24), run_before=run_before)
