"""`creatorctl import` from the command line: summaries, and every way input can be bad.

Each bad input gives exit 1 (2 for usage), one line per problem naming the file, no traceback,
and leaves the store as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from creatorctl.store import Store
from tests.import_helpers import WORKS_HEADER, cli, rows, works_row, write_csv, write_xlsx


def _refused(code: int, out: str, err: str, *needles: str, exit_code: int = 1) -> list[str]:
    assert code == exit_code, (out, err)
    assert "Traceback" not in err + out
    lines = err.strip().splitlines()
    for needle in needles:
        assert needle in err, err
    return lines


def _nothing_written(store: Store) -> None:
    assert rows(store, "SELECT count(*) FROM work") == [(0,)]
    assert rows(store, "SELECT count(*) FROM worksnapshot") == [(0,)]
    assert rows(store, "SELECT count(*) FROM accountdaily") == [(0,)]


def test_summary_and_idempotence(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "作品列表导出_20261025.csv", [WORKS_HEADER, works_row("A"), works_row("B")]
    )
    code, out, _err = cli("import", str(f))
    assert code == 0
    assert out.strip() == (
        "作品列表导出_20261025.csv → works export, snapshot 2026-10-25: "
        "added 2, updated 0, unchanged 0, skipped 0"
    )
    code, out, _err = cli("import", str(f))
    assert "added 0, updated 0, unchanged 2" in out
    code, out, _err = cli("import", str(f), lang="zh")
    assert "新增 0,更新 0,未变 2,跳过 0" in out


def test_unknown_kind_lists_kinds(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "a.csv", [WORKS_HEADER, works_row("A")])
    lines = _refused(*cli("import", "--kind", "bogus", str(f)), "bogus", "daily", "videos", "works")
    assert len(lines) == 1
    _nothing_written(import_store)


def test_missing_column_names_it_and_the_file(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "miss.csv", [["作品名称", "播放量", "点赞量"], ["A", 1, 2]])
    lines = _refused(*cli("import", str(f)), "miss.csv", "发布时间")
    assert len(lines) == 1


def test_forced_kind_missing_column(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "d.csv", [["播放量", "点赞量"], [1, 2]])
    _refused(*cli("import", "--kind", "daily", str(f)), "d.csv", "日期")


def test_bad_cell_names_file_row_column_value(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "bad.csv", [WORKS_HEADER, works_row("A"), works_row("B", "很多")])
    lines = _refused(
        *cli("import", str(f)), "bad.csv", "row 3", "播放量", "'很多'", "expected a count"
    )
    assert len(lines) == 1
    _nothing_written(import_store)


def test_skip_bad_rows_writes_the_good(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "bad.csv", [WORKS_HEADER, works_row("A"), works_row("B", "很多")])
    code, out, _err = cli("import", "--skip-bad-rows", str(f))
    assert code == 0
    assert "added 1, updated 0, unchanged 0, skipped 1" in out
    assert "skipped 1 row(s): 播放量: expected a count" in out
    assert "bad.csv: row 3, column 播放量" in out
    assert rows(import_store, "SELECT title FROM work") == [("A",)]


def test_dry_run(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "a.csv", [WORKS_HEADER, works_row("A")])
    code, out, _err = cli("import", "--dry-run", str(f))
    assert (code, "added 1" in out, "dry run" in out) == (0, True, True)
    _nothing_written(import_store)


def test_empty_file(import_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "empty.csv"
    f.write_bytes(b"")
    assert len(_refused(*cli("import", str(f)), "empty.csv", "empty")) == 1


def test_header_only_file_imports_nothing(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "header.csv", [WORKS_HEADER])
    code, out, _err = cli("import", str(f))
    assert code == 0
    assert "added 0, updated 0, unchanged 0, skipped 0" in out
    _nothing_written(import_store)


def test_truncated_xlsx(import_store: Store, tmp_path: Path) -> None:
    whole = write_xlsx(
        tmp_path / "whole.xlsx", [WORKS_HEADER] + [works_row(f"W{i}") for i in range(500)]
    )
    data = whole.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    lines = _refused(*cli("import", str(cut)), "cut.xlsx", "damaged or incomplete")
    assert len(lines) == 1
    _nothing_written(import_store)


def test_binary_file(import_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "photo.csv"
    f.write_bytes(bytes(range(256)) * 64)
    assert len(_refused(*cli("import", str(f)), "photo.csv", "not a CSV, XLSX or JSON")) == 1


def test_old_xls(import_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "old.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _refused(*cli("import", str(f)), "old.xls", ".xlsx")


def test_one_megabyte_cell(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "huge.csv", [WORKS_HEADER, works_row("标" * 1_048_576)])
    lines = _refused(*cli("import", str(f)), "huge.csv", "row 2", "作品名称", "1,048,576 chars")
    assert len(lines) == 1 and len(lines[0]) < 300


def test_date_in_the_future(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "f.csv", [WORKS_HEADER, works_row("A", when="2030-01-01 08:00")])
    _refused(*cli("import", str(f)), "f.csv", "row 2", "发布时间", "future")
    g = write_csv(tmp_path / "g.csv", [WORKS_HEADER, works_row("A")])
    _refused(*cli("import", "--snapshot-date", "2030-01-01", str(g)), "2030-01-01", "future")
    _nothing_written(import_store)


def test_negative_counts(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "neg.csv", [WORKS_HEADER, works_row("A", -100)])
    _refused(*cli("import", str(f)), "neg.csv", "row 2", "播放量", "not negative")


def test_cannot_tell_the_kind(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "shopping.csv", [["水果", "重量"], ["苹果", 3]])
    _refused(*cli("import", str(f)), "shopping.csv", "--kind")


def test_bad_json(import_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "broken.json"
    f.write_text('{"data": {"list": [', encoding="utf-8")
    _refused(*cli("import", str(f)), "broken.json", "not valid JSON")


def test_many_problems_are_capped(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "bad.csv", [WORKS_HEADER] + [works_row(f"W{i}", "x") for i in range(100)]
    )
    lines = _refused(*cli("import", str(f)), "more than 20 problems")
    assert len(lines) == 21


def test_several_files_each_its_own_transaction(import_store: Store, tmp_path: Path) -> None:
    good = write_csv(tmp_path / "good.csv", [WORKS_HEADER, works_row("A")])
    bad = write_csv(tmp_path / "bad.csv", [WORKS_HEADER, works_row("B", "x")])
    daily = write_csv(
        tmp_path / "daily.csv", [["日期", "播放量", "粉丝总数"], ["2026-10-25", 5, 9]]
    )
    code, out, err = cli("import", str(good), str(bad), str(daily))
    assert code == 1
    assert "good.csv → works export" in out and "daily.csv → account daily numbers" in out
    assert "total works export: added 1" in out
    assert err.count("\n") == 1 and "bad.csv: row 2" in err
    assert rows(import_store, "SELECT title FROM work") == [("A",)]
    assert rows(import_store, "SELECT plays, fans_total FROM accountdaily") == [(5, 9)]


@pytest.mark.parametrize("target", ["/no/such/file.csv", "."])
def test_a_missing_file_is_one_line_not_usage_text(
    import_store: Store, target: str, tmp_path: Path
) -> None:
    """Issue 13: `import /nonexistent.csv` says so in one line of the UI language, exit 1."""
    good = write_csv(tmp_path / "ok.csv", [WORKS_HEADER, works_row("A")])
    before = rows(import_store, "SELECT count(*) FROM work")
    code, out, err = cli("import", str(good), target)
    assert code == 1, (out, err)
    expected = (
        f"creatorctl: no such file: {target}"
        if target != "."  # a folder is there, but is not a file (issue 10)
        else "creatorctl: .: not a regular file (a folder, FIFO or device); cannot import it"
    )
    assert err.strip().splitlines() == [expected]
    assert "Usage" not in err and "Error:" not in err
    assert rows(import_store, "SELECT count(*) FROM work") == before  # the good file waited too


@pytest.mark.parametrize(
    "args",
    [
        ["import"],
        ["import", "--snapshot-date", "25/10/2026", "x.csv"],
        ["export", "works", "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(import_store: Store, tmp_path: Path, args: list[str]) -> None:
    if "x.csv" in args:
        write_csv(tmp_path / "x.csv", [WORKS_HEADER])
        args = [str(tmp_path / "x.csv") if a == "x.csv" else a for a in args]
    code, out, err = cli(*args)
    assert code == 2
    assert "Traceback" not in out + err


def test_no_account_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_DB", str(tmp_path / "fresh.db"))
    f = write_csv(tmp_path / "a.csv", [WORKS_HEADER, works_row("A")])
    _refused(*cli("--create", "import", str(f)), "accounts add")


def test_unknown_account(import_store: Store, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "a.csv", [WORKS_HEADER, works_row("A")])
    _refused(*cli("import", "--account", "nobody", str(f)), "nobody")


def test_list_kinds(import_store: Store) -> None:
    code, out, _err = cli("import", "--list-kinds")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "作品名称, 发布时间, 播放量" in lines["works"] and "日期" in lines["daily"]
    assert "item_id" in lines["videos"]
