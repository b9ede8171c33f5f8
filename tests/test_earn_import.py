"""Importing and exporting the Earn tables: detection, idempotence, bad rows, round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from creatorctl.importers.kinds.earn_products import parse_reasons
from creatorctl.importers.kinds.earn_tasks import parse_source
from creatorctl.importers.numbers import ParseError, parse_money
from creatorctl.store import Store
from tests.import_helpers import cli, rows, write_csv

EXAMPLES = Path(__file__).parent.parent / "examples"
BRAND_HEADER = ["任务ID", "品牌", "任务名称", "行业", "任务要求", "佣金", "粉丝门槛", "截止日期"]
SALES_HEADER = ["商品名称", "店铺", "日期", "销量", "成交金额", "佣金收入", "退货件数", "退货原因"]
TASK_HEADER = ["任务话题", "任务名称", "播放量门槛", "奖励", "开始时间", "结束时间", "任务规则"]
EARN_HEADER = ["日期", "收入来源", "金额", "流水号", "备注"]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("¥1,234.50", 1234.5),
        ("1234.5元", 1234.5),
        ("1.2万", 12000.0),
        ("￥800", 800.0),
        ("-50", -50.0),
        ("¥-50", -50.0),
        (12, 12.0),
        (3.456, 3.46),
        ("", None),
        ("-", None),
    ],
)
def test_parse_money(cell: object, value: float | None) -> None:
    assert parse_money(cell) == value


@pytest.mark.parametrize("cell", ["abc", "1.2.3", "¥", "--5", "nan", float("inf"), True])
def test_parse_money_refuses(cell: object) -> None:
    with pytest.raises(ParseError, match="num.expected_money"):
        parse_money(cell)


def test_parse_reasons() -> None:
    assert parse_reasons("包装破损:3;发货太慢") == {"包装破损": 3, "发货太慢": 1}
    assert parse_reasons("包装破损 2、质量问题×1,包装破损：1") == {"包装破损": 3, "质量问题": 1}
    assert parse_reasons("") is None
    with pytest.raises(ParseError):
        parse_reasons("x" * 60)


def test_parse_source() -> None:
    assert [parse_source(s) for s in ("商单", "带货", "全民任务", "Brand", "tasks")] == [
        "brand",
        "selling",
        "tasks",
        "brand",
        "tasks",
    ]
    with pytest.raises(ParseError, match="earn.imp.bad_source"):
        parse_source("红包")


def _export(tmp_path: Path, name: str, fmt: str = "csv") -> str:
    path = tmp_path / f"{name}.out.{fmt}"
    code, _out, err = cli("export", name, "--format", fmt, "-o", str(path))
    assert code == 0, err
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("example", "kind", "table", "n"),
    [
        ("brand_tasks.csv", "Xingtu brand tasks", "brandtask", 3),
        ("products.csv", "shop-window products", "product", 3),
        ("platform_tasks.csv", "platform tasks", "platformtask", 2),
        ("earnings.csv", "earnings", "earning", 3),
    ],
)
def test_examples_import_once(
    import_store: Store, example: str, kind: str, table: str, n: int
) -> None:
    code, out, err = cli("import", str(EXAMPLES / example))
    assert code == 0, err
    assert f"{kind}: added {n}, updated 0, unchanged 0, skipped 0" in out
    code, out, _ = cli("import", str(EXAMPLES / example))
    assert f"added 0, updated 0, unchanged {n}" in out
    assert rows(import_store, f"SELECT count(*) FROM {table}") == [(n,)]


@pytest.mark.parametrize(
    ("name", "example"),
    [
        ("brand_tasks", "brand_tasks.csv"),
        ("products", "products.csv"),
        ("product_sales", "product_sales.csv"),
        ("platform_tasks", "platform_tasks.csv"),
        ("earnings", "earnings.csv"),
    ],
)
def test_exports_read_back_unchanged(
    import_store: Store, tmp_path: Path, name: str, example: str
) -> None:
    if name == "product_sales":
        cli("import", str(EXAMPLES / "products.csv"))
    assert cli("import", str(EXAMPLES / example))[0] == 0
    exported = list(csv.reader(io.StringIO(_export(tmp_path, name))))
    assert len(exported) > 1
    f = write_csv(tmp_path / f"{name}-export.csv", exported)
    code, out, err = cli("import", str(f))
    assert code == 0, err
    assert f"added 0, updated 0, unchanged {len(exported) - 1}" in out
    assert _export(tmp_path, name, "json").lstrip().startswith("[")


def test_brand_reimport_updates_terms_not_progress(import_store: Store, tmp_path: Path) -> None:
    first = [
        "XT1",
        "水光肌研所",
        "推广某款平价面膜",
        "美妆",
        "上脸效果",
        "3000",
        "1万",
        "2026-12-20",
    ]
    f = write_csv(tmp_path / "b.csv", [BRAND_HEADER, first])
    cli("import", str(f))
    with import_store.write() as conn:
        conn.exec_driver_sql("UPDATE brandtask SET state='accepted'")
    f = write_csv(tmp_path / "b.csv", [BRAND_HEADER, [*first[:5], "3500", "1万", "2026-12-20"]])
    code, out, _ = cli("import", str(f))
    assert "added 0, updated 1, unchanged 0" in out
    assert rows(import_store, "SELECT commission, min_fans, state FROM brandtask") == [
        (3500.0, 10000, "accepted")
    ]


def test_brand_tasks_english_headers_without_ids(import_store: Store, tmp_path: Path) -> None:
    header = ["Brand", "Task", "Category", "Fee", "Min fans", "Deadline"]
    f = write_csv(
        tmp_path / "en.csv",
        [header, ["Acme", "Unboxing", "3C", "¥1,000", "5k", "2026-12-01"],
         ["Acme", "Unboxing", "3C", "¥1,200", "5k", "2026-12-01"]],
    )  # fmt: skip
    code, out, err = cli("import", str(f))
    assert code == 0, err
    assert "added 1, updated 1" in out  # the same brand + title twice in one file
    assert rows(import_store, "SELECT brand, commission, min_fans FROM brandtask") == [
        ("Acme", 1200.0, 5000)
    ]


def test_sales_add_unknown_products_and_keep_reasons(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "s.csv",
        [SALES_HEADER, ["新款猫抓板", "", "2026-11-25", "20", "¥600", "120", "3",
                        "包装破损:2;发货太慢:1"]],
    )  # fmt: skip
    assert cli("import", str(f))[0] == 0
    # Priced from the sale (¥600 for 20, ¥120 commission) until the shop window says more.
    assert rows(import_store, "SELECT name, shop, price, commission_rate FROM product") == [
        ("新款猫抓板", "", 30.0, 0.2)
    ]
    assert rows(
        import_store, "SELECT reason, count FROM productreturnreason ORDER BY count DESC"
    ) == [("包装破损", 2), ("发货太慢", 1)]


def test_sales_derive_gmv_and_commission_from_the_product(
    import_store: Store, tmp_path: Path
) -> None:
    cli("import", str(EXAMPLES / "products.csv"))
    f = write_csv(tmp_path / "s.csv", [SALES_HEADER, ["逗猫棒套装", "爪爪乐园", "2026-11-25",
                                                      "10", "", "", "0", ""]])  # fmt: skip
    assert cli("import", str(f))[0] == 0
    assert rows(import_store, "SELECT gmv, commission FROM productsale") == [(199.0, 59.7)]


@pytest.mark.parametrize(
    ("cells", "needles"),
    [
        (["A", "", "2026-11-25", "5", "", "", "6", ""], ("退货件数", "more returns than units")),
        (["A", "", "2026-11-25", "5", "", "", "1", "包装破损:2"], ("退货原因", "reasons count")),
        (["A", "", "2026-11-25", "5", "很多", "", "0", ""], ("成交金额", "expected an amount")),
        (["A", "", "昨天", "5", "", "", "0", ""], ("日期", "expected a date")),
    ],
)
def test_bad_sales_rows_reject_the_file(
    import_store: Store, tmp_path: Path, cells: list[str], needles: tuple[str, ...]
) -> None:
    good = ["B", "", "2026-11-25", "5", "", "", "0", ""]
    f = write_csv(tmp_path / "bad.csv", [SALES_HEADER, good, cells])
    code, out, err = cli("import", str(f))
    assert code == 1 and out == ""
    assert "bad.csv" in err and "row 3" in err
    for needle in needles:
        assert needle in err
    assert rows(import_store, "SELECT count(*) FROM productsale") == [(0,)]
    code, out, _ = cli("import", "--skip-bad-rows", str(f))
    assert code == 0 and "added 1" in out and "skipped 1" in out


def test_platform_task_bare_end_date_is_the_whole_day(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "t.csv",
        [TASK_HEADER, ["春日好时光", "", "1万", "300", "2026-03-20", "2026-04-20", ""]],
    )
    assert cli("import", str(f))[0] == 0
    out = _export(tmp_path, "platform_tasks")
    assert "#春日好时光" in out
    assert "2026-03-20 00:00:00,2026-04-20 23:59:59" in out


@pytest.mark.parametrize(
    ("cells", "needle"),
    [
        (["春日 好时光", "", "1万", "300", "2026-03-20", "2026-04-20", ""], "not a topic"),
        (["春日好时光", "", "1万", "300", "2026-04-20", "2026-03-20", ""], "ends before"),
        (["春日好时光", "", "", "300", "2026-03-20", "2026-04-20", ""], "播放量门槛"),
    ],
)
def test_bad_platform_tasks(
    import_store: Store, tmp_path: Path, cells: list[str], needle: str
) -> None:
    f = write_csv(tmp_path / "t.csv", [TASK_HEADER, cells])
    code, _out, err = cli("import", str(f))
    assert code == 1 and needle in err and err.count("\n") >= 1
    assert rows(import_store, "SELECT count(*) FROM platformtask") == [(0,)]


def test_earnings_without_ref_are_idempotent(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "e.csv",
        [EARN_HEADER, ["2026-11-21", "带货", "1.2万", "", "十一月"],
         ["2026-11-22", "全民任务", "300", "", ""]],
    )  # fmt: skip
    assert "added 2" in cli("import", str(f))[1]
    assert "unchanged 2" in cli("import", str(f))[1]
    assert rows(import_store, "SELECT source, amount FROM earning ORDER BY day") == [
        ("selling", 12000.0),
        ("tasks", 300.0),
    ]


def test_bad_earning_source(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "e.csv", [EARN_HEADER, ["2026-11-21", "红包", "10", "", ""]])
    code, _out, err = cli("import", str(f))
    assert code == 1 and "收入来源" in err and "brand, selling or tasks" in err


def test_every_earn_table_is_exportable(import_store: Store) -> None:
    code, _out, err = cli("export", "nothing")
    assert code == 1
    for name in ("brand_tasks", "products", "product_sales", "platform_tasks", "earnings"):
        assert name in err


def test_a_bare_shopping_list_is_not_a_shop_window(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "list.csv", [["商品", "价格"], ["苹果", 3]])
    code, out, err = cli("import", str(f))
    assert code == 1 and out == ""
    assert "--kind" in err and "missing column" not in err
    assert rows(import_store, "SELECT count(*) FROM product") == [(0,)]
    code, out, err = cli("import", "--kind", "products", str(f))
    assert code == 0, err
    assert "added 1" in out
