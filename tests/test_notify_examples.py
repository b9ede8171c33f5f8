"""examples/notify_*.sh post what the robots expect, run as `[notify] command` would run them.

The robots' request shapes: 企业微信 group robot
https://developer.work.weixin.qq.com/document/path/91770 (`{"msgtype": "text", "text":
{"content": …}}`, answer `{"errcode": 0}`); 飞书 custom bot
https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (`{"msg_type": "text",
"content": {"text": …}}`, answer `{"code": 0}`). `curl` and `sendmail` are stand-ins on PATH.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from creatorctl.config import NotifyConfig
from creatorctl.notify import Notifier, both, make_event
from tests._drafts_support import ROOT, write_script

EXAMPLES = ROOT / "examples"


@pytest.fixture
def fake_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    write_script(
        bin_dir / "curl",
        f"for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{tmp_path}/curl.args'\n"
        "printf '%s' \"$ANSWER\"\n",
    )
    write_script(
        bin_dir / "sendmail", f"echo \"$@\" > '{tmp_path}/mail.args'\ncat > '{tmp_path}/mail'\n"
    )
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def _event() -> dict[str, object]:
    texts = both("notify.publish_failed", id=12, title="猫爬架", error="quota exceeded")
    return make_event("publish_failed", texts, account="me", draft_id=12, title="猫爬架")


def _posted(tmp_path: Path) -> tuple[str, dict[str, object]]:
    args = (tmp_path / "curl.args").read_text().splitlines()
    body = args[args.index("--data-binary") + 1]
    return args[-1], json.loads(body)


@pytest.mark.parametrize(
    ("script", "secret", "url", "ok", "bad"),
    [
        (
            "notify_wecom.sh",
            "KEY-1",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY-1",
            '{"errcode": 0, "errmsg": "ok"}',
            '{"errcode": 93000, "errmsg": "invalid webhook url"}',
        ),
        (
            "notify_feishu.sh",
            "TOKEN-1",
            "https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN-1",
            '{"code": 0, "msg": "success", "data": {}}',
            '{"code": 19024, "msg": "Key Words Not Found"}',
        ),
    ],
)
def test_robot_examples(
    fake_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    secret: str,
    url: str,
    ok: str,
    bad: str,
) -> None:
    notifier = Notifier(NotifyConfig(command=[str(EXAMPLES / script), secret]))
    monkeypatch.setenv("ANSWER", ok)
    assert notifier.send(_event()).ok
    posted_to, body = _posted(fake_path)
    assert posted_to == url
    if script == "notify_wecom.sh":
        assert body["msgtype"] == "text"
        text = body["text"]["content"]  # type: ignore[index]
    else:
        assert body["msg_type"] == "text"
        text = body["content"]["text"]  # type: ignore[index]
    assert text.startswith("[creatorctl] 发布失败 #12《猫爬架》") and "quota exceeded" in text
    monkeypatch.setenv("ANSWER", bad)
    result = notifier.send(_event())
    assert not result.ok and ("93000" in result.stderr_tail or "19024" in result.stderr_tail)


def test_sendmail_example(fake_path: Path) -> None:
    notifier = Notifier(
        NotifyConfig(command=[str(EXAMPLES / "notify_sendmail.sh"), "me@example.com"])
    )
    assert notifier.send(_event()).ok
    mail = (fake_path / "mail").read_text()
    assert (fake_path / "mail.args").read_text().split() == ["-i", "--", "me@example.com"]
    assert mail.startswith("To: me@example.com\nSubject: =?utf-8?")
    assert "发布失败 #12《猫爬架》" in mail and '"event": "publish_failed"' in mail
