"""The garbage collector's full passes, moved to moments nobody waits for (issue 15).

A full collection walks every container object the process holds: ~110 ms at 170,000 objects
on the large demo, more as the tabs fill their caches. Left to itself, Python ran one every
few tab switches, in the middle of one (`bench_tabs`: one or two of every six switches lost
90–180 ms to it). Here, once the app is built, what exists is frozen (`gc.freeze`: it lives as
long as the app, and a full pass no longer walks it), automatic full passes are off, and the
app runs one itself when due and the user has pressed nothing for a moment — or at the latest
a minute after the last. Young objects are collected as before.
"""

from __future__ import annotations

import gc
import time

from textual.app import App

IDLE_AFTER = 1.5
"""Seconds without a key, click or tab switch before a full pass may run."""
CHECK_EVERY = 1.0
AT_LATEST = 60.0
"""Seconds after the last full pass that the next one runs, idle or not."""
NEVER = 1 << 30
"""A third collector threshold that automatic full passes never reach."""


class IdleCollector(App[str | None]):
    """An App part (like StoreSync): `start_idle_collector()` once it is built;
    `note_activity()` on input."""

    _last_activity = 0.0
    _last_full = 0.0
    _saved_threshold: tuple[int, int, int] | None = None

    def note_activity(self) -> None:
        self._last_activity = time.monotonic()

    def start_idle_collector(self) -> None:
        gc.freeze()
        if self._saved_threshold is not None:
            return  # running already (a second freeze only moved what was built since)
        self._saved_threshold = gc.get_threshold()
        young, middle, full = self._saved_threshold
        self._full_due = full  # a full pass is due after this many middle ones, as Python's
        gc.set_threshold(young, middle, NEVER)
        self._last_full = time.monotonic()
        self.set_interval(CHECK_EVERY, self._collect_when_idle)

    def stop_idle_collector(self) -> None:
        """Put Python's own thresholds back (the app is closing)."""
        if self._saved_threshold is not None:
            gc.set_threshold(*self._saved_threshold)
            self._saved_threshold = None

    def _collect_when_idle(self) -> None:
        now = time.monotonic()
        due = gc.get_count()[2] >= self._full_due
        if (due and now - self._last_activity >= IDLE_AFTER) or now - self._last_full >= AT_LATEST:
            gc.collect()
            self._last_full = time.monotonic()
