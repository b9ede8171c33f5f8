"""The hook runner: argv without a shell, JSON in, every way a hook can fail."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from creatorctl.hooks import render_argv, run_hook
from creatorctl.i18n import set_language
from tests._drafts_support import write_script


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_placeholders_are_replaced_once_per_argument() -> None:
    argv = render_argv(
        ["up", "{title}", "--tags={tags}", "{unknown}"], {"title": "{tags}", "tags": "#a #b"}
    )
    assert argv == ["up", "{tags}", "--tags=#a #b", "{unknown}"]


def test_success_with_an_item_id_and_stdin(tmp_path: Path) -> None:
    hook = write_script(
        tmp_path / "h.sh", 'read line\necho "$line" >&2\necho \'{"item_id": 42}\'\n'
    )
    result = run_hook([str(hook)], {}, {"title": "标题"}, timeout=10)
    assert result.ok and result.exit_code == 0 and result.data == {"item_id": 42}
    assert '"title": "标题"' in result.stderr_tail


def test_empty_stdout_is_success_without_data(tmp_path: Path) -> None:
    result = run_hook([str(write_script(tmp_path / "h.sh", "exit 0\n"))], {}, {}, timeout=10)
    assert result.ok and result.data == {}


def test_non_zero_exit_keeps_the_stderr_tail(tmp_path: Path) -> None:
    hook = write_script(tmp_path / "h.sh", "seq 1 2000 >&2\necho 'token expired' >&2\nexit 2\n")
    result = run_hook([str(hook)], {}, {}, timeout=10)
    assert not result.ok and result.exit_code == 2
    assert result.error == "the hook exited with 2: token expired"
    assert result.stderr_tail.endswith("token expired") and len(result.stderr_tail) <= 2000


def test_exit_zero_with_no_json_line_is_success_without_data(tmp_path: Path) -> None:
    """The exit status decides: output that is not JSON is only output."""
    hook = write_script(tmp_path / "h.sh", "echo '<html>502 Bad Gateway</html>'\n")
    result = run_hook([str(hook)], {}, {}, timeout=10)
    assert result.ok and result.data == {}


def test_the_last_stdout_line_that_parses_as_json_is_the_result(tmp_path: Path) -> None:
    hook = write_script(
        tmp_path / "h.sh",
        'echo \'{"item_id": "1"}\'\necho \'{"item_id": "2"}\'\necho \'{broken\'\necho done\n',
    )
    result = run_hook([str(hook)], {}, {}, timeout=10)
    assert result.ok and result.data == {"item_id": "2"}


def test_a_missing_program_is_a_failure() -> None:
    result = run_hook(["/nonexistent/publish-hook", "{title}"], {"title": "x"}, {}, timeout=10)
    assert not result.ok and result.exit_code is None
    assert result.error == "hook program not found: /nonexistent/publish-hook"


def test_a_program_that_is_not_executable(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sh"
    plain.write_text("echo hi\n")
    result = run_hook([str(plain)], {}, {}, timeout=10)
    assert not result.ok and "not executable" in result.error


def test_a_timeout_kills_the_hook_and_its_children(tmp_path: Path) -> None:
    hook = write_script(tmp_path / "h.sh", "echo started >&2\nsleep 30 &\nsleep 30\n")
    began = time.monotonic()
    result = run_hook([str(hook)], {}, {}, timeout=0.5)
    assert time.monotonic() - began < 5
    assert not result.ok and result.error == "the hook timed out (0.5 s)"
    assert result.stderr_tail == "started"
