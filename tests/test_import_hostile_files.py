"""Issue 10 §5: hostile and odd files. Each is one clear line naming the file (and the row and
column where there is one), exit 1, nothing written, memory bounded; a FIFO, a device or a
folder is refused at once instead of hanging or reading forever."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

import pytest

from creatorctl.errors import UserError
from creatorctl.importers.readers import FileProblem, open_file
from creatorctl.store import Store
from tests.import_helpers import WORKS_HEADER, cli, rows, works_row, write_csv, write_xlsx


def _refused(path: Path, *args: str) -> str:
    code, out, err = cli("import", str(path), *args)
    assert code == 1, (out, err)
    lines = err.strip().splitlines()
    assert lines and all(str(path) in line for line in lines), err
    assert "Traceback" not in out + err and "Error:" not in err, err
    return err


def _works(store: Store) -> int:
    return rows(store, "SELECT count(*) FROM work")[0][0]


def _works_csv(tmp_path: Path, name: str, **cells: str) -> Path:
    row = works_row("好视频", item="7001")
    for header, value in cells.items():
        row[WORKS_HEADER.index(header)] = value
    return write_csv(tmp_path / name, [WORKS_HEADER, works_row("另一个", item="7002"), row])


@pytest.mark.parametrize(
    ("header", "value", "why"),
    [
        ("播放量", "12345678901234567890123", "number this large"),  # OverflowError before
        ("播放量", "9" * 5000, "number this large"),  # ValueError (int digits limit) before
        ("点赞量", "1" * 30 + "万", "number this large"),
        ("发布时间", "0001-01-01 00:00", "between the years 2000 and 2100"),  # ValueError before
        ("发布时间", "1900-01-01 10:00", "between the years 2000 and 2100"),  # accepted before
        ("平均播放时长", "99999999999999分20秒", "at most 30 days"),  # accepted before
        ("平均播放时长", "1e400", "duration"),
    ],
    ids=["23-digit", "5000-digit", "30-digit-wan", "year-1", "year-1900", "huge-duration", "1e400"],
)
def test_bad_cell_is_one_line_naming_row_and_column(
    import_store: Store, tmp_path: Path, header: str, value: str, why: str
) -> None:
    path = _works_csv(tmp_path, "bad.csv", **{header: value})
    err = _refused(path)
    assert "row 3" in err and header in err and why in err
    assert _works(import_store) == 0


def test_nul_inside_a_text_cell(import_store: Store, tmp_path: Path) -> None:
    """A NUL in a text cell (JSON's \\u0000, or a CSV byte past the sniffed first megabyte) is a
    bad cell naming row and column; before, the text was silently cut at the NUL."""
    import json

    records = [dict(zip(WORKS_HEADER, works_row(f"视频 {i}", item=f"80{i}"), strict=True))
               for i in range(3)]  # fmt: skip
    records[2]["作品名称"] = "标题\x00后半截"
    path = tmp_path / "nul.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    err = _refused(path)
    assert "row 3" in err and "作品名称" in err and "NUL" in err
    good = [works_row(f"普通的视频标题 {i}" + "长" * 100, item=f"80{i}") for i in range(3000)]
    bad = works_row("标题\x00后半截", item="7001")
    big = write_csv(tmp_path / "nul.csv", [WORKS_HEADER, *good, bad])
    assert big.stat().st_size > 1 << 20
    err = _refused(big)
    assert "row 3002" in err and "作品名称" in err and "NUL" in err
    assert _works(import_store) == 0


def test_skip_bad_rows_skips_a_23_digit_count(import_store: Store, tmp_path: Path) -> None:
    """OverflowError used to abort the whole file even under --skip-bad-rows."""
    path = _works_csv(tmp_path, "skip.csv", 播放量="12345678901234567890123")
    code, out, err = cli("import", str(path), "--skip-bad-rows")
    assert code == 0, err
    assert _works(import_store) == 1 and "number this large" in out


def test_json_nested_100000_deep(import_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in _refused(path)
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"item_id": "1"}\n' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "\n")
    assert "nested too deeply" in _refused(lines)
    assert _works(import_store) == 0


def test_json_with_a_5000_digit_number(import_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"data": {"list": [{"item_id": "1", "play_count": ' + "7" * 5000 + "}]}}")
    assert "not valid JSON" in _refused(path)
    assert _works(import_store) == 0


def test_csv_with_too_many_columns(import_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(WORKS_HEADER) + "\n" + "x," * 5000 + "\n")
    err = _refused(path)
    assert "row 2 has 5,001 columns" in err
    assert _works(import_store) == 0


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def _child_run(args: list[str], timeout: float) -> tuple[subprocess.CompletedProcess, int]:
    """Run the real CLI in a child; (result, peak RSS of that child in MB).

    Linux starts a child's peak RSS at its parent's (the high-water mark survives fork and
    exec), so a CLI started straight from this test worker, grown by earlier tests, would report
    the worker's size. A small Python in between is the parent whose size the CLI inherits."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(peak_file), sys.executable, "-m", "creatorctl",
             *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(os.environ, LANG="en_US.UTF-8"),
        )  # fmt: skip
        return proc, int(peak_file.read_text()) // 1024


def test_csv_line_of_millions_of_columns_is_quick_and_small(
    import_store: Store, tmp_path: Path
) -> None:
    """A 40 MB line of commas ran past 120 s; now it is refused at its first 4 M characters."""
    path = tmp_path / "commas.csv"
    with path.open("w") as fh:
        fh.write(",".join(WORKS_HEADER) + "\n")
        fh.write("," * 40_000_000 + "\n")
    proc, peak_mb = _child_run(["--lang", "en", "import", str(path)], timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1 and "line 2 is longer than" in proc.stderr
    assert peak_mb < 300, peak_mb
    assert _works(import_store) == 0


def _bomb(path: Path, shared_strings_mb: int) -> Path:
    """A real workbook whose sharedStrings.xml unpacks to `shared_strings_mb` MB."""
    good = write_xlsx(path.with_suffix(".good.xlsx"), [WORKS_HEADER, works_row("A", item="1")])
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(item, src.read(item.filename))
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>" + b"A" * (1 << 20) + b"</t></si>"
            for _ in range(shared_strings_mb):
                fh.write(chunk)
            fh.write(b"</sst>")
    return path


def test_xlsx_zip_bomb_is_refused_before_unpacking(import_store: Store, tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.xlsx", 200)
    assert path.stat().st_size < 2 * 1024 * 1024  # 200 MB of strings in under 2 MB
    proc, peak_mb = _child_run(["--lang", "en", "import", str(path)], timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "xl/sharedStrings.xml unpacks to" in proc.stderr and "zip bomb" in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert peak_mb < 300, peak_mb
    assert _works(import_store) == 0


@pytest.mark.parametrize("what", ["fifo", "folder", "device"])
def test_odd_files_are_refused_at_once(import_store: Store, tmp_path: Path, what: str) -> None:
    if what == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    elif what == "folder":
        path = tmp_path / "folder.csv"
        path.mkdir()
    else:
        path = Path("/dev/zero")
    err = _refused(path)
    assert "not a regular file" in err
    # The reader under the app's import dialog refuses too, without blocking on a FIFO.
    outcome: list[BaseException | object] = []
    worker = threading.Thread(target=lambda: outcome.append(_open(path)), daemon=True)
    worker.start()
    worker.join(5)
    assert outcome and isinstance(outcome[0], FileProblem), outcome
    assert "not a regular file" in str(outcome[0])


def _open(path: Path) -> BaseException | object:
    try:
        return open_file(path)
    except UserError as exc:
        return exc
