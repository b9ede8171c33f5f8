"""The Data tab: totals, trends and flagged works."""
