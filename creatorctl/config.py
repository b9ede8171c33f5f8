"""The typed config file (`config.toml`), read once, with defaults for every setting."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from creatorctl.errors import ConfigError
from creatorctl.paths import config_path

# Each setting says what it accepts next to its default, so adding a key is one line:
# `seconds(30.0)`, `ratio(0.2)`, `count(10)`, `number(1.0, lo=0, hi=24)`, `command()`, `words()`.
# A bad value is one line naming the section and key; every mistake in the file is listed.
# Upper bounds keep timedelta() and the scheduler's sleeps from overflowing (1e308 seconds).
_DAY = 86_400.0
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


@dataclass(frozen=True)
class Rule:
    """What one setting accepts."""

    kind: str
    """'number', 'int', 'command' (argv: non-empty list of strings), 'words' (list), 'flag'
    (true/false), 'hhmm' (a time of day "HH:MM", "" for none) or 'zone' (a time zone)."""
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    """True when `lo` itself is refused (timeouts and intervals must be > 0)."""

    def problem(self, value: Any) -> str | None:
        """Why `value` does not fit, or None when it does."""
        if self.kind in ("number", "int"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return f"should be a number, not {value!r}"
            if self.kind == "int" and not isinstance(value, int):
                return f"should be a whole number, not {value!r}"
            if not math.isfinite(value):
                return f"should be a finite number, not {value!r}"
            if self.lo is not None and (value < self.lo or (self.lo_open and value == self.lo)):
                return f"should be {'above' if self.lo_open else 'at least'} {self.lo:g}, not {value!r}"
            if self.hi is not None and value > self.hi:
                return f"should be at most {self.hi:g}, not {value!r}"
            return None
        if self.kind == "flag":
            return None if isinstance(value, bool) else f"should be true or false, not {value!r}"
        if self.kind == "zone":
            from creatorctl.timeutil import valid_zone

            ok = isinstance(value, str) and valid_zone(value)
            return None if ok else f'should be a time zone such as "Asia/Shanghai", not {value!r}'
        if self.kind == "text":
            return None if isinstance(value, str) else f"should be a string, not {value!r}"
        if self.kind == "hhmm":
            ok = isinstance(value, str) and (value == "" or _HHMM.fullmatch(value) is not None)
            return None if ok else f'should be a time "HH:MM" (or "" for none), not {value!r}'
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "should be a list of strings"
        if self.kind == "command" and (not value or not value[0].strip()):
            return "should be a non-empty list of strings (leave it out to work locally)"
        return None


def _setting(default: Any, rule: Rule) -> Any:
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"rule": rule})
    return field(default=default, metadata={"rule": rule})


def number(default: float, lo: float | None = None, hi: float | None = None) -> Any:
    """A finite number within [lo, hi]."""
    return _setting(default, Rule("number", lo, hi))


def seconds(default: float, hi: float = _DAY) -> Any:
    """A duration or timeout in seconds: finite, above 0."""
    return _setting(default, Rule("number", 0.0, hi, lo_open=True))


def ratio(default: float) -> Any:
    """A fraction within 0..1."""
    return _setting(default, Rule("number", 0.0, 1.0))


def count(default: int, hi: float = 10**12) -> Any:
    """A whole number, 0 or more."""
    return _setting(default, Rule("int", 0, hi))


def command() -> Any:
    """An argv: a non-empty list of strings when given; the default (empty) means 'none'."""
    return _setting([], Rule("command"))


def flag(default: bool) -> Any:
    """true or false."""
    return _setting(default, Rule("flag"))


def time_zone(default: str) -> Any:
    """An IANA time zone name ("Asia/Shanghai"), or "local" for this machine's."""
    return _setting(default, Rule("zone"))


def time_of_day(default: str) -> Any:
    """A local time "HH:MM", or "" for none."""
    return _setting(default, Rule("hhmm"))


def rule_of(f: Any) -> Rule:
    """A field's rule; a setting declared without one gets the plain rule for its default's type
    (true/false, whole number, number, string, list of strings), so it is still checked."""
    rule = f.metadata.get("rule")
    if isinstance(rule, Rule):
        return rule
    default = f.default_factory() if callable(f.default_factory) else f.default
    if isinstance(default, bool):
        return Rule("flag")
    if isinstance(default, int):
        return Rule("int", 0)
    if isinstance(default, float):
        return Rule("number")
    if isinstance(default, str):
        return Rule("text")
    return Rule("words")


def words(default: list[str]) -> Any:
    """A list of strings (may be empty)."""
    return _setting(default, Rule("words"))


