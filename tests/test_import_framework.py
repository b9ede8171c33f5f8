"""The framework itself: a kind added from outside, options, detection, the compiled parser."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creatorctl.errors import UserError
from creatorctl.importers import (
    Column,
    ImportContext,
    ImportRejected,
    Kind,
    KindOption,
    Row,
    RowProblem,
    date_from_name,
    import_file,
    register,
)
from creatorctl.importers.base import normalize_header, registered
from creatorctl.importers.numbers import (
    parse_count,
    parse_datetime,
    parse_id,
    parse_rate,
    parse_text,
)
from creatorctl.importers.rowparse import BadRow, parse_row, row_parser
from creatorctl.store import Store
from tests.import_helpers import account_id, write_csv

SEEN: list[tuple[dict[str, Any], list[Row]]] = []


class Comments(Kind):
    """A kind like the one issue 6 adds: a CSV or an Open Platform comment list, and --work."""

    name = "test_comments"
    label = ("测试评论", "test comments")
    columns = (
        Column("comment_id", ("评论ID", "Comment ID"), parse_id, required=True),
        Column("content", ("评论内容", "Content"), parse_text, required=True),
        Column("created_at", ("评论时间", "Time"), parse_datetime),
        Column("likes", ("点赞数", "Likes"), parse_count),
    )
    options = (KindOption("work", "The work.", metavar="ID", parse=int, required=True),)

    def json_records(self, doc: Any) -> Iterator[dict[str, Any]] | None:
        items = (doc.get("data") or {}).get("list") if isinstance(doc, dict) else None
        if not isinstance(items, list) or not items or "comment_id" not in items[0]:
            return None
        return (
            {"comment_id": c["comment_id"], "content": c["content"], "created_at": c["create_time"],
             "likes": c["digg_count"]}
            for c in items
        )  # fmt: skip

    def check(self, ctx: ImportContext, row: Row) -> None:
        if "广告" in row["content"]:
            raise RowProblem("content", "imp.future_time")

    def write(self, ctx: ImportContext, rows: Sequence[Row]) -> None:
        SEEN.append((dict(ctx.options), list(rows)))
        for row in rows:
            if row["likes"] == 0:
                ctx.skip(row["_line"], "no likes")
            else:
                ctx.added()


@pytest.fixture
def comments_kind() -> Iterator[None]:
    SEEN.clear()
    register(Comments)
    yield
    registered().pop("test_comments")


def test_a_kind_added_from_outside(
    import_store: Store, tmp_path: Path, comments_kind: None
) -> None:
    f = write_csv(tmp_path / "c.csv", [["评论ID", "评论内容", "点赞数", "评论时间"],
                                       ["c1", "好看", "1.2万", "2026-10-25 19:30"], ["c2", "一般", 0, ""]])  # fmt: skip
    acc = account_id(import_store)
    with pytest.raises(UserError, match="--work"):
        import_file(import_store, f, account_id=acc)
    r = import_file(import_store, f, account_id=acc, options={"work": "12", "other": "x"})
    assert (r.kind, r.counts.added, r.counts.skipped, r.snapshot_date) == (
        "test_comments",
        1,
        1,
        None,
    )
    options, rows = SEEN[-1]
    assert options == {"work": 12}
    assert rows[0]["likes"] == 12000 and rows[0]["_line"] == 2
    assert r.counts.reasons == {"no likes": 1}
    with pytest.raises(UserError, match="--work"):
        import_file(import_store, f, account_id=acc, options={"work": "twelve"})


def test_json_kind_and_row_problems(
    import_store: Store, tmp_path: Path, comments_kind: None
) -> None:
    doc = {"data": {"list": [
        {"comment_id": "c1", "content": "好", "create_time": 1761391800, "digg_count": 3},
        {"comment_id": "c2", "content": "广告加v", "create_time": 1761391800, "digg_count": 1},
        {"comment_id": "c3", "content": "好", "create_time": "yesterday", "digg_count": 1},
    ]}}  # fmt: skip
    f = tmp_path / "comments.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    acc = account_id(import_store)
    # The real `comments` kind reads this JSON shape too: name the test kind.
    with pytest.raises(ImportRejected) as exc:
        import_file(import_store, f, account_id=acc, kind="test_comments", options={"work": 1})
    assert [p.split(": ", 1)[1] for p in exc.value.problems] == [
        "row 2, column content: the time is in the future",
        "row 3, column created_at: expected a date and time such as 2026-10-25 19:30, got 'yesterday'",
    ]
    r = import_file(
        import_store,
        f,
        account_id=acc,
        kind="test_comments",
        options={"work": 1},
        skip_bad_rows=True,
    )
    assert (r.counts.added, r.counts.skipped) == (1, 2)


def test_detection_prefers_the_kind_matching_most_columns(
    import_store: Store, tmp_path: Path
) -> None:
    # 日期 + 播放量 would do for daily; 作品名称 + 发布时间 + 播放量 + 统计日期 is works.
    f = write_csv(tmp_path / "s.csv", [["作品名称", "发布时间", "播放量", "统计日期", "日期"],
                                       ["A", "2026-10-01 10:00", 5, "2026-10-02", "2026-10-02"]])  # fmt: skip
    assert import_file(import_store, f, account_id=account_id(import_store)).kind == "works"


def test_header_found_below_twenty_rows_is_not_searched(
    import_store: Store, tmp_path: Path
) -> None:
    rows = [["说明"]] * 20 + [["日期", "播放量"], ["2026-10-01", 5]]
    f = write_csv(tmp_path / "deep.csv", rows)
    with pytest.raises(UserError, match="cannot tell"):
        import_file(import_store, f, account_id=account_id(import_store))


@pytest.mark.parametrize(
    ("header", "normal"),
    [("播放量(次)", "播放量"), ("平均播放时长（秒）", "平均播放时长"), ("Play count", "playcount"),
     ("play_count", "playcount"), ("\ufeff作品名称 ", "作品名称"), ("5s 完播率", "5s完播率")],
)  # fmt: skip
def test_normalize_header(header: str, normal: str) -> None:
    assert normalize_header(header) == normal


@pytest.mark.parametrize(
    ("name", "day"),
    [("作品列表导出_20261025.xlsx", date(2026, 10, 25)), ("videos-2026-10-25.json", date(2026, 10, 25)),
     ("数据_20261001-20261025.csv", date(2026, 10, 25)), ("2026年10月05日.csv", date(2026, 10, 5)),
     ("作品列表导出.xlsx", None), ("x_20261345.csv", None), ("id_1761391800.json", None)],
)  # fmt: skip
def test_date_from_name(name: str, day: date | None) -> None:
    assert date_from_name(Path(name)) == day


CELLS = st.sampled_from(
    ["12", "1.2万", "-", "", "35%", "abc", "2026-10-25 19:30", "-3", "0.5", " 7 "]
)


@given(st.lists(CELLS, min_size=0, max_size=5))
def test_compiled_parser_agrees_with_the_loop(cells: list[str]) -> None:
    plan = [
        (0, "a", parse_count, True, "A", None),
        (1, "b", parse_rate, False, "B", {}),
        (3, "c", parse_datetime, False, "C", {}),
        (4, "d", parse_text, False, "D", None),
    ]
    defaults: Row = {"a": None, "b": None, "c": None, "d": None, "e": None}

    def outcome(f: Any) -> Any:
        try:
            return f(7, cells)
        except BadRow as exc:
            return exc.problem

    fast = row_parser("f.csv", plan, defaults)  # type: ignore[arg-type]
    assert outcome(fast) == outcome(lambda line, c: parse_row("f.csv", plan, defaults, line, c))  # type: ignore[arg-type]


def test_kind_options_become_cli_options(comments_kind: None) -> None:
    import click

    from creatorctl.cli.data import _with_kind_options

    @click.command()
    @_with_kind_options
    def cmd(**kwargs: Any) -> None:
        """A stand-in for `import`."""

    options = {p.name: p for p in cmd.params}
    assert "kind_opt_work" in options
    assert options["kind_opt_work"].opts == ["--work"]
