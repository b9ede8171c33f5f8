"""Reading files: CSV (encoding and delimiter found), XLSX (streamed) and JSON, row by row.

Nothing here knows about kinds: a table file becomes an iterator of (row number, cells), a JSON
document becomes a parsed object. Problems with the file itself raise `FileProblem`.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatorctl.errors import UserError
from creatorctl.i18n import t

# A 1 MB cell must reach the column parser (which rejects it with a clear message) instead of
# stopping the csv module; past this limit the file is called broken.
CSV_FIELD_LIMIT = 16 * 1024 * 1024
SAMPLE_BYTES = 1 << 20
JSON_MAX_BYTES = 512 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")
"""Tried in this order on a sample. GB18030 is a superset of GBK and GB2312, which Excel on a
Chinese Windows writes; it decodes nearly any bytes, so binary files are caught first."""

csv.field_size_limit(CSV_FIELD_LIMIT)


class FileProblem(UserError):
    """The file cannot be read at all (empty, binary, damaged, wrong encoding)."""


@dataclass
class TableFile:
    """A table's rows as they come: (row number, cells); blank rows are left out."""

    rows: Iterator[tuple[int, Sequence[Any]]]
    progress: Callable[[], tuple[int, int]]
    """(done, total) in the file's own unit (bytes or rows), for a progress bar."""
    close: Callable[[], None]
    fmt: str
    encoding: str | None = None
    scalar_cells: bool = True
    """Cells are str/number/datetime (hashable); JSON Lines may hold lists and objects."""


@dataclass
class JsonFile:
    doc: Any
    fmt: str = "json"


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample[:65536] if b < 9 or 13 < b < 32 or b == 127)
    return ctrl > max(4, len(sample[:65536]) // 100)


def _pick_encoding(sample: bytes, whole: bool) -> str | None:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for enc in ENCODINGS:
        try:
            codecs.getincrementaldecoder(enc)().decode(sample, final=whole)
        except UnicodeDecodeError:
            continue
        return enc
    return None


def open_file(path: Path) -> TableFile | JsonFile:
    """Open `path` by what it holds (not by its name): XLSX, JSON, or CSV/TSV text."""
    name = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise FileProblem(t("imp.cannot_read", file=name, why=exc.strerror)) from None
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileProblem(t("imp.empty_file", file=name))
    if sample.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(t("imp.old_xls", file=name))
    utf16 = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and _looks_binary(sample):
        raise FileProblem(t("imp.binary", file=name))
    encoding = _pick_encoding(sample, whole=size <= len(sample))
    if encoding is None:
        raise FileProblem(t("imp.binary", file=name))
    head = sample.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if head[:1] in ("{", "["):
        return _open_json(path, encoding, size)
    return _open_csv(path, encoding, size, head)


def _open_json(path: Path, encoding: str, size: int) -> JsonFile | TableFile:
    # A JSON document is parsed whole: Open Platform responses are pages of at most a few
    # hundred records. Large record streams come as JSON Lines, which are streamed.
    try:
        with path.open(encoding=encoding) as fh:
            first = fh.readline()
            rest = fh.read(1)
        if first.strip().startswith("{") and rest and _is_json(first):
            return _open_json_lines(path, encoding, size)
        if size > JSON_MAX_BYTES:
            raise FileProblem(t("imp.json_too_big", file=str(path)))
        return JsonFile(json.loads(path.read_text(encoding=encoding)))
    except UnicodeDecodeError:
        raise FileProblem(t("imp.bad_encoding", file=str(path), encoding=encoding)) from None
    except json.JSONDecodeError as exc:
        raise FileProblem(t("imp.bad_json", file=str(path), line=exc.lineno, why=exc.msg)) from None


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


JSON_LINES_HEADER_SCAN = 50
"""JSON Lines: the header is the union of the keys of this many first records."""


def _open_json_lines(path: Path, encoding: str, size: int) -> TableFile:
    """One JSON object per line, read as a table: a header row (the keys), then the values."""
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding)

    def records() -> Iterator[tuple[int, Any]]:
        for n, line in enumerate(text, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise FileProblem(
                        t("imp.bad_json", file=str(path), line=n, why=exc.msg)
                    ) from None

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        stream = records()
        head = list(itertools.islice(stream, JSON_LINES_HEADER_SCAN))
        keys = list(dict.fromkeys(k for _n, r in head if isinstance(r, dict) for k in r))
        yield 0, keys
        for n, rec in itertools.chain(head, stream):
            if not isinstance(rec, dict):
                raise FileProblem(t("imp.bad_json", file=str(path), line=n, why="not an object"))
            yield n, [rec.get(k) for k in keys]

    def progress() -> tuple[int, int]:
        try:
            return raw.tell(), size
        except (OSError, ValueError):
            return size, size

    return TableFile(rows(), progress, text.close, "jsonl", encoding, scalar_cells=False)


def _open_csv(path: Path, encoding: str, size: int, head: str) -> TableFile:
    first = next((ln for ln in head.splitlines() if ln.strip()), "")
    delimiter = max((",", "\t", ";"), key=first.count)
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        n = 0
        try:
            for cells in reader:
                n += 1
                if cells and any(cells):
                    yield n, cells
        except UnicodeDecodeError:
            raise FileProblem(
                t("imp.bad_encoding_at", file=str(path), encoding=encoding, row=n + 1)
            ) from None
        except csv.Error as exc:
            raise FileProblem(t("imp.bad_csv", file=str(path), row=n + 1, why=str(exc))) from None

    def progress() -> tuple[int, int]:
        try:
            return raw.tell(), size
        except (OSError, ValueError):
            return size, size

    return TableFile(rows(), progress, text.close, "csv", encoding)


def _open_xlsx(path: Path) -> TableFile:
    import zipfile

    from openpyxl import load_workbook

    name = str(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        total = ws.max_row or 0
    except zipfile.BadZipFile:
        raise FileProblem(t("imp.bad_xlsx", file=name, why="not a complete zip")) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on broken files
        raise FileProblem(t("imp.bad_xlsx", file=name, why=type(exc).__name__)) from None
    done = [0]

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        n = 0
        try:
            for cells in ws.iter_rows(values_only=True):
                n += 1
                done[0] = n
                if any(c is not None and c != "" for c in cells):
                    yield n, cells
        except FileProblem:
            raise
        except Exception as exc:  # noqa: BLE001 - a truncated zip fails while streaming
            raise FileProblem(
                t("imp.bad_xlsx_at", file=name, row=n + 1, why=type(exc).__name__)
            ) from None

    return TableFile(rows(), lambda: (done[0], max(total, done[0])), wb.close, "xlsx")