@dataclass
class PublishConfig:
    """`[publish]`: how a draft goes out."""

    command: list[str] = command()
    """argv with {video} {title} {cover} {tags} {draft_id}; empty means publish locally."""
    timeout: float = seconds(120.0)
    """Seconds before a hook run counts as failed."""
    grace_hours: float = number(1.0, lo=0, hi=24 * 366)
    """A post that fell due while nothing ran is published if at most this late, else missed."""
    claim_timeout: float = seconds(300.0)
    """Seconds after which a post left 'publishing' by a process that died is taken back and
    retried. Keep it above `timeout`, or a slow hook that is still running loses its claim."""
    poll_seconds: float = seconds(0.5, hi=3600)
    """How often a scheduler looks for due posts (a post goes out at most this late, plus the
    hook's own time)."""
    idempotent: bool = flag(False)
    """The hook de-duplicates on CREATORCTL_IDEMPOTENCY_KEY: a try whose outcome was lost (its
    claimer died) is re-run with the same key instead of waiting as `unknown`."""


@dataclass
class ReplyConfig:
    """`[reply]`: how a comment reply is sent (same hook mechanism as publishing)."""

    command: list[str] = command()
    timeout: float = seconds(30.0)


@dataclass
class InsightsConfig:
    """`[insights]`: diagnostic thresholds (the seed's table)."""

    low_completion: float = ratio(0.30)
    """A work with completion rate below this is flagged `low_completion`."""
    likes_per_comment: float = number(10.0, lo=0, hi=1e12)
    """More likes than this per comment is `low_discussion`."""
    min_likes_no_comments: int = count(10)
    """With no comments, at least this many likes is `low_discussion`."""
    share_min_comments: int = count(20)
    """`low_share` only looks at works with at least this many comments."""
    share_ratio: float = ratio(0.20)
    """Shares below this fraction of comments is `low_share`."""
    region_share: float = ratio(0.30)
    """Top province holding at least this share of fans is `region_concentrated`."""
    min_plays: int = count(100)
    """Works with fewer plays get no completion flags and no relative diagnosis (too few
    viewers to judge); 图文 (picture) posts never get completion flags."""
    recent_works: int = count(10, hi=1000)
    """Relative diagnosis compares a work with the median of up to this many earlier works."""
    below_recent: float = ratio(0.70)
    """A rate below this multiple of the recent median is `below_recent` (for 2s bounce,
    where lower is better: above 1 / this)."""
    above_recent: float = number(1.40, lo=1.0, hi=1e6)
    """A rate above this multiple of the recent median is `above_recent` (what worked)."""
    high_bounce_2s: float = ratio(0.40)
    """Without history: a 2s bounce rate above this is `high_bounce` (the opening loses people)."""
    low_completion_5s: float = ratio(0.50)
    """Without history: a 5s completion below this is `weak_hook`."""


@dataclass
class PlatformConfig:
    """`[platform]`: Douyin's publishing limits, checked on save, on schedule and before the
    publish hook runs. Sources: docs/publishing.md ("Platform limits"); values no Douyin
    document states are marked unverified there and here."""

    title_max: int = count(30, hi=100_000)
    """作品标题 characters (hard). Unverified: the Creator Center web publisher's title box, as
    publishing tools built on it enforce (≤ 30); no Douyin document states it."""
    caption_max: int = count(1000, hi=1_000_000)
    """作品简介 characters, #topics and @mentions included (hard). Unverified."""
    topics_max: int = count(5, hi=1000)
    """#话题 per post (hard). Unverified."""
    video_max_mb: int = count(4096, hi=10**9)
    """Video file size in MiB (hard): Open Platform /video/upload/ — 4 GB in total (over 128 MB
    in parts). Verified: open.douyin.com video-management/douyin/create/upload."""
    video_max_s: int = count(900, hi=10**9)
    """Video length in seconds (hard): the same page — 时长在15分钟以内. Verified."""
    cover_aspects: list[str] = words(["3:4", "4:3", "9:16", "16:9"])
    """Cover width:height ratios accepted (soft: a warning). Unverified: the publisher's 竖封面
    3:4 and 横封面 4:3, plus full-frame 9:16 and 16:9."""
    schedule_max_days: int = count(14, hi=3650)
    """How far ahead a post may be scheduled on Douyin (soft). Unverified (publishing tools
    state 最多提前 14 天)."""


@dataclass
class QueueConfig:
    """`[queue]`: the posting queue's weekly slots."""

    slots: list[str] = words([])
    """Slots such as "wed 20:00", "周五 19:30" or "fri 20:00 #周五探店" (kept for a weekly
    series). Empty: the fans' three best active hours. An account's own slots (set in the
    app or with `creatorctl drafts slots --set`) come first."""


