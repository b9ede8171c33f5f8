"""Helpers for Pilot tests."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any, app: Any, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()
