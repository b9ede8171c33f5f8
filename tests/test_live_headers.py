"""One vocabulary for a live-sample file's headers (issue 13 review: "two live-sample header
vocabularies"). The import (`creatorctl import`, kind `live`) and the live monitor (`live
watch`, `SampleFollower`) each had their own list, and each accepted headers the other did not
(the monitor's 在线观众/时间点, the import's "New fans")."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

from creatorctl.importers.kinds.inbox_live import LiveSamples
from creatorctl.inbox.live import sample_from

ROOT = Path(__file__).parent.parent / "creatorctl"


@pytest.mark.parametrize(
    ("key", "header"), [(c.key, h) for c in LiveSamples.columns for h in c.headers]
)
def test_the_monitor_reads_every_header_the_import_reads(key: str, header: str) -> None:
    record = {"ts": "2026-11-26 20:00:00", "online": "7"}
    record.pop(key, None)
    record[header] = "2026-11-26 21:30:00" if key == "ts" else "12"
    sample = sample_from(record)
    want = datetime(2026, 11, 26, 21, 30) if key == "ts" else 12
    assert getattr(sample, key) == want, (header, sample)


def test_the_import_reads_the_monitors_headers(import_db: str, tmp_path: Path) -> None:
    """时间点/在线观众/礼物数/新粉丝 were the monitor's alone: the import refused the file."""
    from tests.import_helpers import cli, write_csv

    src = write_csv(
        tmp_path / "live.csv",
        [["时间点", "在线观众", "礼物数", "新粉丝"], ["2026-11-20 20:00:00", "100", "3", "1"]],
    )
    code, out, err = cli("import", str(src), "--dry-run")
    assert code == 0 and "live samples" in out and "added 1" in out, out + err


def test_the_header_aliases_are_written_once() -> None:
    """A tuple literal holding 在线人数 (the online column's export header) stands in one
    module only: the live-samples kind's columns."""
    holders = []
    for path in ROOT.rglob("*.py"):
        if "locale" in path.parts or "demo" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and any(
                isinstance(e, ast.Constant) and e.value == "在线人数" for e in node.elts
            ):
                holders.append(path.relative_to(ROOT).as_posix())
    assert holders == ["importers/kinds/inbox_live.py"]
