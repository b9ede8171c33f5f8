"""星图 brand tasks (CSV/XLSX with Chinese or English headers), one row per task.

A task is identified by its 星图 task id, else by brand + title. Re-importing updates what the
file says (fee, threshold, deadline …) and never the task's progress, which is kept locally.
"""

from __future__ import annotations

from collections.abc import Sequence

from creatorctl.importers.base import Column, ImportContext, Kind, Row, RowProblem, register
from creatorctl.importers.exports import Export, fields_of, register_export
from creatorctl.importers.numbers import parse_count, parse_date, parse_id, parse_money, parse_text

FIELDS = ("brand", "title", "category", "requirements", "commission", "min_fans", "deadline")
_COLS = ", ".join(FIELDS)


@register
class BrandTasks(Kind):
    name = "brand_tasks"
    label = ("星图商单", "Xingtu brand tasks")
    columns = (
        Column("platform_id", ("任务ID", "商单ID", "星图任务ID", "Task ID", "task_id"), parse_id),
        Column("brand", ("品牌", "品牌方", "广告主", "Brand", "Advertiser"), parse_text,
               required=True),
        Column("title", ("任务名称", "商单名称", "任务标题", "Task", "Task title"), parse_text,
               required=True),
        Column("category", ("行业", "分类", "类目", "Category", "Industry"), parse_text),
        Column("requirements", ("任务要求", "要求", "创作要求", "Requirements"), parse_text),
        Column("commission", ("佣金", "报价", "任务金额", "Commission", "Fee"), parse_money),
        Column("min_fans", ("粉丝门槛", "最低粉丝数", "粉丝要求", "Min fans", "Minimum fans"),
               parse_count),
        Column("deadline", ("截止日期", "截止时间", "Deadline", "Due"), parse_date),
    )  # fmt: skip

    def check(self, ctx: ImportContext, row: Row) -> None:
        if row["commission"] is not None and row["commission"] < 0:
            raise RowProblem("commission", "num.expected_nonnegative")

    def begin(self, ctx: ImportContext) -> None:
        # An account has hundreds of deals, not millions: index them all once per file.
        by_pid: dict[str, list] = {}
        by_name: dict[tuple[str, str], list] = {}
        for r in ctx.conn.execute(
            f"SELECT id, platform_id, {_COLS} FROM brandtask WHERE account_id = ?",
            (ctx.account_id,),
        ):
            entry = [r[0], list(r[2:])]
            if r[1] is not None:
                by_pid[r[1]] = entry
            else:
                by_name[(r[2], r[3])] = entry
        ctx.state["by_pid"], ctx.state["by_name"] = by_pid, by_name

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        conn = ctx.conn
        by_pid, by_name = ctx.state["by_pid"], ctx.state["by_name"]
        for row in rows:
            values = [
                row["brand"],
                row["title"],
                row["category"] or "",
                row["requirements"] or "",
                row["commission"] or 0.0,
                row["min_fans"] or 0,
                row["deadline"].isoformat() if row["deadline"] else None,
            ]
            pid = row["platform_id"]
            index, key = (by_pid, pid) if pid else (by_name, (values[0], values[1]))
            old = index.get(key)
            if old is None:
                new_id = conn.execute(
                    f"INSERT INTO brandtask(account_id, platform_id, {_COLS}, state) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING id",
                    [ctx.account_id, pid, *values],
                ).fetchone()[0]
                index[key] = [new_id, values]
                ctx.added()
            elif old[1] == values:
                ctx.unchanged()
            else:
                conn.execute(
                    f"UPDATE brandtask SET {', '.join(f'{f} = ?' for f in FIELDS)} WHERE id = ?",
                    [*values, old[0]],
                )
                old[1] = values
                ctx.updated()


register_export(
    Export(
        name="brand_tasks",
        label=BrandTasks.label,
        fields=fields_of(BrandTasks.columns, ("platform_id", *FIELDS)),
        sql=(
            "SELECT id, platform_id, brand, title, category, requirements, commission, min_fans, "
            "deadline, state, accepted_at, delivered_work_id, delivered_at, settled_at, "
            "settled_amount FROM brandtask WHERE account_id = ? ORDER BY id"
        ),
        local_times=("accepted_at", "delivered_at", "settled_at"),
    )
)
