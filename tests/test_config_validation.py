"""Config validation (issue 10 §5): one clear line per mistake, naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatorctl.config import Config, load_config, rule_of
from creatorctl.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    cfg = tmp_path / "config.toml"
    cfg.write_text(text, encoding="utf-8")
    cfg.chmod(0o600)
    return cfg


@pytest.mark.parametrize(
    ("text", "key", "why"),
    [
        ("[publish]\npoll_seconds = 0\n", "poll_seconds", "above 0"),
        ("[publish]\nclaim_timeout = nan\n", "claim_timeout", "finite"),
        ("[publish]\ntimeout = inf\n", "timeout", "finite"),
        ("[publish]\ntimeout = -1\n", "timeout", "above 0"),
        ("[publish]\ntimeout = 1e308\n", "timeout", "at most"),
        ("[publish]\ngrace_hours = -0.5\n", "grace_hours", "at least 0"),
        ("[reply]\ntimeout = 0.0\n", "timeout", "above 0"),
        ("[insights]\nlow_completion = 1.5\n", "low_completion", "at most 1"),
        ("[insights]\nshare_ratio = -0.1\n", "share_ratio", "at least 0"),
        ("[insights]\nmin_likes_no_comments = 2.5\n", "min_likes_no_comments", "whole"),
        ("[earn]\nxingtu_min_fans = -3\n", "xingtu_min_fans", "at least 0"),
        ("[earn]\nreturn_rate_flag = true\n", "return_rate_flag", "number"),
        ("[inbox]\nlive_drop_window_s = 0\n", "live_drop_window_s", "above 0"),
        ("[inbox]\nflag_words = [1, 2]\n", "flag_words", "list of strings"),
        ("[publish]\ncommand = []\n", "command", "non-empty list"),
        ('[publish]\ncommand = ["", "x"]\n', "command", "non-empty list"),
        ('[reply]\ncommand = "echo hi"\n', "command", "list of strings"),
        ('[publish]\nidempotent = "yes"\n', "idempotent", "true or false"),
    ],
)
def test_bad_value_is_one_line_naming_the_key(
    tmp_path: Path, text: str, key: str, why: str
) -> None:
    cfg = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    message = str(info.value)
    assert "\n" not in message
    assert f"'{key}'" in message and why in message and str(cfg) in message


def test_every_mistake_gets_its_own_line(tmp_path: Path) -> None:
    cfg = _write(
        tmp_path,
        "[publish]\npoll_seconds = 0\nclaim_timeout = nan\n[insights]\nshare_ratio = 7\n",
    )
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert "poll_seconds" in lines[0] and "claim_timeout" in lines[1] and "share_ratio" in lines[2]


def test_good_values_are_kept(tmp_path: Path) -> None:
    cfg = _write(
        tmp_path,
        '[publish]\ncommand = ["sh", "-c", "true"]\npoll_seconds = 2\ngrace_hours = 0\n'
        "[insights]\nlow_completion = 0\nshare_ratio = 1\n[inbox]\nflag_words = []\n",
    )
    loaded = load_config(cfg)
    assert loaded.publish.command == ["sh", "-c", "true"]
    assert loaded.publish.poll_seconds == 2.0 and isinstance(loaded.publish.poll_seconds, float)
    assert loaded.insights.low_completion == 0 and loaded.insights.share_ratio == 1
    assert loaded.inbox.flag_words == []


def test_every_setting_declares_its_rule() -> None:
    """Each setting has a rule (declared, or the plain one for its type) its default passes."""
    from dataclasses import fields

    cfg = Config()
    for section in fields(cfg):
        if section.name == "path":
            continue
        value = getattr(cfg, section.name)
        for f in fields(value):
            rule = rule_of(f)
            default = getattr(value, f.name)
            if rule.kind == "command":
                assert default == []
            else:
                assert rule.problem(default) is None, f"[{section.name}] {f.name}"


def test_cli_prints_the_mistake_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_cli import assert_one_line_error, invoke

    cfg = _write(tmp_path, "[publish]\npoll_seconds = 0\n")
    monkeypatch.setenv("CREATORCTL_CONFIG", str(cfg))
    db = tmp_path / "store.db"
    assert invoke("demo", db=db).exit_code == 0
    err = assert_one_line_error(invoke("earn", "status", db=db))
    assert "poll_seconds" in err and "above 0" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[publish]\nidempotent = 1\n", "[publish]: 'idempotent' should be true or false, not 1"),
        ('[notify]\ndigest = "9:00"\n', "[notify]: 'digest' should be a time \"HH:MM\""),
        ('[notify]\ndigest = "24:00"\n', "[notify]: 'digest' should be a time \"HH:MM\""),
        ("[notify]\ncommand = []\n", "[notify]: 'command' should be a non-empty list"),
    ],
)
def test_publish_and_notify_keys_are_validated(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    path.chmod(0o600)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value)


def test_publish_and_notify_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[publish]\nidempotent = true\n[notify]\ncommand = ["notify-send"]\ndigest = "09:00"\n'
    )
    path.chmod(0o600)
    cfg = load_config(path)
    assert cfg.publish.idempotent is True
    assert cfg.notify.command == ["notify-send"] and cfg.notify.digest == "09:00"
