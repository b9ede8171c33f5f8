"""Reusable widgets: the paged table, the chart, the account bar."""
