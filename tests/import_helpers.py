"""Shared pieces of the import/export tests: a store with an account, files, the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner

from creatorctl.cli import main
from creatorctl.store import Store

WORKS_HEADER = [
    "作品名称", "发布时间", "体裁", "审核状态", "播放量", "完播率", "5s完播率", "封面点击率",
    "2s跳出率", "平均播放时长", "点赞量", "分享量", "评论量", "收藏量", "主页访问量", "粉丝增量",
    "作品ID",
]  # fmt: skip


def works_row(
    title: str, plays: Any = 1000, item: str = "", when: str = "2026-10-20 19:30"
) -> list:
    return [title, when, "视频", "已发布", plays, "35.2%", "60%", "8%", "20%", "8.5秒",
            100, 10, 20, 5, 30, 3, item]  # fmt: skip


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("作品列表")
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def account_id(store: Store, handle: str = "me") -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text("SELECT id FROM account WHERE handle=:h"), {"h": handle}
            ).scalar_one()
        )


def rows(store: Store, sql: str, **params: Any) -> list[tuple]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def cli(*args: str, lang: str = "en") -> tuple[int, str, str]:
    """Run the real entry point (its one-line error handling included): (exit code, out, err)."""
    runner = CliRunner()
    with runner.isolation() as (out, err, _both):
        try:
            # Like the console script: sys.exit(main()).
            rv = main(["--lang", lang, *args])
            code = rv if isinstance(rv, int) else 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue().decode(), err.getvalue().decode()
