"""The typed config file (`config.toml`), read once, with defaults for every setting."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from creatorctl.errors import ConfigError
from creatorctl.paths import check_owned_private, config_path


@dataclass
class PublishConfig:
    """`[publish]`: how a draft goes out."""

    command: list[str] = field(default_factory=list)
    """argv with {video} {title} {cover} {tags} {draft_id}; empty means publish locally."""
    timeout: float = 120.0
    """Seconds before a hook run counts as failed."""
    grace_hours: float = 1.0
    """A post that fell due while nothing ran is published if at most this late, else missed."""
    claim_timeout: float = 300.0
    """Seconds after which a post left 'publishing' by a process that died is taken back and
    retried. Keep it above `timeout`, or a slow hook that is still running loses its claim."""
    poll_seconds: float = 0.5
    """How often a scheduler looks for due posts (a post goes out at most this late, plus the
    hook's own time)."""


@dataclass
class ReplyConfig:
    """`[reply]`: how a comment reply is sent (same hook mechanism as publishing)."""

    command: list[str] = field(default_factory=list)
    timeout: float = 30.0


@dataclass
class InsightsConfig:
    """`[insights]`: diagnostic thresholds (the seed's table)."""

    low_completion: float = 0.30
    """A work with completion rate below this is flagged `low_completion`."""
    likes_per_comment: float = 10.0
    """More likes than this per comment is `low_discussion`."""
    min_likes_no_comments: int = 10
    """With no comments, at least this many likes is `low_discussion`."""
    share_min_comments: int = 20
    """`low_share` only looks at works with at least this many comments."""
    share_ratio: float = 0.20
    """Shares below this fraction of comments is `low_share`."""
    region_share: float = 0.30
    """Top province holding at least this share of fans is `region_concentrated`."""
    min_plays: int = 100
    """Works with fewer plays get no completion flags and no relative diagnosis (too few
    viewers to judge); 图文 (picture) posts never get completion flags."""
    recent_works: int = 10
    """Relative diagnosis compares a work with the median of up to this many earlier works."""
    below_recent: float = 0.70
    """A rate below this multiple of the recent median is `below_recent` (for 2s bounce,
    where lower is better: above 1 / this)."""
    above_recent: float = 1.40
    """A rate above this multiple of the recent median is `above_recent` (what worked)."""
    high_bounce_2s: float = 0.40
    """Without history: a 2s bounce rate above this is `high_bounce` (the opening loses people)."""
    low_completion_5s: float = 0.50
    """Without history: a 5s completion below this is `weak_hook`."""


@dataclass
class EarnConfig:
    """`[earn]`: eligibility thresholds (the seed's table) and the product return-rate flag."""

    xingtu_min_fans: int = 10_000
    """星图商单 (brand deals) need at least this many fans."""
    live_commerce_min_fans: int = 1_000
    """直播带货 (live commerce) needs at least this many fans, and real-name verification."""
    return_rate_flag: float = 0.10
    """A product whose return rate is at least this is flagged."""


@dataclass
class InboxConfig:
    """`[inbox]`: comment flag word list and live alert settings."""

    flag_words: list[str] = field(
        default_factory=lambda: ["傻逼", "脑残", "垃圾视频", "骗子", "智商税", "取关了"]
    )
    """Comments containing any of these words are flagged `word` (abuse, provocations)."""
    live_drop_ratio: float = 0.20
    """The live monitor alerts when viewers fall by at least this fraction ..."""
    live_drop_window_s: float = 60.0
    """... within this many seconds (by the samples' own timestamps)."""


@dataclass
class Config:
    """Everything in `config.toml`."""

    publish: PublishConfig = field(default_factory=PublishConfig)
    reply: ReplyConfig = field(default_factory=ReplyConfig)
    insights: InsightsConfig = field(default_factory=InsightsConfig)
    earn: EarnConfig = field(default_factory=EarnConfig)
    inbox: InboxConfig = field(default_factory=InboxConfig)
    path: Path | None = None


def _fill(section_cls: type, raw: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(section_cls)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting '{key}'")
        default = getattr(section_cls(), key)
        if isinstance(default, bool) != isinstance(value, bool) or (
            isinstance(default, int | float)
            and not isinstance(default, bool)
            and not isinstance(value, int | float)
        ):
            raise ConfigError(f"{where}: '{key}' should be a number, not {value!r}")
        if isinstance(default, list) and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise ConfigError(f"{where}: '{key}' should be a list of strings")
        kwargs[key] = value
    return section_cls(**kwargs)


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means all defaults."""
    path = path or config_path()
    if not path.exists():
        return Config(path=path)
    check_owned_private(path, what="config file")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    cfg = Config(path=path)
    sections = {f.name: f for f in fields(Config) if f.name != "path"}
    for name, value in raw.items():
        if name not in sections:
            raise ConfigError(f"{path}: unknown section [{name}]")
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [{name}] should be a table")
        section_cls = type(getattr(cfg, name))
        setattr(cfg, name, _fill(section_cls, value, f"{path} [{name}]"))
    return cfg
