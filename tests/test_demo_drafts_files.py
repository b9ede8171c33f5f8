"""The demo's drafts come with their video and cover files (issue 13 §11: every demo draft
showed ⚠ because its files did not exist)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from creatorctl.demo import generate
from creatorctl.drafts import list_drafts
from creatorctl.store import open_store


def test_demo_drafts_warn_only_about_the_idea_without_footage(demo_store, demo_account) -> None:  # type: ignore[no-untyped-def]
    drafts = list_drafts(demo_store, demo_account.id)
    with_video = [d for d in drafts if d.video_path]
    assert len(with_video) == len(drafts) - 1  # one is an idea: no footage yet
    assert all(d.video_path.startswith("~/demo-media/demo_pets_7/") for d in with_video)
    assert not any(d.video_missing or d.cover_missing for d in drafts)
    assert sum(bool(d.cover_path) for d in drafts) >= 3
    warned = [d.warnings() for d in drafts if d.warnings()]
    assert warned == [["还没有视频文件"]]


def test_files_are_private_and_next_to_the_store(tmp_path: Path, frozen_clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """0700 folders and 0600 files whatever the umask; outside the home the path is absolute."""
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    store_dir = tmp_path / "stores"
    store_dir.mkdir()
    store = open_store(str(store_dir / "x.db"))
    old = os.umask(0)
    try:
        acc = generate(store, seed=7)
    finally:
        os.umask(old)
    folder = store_dir / "demo-media" / acc.handle
    for f in (folder, folder.parent):
        assert stat.S_IMODE(f.stat().st_mode) == 0o700
    files = sorted(folder.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    drafts = list_drafts(store, acc.id)
    paths = {p for d in drafts for p in (d.video_path, d.cover_path) if p}
    assert paths == {str(f) for f in files}
    assert "placeholder" in files[0].read_text()
    store.close()
