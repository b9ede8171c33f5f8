"""Importers survive fuzzed input: any bytes give a result or one clear UserError, never a crash."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creatorctl.errors import UserError
from creatorctl.importers import import_file
from creatorctl.store import Store
from tests.import_helpers import WORKS_HEADER, account_id, rows

_n = itertools.count()
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _try(store: Store, folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"fuzz{next(_n)}{suffix}"
    path.write_bytes(data)
    before = rows(store, "SELECT count(*) FROM work")
    try:
        import_file(store, path, account_id=account_id(store))
    except UserError as exc:
        assert str(exc).strip()
        assert rows(store, "SELECT count(*) FROM work") == before


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from([".csv", ".xlsx", ".json", ""]))
def test_random_bytes(import_store: Store, tmp_path: Path, data: bytes, suffix: str) -> None:
    _try(import_store, tmp_path, data, suffix)


@FUZZ
@given(st.lists(st.lists(st.text(max_size=12), max_size=len(WORKS_HEADER) + 2), max_size=6))
def test_random_cells_under_a_works_header(
    import_store: Store, tmp_path: Path, body: list[list[str]]
) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows([WORKS_HEADER, *body])
    _try(import_store, tmp_path, buf.getvalue().encode("utf-8"), ".csv")


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from(["data", "list", "item_id", "title", "create_time", "statistics",
                             "play_count", "error_code", "rows"]), inner, max_size=5),
        max_leaves=20,
    )
)  # fmt: skip
def test_random_json(import_store: Store, tmp_path: Path, doc: object) -> None:
    import json

    _try(import_store, tmp_path, json.dumps(doc).encode("utf-8"), ".json")


def test_a_zip_that_is_not_a_workbook(import_store: Store, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with pytest.raises(UserError, match=r"notes\.xlsx.*damaged or incomplete"):
        import_file(import_store, path, account_id=account_id(import_store))
