"""Column names that hand-written SQL (importers, bulk loads) needs, without loading sqlmodel.

The table classes build their metric fields from these tuples (models/core.py), so the names
live here once; `tests/test_schema.py` checks that the classes and these tuples agree.
"""

from __future__ import annotations

WORK_COUNTS = (
    "plays",
    "likes",
    "comments",
    "shares",
    "favorites",
    "profile_visits",
    "fans_gained",
)
"""Running totals a work and its dated snapshots carry, in column order."""
WORK_RATES = ("completion_rate", "completion_5s", "cover_ctr", "bounce_2s", "avg_watch_s")
"""Rates a work and its snapshots carry (NULL when the export did not give them)."""
WORK_METRICS = WORK_COUNTS + WORK_RATES
