"""Helpers for Pilot tests."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any, app: Any, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up."""
    from contextlib import suppress

    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        await pilot.pause()
        # An exclusive worker replaced by a newer one while we waited (seen under load in the
        # full suite) is settling, not a failure: wait again next round.
        with suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
    await pilot.pause()
