"""Files creatorctl recognises but does not read yet: a refusal names what the file is.

Each shape is a set of headers (or JSON keys) that together identify a tool's file; a file
whose header row holds all of one is named in the refusal instead of "cannot tell what kind".
Only consulted when no kind reads the file, so a shape here never hides a kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from creatorctl.i18n import language, t
from creatorctl.importers.base import normalize_header
from creatorctl.importers.readers import FileProblem


@dataclass(frozen=True)
class Shape:
    label: tuple[str, str]
    """(Chinese, English) name of the file, with its tool."""
    headers: tuple[str, ...]


SHAPES = (
    # JoeanAmier/TikTokDownloader src/storage/manager.py RecordManager.search_live
    Shape(("TikTokDownloader 的直播数据", "TikTokDownloader's 直播数据 (live search)"),
          ("直播ID", "UID", "SEC_UID", "账号昵称", "SHORT_ID", "头像链接")),
    # … RecordManager.user
    Shape(("TikTokDownloader 的账号数据", "TikTokDownloader's 账号数据 (account data)"),
          ("账号链接", "抖音号", "粉丝数量", "关注数量", "获赞数量", "SEC_UID")),
    # … RecordManager.search_user
    Shape(("TikTokDownloader 的搜索用户数据", "TikTokDownloader's 搜索用户 (user search)"),
          ("UID", "SEC_UID", "账号昵称", "抖音号", "粉丝数量", "获赞数量")),
    # NanmiCoder/MediaCrawler store/douyin/__init__.py save_creator (before 9f4f8bf)
    Shape(("MediaCrawler 的创作者数据", "MediaCrawler's creators file"),
          ("user_id", "nickname", "follows", "fans", "interaction", "videos_count")),
    # Douyin Open Platform /data/external/fans/comment/ (粉丝热评) and /user/fans/ share shapes
    # with kinds; the live billboard /data/extern/billboard/live/:
    Shape(("开放平台直播榜", "the Open Platform live billboard"),
          ("rank", "nickname", "hot_value", "cover", "title")),
)  # fmt: skip


def _norm(cells: Iterable[Any]) -> set[str]:
    return {normalize_header(c) for c in cells if c is not None and str(c).strip()}


def known_shape(rows: Sequence[Sequence[Any]]) -> tuple[str, str] | None:
    """The label of the unsupported shape one of `rows` (header candidates) has, if any."""
    for cells in rows:
        have = _norm(cells)
        for shape in SHAPES:
            if _norm(shape.headers) <= have:
                return shape.label
    return None


def json_keys(doc: Any) -> list[list[str]]:
    """Header candidates of a JSON document: the keys of its first record(s)."""
    out: list[list[str]] = []
    data = doc.get("data") if isinstance(doc, dict) else None
    for inner in (doc, data, *(data.values() if isinstance(data, dict) else ())):
        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
            out.append(list(inner[0]))
        elif isinstance(inner, dict):
            out.append(list(inner))
    return out


def refuse_known_shape(path: Path, candidates: Sequence[Sequence[Any]], forced: bool) -> None:
    """Refuse a file no kind reads by naming what it is, when it is a shape we know."""
    label = None if forced else known_shape(candidates)
    if label is not None:
        what = label[0] if language() == "zh" else label[1]
        raise FileProblem(t("src.unsupported_shape", file=str(path), what=what))