@dataclass
class EarnConfig:
    """`[earn]`: eligibility thresholds (the seed's table) and the product return-rate flag."""

    xingtu_min_fans: int = count(10_000)
    """星图商单 (brand deals) need at least this many fans."""
    live_commerce_min_fans: int = count(1_000)
    """直播带货 (live commerce) needs at least this many fans, and real-name verification."""
    return_rate_flag: float = ratio(0.10)
    """A product whose return rate is at least this is flagged."""


@dataclass
class InboxConfig:
    """`[inbox]`: comment flag word list and live alert settings."""

    flag_words: list[str] = words(["傻逼", "脑残", "垃圾视频", "骗子", "智商税", "取关了"])
    """Comments containing any of these words are flagged `word` (abuse, provocations)."""
    live_drop_ratio: float = ratio(0.20)
    """The live monitor alerts when viewers fall by at least this fraction ..."""
    live_drop_window_s: float = seconds(60.0)
    """... within this many seconds (by the samples' own timestamps)."""


@dataclass
class NotifyConfig:
    """`[notify]`: who hears about failed, missed and unknown posts, scheduler errors, live drops."""

    command: list[str] = command()
    """argv run without a shell; the event arrives as one JSON object on stdin."""
    timeout: float = seconds(20.0, hi=600)
    """Seconds before a notify command is killed (it never holds up publishing)."""
    digest: str = time_of_day("")
    """Local "HH:MM" for a daily digest of yesterday (published, failed, missed, flagged
    comments, fan change); "" for none."""


@dataclass
class AccountConfig:
    """`[account]`: Douyin's clock."""

    timezone: str = time_zone("Asia/Shanghai")
    """The zone Douyin's times are in (China Standard Time): naive times in files are read in
    it, times are shown and schedules entered in it, whatever the server's TZ. An account's
    own zone (`creatorctl accounts edit --timezone`) overrides it; "local" means the server's."""


@dataclass
class Config:
    """Everything in `config.toml`."""

    account: AccountConfig = field(default_factory=AccountConfig)
    publish: PublishConfig = field(default_factory=PublishConfig)
    reply: ReplyConfig = field(default_factory=ReplyConfig)
    insights: InsightsConfig = field(default_factory=InsightsConfig)
    earn: EarnConfig = field(default_factory=EarnConfig)
    platform: PlatformConfig = field(default_factory=PlatformConfig)
    queue: QueueConfig = field(default_factory=QueueConfig)
    inbox: InboxConfig = field(default_factory=InboxConfig)
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    path: Path | None = None


def _fill(section_cls: type, raw: dict[str, Any], where: str, mistakes: list[str]) -> Any:
    known = {f.name: f for f in fields(section_cls)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            mistakes.append(f"{where}: unknown setting '{key}'")
            continue
        rule = rule_of(known[key])
        problem = rule.problem(value)
        if problem:
            mistakes.append(f"{where}: '{key}' {problem}")
            continue
        kwargs[key] = float(value) if rule.kind == "number" else value
    return section_cls(**kwargs)


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means all defaults.

    Raises:
        ConfigError: one line per mistake, each naming the section and key.
    """
    path = path or config_path()
    if not path.exists():
        return _in_force(Config(path=path))
    from creatorctl.i18n import t
    from creatorctl.safe_fs import check_file

    check_file(path, what=t("fs.what.config"))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    cfg = Config(path=path)
    sections = {f.name: f for f in fields(Config) if f.name != "path"}
    mistakes: list[str] = []
    for name, value in raw.items():
        if name not in sections:
            mistakes.append(f"{path}: unknown section [{name}]")
        elif not isinstance(value, dict):
            mistakes.append(f"{path}: [{name}] should be a table")
        else:
            section_cls = type(getattr(cfg, name))
            setattr(cfg, name, _fill(section_cls, value, f"{path} [{name}]", mistakes))
    if mistakes:
        raise ConfigError("\n".join(mistakes))
    return _in_force(cfg)


def account_timezone(path: Path | None = None) -> str:
    """``[account] timezone`` alone, for the clock (timeutil): a mistake elsewhere in the file
    is reported by the commands that use that part, not by every time shown.

    Raises:
        ConfigError: the setting itself is not a known zone (one line naming it).
    """
    path = path or config_path()
    default: str = AccountConfig().timezone
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return default  # missing (the default), or unreadable: load_config says why
    section = raw.get("account")
    if not isinstance(section, dict) or "timezone" not in section:
        return default
    rule = next(f for f in fields(AccountConfig) if f.name == "timezone").metadata["rule"]
    problem = rule.problem(section["timezone"])
    if problem:
        raise ConfigError(f"{path} [account]: 'timezone' {problem}")
    return str(section["timezone"])


def _in_force(cfg: Config) -> Config:
    """The settings the whole process follows, not only its readers: Douyin's clock."""
    from creatorctl.timeutil import set_config_zone

    set_config_zone(cfg.account.timezone)
    return cfg
