"""Douyin's publishing limits (`[platform]`), checked on save, on schedule and before publishing.

A hard limit is one the platform refuses a post for: a draft breaking one is never handed to
the publish hook. A soft one (cover aspect, schedule distance) is a warning. The defaults and
where each comes from are in `PlatformConfig` (creatorctl.config) and docs/publishing.md.
Video length and cover size are read from the files' headers with the standard library (MP4
`mvhd`, PNG `IHDR`, JPEG `SOF`); a file that cannot be read is not judged.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from creatorctl.config import PlatformConfig
from creatorctl.errors import UserError
from creatorctl.hooks import HookResult
from creatorctl.i18n import t


@dataclass(frozen=True)
class Violation:
    """One limit a draft breaks; `hard` ones stop it from being published."""

    key: str
    hard: bool
    message: str

    def as_json(self) -> dict[str, object]:
        return {"limit": self.key, "hard": self.hard, "message": self.message}


def check_post(
    limits: PlatformConfig,
    *,
    title: str,
    description: str,
    tags: tuple[str, ...] | list[str],
    video_path: str,
    cover_path: str,
) -> list[Violation]:
    """Every limit the post breaks, hard ones first."""
    out: list[Violation] = []
    if len(title) > limits.title_max:
        out.append(
            Violation("title_max", True, t("limit.title", n=len(title), max=limits.title_max))
        )
    if len(description) > limits.caption_max:
        out.append(
            Violation(
                "caption_max", True, t("limit.caption", n=len(description), max=limits.caption_max)
            )
        )
    if len(tags) > limits.topics_max:
        out.append(
            Violation("topics_max", True, t("limit.topics", n=len(tags), max=limits.topics_max))
        )
    video = Path(video_path).expanduser() if video_path else None
    if video is not None and video.is_file():
        size_mb = video.stat().st_size / (1024 * 1024)
        if size_mb > limits.video_max_mb:
            out.append(
                Violation(
                    "video_max_mb",
                    True,
                    t("limit.video_size", mb=f"{size_mb:,.0f}", max=f"{limits.video_max_mb:,}"),
                )
            )
        seconds = mp4_duration(video)
        if seconds is not None and seconds > limits.video_max_s:
            out.append(
                Violation(
                    "video_max_s",
                    True,
                    t("limit.video_length", s=f"{seconds:,.0f}", max=f"{limits.video_max_s:,}"),
                )
            )
    cover = Path(cover_path).expanduser() if cover_path else None
    if cover is not None and cover.is_file() and limits.cover_aspects:
        size = image_size(cover)
        if size is not None and not _aspect_ok(size, limits.cover_aspects):
            w, h = size
            out.append(
                Violation(
                    "cover_aspects",
                    False,
                    t("limit.cover", w=w, h=h, aspects=" / ".join(limits.cover_aspects)),
                )
            )
    return sorted(out, key=lambda v: not v.hard)


def _aspect_ok(size: tuple[int, int], aspects: list[str], tolerance: float = 0.03) -> bool:
    w, h = size
    if not w or not h:
        return True
    for a in aspects:
        try:
            aw, ah = (float(x) for x in a.split(":"))
        except ValueError:
            continue
        if ah and abs((w / h) / (aw / ah) - 1) <= tolerance:
            return True
    return False


def parse_aspect(text: str) -> bool:
    """Whether `text` is an aspect such as "3:4" (config validation)."""
    try:
        aw, ah = (float(x) for x in text.split(":"))
    except ValueError:
        return False
    return aw > 0 and ah > 0


def mp4_duration(path: Path) -> float | None:
    """Seconds, from the `moov/mvhd` box of an MP4/MOV; None when it cannot be read."""
    try:
        with path.open("rb") as f:
            end = path.stat().st_size
            moov = _find_box(f, 0, end, b"moov")
            if moov is None:
                return None
            mvhd = _find_box(f, moov[0], moov[1], b"mvhd")
            if mvhd is None:
                return None
            f.seek(mvhd[0])
            head = f.read(32)
            if not head:
                return None
            if head[0] == 1:  # version 1: 64-bit times
                scale, duration = struct.unpack(">IQ", head[20:32])
            else:
                scale, duration = struct.unpack(">II", head[12:20])
            return duration / scale if scale else None
    except (OSError, struct.error):
        return None


def _find_box(f, start: int, end: int, name: bytes) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """(payload start, payload end) of the first box `name` between start and end."""
    pos = start
    while pos + 8 <= end:
        f.seek(pos)
        header = f.read(16)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header[:8])
        skip = 8
        if size == 1 and len(header) >= 16:
            size = struct.unpack(">Q", header[8:16])[0]
            skip = 16
        elif size == 0:
            size = end - pos
        if size < skip:
            return None
        if kind == name:
            return pos + skip, pos + size
        pos += size
    return None


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG from its header; None for anything else."""
    try:
        with path.open("rb") as f:
            head = f.read(26)
            if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
                w, h = struct.unpack(">II", head[16:24])
                return int(w), int(h)
            if head[:2] != b"\xff\xd8":
                return None
            f.seek(2)
            for _ in range(10_000):
                marker = f.read(2)
                if len(marker) < 2 or marker[0] != 0xFF:
                    return None
                if marker[1] in (0xD8, 0x01) or 0xD0 <= marker[1] <= 0xD7:
                    continue
                length = struct.unpack(">H", f.read(2))[0]
                if marker[1] in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB):
                    h, w = struct.unpack(">xHH", f.read(5))
                    return int(w), int(h)
                f.seek(length - 2, 1)
    except (OSError, struct.error):
        return None
    return None


def draft_violations(draft: Any, limits: PlatformConfig) -> list[Violation]:
    """`check_post` for a draft (DraftInfo or Claim: anything with the post's fields)."""
    return check_post(
        limits,
        title=draft.title,
        description=draft.description,
        tags=tuple(draft.tags),
        video_path=draft.video_path,
        cover_path=draft.cover_path,
    )


def configured_limits() -> PlatformConfig:
    """The `[platform]` profile from the config file (the defaults if it cannot be read: a bad
    config file has already been reported where it was loaded first)."""
    from creatorctl.config import load_config
    from creatorctl.errors import ConfigError

    try:
        return load_config().platform
    except ConfigError:
        return PlatformConfig()


def refuse_over_limits(claim: Any, limits: PlatformConfig | None = None) -> HookResult | None:
    """A failed result, without running the hook, for a post breaking a hard limit."""
    hard = [v for v in draft_violations(claim, limits or configured_limits()) if v.hard]
    if not hard:
        return None
    reasons = "; ".join(v.message for v in hard)
    return HookResult(
        False, None, t("limit.not_published", reasons=reasons), "", {"over_limits": True}
    )


def check_limits(
    draft: Any, when_local: datetime, now: datetime, limits: PlatformConfig | None
) -> list[str]:
    """Refuse a draft breaking a hard `[platform]` limit; the soft ones, as warnings."""
    limits = limits or configured_limits()
    found = draft_violations(draft, limits)
    hard = [v.message for v in found if v.hard]
    if hard:
        raise UserError(t("limit.refused", id=draft.id, reasons="; ".join(hard)))
    soft = [v.message for v in found]
    days = (when_local - now).days
    if days >= limits.schedule_max_days:
        soft.append(t("limit.schedule_far", days=days, max=limits.schedule_max_days))
    return soft
