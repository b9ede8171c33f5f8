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
import os
import stat
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
JSON_MAX_BYTES = 64 * 1024 * 1024
"""A JSON document is parsed whole (Python objects take several times the file's size), so a
larger one is refused; JSON Lines and CSV stream."""
COLUMNS_MAX = 1_000
"""Widest row read: the widest export has a few dozen columns. Past this a file is refused at
the row, before a line of millions of commas turns into millions of cells."""
LINE_MAX = 4 * 1024 * 1024
"""Longest physical CSV line, in characters (16 columns of 5,000-character text are 80,000)."""
XLSX_PART_MAX = 32 * 1024 * 1024
"""Largest unpacked size of a workbook part other than a sheet: openpyxl holds the shared
strings (and styles) in memory, so this bounds memory whatever the compression ratio. A 1.5 MB
file whose shared strings unpacked to 1.5 GB grew the import to 3.1 GB."""
XLSX_TOTAL_MAX = 1024 * 1024 * 1024
"""Largest unpacked size of a whole workbook (sheets stream, but a bomb would run for ages)."""
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
        # Opened without blocking and checked before reading: a FIFO would wait forever, a
        # device never ends, a folder cannot be read.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise FileProblem(t("imp.not_a_file", file=name)) from None
    except OSError as exc:
        raise FileProblem(t("imp.cannot_read", file=name, why=exc.strerror)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileProblem(t("imp.not_a_file", file=name))
        size = st.st_size
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            sample = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise FileProblem(t("imp.cannot_read", file=name, why=exc.strerror)) from None
    finally:
        if fd >= 0:
            os.close(fd)
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
    except RecursionError:
        raise FileProblem(t("imp.json_too_deep", file=str(path))) from None
    except UnicodeDecodeError:
        raise FileProblem(t("imp.bad_encoding", file=str(path), encoding=encoding)) from None
    except json.JSONDecodeError as exc:
        raise FileProblem(t("imp.bad_json", file=str(path), line=exc.lineno, why=exc.msg)) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise FileProblem(t("imp.bad_json", file=str(path), line="?", why=str(exc))) from None


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
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
                except RecursionError:
                    raise FileProblem(t("imp.json_too_deep", file=f"{path}:{n}")) from None
                except ValueError as exc:  # an integer of more than 4,300 digits
                    raise FileProblem(
                        t("imp.bad_json", file=str(path), line=n, why=str(exc))
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
    lines = [0]

    def bounded() -> Iterator[str]:
        # At most LINE_MAX characters are read at once, so one endless line costs nothing.
        readline = text.readline
        while line := readline(LINE_MAX):
            lines[0] += 1
            if len(line) == LINE_MAX and not line.endswith(("\n", "\r")):
                raise FileProblem(
                    t("imp.line_too_long", file=str(path), line=lines[0], max=f"{LINE_MAX:,}")
                )
            yield line

    reader = csv.reader(bounded(), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        n = 0
        try:
            for cells in reader:
                n += 1
                if len(cells) > COLUMNS_MAX:
                    raise FileProblem(
                        t(
                            "imp.too_many_columns",
                            file=str(path),
                            row=n,
                            n=f"{len(cells):,}",
                            max=f"{COLUMNS_MAX:,}",
                        )
                    )
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
    _check_unpacked_size(path)
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


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook whose parts unpack past XLSX_PART_MAX / XLSX_TOTAL_MAX (a zip bomb).

    The sizes are the ones the zip declares; zipfile never inflates a member past its declared
    size, so a lying header only makes the read stop early (openpyxl then fails cleanly).
    """
    import zipfile

    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # load_workbook words it
    total = 0
    for m in members:
        total += m.file_size
        sheet = m.filename.startswith("xl/worksheets/")
        if (not sheet and m.file_size > XLSX_PART_MAX) or total > XLSX_TOTAL_MAX:
            limit = XLSX_TOTAL_MAX if total > XLSX_TOTAL_MAX else XLSX_PART_MAX
            raise FileProblem(
                t(
                    "imp.xlsx_too_big",
                    file=name,
                    part=m.filename,
                    size=f"{m.file_size:,}",
                    max=f"{limit:,}",
                )
            )
