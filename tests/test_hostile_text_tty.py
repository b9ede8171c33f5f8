"""Issue 10 §2 in a real terminal: opening every tab over hostile data writes no escape of its own.

The app runs as `python -m creatorctl` on a pty (as a user would start it), over the store of
tests/hostile_text.py (OSC 52 clipboard writes, OSC 0/2 window titles, CSI clears, the one-byte
C1 CSI, bidi controls in titles, comments, nicknames, group names). Keys 1–6 open each tab and
`]` walks the Inbox views. The raw bytes the app wrote must hold no OSC 52, no title change and
no C1 control: those could only come from the data, since Textual itself writes none of them.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.hostile_text import OSC52_PAYLOAD, load_hostile_store

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a Linux pty")


def _drain(fd: int, seconds: float, into: bytearray) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            into.extend(chunk)


def test_tabs_over_hostile_text_leave_title_and_clipboard_alone(
    import_db: str, tmp_path: Path
) -> None:
    load_hostile_store(tmp_path, import_db)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="110", LINES="30")
    env.pop("CREATORCTL_NO_PREBUILD", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "creatorctl", "--db", import_db],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    out = bytearray()
    try:
        _drain(master, 6.0, out)
        for key in [b"1", b"2", b"3", b"4", b"5", b"]", b"]", b"]", b"]", b"6", b"1"]:
            os.write(master, key)
            _drain(master, 2.0, out)
        os.write(master, b"q")
        _drain(master, 2.0, out)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        os.close(master)
    text = out.decode("utf-8", errors="replace")
    assert "\x1b[?1049h" in text, "the app did not start: " + text[-500:]
    assert "宽字符" in text or "emoji" in text, "the hostile data was not on screen"
    assert "\x1b]52;" not in text, "the clipboard was written from the data"
    assert f"␛]52;c;{OSC52_PAYLOAD}" in text  # the title is on screen, its escape inert
    assert not re.search(r"\x1b\][0-9]*;?PWNED", text), "a window title was set from the data"
    assert "PWNED-TITLE\x07" not in text and "PWNED-TITLE\x1b\\" not in text
    assert not re.search("[\x80-\x9f]", text), "a C1 control reached the terminal"
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text), "a bidi control reached it"
    assert "\x1bP+q" not in text, "a DCS from the data reached the terminal"
